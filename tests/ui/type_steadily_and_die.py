"""Subprocess for the steady-typing crash test: open a plan, type into an item's commentary
one key every `gap_ms` for `seconds` (never pausing long enough for the pause to save),
then die by SIGKILL 0.2 s after the last key. Prints "<characters typed> <time>" after
each key and "kill <time>" just before dying, for the parent to check what was saved."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(path: str, ref: str, seconds: float, gap_ms: int) -> None:
    from PySide6.QtTest import QTest

    from app.cli import PlanFiles
    from ui.application import create_window, make_app

    make_app()
    window = create_window(PlanFiles(), path)
    window.show()
    assert window.select_ref(ref), ref
    box = window.rag_panel.commentary
    box.setFocus()
    box.selectAll()
    QTest.keyClick(box, "x")  # replaces the old text; the typing starts here
    typed = 1
    print(f"{typed} {time.monotonic()}", flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QTest.qWait(gap_ms)
        QTest.keyClick(box, "abcdefghij"[typed % 10])
        typed += 1
        print(f"{typed} {time.monotonic()}", flush=True)
    QTest.qWait(200)
    print(f"kill {time.monotonic()}", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
