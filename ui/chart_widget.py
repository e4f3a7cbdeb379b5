"""The indicator chart on screen: pyqtgraph drawing a ChartSpec (app/chart_spec.py).

Where every mark goes is app/chart_geometry.py's; the report's PDF chart draws from the
same geometry, so both show the same marks:

- actuals: a line with one marker per figure, coloured AND shaped by its RAG (Okabe-Ito
  colours; circle Green, diamond Amber, downward triangle Red, star Blue, square Grey);
  provisional figures are hollow-centred with a "p"; not-yet-available periods are hollow
  grey circles on the floor of the chart with "nya";
- targets: a black step line (a band target is a shaded band); the baseline is a dotted
  line; comparators are dashed lines, each its own pattern; breakdowns one line each, and
  a total only where the spec gives one (counts, or printed by the source);
- x: a category axis of the indicator's own periods, labelled as the board prints them,
  thinned to what fits; y: labelled with the unit; the legend sits under the plot so it
  never covers the data.

Plot items are made once and reused: `set_spec` only hands them new data.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from app import chart_geometry as geo
from app import units
from app.chart_spec import (
    ACTUAL_COLOUR,
    BAND_ALPHA,
    BAND_COLOUR,
    BASELINE_COLOUR,
    MARKER_EDGE,
    PENDING_COLOUR,
    TARGET_COLOUR,
    TOTAL_COLOUR,
    ChartSpec,
)
from app.domain import TargetOperator
from app.plain_text import escape_markup, literal_rich_text
from app.target_words import OPERATOR_WORDS

pg.setConfigOptions(antialias=True, useOpenGL=False, background="w", foreground="#222222")

# app/chart_geometry.py's shapes in pyqtgraph's symbol names
SYMBOLS = {"circle": "o", "diamond": "d", "triangle_down": "t", "star": "star", "square": "s"}
BAND_FILL = QColor(BAND_COLOUR)
BAND_FILL.setAlphaF(BAND_ALPHA)
MARKER_SIZE = 11
COMPARATOR_SYMBOLS = {"england": "+", "statistical_neighbours": "x", "region": "h",
                      "top_quartile": "p"}
BREAKDOWN_SYMBOLS = ("o", "s", "t1", "d", "h", "p", "star", "t")


class CategoryAxis(pg.AxisItem):
    """A bottom axis whose ticks are category indices labelled with the period labels."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.labels: list[str] = []
        self._label_px = 40.0

    def set_labels(self, labels: list[str]) -> None:
        self.labels = labels
        fm = QFontMetrics(self.font())
        longest = max(labels, key=len) if labels else ""
        self._label_px = fm.horizontalAdvance(longest) + 16
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802
        if not self.labels:
            return []
        step = geo.tick_step(maxVal - minVal, size, self._label_px)
        return [(float(step), geo.tick_indices(minVal, maxVal, len(self.labels), step))]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        out = []
        for v in values:
            i = int(round(v))
            out.append(self.labels[i] if 0 <= i < len(self.labels) else "")
        return out


