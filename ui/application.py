"""Starting the window: `run(files, path)` is what `boardpack open` calls."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import identity, paths
from ui.crash import CrashReporter

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(identity.NAME)
    app.setOrganizationName(identity.NAME)
    app.setApplicationDisplayName(identity.NAME)
    app.setApplicationVersion(identity.VERSION)
    app.setDesktopFileName(identity.APP_ID)  # Wayland and taskbars match the .desktop file
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def app_icon(name: str = "boardpack") -> QIcon:
    """The icon in every size. `name` "boardpack-file" is the plan file's icon. Each size is
    read when something first draws it (QIcon.addFile is lazy), not at start-up."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(paths.resource("icons", f"{name}-{size}.png")), QSize(size, size))
    return icon


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
    from ui import single_instance

    app = make_app()
    name = single_instance.server_name()
    if (not single_instance.nobody_listening(name)
            and single_instance.ask_running_window_to_open(path, read_only, name=name)):
        return 0  # the running window has it (or, with no file, came forward)
    requests = single_instance.OpenRequests(name, parent=app)
    window = create_window(files, path, read_only)
    single_instance.serve(window, requests)
    crashes = CrashReporter(window)
    crashes.install()
    window.show()
    from app import logs
    from ui.ratings import FIRST_DELAY_MS

    # Once the window has painted: the log file, and listening for a second launch.
    QTimer.singleShot(FIRST_DELAY_MS, lambda: logs.start("window"))
    QTimer.singleShot(FIRST_DELAY_MS, requests.listen)
    if probe := os.environ.get("BOARDPACK_STARTUP_PROBE"):
        _report_first_paint(app, window, probe)
    else:
        from ui.welcome import welcome_first_time

        welcome_first_time(window)  # once the window is up: the welcome sits over it
    try:
        return app.exec()
    finally:
        crashes.uninstall()


def _report_first_paint(app: QApplication, window, probe: str) -> None:
    """BOARDPACK_STARTUP_PROBE=1: open, paint, print "first-paint SECONDS" (from process
    start) and quit, for the start-up benchmark and the bundle's smoke test. A value ending in
    .png also saves the painted window there."""
    import time


    def painted() -> None:
        window.repaint()
        print(f"first-paint {_seconds_since_process_start():.3f} "
              f"cpu {time.process_time():.3f}", flush=True)
        if probe.lower().endswith(".png"):
            window.grab().save(probe)
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
