"""Each rule has one home, and every place that shows it agrees: the figure a period shows,
which target is in force, target wording, the comparator-relative level, polarity to
operator, "needs commentary", RAG order and unit words (the screen's side is in
tests/ui/test_rules_agree_on_screen.py)."""

from __future__ import annotations

from datetime import date

import pytest

from app import rag, units
from app.chart_spec import chart_spec_from
from app.domain import (
    RAG,
    Comparator,
    ComparatorKind,
    Indicator,
    Polarity,
    Target,
    TargetOperator,
    TargetStatus,
    Unit,
    Value,
    ValueStatus,
)
from app.figures import one_per_period
from app.read_model import NEEDS_COMMENTARY, RAG_ORDER, IndicatorSnapshot, needs_commentary
from app.report.model import build_report_model
from app.report.options import ReportOptions
from app.target_words import target_due_words, target_words
from app.targets import polar_operator, target_bounds, target_for, target_in_force


def _indicator(**kw) -> Indicator:
    fields = dict(title="Admissions", unit=Unit.COUNT, polarity=Polarity.LOWER, decimals=0,
                  period_type="fy", code="NI 70")
    fields.update(kw)
    return Indicator(**fields)


# --- one value per period ---------------------------------------------------------------


@pytest.mark.parametrize("order", ["provisional first", "actual first"])
def test_rating_and_chart_use_the_figure_the_period_shows(order):
    ind = _indicator()
    actual = Value(ind.id, "fy:2018", 794, ValueStatus.ACTUAL, id="b")
    provisional = Value(ind.id, "fy:2018", 640, ValueStatus.PROVISIONAL, id="a")
    earlier = Value(ind.id, "fy:2017", 700, ValueStatus.ACTUAL)
    pair = [provisional, actual] if order == "provisional first" else [actual, provisional]
    values = [earlier, *pair]
    targets = [Target(ind.id, "fy:2018", TargetOperator.AT_MOST, 672)]

    shown = one_per_period(values)
    assert [v.id for v in shown] == [earlier.id, actual.id]
    rating = rag.rate(ind, values, targets, [], period="fy:2018")
    assert rating.value is actual and rating.rag is RAG.RED
    spec = chart_spec_from(ind, values, targets, [])
    point = next(p for p in spec.actuals if p.period == "fy:2018")
    assert (point.value, point.status, point.rag) == (794, "actual", RAG.RED.value)
    assert rag.rate(ind, values, targets, []).value is actual  # the latest, too


def test_a_figure_with_a_number_is_shown_before_a_note_that_it_is_not_yet_available():
    ind = _indicator()
    nya = Value(ind.id, "fy:2018", None, ValueStatus.NOT_YET_AVAILABLE, id="a")
    provisional = Value(ind.id, "fy:2018", 640, ValueStatus.PROVISIONAL, id="b")
    targets = [Target(ind.id, "fy:2018", TargetOperator.AT_MOST, 672)]
    assert one_per_period([nya, provisional]) == [provisional]
    spec = chart_spec_from(ind, [nya, provisional], targets, [])
    assert [(p.value, p.status) for p in spec.actuals] == [(640, "provisional")]
    assert rag.rate(ind, [nya, provisional], targets, []).value is provisional


@pytest.mark.parametrize("as_of,latest", [(date(2019, 3, 30), "fy:2017"),
                                           (date(2019, 3, 31), "fy:2018"), (None, "fy:2018")])
def test_the_rating_and_the_chart_count_a_figure_once_its_period_has_ended(as_of, latest):
    ind = _indicator()
    values = [Value(ind.id, "fy:2017", 700), Value(ind.id, "fy:2018", 650)]
    targets = [Target(ind.id, "fy:2018", TargetOperator.AT_MOST, 672)]
    assert rag.rate(ind, values, targets, [], as_of=as_of).value.period == latest
    assert chart_spec_from(ind, values, targets, [], as_of=as_of).actuals[-1].period == latest


# --- which target -------------------------------------------------------------------------


