"""User text made safe for reportlab's paragraph markup.

Everything a user typed is escaped (so "<b>", "<font>" or "&" print as typed), control
characters are dropped, and characters the embedded font cannot draw become a visible
placeholder (□) instead of an empty box or a crash. Long words are left to reportlab's
`splitLongWords`, which breaks them at the cell edge. Line structure is kept: blank lines
separate paragraphs, "- " or "• " starts a bullet, "1. " a numbered item.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from app.plain_text import escape_markup
from app.report import fonts

_DROP = {0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)}  # joiners, variation, skin tones
# Bidirectional marks, embeddings, overrides and isolates: reportlab draws text in the order
# typed, so they would only make the extracted text read differently from the printed one.
_DROP |= {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BULLET = re.compile(r"^\s*(?:[-•*▪◦])\s+(.*)$")
_NUMBER = re.compile(r"^\s*(\d{1,3}[.)]|[a-z][.)])\s+(.*)$")
URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def clean(text: object) -> str:
    """Plain text the font can draw: controls dropped, missing glyphs → □."""
    s = str(text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    s = CONTROL.sub("", s)
    ok = fonts.covered()
    out = []
    for ch in s:
        cp = ord(ch)
        if cp in _DROP:
            continue
        if cp in ok or ch == "\n":
            out.append(ch)
        elif cp < 0x20:
            continue
        else:
            out.append(fonts.PLACEHOLDER)
            noted = getattr(_noting, "missing", None)
            if noted is not None:
                noted.add(ch)
    return "".join(out)


_noting = threading.local()  # each export renders on its own thread


@contextmanager
def noting_unprintable() -> Iterator[set[str]]:
    """Collect, while rendering on this thread, the characters printed as □."""
    outer = getattr(_noting, "missing", None)
    _noting.missing = found = set()
    try:
        yield found
    finally:
        _noting.missing = outer


def unprintable_note(missing: set[str] | list[str], limit: int = 8) -> str:
    """What the export tells the user about characters printed as □ ("" when none)."""
    if not missing:
        return ""
    chars = sorted(missing)
    named = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})"
                      for c in chars[:limit])
    more = f" and {len(chars) - limit} more" if len(chars) > limit else ""
    return (f"{len(chars)} character(s) could not be shown in the report's font and print "
            f"as {fonts.PLACEHOLDER}: {named}{more}.")


def inline(text: object, *, links: bool = True) -> str:
    """One run of user text as paragraph markup: cleaned, escaped, URLs linked."""
    s = clean(text)
    if not links:
        return escape_markup(s).replace("\n", "<br/>")
    parts, pos = [], 0
    for m in URL.finditer(s):
        parts.append(escape_markup(s[pos:m.start()]))
        url = escape_markup(m.group(0))
        parts.append(f'<a href="{url}" color="#1F4E9A"><u>{url}</u></a>')
        pos = m.end()
    parts.append(escape_markup(s[pos:]))
    return "".join(parts).replace("\n", "<br/>")


@dataclass(frozen=True)
class Block:
    kind: str  # "para" | "bullet" | "number"
    markup: str
    label: str = ""  # "3." for a numbered item: plain text (reportlab draws bullets as is)
    text: str = ""  # the same, tidied but as plain text


def blocks(text: object, *, markup: Callable[[str], str] | None = None,
           tidy: Callable[[object], str] = clean) -> list[Block]:
    """User text split into paragraphs and list items, each as safe markup: reportlab's
    (`inline`) unless another `markup` is given (the HTML twin's), after `tidy`."""
    markup = markup or inline
    out: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            joined = "\n".join(para)
            out.append(Block("para", markup(joined), text=joined))
            para.clear()

    for line in tidy(text).split("\n"):
        if not line.strip():
            flush()
            continue
        b = _BULLET.match(line)
        n = _NUMBER.match(line)
        if b:
            flush()
            out.append(Block("bullet", markup(b.group(1)), text=b.group(1)))
        elif n:
            flush()
            out.append(Block("number", markup(n.group(2)), n.group(1), n.group(2)))
        else:
            para.append(line.strip())
    flush()
    return out
