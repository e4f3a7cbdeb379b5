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