class BandItem(pg.GraphicsObject):
    """Shaded rectangles (in data coordinates) for band targets."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRectF] = []
        self._bounds = QRectF()
        self.setZValue(-10)

    def set_rects(self, rects: list[QRectF]) -> None:
        self.prepareGeometryChange()
        self.rects = rects
        bounds = QRectF()
        for r in rects:
            bounds = bounds.united(r)
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, p: QPainter, *args) -> None:
        pen = QPen(QColor(BAND_COLOUR))
        pen.setCosmetic(True)
        pen.setWidthF(1.0)
        p.setPen(pen)
        p.setBrush(BAND_FILL)
        for r in self.rects:
            p.drawRect(r)


class _Sample(pg.ItemSample):
    """A legend sample that does not hide its series when clicked."""

    def mouseClickEvent(self, event) -> None:  # noqa: N802
        event.accept()


def _dashed(colour: str, dash: list[float], width: float = 2.0):
    pen = pg.mkPen(colour, width=width)
    if dash:
        pen.setDashPattern([max(0.5, float(d)) for d in dash])
    return pen


class IndicatorChart(QWidget):
    """Draws one ChartSpec. `set_spec(None)` clears it."""

    hovered = Signal(str)  # the hover text shown, "" when none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: ChartSpec | None = None
        self.hover_text = ""
        self._legend_wanted: list[tuple[object, str]] = []
        self._legend_shown: list[tuple[object, str]] = []
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.ci.setContentsMargins(6, 4, 10, 4)
        # Nothing to do at the chart with keys: Tab goes past it, not into a dead stop.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.title = self.view.addLabel("", row=0, col=0, size="11pt", bold=True)
        self.axis = CategoryAxis()
        # No pyqtgraph context menu, not even built: the chart is not zoomed or panned, and
        # Export chart is a button of the panel
        self.plot: pg.PlotItem = self.view.addPlot(row=1, col=0, axisItems={"bottom": self.axis},
                                                   enableMenu=False)
        self.legend = pg.LegendItem(colCount=3, sampleType=_Sample, labelTextSize="8pt",
                                    pen=None, brush=None, frame=False, verSpacing=-6)
        self.view.addItem(self.legend, row=2, col=0)
        self.view.ci.layout.setRowStretchFactor(1, 10)
        self._setup_plot()
        self._make_items()
        self.view.scene().sigMouseMoved.connect(self._mouse_moved)

    # -- set-up ---------------------------------------------------------------------------
    def _setup_plot(self) -> None:
        p = self.plot
        p.setMenuEnabled(False)
        p.hideButtons()
        p.setMouseEnabled(x=False, y=False)
        p.vb.disableAutoRange()
        p.showGrid(x=False, y=True, alpha=0.3)
        p.getAxis("left").setStyle(maxTickLevel=0)  # major grid lines only
        p.getAxis("left").setWidth(56)

    def _make_items(self) -> None:
        p = self.plot
        self.band = BandItem()
        p.addItem(self.band)
        self.baseline_line = pg.PlotDataItem(pen=pg.mkPen(BASELINE_COLOUR, width=1.2,
                                                          style=Qt.PenStyle.DotLine))
        self.target_line = pg.PlotDataItem(pen=pg.mkPen(TARGET_COLOUR, width=2),
                                           connect="finite")
        self.actual_line = pg.PlotDataItem(pen=pg.mkPen(ACTUAL_COLOUR, width=2.5),
                                           connect="finite")
        # across a period with no figure: thin and dashed, as nothing was measured there
        self.actual_gaps = pg.PlotDataItem(pen=pg.mkPen(ACTUAL_COLOUR, width=1.2,
                                                        style=Qt.PenStyle.DashLine),
                                           connect="pairs")
        self.actual_points = pg.ScatterPlotItem(size=MARKER_SIZE, pxMode=True)
        self.nya_points = pg.ScatterPlotItem(size=MARKER_SIZE, pxMode=True, symbol="o",
                                             pen=pg.mkPen(PENDING_COLOUR, width=1.5),
                                             brush=pg.mkBrush(255, 255, 255))
        for item in (self.baseline_line, self.target_line, self.actual_line, self.actual_gaps):
            p.addItem(item)
        self.actual_line.setZValue(5)
        self.actual_gaps.setZValue(5)
        self.actual_points.setZValue(10)
        self.nya_points.setZValue(10)
        p.addItem(self.actual_points)
        p.addItem(self.nya_points)
        self.comparator_lines: list[pg.PlotDataItem] = []
        self.breakdown_lines: list[pg.PlotDataItem] = []
        self.total_line = pg.PlotDataItem(pen=pg.mkPen(TOTAL_COLOUR, width=2.5), symbol="s",
                                          symbolSize=6, symbolBrush=TOTAL_COLOUR)
        p.addItem(self.total_line)
        self.labels: list[pg.TextItem] = []
        self.empty_text = pg.TextItem("", color=PENDING_COLOUR, anchor=(0.5, 0.5))
        p.addItem(self.empty_text)
        # legend samples for things drawn with per-point styles or custom items
        self._rag_samples = {
            r: pg.ScatterPlotItem(symbol=SYMBOLS[m.shape], size=10, brush=pg.mkBrush(m.colour),
                                  pen=pg.mkPen(MARKER_EDGE, width=0.8))
            for r, m in geo.RAG_MARKERS.items()}
        self._band_sample = pg.PlotDataItem(pen=pg.mkPen(BAND_COLOUR), fillLevel=0,
                                            fillBrush=BAND_FILL)
        self._actual_sample = pg.PlotDataItem(pen=pg.mkPen(ACTUAL_COLOUR, width=2.5))
        self._nya_sample = pg.ScatterPlotItem(symbol="o", size=10, brush=pg.mkBrush("w"),
                                              pen=pg.mkPen(PENDING_COLOUR, width=1.5))
        self._prov_sample = pg.ScatterPlotItem(symbol="o", size=10, brush=pg.mkBrush("w"),
                                               pen=pg.mkPen(ACTUAL_COLOUR, width=3))

    def _pool(self, pool: list[pg.PlotDataItem], n: int) -> list[pg.PlotDataItem]:
        while len(pool) < n:
            item = pg.PlotDataItem()
            item.setZValue(3)
            self.plot.addItem(item)
            pool.append(item)
        for item in pool[n:]:
            item.setData([], [])
            item.setVisible(False)
        return pool[:n]

    def _label_pool(self, n: int) -> list[pg.TextItem]:
        while len(self.labels) < n:
            t = pg.TextItem("", anchor=(0.5, 1.2))
            t.setZValue(12)
            self.plot.addItem(t)
            self.labels.append(t)
        for t in self.labels[n:]:
            t.setVisible(False)
        return self.labels[:n]

    # -- drawing --------------------------------------------------------------------------
    def set_spec(self, spec: ChartSpec | None) -> None:
        self.spec = spec
        self.hover_text = ""
        self._legend_wanted: list[tuple[object, str]] = []
        if spec is None:
            self._clear()
            self._update_legend()
            return
        self.axis.set_labels([c.label for c in spec.categories])
        self.plot.setLabel("left", escape_markup(units.axis_title(spec.unit, spec.unit_label)))
        self._set_title()
        y = geo.y_axis(spec)
        n = max(1, len(spec.categories))
        self.plot.setXRange(*geo.x_range(spec), padding=0)
        self.plot.setYRange(y.low, y.high, padding=0)
        self.plot.getAxis("left").setTicks(
            [[(t, geo.tick_label(t, y.step)) for t in y.ticks], []])
        labels = self._draw_actuals(spec, y)
        self._draw_breakdowns(spec)
        self._draw_targets(spec)
        self._draw_baseline(spec)
        self._draw_comparators(spec)
        self._draw_labels(labels)
        self._draw_empty(spec, n, y.low, y.high)
        self._update_legend()

    def _add_legend(self, item: object, name: str) -> None:
        self._legend_wanted.append((item, name))

    def _update_legend(self) -> None:
        """Rebuild the legend only when its entries change (rebuilding costs ~5 ms)."""
        if self._legend_wanted == self._legend_shown:
            return
        self.legend.clear()
        for item, name in self._legend_wanted:
            self.legend.addItem(item, escape_markup(name))  # pyqtgraph labels are HTML
        self._legend_shown = list(self._legend_wanted)

    def _clear(self) -> None:
        self.axis.set_labels([])
        self.title.setText("")
        for item in (self.baseline_line, self.target_line, self.actual_line, self.actual_gaps,
                     self.total_line):
            item.setData([], [])
        self.band.set_rects([])
        self.actual_points.setData([], [])
        self.nya_points.setData([], [])
        self._pool(self.comparator_lines, 0)
        self._pool(self.breakdown_lines, 0)
        self._label_pool(0)
        self.empty_text.setText("")

    def _set_title(self) -> None:
        if self.spec is None:
            return
        # Measured in the title's own font (11 pt bold): a title wider than the view
        # would widen the whole plot layout past the widget's edge and clip the plot.
        font = QFont(self.font())
        font.setPointSizeF(11)
        font.setBold(True)
        width = max(100, self.view.width() - 60)
        text = QFontMetrics(font).elidedText(self.spec.heading, Qt.TextElideMode.ElideRight,
                                             width)
        self.title.setText(escape_markup(text))

    def _draw_targets(self, spec: ChartSpec) -> None:
        segments = geo.target_segments(spec)
        xs, ys = geo.step_line(segments)
        self.target_line.setData(xs, ys) if xs else self.target_line.setData([], [])
        rects = [QRectF(x0, lo, x1 - x0, hi - lo) for x0, x1, lo, hi in geo.band_rects(segments)]
        self.band.set_rects(rects)
        if rects:
            self._add_legend(self._band_sample, "Target band")
        operators = {s.step.operator for s in segments if not s.band}
        if operators:
            word = OPERATOR_WORDS.get(TargetOperator(operators.pop())) \
                if len(operators) == 1 else None
            self._add_legend(self.target_line, f"Target ({word})" if word else "Target")

    def _draw_baseline(self, spec: ChartSpec) -> None:
        line = geo.baseline_line(spec)
        if line is None or spec.baseline is None:
            self.baseline_line.setData([], [])
            return
        x0, x1, level = line
        self.baseline_line.setData([x0, x1], [level, level])
        self._add_legend(self.baseline_line, f"Baseline ({spec.baseline.label})")

    def _draw_actuals(self, spec: ChartSpec, y: geo.YAxis
                      ) -> list[tuple[float, float, str, str]]:
        line = geo.actual_line(spec)
        if len(line.xs) > 1:
            self.actual_line.setData(*_broken(line))
        else:
            self.actual_line.setData([], [])
        gaps = geo.gap_links(line)
        self.actual_gaps.setData([x for x0, _, x1, _ in gaps for x in (x0, x1)],
                                 [v for _, y0, _, y1 in gaps for v in (y0, y1)])
        marks = geo.actual_marks(spec, y)
        figures = [m for m in marks if m.kind == "figure"]
        white = _brush("#FFFFFF")
        self.actual_points.setData(
            x=[m.x for m in figures], y=[m.y for m in figures],
            symbol=[SYMBOLS[m.shape] for m in figures],
            brush=[_brush(m.fill) if m.fill else white for m in figures],
            pen=[_pen(m.edge, 3.0 if m.thick_edge else 0.8) for m in figures],
            size=MARKER_SIZE if len(figures) <= 40 else (9 if len(figures) <= 80 else 7))
        pending = [m for m in marks if m.kind == "pending"]
        self.nya_points.setData(x=[m.x for m in pending], y=[m.y for m in pending])
        labels = [(m.x, m.y, m.label, m.label_colour) for m in marks if m.label]
        if figures:
            self._add_legend(self._actual_sample, "Figure" if not spec.breakdowns
                             else "Overall (as printed)")
            for r in geo.rag_legend(spec):
                self._add_legend(self._rag_samples[r], geo.RAG_MARKERS[r].legend)
        if any(m.label == "p" for m in figures):
            self._add_legend(self._prov_sample, "p: provisional")
        if pending:
            self._add_legend(self._nya_sample, "nya: not yet available")
        return labels

    def _draw_comparators(self, spec: ChartSpec) -> None:
        for item, s in zip(self._pool(self.comparator_lines, len(spec.comparators)),
                           spec.comparators, strict=True):
            line = geo.series_line(s)
            item.setData(*_broken(line), connect="finite", pen=_dashed(s.colour, s.dash),
                         symbol=COMPARATOR_SYMBOLS.get(s.key, "o"), symbolSize=8,
                         symbolBrush=s.colour, symbolPen=pg.mkPen(s.colour))
            _marks_only_at_figures(item, line)
            item.setVisible(True)
            self._add_legend(item, s.name)

    def _draw_breakdowns(self, spec: ChartSpec) -> None:
        for n, (item, s) in enumerate(zip(self._pool(self.breakdown_lines,
                                                     len(spec.breakdowns)),
                                          spec.breakdowns, strict=True)):
            line = geo.series_line(s)
            item.setData(*_broken(line), connect="finite",
                         pen=pg.mkPen(_readable(s.colour), width=2),
                         symbol=BREAKDOWN_SYMBOLS[n % len(BREAKDOWN_SYMBOLS)], symbolSize=8,
                         symbolBrush=s.colour, symbolPen=pg.mkPen("#333333", width=0.8))
            _marks_only_at_figures(item, line)
            item.setVisible(True)
            self._add_legend(item, _short(s.name))
        if spec.total is not None:
            line = geo.series_line(spec.total)
            self.total_line.setData(*_broken(line), connect="finite")
            _marks_only_at_figures(self.total_line, line)
            self._add_legend(self.total_line, "Total (added up)" if spec.total.computed
                             else "Total")
        else:
            self.total_line.setData([], [])

    def _draw_labels(self, labels: list[tuple[float, float, str, str]]) -> None:
        for item, (x, y, text, colour) in zip(self._label_pool(len(labels)), labels,
                                              strict=True):
            item.setText(text, color=colour)
            item.setPos(x, y)
            item.setVisible(True)

    def _draw_empty(self, spec: ChartSpec, n: int, lo: float, hi: float) -> None:
        if spec.empty:
            self.empty_text.setText("No figures yet" if spec.targets or spec.comparators
                                    else "No figures, targets or comparators yet")
            self.empty_text.setPos((n - 1) / 2, (lo + hi) / 2)
        else:
            self.empty_text.setText("")

    def say_empty(self, text: str) -> None:
        """Replace the empty chart's words (e.g. the meeting comes before every figure)."""
        if self.spec is not None and self.spec.empty:
            self.empty_text.setText(text)

    # -- hover ----------------------------------------------------------------------------
    def tooltip_at(self, index: int) -> str:
        return "\n".join(geo.hover_lines(self.spec, index)) if self.spec else ""

    def _mouse_moved(self, pos: QPointF) -> None:
        vb = self.plot.vb
        text = ""
        if self.spec is not None and vb.sceneBoundingRect().contains(pos):
            x = vb.mapSceneToView(pos).x()
            if math.isfinite(x):
                text = self.tooltip_at(int(round(x)))
        if text == self.hover_text:
            return
        self.hover_text = text
        if text:
            global_pos = self.view.mapToGlobal(self.view.mapFromScene(pos))
            QToolTip.showText(global_pos, literal_rich_text(text), self.view)
        else:
            QToolTip.hideText()
        self.hovered.emit(text)

    # -- export ---------------------------------------------------------------------------
    def export_png(self, path: str | Path) -> None:
        """The chart as shown, as a PNG (at the shown size: larger shrinks the legend)."""
        from pyqtgraph.exporters import ImageExporter

        exporter = ImageExporter(self.view.scene())
        exporter.parameters()["width"] = max(1, self.view.width())
        exporter.parameters()["antialias"] = True
        exporter.export(str(path))

    def export_svg(self, path: str | Path) -> None:
        """The chart as shown, as an SVG drawing.

        pyqtgraph 0.14's SVGExporter cannot read back the paths Qt 6.11's SVG generator
        writes (a lone "Z" closing a path: ValueError in correctCoordinates, even for a bare
        PlotWidget), so where it fails the view is painted straight into a QSvgGenerator.
        """
        from pyqtgraph.exporters import SVGExporter

        try:
            SVGExporter(self.view.scene()).export(str(path))
        except ValueError:
            self._render_svg(Path(path))

    def _render_svg(self, path: Path) -> None:
        from PySide6.QtCore import QRect
        from PySide6.QtSvg import QSvgGenerator

        size = self.view.size()
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(size)
        gen.setViewBox(QRect(0, 0, size.width(), size.height()))
        gen.setTitle(self.spec.heading if self.spec else "Chart")
        gen.setDescription(self.spec.text_alternative() if self.spec else "")
        painter = QPainter(gen)
        try:
            self.view.render(painter)
        finally:
            painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._set_title()


