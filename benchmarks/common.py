"""Shared helpers for the benchmark scripts: timing and printing beside a budget."""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def measure(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def report(what: str, seconds: float, budget: float | None = None, runs: int = 1) -> None:
    budget_text = f"budget {budget * 1000:8.0f} ms" if budget else " " * 18
    verdict = "" if budget is None else ("ok" if seconds <= budget else "OVER")
    print(f"{what:<58} {seconds * 1000:9.1f} ms   {budget_text}  {verdict:4} "
          f"(median of {runs})", flush=True)


def private_user_folders(prefix: str = "boardpack-bench-") -> Path:
    """Point the XDG folders at a fresh temporary home (so a benchmark never touches the
    user's settings, recent files or data), run Qt offscreen; returns the home."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        (home / var).mkdir(mode=0o700)
        os.environ[var] = str(home / var)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return home


def size_arguments(parser: argparse.ArgumentParser) -> None:
    """--nodes, --indicators, --years: the generated plan's size (DESIGN's large plan)."""
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)


def generated_plan(path: Path, args: argparse.Namespace) -> None:
    """Write the generated plan of `args`' size to `path`, saying how long it took."""
    from app.cli import PlanFiles
    from app.generator import generate

    start = time.perf_counter()
    created = PlanFiles(author="bench").create(path)
    try:
        gen = generate(created.store, nodes=args.nodes, indicators=args.indicators,
                       years=args.years)
    finally:
        created.close()
    print(f"generated {gen.nodes} items, {gen.indicators} indicators, {gen.values} values "
          f"in {time.perf_counter() - start:.1f} s", flush=True)
