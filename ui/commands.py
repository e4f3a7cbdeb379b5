"""Undo commands. Each calls the same service method the window would, and keeps what
the service returns for undo. The first `redo` is done before the command is pushed (so a
ValidationError reaches the user and nothing lands on the stack): use `perform()`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.domain import RAG, Assessment
from app.plan_service import Removed
from app.services import Services


class Changes(QObject):
    """The one change notification: what an edit, its undo or its redo touched. Every pane
    showing plan data subscribes and refreshes just that; the window's snapshot cache is
    the first subscriber, so the panes that read it after an edit see the new figures."""

    tree = Signal()  # items added, removed or moved
    fields = Signal(str)  # a plan, node or indicator's own fields (its id)
    figures = Signal(str)  # an indicator's figures, targets or comparators (its id)
    assessment = Signal(str, str)  # meeting id, subject id
    meetings = Signal(str)  # a meeting added, edited or removed (its id)
    questions = Signal()  # the chair's questions or private notes
    actions = Signal(str)  # a meeting's actions and decisions (the meeting's id)


class ServiceCommand(QUndoCommand):
    def __init__(self, services: Services, changes: Changes, text: str):
        super().__init__(text)
        self.s = services
        self.changes = changes
        self._done_once = False

    def do(self) -> None:  # the edit
        raise NotImplementedError

    def undo_(self) -> None:
        raise NotImplementedError

    def notify(self) -> None:
        self.changes.tree.emit()

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
        else:
            self.do()
        self.notify()

    def undo(self) -> None:
        self.undo_()
        self.notify()


def perform(stack: QUndoStack, command: ServiceCommand) -> ServiceCommand:
    """Do the edit now (errors propagate, nothing is pushed), then push it for undo."""
    command.do()
    command._done_once = True
    stack.push(command)
    return command


def _name(obj: Any) -> str:
    return getattr(obj, "ref", "") or getattr(obj, "code", "") or obj.title


class AddNode(ServiceCommand):
    def __init__(self, services: Services, changes: Changes, plan_id: str,
                 parent_id: str | None, title: str, kind: str | None, position: int | None):
        super().__init__(services, changes, f"Add '{title}'")
        self.args = (plan_id, parent_id, title, kind, position)
        self.node_id: str | None = None
        self.removed: Removed | None = None

    def do(self) -> None:
        if self.removed is not None:
            self.s.plans.restore(self.removed)
            self.removed = None
            return
        plan_id, parent_id, title, kind, position = self.args
        node = self.s.plans.add_node(plan_id, parent_id, title, kind=kind, position=position)
        self.node_id = node.id
        self.setText(f"Add {node.kind.value} '{title}'")

    def undo_(self) -> None:
        self.removed = self.s.plans.delete_node(self.node_id)


FIELD_EDIT_ID = 4202


class FieldEdit(ServiceCommand):
    """Edits of one record's fields; saves of the same field in one typing session (the
    detail form saves as you type) merge into one undo step."""

    record_id: str
    old: dict[str, Any]
    new: dict[str, Any]
    session: int = -1

    def id(self) -> int:
        return FIELD_EDIT_ID if self.session > 0 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (type(other) is not type(self) or other.session != self.session
                or other.record_id != self.record_id or set(other.new) != set(self.new)):
            return False
        self.new.update(other.new)  # keep our `old`: undo goes back to before the session
        return True


class EditNode(FieldEdit):
    def __init__(self, services: Services, changes: Changes, node_id: str,
                 new: dict[str, Any], session: int = -1):
        node = services.plans.node(node_id)
        self.old = {k: getattr(node, k) for k in new}
        self.new = new
        self.node_id = self.record_id = node_id
        self.session = session
        label = "Rename" if set(new) == {"title"} else "Edit"
        super().__init__(services, changes, f"{label} '{_name(node)}'")

    def do(self) -> None:
        self.s.plans.edit_node(self.node_id, **self.new)

    def undo_(self) -> None:
        self.s.plans.edit_node(self.node_id, **self.old)

    def notify(self) -> None:
        self.changes.fields.emit(self.node_id)


class EditPlan(FieldEdit):
    def __init__(self, services: Services, changes: Changes, plan_id: str,
                 new: dict[str, Any], session: int = -1):
        plan = services.plans.plan(plan_id)
        self.old = {k: getattr(plan, k) for k in new}
        self.new = new
        self.plan_id = self.record_id = plan_id
        self.session = session
        super().__init__(services, changes, f"Edit plan '{plan.title}'")

    def do(self) -> None:
        self.s.plans.edit_plan(self.plan_id, **self.new)

    def undo_(self) -> None:
        self.s.plans.edit_plan(self.plan_id, **self.old)

    def notify(self) -> None:
        self.changes.fields.emit(self.plan_id)


class EditIndicator(FieldEdit):
    def __init__(self, services: Services, changes: Changes, indicator_id: str,
                 new: dict[str, Any], session: int = -1):
        ind = services.indicators.indicator(indicator_id)
        self.old = {k: getattr(ind, k) for k in new}
        self.new = new
        self.indicator_id = self.record_id = indicator_id
        self.session = session
        super().__init__(services, changes, f"Edit indicator '{_name(ind)}'")

    def do(self) -> None:
        self.s.indicators.edit_indicator(self.indicator_id, **self.new)

    def undo_(self) -> None:
        self.s.indicators.edit_indicator(self.indicator_id, **self.old)

    def notify(self) -> None:
        self.changes.fields.emit(self.indicator_id)
        self.changes.figures.emit(self.indicator_id)


class MoveNode(ServiceCommand):
    def __init__(self, services: Services, changes: Changes, node_id: str,
                 new_parent_id: str | None, position: int):
        node = services.plans.node(node_id)
        super().__init__(services, changes, f"Move '{_name(node)}'")
        self.node_id, self.new_parent_id, self.position = node_id, new_parent_id, position
        self.moved = None

    def do(self) -> None:
        self.moved = self.s.plans.move_node(self.node_id, self.new_parent_id, self.position)

    def undo_(self) -> None:
        m = self.moved
        self.s.plans.move_node(m.node_id, m.old_parent_id, m.old_position)


class DeleteNode(ServiceCommand):
    def __init__(self, services: Services, changes: Changes, node_id: str):
        node = services.plans.node(node_id)
        super().__init__(services, changes, f"Delete '{_name(node)}'")
        self.node_id = node_id
        self.removed: Removed | None = None

    def do(self) -> None:
        self.removed = self.s.plans.delete_node(self.node_id)

    def undo_(self) -> None:
        self.s.plans.restore(self.removed)


class LinkIndicator(ServiceCommand):
    def __init__(self, services: Services, changes: Changes, indicator_id: str, node_id: str):
        ind = services.indicators.indicator(indicator_id)
        node = services.plans.node(node_id)
        super().__init__(services, changes, f"Link '{_name(ind)}' under '{_name(node)}'")
        self.indicator_id, self.node_id = indicator_id, node_id
        self.link = None

    def do(self) -> None:
        if self.link is None:
            self.link = self.s.indicators.link(self.indicator_id, self.node_id)
        else:
            self.s.indicators.relink(self.link)

    def undo_(self) -> None:
        self.s.indicators.unlink(self.indicator_id, self.node_id)


class UnlinkIndicator(ServiceCommand):
    def __init__(self, services: Services, changes: Changes, indicator_id: str, node_id: str):
        ind = services.indicators.indicator(indicator_id)
        super().__init__(services, changes, f"Unlink '{_name(ind)}'")
        self.indicator_id, self.node_id = indicator_id, node_id
        self.link = None

    def do(self) -> None:
        self.link = self.s.indicators.unlink(self.indicator_id, self.node_id)

    def undo_(self) -> None:
        self.s.indicators.relink(self.link)


class DeleteIndicator(ServiceCommand):
    def __init__(self, services: Services, changes: Changes, indicator_id: str):
        ind = services.indicators.indicator(indicator_id)
        super().__init__(services, changes, f"Delete indicator '{_name(ind)}'")
        self.indicator_id = indicator_id
        self.removed: Removed | None = None

    def do(self) -> None:
        self.removed = self.s.indicators.delete_indicator(self.indicator_id)

    def undo_(self) -> None:
        self.s.indicators.restore(self.removed)


class AddPlan(ServiceCommand):
    """A new plan in the open file (a successor plan, say); undo deletes it again."""

    def __init__(self, services: Services, changes: Changes, title: str):
        super().__init__(services, changes, f"Add plan '{title}'")
        self.title = title
        self.plan_id: str | None = None
        self.removed: Removed | None = None

    def do(self) -> None:
        if self.removed is not None:
            self.s.plans.restore(self.removed)
            return
        self.plan_id = self.s.plans.create_plan(self.title).id

    def undo_(self) -> None:
        self.removed = self.s.plans.delete_plan(self.plan_id)


class AddIndicator(ServiceCommand):
    """A new indicator under an item; undo deletes it (with anything entered since redo)."""

    def __init__(self, services: Services, changes: Changes, node_id: str, title: str,
                 fields: dict[str, Any]):
        super().__init__(services, changes, f"Add indicator '{title}'")
        self.node_id, self.title, self.fields = node_id, title, fields
        self.indicator_id: str | None = None
        self.removed: Removed | None = None

    def do(self) -> None:
        if self.removed is not None:
            self.s.indicators.restore(self.removed)
            return
        ind = self.s.indicators.create_indicator(self.title, node_id=self.node_id,
                                                 **self.fields)
        self.indicator_id = ind.id

    def undo_(self) -> None:
        self.removed = self.s.indicators.delete_indicator(self.indicator_id)


COMMENTARY_ID = 4201


class Assess(ServiceCommand):
    """Record the board's rating, reason or commentary at a meeting.

    Commentary typed in one editing session (the editor keeps focus on one item) saves
    as it goes, and all its saves merge into one undo step.
    """

    def __init__(self, services: Services, changes: Changes, meeting_id: str,
                 subject_id: str, *, recorded_rag: RAG | str | None = None,
                 override_reason: str | None = None, commentary: str | None = None,
                 session: int | None = None, label: str = ""):
        super().__init__(services, changes, "")
        self.meeting_id, self.subject_id = meeting_id, subject_id
        self.fields = {k: v for k, v in dict(recorded_rag=recorded_rag,
                                             override_reason=override_reason,
                                             commentary=commentary).items() if v is not None}
        self.session = session
        self.previous: Assessment | None = services.assessments.assessment(meeting_id,
                                                                           subject_id)
        what = "commentary" if set(self.fields) == {"commentary"} else "rating"
        self.setText(f"Edit {what} of '{label}'" if label else f"Edit {what}")

    def do(self) -> None:
        self.s.assessments.assess(self.meeting_id, self.subject_id, **self.fields)

    def undo_(self) -> None:
        self.s.assessments.restore_assessment(self.meeting_id, self.subject_id, self.previous)

    def notify(self) -> None:
        self.changes.assessment.emit(self.meeting_id, self.subject_id)

    def id(self) -> int:
        return COMMENTARY_ID if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Assess) or other.session != self.session:
            return False
        if (other.meeting_id, other.subject_id) != (self.meeting_id, self.subject_id):
            return False
        self.fields.update(other.fields)  # keep our `previous`: undo goes back to the start
        return True


class CopyForward(Assess):
    def __init__(self, services: Services, changes: Changes, meeting_id: str,
                 subject_id: str, label: str = ""):
        super().__init__(services, changes, meeting_id, subject_id, label=label)
        self.setText(f"Copy forward the commentary of '{label}'" if label else "Copy forward")

    def do(self) -> None:
        if self.fields:  # redo: the same text again
            super().do()
            return
        done = self.s.assessments.copy_forward(self.meeting_id, self.subject_id)
        self.fields = {"commentary": done.commentary}
