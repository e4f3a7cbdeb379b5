"""Save as you type: after a pause, and at least every two seconds of continuous typing,
so a crash or power cut loses at most the last two seconds (DESIGN: Storage)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

PAUSE_MS = 600
MAX_WAIT_MS = 2000


class Autosave(QObject):
    """Calls `save` once typing pauses for `pause_ms`, and no later than `max_wait_ms`
    after the first unsaved key, however steadily the user types."""

    def __init__(self, save: Callable[[], None], pause_ms: int = PAUSE_MS,
                 max_wait_ms: int = MAX_WAIT_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._save = save
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(pause_ms)
        self._pause.timeout.connect(self.flush)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max_wait_ms)
        self._deadline.timeout.connect(self.flush)

    def set_pause(self, ms: int) -> None:
        self._pause.setInterval(ms)

    def typed(self) -> None:
        """A key changed the text: wait for a pause, but not past the deadline."""
        self._pause.start()
        if not self._deadline.isActive():
            self._deadline.start()

    @property
    def pending(self) -> bool:
        """Typed text is waiting to be saved."""
        return self._pause.isActive() or self._deadline.isActive()

    def flush(self) -> None:
        """Save now if anything is waiting."""
        if self.pending:
            self.cancel()
            self._save()

    def cancel(self) -> None:
        self._pause.stop()
        self._deadline.stop()
