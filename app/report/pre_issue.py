"""The check before a report is issued: what is missing from it, in the board's words.

Red and Amber items without commentary (the rows section 2 of the report prints), ratings
the board recorded differently from the automatic one with no reason, and figures due by
the report's last meeting that have not arrived. Issuing is never blocked by it: the
secretary reads the list and decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain import RAG, Meeting, Target, Value, ValueStatus
from app.read_model import override_words
from app.report.model import build_report_model, subject_name

if TYPE_CHECKING:
    from app.services import Services

COMMENTARY = "Commentary missing"
REASON = "Reason missing"
FIGURE = "Figure overdue"


@dataclass(frozen=True)
class Missing:
    kind: str  # COMMENTARY | REASON | FIGURE
    text: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


def issue_check(services: Services, report_id: str) -> list[Missing]:
    """What is missing from the report, commentary first; [] when nothing is."""
    report = services.reports.report(report_id)
    model = build_report_model(services, report_id)  # no summary or charts: quick
    out = [Missing(COMMENTARY, f"{_name(r.number, r.title)} is rated {RAG(r.rag).word}")
           for r in model.red_amber if not r.commentary.strip()]
    out += [Missing(REASON, f"{_name(*subject_name(services, a))}: {override_words(a)}")
            for a in services.assessments.pending_reasons(report.meeting_ids)]
    meetings = [services.assessments.meeting(m) for m in report.meeting_ids]
    if meetings:
        latest = max(meetings, key=lambda m: m.held_on)
        out += [Missing(FIGURE, text) for text in overdue_figures(services, latest)]
    return out


def overdue_figures(services: Services, meeting: Meeting) -> list[str]:
    """Figures due by the meeting that have not arrived, one line each.

    The one call into the data returns' stand-in for "what is due" (app.returns.due): when
    the meeting cycle's own module lands, rewire this function alone.
    """
    from app.returns.due import due_rows

    outline = services.read.outline(meeting.plan_id)
    ids = [i.id for i in outline.plan_indicators()]
    values = services.store.find_in(Value, "indicator_id", ids)
    have = {(v.indicator_id, v.period, v.breakdown) for v in values
            if v.status is not ValueStatus.NOT_YET_AVAILABLE}
    targets = services.store.find_in(Target, "indicator_id", ids)
    out = []
    for lead, rows in sorted(due_rows(outline, meeting, values, targets).items()):
        for row in rows:
            if (row.indicator.id, row.period.key, row.breakdown) in have:
                continue
            what = f" ({row.breakdown})" if row.breakdown else ""
            out.append(f"{_name(row.ref, row.indicator.title)}{what}, {row.period.label}, "
                       f"from {lead}")
    return out


def _name(number: str, title: str) -> str:
    return f"{number} {title}".strip()
