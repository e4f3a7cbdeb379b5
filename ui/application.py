"""Starting the window: `run(files, path)` is what `boardpack open` calls."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
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
    from ui import chart_library, single_instance

    app = make_app()
    if single_instance.ask_running_window_to_open(path, read_only):
        return 0  # the running window has it (or, with no file, came forward)
    # Listening before the window is built: a second double-click while this one starts
    # must find it (the window it would open instead would find the plan locked).
    requests = single_instance.OpenRequests(parent=app)
    requests.listen()
    window = create_window(files, path, read_only)
    single_instance.serve(window, requests)
    crashes = CrashReporter(window)
    crashes.install()
    window.show()
    from app import logs

    # Once the window has painted: the log file, and the chart library (on a thread; waited
    # for at quit).
    AfterFirstPaint(window, [lambda: logs.start("window"), chart_library.load_in_background])
    app.aboutToQuit.connect(lambda: chart_library.wait_until_loaded(QUIT_WAIT_S))
    if probe := os.environ.get("BOARDPACK_STARTUP_PROBE"):
        _report_first_paint(app, window, probe)
    else:
        from ui.welcome import welcome_first_time

        welcome_first_time(window)  # once the window is up: the welcome sits over it
    try:
        return app.exec()
    finally:
        crashes.uninstall()


QUIT_WAIT_S = 10.0  # at quit, how long a chart library still loading is waited for
NEVER_EXPOSED_MS = 3000  # a window never shown (started minimised): start the work anyway


class AfterFirstPaint(QObject):
    """Runs the callbacks shortly after the window is first exposed (and so painted), or
    after NEVER_EXPOSED_MS if it never is: work the first paint must neither wait for nor
    compete with for the GIL."""

    def __init__(self, window, callbacks: list[Callable[[], object]]):
        super().__init__(window)
        self.callbacks = callbacks
        handle = window.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)
        QTimer.singleShot(NEVER_EXPOSED_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            from ui.ratings import FIRST_DELAY_MS

            watched.removeEventFilter(self)
            QTimer.singleShot(FIRST_DELAY_MS, self, self._run)
        return False

    def _run(self) -> None:
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()


def _report_first_paint(app: QApplication, window, probe: str) -> None:
    """BOARDPACK_STARTUP_PROBE=1: open, paint, print "first-paint SECONDS cpu SECONDS" (from
    process start) and quit, for the start-up benchmark and the bundle's smoke test. A value
    ending in .png also saves the painted window there. "chart" then selects an indicator at
    once, as if clicked the moment the window appeared, and prints "first-chart ..." when
    its chart has painted (the chart library loaded on the spot)."""
    import time

    def say(what: str) -> None:
        print(f"{what} {_seconds_since_process_start():.3f} cpu {time.process_time():.3f}",
              flush=True)

    def painted() -> None:
        window.repaint()
        say("first-paint")
        if probe == "after":
            _report_after_first_paint(app, "pyqtgraph" in sys.modules)
            return
        if probe == "chart":
            indicator = next(iter(window.model.indicators), None)
            if indicator is not None and window.select_indicator(indicator):
                window.repaint()
                say("first-chart")
        if probe.lower().endswith(".png"):
            window.grab().save(probe)
        app.quit()

    QTimer.singleShot(0, painted)


def _report_after_first_paint(app: QApplication, loaded_at_paint: bool,
                              seconds: float = 1.5) -> None:
    """BOARDPACK_STARTUP_PROBE=after: for `seconds` after the first paint, how long the
    window's longest pause was (a 2 ms heartbeat; the tree's ratings and the chart library
    load meanwhile), and when the chart library was ready (and whether it already was at
    the first paint); printed, then quit."""
    import time

    from ui import chart_library

    start = last = time.perf_counter()
    longest, ready = 0.0, None

    def beat() -> None:
        nonlocal last, longest, ready
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        if ready is None and chart_library.wait_until_loaded(0) and "pyqtgraph" in sys.modules:
            ready = now - start
        if now - start >= seconds:
            heartbeat.stop()
            print(f"after-first-paint longest-pause {longest:.3f} chart-library-ready "
                  f"{ready if ready is not None else float('nan'):.3f} "
                  f"loaded-before-paint {loaded_at_paint}", flush=True)
            app.quit()

    heartbeat = QTimer(app)
    heartbeat.timeout.connect(beat)
    heartbeat.start(2)


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
