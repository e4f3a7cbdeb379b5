"""A plan from the tracker a board already keeps: its tree (refs, titles, kinds, leads), its
indicators and their targets, read from a workbook in the layout docs/tracker-layout.md
describes (a template ships as resources/tracker-template.xlsx).

Reading checks everything first and names each problem by file, sheet, row and column;
only a tracker with none is turned into a plan (app.import_service.ImportService.
plan_from_tracker), in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app import paths, units
from app.domain import NodeKind, Polarity, Unit, ValidationError
from app.importer import cells
from app.importer.workbook import CellValue, Sheet, read_sheet, sheet_names
from app.periods import PeriodType

TEMPLATE = "tracker-template.xlsx"
PLAN_SHEET, ITEMS_SHEET, INDICATORS_SHEET, TARGETS_SHEET = (
    "Plan", "Items", "Indicators", "Targets")
# Each sheet's columns: field -> (header as the template prints it, required)
ITEM_COLUMNS = {
    "ref": ("Ref", True), "title": ("Title", True), "kind": ("Kind", True),
    "parent": ("Parent ref", False), "lead_organisation": ("Lead organisation", False),
    "lead_role": ("Lead role", False), "partners": ("Partners", False),
    "description": ("Description", False),
}
INDICATOR_COLUMNS = {
    "code": ("Code", True), "title": ("Title", True), "items": ("Item refs", True),
    "unit": ("Unit", True), "polarity": ("Polarity", True), "period_type": ("Period", True),
    "rate_base": ("Rate per", False), "data_source": ("Data source", False),
}
TARGET_COLUMNS = {
    "code": ("Indicator code", True), "period": ("Period", True), "target": ("Target", True),
}
PLAN_FIELDS = {"title": "Title", "board": "Board", "period_start": "Starts",
               "period_end": "Ends"}

_UNIT_WORDS = {**{u.value: u for u in Unit}, **{v.lower(): k for k, v in
                                                 units.UNIT_LABELS.items()},
               "percent": Unit.PERCENT, "%": Unit.PERCENT, "percentage": Unit.PERCENT,
               "number": Unit.COUNT, "rate": Unit.RATE, "£": Unit.MONEY}
_POLARITY_WORDS = {**{p.value: p for p in Polarity}, **{v.lower(): k for k, v in
                                                         units.POLARITY_LABELS.items()},
                   "higher": Polarity.HIGHER, "lower": Polarity.LOWER, "up": Polarity.HIGHER,
                   "down": Polarity.LOWER}
_PERIOD_WORDS = {**{t.value: t for t in PeriodType}, **{t.label.lower(): t for t in PeriodType},
                 "financial year": PeriodType.FINANCIAL_YEAR,
                 "academic year": PeriodType.ACADEMIC_YEAR, "quarter": PeriodType.QUARTER,
                 "calendar year": PeriodType.CALENDAR_YEAR, "year": PeriodType.FINANCIAL_YEAR}
_KIND_WORDS = {**{k.value: k for k in NodeKind}, "outcome group": NodeKind.OUTCOME_GROUP}


class TrackerError(ValidationError):
    """The tracker cannot be read as a plan: every problem, by file, sheet, row and column."""

    def __init__(self, path: Path, problems: list[str]):
        shown = problems[:20] + ([f"… and {len(problems) - 20} more"]
                                 if len(problems) > 20 else [])
        super().__init__(f"{path.name}: nothing was imported; put right:\n"
                         + "\n".join(f"  {p}" for p in shown), field="tracker")
        self.problems = problems


@dataclass
class TrackerItem:
    row: int
    ref: str
    title: str
    kind: NodeKind
    parent: str = ""
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class TrackerIndicator:
    row: int
    code: str
    title: str
    items: list[str]
    unit: Unit
    polarity: Polarity
    period_type: PeriodType
    rate_base: int | None = None
    data_source: str = ""


@dataclass
class TrackerTarget:
    row: int
    code: str
    period: str  # a period key
    parsed: units.ParsedTarget


@dataclass
class Tracker:
    path: Path
    plan: dict[str, object]
    items: list[TrackerItem]
    indicators: list[TrackerIndicator]
    targets: list[TrackerTarget]


def template_bytes() -> bytes:
    """The blank tracker (with a worked example) that ships with the app."""
    return paths.resource(TEMPLATE).read_bytes()


def _text(cell: CellValue) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return cells.plain(cells.clean_number(cell))
    return str(cell).strip()


def _norm(header: CellValue) -> str:
    return re.sub(r"\s+", " ", _text(header).lower())


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def problem(self, sheet: str, row: int | None, column: str, what: str) -> None:
        where = f"{self.path.name}, sheet '{sheet}'" + (f", row {row}" if row else "") + (
            f", column '{column}'" if column else "")
        self.problems.append(f"{where}: {what}")

    def table(self, sheet: Sheet, columns: dict[str, tuple[str, bool]]
              ) -> list[tuple[int, dict[str, CellValue]]]:
        """The sheet's rows by field, under its header row (the first with every required
        header); [] (with a problem) if there is none."""
        wanted = {header.lower(): name for name, (header, _) in columns.items()}
        for r, row in enumerate(sheet.rows[:20]):
            found = {wanted[_norm(c)]: i for i, c in enumerate(row) if _norm(c) in wanted}
            if all(name in found for name, (_, req) in columns.items() if req):
                out = []
                for n in range(r + 1, len(sheet.rows)):
                    cells_ = sheet.rows[n]
                    if all(c is None or _text(c) == "" for c in cells_):
                        continue
                    out.append((n + 1, {name: (cells_[i] if i < len(cells_) else None)
                                        for name, i in found.items()}))
                return out
        missing = [h for h, req in columns.values() if req]
        self.problem(sheet.name, None, "", "no header row with the columns "
                     + ", ".join(f"'{h}'" for h in missing))
        return []

    def required(self, sheet: str, row: int, header: str, cell: CellValue) -> str:
        text = _text(cell)
        if not text:
            self.problem(sheet, row, header, "is empty")
        return text

    def choice(self, sheet: str, row: int, header: str, cell: CellValue,
               words: dict[str, object], what: str) -> object | None:
        text = _text(cell)
        found = words.get(text.lower())
        if found is None:
            shown = sorted({w for w in words if len(w) > 2 and " " not in w})
            self.problem(sheet, row, header, f"'{text}' is not {what} Boardpack knows (use "
                         f"one of: {', '.join(shown)})")
        return found


def read_tracker(path: str | Path) -> Tracker:
    """The tracker, checked; raises TrackerError naming every problem (and ImportFileError
    for a file that is not a spreadsheet)."""
    path = Path(path)
    names = sheet_names(path)
    reader = _Reader(path)
    for needed in (PLAN_SHEET, ITEMS_SHEET):
        if needed not in names:
            reader.problem(needed, None, "", "there is no such sheet (a tracker has the sheets "
                           f"{PLAN_SHEET}, {ITEMS_SHEET}, {INDICATORS_SHEET} and "
                           f"{TARGETS_SHEET}: see the template)")
    if reader.problems:
        raise TrackerError(path, reader.problems)
    plan = _plan(reader, read_sheet(path, PLAN_SHEET))
    items = _items(reader, read_sheet(path, ITEMS_SHEET))
    indicators: list[TrackerIndicator] = []
    targets: list[TrackerTarget] = []
    if INDICATORS_SHEET in names:
        indicators = _indicators(reader, read_sheet(path, INDICATORS_SHEET),
                                 {i.ref for i in items})
    if TARGETS_SHEET in names:
        targets = _targets(reader, read_sheet(path, TARGETS_SHEET),
                           {i.code.lower(): i for i in indicators})
    if reader.problems:
        raise TrackerError(path, reader.problems)
    return Tracker(path, plan, items, indicators, targets)


def _plan(reader: _Reader, sheet: Sheet) -> dict[str, object]:
    by_label = {label.lower(): name for name, label in PLAN_FIELDS.items()}
    plan: dict[str, object] = {}
    for r, row in enumerate(sheet.rows):
        label = _norm(row[0] if row else None).rstrip(":")
        if label not in by_label:
            continue
        name, cell = by_label[label], row[1] if len(row) > 1 else None
        if name.startswith("period_"):
            if cell is None or _text(cell) == "":
                continue
            day = _day(cell)
            if day is None:
                reader.problem(sheet.name, r + 1, "B", f"'{_text(cell)}' is not a date")
                continue
            plan[name] = day
        else:
            plan[name] = _text(cell)
    if not plan.get("title"):
        reader.problem(sheet.name, None, "", "no 'Title' row naming the plan")
    return plan


def _day(cell: CellValue) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, (int, float)) and 20000 <= cell <= 80000:
        return cells.excel_date(cell)
    from app.dates import parse_date

    try:
        return parse_date(_text(cell))
    except (ValueError, ValidationError):
        return None


def _items(reader: _Reader, sheet: Sheet) -> list[TrackerItem]:
    out: list[TrackerItem] = []
    seen: dict[str, int] = {}
    h = {name: header for name, (header, _) in ITEM_COLUMNS.items()}
    for row, cellz in reader.table(sheet, ITEM_COLUMNS):
        ref = reader.required(sheet.name, row, h["ref"], cellz.get("ref"))
        title = reader.required(sheet.name, row, h["title"], cellz.get("title"))
        kind = reader.choice(sheet.name, row, h["kind"], cellz.get("kind"), _KIND_WORDS,
                             "a kind of item")
        parent = _text(cellz.get("parent"))
        if ref and ref in seen:
            reader.problem(sheet.name, row, h["ref"], f"'{ref}' is already the ref of row "
                           f"{seen[ref]}")
        if parent and parent not in seen:
            reader.problem(sheet.name, row, h["parent"], f"no item '{parent}' above this row "
                           "(a parent comes before its children)")
        if ref:
            seen.setdefault(ref, row)
        fields = {name: _text(cellz.get(name)) for name in
                  ("lead_organisation", "lead_role", "partners", "description")
                  if _text(cellz.get(name))}
        if ref and title and kind is not None:
            out.append(TrackerItem(row, ref, title, kind, parent, fields))  # type: ignore[arg-type]
    if not out and not reader.problems:
        reader.problem(sheet.name, None, "", "no items: a plan needs at least one")
    return out


def _indicators(reader: _Reader, sheet: Sheet, refs: set[str]) -> list[TrackerIndicator]:
    out: list[TrackerIndicator] = []
    seen: dict[str, int] = {}
    h = {name: header for name, (header, _) in INDICATOR_COLUMNS.items()}
    for row, c in reader.table(sheet, INDICATOR_COLUMNS):
        code = reader.required(sheet.name, row, h["code"], c.get("code"))
        title = reader.required(sheet.name, row, h["title"], c.get("title"))
        items = [r.strip() for r in re.split(r"[;,]", _text(c.get("items"))) if r.strip()]
        if not items:
            reader.problem(sheet.name, row, h["items"], "names no item to show it under")
        for ref in items:
            if ref not in refs:
                reader.problem(sheet.name, row, h["items"], f"no item '{ref}' in the Items "
                               "sheet")
        if code and code.lower() in seen:
            reader.problem(sheet.name, row, h["code"], f"'{code}' is already the code of row "
                           f"{seen[code.lower()]}")
        seen.setdefault(code.lower(), row)
        unit = reader.choice(sheet.name, row, h["unit"], c.get("unit"), _UNIT_WORDS, "a unit")
        polarity = reader.choice(sheet.name, row, h["polarity"], c.get("polarity"),
                                 _POLARITY_WORDS, "a polarity")
        period_type = reader.choice(sheet.name, row, h["period_type"], c.get("period_type"),
                                    _PERIOD_WORDS, "a kind of period")
        rate_base = None
        if _text(c.get("rate_base")):
            try:
                rate_base = int(float(_text(c.get("rate_base")).replace(",", "")))
            except ValueError:
                reader.problem(sheet.name, row, h["rate_base"],
                               f"'{_text(c.get('rate_base'))}' is not a whole number")
        if unit is Unit.RATE and not rate_base:
            reader.problem(sheet.name, row, h["rate_base"], "a rate needs its 'per' (such as "
                           "10000)")
        if code and title and items and None not in (unit, polarity, period_type):
            out.append(TrackerIndicator(row, code, title, items, unit, polarity,  # type: ignore[arg-type]
                                        period_type, rate_base,  # type: ignore[arg-type]
                                        _text(c.get("data_source"))))
    return out


def _targets(reader: _Reader, sheet: Sheet,
             indicators: dict[str, TrackerIndicator]) -> list[TrackerTarget]:
    out: list[TrackerTarget] = []
    seen: dict[tuple[str, str], int] = {}
    h = {name: header for name, (header, _) in TARGET_COLUMNS.items()}
    for row, c in reader.table(sheet, TARGET_COLUMNS):
        code = reader.required(sheet.name, row, h["code"], c.get("code"))
        indicator = indicators.get(code.lower())
        if code and indicator is None:
            reader.problem(sheet.name, row, h["code"], f"no indicator '{code}' in the "
                           "Indicators sheet")
            continue
        if indicator is None:
            continue
        try:
            period = cells.read_period(c.get("period"), indicator.period_type, fmt=None)
        except cells.CellProblem as exc:
            reader.problem(sheet.name, row, h["period"], str(exc))
            continue
        text = reader.required(sheet.name, row, h["target"], c.get("target"))
        if not text:
            continue
        if indicator.unit in cells.PERCENT_UNITS and isinstance(c.get("target"), float) \
                and 0 < abs(c["target"]) <= 1:  # type: ignore[arg-type]
            text = f"{cells.plain(cells.clean_number(c['target'] * 100))}%"  # type: ignore[operator]
        parsed = units.parse_target_text(text, indicator.unit, indicator.polarity)
        if parsed.value is not None:
            try:
                units.validate_value(parsed.value, indicator.unit)
            except ValidationError as exc:
                reader.problem(sheet.name, row, h["target"], str(exc).rstrip("."))
                continue
        key = (indicator.code.lower(), period.key)
        if key in seen:
            reader.problem(sheet.name, row, "", f"repeats the target of row {seen[key]}")
            continue
        seen[key] = row
        out.append(TrackerTarget(row, indicator.code, period.key, parsed))
    return out
