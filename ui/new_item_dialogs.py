"""Dialogs that ask for what a new indicator or a new meeting needs."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
)

from app.dates import long_date
from app.domain import Plan, Unit
from app.periods import PeriodType
from app.units import DEFAULT_RATE_BASE, POLARITY_LABELS, UNIT_LABELS
from ui.date_field import DateField
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
                  "rate_base": DEFAULT_RATE_BASE if Unit(unit) is Unit.RATE else None}
        return self.title.text().strip(), fields


class NewMeetingDialog(QDialog):
    """Plan, day and title of a new meeting. OK refuses a day it cannot read (the field says
    why) and asks once, in the dialog, before adding a meeting outside its plan's years."""

    def __init__(self, plans: list[Plan], current_plan_id: str | None, parent=None,
                 today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle("New meeting")
        self._plans = {p.id: p for p in plans}
        self._confirmed: tuple[str, date] | None = None
        form = QFormLayout(self)
        self.plan = QComboBox()
        for p in plans:
            self.plan.addItem(p.short_name or p.title, p.id)
        if current_plan_id:
            self.plan.setCurrentIndex(max(self.plan.findData(current_plan_id), 0))
        self.held_on = DateField(today or date.today(), "meeting's date")
        self.title = QLineEdit("Children's Trust Board")
        for label, widget in (("&Plan", self.plan), ("&Date", self.held_on),
                              ("&Title", self.title)):
            form.addRow(label, widget)
        self.warning = plain_label(wrap=True)
        self.warning.hide()
        form.addRow(self.warning)
        self.buttons = _buttons(self)
        form.addRow(self.buttons)
        self.plan.currentIndexChanged.connect(self._unwarn)
        self.held_on.dayChanged.connect(self._unwarn)

    def values(self) -> tuple[str, date, str]:
        day = self.held_on.date()
        assert day is not None, "values() of a dialog that was not accepted"
        return self.plan.currentData(), day, self.title.text().strip()

    def accept(self) -> None:
        day = self.held_on.date()
        if day is None:  # the field says why beside it; an empty one is asked for here
            if not self.held_on.edit.text().strip():
                self._warn(self.held_on.problem())
            self.held_on.setFocus()
            self.held_on.edit.selectAll()
            return
        outside = self._outside_plan(day)
        if outside and self._confirmed != (self.plan.currentData(), day):
            self._confirmed = (self.plan.currentData(), day)
            self._warn(f"{outside} Press Add anyway to add it.")
            self._ok().setText("Add anyway")
            return
        super().accept()

    def _outside_plan(self, day: date) -> str:
        plan = self._plans.get(self.plan.currentData())
        if plan is None:
            return ""
        name = plan.short_name or plan.title
        if plan.period_start and day < plan.period_start:
            return (f"{long_date(day)} is before {name} starts "
                    f"({long_date(plan.period_start)}).")
        if plan.period_end and day > plan.period_end:
            return f"{long_date(day)} is after {name} ends ({long_date(plan.period_end)})."
        return ""

    def _warn(self, text: str) -> None:
        self.warning.setText(f"⚠ {text}")
        self.warning.show()

    def _unwarn(self) -> None:
        self._confirmed = None
        self.warning.hide()
        self._ok().setText("OK")

    def _ok(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)
