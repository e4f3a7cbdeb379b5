"""Typing into the figures grid as a user does (a support module: no tests here)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from ui.figures_model import FIGURE


def cell(panel, period_label, column=FIGURE):
    m = panel.model
    row = next(i for i, r in enumerate(m.rows) if r.label == period_label)
    return m.index(row, m.column_of(column))


def type_in(qtbot, panel, at, text, key=Qt.Key.Key_Return):
    """Type into a cell as a user does: the first key opens the editor, the rest go to it."""
    panel.grid.setCurrentIndex(at)
    panel.grid.setFocus()
    qtbot.keyClicks(panel.grid, text[0])
    # the visible one: the editor of the previous cell may not be deleted yet
    editor = next((e for e in panel.grid.findChildren(QLineEdit) if e.isVisible()), None)
    assert editor is not None
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    # Enter commits through a queued call: wait for the editor to close
    qtbot.waitUntil(lambda: panel.grid.state() != QAbstractItemView.State.EditingState,
                    timeout=2000)


def paste(qtbot, panel, text, at):
    """Put `text` on the clipboard and press Ctrl+V in the grid at cell `at`."""
    QGuiApplication.clipboard().setText(text)
    panel.grid.setCurrentIndex(at)
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def editor_text(panel):
    """The text of the grid's open cell editor, or None."""
    shown = [e for e in panel.grid.viewport().findChildren(QLineEdit) if e.isVisible()]
    return shown[0].text() if shown else None
