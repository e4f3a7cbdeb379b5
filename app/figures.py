"""Which figure a period shows: the one rule the rating, the chart and the figures grid share.

A figure counts at a date once its period has ended. Where a period holds more than one
figure (of one breakdown), the one shown is, in order: one with a number before one
without (a not-yet-available note, or text only); an actual before a provisional before a
not-yet-available; then the lowest id, so duplicates are chosen the same way every time.
Only an actual or provisional figure with a number is rated, so wherever a period has a
rateable figure, the figure it shows is the one rated.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain import Value, ValueStatus
from app.periods import Period, PeriodError

RATED_STATUSES = (ValueStatus.ACTUAL, ValueStatus.PROVISIONAL)
_STATUS_RANK = {ValueStatus.ACTUAL: 0, ValueStatus.PROVISIONAL: 1,
                ValueStatus.NOT_YET_AVAILABLE: 2}


def known_at(period_key: str, as_of: date | None) -> bool:
    """Whether a figure (or comparator) for the period counts at `as_of`: once its period
    has ended (always, for no date; never, for a key that is not a period)."""
    if as_of is None:
        return True
    try:
        return Period.from_key(period_key).end <= as_of
    except PeriodError:
        return False


def rateable(v: Value) -> bool:
    """An actual or provisional figure with a number."""
    return v.status in RATED_STATUSES and v.value is not None


def figure_rank(v: Value) -> tuple:
    """Lower is shown first (module docstring)."""
    return (not rateable(v), _STATUS_RANK.get(v.status, 3), v.id)


def shown_per_period(values: Iterable[Value]) -> dict[str, Value]:
    """Period key -> the figure that period shows, for figures of one breakdown."""
    chosen: dict[str, Value] = {}
    for v in values:
        current = chosen.get(v.period)
        if current is None or figure_rank(v) < figure_rank(current):
            chosen[v.period] = v
    return chosen


def one_per_period(values: Iterable[Value]) -> list[Value]:
    """The figure each period shows, oldest period first."""
    return sorted(shown_per_period(values).values(), key=lambda v: Period.from_key(v.period))
