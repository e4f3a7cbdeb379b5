"""Reading a returned data return: the hidden sheet says which plan, template and rows; the
Cover says who sent it and who signed it off, recorded as each figure's provenance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from app.domain import Indicator, ValidationError
from app.importer.dry_run import Resolved, Row
from app.importer.mapping import Mapping
from app.importer.workbook import Sheet, read_formats, read_sheet, sheet_names
from app.periods import Period
from app.returns import COVER_SHEET, FIGURES_SHEET, ID_SHEET, TEMPLATE_VERSION
from app.returns.workbook import CONTEXT, COVER_FIELDS, INPUT


def is_return(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm") and ID_SHEET in sheet_names(path)


def return_mapping() -> Mapping:
    """Where a return's Figures sheet keeps each field (it is our own template)."""
    columns = {"indicator": CONTEXT.index("Indicator code"), "period": CONTEXT.index("Period"),
               "breakdown": CONTEXT.index("Breakdown")}
    for i, name in enumerate(INPUT):
        columns[name.lower()] = len(CONTEXT) + i
    return Mapping(0, columns)


def _text(cell: object) -> str:
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return f"{cell:%d/%m/%Y}"
    return "" if cell is None else str(cell).strip()


def sender(cover: Sheet) -> str:
    """'Jo Bloggs (NHS Trust), signed off by A Manager on 02/03/2019'."""
    fields = {_text(row[0]): _text(row[1]) for row in cover.rows if len(row) > 1}
    who = fields.get("Contact name") or "someone unnamed"
    org = fields.get("Organisation")
    text = f"{who} ({org})" if org else who
    if fields.get("Signed off by"):
        text += f", signed off by {fields['Signed off by']}"
        if fields.get("Sign-off date"):
            text += f" on {fields['Sign-off date']}"
    else:
        text += ", not signed off"
    return text


def resolve_return(path: Path, indicators: list[Indicator], plan_ids: set[str], *,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Resolved:
    """The return's rows, by the hidden sheet's ids: no guessing of indicators or periods.
    Refuses a return from another plan or an older template, naming the file."""
    ids = read_sheet(path, ID_SHEET)
    head = {_text(r[0]): _text(r[1]) for r in ids.rows[:4] if len(r) > 1}
    if head.get("plan") not in plan_ids:
        raise ValidationError(f"{path.name}: this data return was made for another plan, "
                              "not one in this plan file; nothing was imported.")
    if head.get("template") != TEMPLATE_VERSION:
        raise ValidationError(f"{path.name}: this data return uses template version "
                              f"{head.get('template') or '?'}, and this Boardpack reads "
                              f"version {TEMPLATE_VERSION}; send the organisation a new "
                              "return.")
    figures = read_sheet(path, FIGURES_SHEET)
    mapping = return_mapping()
    columns = mapping.columns
    read_formats(path, figures, [columns["value"]])
    by_id = {i.id: i for i in indicators}
    resolved = Resolved(path, figures, mapping,
                        sender=sender(read_sheet(path, COVER_SHEET)))
    missing: list[str] = []
    for row in ids.rows[5:]:
        if cancelled and cancelled():
            from app.importer.dry_run import ImportCancelled

            raise ImportCancelled
        if len(row) < 4 or row[0] is None:
            continue
        r = int(float(row[0])) - 1
        indicator = by_id.get(_text(row[1]))
        if indicator is None:
            raise ValidationError(f"{path.name}: row {r + 1} names an indicator this plan no "
                                  "longer has; nothing was imported.")
        period = Period.from_key(_text(row[2]))
        resolved.rows.append(Row(r, indicator, period, _text(row[3]), period.key,
                                 period.label))
        cells = figures.rows[r] if r < len(figures.rows) else []
        given = [c for c in cells[len(CONTEXT):len(CONTEXT) + 2] if c is not None]
        if not given:
            missing.append(f"row {r + 1} ({indicator.code or indicator.ref or indicator.title},"
                           f" {period.label})")
    if progress:
        progress(len(ids.rows), len(ids.rows))
    resolved.remarks.append(f"From {resolved.sender}.")
    if missing:
        resolved.remarks.append(f"{len(missing)} figure(s) due were not returned: "
                                + "; ".join(missing[:20]) + (" …" if len(missing) > 20 else ""))
    if COVER_FIELDS and "not signed off" in resolved.sender:
        resolved.remarks.append("The Cover has no sign-off.")
    return resolved
