"""A plain-Python description of one indicator's chart.

The on-screen chart (pyqtgraph, in ui/) and the board report (reportlab, in app/report/)
both draw from a `ChartSpec`, so the two always show the same thing:

- x: the indicator's periods in order, labelled as the board prints them. Where every
  period is of one type the gaps between them are filled (a missing year shows as a gap,
  not as a shorter step); periods of another type (a financial-year target beside monthly
  figures) are placed in the category that holds their end date.
- actuals: one point per period, with its RAG and status (actual, provisional, or
  not-yet-available, drawn hollow); counts below a disclosure threshold can be suppressed.
- targets: a step series (bands have low and high), each with the categories whose figures
  are rated against it (app/targets.py's `target_for`); the baseline, comparators (England,
  statistical neighbours, region, top quartile: each its own dash pattern), breakdowns (one
  series each) and a total of the breakdowns only for counts or where the source printed one.

`text_alternative()` gives the one line read out in place of the picture.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app import rag, units
from app.domain import (
    RAG,
    Comparator,
    ComparatorKind,
    Indicator,
    Target,
    Unit,
    Value,
    ValueStatus,
)
from app.figures import known_at, one_per_period
from app.periods import Period, PeriodType, period_containing, periods_between
from app.target_words import target_due_words, target_words
from app.targets import target_bounds, target_for, target_in_force

FigureRating = Callable[[Value, Value | None], "rag.Rating"]  # (figure, first figure)
MAX_FILLED_CATEGORIES = 600  # beyond this, gaps are not filled (weekly data over decades)

COMPARATOR_NAMES = {
    ComparatorKind.ENGLAND.value: "England",
    ComparatorKind.STATISTICAL_NEIGHBOURS.value: "Statistical neighbours",
    ComparatorKind.REGION.value: "Region",
    ComparatorKind.TOP_QUARTILE.value: "Top quartile",
}
# dash pattern (on, off, ...) in points and colour for each comparator line
COMPARATOR_STYLE: dict[str, tuple[tuple[float, ...], str]] = {
    ComparatorKind.ENGLAND.value: ((6, 3), "#444444"),
    ComparatorKind.STATISTICAL_NEIGHBOURS.value: ((2, 2), "#7B3294"),
    ComparatorKind.REGION.value: ((7, 2, 2, 2), "#0072B2"),
    ComparatorKind.TOP_QUARTILE.value: ((1, 3), "#666666"),
}
# a colour-blind-safe palette (Okabe-Ito) for RAG; the letter is always shown as well
RAG_COLOURS = {
    RAG.RED.value: "#D55E00",
    RAG.AMBER.value: "#E69F00",
    RAG.GREEN.value: "#009E73",
    RAG.BLUE.value: "#0072B2",
    RAG.GREY.value: "#999999",
}
# the letter on each fill: at least 4.5:1 (WCAG AA) by `contrast_ratio` (white on this Red is
# only 3.87:1 and on this Green 3.42:1, so both carry black)
RAG_TEXT_COLOURS = {RAG.RED.value: "#000000", RAG.AMBER.value: "#000000",
                    RAG.GREEN.value: "#000000", RAG.BLUE.value: "#FFFFFF",
                    RAG.GREY.value: "#000000"}
BREAKDOWN_COLOURS = ("#56B4E9", "#CC79A7", "#F0E442", "#0072B2", "#D55E00", "#009E73",
                     "#E69F00", "#000000")


def _luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of "#RRGGBB"."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two "#RRGGBB" colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# the rest of the chart's palette, the same on screen and on paper
ACTUAL_COLOUR = "#1F3A5F"
TARGET_COLOUR = "#000000"
BAND_COLOUR = "#009E73"  # the band's edge; filled with it at BAND_ALPHA
BAND_ALPHA = 0.18
BASELINE_COLOUR = "#777777"
PENDING_COLOUR = "#666666"  # not-yet-available and suppressed figures
MARKER_EDGE = "#222222"
GRID_COLOUR = "#DDDDDD"
AXIS_COLOUR = "#888888"
TOTAL_COLOUR = "#000000"


@dataclass
class Category:
    key: str
    label: str


@dataclass
class ActualPoint:
    index: int
    value: float | None  # None: not yet available, or suppressed
    period: str
    label: str
    text: str  # as printed: "106.5", "74.0%", "<5", "nya"
    rag: str = RAG.GREY.value
    status: str = ValueStatus.ACTUAL.value
    suppressed: bool = False

    @property
    def hollow(self) -> bool:
        return self.status == ValueStatus.NOT_YET_AVAILABLE.value


@dataclass
class TargetStep:
    index: int
    low: float | None
    high: float | None
    operator: str
    period: str
    label: str  # the target period's own label ("2010/11")
    text: str  # "at most 104"
    # the categories whose figures are rated against it (rag.target_for), first to last;
    # None: none are (another target due on the same date wins them all)
    first: int | None = None
    last: int | None = None


@dataclass
class SeriesPoint:
    index: int
    value: float | None
    text: str
    suppressed: bool = False


@dataclass
class LineSeries:
    name: str
    kind: str  # "comparator" | "breakdown" | "total"
    key: str  # the comparator kind or the breakdown
    points: list[SeriesPoint] = field(default_factory=list)
    dash: list[float] = field(default_factory=list)
    colour: str = "#444444"
    computed: bool = False  # a total added up here, not printed by the source


@dataclass
class Baseline:
    value: float
    index: int
    label: str
    text: str


@dataclass
class ChartSpec:
    indicator_id: str
    title: str
    name: str  # code or ref: "NI 70", "3.14"
    unit: str
    unit_label: str
    decimals: int
    polarity: str
    categories: list[Category] = field(default_factory=list)
    actuals: list[ActualPoint] = field(default_factory=list)
    targets: list[TargetStep] = field(default_factory=list)
    baseline: Baseline | None = None
    comparators: list[LineSeries] = field(default_factory=list)
    breakdowns: list[LineSeries] = field(default_factory=list)
    total: LineSeries | None = None
    rag: str = RAG.GREY.value
    rating: str = ""  # the rating's one-sentence explanation
    target_text: str = ""  # "at most 104 for 2010/11"

    @property
    def heading(self) -> str:
        return f"{self.name} {self.title}".strip()

    @property
    def empty(self) -> bool:
        """Nothing measured yet: no figure, pending figure or breakdown to draw."""
        return not (any(p.value is not None or p.hollow or p.suppressed for p in self.actuals)
                    or any(p.value is not None for s in self.breakdowns for p in s.points))

    def y_values(self) -> list[float]:
        out = [p.value for p in self.actuals if p.value is not None]
        for t in self.targets:
            out += [v for v in (t.low, t.high) if v is not None]
        if self.baseline:
            out.append(self.baseline.value)
        for s in [*self.comparators, *self.breakdowns, *([self.total] if self.total else [])]:
            out += [p.value for p in s.points if p.value is not None]
        return out

    def text_alternative(self) -> str:
        """One line: first and latest figure, the target, the rating."""
        shown = [p for p in self.actuals if p.value is not None or p.suppressed]
        if shown:
            figures = _span(shown[0].text, shown[0].label, shown[-1].text, shown[-1].label)
        elif self.breakdowns:
            cats = self.categories
            figures = "; ".join(
                f"{s.name} " + _span(s.points[0].text, cats[s.points[0].index].label,
                                     s.points[-1].text, cats[s.points[-1].index].label)
                for s in self.breakdowns[:3] if s.points)
            if len(self.breakdowns) > 3:
                figures += f"; and {len(self.breakdowns) - 3} more breakdowns"
        else:
            figures = "no figures yet"
            pending = [p for p in self.actuals if p.hollow]
            if pending:
                figures += f" ({pending[-1].label} not yet available)"
        parts = [f"{self.heading.rstrip('.:;')}: {figures}"]
        if self.target_text:
            parts.append(f"target {self.target_text}")
        parts.append(RAG(self.rag).word if self.rag != RAG.GREY.value else "not rated")
        return "; ".join(parts)


def _span(first: str, first_label: str, last: str, last_label: str) -> str:
    if first_label == last_label:
        return f"{last} in {last_label}"
    return f"{first} in {first_label} to {last} in {last_label}"


# --- building ----------------------------------------------------------------------------


def chart_spec_from(ind: Indicator, values: list[Value], targets: list[Target],
                    comparators: list[Comparator], as_of: date | None = None, *,
                    suppress_below: int | None = None, rating: rag.Rating | None = None,
                    figure_rating: FigureRating | None = None) -> ChartSpec:
    """The chart of one indicator from its figures as read. `rating` (the indicator's
    rating as of `as_of`) and `figure_rating` (one figure's) are passed by a snapshot
    that has them already; otherwise they are computed here."""
    periods = _periods_cache()
    if as_of is not None:
        values = [v for v in values if known_at(v.period, as_of)]
        comparators = [c for c in comparators if known_at(c.period, as_of)]
    targets = [t for t in targets if not t.superseded_by]
    suppress = suppress_below if ind.unit is Unit.COUNT and suppress_below else None
    cats, slot = _categories(periods, [v.period for v in values], [t.period for t in targets],
                             [c.period for c in comparators])
    spec = ChartSpec(ind.id, ind.title, ind.code or ind.ref, ind.unit.value,
                     units.unit_suffix(ind.unit, ind.rate_base), ind.decimals,
                     ind.polarity.value, cats)

    def fmt(x: float | None) -> str:
        return units.format_value(x, ind.unit, ind.decimals, None)

    def hidden(x: float | None) -> bool:
        return suppress is not None and x is not None and 0 < x < suppress

    whole = [v for v in values if v.breakdown == ""]
    rated = one_per_period(whole)
    first = next((v for v in rated if v.value is not None
                  and v.status is not ValueStatus.NOT_YET_AVAILABLE), None)
    comps_by_period: dict[str, list[Comparator]] = {}
    for c in comparators:
        comps_by_period.setdefault(c.period, []).append(c)
    for v in rated:
        label = periods(v.period).label
        if not v.status.has_figure and v.status is not ValueStatus.NOT_YET_AVAILABLE:
            # statistical shorthand ([c], <5, ...): shown as printed, never as a number
            spec.actuals.append(ActualPoint(slot[v.period], None, v.period, label,
                                            v.raw_text or v.status.word, RAG.GREY.value,
                                            v.status.value, suppressed=True))
            continue
        if v.status is ValueStatus.NOT_YET_AVAILABLE or v.value is None:
            spec.actuals.append(ActualPoint(slot[v.period], None, v.period, label, "nya",
                                            RAG.GREY.value, ValueStatus.NOT_YET_AVAILABLE.value))
            continue
        point_rating = figure_rating(v, first) if figure_rating else rag.rate_figure(
            ind, v, targets, comps_by_period.get(v.period, []), baseline=first)
        if hidden(v.value):
            spec.actuals.append(ActualPoint(slot[v.period], None, v.period, label,
                                            f"<{suppress}", point_rating.rag.value,
                                            v.status.value, suppressed=True))
        else:
            spec.actuals.append(ActualPoint(slot[v.period], float(v.value), v.period, label,
                                            fmt(v.value), point_rating.rag.value,
                                            v.status.value))
    if first is not None and not hidden(first.value):
        spec.baseline = Baseline(float(first.value), slot[first.period],
                                 periods(first.period).label, fmt(first.value))
    spec.targets = _target_steps(ind, targets, comparators, first, slot, periods, cats)
    spec.comparators = _comparator_series(comparators, slot, fmt)
    spec.breakdowns, spec.total = _breakdown_series(ind, values, slot, fmt, hidden, suppress,
                                                    bool(whole))
    overall = rating or rag.rate(ind, values, targets, comparators, as_of=as_of)
    spec.rag, spec.rating = overall.rag.value, overall.explanation
    shown_target = overall.target or target_in_force(targets, as_of)
    if shown_target is not None:
        spec.target_text = target_due_words(ind, shown_target)
    return spec


def _periods_cache():
    cache: dict[str, Period] = {}

    def get(key: str) -> Period:
        p = cache.get(key)
        if p is None:
            p = cache[key] = Period.from_key(key)
        return p
    return get


def _categories(periods, value_keys: list[str], target_keys: list[str],
                comparator_keys: list[str]) -> tuple[list[Category], dict[str, int]]:
    keys = list(dict.fromkeys([*value_keys, *target_keys, *comparator_keys]))
    if not keys:
        return [], {}
    parsed = {k: periods(k) for k in keys}
    counts = Counter(parsed[k].type for k in (value_keys or keys))
    main = counts.most_common(1)[0][0]
    slot_key: dict[str, str] = {}
    for k, p in parsed.items():
        if p.type is main or main is PeriodType.AS_AT:
            slot_key[k] = k
        else:
            slot_key[k] = period_containing(p.end, main).key
    own = sorted({slot_key[k] for k in keys}, key=periods)
    ordered = own
    if main is not PeriodType.AS_AT and all(periods(k).type is main for k in own):
        span = periods_between(periods(own[0]), periods(own[-1])) if len(own) > 1 else []
        if len(own) > 1 and len(span) <= MAX_FILLED_CATEGORIES:
            ordered = [p.key for p in span]
    index = {k: i for i, k in enumerate(ordered)}
    cats = [Category(k, periods(k).label) for k in ordered]
    return cats, {k: index[slot_key[k]] for k in keys}


def _target_steps(ind: Indicator, targets: list[Target], comparators: list[Comparator],
                  baseline: Value | None, slot: dict[str, int], periods,
                  categories: list[Category]) -> list[TargetStep]:
    # one target per period and the periods each covers: the RAG engine's own choice
    chosen = {key: target_for(key, targets) for key in {t.period for t in targets}}
    covers: dict[str, list[int]] = {}
    for i, cat in enumerate(categories):
        due = target_for(cat.key, targets)
        if due is not None:
            covers.setdefault(due.period, []).append(i)
    steps = []
    for key in sorted(chosen, key=periods):
        t = chosen[key]
        bounds = target_bounds(t, baseline=None if baseline is None else baseline.value,
                               comparators=comparators)
        if bounds is None:
            continue
        covered = covers.get(key)
        steps.append(TargetStep(slot[key], bounds[0], bounds[1], t.operator.value, key,
                                periods(key).label, target_words(ind, t),
                                min(covered) if covered else None,
                                max(covered) if covered else None))
    return steps


def _comparator_series(comparators: list[Comparator], slot: dict[str, int],
                       fmt) -> list[LineSeries]:
    out = []
    for kind in COMPARATOR_NAMES:
        found = sorted((c for c in comparators if c.kind.value == kind and c.value is not None),
                       key=lambda c: slot[c.period])
        if not found:
            continue
        dash, colour = COMPARATOR_STYLE[kind]
        out.append(LineSeries(COMPARATOR_NAMES[kind], "comparator", kind,
                              [SeriesPoint(slot[c.period], float(c.value), fmt(c.value))
                               for c in found], list(dash), colour))
    return out


def _breakdown_series(ind: Indicator, values: list[Value], slot: dict[str, int], fmt, hidden,
                      suppress: int | None, has_whole: bool
                      ) -> tuple[list[LineSeries], LineSeries | None]:
    names = sorted({v.breakdown for v in values if v.breakdown})
    series = []
    sums: dict[int, list[float]] = {}
    for i, name in enumerate(names):
        pts = []
        for v in one_per_period([v for v in values if v.breakdown == name]):
            if v.value is None or v.status is ValueStatus.NOT_YET_AVAILABLE:
                continue
            sums.setdefault(slot[v.period], []).append(float(v.value))
            if hidden(v.value):
                pts.append(SeriesPoint(slot[v.period], None, f"<{suppress}", True))
            else:
                pts.append(SeriesPoint(slot[v.period], float(v.value), fmt(v.value)))
        series.append(LineSeries(name, "breakdown", name, pts, [],
                                 BREAKDOWN_COLOURS[i % len(BREAKDOWN_COLOURS)]))
    total = None
    if len(names) > 1 and not has_whole and ind.unit is Unit.COUNT:
        # only where every breakdown has a figure for the period: a partial sum misleads
        pts = [SeriesPoint(i, sum(xs), fmt(sum(xs))) for i, xs in sorted(sums.items())
               if len(xs) == len(names)]
        if pts:
            total = LineSeries("Total", "total", "", pts, [], "#000000", computed=True)
    return series, total
