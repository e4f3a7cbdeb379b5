"""Board reports: their content, and issuing (freezing) them."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain import Report, ValidationError
from app.plan_service import _required_text
from app.ports import PlanStore

REPORT_EDITABLE = {"title", "report_from", "report_to", "report_date", "agenda_ref",
                   "meeting_ids", "header", "sections", "focus_progress"}


class ReportService:
    def __init__(self, store: PlanStore):
        self.store = store

    def reports(self, plan_id: str | None = None) -> list[Report]:
        return self.store.find(Report, plan_id=plan_id) if plan_id else self.store.find(Report)

    def report(self, report_id: str) -> Report:
        return self.store.get(Report, report_id)

    def create_report(self, plan_id: str, title: str, *, report_date: date | None = None,
                      **fields: Any) -> Report:
        bad = set(fields) - REPORT_EDITABLE
        if bad:
            raise ValidationError(f"Reports have no field {sorted(bad)[0]!r}.")
        report = Report(plan_id, _required_text(title, "title", "report"),
                        report_date=report_date, **fields)
        with self.store.transaction(f"Add report '{report.title}'"):
            self.store.insert(report)
        return report

    def edit_report(self, report_id: str, **changes: Any) -> Report:
        report = self.report(report_id)
        if report.issued:
            raise ValidationError(
                f"'{report.title}' was issued on {report.issued_at:%d/%m/%Y} and is frozen; "
                "make a new report instead.")
        bad = set(changes) - REPORT_EDITABLE
        if bad:
            raise ValidationError(f"Reports have no field {sorted(bad)[0]!r}.")
        with self.store.transaction(f"Edit report '{report.title}'"):
            return self.store.update(report, **changes)
