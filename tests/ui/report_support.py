"""Typing into the report editor and reading back what it made (a support module: no tests
here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit


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
