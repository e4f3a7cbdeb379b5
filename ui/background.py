"""Work on a pool thread that reports back by signal: the one shape the report export and
the spreadsheet import share. A failure becomes a message, never a crash of the window;
Cancel is honoured at the work's own checks and again when it ends."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from app import logs
from app.domain import BoardpackError


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
