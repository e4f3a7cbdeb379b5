"""ChartSpec: the plain description both the screen chart and the PDF draw."""

from __future__ import annotations

from app.chart_spec import COMPARATOR_STYLE, chart_spec_from
from app.domain import (
    ComparatorKind,
    Indicator,
    Polarity,
    Target,
    TargetOperator,
    Unit,
    Value,
    ValueStatus,
)


def test_ni70_text_alternative(services, small):
    spec = services.read.chart_spec(small["ni70"].id)
    assert [c.label for c in spec.categories] == ["2008/09", "2009/10", "2010/11"]
    assert [(p.index, p.value) for p in spec.actuals] == [(0, 106.5), (1, 108.3)]
    assert spec.text_alternative() == (
        "NI 70 Emergency admissions per 10,000: 106.5 in 2008/09 to 108.3 in 2009/10; "
        "target at most 104.0 for 2010/11; Red")
    assert spec.unit_label == "per 10,000"
    assert spec.targets[0].index == 2 and spec.targets[0].low == 104
    assert spec.baseline and spec.baseline.value == 106.5
    assert spec.comparators[0].key == "england" and spec.comparators[0].dash


def test_as_of_hides_later_figures(services, small):
    from datetime import date

    spec = services.read.chart_spec(small["ni70"].id, as_of=date(2009, 6, 1))
    assert [p.label for p in spec.actuals] == ["2008/09"]


def _ind(**kw) -> Indicator:
    return Indicator(title=kw.pop("title", "Test"), code="T", **kw)


def test_gaps_are_filled_and_other_types_placed_by_end_date():
    ind = _ind(unit=Unit.COUNT, polarity=Polarity.LOWER, period_type="m", decimals=0)
    values = [Value(ind.id, "m:2018-09", 764), Value(ind.id, "m:2018-12", 794)]
    targets = [Target(ind.id, "fy:2018", TargetOperator.AT_MOST, 672)]
    spec = chart_spec_from(ind, values, targets, [])
    assert [c.label for c in spec.categories] == ["Sep-18", "Oct-18", "Nov-18", "Dec-18",
                                                  "Jan-19", "Feb-19", "Mar-19"]
    assert [p.index for p in spec.actuals] == [0, 3]
    assert spec.targets[0].index == 6 and spec.targets[0].label == "2018/19"
    assert [p.rag for p in spec.actuals] == ["R", "R"]


def test_band_targets_have_low_and_high_and_steps_are_ordered():
    ind = _ind(unit=Unit.PERCENT, polarity=Polarity.BAND)
    targets = [Target(ind.id, "fy:2011", TargetOperator.BAND, 60, 65),
               Target(ind.id, "fy:2010", TargetOperator.AT_LEAST, 55)]
    spec = chart_spec_from(ind, [Value(ind.id, "fy:2010", 58.0)], targets, [])
    assert [(t.index, t.low, t.high) for t in spec.targets] == [(0, 55, 55), (1, 60, 65)]
    assert spec.targets[1].text == "between 60.0% and 65.0%"


def test_comparators_each_have_their_own_dash():
    ind = _ind(unit=Unit.PERCENT)
    from app.domain import Comparator

    comps = [Comparator(ind.id, k, "fy:2010", 50.0) for k in
             (ComparatorKind.ENGLAND, ComparatorKind.STATISTICAL_NEIGHBOURS,
              ComparatorKind.REGION)]
    spec = chart_spec_from(ind, [Value(ind.id, "fy:2010", 52.0)], [], comps)
    dashes = [tuple(s.dash) for s in spec.comparators]
    assert len(set(dashes)) == 3 and all(dashes)
    assert {s.key for s in spec.comparators} <= set(COMPARATOR_STYLE)


def test_breakdown_total_only_for_counts():
    values = lambda ind: [Value(ind.id, "fy:2010", 3, breakdown="area: North"),  # noqa: E731
                          Value(ind.id, "fy:2010", 4, breakdown="area: South")]
    count = _ind(unit=Unit.COUNT, decimals=0)
    spec = chart_spec_from(count, values(count), [], [])
    assert len(spec.breakdowns) == 2
    assert spec.total and spec.total.computed and spec.total.points[0].value == 7
    pct = _ind(unit=Unit.PERCENT)
    assert chart_spec_from(pct, values(pct), [], []).total is None
    # where the source printed a total (the whole, breakdown ""), nothing is added up
    printed = values(count) + [Value(count.id, "fy:2010", 7)]
    assert chart_spec_from(count, printed, [], []).total is None


def test_breakdown_only_text_alternative():
    ind = _ind(title="Gap", unit=Unit.PERCENTAGE_POINTS, decimals=0)
    vals = [Value(ind.id, "ay:2016", 26, breakdown="key stage: KS2"),
            Value(ind.id, "ay:2017", 29, breakdown="key stage: KS2")]
    alt = chart_spec_from(ind, vals, [], []).text_alternative()
    assert alt == "T Gap: key stage: KS2 26 pp in 2016/17 to 29 pp in 2017/18; not rated"


def test_status_nya_hollow_and_provisional():
    ind = _ind(unit=Unit.PERCENT)
    vals = [Value(ind.id, "fy:2010", 50.0),
            Value(ind.id, "fy:2011", 51.0, status=ValueStatus.PROVISIONAL),
            Value(ind.id, "fy:2012", None, status=ValueStatus.NOT_YET_AVAILABLE)]
    spec = chart_spec_from(ind, vals, [], [])
    assert [p.status for p in spec.actuals] == ["actual", "provisional", "nya"]
    assert [p.hollow for p in spec.actuals] == [False, False, True]


def test_small_counts_suppressed():
    ind = _ind(unit=Unit.COUNT, decimals=0)
    vals = [Value(ind.id, "fy:2010", 3), Value(ind.id, "fy:2011", 12)]
    spec = chart_spec_from(ind, vals, [], [], suppress_below=5)
    assert [(p.value, p.text) for p in spec.actuals] == [(None, "<5"), (12.0, "12")]
    assert "3" not in spec.text_alternative().split(":")[1]
    assert spec.baseline is None
    pct = _ind(unit=Unit.PERCENT)
    assert chart_spec_from(pct, [Value(pct.id, "fy:2010", 3.0)], [], [],
                           suppress_below=5).actuals[0].value == 3.0
