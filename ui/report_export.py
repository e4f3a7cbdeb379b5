"""File ▸ Export Board Report…: options, rendering off the GUI thread, then open the PDF.

The model is read on the GUI thread (it talks to the store); the PDF is rendered on a
QThreadPool worker with a progress dialog whose Cancel stops the renderer between
flowables and charts. Issuing (freezing) writes to the store back on the GUI thread.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, Qt, QThreadPool, QUrl, Signal
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
from app.report import ReportOptions, build_report_model, prepare_issue
from ui.plain_text import plain_label, warn


@dataclass
class ExportChoice:
    report_id: str | None
    meeting_id: str | None
    options: ReportOptions
    output: Path
    issue: bool


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
        reports = services.reports.reports()
        if meeting_id:
            reports = [r for r in reports if meeting_id in r.meeting_ids] or []
            if not reports:
                self.report.addItem("This meeting (no stored report)", None)
        for r in reports:
            when = f"{r.report_date:%d/%m/%Y} – " if r.report_date else ""
            suffix = " (issued)" if r.issued else ""
            self.report.addItem(f"{when}{r.title}{suffix}", r.id)
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
        self.issued_note.setText(
            f"Issued on {report.issued_at:%d/%m/%Y %H:%M}: you get the PDF exactly as the "
            "board saw it; later edits do not change it." if issued else "")
        self.issued_note.setVisible(issued)

    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Logo", "", "Images (*.png *.jpg *.jpeg)")
        if path:
            self.logo.setText(path)

    def choice(self) -> ExportChoice | None:
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
        default = _default_output(self.services, report_id, self.meeting_id)
        path, _ = QFileDialog.getSaveFileName(self, "Save the board report", str(default),
                                              "PDF (*.pdf)")
        if not path:
            return None
        return ExportChoice(report_id, self.meeting_id, options, Path(path),
                            self.issue.isChecked() and report_id is not None)


def _default_output(services: Any, report_id: str | None, meeting_id: str | None) -> Path:
    """'2019-05-24 Report to the Health and Wellbeing Board.pdf' in the user's documents."""
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or tempfile.gettempdir()
    if report_id:
        r = services.reports.report(report_id)
        name = f"{r.report_date:%Y-%m-%d} {r.title}" if r.report_date else r.title
    elif meeting_id:
        name = f"Board report {services.assessments.meeting(meeting_id).held_on:%Y-%m-%d}"
    else:
        name = "Board report"
    safe = "".join(c if c.isalnum() or c in " -_.()'" else "-" for c in name).strip()
    return Path(folder) / f"{safe[:120]}.pdf"


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(bytes)
    failed = Signal(str)
    cancelled = Signal()


class RenderJob(QRunnable):
    """Renders a model to PDF bytes on a pool thread; `cancel()` stops it at the next check."""

    def __init__(self, model: Any, options: ReportOptions):
        super().__init__()
        self.model, self.options = model, options
        self.signals = _Signals()
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel

    def run(self) -> None:
        from app.report.render import ReportCancelled, render_pdf

        try:
            pdf = render_pdf(self.model, self.options, progress=self._progress)
        except ReportCancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # shown to the user, never a crash of the window
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(pdf)


def export_board_report(parent: QWidget, services: Any, meeting_id: str | None) -> None:
    """The whole export: dialog, model, render on a worker with progress, open the PDF."""
    dialog = ReportOptionsDialog(parent, services, meeting_id)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    choice = dialog.choice()
    if choice is None:
        return
    try:
        if choice.report_id and services.reports.report(choice.report_id).issued:
            pdf = services.reports.issued_pdf(choice.report_id) or b""
            choice.output.write_bytes(pdf)
            _tell(parent, f"Wrote {choice.output} (the report as issued)")
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(choice.output)))
            return
        if choice.issue:
            model = prepare_issue(services, choice.report_id, choice.options)
        else:
            model = build_report_model(services, choice.report_id,
                                       meeting_id=choice.meeting_id, options=choice.options)
    except BoardpackError as exc:
        warn(parent, "Export Board Report", str(exc))
        return
    _start(parent, services, choice, model)


def _tell(parent: QWidget, message: str) -> None:
    bar = getattr(parent, "statusBar", None)
    if callable(bar):
        bar().showMessage(message, 15000)


def _start(parent: QWidget, services: Any, choice: ExportChoice, model: Any) -> None:
    progress = QProgressDialog("Rendering the board report…", "Cancel", 0, 100, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(200)
    job = RenderJob(model, choice.options)
    job.setAutoDelete(False)
    parent._board_report_job = job  # keep the job and its signals alive until done

    def on_progress(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, total))

    def done() -> None:
        progress.reset()
        parent._board_report_job = None

    def on_finished(pdf: bytes) -> None:
        done()
        try:
            if choice.issue:
                services.reports.record_issue(choice.report_id, model, choice.options, pdf)
            choice.output.write_bytes(pdf)
        except (OSError, BoardpackError) as exc:
            warn(parent, "Export Board Report", f"The report could not be saved: {exc}")
            return
        _tell(parent, f"{'Issued and wrote' if choice.issue else 'Wrote'} {choice.output}")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(choice.output)))

    def on_failed(message: str) -> None:
        done()
        warn(parent, "Export Board Report", f"The report could not be made: {message}")

    job.signals.progress.connect(on_progress)
    job.signals.finished.connect(on_finished)
    job.signals.failed.connect(on_failed)
    job.signals.cancelled.connect(done)
    progress.canceled.connect(job.cancel)
    QThreadPool.globalInstance().start(job)
