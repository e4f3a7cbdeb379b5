"""Undo commands for the chair's questions and private notes (services.questions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain import Question
from app.services import Services
from ui.commands import Changes, ServiceCommand

if TYPE_CHECKING:  # the questions' modules load on first use, not at start-up
    from app.chair_file import PrivateNote
    from app.question_service import Subject

class _ChairCommand(ServiceCommand):
    def notify(self) -> None:
        self.changes.questions.emit()


class AskQuestion(_ChairCommand):
    def __init__(self, services: Services, changes: Changes, subject: Subject, text: str,
                 meeting_id: str | None):
        super().__init__(services, changes, "Ask a question")
        self.args = (subject, text, meeting_id)
        self.question: Question | None = None

    def do(self) -> None:
        if self.question is None:
            subject, text, meeting_id = self.args
            self.question = self.s.questions.ask(subject, text, meeting_id=meeting_id)
        else:
            self.s.questions.put_back(self.question)

    def undo_(self) -> None:
        self.s.questions.remove(self.question.id)


class AnswerQuestion(_ChairCommand):
    def __init__(self, services: Services, changes: Changes, question_id: str, answer: str):
        super().__init__(services, changes, "Answer a question")
        self.question_id, self.answer = question_id, answer
        self.before: Question | None = None

    def do(self) -> None:
        self.before = self.s.questions.question(self.question_id)
        self.s.questions.answer(self.question_id, self.answer)

    def undo_(self) -> None:
        self.s.questions.restore_answer(self.before)


class WriteNote(_ChairCommand):
    """A private note written, changed or (with no text) removed: in the chair's own file."""

    def __init__(self, services: Services, changes: Changes, subject: Subject, text: str,
                 meeting_id: str | None):
        super().__init__(services, changes, "Write a private note" if text.strip()
                         else "Remove a private note")
        self.subject, self.text, self.meeting_id = subject, text, meeting_id
        self.before: PrivateNote | None = None

    def do(self) -> None:
        self.before = self.s.questions.write_note(self.subject, self.text,
                                                  meeting_id=self.meeting_id)

    def undo_(self) -> None:
        self.s.questions.restore_note(self.subject, self.before)
