"""Undo commands for an indicator's figures and targets.

They share the one command base (ui/commands.py): each calls the same service method the
window would and keeps what it returns for undo; after the edit, its undo and its redo,
`Changes.figures(indicator_id)` tells every pane showing the indicator.
"""

from __future__ import annotations

from typing import Any

from app.domain import Target, Value
from app.indicator_service import ComparatorChange, FigureEntry
from app.services import Services
from ui.commands import Changes, ServiceCommand


class IndicatorCommand(ServiceCommand):
    """An edit of one indicator's figures or targets."""

    def __init__(self, services: Services, changes: Changes, indicator_id: str, text: str):
        super().__init__(services, changes, text)
        self.indicator_id = indicator_id

    def notify(self) -> None:
        self.changes.figures.emit(self.indicator_id)


Entry = tuple[str, str | None, str | None]  # period key, figure text, note


class EnterFigures(IndicatorCommand):
    """One cell typed, a cell cleared, a note changed, or a whole paste: one undo step."""

    def __init__(self, services: Services, changes: Changes, indicator_id: str,
                 entries: list[Entry], breakdown: str = "", text: str = ""):
        super().__init__(services, changes, indicator_id, text or _describe(entries))
        self.entries = entries
        self.breakdown = breakdown
        self.previous: list[tuple[str, Value | None]] = []

    def do(self) -> None:
        self.previous = self.s.indicators.enter_texts(self.indicator_id, self.entries,
                                                      breakdown=self.breakdown)

    def undo_(self) -> None:
        self.s.indicators.restore_values(self.indicator_id, self.breakdown, self.previous)


class EnterFigureRows(IndicatorCommand):
    """Rows of figures across breakdowns (a periods × breakdowns paste): one undo step."""

    def __init__(self, services: Services, changes: Changes, indicator_id: str,
                 entries: list[FigureEntry], text: str):
        super().__init__(services, changes, indicator_id, text)
        self.entries = entries
        self.done: list[tuple[FigureEntry, Value | None]] = []

    def do(self) -> None:
        self.done = self.s.indicators.enter_many(self.entries, summary=self.text())

    def undo_(self) -> None:
        self.s.indicators.restore_many(self.done)


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


class EnterComparators(IndicatorCommand):
    """Comparator figures typed, cleared or pasted (England, region, statistical
    neighbours): one undo step."""

    def __init__(self, services: Services, changes: Changes, indicator_id: str,
                 entries: list[tuple[str, str, str]], text: str = ""):
        super().__init__(services, changes, indicator_id, text or "Enter comparators")
        self.entries = entries
        self.done: list[ComparatorChange] = []

    def do(self) -> None:
        self.done = self.s.indicators.enter_comparators(self.indicator_id, self.entries)

    def undo_(self) -> None:
        self.s.indicators.restore_comparators(self.indicator_id, self.done)


class AddTarget(IndicatorCommand):
    """A new (or revised) target; a target in force for the period is kept as history."""

    def __init__(self, services: Services, changes: Changes, indicator_id: str, period: str,
                 operator: str, value: float | None = None, **kwargs: Any):
        super().__init__(services, changes, indicator_id, "Add target")
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


class ImportFigures(ServiceCommand):
    """A spreadsheet import (its dry run, already checked): one transaction, one undo step.
    Announces Changes.figures for every indicator it touched."""

    def __init__(self, services: Services, changes: Changes, run: Any):
        super().__init__(services, changes, f"Import figures from {run.path.name}")
        self.run = run
        self.done: Any = None
        self.indicator_ids = sorted({e.indicator_id for e in run.entries}
                                    | {t.indicator_id for t in run.targets}
                                    | {c.indicator_id for c in run.comparators})

    def do(self) -> None:
        self.done = self.s.imports.commit(self.run)

    def undo_(self) -> None:
        self.s.imports.undo(self.done)

    def notify(self) -> None:
        for indicator_id in self.indicator_ids:
            self.changes.figures.emit(indicator_id)
