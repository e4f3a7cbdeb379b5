"""Foundation benchmark: the large generated plan through the store and the services.

Prints: time to generate, to open, to load the whole tree, and to rate every indicator;
and the app's cold start to first paint (when the GUI is available).

    .venv/bin/python benchmarks/bench_foundation.py [--runs N] [--keep FILE]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.generator import generate  # noqa: E402
from app.services import Services  # noqa: E402
from benchmarks.common import measure, report  # noqa: E402
from db import store as db_store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", help="write the generated plan here too")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="boardpack-bench-"))
    os.environ.setdefault("BOARDPACK_BACKUP_DIR", str(folder / "backups"))
    path = folder / "large.boardpack"

    start = time.perf_counter()
    s = db_store.create(path, author="bench")
    made = generate(s)
    s.close()
    report(f"generate ({made.nodes} nodes, {made.indicators} indicators, "
           f"{made.values:,} values)", time.perf_counter() - start)
    print(f"  file size {path.stat().st_size / 1e6:.1f} MB")

    def open_close():
        db_store.open_store(path).close()

    t, _ = measure(open_close, args.runs)
    report("open the large plan (checks, lock, no migration)", t, None, args.runs)

    s = db_store.open_store(path)
    services = Services.over(s)

    def load_tree():
        plans = services.plans.plans()
        nodes = [services.plans.nodes(p.id) for p in plans]
        links = s.find(__import__("app.domain", fromlist=["IndicatorLink"]).IndicatorLink)
        return sum(map(len, nodes)), len(links)

    t, (n_nodes, n_links) = measure(load_tree, args.runs)
    report(f"load the whole tree through the services ({n_nodes} nodes, {n_links} links)", t,
           0.5, args.runs)

    # Runs after each open (the window's review notice); the tree's 0.5 s is its context.
    t, listed = measure(services.indicators.figures_to_review, args.runs)
    report(f"figures to review on open ({len(listed)} listed)", t, None, args.runs)

    indicators = services.indicators.indicators()

    def rate_all():
        return [services.assessments.rate(ind) for ind in indicators]

    t, ratings = measure(rate_all, max(1, args.runs // 2))
    report(f"rate every indicator ({len(ratings)})", t, None, max(1, args.runs // 2))
    s.close()
    if args.keep:
        Path(args.keep).write_bytes(path.read_bytes())
    cold_start(path, args.runs)
    return 0


def cold_start(path: Path, runs: int) -> None:
    """Process start to the window's first paint, as the window reports it."""
    home = Path(tempfile.mkdtemp(prefix="boardpack-bench-home-"))
    # The window must not touch the user's settings, recent files or data folder.
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               BOARDPACK_STARTUP_PROBE="1", XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "app", "open", str(path)], env=env,
                              capture_output=True, text=True, timeout=120)
        marks = [ln for ln in done.stdout.splitlines() if ln.startswith("first-paint")]
        if done.returncode != 0 or not marks:
            print(f"cold start: the window did not report a first paint "
                  f"(exit {done.returncode}): {done.stderr.strip()[-300:]}")
            return
        times.append(float(marks[0].split()[1]))
        del start
    times.sort()
    report("cold start to first paint (large plan)", times[len(times) // 2], 1.0, runs)


if __name__ == "__main__":
    sys.exit(main())
