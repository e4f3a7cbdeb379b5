"""Reads the plan for the views in a few queries: outlines and indicator snapshots."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.chart_spec import ChartSpec
from app.domain import (
    Assessment,
    Comparator,
    Indicator,
    IndicatorLink,
    Meeting,
    Node,
    Plan,
    Target,
    Value,
)
from app.ports import PlanStore
from app.read_model import IndicatorSnapshot, PlanOutline, PlanView, Rollup, rollup


class ReadService:
    def __init__(self, store: PlanStore):
        self.store = store

    def outline(self, plan_id: str) -> PlanOutline:
        """The plan's tree: one query for the nodes, one each for links and indicators."""
        plan = self.store.get(Plan, plan_id)
        nodes = self.store.find(Node, plan_id=plan_id)
        links = self.store.find_in(IndicatorLink, "node_id", [n.id for n in nodes])
        linked = self.store.find_in(Indicator, "id", {lk.indicator_id for lk in links})
        own = self.store.find(Indicator, plan_id=plan_id)
        return _outline(plan, nodes, links, linked + own)

    def outlines(self) -> dict[str, PlanOutline]:
        """Every plan's tree, in file order, read in four queries (the window shows all
        plans at once): the same outlines as `outline` gives one by one."""
        plans = self.store.find(Plan)
        nodes_of: dict[str, list[Node]] = {p.id: [] for p in plans}
        plan_of: dict[str, str] = {}
        for n in self.store.find(Node):
            if n.plan_id in nodes_of:  # a node of no plan (a damaged file) is never shown
                nodes_of[n.plan_id].append(n)
                plan_of[n.id] = n.plan_id
        links_of: dict[str, list[IndicatorLink]] = {p.id: [] for p in plans}
        for lk in self.store.find(IndicatorLink):
            if lk.node_id in plan_of:
                links_of[plan_of[lk.node_id]].append(lk)
        every = self.store.find(Indicator)
        return {p.id: _outline(p, nodes_of[p.id], links_of[p.id], every) for p in plans}

    def snapshots(self, indicators: Iterable[Indicator], meeting: Meeting | None, *,
                  as_of: date | None = None,
                  assessments: dict[str, Assessment] | None = None,
                  ) -> dict[str, IndicatorSnapshot]:
        """Each indicator's snapshot at the meeting, in a few queries for all of them.

        A meeting rates its own plan's indicators (and those shared by no plan) as of its
        date, with the board's assessment; another plan's indicators show their latest
        figures. A report covering several meetings passes the date and the assessments
        it reports instead (`as_of`, `assessments`).
        """
        indicators = list(indicators)
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
        recorded: dict[str, Assessment] = assessments or {}
        if meeting is not None and ids and assessments is None:
            wanted = set(ids)
            recorded = {a.subject_id: a for a in self.store.find(Assessment,
                                                                 meeting_id=meeting.id)
                        if a.subject_id in wanted}
        out: dict[str, IndicatorSnapshot] = {}
        for ind in indicators:
            at_meeting = meeting is None or ind.plan_id in (None, meeting.plan_id)
            when = meeting.held_on if meeting is not None and at_meeting else as_of
            out[ind.id] = IndicatorSnapshot(
                ind, values[ind.id], targets[ind.id], comparators[ind.id],
                as_of=when if at_meeting else None,
                assessment=recorded.get(ind.id) if at_meeting else None)
        return out

    def snapshot(self, indicator_id: str, meeting: Meeting | None = None, *,
                 as_of: date | None = None) -> IndicatorSnapshot:
        """One indicator at a meeting, or as of a date with no meeting's assessment."""
        ind = self.store.get(Indicator, indicator_id)
        return self.snapshots([ind], meeting, as_of=as_of)[ind.id]

    def chart_spec(self, indicator_id: str, as_of: date | None = None, *,
                   suppress_below: int | None = None) -> ChartSpec:
        """The chart of one indicator as it stood on `as_of` (None: everything recorded)."""
        return self.snapshot(indicator_id, as_of=as_of).chart(suppress_below=suppress_below)

    def plan_view(self, plan_id: str, meeting: Meeting | None) -> PlanView:
        outline = self.outline(plan_id)
        return PlanView(outline, meeting, self.snapshots(outline.indicators.values(), meeting))

    def rollup(self, node_id: str, meeting: Meeting | None) -> Rollup:
        """The roll-up of one item at a meeting."""
        node = self.store.get(Node, node_id)
        outline = self.outline(node.plan_id)
        below = outline.indicators_below(node_id)
        snaps = self.snapshots((outline.indicators[i] for i in below), meeting)
        return rollup(snaps, below)


def _outline(plan: Plan, nodes: list[Node], links: list[IndicatorLink],
             candidates: Iterable[Indicator]) -> PlanOutline:
    """A plan's outline holds the indicators its nodes link to (of any plan), then those
    that belong to it but are linked nowhere, each once, in the candidates' order."""
    linked = {lk.indicator_id for lk in links}
    candidates = list(candidates)
    indicators = {i.id: i for i in candidates if i.id in linked}
    for ind in candidates:
        if ind.plan_id == plan.id:
            indicators.setdefault(ind.id, ind)
    return PlanOutline.build(plan, nodes, links, indicators.values())
