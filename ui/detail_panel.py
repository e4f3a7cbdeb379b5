"""The selected item's own fields: a plan, an item of the tree, or an indicator.

Each field saves when the user leaves it (one undo step per field edit). An indicator's
page has `indicator_area`, which the indicator/chart work fills; until then it lists the
latest figures and targets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import INHERITED_NODE_FIELDS, Indicator, Node, NodeKind, Plan, PlanStatus
from app.services import Services
from ui.autosave import Autosave
from ui.plain_text import WrappingLabel, plain_label

# (field, label, multi-line)
PLAN_FIELDS = [("title", "&Title", False), ("short_name", "&Short name", False),
               ("board", "B&oard", False), ("status", "Stat&us", None),
               ("description", "&Description", True)]
NODE_FIELDS = [("ref", "&Ref", False), ("title", "&Title", False), ("kind", "&Kind", None),
               ("lead_organisation", "&Lead organisation", False),
               ("lead_role", "Lead r&ole", False), ("partners", "&Partners", False),
               ("reporting_timetable", "Reporting t&imetable", False),
               ("timing", "&When", False), ("description", "&Description", True),
               ("progress", "Pro&gress", True), ("note", "&Note", True)]
INDICATOR_FIELDS = [("ref", "&Ref", False), ("code", "&Code", False), ("title", "&Title", False),
                    ("data_source", "Data &source", False), ("definition", "Defi&nition", True)]
CHOICES = {"kind": [k.value for k in NodeKind], "status": [s.value for s in PlanStatus]}


class PlainEdit(QPlainTextEdit):
    editingFinished = Signal()

    def focusOutEvent(self, e) -> None:
        super().focusOutEvent(e)
        if self.document().isModified():
            self.document().setModified(False)
            self.editingFinished.emit()


SAVE_DELAY_MS = 800


class FieldForm(QWidget):
    """Line edits, text boxes and choices for some fields of one record.

    Text saves as you type (after a pause) and when the field loses focus; everything typed
    into one field between focusing it and leaving it is one edit session, which the window
    makes one undo step.
    """

    def __init__(self, fields: list[tuple[str, str, bool | None]],
                 save: Callable[[str, dict[str, Any], int], None], parent=None):
        super().__init__(parent)
        self.save = save
        self.record_id = ""
        self.values: dict[str, Any] = {}
        self._sessions: dict[str, int] = {}
        self._next_session = 1
        self._loading = False
        self._timer = Autosave(lambda: self.flush(end_session=False), SAVE_DELAY_MS,
                               parent=self)
        self.form = QFormLayout(self)
        self.widgets: dict[str, QWidget] = {}
        for name, label, multi in fields:
            if multi is None:
                w: QWidget = QComboBox()
                for choice in CHOICES[name]:
                    w.addItem(choice.replace("_", " ").capitalize(), choice)
                w.activated.connect(lambda _i, n=name: self._finished(n, True))
            elif multi:
                w = PlainEdit()
                w.setTabChangesFocus(True)
                w.setMaximumHeight(90)
                w.editingFinished.connect(lambda n=name: self._finished(n, True))
                w.textChanged.connect(self._typed)
            else:
                w = QLineEdit()
                w.editingFinished.connect(lambda n=name: self._finished(n, True))
                w.textEdited.connect(self._typed)
            w.setAccessibleName(label.replace("&", ""))
            w.setObjectName(name)
            self.widgets[name] = w
            self.form.addRow(label + ":", w)

    def show_record(self, record: Any, placeholders: dict[str, str] | None = None,
                    read_only: bool = False) -> None:
        if record.id != self.record_id:
            self.flush()
        self.record_id = record.id
        placeholders = placeholders or {}
        self._loading = True
        try:
            for name, w in self.widgets.items():
                value = getattr(record, name)
                value = value.value if hasattr(value, "value") else value
                self.values[name] = value
                text = "" if value is None else str(value)
                if isinstance(w, QComboBox):
                    w.setCurrentIndex(max(w.findData(text), 0))
                    w.setEnabled(not read_only)
                    continue
                if isinstance(w, PlainEdit):
                    if w.toPlainText() != text:
                        w.setPlainText(text)
                    w.document().setModified(False)
                elif w.text() != text:  # leave the cursor alone while the user types
                    w.setText(text)
                    w.setModified(False)
                w.setReadOnly(read_only)
                w.setPlaceholderText(placeholders.get(name, ""))
        finally:
            self._loading = False

    def _typed(self, *_args: object) -> None:
        if not self._loading:
            self._timer.typed()

    def _pending(self, name: str) -> Any:
        """The value typed into a field and not yet saved, or None."""
        w = self.widgets[name]
        if isinstance(w, QComboBox):
            value = w.currentData()
        elif isinstance(w, PlainEdit):
            value = w.toPlainText()
        else:
            value = w.text()
        return None if value == (self.values.get(name) or "") else value

    def _finished(self, name: str, end_session: bool) -> None:
        value = self._pending(name) if self.record_id else None
        if value is not None:
            self.values[name] = value
            if name not in self._sessions:
                self._sessions[name] = self._next_session
                self._next_session += 1
            self.save(self.record_id, {name: value}, self._sessions[name])
        if end_session:
            self._sessions.pop(name, None)

    def flush(self, end_session: bool = True) -> None:
        """Save whatever has been typed and not yet saved (before closing, switching...)."""
        self._timer.cancel()
        for name in self.widgets:
            self._finished(name, end_session)


class DetailPanel(QStackedWidget):
    """Plan / item / indicator pages; `save_requested(kind, id, changes)` asks the window
    to push an edit command."""

    saveRequested = Signal(str, str, dict, int)  # kind, id, changes, edit session

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Selected item")
        self.empty = WrappingLabel("Select a plan, an item or an indicator in the tree.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.empty)
        self.plan_form = FieldForm(PLAN_FIELDS, lambda i, c, n: self.saveRequested.emit(
            "plan", i, c, n))
        self.addWidget(_scroll(self.plan_form))
        self.node_form = FieldForm(NODE_FIELDS, lambda i, c, n: self.saveRequested.emit(
            "node", i, c, n))
        self.addWidget(_scroll(self.node_form))
        self.indicator_page = QWidget()
        lay = QVBoxLayout(self.indicator_page)
        self.indicator_form = FieldForm(INDICATOR_FIELDS, lambda i, c, n: self.saveRequested.emit(
            "indicator", i, c, n))
        self.indicator_heading = plain_label(wrap=True)
        font = self.indicator_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.indicator_heading.setFont(font)
        lay.addWidget(self.indicator_heading)
        self.indicator_facts = plain_label(wrap=True)
        lay.addWidget(self.indicator_facts)
        # The chart and figures grid go in the first tab (set_indicator_panel); the
        # indicator's own fields in the second.
        self.indicator_tabs = QTabWidget()
        self.indicator_tabs.setAccessibleName("Indicator")
        self.indicator_area = QWidget()
        self.indicator_area.setAccessibleName("Indicator chart and figures")
        QVBoxLayout(self.indicator_area).setContentsMargins(0, 0, 0, 0)
        self.indicator_tabs.addTab(self.indicator_area, "Chart and fi&gures")
        self.indicator_tabs.addTab(_scroll(self.indicator_form), "&Details")
        lay.addWidget(self.indicator_tabs, 1)
        self.addWidget(self.indicator_page)
        self.current: tuple[str, str] | None = None

    def flush(self, end_session: bool = True) -> None:
        for form in (self.plan_form, self.node_form, self.indicator_form):
            form.flush(end_session)

    def show_nothing(self) -> None:
        self.current = None
        self.setCurrentIndex(0)

    def show_plan(self, plan: Plan, read_only: bool) -> None:
        self.current = ("plan", plan.id)
        self.plan_form.show_record(plan, read_only=read_only)
        self.setCurrentIndex(1)

    def show_node(self, node: Node, inherited: dict[str, tuple[str, Node]],
                  read_only: bool) -> None:
        self.current = ("node", node.id)
        placeholders = {f: f"{value}  (from {src.ref or src.title})"
                        for f, (value, src) in inherited.items() if f in INHERITED_NODE_FIELDS}
        self.node_form.show_record(node, placeholders, read_only)
        self.setCurrentIndex(2)

    def set_indicator_panel(self, panel: QWidget) -> None:
        self.indicator_area.layout().addWidget(panel)

    def show_indicator(self, services: Services, ind: Indicator, read_only: bool) -> None:
        self.current = ("indicator", ind.id)
        self.indicator_form.show_record(ind, read_only=read_only)
        self.indicator_heading.setText(f"{ind.ref or ind.code} {ind.title}".strip())
        self.indicator_facts.setText(_facts(ind))
        self.setCurrentIndex(3)


def _scroll(w: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(w)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


def _facts(ind: Indicator) -> str:
    unit = ind.unit.value + (f" per {ind.rate_base:,}" if ind.rate_base else "")
    polarity = {"higher": "higher is better", "lower": "lower is better",
                "band": "within a band is best", "none": "no polarity (context)"}[
        ind.polarity.value]
    if ind.polarity_inferred:
        polarity += " (inferred)"
    parts = [f"Unit: {unit}", polarity.capitalize(), f"Frequency: {ind.frequency or '–'}"]
    return " · ".join(parts)
