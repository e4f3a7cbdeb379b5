"""Typing into the report editor and reading back what it made (a support module: no tests
here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTableWidget


def type_lines(qtbot, box: QPlainTextEdit, lines: list[str]) -> None:
    """Type each line as a user would, pressing Return after all but the last."""
    box.setFocus()
    for i, line in enumerate(lines):
        if i:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(box, line)


def pdf_lines(path: Path) -> list[str]:
    """The PDF's text, line by line, stripped, blank lines dropped."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return [line.strip() for line in text.splitlines() if line.strip()]


def type_in_cell(qtbot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Double-click a cell, type into the editor that opens, press Return."""
    table.scrollToItem(table.item(row, column))
    spot = table.visualItemRect(table.item(row, column)).center()
    # A double-click is a press and release, then the double-click (QTest sends only the
    # latter, which an item view ignores without the press before it).
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    editor = next(e for e in table.viewport().findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the view commits the text and closes the editor by a queued call
    qtbot.waitUntil(lambda: table.state() is not QTableWidget.State.EditingState)
