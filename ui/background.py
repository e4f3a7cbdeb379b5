"""Work on a pool thread that reports back by signal: the one shape the report export and
the spreadsheet import share. A failure becomes a message, never a crash of the window;
Cancel is honoured at the work's own checks and again when it ends."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from app import logs
from app.domain import BoardpackError

# While a job computes in Python, the GUI thread must take the GIL back at each of the many
# calls Qt makes into Python during a repaint, and after each SQLite call of its own; at the
# default 5 ms switch interval each can wait that long. Measured on the large plan's report
# (a figure typed meanwhile, a loaded machine), the longest stall was 111-145 ms at 1 ms,
# 57-67 ms at 0.3 ms and 44-48 ms at 0.1 ms, the export's own time unchanged (~27 s): the
# interval only matters while both threads want the GIL.
_WORKING_SWITCH_INTERVAL = 0.0001
_running = 0
_running_lock = threading.Lock()
_usual_interval = sys.getswitchinterval()


@contextmanager
def gui_stays_responsive() -> Iterator[None]:
    """While work runs on another thread: the GUI thread takes the GIL back quickly."""
    global _running, _usual_interval
    with _running_lock:
        if _running == 0:
            _usual_interval = sys.getswitchinterval()
            sys.setswitchinterval(_WORKING_SWITCH_INTERVAL)
        _running += 1
    try:
        yield
    finally:
        with _running_lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_usual_interval)


class JobSignals(QObject):
    finished = Signal(object)  # the work's result
    failed = Signal(str)  # what to tell the user
    cancelled = Signal()


class BackgroundJob(QRunnable):
    """Subclasses give `work()`, the exception that means "cancelled" (`cancelled_by`),
    and a `signals` object that is a JobSignals with the progress signal they need."""

    cancelled_by: tuple[type[BaseException], ...] = ()

    def __init__(self, signals: JobSignals):
        super().__init__()
        self.signals = signals
        self.cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self.cancelled = True

    def work(self) -> Any:
        raise NotImplementedError

    def discard(self, result: Any) -> None:
        """A result that arrived after Cancel: keep nothing of it."""

    def run(self) -> None:
        try:
            with gui_stays_responsive():
                result = self.work()
        except self.cancelled_by:
            self.signals.cancelled.emit()
        except BoardpackError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # shown to the user, never a crash of the window
            logs.unexpected(exc, type(self).__name__)
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self.cancelled:
                self.discard(result)
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
