"""Plan text shown as typed. Qt renders any string that looks like HTML as rich text in
labels and message boxes (their default is AutoText), so a title such as
`<img src="file:///…">` would draw a local file: user text goes through these, or through
app.plain_text's escape where fixed markup surrounds it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.plain_text import literal_rich_text

Button = QMessageBox.StandardButton


def plain_label(text: str = "", *, wrap: bool = False) -> QLabel:
    """A label that never reads its text as markup."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def set_plain(*labels: QLabel) -> None:
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
            buttons: Button = Button.Ok, default: Button = Button.NoButton) -> Button:
    """A modal message box whose text shows as typed; returns the button chosen."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def ask(parent: QWidget | None, title: str, text: str,
        buttons: Button = Button.Yes | Button.No, default: Button = Button.NoButton) -> bool:
    """Yes or no (or Cancel): True only for Yes."""
    return message(parent, QMessageBox.Icon.Question, title, text, buttons,
                   default) == Button.Yes


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message(parent, QMessageBox.Icon.Warning, title, text)


def tooltip(text: str | None) -> str | None:
    """A tooltip (ToolTipRole, setToolTip, QToolTip) that shows as typed: tooltips have no
    text-format switch, Qt guesses from the text."""
    return literal_rich_text(text) if text else None
