"""The File menu: new, open, recent, save a copy, restore from a backup, close."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.domain import BoardpackError, PlanFileError
from app.paths import start_folder
from ui.plain_text import ask, warn
from ui.saved_message import tell_saved

FILTER = "Boardpack plans (*.boardpack);;All files (*)"
SUFFIX = ".boardpack"


class FileActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        # Replaced in tests.
        self.confirm: Callable[[str, str], bool] = self._ask
        self.warn: Callable[[str, str], None] = self._warn

    def _ask(self, title: str, text: str) -> bool:
        return ask(self.w, title, text)

    def _warn(self, title: str, text: str) -> None:
        warn(self.w, title, text)

    def _start_dir(self) -> str:
        return str(start_folder(self.w.path))

    # -- opening ---------------------------------------------------------------------
    def open_path(self, path: str | Path, read_only: bool = False) -> bool:
        """Open a plan file; on failure say why and keep the current plan open."""
        path = Path(path).absolute()
        if self.w.path is not None and path == self.w.path.absolute():
            return True
        self.w.flush_edits()
        self.w.files.author = self.w.prefs.author()
        try:
            services = self.w.files.open(path, read_only=read_only,
                                         confirm_update=self._ask_to_update)
        except PlanFileError as exc:
            return self._refused(path, exc, read_only)
        except (BoardpackError, OSError) as exc:
            self.warn("Cannot open the plan", f"{path.name}: {exc}")
            return False
        for warning in self.w.files.take_warnings():
            self.warn("No backup taken", warning)
        return self._show(services, path)

    def _ask_to_update(self, notice) -> bool:
        """An older file: name it and what updating means for colleagues (app.file_versions)."""
        return self.confirm("Update the plan file?", notice.question())

    def _refused(self, path: Path, exc: PlanFileError, read_only: bool) -> bool:
        """Say why a file was refused, and offer what can be done about it."""
        if exc.problem == PlanFileError.UPDATE_DECLINED:
            return False  # the user said no, having been told where the backup is
        if exc.can_open_read_only and not read_only:
            if self.confirm("Plan already open",
                            f"{path.name} is already open for editing in another "
                            "Boardpack window.\n\nOpen it read-only?"):
                return self.open_path(path, read_only=True)
            return False
        if exc.can_recover:
            if self.confirm("Plan needs recovering",
                            f"{path.name} was left half-saved (Boardpack or the computer "
                            "stopped while saving).\n\nRecover it now? The unfinished save "
                            "is undone; everything saved before it is kept."):
                try:
                    self.w.files.recover(path)
                except (BoardpackError, OSError) as again:
                    self.warn("Cannot recover the plan", f"{path.name}: {again}")
                    return False
                return self.open_path(path, read_only=read_only)
            return False
        if exc.problem == PlanFileError.CORRUPT and self.w.files.backups(path):
            if self.confirm("The plan is damaged", f"{path.name}: {exc.detail}\n\n"
                            "Restore it from one of its backups now?"):
                return self.restore_backup(plan=path)
            return False
        self.warn("Cannot open the plan", f"{path.name}: {exc.detail}")
        return False

    def _show(self, services, path: Path) -> bool:
        """Show a newly opened plan file in the window, closing the previous one."""
        old, old_path = self.w.services, self.w.path
        try:
            self.w.set_services(services, path)
        except PlanFileError as exc:  # damage found while reading the plan in
            self.w.set_services(old, old_path)
            services.close()
            return self._refused(path, exc, services.read_only)
        if old is not None:
            old.close()
        self.w.prefs.add_recent(path)
        self.w.prefs.save()
        self.w.refresh_recent_menu()
        return True

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.w, "Open a plan", self._start_dir(), FILTER)
        if name:
            self.open_path(name)

    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.warn("Cannot open the plan", f"{path}: the file is no longer there.")
            self.w.prefs.recent_files = [p for p in self.w.prefs.recent_files if p != path]
            self.w.prefs.save()
            self.w.refresh_recent_menu()
            return
        self.open_path(path)

    # -- new -----------------------------------------------------------------------------
    def new_file(self, path: str | Path | None = None, title: str | None = None) -> bool:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self.w, "New plan", self._start_dir(), FILTER)
            if not name:
                return False
            path = name
        path = Path(path)
        if path.suffix != SUFFIX:
            path = path.with_suffix(SUFFIX)
        if title is None:
            title, ok = QInputDialog.getText(self.w, "New plan", "Title of the plan:",
                                             text=path.stem)
            if not ok:
                return False
        self.w.files.author = self.w.prefs.author()
        try:
            services = self.w.files.create(path)
            if title.strip():
                services.plans.create_plan(title.strip())
        except (BoardpackError, OSError) as exc:
            self.warn("Cannot create the plan", str(exc))
            return False
        return self._show(services, path.absolute())

    # -- copies and backups ------------------------------------------------------------
    def save_copy(self, path: str | Path | None = None) -> bool:
        if self.w.services is None:
            return False
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self.w, "Save a copy as", self._start_dir(),
                                                  FILTER)
            if not name:
                return False
            path = name
        path = Path(path)
        if path.suffix != SUFFIX:
            path = path.with_suffix(SUFFIX)
        self.w.flush_edits()
        try:
            self.w.services.save_copy(path)
        except (BoardpackError, OSError) as exc:
            self.warn("Cannot save a copy", str(exc))
            return False
        self.w.statusBar().showMessage(f"Saved a copy as {path}", 5000)
        tell_saved(self.w, "Save a Copy As", f"A copy of the plan was saved as\n{path.absolute()}"
                   "\n\nThe plan you are working on is still the one open here.", path)
        return True

    def restore_backup(self, backup: Path | None = None, plan: Path | None = None) -> bool:
        """Replace the open plan (or `plan`, one that could not be opened) by a backup."""
        w = self.w
        if plan is None:
            if w.services is None or w.path is None:
                return False
            if w.services.read_only:
                self.warn("Restore from backup", "This plan is open read-only; it cannot be "
                          "replaced by a backup here.")
                return False
            plan = w.path
        found = w.files.backups(plan)
        if not found:
            self.warn("Restore from backup", "There are no backups of this plan yet.")
            return False
        if backup is None:
            labels = [desc for _p, desc in found]
            newest_sound = next((i for i, d in enumerate(labels) if d.endswith(", checked")), 0)
            choice, ok = QInputDialog.getItem(w, "Restore from backup",
                                              "Replace the plan with the backup of:", labels,
                                              newest_sound, False)
            if not ok:
                return False
            backup = found[labels.index(choice)][0]
            if not self.confirm("Restore from backup",
                                f"Replace {plan.name} with this backup?\n\nThe plan as it "
                                "is now is kept as another backup."):
                return False
        if w.path is not None and plan == w.path:
            w.close_file()
        try:
            w.files.restore_backup(Path(backup), plan)
        except (BoardpackError, OSError) as exc:
            self.warn("Restore from backup", str(exc))
        return self.open_path(plan)

    def close(self) -> None:
        self.w.close_file()
