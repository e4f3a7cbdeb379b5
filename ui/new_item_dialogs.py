"""Dialogs that ask for what a new indicator or a new meeting needs."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
)

from app.domain import Plan, Unit
from app.periods import PeriodType
from app.units import POLARITY_LABELS, UNIT_LABELS
from ui.plain_text import plain_label


def _combo(items: dict[Any, str]) -> QComboBox:
    box = QComboBox()
    for value, word in items.items():
        box.addItem(word, value)
    return box


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewIndicatorDialog(QDialog):
    def __init__(self, under: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New indicator")
        form = QFormLayout(self)
        form.addRow(plain_label(f"A new indicator under {under}. Properties… on its chart page "
                                "sets the rest (targets, tolerance, data source).", wrap=True))
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.code = QLineEdit()
        self.code.setPlaceholderText("e.g. NI 70 (optional)")
        self.ref = QLineEdit()
        self.ref.setPlaceholderText("as the plan numbers it, e.g. 3.14 (optional)")
        self.unit = _combo(UNIT_LABELS)
        self.polarity = _combo(POLARITY_LABELS)
        self.period_type = _combo({t.value: t.label for t in PeriodType})
        for label, widget in (("&Title", self.title), ("&Code", self.code), ("&Ref", self.ref),
                              ("&Unit", self.unit), ("&Polarity", self.polarity),
                              ("P&eriods", self.period_type)):
            form.addRow(label, widget)
        form.addRow(_buttons(self))

    def values(self) -> tuple[str, dict[str, Any]]:
        unit = self.unit.currentData()
        fields = {"code": self.code.text().strip(), "ref": self.ref.text().strip(),
                  "unit": unit, "polarity": self.polarity.currentData(),
                  "period_type": self.period_type.currentData(),
                  "rate_base": 10000 if unit is Unit.RATE else None}
        return self.title.text().strip(), fields


class NewMeetingDialog(QDialog):
    def __init__(self, plans: list[Plan], current_plan_id: str | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New meeting")
        form = QFormLayout(self)
        self.plan = QComboBox()
        for p in plans:
            self.plan.addItem(p.short_name or p.title, p.id)
        if current_plan_id:
            self.plan.setCurrentIndex(max(self.plan.findData(current_plan_id), 0))
        self.held_on = QDateEdit(QDate.currentDate())
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("dd/MM/yyyy")
        self.title = QLineEdit("Children's Trust Board")
        for label, widget in (("&Plan", self.plan), ("&Date", self.held_on),
                              ("&Title", self.title)):
            form.addRow(label, widget)
        form.addRow(_buttons(self))

    def values(self) -> tuple[str, date, str]:
        d = self.held_on.date()
        return (self.plan.currentData(), date(d.year(), d.month(), d.day()),
                self.title.text().strip())
