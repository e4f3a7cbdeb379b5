"""The dialog in which the chair writes a question for officers or a private note, anchored
to a plan item or one of an indicator's periods."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import plain_label

QUESTION, NOTE = "question", "note"
WHERE = {
    QUESTION: ("Questions go to the officers: they are kept in the plan, where the officer "
               "answers them, or while the plan is open read-only in your own file until you "
               "export them (Questions ▸ Questions for the meeting). They are never printed "
               "in the board report."),
    NOTE: ("Only you see private notes: they are kept in your own data folder on this "
           "computer, never in the plan file, its history or the board report."),
}


if TYPE_CHECKING:  # the questions' modules load on first use, not at start-up
    from app.question_service import Subject

class ChairDialog(QDialog):
    """`subject()` and `text()` once accepted. For an indicator the chair chooses the
    indicator itself or one of its periods; `note_for(subject)` pre-fills a note."""

    def __init__(self, kind: str, about: str, subject: Subject,
                 periods: list[tuple[str, str]], note_for=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self._subject = subject
        self._note_for = note_for
        self.setWindowTitle("Ask a question" if kind == QUESTION else "Private note")
        self.setAccessibleName(self.windowTitle())
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.on = QComboBox()
        self.on.setAccessibleName("On")
        self.on.addItem(about, None)
        for key, label in periods:
            self.on.addItem(f"{about}, {label}", key)
        if subject.period is not None:
            self.on.setCurrentIndex(max(0, self.on.findData(subject.period)))
        form.addRow("&On:", self.on)
        lay.addLayout(form)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Your question" if kind == QUESTION else "Your note")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText("What would you like the officer to answer?"
                                       if kind == QUESTION else "Only you will see this.")
        lay.addWidget(self.editor, 1)
        lay.addWidget(plain_label(WHERE[kind], wrap=True))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save (Ctrl+Return)")
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        lay.addWidget(self.buttons)
        self.on.currentIndexChanged.connect(self._fill_note)
        self._fill_note()
        self.resize(520, 320)
        self.editor.setFocus()

    def subject(self) -> Subject:
        s = self._subject
        from app.question_service import Subject

        return Subject(s.plan_id, s.kind, s.id, self.on.currentData())

    def text(self) -> str:
        return self.editor.toPlainText()

    def _fill_note(self) -> None:
        if self.kind == NOTE and self._note_for is not None:
            note = self._note_for(self.subject())
            self.editor.setPlainText(note.text if note else "")
