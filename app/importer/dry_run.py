"""What an import would do, before it does it: new, changed (old -> new) and unchanged
figures and targets, and every problem by sheet, row, column and reason.

Pure: it reads a Sheet, a Mapping and a Known (the plan's indicators and current figures,
gathered by app.import_service) and writes nothing, so the window can run it off the GUI
thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app import units
from app.domain import Indicator, Source, Target, TargetOperator, Value, ValueStatus
from app.importer import cells
from app.importer.mapping import FIELDS, Mapping
from app.importer.workbook import CellValue, Sheet
from app.importer.xlsx_styles import column_letters
from app.indicator_service import FigureEntry
from app.periods import Period


class ImportCancelled(Exception):
    pass


@dataclass
class Known:
    """The plan as the import sees it: indicators, current figures and targets."""

    indicators: list[Indicator]
    values: dict[tuple[str, str, str], Value]
    targets: dict[tuple[str, str], Target]  # those in force, by (indicator, period)

    def history(self, indicator_id: str) -> list[float]:
        return [v.value for (i, _, _), v in self.values.items()
                if i == indicator_id and v.value is not None]


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
class DryRun:
    path: Path
    sheet: str
    mapping: Mapping
    entries: list[FigureEntry] = field(default_factory=list)
    targets: list[TargetEntry] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # how cells were read
    blank_rows: int = 0

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def can_commit(self) -> bool:
        return not self.problems and bool(self.entries or self.targets)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())


class _Finder:
    """An indicator by code, then ref, then title."""

    def __init__(self, indicators: list[Indicator]):
        self.by: list[dict[str, list[Indicator]]] = [{}, {}, {}]
        for ind in indicators:
            for names, key in zip(self.by, (ind.code, ind.ref, ind.title), strict=True):
                if key:
                    names.setdefault(_norm(key), []).append(ind)

    def find(self, text: str) -> Indicator:
        key = _norm(text)
        for names in self.by:
            found = names.get(key)
            if found and len(found) == 1:
                return found[0]
            if found:
                raise cells.CellProblem(f"'{text}' names {len(found)} indicators; use its code")
        raise cells.CellProblem(f"no indicator '{text}' in this plan file")


def _shown(value: Value | None) -> str:
    if value is None:
        return "–"
    shown = value.raw_text or ("" if value.value is None else cells._plain(value.value))
    if value.status is not ValueStatus.ACTUAL:
        shown = f"{shown} ({value.status.value})".strip()
    return shown


def _same(before: Value, fig: units.ParsedFigure, note: str | None) -> bool:
    same_value = (before.value is None and fig.value is None) or (
        before.value is not None and fig.value is not None
        and abs(before.value - fig.value) <= 1e-9 * max(1.0, abs(fig.value)))
    return (same_value and before.status is fig.status and before.expected == fig.expected
            and (note is None or before.note == note))


def _same_target(old: Target, new: units.ParsedTarget) -> bool:
    return (old.operator is new.operator and old.value == new.value
            and old.value_high == new.value_high and old.comparator == new.comparator
            and (new.value is not None or old.raw_text == new.text))


def dry_run(path: Path, sheet: Sheet, mapping: Mapping, known: Known, *,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> DryRun:
    result = DryRun(path, sheet.name, mapping)
    finder = _Finder(known.indicators)
    histories: dict[str, list[float]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    seen_targets: dict[tuple[str, str], int] = {}
    cols = mapping.columns
    headers = sheet.rows[mapping.header_row] if mapping.header_row < len(sheet.rows) else []
    fractions: list[str] = []  # "row 4: 0.075 → 7.5%"

    def column(name: str) -> str:
        c = cols[name]
        header = headers[c] if c < len(headers) and headers[c] is not None else FIELDS[name]
        return f"{column_letters(c)} ({header})"

    def get(r: int, name: str) -> CellValue:
        return sheet.cell(r, cols[name]) if name in cols else None

    total = len(sheet.rows)
    for r in range(mapping.header_row + 1, total):
        if r % 2000 == 0:
            if cancelled and cancelled():
                raise ImportCancelled
            if progress:
                progress(r, total)
        row_cells = sheet.rows[r]
        if all(c is None for c in row_cells):
            result.blank_rows += 1
            continue
        shown_row = r + 1
        problem_count = len(result.problems)

        def problem(name: str, reason: str, row: int = shown_row) -> None:
            result.problems.append(Problem(sheet.name, row, column(name) if name else "",
                                           reason))

        for name in ("value", "target"):
            if (r, cols.get(name, -1)) in sheet.formulas:
                problem(name, "a formula: its stored result is not trusted (files written by "
                              "some programs have none); type the figure itself")
        if len(result.problems) > problem_count:
            continue
        ind_cell = get(r, "indicator")
        if ind_cell is None or not str(ind_cell).strip():
            problem("indicator", "no indicator named")
            continue
        try:
            indicator = finder.find(str(ind_cell).strip())
        except cells.CellProblem as exc:
            problem("indicator", str(exc))
            continue
        try:
            period = cells.read_period(get(r, "period"), indicator.period_type,
                                       fmt=sheet.formats.get((r, cols["period"])))
        except cells.CellProblem as exc:
            problem("period", str(exc))
            continue
        breakdown = str(get(r, "breakdown") or "").strip()
        note_cell = get(r, "note")
        # A blank note cell leaves the note as it is: blank is missing, never "erase".
        note = str(note_cell).strip() or None if note_cell is not None else None
        source = Source(document=path.name,
                        location=f"{sheet.name}!{column_letters(cols['value'])}{shown_row}")
        label = indicator.code or indicator.ref or indicator.title
        try:
            if indicator.id not in histories:
                histories[indicator.id] = known.history(indicator.id)
            read = cells.read_figure(get(r, "value"), indicator.unit,
                                     fmt=sheet.formats.get((r, cols["value"])),
                                     formats_read=sheet.formats_read,
                                     history=histories[indicator.id])
            status = cells.read_status(get(r, "status")) if "status" in cols else None
        except cells.CellProblem as exc:
            problem("status" if "status" in cols and "status '" in str(exc) else "value",
                    str(exc))
            continue
        if read is None and status is not None:
            read = cells.ReadFigure(str(get(r, "status")).strip(), status)
        elif read is not None and status is not None:
            read.figure.status = status.status
            read.figure.expected = status.expected or read.figure.expected
            read.text = f"{read.text} {str(get(r, 'status')).strip()}"
        if read is not None:
            if read.figure.value is not None:
                try:
                    units.validate_value(read.figure.value, indicator.unit)
                except Exception as exc:  # ValidationError: the services refuse it too
                    problem("value", str(exc).rstrip("."))
                    continue
            key = (indicator.id, period.key, breakdown)
            if key in seen:
                problem("", f"repeats row {seen[key]} ({label}, {period.label}"
                            + (f", {breakdown}" if breakdown else "") + ")")
                continue
            seen[key] = shown_row
            if read.remark:
                fractions.append(f"row {shown_row}: {read.remark}")
            before = known.values.get(key)
            kind = "new" if before is None else (
                "unchanged" if _same(before, read.figure, note) else "changed")
            result.changes.append(Change(kind, "figure", label, period.label, breakdown,
                                         _shown(before), read.text, shown_row))
            if kind != "unchanged":
                result.entries.append(FigureEntry(indicator.id, period.key, read.text, note,
                                                  breakdown, row=f"{sheet.name} row {shown_row}",
                                                  source=source, figure=read.figure))
        elif note:
            problem("value", "a note with no figure; blank is missing, never zero")
            continue
        else:
            result.blank_rows += "target" not in cols or get(r, "target") is None
        _read_target(result, r, get(r, "target"), indicator, period, known, seen_targets,
                     sheet, problem, label, source)
    if not sheet.formats_read:
        result.remarks.append(f"{path.suffix} files carry no number formats Boardpack reads: "
                              "each figure is read by its indicator's unit and history.")
    if fractions:
        result.remarks.append(
            f"{len(fractions)} fraction(s) read as percentages, the indicator being a "
            "percentage (with earlier figures above 1 where it has any): "
            + "; ".join(fractions[:5]) + (" …" if len(fractions) > 5 else ""))
    if progress:
        progress(total, total)
    return result


def _read_target(result: DryRun, r: int, cell: CellValue, indicator: Indicator,
                 period: Period, known: Known, seen: dict[tuple[str, str], int],
                 sheet: Sheet, problem: Callable[..., None], label: str,
                 source: Source) -> None:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return
    col = result.mapping.columns["target"]
    try:
        read = cells.read_figure(cell, indicator.unit, fmt=sheet.formats.get((r, col)),
                                 formats_read=sheet.formats_read,
                                 history=known.history(indicator.id))
    except cells.CellProblem:
        read = None  # worded targets ("in line with England") are read below
    text = read.text if read is not None and not isinstance(cell, str) else str(cell).strip()
    parsed = units.parse_target_text(text, indicator.unit, indicator.polarity)
    if parsed.value is not None and parsed.operator is not TargetOperator.RELATIVE_TO_BASELINE:
        try:
            units.validate_value(parsed.value, indicator.unit)
        except Exception as exc:  # ValidationError
            problem("target", str(exc).rstrip("."))
            return
    key = (indicator.id, period.key)
    if key in seen:
        return  # one target per indicator and period; breakdown rows repeat it
    seen[key] = r + 1
    old = known.targets.get(key)
    kind = "new" if old is None else ("unchanged" if _same_target(old, parsed) else "changed")
    result.changes.append(Change(kind, "target", label, period.label, "",
                                 "–" if old is None else (old.raw_text or str(old.value)),
                                 text, r + 1))
    if kind != "unchanged":
        result.targets.append(TargetEntry(indicator.id, period.key, parsed,
                                          f"{sheet.name} row {r + 1}", source))
