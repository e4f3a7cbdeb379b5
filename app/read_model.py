"""The read layer every view adapts: a plan's outline, each indicator's snapshot at a
meeting, and the roll-up of the indicators below an item.

The tree, the figures grid and chart, the RAG panel, the report model and `boardpack info`
all read through here, so each of these rules has one home and the screen and the paper
agree:

- inherited fields ("for all actions unless otherwise stated") and "indicators below";
- the rating an indicator shows at a meeting: the board's recorded letter where it was
  assessed at that meeting, else the automatic rating as of the meeting's date;
- the roll-up: each indicator below counts once at its shown rating; an item's automatic
  rating is the worst of those, Grey only when none is rated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from app import rag
from app.chart_spec import ChartSpec, chart_spec_from
from app.domain import (
    INHERITED_NODE_FIELDS,
    RAG,
    Assessment,
    Comparator,
    Direction,
    Indicator,
    IndicatorLink,
    Meeting,
    Node,
    Plan,
    Target,
    Value,
)
from app.figures import known_at, rateable
from app.periods import Period

# The order ratings are counted and listed in, worst first; Grey (not rated) last.
RAG_ORDER = (RAG.RED, RAG.AMBER, RAG.GREEN, RAG.BLUE, RAG.GREY)
NEEDS_COMMENTARY = (RAG.RED, RAG.AMBER)


# -- the plan outline ---------------------------------------------------------------------


@dataclass
class PlanOutline:
    """One plan's tree as read once: nodes by parent (siblings in order), each node's
    indicator links, and the indicators they reach."""

    plan: Plan
    nodes: dict[str, Node]
    children: dict[str | None, list[Node]]
    links: dict[str, list[IndicatorLink]]  # node id -> its links, in order
    indicators: dict[str, Indicator]  # linked here, or belonging to the plan
    _below: dict[str | None, list[str]] = field(default_factory=dict, repr=False)
    _lead: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, plan: Plan, nodes: list[Node], links: list[IndicatorLink],
              indicators: Iterable[Indicator]) -> PlanOutline:
        children: dict[str | None, list[Node]] = {}
        for n in sorted(nodes, key=lambda n: (n.position, n.id)):
            children.setdefault(n.parent_id, []).append(n)
        links_of: dict[str, list[IndicatorLink]] = {}
        for lk in sorted(links, key=lambda lk: (lk.position, lk.id)):
            links_of.setdefault(lk.node_id, []).append(lk)
        return cls(plan, {n.id: n for n in nodes}, children, links_of,
                   {i.id: i for i in indicators})

    def walk(self, parent_id: str | None = None) -> list[Node]:
        """The nodes below `parent_id` (the whole plan for None), depth first, in order."""
        out: list[Node] = []
        stack = list(reversed(self.children.get(parent_id, [])))
        while stack:
            n = stack.pop()
            out.append(n)
            stack.extend(reversed(self.children.get(n.id, [])))
        return out

    def linked_indicators(self, node_id: str) -> list[Indicator]:
        """The indicators linked directly to a node, in their order."""
        return [self.indicators[lk.indicator_id] for lk in self.links.get(node_id, [])
                if lk.indicator_id in self.indicators]

    def indicators_below(self, node_id: str | None = None) -> list[str]:
        """Ids of every indicator linked to the node or anywhere below it (the whole plan
        for None), each once, in tree order."""
        if node_id not in self._below:
            ids = [i.id for i in self.linked_indicators(node_id)] if node_id else []
            for n in self.walk(node_id):
                ids.extend(i.id for i in self.linked_indicators(n.id))
            self._below[node_id] = list(dict.fromkeys(ids))
        return self._below[node_id]

    def plan_indicators(self) -> list[Indicator]:
        """The plan's indicators in tree order, then any linked nowhere."""
        ids = self.indicators_below(None)
        seen = set(ids)
        rest = [i.id for i in self.indicators.values()
                if i.id not in seen and i.plan_id == self.plan.id]
        return [self.indicators[i] for i in ids + rest]

    def inherited_from(self, node_id: str, field_name: str) -> tuple[str, Node] | None:
        """(value, ancestor) for an inherited field the node does not set itself."""
        node = self.nodes.get(node_id)
        if node is None or field_name not in INHERITED_NODE_FIELDS or getattr(node, field_name):
            return None
        parent = self.nodes.get(node.parent_id) if node.parent_id else None
        while parent is not None:
            if getattr(parent, field_name):
                return getattr(parent, field_name), parent
            parent = self.nodes.get(parent.parent_id) if parent.parent_id else None
        return None

    def inherited(self, node_id: str) -> dict[str, tuple[str, Node]]:
        """Every inherited field the node does not set: field -> (value, from node)."""
        return {f: found for f in INHERITED_NODE_FIELDS
                if (found := self.inherited_from(node_id, f)) is not None}

    def lead(self, node_id: str) -> str:
        """The node's lead organisation, its own or inherited from the nearest ancestor."""
        if node_id not in self._lead:
            node = self.nodes.get(node_id)
            found = self.inherited_from(node_id, "lead_organisation")
            own = node.lead_organisation if node else ""
            self._lead[node_id] = own or (found[0] if found else "")
        return self._lead[node_id]


