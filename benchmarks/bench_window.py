"""Window benchmarks: open a large generated plan and show its tree, switch between two
indicators, cold start to an interactive window. Prints each figure beside its budget
(median of several runs; these machines are noisy).

    python benchmarks/bench_window.py [--runs 5] [--nodes 2000] [--indicators 1000]
    python benchmarks/bench_window.py --cold-only   # only the cold start beside a bare window
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.common import private_user_folders  # noqa: E402

HOME = private_user_folders()

# The reference: a bare PySide6 + pyqtgraph window (a QMainWindow with a PlotWidget),
# painted, reported the same way the app's start-up probe reports its first paint.
BARE_WINDOW = r"""
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1280, 800)
plot = pg.PlotWidget()
plot.plot([1, 2, 3, 4], [3, 1, 4, 2])
w.setCentralWidget(plot)
w.show()
def painted():
    w.repaint()
    print(f"first-paint cpu {time.process_time():.3f}", flush=True)
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""


def _row(what: str, seconds: float, budget: float | None) -> None:
    mark = "" if budget is None else ("  ok" if seconds <= budget else "  OVER BUDGET")
    budget_text = f"(budget {budget * 1000:.0f} ms)" if budget else ""
    print(f"{what:<52} {seconds * 1000:8.1f} ms  {budget_text}{mark}")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _until_painted(argv: list[str], env: dict[str, str],
                   mark: str = "first-paint") -> tuple[float, float]:
    """Seconds from starting a process to its `mark` line ("first-paint", "first-chart";
    interpreter included, exit not), and the CPU seconds the process reports it had used by
    then."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env, cwd=ROOT)
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith(mark):
            seconds = time.perf_counter() - start
            cpu = float(line.split("cpu")[1])
            break
    else:
        seconds = cpu = float("nan")
    _, err = child.communicate(timeout=60)
    if child.returncode != 0 or seconds != seconds:
        raise SystemExit(f"{argv[1:]} did not print {mark} (exit {child.returncode}): "
                         f"{err[-300:]}")
    return seconds, cpu


def cold_start(runs: int) -> None:
    """Process start to a painted, interactive window on the bundled sample (a fresh user's
    first start, less the copy), beside a bare PySide6 + pyqtgraph window, alternating.

    The window's first screen shows a plan, not a chart, so the chart library (pyqtgraph)
    loads on a thread after the first paint. The second figure is the worst case for that:
    an indicator selected the moment the window appears, its chart drawn (the library
    loaded on the spot), against the same bare window, which draws a chart."""
    from app import paths

    sample = HOME / "sample-copy.boardpack"
    sample.write_bytes(paths.bundled_sample().read_bytes())
    env = dict(os.environ, BOARDPACK_STARTUP_PROBE="1", PYTHONPATH=str(ROOT),
               PYTHONPYCACHEPREFIX=str(HOME / "pycache"))
    # An installed app starts from compiled bytecode: let the warm-up runs write it (to a
    # folder of the benchmark's own, not into the working copy).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    chart_env = dict(env, BOARDPACK_STARTUP_PROBE="chart")
    app = [sys.executable, "-m", "app", "open", str(sample)]
    bare = [sys.executable, "-c", BARE_WINDOW]
    _until_painted(app, chart_env, "first-chart")  # warm the disk cache and the bytecode
    _until_painted(bare, env)
    apps, bares, charts = [], [], []
    for _ in range(max(5, runs)):
        apps.append(_until_painted(app, env))
        bares.append(_until_painted(bare, env))
        charts.append(_until_painted(app, chart_env, "first-chart"))
    _row("cold start, whole process, sample plan", statistics.median(a[0] for a in apps), 1.0)
    _row("bare PySide6 + pyqtgraph window, whole process",
         statistics.median(b[0] for b in bares), None)
    ratio = statistics.median(a[0] / b[0] for a, b in zip(apps, bares, strict=True))
    print(f"{'cold start / bare window (median of pairs)':<52} {ratio:8.2f} x   (budget 1.30 x)"
          f"{'  ok' if ratio <= 1.3 else '  OVER BUDGET'}")
    _row("  CPU by the first paint, app", statistics.median(a[1] for a in apps), None)
    _row("  CPU by the first paint, bare window", statistics.median(b[1] for b in bares), None)
    cpu_ratio = statistics.median(a[1] / b[1] for a, b in zip(apps, bares, strict=True))
    print(f"{'  CPU ratio (steadier on a busy machine)':<52} {cpu_ratio:8.2f} x")
    _row("cold start to a chart, indicator clicked at once", statistics.median(
        c[0] for c in charts), None)
    chart_ratio = statistics.median(c[0] / b[0] for c, b in zip(charts, bares, strict=True))
    print(f"{'  ... / bare window, which draws a chart':<52} {chart_ratio:8.2f} x")
    pauses, ready = [], []
    after_env = dict(env, BOARDPACK_STARTUP_PROBE="after")
    for _ in range(max(3, runs // 2)):
        out = subprocess.run(app, env=after_env, cwd=ROOT, capture_output=True, text=True,
                             timeout=60, check=True).stdout.split()
        pauses.append(float(out[out.index("longest-pause") + 1]))
        ready.append(float(out[out.index("chart-library-ready") + 1]))
    _row("after the first paint: chart library loaded at", statistics.median(ready), None)
    _row("  longest pause of the window in its first 1.5 s", statistics.median(pauses), 0.1)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--nodes", type=int, default=2000)
    p.add_argument("--indicators", type=int, default=1000)
    p.add_argument("--years", type=int, default=10)
    p.add_argument("--cold-only", action="store_true", help="only the cold start")
    args = p.parse_args()
    if args.cold_only:
        cold_start(args.runs)
        return 0

    from app.cli import PlanFiles
    from app.generator import generate

    plan = HOME / "large.boardpack"
    t = time.perf_counter()
    created = PlanFiles(author="bench").create(plan)
    gen = generate(created.store, nodes=args.nodes, indicators=args.indicators,
                   years=args.years)
    created.close()
    print(f"generated {gen.nodes} items, {gen.indicators} indicators, {gen.values} values "
          f"in {time.perf_counter() - t:.1f} s")

    from PySide6.QtWidgets import QApplication

    from ui.application import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow(PlanFiles(author="bench"))
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    opens, rated = [], []
    for _ in range(args.runs):
        window.close_file()
        app.processEvents()
        t = time.perf_counter()
        window.file_actions.open_path(plan)
        app.processEvents()
        window.tree.viewport().repaint()
        opens.append(time.perf_counter() - t)
        while not window.ratings.done:
            app.processEvents()
        rated.append(time.perf_counter() - t)
    _row("open the large plan and show its tree", statistics.median(opens), 0.5)
    _row("  ... until every indicator is rated (background)", statistics.median(rated), None)

    inds = [k for k in window.model.keys() if k.startswith("ind:")][:2]
    switches = []
    for i in range(args.runs * 4):
        t = time.perf_counter()
        window.select_key(inds[i % 2])
        app.processEvents()
        window.repaint()
        switches.append(time.perf_counter() - t)
    _row("switch between two indicators (detail, chart, grid, note)",
         statistics.median(switches), 0.05)

    window.rag_panel.flush()
    print(f"{'memory with the large plan open':<52} {_rss_mb():8.1f} MB  (budget 300 MB)")
    window.close()
    QApplication.processEvents()

    cold_start(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
