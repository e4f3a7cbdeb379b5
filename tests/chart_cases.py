"""ChartSpecs built from figures in memory (no plan file), shared by the chart tests.

No tests here: imported by tests/test_chart_geometry.py and tests/ui/test_chart_agreement.py.
"""

from __future__ import annotations

from app.chart_spec import ChartSpec, chart_spec_from
from app.domain import (
    Comparator,
    ComparatorKind,
    Indicator,
    Polarity,
    Target,
    TargetOperator,
    Unit,
    Value,
)


def indicator(**kw) -> Indicator:
    return Indicator(title=kw.pop("title", "Test"), code="T", **kw)


def monthly_inputs() -> tuple[Indicator, list[Value], list[Target]]:
    """Monthly counts over two financial years with a target for each year."""
    ind = indicator(unit=Unit.COUNT, polarity=Polarity.LOWER, period_type="m", decimals=0)
    values = [Value(ind.id, f"m:{y}-{m:02d}", 700 + m) for y, m in
              [(2018, 4), (2018, 9), (2019, 1), (2019, 6), (2020, 2)]]
    targets = [Target(ind.id, "fy:2018", TargetOperator.AT_MOST, 672),
               Target(ind.id, "fy:2019", TargetOperator.AT_MOST, 650)]
    return ind, values, targets


def monthly_with_year_targets() -> ChartSpec:
    ind, values, targets = monthly_inputs()
    return chart_spec_from(ind, values, targets, [])


def quarterly_with_a_year_target() -> ChartSpec:
    ind = indicator(unit=Unit.PERCENT, polarity=Polarity.HIGHER, period_type="fq")
    values = [Value(ind.id, f"fq:2019Q{q}", 60.0 + q) for q in (1, 2, 3)]
    return chart_spec_from(ind, values, [Target(ind.id, "fy:2019", TargetOperator.AT_LEAST, 65)],
                           [])


def yearly_like_ni70() -> ChartSpec:
    ind = indicator(unit=Unit.RATE, polarity=Polarity.LOWER, rate_base=10000)
    values = [Value(ind.id, "fy:2008", 106.5), Value(ind.id, "fy:2009", 108.3)]
    targets = [Target(ind.id, "fy:2009", TargetOperator.AT_MOST, 106),
               Target(ind.id, "fy:2010", TargetOperator.AT_MOST, 104)]
    comps = [Comparator(ind.id, ComparatorKind.ENGLAND, "fy:2008", 123.9)]
    return chart_spec_from(ind, values, targets, comps)


def bands_and_steps() -> ChartSpec:
    ind = indicator(unit=Unit.PERCENT, polarity=Polarity.BAND)
    targets = [Target(ind.id, "fy:2010", TargetOperator.AT_LEAST, 55),
               Target(ind.id, "fy:2011", TargetOperator.BAND, 60, 65),
               Target(ind.id, "fy:2012", TargetOperator.BAND, 60, 65),
               Target(ind.id, "fy:2013", TargetOperator.AT_MOST, 70)]
    values = [Value(ind.id, f"fy:{y}", 58.0 + y - 2010) for y in range(2010, 2015)]
    return chart_spec_from(ind, values, targets, [])
