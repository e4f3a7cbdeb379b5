"""The Report menu: New report… (which meetings it covers) and Open report… (any report
of the file), each opening the window's report editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.report_service import report_status
from ui.plain_text import plain_label
from ui.report_commands import MakeReport
from ui.report_editor import ReportEditor
from ui.report_fields import MeetingChecklist


class NewReportDialog(QDialog):
    """A report to another body: its title and the meetings it covers (the chosen
    meeting ticked)."""

    def __init__(self, parent: QWidget | None, services: Any, plan_id: str,
                 meeting_id: str | None):
        super().__init__(parent)
        self.setWindowTitle("New report")
        self.plan_id = plan_id
        form = QFormLayout(self)
        plan = services.plans.plan(plan_id)
        form.addRow("Plan", plain_label(plan.title))
        self.title = QLineEdit()
        self.title.setPlaceholderText(f"Report of the {plan.board or 'board'}")
        self.title.setAccessibleName("Title")
        form.addRow("&Title", self.title)
        self.meetings = MeetingChecklist()
        self.meetings.fill(services.assessments.meetings(plan_id),
                           [meeting_id] if meeting_id else [])
        form.addRow("&Meetings covered", self.meetings)
        self.problem = plain_label(wrap=True)
        self.problem.setStyleSheet("color:#B00020;")
        form.addRow("", self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def meeting_ids(self) -> list[str]:
        return self.meetings.ticked()

    def _accept(self) -> None:
        if not self.meeting_ids():
            self.problem.setText("Tick the meeting (or meetings) the report covers.")
            return
        self.accept()


class ReportChooser(QDialog):
    """Every report in the file, newest first, with its state (draft, issued, superseded)."""

    def __init__(self, parent: QWidget | None, services: Any):
        super().__init__(parent)
        self.setWindowTitle("Open report")
        self.resize(900, 320)
        lay = QVBoxLayout(self)
        self.reports = QListWidget()
        self.reports.setWordWrap(True)
        self.reports.setAccessibleName("Reports")
        for plan in services.plans.plans():
            superseded = services.reports.superseded(plan.id)
            for r in report_list(services, plan.id):
                when = f"{r.report_date:%d/%m/%Y} – " if r.report_date else ""
                item = QListWidgetItem(f"{when}{r.title} "
                                       f"({report_status(r, superseded.get(r.id))})")
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                self.reports.addItem(item)
        self.reports.setCurrentRow(0)
        self.reports.itemDoubleClicked.connect(lambda _i: self.accept())
        lay.addWidget(self.reports)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def report_id(self) -> str | None:
        item = self.reports.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


def report_list(services: Any, plan_id: str | None = None) -> list:
    """A plan's reports (or the file's), newest first; undated ones last."""
    return sorted(services.reports.reports(plan_id),
                  key=lambda r: (r.report_date is not None, r.report_date or 0,
                                 bool(r.supersedes)), reverse=True)


# -- the menu's commands ------------------------------------------------------------------
def new_report(w: Any) -> ReportEditor | None:
    """Report ▸ New report…: for the chosen meeting's plan (or the selected item's)."""
    if w.services is None:
        return None
    w.flush_edits()
    item = w.current_item()
    plan_id = w.meeting.plan_id if w.meeting is not None else (item.plan_id if item else None)
    if plan_id is None:
        plans = w.services.plans.plans()
        plan_id = plans[0].id if plans else None
    if plan_id is None:
        return None
    dialog = NewReportDialog(w, w.services, plan_id, w.meeting.id if w.meeting else None)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    title, ids = dialog.title.text(), dialog.meeting_ids()
    cmd = MakeReport(w.services, w.changes, "New report",
                     lambda: w.services.reports.new_report(plan_id, ids, title=title))
    if not w.push(cmd) or cmd.report is None:
        return None
    return open_editor(w, cmd.report.id)


def open_report(w: Any) -> ReportEditor | None:
    """Report ▸ Open report…: any report in the file."""
    if w.services is None:
        return None
    w.flush_edits()
    chooser = ReportChooser(w, w.services)
    if chooser.exec() != QDialog.DialogCode.Accepted or not chooser.report_id():
        return None
    return open_editor(w, chooser.report_id())


def open_editor(w: Any, report_id: str) -> ReportEditor:
    """The report's editor, the window's only one (`w.report_editor` while it is open)."""
    editor = getattr(w, "report_editor", None)
    if editor is not None and editor.report_id != report_id:
        editor.close()
        editor = None
    if editor is None:
        editor = ReportEditor(w, report_id)
        w.report_editor = editor
        editor.closed.connect(lambda: _forget(w, editor))
    editor.show()
    editor.raise_()
    editor.activateWindow()
    return editor


def _forget(w: Any, editor: ReportEditor) -> None:
    if getattr(w, "report_editor", None) is editor:
        w.report_editor = None

