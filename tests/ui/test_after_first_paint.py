"""Work that waits for the window's first paint (the log, the chart library): it runs soon
after the window is exposed, once, and anyway after a while if it never is."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QWidget

from ui import application
from ui.application import AfterFirstPaint


def test_it_runs_once_soon_after_the_window_is_shown(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.create()  # the native window the filter watches, as show() makes it
    calls: list[float] = []
    AfterFirstPaint(window, [lambda: calls.append(time.perf_counter())])
    qtbot.wait(100)
    assert calls == []  # not before the window is on screen
    shown = time.perf_counter()
    window.show()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=application.NEVER_EXPOSED_MS // 2)
    assert calls[0] - shown < application.NEVER_EXPOSED_MS / 2000
    qtbot.wait(200)
    window.hide()
    window.show()  # a second exposure runs nothing again
    qtbot.wait(200)
    assert len(calls) == 1


def test_a_window_never_shown_still_runs_it(qtbot, monkeypatch):
    monkeypatch.setattr(application, "NEVER_EXPOSED_MS", 300)
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[str] = []
    AfterFirstPaint(window, [lambda: calls.append("log"), lambda: calls.append("charts")])
    qtbot.waitUntil(lambda: calls == ["log", "charts"], timeout=5000)