def _broken(line: geo.Polyline) -> tuple[list[float], list[float]]:
    """The line's points with a NaN where it is not joined (drawn with connect="finite")."""
    xs, ys = line.xs[:1], line.ys[:1]
    for i, joined in enumerate(line.joined):
        if not joined:
            xs.append(line.xs[i])
            ys.append(math.nan)
        xs.append(line.xs[i + 1])
        ys.append(line.ys[i + 1])
    return xs, ys


def _marks_only_at_figures(item: pg.PlotDataItem, line: geo.Polyline) -> None:
    """Markers at the figures only: not at a one-period line's ends, nor at its breaks."""
    if len(line.marks) != len(line.xs) or not all(line.joined):
        item.scatter.setData([x for x, _ in line.marks], [y for _, y in line.marks])


@functools.cache
def _brush(colour: str):
    """One brush per colour: the scatter plot's symbol atlas then draws each symbol once."""
    return pg.mkBrush(colour)


@functools.cache
def _pen(colour: str, width: float):
    return pg.mkPen(colour, width=width)


def _readable(colour: str) -> QColor:
    """A line colour dark enough to see on white (the spec's yellow is not, as a line)."""
    c = QColor(colour)
    luminance = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()
    return c.darker(150) if luminance > 0.7 else c


def _short(name: str) -> str:
    """'cohort: EHCP (All)' -> 'EHCP (All)' for the legend; the hover keeps the full name."""
    return name.split(": ", 1)[1] if ": " in name else name
