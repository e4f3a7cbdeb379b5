"""Formatting, parsing and validating figures (app/units.py)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import ComparatorKind, Polarity, TargetOperator, Unit, ValidationError, ValueStatus
from app.lazy_pattern import LazyPattern
from app.units import (
    format_value,
    parse_figure,
    parse_target_text,
    unit_suffix,
    validate_value,
)

# --- format_value -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "kwargs", "expected"),
    [
        (12.2, Unit.PERCENT, {}, "12.2%"),
        (74, Unit.PERCENT, {"decimals": 0}, "74%"),
        (74, Unit.PERCENT, {}, "74.0%"),
        (1992, Unit.COUNT, {}, "1,992"),
        (1992.0, Unit.COUNT, {}, "1,992"),
        (2.5, Unit.COUNT, {}, "2.5"),
        (5_400_000, Unit.MONEY, {}, "£5.4m"),
        (5_000_000, Unit.MONEY, {}, "£5m"),
        (850_000, Unit.MONEY, {}, "£850,000"),
        (12.5, Unit.MONEY, {}, "£12.50"),
        (-2_000_000, Unit.MONEY, {}, "-£2m"),
        (3.2, Unit.PERCENTAGE_POINTS, {}, "3.2 pp"),
        (-3.2, Unit.PERCENTAGE_POINTS, {}, "-3.2 pp"),
        (106.5, Unit.RATE, {"rate_base": 10000}, "106.5 per 10,000"),
        (106.0, Unit.RATE, {"rate_base": 10000}, "106.0 per 10,000"),
        (106.5, Unit.RATE, {}, "106.5"),
        (16, Unit.SCORE, {}, "16"),
        (0.79, Unit.RATIO, {}, "0.79"),
        (-0.01, Unit.PERCENT, {}, "0.0%"),
        (None, Unit.PERCENT, {}, "–"),
        (None, Unit.MONEY, {}, "–"),
    ],
)
def test_format_value(value, unit, kwargs, expected):
    assert format_value(value, unit, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (12.2, Unit.PERCENT, "12.2"),
        (3.2, Unit.PERCENTAGE_POINTS, "3.2"),
        (5_400_000, Unit.MONEY, "5.4m"),
        (850_000, Unit.MONEY, "850,000"),
        (1992, Unit.COUNT, "1,992"),
    ],
)
def test_format_value_without_unit(value, unit, expected):
    assert format_value(value, unit, rate_base=10000, with_unit=False) == expected


def test_format_rate_without_unit():
    assert format_value(106.5, Unit.RATE, rate_base=10000, with_unit=False) == "106.5"


@pytest.mark.parametrize(
    ("unit", "rate_base", "expected"),
    [
        (Unit.PERCENT, None, "%"),
        (Unit.RATE, 10000, "per 10,000"),
        (Unit.RATE, None, "rate"),
        (Unit.COUNT, None, "count"),
        (Unit.PERCENTAGE_POINTS, None, "pp"),
        (Unit.MONEY, None, "£"),
        (Unit.SCORE, None, "score"),
        (Unit.RATIO, None, "ratio"),
    ],
)
def test_unit_suffix(unit, rate_base, expected):
    assert unit_suffix(unit, rate_base) == expected


# --- parse_figure -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "value", "qualifier"),
    [
        ("12.2%", None, 12.2, ""),
        ("1,992", None, 1992, ""),
        ("£5.4m", None, 5_400_000, ""),
        ("£850k", None, 850_000, ""),
        ("£800,000", Unit.MONEY, 800_000, ""),
        ("83% or 8870", Unit.PERCENT, 83, "or 8870"),
        ("83% or 8870", None, 83, "or 8870"),
        ("83% or 8870", Unit.COUNT, 8870, "83%"),
        ("16 points", Unit.SCORE, 16, ""),
        ("28 pc points", Unit.PERCENTAGE_POINTS, 28, ""),
        ("-5.6%", Unit.PERCENTAGE_POINTS, -5.6, ""),
        ("-3", None, -3, ""),
        ("0.79", Unit.RATIO, 0.79, ""),
        ("  106.5 ", Unit.RATE, 106.5, ""),
        ("c. 45", Unit.COUNT, 45, ""),
    ],
)
def test_parse_figure_values(text, unit, value, qualifier):
    parsed = parse_figure(text, unit)
    assert parsed.value == pytest.approx(value)
    assert parsed.status is ValueStatus.ACTUAL
    assert parsed.qualifier == qualifier


def test_parse_nya():
    parsed = parse_figure("nya")
    assert parsed.value is None
    assert parsed.status is ValueStatus.NOT_YET_AVAILABLE
    assert parsed.expected == ""


@pytest.mark.parametrize(
    "text", ["nya: July 2010", "NYA July 2010", "not yet available (July 2010)"]
)
def test_parse_nya_with_expected(text):
    parsed = parse_figure(text)
    assert parsed.value is None
    assert parsed.status is ValueStatus.NOT_YET_AVAILABLE
    assert parsed.expected == "July 2010"


@pytest.mark.parametrize("text", ["n/a", "No target", "", "   ", "–"])
def test_parse_no_figure(text):
    parsed = parse_figure(text)
    assert parsed.value is None
    assert parsed.status is ValueStatus.ACTUAL


def test_parse_provisional_mark():
    parsed = parse_figure("75.2% (p)", Unit.PERCENT)
    assert parsed.value == pytest.approx(75.2)
    assert parsed.status is ValueStatus.PROVISIONAL


@pytest.mark.parametrize("text", ["abc", "about the same", "x12"])
def test_parse_garbage_names_the_text(text):
    with pytest.raises(ValidationError, match=text) as err:
        parse_figure(text)
    assert err.value.field == "value"


def test_parse_percentage_for_a_count_is_refused():
    with pytest.raises(ValidationError, match="12.2%.*a count"):
        parse_figure("12.2%", Unit.COUNT)


@given(
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 1)),
    st.sampled_from([Unit.PERCENT, Unit.COUNT, Unit.RATE, Unit.PERCENTAGE_POINTS]),
)
def test_format_then_parse_round_trips(value, unit):
    text = format_value(value, unit, 1, 10000)
    assert parse_figure(text, unit).value == pytest.approx(value, abs=0.051)


# --- validate_value -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "message"),
    [
        (112.5, Unit.PERCENT, "A percentage cannot be above 100 (got 112.5)."),
        (-1, Unit.PERCENT, "A percentage cannot be negative (got -1)."),
        (-3, Unit.COUNT, "A count cannot be negative (got -3)."),
        (2.5, Unit.COUNT, "A count must be a whole number (got 2.5)."),
        (-0.1, Unit.RATE, "A rate cannot be negative (got -0.1)."),
        (-1, Unit.SCORE, "A score cannot be negative (got -1)."),
        (-0.5, Unit.RATIO, "A ratio cannot be negative (got -0.5)."),
        (-100, Unit.MONEY, "An amount of money cannot be negative (got -100)."),
        (float("nan"), Unit.PERCENTAGE_POINTS, "finite"),
    ],
)
def test_validate_value_refuses(value, unit, message):
    with pytest.raises(ValidationError) as err:
        validate_value(value, unit)
    assert message in str(err.value)
    assert err.value.field == "value"


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        (0, Unit.PERCENT),
        (100, Unit.PERCENT),
        (12.2, Unit.PERCENT),
        (-3.2, Unit.PERCENTAGE_POINTS),
        (1992, Unit.COUNT),
        (0, Unit.COUNT),
        (106.5, Unit.RATE),
        (16, Unit.SCORE),
        (0.79, Unit.RATIO),
        (5_400_000, Unit.MONEY),
    ],
)
def test_validate_value_accepts(value, unit):
    validate_value(value, unit)


# --- parse_target_text --------------------------------------------------------------------

AT_LEAST, AT_MOST = TargetOperator.AT_LEAST, TargetOperator.AT_MOST


@pytest.mark.parametrize(
    ("text", "polarity", "operator", "value", "strict"),
    [
        ("<5%", Polarity.LOWER, AT_MOST, 5, True),
        ("<= 5%", Polarity.LOWER, AT_MOST, 5, False),
        ("at most 672", Polarity.LOWER, AT_MOST, 672, False),
        ("no more than 12%", Polarity.LOWER, AT_MOST, 12, False),
        ("below 10", Polarity.LOWER, AT_MOST, 10, True),
        ("12 or fewer", Polarity.LOWER, AT_MOST, 12, False),
        (">= 75%", Polarity.HIGHER, AT_LEAST, 75, False),
        ("≥75%", Polarity.HIGHER, AT_LEAST, 75, False),
        ("75% or more", Polarity.HIGHER, AT_LEAST, 75, False),
        ("at least 75%", Polarity.HIGHER, AT_LEAST, 75, False),
        ("At least 95%", Polarity.LOWER, AT_LEAST, 95, False),
        ("> 70%", Polarity.HIGHER, AT_LEAST, 70, True),
        ("44", Polarity.LOWER, AT_MOST, 44, False),
        ("44", Polarity.HIGHER, AT_LEAST, 44, False),
        ("15.3%", Polarity.LOWER, AT_MOST, 15.3, False),
        ("-45%", Polarity.LOWER, AT_MOST, -45, False),
        ("£5.4m", Polarity.HIGHER, AT_LEAST, 5_400_000, False),
    ],
)
def test_parse_target_operators(text, polarity, operator, value, strict):
    parsed = parse_target_text(text, Unit.PERCENT, polarity)
    assert parsed.operator is operator
    assert parsed.value == pytest.approx(value)
    assert parsed.value_high is None
    assert parsed.strict is strict
    assert parsed.text == text


def test_bare_figure_with_band_polarity_is_equal():
    assert parse_target_text("5", Unit.COUNT, Polarity.BAND).operator is TargetOperator.EQUAL


@pytest.mark.parametrize("text", ["60-65%", "60% - 65%", "between 60% and 65%", "60 to 65"])
def test_parse_target_band(text):
    parsed = parse_target_text(text, Unit.PERCENT, Polarity.BAND)
    assert parsed.operator is TargetOperator.BAND
    assert (parsed.value, parsed.value_high) == (60, 65)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("in line with the national average", ComparatorKind.ENGLAND),
        ("in line with England", ComparatorKind.ENGLAND),
        ("the average of our statistical neighbours", ComparatorKind.STATISTICAL_NEIGHBOURS),
        ("in line with statistical neighbours", ComparatorKind.STATISTICAL_NEIGHBOURS),
        ("top quartile", ComparatorKind.TOP_QUARTILE),
        ("top 25%", ComparatorKind.TOP_QUARTILE),
        ("in line with the regional average", ComparatorKind.REGION),
    ],
)
def test_parse_target_comparator(text, kind):
    parsed = parse_target_text(text, Unit.PERCENT, Polarity.HIGHER)
    assert parsed.operator is TargetOperator.RELATIVE_TO_COMPARATOR
    assert parsed.comparator is kind
    assert parsed.value == 0


@pytest.mark.parametrize(("text", "change"), [("reduce by 3", -3), ("increase by 2.5", 2.5)])
def test_parse_target_change_from_baseline(text, change):
    parsed = parse_target_text(text, Unit.PERCENT, Polarity.HIGHER)
    assert parsed.operator is TargetOperator.RELATIVE_TO_BASELINE
    assert parsed.value == change


@pytest.mark.parametrize(
    "text", ["No target", "to be agreed", "To be agreed", "", "TBC", "reduce the gap", "Ongoing"]
)
def test_parse_target_text_only(text):
    parsed = parse_target_text(text, Unit.PERCENT, Polarity.HIGHER)
    assert parsed.operator is TargetOperator.TEXT
    assert parsed.value is None
    assert parsed.text == text


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_re_would():
    lazy = LazyPattern(r"(?P<n>\d+)\s*%", re.I)
    assert "match" not in vars(lazy)  # nothing compiled at import
    assert lazy.search("about 12 %").group("n") == "12"
    assert "search" in vars(lazy)  # kept: the next use is a plain attribute
    assert lazy.pattern == r"(?P<n>\d+)\s*%" and lazy.flags & re.I
    assert lazy.fullmatch("x") is None
