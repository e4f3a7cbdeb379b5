"""The chosen meeting's actions and decisions, in a dock: its own, then the earlier
meetings' actions still open on its date ("from 21/03/2019"). Add, edit, mark done or
dropped, reopen, move and delete, each one undo step, all from the keyboard too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dates import long_date
from app.domain import ActionKind, ActionStatus, Meeting, MeetingAction
from app.services import Services
from ui.date_field import DateField
from ui.plain_text import plain_label
from ui.rows_model import RowsModel

HEADERS = ("Kind", "Action or decision", "Owner", "Due", "Status", "Raised")
STATUS_WORDS = {ActionStatus.OPEN: "Open", ActionStatus.DONE: "Done",
                ActionStatus.DROPPED: "Dropped"}


def status_text(action: MeetingAction) -> str:
    if action.kind is ActionKind.DECISION:
        return "Decided"
    word = STATUS_WORDS[action.status]
    return f"{word} {action.closed_on:%d/%m/%Y}" if action.closed_on else word


class ActionDialog(QDialog):
    """What an action or decision says, who owns it and when it is due. OK hands the values
    to `submit`, which records them or returns why not (shown here, nothing typed lost)."""

    def __init__(self, meeting: Meeting, submit: Callable[[dict[str, Any]], str | None],
                 owners: list[str], parent=None, action: MeetingAction | None = None):
        super().__init__(parent)
        raised = f"the meeting of {long_date(meeting.held_on)}"
        self.setWindowTitle(f"Edit {action.kind.value}" if action else "New action")
        self._submit = submit
        form = QFormLayout(self)
        form.addRow(plain_label(f"Raised at {raised}.", wrap=True))
        self.kind = QComboBox()
        self.kind.addItem("Action", ActionKind.ACTION)
        self.kind.addItem("Decision", ActionKind.DECISION)
        self.text = QLineEdit(action.text if action else "")
        self.text.setAccessibleName("Action or decision")
        self.text.setMinimumWidth(420)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(owners)
        self.owner.setCurrentText(action.owner if action else "")
        self.owner.setAccessibleName("Owner")
        self.due_on = DateField(action.due_on if action else None, "due date")
        self.due_on.edit.setPlaceholderText("optional")
        if action:
            self.kind.setCurrentIndex(self.kind.findData(action.kind))
        for label, widget in (("&Kind", self.kind), ("&What", self.text),
                              ("&Owner", self.owner), ("D&ue", self.due_on)):
            form.addRow(label, widget)
        self.warning = plain_label(wrap=True)
        self.warning.hide()
        form.addRow(self.warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.text.setFocus()

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind.currentData(), "text": self.text.text().strip(),
                "owner": self.owner.currentText().strip(), "due_on": self.due_on.date()}

    def accept(self) -> None:
        if self.due_on.date() is None and self.due_on.edit.text().strip():
            self.due_on.setFocus()  # the field says why beside it
            return
        problem = self._submit(self.values())
        if problem:
            self.warning.setText(f"⚠ {problem}")
            self.warning.show()
            return
        super().accept()


class ActionsTable(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Actions and decisions")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab leaves the list for the buttons
        rows = self.verticalHeader().defaultSectionSize()
        self.setMinimumHeight(self.horizontalHeader().sizeHint().height() + 3 * rows + 4)


class MeetingActionsPane(QWidget):
    """Lists `actions_at` the chosen meeting. The window wires `edit` (an action's dialog),
    `push` (do a command) and `commands` (the undo command classes) after creating it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.services: Services | None = None
        self.meeting: Meeting | None = None
        self.actions: list[MeetingAction] = []
        self.heading = plain_label(wrap=True)
        self.heading.setAccessibleName("Meeting")
        self.model = RowsModel(HEADERS, self)
        self.table = ActionsTable()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 70), (2, 160), (3, 84), (4, 118), (5, 120)):
            header.resizeSection(col, width)
        self.buttons: dict[str, QPushButton] = {}
        self.keys: dict[str, QAction] = {}
        row = QHBoxLayout()
        for name, text, keys, tip in (
                ("add", "Add…", ["Ins", "Ctrl+Return"], "Add an action or decision"),
                ("edit", "Edit…", ["Return", "F2"], "Edit what it says, its owner or due date"),
                ("done", "Done", ["Ctrl+D"], "Mark the action done at this meeting"),
                ("dropped", "Dropped", ["Ctrl+Shift+D"],
                 "Mark the action dropped at this meeting"),
                ("reopen", "Reopen", ["Ctrl+R"], "Open a closed action again"),
                ("up", "Move up", ["Ctrl+Up"], "Move it up this meeting's list"),
                ("down", "Move down", ["Ctrl+Down"], "Move it down this meeting's list"),
                ("delete", "Delete", ["Del"], "Delete the action or decision")):
            button = QPushButton(text)
            button.setToolTip(f"{tip} ({' or '.join(keys)})")
            button.setAutoDefault(False)
            row.addWidget(button)
            self.buttons[name] = button
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(act)
            self.keys[name] = act
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.table.doubleClicked.connect(lambda _i: self._run("edit"))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_enabled())
        for name in self.buttons:
            self.buttons[name].clicked.connect(lambda _c=False, n=name: self._run(n))
            self.keys[name].triggered.connect(lambda _c=False, n=name: self._run(n))
        self.handlers: dict[str, Callable[[MeetingAction | None], None]] = {}
        self.show_meeting(None, None)

    # -- what is shown ---------------------------------------------------------------------
    def show_meeting(self, services: Services | None, meeting: Meeting | None) -> None:
        self.services, self.meeting = services, meeting
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        chosen = keep or (self.current().id if self.current() else None)
        m, s = self.meeting, self.services
        self.actions = s.meetings.actions_at(m.id) if m is not None and s is not None else []
        raised = {}
        if s is not None and m is not None:
            raised = {x.id: x.held_on for x in s.assessments.meetings(m.plan_id)}
        rows = [(a.kind.value.capitalize(), a.text.replace("\n", " "), a.owner,
                 f"{a.due_on:%d/%m/%Y}" if a.due_on else "", status_text(a),
                 "this meeting" if a.meeting_id == m.id else
                 f"from {raised[a.meeting_id]:%d/%m/%Y}")
                for a in self.actions] if m is not None else []
        self.model.set_rows(rows, [a.text for a in self.actions])
        self.heading.setText(self._heading())
        ids = [a.id for a in self.actions]
        if chosen in ids:
            self.table.selectRow(ids.index(chosen))
        elif ids:
            self.table.selectRow(0)
        self._update_enabled()

    def _heading(self) -> str:
        m = self.meeting
        if m is None or self.services is None:
            return "Choose a meeting (Ctrl+M) to see its actions and decisions."
        own = sum(1 for a in self.actions if a.meeting_id == m.id)
        carried = len(self.actions) - own
        still_open = sum(1 for a in self.actions if a.kind is ActionKind.ACTION
                         and a.status is ActionStatus.OPEN)
        return (f"The meeting of {long_date(m.held_on)}: {own} recorded at it, {carried} "
                f"carried forward from earlier meetings, {still_open} still open.")

    def current(self) -> MeetingAction | None:
        row = self.table.currentIndex().row()
        return self.actions[row] if 0 <= row < len(self.actions) else None

    def select_text(self, text: str) -> bool:
        for i, a in enumerate(self.actions):
            if a.text == text:
                self.table.selectRow(i)
                return True
        return False

    def _update_enabled(self) -> None:
        s, m, a = self.services, self.meeting, self.current()
        writable = s is not None and m is not None and not s.read_only
        is_action = a is not None and a.kind is ActionKind.ACTION
        own = a is not None and m is not None and a.meeting_id == m.id
        last = len([x for x in self.actions if m is not None and x.meeting_id == m.id]) - 1
        enabled = {
            "add": writable,
            "edit": writable and a is not None,
            "done": writable and is_action and a.status is not ActionStatus.DONE,
            "dropped": writable and is_action and a.status is not ActionStatus.DROPPED,
            "reopen": writable and is_action and a.status is not ActionStatus.OPEN,
            "up": writable and own and a.position > 0,
            "down": writable and own and a.position < last,
            "delete": writable and a is not None,
        }
        for name, on in enabled.items():
            self.buttons[name].setEnabled(on)
            self.keys[name].setEnabled(on)

    def _run(self, name: str) -> None:
        if QApplication.activeModalWidget() is not None:  # the list's keys, typed in a dialog
            return
        if self.buttons[name].isEnabled() and name in self.handlers:
            self.handlers[name](self.current())

    def closing_day(self) -> date | None:
        """The day an action closed here is closed on: the meeting's."""
        return self.meeting.held_on if self.meeting else None
