"""Colours and small pictures for RAG ratings: the one colour-blind-safe palette
(app/chart_spec.py's RAG_COLOURS and RAG_TEXT_COLOURS, shared with the chart and the PDF),
always shown with the letter too, never by colour alone."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from app.chart_spec import RAG_COLOURS, RAG_TEXT_COLOURS
from app.domain import RAG


def colour(rag: RAG) -> QColor:
    return QColor(RAG_COLOURS[rag.value])


def text_colour(rag: RAG) -> QColor:
    """The colour of a letter drawn on the rating's colour."""
    return QColor(RAG_TEXT_COLOURS[rag.value])


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
    p.setPen(text_colour(rag))
    p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, rag.letter)
    p.end()
    return QIcon(pix)


@cache
def marker_icon(symbol: str, size: int = 14) -> QIcon:
    """A small outlined circle with a symbol: "?" a question for officers, "✎" a private
    note (a shape and a sign, not a colour alone)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor("#0F5499"))
    p.setBrush(QColor("#E8F0FA"))
    p.drawEllipse(1, 1, size - 2, size - 2)
    font = QFont()
    font.setPixelSize(int(size * 0.7))
    font.setBold(True)
    p.setFont(font)
    p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, symbol)
    p.end()
    return QIcon(pix)


def badge_css(rag: RAG) -> str:
    """Style sheet for a label that shows a rating as a coloured badge."""
    return (f"background:{RAG_COLOURS[rag.value]}; color:{RAG_TEXT_COLOURS[rag.value]}; "
            "font-weight:bold; border-radius:3px; padding:2px 6px;")
