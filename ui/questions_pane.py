"""The questions for a meeting: asked, by whom, on what, answered or not, and where each is
kept. The officer answers here; the chair exports those waiting in their own file, copies
them as e-mail text, imports a questions file, prints the list, and purges a meeting's
questions once its minutes are approved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import atomic_write, uk_time
from app.domain import BoardpackError, Meeting
from app.question_service import ListedQuestion
from ui.plain_text import plain_label, tooltip

COLUMNS = ("On", "Question", "Asked by", "Asked", "Answer", "Kept")
QUESTIONS_FILTER = "Questions files (*.json);;All files (*)"


class QuestionsDialog(QDialog):
    """Non-modal; `w` is the main window (services, meeting, undo, changes)."""

    def __init__(self, w, parent: QWidget | None = None):
        super().__init__(parent or w)
        self.w = w
        self.setWindowTitle("Questions for the meeting")
        self.setModal(False)
        self.listed: list[ListedQuestion] = []
        # Replaced in tests: where files are saved and read, and the purge confirmation.
        self.choose_save: Callable[[str, str], str] = self._choose_save
        self.choose_open: Callable[[str], str] = self._choose_open
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = plain_label()
        self.heading.setAccessibleName("Which meeting")
        top.addWidget(self.heading, 1)
        self.every_meeting = QCheckBox("E&very meeting")
        self.every_meeting.toggled.connect(self.refresh)
        top.addWidget(self.every_meeting)
        lay.addLayout(top)
        self.table = QTreeWidget()
        self.table.setAccessibleName("Questions")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setHeaderLabels(list(COLUMNS))
        header = self.table.header()
        header.setStretchLastSection(False)
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 220), (2, 110), (3, 160), (4, 200), (5, 80)):
            header.resizeSection(col, width)
        self.table.currentItemChanged.connect(self._chosen)
        self.table.itemActivated.connect(self._go_to)
        lay.addWidget(self.table, 1)
        answer_label = QLabel("&Answer (the officer's reply, kept in the plan):")
        lay.addWidget(answer_label)
        self.answer = QPlainTextEdit()
        answer_label.setBuddy(self.answer)
        self.answer.setAccessibleName("Answer")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(90)
        lay.addWidget(self.answer)
        row = QHBoxLayout()
        self.save_answer = QPushButton("&Save answer")
        self.save_answer.clicked.connect(self._save_answer)
        row.addWidget(self.save_answer)
        row.addStretch(1)
        self.export_button = QPushButton("E&xport for the officer…")
        self.export_button.setToolTip("Write the questions kept in your own file (asked while "
                                      "the plan was read-only) as a questions file")
        self.export_button.clicked.connect(lambda: self.export_to())
        self.email_button = QPushButton("Copy as e-&mail")
        self.email_button.clicked.connect(self.copy_email)
        self.import_button = QPushButton("&Import questions…")
        self.import_button.clicked.connect(lambda: self.import_from())
        self.print_button = QPushButton("Save for &printing…")
        self.print_button.clicked.connect(lambda: self.save_for_printing())
        self.purge_button = QPushButton("P&urge after the minutes…")
        self.purge_button.clicked.connect(self.purge)
        for b in (self.export_button, self.email_button, self.import_button,
                  self.print_button, self.purge_button):
            row.addWidget(b)
        lay.addLayout(row)
        w.changes.questions.connect(self.refresh)
        w.meeting_combo.currentIndexChanged.connect(self.refresh)
        self.resize(1000, 460)
        self.refresh()

    # -- showing -------------------------------------------------------------------------
    @property
    def meeting(self) -> Meeting | None:
        return self.w.meeting

    def refresh(self) -> None:
        s = self.w.services
        m = self.meeting
        every = self.every_meeting.isChecked()
        self.heading.setText("Questions for every meeting" if every else
                             f"Questions for the meeting of {m.held_on:%d %B %Y}" if m
                             else "Questions asked with no meeting chosen")
        current = self._current()
        self.listed = (s.questions.questions(m.id if m else None, every_meeting=every)
                       if s is not None else [])
        self.table.clear()
        for lq in self.listed:
            q = lq.question
            answer = (f"{q.answer} ({q.answered_by})" if q.answered else "Not answered yet")
            item = QTreeWidgetItem([lq.about, q.text, q.asked_by, uk_time.shown_time(q.asked_at),
                                    answer, "Your file" if lq.waiting else "The plan"])
            item.setData(0, Qt.ItemDataRole.UserRole, q.id)
            for col in range(len(COLUMNS)):
                item.setToolTip(col, tooltip(item.text(col)))
            item.setToolTip(5, tooltip(lq.where))
            self.table.addTopLevelItem(item)
            if current is not None and q.id == current.question.id:
                self.table.setCurrentItem(item)
        waiting = any(lq.waiting for lq in self.listed) or bool(
            s and m and s.questions.waiting(m.plan_id))
        self.export_button.setEnabled(waiting)
        self.email_button.setEnabled(waiting)
        self.import_button.setEnabled(bool(s and not s.read_only))
        self.purge_button.setEnabled(bool(s and m and not every and not s.read_only))
        self._chosen()

    def _current(self) -> ListedQuestion | None:
        item = self.table.currentItem()
        if item is None:
            return None
        qid = item.data(0, Qt.ItemDataRole.UserRole)
        return next((lq for lq in self.listed if lq.question.id == qid), None)

    def _chosen(self, *_args) -> None:
        lq = self._current()
        s = self.w.services
        can = bool(lq and s and not s.read_only and not lq.waiting)
        self.answer.setPlainText(lq.question.answer if lq else "")
        self.answer.setReadOnly(not can)
        self.save_answer.setEnabled(can)

    def _go_to(self, _item: QTreeWidgetItem, _column: int = 0) -> None:
        """Double-click (or Enter): show the item or indicator the question is on."""
        lq = self._current()
        if lq is not None:
            self.w.select_indicator(lq.question.subject_id)  # any row showing that id

    # -- answering -------------------------------------------------------------------------
    def _save_answer(self) -> None:
        from ui.question_commands import AnswerQuestion

        lq = self._current()
        if lq is None or self.w.services is None:
            return
        self.w.push(AnswerQuestion(self.w.services, self.w.changes, lq.question.id,
                                   self.answer.toPlainText()))

    # -- the officer's questions file ------------------------------------------------------
    def _plan_id(self) -> str | None:
        m = self.meeting
        if m is not None:
            return m.plan_id
        waiting = [lq.question.plan_id for lq in self.listed if lq.waiting]
        return waiting[0] if waiting else None

    def export_to(self, path: str | Path | None = None) -> bool:
        s, plan_id = self.w.services, self._plan_id()
        if s is None or plan_id is None:
            return False
        path = path or self._save_as("Export questions for the officer", "questions.json")
        if not path:
            return False
        try:
            n = s.questions.export(plan_id, path)
        except (BoardpackError, OSError) as exc:
            self.w.show_error(exc)
            return False
        self.w.statusBar().showMessage(
            f"Exported {n} question{'s' if n != 1 else ''} to {path}: send it to the officer, "
            "who imports it into the plan (Questions ▸ Import questions).", 10000)
        return True

    def copy_email(self) -> str:
        s, plan_id = self.w.services, self._plan_id()
        if s is None or plan_id is None:
            return ""
        text = s.questions.email_text(plan_id)
        QGuiApplication.clipboard().setText(text)
        self.w.statusBar().showMessage("The questions are on the clipboard, ready to paste "
                                       "into an e-mail.", 5000)
        return text

    def import_from(self, path: str | Path | None = None) -> int | None:
        s = self.w.services
        if s is None:
            return None
        if path is None:
            path = self.choose_open("Import questions")
            if not path:
                return None
        try:
            n = s.questions.import_file(path)
        except (BoardpackError, OSError) as exc:
            self.w.show_error(exc)
            return None
        self.w.changes.questions.emit()
        self.w.statusBar().showMessage(
            f"Added {n} question{'s' if n != 1 else ''} to the plan." if n else
            "Every question in that file is already in the plan.", 8000)
        return n

    def save_for_printing(self, path: str | Path | None = None) -> bool:
        """"Questions for the meeting" as a PDF (or, for a .txt name, text) to print; never
        part of the board report."""
        s = self.w.services
        if s is None:
            return False
        path = path or self._save_as("Save the questions for printing",
                                     "Questions for the meeting.pdf")
        if not path:
            return False
        path = Path(path)
        m = self.meeting
        meeting_id = m.id if m else None
        if path.suffix.lower() == ".txt":
            data = s.questions.for_the_meeting(meeting_id).encode("utf-8")
        else:
            from app.report.questions_pdf import render_questions_pdf

            path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
            data = render_questions_pdf(*s.questions.printable(meeting_id))
        try:
            atomic_write.write_checked(path, lambda tmp: atomic_write.write_bytes(tmp, data))
        except OSError as exc:
            self.w.show_error(exc)
            return False
        self.w.statusBar().showMessage(f"Saved the questions for the meeting as {path}", 5000)
        return True

    # -- purging -----------------------------------------------------------------------
    def purge(self) -> int:
        s, m = self.w.services, self.meeting
        if s is None or m is None:
            return 0
        if not self.w.file_actions.confirm(
                "Purge the questions",
                f"Remove every question for the meeting of {m.held_on:%d %B %Y}, answered or "
                "not, and their history, now that its minutes are approved? Private notes "
                "written for that meeting go too.\n\nThis cannot be undone."):
            return 0
        try:
            n = s.questions.purge(m.id)
        except BoardpackError as exc:
            self.w.show_error(exc)
            return 0
        self.w.undo_stack.clear()  # earlier steps may name questions that are gone
        self.w.changes.questions.emit()
        self.w.statusBar().showMessage(f"Purged {n} question{'s' if n != 1 else ''}.", 5000)
        return n

    # -- file dialogs ----------------------------------------------------------------------
    def _start_dir(self) -> Path:
        return self.w.path.parent if self.w.path else Path.home()

    def _save_as(self, title: str, name: str) -> str:
        """The path the user chose (empty if cancelled), starting beside the plan."""
        return self.choose_save(title, str(self._start_dir() / name))

    def _choose_save(self, title: str, start: str) -> str:
        name, _ = QFileDialog.getSaveFileName(self, title, start, QUESTIONS_FILTER
                                              if start.endswith(".json") else
                                              "PDF (*.pdf);;Text (*.txt)")
        return name

    def _choose_open(self, title: str) -> str:
        name, _ = QFileDialog.getOpenFileName(self, title, str(self._start_dir()),
                                              QUESTIONS_FILTER)
        return name
