"""The Questions menu: ask officers a question, write a private note (from the tree, or from a
figure row for that period), and the questions for the meeting. Anchored rows carry a marker
in the tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app import periods
from ui.chair_dialog import NOTE, QUESTION, ChairDialog
from ui.question_commands import AskQuestion, WriteNote

if TYPE_CHECKING:
    from app.question_service import Subject

class ChairActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.dialog: ChairDialog | None = None
        self.questions_dialog = None
        menu = QMenu("&Questions", window)
        bar = window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text() == "&Help"), None)
        if help_menu is not None:  # Help stays last
            bar.insertMenu(help_menu, menu)
        else:
            bar.addMenu(menu)
        self.ask_action = self._act(menu, "&Ask a question…", "Ctrl+Shift+Q",
                                    "A question for officers on the selected item, or on the "
                                    "figure row's period", lambda: self.open(QUESTION))
        self.note_action = self._act(menu, "Private &note…", "Ctrl+Shift+N",
                                     "A note only you see, kept on this computer",
                                     lambda: self.open(NOTE))
        menu.addSeparator()
        self.list_action = self._act(menu, "&Questions for the meeting…", "Ctrl+Shift+U",
                                     "Asked, by whom, on what, answered or not",
                                     self.show_questions)
        self.import_action = self._act(menu, "&Import questions…", None,
                                       "Add the questions a chair exported to the plan",
                                       self.import_questions)
        window.changes.questions.connect(self.refresh_markers)
        for view, from_grid in ((window.tree, False), (window.indicator_panel.grid, True)):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda pos, v=view, g=from_grid: self.context_menu(v, pos, g))
        self.menu: QMenu | None = None

    def _act(self, menu, text: str, key: str | None, tip: str, slot) -> QAction:
        a = QAction(text, self.w)
        if key:
            a.setShortcut(QKeySequence(key))
        a.setStatusTip(tip)
        a.setToolTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(a)
        self.w.acts[text.replace("&", "").rstrip("…").lower().replace(" ", "_")] = a
        menu.addAction(a)
        return a

    def context_menu(self, view, pos: QPoint, from_grid: bool) -> QMenu:
        """Right-click on the tree or a figure row: ask a question, write a private note."""
        menu = QMenu(view)
        for kind, action in ((QUESTION, self.ask_action), (NOTE, self.note_action)):
            entry = menu.addAction(action.text())
            entry.setShortcut(action.shortcut())
            entry.triggered.connect(lambda _c=False, k=kind: self.open(k, from_grid))
        menu.addSeparator()
        menu.addAction(self.list_action)
        self.menu = menu
        menu.popup(view.viewport().mapToGlobal(pos))
        return menu

    # -- what is chosen ------------------------------------------------------------------
    def subject(self, from_grid: bool | None = None) -> tuple[Subject, str] | None:
        """The selected item or indicator (with the figure row's period when asked from the
        figures grid, or when it has the focus), and its words."""
        w = self.w
        item = w.current_item()
        if item is None or item.kind == "plan" or w.services is None:
            return None
        period = None
        grid = w.indicator_panel.grid
        if item.kind == "indicator" and (grid.hasFocus() if from_grid is None else from_grid):
            row = w.indicator_panel.grid.currentIndex().row()
            rows = w.indicator_panel.model.rows
            period = rows[row].key if 0 <= row < len(rows) else None
        record = w.model.nodes.get(item.id) or w.model.indicators.get(item.id)
        ref = getattr(record, "ref", "") or getattr(record, "code", "")
        from app.question_service import Subject  # on first use: not at start-up

        return Subject(item.plan_id, item.kind, item.id, period), f"{ref} {record.title}".strip()

    def _periods(self, subject: Subject) -> list[tuple[str, str]]:
        if subject.kind != "indicator":
            return []
        keys = sorted({v.period for v in self.w.ratings.snapshot(subject.id).values},
                      reverse=True)
        return [(k, periods.label(k)) for k in keys]

    # -- writing -------------------------------------------------------------------------
    def open(self, kind: str, from_grid: bool | None = None) -> ChairDialog | None:
        """The dialog for a question or note on what is chosen (window-modal, not blocking:
        saving it pushes the undoable command)."""
        chosen = self.subject(from_grid)
        if chosen is None:
            self.w.statusBar().showMessage("Choose an item or indicator in the plan tree "
                                           "first.", 5000)
            return None
        self.w.flush_edits(end_session=False)
        subject, about = chosen
        s = self.w.services
        dialog = ChairDialog(kind, about, subject, self._periods(subject),
                             s.questions.note if kind == NOTE else None, self.w)
        dialog.accepted.connect(lambda: self._save(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, dialog: ChairDialog) -> None:
        s = self.w.services
        if s is None:
            return
        meeting = self.w.meeting.id if self.w.meeting is not None else None
        cls = AskQuestion if dialog.kind == QUESTION else WriteNote
        if self.w.push(cls(s, self.w.changes, dialog.subject(), dialog.text(), meeting)):
            where = ("in your own file until you export it for the officer"
                     if dialog.kind == QUESTION and s.read_only else
                     "in the plan for the officer" if dialog.kind == QUESTION else
                     "on this computer only")
            what = "Question" if dialog.kind == QUESTION else "Private note"
            self.w.statusBar().showMessage(f"{what} kept {where}.", 6000)

    # -- the list and the tree's markers ---------------------------------------------------
    def show_questions(self):
        from ui.questions_pane import QuestionsDialog

        if self.w.services is None:
            return None
        if self.questions_dialog is None:
            self.questions_dialog = QuestionsDialog(self.w)
        self.questions_dialog.refresh()
        self.questions_dialog.show()
        self.questions_dialog.raise_()
        return self.questions_dialog

    def import_questions(self) -> int | None:
        """Questions ▸ Import questions: a questions file into the plan (shown in the list)."""
        dialog = self.show_questions()
        return dialog.import_from() if dialog is not None else None

    def refresh_markers(self) -> None:
        s = self.w.services
        try:
            anchored = s.questions.anchored() if s is not None and not s.closed else {}
        except OSError as exc:  # the chair's file cannot be read: say so, keep the plan
            self.w.statusBar().showMessage(str(exc), 8000)
            anchored = {}
        self.w.model.set_anchored(anchored)
