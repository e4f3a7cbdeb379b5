"""The check before a report is issued: what is missing from it, in the board's words.

Red and Amber items without commentary (the rows section 2 of the report prints), ratings
the board recorded differently from the automatic one with no reason, and figures due by
the report's last meeting that have not arrived. Issuing is never blocked by it: the
secretary reads the list and decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain import RAG, Meeting
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
    """Figures due by the meeting and overdue (past the grace period), one line each, from
    the meeting cycle's "what is due" (app/meeting_due.py)."""
    due = services.pack.due(meeting)
    return [f"{f.line()}, from {f.lead}" for f in due.missing()]


def _name(number: str, title: str) -> str:
    return f"{number} {title}".strip()
