"""While work runs on another thread (a report, an import, the chart library), the GUI thread
takes the GIL back quickly; the usual switch interval returns when the last one ends."""

from __future__ import annotations

import sys
import threading

from ui.background import gui_stays_responsive


def test_the_switch_interval_is_short_while_any_work_runs_and_restored_after():
    usual = sys.getswitchinterval()
    with gui_stays_responsive():
        short = sys.getswitchinterval()
        assert short < usual and short <= 0.001
        with gui_stays_responsive():  # a second job at once (an export and the charts)
            assert sys.getswitchinterval() == short
        assert sys.getswitchinterval() == short  # the first is still running
    assert sys.getswitchinterval() == usual


def test_work_on_two_threads_restores_the_interval_once_both_end():
    usual = sys.getswitchinterval()
    started, release = threading.Barrier(3), threading.Event()

    def work() -> None:
        with gui_stays_responsive():
            started.wait()
            release.wait()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    started.wait()
    assert sys.getswitchinterval() < usual
    release.set()
    for t in threads:
        t.join()
    assert sys.getswitchinterval() == usual
