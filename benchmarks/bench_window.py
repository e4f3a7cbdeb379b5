"""Window benchmarks: open a large generated plan and show its tree, switch between two
indicators, cold start to an interactive window. Prints each figure beside its budget
(median of several runs; these machines are noisy).

    python benchmarks/bench_window.py [--runs 5] [--nodes 2000] [--indicators 1000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
HOME = Path(tempfile.mkdtemp(prefix="boardpack-bench-"))
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
    (HOME / var).mkdir(mode=0o700)
    os.environ[var] = str(HOME / var)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COLD_START = r"""
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from app.cli import PlanFiles
from ui.application import create_window, make_app
app = make_app()
w = create_window(PlanFiles(), {plan!r})
w.show()
app.processEvents()
w.tree.viewport().repaint()
print(time.perf_counter() - t0)
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


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--nodes", type=int, default=2000)
    p.add_argument("--indicators", type=int, default=1000)
    p.add_argument("--years", type=int, default=10)
    args = p.parse_args()

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

    sample = HOME / "sample-copy.boardpack"
    from app import paths

    if paths.bundled_sample().exists():
        sample.write_bytes(paths.bundled_sample().read_bytes())
    else:
        sample = plan
    colds, walls = [], []
    for _ in range(max(3, args.runs // 2)):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", COLD_START.format(root=str(ROOT),
                                                                      plan=str(sample))],
                             capture_output=True, text=True, env=os.environ)
        walls.append(time.perf_counter() - t)
        colds.append(float(out.stdout.strip().splitlines()[-1]))
    _row("cold start to an interactive window (in process)", statistics.median(colds), None)
    _row("cold start, whole process (interpreter included)", statistics.median(walls), 1.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