def test_the_target_in_force_is_the_one_the_rating_would_use():
    ind = _indicator()
    provisional = Target(ind.id, "fy:2019", TargetOperator.AT_MOST, 600,
                         status=TargetStatus.PROVISIONAL, id="a")
    agreed = Target(ind.id, "fy:2019", TargetOperator.AT_MOST, 650, id="b")
    old = Target(ind.id, "fy:2017", TargetOperator.AT_MOST, 700)
    targets = [old, provisional, agreed]
    # no figure yet: the chart and the report name the target in force at the meeting
    in_force = target_in_force(targets, date(2018, 6, 1))
    assert in_force is agreed is target_for("fy:2018", targets)
    spec = chart_spec_from(ind, [], targets, [], as_of=date(2018, 6, 1))
    assert spec.target_text == "at most 650 for 2019/20"
    # past the last one: the last one, still the agreed of the two
    assert target_in_force(targets, date(2025, 1, 1)) is agreed
    assert target_in_force(targets, None) is agreed
    superseded = Target(ind.id, "fy:2019", TargetOperator.AT_MOST, 500, superseded_by="b")
    assert target_in_force([superseded], None) is None


# --- target wording ------------------------------------------------------------------------


WORDED = [
    (TargetOperator.AT_MOST, 672, None, "at most 672"),
    (TargetOperator.AT_LEAST, 80, None, "at least 80"),
    (TargetOperator.EQUAL, 75, None, "75"),
    (TargetOperator.BAND, 60, 90, "between 60 and 90"),
]


@pytest.mark.parametrize("op,value,high,words", WORDED)
def test_the_rating_chart_and_report_word_a_target_the_same(services, op, value, high, words):
    plan = services.plans.create_plan("Plan 2018-23", board="Trust Board")
    ind = services.indicators.create_indicator(
        "Admissions", plan_id=plan.id, code="NI 70", unit="count", polarity="lower",
        period_type="fy", decimals=0)
    services.indicators.set_value(ind.id, "fy:2018", 794)
    target = services.indicators.add_target(ind.id, "fy:2018", op, value, value_high=high)
    meeting = services.assessments.add_meeting(plan.id, date(2019, 6, 20), "Board")
    ind = services.indicators.indicator(ind.id)

    assert target_words(ind, target) == words
    snap = services.read.snapshot(ind.id, meeting)
    assert f"target of {words} for 2018/19" in snap.rating.explanation
    spec = snap.chart()
    assert [s.text for s in spec.targets] == [words]
    assert spec.target_text == target_due_words(ind, target) == f"{words} for 2018/19"
    report = build_report_model(services, meeting_id=meeting.id,
                                options=ReportOptions(summary=True))
    assert [r.target for r in report.summary] == [spec.target_text]


def test_relative_targets_are_worded_and_levelled_the_same_by_the_rating_and_the_chart():
    ind = _indicator(unit=Unit.PERCENT, polarity=Polarity.HIGHER, decimals=1)
    values = [Value(ind.id, "fy:2017", 70.0), Value(ind.id, "fy:2018", 76.0)]
    england = [Comparator(ind.id, ComparatorKind.ENGLAND, "fy:2018", 74.0)]
    on_england = Target(ind.id, "fy:2018", TargetOperator.RELATIVE_TO_COMPARATOR, 3.0)
    assert target_words(ind, on_england) == "+3.0 pp on the England average"
    rating = rag.rate(ind, values, [on_england], england)
    spec = chart_spec_from(ind, values, [on_england], england)
    # the level the comparator-relative target asks for: England's 74.0 + 3.0
    assert target_bounds(on_england, comparators=england) == (77.0, 77.0)
    assert (spec.targets[0].low, spec.targets[0].high) == (77.0, 77.0)
    assert rating.comparator_value == 74.0 and rating.gap == pytest.approx(1.0)
    assert "at least 77.0% (+3.0 pp on the England average of 74.0%)" in rating.explanation
    assert spec.targets[0].text == target_words(ind, on_england)

    in_line = Target(ind.id, "fy:2018", TargetOperator.RELATIVE_TO_COMPARATOR, None)
    assert target_words(ind, in_line) == "in line with the England average"
    assert "at least the England average (74.0%)" in rag.rate(ind, values, [in_line],
                                                               england).explanation

    on_baseline = Target(ind.id, "fy:2018", TargetOperator.RELATIVE_TO_BASELINE, 5.0)
    assert target_words(ind, on_baseline) == "+5.0 pp on the baseline"
    rating = rag.rate(ind, values, [on_baseline], [])
    spec = chart_spec_from(ind, values, [on_baseline], [])
    assert (spec.targets[0].low, spec.targets[0].text) == (75.0, "+5.0 pp on the baseline")
    assert "at least 75.0% (+5.0 pp on the 2017/18 baseline of 70.0%)" in rating.explanation


