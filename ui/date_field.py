"""The one date field: a line edit for a day typed the UK way, with the day it understood
shown beside it ("Thursday 20 June 2019") before anything is saved, or why it cannot be read.

Every date entry in the window uses it; reading the text is app.dates.parse_date's job."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from app.dates import EXAMPLES, long_date, parse_date
from app.domain import ValidationError
from ui.plain_text import plain_label

_INVALID_CSS = "QLineEdit { border: 2px solid #D55E00; }"


class DateField(QWidget):
    """`date()` is the day understood, or None while the text is empty or unreadable;
    `problem()` then says why (and unreadable text is marked, empty text is not)."""

    dayChanged = Signal(object)  # date | None

    def __init__(self, day: date | None = None, label: str = "date",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._label = label
        self._day: date | None = None
        self._problem = ""
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("e.g. 20/06/2019")
        self.edit.setToolTip(f"Day first: {EXAMPLES}.")
        self.edit.setAccessibleName(label.capitalize())
        self.understood = plain_label(wrap=True)
        self.understood.setMinimumWidth(self.understood.fontMetrics().horizontalAdvance(
            "Wednesday 30 September 2026") + 8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.understood, 2)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._read)
        self.set_date(day)

    def date(self) -> date | None:
        return self._day

    def problem(self) -> str:
        return self._problem

    def set_date(self, day: date | None) -> None:
        self.edit.setText(f"{day:%d/%m/%Y}" if day else "")
        self._read(self.edit.text())

    def _read(self, text: str) -> None:
        try:
            day: date | None = parse_date(text, label=self._label)
            self._problem = ""
            self.understood.setText(long_date(day))
        except ValidationError as exc:
            day = None
            self._problem = str(exc)
            self.understood.setText(f"✗ {exc}" if text.strip() else "")
        self.edit.setStyleSheet(_INVALID_CSS if self.understood.text().startswith("✗") else "")
        self.edit.setAccessibleDescription(self.understood.text())
        if day != self._day:
            self._day = day
            self.dayChanged.emit(day)
