"""Small dialogs: pick an indicator to link; messages."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
)

from app.domain import Indicator
from app.plain_text import escape_markup
from ui.plain_text import tooltip

_NO_INDEX = QModelIndex()


class IndicatorListModel(QAbstractListModel):
    """Indicators as "ref  title · plan": the same code can serve several plans."""

    def __init__(self, indicators: list[Indicator], parent=None,
                 plan_names: dict[str, str] | None = None):
        super().__init__(parent)
        self.indicators = indicators
        self.plan_names = plan_names or {}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self.indicators)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ind = self.indicators[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            ref = ind.ref or ind.code
            text = f"{ref}  {ind.title}" if ref else ind.title
            plan = self.plan_names.get(ind.plan_id or "")
            return f"{text}  ·  {plan}" if plan else text
        if role == Qt.ItemDataRole.UserRole:
            return ind.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(ind.definition or ind.title)
        return None


class LinkIndicatorDialog(QDialog):
    """Choose an existing indicator to show under another item as well."""

    def __init__(self, indicators: list[Indicator], under: str, parent=None,
                 plan_names: dict[str, str] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Link an indicator")
        self.resize(560, 420)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"Show an existing indicator under <b>{escape_markup(under)}</b> "
                             "too. Its figures stay the same wherever it appears."))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type part of the ref, code or title")
        self.search.setAccessibleName("Find an indicator")
        lay.addWidget(self.search)
        self.model = IndicatorListModel(indicators, self, plan_names)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setAccessibleName("Indicators")
        self.list.setModel(self.proxy)
        lay.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Link")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search.textChanged.connect(lambda _t: self.list.setCurrentIndex(
            self.proxy.index(0, 0)))
        self.list.doubleClicked.connect(self.accept)
        self.list.setCurrentIndex(self.proxy.index(0, 0))

    def chosen_id(self) -> str | None:
        idx = self.list.currentIndex()
        return idx.data(Qt.ItemDataRole.UserRole) if idx.isValid() else None
