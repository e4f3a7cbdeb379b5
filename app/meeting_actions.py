"""Which actions a meeting has before it: those raised at it, and those raised at the plan's
earlier meetings that were still open on its date (an open action carries forward until it
is closed)."""

from __future__ import annotations

from collections.abc import Iterable

from app.domain import ActionKind, ActionStatus, Meeting, MeetingAction


def _open_on(action: MeetingAction, meeting: Meeting) -> bool:
    if action.status is ActionStatus.OPEN:
        return True
    return action.closed_on is not None and action.closed_on >= meeting.held_on


def actions_before(meeting: Meeting, meetings: Iterable[Meeting],
                   actions: Iterable[MeetingAction]) -> list[MeetingAction]:
    """The meeting's own actions and decisions, then the earlier meetings' actions that were
    open on its date (oldest meeting first), each in the order it was recorded."""
    held = {m.id: m for m in meetings if m.plan_id == meeting.plan_id}
    held[meeting.id] = meeting
    own: list[MeetingAction] = []
    carried: list[tuple[Meeting, MeetingAction]] = []
    for action in actions:
        raised_at = held.get(action.meeting_id)
        if raised_at is None:
            continue
        if raised_at.id == meeting.id:
            own.append(action)
        elif (raised_at.held_on < meeting.held_on and action.kind is ActionKind.ACTION
              and _open_on(action, meeting)):
            carried.append((raised_at, action))
    own.sort(key=lambda a: a.position)
    carried.sort(key=lambda pair: (pair[0].held_on, pair[1].position))
    return own + [a for _m, a in carried]
