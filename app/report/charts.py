"""A ChartSpec drawn as a vector reportlab Drawing (imported lazily, with the renderer)."""

from __future__ import annotations

import math

from reportlab import rl_config

rl_config.shapeChecking = 0  # attribute checks cost more than drawing 1,000 charts; read
# when reportlab.graphics.shapes is first imported, which is just below
from reportlab.graphics.shapes import (  # noqa: E402
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib.colors import Color, HexColor, white  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

from app import chart_geometry as geo  # noqa: E402
from app.chart_spec import (  # noqa: E402
    ACTUAL_COLOUR,
    AXIS_COLOUR,
    BAND_ALPHA,
    BAND_COLOUR,
    BASELINE_COLOUR,
    GRID_COLOUR,
    RAG_COLOURS,
    RAG_TEXT_COLOURS,
    TARGET_COLOUR,
    TOTAL_COLOUR,
    ChartSpec,
)
from app.domain import RAG  # noqa: E402
from app.report import fonts  # noqa: E402
from app.report.text import clean  # noqa: E402

FONT = fonts.REGULAR
BOLD = fonts.BOLD
LABEL_SIZE = 8  # no chart text smaller than 8 pt
_COLOURS: dict[str, HexColor] = {}


def _c(hex_: str) -> HexColor:
    c = _COLOURS.get(hex_)
    if c is None:
        c = _COLOURS[hex_] = HexColor(hex_)
    return c


ACTUAL = _c(ACTUAL_COLOUR)
TARGET = _c(TARGET_COLOUR)
AXIS = _c(AXIS_COLOUR)
_band = _c(BAND_COLOUR)
BAND_FILL = Color(_band.red, _band.green, _band.blue, alpha=BAND_ALPHA)


class Frame:
    """Data coordinates (category index, value) to the drawing's points and back."""

    LEFT, RIGHT, BOTTOM, TOP = 44, 22, 30, 20

    def __init__(self, spec: ChartSpec, width: float, height: float) -> None:
        self.left, self.bottom = self.LEFT, self.BOTTOM
        self.width = width - self.LEFT - self.RIGHT
        self.height = height - self.BOTTOM - self.TOP
        self.x0, self.x1 = geo.x_range(spec)
        self.axis = geo.y_axis(spec)

    def x(self, i: float) -> float:
        return self.left + (i - self.x0) / (self.x1 - self.x0) * self.width

    def y(self, v: float) -> float:
        a = self.axis
        return self.bottom + (v - a.low) / (a.high - a.low) * self.height

    def index(self, x: float) -> float:
        return self.x0 + (x - self.left) / self.width * (self.x1 - self.x0)

    def value(self, y: float) -> float:
        a = self.axis
        return a.low + (y - self.bottom) / self.height * (a.high - a.low)


def draw_chart(spec: ChartSpec, width: float, height: float = 150) -> Drawing:
    """The chart; its target marks are in the groups `drawing.targets` (step lines) and
    `drawing.bands` (shaded bands), so they can be read back."""
    d = Drawing(width, height, initialFontName=FONT)  # not reportlab's default, Helvetica
    f = Frame(spec, width, height)
    left, right, bottom = f.left, Frame.RIGHT, f.bottom
    for t in f.axis.ticks:  # grid, y ticks and the unit
        d.add(Line(left, f.y(t), left + f.width, f.y(t), strokeColor=_c(GRID_COLOUR),
                   strokeWidth=0.4))
        d.add(String(left - 3, f.y(t) - 2.5, geo.tick_label(t, f.axis.step), fontName=FONT,
                     fontSize=LABEL_SIZE, textAnchor="end"))
    unit = clean(spec.unit_label)
    d.add(String(2, height - 9, unit, fontName=FONT, fontSize=LABEL_SIZE))
    d.add(Line(left, bottom, left + f.width, bottom, strokeColor=AXIS, strokeWidth=0.6))
    _x_labels(d, spec, f)
    _targets(d, spec, f)
    line = geo.baseline_line(spec)
    if line is not None:
        x0, x1, level = line
        d.add(Line(f.x(x0), f.y(level), f.x(x1), f.y(level), strokeColor=_c(BASELINE_COLOUR),
                   strokeWidth=0.6, strokeDashArray=[1, 2]))
    for s in spec.comparators:  # on a white halo, so they show where they cross the target
        _polyline(d, geo.series_line(s), f, _c(s.colour), 1.0, s.dash, marker=1.4, halo=True)
    for s in spec.breakdowns:
        _polyline(d, geo.series_line(s), f, _c(s.colour), 1.0, [], marker=1.6)
    if spec.total:
        _polyline(d, geo.series_line(spec.total), f, _c(TOTAL_COLOUR), 1.2, [3, 1],
                  marker=1.6)
    _actuals(d, spec, f)
    _legend(d, spec, max(left + 30, 2 + stringWidth(unit, FONT, LABEL_SIZE) + 12), height - 9,
            width - right)
    return d


def _x_labels(d: Drawing, spec: ChartSpec, f: Frame) -> None:
    if not spec.categories:
        return
    longest = max(len(c.label) for c in spec.categories)
    for i in geo.x_ticks(spec, f.width, longest * LABEL_SIZE * 0.6 + 6):
        x = f.x(i)
        d.add(Line(x, f.bottom, x, f.bottom - 2, strokeColor=AXIS, strokeWidth=0.5))
        d.add(String(x, f.bottom - 10, spec.categories[i].label, fontName=FONT,
                     fontSize=LABEL_SIZE, textAnchor="middle"))


def _targets(d: Drawing, spec: ChartSpec, f: Frame) -> None:
    segments = geo.target_segments(spec)
    bands, steps = Group(), Group()
    for x0, x1, low, high in geo.band_rects(segments):
        bands.add(Rect(f.x(x0), f.y(low), f.x(x1) - f.x(x0), f.y(high) - f.y(low),
                       fillColor=BAND_FILL, strokeColor=_c(BAND_COLOUR), strokeWidth=0.6))
    for run in geo.line_runs(*geo.step_line(segments)):
        steps.add(PolyLine([v for x, y in run for v in (f.x(x), f.y(y))], strokeColor=TARGET,
                           strokeWidth=1.6))
    d.add(bands, name="bands")
    d.add(steps, name="targets")


def _polyline(d: Drawing, line: geo.Polyline, f: Frame, colour, width: float,
              dash: list[float], marker: float = 0, halo: bool = False) -> None:
    run: list[float] = []
    for i, (x, y) in enumerate(zip(line.xs, line.ys, strict=True)):
        run += [f.x(x), f.y(y)]
        if i == len(line.joined) or not line.joined[i]:
            if len(run) > 2 and halo:
                d.add(PolyLine(run, strokeColor=white, strokeWidth=width + 1.6))
            if len(run) > 2:
                d.add(PolyLine(run, strokeColor=colour, strokeWidth=width,
                               strokeDashArray=dash or None))
            run = []
    for x, y in line.marks if marker else ():
        d.add(Circle(f.x(x), f.y(y), marker, fillColor=colour, strokeColor=None))


def _actuals(d: Drawing, spec: ChartSpec, f: Frame) -> None:
    line = geo.actual_line(spec)
    _polyline(d, line, f, ACTUAL, 1.4, [])
    for x0, y0, x1, y1 in geo.gap_links(line):  # not measured: thin and dashed
        d.add(Line(f.x(x0), f.y(y0), f.x(x1), f.y(y1), strokeColor=ACTUAL, strokeWidth=0.8,
                   strokeDashArray=[2, 2]))
    r = 2.0 if len(spec.categories) >= 40 else 3.0
    for m in geo.actual_marks(spec, f.axis):
        x, y = f.x(m.x), f.y(m.y)
        if m.shape != "none":
            d.add(_marker(m.shape, x, y, r, _c(m.fill) if m.fill else white, _c(m.edge),
                          1.0 if m.thick_edge else 0.5))
        if m.label:
            d.add(String(x, y + (r + 1.5 if m.shape != "none" else -1), m.label,
                         fontName=FONT, fontSize=LABEL_SIZE, textAnchor="middle",
                         fillColor=_c(m.label_colour)))
    shown = [p for p in spec.actuals if p.value is not None]
    if shown:
        last = shown[-1]
        _letter(d, f.x(last.index) + r + 2, f.y(last.value) - 4, last.rag)


def _marker(shape: str, x: float, y: float, r: float, fill, edge, width: float):
    """The geometry's marker shapes as reportlab shapes of radius about r."""
    style = {"fillColor": fill, "strokeColor": edge, "strokeWidth": width}
    if shape == "square":
        return Rect(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r, **style)
    if shape == "diamond":
        return Polygon([x - r, y, x, y + r * 1.2, x + r, y, x, y - r * 1.2], **style)
    if shape == "triangle_down":
        return Polygon([x - r, y + r * 0.8, x + r, y + r * 0.8, x, y - r * 1.1], **style)
    if shape == "star":
        pts: list[float] = []
        for k in range(10):
            rad = r * 1.25 if k % 2 == 0 else r * 0.5
            a = math.pi / 2 + k * math.pi / 5
            pts += [x + rad * math.cos(a), y + rad * math.sin(a)]
        return Polygon(pts, **style)
    return Circle(x, y, r, **style)


def _letter(d: Drawing, x0: float, y0: float, rag_value: str) -> None:
    d.add(Rect(x0, y0, 11, 11, fillColor=_c(RAG_COLOURS.get(rag_value, "#999999")),
               strokeColor=ACTUAL, strokeWidth=0.4))
    d.add(String(x0 + 5.5, y0 + 2.5, RAG(rag_value).letter, fontName=BOLD, fontSize=LABEL_SIZE,
                 textAnchor="middle", fillColor=_c(RAG_TEXT_COLOURS.get(rag_value, "#000000"))))


def _legend(d: Drawing, spec: ChartSpec, x0: float, y0: float, x_max: float) -> None:
    items: list[tuple[str, object]] = []
    if any(p.value is not None for p in spec.actuals):
        items.append(("Figure", ("line", ACTUAL, None, 1.4)))
    if spec.targets:
        items.append(("Target", ("line", TARGET, None, 1.6)))
    if spec.baseline and geo.baseline_line(spec) is not None:
        items.append((f"Baseline {spec.baseline.label}",
                      ("line", _c(BASELINE_COLOUR), [1, 2], 0.6)))
    for s in spec.comparators:
        items.append((s.name, ("line", _c(s.colour), s.dash, 1.0)))
    for s in spec.breakdowns[:6]:
        items.append((clean(s.name)[:28], ("line", _c(s.colour), None, 1.0)))
    if len(spec.breakdowns) > 6:
        items.append((f"+{len(spec.breakdowns) - 6} more", ("none",)))
    if spec.total:
        items.append(("Total (added up)" if spec.total.computed else "Total",
                      ("line", _c(TOTAL_COLOUR), [3, 1], 1.2)))
    if any(p.status == "provisional" for p in spec.actuals):
        items.append(("p: provisional", ("none",)))
    if any(p.hollow for p in spec.actuals):
        items.append(("nya: not yet available", ("none",)))
    x = x0
    for text, swatch in items:
        w = stringWidth(text, FONT, LABEL_SIZE) + (16 if swatch[0] == "line" else 4)
        if x + w > x_max:
            break
        if swatch[0] == "line":
            _, colour, dash, width = swatch
            d.add(Line(x, y0 + 2.5, x + 11, y0 + 2.5, strokeColor=colour, strokeWidth=width,
                       strokeDashArray=dash))
            x += 13
        d.add(String(x, y0, text, fontName=FONT, fontSize=LABEL_SIZE))
        x += stringWidth(text, FONT, LABEL_SIZE) + 8
