"""The `boardpack info` summary of a plan file, as plain text."""

from __future__ import annotations

from collections import Counter
from datetime import date

from app.domain import RAG, Meeting, ValidationError
from app.read_model import RAG_ORDER, Rollup
from app.report_service import report_status
from app.services import Services


def _counts(c: Counter[RAG]) -> str:
    return " ".join(f"{r.letter}={c[r]}" for r in RAG_ORDER)


def summary(services: Services, meeting_day: date | None = None) -> str:
    store = services.store
    lines = [f"File: {store.path}"]
    plans = services.plans.plans()
    if not plans:
        lines.append("No plans yet.")
    for plan in plans:
        nodes = services.plans.nodes(plan.id)
        indicators = services.indicators.indicators(plan.id)
        meetings = services.assessments.meetings(plan.id)
        reports = services.reports.reports(plan.id)
        span = ""
        if plan.period_start and plan.period_end:
            span = f" ({plan.period_start:%b %Y} – {plan.period_end:%b %Y})"
        lines += [
            "",
            f"Plan: {plan.title}{span} [{plan.status.value}]",
            f"  {len(nodes)} items in the tree, {len(indicators)} indicators",
            f"  Meetings: {', '.join(f'{m.held_on:%d/%m/%Y}' for m in meetings) or 'none'}",
            f"  Reports: {_report_lines(services, plan.id, reports)}",
        ]
        meeting = _pick_meeting(meetings, meeting_day)
        if meeting_day and meeting is None:
            continue
        lines.append(_ratings(services, plan.id, meeting, meeting_day))
    if meeting_day and not any(services.assessments.meeting_on(meeting_day, p.id)
                               for p in plans):
        raise ValidationError(f"No meeting was held on {meeting_day:%d/%m/%Y} in this file.")
    return "\n".join(lines)


def _report_lines(services: Services, plan_id: str, reports: list) -> str:
    superseded = services.reports.superseded(plan_id)
    return ", ".join(_report_line(r, superseded.get(r.id)) for r in reports) or "none"


def _report_line(report, replacement=None) -> str:
    when = f" {report.report_date:%d/%m/%Y}" if report.report_date else ""
    state = report_status(report, replacement)
    return f"{report.title}{when}" + ("" if state == "draft" else f" ({state})")


def _pick_meeting(meetings: list[Meeting], day: date | None) -> Meeting | None:
    if day is None:
        return meetings[0] if meetings else None
    return next((m for m in meetings if m.held_on == day), None)


def _ratings(services: Services, plan_id: str, meeting: Meeting | None,
             day: date | None) -> str:
    title = f"at the meeting of {meeting.held_on:%d/%m/%Y}" if meeting else "latest figures"
    view = services.read.plan_view(plan_id, meeting)
    out = [f"  RAG {title}: automatic (every indicator, from the figures known then) | "
           "recorded by the board | shown (the board's where it assessed, else automatic)"]
    rows = [(f"{n.ref} {n.title}".strip(), view.outline.indicators_below(n.id))
            for n in view.outline.children.get(None, [])]
    rows.append(("All indicators", view.outline.indicators_below(None)))
    for label, ids in rows:
        snaps = [view.snapshots[i] for i in ids]
        auto = Counter(s.rating.rag for s in snaps)
        recorded = Counter(s.shown for s in snaps if s.assessed)
        shown = Rollup.of(s.shown for s in snaps)
        out.append(f"    {label[:48]:<48} {_counts(auto)} | {_counts(recorded)} | "
                   f"{_counts(shown.counts)}")
    differs = [s for s in view.snapshots.values() if s.differs or s.is_override]
    if differs:
        out.append("  Where the board's rating differs from the automatic one:")
        for s in differs:
            name = f"{s.indicator.ref or s.indicator.code} {s.indicator.title}".strip()
            a = s.assessment
            reason = a.override_reason.strip() or (
                f"no reason recorded (note: {a.note})" if a.note else "no reason recorded")
            out.append(f"    {name[:48]:<48} {s.shown_label}: {reason}")
    return "\n".join(out)
