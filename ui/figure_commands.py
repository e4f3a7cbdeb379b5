"""Undo commands for an indicator's figures, targets and properties.

Each calls the same service method the window would and keeps what the service returns
for undo. The first edit is done before the command is pushed (`perform`), so a refused
figure raises ValidationError to the caller and nothing lands on the undo stack. After the
edit, its undo and its redo, `notify(indicator_id)` tells the panel to redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.domain import Target, Value
from app.services import Services

Notify = Callable[[str], None]


class IndicatorCommand(QUndoCommand):
    def __init__(self, services: Services, notify: Notify, indicator_id: str, text: str):
        super().__init__(text)
        self.s = services
        self.notify = notify
        self.indicator_id = indicator_id
        self._done_once = False

    def do(self) -> None:
        raise NotImplementedError

    def undo_(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
        else:
            self.do()
        self.notify(self.indicator_id)

    def undo(self) -> None:
        self.undo_()
        self.notify(self.indicator_id)


def perform(stack: QUndoStack, command: IndicatorCommand) -> IndicatorCommand:
    """Do the edit now (a ValidationError propagates, nothing is pushed), then push it."""
    command.do()
    command._done_once = True
    stack.push(command)
    return command


Entry = tuple[str, str | None, str | None]  # period key, figure text, note


class EnterFigures(IndicatorCommand):
    """One cell typed, a cell cleared, a note changed, or a whole paste: one undo step."""

    def __init__(self, services: Services, notify: Notify, indicator_id: str,
                 entries: list[Entry], breakdown: str = "", text: str = ""):
        super().__init__(services, notify, indicator_id, text or _describe(entries))
        self.entries = entries
        self.breakdown = breakdown
        self.previous: list[tuple[str, Value | None]] = []

    def do(self) -> None:
        self.previous = self.s.indicators.enter_texts(self.indicator_id, self.entries,
                                                      breakdown=self.breakdown)

    def undo_(self) -> None:
        self.s.indicators.restore_values(self.indicator_id, self.breakdown, self.previous)


def _describe(entries: list[Entry]) -> str:
    from app.periods import label

    if len(entries) == 1:
        key, text, note = entries[0]
        if text is None:
            return f"Note for {label(key)}"
        if not text.strip():
            return f"Clear {label(key)}"
        return f"Enter {text.strip()} for {label(key)}"
    return f"Paste {len(entries)} figures"


class EditIndicator(IndicatorCommand):
    def __init__(self, services: Services, notify: Notify, indicator_id: str,
                 changes: dict[str, Any]):
        super().__init__(services, notify, indicator_id, "Edit indicator properties")
        self.changes = changes
        ind = services.indicators.indicator(indicator_id)
        self.before = {k: getattr(ind, k) for k in changes}

    def do(self) -> None:
        self.s.indicators.edit_indicator(self.indicator_id, **self.changes)

    def undo_(self) -> None:
        self.s.indicators.edit_indicator(self.indicator_id, **self.before)


class AddTarget(IndicatorCommand):
    """A new (or revised) target; a target in force for the period is kept as history."""

    def __init__(self, services: Services, notify: Notify, indicator_id: str, period: str,
                 operator: str, value: float | None = None, **kwargs: Any):
        super().__init__(services, notify, indicator_id, "Add target")
        self.args = (period, operator, value)
        self.kwargs = kwargs
        self.target: Target | None = None

    def do(self) -> None:
        period, operator, value = self.args
        self.target = self.s.indicators.add_target(self.indicator_id, period, operator, value,
                                                   **self.kwargs)

    def undo_(self) -> None:
        if self.target is not None:
            self.s.indicators.delete_target(self.target.id)
            self.target = None
