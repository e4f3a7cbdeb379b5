"""The indicator's properties: a dialog with its fields and its target history.

OK saves every changed field as ONE undo step (IndicatorService.edit_indicator). The
target history lists every target, superseded ones greyed; "Add target" (or "Add revised
target" once there is one) adds a target for a period (IndicatorService.add_target),
keeping the one it replaces, as its own undo step. The comparators page sets or removes a
comparator's figure for a period (IndicatorService.enter_comparators), each its own undo
step. Cancel takes back every step the dialog made.
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
from app.chart_spec import COMPARATOR_NAMES
from app.domain import (
    BoardpackError,
    Comparator,
    ComparatorKind,
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
from ui.commands import Changes, EditIndicator, ServiceCommand, perform
from ui.figure_commands import AddTarget, EnterComparators
from ui.plain_text import plain_label, tooltip

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
KIND_NAMES = {IndicatorKind.NUMERIC: "Numeric, with target",
              IndicatorKind.BASELINE: "Establish a baseline",
              IndicatorKind.MAINTAIN: "Maintain", IndicatorKind.MONITOR: "Monitor only",
              IndicatorKind.MILESTONE: "Milestone", IndicatorKind.TEXT: "Text"}
STATUS_NAMES = {TargetStatus.AGREED: "Agreed", TargetStatus.PROVISIONAL: "Provisional",
                TargetStatus.TO_BE_AGREED: "To be agreed"}


class _IndicatorList(QAbstractTableModel):
    """A read-only table of one indicator's records (its targets, its comparators), one
    row each, read again by `refresh`."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, services: Services, indicator_id: str, parent: Any = None):
        super().__init__(parent)
        self.services = services
        self.indicator_id = indicator_id
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def records(self) -> list[Any]:
        raise NotImplementedError

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.records())

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None


class TargetHistoryModel(_IndicatorList):
    """Every target of an indicator, oldest period first; superseded ones greyed."""

    HEADERS = ("Period", "Target", "Status", "Set on", "In force", "Note")
    targets: list[Target]

    def records(self) -> list[Target]:
        return self.targets

    def refresh(self) -> None:
        self.beginResetModel()
        found = self.services.indicators.targets(self.indicator_id, include_superseded=True)
        self.targets = sorted(found, key=lambda t: (Period.from_key(t.period),
                                                     t.set_on.toordinal() if t.set_on else 0))
        self.endResetModel()

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


