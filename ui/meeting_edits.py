"""Meetings from the window: New, Edit and Delete meeting, and the dock listing the chosen
meeting's actions and decisions. Every change is an undo command (ui/meeting_commands.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from app.domain import ActionStatus, BoardpackError, MeetingAction
from ui.commands import ServiceCommand, perform
from ui.meeting_commands import (
    AddAction,
    AddMeeting,
    DeleteAction,
    DeleteMeeting,
    EditAction,
    EditMeeting,
    MoveAction,
    SetActionStatus,
)
from ui.meeting_pane import ActionDialog, MeetingActionsPane
from ui.plain_text import Button, ask


class MeetingEdits(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        # Replaced in tests: (title, text) -> yes?
        self.confirm: Callable[[str, str], bool] = self._ask
        self.pane = MeetingActionsPane()
        self.dock = QDockWidget("Actions and decisions", window)
        self.dock.setObjectName("actionsDock")
        self.dock.setWidget(self.pane)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()  # View → Meeting actions (Ctrl+4) shows it; the window state keeps it
        self.pane.handlers = {
            "add": lambda _a: self.add_action(), "edit": self.edit_action,
            "done": lambda a: self.set_status(a, ActionStatus.DONE),
            "dropped": lambda a: self.set_status(a, ActionStatus.DROPPED),
            "reopen": lambda a: self.set_status(a, ActionStatus.OPEN),
            "up": lambda a: self.move(a, -1), "down": lambda a: self.move(a, +1),
            "delete": self.delete_action}
        window.changes.actions.connect(lambda _id: self.pane.reload())

    @property
    def s(self):
        return self.w.services

    def _ask(self, title: str, text: str) -> bool:
        return ask(self.w, title, text, Button.Yes | Button.Cancel, Button.Cancel)

    def meeting_changed(self) -> None:
        """The window chose another meeting (or another file)."""
        self.pane.show_meeting(self.s, self.w.meeting)
        self.update_enabled()

    def update_enabled(self) -> None:
        acts = getattr(self.w, "acts", None)
        if acts is None:
            return
        chosen = self.s is not None and not self.s.read_only and self.w.meeting is not None
        acts["edit_meeting"].setEnabled(chosen)
        acts["delete_meeting"].setEnabled(chosen)

    def show_actions(self) -> None:
        if not self.dock.isVisible():
            self.dock.show()
            self.w.resizeDocks([self.dock], [230], Qt.Orientation.Vertical)
        self.dock.raise_()
        self.pane.table.setFocus()

    def _submit(self, make: Callable[[dict[str, Any]], ServiceCommand | None],
                after: Callable[[ServiceCommand], None] = lambda _c: None
                ) -> Callable[[dict[str, Any]], str | None]:
        """A dialog's OK: do the command now, or say why not without closing the dialog."""
        def submit(values: dict[str, Any]) -> str | None:
            try:
                command = make(values)
                if command is not None:
                    perform(self.w.undo_stack, command)
                    after(command)
            except BoardpackError as exc:
                return str(exc)
            return None
        return submit

    # -- meetings ------------------------------------------------------------------------
    def new_meeting(self) -> None:
        if self.s is None:
            return
        self.w.flush_edits()
        item = self.w.current_item()
        current = self.w.meeting.plan_id if self.w.meeting else item.plan_id if item else None

        def make(values: dict[str, Any]) -> ServiceCommand:
            fields = dict(values)
            return AddMeeting(self.s, self.w.changes, fields.pop("plan_id"),
                              fields.pop("held_on"), fields)

        self._dialog(current, make, None)

    def edit_meeting(self) -> None:
        meeting = self.w.meeting
        if self.s is None or meeting is None:
            return
        self.w.flush_edits()

        def make(values: dict[str, Any]) -> ServiceCommand | None:
            values.pop("plan_id")
            new = {k: v for k, v in values.items() if getattr(meeting, k) != v}
            return EditMeeting(self.s, self.w.changes, meeting.id, new) if new else None

        self._dialog(meeting.plan_id, make, meeting)

    def _dialog(self, plan_id, make, meeting) -> None:
        from ui.new_item_dialogs import MeetingDialog

        def top_items(pid: str):
            return [n for n in self.s.plans.nodes(pid) if n.parent_id is None]

        # The commands announce the meeting on Changes.meetings: the window then chooses it.
        dialog = MeetingDialog(self.s.plans.plans(), plan_id, top_items, self._submit(make),
                               self.w, meeting=meeting)
        dialog.exec()

    def delete_meeting(self) -> None:
        meeting = self.w.meeting
        if self.s is None or meeting is None:
            return
        self.w.flush_edits()
        text = self.s.meetings.describe_delete(meeting.id) + " You can undo it."
        if self.confirm("Delete meeting", text):
            self.w.push(DeleteMeeting(self.s, self.w.changes, meeting.id))

    # -- actions -------------------------------------------------------------------------
    def _owners(self) -> list[str]:
        return sorted({a.owner for a in self.pane.actions if a.owner})

    def add_action(self) -> None:
        meeting = self.w.meeting
        if self.s is None or meeting is None:
            return

        def make(values: dict[str, Any]) -> ServiceCommand:
            return AddAction(self.s, self.w.changes, meeting.id, values)

        ActionDialog(meeting, self._submit(make, self._select), self._owners(), self.w).exec()

    def edit_action(self, action: MeetingAction | None) -> None:
        if self.s is None or action is None:
            return
        raised = self.s.assessments.meeting(action.meeting_id)

        def make(values: dict[str, Any]) -> ServiceCommand | None:
            new = {k: v for k, v in values.items() if getattr(action, k) != v}
            return EditAction(self.s, self.w.changes, action.id, new) if new else None

        ActionDialog(raised, self._submit(make), self._owners(), self.w, action).exec()

    def _select(self, command: ServiceCommand) -> None:
        self.pane.reload(keep=command.action_id)

    def set_status(self, action: MeetingAction | None, status: ActionStatus) -> None:
        if self.s is None or action is None:
            return
        day = self.pane.closing_day() if status is not ActionStatus.OPEN else None
        self.w.push(SetActionStatus(self.s, self.w.changes, action.id, status, day))

    def move(self, action: MeetingAction | None, by: int) -> None:
        if self.s is None or action is None:
            return
        if self.w.push(MoveAction(self.s, self.w.changes, action.id, action.position + by)):
            self.pane.reload(keep=action.id)

    def delete_action(self, action: MeetingAction | None) -> None:
        if self.s is None or action is None:
            return
        what = f"Delete the {action.kind.value} '{action.text}'?"
        if action.meeting_id != self.w.meeting.id:
            raised = self.s.assessments.meeting(action.meeting_id)
            what += f" It was raised at the meeting of {raised.held_on:%d/%m/%Y}."
        if self.confirm("Delete", what + " You can undo it."):
            self.w.push(DeleteAction(self.s, self.w.changes, action.id))