# -- one indicator at a meeting -----------------------------------------------------------


@dataclass
class IndicatorSnapshot:
    """An indicator's figures, targets and comparators read once, and what follows from
    them at a meeting (or at the latest figures): its rating, explanation, direction and
    chart, each computed once."""

    indicator: Indicator
    values: list[Value]
    targets: list[Target]
    comparators: list[Comparator]
    as_of: date | None = None
    assessment: Assessment | None = None  # the board's, at this meeting

    @cached_property
    def rating(self) -> rag.Rating:
        return rag.rate(self.indicator, self.values, self.targets, self.comparators,
                        as_of=self.as_of)

    @cached_property
    def direction(self) -> Direction:
        return rag.direction(self.indicator, self.values, as_of=self.as_of)

    @property
    def assessed(self) -> bool:
        return self.assessment is not None

    @property
    def shown(self) -> RAG:
        """The rating shown wherever this indicator appears: the board's recorded letter
        where it was assessed at the meeting, else the automatic rating."""
        if self.assessment is not None:
            return self.assessment.rag
        return self.rating.rag

    @property
    def is_override(self) -> bool:
        return self.assessment is not None and self.assessment.is_override

    @property
    def differs(self) -> bool:
        """The board's letter differs from the automatic rating as the figures give it now
        (an override, or figures corrected since the board decided)."""
        return self.assessment is not None and self.assessment.rag != self.rating.rag

    @property
    def shown_label(self) -> str:
        """'A', or 'A (automatic R)' where the board's rating differs."""
        return rating_label(self.assessment, self.rating.rag)

    @property
    def needs_commentary(self) -> bool:
        return needs_commentary(self.shown,
                                self.assessment.commentary if self.assessment else "")

    def figure_rating(self, value: Value, first: Value | None) -> rag.Rating:
        """One figure's own rating (a chart marker, a grid row), computed once. The figure
        the indicator is rated on shows the indicator's rating, so the chart's newest marker
        and the tree never disagree."""
        rated_on = self.rating.value
        if rated_on is not None and _figure_key(rated_on) == _figure_key(value):
            return self.rating
        key = (_figure_key(value), _figure_key(first))
        found = self._figure_ratings.get(key)
        if found is None:
            found = self._figure_ratings[key] = rag.rate_figure(
                self.indicator, value, self.targets,
                [c for c in self.comparators if c.period == value.period], baseline=first)
        return found

    def keep_figure_ratings(self, earlier: IndicatorSnapshot) -> None:
        """Reuse the figure ratings of an earlier snapshot of the same indicator where what
        they depend on is unchanged (after one typed figure, only that figure is rated)."""
        if (earlier.indicator == self.indicator and earlier.targets == self.targets
                and earlier.comparators == self.comparators):
            for key, rating in earlier._figure_ratings.items():
                self._figure_ratings.setdefault(key, rating)

    @property
    def figures_after_meeting(self) -> str | None:
        """At a meeting that comes before every figure of this indicator (its chart at the
        meeting is empty while the indicator has figures): the key of the first period with
        a figure. None otherwise."""
        if self.as_of is None or not self.chart().empty:
            return None
        later = self.later_periods
        return later[0] if later else None

    @property
    def later_periods(self) -> list[str]:
        """At a meeting: the periods with a figure not known by its date (typed for a period
        that ends after it), in order; the chart and the rating at the meeting leave them
        out. Empty on the latest figures."""
        if self.as_of is None:
            return []
        later = {v.period for v in self.values
                 if rateable(v) and not known_at(v.period, self.as_of)}
        return sorted(later, key=Period.from_key)

    def chart(self, *, suppress_below: int | None = None) -> ChartSpec:
        """The chart description for these figures (cached for the default options)."""
        if suppress_below is None and self._chart is not None:
            return self._chart
        spec = chart_spec_from(self.indicator, self.values, self.targets, self.comparators,
                               self.as_of, suppress_below=suppress_below, rating=self.rating,
                               figure_rating=self.figure_rating)
        if suppress_below is None:
            self._chart = spec
        return spec

    _chart: ChartSpec | None = field(default=None, init=False, repr=False, compare=False)
    _figure_ratings: dict[tuple[tuple, tuple], rag.Rating] = field(
        default_factory=dict, init=False, repr=False, compare=False)


