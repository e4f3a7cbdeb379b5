"""Undo commands for writing a report: make one (new, or a corrected version of an issued
one) and edit its fields. Panes hear of them as Changes.fields(report id)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain import Report
from app.services import Services
from ui.commands import Changes, FieldEdit, ServiceCommand


class MakeReport(ServiceCommand):
    """`make()` creates the report through a service (new_report or correct_report); undo
    removes it, redo puts the same report back."""

    def __init__(self, services: Services, changes: Changes, text: str,
                 make: Callable[[], Report]):
        super().__init__(services, changes, text)
        self.make = make
        self.report: Report | None = None
        self._removed = False

    def do(self) -> None:
        if self._removed and self.report is not None:
            self.s.reports.restore_report(self.report)
            self._removed = False
            return
        self.report = self.make()

    def undo_(self) -> None:
        assert self.report is not None
        self.report = self.s.reports.delete_report(self.report.id)
        self._removed = True

    def notify(self) -> None:
        self.changes.fields.emit(self.report.id if self.report else "")


class EditReport(FieldEdit):
    """Saves of the same fields in one typing session merge into one undo step."""

    def __init__(self, services: Services, changes: Changes, report_id: str,
                 new: dict[str, Any], session: int = -1):
        report = services.reports.report(report_id)
        self.old = {k: getattr(report, k) for k in new}
        self.new = new
        self.record_id = report_id
        self.session = session
        super().__init__(services, changes, f"Edit report '{report.title}'")

    def do(self) -> None:
        self.s.reports.edit_report(self.record_id, **self.new)

    def undo_(self) -> None:
        self.s.reports.edit_report(self.record_id, **self.old)

    def notify(self) -> None:
        self.changes.fields.emit(self.record_id)
