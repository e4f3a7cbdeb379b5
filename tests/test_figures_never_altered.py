"""A figure is never silently altered: units.parse_figure refuses what is not a whole
figure, reads the statistical shorthand as a status, and keeps the seeds' qualifiers; the
service lists figures stored earlier from text that no longer reads; enter_many keeps a
note that comes without a figure; a periods × breakdowns block is read cell by cell."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import Source, Unit, ValidationError, Value, ValueStatus
from app.figure_block import read_breakdown_block
from app.indicator_service import FigureEntry
from app.units import SHORTHAND, parse_figure


@pytest.mark.parametrize(("text", "why"), [
    ("1e309", "powers of ten"), ("1e3", "powers of ten"), ("2.5E-2", "powers of ten"),
    ("12abc", "'abc' runs on"), ("12..5", "second decimal point"), ("12.5.3", "second decimal"),
    ("0x10", "'x10' runs on"), ("--5", "not a figure"), ("12#", "'#' follows"),
    ("12 !!", "'!' is not part"), ("12,5", "',5' runs on"), ("1,2345", "runs on"),
    ("5.4mn", "'mn' runs on"), ("12%abc", "'abc' runs on"), ("9" * 400, "too large"),
    ("[p]", "not a figure"), ("x12", "not a figure"),
])
def test_partial_figures_are_refused_with_a_reason(text, why):
    with pytest.raises(ValidationError, match=why) as err:
        parse_figure(text)
    assert err.value.field == "value"


@pytest.mark.parametrize(("text", "unit", "value", "status", "qualifier"), [
    ("83% or 8870", Unit.PERCENT, 83, ValueStatus.ACTUAL, "or 8870"),
    ("83% or 8870", Unit.COUNT, 8870, ValueStatus.ACTUAL, "83%"),
    ("75.2% (p)", Unit.PERCENT, 75.2, ValueStatus.PROVISIONAL, ""),
    ("75.2% [p]", Unit.PERCENT, 75.2, ValueStatus.PROVISIONAL, ""),
    ("12 provisional", Unit.COUNT, 12, ValueStatus.PROVISIONAL, ""),
    ("c. 40", Unit.COUNT, 40, ValueStatus.ACTUAL, ""),
    ("1,992", Unit.COUNT, 1992, ValueStatus.ACTUAL, ""),
    ("£5.4m", Unit.MONEY, 5_400_000, ValueStatus.ACTUAL, ""),
    ("12.2%", Unit.PERCENT, 12.2, ValueStatus.ACTUAL, ""),
    ("12.2%, 77 of 630", Unit.PERCENT, 12.2, ValueStatus.ACTUAL, "77 of 630"),
    ("91% (07/08)", Unit.PERCENT, 91, ValueStatus.ACTUAL, "07/08"),
    ("764 at September", Unit.COUNT, 764, ValueStatus.ACTUAL, "at September"),
    ("177.5 per 10,000", Unit.RATE, 177.5, ValueStatus.ACTUAL, "per 10,000"),
    ("1,234 [r]", Unit.COUNT, 1234, ValueStatus.ACTUAL, "revised"),
    ("3.4 [e]", Unit.SCORE, 3.4, ValueStatus.ACTUAL, "estimated"),
    ("12.", Unit.COUNT, 12, ValueStatus.ACTUAL, ""),
])
def test_the_seeds_qualifiers_stay_accepted(text, unit, value, status, qualifier):
    fig = parse_figure(text, unit)
    assert (fig.value, fig.status, fig.qualifier) == (pytest.approx(value), status, qualifier)


def test_nya_with_a_date_stays_accepted():
    fig = parse_figure("nya: Nov 2010")
    assert (fig.value, fig.status, fig.expected) == (None, ValueStatus.NOT_YET_AVAILABLE,
                                                     "Nov 2010")


@pytest.mark.parametrize(("text", "status"), [
    *SHORTHAND.items(), ("[C]", ValueStatus.SUPPRESSED), ("<5", ValueStatus.BELOW),
    ("< 10", ValueStatus.BELOW)])
def test_statistical_shorthand_is_a_status_never_a_number(text, status):
    fig = parse_figure(text, Unit.COUNT)
    assert (fig.value, fig.status) == (None, status)
    assert not fig.is_blank


@given(st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,3}[eExX.]|[eExX])[0-9]{1,3}", fullmatch=True))
def test_a_number_running_on_is_always_refused(text):
    with pytest.raises(ValidationError):
        parse_figure(text)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False),
       st.sampled_from(["", "%", " pp", " points"]))
def test_a_whole_figure_reads_as_itself(number, suffix):
    text = f"{number:f}{suffix}"
    assert parse_figure(text).value == pytest.approx(float(number))


# -- the service --------------------------------------------------------------------------
@pytest.fixture
def count(services):
    plan = services.plans.create_plan("Plan")
    return services.indicators.create_indicator("Referrals", plan_id=plan.id, unit="count",
                                                polarity="lower", period_type="fy").id


def test_figures_stored_from_text_that_no_longer_reads_are_listed(services, count, store):
    s = services.indicators
    s.set_value(count, "fy:2018", 1, raw_text="1e3")  # as the lenient parser stored it
    s.set_value(count, "fy:2019", 12, raw_text="12abc")
    s.set_value(count, "fy:2020", 0, raw_text="0x10")
    s.set_value(count, "fy:2021", 40, raw_text="c. 40")  # still reads as 40
    s.set_value(count, "fy:2022", 5, raw_text="5")
    s.set_value(count, "fy:2017", 7, raw_text="7 [r] or so",
                source=Source(document="Board report May 2019", location="line 4"))
    listed = s.figures_to_review()
    assert [(f.value.period, f.value.raw_text) for f in listed] == [
        ("fy:2018", "1e3"), ("fy:2019", "12abc"), ("fy:2020", "0x10")]
    assert "'1e3' is stored as 1; powers of ten are not read" in listed[0].describe()
    assert listed[0].describe().startswith("Referrals 2018/19: ")
    s.enter_text(count, "fy:2018", "1000")
    assert [f.value.period for f in s.figures_to_review()] == ["fy:2019", "fy:2020"]


def test_a_figure_that_now_reads_differently_is_listed(services, count):
    services.indicators.set_value(count, "fy:2018", 3, raw_text="[c]")
    [f] = services.indicators.figures_to_review()
    assert "now reads as – (suppressed)" in f.describe()


def test_a_note_without_a_figure_is_kept(services, count, store):
    s = services.indicators
    s.set_value(count, "fy:2018", 10)
    s.enter_many([FigureEntry(count, "fy:2019", "", note="Return not received"),
                  FigureEntry(count, "fy:2020", "")])
    [v] = [v for v in store.find(Value) if v.period == "fy:2019"]
    assert (v.value, v.status, v.note) == (None, ValueStatus.ACTUAL, "Return not received")
    assert s.value_at(count, "fy:2020") is None
    done = s.enter_many([FigureEntry(count, "fy:2018", "", note="Revised down")])
    assert s.value_at(count, "fy:2018").value is None  # an explicit blank still blanks it
    s.restore_many(done)
    assert s.value_at(count, "fy:2018").value == 10


def _period(text: str) -> str:
    from app.periods import parse_period

    try:
        return parse_period(text).period.key
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def test_a_periods_by_breakdowns_block_is_read_cell_by_cell():
    grid = [["", "Cohort: EHCP", "new cohort"], ["14/03/2022", "12", "[c]"],
            ["21/03/2022", "", "7"]]
    cells = read_breakdown_block(grid, _period, known=["cohort: EHCP"])
    assert [(c.period, c.breakdown, c.text) for c in cells] == [
        ("d:2022-03-14", "cohort: EHCP", "12"), ("d:2022-03-14", "new cohort", "[c]"),
        ("d:2022-03-21", "new cohort", "7")]
    assert cells[1].row == "14/03/2022, new cohort"


@pytest.mark.parametrize("grid", [
    [["12", "13"], ["14", "15"]],  # figures, not a header
    [["Week", "2019"], ["14/03/2022", "3"]],  # a year is a figure, not a breakdown name
    [["", "EHCP"], ["not a period", "3"]],
    [["", "EHCP"]],
    [["only one column"], ["14/03/2022"]],
])
def test_other_blocks_are_an_ordinary_paste(grid):
    assert read_breakdown_block(grid, _period) is None
