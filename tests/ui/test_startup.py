"""Start-up: the window paints from what it needs. The board report (reportlab), sqlite-utils,
the dialogs and the version lookup load on first use, the chart library on a thread once the
window has painted, and opening a plan rates each indicator once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from app import paths
from app.cli import PlanFiles
from app.read_service import ReadService

ROOT = Path(__file__).resolve().parents[2]

# Loaded on first use only: none of these is needed to show the window on a plan.
ON_FIRST_USE = ("reportlab", "app.report", "ui.report_export", "openpyxl", "sqlite_utils",
                "ui.indicator_properties", "ui.dialogs", "ui.new_item_dialogs",
                "importlib.metadata", "pyqtgraph", "numpy", "ui.chart_widget",
                "app.importer.cli", "app.questions_cli")

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
loaded = sorted(m for m in sys.argv[2:] if m in sys.modules)
rated = len(window.ratings.snapshots())
window.select_indicator(next(iter(window.model.indicators)))  # its chart loads pyqtgraph
window.repaint()
print(json.dumps({"loaded": loaded, "rated": rated,
                  "chart": window.indicator_panel._chart is not None
                  and window.indicator_panel.chart.isVisible(),
                  "pyqtgraph": "pyqtgraph" in sys.modules}))
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
    # The probe itself is sound: the window did start and rate, and the first indicator
    # shown brought its chart and the chart library.
    assert seen["rated"] > 100
    assert seen["chart"] is True and seen["pyqtgraph"] is True


def test_the_started_window_loads_the_chart_library_after_painting(tmp_path):
    """`boardpack open`: the chart library loads on a thread once the window has painted,
    and the window quits cleanly (the probe measures the window's pauses meanwhile)."""
    plan = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), plan)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BOARDPACK_STARTUP_PROBE="after")
    done = subprocess.run([sys.executable, "-m", "app", "open", str(plan)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    words = done.stdout.split()
    assert words[0] == "first-paint"
    assert words[words.index("loaded-before-paint") + 1] == "False"
    ready = float(words[words.index("chart-library-ready") + 1])
    assert ready == ready and ready > 0  # a time, not "nan": it did load, after the paint


def test_loading_the_chart_library_in_the_background():
    code = ("import sys; from ui import chart_library as c; "
            "assert 'ui.chart_widget' not in sys.modules; "
            "t = c.load_in_background(); assert c.load_in_background() is t; "
            "assert c.wait_until_loaded(120); "
            "assert 'ui.chart_widget' in sys.modules and 'pyqtgraph' in sys.modules")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr


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
