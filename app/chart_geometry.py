"""Where a ChartSpec's marks go: the one home of the chart's geometry, for the screen
(pyqtgraph, ui/chart_widget.py) and the paper (reportlab, app/report/charts.py) alike.

Everything is in data coordinates: x is a category index (category i is centred on i), y is
in the indicator's unit. A renderer only maps these to its pixels or points and picks its
own pens; it decides nothing about what goes where.

- Target spans: a target covers every category whose figure is rated against it (the RAG
  engine's `target_for`, applied when the spec is built: `TargetStep.first`/`last`), so a
  financial-year target spans its twelve months and the periods before it that fall due
  to it. Bands are shaded rectangles; other targets make one step line, broken where a
  band or an uncovered category comes between.
- Y axis: round ticks, padded so no mark sits on the frame, from 0 where the figures are
  near it, never below 0 for units that cannot be negative, never above 100 for percentages.
- X axis: the categories with a margin; tick labels as many as fit, at a step that keeps
  months and quarters aligned.
- Marks per figure: shape AND colour by RAG (colour is never the only signal); provisional
  hollow with "p"; not yet available a hollow circle on the chart's floor with "nya";
  suppressed small counts their "<5" on the floor.
- Hover text: one category's period, figure, status, rating, target and comparators.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.chart_spec import (
    ACTUAL_COLOUR,
    MARKER_EDGE,
    PENDING_COLOUR,
    RAG_COLOURS,
    ChartSpec,
    LineSeries,
    SeriesPoint,
    TargetStep,
)
from app.domain import RAG, ValueStatus

NON_NEGATIVE_UNITS = {"percent", "count", "rate", "score", "ratio", "money"}
TICK_STEPS = (1, 2, 3, 4, 6, 12, 24, 36, 48, 52, 60, 104, 120, 240, 520)
STATUS_WORDS = {ValueStatus.PROVISIONAL.value: "provisional",
                ValueStatus.NOT_YET_AVAILABLE.value: "not yet available"}
SINGLE_POINT_HALF_WIDTH = 0.4  # a one-period line is a short level across its category


@dataclass(frozen=True)
class RagMarker:
    shape: str  # "circle" | "diamond" | "triangle_down" | "star" | "square"
    colour: str
    legend: str


RAG_MARKERS = {
    RAG.GREEN.value: RagMarker("circle", RAG_COLOURS[RAG.GREEN.value], "Green: met"),
    RAG.AMBER.value: RagMarker("diamond", RAG_COLOURS[RAG.AMBER.value],
                               "Amber: within tolerance"),
    RAG.RED.value: RagMarker("triangle_down", RAG_COLOURS[RAG.RED.value], "Red: missed"),
    RAG.BLUE.value: RagMarker("star", RAG_COLOURS[RAG.BLUE.value], "Blue: achieved"),
    RAG.GREY.value: RagMarker("square", RAG_COLOURS[RAG.GREY.value], "Grey: not rated"),
}

# the marker shapes as characters, printed beside the RAG letter in tables (greyscale-safe)
SHAPE_GLYPHS = {"circle": "●", "diamond": "◆", "triangle_down": "▼", "star": "★",
                "square": "■"}


def rag_symbol(rag_value: str) -> str:
    """The shape that marks this RAG on charts, as a character."""
    return SHAPE_GLYPHS[RAG_MARKERS.get(rag_value, RAG_MARKERS[RAG.GREY.value]).shape]


# --- targets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    start: float  # x of the left edge
    end: float  # x of the right edge
    low: float
    high: float
    band: bool
    step: TargetStep

    def covers(self, index: int) -> bool:
        return self.start < index < self.end


def target_segments(spec: ChartSpec) -> list[Segment]:
    """One segment per target that covers a category, left to right."""
    out: list[Segment] = []
    for step in spec.targets:
        if step.low is None or step.first is None or step.last is None:
            continue
        high = step.high if step.high is not None else step.low
        band = step.operator == "band" and high != step.low
        out.append(Segment(step.first - 0.5, step.last + 0.5, min(step.low, high),
                           max(step.low, high), band, step))
    return sorted(out, key=lambda s: s.start)


def step_line(segments: list[Segment]) -> tuple[list[float], list[float]]:
    """x and y of the target step line; NaN breaks it where a band or a gap comes between."""
    xs: list[float] = []
    ys: list[float] = []
    for seg in segments:
        if seg.band:
            if xs and not math.isnan(ys[-1]):
                xs.append(seg.start)
                ys.append(math.nan)
            continue
        if xs and xs[-1] != seg.start and not math.isnan(ys[-1]):
            xs.append(seg.start)
            ys.append(math.nan)
        xs += [seg.start, seg.end]
        ys += [seg.low, seg.low]
    return xs, ys


def line_runs(xs: list[float], ys: list[float]) -> list[list[tuple[float, float]]]:
    """A NaN-broken line as its unbroken runs of two or more points."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        if math.isnan(y):
            runs.append([])
        else:
            runs[-1].append((x, y))
    return [r for r in runs if len(r) > 1]


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


