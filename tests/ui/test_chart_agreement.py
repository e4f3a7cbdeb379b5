"""Screen and paper agree: the same ChartSpec gives the same target spans in the geometry,
in the pyqtgraph items drawn on screen and in the reportlab Drawing of the PDF."""

from __future__ import annotations

import math

import pytest
from chart_cases import (
    bands_and_steps,
    monthly_with_year_targets,
    quarterly_with_a_year_target,
    yearly_like_ni70,
)

from app import chart_geometry as geo
from app.report.charts import Frame, draw_chart
from ui.chart_widget import IndicatorChart

PDF_WIDTH, PDF_HEIGHT = 480, 150


CASES = {"monthly": monthly_with_year_targets, "quarterly": quarterly_with_a_year_target,
         "yearly": yearly_like_ni70, "bands": bands_and_steps}


def _r(*xs: float) -> tuple[float, ...]:
    return tuple(round(x, 3) for x in xs)


def _levels(points: list[tuple[float, float]]) -> list[tuple[float, ...]]:
    """The horizontal pieces (start, end, level) of a step line's points."""
    return [_r(x0, x1, y0) for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)
            if y0 == y1 and x1 > x0]


def geometry_spans(spec) -> tuple[list, list]:
    segs = geo.target_segments(spec)
    steps = [_r(s.start, s.end, s.low) for s in segs if not s.band]
    return sorted(steps), sorted(_r(*b) for b in geo.band_rects(segs))


def screen_spans(chart: IndicatorChart) -> tuple[list, list]:
    xs, ys = chart.target_line.getData()
    xs = [] if xs is None else [float(x) for x in xs]
    ys = [] if ys is None else [float(y) for y in ys]
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        runs.append([]) if math.isnan(y) else runs[-1].append((x, y))
    steps = [piece for run in runs for piece in _levels(run)]
    bands = [_r(r.left(), r.right(), r.top(), r.bottom()) for r in chart.band.rects]
    return sorted(steps), sorted(bands)


def pdf_spans(spec) -> tuple[list, list]:
    drawing = draw_chart(spec, PDF_WIDTH, PDF_HEIGHT)
    f = Frame(spec, PDF_WIDTH, PDF_HEIGHT)
    steps = []
    for line in drawing.targets.contents:
        pts = [(f.index(x), f.value(y)) for x, y in zip(line.points[::2], line.points[1::2],
                                                         strict=True)]
        steps += _levels(pts)
    bands = [_r(f.index(r.x), f.index(r.x + r.width), f.value(r.y), f.value(r.y + r.height))
             for r in drawing.bands.contents]
    return sorted(steps), sorted(bands)


@pytest.fixture
def chart(qtbot):
    c = IndicatorChart()
    qtbot.addWidget(c)
    c.resize(700, 360)
    c.show()
    return c


@pytest.mark.parametrize("case", CASES)
def test_same_spec_same_target_spans_on_screen_and_paper(chart, case):
    spec = CASES[case]()
    chart.set_spec(spec)
    expected = geometry_spans(spec)
    assert expected[0] or expected[1]
    assert screen_spans(chart) == expected
    assert pdf_spans(spec) == expected


def test_a_financial_year_target_spans_twelve_months_on_screen_and_paper(chart):
    spec = monthly_with_year_targets()
    chart.set_spec(spec)
    twelve_months_each = [(-0.5, 11.5, 672.0), (11.5, 23.5, 650.0)]
    assert screen_spans(chart)[0] == twelve_months_each
    assert pdf_spans(spec)[0] == twelve_months_each
    first = [c.label for c in spec.categories[:12]]
    assert first[0] == "Apr-18" and first[-1] == "Mar-19"


def test_screen_and_paper_share_the_y_axis_and_marker_shapes(chart):
    spec = bands_and_steps()
    chart.set_spec(spec)
    axis = geo.y_axis(spec)
    assert chart.plot.vb.viewRange()[1] == pytest.approx([axis.low, axis.high])
    major, _minor = chart.plot.getAxis("left")._tickLevels  # set by setTicks; no getter
    assert [t for t, _label in major] == pytest.approx(axis.ticks)
    f = Frame(spec, PDF_WIDTH, PDF_HEIGHT)
    assert (f.axis.low, f.axis.high) == (axis.low, axis.high)
    shown = [m.shape for m in geo.actual_marks(spec, axis) if m.kind == "figure"]
    symbols = {"circle": "o", "diamond": "d", "triangle_down": "t", "star": "star",
               "square": "s"}
    assert list(chart.actual_points.data["symbol"]) == [symbols[s] for s in shown]
