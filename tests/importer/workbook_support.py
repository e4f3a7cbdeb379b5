"""Writing test workbooks and CSV files (a support module: no tests here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HEADERS = ["Indicator", "Period", "Value", "Status", "Note"]


def write_xlsx(path: Path, rows: list[list[Any]], *, title: str | None = None,
               formats: dict[tuple[int, int], str] | None = None,
               sheet: str = "Figures") -> Path:
    """rows[0] is the header row; `title` adds a merged title row and a blank row above it.
    `formats` maps (index into rows, column) to a number format such as '0.0%'."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    offset = 0
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        ws.append([])
        offset = 2
    for row in rows:
        ws.append(row)
    for (r, c), fmt in (formats or {}).items():
        ws.cell(row=r + 1 + offset, column=c + 1).number_format = fmt
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8") -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_tracker(path: Path, *, plan=None, items=None, indicators=None,
                  targets=None) -> Path:
    """A tracker workbook like the template's, with these sheets' rows (None: the
    template's example; [] leaves the sheet out)."""
    import openpyxl

    from app.importer import tracker_template as t
    from app.importer.tracker import INDICATOR_COLUMNS, ITEM_COLUMNS, TARGET_COLUMNS

    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = [("Plan", None, t.EXAMPLE_PLAN if plan is None else plan),
              ("Items", ITEM_COLUMNS, t.EXAMPLE_ITEMS if items is None else items),
              ("Indicators", INDICATOR_COLUMNS,
               t.EXAMPLE_INDICATORS if indicators is None else indicators),
              ("Targets", TARGET_COLUMNS, t.EXAMPLE_TARGETS if targets is None else targets)]
    for name, columns, rows in sheets:
        if rows == []:
            continue
        ws = book.create_sheet(name)
        if columns:
            ws.append([header for header, _ in columns.values()])
        for row in rows:
            ws.append(list(row))
    book.save(path)
    return path
