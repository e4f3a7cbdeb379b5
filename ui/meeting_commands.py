"""Undo commands for meetings (announced on Changes.meetings) and for their actions and
decisions (announced on Changes.actions), each calling the service the CLI calls too."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain import ActionStatus
from app.meeting_service import first_line
from app.plan_service import Removed
from app.services import Services
from ui.commands import Changes, ServiceCommand


class AddMeeting(ServiceCommand):
    def __init__(self, services: Services, changes: Changes, plan_id: str, held_on: date,
                 fields: dict[str, Any] | None = None):
        super().__init__(services, changes, f"Add meeting {held_on:%d/%m/%Y}")
        self.plan_id, self.held_on, self.fields = plan_id, held_on, dict(fields or {})
        self.meeting_id: str | None = None
        self.removed: Removed | None = None

    def do(self) -> None:
        if self.removed is not None:
            self.s.plans.restore(self.removed)
            return
        self.meeting_id = self.s.assessments.add_meeting(self.plan_id, self.held_on,
                                                         **self.fields).id

    def undo_(self) -> None:
        self.removed = self.s.assessments.delete_meeting(self.meeting_id)

    def notify(self) -> None:
        self.changes.meetings.emit(self.meeting_id or "")


class EditMeeting(ServiceCommand):
    def __init__(self, services: Services, changes: Changes, meeting_id: str,
                 new: dict[str, Any]):
        meeting = services.assessments.meeting(meeting_id)
        super().__init__(services, changes, f"Edit meeting {meeting.held_on:%d/%m/%Y}")
        self.meeting_id = meeting_id
        self.new = new
        self.old = {k: getattr(meeting, k) for k in new}

    def do(self) -> None:
        self.s.assessments.edit_meeting(self.meeting_id, **self.new)

    def undo_(self) -> None:
        self.s.assessments.edit_meeting(self.meeting_id, **self.old)

    def notify(self) -> None:
        self.changes.meetings.emit(self.meeting_id)


class DeleteMeeting(ServiceCommand):
    """Delete a meeting with its assessments and actions; undo puts them all back."""

    def __init__(self, services: Services, changes: Changes, meeting_id: str):
        meeting = services.assessments.meeting(meeting_id)
        super().__init__(services, changes, f"Delete meeting {meeting.held_on:%d/%m/%Y}")
        self.meeting_id = meeting_id
        self.removed: Removed | None = None

    def do(self) -> None:
        self.removed = self.s.assessments.delete_meeting(self.meeting_id)

    def undo_(self) -> None:
        self.s.plans.restore(self.removed)

    def notify(self) -> None:
        self.changes.meetings.emit(self.meeting_id)


class _ActionCommand(ServiceCommand):
    meeting_id: str

    def notify(self) -> None:
        self.changes.actions.emit(self.meeting_id)


class AddAction(_ActionCommand):
    def __init__(self, services: Services, changes: Changes, meeting_id: str,
                 fields: dict[str, Any]):
        kind = getattr(fields.get("kind"), "value", fields.get("kind")) or "action"
        super().__init__(services, changes, f"Add {kind}")
        self.meeting_id, self.fields = meeting_id, fields
        self.action_id: str | None = None
        self.removed: Removed | None = None

    def do(self) -> None:
        if self.removed is not None:
            self.s.meetings.restore_action(self.removed)
            return
        fields = dict(self.fields)
        self.action_id = self.s.meetings.add_action(self.meeting_id, fields.pop("text"),
                                                    **fields).id

    def undo_(self) -> None:
        self.removed = self.s.meetings.delete_action(self.action_id)


class EditAction(_ActionCommand):
    def __init__(self, services: Services, changes: Changes, action_id: str,
                 new: dict[str, Any]):
        action = services.meetings.action(action_id)
        super().__init__(services, changes, f"Edit {action.kind.value}")
        self.meeting_id, self.action_id = action.meeting_id, action_id
        self.new = new
        self.old = {k: getattr(action, k) for k in new}

    def do(self) -> None:
        self.s.meetings.edit_action(self.action_id, **self.new)

    def undo_(self) -> None:
        self.s.meetings.edit_action(self.action_id, **self.old)


class SetActionStatus(_ActionCommand):
    """Mark an action done or dropped (on `closed_on`), or reopen it."""

    def __init__(self, services: Services, changes: Changes, action_id: str,
                 status: ActionStatus, closed_on: date | None = None):
        action = services.meetings.action(action_id)
        word = {ActionStatus.DONE: "Mark done", ActionStatus.DROPPED: "Drop",
                ActionStatus.OPEN: "Reopen"}[status]
        super().__init__(services, changes, f"{word}: {first_line(action.text)}")
        self.meeting_id, self.action_id = action.meeting_id, action_id
        self.new = (status, closed_on)
        self.old = (action.status, action.closed_on)

    def do(self) -> None:
        self.s.meetings.set_status(self.action_id, *self.new)

    def undo_(self) -> None:
        self.s.meetings.set_status(self.action_id, *self.old)


class MoveAction(_ActionCommand):
    def __init__(self, services: Services, changes: Changes, action_id: str, position: int):
        action = services.meetings.action(action_id)
        super().__init__(services, changes, f"Move: {first_line(action.text)}")
        self.meeting_id, self.action_id = action.meeting_id, action_id
        self.new, self.old = position, action.position

    def do(self) -> None:
        self.s.meetings.move_action(self.action_id, self.new)

    def undo_(self) -> None:
        self.s.meetings.move_action(self.action_id, self.old)


class DeleteAction(_ActionCommand):
    def __init__(self, services: Services, changes: Changes, action_id: str):
        action = services.meetings.action(action_id)
        super().__init__(services, changes,
                         f"Delete {action.kind.value}: {first_line(action.text)}")
        self.meeting_id, self.action_id = action.meeting_id, action_id
        self.removed: Removed | None = None

    def do(self) -> None:
        self.removed = self.s.meetings.delete_action(self.action_id)

    def undo_(self) -> None:
        self.s.meetings.restore_action(self.removed)