def target_at(spec: ChartSpec, index: int) -> TargetStep | None:
    """The target drawn over category `index`: the one its figure is rated against."""
    return next((s.step for s in target_segments(spec) if s.covers(index)), None)


def baseline_line(spec: ChartSpec) -> tuple[float, float, float] | None:
    """(x0, x1, y): from the baseline's period to the end. It helps read progress towards
    targets, so a chart with no target or a single figure has none."""
    b = spec.baseline
    if b is None or len(spec.actuals) < 2 or not spec.targets:
        return None
    return float(b.index), max(1, len(spec.categories)) - 0.5, b.value


# --- axes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class YAxis:
    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = int(round((self.high - self.low) / self.step))
        return [self.low + i * self.step for i in range(count + 1)
                if self.low + i * self.step <= self.high + self.step / 1000]

    def floor(self) -> float:
        """Where marks without a value (nya, suppressed) sit: just above the bottom."""
        return self.low + (self.high - self.low) * 0.04


def y_axis(spec: ChartSpec) -> YAxis:
    ys = [y for y in spec.y_values() if y is not None and math.isfinite(y)]
    if not ys:
        return YAxis(0.0, 100.0, 20.0) if spec.unit == "percent" else YAxis(0.0, 1.0, 0.2)
    lo, hi = min(ys), max(ys)
    if 0 <= lo < 0.35 * hi:
        lo = 0.0
    if math.isclose(lo, hi):
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    else:  # keep points and targets off the frame's edges
        span = hi - lo
        lo, hi = (lo - 0.06 * span if lo != 0 else lo), hi + 0.06 * span
    raw = (hi - lo) / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    low = math.floor(lo / step) * step
    high = math.ceil(hi / step) * step
    if low < 0 <= min(ys) and (spec.unit in NON_NEGATIVE_UNITS or lo >= 0):
        low = 0.0
    if spec.unit == "percent" and high > 100 >= max(ys):
        high = 100.0
    return YAxis(float(low), float(high), float(step))


def tick_label(value: float, step: float) -> str:
    """A y tick as printed: as many decimals as the step needs, thousands separated."""
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    if step * 10 ** decimals % 1:
        decimals += 1
    return f"{value:,.{decimals}f}"


def x_range(spec: ChartSpec) -> tuple[float, float]:
    n = max(1, len(spec.categories))
    margin = 0.6 if n <= 24 else n / 40  # room for the first label on a long axis
    return -margin, n - 1 + margin


def tick_step(n_visible: float, width: float, label_width: float) -> int:
    """The smallest step from TICK_STEPS at which the labels do not overlap."""
    fits = max(1.0, width / max(label_width, 1.0))
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


def x_ticks(spec: ChartSpec, width: float, label_width: float) -> list[int]:
    """The categories labelled on an axis `width` long whose labels are `label_width`."""
    lo, hi = x_range(spec)
    step = tick_step(hi - lo, width, label_width)
    return tick_indices(lo, hi, len(spec.categories), step)


# --- lines and marks -------------------------------------------------------------------


@dataclass(frozen=True)
class Polyline:
    xs: list[float]
    ys: list[float]
    joined: list[bool]  # joined[i]: a line from point i to point i + 1
    marks: list[tuple[float, float]] = field(default_factory=list)  # the figures' own points


