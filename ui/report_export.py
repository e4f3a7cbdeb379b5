"""File ▸ Export Board Report…: options, then the export (app.report.export) off the GUI
thread, then open the PDF or web page (the save dialog offers both; the extension decides).

What is written (as issued, issued now, draft) is decided by `plan_export` on the GUI
thread. The model is read and the PDF rendered on a QThreadPool worker, with a progress
dialog from the first read whose Cancel stops it at the next step; results come back by
signal. Recording an issue (the one write to the store) and renaming the file into place
happen back on the GUI thread.

The worker reads through a read-only connection of its own (opened by the window's
PlanFiles, closed when it is done), not the window's. Sharing the window's connection
(check_same_thread=False, SQLite serialized) looked cheaper, since a commit never waits
for reads on the same connection, but closing the plan while the worker stepped through
a query crashed Python's sqlite3 module (a segmentation fault, found by a test), and the
worker's reads would have seen the window's transactions half done. On its own
connection each of the worker's reads holds a SHARED lock for one short statement (the
model reads a batch of indicators at a time and never opens a transaction), so a commit in
the window waits at most that long. The worker never writes: recording an issue happens
back on the GUI thread through the window's services.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.domain import BoardpackError
from app.paths import start_folder
from app.report import ReportOptions
from app.report.export import (
    ExportKind,
    ExportRequest,
    Rendered,
    ReportExport,
    plan_export,
)
from app.report.model import covering_report
from app.report.progress import INDICATORS, READING, ReportCancelled
from app.report_service import report_status
from ui.background import BackgroundJob, JobSignals
from ui.plain_text import ask, plain_label, warn
from ui.saved_message import tell_saved


class ReportOptionsDialog(QDialog):
    def __init__(self, parent: QWidget | None, services: Any, meeting_id: str | None):
        super().__init__(parent)
        self.setWindowTitle("Export Board Report")
        self.services, self.meeting_id = services, meeting_id
        form = QFormLayout(self)
        meeting = services.assessments.meeting(meeting_id) if meeting_id else None
        form.addRow("Meeting", plain_label(
            f"{meeting.held_on:%d %B %Y}" + (f" – {meeting.title}" if meeting.title else "")
            if meeting else "None chosen (latest figures)"))
        self.report = QComboBox()
        self.report.setAccessibleName("Report")
        # Any report of the plan; the meeting's own first, the one covering it chosen.
        reports = services.reports.reports(meeting.plan_id if meeting else None)
        superseded = services.reports.superseded(meeting.plan_id if meeting else None)
        covering = covering_report(services, meeting) if meeting else None
        if meeting_id:
            reports.sort(key=lambda r: meeting_id not in r.meeting_ids)
            if covering is None:
                self.report.addItem("This meeting (no stored report)", None)
        for r in reports:
            when = f"{r.report_date:%d/%m/%Y} – " if r.report_date else ""
            state = report_status(r, superseded.get(r.id))
            self.report.addItem(f"{when}{r.title}" + ("" if state == "draft"
                                                      else f" ({state})"), r.id)
        if covering is not None:
            self.report.setCurrentIndex(self.report.findData(covering.id))
        form.addRow("Report", self.report)
        self.summary = QCheckBox("RAG summary of every indicator")
        self.charts = QCheckBox("A chart for each indicator")
        self.contents = QCheckBox("Contents page")
        self.draft = QCheckBox("DRAFT watermark")
        self.green = QCheckBox("Include Green and achieved items")
        self.green.setChecked(True)
        for box in (self.summary, self.charts, self.contents, self.draft, self.green):
            form.addRow("", box)
        row = QHBoxLayout()
        self.suppress = QCheckBox("Show small counts as")
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 100)
        self.threshold.setValue(5)
        self.threshold.setPrefix("<")
        row.addWidget(self.suppress)
        row.addWidget(self.threshold)
        form.addRow("Small numbers", row)
        self.organisation = QLineEdit()
        form.addRow("Organisation", self.organisation)
        logo_row = QHBoxLayout()
        self.logo = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_logo)
        logo_row.addWidget(self.logo)
        logo_row.addWidget(browse)
        form.addRow("Logo", logo_row)
        self.page = QComboBox()
        self.page.addItems(["A4", "Letter"])
        form.addRow("Page size", self.page)
        self.issue = QCheckBox("Issue this report (freeze it as the board will see it)")
        self.issue.setEnabled(not services.read_only)
        self.issue.toggled.connect(self._issue_toggled)
        form.addRow("", self.issue)
        self.issued_note = plain_label()
        self.issued_note.setWordWrap(True)
        form.addRow("", self.issued_note)
        self.report.currentIndexChanged.connect(self._report_chosen)
        self._report_chosen()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _issue_toggled(self, on: bool) -> None:
        """An issued report goes out as it is: never with a DRAFT watermark."""
        if on:
            self.draft.setChecked(False)
        self.draft.setEnabled(not on)

    def _report_chosen(self) -> None:
        """An issued report is exported exactly as issued: its options cannot change."""
        report_id = self.report.currentData()
        report = self.services.reports.report(report_id) if report_id else None
        issued = bool(report and report.issued)
        for w in (self.summary, self.charts, self.contents, self.draft, self.green,
                  self.suppress, self.threshold, self.organisation, self.logo, self.page):
            w.setEnabled(not issued)
        self.issue.setEnabled(not issued and report is not None
                              and not self.services.read_only)
        replacement = self.services.reports.superseded_by(report.id) if issued else None
        later = f" It is {report_status(report, replacement)}." if replacement else ""
        self.issued_note.setText(
            f"Issued on {report.issued_at:%d/%m/%Y %H:%M}: you get the PDF (or its web page) "
            f"exactly as the board saw it; later edits do not change it.{later}" if issued
            else "")
        self.issued_note.setVisible(issued)

    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Logo", str(start_folder(
            getattr(self.parent(), "path", None))), "Images (*.png *.jpg *.jpeg)")
        if path:
            self.logo.setText(path)

    def choice(self) -> ExportRequest | None:
        try:
            options = ReportOptions(
                summary=self.summary.isChecked(), charts=self.charts.isChecked(),
                contents=self.contents.isChecked(), draft=self.draft.isChecked(),
                include_green=self.green.isChecked(), suppress_small=self.suppress.isChecked(),
                suppress_threshold=self.threshold.value(), organisation=self.organisation.text(),
                logo=self.logo.text().strip(), page_size=self.page.currentText())
        except BoardpackError as exc:
            warn(self, "Export Board Report", str(exc))
            return None
        report_id = self.report.currentData()
        default = default_output(self.services, report_id, self.meeting_id,
                                 getattr(self.parent(), "path", None))
        path, chosen = QFileDialog.getSaveFileName(self, "Save the board report", str(default),
                                                   ";;".join(SAVE_FILTERS))
        if not path:
            return None
        output = with_suffix(Path(path), chosen)
        return ExportRequest(output, report_id, self.meeting_id, options,
                             issue=self.issue.isChecked() and report_id is not None)


PDF_FILTER, HTML_FILTER = "PDF (*.pdf)", "Web page (HTML) (*.html *.htm)"
SAVE_FILTERS = (PDF_FILTER, HTML_FILTER)


def with_suffix(path: Path, chosen_filter: str) -> Path:
    """The name as typed when it ends in .pdf, .html or .htm (the export goes by the
    extension); otherwise with the extension of the filter chosen in the save dialog."""
    if path.suffix.lower() in (".pdf", ".html", ".htm"):
        return path
    return path.with_name(path.name + (".html" if chosen_filter == HTML_FILTER else ".pdf"))


def default_output(services: Any, report_id: str | None, meeting_id: str | None,
                   plan: Path | None = None) -> Path:
    """'2019-05-24 Report to the Health and Wellbeing Board.pdf' beside the plan, or in the
    user's Documents where the plan is in the app's own data folder."""
    folder = start_folder(plan)
    if report_id:
        r = services.reports.report(report_id)
        name = f"{r.report_date:%Y-%m-%d} {r.title}" if r.report_date else r.title
    elif meeting_id:
        name = f"Board report {services.assessments.meeting(meeting_id).held_on:%Y-%m-%d}"
    else:
        name = "Board report"
    safe = "".join(c if c.isalnum() or c in " -_.()'" else "-" for c in name).strip()
    return Path(folder) / f"{safe[:120]}.pdf"


class _Signals(JobSignals):
    progress = Signal(str, int, int)  # finished carries an app.report.export.Rendered


class ExportJob(BackgroundJob):
    """Makes an export (reads, model, PDF, temporary file) on a pool thread, telling its
    progress by signal; `cancel()` stops it at its next step, with nothing left behind."""

    EMIT_EVERY_S = 0.05  # progress signals at most this often (a thousand indicators)
    YIELD_EVERY_S, YIELD_S = 0.01, 0.001

    cancelled_by = (ReportCancelled,)

    def __init__(self, export: ReportExport, reader: Callable[[], Any] | None = None):
        super().__init__(_Signals())
        self.export, self.reader = export, reader
        self._last_emit = self._last_yield = 0.0
        self._last_what = ""

    def _progress(self, what: str, done: int, total: int) -> bool:
        now = time.monotonic()
        if now - self._last_yield >= self.YIELD_EVERY_S:
            # Hand the GIL to the GUI thread for a moment. Without this a busy machine can
            # starve it: this thread drops and retakes the GIL for every row SQLite steps,
            # which resets Python's switching clock, so the GUI never asks for it in time.
            time.sleep(self.YIELD_S)
            now = self._last_yield = time.monotonic()
        if (what != self._last_what or done == total
                or now - self._last_emit >= self.EMIT_EVERY_S):
            self._last_emit, self._last_what = now, what
            self.signals.progress.emit(what, done, total)
        return not self.cancelled

    def work(self) -> Rendered:
        return self.export.make(self._progress, self.reader)

    def discard(self, result: Rendered) -> None:  # cancelled after the last step
        result.file.discard()


def export_board_report(parent: QWidget, services: Any, meeting_id: str | None) -> None:
    """File ▸ Export Board Report: the options dialog, then the export on a worker."""
    if getattr(parent, "_board_report_job", None) is not None:
        warn(parent, "Export Board Report", "A board report is already being exported: "
             "wait for it or cancel it first.")
        return
    dialog = ReportOptionsDialog(parent, services, meeting_id)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    request = dialog.choice()
    if request is None:
        return
    try:
        export = plan_export(services, request)
    except BoardpackError as exc:
        warn(parent, "Export Board Report", str(exc))
        return
    if export.kind is ExportKind.ISSUE_NOW and export.note and not ask(
            parent, "Issue the report", f"{export.note}\n\nIssue it anyway?"):
        return
    start_export(parent, export)


def _tell(parent: QWidget, message: str) -> None:
    bar = getattr(parent, "statusBar", None)
    if callable(bar):
        bar().showMessage(message, 15000)


def start_export(parent: QWidget, export: ReportExport, *,
                 open_when_done: bool = True, confirm_saved: bool = True) -> ExportJob:
    """Run `export` on a pool thread with a progress dialog shown at once; the store is
    written (an issue recorded) back on this thread when the PDF is made. `confirm_saved`
    says where it was saved, with "Open folder" (not for a preview in a temporary folder).

    The dialog is not modal: the user can go on editing while a long report is made.
    """
    progress = QProgressDialog(READING + "…", "Cancel", 0, 0, parent)
    progress.setWindowTitle("Export Board Report")
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    files, path = getattr(parent, "files", None), getattr(parent, "path", None)
    reader = (lambda: files.open(path, read_only=True)) if files and path else None
    job = ExportJob(export, reader)
    job.setAutoDelete(False)
    parent._board_report_job = job  # keep the job and its signals alive until done
    if export.note:
        _tell(parent, export.note)

    gone: list[bool] = []  # the window (and so the dialog) was destroyed meanwhile
    progress.destroyed.connect(lambda: (gone.append(True), job.cancel()))

    def on_progress(what: str, done: int, total: int) -> None:
        if job.cancelled or gone:
            return
        counted = what == INDICATORS and total > 1  # the renderer's steps are not pages
        progress.setLabelText(f"{what}…" + (f" ({done:,} of {total:,})" if counted else ""))
        progress.setMaximum(max(total, 0))
        progress.setValue(min(done, total))

    def done() -> bool:
        """Close the dialog; False if the plan was closed meanwhile (nothing is written)."""
        if gone:
            return False
        progress.close()
        progress.deleteLater()
        parent._board_report_job = None
        if getattr(parent, "services", export.services) is not export.services:
            _tell(parent, "The plan was closed before the report was made; nothing was "
                  "written.")
            return False
        return True

    def on_finished(rendered: Rendered) -> None:
        if not done():
            rendered.file.discard()
            return
        try:
            message = export.finish(rendered)
        except (OSError, BoardpackError) as exc:
            warn(parent, "Export Board Report", f"The report could not be saved: {exc}")
            return
        _tell(parent, message)
        if confirm_saved:
            tell_saved(parent, "Export Board Report", message, Path(export.output))
        if open_when_done and QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(export.output))) is False:
            said = (f"No program to show {export.output.suffix.lstrip('.').upper()} files was "
                    f"found on this computer; the file is saved at {export.output}.")
            if confirm_saved:
                _tell(parent, said)  # the saved message beside it says where, with Open folder
            else:
                warn(parent, "Export Board Report", said)

    def on_failed(message: str) -> None:
        if done():
            warn(parent, "Export Board Report", f"The report could not be made: {message}")

    def on_cancelled() -> None:
        if done():
            _tell(parent, "The export was cancelled; nothing was written.")

    job.signals.progress.connect(on_progress)
    job.signals.finished.connect(on_finished)
    job.signals.failed.connect(on_failed)
    job.signals.cancelled.connect(on_cancelled)
    progress.canceled.connect(job.cancel)
    progress.show()
    QThreadPool.globalInstance().start(job)
    return job
