"""The RAG engine (app/rag.py) against DESIGN.md's RAG rules."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import (
    RAG,
    Comparator,
    ComparatorKind,
    Direction,
    Indicator,
    IndicatorKind,
    Polarity,
    Target,
    TargetOperator,
    TargetStatus,
    ToleranceKind,
    Unit,
    Value,
    ValueStatus,
)
from app.rag import Rating, direction, direction_arrow, rate

OP = TargetOperator
HIGHER, LOWER, BAND, NONE = Polarity.HIGHER, Polarity.LOWER, Polarity.BAND, Polarity.NONE
ENGLAND = ComparatorKind.ENGLAND
YEAR = "fy:2017"  # 2017/18


def indicator(**kw) -> Indicator:
    kw.setdefault("unit", Unit.PERCENT)
    kw.setdefault("decimals", 1)
    return Indicator("Test indicator", **kw)


def value(ind: Indicator, period: str, x: float | None, **kw) -> Value:
    return Value(ind.id, period, x, **kw)


def target(ind: Indicator, period: str, op: TargetOperator, x=None, high=None, **kw) -> Target:
    return Target(ind.id, period, op, x, high, **kw)


def england(ind: Indicator, period: str, x: float) -> Comparator:
    return Comparator(ind.id, ENGLAND, period, x)


def rate_one(ind, x, tgt, comparators=(), extra_values=()) -> Rating:
    values = [*extra_values, value(ind, YEAR, x)]
    return rate(ind, values, [tgt], list(comparators))


# --- every operator x polarity at the tolerance edges -------------------------------------


def _case(op: TargetOperator, polarity: Polarity):
    """An indicator, its target and supporting figures whose required level is 80 (band 60-70)."""
    ind = indicator(polarity=polarity)
    extra, comps = [], []
    if op is OP.BAND:
        tgt = target(ind, YEAR, op, 60, 70)
    elif op is OP.RELATIVE_TO_BASELINE:
        base = 50 if polarity is HIGHER else 100
        extra = [value(ind, "fy:2015", base)]
        tgt = target(ind, YEAR, op, 80 - base)
    elif op is OP.RELATIVE_TO_COMPARATOR:
        comps = [england(ind, YEAR, 80)]
        tgt = target(ind, YEAR, op, comparator=ENGLAND)
    else:
        tgt = target(ind, YEAR, op, 80)
    return ind, tgt, comps, extra


HAIR = 1e-6
EDGE_CASES = [
    # operator, polarity, figure, expected RAG
    *[(OP.AT_LEAST, p, x, r) for p in (HIGHER, LOWER, BAND) for x, r in [
        (80, RAG.GREEN), (80 + HAIR, RAG.GREEN), (80 - HAIR, RAG.AMBER),
        (76, RAG.AMBER), (76 - HAIR, RAG.RED)]],
    *[(OP.AT_MOST, p, x, r) for p in (HIGHER, LOWER, BAND) for x, r in [
        (80, RAG.GREEN), (80 - HAIR, RAG.GREEN), (80 + HAIR, RAG.AMBER),
        (84, RAG.AMBER), (84 + HAIR, RAG.RED)]],
    *[(OP.EQUAL, p, x, r) for p in (HIGHER, LOWER, BAND) for x, r in [
        (80, RAG.GREEN), (80 + HAIR, RAG.AMBER), (80 - HAIR, RAG.AMBER),
        (84, RAG.AMBER), (84 + HAIR, RAG.RED), (76, RAG.AMBER), (76 - HAIR, RAG.RED)]],
    *[(OP.BAND, p, x, r) for p in (HIGHER, LOWER, BAND) for x, r in [
        (60, RAG.GREEN), (65, RAG.GREEN), (70, RAG.GREEN),
        (60 - HAIR, RAG.AMBER), (57, RAG.AMBER), (57 - HAIR, RAG.RED),  # 5% of 60
        (70 + HAIR, RAG.AMBER), (73.5, RAG.AMBER), (73.5 + HAIR, RAG.RED)]],  # 5% of 70
    *[(op, HIGHER, x, r) for op in (OP.RELATIVE_TO_BASELINE, OP.RELATIVE_TO_COMPARATOR)
      for x, r in [(80, RAG.GREEN), (90, RAG.GREEN), (76, RAG.AMBER), (76 - HAIR, RAG.RED)]],
    *[(op, LOWER, x, r) for op in (OP.RELATIVE_TO_BASELINE, OP.RELATIVE_TO_COMPARATOR)
      for x, r in [(80, RAG.GREEN), (70, RAG.GREEN), (84, RAG.AMBER), (84 + HAIR, RAG.RED)]],
]  # fmt: skip


@pytest.mark.parametrize(("op", "polarity", "x", "expected"), EDGE_CASES)
def test_tolerance_edges(op, polarity, x, expected):
    ind, tgt, comps, extra = _case(op, polarity)
    rating = rate_one(ind, x, tgt, comps, extra)
    assert rating.rag is expected, rating.explanation
    rules = {RAG.GREEN: "met", RAG.AMBER: "within_tolerance", RAG.RED: "missed"}
    assert rating.rule == rules[expected]
    assert rating.explanation.startswith(expected.word + ": ")
    assert rating.target is tgt


EXPLANATIONS = [
    (OP.AT_LEAST, HIGHER, 80, "Green: 80.0% met the target of at least 80.0% for 2017/18."),
    (OP.AT_LEAST, HIGHER, 76, "Amber: 76.0% against a target of at least 80.0% for 2017/18, "
                              "5.0% short; higher is better."),
    (OP.AT_LEAST, HIGHER, 75.9, "Red: 75.9% against a target of at least 80.0% for 2017/18, "
                                "5.1% short; higher is better."),
    (OP.AT_MOST, LOWER, 79, "Green: 79.0% met the target of at most 80.0% for 2017/18."),
    (OP.AT_MOST, LOWER, 84, "Amber: 84.0% against a target of at most 80.0% for 2017/18, "
                            "5.0% over; lower is better."),
    (OP.AT_MOST, LOWER, 96, "Red: 96.0% against a target of at most 80.0% for 2017/18, "
                            "20% over; lower is better."),
    (OP.EQUAL, HIGHER, 80, "Green: 80.0% met the target of 80.0% for 2017/18."),
    (OP.EQUAL, HIGHER, 80.5, "Amber: 80.5% against a target of 80.0% for 2017/18, 0.6% over."),
    (OP.EQUAL, LOWER, 75.2, "Red: 75.2% against a target of 80.0% for 2017/18, 6.0% short."),
    (OP.BAND, BAND, 65, "Green: 65.0% met the target of between 60.0% and 70.0% for 2017/18."),
    (OP.BAND, BAND, 57, "Amber: 57.0% against a target of between 60.0% and 70.0% for 2017/18, "
                        "5.0% below the band; within the band is best."),
    (OP.BAND, BAND, 73.6, "Red: 73.6% against a target of between 60.0% and 70.0% for "
                          "2017/18, 5.1% above the band; within the band is best."),
    (OP.RELATIVE_TO_BASELINE, HIGHER, 76,
     "Amber: 76.0% against a target of at least 80.0% (+30.0 pp on the 2015/16 baseline of "
     "50.0%) for 2017/18, 5.0% short; higher is better."),
    (OP.RELATIVE_TO_BASELINE, LOWER, 79,
     "Green: 79.0% met the target of at most 80.0% (-20.0 pp on the 2015/16 baseline of "
     "100.0%) for 2017/18."),
    (OP.RELATIVE_TO_COMPARATOR, HIGHER, 76,
     "Amber: 76.0% against a target of at least the England average (80.0%) for 2017/18, "
     "5.0% short; higher is better."),
    (OP.RELATIVE_TO_COMPARATOR, LOWER, 88,
     "Red: 88.0% against a target of at most the England average (80.0%) for 2017/18, "
     "10% over; lower is better."),
]  # fmt: skip


@pytest.mark.parametrize(("op", "polarity", "x", "sentence"), EXPLANATIONS)
def test_explanations(op, polarity, x, sentence):
    ind, tgt, comps, extra = _case(op, polarity)
    assert rate_one(ind, x, tgt, comps, extra).explanation == sentence


def test_design_examples():
    admissions = indicator(unit=Unit.COUNT, polarity=LOWER, decimals=0)
    rating = rate(
        admissions,
        [value(admissions, "fy:2018", 794)],
        [target(admissions, "fy:2018", OP.AT_MOST, 672)],
        [],
    )
    assert rating.explanation == (
        "Red: 794 against a target of at most 672 for 2018/19, 18% over; lower is better."
    )
    assert rating.gap == pytest.approx(122)

    pct = indicator(polarity=HIGHER, decimals=0)
    rating = rate(pct, [value(pct, YEAR, 74)], [target(pct, YEAR, OP.AT_LEAST, 75)], [])
    assert rating.explanation == (
        "Amber: 74% against a target of at least 75% for 2017/18, 1.3% short; higher is better."
    )

    ni70 = indicator(unit=Unit.RATE, rate_base=10000, polarity=LOWER)
    rating = rate(
        ni70, [value(ni70, "fy:2009", 106.0)], [target(ni70, "fy:2009", OP.AT_MOST, 107.8)], []
    )
    assert rating.explanation == (
        "Green: 106.0 per 10,000 met the target of at most 107.8 for 2009/10."
    )
    assert rating.gap == pytest.approx(-1.8)


def test_gap_is_signed_shortfall():
    ind, tgt, _, _ = _case(OP.AT_LEAST, HIGHER)
    assert rate_one(ind, 78, tgt).gap == pytest.approx(2)
    assert rate_one(ind, 83, tgt).gap == pytest.approx(-3)


# --- tolerance kinds and zero targets -----------------------------------------------------


def test_absolute_tolerance_in_percentage_points():
    ind = indicator(polarity=HIGHER, tolerance=2, tolerance_kind=ToleranceKind.ABSOLUTE)
    tgt = target(ind, YEAR, OP.AT_LEAST, 80)
    amber = rate_one(ind, 78, tgt)
    assert amber.rag is RAG.AMBER
    assert amber.explanation == (
        "Amber: 78.0% against a target of at least 80.0% for 2017/18, 2.0 pp short; "
        "higher is better."
    )
    assert rate_one(ind, 78 - HAIR, tgt).rag is RAG.RED
    # 5% of 80 would be 4: the absolute tolerance replaces it
    assert rate_one(ind, 77, tgt).rag is RAG.RED


def test_relative_tolerance_custom_fraction():
    ind = indicator(polarity=LOWER, unit=Unit.COUNT, tolerance=0.1)
    tgt = target(ind, YEAR, OP.AT_MOST, 200)
    assert rate_one(ind, 220, tgt).rag is RAG.AMBER
    assert rate_one(ind, 221, tgt).rag is RAG.RED


def test_zero_target_with_relative_tolerance_has_no_tolerance():
    ind = indicator(unit=Unit.COUNT, polarity=LOWER, decimals=0)
    tgt = target(ind, YEAR, OP.AT_MOST, 0)
    assert rate_one(ind, 0, tgt).rag is RAG.GREEN
    red = rate_one(ind, 1, tgt)
    assert red.rag is RAG.RED
    assert red.explanation == (
        "Red: 1 against a target of at most 0 for 2017/18, 1 over; lower is better."
    )


def test_zero_target_with_absolute_tolerance():
    ind = indicator(
        unit=Unit.COUNT, polarity=LOWER, tolerance=2, tolerance_kind=ToleranceKind.ABSOLUTE
    )
    tgt = target(ind, YEAR, OP.AT_MOST, 0)
    assert rate_one(ind, 2, tgt).rag is RAG.AMBER
    assert rate_one(ind, 3, tgt).rag is RAG.RED


def test_percentage_point_unit_gap_in_points():
    ind = indicator(unit=Unit.PERCENTAGE_POINTS, polarity=LOWER)
    rating = rate_one(ind, 12, target(ind, YEAR, OP.AT_MOST, 10))
    assert rating.explanation == (
        "Red: 12.0 pp against a target of at most 10.0 pp for 2017/18, 2.0 pp over; "
        "lower is better."
    )


# --- which target -------------------------------------------------------------------------


def test_same_period_target_preferred_over_later():
    ind = indicator(polarity=HIGHER)
    targets = [target(ind, "fy:2018", OP.AT_LEAST, 90), target(ind, YEAR, OP.AT_LEAST, 70)]
    rating = rate(ind, [value(ind, YEAR, 75)], targets, [])
    assert rating.rag is RAG.GREEN
    assert rating.target is targets[1]


def test_next_target_due_is_named():
    ind = indicator(unit=Unit.COUNT, polarity=LOWER, decimals=0)
    targets = [
        target(ind, "fy:2020", OP.AT_MOST, 500),
        target(ind, "fy:2018", OP.AT_MOST, 672),
        target(ind, "fy:2015", OP.AT_MOST, 900),  # before the figure: not used
    ]
    rating = rate(ind, [value(ind, "fy:2017", 794)], targets, [])
    assert rating.target is targets[1]
    assert rating.rag is RAG.RED
    assert "against the March 2019 target" in rating.explanation
    assert rating.explanation == (
        "Red: 794 for 2017/18 against the March 2019 target of at most 672, 18% over; "
        "lower is better."
    )


def test_next_target_due_green_sentence():
    ind = indicator(unit=Unit.RATE, rate_base=10000, polarity=LOWER)
    rating = rate(
        ind, [value(ind, "fy:2008", 106.5)], [target(ind, "fy:2010", OP.AT_MOST, 104)], []
    )
    assert rating.rag is RAG.AMBER
    assert rating.explanation == (
        "Amber: 106.5 per 10,000 for 2008/09 against the March 2011 target of at most 104.0, "
        "2.4% over; lower is better."
    )
    rating = rate(ind, [value(ind, "fy:2008", 100)], [target(ind, "fy:2010", OP.AT_MOST, 104)], [])
    assert rating.explanation == (
        "Green: 100.0 per 10,000 for 2008/09 met the March 2011 target of at most 104.0."
    )


def test_quarter_rated_against_year_target_it_falls_in():
    ind = indicator(polarity=HIGHER)
    tgt = target(ind, "fy:2018", OP.AT_LEAST, 80)
    rating = rate(ind, [value(ind, "fq:2018Q2", 79)], [tgt], [])
    assert rating.target is tgt
    assert rating.explanation.startswith(
        "Amber: 79.0% for Q2 2018/19 against the March 2019 target"
    )


def test_only_earlier_targets_gives_grey_no_target():
    ind = indicator(polarity=HIGHER)
    rating = rate(ind, [value(ind, "fy:2014", 75)], [target(ind, "fy:2012", OP.AT_LEAST, 70)], [])
    assert (rating.rag, rating.rule) == (RAG.GREY, "no_target")
    assert rating.explanation == (
        "Grey: 75.0% for 2014/15 has no target due then or later (the last was for 2012/13)."
    )
    assert rating.value is not None and rating.target is None


def test_no_targets_at_all():
    ind = indicator(polarity=HIGHER)
    rating = rate(ind, [value(ind, YEAR, 75)], [], [])
    assert (rating.rag, rating.rule) == (RAG.GREY, "no_target")
    assert rating.explanation == "Grey: 75.0% for 2017/18 has no target to be rated against."


def test_superseded_target_ignored():
    ind = indicator(polarity=HIGHER)
    new = target(ind, YEAR, OP.AT_LEAST, 70)
    old = target(ind, YEAR, OP.AT_LEAST, 90, superseded_by=new.id)
    rating = rate(ind, [value(ind, YEAR, 75)], [old, new], [])
    assert rating.target is new
    assert rating.rag is RAG.GREEN
    only_old = rate(ind, [value(ind, YEAR, 75)], [old], [])
    assert only_old.rule == "no_target"


def test_agreed_target_beats_provisional_for_same_period():
    ind = indicator(polarity=HIGHER)
    provisional = target(ind, YEAR, OP.AT_LEAST, 90, status=TargetStatus.PROVISIONAL)
    agreed = target(ind, YEAR, OP.AT_LEAST, 70)
    assert rate(ind, [value(ind, YEAR, 75)], [provisional, agreed], []).target is agreed


def test_targets_of_other_indicators_ignored():
    ind, other = indicator(polarity=HIGHER), indicator(polarity=HIGHER)
    rating = rate(ind, [value(ind, YEAR, 75)], [target(other, YEAR, OP.AT_LEAST, 90)], [])
    assert rating.rule == "no_target"


# --- comparators --------------------------------------------------------------------------


def test_comparator_of_same_period_used():
    ind = indicator(polarity=HIGHER)
    tgt = target(ind, YEAR, OP.RELATIVE_TO_COMPARATOR, comparator=ENGLAND)
    comps = [england(ind, "fy:2016", 60), england(ind, YEAR, 80)]
    rating = rate(ind, [value(ind, YEAR, 75)], [tgt], comps)
    assert rating.rag is RAG.RED
    assert rating.comparator_value == 80


def test_no_comparator_for_the_period_is_grey():
    ind = indicator(polarity=HIGHER)
    tgt = target(ind, YEAR, OP.RELATIVE_TO_COMPARATOR, comparator=ENGLAND)
    comps = [england(ind, "fy:2016", 60), Comparator(ind.id, ComparatorKind.REGION, YEAR, 70)]
    rating = rate(ind, [value(ind, YEAR, 75)], [tgt], comps)
    assert (rating.rag, rating.rule) == (RAG.GREY, "no_comparator")
    assert rating.explanation == (
        "Grey: 75.0% for 2017/18 is not rated; the England average for 2017/18 is not known."
    )


def test_comparator_with_offset_and_other_kinds():
    ind = indicator(polarity=HIGHER)
    tgt = target(ind, YEAR, OP.RELATIVE_TO_COMPARATOR, 2, comparator=ComparatorKind.TOP_QUARTILE)
    comps = [Comparator(ind.id, ComparatorKind.TOP_QUARTILE, YEAR, 76)]
    rating = rate(ind, [value(ind, YEAR, 75)], [tgt], comps)
    assert rating.rag is RAG.AMBER
    assert rating.explanation == (
        "Amber: 75.0% against a target of at least 78.0% (+2.0 pp on the top-quartile threshold "
        "of 76.0%) for 2017/18, 3.8% short; higher is better."
    )


def test_comparator_for_next_due_target_uses_figure_period():
    ind = indicator(polarity=LOWER)
    tgt = target(ind, "fy:2019", OP.RELATIVE_TO_COMPARATOR, comparator=ENGLAND)
    comps = [england(ind, YEAR, 80), england(ind, "fy:2019", 50)]
    rating = rate(ind, [value(ind, YEAR, 79)], [tgt], comps)
    assert rating.rag is RAG.GREEN
    assert rating.comparator_value == 80


# --- text, contextual, milestone, baseline ------------------------------------------------


def test_text_target_is_grey():
    ind = indicator(polarity=HIGHER)
    tgt = target(ind, YEAR, OP.TEXT, raw_text="To be agreed")
    rating = rate(ind, [value(ind, YEAR, 75)], [tgt], [])
    assert (rating.rag, rating.rule) == (RAG.GREY, "text_target")
    assert rating.explanation == (
        'Grey: 75.0% for 2017/18 is not rated; the target ("To be agreed") is in words only.'
    )


def test_target_to_be_agreed_without_figure_is_grey():
    ind = indicator(polarity=HIGHER)
    tgt = target(ind, YEAR, OP.AT_LEAST, None, status=TargetStatus.TO_BE_AGREED)
    rating = rate(ind, [value(ind, YEAR, 75)], [tgt], [])
    assert rating.rule == "text_target"
    assert rating.explanation.endswith("the target is still to be agreed.")


@pytest.mark.parametrize(
    "ind",
    [indicator(polarity=NONE), indicator(polarity=HIGHER, kind=IndicatorKind.MONITOR)],
    ids=["no-polarity", "monitor"],
)
def test_contextual_is_grey_even_with_a_target(ind):
    rating = rate(ind, [value(ind, YEAR, 75)], [target(ind, YEAR, OP.AT_LEAST, 90)], [])
    assert (rating.rag, rating.rule) == (RAG.GREY, "contextual")
    assert rating.explanation == (
        "Grey: 75.0% for 2017/18; a contextual measure, shown for trend and comparison, not rated."
    )


def test_milestone_done_is_blue():
    ind = indicator(unit=Unit.COUNT, polarity=HIGHER, kind=IndicatorKind.MILESTONE)
    tgt = target(ind, "fy:2019", OP.AT_LEAST, 1)
    rating = rate(ind, [value(ind, YEAR, 1)], [tgt], [])
    assert (rating.rag, rating.rule) == (RAG.BLUE, "milestone_done")
    assert rating.explanation == "Blue: milestone complete in 2017/18."


def test_milestone_not_yet_due_is_pending():
    ind = indicator(unit=Unit.COUNT, polarity=HIGHER, kind=IndicatorKind.MILESTONE)
    tgt = target(ind, "fy:2019", OP.AT_LEAST, 1)
    rating = rate(ind, [value(ind, YEAR, 0)], [tgt], [])
    assert (rating.rag, rating.rule) == (RAG.GREY, "milestone_pending")
    assert rating.explanation == "Grey: milestone not yet complete in 2017/18; due by March 2020."


def test_milestone_missed_when_due():
    ind = indicator(unit=Unit.COUNT, polarity=HIGHER, kind=IndicatorKind.MILESTONE)
    rating = rate(ind, [value(ind, YEAR, 0)], [target(ind, YEAR, OP.AT_LEAST, 1)], [])
    assert rating.rag is RAG.RED


def test_baseline_established_is_blue():
    ind = indicator(polarity=HIGHER, kind=IndicatorKind.BASELINE)
    rating = rate(ind, [value(ind, YEAR, 42.5)], [], [])
    assert (rating.rag, rating.rule) == (RAG.BLUE, "baseline_established")
    assert rating.explanation == "Blue: baseline established at 42.5% for 2017/18."
    with_target = rate(ind, [value(ind, YEAR, 42.5)], [target(ind, YEAR, OP.AT_LEAST, 40)], [])
    assert with_target.rag is RAG.GREEN


# --- no value, nya, and which figure ------------------------------------------------------


def test_no_value_is_grey():
    ind = indicator(polarity=HIGHER)
    rating = rate(ind, [], [target(ind, YEAR, OP.AT_LEAST, 90)], [], period="fy:2019")
    assert (rating.rag, rating.rule) == (RAG.GREY, "no_value")
    assert rating.explanation == "Grey: no figure for 2019/20."
    assert rate(ind, [], [], []).explanation == "Grey: no figure yet."
    assert rate(ind, [], [], [], as_of=date(2020, 4, 1)).explanation == (
        "Grey: no figure as at 01/04/2020."
    )


def test_nya_is_not_a_value():
    ind = indicator(polarity=HIGHER)
    nya = value(ind, "fy:2009", None, status=ValueStatus.NOT_YET_AVAILABLE, expected="July 2010")
    rating = rate(ind, [nya], [target(ind, "fy:2009", OP.AT_LEAST, 90)], [])
    assert (rating.rag, rating.rule) == (RAG.GREY, "no_value")
    assert rating.value is None
    assert rating.explanation == (
        "Grey: the figure for 2009/10 is not yet available (expected July 2010)."
    )
    # with an earlier actual, that actual is rated
    earlier = value(ind, "fy:2008", 95)
    rating = rate(ind, [nya, earlier], [target(ind, "fy:2009", OP.AT_LEAST, 90)], [])
    assert rating.value is earlier and rating.rag is RAG.GREEN


def test_nya_for_asked_period():
    ind = indicator(polarity=HIGHER)
    nya = value(ind, "fy:2009", None, status=ValueStatus.NOT_YET_AVAILABLE)
    rating = rate(ind, [nya, value(ind, "fy:2008", 95)], [], [], period="fy:2009")
    assert rating.explanation == "Grey: the figure for 2009/10 is not yet available."


def test_latest_value_as_of():
    ind = indicator(polarity=HIGHER)
    values = [value(ind, "fy:2016", 70), value(ind, "fy:2017", 80), value(ind, "fy:2015", 60)]
    targets = [target(ind, "fy:2018", OP.AT_LEAST, 80)]
    assert rate(ind, values, targets, []).value is values[1]
    assert rate(ind, values, targets, [], as_of=date(2018, 3, 30)).value is values[0]
    assert rate(ind, values, targets, [], as_of=date(2017, 3, 31)).value is values[0]
    assert rate(ind, values, targets, [], period="fy:2015").value is values[2]


def test_actual_beats_provisional_and_provisional_is_rated():
    ind = indicator(polarity=HIGHER)
    provisional = value(ind, YEAR, 70, status=ValueStatus.PROVISIONAL)
    actual = value(ind, YEAR, 80)
    targets = [target(ind, YEAR, OP.AT_LEAST, 80)]
    assert rate(ind, [provisional, actual], targets, []).value is actual
    assert rate(ind, [provisional], targets, []).value is provisional


def test_breakdowns_are_separate():
    ind = indicator(polarity=HIGHER)
    whole = value(ind, YEAR, 80)
    cohort = value(ind, "fy:2018", 50, breakdown="cohort: EHCP")
    targets = [target(ind, YEAR, OP.AT_LEAST, 80), target(ind, "fy:2018", OP.AT_LEAST, 80)]
    assert rate(ind, [whole, cohort], targets, []).value is whole
    rating = rate(ind, [whole, cohort], targets, [], breakdown="cohort: EHCP")
    assert rating.value is cohort and rating.rag is RAG.RED


def test_values_of_other_indicators_ignored():
    ind, other = indicator(polarity=HIGHER), indicator(polarity=HIGHER)
    assert rate(ind, [value(other, YEAR, 80)], [], []).rule == "no_value"


# --- direction of travel ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "before", "after", "expected"),
    [
        (HIGHER, 70, 75, Direction.IMPROVING),
        (HIGHER, 75, 70, Direction.WORSENING),
        (LOWER, 75, 70, Direction.IMPROVING),
        (LOWER, 70, 75, Direction.WORSENING),
        (HIGHER, 70, 70, Direction.SAME),
        (LOWER, 0.3, 0.1 + 0.2, Direction.SAME),
        (BAND, 70, 75, Direction.UNKNOWN),
        (NONE, 70, 75, Direction.UNKNOWN),
    ],
)
def test_direction(polarity, before, after, expected):
    ind = indicator(polarity=polarity)
    values = [value(ind, "fy:2017", after), value(ind, "fy:2016", before)]
    assert direction(ind, values) is expected


def test_direction_needs_two_rated_figures():
    ind = indicator(polarity=HIGHER)
    nya = value(ind, "fy:2018", None, status=ValueStatus.NOT_YET_AVAILABLE)
    assert direction(ind, [value(ind, YEAR, 70), nya]) is Direction.UNKNOWN
    assert direction(ind, []) is Direction.UNKNOWN


def test_direction_as_of_and_breakdown():
    ind = indicator(polarity=HIGHER)
    values = [
        value(ind, "fy:2015", 60),
        value(ind, "fy:2016", 70),
        value(ind, "fy:2017", 65),
        value(ind, "fy:2017", 99, breakdown="area: North"),
        value(ind, "fy:2016", 90, breakdown="area: North"),
    ]
    assert direction(ind, values) is Direction.WORSENING
    assert direction(ind, values, as_of=date(2017, 3, 31)) is Direction.IMPROVING
    assert direction(ind, values, breakdown="area: North") is Direction.IMPROVING


def test_direction_arrow():
    assert direction_arrow(Direction.IMPROVING) == "▲"
    assert direction_arrow(Direction.WORSENING) == "▼"
    assert direction_arrow(Direction.SAME) == "►"
    assert direction_arrow(Direction.UNKNOWN) == ""


# --- properties ---------------------------------------------------------------------------

ORDER = {RAG.RED: 0, RAG.AMBER: 1, RAG.GREEN: 2}
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def rated_setups(draw):
    polarity = draw(st.sampled_from([HIGHER, LOWER]))
    kind = draw(st.sampled_from(list(ToleranceKind)))
    tolerance = draw(st.floats(min_value=0, max_value=50 if kind is ToleranceKind.ABSOLUTE else 1))
    ind = indicator(unit=Unit.SCORE, polarity=polarity, tolerance=tolerance, tolerance_kind=kind)
    op = draw(st.sampled_from(["polar", OP.RELATIVE_TO_BASELINE, OP.RELATIVE_TO_COMPARATOR]))
    level = draw(finite)
    extra, comps = [], []
    if op == "polar":
        tgt = target(ind, YEAR, OP.AT_LEAST if polarity is HIGHER else OP.AT_MOST, level)
    elif op is OP.RELATIVE_TO_BASELINE:
        extra = [value(ind, "fy:2010", draw(finite))]
        tgt = target(ind, YEAR, op, level)
    else:
        comps = [england(ind, YEAR, draw(finite))]
        tgt = target(ind, YEAR, op, level / 10, comparator=ENGLAND)
    return ind, tgt, comps, extra


@given(rated_setups(), finite, st.floats(min_value=0, max_value=1e6))
def test_improving_a_figure_never_worsens_the_rating(setup, x, step):
    ind, tgt, comps, extra = setup
    better = x + step if ind.polarity is HIGHER else x - step
    before = rate_one(ind, x, tgt, comps, extra)
    after = rate_one(ind, better, tgt, comps, extra)
    assert ORDER[after.rag] >= ORDER[before.rag], (before.explanation, after.explanation)


@given(rated_setups(), finite)
def test_rating_is_deterministic_and_explains_itself(setup, x):
    ind, tgt, comps, extra = setup
    values = [*extra, value(ind, YEAR, x)]
    first = rate(ind, values, [tgt], comps)
    assert first == rate(ind, values, [tgt], comps)
    assert first == rate(ind, list(reversed(values)), [tgt], comps)
    assert first.explanation.startswith(first.rag.word + ": ")
    assert first.explanation.endswith(".")
    assert first.explanation.count(". ") == 0  # one sentence


@given(
    st.sampled_from(list(TargetOperator)),
    st.sampled_from(list(Polarity)),
    st.sampled_from(list(IndicatorKind)),
    st.one_of(st.none(), finite),
    st.one_of(st.none(), finite),
    st.permutations(["fy:2015", "fy:2016", "fy:2017"]),
)
def test_any_setup_rates_with_a_sentence_in_any_order(op, polarity, kind, x, level, order):
    ind = indicator(polarity=polarity, kind=kind)
    values = [value(ind, p, x if p == YEAR else 50.0) for p in order]
    targets = [target(ind, "fy:2016", op, level, comparator=ENGLAND)]
    comps = [england(ind, p, 60.0) for p in order]
    rating = rate(ind, values, targets, comps)
    assert rating.explanation.startswith(rating.rag.word + ": ")
    assert rating == rate(ind, list(reversed(values)), targets, list(reversed(comps)))


def test_figures_held_only_in_one_breakdown_are_rated_and_named():
    ind = indicator(polarity=Polarity.LOWER, unit=Unit.PERCENTAGE_POINTS)
    figures = [value(ind, "ay:2016", 26, breakdown="key stage: KS2"),
               value(ind, "ay:2017", 29, breakdown="key stage: KS2")]
    goal = target(ind, "ay:2017", TargetOperator.AT_MOST, 20)
    r = rate(ind, figures, [goal], [])
    assert r.rag is RAG.RED and r.explanation.startswith("Red (KS2): 29")
    assert direction(ind, figures) is Direction.WORSENING
    assert rate(ind, figures, [goal], [], breakdown="").rag is RAG.GREY
    two = [*figures, value(ind, "ay:2017", 10, breakdown="key stage: KS4")]
    assert rate(ind, two, [goal], []).rag is RAG.GREY  # several breakdowns, no whole
