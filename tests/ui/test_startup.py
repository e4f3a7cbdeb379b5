"""Start-up: the window paints from what it needs. The board report (reportlab), sqlite-utils,
the dialogs and the version lookup load on first use, and opening a plan rates each
indicator once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter

from app import paths
from app.cli import PlanFiles
from app.read_service import ReadService

# Loaded on first use only: none of these is needed to show the window on a plan.
ON_FIRST_USE = ("reportlab", "app.report", "ui.report_export", "openpyxl", "sqlite_utils",
                "ui.indicator_properties", "ui.dialogs", "ui.new_item_dialogs",
                "importlib.metadata")

START_WINDOW = r"""
import json, sys
from app import cli
from ui.application import create_window, make_app

app = make_app()
cli._parse(["open", sys.argv[1]])
window = create_window(cli.PlanFiles(), sys.argv[1])
window.show()
app.processEvents()
window.repaint()
while not window.ratings.done:  # the tree's ratings fill in after the first paint
    app.processEvents()
window.repaint()
print(json.dumps({"loaded": sorted(m for m in sys.argv[2:] if m in sys.modules),
                  "pyqtgraph": "pyqtgraph" in sys.modules,
                  "rated": len(window.ratings.snapshots())}))
window.close()
"""


def test_the_window_starts_without_the_report_or_sqlite_utils(tmp_path):
    plan = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), plan)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", START_WINDOW, str(plan), *ON_FIRST_USE],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["loaded"] == []
    # The probe itself is sound: the window did start, with its chart library and ratings.
    assert seen["pyqtgraph"] is True
    assert seen["rated"] > 100


def test_opening_a_plan_rates_each_indicator_once(qtbot, tmp_path, monkeypatch):
    from ui.application import create_window, make_app

    rated: Counter[str] = Counter()
    snapshots = ReadService.snapshots

    def counting(self, indicators, meeting, **kw):
        indicators = list(indicators)
        rated.update(i.id for i in indicators)
        return snapshots(self, indicators, meeting, **kw)

    monkeypatch.setattr(ReadService, "snapshots", counting)
    plan = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), plan)
    make_app()
    window = create_window(PlanFiles(), plan)
    qtbot.addWidget(window)
    window.show()
    window.repaint()  # painted now, before any timer of the event loop has run
    assert not rated, "the first paint needs no ratings"
    qtbot.waitUntil(lambda: window.ratings.done, timeout=10_000)
    assert set(rated) == set(window.model.indicators)
    assert max(rated.values()) == 1
    window.close()
