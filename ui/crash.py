"""An unexpected error in the window: written to the log in full, then said in a dialog that
names what happened, where the log is, and that the plan is safe. The window stays open on
the same plan.

`CrashReporter(window).install()` takes over `sys.excepthook` (which PySide6 also calls for an
exception raised in a slot) and `threading.excepthook` (worker threads); `uninstall()` puts
the previous hooks back. A hook may run on any thread: the dialog is always shown on the GUI
thread, through a queued signal.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app import logs

TITLE = "Boardpack met an unexpected error"


class CrashReporter(QObject):
    reported = Signal(str, str)  # what happened, the log file

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.showing = False
        self.missed = 0  # errors while the dialog was up: logged, not shown again
        self._previous: tuple | None = None
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.hook
        threading.excepthook = self.thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def hook(self, kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in the terminal that started us
            sys.__excepthook__(kind, exc, tb)
            return
        thread = threading.current_thread()
        where = "the window" if thread is threading.main_thread() else f"thread {thread.name}"
        log = logs.unexpected(exc.with_traceback(tb), where)
        self.reported.emit(f"{type(exc).__name__}: {exc}", str(log))

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, what: str, log: str) -> None:
        if self.showing:
            self.missed += 1
            return
        self.showing = True
        try:
            plan = self._keep_plan_safe()
            if show_crash_dialog(self.window, crash_text(what, Path(log), plan)):
                from ui.help_actions import open_log_folder

                open_log_folder()
        except Exception as exc:  # noqa: BLE001 - raising here would come straight back
            logs.unexpected(exc, "showing an unexpected error")
        finally:
            self.showing = False

    def _keep_plan_safe(self) -> str:
        """Save what is being typed and leave no transaction half-done; the plan's name."""
        services = getattr(self.window, "services", None)
        path = getattr(self.window, "path", None)
        if services is None or services.closed:
            return ""
        try:
            services.settle()
            self.window.flush_edits()
        except Exception as exc:  # noqa: BLE001 - said in the log; the dialog still shows
            logs.unexpected(exc, "keeping the plan safe after an error")
        return path.name if path is not None else ""


def crash_text(what: str, log: Path, plan: str) -> str:
    safe = (f"Your plan is safe: {plan} is still open, and everything saved before this "
            "is kept in it." if plan else "No plan was open; nothing was lost.")
    return (f"Something went wrong that Boardpack did not expect:\n{what}\n\n{safe}\n\n"
            f"The details are in the log file:\n{log}\n"
            "Help \u25b8 Open log folder shows it; please send it to whoever supports "
            "Boardpack for you.")


def crash_box(parent: QWidget | None, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # an error message may contain markup
    box.folder_button = box.addButton("Open log folder", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    return box


def show_crash_dialog(parent: QWidget | None, text: str) -> bool:
    """The dialog; True if the user asked to see the log folder. Tests patch this."""
    box = crash_box(parent, text)
    box.exec()
    return box.clickedButton() is box.folder_button
