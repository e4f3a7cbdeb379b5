"""A meeting's actions and decisions, and what a meeting may be: the plan's span, and what
deleting one takes with it. The meeting records themselves are added, edited and deleted by
AssessmentService (their assessments hang on them); which actions a meeting has before it
is app.meeting_actions' rule."""

from __future__ import annotations

from datetime import date
from typing import Any

from app import validation as check
from app.assessment_service import AssessmentService
from app.dates import long_date
from app.domain import (
    ActionKind,
    ActionStatus,
    Meeting,
    MeetingAction,
    Plan,
    ValidationError,
)
from app.meeting_actions import actions_before
from app.plan_service import Removed, reinsert
from app.ports import PlanStore

ACTION_FIELDS = ("text", "kind", "owner", "due_on")


def outside_plan(plan: Plan, day: date) -> str:
    """Why a meeting on `day` falls outside its plan's span ("" when it does not)."""
    name = plan.short_name or plan.title
    if plan.period_start and day < plan.period_start:
        return f"{long_date(day)} is before {name} starts ({long_date(plan.period_start)})."
    if plan.period_end and day > plan.period_end:
        return f"{long_date(day)} is after {name} ends ({long_date(plan.period_end)})."
    return ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class MeetingService:
    def __init__(self, store: PlanStore, assessments: AssessmentService):
        self.store = store
        self.assessments = assessments

    # -- meetings ------------------------------------------------------------------------
    def outside_plan(self, plan_id: str, day: date) -> str:
        return outside_plan(self.store.get(Plan, plan_id), day)

    def describe_delete(self, meeting_id: str) -> str:
        """What deleting the meeting takes with it, for the confirmation."""
        meeting = self.assessments.meeting(meeting_id)
        rated = len(self.assessments.assessments_at(meeting_id))
        own = self.actions(meeting_id)
        still_open = sum(1 for a in own if a.kind is ActionKind.ACTION
                         and a.status is ActionStatus.OPEN)
        decisions = sum(1 for a in own if a.kind is ActionKind.DECISION)
        parts = [_plural(rated, "assessment") + " recorded at it",
                 _plural(len(own) - decisions, "action")
                 + (f" ({still_open} still open and carried forward)" if still_open else ""),
                 _plural(decisions, "decision")]
        return (f"Delete the meeting of {long_date(meeting.held_on)}"
                + (f" ({meeting.title})" if meeting.title else "")
                + f"? Its {', '.join(parts[:-1])} and {parts[-1]} go with it.")

    # -- reading actions -------------------------------------------------------------------
    def action(self, action_id: str) -> MeetingAction:
        return self.store.get(MeetingAction, action_id)

    def actions(self, meeting_id: str) -> list[MeetingAction]:
        """The actions and decisions recorded at the meeting, in order."""
        return self.store.find(MeetingAction, meeting_id=meeting_id)

    def actions_at(self, meeting_id: str) -> list[MeetingAction]:
        """What the meeting has before it: its own actions and decisions, then the earlier
        meetings' actions that were open on its date (app.meeting_actions' rule)."""
        meeting = self.assessments.meeting(meeting_id)
        meetings = self.assessments.meetings(meeting.plan_id)
        earlier = [m.id for m in meetings if m.held_on <= meeting.held_on]
        found = self.store.find_in(MeetingAction, "meeting_id", earlier)
        return actions_before(meeting, meetings, found)

    def open_actions(self, meeting_id: str) -> list[MeetingAction]:
        """The actions before the meeting that are still open."""
        return [a for a in self.actions_at(meeting_id)
                if a.kind is ActionKind.ACTION and a.status is ActionStatus.OPEN]

    # -- changing actions ------------------------------------------------------------------
    def add_action(self, meeting_id: str, text: str, *, kind: ActionKind | str = ActionKind.ACTION,
                   owner: str = "", due_on: date | str | None = None,
                   position: int | None = None) -> MeetingAction:
        meeting = self.assessments.meeting(meeting_id)
        fields = self._checked(meeting, dict(text=text, kind=kind, owner=owner, due_on=due_on))
        own = self.actions(meeting_id)
        at = len(own) if position is None else max(0, min(position, len(own)))
        action = MeetingAction(meeting_id, position=at, **fields)
        with self.store.transaction(f"Add {action.kind.value} at {meeting.held_on:%d/%m/%Y}"):
            self._shift([a for a in own if a.position >= at], +1)
            self.store.insert(action)
        return action

    def edit_action(self, action_id: str, **changes: Any) -> MeetingAction:
        unknown = set(changes) - set(ACTION_FIELDS)
        if unknown:
            raise ValidationError(f"Actions have no field {sorted(unknown)[0]!r} (to close one, "
                                  "use close_action).")
        action = self.action(action_id)
        meeting = self.assessments.meeting(action.meeting_id)
        checked = self._checked(meeting, {**{k: getattr(action, k) for k in ACTION_FIELDS},
                                          **changes})
        if checked["kind"] is ActionKind.DECISION and action.status is not ActionStatus.OPEN:
            raise ValidationError("A closed action cannot become a decision; reopen it first.",
                                  field="kind")
        with self.store.transaction(f"Edit {action.kind.value} '{first_line(action.text)}'"):
            return self.store.update(action, **{k: checked[k] for k in changes})

    def close_action(self, action_id: str, status: ActionStatus | str = ActionStatus.DONE,
                     closed_on: date | str | None = None) -> MeetingAction:
        """Mark an action done or dropped, on `closed_on` (default today). It carries forward
        to the meetings up to that day, no further."""
        action = self.action(action_id)
        status = check.choice(ActionStatus, status, "status")
        if status is ActionStatus.OPEN:
            raise ValidationError("To open a closed action again, reopen it.", field="status")
        if action.kind is ActionKind.DECISION:
            raise ValidationError("A decision stands as recorded; it is not closed.",
                                  field="status")
        day = check.optional_date(closed_on, "closed_on", "day it was closed") or date.today()
        raised = self.assessments.meeting(action.meeting_id)
        if day < raised.held_on:
            raise ValidationError(f"The action was raised on {raised.held_on:%d/%m/%Y}; it "
                                  f"cannot be closed before that ({day:%d/%m/%Y}).",
                                  field="closed_on")
        word = "done" if status is ActionStatus.DONE else "dropped"
        with self.store.transaction(f"Mark '{first_line(action.text)}' {word}"):
            return self.store.update(action, status=status, closed_on=day)

    def reopen_action(self, action_id: str) -> MeetingAction:
        action = self.action(action_id)
        with self.store.transaction(f"Reopen '{first_line(action.text)}'"):
            return self.store.update(action, status=ActionStatus.OPEN, closed_on=None)

    def set_status(self, action_id: str, status: ActionStatus,
                   closed_on: date | None) -> MeetingAction:
        """Put an action's status back as it was (undo of close or reopen)."""
        if status is ActionStatus.OPEN:
            return self.reopen_action(action_id)
        return self.close_action(action_id, status, closed_on)

    def move_action(self, action_id: str, position: int) -> MeetingAction:
        """Move an action to `position` among its meeting's own actions."""
        action = self.action(action_id)
        own = [a for a in self.actions(action.meeting_id) if a.id != action_id]
        position = max(0, min(int(position), len(own)))
        if position == action.position:
            return action
        own.insert(position, action)
        with self.store.transaction(f"Move '{first_line(action.text)}'"):
            for i, a in enumerate(own):
                if a.position != i:
                    updated = self.store.update(a, position=i)
                    if a.id == action_id:
                        action = updated
        return action

    def delete_action(self, action_id: str) -> Removed:
        """Delete an action or decision (undo: restore_action)."""
        action = self.action(action_id)
        removed = Removed(f"Delete {action.kind.value} '{first_line(action.text)}'", [action])
        with self.store.transaction(removed.description):
            self.store.delete(action)
            self._shift([a for a in self.actions(action.meeting_id)
                         if a.position > action.position], -1)
        return removed

    def restore_action(self, removed: Removed) -> None:
        action = removed.records[0]
        with self.store.transaction(f"Undo {removed.description}"):
            self._shift([a for a in self.actions(action.meeting_id)
                         if a.position >= action.position], +1)
            reinsert(self.store, removed.records)

    # -- helpers -------------------------------------------------------------------------
    def _checked(self, meeting: Meeting, fields: dict[str, Any]) -> dict[str, Any]:
        text = check.text(fields["text"], "text", "action").strip()
        kind = check.choice(ActionKind, fields["kind"], "kind")
        if not text:
            raise ValidationError(f"Say what the {kind.value} is.", field="text")
        owner = check.text(fields["owner"], "owner").strip()
        due_on = check.optional_date(fields["due_on"], "due_on", "due date")
        if due_on and due_on < meeting.held_on:
            raise ValidationError(f"The due date {due_on:%d/%m/%Y} is before the meeting of "
                                  f"{meeting.held_on:%d/%m/%Y} that raised it.", field="due_on")
        return dict(text=text, kind=kind, owner=owner, due_on=due_on)

    def _shift(self, actions: list[MeetingAction], by: int) -> None:
        for a in sorted(actions, key=lambda a: a.position, reverse=by > 0):
            self.store.update(a, position=a.position + by)


def first_line(text: str, limit: int = 40) -> str:
    """The first line of an action's text, cut to `limit` characters (for undo names)."""
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[:limit - 1] + "…"
