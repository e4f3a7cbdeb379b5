"""The chair's questions for officers and private notes.

Questions live in the plan file (the `Question` record), so the officer sees them and answers
them; while the plan is open read-only they wait in the chair's own file (app/chair_file.py)
until exported as a questions file the officer imports. Private notes only ever live in the
chair's file. Neither is printed in the board report. Purging a meeting's questions (after its
minutes are approved) removes them and their change-log rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app import atomic_write, periods, uk_time, validation
from app.chair_file import ChairFile, PrivateNote, now, question_from_dict, to_dict
from app.domain import (
    Indicator,
    Meeting,
    Node,
    NotFoundError,
    Plan,
    Question,
    ReadOnlyError,
    ValidationError,
)
from app.ports import PlanStore

QUESTIONS_FORMAT = "boardpack-questions"
QUESTIONS_VERSION = 1
SUBJECT_KINDS = {"node": Node, "indicator": Indicator}


@dataclass(frozen=True)
class Subject:
    """What a note or question is anchored to: a plan item or an indicator, perhaps one of
    its periods."""

    plan_id: str
    kind: str  # "node" | "indicator"
    id: str
    period: str | None = None


@dataclass(frozen=True)
class ListedQuestion:
    question: Question
    about: str  # "3.14 Children in need …, 2018/19"
    waiting: bool  # in the chair's file, not yet in the plan

    @property
    def where(self) -> str:
        return "waiting to be sent to the officer" if self.waiting else "in the plan"

    def lines(self) -> list[str]:
        """Who asked what, and the answer (or that there is none yet), as printed."""
        q = self.question
        out = [f"Asked by {q.asked_by or 'the chair'} on {uk_time.shown_time(q.asked_at)}: "
               f"{q.text}"]
        if q.answered:
            out.append(f"Answered by {q.answered_by or 'the officer'}: {q.answer}")
        else:
            out.append("Not answered yet"
                       + (" (waiting to be sent to the officer)" if self.waiting else ""))
        return out


class QuestionService:
    def __init__(self, store: PlanStore,
                 chair_file: Callable[[str], ChairFile] = ChairFile.load):
        self.store = store
        self._load = chair_file

    # -- asking and answering ----------------------------------------------------------
    def ask(self, subject: Subject, text: str, *, meeting_id: str | None = None) -> Question:
        """A question for officers. Into the plan file, or into the chair's file while the
        plan is open read-only (`waiting`)."""
        text = self._required(text, "question")
        self._check_subject(subject)
        q = Question(subject.plan_id, subject.id, subject.kind, text, now(),
                     asked_by=self.store.author, meeting_id=meeting_id, period=subject.period)
        self.put_back(q)
        return q

    def put_back(self, question: Question) -> None:
        """Store `question` as it is (an undo of its removal)."""
        if self.store.read_only:
            mine = self._load(question.plan_id)
            mine.questions.append(question)
            mine.save()
            return
        with self.store.transaction("Ask a question"):
            self.store.insert(question)

    def remove(self, question_id: str) -> Question:
        """Take a question back (the undo of asking it)."""
        for mine in self._chair_files():
            for q in mine.questions:
                if q.id == question_id:
                    mine.questions.remove(q)
                    mine.save()
                    return q
        q = self.store.get(Question, question_id)
        with self.store.transaction("Withdraw a question"):
            self.store.delete(q)
        return q

    def answer(self, question_id: str, answer: str, *,
               answered_by: str | None = None) -> Question:
        """The officer's answer (empty: not answered after all)."""
        if self.store.read_only:
            raise ReadOnlyError(f"{self.store.path.name} is open read-only; an answer is "
                                "written in the plan, so open it for editing first.")
        q = self.store.get(Question, question_id)
        answer = validation.text(answer, "answer")
        changes = ({"answer": answer, "answered_by": answered_by or self.store.author,
                    "answered_at": now()} if answer.strip()
                   else {"answer": "", "answered_by": "", "answered_at": None})
        with self.store.transaction("Answer a question"):
            return self.store.update(q, **changes)

    def restore_answer(self, before: Question) -> Question:
        """Put a question's answer back as it was in `before` (undo)."""
        q = self.store.get(Question, before.id)
        with self.store.transaction("Answer a question"):
            return self.store.update(q, answer=before.answer, answered_by=before.answered_by,
                                     answered_at=before.answered_at)

    # -- reading -----------------------------------------------------------------------
    def questions(self, meeting_id: str | None = None, *, every_meeting: bool = False
                  ) -> list[ListedQuestion]:
        """The questions for a meeting (None: those asked with no meeting chosen), or for
        every meeting: the plan's first, then those waiting in the chair's file."""
        stored = (self.store.find(Question) if every_meeting
                  else self.store.find(Question, meeting_id=meeting_id))
        waiting = [q for mine in self._chair_files() for q in mine.questions
                   if every_meeting or q.meeting_id == meeting_id]
        return ([ListedQuestion(q, self.about(q), False) for q in stored]
                + [ListedQuestion(q, self.about(q), True) for q in waiting])

    def for_the_meeting(self, meeting_id: str | None) -> str:
        """The meeting's questions as plain text to print: "Questions for the meeting"."""
        heading, listed = self.printable(meeting_id)
        lines = [heading, ""]
        for i, lq in enumerate(listed, start=1):
            lines.append(f"{i}. {lq.about}")
            lines += [f"   {line}" for line in lq.lines()]
            lines.append("")
        if not listed:
            lines.append("No questions.")
        return "\n".join(lines).rstrip() + "\n"

    def printable(self, meeting_id: str | None) -> tuple[str, list[ListedQuestion]]:
        """The heading and questions of "Questions for the meeting" (text or PDF)."""
        found = self.store.find(Meeting, id=meeting_id) if meeting_id else []
        heading = (f"Questions for the meeting of {found[0].held_on:%d %B %Y}" if found
                   else "Questions asked with no meeting chosen")
        return heading, self.questions(meeting_id)

    def question(self, question_id: str) -> Question:
        return self.store.get(Question, question_id)

    def waiting(self, plan_id: str) -> list[Question]:
        return list(self._load(plan_id).questions)

    def about(self, item: Question | PrivateNote) -> str:
        """What a question or note is anchored to, in words."""
        cls = SUBJECT_KINDS.get(item.subject_kind)
        try:
            record = self.store.get(cls, item.subject_id) if cls else None
        except NotFoundError:
            record = None
        if record is None:
            words = "an item no longer in the plan"
        else:
            ref = getattr(record, "ref", "") or getattr(record, "code", "")
            words = f"{ref} {record.title}".strip()
        return f"{words}, {periods.label(item.period)}" if item.period else words

    def anchored(self) -> dict[str, tuple[int, int]]:
        """Per subject id: (questions, private notes) anchored to it; for the tree's marker."""
        out: dict[str, tuple[int, int]] = {}
        for q in self.store.find(Question):
            asked, noted = out.get(q.subject_id, (0, 0))
            out[q.subject_id] = (asked + 1, noted)
        for mine in self._chair_files():
            for q in mine.questions:
                asked, noted = out.get(q.subject_id, (0, 0))
                out[q.subject_id] = (asked + 1, noted)
            for n in mine.notes:
                asked, noted = out.get(n.subject_id, (0, 0))
                out[n.subject_id] = (asked, noted + 1)
        return out

    # -- private notes -----------------------------------------------------------------
    def note(self, subject: Subject) -> PrivateNote | None:
        """The chair's private note on `subject` (one per item, or per indicator period)."""
        return next((n for n in self._load(subject.plan_id).notes
                     if n.subject_id == subject.id and n.period == subject.period), None)

    def notes(self) -> list[PrivateNote]:
        return [n for mine in self._chair_files() for n in mine.notes]

    def write_note(self, subject: Subject, text: str, *,
                   meeting_id: str | None = None) -> PrivateNote | None:
        """Write (or with empty text, remove) the private note on `subject`. Returns the
        note as it was before, for undo. Never touches the plan file."""
        text = validation.text(text, "note")
        self._check_subject(subject)
        mine = self._load(subject.plan_id)
        before = next((n for n in mine.notes
                       if n.subject_id == subject.id and n.period == subject.period), None)
        if before is not None:
            mine.notes.remove(before)
        if text.strip():
            mine.notes.append(PrivateNote(subject.plan_id, subject.id, subject.kind, text,
                                          now(), meeting_id, subject.period))
        mine.save()
        return before

    def restore_note(self, subject: Subject, before: PrivateNote | None) -> None:
        """Put the note on `subject` back as it was (undo of write_note)."""
        mine = self._load(subject.plan_id)
        mine.notes = [n for n in mine.notes
                      if not (n.subject_id == subject.id and n.period == subject.period)]
        if before is not None:
            mine.notes.append(before)
        mine.save()

    # -- the officer's questions file ----------------------------------------------------
    def export(self, plan_id: str, target: str | Path) -> int:
        """Write the questions waiting in the chair's file as a questions file (JSON) the
        officer imports. They stay waiting until imported here or purged. Returns how many."""
        waiting = self.waiting(plan_id)
        plan = self.store.get(Plan, plan_id)
        data = {"format": QUESTIONS_FORMAT, "version": QUESTIONS_VERSION,
                "plan_id": plan_id, "plan": plan.title, "exported_at": now().isoformat(),
                "questions": [to_dict(q) for q in waiting]}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        atomic_write.write_checked(Path(target), lambda tmp: atomic_write.write_bytes(
            tmp, text.encode("utf-8")))
        return len(waiting)

    def email_text(self, plan_id: str) -> str:
        """The waiting questions as the body of an e-mail to the officer."""
        plan = self.store.get(Plan, plan_id)
        waiting = self.waiting(plan_id)
        lines = [f"Questions for officers on {plan.title}", ""]
        for i, q in enumerate(waiting, start=1):
            lines += [f"{i}. On {self.about(q)} ({self._meeting_words(q.meeting_id)}), "
                      f"asked by {q.asked_by or 'the chair'}:", f"   {q.text}", ""]
        if not waiting:
            lines.append("(No questions are waiting to be sent.)")
        return "\n".join(lines).rstrip() + "\n"

    def import_file(self, source: str | Path) -> int:
        """Add the questions of a questions file to the plan (one action); those already in
        it are skipped, so importing the same file twice adds nothing. Returns how many were
        added. A file for another plan, or naming items not in it, adds nothing."""
        source = Path(source)
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValidationError(f"{source.name}: not a questions file ({exc}).") from exc
        if not isinstance(data, dict) or data.get("format") != QUESTIONS_FORMAT:
            raise ValidationError(f"{source.name}: not a Boardpack questions file.")
        if data.get("version") != QUESTIONS_VERSION:
            raise ValidationError(f"{source.name}: a questions file of a version this "
                                  "Boardpack cannot read.")
        try:
            self.store.get(Plan, str(data.get("plan_id")))
        except NotFoundError:
            raise ValidationError(f"{source.name}: these questions are for another plan "
                                  f"({data.get('plan') or 'unknown'}).") from None
        try:
            found = [question_from_dict(q) for q in data.get("questions", [])]
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"{source.name}: a question cannot be read ({exc}).") from exc
        have = {q.id for q in self.store.find(Question)}
        new = [q for q in found if q.id not in have]
        for i, q in enumerate(new, start=1):
            if q.plan_id != data["plan_id"]:
                raise ValidationError(f"{source.name}: question {i} is for another plan.")
            validation.text(q.text, "question")
            self._check_subject(Subject(q.plan_id, q.subject_kind, q.subject_id, q.period),
                                f"{source.name}: question {i} ")
            if q.meeting_id is not None and not self.store.find(Meeting, id=q.meeting_id):
                q.meeting_id = None  # the meeting was deleted since: keep the question
        if new:
            with self.store.transaction(f"Import {len(new)} questions"):
                self.store.insert_many(new)
        self._forget_waiting(data["plan_id"], {q.id for q in found})
        return len(new)

    def _forget_waiting(self, plan_id: str, ids: set[str]) -> None:
        """Questions now in the plan need not wait in this user's file any more."""
        mine = self._load(plan_id)
        kept = [q for q in mine.questions if q.id not in ids]
        if len(kept) != len(mine.questions):
            mine.questions = kept
            mine.save()

    # -- purging after the minutes ---------------------------------------------------------
    def purge(self, meeting_id: str) -> int:
        """Remove a meeting's questions (the plan's, with their change-log rows, and those
        waiting in the chair's file) and the private notes written for it. Not undoable."""
        stored = self.store.find(Question, meeting_id=meeting_id)
        if stored and not self.store.read_only:
            with self.store.transaction("Purge the questions of a meeting"):
                self.store.purge(Question, [q.id for q in stored])
        elif stored:
            raise ReadOnlyError(f"{self.store.path.name} is open read-only; its questions "
                                "can be purged once it is open for editing.")
        count = len(stored)
        for mine in self._chair_files():
            kept_q = [q for q in mine.questions if q.meeting_id != meeting_id]
            kept_n = [n for n in mine.notes if n.meeting_id != meeting_id]
            count += len(mine.questions) - len(kept_q)
            if len(kept_q) != len(mine.questions) or len(kept_n) != len(mine.notes):
                mine.questions, mine.notes = kept_q, kept_n
                mine.save()
        return count

    # -- helpers -----------------------------------------------------------------------
    def _chair_files(self) -> list[ChairFile]:
        return [self._load(p.id) for p in self.store.find(Plan)]

    def _meeting_words(self, meeting_id: str | None) -> str:
        if meeting_id is None:
            return "no meeting chosen"
        found = self.store.find(Meeting, id=meeting_id)
        return f"for the meeting of {found[0].held_on:%d %B %Y}" if found else "no meeting"

    @staticmethod
    def _required(text: str, field: str) -> str:
        text = validation.text(text, field)
        if not text.strip():
            raise ValidationError(f"Write the {field} first.", field=field)
        return text

    def _check_subject(self, subject: Subject, where: str = "") -> None:
        cls = SUBJECT_KINDS.get(subject.kind)
        if cls is None:
            raise ValidationError(f"{where}A question is asked about a plan item or an "
                                  f"indicator, not a {subject.kind!r}.")
        try:
            record = self.store.get(cls, subject.id)
        except NotFoundError:
            raise ValidationError(f"{where}names an item that is not in this plan.") from None
        # An indicator may serve several plans; an item belongs to one.
        if isinstance(record, Node) and record.plan_id != subject.plan_id:
            raise ValidationError(f"{where}names an item of another plan.")
        if subject.period is not None:
            validation.period_key(subject.period)
