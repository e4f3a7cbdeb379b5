"""Where a ChartSpec's marks go: plain Python (no Qt), so it is tested without a screen.

- Target steps: a target covers the categories from just after the previous target up to
  its own category (a figure is rated against the next target due, DESIGN.md "RAG rules");
  the first target covers its own period (all the months of a financial-year target).
- Y range: every figure shown, padded, never below 0 for units that cannot be negative and
  never above 100 for percentages.
- Category ticks: as many labels as fit, at a step that keeps months and quarters aligned.
- Hover text: one category's period, figure, status, rating, target and comparators.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.chart_spec import ChartSpec, TargetStep
from app.domain import RAG, ValueStatus
from app.periods import Period, PeriodError

NON_NEGATIVE_UNITS = {"percent", "count", "rate", "score", "ratio", "money"}
TICK_STEPS = (1, 2, 3, 4, 6, 12, 24, 36, 48, 52, 60, 104, 120, 240, 520)
STATUS_WORDS = {ValueStatus.PROVISIONAL.value: "provisional",
                ValueStatus.NOT_YET_AVAILABLE.value: "not yet available"}


@dataclass(frozen=True)
class Segment:
    start: float  # x of the left edge
    end: float  # x of the right edge
    low: float
    high: float
    band: bool
    step: TargetStep


def _start_of(key: str) -> Period | None:
    try:
        return Period.from_key(key)
    except PeriodError:
        return None


def _own_start(spec: ChartSpec, step: TargetStep) -> float:
    """Left edge of the categories inside the target's own period."""
    cats = spec.categories
    if 0 <= step.index < len(cats) and cats[step.index].key == step.period:
        return step.index - 0.5
    target = _start_of(step.period)
    if target is None:
        return step.index - 0.5
    first = step.index
    for i in range(step.index, -1, -1):
        p = _start_of(cats[i].key) if i < len(cats) else None
        if p is None or p.start < target.start:
            break
        first = i
    return first - 0.5


def target_segments(spec: ChartSpec) -> list[Segment]:
    out: list[Segment] = []
    previous_end: float | None = None
    for step in sorted(spec.targets, key=lambda t: t.index):
        if step.low is None:
            continue
        high = step.high if step.high is not None else step.low
        end = step.index + 0.5
        start = previous_end if previous_end is not None and previous_end < end else \
            _own_start(spec, step)
        band = step.operator == "band" and high != step.low
        out.append(Segment(start, end, min(step.low, high), max(step.low, high), band, step))
        previous_end = end
    return out


def step_line(segments: list[Segment]) -> tuple[list[float], list[float]]:
    """x and y of the target step line; NaN breaks it where a band is drawn instead."""
    xs: list[float] = []
    ys: list[float] = []
    for seg in segments:
        if seg.band:
            xs.append(seg.start)
            ys.append(math.nan)
            continue
        xs += [seg.start, seg.end]
        ys += [seg.low, seg.low]
    return xs, ys


def y_range(spec: ChartSpec) -> tuple[float, float]:
    ys = [y for y in spec.y_values() if y is not None and math.isfinite(y)]
    if not ys:
        return (0.0, 100.0) if spec.unit == "percent" else (0.0, 1.0)
    lo, hi = min(ys), max(ys)
    span = hi - lo
    if span == 0:
        span = abs(hi) * 0.2 or 1.0
    lo, hi = lo - span * 0.12, hi + span * 0.12
    if spec.unit in NON_NEGATIVE_UNITS and lo < 0 <= min(ys):
        lo = 0.0
    if spec.unit == "percent" and hi > 100 >= max(ys):
        hi = 100.0
    return lo, hi


def tick_step(n_visible: float, width_px: float, label_px: float) -> int:
    """The smallest step from TICK_STEPS at which the labels do not overlap."""
    fits = max(1.0, width_px / max(label_px, 1.0))
    for step in TICK_STEPS:
        if n_visible / step <= fits:
            return step
    return TICK_STEPS[-1]


def tick_indices(first: float, last: float, count: int, step: int) -> list[int]:
    lo = max(0, math.ceil(first))
    hi = min(count - 1, math.floor(last))
    if hi < lo:
        return []
    start = lo + (-lo) % step
    return list(range(start, hi + 1, step))


def hover_lines(spec: ChartSpec, index: int) -> list[str]:
    """What hovering over a category says; [] where nothing is drawn."""
    if not 0 <= index < len(spec.categories):
        return []
    lines: list[str] = []
    for p in spec.actuals:
        if p.index != index:
            continue
        status = STATUS_WORDS.get(p.status, "")
        if p.hollow:
            lines.append("Figure: not yet available")
            continue
        text = p.text + (f" ({status})" if status else "")
        lines.append(f"Figure: {text}")
        lines.append(f"Rating: {RAG(p.rag).word}" + (f" ({p.explanation})"
                                                    if getattr(p, "explanation", "") else ""))
    for s in [*spec.breakdowns, *([spec.total] if spec.total else [])]:
        for q in s.points:
            if q.index == index:
                name = s.name + (" (added up)" if s.computed else "")
                lines.append(f"{name}: {q.text}")
    for seg in target_segments(spec):  # its own target, else the next one due
        if index < seg.end:
            lines.append(f"Target: {seg.step.text} for {seg.step.label}")
            break
    for s in spec.comparators:
        for q in s.points:
            if q.index == index:
                lines.append(f"{s.name}: {q.text}")
    if spec.baseline and spec.baseline.index == index:
        lines.append(f"Baseline: {spec.baseline.text}")
    if not lines:
        return []
    return [spec.categories[index].label, *lines]


def band_rects(segments: list[Segment]) -> list[tuple[float, float, float, float]]:
    """(x0, x1, low, high) of the shaded bands, neighbouring equal bands merged."""
    out: list[tuple[float, float, float, float]] = []
    for seg in segments:
        if not seg.band:
            continue
        if out and out[-1][1] == seg.start and out[-1][2:] == (seg.low, seg.high):
            out[-1] = (out[-1][0], seg.end, seg.low, seg.high)
        else:
            out.append((seg.start, seg.end, seg.low, seg.high))
    return out
