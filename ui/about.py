"""Help ▸ About: what this copy of Boardpack is (name, version, Qt, Python, file schema),
for the person on the phone to IT."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox

from app import identity
from ui.application import app_icon


def about_text(window) -> str:
    schema = f"Plan file schema: {window.files.schema_version}"
    if window.services is not None:
        schema += f" (this file: {window.services.schema_version})"
    return "\n".join([
        f"{identity.NAME} {identity.VERSION}",
        "Run a partnership board's plan, its RAG ratings and the board report.",
        "",
        f"Qt {qVersion()} (PySide6 {PySide6.__version__})",
        f"Python {platform.python_version()}",
        schema,
    ])


def about_box(window) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, f"About {identity.NAME}", about_text(window),
                      QMessageBox.StandardButton.Ok, window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIconPixmap(app_icon().pixmap(64, 64))
    return box


def show_about(window) -> None:
    about_box(window).exec()
