"""Writes the tracker template (resources/tracker-template.xlsx): the layout
docs/tracker-layout.md describes, with a worked example a board overwrites.

    .venv/bin/python -m app.importer.tracker_template resources/tracker-template.xlsx
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from app.importer.tracker import (
    INDICATOR_COLUMNS,
    INDICATORS_SHEET,
    ITEM_COLUMNS,
    ITEMS_SHEET,
    PLAN_SHEET,
    TARGET_COLUMNS,
    TARGETS_SHEET,
)

READ_ME = [
    "A plan from your tracker",
    "",
    "Fill in the sheets Plan, Items, Indicators and Targets (replace the example rows), then "
    "in Boardpack choose File > New Plan from Tracker, or run",
    "    boardpack import-tracker PLAN.boardpack THIS-FILE.xlsx",
    "",
    "Plan: the plan's Title (required), Board, and the dates it Starts and Ends (20/06/2024).",
    "Items: one row per item of the plan, a parent above its children. Ref and Title as the "
    "plan prints them; Kind one of theme, priority, outcome group, outcome, objective, focus, "
    "action, deliverable, milestone, section; Parent ref blank for a top-level item; Lead "
    "organisation, Lead role, Partners and Description as you keep them (children inherit "
    "their parent's lead where theirs is blank).",
    "Indicators: Code (unique), Title, Item refs (the items it serves, separated by ;), Unit "
    "(percent, pp, count, rate, score, ratio, money), Polarity (higher, lower, band, none), "
    "Period (financial year, academic year, calendar year, quarter, month, week), Rate per "
    "(for a rate: 10000 for per 10,000), Data source.",
    "Targets: one row per indicator and period: Indicator code, Period as you write it "
    "(2024/25, Q1 2024/25, Mar-25), Target as the plan prints it (at least 75%, 60-65%, "
    "reduce by 5, in line with the national average).",
    "",
    "Nothing is imported until every row reads: a problem is named by sheet, row and column.",
]
EXAMPLE_PLAN = [("Title", "Children and Young People's Plan 2024-27"),
                ("Board", "Children's Trust Board"),
                ("Starts", date(2024, 4, 1)), ("Ends", date(2027, 3, 31))]
EXAMPLE_ITEMS = [
    ["1", "Be healthy", "priority", "", "NHS Devon", "Director of Public Health", "", ""],
    ["1.1", "More babies breastfed", "outcome", "1", "", "", "Health visiting", ""],
    ["1.1a", "Infant feeding peer support in every locality", "action", "1.1",
     "Public Health", "Infant feeding lead", "", "Recruit and train peer supporters"],
    ["2", "Be safe", "priority", "", "County Council", "Director of Children's Services", "",
     ""],
    ["2.1", "Fewer children need to be in care", "outcome", "2", "", "", "Police; schools",
     ""],
]
EXAMPLE_INDICATORS = [
    ["BF 6-8", "Babies breastfed at 6-8 weeks", "1.1", "percent", "higher", "quarter", "",
     "OHID Fingertips"],
    ["CIC", "Children in care", "2.1", "rate", "lower", "financial year", 10000, "SSDA903"],
    ["REF", "Referrals to children's social care", "2.1; 1", "count", "lower", "month", "",
     "Children's services"],
]
EXAMPLE_TARGETS = [
    ["BF 6-8", "Q4 2024/25", "at least 50%"],
    ["BF 6-8", "Q4 2025/26", "at least 55%"],
    ["CIC", "2024/25", "at most 60"],
    ["CIC", "2025/26", "in line with the statistical neighbours"],
]


def write_template(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    notes = book.active
    notes.title = "Read me"
    for line in READ_ME:
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=14)
    notes.column_dimensions["A"].width = 120
    for row in notes.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheets = [
        (PLAN_SHEET, None, [list(r) for r in EXAMPLE_PLAN]),
        (ITEMS_SHEET, ITEM_COLUMNS, EXAMPLE_ITEMS),
        (INDICATORS_SHEET, INDICATOR_COLUMNS, EXAMPLE_INDICATORS),
        (TARGETS_SHEET, TARGET_COLUMNS, EXAMPLE_TARGETS),
    ]
    for name, columns, rows in sheets:
        sheet = book.create_sheet(name)
        if columns:
            sheet.append([header for header, _ in columns.values()])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append(row)
        for col, letter in enumerate("ABCDEFGH"):
            sheet.column_dimensions[letter].width = 40 if col in (1, 7) else 18
        if name == PLAN_SHEET:
            for r in range(1, len(rows) + 1):
                sheet.cell(row=r, column=1).font = Font(bold=True)
                if isinstance(sheet.cell(row=r, column=2).value, date):
                    sheet.cell(row=r, column=2).number_format = "dd/mm/yyyy"
    book.save(path)


if __name__ == "__main__":
    write_template(Path(sys.argv[1]))
