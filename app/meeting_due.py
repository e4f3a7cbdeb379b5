"""What is due at a meeting: the one rule for which figure each indicator owes a meeting,
whether it has arrived, the targets falling due, and the indicators whose targets ran out.

- The figure due is the latest period of the indicator's type that has ended and been
  published (period end + publication lag) by the meeting's date. An as-at indicator owes a
  figure no older than its frequency allows; an "ad hoc" one owes none.
- A due figure has arrived when the period has a figure of any status but "not yet
  available". One not arrived is missing (overdue) once the meeting is more than the grace
  period after its publication date, and awaited until then.
- A target falls due at a meeting when its period ends after the previous meeting's date
  and on or before this one's (every target due by then, at a plan's first meeting).
- An indicator went Grey because its targets ran out when it has targets, but none due on
  or after its latest figure (the RAG engine's "no_target" rating).

Each indicator is listed once, under the first item it sits under in the tree, and owed by
that item's lead organisation ("No lead" where none is set). Data returns (app/returns) ask
each lead for exactly these figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from app import rag
from app.domain import Indicator, Meeting, Node, Target, Value, ValueStatus
from app.periods import Period, PeriodError, PeriodType, period_containing
from app.read_model import PlanOutline
from app.target_words import target_due_words
from app.targets import live_targets
from app.units import format_value

R = TypeVar("R", Value, Target)
GRACE_DAYS = 14  # a figure published this recently before the meeting is awaited, not late
NO_LEAD = "No lead"
AD_HOC = "ad hoc"
# How old an as-at figure may be, by the indicator's frequency (default: a year).
_AS_AT_DAYS = {"weekly": 7, "monthly": 31, "quarterly": 92, "termly": 122, "annual": 366}


class DueState(StrEnum):
    ARRIVED = "arrived"
    AWAITED = "awaited"  # published within the grace period before the meeting
    MISSING = "missing"  # overdue

    @property
    def word(self) -> str:
        return {"arrived": "arrived", "awaited": "due", "missing": "overdue"}[self.value]


def published_on(indicator: Indicator, period: Period) -> date:
    """The day a period's figure is published: its end plus the publication lag."""
    return period.end + timedelta(days=indicator.publication_lag_days or 0)


def latest_end_seen(indicator: Indicator, on: date) -> date:
    """The latest period end whose figure is published by `on` (a meeting on `on` sees the
    figures of periods ending by then)."""
    return on - timedelta(days=indicator.publication_lag_days or 0)


def due_period(indicator: Indicator, on: date) -> Period:
    """The latest period of the indicator's type published by `on`."""
    published_by = latest_end_seen(indicator, on)
    kind = PeriodType(indicator.period_type)
    if kind is PeriodType.AS_AT:
        return Period.as_at(published_by)
    period = period_containing(published_by, kind)
    if period.end > published_by:
        period = period_containing(period.start - timedelta(days=1), kind)
    return period


def indicator_homes(outline: PlanOutline) -> dict[str, Node]:
    """Each indicator linked in the plan -> the first item it sits under, in tree order."""
    homes: dict[str, Node] = {}
    for node in outline.walk():
        for ind in outline.linked_indicators(node.id):
            homes.setdefault(ind.id, node)
    return homes


@dataclass
class DueFigure:
    indicator: Indicator
    ref: str
    lead: str
    period: Period
    state: DueState
    published: date  # when the period's figure was due to be published
    figure: Value | None = None  # the figure that arrived

    @property
    def outstanding(self) -> bool:
        return self.state is not DueState.ARRIVED

    def line(self) -> str:
        """'3.14 Looked after children: Feb-19, overdue (published 28/02/2019)'."""
        what = f"{self.ref} {self.indicator.title}".strip()
        if self.figure is not None:
            return f"{what}: {self.period.label}, arrived ({shown_figure(self.figure)})"
        return (f"{what}: {self.period.label}, {self.state.word} "
                f"(published {self.published:%d/%m/%Y})")


@dataclass
class TargetDue:
    indicator: Indicator
    ref: str
    lead: str
    target: Target

    def line(self) -> str:
        words = target_due_words(self.indicator, self.target) or "a target"
        return f"{self.ref} {self.indicator.title}: {words}"


@dataclass
class RanOut:
    indicator: Indicator
    ref: str
    lead: str
    explanation: str

    def line(self) -> str:
        return f"{self.ref} {self.indicator.title}: {self.explanation}"


