"""Number formats and formulas of chosen columns of an .xlsx sheet, from its XML.

calamine returns a percent-formatted cell as the fraction it stores (0.075 for 7.5%), and
openpyxl, which keeps formats, is about ten times slower. Reading the `s` (style) attribute
of just the cells we need and the workbook's style table costs a scan of the sheet XML.
Formulas are found here too: their cached results are never trusted (files written by
openpyxl have none).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_BUILTIN_PERCENT = {9, 10}
_BUILTIN_DATE = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def format_kind(code: str) -> str | None:
    """'percent', 'date' or None for an Excel number format code."""
    bare = _LITERALS.sub("", code).lower()
    if "%" in bare:
        return "percent"
    if bare and bare != "general" and re.search(r"[dmy]", bare):
        return "date"
    return None


def _style_kinds(archive: zipfile.ZipFile) -> list[str | None]:
    """Kind of each cell style (cellXfs index)."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return []
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "")
              for f in root.iter(f"{_MAIN}numFmt")}
    kinds: list[str | None] = []
    xfs = root.find(f"{_MAIN}cellXfs")
    for xf in ([] if xfs is None else xfs.findall(f"{_MAIN}xf")):
        fmt = int(xf.get("numFmtId", "0"))
        if fmt in custom:
            kinds.append(format_kind(custom[fmt]))
        elif fmt in _BUILTIN_PERCENT:
            kinds.append("percent")
        elif fmt in _BUILTIN_DATE:
            kinds.append("date")
        else:
            kinds.append(None)
    return kinds


def sheet_path(archive: zipfile.ZipFile, name: str) -> str:
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    for sheet in book.iter(f"{_MAIN}sheet"):
        if sheet.get("name") == name:
            target = targets[sheet.get(f"{_REL}id")]
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    raise KeyError(name)


def cell_formats(archive: zipfile.ZipFile, sheet_name: str, columns: set[int]
                 ) -> tuple[dict[tuple[int, int], str], set[tuple[int, int]]]:
    """({(row, col): 'percent' | 'date'}, {(row, col) holding a formula}), 0-based, for
    the cells of `columns` only."""
    kinds = _style_kinds(archive)
    wanted = {column_letters(c).encode(): c for c in columns}
    formats: dict[tuple[int, int], str] = {}
    formulas: set[tuple[int, int]] = set()
    data = archive.read(sheet_path(archive, sheet_name))
    # Writers put r= first (Excel, LibreOffice, openpyxl): then the pattern names the wanted
    # columns and the scan skips every other cell inside the regex engine.
    letters = b"|".join(sorted(wanted, key=len, reverse=True))
    fast = re.compile(rb'<(?:\w+:)?c r="(' + letters
                      + rb')(\d+)"([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
    if fast.search(data) is not None or _CELL.search(data) is None:
        for m in fast.finditer(data):
            _note(m.group(3), m.group(4), (int(m.group(2)) - 1, wanted[m.group(1)]), kinds,
                  formats, formulas)
        return formats, formulas
    for m in _CELL.finditer(data):  # r= elsewhere among the attributes
        ref = _REF.search(m.group(1))
        if ref is not None and ref.group(1) in wanted:
            _note(m.group(1), m.group(2), (int(ref.group(2)) - 1, wanted[ref.group(1)]), kinds,
                  formats, formulas)
    return formats, formulas


def _note(attrs: bytes, body: bytes | None, at: tuple[int, int], kinds: list[str | None],
          formats: dict[tuple[int, int], str], formulas: set[tuple[int, int]]) -> None:
    if body is not None and _FORMULA.search(body) is not None:
        formulas.add(at)
    style = _STYLE.search(attrs)
    if style is not None:
        index = int(style.group(1))
        kind = kinds[index] if index < len(kinds) else None
        if kind:
            formats[at] = kind
