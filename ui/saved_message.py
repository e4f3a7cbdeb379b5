"""Saying where a file was saved, with a button that opens its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_folder(path: Path) -> bool:
    """Show the folder holding `path` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).absolute().parent)))


def tell_saved(parent: QWidget, title: str, text: str, path: Path) -> QMessageBox:
    """A visible message (not blocking) that `path` was saved, with "Open folder"."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
    box.setObjectName("savedMessage")
    folder = box.addButton("Open &folder", QMessageBox.ButtonRole.ActionRole)
    folder.clicked.connect(lambda: open_folder(path))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    parent.saved_message = box  # for tests and screenshots: the last one shown
    box.open()
    return box
