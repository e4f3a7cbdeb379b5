"""Help ▸ About says which Boardpack this is: version, Qt, Python and the file schema."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

import app
from db.schema import SCHEMA_VERSION


def test_about_names_the_version_qt_python_and_file_schema(window):
    from ui.about import about_box

    box = about_box(window)
    text = box.text()
    assert text.splitlines()[0] == f"Boardpack {app.__version__}"
    assert f"Qt {qVersion()}" in text and f"Python {platform.python_version()}" in text
    assert f"Plan file schema: {SCHEMA_VERSION} (this file: {SCHEMA_VERSION})" in text
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert not box.iconPixmap().isNull()


def test_help_menu_shows_the_about_box(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.acts["about"] in help_menu.actions()
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.windowTitle() + "\n" + box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.acts["about"].trigger()
    assert shown and shown[0].startswith("About Boardpack\nBoardpack ")
