"""Shared helpers for the benchmark scripts: timing and printing beside a budget."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
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
