"""The window's open paths (at start, Open Recent, restore) say what is wrong with a bad file,
keep working, and offer what can be done: Restore for a damaged plan, recovery for a
half-saved one."""

from __future__ import annotations

import time

import pytest
from fault_support import digest, leave_hot_journal, page_count, raw_sql, zero_page
from PySide6.QtWidgets import QInputDialog

from app import paths
from app.cli import PlanFiles
from db import backups
from ui.file_actions import FileActions


@pytest.fixture
def said(monkeypatch):
    """What the window would have asked and warned, answering every question `answer[0]`."""
    log = {"warned": [], "asked": [], "answer": [False], "lists": []}

    def warn(self, title, text):
        log["warned"].append((title, text))

    def ask(self, title, text):
        log["asked"].append((title, text))
        return log["answer"][0]

    def get_item(parent, title, label, items, current, editable):
        log["lists"].append(list(items))
        return items[current], True

    monkeypatch.setattr(FileActions, "_warn", warn)
    monkeypatch.setattr(FileActions, "_ask", ask)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    return log


def _start(qtbot, path=None):
    from ui.application import create_window, make_app

    make_app()
    window = create_window(PlanFiles(), path)
    qtbot.addWidget(window)
    return window


def _remember_as_last(path):
    from ui.application import make_app
    from ui.preferences import Preferences

    make_app()  # the preferences' folder is named after the application
    prefs = Preferences.load()
    prefs.add_recent(path)
    prefs.save()


def test_a_damaged_last_plan_still_starts_the_app_on_the_sample(qtbot, plan, said):
    path, _ids = plan
    zero_page(path, page_count(path) // 2)
    before = digest(path)
    _remember_as_last(path)
    window = _start(qtbot)
    assert window.path == paths.user_sample_path()
    assert window.services is not None
    titles = [t for t, _ in said["warned"]]
    assert titles == ["Cannot open the plan"]
    assert "damaged" in said["warned"][0][1] and path.name in said["warned"][0][1]
    assert digest(path) == before
    window.close()


def test_a_damaged_plan_with_backups_offers_restore_at_start(qtbot, plan, said):
    path, _ids = plan
    good = backups.take(path, reason="test")
    time.sleep(0.002)
    bad = backups.take(path, reason="test")
    zero_page(bad, page_count(bad) // 2)
    zero_page(path, page_count(path) // 2)
    _remember_as_last(path)
    said["answer"][0] = True
    window = _start(qtbot)
    asked = [t for t, _ in said["asked"]]
    assert asked[0] == "The plan is damaged" and "Restore" in said["asked"][0][1]
    newest, older = said["lists"][0][:2]
    assert newest.endswith(" kB, damaged: cannot be restored")
    assert older.endswith(" kB, checked")  # and offered first: the newest sound one
    assert window.path == path and window.services is not None
    assert path.read_bytes() == good.read_bytes()
    window.close()


def test_open_recent_of_a_damaged_plan_keeps_the_current_one(qtbot, plan, said, tmp_path):
    path, _ids = plan
    window = _start(qtbot)
    current = window.path
    path.write_bytes(path.read_bytes()[:10_000])
    window.file_actions.open_recent(str(path))
    assert window.path == current and window.services is not None
    assert "damaged" in said["warned"][-1][1]


def test_a_half_saved_plan_opened_read_only_offers_recovery(qtbot, plan, said):
    path, _ids = plan
    leave_hot_journal(path)
    window = _start(qtbot)
    said["answer"][0] = True
    assert window.file_actions.open_path(path, read_only=True)
    assert said["asked"][-1][0] == "Plan needs recovering"
    assert window.path == path and window.services.read_only
    assert window.services.plans.plans()
    window.close()


def test_damage_inside_rows_found_while_showing_the_plan_keeps_the_current_one(qtbot, plan,
                                                                             said):
    path, _ids = plan
    raw_sql(path, "UPDATE nodes SET kind = 'galaxy'")
    window = _start(qtbot)
    current = window.path
    assert not window.file_actions.open_path(path)
    assert window.path == current and window.services is not None
    assert window.services.plans.plans()  # the plan shown before still works
    # The on-open backup was taken before the damage showed, so Restore is offered.
    title, text = said["asked"][-1]
    assert title == "The plan is damaged"
    assert "nodes table" in text and path.name in text and "Restore" in text
    window.close()


def test_an_on_open_backup_that_cannot_be_written_is_said_once(qtbot, plan, said, tmp_path,
                                                               monkeypatch):
    path, _ids = plan
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BOARDPACK_BACKUP_DIR", str(blocker / "backups"))
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "data"))
    window = _start(qtbot, path)
    assert window.path == path and not window.services.read_only
    assert [t for t, _ in said["warned"]] == ["No backup taken"]
    window.file_actions.close()
    window.file_actions.open_path(path)
    assert [t for t, _ in said["warned"]] == ["No backup taken"]
    window.close()
