"""User text shown as typed, wherever it goes: reportlab paragraph markup, Qt rich text and
the terminal.

Reportlab's paragraphs and Qt's rich text are both XML-ish markup, so one escape serves
both. Tooltips have no text-format switch (Qt guesses from the text itself), so they get
`literal_rich_text`. The terminal interprets escape sequences, so `terminal_safe` drops
them from whatever `boardpack` prints.
"""

from __future__ import annotations

import re

_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                         "'": "&#39;"})
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clear screen
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: window title, hyperlinks
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]"  # CSI as one C1 character
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # OSC as one C1 character
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 but newline and tab


def escape_markup(text: object) -> str:
    """Text as markup that shows it literally: `&`, `<`, `>` and quotes escaped."""
    return str(text or "").translate(_MARKUP)


def literal_rich_text(text: object) -> str:
    """Text for places where Qt decides by itself whether a string is rich text (tooltips).

    Text with no `<` or `&` cannot be taken for markup and is returned as it is; anything
    else becomes rich text that shows every character as typed, newlines kept.
    """
    s = str(text or "")
    if "<" not in s and "&" not in s:
        return s
    return f'<p style="white-space:pre-wrap">{escape_markup(s)}</p>'


def terminal_safe(text: object) -> str:
    """Text for a terminal: escape sequences and control characters removed, except newline
    and tab (a carriage return could overwrite what was printed before it)."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", str(text or "")))
