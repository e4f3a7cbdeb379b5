"""Reading a sheet of a spreadsheet file into rows of cells, as stored.

.xlsx, .xls and .ods are read with python-calamine (fast, but it ignores number formats);
for .xlsx the number formats and formulas of the columns that matter are then read from the
sheet's XML (xlsx_styles), so a cell showing 7.5% is known to hold a percentage. .csv is read
as text in UTF-8 (with or without BOM) or, failing that, Windows-1252.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.domain import ValidationError

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
SUPPORTED = (*SPREADSHEETS, ".csv")

CellValue = str | float | int | bool | date | datetime | None


@dataclass
class Sheet:
    """One sheet's cells as stored: rows[r][c], 0-based, from A1."""

    name: str
    rows: list[list[CellValue]]
    # Number formats that change a cell's meaning, by (row, col): "percent" or "date";
    # and the cells holding a formula. Filled only where formats_read.
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    formats_read: bool = False
    encoding: str = ""  # for CSV: the encoding the text was read in

    def cell(self, row: int, col: int) -> CellValue:
        cells = self.rows[row]
        return cells[col] if col < len(cells) else None


class ImportFileError(ValidationError):
    """The file cannot be read as a spreadsheet; names the file and the problem."""


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ImportFileError(f"{path.name}: Boardpack reads figures from "
                              f"{', '.join(SUPPORTED)} files, not '{suffix or 'no extension'}'.")
    if not path.is_file():
        raise ImportFileError(f"{path.name}: no such file.")
    return suffix


def sheet_names(path: str | Path) -> list[str]:
    path = Path(path)
    if _kind(path) == ".csv":
        return [path.stem]
    return _workbook(path).sheet_names


def read_sheet(path: str | Path, name: str | None = None) -> Sheet:
    """The named sheet (default: the first) with its cells as stored."""
    path = Path(path)
    if _kind(path) == ".csv":
        return read_csv(path)
    book = _workbook(path)
    names = book.sheet_names
    name = name or names[0]
    if name not in names:
        raise ImportFileError(f"{path.name}: there is no sheet '{name}' "
                              f"(it has {', '.join(names)}).")
    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    sheet = Sheet(name, [[None if c == "" else c for c in row] for row in rows])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet.formats_read = True
    return sheet


def read_formats(path: str | Path, sheet: Sheet, columns: Iterable[int]) -> None:
    """Fill sheet.formats and sheet.formulas for the given columns of an .xlsx sheet."""
    path = Path(path)
    if not sheet.formats_read:
        return
    from app.importer import xlsx_styles

    with zipfile.ZipFile(path) as archive:
        sheet.formats, sheet.formulas = xlsx_styles.cell_formats(archive, sheet.name,
                                                                 set(columns))


def _workbook(path: Path):  # -> python_calamine.CalamineWorkbook
    from python_calamine import CalamineWorkbook

    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() != ".xls":
        # An OLE container named .xlsx/.ods is an encrypted (password-protected) workbook.
        raise ImportFileError(f"{path.name}: the workbook is encrypted (password-protected); "
                              "save a copy without a password and import that.")
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own errors for anything unreadable
        raise ImportFileError(f"{path.name}: cannot be read as a {path.suffix} spreadsheet "
                              f"({_first_line(exc)}).") from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ImportFileError(f"{path.name}: is not a CSV text file.")
    text, encoding = decode_csv(data)
    return Sheet(path.stem, parse_csv(text), encoding=encoding)


def parse_csv(text: str) -> list[list[CellValue]]:
    """Rows of a CSV text; the delimiter (comma, semicolon or tab) is the one the first
    line, the headers, uses most."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=lambda d: (first.count(d), d == ","))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[c if c.strip() else None for c in row] for row in rows]