class ComparatorsModel(_IndicatorList):
    """Every comparator figure of an indicator, by period then comparator."""

    HEADERS = ("Period", "Comparator", "Figure", "As entered")
    comparators: list[Comparator]
    indicator: Indicator

    def records(self) -> list[Comparator]:
        return self.comparators

    def refresh(self) -> None:
        self.beginResetModel()
        kinds = list(ComparatorKind)
        self.indicator = self.services.indicators.indicator(self.indicator_id)
        self.comparators = sorted(self.services.indicators.comparators(self.indicator_id),
                                  key=lambda c: (Period.from_key(c.period), kinds.index(c.kind)))
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.comparators) \
                or role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self.comparators[index.row()]
        if index.column() == 0:
            return label(c.period)
        if index.column() == 1:
            return COMPARATOR_NAMES[c.kind.value]
        if index.column() == 2:
            ind = self.indicator
            return units.format_value(c.value, ind.unit, ind.decimals, ind.rate_base) \
                if c.value is not None else ""
        return c.raw_text


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
        self._steps_added = 0  # Cancel takes these back too: the dialog is all or nothing
        ind = services.indicators.indicator(indicator_id)
        self.setWindowTitle(f"Properties of {ind.code or ind.ref or ind.title}")
        tabs = QTabWidget()
        tabs.addTab(self._fields_tab(ind), "Indicator")
        tabs.addTab(self._targets_tab(ind), "Targets")
        tabs.addTab(self._comparators_tab(), "Comparators")
        self.tabs = tabs
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
        rate = Unit(self.unit.currentData()) is Unit.RATE
        self.rate_base.setEnabled(rate)
        if rate and not self.rate_base.value():
            self.rate_base.setValue(units.DEFAULT_RATE_BASE)  # a rate needs its base

    def values(self) -> dict[str, Any]:
        relative = self.tolerance_kind.currentData() == ToleranceKind.RELATIVE.value
        unit = self.unit.currentData()
        return {
            "code": self.code.text().strip(), "ref": self.ref.text().strip(),
            "title": self.title.text().strip(),
            "definition": self.definition.toPlainText().strip(),
            "unit": Unit(unit),
            "rate_base": (self.rate_base.value() or None) if Unit(unit) is Unit.RATE else None,
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
        for _ in range(self._steps_added):
            if self.undo_stack.canUndo():
                self.undo_stack.undo()
        self._steps_added = 0
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
        first = not self.history.targets
        box = QGroupBox("Add target" if first else
                        "Add revised target (the target it replaces is kept, greyed)")
        self.target_box = box
        form = QFormLayout(box)
        self.target_period = QLineEdit()
        self.target_period.setPlaceholderText("e.g. 2010/11, Q3 2021/22, Sep-21")
        self.target_text = QLineEdit()
        self.target_text.setPlaceholderText("e.g. 104, at most 104, 10-15%, in line with "
                                            "England, to be agreed")
        self.target_status = _combo(STATUS_NAMES, TargetStatus.AGREED)
        self.target_note = QLineEdit()
        self.add_target_button = QPushButton("&Add target" if first else "&Add revised target")
        self.add_target_button.clicked.connect(self.add_target)
        form.addRow("Period", self.target_period)
        form.addRow("Target", self.target_text)
        form.addRow("Status", self.target_status)
        form.addRow("Note" if first else "Why revised", self.target_note)
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
            command = AddTarget(
                self.services, self.changes, self.indicator_id, period.key,
                parsed.operator.value, parsed.value, value_high=parsed.value_high,
                comparator=parsed.comparator, status=self.target_status.currentData(),
                raw_text=text, note=self.target_note.text().strip())
        except BoardpackError as exc:  # the period or the target's words refused
            self.error.setText(str(exc))
            return False
        if not self._step(command):
            return False
        self.target_text.clear()
        self.target_note.clear()
        self.history.refresh()
        self.target_box.setTitle("Add revised target (the target it replaces is kept, greyed)")
        self.add_target_button.setText("&Add revised target")
        return True

    def _step(self, command: ServiceCommand) -> bool:
        """Do one of the dialog's own undo steps (Cancel takes it back); a refusal, or a
        read-only file, is shown in the dialog and nothing is saved."""
        try:
            perform(self.undo_stack, command)
        except BoardpackError as exc:
            self.error.setText(str(exc))
            return False
        self._steps_added += 1
        self.error.setText("")
        return True

    # -- comparators ------------------------------------------------------------------------
    def _comparators_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.comparators = ComparatorsModel(self.services, self.indicator_id, self)
        self.comparators_view = QTableView()
        self.comparators_view.setModel(self.comparators)
        self.comparators_view.setAccessibleName("Comparators")
        self.comparators_view.verticalHeader().setVisible(False)
        self.comparators_view.horizontalHeader().setStretchLastSection(True)
        self.comparators_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.comparators_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.comparators_view.setWordWrap(False)
        self.comparators_view.resizeColumnsToContents()
        self.comparators_view.clicked.connect(self._comparator_chosen)
        layout.addWidget(self.comparators_view)
        box = QGroupBox("Set a comparator's figure for a period")
        form = QFormLayout(box)
        self.comparator_period = QLineEdit()
        self.comparator_period.setAccessibleName("Comparator period")
        self.comparator_period.setPlaceholderText("e.g. 2010/11, Q3 2021/22, Sep-21")
        self.comparator_kind = _combo({k: COMPARATOR_NAMES[k.value] for k in ComparatorKind},
                                      ComparatorKind.STATISTICAL_NEIGHBOURS)
        self.comparator_kind.setAccessibleName("Comparator")
        self.comparator_figure = QLineEdit()
        self.comparator_figure.setAccessibleName("Comparator figure")
        self.comparator_figure.setPlaceholderText("e.g. 98.2, 12.5%, [c]")
        self.set_comparator_button = QPushButton("&Set comparator")
        self.set_comparator_button.clicked.connect(self.set_comparator)
        self.remove_comparator_button = QPushButton("&Remove selected")
        self.remove_comparator_button.clicked.connect(self.remove_comparator)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_comparator_button)
        buttons.addWidget(self.remove_comparator_button)
        buttons.addStretch(1)
        form.addRow("&Period", self.comparator_period)
        form.addRow("&Comparator", self.comparator_kind)
        form.addRow("&Figure", self.comparator_figure)
        form.addRow("", buttons)
        layout.addWidget(box)
        return page

    def _comparator_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            c = self.comparators.comparators[index.row()]
            self.comparator_period.setText(label(c.period))
            self.comparator_kind.setCurrentIndex(self.comparator_kind.findData(c.kind.value))
            self.comparator_figure.setText(c.raw_text)

    def set_comparator(self) -> bool:
        ind = self.services.indicators.indicator(self.indicator_id)
        try:
            period = self.services.indicators.parse_period_for(ind,
                                                               self.comparator_period.text())
        except BoardpackError as exc:
            self.error.setText(str(exc))
            return False
        return self._enter_comparator(self.comparator_kind.currentData(), period.key,
                                      self.comparator_figure.text())

    def remove_comparator(self) -> bool:
        rows = self.comparators_view.selectionModel().selectedRows()
        if not rows:
            self.error.setText("Choose the comparator figure to remove in the list.")
            return False
        c = self.comparators.comparators[rows[0].row()]
        return self._enter_comparator(c.kind.value, c.period, "")

    def _enter_comparator(self, kind: str, period: str, text: str) -> bool:
        name = COMPARATOR_NAMES[kind]
        words = (f"Remove {name} {label(period)}" if not text.strip()
                 else f"{name} {text.strip()} for {label(period)}")
        if not self._step(EnterComparators(self.services, self.changes, self.indicator_id,
                                           [(kind, period, text)], words)):
            return False
        self.comparator_figure.clear()
        self.comparators.refresh()
        self.comparators_view.resizeColumnsToContents()
        return True
