"""The figures grid as a spreadsheet: type to edit, Enter commits and moves down, Tab
moves right (and out of the grid from the last column), Ctrl+V pastes a block from Excel
(one undo step), Delete clears, Ctrl+Return or Insert adds the next period. A refused
figure is shown at its cell and saved nowhere.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolTip,
    QWidget,
)

from app.plain_text import literal_rich_text
from ui.figures_model import FIGURE, FiguresModel
from ui.indicator_clipboard import parse_block, to_block

Hint = QAbstractItemDelegate.EndEditHint
ROWS_ALWAYS_SHOWN = 5  # however short the screen, this many periods stay in view


class FiguresView(QTableView):
    message = Signal(str)  # a refusal to show beside the grid ("" clears it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.last_error = ""
        self._refused = False
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(False)  # Tab moves right, and out after the last column
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(22)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Tall enough for the header, five rows and a horizontal scroll bar (the grid
        scrolls sideways in a narrow pane)."""
        hint = super().minimumSizeHint()
        rows = self.verticalHeader().defaultSectionSize() * ROWS_ALWAYS_SHOWN
        height = (self.horizontalHeader().sizeHint().height() + rows
                  + self.horizontalScrollBar().sizeHint().height() + 2 * self.frameWidth())
        return QSize(hint.width(), max(hint.height(), height))

    def setModel(self, model: FiguresModel) -> None:  # type: ignore[override]  # noqa: N802
        super().setModel(model)
        model.refused.connect(self._show_refusal)
        model.modelReset.connect(self._fit_columns)

    def figures(self) -> FiguresModel:
        return self.model()  # type: ignore[return-value]

    def _fit_columns(self) -> None:
        """Widths from the header and a typical cell, not by reading every row (fast)."""
        model = self.figures()
        fm = self.fontMetrics()
        samples = {"period": "w/c 14/03/2022" if model.rows and
                   model.rows[0].label.startswith("w/c") else "Q4 2021/22",
                   "status": "Amber, provisional", "target": "at least 1,234.5%"}
        for c in range(model.columnCount() - 1):
            name = model.columns[c]
            header = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            sample = samples.get(name, "12,345.6 (p)")
            width = max(fm.horizontalAdvance(header), fm.horizontalAdvance(sample)) + 24 + (
                22 if name == "status" else 0)  # the RAG icon
            self.setColumnWidth(c, min(width, 220))
        self.updateGeometry()  # the header's height is known now: the minimum follows

    # -- messages -------------------------------------------------------------------------
    def _show_refusal(self, row: int, column: int, text: str) -> None:
        self._refused = True
        self.last_error = text
        index = self.figures().index(row, column)
        rect = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()),
                          literal_rich_text(text), self)
        self.message.emit(text)

    def _clear_message(self) -> None:
        if self.last_error:
            self.last_error = ""
            QToolTip.hideText()  # the refusal shown at the cell is stale now
            self.message.emit("")

    # -- keyboard -------------------------------------------------------------------------
    def move_to(self, row: int, column: int) -> None:
        model = self.figures()
        row = max(0, min(row, model.rowCount() - 1))
        column = max(0, min(column, model.columnCount() - 1))
        self.setCurrentIndex(model.index(row, column))

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:  # noqa: N802
        current = self.currentIndex()
        refused, self._refused = self._refused, False
        typed = editor.text() if refused and isinstance(editor, QLineEdit) else None
        super().closeEditor(editor, Hint.NoHint)
        if refused or not current.isValid():
            if current.isValid():
                index = self.figures().index(current.row(), current.column())
                self.setCurrentIndex(index)
                if typed is not None:  # give the refused text back to correct, not retype
                    kept = QPersistentModelIndex(index)  # invalid once the grid is reset
                    QTimer.singleShot(0, lambda: self._edit_again(kept, typed))
            return
        if hint == Hint.SubmitModelCache:
            self.move_to(current.row() + 1, current.column())
        elif hint == Hint.EditNextItem:
            self.focusNextChild()
        elif hint == Hint.EditPreviousItem:
            self.focusPreviousChild()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        """Tab moves between cells and leaves the grid from the last column (Shift+Tab from
        the first), so the grid is no keyboard trap."""
        current = self.currentIndex()
        step = 1 if next else -1
        if current.isValid() and 0 <= current.column() + step < self.figures().columnCount():
            self.move_to(current.row(), current.column() + step)
            return True
        return super().focusNextPrevChild(next)

    def _edit_again(self, kept: QPersistentModelIndex, text: str) -> None:
        if not kept.isValid() or self.state() == QAbstractItemView.State.EditingState:
            return  # the user moved on (another indicator): never type into its cells
        index = self.figures().index(kept.row(), kept.column())
        self.edit(index)
        for editor in self.viewport().findChildren(QLineEdit):
            if editor.isVisible():
                editor.setText(text)
                editor.selectAll()

    def commitData(self, editor: QWidget) -> None:  # noqa: N802
        self._refused = False
        super().commitData(editor)
        if not self._refused:
            self._clear_message()

    def event(self, event: QEvent) -> bool:
        # Delete clears the selected cells here: the window's Delete (remove the item from
        # the tree) must not take the key first
        if (event.type() == QEvent.Type.ShortcutOverride
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        current = self.currentIndex()
        if (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl) or key == Qt.Key.Key_Insert:
            self.add_next_period()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid() \
                and self.state() != QAbstractItemView.State.EditingState:
            self.move_to(current.row() + 1, current.column())
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.state() != QAbstractItemView.State.EditingState:
            self.figures().clear_cells(sorted(self.selectedIndexes(),
                                              key=lambda i: (i.row(), i.column())))
        else:
            super().keyPressEvent(event)

    # -- actions --------------------------------------------------------------------------
    def add_next_period(self) -> None:
        row = self.figures().add_next_period()
        if row >= 0:
            self.move_to(row, self.figures().column_of(FIGURE))
            self.scrollTo(self.currentIndex())

    def paste(self, text: str | None = None) -> bool:
        if text is None:
            text = QGuiApplication.clipboard().text()
        grid = parse_block(text)
        current = self.currentIndex()
        if not grid or not current.isValid():
            return False
        selected = self.selectedIndexes()
        top = min((i.row() for i in selected), default=current.row())
        left = min((i.column() for i in selected), default=current.column())
        self._refused = False
        done = self.figures().paste(top, left, grid)
        if done:
            self._clear_message()
            self.move_to(top, left)
        return done

    def copy(self) -> None:
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        rows: dict[int, list[str]] = {}
        for ix in indexes:
            rows.setdefault(ix.row(), []).append(str(ix.data(Qt.ItemDataRole.EditRole) or ""))
        QGuiApplication.clipboard().setText(to_block(list(rows.values())))

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # noqa: N802
        super().currentChanged(current, previous)
