"""What each lead organisation is asked for at a meeting: per indicator of the plan, the
latest period that has ended (and been published, allowing the indicator's publication
lag) by the meeting's date, for the whole and for each breakdown it already has.

This is a stand-in for the meeting cycle's "what is due" (issue 12 builds on it); when that
lands, `due_rows` should call it instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app import units
from app.domain import Indicator, Meeting, Target, Value
from app.periods import Period, PeriodType, period_containing
from app.read_model import PlanOutline


@dataclass
class DueRow:
    indicator: Indicator
    period: Period
    breakdown: str
    ref: str  # the item's ref the indicator sits under, or the indicator's own
    last: list[str] = field(default_factory=list)  # the latest figures, newest first
    target: str = ""


def due_period(indicator: Indicator, on: date) -> Period:
    """The latest period of the indicator's type published by `on`."""
    published_by = on - timedelta(days=indicator.publication_lag_days or 0)
    kind = PeriodType(indicator.period_type)
    if kind is PeriodType.AS_AT:
        return Period.as_at(published_by)
    period = period_containing(published_by, kind)
    if period.end > published_by:
        period = period_containing(period.start - timedelta(days=1), kind)
    return period


def _shown(v: Value, ind: Indicator) -> str:
    figure = v.raw_text or units.format_value(v.value, ind.unit, ind.decimals, ind.rate_base)
    return f"{figure} ({Period.from_key(v.period).label})"


def due_rows(outline: PlanOutline, meeting: Meeting, values: list[Value],
             targets: list[Target]) -> dict[str, list[DueRow]]:
    """Rows due at the meeting, by lead organisation (items with no lead: "No lead")."""
    by_indicator: dict[str, list[Value]] = {}
    for v in values:
        by_indicator.setdefault(v.indicator_id, []).append(v)
    in_force: dict[str, list[Target]] = {}
    for t in targets:
        if not t.superseded_by:
            in_force.setdefault(t.indicator_id, []).append(t)
    leads: dict[str, list[DueRow]] = {}
    seen: set[str] = set()
    for node in outline.walk():
        for ind in outline.linked_indicators(node.id):
            if ind.id in seen:
                continue
            seen.add(ind.id)
            period = due_period(ind, meeting.held_on)
            lead = outline.lead(node.id) or "No lead"
            mine = sorted(by_indicator.get(ind.id, []), key=lambda v: v.period, reverse=True)
            target = next((t for t in sorted(in_force.get(ind.id, []), key=lambda t: t.period)
                           if Period.from_key(t.period).end >= period.end), None)
            for breakdown in sorted({v.breakdown for v in mine} | {""}):
                last = [_shown(v, ind) for v in mine if v.breakdown == breakdown
                        and Period.from_key(v.period).end < period.end][:2]
                leads.setdefault(lead, []).append(DueRow(
                    ind, period, breakdown, ind.ref or node.ref, last,
                    "" if target is None else (target.raw_text or units.format_value(
                        target.value, ind.unit, ind.decimals, ind.rate_base))))
    return leads
