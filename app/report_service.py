"""Board reports: their content, and issuing (freezing) them."""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from app import validation as check
from app.domain import Meeting, Node, NodeKind, Plan, Report, ValidationError
from app.plan_service import _required_text
from app.ports import PlanStore
from app.uk_time import uk_local

PRIORITIES_ADDRESSED = "HWB Priorities addressed in this report"
LINK = "Link to any published notes or reports"
REPORT_EDITABLE = {"title", "report_from", "report_to", "report_date", "agenda_ref",
                   "meeting_ids", "header", "sections", "focus_progress"}


def report_status(report: Report, replacement: Report | None = None) -> str:
    """How a report's state is named wherever reports are listed: "draft", "issued
    24/05/2019", or "superseded by '<title>' issued 03/06/2019" (`replacement`: the issued
    correction that replaces it, ReportService.superseded_by)."""
    if replacement is not None and replacement.issued_at:
        return f"superseded by '{replacement.title}' issued {_uk_day(replacement.issued_at)}"
    if report.issued_at:
        return f"issued {_uk_day(report.issued_at)}"
    return "draft"


def _uk_day(moment: datetime) -> str:
    return f"{uk_local(moment)[0]:%d/%m/%Y}"


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

    def new_report(self, plan_id: str, meeting_ids: list[str], *, title: str = "",
                   **fields: Any) -> Report:
        """A report to another body covering these meetings, ready to write: from the
        plan's board, dated today, with a progress section for each meeting's focus area
        (its deliverables listed) and the meetings' notes of what was discussed."""
        plan = self.store.get(Plan, plan_id)
        meetings = sorted((self.store.get(Meeting, m) for m in meeting_ids),
                          key=lambda m: m.held_on)
        if not meetings:
            raise ValidationError("Choose the meeting (or meetings) the report covers.",
                                  field="meeting_ids")
        last = meetings[-1]
        defaults: dict[str, Any] = {
            "report_from": plan.board,
            "report_date": date.today(),
            "agenda_ref": last.agenda_ref,
            "meeting_ids": [m.id for m in meetings],
            "header": {PRIORITIES_ADDRESSED: "", LINK: ""},
            "focus_progress": [self._focus_section(m) for m in meetings if m.focus_node_id],
            "sections": {"other_items": "\n\n".join(m.discussed for m in meetings
                                                     if m.discussed.strip()),
                         "forward_plan": ""},
        }
        board = plan.board or "the board"
        title = title.strip() or f"Report of the {board}"
        return self.create_report(plan_id, title, **{**defaults, **fields})

    def _focus_section(self, meeting: Meeting) -> dict[str, str]:
        focus = self.store.get(Node, meeting.focus_node_id or "")
        parent = self.store.get(Node, focus.parent_id) if focus.parent_id else None
        children = sorted(self.store.find(Node, parent_id=focus.id), key=lambda n: n.position)
        deliverables = [n for n in children if n.kind is NodeKind.DELIVERABLE] or children
        return {"priority": parent.title if parent else "",
                "focus": f"{focus.title} ({meeting.held_on:%B %Y} meeting focus)",
                "deliverables": "\n".join(f"- {n.title}" for n in deliverables),
                "progress": ""}

    def delete_report(self, report_id: str) -> Report:
        """Remove a report not yet issued (undo of making it: restore_report)."""
        report = self.report(report_id)
        if report.issued:
            raise ValidationError(f"'{report.title}' was issued and is kept.")
        with self.store.transaction(f"Delete report '{report.title}'"):
            self.store.delete(report)
        return report

    def restore_report(self, report: Report) -> None:
        with self.store.transaction(f"Restore report '{report.title}'"):
            self.store.insert(report)

    # -- corrected versions ----------------------------------------------------------------
    def correct_report(self, report_id: str) -> Report:
        """A corrected version of an issued report: a new draft with the same content that
        names the first in `supersedes`. The first is kept; once the correction is issued
        it is superseded. One correction at a time (correction_under_way)."""
        first = self.report(report_id)
        if not first.issued:
            raise ValidationError(f"'{first.title}' is not issued yet: edit it instead.")
        later = self.superseded_by(first.id)
        if later is not None:
            raise ValidationError(f"'{first.title}' is already superseded by "
                                  f"'{later.title}'.")
        draft = self.correction_under_way(first.id)
        if draft is not None:
            raise ValidationError(f"A corrected version of '{first.title}' is already being "
                                  f"written: '{draft.title}'.")
        fields = {k: copy.deepcopy(getattr(first, k)) for k in REPORT_EDITABLE - {"title"}}
        title = first.title if first.title.endswith("(corrected)") else (
            f"{first.title} (corrected)")
        report = Report(first.plan_id, title, **fields, supersedes=first.id)
        with self.store.transaction(f"Make a corrected version of '{first.title}'"):
            self.store.insert(report)
        return report

    def correction_under_way(self, report_id: str) -> Report | None:
        """The corrected version of this report being written (not yet issued), if any."""
        return next((r for r in self.store.find(Report, supersedes=report_id)
                     if not r.issued), None)

    def superseded_by(self, report_id: str) -> Report | None:
        """The issued correction that replaces this report (None while it stands)."""
        return next((r for r in self.store.find(Report, supersedes=report_id) if r.issued),
                    None)

    def superseded(self, plan_id: str | None = None) -> dict[str, Report]:
        """Each superseded report's id, with the issued correction that replaces it."""
        return {r.supersedes: r for r in self.reports(plan_id) if r.supersedes and r.issued}

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
