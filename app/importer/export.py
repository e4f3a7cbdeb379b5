"""Every figure of a plan (or of chosen indicators) as a sheet the importer reads back
unchanged: one row per indicator, period and breakdown, with its value, status, note, the
figure as printed, the target in force for the period and the comparators (England,
region, statistical neighbours, top quartile).

The indicator is named by the first of its code, ref, title and id that names it alone in
the file (as the importer's finder reads it); percentages are written with their % sign in
.csv, where no number format is read, so a figure below 1 is never taken for a fraction.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app import units
from app.atomic_write import PendingFile
from app.domain import (
    Comparator,
    ComparatorKind,
    Indicator,
    Target,
    TargetOperator,
    ValidationError,
    Value,
    ValueStatus,
)
from app.importer.cells import PERCENT_UNITS, plain
from app.importer.dry_run import Finder, same_target
from app.periods import Period
from app.target_words import target_words
from app.targets import live_targets

COMPARATOR_HEADERS = {ComparatorKind.ENGLAND: "England",
                      ComparatorKind.REGION: "Regional average",
                      ComparatorKind.STATISTICAL_NEIGHBOURS: "Statistical neighbours",
                      ComparatorKind.TOP_QUARTILE: "Top quartile"}
HEADERS = ("Indicator", "Title", "Period", "Breakdown", "Value", "Status", "Note",
           "As printed", "Target", *COMPARATOR_HEADERS.values())
FORMATS = (".xlsx", ".csv")
_STATUS_SHORTHAND = {
    ValueStatus.ACTUAL: "",
    ValueStatus.PROVISIONAL: "[p]",
    ValueStatus.SUPPRESSED: "[c]",
    ValueStatus.NOT_AVAILABLE: "[x]",
    ValueStatus.NOT_APPLICABLE: "[z]",
    ValueStatus.ROUNDS_TO_ZERO: "[low]",
}


@dataclass
class FigureRow:
    indicator: Indicator
    name: str  # what the Indicator column holds
    period: str  # a period key
    breakdown: str = ""
    value: Value | None = None
    target: str = ""
    comparators: dict[ComparatorKind, Comparator] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple:
        return (self.name.lower(), self.period, self.breakdown)


def status_text(value: Value) -> str:
    """The Status column's cell: the shorthand the importer reads back as this status."""
    if value.status is ValueStatus.NOT_YET_AVAILABLE:
        return f"nya: {value.expected}" if value.expected else "nya"
    if value.status is ValueStatus.BELOW:
        return value.raw_text.strip() or "<"
    return _STATUS_SHORTHAND[value.status]


def target_text(indicator: Indicator, target: Target) -> str:
    """The target as text that reads back as the same target: as printed, else in words."""
    if target.raw_text:
        return target.raw_text
    words = target_words(indicator, target)
    if target.operator is TargetOperator.RELATIVE_TO_BASELINE and target.value is not None:
        change = f"increase by {plain(target.value)}" if target.value >= 0 else (
            f"reduce by {plain(-target.value)}")
        if not same_target(target, units.parse_target_text(words, indicator.unit,
                                                           indicator.polarity)):
            return change
    return words


def figure_rows(indicators: list[Indicator], every_indicator: list[Indicator],
                values: Iterable[Value], targets: Iterable[Target],
                comparators: Iterable[Comparator] = ()) -> list[FigureRow]:
    """The rows for `indicators` (named so as to be found among `every_indicator`, all of
    the file's): a row per figure, and one per target or comparator in a period with no
    figure (a target or comparator is repeated on each breakdown's row of its period)."""
    finder = Finder(every_indicator)
    names = {i.id: finder.name_of(i) for i in indicators}
    by_id = {i.id: i for i in indicators}
    rows: dict[tuple[str, str, str], FigureRow] = {}
    for v in values:
        if v.indicator_id in by_id:
            rows[(v.indicator_id, v.period, v.breakdown)] = FigureRow(
                by_id[v.indicator_id], names[v.indicator_id], v.period, v.breakdown, v)
    by_period: dict[tuple[str, str], list[FigureRow]] = {}
    for (i, p, _), row in rows.items():
        by_period.setdefault((i, p), []).append(row)

    def rows_of(indicator: Indicator, period: str) -> list[FigureRow]:
        found = by_period.get((indicator.id, period))
        if not found:
            row = FigureRow(indicator, names[indicator.id], period)
            rows[(indicator.id, period, "")] = row
            found = by_period[(indicator.id, period)] = [row]
        return found

    for t in live_targets(targets):
        if t.indicator_id in by_id:
            text = target_text(by_id[t.indicator_id], t)
            for row in rows_of(by_id[t.indicator_id], t.period):
                row.target = text
    for c in comparators:
        if c.indicator_id in by_id:
            for row in rows_of(by_id[c.indicator_id], c.period):
                row.comparators[c.kind] = c
    return sorted(rows.values(), key=lambda r: r.sort_key)


def _number_cell(indicator: Indicator, value: float | None, for_csv: bool
                 ) -> float | str | None:
    if value is None:
        return None
    if for_csv:
        return plain(value) + ("%" if indicator.unit in PERCENT_UNITS else "")
    return value


def _comparator_cell(row: FigureRow, kind: ComparatorKind, for_csv: bool) -> object:
    c = row.comparators.get(kind)
    if c is None:
        return None
    if c.value is None:
        return c.raw_text or None
    return _number_cell(row.indicator, c.value, for_csv)


def cells(row: FigureRow, *, for_csv: bool) -> list[object]:
    v = row.value
    return [row.name, row.indicator.title, Period.from_key(row.period).label, row.breakdown,
            _number_cell(row.indicator, v.value if v else None, for_csv),
            status_text(v) if v else "", v.note if v else "", v.raw_text if v else "",
            row.target, *(_comparator_cell(row, k, for_csv) for k in COMPARATOR_HEADERS)]


def write_figures(target: Path, rows: list[FigureRow], *,
                  cancelled: Callable[[], bool] | None = None) -> PendingFile:
    """The rows written under a temporary name beside `target` (.xlsx or .csv); the caller
    commits it into place."""
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(f"{target.name}: figures are exported as .xlsx or .csv, not "
                              f"'{suffix or 'no extension'}'.", field="output")
    write = _write_csv if suffix == ".csv" else _write_xlsx
    return PendingFile(target, lambda tmp: write(tmp, rows, cancelled))


class ExportCancelled(Exception):
    pass


def _rows_checked(rows: list[FigureRow], cancelled: Callable[[], bool] | None,
                  for_csv: bool) -> Iterable[list[object]]:
    for n, row in enumerate(rows):
        if cancelled and n % 2000 == 0 and cancelled():
            raise ExportCancelled
        yield cells(row, for_csv=for_csv)


def _write_csv(path: Path, rows: list[FigureRow],
               cancelled: Callable[[], bool] | None) -> None:
    # UTF-8 with a BOM: Excel then opens accents and £ correctly; the importer reads either
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow(HEADERS)
        for line in _rows_checked(rows, cancelled, True):
            out.writerow(["" if c is None else c for c in line])


def _write_xlsx(path: Path, rows: list[FigureRow],
                cancelled: Callable[[], bool] | None) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Figures")
    for letter, width in zip("ABCDEFGHIJKLM", (14, 40, 12, 18, 10, 10, 40, 16, 16, 12, 12, 12,
                                               12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for line in _rows_checked(rows, cancelled, False):
        # text that looks like a formula is kept as text, never run by the spreadsheet
        sheet.append([_text_cell(sheet, c) for c in line])
    book.save(path)


def _text_cell(sheet, value: object) -> object:
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
