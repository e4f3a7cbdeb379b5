"""Writing a data return: Instructions, Cover (sign-off), Figures (grey context, yellow
input cells validated by unit, the rest protected without a password) and a hidden sheet
identifying the plan, the template version and each row. openpyxl is imported on use."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from app.domain import Meeting, Plan, Polarity, Unit
from app.returns import COVER_SHEET, FIGURES_SHEET, ID_SHEET, TEMPLATE_VERSION
from app.returns.due import DueRow
from app.units import POLARITY_LABELS, UNIT_LABELS

# The Figures sheet's columns; the importer finds them by these headers too.
CONTEXT = ["Ref", "Indicator code", "Indicator title", "Unit", "Polarity", "Period",
           "Breakdown", "Last figures", "Target"]
INPUT = ["Value", "Status", "Note"]
STATUSES = ["actual", "provisional", "[p]", "[r]", "[e]", "[c]", "[x]", "[z]", "nya"]
COVER_FIELDS = ["Organisation", "Meeting", "Contact name", "Contact e-mail", "Signed off by",
                "Sign-off date"]
_GREY, _YELLOW = "D9D9D9", "FFF2CC"


def file_name(organisation: str, meeting: Meeting) -> str:
    safe = re.sub(r"\s+", " ", re.sub(r"[^\w\- &]+", "", organisation)).strip() or "No lead"
    if len(safe) > 60:  # a lead may be a list of several organisations
        safe = safe[:60].rsplit(" ", 1)[0] + " etc"
    return f"{safe} - data return {meeting.held_on:%Y-%m-%d}.xlsx"


def write_return(path: Path, plan: Plan, meeting: Meeting, organisation: str,
                 rows: list[DueRow]) -> Path:
    """Write one organisation's return to `path` (through a temporary name)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    grey = PatternFill("solid", fgColor=_GREY)
    yellow = PatternFill("solid", fgColor=_YELLOW)
    unlocked = Protection(locked=False)
    book = Workbook()
    info = book.active
    info.title = "Instructions"
    for line in (
        f"Data return for {plan.title}, board meeting of {meeting.held_on:%d %B %Y}",
        f"For {organisation}",
        "",
        "1. On the Cover sheet, fill in the yellow cells: contact and sign-off.",
        "2. On the Figures sheet, type each figure in the yellow Value column as you would "
        "print it: 7.5 for 7.5% (the cell shows the % sign), 1992 for a count.",
        "3. Where there is no figure, leave Value blank and choose a Status: [c] suppressed, "
        "[x] not available, [z] not applicable, nya not yet available; [p] provisional, "
        "[r] revised, [e] estimated go with a figure.",
        "4. Explain a figure that is off track in the Note column.",
        "5. Grey cells are context and are protected; do not add, remove or reorder rows.",
        "6. Save and send the workbook back as it is (.xlsx).",
    ):
        info.append([line])
    info["A1"].font = Font(bold=True, size=13)
    info.column_dimensions["A"].width = 110
    info.protection.sheet = True

    cover = book.create_sheet(COVER_SHEET)
    known = {"Organisation": organisation, "Meeting": meeting.held_on}
    for r, name in enumerate(COVER_FIELDS, start=1):
        cover.cell(row=r, column=1, value=name).font = Font(bold=True)
        cell = cover.cell(row=r, column=2, value=known.get(name))
        if name in known:
            cell.fill = grey
        else:
            cell.fill, cell.protection = yellow, unlocked
        if isinstance(cell.value, date) or name == "Sign-off date":
            cell.number_format = "dd/mm/yyyy"
    cover.column_dimensions["A"].width = 18
    cover.column_dimensions["B"].width = 40
    cover.protection.sheet = True

    sheet = book.create_sheet(FIGURES_SHEET)
    sheet.append(CONTEXT + INPUT)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    status_list = DataValidation(type="list", formula1=f'"{",".join(STATUSES)}"',
                                 allow_blank=True)
    sheet.add_data_validation(status_list)
    by_unit: dict[Unit, DataValidation] = {}
    value_col = len(CONTEXT) + 1
    for r, row in enumerate(rows, start=2):
        ind = row.indicator
        sheet.append([row.ref, ind.code, ind.title, UNIT_LABELS[ind.unit],
                      POLARITY_LABELS[Polarity(ind.polarity)], row.period.label,
                      row.breakdown, "; ".join(row.last), row.target])
        for c in range(1, value_col):
            sheet.cell(row=r, column=c).fill = grey
        for c in range(value_col, value_col + len(INPUT)):
            cell = sheet.cell(row=r, column=c)
            cell.fill, cell.protection = yellow, unlocked
        value = sheet.cell(row=r, column=value_col)
        if ind.unit in (Unit.PERCENT, Unit.PERCENT_CHANGE):
            value.number_format = '0.0"%"'  # shows the sign without scaling what is typed
        if ind.unit not in by_unit:
            by_unit[ind.unit] = _validation(ind.unit)
            sheet.add_data_validation(by_unit[ind.unit])
        by_unit[ind.unit].add(value.coordinate)
        status_list.add(sheet.cell(row=r, column=value_col + 1).coordinate)
    for letter, width in zip("ABCDEFGHIJKL", (8, 12, 50, 16, 18, 14, 14, 30, 14, 10, 12),
                             strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["L"].width = 50
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True  # no password: protection against slips, not a secret

    ids = book.create_sheet(ID_SHEET)
    ids.sheet_state = "hidden"
    ids.append(["plan", plan.id])
    ids.append(["template", TEMPLATE_VERSION])
    ids.append(["meeting", meeting.id])
    ids.append(["organisation", organisation])
    ids.append(["row", "indicator", "period", "breakdown"])
    for r, row in enumerate(rows, start=2):
        ids.append([r, row.indicator.id, row.period.key, row.breakdown])
    ids.protection.sheet = True
    book.active = 1  # opens on the Cover
    tmp = path.with_name(path.name + ".writing")
    book.save(tmp)
    tmp.replace(path)
    return path


def _validation(unit: Unit):  # -> openpyxl DataValidation
    from openpyxl.worksheet.datavalidation import DataValidation

    if unit is Unit.PERCENT:
        rule = DataValidation(type="decimal", operator="between", formula1="0",
                              formula2="100", allow_blank=True)
        rule.error = "A percentage between 0 and 100, e.g. 7.5 for 7.5%."
    elif unit is Unit.COUNT:
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True)
        rule.error = "A count: a whole number, 0 or more."
    elif unit in (Unit.PERCENTAGE_POINTS, Unit.PERCENT_CHANGE):
        rule = DataValidation(type="decimal", operator="between", formula1="-1000000",
                              formula2="1000000", allow_blank=True)
        rule.error = "A number."
    else:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True)
        rule.error = "A number, 0 or more."
    rule.errorTitle = "Not a figure"
    rule.showErrorMessage = True
    return rule
