"""Is an imported figure plausible? The checks government returns make, as warnings shown in
the dry run (never errors: a real jump must still go in): a change against the previous
period, or the same period a year before, beyond a threshold; and a figure ten times, or a
tenth of, the indicator's usual size (typed in thousands, or in units of a thousand).

A percentage outside 0-100 or a count that is not whole is not here: those are errors the
services refuse (app.units.validate_value).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from statistics import median

from app.domain import Indicator, Unit
from app.importer.cells import PERCENT_UNITS, plain
from app.periods import Period, PeriodType, period_containing

RELATIVE_CHANGE = 0.5  # more than half as much again, or less than half: worth a look
POINTS_CHANGE = 20.0  # for percentages, in percentage points
SCALE = 10.0  # ten times, or a tenth of, the usual size
_YEARLY = (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.CALENDAR_YEAR)


@dataclass
class Checked:
    row: int  # as the sheet numbers it
    indicator: Indicator
    period_key: str
    breakdown: str
    value: float


@lru_cache(maxsize=4096)  # a return repeats a few periods for many indicators
def previous(period: Period) -> Period | None:
    if period.type is PeriodType.AS_AT:
        return None
    return period_containing(period.start - timedelta(days=1), period.type)


@lru_cache(maxsize=4096)
def year_before(period: Period) -> Period | None:
    """The same period a year earlier; None where that is simply the previous period."""
    if period.type in _YEARLY or period.type is PeriodType.AS_AT:
        return None
    if period.type is PeriodType.WEEK:
        return Period.week(period.start - timedelta(days=364))
    start = period.start
    return period_containing(date(start.year - 1, start.month, min(start.day, 28)),
                             period.type)


def _changed_much(unit: Unit, old: float, new: float) -> bool:
    if unit in PERCENT_UNITS:
        return abs(new - old) > POINTS_CHANGE
    if old == 0:
        return False  # from nothing, any figure is infinitely more: no useful test
    return abs(new - old) / abs(old) > RELATIVE_CHANGE


def _change(unit: Unit, old: float, new: float, since: str) -> str:
    if unit in PERCENT_UNITS:
        size = f"{abs(new - old):.1f} percentage points"
    else:
        size = f"{abs(new - old) / abs(old):.0%}"
    way = "up" if new > old else "down"
    return f"{plain(new)} is {way} {size} on {plain(old)} {since}"


@lru_cache(maxsize=4096)
def _earlier(period_key: str) -> tuple[tuple[str, str], ...]:
    """(key, words) of the periods a figure is compared with, by its period's key."""
    period = Period.from_key(period_key)
    return tuple((p.key, f"{since} ({p.label})") for p, since in (
        (previous(period), "the period before"),
        (year_before(period), "the same period a year before")) if p is not None)


def warnings(figures: Iterable[Checked],
             known: dict[tuple[str, str, str], float]) -> list[tuple[int, str]]:
    """(row, what looks wrong) for each implausible figure. `known` holds the plan's figures
    by (indicator id, breakdown, period key); the import's own figures count as earlier
    periods of each other."""
    figures = list(figures)
    imported = {(f.indicator.id, f.breakdown, f.period_key): f.value for f in figures}
    usual: dict[tuple[str, str], list[float]] = {}
    for (ind, breakdown, _), value in known.items():
        usual.setdefault((ind, breakdown), []).append(abs(value))
    typical = {k: median(v) for k, v in usual.items() if len(v) >= 3}
    out: list[tuple[int, str]] = []
    for f in figures:
        unit, size = f.indicator.unit, typical.get((f.indicator.id, f.breakdown))
        if size and f.value and unit not in PERCENT_UNITS and (
                abs(f.value) >= SCALE * size or abs(f.value) * SCALE <= size):
            times = ("ten times its usual size or more" if abs(f.value) > size
                     else "a tenth of its usual size or less")
            out.append((f.row, f"{plain(f.value)} is {times} ({plain(size)}, the middle of "
                               "its figures so far): typed in thousands, or in another unit?"))
            continue
        for key, since in _earlier(f.period_key):
            where = (f.indicator.id, f.breakdown, key)
            old = imported.get(where)
            if old is None:
                old = known.get(where)
            if old is not None and _changed_much(unit, old, f.value):
                out.append((f.row, _change(unit, old, f.value, since)))
    return out
