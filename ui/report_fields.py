"""The report editor's fields: a text box for plain paragraphs and lists, the meetings a
report covers, its other header rows, and a progress section per focus area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

BULLETS_HINT = ("Blank line between paragraphs; start a line with \"- \" for a bullet or "
                "\"1. \" for a numbered item.")


def text_box(name: str, lines: int = 5) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(BULLETS_HINT)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class MeetingChecklist(QListWidget):
    """A plan's meetings, each ticked or not: the meetings a report covers."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Meetings covered")

    def fill(self, meetings: list, ticked: list[str]) -> None:
        self.clear()
        for m in meetings:
            item = QListWidgetItem(f"{m.held_on:%d/%m/%Y}" + (f" – {m.title}" if m.title
                                                               else ""))
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setCheckState(Qt.CheckState.Checked if m.id in ticked
                               else Qt.CheckState.Unchecked)
            self.addItem(item)

    def ticked(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]


class HeaderFields(QTableWidget):
    """The report's other header rows (e.g. "Contact officer"), label and text, with a
    blank row at the end to add one; a row whose label is cleared is dropped."""

    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setAccessibleName("Other header fields")
        self.setHorizontalHeaderLabels(["Field", "Text"])
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 220)
        self.verticalHeader().setVisible(False)
        self.setMaximumHeight(120)
        self._editable = self.editTriggers()

    def fill(self, fields: dict[str, str]) -> None:
        self.setRowCount(0)
        for label, text in fields.items():
            self._add_row(label, text)
        self.keep_a_blank_row()

    def _add_row(self, label: str = "", text: str = "") -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(label))
        self.setItem(row, 1, QTableWidgetItem(text))

    def keep_a_blank_row(self) -> None:
        last = self.rowCount() - 1
        if last < 0 or any((self.item(last, c) and self.item(last, c).text()) for c in (0, 1)):
            self._add_row()

    def fields(self) -> dict[str, str]:
        out = {}
        for row in range(self.rowCount()):
            label, text = (self.item(row, c).text() if self.item(row, c) else ""
                           for c in (0, 1))
            if label.strip():
                out[label.strip()] = text
        return out

    def set_frozen(self, frozen: bool) -> None:
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers if frozen
                             else self._editable)


class FocusArea(QGroupBox):
    """One progress section: the priority, its focus area, the deliverables, progress."""

    def __init__(self, number: int, on_typed, on_remove):
        super().__init__(f"Focus area {number}")
        form = QFormLayout(self)
        self.priority = QLineEdit()
        self.focus = QLineEdit()
        self.deliverables = text_box("Deliverables", 3)
        self.progress = text_box("Progress report", 4)
        for label, w in (("Priority", self.priority), ("Focus", self.focus),
                         ("Deliverables", self.deliverables),
                         ("Progress report", self.progress)):
            w.setAccessibleName(f"{label} of focus area {number}")
            form.addRow(label, w)
            w.textChanged.connect(on_typed)
        self.remove = QPushButton("Remove this focus area")
        self.remove.clicked.connect(lambda: on_remove(self))
        form.addRow("", self.remove)

    def value(self) -> dict[str, str]:
        return {"priority": self.priority.text(), "focus": self.focus.text(),
                "deliverables": self.deliverables.toPlainText(),
                "progress": self.progress.toPlainText()}

    def load(self, item: dict[str, str]) -> None:
        self.priority.setText(item.get("priority", ""))
        self.focus.setText(item.get("focus", ""))
        self.deliverables.setPlainText(item.get("deliverables", ""))
        self.progress.setPlainText(item.get("progress", ""))

    def set_frozen(self, frozen: bool) -> None:
        for w in (self.priority, self.focus, self.deliverables, self.progress):
            w.setReadOnly(frozen)
        self.remove.setVisible(not frozen)
