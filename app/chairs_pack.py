"""The chair's pack for a meeting: every Red and Amber item (latest figure against target,
the explanation, the board's rating and any override with its reason, the commentary or
"commentary missing"), what changed since the previous meeting, what is overdue, and the
open actions. The pack screen and the pre-meeting brief PDF both read this."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain import RAG, Assessment, Meeting, MeetingAction, Plan
from app.meeting_changes import FigureChange, MeetingChanges
from app.meeting_due import DueFigure, MeetingDue, indicator_homes, shown_figure
from app.periods import Period
from app.read_model import (
    NEEDS_COMMENTARY,
    RAG_ORDER,
    IndicatorSnapshot,
    PlanOutline,
    override_words,
    rating_label,
)
from app.target_words import target_due_words

COMMENTARY_MISSING = "Commentary missing"


@dataclass
class PackItem:
    """One Red or Amber item at the meeting."""

    subject_id: str
    subject_kind: str  # "node" | "indicator"
    ref: str
    title: str
    rag: RAG  # as shown: the board's where recorded, else the automatic rating
    rating: str  # "R", or "A (automatic R)"
    latest: str  # "794 (Feb-19)", "" for an item
    target: str  # "at most 672 for Mar-19", "" where none
    explanation: str
    board: str  # the board's override with its reason, "" where it agrees
    commentary: str  # "" while missing
    changes: list[FigureChange] = field(default_factory=list)

    @property
    def commentary_missing(self) -> bool:
        return not self.commentary.strip()

    def lines(self) -> list[str]:
        head = f"{self.ref} {self.title}".strip()
        out = [f"{head}: {self.rating}"]
        if self.latest:
            against = f" against {self.target}" if self.target else ""
            out.append(f"Latest: {self.latest}{against}")
        out.append(self.explanation)
        if self.board:
            out.append(self.board)
        out += [f"Changed: {c.line().split(': ', 1)[-1]}" for c in self.changes]
        out.append(self.commentary if self.commentary.strip() else COMMENTARY_MISSING)
        return [line for line in out if line]


@dataclass
class ChairsPack:
    plan: Plan
    meeting: Meeting
    items: list[PackItem]
    changes: MeetingChanges
    due: MeetingDue
    actions: list[MeetingAction]

    @property
    def overdue(self) -> list[DueFigure]:
        return self.due.missing()

    def text(self) -> str:
        out = [f"Chair's pack: {self.plan.title}, meeting on {self.meeting.held_on:%d/%m/%Y}",
               "", f"Red and Amber: {len(self.items)}"]
        for item in self.items:
            out += [f"  {line}" for line in item.lines()]
        out += ["", self.changes.text().rstrip(), "", f"Overdue figures: {len(self.overdue)}"]
        out += [f"  {f.lead}: {f.line()}" for f in self.overdue]
        out += ["", f"Open actions: {len(self.actions)}"]
        out += [f"  {action_line(a)}" for a in self.actions]
        return "\n".join(out) + "\n"


def action_line(a: MeetingAction) -> str:
    who = f" ({a.owner})" if a.owner else ""
    due = f", due {a.due_on:%d/%m/%Y}" if a.due_on else ""
    return f"{a.text}{who}{due}"


def _indicator_item(snap: IndicatorSnapshot, ref: str,
                    changes: list[FigureChange]) -> PackItem:
    ind, rating = snap.indicator, snap.rating
    latest = ""
    if rating.value is not None:
        latest = (f"{shown_figure(rating.value, ind)} "
                  f"({Period.from_key(rating.value.period).label})")
    target = target_due_words(ind, rating.target) if rating.target is not None else ""
    a = snap.assessment
    return PackItem(ind.id, "indicator", ref, ind.title, snap.shown, snap.shown_label, latest,
                    target, rating.explanation, override_words(a, rating.rag),
                    a.commentary if a else "", changes)


def _node_item(a: Assessment, ref: str, title: str) -> PackItem:
    return PackItem(a.subject_id, "node", ref, title, a.rag, rating_label(a, a.auto_rag), "",
                    "", a.auto_rule, override_words(a), a.commentary)


def build_pack(outline: PlanOutline, meeting: Meeting, snapshots: dict[str, IndicatorSnapshot],
               node_assessments: dict[str, Assessment], changes: MeetingChanges,
               due: MeetingDue, actions: list[MeetingAction]) -> ChairsPack:
    """The pack: Red before Amber, each in tree order (items before their indicators)."""
    homes = indicator_homes(outline)
    by_indicator: dict[str, list[FigureChange]] = {}
    for c in changes.figures:
        by_indicator.setdefault(c.indicator.id, []).append(c)
    items: list[PackItem] = []
    seen: set[str] = set()
    for node in outline.walk():
        a = node_assessments.get(node.id)
        if a is not None and a.rag in NEEDS_COMMENTARY:
            items.append(_node_item(a, node.ref, node.title))
        for ind in outline.linked_indicators(node.id):
            snap = snapshots.get(ind.id)
            if ind.id in seen or snap is None or snap.shown not in NEEDS_COMMENTARY:
                continue
            seen.add(ind.id)
            ref = ind.ref or homes[ind.id].ref
            items.append(_indicator_item(snap, ref, by_indicator.get(ind.id, [])))
    items.sort(key=lambda i: RAG_ORDER.index(i.rag))  # stable: tree order within
    return ChairsPack(outline.plan, meeting, items, changes, due, actions)
