"""The report's font: DejaVu Sans, bundled in resources/fonts and embedded in every PDF.

reportlab's built-in Helvetica lacks ≥, ✓, Cyrillic and emoji; DejaVu covers the first
three. Characters the font does not have are replaced by a visible placeholder (see
app.report.text) rather than drawn as nothing.
"""

from __future__ import annotations

import functools
from pathlib import Path

from app import paths

REGULAR = "BoardpackSans"
BOLD = "BoardpackSans-Bold"
PLACEHOLDER = "\u25a1"  # □, in the font: stands for a character the font cannot draw


def font_path(name: str) -> Path:
    return paths.resource("fonts", name)


@functools.cache
def register() -> None:
    """Register the fonts with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(font_path("DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path("DejaVuSans-Bold.ttf"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)


@functools.cache
def covered() -> frozenset[int]:
    """Code points both fonts can draw."""
    register()
    from reportlab.pdfbase import pdfmetrics

    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(set(regular) & set(bold))
