"""Chart geometry (app/chart_geometry.py): where a ChartSpec's marks go, without a screen."""

from __future__ import annotations

import math

from chart_cases import indicator, monthly_inputs, quarterly_with_a_year_target

from app import chart_geometry as geo
from app import rag
from app.chart_spec import RAG_COLOURS, chart_spec_from
from app.domain import Polarity, Target, TargetOperator, Unit, Value, ValueStatus


def _spans(spec) -> list[tuple[float, float, float]]:
    return [(s.start, s.end, s.low) for s in geo.target_segments(spec)]


def test_monthly_targets_of_a_year_cover_its_months(services):
    plan = services.plans.create_plan("P")
    ind = services.indicators.create_indicator("Monthly", plan_id=plan.id, unit="count",
                                               period_type="m", polarity="lower")
    for m in range(4, 13):
        services.indicators.set_value(ind.id, f"m:2019-{m:02d}", 10 + m)
    services.indicators.add_target(ind.id, "fy:2019", "at_most", 15)
    spec = services.read.chart_spec(ind.id)
    segs = geo.target_segments(spec)
    assert len(segs) == 1
    # Apr-19 .. Mar-20: the year's target covers its twelve months
    assert (segs[0].start, segs[0].end) == (-0.5, 11.5)
    assert geo.tick_step(120, 800, 50) == 12
    assert geo.tick_indices(-0.5, 11.5, 12, 3) == [0, 3, 6, 9]


def test_each_year_target_spans_the_months_rated_against_it():
    ind, values, targets = monthly_inputs()
    spec = chart_spec_from(ind, values, targets, [])
    assert spec.categories[0].label == "Apr-18" and spec.categories[-1].label == "Mar-20"
    assert _spans(spec) == [(-0.5, 11.5, 672.0), (11.5, 23.5, 650.0)]  # 12 months each
    # and each month's figure is rated against the target drawn over it
    for p in spec.actuals:
        due = rag.target_for(p.period, targets)
        assert geo.target_at(spec, p.index).period == due.period


def test_an_annual_target_spans_the_quarters_rated_against_it():
    spec = quarterly_with_a_year_target()
    assert [c.label for c in spec.categories] == ["Q1 2019/20", "Q2 2019/20", "Q3 2019/20",
                                                  "Q4 2019/20"]
    assert _spans(spec) == [(-0.5, 3.5, 65.0)]


def test_a_period_after_the_last_target_is_not_covered():
    # an expired target is never used: 2011/12 is rated against nothing, so no line over it
    ind = indicator(unit=Unit.RATE, polarity=Polarity.LOWER)
    values = [Value(ind.id, f"fy:{y}", 100.0 + y - 2008) for y in (2008, 2009, 2010, 2011)]
    targets = [Target(ind.id, "fy:2009", TargetOperator.AT_MOST, 106),
               Target(ind.id, "fy:2010", TargetOperator.AT_MOST, 104)]
    spec = chart_spec_from(ind, values, targets, [])
    assert _spans(spec) == [(-0.5, 1.5, 106.0), (1.5, 2.5, 104.0)]
    assert geo.target_at(spec, 3) is None
    assert not any(line.startswith("Target") for line in geo.hover_lines(spec, 3))
    xs, ys = geo.step_line(geo.target_segments(spec))
    assert xs == [-0.5, 1.5, 1.5, 2.5] and ys == [106.0, 106.0, 104.0, 104.0]


def test_bands_break_the_step_line_and_are_merged():
    ind = indicator(unit=Unit.PERCENT, polarity=Polarity.BAND)
    targets = [Target(ind.id, "fy:2010", TargetOperator.AT_LEAST, 55),
               Target(ind.id, "fy:2011", TargetOperator.BAND, 60, 65),
               Target(ind.id, "fy:2012", TargetOperator.BAND, 60, 65),
               Target(ind.id, "fy:2013", TargetOperator.AT_LEAST, 58)]
    spec = chart_spec_from(ind, [Value(ind.id, "fy:2010", 58.0)], targets, [])
    segs = geo.target_segments(spec)
    assert geo.band_rects(segs) == [(0.5, 2.5, 60.0, 65.0)]
    xs, ys = geo.step_line(segs)
    assert xs[:3] == [-0.5, 0.5, 0.5] and math.isnan(ys[2])
    assert geo.line_runs(xs, ys) == [[(-0.5, 55.0), (0.5, 55.0)], [(2.5, 58.0), (3.5, 58.0)]]


