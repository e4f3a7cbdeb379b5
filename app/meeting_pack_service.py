"""Preparing a meeting: what is due, what changed since the plan's previous meeting, and
the chair's pack. Reads only: each answer is computed from a few queries, in memory."""

from __future__ import annotations

from datetime import date

from app.chairs_pack import ChairsPack, build_pack
from app.domain import (
    Assessment,
    Meeting,
    NotFoundError,
    Plan,
    ValidationError,
)
from app.meeting_changes import (
    LOGGED_TABLES,
    MeetingChanges,
    Who,
    edit_window,
    meeting_changes,
)
from app.meeting_due import GRACE_DAYS, MeetingDue, what_is_due
from app.meeting_service import MeetingService
from app.ports import PlanStore
from app.read_model import IndicatorSnapshot, PlanOutline
from app.read_service import ReadService


class MeetingPackService:
    def __init__(self, store: PlanStore, read: ReadService, meetings: MeetingService):
        self.store = store
        self.read = read
        self.meetings = meetings

    # -- which meeting ---------------------------------------------------------------------
    def previous(self, meeting: Meeting) -> Meeting | None:
        """The plan's meeting before this one, if any."""
        earlier = [m for m in self.store.find(Meeting, plan_id=meeting.plan_id)
                   if m.held_on < meeting.held_on]
        return max(earlier, key=lambda m: m.held_on) if earlier else None

    def meeting_on(self, held_on: date, plan: str | None = None) -> Meeting:
        """The meeting held on a date: of the plan named (short name or title), or of the
        one plan holding a meeting that day."""
        found = [m for m in self.store.find(Meeting) if m.held_on == held_on]
        if plan:
            wanted = plan.strip().lower()
            plans = [p for p in self.store.find(Plan)
                     if wanted in (p.short_name.strip().lower(), p.title.strip().lower())]
            if not plans:
                raise NotFoundError(f"There is no plan called '{plan}' in this file.")
            found = [m for m in found if m.plan_id == plans[0].id]
        if not found:
            raise NotFoundError(f"There is no meeting on {held_on:%d/%m/%Y}"
                                f"{f' of {plan}' if plan else ''} in this file.")
        if len(found) > 1:
            names = ", ".join(sorted(p.short_name or p.title for p in self.store.find_in(
                Plan, "id", [m.plan_id for m in found])))
            raise ValidationError(f"Several plans meet on {held_on:%d/%m/%Y} ({names}): "
                                  "choose one with --plan.", field="plan")
        return found[0]

    # -- what is due, what changed, the pack -----------------------------------------------
    # `known`: snapshots of the plan's indicators at this meeting already read (the window's
    # ratings), so a refresh does not read and rate the whole plan again.
    def due(self, meeting: Meeting, grace_days: int = GRACE_DAYS, *,
            known: dict[str, IndicatorSnapshot] | None = None) -> MeetingDue:
        outline, snaps = self._read(meeting, known)
        return self._due(outline, meeting, snaps, grace_days)

    def changes(self, meeting: Meeting, *,
                known: dict[str, IndicatorSnapshot] | None = None) -> MeetingChanges:
        outline, snaps = self._read(meeting, known)
        return self._changes(outline, meeting, snaps)

    def pack(self, meeting: Meeting, grace_days: int = GRACE_DAYS, *,
             known: dict[str, IndicatorSnapshot] | None = None) -> ChairsPack:
        outline, snaps = self._read(meeting, known)
        nodes = {a.subject_id: a for a in self.store.find(Assessment, meeting_id=meeting.id)
                 if a.subject_kind == "node"}
        return build_pack(outline, meeting, snaps, nodes,
                          self._changes(outline, meeting, snaps),
                          self._due(outline, meeting, snaps, grace_days),
                          self.meetings.open_actions(meeting.id))

    def changed_ids(self, meeting: Meeting) -> set[str]:
        """The items and indicators the meeting's changes are about."""
        return self.changes(meeting).subject_ids()

    # -- reading -------------------------------------------------------------------------
    def _read(self, meeting: Meeting, known: dict[str, IndicatorSnapshot] | None = None
              ) -> tuple[PlanOutline, dict[str, IndicatorSnapshot]]:
        outline = self.read.outline(meeting.plan_id)
        known = known or {}
        wanted = outline.plan_indicators()
        snaps = {i.id: known[i.id] for i in wanted if i.id in known}
        missing = [i for i in wanted if i.id not in snaps]
        if missing:
            snaps.update(self.read.snapshots(missing, meeting))
        return outline, {i.id: snaps[i.id] for i in wanted}

    def _due(self, outline: PlanOutline, meeting: Meeting,
             snaps: dict[str, IndicatorSnapshot], grace_days: int) -> MeetingDue:
        values = [v for s in snaps.values() for v in s.values]
        targets = [t for s in snaps.values() for t in s.targets]
        ratings = {i: s.rating for i, s in snaps.items()}
        return what_is_due(outline, meeting, self.previous(meeting), values, targets, ratings,
                           grace_days)

    def _changes(self, outline: PlanOutline, meeting: Meeting,
                 snaps: dict[str, IndicatorSnapshot]) -> MeetingChanges:
        previous = self.previous(meeting)
        after = self._assessments(meeting)
        before = self._assessments(previous) if previous is not None else {}
        automatic = {} if after else {i: s.rating for i, s in snaps.items()}
        since, until = edit_window(meeting, previous, date.today())
        log = self.store.changes(since=since, until=until, tables=LOGGED_TABLES)
        values = [v for s in snaps.values() for v in s.values]
        targets = [t for s in snaps.values() for t in s.targets]
        changes = meeting_changes(outline, meeting, previous, values, targets, before, after,
                                  automatic, log)
        self._who_entered(changes)
        return changes

    def _who_entered(self, changes: MeetingChanges) -> None:
        """Who last wrote the figures, ratings and commentary that changed by the meetings'
        views rather than by an edit in the window, where the change log knows."""
        unknown: dict[str, list] = {}
        for c in (*changes.figures, *changes.ratings, *changes.commentary):
            if c.who.at is None and c.row_id:
                unknown.setdefault(c.row_id, []).append(c)
        ids = list(unknown)
        for start in range(0, len(ids), 500):
            for record in self.store.changes(row_ids=ids[start:start + 500], images=False):
                for change in unknown.pop(record.row_id, []):  # newest first: the latest
                    change.who = Who.of(record)

    def _assessments(self, meeting: Meeting) -> dict[str, Assessment]:
        return {a.subject_id: a for a in self.store.find(Assessment, meeting_id=meeting.id)}
