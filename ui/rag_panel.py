"""The RAG note panel: the automatic rating and why, the rating the board records (with a
reason where it differs), the commentary that saves as you type, and earlier assessments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QKeyCombination, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import RAG, Assessment, Meeting, ValidationError
from app.rag import Rating
from app.read_model import RAG_ORDER, IndicatorSnapshot, needs_commentary
from app.services import Services
from ui.autosave import Autosave
from ui.commands import Assess, Changes, CopyForward, perform
from ui.plain_text import WrappingLabel, ask, plain_label
from ui.rows_model import RowsModel
from ui.style import badge_css

COMMENTARY_QUESTION = "What is being done to improve performance?"
ERROR_CSS = "color:#B00020;"
WARNING_CSS = "background:#FFF4D6; color:#5A3E00; padding:4px; border-radius:3px;"


class CommentaryEdit(QPlainTextEdit):
    """The commentary box. Its autosaved steps are on the window's undo stack, so the box
    keeps no undo of its own: its Undo and Redo keys ask for the window's (which is there
    even before the first step is saved, while the window's Undo is still greyed out)."""

    focusLost = Signal()
    focusGained = Signal()
    undoRequested = Signal()
    redoRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and _undo_or_redo(e):
            e.accept()  # ours, not the Edit menu's: a key press follows
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802
        wanted = _undo_or_redo(e)
        if wanted is not None:
            (self.undoRequested if wanted == "undo" else self.redoRequested).emit()
            return
        super().keyPressEvent(e)

    def focusOutEvent(self, e) -> None:
        super().focusOutEvent(e)
        self.focusLost.emit()

    def focusInEvent(self, e) -> None:
        super().focusInEvent(e)
        self.focusGained.emit()


def _undo_or_redo(e: QKeyEvent) -> str | None:
    """"undo", "redo" or None for a key: the platform's keys, and Ctrl+Shift+Z and Ctrl+Y
    for Redo everywhere (as the Edit menu has them)."""
    ctrl = Qt.KeyboardModifier.ControlModifier
    if e.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if e.matches(QKeySequence.StandardKey.Redo) or e.keyCombination() in (
            QKeyCombination(ctrl, Qt.Key.Key_Y),
            QKeyCombination(ctrl | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z)):
        return "redo"
    return None