def test_the_agreed_target_wins_as_in_the_rating():
    from app.domain import TargetStatus

    ind = indicator(unit=Unit.COUNT, polarity=Polarity.LOWER, decimals=0)
    targets = [Target(ind.id, "fy:2010", TargetOperator.AT_MOST, 90,
                      status=TargetStatus.PROVISIONAL),
               Target(ind.id, "fy:2010", TargetOperator.AT_MOST, 80)]
    spec = chart_spec_from(ind, [Value(ind.id, "fy:2010", 85)], targets, [])
    assert [(t.low, t.first, t.last) for t in spec.targets] == [(80.0, 0, 0)]
    assert rag.rate(ind, [Value(ind.id, "fy:2010", 85)], targets, []).target.value == 80


def test_y_axis_has_round_ticks_and_respects_the_unit():
    ind = indicator(unit=Unit.PERCENT, polarity=Polarity.HIGHER)
    spec = chart_spec_from(ind, [Value(ind.id, "fy:2010", 92.0), Value(ind.id, "fy:2011", 99.0)],
                           [Target(ind.id, "fy:2011", TargetOperator.AT_LEAST, 98.0)], [])
    axis = geo.y_axis(spec)
    assert axis.high == 100.0 and axis.low <= 92.0
    assert all(axis.low <= t <= axis.high for t in axis.ticks) and len(axis.ticks) >= 3
    count = indicator(unit=Unit.COUNT, decimals=0)
    spec = chart_spec_from(count, [Value(count.id, "fy:2010", 2), Value(count.id, "fy:2011", 40)],
                           [], [])
    assert geo.y_axis(spec).low == 0.0
    assert geo.tick_label(2500, 500) == "2,500" and geo.tick_label(0.25, 0.05) == "0.25"


def test_marks_are_shaped_and_coloured_by_rag():
    ind = indicator(unit=Unit.PERCENT, polarity=Polarity.HIGHER)
    values = [Value(ind.id, "fy:2010", 70.0), Value(ind.id, "fy:2011", 50.0),
              Value(ind.id, "fy:2012", 60.0, status=ValueStatus.PROVISIONAL),
              Value(ind.id, "fy:2013", None, status=ValueStatus.NOT_YET_AVAILABLE)]
    targets = [Target(ind.id, f"fy:{y}", TargetOperator.AT_LEAST, 60.0)
               for y in (2010, 2011, 2012, 2013)]
    spec = chart_spec_from(ind, values, targets, [])
    marks = geo.actual_marks(spec, geo.y_axis(spec))
    assert [(m.kind, m.shape) for m in marks] == [
        ("figure", "circle"), ("figure", "triangle_down"), ("figure", "circle"),
        ("pending", "circle")]
    assert marks[0].fill == RAG_COLOURS["G"] and marks[1].fill == RAG_COLOURS["R"]
    assert marks[2].fill == "" and marks[2].edge == RAG_COLOURS["G"] and marks[2].label == "p"
    assert marks[3].label == "nya" and marks[3].y == geo.y_axis(spec).floor()
    assert geo.rag_legend(spec) == ["G", "R"]
    assert len({m.shape for m in geo.RAG_MARKERS.values()}) == 5  # never colour alone


def test_a_single_comparator_figure_is_a_short_level_and_gaps_break_lines():
    from app.chart_spec import LineSeries, SeriesPoint

    one = geo.series_line(LineSeries("England", "comparator", "england",
                                     [SeriesPoint(2, 50.0, "50")]))
    assert one.xs == [1.6, 2.0, 2.4] and one.marks == [(2.0, 50.0)]
    broken = geo.series_line(LineSeries("North", "breakdown", "n", [
        SeriesPoint(0, 3.0, "3"), SeriesPoint(1, None, "<5", True), SeriesPoint(2, 6.0, "6"),
        SeriesPoint(3, 7.0, "7")]))
    assert broken.xs == [0.0, 2.0, 3.0] and broken.joined == [False, True]


def test_baseline_runs_from_its_period_to_the_end_only_with_targets():
    ind = indicator(unit=Unit.COUNT, polarity=Polarity.LOWER, decimals=0)
    values = [Value(ind.id, "fy:2010", 20), Value(ind.id, "fy:2011", 18)]
    spec = chart_spec_from(ind, values, [Target(ind.id, "fy:2012", TargetOperator.AT_MOST, 15)],
                           [])
    assert geo.baseline_line(spec) == (0.0, 2.5, 20.0)
    assert geo.baseline_line(chart_spec_from(ind, values, [], [])) is None
