"""Meetings, ratings and assessments: what the board saw and recorded."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from app import rag
from app import validation as check
from app.domain import (
    RAG,
    Assessment,
    Comparator,
    Direction,
    Indicator,
    IndicatorLink,
    Meeting,
    Node,
    Report,
    Target,
    ValidationError,
    Value,
)
from app.plan_service import Removed
from app.ports import PlanStore


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator's standing at a meeting: the automatic rating and what was recorded."""

    indicator: Indicator
    rating: rag.Rating
    direction: Direction
    assessment: Assessment | None

    @property
    def recorded(self) -> RAG:
        if self.assessment and self.assessment.recorded_rag:
            return self.assessment.recorded_rag
        return self.rating.rag

    @property
    def needs_commentary(self) -> bool:
        return self.recorded in (RAG.RED, RAG.AMBER) and not (
            self.assessment and self.assessment.commentary.strip())


class AssessmentService:
    def __init__(self, store: PlanStore):
        self.store = store

    # -- meetings ------------------------------------------------------------------------
    def meetings(self, plan_id: str | None = None) -> list[Meeting]:
        """Newest first."""
        return self.store.find(Meeting, plan_id=plan_id) if plan_id else self.store.find(Meeting)

    def meeting(self, meeting_id: str) -> Meeting:
        return self.store.get(Meeting, meeting_id)

    def meeting_on(self, day: date, plan_id: str | None = None) -> Meeting | None:
        found = [m for m in self.meetings(plan_id) if m.held_on == day]
        return found[0] if found else None

    def add_meeting(self, plan_id: str, held_on: date, title: str = "", *,
                    focus_node_id: str | None = None, discussed: str = "") -> Meeting:
        held_on = check.a_date(held_on, "held_on", "meeting's date")
        self._check_focus(plan_id, focus_node_id)
        if self.meeting_on(held_on, plan_id):
            raise ValidationError(f"There is already a meeting on {held_on:%d/%m/%Y}.",
                                  field="held_on")
        meeting = Meeting(plan_id, held_on, title.strip(), focus_node_id, discussed)
        with self.store.transaction(f"Add meeting {held_on:%d/%m/%Y}"):
            self.store.insert(meeting)
        return meeting

    def edit_meeting(self, meeting_id: str, **changes: Any) -> Meeting:
        meeting = self.meeting(meeting_id)
        allowed = {"held_on", "title", "focus_node_id", "discussed"}
        if set(changes) - allowed:
            raise ValidationError(f"Meetings have no field {sorted(set(changes) - allowed)[0]!r}.")
        if "held_on" in changes:
            changes["held_on"] = check.a_date(changes["held_on"], "held_on", "meeting's date")
            other = self.meeting_on(changes["held_on"], meeting.plan_id)
            if other is not None and other.id != meeting_id:
                raise ValidationError(f"There is already a meeting on "
                                      f"{changes['held_on']:%d/%m/%Y}.", field="held_on")
        if "focus_node_id" in changes:
            self._check_focus(meeting.plan_id, changes["focus_node_id"])
        with self.store.transaction(f"Edit meeting {meeting.held_on:%d/%m/%Y}"):
            return self.store.update(meeting, **changes)

    def _check_focus(self, plan_id: str, node_id: str | None) -> None:
        if node_id and not self.store.find(Node, id=node_id, plan_id=plan_id):
            raise ValidationError("The meeting's focus must be an item of the same plan.",
                                  field="focus_node_id")

    def delete_meeting(self, meeting_id: str) -> Removed:
        """Delete a meeting and the assessments made at it (undo: PlanService.restore)."""
        meeting = self.meeting(meeting_id)
        covering = [r.title for r in self.store.find(Report, plan_id=meeting.plan_id)
                    if meeting_id in r.meeting_ids]
        if covering:
            raise ValidationError(f"The report '{covering[0]}' covers the meeting of "
                                  f"{meeting.held_on:%d/%m/%Y}; it cannot be deleted.")
        removed = Removed(f"Delete meeting {meeting.held_on:%d/%m/%Y}")
        with self.store.transaction(removed.description):
            assessments = self.assessments_at(meeting_id)
            for a in assessments:
                self.store.delete(a)
            self.store.delete(meeting)
        removed.records = [meeting, *assessments]
        return removed

    # -- ratings -------------------------------------------------------------------------
    def rate(self, indicator: Indicator, as_of: date | None = None,
             breakdown: str | None = None) -> tuple[rag.Rating, Direction]:
        values = self.store.find(Value, indicator_id=indicator.id)
        targets = self.store.find(Target, indicator_id=indicator.id)
        comparators = self.store.find(Comparator, indicator_id=indicator.id)
        rating = rag.rate(indicator, values, targets, comparators, as_of=as_of,
                          breakdown=breakdown)
        return rating, rag.direction(indicator, values, as_of=as_of, breakdown=breakdown)

    def status(self, indicator: Indicator, meeting: Meeting | None) -> IndicatorStatus:
        rating, direction = self.rate(indicator, meeting.held_on if meeting else None)
        assessment = self.assessment(meeting.id, indicator.id) if meeting else None
        return IndicatorStatus(indicator, rating, direction, assessment)

    def statuses(self, indicators: list[Indicator],
                 meeting: Meeting | None) -> dict[str, IndicatorStatus]:
        """The standing of many indicators at once (for a tree or a list): a few queries
        for all of them instead of four per indicator. Same results as status()."""
        ids = [i.id for i in indicators]
        values: dict[str, list[Value]] = {i: [] for i in ids}
        targets: dict[str, list[Target]] = {i: [] for i in ids}
        comparators: dict[str, list[Comparator]] = {i: [] for i in ids}
        for v in self.store.find_in(Value, "indicator_id", ids):
            values[v.indicator_id].append(v)
        for t in self.store.find_in(Target, "indicator_id", ids):
            targets[t.indicator_id].append(t)
        for c in self.store.find_in(Comparator, "indicator_id", ids):
            comparators[c.indicator_id].append(c)
        recorded: dict[str, Assessment] = {}
        if meeting is not None:
            wanted = set(ids)
            recorded = {a.subject_id: a for a in self.assessments_at(meeting.id)
                        if a.subject_id in wanted}
        as_of = meeting.held_on if meeting else None
        out: dict[str, IndicatorStatus] = {}
        for ind in indicators:
            rating = rag.rate(ind, values[ind.id], targets[ind.id], comparators[ind.id],
                              as_of=as_of)
            out[ind.id] = IndicatorStatus(ind, rating,
                                          rag.direction(ind, values[ind.id], as_of=as_of),
                                          recorded.get(ind.id))
        return out

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

        The automatic rating is recomputed and kept beside what the board records; a
        recorded rating that differs from it needs a reason.
        """
        meeting = self.meeting(meeting_id)
        self._check_on_agenda(subject_id, meeting)
        subject_kind, auto, direction = self._auto(subject_id, meeting)
        existing = self.assessment(meeting_id, subject_id)
        recorded = _rag_or_none(recorded_rag) if recorded_rag is not None else (
            existing.recorded_rag if existing else None)
        if recorded == auto.rag:
            recorded = None
        reason = override_reason if override_reason is not None else (
            existing.override_reason if existing else "")
        if recorded is not None and not reason.strip():
            raise ValidationError(
                f"Recording {recorded.word} where the automatic rating is {auto.rag.word} "
                "needs a reason.", field="override_reason")
        fields = dict(auto_rag=auto.rag, auto_rule=auto.explanation, recorded_rag=recorded,
                      override_reason=reason if recorded else "", direction=direction)
        if commentary is not None:
            fields["commentary"] = commentary
        if source is not None:
            fields["source"] = source
        with self.store.transaction(f"Assessment at {meeting.held_on:%d/%m/%Y}"):
            if existing:
                return self.store.update(existing, **fields)
            taken = [a.position for a in self.assessments_at(meeting_id)]
            assessment = Assessment(meeting_id, subject_id, subject_kind,
                                    position=max(taken, default=-1) + 1, **fields)
            self.store.insert(assessment)
            return assessment

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
                    "commentary")})
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
            rating, direction = self.rate(found[0], meeting.held_on)
            return "indicator", rating, direction
        node = self.store.get(Node, subject_id)
        counts = self.rollup(node.id, meeting)
        worst = next((r for r in (RAG.RED, RAG.AMBER, RAG.GREEN, RAG.BLUE) if counts[r]),
                     RAG.GREY)
        parts = ", ".join(f"{counts[r]} {r.word}" for r in RAG if counts[r])
        sentence = (f"{worst.word}: the worst rating of its indicators ({parts})."
                    if parts else "Grey: no indicators are rated here.")
        return "node", rag.Rating(worst, "rollup", sentence, None, None, None, None), \
            Direction.UNKNOWN

    # -- roll-up -------------------------------------------------------------------------
    def indicators_under(self, node_id: str) -> list[Indicator]:
        """Every indicator linked to the node or anywhere below it, each once."""
        node = self.store.get(Node, node_id)
        by_parent: dict[str | None, list[str]] = {}
        for n in self.store.find(Node, plan_id=node.plan_id):
            by_parent.setdefault(n.parent_id, []).append(n.id)
        ids, queue = [], [node_id]
        while queue:
            current = queue.pop()
            ids.append(current)
            queue.extend(by_parent.get(current, []))
        links = self.store.find_in(IndicatorLink, "node_id", ids)
        return self.store.find_in(Indicator, "id", {lk.indicator_id for lk in links})

    def rollup(self, node_id: str, meeting: Meeting | None, *,
               recorded: bool = True) -> Counter[RAG]:
        """How many of the indicators under a node are R / A / G / B / grey.

        recorded=True counts the ratings the board recorded (or accepted) at the meeting,
        for the indicators assessed there; recorded=False counts the automatic ratings of
        every indicator, from the figures known at the meeting's date.
        """
        counts: Counter[RAG] = Counter()
        for ind in self.indicators_under(node_id):
            st = self.status(ind, meeting)
            if not recorded:
                counts[st.rating.rag] += 1
            elif st.assessment is not None:
                counts[st.recorded] += 1
        return counts


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
