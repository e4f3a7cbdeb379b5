"""What an import would do, before it does it: new, changed (old -> new) and unchanged
figures and targets, and every problem by sheet, row, column and reason.

Two pure steps, so the window can run both off the GUI thread and read the store between
them on its own thread: `resolve` finds each row's indicator and period (it needs only the
indicators); `compare` reads the figures and compares them with `Known`, the plan's current
figures and targets for just those indicators and periods (app.import_service reads it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app import units
from app.domain import (
    Comparator,
    ComparatorKind,
    Indicator,
    Source,
    Target,
    TargetOperator,
    ValidationError,
    Value,
    ValueStatus,
)
from app.importer import cells, plausible
from app.importer.mapping import COMPARATOR_FIELDS, FIELDS, Mapping
from app.importer.workbook import CellValue, Sheet
from app.importer.xlsx_styles import column_letters
from app.indicator_service import FigureEntry
from app.periods import Period

_PERCENT_UNITS = cells.PERCENT_UNITS
_CHECK_EVERY = 2000  # rows between looks at cancel and progress


class ImportCancelled(Exception):
    pass


@dataclass
class Problem:
    sheet: str
    row: int  # 1-based, as the spreadsheet numbers it
    column: str  # "C (Value)", or "" for the whole row
    reason: str

    def __str__(self) -> str:
        where = f"{self.sheet}, row {self.row}" + (f", column {self.column}" if self.column
                                                    else "")
        return f"{where}: {self.reason}"


@dataclass
class Row:
    """A row whose indicator and period are known."""

    r: int  # 0-based sheet row
    indicator: Indicator
    period: Period
    breakdown: str
    key: str = ""  # the period's key, computed once per distinct period
    label: str = ""  # the period's label, likewise


@dataclass
class Resolved:
    path: Path
    sheet: Sheet
    mapping: Mapping
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blank_rows: int = 0
    sender: str = ""  # who sent it, for each figure's provenance (a data return's Cover)
    remarks: list[str] = field(default_factory=list)

    def wanted(self) -> tuple[set[str], set[str], set[str]]:
        """(indicator ids, period keys, ids whose history decides fractions)."""
        ids = {row.indicator.id for row in self.rows}
        periods = {row.key for row in self.rows}
        history = set() if self.sheet.formats_read else {
            row.indicator.id for row in self.rows if row.indicator.unit in _PERCENT_UNITS}
        return ids, periods, history


@dataclass
class Known:
    """The plan's current figures and targets in force for the rows of an import, and the
    figures so far of the indicators whose history reads a fraction."""

    values: dict[tuple[str, str, str], Value]
    targets: dict[tuple[str, str], Target]  # by (indicator, period)
    histories: dict[str, list[float]] = field(default_factory=dict)
    # every figure so far of the rows' indicators, by (indicator, breakdown, period key),
    # for the plausibility warnings
    series: dict[tuple[str, str, str], float] = field(default_factory=dict)
    # the comparators of the rows' periods, by (indicator, period key, kind)
    comparators: dict[tuple[str, str, str], Comparator] = field(default_factory=dict)


@dataclass
class Change:
    kind: str  # "new" | "changed" | "unchanged"
    what: str  # "figure" | "target"
    indicator: str
    period: str
    breakdown: str
    old: str
    new: str
    row: int


@dataclass
class TargetEntry:
    indicator_id: str
    period: str
    parsed: units.ParsedTarget
    row: str
    source: Source


@dataclass
class ComparatorEntry:
    indicator_id: str
    period: str
    kind: ComparatorKind
    value: float | None
    raw_text: str
    source: Source


@dataclass
class DryRun:
    path: Path
    sheet: str
    mapping: Mapping
    entries: list[FigureEntry] = field(default_factory=list)
    targets: list[TargetEntry] = field(default_factory=list)
    comparators: list[ComparatorEntry] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # how cells were read
    blank_rows: int = 0
    warnings: list[Problem] = field(default_factory=list)  # implausible, yet importable

    def count(self, kind: str, what: str = "figure") -> int:
        return sum(1 for c in self.changes if c.kind == kind and c.what == what)

    @property
    def can_commit(self) -> bool:
        return not self.problems and bool(self.entries or self.targets or self.comparators)


def _norm(text: str) -> str:
    return "".join(text.lower().split())


class Finder:
    """An indicator by code, then ref, then title, then its id."""

    def __init__(self, indicators: list[Indicator]):
        self.by: list[dict[str, list[Indicator]]] = [{}, {}, {}, {}]
        for ind in indicators:
            for names, key in zip(self.by, (ind.code, ind.ref, ind.title, ind.id),
                                  strict=True):
                if key:
                    names.setdefault(_norm(key), []).append(ind)
        self.cache: dict[str, Indicator | str] = {}

    def find(self, text: str) -> Indicator:
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = self._find(text)
        if isinstance(found, str):
            raise cells.CellProblem(found)
        return found

    def name_of(self, indicator: Indicator) -> str:
        """The first of its code, ref, title and id that finds this indicator alone."""
        for text in (indicator.code, indicator.ref, indicator.title):
            if text and self._find(text) is indicator:
                return text
        return indicator.id

    def _find(self, text: str) -> Indicator | str:
        key = _norm(text)
        for names in self.by:
            found = names.get(key)
            if found and len(found) == 1:
                return found[0]
            if found:
                return f"'{text}' names {len(found)} indicators; use its code"
        return f"no indicator '{text}' in this plan file"


class _Columns:
    """Naming columns in problems: 'C (Value)'."""

    def __init__(self, sheet: Sheet, mapping: Mapping):
        self.sheet, self.cols = sheet, mapping.columns
        row = mapping.header_row
        self.headers = sheet.rows[row] if row < len(sheet.rows) else []

    def name(self, field_name: str) -> str:
        if not field_name:
            return ""
        c = self.cols[field_name]
        header = self.headers[c] if c < len(self.headers) else None
        return f"{column_letters(c)} ({FIELDS[field_name] if header is None else header})"

    def get(self, r: int, field_name: str) -> CellValue:
        c = self.cols.get(field_name)
        if c is None:
            return None
        cells_ = self.sheet.rows[r]
        return cells_[c] if c < len(cells_) else None


def _tick(r: int, total: int, progress: Callable[[int, int], None] | None,
          cancelled: Callable[[], bool] | None) -> None:
    if cancelled and cancelled():
        raise ImportCancelled
    if progress:
        progress(r, total)


def resolve(path: Path, sheet: Sheet, mapping: Mapping, indicators: list[Indicator], *,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Resolved:
    """Each row's indicator and period; rows that name neither, or hold formulas, are
    problems. Progress counts the first half of the work."""
    out = Resolved(path, sheet, mapping)
    finder = Finder(indicators)
    cols = _Columns(sheet, mapping)
    formulas = sheet.formulas
    value_col, target_col = mapping.columns["value"], mapping.columns.get("target", -1)
    period_col = mapping.columns["period"]
    periods: dict[tuple[CellValue, str, str | None], tuple[Period, str, str] | str] = {}
    total = len(sheet.rows)
    for r in range(mapping.header_row + 1, total):
        if r % _CHECK_EVERY == 0:
            _tick(r // 2, total, progress, cancelled)
        row_cells = sheet.rows[r]
        if all(c is None for c in row_cells):
            out.blank_rows += 1
            continue
        if formulas and ((r, value_col) in formulas or (r, target_col) in formulas):
            for name in ("value", "target"):
                if (r, mapping.columns.get(name, -1)) in formulas:
                    out.problems.append(Problem(
                        sheet.name, r + 1, cols.name(name),
                        "a formula: its stored result is not trusted (files written by some "
                        "programs have none); type the figure itself"))
            continue
        ind_cell = cols.get(r, "indicator")
        if ind_cell is None or not str(ind_cell).strip():
            out.problems.append(Problem(sheet.name, r + 1, cols.name("indicator"),
                                        "no indicator named"))
            continue
        try:
            indicator = finder.find(str(ind_cell).strip())
        except cells.CellProblem as exc:
            out.problems.append(Problem(sheet.name, r + 1, cols.name("indicator"), str(exc)))
            continue
        cell = cols.get(r, "period")
        fmt = sheet.formats.get((r, period_col))
        key = (cell, indicator.period_type, fmt)
        period = periods.get(key)
        if period is None:
            try:
                read = cells.read_period(cell, indicator.period_type, fmt=fmt)
                period = (read, read.key, read.label)
            except cells.CellProblem as exc:
                period = str(exc)
            periods[key] = period
        if isinstance(period, str):
            out.problems.append(Problem(sheet.name, r + 1, cols.name("period"), period))
            continue
        out.rows.append(Row(r, indicator, period[0],
                            str(cols.get(r, "breakdown") or "").strip(), period[1], period[2]))
    return out


def _shown(value: Value | None) -> str:
    if value is None:
        return "–"
    shown = value.raw_text or ("" if value.value is None else cells.plain(value.value))
    if value.status is not ValueStatus.ACTUAL:
        shown = f"{shown} ({value.status.value})".strip()
    return shown


def _same(before: Value, fig: units.ParsedFigure, note: str | None) -> bool:
    same_value = (before.value is None and fig.value is None) or (
        before.value is not None and fig.value is not None
        and abs(before.value - fig.value) <= 1e-9 * max(1.0, abs(fig.value)))
    return (same_value and before.status is fig.status and before.expected == fig.expected
            and (note is None or before.note == note))


def same_target(old: Target, new: units.ParsedTarget) -> bool:
    """The same target: the same words as the plan printed it (however they were read when
    it was entered), or the same operator and figures."""
    if old.raw_text and old.raw_text.strip() == new.text.strip():
        return True
    return (old.operator is new.operator and old.value == new.value
            and old.value_high == new.value_high and old.comparator == new.comparator
            and (new.value is not None or old.raw_text == new.text))


def compare(resolved: Resolved, known: Known, *,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> DryRun:
    """Read each resolved row's figure, status, note and target, and compare them with the
    plan. Progress counts the second half of the work."""
    sheet, mapping, path = resolved.sheet, resolved.mapping, resolved.path
    result = DryRun(path, sheet.name, mapping, problems=list(resolved.problems),
                    blank_rows=resolved.blank_rows, remarks=list(resolved.remarks))
    cols = _Columns(sheet, mapping)
    value_col = mapping.columns["value"]
    letters = column_letters(value_col)
    has_note, has_status = "note" in mapping.columns, "status" in mapping.columns
    has_target = "target" in mapping.columns
    has_raw = "raw_text" in mapping.columns
    comparator_kinds = [k for k in COMPARATOR_FIELDS if k in mapping.columns]
    seen: dict[tuple[str, str, str], int] = {}
    seen_targets: set[tuple[str, str]] = set()
    fractions: list[str] = []  # "row 4: 0.075 → 7.5%"
    checked: list[plausible.Checked] = []
    document = path.name
    total = len(sheet.rows)
    for n, row in enumerate(resolved.rows):
        if n % _CHECK_EVERY == 0:
            _tick((total + row.r) // 2, total, progress, cancelled)
        r, indicator, period_key, period_label = row.r, row.indicator, row.key, row.label
        shown_row = r + 1
        label = indicator.code or indicator.ref or indicator.title
        # A blank note cell leaves the note as it is: blank is missing, never "erase".
        note_cell = cols.get(r, "note") if has_note else None
        note = None if note_cell is None else (str(note_cell).strip() or None)
        status_cell = cols.get(r, "status") if has_status else None
        try:
            read = cells.read_figure(cols.get(r, "value"), indicator.unit,
                                     fmt=sheet.formats.get((r, value_col)),
                                     formats_read=sheet.formats_read,
                                     history=known.histories.get(indicator.id))
        except cells.CellProblem as exc:
            result.problems.append(Problem(sheet.name, shown_row, cols.name("value"),
                                           str(exc)))
            continue
        try:
            status = cells.read_status(status_cell)
        except cells.CellProblem as exc:
            result.problems.append(Problem(sheet.name, shown_row, cols.name("status"),
                                           str(exc)))
            continue
        raw_cell = cols.get(r, "raw_text") if has_raw else None
        raw = "" if raw_cell is None else str(raw_cell).strip()
        if read is None and status is None and raw:  # the figure only as printed
            try:
                read = cells.read_figure(raw, indicator.unit, fmt=None, formats_read=True)
            except cells.CellProblem as exc:
                result.problems.append(Problem(sheet.name, shown_row, cols.name("raw_text"),
                                               str(exc)))
                continue
        if status is not None:
            status_text = str(status_cell).strip()
            if read is None:
                read = cells.ReadFigure(status_text, dataclasses.replace(status))
            else:
                read.figure.status = status.status
                read.figure.expected = status.expected or read.figure.expected
                read.text = f"{read.text} {status_text}"
        if read is not None and raw:
            read.text = raw  # kept as the sender printed it; value and status as read
        source = Source(document=document, location=f"{sheet.name}!{letters}{shown_row}",
                        entered_by=resolved.sender)
        if read is not None:
            if read.figure.value is not None:
                try:
                    units.validate_value(read.figure.value, indicator.unit)
                except ValidationError as exc:  # the services refuse it too
                    result.problems.append(Problem(sheet.name, shown_row, cols.name("value"),
                                                   str(exc).rstrip(".")))
                    continue
            key = (indicator.id, period_key, row.breakdown)
            if key in seen:
                result.problems.append(Problem(
                    sheet.name, shown_row, "",
                    f"repeats row {seen[key]} ({label}, {period_label}"
                    + (f", {row.breakdown}" if row.breakdown else "") + ")"))
                continue
            seen[key] = shown_row
            if read.remark:
                fractions.append(f"row {shown_row}: {read.remark}")
            before = known.values.get(key)
            kind = "new" if before is None else (
                "unchanged" if _same(before, read.figure, note) else "changed")
            result.changes.append(Change(kind, "figure", label, period_label, row.breakdown,
                                         _shown(before), read.text, shown_row))
            if kind != "unchanged" and read.figure.value is not None:
                checked.append(plausible.Checked(shown_row, indicator, period_key,
                                                 row.breakdown, read.figure.value))
            if kind != "unchanged":
                result.entries.append(FigureEntry(
                    indicator.id, period_key, read.text, note, row.breakdown,
                    row=f"{sheet.name} row {shown_row}", source=source, figure=read.figure))
        elif note:
            result.problems.append(Problem(sheet.name, shown_row, cols.name("value"),
                                           "a note with no figure; blank is missing, never "
                                           "zero"))
            continue
        else:
            result.blank_rows += 1
        if has_target:
            _read_target(result, row, cols, known, seen_targets, label, source)
        for kind in comparator_kinds:
            _read_comparator(result, row, cols, known, seen_targets, label, source, kind)
    if not sheet.formats_read:
        result.remarks.append(f"{path.suffix} files carry no number formats Boardpack reads: "
                              "each figure is read by its indicator's unit and history.")
    if fractions:
        result.remarks.append(
            f"{len(fractions)} fraction(s) read as percentages, the indicator being a "
            "percentage (with earlier figures above 1 where it has any): "
            + "; ".join(fractions[:5]) + (" …" if len(fractions) > 5 else ""))
    result.problems.sort(key=lambda p: p.row)
    result.warnings = [Problem(sheet.name, r, cols.name("value"), why)
                       for r, why in plausible.warnings(checked, known.series)]
    if progress:
        progress(total, total)
    return result


def _read_target(result: DryRun, row: Row, cols: _Columns, known: Known,
                 seen: set[tuple[str, str]], label: str, source: Source) -> None:
    cell = cols.get(row.r, "target")
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return
    indicator, sheet = row.indicator, cols.sheet
    key = (indicator.id, row.key)
    if key in seen:
        return  # one target per indicator and period; breakdown rows repeat it
    seen.add(key)
    text = str(cell).strip()
    if not isinstance(cell, str):
        try:
            read = cells.read_figure(cell, indicator.unit,
                                     fmt=sheet.formats.get((row.r, cols.cols["target"])),
                                     formats_read=sheet.formats_read,
                                     history=known.histories.get(indicator.id))
        except cells.CellProblem as exc:
            result.problems.append(Problem(sheet.name, row.r + 1, cols.name("target"),
                                           str(exc)))
            return
        text = read.text if read else text
    parsed = units.parse_target_text(text, indicator.unit, indicator.polarity)
    if parsed.value is not None and parsed.operator is not TargetOperator.RELATIVE_TO_BASELINE:
        try:
            units.validate_value(parsed.value, indicator.unit)
        except ValidationError as exc:
            result.problems.append(Problem(sheet.name, row.r + 1, cols.name("target"),
                                           str(exc).rstrip(".")))
            return
    old = known.targets.get(key)
    kind = "new" if old is None else ("unchanged" if same_target(old, parsed) else "changed")
    result.changes.append(Change(kind, "target", label, row.label, "",
                                 "–" if old is None else (old.raw_text or str(old.value)),
                                 text, row.r + 1))
    if kind != "unchanged":
        result.targets.append(TargetEntry(indicator.id, row.key, parsed,
                                          f"{sheet.name} row {row.r + 1}", source))


def _read_comparator(result: DryRun, row: Row, cols: _Columns, known: Known,
                     seen: set[tuple[str, str]], label: str, source: Source,
                     field_name: str) -> None:
    """A comparator cell (England, region, ...): one per indicator and period, as targets."""
    cell = cols.get(row.r, field_name)
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return
    indicator, sheet = row.indicator, cols.sheet
    if (indicator.id, f"{row.key} {field_name}") in seen:
        return
    seen.add((indicator.id, f"{row.key} {field_name}"))
    try:
        read = cells.read_figure(cell, indicator.unit,
                                 fmt=sheet.formats.get((row.r, cols.cols[field_name])),
                                 formats_read=sheet.formats_read,
                                 history=known.histories.get(indicator.id))
        if read is not None and read.figure.value is not None:
            units.validate_value(read.figure.value, indicator.unit)
    except (cells.CellProblem, ValidationError) as exc:
        result.problems.append(Problem(sheet.name, row.r + 1, cols.name(field_name),
                                       str(exc).rstrip(".")))
        return
    if read is None:
        return
    value = read.figure.value
    old = known.comparators.get((indicator.id, row.key, field_name))
    same = old is not None and (old.value == value or (
        old.value is not None and value is not None
        and abs(old.value - value) <= 1e-9 * max(1.0, abs(value))))
    kind = "new" if old is None else ("unchanged" if same else "changed")
    result.changes.append(Change(kind, "comparator", label, f"{row.label} "
                                 f"({FIELDS[field_name].split(' (')[0]})", "",
                                 "–" if old is None else (old.raw_text or str(old.value)),
                                 read.text, row.r + 1))
    if kind != "unchanged":
        result.comparators.append(ComparatorEntry(indicator.id, row.key,
                                                  ComparatorKind(field_name), value, read.text,
                                                  source))
