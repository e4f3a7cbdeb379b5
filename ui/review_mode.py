"""A window showing a plan read-only, and the way back to editing it.

The plan is read-only because it was opened for review (File ▸ Open for Review), because
another window or process holds it for editing, or because it cannot be written here. While
it is read-only the window polls cheaply (the file's data_version and its lock, once a
second): a change saved by another window reloads the views and says so in the status bar,
and "Reopen for editing" is offered once no one else holds the file. Questions and private
notes can still be written meanwhile (services.questions keeps them in the user's file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QPushButton

from app import paths, uk_time
from app.domain import BoardpackError, PlanFileError

REVIEW, IN_USE, CANNOT_WRITE = "review", "in use", "cannot write"


class ReviewMode(QObject):
    POLL_MS = 1000

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.why: str | None = None
        self._seen: int | None = None
        self.button = QPushButton("Reopen for e&diting")
        self.button.setAccessibleName("Reopen for editing")
        self.button.setToolTip("Open this plan for editing again, in this window")
        self.button.clicked.connect(self.reopen)
        self.button.hide()
        window.banner_bar.layout().addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setInterval(self.POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.choose_file = self._choose_file  # replaced in tests

    # -- following the open file ----------------------------------------------------------
    def follow(self, services, path: Path | None) -> None:
        """A file was shown: watch it if it is read-only."""
        self.timer.stop()
        self.why = None
        self.button.hide()
        if services is None or not services.read_only or path is None:
            return
        if not services.can_be_written or path.absolute() == paths.bundled_sample().absolute():
            self.why = CANNOT_WRITE
            return  # the window's banner already says how to work on a copy
        self.why = IN_USE if services.held_elsewhere() and not self._reviewing else REVIEW
        self._seen = services.data_version()
        self._say()
        self.timer.start()

    def _say(self, free: bool | None = None) -> None:
        name = self.w.path.name if self.w.path else "This plan"
        if self.why == REVIEW:
            self.w.banner.setText(
                f"{name} is open read-only, for review: the plan is not changed. Questions "
                "and private notes you write are kept in your own file (Questions ▸ "
                "Questions for the meeting exports questions for the officer).")
            self.button.setVisible(True)
        elif self.why == IN_USE:
            self.w.banner.setText(
                f"{name} is open read-only: it is open for editing in another Boardpack "
                "window, and changes saved there appear here. "
                + ("That window has closed it: you can reopen it for editing here." if free
                   else "Once that window closes it, you can reopen it for editing here."))
            self.button.setVisible(bool(free))
        self.w.banner.show()

    def poll(self) -> None:
        s = self.w.services
        if s is None or s.closed or not s.read_only:
            self.timer.stop()
            return
        try:
            version = s.data_version()
            held = s.held_elsewhere()
        except (BoardpackError, OSError):
            return  # the file went away or cannot be read just now: try again next time
        if version != self._seen:
            self._seen = version
            self.reload()
        if self.why == IN_USE:
            self._say(free=not held)

    def reload(self) -> None:
        """Show the plan as saved now, keeping the item and meeting chosen."""
        w = self.w
        w._fill_meetings()
        w._tree_changed()
        w.review_notice.check(w.services)
        w.changes.questions.emit()
        stamp = uk_time.shown_time(uk_time.as_utc(_utc_now()))
        w.statusBar().showMessage(f"The plan was changed in another window; showing it as "
                                  f"saved at {stamp}.", 15000)

    # -- switching -------------------------------------------------------------------------
    def reopen(self) -> bool:
        """Open the plan shown for editing again, keeping the item chosen."""
        w = self.w
        if w.services is None or w.path is None or not w.services.read_only:
            return False
        item = w.current_item()
        key = item.key if item else None
        w.flush_edits()
        w.files.author = w.prefs.author()
        try:
            services = w.files.open(w.path)
        except PlanFileError as exc:
            w.file_actions.warn("Cannot reopen for editing", f"{w.path.name}: {exc.detail}")
            return False
        except (BoardpackError, OSError) as exc:
            w.file_actions.warn("Cannot reopen for editing", f"{w.path.name}: {exc}")
            return False
        if services.read_only:  # e.g. the bundled sample: never edited in place
            services.close()
            w.file_actions.warn("Cannot reopen for editing",
                                f"{w.path.name} cannot be edited here; use File → Save a "
                                "Copy As to work on your own copy.")
            return False
        self._show(services, w.path, key)
        w.statusBar().showMessage(f"{w.path.name} is open for editing.", 5000)
        return True

    def open_for_review(self, path: str | Path | None = None) -> bool:
        """File ▸ Open for Review: a plan read-only (the one shown, or another)."""
        w = self.w
        if path is None:
            path = self.choose_file()
            if not path:
                return False
        path = Path(path).absolute()
        if w.path is None or path != w.path.absolute():
            self._reviewing = True
            try:
                return w.file_actions.open_path(path, read_only=True)
            finally:
                self._reviewing = False
        if w.services is not None and w.services.read_only:
            return True
        item = w.current_item()
        w.flush_edits()
        try:
            services = w.files.open(path, read_only=True)
        except (BoardpackError, OSError) as exc:
            w.file_actions.warn("Cannot open for review", f"{path.name}: {exc}")
            return False
        self._reviewing = True
        try:
            self._show(services, path, item.key if item else None)
        finally:
            self._reviewing = False
        return True

    _reviewing = False  # while File ▸ Open for Review opens the file

    def _show(self, services, path: Path, key: str | None) -> None:
        w = self.w
        old = w.services
        w.set_services(services, path)
        if old is not None:
            old.close()
        if key:
            w.select_key(key)

    def _choose_file(self) -> str:
        start = str(self.w.path.parent) if self.w.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self.w, "Open a plan for review", start,
                                              "Boardpack plans (*.boardpack);;All files (*)")
        return name


def _utc_now():
    from datetime import UTC, datetime

    return datetime.now(UTC)
