"""Filtering the plan tree: text (ref, title, lead), RAG, lead organisation, and "changed
since the last meeting". Items above a match stay visible (recursive filtering)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import RAG
from app.read_model import RAG_ORDER
from ui.style import rag_icon
from ui.tree_model import Role


class TreeFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(False)
        self.text = ""
        self.rags: set[str] = set()
        self.lead = ""
        self.changed_ids: set[str] | None = None  # None: no "changed" filter
        self.rag_plan: str | None = None  # with a meeting chosen: RAG matches its plan only

    @property
    def active(self) -> bool:
        return bool(self.text or self.rags or self.lead or self.changed_ids is not None)

    def refilter(self) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def set_filters(self, *, text: str | None = None, rags: set[str] | None = None,
                    lead: str | None = None, changed_ids: set[str] | None | bool = False
                    ) -> None:
        if text is not None:
            self.text = text.strip().lower()
        if rags is not None:
            self.rags = set(rags)
        if lead is not None:
            self.lead = lead.strip().lower()
        if changed_ids is not False:
            self.changed_ids = changed_ids  # type: ignore[assignment]
        self.refilter()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.active:
            return True
        model = self.sourceModel()
        idx = model.index(source_row, 0, source_parent)
        kind = idx.data(Role.KIND)
        if kind == "plan":
            return False  # shown only above a match
        if self.text and self.text not in (idx.data(Role.SEARCH) or ""):
            return False
        if self.lead and self.lead not in (idx.data(Role.LEAD) or "").lower():
            return False
        if self.rags and (kind != "indicator" or idx.data(Role.RAG) not in self.rags):
            return False
        if self.rags and self.rag_plan and idx.data(Role.PLAN) != self.rag_plan:
            return False  # another plan's ratings mean nothing at this meeting
        return self.changed_ids is None or idx.data(Role.ID) in self.changed_ids


class FilterBox(QLineEdit):
    """The filter's text box: Down goes on to the tree below it."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Down and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.down.emit()
            return
        super().keyPressEvent(event)


class FilterBar(QWidget):
    """Text, RAG and lead filters above the tree."""

    changed = Signal()

    RAG_CHOICES = RAG_ORDER

    def __init__(self, parent=None):
        super().__init__(parent)
        # Three short rows rather than one long one: the tree's pane is narrow on a laptop
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        self.text = FilterBox()
        self.text.setPlaceholderText("Filter by ref, title or lead (Ctrl+F)")
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName("Filter the plan")
        lay.addWidget(self.text)
        self.rag_buttons: dict[RAG, QToolButton] = {}
        for r in self.RAG_CHOICES:
            b = QToolButton()
            b.setCheckable(True)
            b.setIcon(rag_icon(r, 16))
            b.setText(r.letter)
            b.setToolTip(f"Show only {r.word} indicators")
            b.setAccessibleName(f"Only {r.word}")
            b.toggled.connect(self.changed)
            self.rag_buttons[r] = b
            choices.addWidget(b)
        self.lead = QComboBox()
        self.lead.setEditable(False)
        self.lead.setAccessibleName("Filter by lead organisation")
        self.lead.setToolTip("Show only the items an organisation leads")
        self.lead.setMinimumContentsLength(6)
        self.lead.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lead.addItem("Any lead", "")
        choices.addWidget(self.lead, 1)
        lay.addLayout(choices)
        self.changed_only = QCheckBox("Changed since last meeting")
        self.changed_only.setAccessibleName("Only items changed since the last meeting")
        lay.addWidget(self.changed_only)
        self.text.textChanged.connect(self.changed)
        self.lead.currentIndexChanged.connect(self.changed)
        self.changed_only.toggled.connect(self.changed)

    def set_leads(self, leads: list[str]) -> None:
        current = self.lead.currentData()
        self.lead.blockSignals(True)
        self.lead.clear()
        self.lead.addItem("Any lead", "")
        for name in leads:
            self.lead.addItem(name, name)
        i = self.lead.findData(current)
        self.lead.setCurrentIndex(max(i, 0))
        self.lead.blockSignals(False)

    def rags(self) -> set[str]:
        return {r.value for r, b in self.rag_buttons.items() if b.isChecked()}

    def set_rags(self, rags: set[RAG]) -> None:
        for r, b in self.rag_buttons.items():
            b.setChecked(r in rags)

    def clear(self) -> None:
        self.text.clear()
        self.set_rags(set())
        self.lead.setCurrentIndex(0)
        self.changed_only.setChecked(False)