def _polyline(points: list[SeriesPoint]) -> Polyline:
    """Points with a value; a suppressed or missing one between breaks the line."""
    shown = [q for q in points if q.value is not None]
    if len(shown) == 1:
        x, y = float(shown[0].index), float(shown[0].value)  # type: ignore[arg-type]
        h = SINGLE_POINT_HALF_WIDTH
        return Polyline([x - h, x, x + h], [y, y, y], [True, True], [(x, y)])
    order = {id(q): i for i, q in enumerate(points)}
    xs = [float(q.index) for q in shown]
    ys = [float(q.value) for q in shown]  # type: ignore[arg-type]
    joined = [order[id(b)] - order[id(a)] == 1 for a, b in zip(shown, shown[1:], strict=False)]
    return Polyline(xs, ys, joined, list(zip(xs, ys, strict=True)))


def series_line(series: LineSeries) -> Polyline:
    """A comparator, breakdown or total line."""
    return _polyline(series.points)


def actual_line(spec: ChartSpec) -> Polyline:
    """The figures' line: joined between neighbouring periods; a gap (a period with no
    figure) is left to `gap_links`, drawn thin and dashed, as it is not measured."""
    shown = [p for p in spec.actuals if p.value is not None]
    xs = [float(p.index) for p in shown]
    ys = [float(p.value) for p in shown]  # type: ignore[arg-type]
    joined = [b.index - a.index == 1 for a, b in zip(shown, shown[1:], strict=False)]
    return Polyline(xs, ys, joined, list(zip(xs, ys, strict=True)))


def gap_links(line: Polyline) -> list[tuple[float, float, float, float]]:
    return [(line.xs[i], line.ys[i], line.xs[i + 1], line.ys[i + 1])
            for i, j in enumerate(line.joined) if not j]


@dataclass(frozen=True)
class Mark:
    kind: str  # "figure" | "pending" (not yet available) | "suppressed"
    x: float
    y: float
    shape: str  # as RagMarker.shape, or "none" for a label alone
    fill: str  # "" for hollow
    edge: str
    thick_edge: bool = False
    label: str = ""  # "p", "nya", "<5" beside or in place of the mark
    label_colour: str = ""


def rated(spec: ChartSpec) -> bool:
    """Any figure rated: a monitor-only or contextual measure gets plain marks, no RAG key."""
    return any(p.rag != RAG.GREY.value for p in spec.actuals if p.value is not None)


def actual_marks(spec: ChartSpec, axis: YAxis) -> list[Mark]:
    """One mark per figure, in the order of spec.actuals."""
    colour_by_rag = rated(spec)
    floor = axis.floor()
    out: list[Mark] = []
    for p in spec.actuals:
        if p.suppressed:
            out.append(Mark("suppressed", float(p.index), floor, "none", "", "",
                            label=p.text, label_colour=PENDING_COLOUR))
            continue
        if p.hollow or p.value is None:
            out.append(Mark("pending", float(p.index), floor, "circle", "", PENDING_COLOUR,
                            label="nya", label_colour=PENDING_COLOUR))
            continue
        marker = RAG_MARKERS.get(p.rag, RAG_MARKERS[RAG.GREY.value])
        colour = marker.colour if colour_by_rag else ACTUAL_COLOUR
        shape = marker.shape if colour_by_rag else "circle"
        if p.status == ValueStatus.PROVISIONAL.value:
            out.append(Mark("figure", float(p.index), p.value, shape, "", colour, True, "p",
                            colour))
        else:
            out.append(Mark("figure", float(p.index), p.value, shape, colour, MARKER_EDGE))
    return out


def rag_legend(spec: ChartSpec) -> list[str]:
    """The RAG values whose marker the legend explains, in RAG_MARKERS' order."""
    if not rated(spec):
        return []
    present = {p.rag for p in spec.actuals if p.value is not None}
    return [r for r in RAG_MARKERS if r in present]


# --- hover -----------------------------------------------------------------------------


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
        lines.append(f"Rating: {RAG(p.rag).word}")
    for s in [*spec.breakdowns, *([spec.total] if spec.total else [])]:
        for q in s.points:
            if q.index == index:
                name = s.name + (" (added up)" if s.computed else "")
                lines.append(f"{name}: {q.text}")
    step = target_at(spec, index)
    if step is not None:
        lines.append(f"Target: {step.text} for {step.label}")
    for s in spec.comparators:
        for q in s.points:
            if q.index == index:
                lines.append(f"{s.name}: {q.text}")
    if spec.baseline and spec.baseline.index == index:
        lines.append(f"Baseline: {spec.baseline.text}")
    if not lines:
        return []
    return [spec.categories[index].label, *lines]
