"""Subprocess for test_crash: open a plan, type a note for an item, pause until the app has
saved it on its own (at most `wait_ms`), then die by SIGKILL (no clean shutdown, no flush)."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(path: str, ref: str, text: str, wait_ms: int) -> None:
    from PySide6.QtTest import QTest

    from app.cli import PlanFiles
    from ui.application import create_window, make_app

    make_app()
    window = create_window(PlanFiles(), path)
    window.show()
    assert window.select_ref(ref), ref
    window.rag_panel.commentary.setFocus()
    window.rag_panel.commentary.moveCursor(window.rag_panel.commentary.textCursor().MoveOperation.End)
    QTest.keyClicks(window.rag_panel.commentary, text)
    panel, assessments = window.rag_panel, window.services.assessments

    def saved() -> bool:
        found = assessments.assessment(panel.meeting.id, panel.subject_id)
        return found is not None and found.commentary.endswith(text)

    # The user pauses (no flush, no focus change) until the app has saved on its own.
    deadline = time.monotonic() + wait_ms / 1000
    while not saved() and time.monotonic() < deadline:
        QTest.qWait(20)
    if saved():
        print("typed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