@dataclass
class MeetingDue:
    meeting: Meeting
    grace_days: int
    figures: dict[str, list[DueFigure]] = field(default_factory=dict)  # by lead
    targets: list[TargetDue] = field(default_factory=list)
    ran_out: list[RanOut] = field(default_factory=list)

    def leads(self) -> list[str]:
        return sorted(self.figures, key=lambda lead: (lead == NO_LEAD, lead.lower()))

    def outstanding(self, lead: str | None = None) -> list[DueFigure]:
        """Figures due and not arrived (of one lead, or of all), overdue first."""
        rows = [f for key in ([lead] if lead else self.leads())
                for f in self.figures.get(key, []) if f.outstanding]
        return sorted(rows, key=lambda f: f.state is not DueState.MISSING)

    def missing(self) -> list[DueFigure]:
        return [f for f in self.outstanding() if f.state is DueState.MISSING]

    def arrived(self, lead: str) -> list[DueFigure]:
        return [f for f in self.figures.get(lead, []) if not f.outstanding]

    def lead_text(self, lead: str) -> str:
        """One lead's list as plain text, for a chaser e-mail."""
        owed = self.outstanding(lead)
        day = f"{self.meeting.held_on:%d/%m/%Y}"
        if not owed:
            return f"{lead}: every figure due for the meeting on {day} has arrived.\n"
        lines = [f"Figures due from {lead} for the meeting on {day}:"]
        lines += [f"- {f.line()}" for f in owed]
        got = len(self.arrived(lead))
        if got:
            lines.append(f"({got} more due figure(s) have arrived; thank you.)")
        return "\n".join(lines) + "\n"

    def text(self) -> str:
        """Everything due at the meeting, as the `boardpack due` command prints it."""
        day = f"{self.meeting.held_on:%d/%m/%Y}"
        out = [f"What is due for the meeting on {day} (grace period {self.grace_days} days)"]
        for lead in self.leads():
            rows = self.figures[lead]
            owed = [f for f in rows if f.outstanding]
            out += ["", f"{lead}: {len(rows) - len(owed)} of {len(rows)} figure(s) arrived"]
            out += [f"  {f.line()}" for f in owed]
        out += ["", f"Targets falling due by {day}: {len(self.targets)}"]
        out += [f"  {t.lead}: {t.line()}" for t in self.targets]
        out += ["", f"Gone Grey because their targets ran out: {len(self.ran_out)}"]
        out += [f"  {r.lead}: {r.line()}" for r in self.ran_out]
        return "\n".join(out) + "\n"


def shown_figure(v: Value, indicator: Indicator | None = None) -> str:
    """A figure as the board reads it: its printed text, else the number, else its status."""
    if v.raw_text:
        return v.raw_text
    if v.value is not None and indicator is not None:
        return format_value(v.value, indicator.unit, indicator.decimals, indicator.rate_base)
    if v.value is not None:
        return f"{v.value:g}"
    return v.status.word or "no figure"


def _arrived(indicator: Indicator, period: Period, mine: list[Value]) -> Value | None:
    """The figure that answers the due period (of the whole, not a breakdown)."""
    found = [v for v in mine if not v.breakdown and v.status is not ValueStatus.NOT_YET_AVAILABLE]
    if period.type is PeriodType.AS_AT:
        oldest = period.end - timedelta(days=_AS_AT_DAYS.get(indicator.frequency.lower(), 366))
        recent = [v for v in found if period_end(v.period) is not None
                  and oldest < period_end(v.period) <= period.end]
        return max(recent, key=lambda v: (period_end(v.period), v.id)) if recent else None
    key = period.key
    return next((v for v in found if v.period == key), None)


def period_end(key: str) -> date | None:
    """The end of the period a key names (None for a key that is not a period)."""
    try:
        return Period.from_key(key).end
    except PeriodError:
        return None


def by_indicator_id(rows: Iterable[R]) -> dict[str, list[R]]:
    """Figures or targets grouped by their indicator."""
    out: dict[str, list[R]] = {}
    for row in rows:
        out.setdefault(row.indicator_id, []).append(row)
    return out


def what_is_due(outline: PlanOutline, meeting: Meeting, previous: Meeting | None,
                values: list[Value], targets: list[Target],
                ratings: dict[str, rag.Rating], grace_days: int = GRACE_DAYS) -> MeetingDue:
    """What is due at the meeting (module docstring). `ratings`: each indicator's automatic
    rating as of the meeting's date."""
    by_indicator, live = by_indicator_id(values), by_indicator_id(live_targets(targets))
    since = previous.held_on if previous is not None else date.min
    due = MeetingDue(meeting, grace_days)
    for ind_id, node in indicator_homes(outline).items():
        ind = outline.indicators[ind_id]
        lead = outline.lead(node.id) or NO_LEAD
        ref = ind.ref or node.ref
        if ind.frequency.strip().lower() != AD_HOC:
            period = due_period(ind, meeting.held_on)
            published = published_on(ind, period)
            figure = _arrived(ind, period, by_indicator.get(ind_id, []))
            if figure is not None:
                state = DueState.ARRIVED
            elif (meeting.held_on - published).days > grace_days:
                state = DueState.MISSING
            else:
                state = DueState.AWAITED
            due.figures.setdefault(lead, []).append(
                DueFigure(ind, ref, lead, period, state, published, figure))
        for t in sorted(live.get(ind_id, []), key=lambda t: (t.period, t.id)):
            end = period_end(t.period)
            if end is not None and since < end <= meeting.held_on:
                due.targets.append(TargetDue(ind, ref, lead, t))
        rating = ratings.get(ind_id)
        if rating is not None and rating.rule == "no_target" and live.get(ind_id):
            due.ran_out.append(RanOut(ind, ref, lead, rating.explanation))
    return due
