"""Right-to-left paragraphs (Arabic, Hebrew) for the PDF. reportlab 5.1 lays text out in the
order it is typed; its own bidi support needs a package it does not ship. Here a paragraph
that holds right-to-left letters is shaped (Arabic letters joined, as presentation forms),
broken into lines in logical order, and each line put in display order (python-bidi)
before it is drawn: right-aligned when the paragraph starts right-to-left. Text extraction
(poppler) reorders the lines back to logical order; NFKC undoes the presentation forms.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import arabic_reshaper
from bidi import get_display
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

from app.report.tagged import tagger_of
from app.report.text import clean

_RTL = {"R", "AL"}


def language(text: str) -> str:
    """"he" or "ar" by the first right-to-left letter ("" if none): the paragraph's /Lang."""
    for c in text:
        if unicodedata.bidirectional(c) in _RTL:
            return "he" if "\u0590" <= c <= "\u05ff" or "\ufb1d" <= c <= "\ufb4f" else "ar"
    return ""


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in _RTL for c in text)


def starts_rtl(text: str) -> bool:
    """Whether the first strongly directional letter is right-to-left."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return False


class RtlParagraph(Flowable):
    """Plain text holding right-to-left letters, drawn in display order and tagged as P."""

    def __init__(self, text: str, style: Any, *, part_of: RtlParagraph | None = None,
                 lines: list[str] | None = None) -> None:
        super().__init__()
        self.style = style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        if part_of is not None:  # a page's share of a split paragraph: its lines are set
            self.text, self.rtl, self.key = part_of.text, part_of.rtl, part_of.key
            self.lang = part_of.lang
        else:
            self.text = clean(arabic_reshaper.reshape(text.replace("\n", " ")))
            self.rtl, self.key, self.lang = starts_rtl(text), object(), language(text)
        self.given = lines
        self.lines: list[str] = lines or []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        st = self.style
        if self.given is None:
            room = availWidth - st.leftIndent - st.rightIndent
            self.lines = simpleSplit(self.text, st.fontName, st.fontSize, room)
        self.width, self.height = availWidth, len(self.lines) * st.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        n = int(availHeight // self.style.leading)
        if n <= 0:
            return []
        if n >= len(self.lines):
            return [self]
        return [RtlParagraph("", self.style, part_of=self, lines=self.lines[:n]),
                RtlParagraph("", self.style, part_of=self, lines=self.lines[n:])]

    def drawOn(self, canv, x: float, y: float, _sW: float = 0) -> None:
        tagger = tagger_of(canv)
        if tagger is None:
            super().drawOn(canv, x, y, _sW)
            return
        e = tagger.element("P", self.key)
        e.lang = self.lang
        with tagger.marked(canv, e):
            super().drawOn(canv, x, y, _sW)

    def draw(self) -> None:
        st, canv = self.style, self.canv
        canv.saveState()
        canv.setFont(st.fontName, st.fontSize)
        canv.setFillColor(st.textColor)
        for i, line in enumerate(self.lines):
            baseline = self.height - i * st.leading - st.fontSize
            shown = get_display(line, base_dir="R" if self.rtl else "L")
            if self.rtl:
                canv.drawRightString(self.width - st.rightIndent, baseline, shown)
            else:
                canv.drawString(st.leftIndent, baseline, shown)
        canv.restoreState()
