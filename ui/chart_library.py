"""The chart library (pyqtgraph, and numpy under it) loads on a thread once the window has
painted. The first screen shows a plan, not a chart, and loading the library takes about a
quarter of a second: done before the first paint, it would keep the window off the screen
that long. On the thread it runs while the window answers keys and clicks; the first
indicator shown takes the library from there, waiting for the import if it is still going.
"""

from __future__ import annotations

import importlib
import threading

from app import logs
from ui.background import gui_stays_responsive

CHART_MODULE = "ui.chart_widget"  # imports pyqtgraph and the app's chart geometry

_loading: threading.Thread | None = None


def load_in_background() -> threading.Thread:
    """Start loading the chart library (once per process); the thread doing it."""
    global _loading
    if _loading is None:
        _loading = threading.Thread(target=_load, name="chart library", daemon=True)
        _loading.start()
    return _loading


def wait_until_loaded(timeout: float | None = None) -> bool:
    """Wait for a load under way (at quit: an interpreter must not shut down in the middle
    of an import). True when no load is still running."""
    if _loading is not None:
        _loading.join(timeout)
        return not _loading.is_alive()
    return True


def _load() -> None:
    try:
        with gui_stays_responsive():
            importlib.import_module(CHART_MODULE)
    except Exception as exc:  # the first chart imports it again, and that error is shown
        logs.unexpected(exc, "loading the chart library")
