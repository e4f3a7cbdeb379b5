"""Helpers for the chair's questions and notes tests (a support module: no tests here)."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ui.tree_model import Column


def write_in_dialog(qtbot, w, key: str, text: str, where=None):
    """Press `key` (Ctrl+Shift+Q or Ctrl+Shift+N) in `where` (default: the plan tree), type
    `text` into the dialog that opens and click Save. Returns the dialog's subject."""
    qtbot.keyClick(where or w.tree, getattr(Qt.Key, f"Key_{key[-1]}"),
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = w.chair_actions.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.editor.hasFocus())
    dialog.editor.selectAll()
    qtbot.keyClicks(dialog.editor, text)
    subject = dialog.subject()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    return subject


def marker_on(w, id: str):
    """The decoration the tree draws beside the title of the rows showing `id`."""
    rows = w.model.indexes_for_id(id)
    assert rows
    return rows[0].siblingAtColumn(Column.TITLE).data(Qt.ItemDataRole.DecorationRole)


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def table_rows(dialog) -> list[list[str]]:
    t = dialog.table
    return [[t.topLevelItem(r).text(c) for c in range(t.columnCount())]
            for r in range(t.topLevelItemCount())]
