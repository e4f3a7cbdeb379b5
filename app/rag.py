"""The RAG engine: rate an indicator's figure against its target (DESIGN.md, "RAG rules").

Decisions where the rules are silent:

- Which figure: the one for `period` if given; otherwise the latest actual or provisional
  figure whose period ends on or before `as_of` (None: the latest). Where a period has
  both, the actual wins. Not-yet-available figures are never rated.
- Which target: superseded targets are ignored. The target for the figure's own period;
  else the next one due (smallest period end on or after the figure's period end), named
  in the sentence ("against the March 2019 target"). An expired target is never used: with
  no target due on or after the figure, the rating is Grey "no_target" and the sentence
  names the last target there was. Among several live targets for one period, an agreed
  one beats a provisional one beats one to be agreed, then the most recently set.
- Tolerance: relative tolerance is a fraction of the bound the figure is compared with
  (the target, the nearer edge of a band, the baseline- or comparator-derived level); with
  a zero bound it is zero, so only exactly meeting the target is better than Red (set an
  absolute tolerance for zero targets). Comparisons allow a rounding slack of one part in
  10^9, so a figure exactly at the tolerance edge is Amber and a hair beyond it is Red.
- EQUAL: only an exact match is Green; off either way by no more than the tolerance is
  Amber. BAND with no upper figure is a band of one point.
- Relative targets (to the baseline or a comparator) take their direction from polarity:
  higher is better → at least, lower is better → at most, within a band → equal. The
  baseline is the earliest rated figure of the same breakdown; the target's value is the
  signed change from it in the unit. A comparator target with no comparator kind is
  taken as the England figure; its value (None = 0) is an offset from the comparator.
- Kinds: monitor-only, text and no-polarity indicators are Grey "contextual" (trend and
  comparators only). A milestone figure of 1 or more is Blue "milestone_done"; one not yet
  done whose target falls due in a later period is Grey "milestone_pending", and one due
  now is rated against its target. An establish-a-baseline indicator with a figure and no
  target is Blue "baseline_established".
- The shortfall in the sentence is a percentage of the bound ("18% over") for relative
  tolerance, otherwise an amount in the unit (percentage points for percentages). A rate
  target is printed without "per 10,000", which the figure beside it already carries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.dates import MONTH_NAME
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
from app.periods import Period, PeriodError
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


_RATED = (ValueStatus.ACTUAL, ValueStatus.PROVISIONAL)
_STATUS_RANK = {TargetStatus.AGREED: 0, TargetStatus.PROVISIONAL: 1, TargetStatus.TO_BE_AGREED: 2}
_COMPARATOR_NAMES = {
    ComparatorKind.ENGLAND: "the England average",
    ComparatorKind.REGION: "the regional average",
    ComparatorKind.STATISTICAL_NEIGHBOURS: "the statistical neighbours' average",
    ComparatorKind.TOP_QUARTILE: "the top-quartile threshold",
}
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


def _due(key: str) -> str:
    """The month and year a target period ends ("March 2019")."""
    end = _period(key).end
    return f"{MONTH_NAME[end.month]} {end.year}"


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _fmt(indicator: Indicator, x: float | None, *, with_rate_base: bool = True) -> str:
    base = indicator.rate_base if with_rate_base else None
    return format_value(x, indicator.unit, indicator.decimals, base)


def _fmt_target(indicator: Indicator, x: float) -> str:
    return _fmt(indicator, x, with_rate_base=False)


def _amount(indicator: Indicator, x: float) -> str:
    """An amount of change or shortfall: percentages move in percentage points."""
    percent = (Unit.PERCENT, Unit.PERCENT_CHANGE)
    unit = Unit.PERCENTAGE_POINTS if indicator.unit in percent else indicator.unit
    return format_value(x, unit, indicator.decimals)


def _signed(indicator: Indicator, x: float) -> str:
    text = _amount(indicator, x)
    return text if text.startswith("-") else f"+{text}"


def _figure_rank(v: Value) -> tuple:
    # an actual beats a provisional; the id only makes duplicates deterministic
    return (v.status is not ValueStatus.ACTUAL, v.id)


def _figures(
    indicator: Indicator, values: list[Value], breakdown: str, as_of: date | None = None
) -> list[Value]:
    """Rateable figures, oldest first, one per period (an actual beats a provisional)."""
    chosen: dict[str, Value] = {}
    for v in values:
        if v.indicator_id != indicator.id or v.breakdown != breakdown:
            continue
        if v.status not in _RATED or v.value is None:
            continue
        if as_of is not None and _period(v.period).end > as_of:
            continue
        current = chosen.get(v.period)
        if current is None or _figure_rank(v) < _figure_rank(current):
            chosen[v.period] = v
    return sorted(chosen.values(), key=lambda v: _period(v.period))


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
        and (period is not None or as_of is None or _period(v.period).end <= as_of)
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


def _target_rank(t: Target) -> tuple:
    set_on = t.set_on.toordinal() if t.set_on else 0
    return (_STATUS_RANK.get(t.status, 3), -set_on, t.id)


def _live_targets(indicator: Indicator, targets: list[Target]) -> list[Target]:
    return [t for t in targets if t.indicator_id == indicator.id and not t.superseded_by]


def target_for(value_key: str, targets: list[Target]) -> Target | None:
    """The target a figure for period `value_key` is rated against (module docstring), among
    live `targets`; None where every target fell due before it. Charts use it too, so a
    target covers exactly the periods rated against it."""
    same = [t for t in targets if t.period == value_key]
    if same:
        return min(same, key=_target_rank)
    value_end = _period(value_key).end
    later = [t for t in targets if _period(t.period).end >= value_end]
    if not later:
        return None
    first_end = min(_period(t.period).end for t in later)
    due = [t for t in later if _period(t.period).end == first_end]
    return min(due, key=_target_rank)


# --- the required level -------------------------------------------------------------------


@dataclass(frozen=True)
class _Requirement:
    operator: TargetOperator  # AT_LEAST, AT_MOST, EQUAL or BAND
    low: float
    high: float
    describe: str  # "at most 672", "between 60.0% and 65.0%"
    comparator_value: float | None = None


def _polar_operator(polarity: Polarity) -> TargetOperator:
    if polarity is Polarity.HIGHER:
        return TargetOperator.AT_LEAST
    if polarity is Polarity.LOWER:
        return TargetOperator.AT_MOST
    return TargetOperator.EQUAL


def _describe(indicator: Indicator, operator: TargetOperator, low: float, high: float) -> str:
    if operator is TargetOperator.AT_LEAST:
        return f"at least {_fmt_target(indicator, low)}"
    if operator is TargetOperator.AT_MOST:
        return f"at most {_fmt_target(indicator, high)}"
    if operator is TargetOperator.BAND:
        return f"between {_fmt_target(indicator, low)} and {_fmt_target(indicator, high)}"
    return _fmt_target(indicator, low)


def _simple(
    indicator: Indicator, operator: TargetOperator, low: float, high: float | None
) -> _Requirement:
    high = low if high is None else high
    low, high = min(low, high), max(low, high)
    return _Requirement(operator, low, high, _describe(indicator, operator, low, high))


def _from_baseline(indicator: Indicator, target: Target, baseline: Value) -> _Requirement:
    operator = _polar_operator(indicator.polarity)
    level = baseline.value + target.value
    describe = (
        f"{_describe(indicator, operator, level, level)} "
        f"({_signed(indicator, target.value)} on the {_period(baseline.period).label} "
        f"baseline of {_fmt_target(indicator, baseline.value)})"
    )
    return _Requirement(operator, level, level, describe)


def _from_comparator(
    indicator: Indicator, target: Target, kind: ComparatorKind, comparator: float
) -> _Requirement:
    operator = _polar_operator(indicator.polarity)
    offset = target.value or 0.0
    level = comparator + offset
    name = _COMPARATOR_NAMES[kind]
    shown = _fmt_target(indicator, comparator)
    if _close(offset, 0.0):
        word = {TargetOperator.AT_LEAST: "at least ", TargetOperator.AT_MOST: "at most "}
        describe = f"{word.get(operator, '')}{name} ({shown})"
    else:
        describe = (
            f"{_describe(indicator, operator, level, level)} "
            f"({_signed(indicator, offset)} on {name} of {shown})"
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
        amount = _amount(indicator, gap)
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
            due = _due(target.period)
            text = f"Green: {shown} for {label} met the {due} target of {req.describe}."
    else:
        where = (
            f"against a target of {req.describe} for {label}"
            if same
            else f"for {label} against the {_due(target.period)} target of {req.describe}"
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
    if targets:
        last = max(targets, key=lambda t: _period(t.period))
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
    text = f"Grey: milestone not yet complete in {label}; due by {_due(target.period)}."
    return Rating(RAG.GREY, "milestone_pending", text, value, target)


def _no_comparator(
    indicator: Indicator, value: Value, target: Target, kind: ComparatorKind
) -> Rating:
    shown = _fmt(indicator, value.value)
    label = _period(value.period).label
    text = (
        f"Grey: {shown} for {label} is not rated; {_COMPARATOR_NAMES[kind]} "
        f"for {label} is not known."
    )
    return Rating(RAG.GREY, "no_comparator", text, value, target)


def _comparator_value(
    indicator: Indicator, comparators: list[Comparator], kind: ComparatorKind, period: str
) -> float | None:
    found = [
        c
        for c in comparators
        if c.indicator_id == indicator.id
        and c.kind is kind
        and c.period == period
        and c.value is not None
    ]
    return float(min(found, key=lambda c: c.id).value) if found else None


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
    live = _live_targets(indicator, targets)
    target = target_for(value.period, live)
    if target is None:
        return _no_target(indicator, value, live)
    if _needs_words(target):
        return _text_target(indicator, value, target)
    if indicator.kind is IndicatorKind.MILESTONE and target.period != value.period:
        return _milestone_pending(value, target)
    return _rate_against(indicator, value, target, values, comparators, breakdown)


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
        kind = target.comparator or ComparatorKind.ENGLAND
        level = _comparator_value(indicator, comparators, kind, value.period)
        if level is None:
            return _no_comparator(indicator, value, target, kind)
        req = _from_comparator(indicator, target, kind, level)
        return _compare(indicator, value, target, req)
    return _compare(
        indicator, value, target, _simple(indicator, op, target.value, target.value_high)
    )


def rate_figure(indicator: Indicator, value: Value, first: Value | None,
                targets: list[Target], comparators: list[Comparator]) -> Rating:
    """One figure rated on its own, as a chart marker or a grid row shows it: against the
    target for its period, with its breakdown's first figure as the baseline."""
    pair = [first, value] if first is not None and first.id != value.id else [value]
    comps = [c for c in comparators if c.period == value.period]
    return rate(indicator, pair, targets, comps, period=value.period,
                breakdown=value.breakdown)


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
