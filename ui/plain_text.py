"""Plan text shown as typed. Qt renders any string that looks like HTML as rich text in
labels and message boxes (their default is AutoText), so a title such as
`<img src="file:///…">` would draw a local file: user text goes through these, or through
app.plain_text's escape where fixed markup surrounds it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.plain_text import literal_rich_text

Button = QMessageBox.StandardButton


NARROWEST_WRAP = 120  # px: a wrapped label never needs more width than this
WIDEST_WRAP = 360  # px: nor would it like more


class WrappingLabel(QLabel):
    """A word-wrapped label that keeps room for every line at the width it is given (Qt's
    splitters and stacks do not ask for height-for-width, so a wrapped line would otherwise
    be cut off or overlap the widget below), and whose one long word (a refused 5,000
    character entry) cannot widen the window."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        if not self.text():
            return QSize(0, 0)  # nothing to say takes no room
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), NARROWEST_WRAP), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        """A long sentence would like one line as wide as itself: it wraps instead."""
        hint = super().sizeHint()
        width = min(hint.width(), WIDEST_WRAP)
        return QSize(width, max(hint.height(), self.heightForWidth(width)))

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self._keep_lines()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._keep_lines()

    def _keep_lines(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() else 0
        if need >= 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)


def plain_label(text: str = "", *, wrap: bool = False) -> QLabel:
    """A label that never reads its text as markup."""
    label = WrappingLabel() if wrap else QLabel()
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
