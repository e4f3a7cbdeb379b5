"""Meetings, ratings and assessments: what the board saw and recorded."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from app import rag
from app import validation as check
from app.domain import (
    RAG,
    Assessment,
    Direction,
    Indicator,
    IndicatorLink,
    Meeting,
    MeetingAction,
    Node,
    Plan,
    Question,
    Report,
    ValidationError,
)
from app.plan_service import Removed
from app.ports import PlanStore
from app.read_model import IndicatorSnapshot
from app.read_service import ReadService


class AssessmentService:
    def __init__(self, store: PlanStore, read: ReadService):
        self.store = store
        self.read = read

    # -- meetings ------------------------------------------------------------------------
    def meetings(self, plan_id: str | None = None) -> list[Meeting]:
        """Newest first."""
        return self.store.find(Meeting, plan_id=plan_id) if plan_id else self.store.find(Meeting)

    def meeting(self, meeting_id: str) -> Meeting:
        return self.store.get(Meeting, meeting_id)

    def meeting_on(self, day: date, plan_id: str | None = None) -> Meeting | None:
        found = [m for m in self.meetings(plan_id) if m.held_on == day]
        return found[0] if found else None

    def opening_meeting(self) -> Meeting | None:
        """Where a plan file opens: the current plan's latest meeting at which the board
        recorded ratings (else its latest meeting); None with no meetings. The current plan
        is the newest one (by the start of its period) that has meetings."""
        meetings = self.meetings()
        if not meetings:
            return None
        starts = {p.id: p.period_start or date.min for p in self.store.find(Plan)}
        current = max(meetings, key=lambda m: (starts.get(m.plan_id, date.min),
                                               m.held_on)).plan_id
        mine = sorted((m for m in meetings if m.plan_id == current), key=lambda m: m.held_on,
                      reverse=True)
        rated = next((m for m in mine if self.store.count(Assessment, meeting_id=m.id)), None)
        return rated or mine[0]

    def add_meeting(self, plan_id: str, held_on: date, title: str = "", *,
                    focus_node_id: str | None = None, discussed: str = "",
                    papers_due: date | str | None = None, agenda_ref: str = "") -> Meeting:
        held_on = check.a_date(held_on, "held_on", "meeting's date")
        self.store.get(Plan, plan_id)
        self._check_focus(plan_id, focus_node_id)
        if self.meeting_on(held_on, plan_id):
            raise ValidationError(f"There is already a meeting on {held_on:%d/%m/%Y}.",
                                  field="held_on")
        meeting = Meeting(plan_id, held_on, check.text(title, "title").strip(), focus_node_id,
                          check.text(discussed, "discussed"),
                          check.optional_date(papers_due, "papers_due", "papers deadline"),
                          check.text(agenda_ref, "agenda_ref", "agenda reference").strip())
        _check_papers_due(meeting)
        with self.store.transaction(f"Add meeting {held_on:%d/%m/%Y}"):
            self.store.insert(meeting)
        return meeting

    def edit_meeting(self, meeting_id: str, **changes: Any) -> Meeting:
        meeting = self.meeting(meeting_id)
        allowed = {"held_on", "title", "focus_node_id", "discussed", "papers_due", "agenda_ref"}
        if set(changes) - allowed:
            raise ValidationError(f"Meetings have no field {sorted(set(changes) - allowed)[0]!r}.")
        changes = check.texts(changes)
        for name in ("title", "agenda_ref"):
            if name in changes:
                changes[name] = changes[name].strip()
        if "held_on" in changes:
            changes["held_on"] = check.a_date(changes["held_on"], "held_on", "meeting's date")
            other = self.meeting_on(changes["held_on"], meeting.plan_id)
            if other is not None and other.id != meeting_id:
                raise ValidationError(f"There is already a meeting on "
                                      f"{changes['held_on']:%d/%m/%Y}.", field="held_on")
        if "papers_due" in changes:
            changes["papers_due"] = check.optional_date(changes["papers_due"], "papers_due",
                                                        "papers deadline")
        if "focus_node_id" in changes:
            self._check_focus(meeting.plan_id, changes["focus_node_id"])
        _check_papers_due(dataclasses.replace(meeting, **changes))
        with self.store.transaction(f"Edit meeting {meeting.held_on:%d/%m/%Y}"):
            return self.store.update(meeting, **changes)

    def _check_focus(self, plan_id: str, node_id: str | None) -> None:
        if node_id and not self.store.find(Node, id=node_id, plan_id=plan_id):
            raise ValidationError("The meeting's focus must be an item of the same plan.",
                                  field="focus_node_id")

    def delete_meeting(self, meeting_id: str) -> Removed:
        """Delete a meeting with the assessments made at it and the actions and decisions
        recorded at it; questions asked for it stay, no longer tied to it (undo:
        PlanService.restore)."""
        meeting = self.meeting(meeting_id)
        covering = [r.title for r in self.store.find(Report, plan_id=meeting.plan_id)
                    if meeting_id in r.meeting_ids]
        if covering:
            raise ValidationError(f"The report '{covering[0]}' covers the meeting of "
                                  f"{meeting.held_on:%d/%m/%Y}; it cannot be deleted.")
        removed = Removed(f"Delete meeting {meeting.held_on:%d/%m/%Y}")
        with self.store.transaction(removed.description):
            assessments = self.assessments_at(meeting_id)
            actions = self.store.find(MeetingAction, meeting_id=meeting_id)
            for record in [*assessments, *actions]:
                self.store.delete(record)
            questions = self.store.find(Question, meeting_id=meeting_id)
            for q in questions:  # logged here, not left to the schema's ON DELETE SET NULL
                self.store.update(q, meeting_id=None)
            self.store.delete(meeting)
        removed.records = [meeting, *assessments, *actions,
                           *(("question_meeting", q.id, meeting_id) for q in questions)]
        return removed

    # -- ratings -------------------------------------------------------------------------
    def status(self, indicator: Indicator, meeting: Meeting | None) -> IndicatorSnapshot:
        """The indicator at a meeting: its rating as of the meeting's date and the board's
        assessment there."""
        return self.read.snapshots([indicator], meeting)[indicator.id]

    # -- assessments ---------------------------------------------------------------------
    def assessment(self, meeting_id: str, subject_id: str) -> Assessment | None:
        found = self.store.find(Assessment, meeting_id=meeting_id, subject_id=subject_id)
        return found[0] if found else None

    def assessments_at(self, meeting_id: str) -> list[Assessment]:
        return self.store.find(Assessment, meeting_id=meeting_id)

    def history(self, subject_id: str) -> list[tuple[Meeting, Assessment]]:
        """Earlier assessments of one item, newest meeting first."""
        pairs = [(self.meeting(a.meeting_id), a)
                 for a in self.store.find(Assessment, subject_id=subject_id)]
        return sorted(pairs, key=lambda p: p[0].held_on, reverse=True)

    def assess(self, meeting_id: str, subject_id: str, *, recorded_rag: RAG | str | None = None,
               override_reason: str | None = None, commentary: str | None = None,
               source: Any = None) -> Assessment:
        """Record the board's view of an item at a meeting. Fields left None keep their value.

        The board's rating is always stored as the letter it gave ("" or a new assessment:
        the automatic rating, accepted), beside the automatic rating it was shown then, so
        a later corrected figure never changes what the board decided. A recorded rating
        that differs from the automatic one needs a reason: until it has one it is kept,
        with its reason pending (`Assessment.reason_pending`), never dropped.
        """
        if override_reason is not None:
            override_reason = check.text(override_reason, "reason", "reason for the rating")
        if commentary is not None:
            commentary = check.text(commentary, "commentary")
        meeting = self.meeting(meeting_id)
        self._check_on_agenda(subject_id, meeting)
        existing = self.assessment(meeting_id, subject_id)
        fields: dict[str, Any] = {}
        if existing is None or recorded_rag is not None:
            subject_kind, auto, direction = self._auto(subject_id, meeting)
            fields.update(auto_rag=auto.rag, auto_rule=auto.explanation, direction=direction)
            recorded = _rag_or_none(recorded_rag) if recorded_rag else None
            if recorded is None:
                recorded = existing.recorded_rag if existing and recorded_rag is None \
                    else auto.rag
            fields["recorded_rag"] = recorded
        else:
            subject_kind = existing.subject_kind
        auto_rag = fields.get("auto_rag", existing.auto_rag if existing else RAG.GREY)
        recorded = fields.get("recorded_rag", existing.recorded_rag if existing else None)
        reason = override_reason if override_reason is not None else (
            existing.override_reason if existing else "")
        differs = recorded is not None and recorded != auto_rag
        if override_reason is not None or "recorded_rag" in fields:
            fields["override_reason"] = reason if differs else ""
        if commentary is not None:
            fields["commentary"] = commentary
        if source is not None:
            fields["source"] = source
        with self.store.transaction(f"Assessment at {meeting.held_on:%d/%m/%Y}"):
            if existing:
                return self.store.update(existing, **fields) if fields else existing
            taken = [a.position for a in self.assessments_at(meeting_id)]
            assessment = Assessment(meeting_id, subject_id, subject_kind,
                                    position=max(taken, default=-1) + 1, **fields)
            self.store.insert(assessment)
            return assessment

    def pending_reasons(self, meeting_ids: list[str]) -> list[Assessment]:
        """Ratings recorded at these meetings that differ from the automatic one and still
        have no reason (a report should not be issued with them unexplained)."""
        return [a for a in self.store.find_in(Assessment, "meeting_id", meeting_ids)
                if a.reason_pending]

    def plan_of(self, subject_id: str) -> str | None:
        """The plan a node or indicator belongs to."""
        nodes = self.store.find(Node, id=subject_id)
        if nodes:
            return nodes[0].plan_id
        found = self.store.find(Indicator, id=subject_id)
        if found and found[0].plan_id:
            return found[0].plan_id
        links = self.store.find(IndicatorLink, indicator_id=subject_id)
        return self.store.get(Node, links[0].node_id).plan_id if links else None

    def on_agenda(self, subject_id: str, meeting: Meeting) -> bool:
        """Whether a meeting can assess this item: it must belong to the meeting's plan."""
        return self.plan_of(subject_id) == meeting.plan_id

    def _check_on_agenda(self, subject_id: str, meeting: Meeting) -> None:
        if not self.on_agenda(subject_id, meeting):
            raise ValidationError(
                f"That item belongs to another plan; the meeting of {meeting.held_on:%d/%m/%Y} "
                "can only assess its own plan's items.", field="meeting")

    def restore_assessment(self, meeting_id: str, subject_id: str,
                           previous: Assessment | None) -> None:
        current = self.assessment(meeting_id, subject_id)
        with self.store.transaction("Undo assessment"):
            if current and previous and current.id == previous.id:
                self.store.update(current, **{k: getattr(previous, k) for k in (
                    "auto_rag", "auto_rule", "recorded_rag", "override_reason", "direction",
                    "commentary", "note")})
                return
            if current:
                self.store.delete(current)
            if previous:
                self.store.insert(previous)

    def copy_forward(self, meeting_id: str, subject_id: str) -> Assessment:
        """Start this meeting's commentary from the latest earlier one."""
        meeting = self.meeting(meeting_id)
        earlier = [(m, a) for m, a in self.history(subject_id) if m.held_on < meeting.held_on]
        if not earlier:
            raise ValidationError("There is no earlier assessment to copy forward.")
        return self.assess(meeting_id, subject_id, commentary=earlier[0][1].commentary)

    def _auto(self, subject_id: str, meeting: Meeting) -> tuple[str, rag.Rating, Direction]:
        found = self.store.find(Indicator, id=subject_id)
        if found:
            snap = self.status(found[0], meeting)
            return "indicator", snap.rating, snap.direction
        return "node", self.read.rollup(subject_id, meeting).rating(), Direction.UNKNOWN


def _check_papers_due(meeting: Meeting) -> None:
    if meeting.papers_due and meeting.papers_due > meeting.held_on:
        raise ValidationError(f"The papers deadline ({meeting.papers_due:%d/%m/%Y}) is after "
                              f"the meeting ({meeting.held_on:%d/%m/%Y}).", field="papers_due")


def _rag_or_none(value: RAG | str | None) -> RAG | None:
    if value in (None, ""):
        return None
    try:
        return RAG(value)
    except ValueError:
        by_word = {r.word.lower(): r for r in RAG}
        found = by_word.get(str(value).lower())
        if found:
            return found
        raise ValidationError(f"'{value}' is not a RAG rating (R, A, G, B or X).",
                              field="recorded_rag") from None
