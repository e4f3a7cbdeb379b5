"""How a target is written, wherever it is shown: the figures grid, the target history, the
chart, the rating's sentence and the report's summary ("at most 672", "between 60.0% and
65.0%", "+5.0 pp on the baseline", "in line with the England average").

Figures are written with their unit but without "per 10,000", which the figure beside a
target already carries; a change from a percentage is in percentage points.
"""

from __future__ import annotations

from app.dates import MONTH_NAME
from app.domain import ComparatorKind, Indicator, Target, TargetOperator, Unit
from app.periods import Period
from app.targets import comparator_kind
from app.units import format_value

OPERATOR_WORDS = {TargetOperator.AT_LEAST: "at least", TargetOperator.AT_MOST: "at most"}
COMPARATOR_WORDS = {
    ComparatorKind.ENGLAND: "the England average",
    ComparatorKind.REGION: "the regional average",
    ComparatorKind.STATISTICAL_NEIGHBOURS: "the statistical neighbours' average",
    ComparatorKind.TOP_QUARTILE: "the top-quartile threshold",
}


def figure_words(indicator: Indicator, x: float | None) -> str:
    """A target's figure: "672", "74.0%"."""
    return format_value(x, indicator.unit, indicator.decimals, None)


def amount_words(indicator: Indicator, x: float) -> str:
    """An amount of change or shortfall: percentages move in percentage points."""
    percent = (Unit.PERCENT, Unit.PERCENT_CHANGE)
    unit = Unit.PERCENTAGE_POINTS if indicator.unit in percent else indicator.unit
    return format_value(x, unit, indicator.decimals)


def change_words(indicator: Indicator, x: float) -> str:
    """A signed change: "+5.0 pp", "-3"."""
    text = amount_words(indicator, x)
    return text if text.startswith("-") else f"+{text}"


def level_words(indicator: Indicator, operator: TargetOperator, low: float,
                high: float | None = None) -> str:
    """A level with its operator: "at least 74.0%", "at most 672", "between 60 and 65"."""
    high = low if high is None else high
    if operator is TargetOperator.AT_LEAST:
        return f"{OPERATOR_WORDS[operator]} {figure_words(indicator, low)}"
    if operator is TargetOperator.AT_MOST:
        return f"{OPERATOR_WORDS[operator]} {figure_words(indicator, high)}"
    if operator is TargetOperator.BAND:
        return f"between {figure_words(indicator, low)} and {figure_words(indicator, high)}"
    return figure_words(indicator, low)


def target_words(indicator: Indicator, target: Target) -> str:
    """The target as set, in words; its printed text in quotes where it has no figure."""
    op, v = target.operator, target.value
    if op is TargetOperator.RELATIVE_TO_COMPARATOR:
        name = COMPARATOR_WORDS[comparator_kind(target)]
        return f"in line with {name}" if not v else f"{change_words(indicator, v)} on {name}"
    if v is None or op is TargetOperator.TEXT:
        return f'"{target.raw_text}"' if target.raw_text else ""
    if op is TargetOperator.RELATIVE_TO_BASELINE:
        return f"{change_words(indicator, v)} on the baseline"
    if op is TargetOperator.BAND:
        low, high = sorted((v, v if target.value_high is None else target.value_high))
        return level_words(indicator, op, low, high)
    return level_words(indicator, op, v)


def due_words(period_key: str) -> str:
    """The month and year a target's period ends: "March 2019"."""
    end = Period.from_key(period_key).end
    return f"{MONTH_NAME[end.month]} {end.year}"


def target_due_words(indicator: Indicator, target: Target) -> str:
    """A target with its period, as the chart and the report's summary print it:
    "at most 104 for 2010/11"; "" for a target with no words."""
    words = target_words(indicator, target)
    return f"{words} for {Period.from_key(target.period).label}" if words else ""
