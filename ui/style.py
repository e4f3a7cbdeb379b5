"""Colours and small pictures for RAG ratings: a colour-blind-safe palette (Okabe-Ito),
always shown with the letter too, never by colour alone."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from app.domain import RAG

RAG_COLOURS: dict[RAG, str] = {
    RAG.RED: "#D55E00",
    RAG.AMBER: "#E69F00",
    RAG.GREEN: "#009E73",
    RAG.BLUE: "#0072B2",
    RAG.GREY: "#999999",
}


def colour(rag: RAG) -> QColor:
    return QColor(RAG_COLOURS[rag])


@cache
def rag_icon(rag: RAG, size: int = 14) -> QIcon:
    """A filled square with the rating's letter in it."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(colour(rag))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(0, 0, size, size, 3, 3)
    font = QFont()
    font.setPixelSize(int(size * 0.75))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, rag.letter)
    p.end()
    return QIcon(pix)


def badge_css(rag: RAG) -> str:
    """Style sheet for a label that shows a rating as a coloured badge."""
    text = "black" if rag in (RAG.AMBER, RAG.GREY) else "white"
    return (f"background:{RAG_COLOURS[rag]}; color:{text}; font-weight:bold; "
            "border-radius:3px; padding:2px 6px;")
