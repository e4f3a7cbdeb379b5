"""The RAG engine: rate an indicator's figure against its target (DESIGN.md, "RAG rules").

Decisions where the rules are silent:

- Which figure: the one for `period` if given; otherwise the latest actual or provisional
  figure whose period ends on or before `as_of` (None: the latest). Which figure a period
  shows is app/figures.py's rule (an actual beats a provisional). Not-yet-available
  figures are never rated.
- Which target: app/targets.py's `target_for`; a later target is named in the sentence
  ("against the March 2019 target"). With no target due on or after the figure, the
  rating is Grey "no_target" and the sentence names the last target there was.
- Tolerance: relative tolerance is a fraction of the bound the figure is compared with
  (the target, the nearer edge of a band, the baseline- or comparator-derived level); with
  a zero bound it is zero, so only exactly meeting the target is better than Red (set an
  absolute tolerance for zero targets). Comparisons allow a rounding slack of one part in
  10^9, so a figure exactly at the tolerance edge is Amber and a hair beyond it is Red.
- EQUAL: only an exact match is Green; off either way by no more than the tolerance is
  Amber. BAND with no upper figure is a band of one point.
- Relative targets (to the baseline or a comparator): the level and its direction are
  app/targets.py's. The baseline is the earliest rated figure of the same breakdown.
- Kinds: monitor-only, text and no-polarity indicators are Grey "contextual" (trend and
  comparators only). A milestone figure of 1 or more is Blue "milestone_done"; one not yet
  done whose target falls due in a later period is Grey "milestone_pending", and one due
  now is rated against its target. An establish-a-baseline indicator with a figure and no
  target is Blue "baseline_established".
- The shortfall in the sentence is a percentage of the bound ("18% over") for relative
  tolerance, otherwise an amount in the unit (percentage points for percentages). Targets
  are worded by app/target_words.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.domain import (
    RAG,
    Comparator,
    ComparatorKind,
    Direction,
    Indicator,
    IndicatorKind,
    Polarity,
    Target,
    TargetOperator,
    TargetStatus,
    ToleranceKind,
    Unit,
    ValidationError,
    Value,
    ValueStatus,
)
from app.figures import known_at, one_per_period, rateable
from app.periods import Period, PeriodError
from app.target_words import (
    COMPARATOR_WORDS,
    OPERATOR_WORDS,
    amount_words,
    change_words,
    due_words,
    figure_words,
    level_words,
)
from app.targets import (
    comparator_kind,
    comparator_value,
    live_targets,
    polar_operator,
    target_bounds,
    target_for,
    target_in_force,
)
from app.units import format_value


@dataclass(frozen=True)
class Rating:
    rag: RAG
    rule: str  # short machine id: "met", "within_tolerance", "missed", "no_value", ...
    explanation: str  # one sentence, starting with the RAG word
    value: Value | None = None
    target: Target | None = None
    comparator_value: float | None = None
    gap: float | None = None  # signed shortfall in the unit; positive = worse


# Taken from the operator actually compared with, so the sentence never contradicts itself.
_BETTER = {
    TargetOperator.AT_LEAST: "; higher is better",
    TargetOperator.AT_MOST: "; lower is better",
    TargetOperator.BAND: "; within the band is best",
}


# --- small helpers --------------------------------------------------------------------


def _period(key: str) -> Period:
    try:
        return Period.from_key(key)
    except PeriodError as exc:
        raise ValidationError(f"'{key}' is not a period.", field="period") from exc


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _fmt(indicator: Indicator, x: float | None) -> str:
    """A figure with its unit and rate base ("106.0 per 10,000")."""
    return format_value(x, indicator.unit, indicator.decimals, indicator.rate_base)


def _figures(
    indicator: Indicator, values: list[Value], breakdown: str, as_of: date | None = None
) -> list[Value]:
    """Rateable figures, oldest first: the one each period shows (app/figures.py)."""
    mine = [
        v
        for v in values
        if v.indicator_id == indicator.id
        and v.breakdown == breakdown
        and rateable(v)
        and known_at(v.period, as_of)
    ]
    return one_per_period(mine)


# --- choosing the figure and the target -------------------------------------------------


def _grey_no_value(
    indicator: Indicator,
    values: list[Value],
    breakdown: str,
    period: str | None,
    as_of: date | None,
) -> Rating:
    pending = [
        v
        for v in values
        if v.indicator_id == indicator.id
        and v.breakdown == breakdown
        and v.status is ValueStatus.NOT_YET_AVAILABLE
        and (period is None or v.period == period)
        and (period is not None or known_at(v.period, as_of))
    ]
    if pending:
        latest = max(pending, key=lambda v: (_period(v.period), v.expected, v.id))
        expected = f" (expected {latest.expected})" if latest.expected else ""
        text = (
            f"Grey: the figure for {_period(latest.period).label} is not yet available{expected}."
        )
    elif period is not None:
        text = f"Grey: no figure for {_period(period).label}."
    elif as_of is not None:
        text = f"Grey: no figure as at {as_of:%d/%m/%Y}."
    else:
        text = "Grey: no figure yet."
    return Rating(RAG.GREY, "no_value", text)


def _pick_value(
    indicator: Indicator,
    values: list[Value],
    breakdown: str,
    period: str | None,
    as_of: date | None,
) -> Value | None:
    figures = _figures(indicator, values, breakdown, None if period else as_of)
    if period is not None:
        figures = [v for v in figures if v.period == period]
    return figures[-1] if figures else None


# --- the required level -------------------------------------------------------------------


@dataclass(frozen=True)
class _Requirement:
    operator: TargetOperator  # AT_LEAST, AT_MOST, EQUAL or BAND
    low: float
    high: float
    describe: str  # "at most 672", "between 60.0% and 65.0%"
    comparator_value: float | None = None


def _simple(indicator: Indicator, target: Target) -> _Requirement:
    bounds = target_bounds(target)
    assert bounds is not None  # a target with no figure is rated as words only
    low, high = bounds
    return _Requirement(target.operator, low, high,
                        level_words(indicator, target.operator, low, high))


def _from_baseline(indicator: Indicator, target: Target, baseline: Value) -> _Requirement:
    operator = polar_operator(indicator.polarity)
    level, _ = target_bounds(target, baseline=baseline.value)
    describe = (
        f"{level_words(indicator, operator, level)} "
        f"({change_words(indicator, target.value)} on the {_period(baseline.period).label} "
        f"baseline of {figure_words(indicator, baseline.value)})"
    )
    return _Requirement(operator, level, level, describe)


def _from_comparator(
    indicator: Indicator, target: Target, comparator: float, level: float
) -> _Requirement:
    operator = polar_operator(indicator.polarity)
    offset = target.value or 0.0
    name = COMPARATOR_WORDS[comparator_kind(target)]
    shown = figure_words(indicator, comparator)
    if _close(offset, 0.0):
        word = OPERATOR_WORDS.get(operator)
        describe = f"{word} {name} ({shown})" if word else f"{name} ({shown})"
    else:
        describe = (
            f"{level_words(indicator, operator, level)} "
            f"({change_words(indicator, offset)} on {name} of {shown})"
        )
    return _Requirement(operator, level, level, describe, comparator)


# --- comparing ----------------------------------------------------------------------------


def _shortfall(req: _Requirement, x: float) -> tuple[float, float, str]:
    """(gap, the bound compared with, the word for a miss); gap > 0 is a miss."""
    if req.operator is TargetOperator.AT_LEAST:
        return req.low - x, req.low, "short"
    if req.operator is TargetOperator.AT_MOST:
        return x - req.high, req.high, "over"
    if req.operator is TargetOperator.EQUAL:
        return abs(x - req.low), req.low, "over" if x > req.low else "short"
    if x < req.low:
        return req.low - x, req.low, "below the band"
    if x > req.high:
        return x - req.high, req.high, "above the band"
    nearer = req.low if x - req.low <= req.high - x else req.high
    return -abs(x - nearer), nearer, ""


def _tolerance(indicator: Indicator, bound: float) -> float:
    if indicator.tolerance_kind is ToleranceKind.ABSOLUTE:
        return abs(indicator.tolerance)
    return abs(indicator.tolerance * bound)


def _gap_text(indicator: Indicator, gap: float, bound: float, side: str) -> str:
    relative = indicator.tolerance_kind is ToleranceKind.RELATIVE
    if relative and bound != 0 and indicator.unit is not Unit.PERCENTAGE_POINTS:
        pct = gap / abs(bound) * 100
        if pct < 0.05:
            amount = "<0.1%"
        elif pct >= 9.95:
            amount = f"{pct:.0f}%"
        else:
            amount = f"{pct:.1f}%"
    else:
        amount = amount_words(indicator, gap)
    return f"{amount} {side}"


def _compare(indicator: Indicator, value: Value, target: Target, req: _Requirement) -> Rating:
    x = float(value.value)
    gap, bound, side = _shortfall(req, x)
    tolerance = _tolerance(indicator, bound)
    # rounding slack; it depends on the bound only, so a better figure never rates worse
    slack = 1e-9 * max(1.0, abs(bound), tolerance)
    if gap <= slack:
        rag, rule = RAG.GREEN, "met"
    elif gap <= tolerance + slack:
        rag, rule = RAG.AMBER, "within_tolerance"
    else:
        rag, rule = RAG.RED, "missed"
    label = _period(value.period).label
    shown = _fmt(indicator, x)
    same = target.period == value.period
    if rag is RAG.GREEN:
        if same:
            text = f"Green: {shown} met the target of {req.describe} for {label}."
        else:
            due = due_words(target.period)
            text = f"Green: {shown} for {label} met the {due} target of {req.describe}."
    else:
        where = (
            f"against a target of {req.describe} for {label}"
            if same
            else f"for {label} against the {due_words(target.period)} target of {req.describe}"
        )
        miss = _gap_text(indicator, gap, bound, side)
        text = f"{rag.word}: {shown} {where}, {miss}{_BETTER.get(req.operator, '')}."
    return Rating(rag, rule, text, value, target, req.comparator_value, gap)


# --- the special cases ----------------------------------------------------------------------


def _contextual(indicator: Indicator, value: Value | None) -> Rating:
    what = (
        "a text-only indicator"
        if indicator.kind is IndicatorKind.TEXT
        else "a contextual measure, shown for trend and comparison"
    )
    if value is None:
        return Rating(RAG.GREY, "contextual", f"Grey: {what}, not rated.")
    shown = _fmt(indicator, value.value)
    label = _period(value.period).label
    return Rating(RAG.GREY, "contextual", f"Grey: {shown} for {label}; {what}, not rated.", value)


def _no_target(indicator: Indicator, value: Value, targets: list[Target]) -> Rating:
    shown = _fmt(indicator, value.value)
    label = _period(value.period).label
    if indicator.kind is IndicatorKind.BASELINE:
        text = f"Blue: baseline established at {shown} for {label}."
        return Rating(RAG.BLUE, "baseline_established", text, value)
    last = target_in_force(targets, None)
    if last is not None:
        text = (
            f"Grey: {shown} for {label} has no target due then or later "
            f"(the last was for {_period(last.period).label})."
        )
    else:
        text = f"Grey: {shown} for {label} has no target to be rated against."
    return Rating(RAG.GREY, "no_target", text, value)


def _text_target(indicator: Indicator, value: Value, target: Target) -> Rating:
    shown = _fmt(indicator, value.value)
    label = _period(value.period).label
    if target.status is TargetStatus.TO_BE_AGREED and target.operator is not TargetOperator.TEXT:
        why = "the target is still to be agreed"
    elif target.raw_text:
        why = f'the target ("{target.raw_text}") is in words only'
    else:
        why = "the target is in words only"
    text = f"Grey: {shown} for {label} is not rated; {why}."
    return Rating(RAG.GREY, "text_target", text, value, target)


def _milestone_pending(value: Value, target: Target) -> Rating:
    label = _period(value.period).label
    text = f"Grey: milestone not yet complete in {label}; due by {due_words(target.period)}."
    return Rating(RAG.GREY, "milestone_pending", text, value, target)


def _no_comparator(
    indicator: Indicator, value: Value, target: Target, kind: ComparatorKind
) -> Rating:
    shown = _fmt(indicator, value.value)
    label = _period(value.period).label
    text = (
        f"Grey: {shown} for {label} is not rated; {COMPARATOR_WORDS[kind]} "
        f"for {label} is not known."
    )
    return Rating(RAG.GREY, "no_comparator", text, value, target)


def _needs_words(target: Target) -> bool:
    """A target that carries no figure to compare with."""
    if target.operator is TargetOperator.TEXT:
        return True
    if target.operator is TargetOperator.RELATIVE_TO_COMPARATOR:
        return False  # no value means "in line with": offset 0
    return target.value is None


# --- the public API ------------------------------------------------------------------------


def rate(
    indicator: Indicator,
    values: list[Value],
    targets: list[Target],
    comparators: list[Comparator],
    *,
    as_of: date | None = None,
    period: str | None = None,
    breakdown: str | None = None,
) -> Rating:
    """Rate one figure of `indicator` (see the module docstring for the choices).

    `breakdown` None rates the whole, or, where figures exist only for one breakdown (a
    single key stage, say), that breakdown, and the explanation names it.
    """
    if breakdown is None:
        breakdown = rated_breakdown(values)
        if breakdown:
            return _naming(rate(indicator, values, targets, comparators, as_of=as_of,
                                period=period, breakdown=breakdown), breakdown)
    value = _pick_value(indicator, values, breakdown, period, as_of)
    contextual = indicator.kind in (IndicatorKind.MONITOR, IndicatorKind.TEXT)
    if contextual or indicator.polarity is Polarity.NONE:
        return _contextual(indicator, value)
    if value is None:
        return _grey_no_value(indicator, values, breakdown, period, as_of)
    if indicator.kind is IndicatorKind.MILESTONE and value.value >= 1:
        label = _period(value.period).label
        return Rating(RAG.BLUE, "milestone_done", f"Blue: milestone complete in {label}.", value)
    live = live_targets(targets, indicator.id)
    target = target_for(value.period, live)
    if target is None:
        return _no_target(indicator, value, live)
    if _needs_words(target):
        return _text_target(indicator, value, target)
    if indicator.kind is IndicatorKind.MILESTONE and target.period != value.period:
        return _milestone_pending(value, target)
    return _rate_against(indicator, value, target, values, comparators, breakdown)


def rate_figure(
    indicator: Indicator,
    value: Value,
    targets: list[Target],
    comparators: list[Comparator],
    *,
    baseline: Value | None = None,
) -> Rating:
    """One period's figure rated on its own, as the chart's markers and the figures grid
    show it: against the target for its period, with `baseline` (the earliest rated
    figure) for a target relative to the baseline."""
    pair = [value] if baseline is None or baseline.id == value.id else [baseline, value]
    return rate(indicator, pair, targets, comparators, period=value.period,
                breakdown=value.breakdown)


def _rate_against(
    indicator: Indicator,
    value: Value,
    target: Target,
    values: list[Value],
    comparators: list[Comparator],
    breakdown: str,
) -> Rating:
    op = target.operator
    if op is TargetOperator.RELATIVE_TO_BASELINE:
        baseline = _figures(indicator, values, breakdown)[0]
        return _compare(indicator, value, target, _from_baseline(indicator, target, baseline))
    if op is TargetOperator.RELATIVE_TO_COMPARATOR:
        mine = [c for c in comparators if c.indicator_id == indicator.id]
        kind = comparator_kind(target)
        comparator = comparator_value(mine, kind, value.period)
        if comparator is None:
            return _no_comparator(indicator, value, target, kind)
        level, _ = target_bounds(target, comparators=mine, period=value.period)
        return _compare(indicator, value, target,
                        _from_comparator(indicator, target, comparator, level))
    return _compare(indicator, value, target, _simple(indicator, target))


def rated_breakdown(values: list[Value]) -> str:
    """The breakdown a rating is about: the whole (""), unless every figure belongs to one
    and the same breakdown."""
    names = {v.breakdown for v in values}
    return next(iter(names)) if len(names) == 1 else ""


def _naming(rating: Rating, breakdown: str) -> Rating:
    word, _, rest = rating.explanation.partition(": ")
    label = breakdown.split(":", 1)[-1].strip()
    return replace(rating, explanation=f"{word} ({label}): {rest}")


def direction(
    indicator: Indicator,
    values: list[Value],
    *,
    as_of: date | None = None,
    breakdown: str | None = None,
) -> Direction:
    """The latest figure against the one before, judged by polarity.

    Unknown with fewer than two figures, or for band and no-polarity indicators (moving
    towards or away from a band is not judged here).
    """
    if indicator.polarity not in (Polarity.HIGHER, Polarity.LOWER):
        return Direction.UNKNOWN
    if breakdown is None:
        breakdown = rated_breakdown(values)
    figures = _figures(indicator, values, breakdown, as_of)
    if len(figures) < 2:
        return Direction.UNKNOWN
    before, latest = figures[-2].value, figures[-1].value
    if _close(latest, before):
        return Direction.SAME
    rising = latest > before
    return (
        Direction.IMPROVING
        if rising == (indicator.polarity is Polarity.HIGHER)
        else (Direction.WORSENING)
    )


# What the arrows mean, wherever they are shown (tree, report): better or worse by the
# indicator's polarity, not up or down.
TREND_LEGEND = ("Trend: ▲ improving, ▼ worsening, ► no change (judged by polarity, so ▲ can be "
                "a falling figure where lower is better).")


def direction_arrow(d: Direction) -> str:
    """▲ improving, ▼ worsening, ► no change, "" unknown.

    The arrow shows improvement, not the figure's movement: for a lower-is-better measure
    a falling figure shows ▲.
    """
    return {
        Direction.IMPROVING: "▲",
        Direction.WORSENING: "▼",
        Direction.SAME: "►",
        Direction.UNKNOWN: "",
    }[d]
