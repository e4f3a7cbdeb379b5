"""An unexpected error, in a slot or a worker thread: the log gets the traceback, a dialog
says what happened, where the log is and that the plan is safe; the window keeps working on
the same plan, and the plan file stays sound with everything typed before the error."""

from __future__ import annotations

import sqlite3
import threading

from PySide6.QtCore import QRunnable, Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from window_support import click_row, stored_progress

from app import logs


def a_button_that_fails(window, slot) -> QPushButton:
    button = QPushButton("Fails", window)
    button.clicked.connect(slot)
    button.show()
    return button


def test_a_slot_raising_shows_the_dialog_and_the_plan_stays_open_and_saved(qtbot, window,
                                                                            crashes):
    path, node = window.path, window.ids["o10"]
    click_row(qtbot, window, "10")
    box = window.detail.node_form.widgets["progress"]
    box.setFocus()
    QTest.keyClicks(box, "Typed just before the error")

    def fails():
        # a bug that leaves a transaction open on the plan's connection, then raises
        window.services.store.file.connection.execute("BEGIN IMMEDIATE")
        raise ValueError("<b>the slot's own words</b>")

    qtbot.mouseClick(a_button_that_fails(window, fails), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(crashes.shown) == 1)
    text = crashes.shown[0]
    assert "ValueError: <b>the slot's own words</b>" in text
    assert f"Your plan is safe: {path.name} is still open" in text
    assert str(logs.log_file()) in text
    log = logs.log_file().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "in fails" in log
    assert "ValueError: <b>the slot's own words</b>" in log
    # the half-done transaction was rolled back; what was typed was saved
    assert not window.services.store.file.connection.in_transaction
    assert stored_progress(path, node) == "Typed just before the error"
    # the window goes on working on the same plan: a later edit saves
    assert window.path == path and not window.services.closed
    click_row(qtbot, window, "10")
    box = window.detail.node_form.widgets["progress"]
    box.setFocus()
    QTest.keyClicks(box, ", and after it")
    window.flush_edits()
    assert stored_progress(path, node) == "Typed just before the error, and after it"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def test_a_worker_thread_raising_is_reported_the_same_way(qtbot, window, crashes):
    def work():
        raise RuntimeError("the worker's own words")

    worker = threading.Thread(target=work, name="figures-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(crashes.shown) == 1)
    assert "RuntimeError: the worker's own words" in crashes.shown[0]
    assert "Your plan is safe" in crashes.shown[0]
    log = logs.log_file().read_text(encoding="utf-8")
    assert "in thread figures-worker" in log and "in work" in log
    assert window.select_ref("3.14")


class _Failing(QRunnable):
    def run(self):
        raise KeyError("pool thread")


def test_a_pool_thread_raising_is_reported_too(qtbot, window, crashes):
    QThreadPool.globalInstance().start(_Failing())
    qtbot.waitUntil(lambda: len(crashes.shown) == 1)
    assert "KeyError: 'pool thread'" in crashes.shown[0]
    assert "Traceback" in logs.log_file().read_text(encoding="utf-8")


def test_errors_while_the_dialog_is_up_are_logged_not_stacked(qtbot, window, crashes):
    def twice():
        raise ValueError("first")

    crashes.showing = True  # as if the first dialog were still open
    qtbot.mouseClick(a_button_that_fails(window, twice), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: crashes.missed == 1)
    assert crashes.shown == []
    assert "ValueError: first" in logs.log_file().read_text(encoding="utf-8")


def test_uninstall_puts_the_previous_hooks_back(window):
    import sys

    from ui.crash import CrashReporter

    before = (sys.excepthook, threading.excepthook)
    reporter = CrashReporter(window)
    reporter.install()
    assert sys.excepthook == reporter.hook
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_dialog_that_fails_is_logged_and_not_reported_again(qtbot, window, crashes,
                                                              monkeypatch):
    from ui import crash

    calls = []

    def broken_dialog(parent, text):
        calls.append(text)
        raise RuntimeError("the dialog itself failed")

    monkeypatch.setattr(crash, "show_crash_dialog", broken_dialog)

    def fails():
        raise ValueError("once")

    qtbot.mouseClick(a_button_that_fails(window, fails), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "the dialog itself failed" in logs.log_file().read_text("utf-8"))
    QTest.qWait(100)  # nothing more is queued: a failing dialog would loop
    assert len(calls) == 1
    assert "in showing an unexpected error" in logs.log_file().read_text("utf-8")
