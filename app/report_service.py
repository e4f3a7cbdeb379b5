"""Board reports: their content, and issuing (freezing) them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app import validation as check
from app.domain import Meeting, Report, ValidationError
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
        fields = self._clean(plan_id, {**fields, "report_date": report_date})
        report = Report(plan_id, _required_text(title, "title", "report"), **fields)
        with self.store.transaction(f"Add report '{report.title}'"):
            self.store.insert(report)
        return report

    def _clean(self, plan_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        bad = set(fields) - REPORT_EDITABLE
        if bad:
            raise ValidationError(f"Reports have no field {sorted(bad)[0]!r}.",
                                  field=sorted(bad)[0])
        out = check.texts(fields)
        if "report_date" in out:
            out["report_date"] = check.optional_date(out["report_date"], "report_date",
                                                     "report date")
        if "meeting_ids" in out:
            ids = out["meeting_ids"]
            if not isinstance(ids, list | tuple) or not all(
                    self.store.find(Meeting, id=m, plan_id=plan_id) for m in ids):
                raise ValidationError("A report covers meetings of its own plan.",
                                      field="meeting_ids")
            out["meeting_ids"] = list(ids)
        for name in ("header", "sections"):
            if name in out:
                if not isinstance(out[name], dict):
                    raise ValidationError(f"The report's {name} must be named texts.",
                                          field=name)
                out[name] = {check.text(str(k), "title", f"name of a {name} entry"):
                             check.text(str(v), "description", f"report's {name} text")
                             for k, v in out[name].items()}
        if "focus_progress" in out:
            items = out["focus_progress"]
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise ValidationError("The progress reports must be a list of sections.",
                                      field="focus_progress")
            out["focus_progress"] = [
                {str(k): check.text(str(v), "description", "progress report") for k, v in i.items()}
                for i in items]
        for name in ("report_from", "report_to", "agenda_ref"):
            if name in out:
                out[name] = check.text(str(out[name] or ""), name)
        return out

    def edit_report(self, report_id: str, **changes: Any) -> Report:
        report = self.report(report_id)
        if report.issued:
            raise ValidationError(
                f"'{report.title}' was issued on {report.issued_at:%d/%m/%Y} and is frozen; "
                "make a new report instead.")
        changes = self._clean(report.plan_id, changes)
        if "title" in changes:
            changes["title"] = _required_text(changes["title"], "title", "report")
        with self.store.transaction(f"Edit report '{report.title}'"):
            return self.store.update(report, **changes)

    # -- issuing: the PDF and the data it was made from, frozen -----------------------------
    # (app.report.issuing builds and renders the model, and reads the snapshot back.)
    def record_issue(self, report_id: str, model: Any, options: Any, pdf: bytes) -> None:
        """Store the PDF and the snapshot it was made from; the report is then frozen."""
        report = self.report(report_id)
        if report.issued:
            raise ValidationError(f"'{report.title}' was already issued.")
        when = datetime.fromisoformat(model.created)
        with self.store.transaction(f"Issue report '{report.title}'"):
            self.store.save_issued_report(report.id, when, options.to_dict(), model.to_dict(),
                                          pdf)
            self.store.update(report, issued_at=when)

    def issued_pdf(self, report_id: str) -> bytes | None:
        """The PDF exactly as issued (None if the report was never issued)."""
        found = self.issued_record(report_id)
        return found["pdf"] if found else None

    def issued_record(self, report_id: str) -> dict[str, Any] | None:
        """What issuing stored, as plain data: issued_at, options, snapshot (the report
        model's dict) and pdf; None if the report was never issued."""
        return self.store.issued_report(report_id)
