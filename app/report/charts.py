"""A ChartSpec drawn as a vector reportlab Drawing (imported lazily, with the renderer)."""

from __future__ import annotations

import math

from reportlab import rl_config

rl_config.shapeChecking = 0  # attribute checks cost more than drawing 1,000 charts; read
# when reportlab.graphics.shapes is first imported, which is just below
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String  # noqa: E402, E501
from reportlab.lib.colors import HexColor, white  # noqa: E402

from app.chart_spec import RAG_COLOURS, RAG_TEXT_COLOURS, ChartSpec  # noqa: E402
from app.report import fonts  # noqa: E402
from app.report.text import clean  # noqa: E402

ACTUAL = HexColor("#1F3864")
TARGET = HexColor("#333333")
GRID = HexColor("#DDDDDD")
AXIS = HexColor("#888888")
BAND_FILL = HexColor("#E6E6E6")
FONT = fonts.REGULAR
BOLD = fonts.BOLD
_COLOURS: dict[str, HexColor] = {}


def _c(hex_: str) -> HexColor:
    c = _COLOURS.get(hex_)
    if c is None:
        c = _COLOURS[hex_] = HexColor(hex_)
    return c


def nice_range(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step) with about five round ticks."""
    if not values:
        return 0.0, 1.0, 0.2
    lo, hi = min(values), max(values)
    if lo >= 0 and lo < 0.35 * hi:
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
    if lo >= 0 > low:
        low = 0.0
    return low, high, step


def _tick(x: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    if step * 10 ** decimals % 1:
        decimals += 1
    return f"{x:,.{decimals}f}"


def draw_chart(spec: ChartSpec, width: float, height: float = 150) -> Drawing:
    d = Drawing(width, height)
    left, right, bottom, top = 44, 22, 30, 20
    pw, ph = width - left - right, height - bottom - top
    n = max(1, len(spec.categories))
    low, high, step = nice_range(spec.y_values())

    def x(i: float) -> float:
        return left + (i + 0.5) * pw / n

    def y(v: float) -> float:
        return bottom + (v - low) / (high - low) * ph

    # grid, y ticks and the unit
    t = low
    while t <= high + step / 1000:
        d.add(Line(left, y(t), left + pw, y(t), strokeColor=GRID, strokeWidth=0.4))
        d.add(String(left - 3, y(t) - 2.5, _tick(t, step), fontName=FONT, fontSize=6.5,
                     textAnchor="end"))
        t += step
    d.add(String(2, height - 9, clean(spec.unit_label), fontName=FONT, fontSize=6.5))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=AXIS, strokeWidth=0.6))
    _x_labels(d, spec, x, n, pw, bottom)
    _targets(d, spec, x, y, n, pw)
    if spec.baseline:
        yb = y(spec.baseline.value)
        d.add(Line(left, yb, left + pw, yb, strokeColor=AXIS, strokeWidth=0.6,
                   strokeDashArray=[1, 2]))
    for s in spec.comparators:
        _line(d, s.points, x, y, _c(s.colour), 1.0, s.dash)
    for s in spec.breakdowns:
        _line(d, s.points, x, y, _c(s.colour), 1.0, [], marker=1.6)
    if spec.total:
        _line(d, spec.total.points, x, y, _c("#000000"), 1.2, [3, 1])
    _actuals(d, spec, x, y, bottom)
    _legend(d, spec, left, height - 9, width - right)
    return d


def _x_labels(d: Drawing, spec: ChartSpec, x, n: int, pw: float, bottom: float) -> None:
    if not spec.categories:
        return
    longest = max(len(c.label) for c in spec.categories)
    per = max(1, math.ceil((longest * 3.6 + 6) / (pw / n)))
    for i, c in enumerate(spec.categories):
        if i % per and i != n - 1:
            continue
        if i == n - 1 and i % per and (i % per) < per / 2:
            continue  # the last label would touch the one before
        d.add(Line(x(i), bottom, x(i), bottom - 2, strokeColor=AXIS, strokeWidth=0.5))
        d.add(String(x(i), bottom - 10, c.label, fontName=FONT, fontSize=6.5,
                     textAnchor="middle"))


def _targets(d: Drawing, spec: ChartSpec, x, y, n: int, pw: float) -> None:
    prev_end: float | None = None
    prev_level: float | None = None
    half = 0.5
    for t in spec.targets:
        start = x(t.index - half) if prev_end is None else prev_end
        end = x(t.index + half)
        if t.low is None:
            continue
        if t.high is not None and t.high != t.low:
            d.add(Rect(start, y(t.low), max(end - start, 1), y(t.high) - y(t.low),
                       fillColor=BAND_FILL, strokeColor=TARGET, strokeWidth=0.6))
        else:
            if prev_end is not None and prev_level is not None:
                d.add(Line(start, prev_level, start, y(t.low), strokeColor=TARGET,
                           strokeWidth=1.0))
            d.add(Line(start, y(t.low), end, y(t.low), strokeColor=TARGET, strokeWidth=1.6))
        prev_end, prev_level = end, y(t.low) if t.high == t.low else None


def _line(d: Drawing, points, x, y, colour, width: float, dash: list[float],
          marker: float = 0) -> None:
    run: list[float] = []
    for p in points:
        if p.value is None:
            if len(run) > 2:
                d.add(PolyLine(run, strokeColor=colour, strokeWidth=width,
                               strokeDashArray=dash or None))
            run = []
            continue
        run += [x(p.index), y(p.value)]
        if marker or len(points) == 1:
            d.add(Circle(x(p.index), y(p.value), marker or 2.0, fillColor=colour,
                         strokeColor=None))
    if len(run) > 2:
        d.add(PolyLine(run, strokeColor=colour, strokeWidth=width, strokeDashArray=dash or None))


def _actuals(d: Drawing, spec: ChartSpec, x, y, bottom: float) -> None:
    shown = [p for p in spec.actuals if p.value is not None]
    run: list[float] = []
    for a, b in zip(shown, shown[1:], strict=False):
        if b.index - a.index > 1:  # a gap: a thin dashed link, not a measured line
            d.add(Line(x(a.index), y(a.value), x(b.index), y(b.value), strokeColor=ACTUAL,
                       strokeWidth=0.8, strokeDashArray=[2, 2]))
            if len(run) > 2:
                d.add(PolyLine(run, strokeColor=ACTUAL, strokeWidth=1.4))
            run = []
            continue
        if not run:
            run = [x(a.index), y(a.value)]
        run += [x(b.index), y(b.value)]
    if len(run) > 2:
        d.add(PolyLine(run, strokeColor=ACTUAL, strokeWidth=1.4))
    dense = len(spec.categories) >= 40
    r = 2.0 if dense else 3.0
    for p in spec.actuals:
        colour = _c(RAG_COLOURS.get(p.rag, "#999999"))
        if p.suppressed:
            d.add(String(x(p.index), bottom + 3, p.text, fontName=FONT, fontSize=6,
                         textAnchor="middle"))
        elif p.hollow:
            d.add(Circle(x(p.index), bottom + 4, r, fillColor=white, strokeColor=AXIS,
                         strokeWidth=0.8))
        elif p.status == "provisional":
            xi, yi = x(p.index), y(p.value)
            d.add(Polygon([xi - r, yi, xi, yi + r, xi + r, yi, xi, yi - r], fillColor=colour,
                          strokeColor=ACTUAL, strokeWidth=0.5))
        elif dense:  # squares draw in one operation; circles take four curves each
            d.add(Rect(x(p.index) - r, y(p.value) - r, 2 * r, 2 * r, fillColor=colour,
                       strokeColor=None))
        else:
            d.add(Circle(x(p.index), y(p.value), r, fillColor=colour, strokeColor=ACTUAL,
                         strokeWidth=0.5))
    if shown:
        last = shown[-1]
        _letter(d, x(last.index) + r + 2, y(last.value) - 4, last.rag)


def _letter(d: Drawing, x0: float, y0: float, rag_value: str) -> None:
    from app.domain import RAG

    d.add(Rect(x0, y0, 9, 9, fillColor=_c(RAG_COLOURS.get(rag_value, "#999999")),
               strokeColor=ACTUAL, strokeWidth=0.4))
    d.add(String(x0 + 4.5, y0 + 2, RAG(rag_value).letter, fontName=BOLD, fontSize=6.5,
                 textAnchor="middle", fillColor=_c(RAG_TEXT_COLOURS.get(rag_value, "#000000"))))


def _legend(d: Drawing, spec: ChartSpec, x0: float, y0: float, x_max: float) -> None:
    items: list[tuple[str, object]] = []
    if any(p.value is not None for p in spec.actuals):
        items.append(("Figure", ("line", ACTUAL, None, 1.4)))
    if spec.targets:
        items.append(("Target", ("line", TARGET, None, 1.6)))
    if spec.baseline:
        items.append((f"Baseline {spec.baseline.label}", ("line", AXIS, [1, 2], 0.6)))
    for s in spec.comparators:
        items.append((s.name, ("line", _c(s.colour), s.dash, 1.0)))
    for s in spec.breakdowns[:6]:
        items.append((clean(s.name)[:28], ("line", _c(s.colour), None, 1.0)))
    if len(spec.breakdowns) > 6:
        items.append((f"+{len(spec.breakdowns) - 6} more", ("none",)))
    if spec.total:
        items.append(("Total (added up)" if spec.total.computed else "Total",
                      ("line", _c("#000000"), [3, 1], 1.2)))
    if any(p.status == "provisional" for p in spec.actuals):
        items.append(("◆ provisional", ("none",)))
    if any(p.hollow for p in spec.actuals):
        items.append(("○ not yet available", ("none",)))
    x = x0 + 30
    for text, swatch in items:
        w = len(text) * 3.4 + (16 if swatch[0] == "line" else 4)
        if x + w > x_max:
            break
        if swatch[0] == "line":
            _, colour, dash, width = swatch
            d.add(Line(x, y0 + 2.5, x + 11, y0 + 2.5, strokeColor=colour, strokeWidth=width,
                       strokeDashArray=dash))
            x += 13
        d.add(String(x, y0, text, fontName=FONT, fontSize=6.2))
        x += len(text) * 3.4 + 8
