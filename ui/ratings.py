"""Ratings of a file's indicators at the chosen meeting, computed in batches.

Opening a plan must not wait for a thousand ratings: the tree shows at once and the
ratings fill in, a batch of indicators per event-loop turn (one query per table each).
Anything that needs them all (the RAG filter, a test) can ask for them at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain import Indicator, Meeting
from app.read_model import IndicatorSnapshot
from app.services import Services
from ui.commands import Changes

BATCH = 25  # about 50 ms of work per event-loop turn on the large plan
FIRST_DELAY_MS = 30  # let the tree paint before rating starts
NOTIFY_MS = 250  # tell views at most this often while rating


class RatingCache(QObject):
    """Status of each indicator (by id) at `meeting` (None: the latest figures)."""

    updated = Signal()  # some ratings arrived
    complete = Signal()  # every indicator is rated

    def __init__(self, services: Services | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.meeting: Meeting | None = None
        self._indicators: dict[str, Indicator] = {}
        self._status: dict[str, IndicatorSnapshot] = {}
        self._earlier: dict[str, IndicatorSnapshot] = {}  # replaced by an edit, for reuse
        self._pending: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._notify = QTimer(self)
        self._notify.setSingleShot(True)
        self._notify.setInterval(NOTIFY_MS)
        self._notify.timeout.connect(self.updated)

    def reset(self, services: Services | None, indicators: dict[str, Indicator],
              meeting: Meeting | None) -> None:
        self.services = services
        self.meeting = meeting
        self._indicators = dict(indicators)
        self._status.clear()
        self._earlier.clear()
        self._pending = list(self._indicators)
        self._schedule()

    def set_meeting(self, meeting: Meeting | None) -> None:
        self.reset(self.services, self._indicators, meeting)
        self.updated.emit()

    def invalidate(self, indicator_ids: list[str] | None = None,
                   indicators: dict[str, Indicator] | None = None) -> None:
        """Forget some ratings (all when None) after an edit; they are computed again."""
        if indicators is not None:
            self._indicators = dict(indicators)
        ids = list(self._indicators) if indicator_ids is None else indicator_ids
        for i in ids:
            earlier = self._status.pop(i, None)
            if earlier is not None:
                self._earlier[i] = earlier
        known = set(self._pending)
        self._pending.extend(i for i in ids if i in self._indicators and i not in known)
        self._schedule()

    def watch(self, changes: Changes) -> None:
        """Forget an indicator's snapshot when an edit touches it. Connect this before any
        pane subscribes, so a pane reading `snapshot()` after an edit gets the new one."""
        changes.figures.connect(lambda id: self.invalidate([id]))
        changes.fields.connect(self._fields_changed)
        changes.assessment.connect(lambda _meeting, subject: self._fields_changed(subject))

    def _fields_changed(self, id: str) -> None:
        if id in self._indicators and self.services is not None:
            self._indicators[id] = self.services.indicators.indicator(id)
            self.invalidate([id])

    def get(self, indicator_id: str) -> IndicatorSnapshot | None:
        return self._status.get(indicator_id)

    def snapshot(self, indicator_id: str) -> IndicatorSnapshot:
        """The indicator at the chosen meeting, computed now if it is not yet (one read of
        its figures serves the tree, the grid, the chart and the RAG note)."""
        found = self._status.get(indicator_id)
        if found is None:
            if indicator_id in self._indicators:
                self.ensure([indicator_id])
                return self._status[indicator_id]
            return self.services.read.snapshot(indicator_id, self.meeting)
        return found

    def snapshots(self) -> dict[str, IndicatorSnapshot]:
        """The snapshots computed so far, by indicator id."""
        return self._status

    @property
    def done(self) -> bool:
        return not self._pending

    def ensure(self, indicator_ids: list[str]) -> None:
        """Compute these now (e.g. the indicator the user just selected)."""
        missing = [i for i in indicator_ids if i not in self._status and i in self._indicators]
        if missing:
            self._compute(missing)
            wanted = set(missing)
            self._pending = [i for i in self._pending if i not in wanted]
            self.updated.emit()

    def ensure_all(self) -> None:
        if self._pending:
            self._compute(self._pending)
            self._pending = []
            self._timer.stop()
            self.updated.emit()
            self.complete.emit()

    def _schedule(self) -> None:
        if self._pending and self.services is not None and not self._timer.isActive():
            self._timer.start(FIRST_DELAY_MS)

    def _step(self) -> None:
        if self.services is None or self.services.closed:
            self._pending = []
            return
        batch, self._pending = self._pending[:BATCH], self._pending[BATCH:]
        self._compute(batch)
        if self._pending:
            if not self._notify.isActive():
                self._notify.start()
            self._timer.start(0)
        else:
            self._notify.stop()
            self.updated.emit()
            self.complete.emit()

    def _compute(self, ids: list[str]) -> None:
        if self.services is None:
            return
        indicators = [self._indicators[i] for i in ids
                      if i in self._indicators and i not in self._status]
        fresh = self.services.read.snapshots(indicators, self.meeting)
        for i, snap in fresh.items():
            earlier = self._earlier.pop(i, None)
            if earlier is not None:
                snap.keep_figure_ratings(earlier)
        self._status.update(fresh)
