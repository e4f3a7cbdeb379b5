"""The indicator's properties: a dialog with its fields and its target history.

OK saves every changed field as ONE undo step (IndicatorService.edit_indicator). The
target history lists every target, superseded ones greyed; "Add revised target" adds a
target for a period (IndicatorService.add_target), keeping the one it replaces, as its
own undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import units
from app.domain import (
    BoardpackError,
    Indicator,
    IndicatorKind,
    Polarity,
    Target,
    TargetStatus,
    ToleranceKind,
    Unit,
)
from app.periods import Period, PeriodType, label
from app.services import Services
from app.target_words import target_words
from ui.commands import Changes, EditIndicator, perform
from ui.figure_commands import AddTarget
from ui.plain_text import plain_label, tooltip

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
KIND_NAMES = {IndicatorKind.NUMERIC: "Numeric, with target",
              IndicatorKind.BASELINE: "Establish a baseline",
              IndicatorKind.MAINTAIN: "Maintain", IndicatorKind.MONITOR: "Monitor only",
              IndicatorKind.MILESTONE: "Milestone", IndicatorKind.TEXT: "Text"}
STATUS_NAMES = {TargetStatus.AGREED: "Agreed", TargetStatus.PROVISIONAL: "Provisional",
                TargetStatus.TO_BE_AGREED: "To be agreed"}


class TargetHistoryModel(QAbstractTableModel):
    """Every target of an indicator, oldest period first; superseded ones greyed."""

    HEADERS = ("Period", "Target", "Status", "Set on", "In force", "Note")

    def __init__(self, services: Services, indicator_id: str, parent: Any = None):
        super().__init__(parent)
        self.services = services
        self.indicator_id = indicator_id
        self.targets: list[Target] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        found = self.services.indicators.targets(self.indicator_id, include_superseded=True)
        self.targets = sorted(found, key=lambda t: (Period.from_key(t.period),
                                                     t.set_on.toordinal() if t.set_on else 0))
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.targets)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.targets):
            return None
        t = self.targets[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(t, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and t.superseded_by:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [f"As printed: {t.raw_text}" if t.raw_text else "",
                     f"Source: {t.source.describe()}" if t.source.describe() else "",
                     "Replaced by a revised target" if t.superseded_by else ""]
            return tooltip("\n".join(p for p in parts if p))
        return None

    def _text(self, t: Target, column: int) -> str:
        if column == 0:
            return label(t.period)
        if column == 1:
            return target_words(self.services.indicators.indicator(self.indicator_id), t)
        if column == 2:
            return STATUS_NAMES.get(t.status, str(t.status))
        if column == 3:
            return f"{t.set_on:%d/%m/%Y}" if t.set_on else ""
        if column == 4:
            return "replaced" if t.superseded_by else "in force"
        return t.note


def _combo(options: dict[Any, str], current: Any) -> QComboBox:
    box = QComboBox()
    for value, text in options.items():
        box.addItem(text, value.value if hasattr(value, "value") else value)
    box.setCurrentIndex(max(0, box.findData(current.value if hasattr(current, "value")
                                            else current)))
    return box


class IndicatorPropertiesDialog(QDialog):
    def __init__(self, services: Services, undo_stack: QUndoStack, indicator_id: str,
                 changes: Changes, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.indicator_id = indicator_id
        self.changes = changes
        self._targets_added = 0  # Cancel takes these back too: the dialog is all or nothing
        ind = services.indicators.indicator(indicator_id)
        self.setWindowTitle(f"Properties of {ind.code or ind.ref or ind.title}")
        tabs = QTabWidget()
        tabs.addTab(self._fields_tab(ind), "Indicator")
        tabs.addTab(self._targets_tab(ind), "Targets")
        self.error = plain_label()
        self.error.setStyleSheet("color: #B00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 560)

    # -- fields ---------------------------------------------------------------------------
    def _fields_tab(self, ind: Indicator) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.code = QLineEdit(ind.code)
        self.ref = QLineEdit(ind.ref)
        self.title = QLineEdit(ind.title)
        self.definition = QPlainTextEdit(ind.definition)
        self.definition.setFixedHeight(60)
        self.unit = _combo(units.UNIT_LABELS, ind.unit)
        self.rate_base = QSpinBox()
        self.rate_base.setRange(0, 10_000_000)
        self.rate_base.setSpecialValueText("–")
        self.rate_base.setValue(ind.rate_base or 0)
        self.rate_base.setPrefix("per ")
        self.polarity = _combo(units.POLARITY_LABELS, ind.polarity)
        self.inferred = QCheckBox("inferred (the source does not print it)")
        self.inferred.setChecked(ind.polarity_inferred)
        self.period_type = _combo({t: t.label for t in PeriodType}, ind.period_type)
        self.frequency = QLineEdit(ind.frequency)
        self.lag = QSpinBox()
        self.lag.setRange(0, 3650)
        self.lag.setSuffix(" days")
        self.lag.setValue(ind.publication_lag_days)
        self.decimals = QSpinBox()
        self.decimals.setRange(0, 6)
        self.decimals.setValue(ind.decimals)
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setDecimals(3)
        self.tolerance.setRange(0, 1_000_000)
        self.tolerance_kind = _combo({ToleranceKind.RELATIVE: "% of the target",
                                      ToleranceKind.ABSOLUTE: "in the indicator's unit"},
                                     ind.tolerance_kind)
        relative = ind.tolerance_kind is ToleranceKind.RELATIVE
        self.tolerance.setValue(ind.tolerance * 100 if relative else ind.tolerance)
        self.kind = _combo(KIND_NAMES, ind.kind)
        self.data_source = QLineEdit(ind.data_source)
        self.note = QPlainTextEdit(ind.note)
        self.note.setFixedHeight(60)
        polarity = QHBoxLayout()
        polarity.addWidget(self.polarity)
        polarity.addWidget(self.inferred)
        tolerance = QHBoxLayout()
        tolerance.addWidget(self.tolerance)
        tolerance.addWidget(self.tolerance_kind)
        unit = QHBoxLayout()
        unit.addWidget(self.unit)
        unit.addWidget(self.rate_base)
        for text, widget in (("Code", self.code), ("Ref", self.ref), ("Title", self.title),
                             ("Definition", self.definition), ("Unit", unit),
                             ("Polarity", polarity), ("Period type", self.period_type),
                             ("Frequency", self.frequency), ("Publication lag", self.lag),
                             ("Decimals", self.decimals), ("Tolerance", tolerance),
                             ("Kind", self.kind), ("Data source", self.data_source),
                             ("Note", self.note)):
            form.addRow(text, widget)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self._unit_changed()
        return page

    def _unit_changed(self) -> None:
        self.rate_base.setEnabled(self.unit.currentData() == Unit.RATE.value)

    def values(self) -> dict[str, Any]:
        relative = self.tolerance_kind.currentData() == ToleranceKind.RELATIVE.value
        unit = self.unit.currentData()
        return {
            "code": self.code.text().strip(), "ref": self.ref.text().strip(),
            "title": self.title.text().strip(),
            "definition": self.definition.toPlainText().strip(),
            "unit": Unit(unit),
            "rate_base": (self.rate_base.value() or None) if unit == Unit.RATE.value else None,
            "polarity": Polarity(self.polarity.currentData()),
            "polarity_inferred": self.inferred.isChecked(),
            "period_type": self.period_type.currentData(),
            "frequency": self.frequency.text().strip(),
            "publication_lag_days": self.lag.value(), "decimals": self.decimals.value(),
            "tolerance": round(self.tolerance.value() / 100 if relative
                               else self.tolerance.value(), 6),
            "tolerance_kind": ToleranceKind(self.tolerance_kind.currentData()),
            "kind": IndicatorKind(self.kind.currentData()),
            "data_source": self.data_source.text().strip(),
            "note": self.note.toPlainText().strip(),
        }

    def edited_fields(self) -> dict[str, Any]:
        ind = self.services.indicators.indicator(self.indicator_id)
        out = {}
        for name, value in self.values().items():
            old = getattr(ind, name)
            if isinstance(value, float) and isinstance(old, float) and abs(value - old) < 1e-9:
                continue
            if value != old:
                out[name] = value
        return out

    def save(self) -> None:
        changes = self.edited_fields()
        if changes:
            try:
                perform(self.undo_stack, EditIndicator(self.services, self.changes,
                                                       self.indicator_id, changes))
            except BoardpackError as exc:  # a refusal, or a read-only file
                self.error.setText(str(exc))
                return
        self.accept()

    def reject(self) -> None:
        """Cancel: nothing this dialog did stays, revised targets included."""
        for _ in range(self._targets_added):
            if self.undo_stack.canUndo():
                self.undo_stack.undo()
        self._targets_added = 0
        super().reject()

    # -- targets --------------------------------------------------------------------------
    def _targets_tab(self, ind: Indicator) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.history = TargetHistoryModel(self.services, self.indicator_id, self)
        self.history_view = QTableView()
        self.history_view.setModel(self.history)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history_view.resizeColumnsToContents()
        self.history_view.clicked.connect(self._target_chosen)
        layout.addWidget(self.history_view)
        box = QGroupBox("Add revised target (the target it replaces is kept, greyed)")
        form = QFormLayout(box)
        self.target_period = QLineEdit()
        self.target_period.setPlaceholderText("e.g. 2010/11, Q3 2021/22, Sep-21")
        self.target_text = QLineEdit()
        self.target_text.setPlaceholderText("e.g. 104, at most 104, 10-15%, in line with "
                                            "England, to be agreed")
        self.target_status = _combo(STATUS_NAMES, TargetStatus.AGREED)
        self.target_note = QLineEdit()
        self.add_target_button = QPushButton("Add revised target")
        self.add_target_button.clicked.connect(self.add_target)
        form.addRow("Period", self.target_period)
        form.addRow("Target", self.target_text)
        form.addRow("Status", self.target_status)
        form.addRow("Why revised", self.target_note)
        form.addRow("", self.add_target_button)
        layout.addWidget(box)
        return page

    def _target_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.target_period.setText(label(self.history.targets[index.row()].period))

    def add_target(self) -> bool:
        ind = self.services.indicators.indicator(self.indicator_id)
        try:
            period = self.services.indicators.parse_period_for(ind, self.target_period.text())
            text = self.target_text.text().strip()
            parsed = units.parse_target_text(text, ind.unit, ind.polarity)
            perform(self.undo_stack, AddTarget(
                self.services, self.changes, self.indicator_id, period.key,
                parsed.operator.value, parsed.value, value_high=parsed.value_high,
                comparator=parsed.comparator, status=self.target_status.currentData(),
                raw_text=text, note=self.target_note.text().strip()))
        except BoardpackError as exc:  # a refusal, or a read-only file
            self.error.setText(str(exc))
            return False
        self._targets_added += 1
        self.error.setText("")
        self.target_text.clear()
        self.target_note.clear()
        self.history.refresh()
        return True
