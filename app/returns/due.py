"""What each lead organisation is asked for at a meeting: the figures app/meeting_due.py
says are due (the one rule), for the whole and for each breakdown the indicator already has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app import units
from app.domain import Indicator, Meeting, Target, Value
from app.meeting_due import by_indicator_id, shown_figure, what_is_due
from app.periods import Period
from app.read_model import PlanOutline
from app.targets import live_targets


@dataclass
class DueRow:
    indicator: Indicator
    period: Period
    breakdown: str
    ref: str  # the item's ref the indicator sits under, or the indicator's own
    last: list[str] = field(default_factory=list)  # the latest figures, newest first
    target: str = ""


def _shown(v: Value, ind: Indicator) -> str:
    return f"{shown_figure(v, ind)} ({Period.from_key(v.period).label})"


def due_rows(outline: PlanOutline, meeting: Meeting, values: list[Value],
             targets: list[Target]) -> dict[str, list[DueRow]]:
    """Rows due at the meeting, by lead organisation (items with no lead: "No lead")."""
    by_indicator, in_force = by_indicator_id(values), by_indicator_id(live_targets(targets))
    leads: dict[str, list[DueRow]] = {}
    due = what_is_due(outline, meeting, None, values, targets, {})
    for lead in due.leads():
        for owed in due.figures[lead]:
            ind, period = owed.indicator, owed.period
            mine = sorted(by_indicator.get(ind.id, []), key=lambda v: v.period, reverse=True)
            target = next((t for t in sorted(in_force.get(ind.id, []), key=lambda t: t.period)
                           if Period.from_key(t.period).end >= period.end), None)
            for breakdown in sorted({v.breakdown for v in mine} | {""}):
                last = [_shown(v, ind) for v in mine if v.breakdown == breakdown
                        and Period.from_key(v.period).end < period.end][:2]
                leads.setdefault(lead, []).append(DueRow(
                    ind, period, breakdown, owed.ref, last,
                    "" if target is None else (target.raw_text or units.format_value(
                        target.value, ind.unit, ind.decimals, ind.rate_base))))
    return leads
