"""Fixtures for the window tests: a plan built through the services, and the window on it."""

from __future__ import annotations

import pytest
from demo_plan import make_demo_file

from app.cli import PlanFiles


@pytest.fixture
def demo_path(tmp_path):
    path = tmp_path / "demo.boardpack"
    make_demo_file(PlanFiles(author="Test Officer"), path)
    return path


@pytest.fixture
def demo_ids(tmp_path):
    path = tmp_path / "ids.boardpack"
    return path, make_demo_file(PlanFiles(author="Test Officer"), path)


@pytest.fixture
def window(qtbot, demo_ids):
    from ui.application import create_window, make_app

    make_app()
    path, ids = demo_ids
    w = create_window(PlanFiles(), path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.ratings.ensure_all()
    w.ids = ids
    w.confirmations = []

    def yes(title, text):
        w.confirmations.append((title, text))
        return True

    w.tree_actions.confirm = yes
    w.meeting_edits.confirm = yes
    w.rag_panel.confirm = yes
    w.file_actions.confirm = yes
    w.warnings = []
    w.file_actions.warn = lambda title, text: w.warnings.append((title, text))
    yield w
    w.close()


@pytest.fixture
def stack():
    from PySide6.QtGui import QUndoStack

    return QUndoStack()


@pytest.fixture
def panel(qtbot, services, stack):
    """The indicator panel (chart, figures grid) on its own, over `services`."""
    from ui.indicator_panel import IndicatorPanel

    p = IndicatorPanel(services, stack)
    qtbot.addWidget(p)
    p.resize(900, 700)
    p.show()
    return p


@pytest.fixture
def plan_window(qtbot):
    """Opens the main window on a plan file (read-only if asked), with its confirmations
    answered yes and its warnings recorded; closed at the end of the test."""
    from ui.application import create_window, make_app

    make_app()
    opened = []

    def open_on(path, read_only=False):
        w = create_window(PlanFiles(author="Test Officer"), path, read_only=read_only)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(lambda: w.isActiveWindow())
        w.confirmations, w.warnings = [], []

        def yes(title, text):
            w.confirmations.append((title, text))
            return True

        w.tree_actions.confirm = w.rag_panel.confirm = w.file_actions.confirm = yes
        w.file_actions.warn = lambda title, text: w.warnings.append((title, text))
        opened.append(w)
        return w

    yield open_on
    for w in opened:
        w.close()


@pytest.fixture
def sample_copy(tmp_path):
    """A copy of the bundled sample plan (skips until it is built)."""
    import shutil

    from app import paths

    if not paths.bundled_sample().exists():
        pytest.skip("the bundled sample plan is not built yet")
    copy = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), copy)
    return copy


@pytest.fixture
def crashes(window, monkeypatch):
    """The window's crash reporter, installed as `boardpack open` installs it, with the log
    file started and the dialog recorded (`crashes.shown`) instead of waiting for a click."""
    from app import logs
    from ui import crash

    shown: list[str] = []

    def record(parent, text):
        shown.append(text)
        return False

    monkeypatch.setattr(crash, "show_crash_dialog", record)
    logs.start("tests")
    reporter = crash.CrashReporter(window)
    reporter.install()
    reporter.shown = shown
    yield reporter
    reporter.uninstall()
    logs.stop()


@pytest.fixture
def sample_window(qtbot, tmp_path):
    """The window on a copy of the bundled sample plan."""
    import shutil

    from app import paths
    from ui.application import create_window, make_app

    make_app()
    plan = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), plan)
    w = create_window(PlanFiles(), plan)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
