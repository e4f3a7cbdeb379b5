"""File ▸ New Plan from Tracker…: a plan (tree, indicators, targets) from the workbook a board
already keeps, in the layout of docs/tracker-layout.md; one undo step. A tracker with
problems lists each by sheet, row and column, and nothing is added."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import BoardpackError
from ui.commands import AddPlan, Changes, perform
from ui.plain_text import plain_label, warn

TITLE = "New Plan from Tracker"
_SPREADSHEETS = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods)"


class PlanFromTracker(AddPlan):
    """The plan made from a checked tracker; undo deletes it, redo puts it back (AddPlan's)."""

    def __init__(self, services: Any, changes: Changes, tracker: Any):
        super().__init__(services, changes, str(tracker.plan["title"]))
        self.setText(f"New plan from {tracker.path.name}")
        self.tracker = tracker

    def do(self) -> None:
        if self.removed is not None:
            super().do()
            return
        self.plan_id = self.s.imports.plan_from_tracker(self.tracker).id


class TrackerDialog(QDialog):
    plan_added = Signal(str, str)  # the new plan's id, what to tell the user

    def __init__(self, parent: QWidget | None, services: Any, stack: QUndoStack,
                 changes: Changes):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.services, self.stack, self.changes = services, stack, changes
        intro = plain_label(
            "Start a plan from the tracker you keep: a workbook with the sheets Plan, Items, "
            "Indicators and Targets (the template shows the layout, with an example). The "
            "plan is added to this file as one action; Undo takes it away.", wrap=True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("the tracker workbook (.xlsx, .xls or .ods)")
        label = QLabel("&Tracker:")
        label.setBuddy(self.path_edit)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText("Problems found in the tracker are listed here.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.template = self.buttons.addButton("Save the Te&mplate…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.template.clicked.connect(self._save_template)
        self.create = self.buttons.addButton("&Create Plan",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.create_plan)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 360)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, TITLE, self.path_edit.text(),
                                                _SPREADSHEETS)
        if chosen:
            self.path_edit.setText(chosen)

    def _save_template(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the Tracker Template",
                                                str(Path.home() / "tracker.xlsx"),
                                                "Excel workbook (*.xlsx)")
        if chosen:
            self.save_template(Path(chosen).with_suffix(".xlsx"))

    def save_template(self, path: Path) -> None:
        from app.atomic_write import write_checked
        from app.importer.tracker import template_bytes

        try:
            write_checked(path, lambda tmp: tmp.write_bytes(template_bytes()))
        except OSError as exc:
            warn(self, TITLE, f"The template could not be saved: {exc}")
            return
        self.path_edit.setText(str(path))
        self.problems.setPlainText(f"Saved the template as {path}. Fill it in (or keep its "
                                   "example to try), then Create Plan.")

    def create_plan(self) -> None:
        from app.importer.tracker import read_tracker

        text = self.path_edit.text().strip()
        if not text:
            self.problems.setPlainText("Choose the tracker workbook first.")
            return
        try:
            tracker = read_tracker(Path(text).expanduser())
            command = perform(self.stack, PlanFromTracker(self.services, self.changes,
                                                          tracker))
        except BoardpackError as exc:
            self.problems.setPlainText(str(exc))
            return
        plan = self.services.plans.plan(command.plan_id)
        self.plan_added.emit(command.plan_id, f"Added the plan '{plan.title}' from "
                             f"{tracker.path.name}.")
        self.accept()


def new_plan_from_tracker(parent: QWidget, services: Any, stack: QUndoStack,
                          changes: Changes) -> TrackerDialog:
    dialog = TrackerDialog(parent, services, stack, changes)

    def added(plan_id: str, message: str) -> None:
        bar = getattr(parent, "statusBar", None)
        if callable(bar):
            bar().showMessage(message, 15000)
        select = getattr(parent, "select_key", None)
        if callable(select):
            select(f"plan:{plan_id}")

    dialog.plan_added.connect(added)
    dialog.open()
    return dialog