class RagPanel(QWidget):
    def __init__(self, stack: QUndoStack, changes: Changes,
                 snapshot_of: Callable[[str, date | None], IndicatorSnapshot] | None = None,
                 parent=None):
        super().__init__(parent)
        self.snapshot_of = snapshot_of  # the window's shared snapshots at its meeting
        self.setAccessibleName("RAG note")
        self.stack, self.changes = stack, changes
        self.services: Services | None = None
        self.meeting: Meeting | None = None
        self._elsewhere = False  # the subject is not of the meeting's plan
        self.subject_id: str | None = None
        self.subject_label = ""
        self.auto_rag: RAG | None = None
        self.given_rating: Rating | None = None
        self.read_only = False
        self.error_handler: Callable[[Exception], None] | None = None
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask(self, title, text)
        self._session = 0
        self._loading = False
        self._saving = False
        self._reason_open = False
        # Text whose save failed (disk full, file busy), by (meeting, subject): kept and
        # shown again until it is saved or the user discards it, never dropped on a move.
        self._unsaved: dict[tuple[str, str], dict[str, str]] = {}
        self._build()
        self.save_timer = Autosave(self.save_commentary, parent=self)
        self.reason_timer = Autosave(self._save_reason, parent=self)
        changes.assessment.connect(self._assessment_changed)
        changes.figures.connect(self._figures_changed)

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        self.heading = plain_label(wrap=True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        lay.addWidget(self.heading)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow pane
        auto_box = QWidget()
        auto_row = QHBoxLayout(auto_box)
        auto_row.setContentsMargins(0, 0, 0, 0)
        self.auto_badge = QLabel()
        self.auto_badge.setAccessibleName("Automatic rating")
        self.auto_text = plain_label(wrap=True)
        self.auto_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.auto_text.setAccessibleName("Why")
        auto_row.addWidget(self.auto_badge, 0, Qt.AlignmentFlag.AlignTop)
        auto_row.addStretch(1)
        form.addRow("Automatic:", auto_box)
        form.addRow(self.auto_text)
        self.recorded = QComboBox()
        self.recorded.setAccessibleName("Rating the board records")
        self.recorded.addItem("Same as automatic", "")
        for r in RAG_ORDER:
            self.recorded.addItem(f"{r.letter}  {r.word}", r.value)
        self.recorded.currentIndexChanged.connect(self._recorded_changed)
        rec_box = QWidget()
        rec_row = QHBoxLayout(rec_box)
        rec_row.setContentsMargins(0, 0, 0, 0)
        rec_row.addWidget(self.recorded)
        self.recorded_badge = QLabel()
        rec_row.addWidget(self.recorded_badge)
        rec_row.addStretch(1)
        rec_label = QLabel("&Board's rating:")
        rec_label.setBuddy(self.recorded)
        form.addRow(rec_label, rec_box)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for a different rating")
        self.reason.setPlaceholderText("Why the board's rating differs from the automatic one")
        self.reason.editingFinished.connect(self._reason_finished)
        self.reason.textEdited.connect(self._reason_typed)
        form.addRow("Re&ason:", self.reason)
        self.reason_error = plain_label(wrap=True)
        self.reason_error.setStyleSheet(ERROR_CSS)
        self.reason_error.hide()
        form.addRow("", self.reason_error)
        lay.addLayout(form)
        self.question = WrappingLabel(f"<b>{COMMENTARY_QUESTION}</b>")
        lay.addWidget(self.question)
        self.commentary = CommentaryEdit()
        self.commentary.setAccessibleName(COMMENTARY_QUESTION)
        self.commentary.setTabChangesFocus(True)
        self.commentary.textChanged.connect(self._commentary_typed)
        self.commentary.focusLost.connect(self._commentary_left)
        self.commentary.focusGained.connect(self._new_session)
        self.commentary.undoRequested.connect(lambda: self._undo_or_redo(self.stack.undo))
        self.commentary.redoRequested.connect(lambda: self._undo_or_redo(self.stack.redo))
        self.question.setBuddy(self.commentary)
        lay.addWidget(self.commentary, 2)
        self.warning = plain_label(wrap=True)
        self.warning.setStyleSheet(WARNING_CSS)
        self.warning.hide()
        lay.addWidget(self.warning)
        self.status = plain_label(wrap=True)
        self.status.setStyleSheet("color:#555;")
        lay.addWidget(self.status)
        self.unsaved_bar = QWidget()
        unsaved_row = QHBoxLayout(self.unsaved_bar)
        unsaved_row.setContentsMargins(0, 0, 0, 0)
        self.unsaved_text = plain_label()
        self.unsaved_text.setStyleSheet(ERROR_CSS)
        self.unsaved_text.setWordWrap(True)
        unsaved_row.addWidget(self.unsaved_text, 1)
        self.retry_button = QPushButton("Try saving again")
        self.retry_button.clicked.connect(self.retry_unsaved)
        unsaved_row.addWidget(self.retry_button)
        self.discard_button = QPushButton("Discard my text")
        self.discard_button.clicked.connect(self._discard_unsaved)
        unsaved_row.addWidget(self.discard_button)
        self.unsaved_bar.hide()
        lay.addWidget(self.unsaved_bar)
        hist_row = QHBoxLayout()
        hist_row.addWidget(QLabel("<b>Earlier assessments</b>"))
        hist_row.addStretch(1)
        self.copy_forward = QPushButton("Cop&y forward")
        self.copy_forward.setToolTip("Start this meeting's commentary from the last one")
        self.copy_forward.clicked.connect(self._copy_forward)
        hist_row.addWidget(self.copy_forward)
        lay.addLayout(hist_row)
        self.history_model = RowsModel(["Meeting", "RAG", "Commentary"], self)
        self.history = QTableView()
        self.history.setAccessibleName("Earlier assessments")
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history.setTabKeyNavigation(False)  # read only: Tab goes on, arrows move in it
        self.history.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.history.setMaximumHeight(110)
        lay.addWidget(self.history, 1)

    # -- showing an item -----------------------------------------------------------------
    def set_services(self, services: Services | None) -> None:
        self.flush()
        self.services = services
        self.read_only = bool(services and services.read_only)
        self.show_subject(None, "", None)

    def set_meeting(self, meeting: Meeting | None) -> None:
        self.flush()
        self.meeting = meeting
        self._session += 1
        self.reload()

    def show_subject(self, subject_id: str | None, label: str,
                     auto: Rating | None = None) -> None:
        """Show the assessment of a node or indicator at the chosen meeting."""
        self.flush()
        self.subject_id, self.subject_label = subject_id, label
        self.given_rating = auto
        self._session += 1
        self.reload()

    def reload(self) -> None:
        self._loading = True
        try:
            self._fill()
        finally:
            self._loading = False

    def _fill(self) -> None:
        s, sid, m = self.services, self.subject_id, self.meeting
        self.reason_error.hide()
        self.status.clear()
        enabled = bool(s and sid)
        elsewhere = bool(enabled and m is not None and not s.assessments.on_agenda(sid, m))
        self._elsewhere = elsewhere
        if elsewhere:
            m = None  # rated on its latest figures; this meeting cannot assess it
        for w in (self.recorded, self.reason, self.commentary, self.copy_forward):
            w.setEnabled(enabled and m is not None and not self.read_only)
        if not enabled:
            self.heading.setText("Select a priority, an outcome, an action or an indicator to "
                                 "see its rating (plans are not rated as a whole).")
            self.auto_badge.clear()
            self.auto_badge.setStyleSheet("")
            self.auto_text.clear()
            self.commentary.setPlainText("")
            self.reason.clear()
            self.recorded.setCurrentIndex(0)
            self.warning.hide()
            self.history_model.set_rows([])
            return
        when = f"at the meeting of {m.held_on:%d %B %Y}" if m else "on the latest figures"
        self.heading.setText(f"{self.subject_label} — {when}")
        rating, assessment = self._rating(m)
        self._show_automatic(rating)
        self._show_recorded(rating, assessment)
        self.reason.setText(assessment.override_reason if assessment else "")
        text = assessment.commentary if assessment else ""
        kept = self._unsaved.get(self._key()) if m is not None else None
        self.unsaved_bar.setVisible(bool(kept))
        if kept:
            self.reason.setText(kept.get("override_reason", self.reason.text()))
            text = kept.get("commentary", text)
            self.unsaved_text.setText("Not saved yet: the text above is kept here until it "
                                      "is saved or you discard it.")
        if self.commentary.toPlainText() != text:
            self.commentary.setPlainText(text)
        if elsewhere:
            self.status.setText("This item belongs to another plan, so the chosen meeting "
                                "cannot assess it; it is shown on its latest figures.")
        elif m is None:
            self.status.setText("Choose a meeting in the toolbar to record the board's view.")
        if assessment is not None and assessment.reason_pending:
            self._show_pending()
        self._update_warning()
        self._fill_history()

    def _rating(self, m):
        s, sid = self.services, self.subject_id
        assessment = s.assessments.assessment(m.id, sid) if m else None
        try:
            ind = s.indicators.indicator(sid)
        except Exception:
            ind = None
        if ind is not None:
            st = self.snapshot_of(sid, None) if self.snapshot_of else s.assessments.status(ind, m)
            return st.rating, assessment
        if self.given_rating is not None:
            return self.given_rating, assessment
        if assessment is not None:
            return Rating(assessment.auto_rag, "recorded", assessment.auto_rule), assessment
        return None, assessment

    def _show_automatic(self, rating: Rating | None) -> None:
        self.auto_rag = rating.rag if rating else None
        if rating:
            self.auto_badge.setText(rating.rag.letter)
            self.auto_badge.setStyleSheet(badge_css(rating.rag))
            self.auto_text.setText(rating.explanation)
        else:
            self.auto_badge.clear()
            self.auto_text.setText("")

    def _figures_changed(self, indicator_id: str) -> None:
        """The shown indicator's figures changed: its automatic rating follows (the
        board's assessment and the commentary are untouched)."""
        if indicator_id != self.subject_id or self.services is None or self._loading:
            return
        if self.snapshot_of is None:
            self.reload()
            return
        snapshot = self.snapshot_of(indicator_id, None)
        rating = snapshot.rating
        self._show_automatic(rating)
        # the board's letter is unchanged, but whether it is the automatic one may not be
        assessment = None if self._elsewhere or self.meeting is None else snapshot.assessment
        self._loading = True
        try:
            self._show_recorded(rating, assessment)
        finally:
            self._loading = False
        self._update_warning()

    def _show_recorded(self, rating: Rating | None, assessment: Assessment | None) -> None:
        """The board's letter: "Same as automatic" unless it differs from the automatic one."""
        recorded = assessment.recorded_rag if assessment else None
        if recorded is not None and rating is not None and recorded == rating.rag:
            recorded = None
        self.recorded.setCurrentIndex(max(self.recorded.findData(
            recorded.value if recorded else ""), 0))
        self._show_recorded_badge(recorded)

    def _show_recorded_badge(self, recorded: RAG | None) -> None:
        if recorded:
            self.recorded_badge.setText(recorded.letter)
            self.recorded_badge.setStyleSheet(badge_css(recorded))
            self.recorded_badge.setAccessibleName(f"Board's rating {recorded.word}")
        else:
            self.recorded_badge.clear()
            self.recorded_badge.setStyleSheet("")

    def _fill_history(self) -> None:
        rows, tips = [], []
        m = self.meeting
        for meeting, a in self.services.assessments.history(self.subject_id):
            if m is not None and meeting.held_on >= m.held_on:
                continue  # earlier assessments only: not this meeting's, nor later ones
            rows.append((f"{meeting.held_on:%d/%m/%Y}", a.rag.letter, a.commentary))
            tips.append(a.commentary)
        self.history_model.set_rows(rows, tips)
        earlier = m is not None and any(
            meeting.held_on < m.held_on
            for meeting, _ in self.services.assessments.history(self.subject_id))
        self.copy_forward.setEnabled(bool(earlier) and not self.read_only)

    def shown_rag(self) -> RAG | None:
        data = self.recorded.currentData()
        return RAG(data) if data else self.auto_rag

    def _update_warning(self) -> None:
        shown = self.shown_rag()
        if (self.meeting is not None and not self._elsewhere and shown is not None
                and needs_commentary(shown, self.commentary.toPlainText())):
            self.warning.setText(f"⚠ {shown.word} needs commentary: say what is being done "
                                 "to improve performance.")
            self.warning.show()
        else:
            self.warning.hide()

    # -- editing -------------------------------------------------------------------------
    def _new_session(self) -> None:
        if not self.save_timer.pending:
            self._session += 1

    def _commentary_typed(self) -> None:
        if self._loading or self.meeting is None or not self.subject_id:
            return
        self.status.setText("Saving…")
        self.save_timer.typed()
        self._update_warning()

    def _commentary_left(self) -> None:
        self.flush()
        self._session += 1  # the next edit is a new undo step

    def _undo_or_redo(self, step: Callable[[], None]) -> None:
        """Undo or redo from the commentary box: what is typed is saved first, as its own
        step, so Undo takes the typing back."""
        self.flush()
        step()

    def flush(self) -> None:
        """Save typed commentary now (before switching item, closing, undoing)."""
        self.save_timer.flush()
        self.reason_timer.flush()

    def save_commentary(self) -> None:
        if self.services is None or self.meeting is None or not self.subject_id:
            return
        text = self.commentary.toPlainText()
        current = self.services.assessments.assessment(self.meeting.id, self.subject_id)
        if current is not None and current.commentary == text:
            self.status.setText("Saved")
            return
        cmd = Assess(self.services, self.changes, self.meeting.id, self.subject_id,
                     commentary=text, session=self._session, label=self.subject_label)
        if self._perform(cmd, None, kept={"commentary": text}):
            self.status.setText("Saved")

    def _recorded_changed(self) -> None:
        if self._loading:
            return
        data = self.recorded.currentData() or ""
        self._show_recorded_badge(RAG(data) if data else None)
        self._update_warning()
        self._save_rating()
        if data and not self.reason.text().strip() and RAG(data) != self.auto_rag:
            self.reason.setFocus()

    def _reason_typed(self) -> None:
        if self._loading or self.meeting is None or not self.subject_id:
            return
        if not self.reason_timer.pending and not self._reason_open:
            self._session += 1  # a new typing session in the reason: a new undo step
            self._reason_open = True
        self.status.setText("Saving…")
        self.reason_timer.typed()

    def _reason_finished(self) -> None:
        self.reason_timer.flush()
        self._reason_open = False

    def _save_reason(self) -> None:
        if self.services is None or self.meeting is None or not self.subject_id:
            return
        cmd = Assess(self.services, self.changes, self.meeting.id, self.subject_id,
                     override_reason=self.reason.text(), session=self._session,
                     label=self.subject_label)
        if self._perform(cmd, self.reason, kept={"override_reason": self.reason.text()}):
            self.status.setText("Saved")
            self._show_pending()

    def _save_rating(self) -> None:
        if self.services is None or self.meeting is None or not self.subject_id:
            return
        self.reason_timer.cancel()
        data = self.recorded.currentData() or ""
        cmd = Assess(self.services, self.changes, self.meeting.id, self.subject_id,
                     recorded_rag=data, override_reason=self.reason.text(),
                     label=self.subject_label)
        if self._perform(cmd, self.reason):
            self._show_pending()

    def _show_pending(self) -> None:
        """Flag a board's rating that differs from the automatic one and has no reason:
        it is kept, but the reason is still needed."""
        a = (self.services.assessments.assessment(self.meeting.id, self.subject_id)
             if self.services and self.meeting and self.subject_id else None)
        if a is not None and a.reason_pending:
            self._show_reason_error(
                f"Reason needed: the board's rating {a.rag.word} differs from the automatic "
                f"{a.auto_rag.word}. It is kept; say why before the report is issued.")
        else:
            self.reason_error.hide()

    def _show_reason_error(self, message: str) -> None:
        self.reason_error.setText(message)
        self.reason_error.show()

    def _key(self) -> tuple[str, str]:
        return (self.meeting.id if self.meeting else "", self.subject_id or "")

    def unsaved_count(self) -> int:
        """How many items hold text that could not be saved."""
        return len(self._unsaved)

    def _keep_unsaved(self, kept: dict[str, str], problem: str) -> None:
        self._unsaved.setdefault(self._key(), {}).update(kept)
        self.unsaved_text.setText(f"Not saved: {problem} Your text is kept here; try again "
                                  "when the problem is put right.")
        self.unsaved_bar.show()

    def retry_unsaved(self) -> bool:
        """Save the kept text of the shown item again; True when nothing is left unsaved."""
        kept = self._unsaved.get(self._key())
        if not kept or self.services is None or self.meeting is None or not self.subject_id:
            return not kept
        cmd = Assess(self.services, self.changes, self.meeting.id, self.subject_id,
                     label=self.subject_label, **kept)
        if not self._perform(cmd, None, kept=dict(kept)):
            return False
        self._unsaved.pop(self._key(), None)
        self.unsaved_bar.hide()
        self.status.setText("Saved")
        return True

    def _discard_unsaved(self) -> None:
        if not self.confirm("Discard unsaved text",
                            "Throw away the text that could not be saved and show what the "
                            "plan file holds?"):
            return
        self._unsaved.pop(self._key(), None)
        self.unsaved_bar.hide()
        self.reload()

    def _perform(self, cmd, field_widget, kept: dict[str, str] | None = None) -> bool:
        self._saving = True
        try:
            perform(self.stack, cmd)
        except ValidationError as exc:
            if exc.field == "override_reason" or field_widget is self.reason:
                self._show_reason_error(str(exc))
                self.reason.setFocus()
            else:
                self.status.setText(str(exc))
            return False
        except Exception as exc:  # disk full, file busy or gone: tell the user, keep the text
            self.status.setText(str(exc))
            if kept is not None and not self.read_only:
                self._keep_unsaved(kept, str(exc))
            if self.error_handler:
                self.error_handler(exc)
            return False
        finally:
            self._saving = False
        if kept is not None and self._key() in self._unsaved:
            left = self._unsaved[self._key()]
            for name, text in kept.items():
                if left.get(name) == text:
                    left.pop(name)
            if not left:
                self._unsaved.pop(self._key())
                self.unsaved_bar.hide()
        return True

    def _copy_forward(self) -> None:
        if self.services is None or self.meeting is None or not self.subject_id:
            return
        self.flush()
        if self.commentary.toPlainText().strip() and not self.confirm(
                "Copy forward",
                "Replace this meeting's commentary with the one from the last meeting? "
                "(Undo brings it back.)"):
            return
        if self._perform(CopyForward(self.services, self.changes, self.meeting.id,
                                     self.subject_id, self.subject_label), None):
            self.reload()

    def _assessment_changed(self, meeting_id: str, subject_id: str) -> None:
        if self._saving:
            self._update_warning()
            return
        self._session += 1  # an undo or redo: typing after it is a new step
        if (self.meeting and meeting_id == self.meeting.id and subject_id == self.subject_id
                and not self.save_timer.pending):
            keep_typing = self.commentary.hasFocus()
            cursor = self.commentary.textCursor().position()
            self.reload()
            if keep_typing:
                c = self.commentary.textCursor()
                c.setPosition(min(cursor, len(self.commentary.toPlainText())))
                self.commentary.setTextCursor(c)
