"""Starting the window: `run(files, path)` is what `boardpack open` calls."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Boardpack")
    app.setOrganizationName("Boardpack")
    app.setApplicationDisplayName("Boardpack")
    return app  # type: ignore[return-value]


def create_window(files, path: str | Path | None = None, read_only: bool = False):
    """The main window with `path` (or the last plan, or the user's sample) open."""
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    prefs = Preferences.load()
    files.author = prefs.author()
    window = MainWindow(files, prefs)
    target: Path | None = Path(path) if path else None
    if target is None and prefs.reopen_last_file and prefs.recent_files:
        last = Path(prefs.recent_files[0])
        target = last if last.exists() else None
    if target is not None and window.file_actions.open_path(target, read_only=read_only):
        return window
    # No plan named, or it could not be opened (it said why): the user's sample, so the
    # window and its File menu (Open, Restore from Backup) are there to put things right.
    try:
        sample = files.ensure_user_sample()
    except OSError as exc:
        window.file_actions.warn("No sample plan", f"The sample plan is missing ({exc}).")
        return window
    if target is None or sample.absolute() != target.absolute():
        window.file_actions.open_path(sample, read_only=read_only and target is None)
    return window


def run(files, path: str | Path | None = None, read_only: bool = False) -> int:
    app = make_app()
    window = create_window(files, path, read_only)
    window.show()
    if os.environ.get("BOARDPACK_STARTUP_PROBE"):
        _report_first_paint(app, window)
    return app.exec()


def _report_first_paint(app: QApplication, window) -> None:
    """For the start-up benchmark: print seconds from process start to the first paint
    of the window (and the CPU seconds spent by then, steadier on a busy machine), then
    quit."""
    import time

    from PySide6.QtCore import QTimer

    def painted() -> None:
        window.repaint()
        print(f"first-paint {_seconds_since_process_start():.3f} "
              f"cpu {time.process_time():.3f}", flush=True)
        app.quit()

    QTimer.singleShot(0, painted)


def _seconds_since_process_start() -> float:
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/self/stat") as f:
            start = int(f.read().rsplit(")", 1)[1].split()[19]) / ticks
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return uptime - start
    except (OSError, ValueError, IndexError):
        return float("nan")
