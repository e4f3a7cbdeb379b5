"""Writing a report to another body: its header, its sections in plain paragraphs and
"- " bullets, the Red/Amber note as the board's ratings and commentary fill it, a
preview, the check before issuing, issuing, and a corrected version of an issued report.

Text saves as it is typed (ui.autosave), each field's typing one undo step (EditReport);
the editor has its own Undo and Redo over the window's stack. An issued report is shown
frozen. The preview and the issue run the window's export job (ui.report_export) off the
GUI thread.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import RAG, BoardpackError, NotFoundError, Report
from app.report import ReportOptions
from app.report.export import ExportKind, ExportRequest, plan_export
from app.report.model import build_report_model
from app.report_service import LINK, PRIORITIES_ADDRESSED, report_status
from ui.autosave import Autosave
from ui.commands import perform
from ui.date_field import DateField
from ui.plain_text import plain_label, warn
from ui.report_check import RUNNING, IssueCheckDialog, IssueCheckJob, plan_reader
from ui.report_commands import EditReport, MakeReport
from ui.report_export import default_output, start_export
from ui.report_fields import BULLETS_HINT, FocusArea, HeaderFields, MeetingChecklist, text_box
from ui.window_fit import DECORATION, room_for

ERROR_CSS = "color:#B00020;"
FROZEN_CSS = "background:#EEF3FA; color:#1F3A5A; padding:4px; border-radius:3px;"


class ReportEditor(QDialog):
    """The editor of one report, over the window `host` (its services, undo stack, change
    notification, and export job)."""

    closed = Signal()

    def __init__(self, host: Any, report_id: str):
        super().__init__(host)
        self.host = host
        self.services, self.stack, self.changes = host.services, host.undo_stack, host.changes
        self.report_id = report_id
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        room = room_for(host)  # a laptop's short screen: the buttons stay on it
        self.resize(860, 760 if room is None
                    else min(760, room.height() - DECORATION.height() - 40))
        self._loading = False
        self._saving = False
        self._session = 1
        self.focus_areas: list[FocusArea] = []
        self.last_preview: Path | None = None
        self.check_job: IssueCheckJob | None = None
        self._preview_dir = tempfile.mkdtemp(prefix="boardpack-preview-")
        self.autosave = Autosave(self.save, parent=self)
        self._build()
        self.load()
        self.changes.fields.connect(self._changed_elsewhere)
        self.changes.assessment.connect(self._assessment_changed)
        QApplication.instance().focusChanged.connect(self._focus_moved)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.banner = plain_label(wrap=True)
        self.banner.setStyleSheet(FROZEN_CSS)
        outer.addWidget(self.banner)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.tabs.addTab(self._header_page(), "&Header")
        self.tabs.addTab(self._progress_page(), "&Progress")
        self.red_amber = QPlainTextEdit()
        self.red_amber.setReadOnly(True)
        self.red_amber.setAccessibleName("Red and Amber note")
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(plain_label("Filled from the ratings and commentary the board recorded "
                                  "at the report's meetings; edit them in the RAG note.",
                                  wrap=True))
        lay.addWidget(self.red_amber)
        self.tabs.addTab(page, "Red and &Amber")
        self.other_items = text_box("Other items discussed", 10)
        self.forward_plan = text_box("Forward plan", 10)
        self.tabs.addTab(self._one_box(self.other_items), "&Other items")
        self.tabs.addTab(self._one_box(self.forward_plan), "&Forward plan")
        for box in (self.other_items, self.forward_plan):
            box.textChanged.connect(self._typed)
        row = QHBoxLayout()
        self.status = plain_label()
        row.addWidget(self.status, 1)
        self.undo_button = self._button("&Undo", self.undo)
        self.redo_button = self._button("Re&do", self.redo)
        self.preview_button = self._button("Pre&view", self.preview)
        self.issue_button = self._button("Check and &issue…", self.check_and_issue)
        self.correct_button = self._button("Make a &corrected version", self.make_correction)
        self.close_button = self._button("Close", self.close)
        for b in (self.undo_button, self.redo_button, self.preview_button, self.issue_button,
                  self.correct_button, self.close_button):
            row.addWidget(b)
        outer.addLayout(row)

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _one_box(self, box: QPlainTextEdit) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(plain_label(BULLETS_HINT, wrap=True))
        lay.addWidget(box)
        return page

    def _header_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.title = QLineEdit()
        self.report_from = QLineEdit()
        self.report_to = QLineEdit()
        self.report_date = DateField(label="report date")
        self.agenda_ref = QLineEdit()
        self.meetings = MeetingChecklist()
        self.meetings.setMaximumHeight(110)
        self.priorities = text_box("Priorities addressed", 2)
        self.link = QLineEdit()
        for label, w in (("Title", self.title), ("Report from", self.report_from),
                         ("Report to", self.report_to), ("Report date", self.report_date),
                         ("Agenda reference", self.agenda_ref),
                         ("Meetings covered", self.meetings),
                         ("Priorities addressed", self.priorities),
                         ("Link to published notes", self.link)):
            form.addRow(label, w)
            if isinstance(w, QLineEdit):
                w.setAccessibleName(label)
                w.textChanged.connect(self._typed)
        self.priorities.textChanged.connect(self._typed)
        self.report_date.dayChanged.connect(lambda _d: self._typed())
        self.meetings.itemChanged.connect(self._meetings_ticked)
        self.extra_header = HeaderFields()
        self.extra_header.itemChanged.connect(self._header_cell_changed)
        form.addRow("Other header fields", self.extra_header)
        self.intro = text_box("Introduction", 3)
        self.intro.textChanged.connect(self._typed)
        form.addRow("Introduction", self.intro)
        return page

    def _header_cell_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self._loading = True
            try:
                self.extra_header.keep_a_blank_row()
            finally:
                self._loading = False
            self._typed()

    def _progress_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(plain_label("Progress on priority work, one section per focus area. "
                                  + BULLETS_HINT, wrap=True))
        self.areas_box = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.areas_box)
        self.areas_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        lay.addWidget(scroll, 1)
        self.add_area_button = QPushButton("Add a focus a&rea")
        self.add_area_button.clicked.connect(self.add_focus_area)
        lay.addWidget(self.add_area_button)
        return page

    # -- loading -------------------------------------------------------------------------
    def report(self) -> Report:
        return self.services.reports.report(self.report_id)

    def load(self) -> None:
        r = self.report()
        self._loading = True
        try:
            self.title.setText(r.title)
            self.report_from.setText(r.report_from)
            self.report_to.setText(r.report_to)
            self.report_date.set_date(r.report_date)
            self.agenda_ref.setText(r.agenda_ref)
            self.priorities.setPlainText(r.header.get(PRIORITIES_ADDRESSED, ""))
            self.link.setText(r.header.get(LINK, ""))
            self.extra_header.fill({k: v for k, v in r.header.items()
                                    if k not in (PRIORITIES_ADDRESSED, LINK)})
            self.intro.setPlainText(r.sections.get("intro", ""))
            self.other_items.setPlainText(r.sections.get("other_items", ""))
            self.forward_plan.setPlainText(r.sections.get("forward_plan", ""))
            self.meetings.fill(self.services.assessments.meetings(r.plan_id), r.meeting_ids)
            while len(self.focus_areas) > len(r.focus_progress):
                self._drop_area(self.focus_areas[-1])
            while len(self.focus_areas) < len(r.focus_progress):
                self._new_area()
            for area, item in zip(self.focus_areas, r.focus_progress, strict=True):
                area.load(item)
        finally:
            self._loading = False
        self._show_state(r)
        self.fill_red_amber()

    def _show_state(self, r: Report) -> None:
        replacement = self.services.reports.superseded_by(r.id)
        frozen = r.issued or self.services.read_only
        self.setWindowTitle(f"Report – {r.title}")
        if r.issued:
            self.banner.setText(f"This report was {report_status(r, replacement)}; it is "
                                "frozen as the board issued it. To change it, make a "
                                "corrected version.")
        elif r.supersedes:
            first = self.services.reports.report(r.supersedes)
            self.banner.setText(f"A corrected version of '{first.title}' "
                                f"({report_status(first)}). Issuing it supersedes that one, "
                                "which is kept.")
        elif self.services.read_only:
            self.banner.setText("This plan is open read-only: the report cannot be changed.")
        self.banner.setVisible(bool(r.issued or r.supersedes or self.services.read_only))
        for w in (self.title, self.report_from, self.report_to, self.agenda_ref, self.link,
                  self.report_date.edit):
            w.setReadOnly(frozen)
        for box in (self.priorities, self.intro, self.other_items, self.forward_plan):
            box.setReadOnly(frozen)
        self.meetings.setEnabled(not frozen)
        self.extra_header.set_frozen(frozen)
        for area in self.focus_areas:
            area.set_frozen(frozen)
        self.add_area_button.setVisible(not frozen)
        self.issue_button.setEnabled(not frozen)
        self.correct_button.setVisible(bool(r.issued) and replacement is None
                                       and not self.services.read_only)

    def fill_red_amber(self) -> None:
        """The Red/Amber note as the report prints it, from the recorded assessments."""
        try:
            rows = build_report_model(self.services, self.report_id).red_amber
        except BoardpackError as exc:
            self.red_amber.setPlainText(str(exc))
            return
        parts = [f"{r.number} {r.title} – {RAG(r.rag).word}\n"
                 + (r.commentary.strip() or "(Commentary missing)") for r in rows]
        self.red_amber.setPlainText("\n\n".join(parts) or "No items are rated Red or Amber "
                                    "at the report's meetings.")

    # -- saving --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Every field as the editor shows it, as the report service takes it."""
        r = self.report()
        header = {PRIORITIES_ADDRESSED: self.priorities.toPlainText(), LINK: self.link.text(),
                  **self.extra_header.fields()}
        sections = {**r.sections, "intro": self.intro.toPlainText(),
                    "other_items": self.other_items.toPlainText(),
                    "forward_plan": self.forward_plan.toPlainText()}
        out: dict[str, Any] = {
            "title": self.title.text(), "report_from": self.report_from.text(),
            "report_to": self.report_to.text(), "agenda_ref": self.agenda_ref.text(),
            "header": header, "sections": sections,
            "focus_progress": [a.value() for a in self.focus_areas],
            "meeting_ids": self.meetings.ticked(),
        }
        if not self.report_date.problem():
            out["report_date"] = self.report_date.date()
        return out

    def _typed(self) -> None:
        if self._loading:
            return
        self.status.setText("Saving…")
        self.status.setStyleSheet("")
        self.autosave.typed()

    def _meetings_ticked(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            self._session += 1
            self.save()
            self.fill_red_amber()

    def _focus_moved(self, _old, _new) -> None:
        """Typing in another field is another undo step."""
        if self.autosave.pending:
            self.autosave.flush()
        self._session += 1

    def flush(self) -> None:
        self.autosave.flush()

    def save(self) -> bool:
        """Save what changed; a save that fails keeps the text here, marked unsaved."""
        r = self.report()
        if r.issued or self.services.read_only:
            return False
        changed = {k: v for k, v in self.values().items() if getattr(r, k) != v}
        if not changed:
            self.status.setText("Saved")
            return True
        self._saving = True
        try:
            perform(self.stack, EditReport(self.services, self.changes, self.report_id,
                                           changed, self._session))
        except BoardpackError as exc:
            self.status.setText(f"Not saved: {exc}")
            self.status.setStyleSheet(ERROR_CSS)
            return False
        finally:
            self._saving = False
        self.status.setText("Saved")
        self.setWindowTitle(f"Report – {self.title.text()}")
        return True

    def _changed_elsewhere(self, record_id: str) -> None:
        """An undo or redo (here or in the window) changed the report: show it."""
        if record_id != self.report_id or self._saving:
            return
        try:
            self.load()
        except NotFoundError:  # making it was undone
            self.autosave.cancel()
            self.close()

    def undo(self) -> None:
        self.flush()
        self.stack.undo()

    def redo(self) -> None:
        self.flush()
        self.stack.redo()

    # -- focus areas -----------------------------------------------------------------
    def _new_area(self) -> FocusArea:
        area = FocusArea(len(self.focus_areas) + 1, self._typed, self.remove_focus_area)
        self.focus_areas.append(area)
        self.areas_box.insertWidget(self.areas_box.count() - 1, area)
        return area

    def _drop_area(self, area: FocusArea) -> None:
        self.focus_areas.remove(area)
        area.setParent(None)
        area.deleteLater()

    def add_focus_area(self) -> None:
        area = self._new_area()
        self._session += 1
        self.save()
        area.priority.setFocus()

    def remove_focus_area(self, area: FocusArea) -> None:
        self._drop_area(area)
        self._session += 1
        self.save()

    # -- preview, issue, correct -------------------------------------------------------
    def preview(self) -> None:
        """The report as a PDF (a DRAFT until issued) in the system's viewer, made off the
        GUI thread by the window's export job."""
        self.flush()
        r = self.report()
        name = default_output(self.services, r.id, None).name
        self.last_preview = Path(self._preview_dir) / f"Preview - {name}"
        request = ExportRequest(self.last_preview, r.id,
                                options=ReportOptions(draft=not r.issued))
        self._export(request, open_when_done=True, confirm_saved=False)

    def _export(self, request: ExportRequest, *, open_when_done: bool,
                confirm_saved: bool = True) -> bool:
        if getattr(self.host, "_board_report_job", None) is not None:
            warn(self, "Report", "A board report is already being made: wait for it or "
                 "cancel it first.")
            return False
        try:
            export = plan_export(self.services, request)
        except BoardpackError as exc:
            warn(self, "Report", str(exc))
            return False
        self.job = start_export(self.host, export, open_when_done=open_when_done,
                                confirm_saved=confirm_saved)
        if export.kind is ExportKind.ISSUE_NOW:
            self.job.signals.finished.connect(lambda *_: self.load())
        return True

    def check_and_issue(self) -> None:
        """What is missing (worked out off the GUI thread: on a large plan it reads every
        figure), then, if the secretary goes on, issue it and write its PDF."""
        self.flush()
        if self.check_job is not None:
            return
        try:
            reader = plan_reader(self.host)
        except BoardpackError as exc:
            warn(self, "Check before issuing", str(exc))
            return
        self.issue_button.setEnabled(False)
        self.status.setText("Checking the report…")
        self.check_job = job = IssueCheckJob(self.report_id, reader)
        job.signals.finished.connect(self._checked)
        job.signals.failed.connect(self._check_failed)
        job.signals.cancelled.connect(self._check_done)
        RUNNING.add(job)  # alive until it ends, even if the editor closes first
        for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
            signal.connect(lambda *_: RUNNING.discard(job))
        QThreadPool.globalInstance().start(job)

    def _check_done(self) -> None:
        self.check_job = None
        self.status.setText("")
        self._show_state(self.report())

    def _check_failed(self, message: str) -> None:
        self._check_done()
        warn(self, "Check before issuing", f"The report could not be checked: {message}")

    def _checked(self, missing: list) -> None:
        self._check_done()
        r = self.report()
        if r.issued:
            return
        dialog = IssueCheckDialog(self, missing, default_output(self.services, r.id, None))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._export(ExportRequest(dialog.output(), r.id, issue=True), open_when_done=True)

    def make_correction(self) -> None:
        """Start a corrected version of this issued report (or go on with the one begun),
        and edit it here."""
        first = self.report_id
        begun = self.services.reports.correction_under_way(first)
        if begun is not None:
            self.report_id = begun.id
            self.load()
            return
        cmd = MakeReport(self.services, self.changes, "Make a corrected version",
                         lambda: self.services.reports.correct_report(first))
        try:
            perform(self.stack, cmd)
        except BoardpackError as exc:
            warn(self, "Report", str(exc))
            return
        assert cmd.report is not None
        self.report_id = cmd.report.id
        self.load()

    def _assessment_changed(self, _meeting_id: str, _subject_id: str) -> None:
        self.fill_red_amber()

    def closeEvent(self, event) -> None:
        self.flush()
        for signal, slot in ((QApplication.instance().focusChanged, self._focus_moved),
                             (self.changes.fields, self._changed_elsewhere),
                             (self.changes.assessment, self._assessment_changed)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self.closed.emit()
        super().closeEvent(event)
