"""Reading a block copied from a spreadsheet (Excel, LibreOffice) as text. No Qt.

Excel puts tab-separated cells on CRLF-ended lines, with a newline after the last line,
and quotes a cell that holds a tab, a newline or a quote (doubling any quote inside).
A block copied from a web page or a text editor may use LF alone and no quotes.
"""

from __future__ import annotations

import csv
import io


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells; trailing empty lines dropped, cells stripped of surrounding spaces."""
    if not text:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"',
                        doublequote=True, strict=False)
    rows = [[cell.replace("\r\n", "\n").strip() for cell in row] for row in reader]
    while rows and all(c == "" for c in rows[-1]):
        rows.pop()
    return [row if row else [""] for row in rows]


def to_block(rows: list[list[str]]) -> str:
    """The reverse, for copying out of the grid (Excel's own quoting, CRLF lines)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()
