"""Dialogs that ask for what a new indicator or a new meeting needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from app.domain import Meeting, Node, Plan, Unit
from app.meeting_service import outside_plan
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


class MeetingDialog(QDialog):
    """A meeting's plan, day, title, priority in focus, papers deadline, agenda reference and
    notes of what was discussed; new (`meeting` None) or edited. OK refuses a day it cannot
    read (the field says why), asks once, in the dialog, before a day outside the plan's
    span, then hands the values to `submit`, which does the edit or returns why not (shown
    here, nothing typed lost)."""

    def __init__(self, plans: list[Plan], current_plan_id: str | None,
                 top_items: Callable[[str], list[Node]],
                 submit: Callable[[dict[str, Any]], str | None], parent=None, *,
                 meeting: Meeting | None = None, today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit meeting" if meeting else "New meeting")
        self._plans = {p.id: p for p in plans}
        self._top_items = top_items
        self._submit = submit
        self._confirmed: tuple[str, date] | None = None
        form = QFormLayout(self)
        self.plan = QComboBox()
        for p in plans:
            self.plan.addItem(p.short_name or p.title, p.id)
        plan_id = meeting.plan_id if meeting else current_plan_id
        if plan_id:
            self.plan.setCurrentIndex(max(self.plan.findData(plan_id), 0))
        self.plan.setEnabled(meeting is None)  # a meeting stays with its plan
        self.held_on = DateField(meeting.held_on if meeting else today or date.today(),
                                 "meeting's date")
        self.title = QLineEdit(meeting.title if meeting else "Children's Trust Board")
        self.focus = QComboBox()
        self.focus.setAccessibleName("Priority in focus")
        self.papers_due = DateField(meeting.papers_due if meeting else None, "papers deadline")
        self.papers_due.edit.setPlaceholderText("optional")
        self.agenda_ref = QLineEdit(meeting.agenda_ref if meeting else "")
        self.agenda_ref.setPlaceholderText("e.g. Item 7 (optional)")
        self.discussed = QPlainTextEdit(meeting.discussed if meeting else "")
        self.discussed.setTabChangesFocus(True)
        self.discussed.setAccessibleName("Notes of what was discussed")
        self.discussed.setMinimumHeight(90)
        for label, widget in (("&Plan", self.plan), ("&Date", self.held_on),
                              ("&Title", self.title), ("Priority in &focus", self.focus),
                              ("Papers d&ue", self.papers_due),
                              ("&Agenda reference", self.agenda_ref),
                              ("What was di&scussed", self.discussed)):
            form.addRow(label, widget)
        self.warning = plain_label(wrap=True)
        self.warning.hide()
        form.addRow(self.warning)
        self.buttons = _buttons(self)
        form.addRow(self.buttons)
        self._fill_focus(meeting.focus_node_id if meeting else None)
        self.plan.currentIndexChanged.connect(lambda _i: self._fill_focus(None))
        self.plan.currentIndexChanged.connect(self._unwarn)
        self.held_on.dayChanged.connect(self._unwarn)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def _fill_focus(self, chosen: str | None) -> None:
        self.focus.clear()
        self.focus.addItem("(none)", None)
        for node in self._top_items(self.plan.currentData()):
            self.focus.addItem(f"{node.ref} {node.title}".strip(), node.id)
        self.focus.setCurrentIndex(max(self.focus.findData(chosen), 0) if chosen else 0)

    def values(self) -> dict[str, Any]:
        """What the dialog holds: plan_id, held_on, title, focus_node_id, papers_due,
        agenda_ref, discussed."""
        return {"plan_id": self.plan.currentData(), "held_on": self.held_on.date(),
                "title": self.title.text().strip(), "focus_node_id": self.focus.currentData(),
                "papers_due": self.papers_due.date(),
                "agenda_ref": self.agenda_ref.text().strip(),
                "discussed": self.discussed.toPlainText()}

    def accept(self) -> None:
        day = self.held_on.date()
        if day is None:  # the field says why beside it; an empty one is asked for here
            if not self.held_on.edit.text().strip():
                self._warn(self.held_on.problem())
            self._refocus(self.held_on)
            return
        if self.papers_due.date() is None and self.papers_due.edit.text().strip():
            self._refocus(self.papers_due)
            return
        outside = outside_plan(self._plans[self.plan.currentData()], day)
        if outside and self._confirmed != (self.plan.currentData(), day):
            self._confirmed = (self.plan.currentData(), day)
            verb = "Save" if not self.plan.isEnabled() else "Add"
            self._warn(f"{outside} Press {verb} anyway to {verb.lower()} it.")
            self._ok().setText(f"{verb} anyway")
            return
        problem = self._submit(self.values())
        if problem:
            self._warn(problem)
            return
        super().accept()

    def _refocus(self, field: DateField) -> None:
        field.setFocus()
        field.edit.selectAll()

    def _warn(self, text: str) -> None:
        self.warning.setText(f"⚠ {text}")
        self.warning.show()

    def _unwarn(self) -> None:
        self._confirmed = None
        self.warning.hide()
        self._ok().setText("OK")

    def _ok(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)