def test_a_target_in_words_only_is_quoted_everywhere():
    ind = _indicator()
    words = Target(ind.id, "fy:2018", TargetOperator.TEXT, raw_text="to be agreed")
    assert target_words(ind, words) == '"to be agreed"'
    spec = chart_spec_from(ind, [Value(ind.id, "fy:2018", 700)], [words], [])
    assert spec.target_text == '"to be agreed" for 2018/19'
    assert '("to be agreed")' in rag.rate(ind, [Value(ind.id, "fy:2018", 700)], [words],
                                           []).explanation


# --- polarity to operator --------------------------------------------------------------------


@pytest.mark.parametrize("polarity,operator", [
    (Polarity.HIGHER, TargetOperator.AT_LEAST), (Polarity.LOWER, TargetOperator.AT_MOST),
    (Polarity.BAND, TargetOperator.EQUAL)])
def test_a_bare_target_and_a_relative_one_take_the_same_operator(polarity, operator):
    assert polar_operator(polarity) is operator
    assert units.parse_target_text("44", Unit.COUNT, polarity).operator is operator
    ind = _indicator(polarity=polarity)
    values = [Value(ind.id, "fy:2017", 40), Value(ind.id, "fy:2018", 44)]
    relative = Target(ind.id, "fy:2018", TargetOperator.RELATIVE_TO_BASELINE, 4)
    explanation = rag.rate(ind, values, [relative], []).explanation
    bare = Target(ind.id, "fy:2018", operator, 44)
    assert f"target of {target_words(ind, bare)} (+4 on the 2017/18 baseline" in explanation


# --- needs commentary, RAG order --------------------------------------------------------------


@pytest.mark.parametrize("shown", list(RAG))
def test_needs_commentary_is_red_or_amber_without_words(shown):
    assert needs_commentary(shown, "") is (shown in (RAG.RED, RAG.AMBER))
    assert needs_commentary(shown, "  \n") is (shown in (RAG.RED, RAG.AMBER))
    assert not needs_commentary(shown, "Recovery plan agreed.")


def test_the_report_lists_what_needs_commentary_in_rag_order(services, small):
    ass = services.assessments
    ass.assess(small["meeting"].id, small["green"].id, recorded_rag="A",
               override_reason="One school missing", commentary="Chased.")
    report = build_report_model(services, meeting_id=small["meeting"].id)
    listed = [RAG(r.rag) for r in report.red_amber]
    assert listed == sorted(listed, key=RAG_ORDER.index)
    assert set(listed) <= set(NEEDS_COMMENTARY)
    assessed = ass.assessments_at(small["meeting"].id)
    assert len(listed) == sum(a.rag in NEEDS_COMMENTARY for a in assessed) == 3


def test_a_snapshot_needs_commentary_by_the_same_rule(services, small):
    meeting = small["meeting"]
    services.assessments.assess(meeting.id, small["amber"].id, commentary="")
    snap: IndicatorSnapshot = services.read.snapshot(small["amber"].id, meeting)
    assert snap.shown is RAG.AMBER and snap.needs_commentary
    assert snap.needs_commentary is needs_commentary(snap.shown, snap.assessment.commentary)


# --- unit words -------------------------------------------------------------------------------


@pytest.mark.parametrize("unit,suffix,title", [
    (Unit.PERCENT, "%", "per cent (%)"), (Unit.PERCENTAGE_POINTS, "pp", "percentage points"),
    (Unit.COUNT, "count", "count"), (Unit.MONEY, "£", "£"),
    (Unit.RATE, "per 10,000", "per 10,000")])
def test_axis_titles_name_the_unit(unit, suffix, title):
    assert units.unit_suffix(unit, 10000) == suffix
    assert units.axis_title(unit.value, suffix) == title