def _figure_key(value: Value | None) -> tuple:
    """What a figure's own rating depends on, besides the indicator's targets."""
    if value is None:
        return ()
    return (value.id, value.period, value.breakdown, value.value, value.status)


def needs_commentary(shown: RAG, commentary: str) -> bool:
    """Red and Amber need commentary: True while one has none (blank counts as none)."""
    return shown in NEEDS_COMMENTARY and not commentary.strip()


def rating_label(assessment: Assessment | None, automatic: RAG) -> str:
    """The letter shown for a rating: the board's where it recorded one, with the
    automatic one (as the figures give it now) beside it where they differ
    ('A (automatic R)')."""
    if assessment is None:
        return automatic.letter
    if assessment.rag != automatic:
        return f"{assessment.rag.letter} (automatic {automatic.letter})"
    return assessment.rag.letter


def override_words(assessment: Assessment | None, automatic: RAG | None = None, *,
                   published: bool = False) -> str:
    """Why the board's rating is not the automatic one, or '' where they agree:
    'The board recorded Amber (automatic Red): <reason>', and where the figures have moved
    since, what they give now. A missing reason is pointed out on screen; a published
    report (`published`) states only what the board did, never a reminder to the
    officers."""
    if assessment is None:
        return ""
    now = automatic or assessment.auto_rag
    if not assessment.is_override:
        if assessment.rag == now:
            return ""
        return (f"The board recorded {assessment.rag.word}, the automatic rating then; "
                f"the figures now give {now.word}.")
    reason = assessment.override_reason.strip()
    head = (f"The board recorded {assessment.rag.word} "
            f"(automatic {assessment.auto_rag.word})")
    if reason:
        head = f"{head}: {reason}"
    elif not published:
        head = f"{head}; no reason is recorded yet"
    moved = f" The figures now give {now.word}." if now != assessment.auto_rag else ""
    return head if reason and not moved else f"{head}.{moved}"


# -- roll-up ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rollup:
    """How many of the indicators below an item show each rating."""

    counts: Counter[RAG]

    @classmethod
    def of(cls, shown: Iterable[RAG]) -> Rollup:
        return cls(Counter(shown))

    @property
    def worst(self) -> RAG:
        """The item's automatic rating: the worst shown below, Grey only when none is
        rated."""
        return next((r for r in RAG_ORDER[:-1] if self.counts[r]), RAG.GREY)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def text(self) -> str:
        """'2R 1A 5G 3X'."""
        return " ".join(f"{self.counts[r]}{r.letter}" for r in RAG_ORDER if self.counts[r])

    def words(self) -> str:
        """'2 Red, 1 Amber', or a sentence saying there is nothing below."""
        parts = [f"{self.counts[r]} {r.word}" for r in RAG_ORDER if self.counts[r]]
        return ", ".join(parts) if parts else "No indicators below this item."

    def rating(self) -> rag.Rating:
        """The roll-up as a rating with its one-sentence explanation."""
        if not any(self.counts[r] for r in RAG_ORDER[:-1]):
            return rag.Rating(RAG.GREY, "rollup", "Grey: no indicators are rated here.")
        worst = self.worst
        return rag.Rating(worst, "rollup",
                          f"{worst.word}: the worst rating of its indicators ({self.words()}).")


def rollup(snapshots: dict[str, IndicatorSnapshot], indicator_ids: Iterable[str]) -> Rollup:
    """The roll-up of these indicators (each counted once) at their shown ratings."""
    return Rollup.of(snapshots[i].shown for i in dict.fromkeys(indicator_ids)
                     if i in snapshots)


@dataclass
class PlanView:
    """A plan's outline with every indicator's snapshot at one meeting (or the latest
    figures): what the tree, `info` and the report read."""

    outline: PlanOutline
    meeting: Meeting | None
    snapshots: dict[str, IndicatorSnapshot]

    def rollup(self, node_id: str | None) -> Rollup:
        return rollup(self.snapshots, self.outline.indicators_below(node_id))
