"""Which target applies and what level it asks for: the one home of these rules for the
rating, the chart, the figures grid and the report (DESIGN.md, "RAG rules").

- Superseded targets are ignored. Among several live targets for one period, an agreed
  one beats a provisional one beats one to be agreed, then the most recently set.
- A figure is rated against the target for its own period; else the next one due (the
  smallest period end on or after the figure's); an expired target is never used.
- The target in force at a date is the first due on or after it; past the last one, the
  last one (so a report after the plan's end still names what was aimed for).
- Relative targets take their direction from polarity: higher is better → at least,
  lower is better → at most, within a band (or none) → equal. A bare figure typed as a
  target takes its operator the same way.
- A baseline-relative target asks for the baseline plus its value; a comparator-relative
  one for that comparator's figure of the period (England where no kind is given) plus its
  value (none = in line with it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain import (
    Comparator,
    ComparatorKind,
    Polarity,
    Target,
    TargetOperator,
    TargetStatus,
)
from app.periods import Period

_STATUS_RANK = {TargetStatus.AGREED: 0, TargetStatus.PROVISIONAL: 1, TargetStatus.TO_BE_AGREED: 2}
_FIXED = (TargetOperator.AT_LEAST, TargetOperator.AT_MOST, TargetOperator.EQUAL)


# --- which target -------------------------------------------------------------------------


def live_targets(targets: Iterable[Target], indicator_id: str | None = None) -> list[Target]:
    """The targets in use (not superseded), of one indicator where `indicator_id` is given."""
    return [t for t in targets if not t.superseded_by
            and (indicator_id is None or t.indicator_id == indicator_id)]


def target_rank(t: Target) -> tuple:
    """Lower wins among live targets for the same period (module docstring)."""
    set_on = t.set_on.toordinal() if t.set_on else 0
    return (_STATUS_RANK.get(t.status, 3), -set_on, t.id)


def best_target(targets: Iterable[Target]) -> Target | None:
    """The winning one of several live targets for one period; None for none."""
    return min(targets, key=target_rank, default=None)


def _first_due(targets: list[Target], on_or_after: date) -> Target | None:
    later = [t for t in targets if Period.from_key(t.period).end >= on_or_after]
    if not later:
        return None
    first_end = min(Period.from_key(t.period).end for t in later)
    return best_target(t for t in later if Period.from_key(t.period).end == first_end)


def target_for(value_key: str, targets: list[Target]) -> Target | None:
    """The target a figure for period `value_key` is rated against, among live `targets`;
    None where every target fell due before it. Charts use it too, so a target covers
    exactly the periods rated against it."""
    same = best_target(t for t in targets if t.period == value_key)
    if same is not None:
        return same
    return _first_due(targets, Period.from_key(value_key).end)


def target_in_force(targets: list[Target], as_of: date | None) -> Target | None:
    """The live target in force at `as_of`: the first due on or after it, else the last
    (also for no date)."""
    live = live_targets(targets)
    if as_of is not None:
        due = _first_due(live, as_of)
        if due is not None:
            return due
    if not live:
        return None
    last_end = max(Period.from_key(t.period).end for t in live)
    return best_target(t for t in live if Period.from_key(t.period).end == last_end)


# --- the level asked for ------------------------------------------------------------------


def polar_operator(polarity: Polarity) -> TargetOperator:
    """The operator a target without its own takes from the indicator's polarity."""
    if polarity is Polarity.HIGHER:
        return TargetOperator.AT_LEAST
    if polarity is Polarity.LOWER:
        return TargetOperator.AT_MOST
    return TargetOperator.EQUAL


def comparator_kind(target: Target) -> ComparatorKind:
    """The comparator a comparator-relative target is measured against."""
    return target.comparator or ComparatorKind.ENGLAND


def comparator_value(comparators: Iterable[Comparator], kind: ComparatorKind,
                     period: str) -> float | None:
    """The comparator's figure for a period (the first recorded where there are two)."""
    found = [c for c in comparators
             if c.kind is kind and c.period == period and c.value is not None]
    return float(min(found, key=lambda c: c.id).value) if found else None


def target_bounds(target: Target, *, baseline: float | None = None,
                  comparators: Iterable[Comparator] = (), period: str | None = None
                  ) -> tuple[float, float] | None:
    """(low, high) the target asks for; None where it carries no figure or what it is
    relative to is not known. A comparator-relative target is read against the
    comparator of `period` (default: the target's own)."""
    op, v = target.operator, target.value
    if op in _FIXED:
        return None if v is None else (float(v), float(v))
    if op is TargetOperator.BAND:
        if v is None:
            return None
        high = v if target.value_high is None else target.value_high
        return (float(min(v, high)), float(max(v, high)))
    if op is TargetOperator.RELATIVE_TO_BASELINE:
        if baseline is None or v is None:
            return None
        level = baseline + v
        return (level, level)
    if op is TargetOperator.RELATIVE_TO_COMPARATOR:
        found = comparator_value(comparators, comparator_kind(target), period or target.period)
        if found is None:
            return None
        level = found + (v or 0.0)
        return (level, level)
    return None
