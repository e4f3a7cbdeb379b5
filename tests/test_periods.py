"""Periods: canonical keys, labels, and reading the forms the board's documents print."""

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.periods import (
    ParsedPeriod,
    Period,
    PeriodError,
    PeriodType,
    label,
    parse_period,
    period_containing,
    periods_between,
)

FY = PeriodType.FINANCIAL_YEAR
AY = PeriodType.ACADEMIC_YEAR
CY = PeriodType.CALENDAR_YEAR
FQ = PeriodType.QUARTER
M = PeriodType.MONTH
W = PeriodType.WEEK
D = PeriodType.AS_AT

SEEDS = Path(__file__).parent / "seeds"


# -- parse_period: every form, with its key and label ---------------------------------------
# (text, hint, qualifier, key, label)
FORMS = [
    # two-year spans: financial year unless the hint says academic
    ("2008/09", None, "", "fy:2008", "2008/09"),
    ("2018-19", None, "", "fy:2018", "2018/19"),
    ("2018/2019", None, "", "fy:2018", "2018/19"),
    ("(07/08)", None, "", "fy:2007", "2007/08"),
    ("12/13", None, "", "fy:2012", "2012/13"),
    ("2009-10", None, "", "fy:2009", "2009/10"),
    ("2015-16", None, "", "fy:2015", "2015/16"),
    ("99/00", None, "", "fy:1999", "1999/00"),
    ("2008/09", FY, "", "fy:2008", "2008/09"),
    ("2008/09", AY, "", "ay:2008", "2008/09"),
    ("12/13", AY, "", "ay:2012", "2012/13"),
    ("2015-16", AY, "", "ay:2015", "2015/16"),
    ("2018/19", CY, "", "fy:2018", "2018/19"),
    ("2018/19", M, "", "fy:2018", "2018/19"),
    # words name the type and win over the hint
    ("school year 18/19", None, "", "ay:2018", "2018/19"),
    ("academic year 17/18", None, "", "ay:2017", "2017/18"),
    ("Ac Yr 2008/09", None, "", "ay:2008", "2008/09"),
    ("academic year 2012/13", FY, "", "ay:2012", "2012/13"),
    ("2012/13 academic year", None, "", "ay:2012", "2012/13"),
    ("the 2012/13 academic year", None, "", "ay:2012", "2012/13"),
    ("financial year 2018/19", None, "", "fy:2018", "2018/19"),
    ("financial year 21/22", None, "", "fy:2021", "2021/22"),
    ("FY 2018/19", None, "", "fy:2018", "2018/19"),
    ("FY 2018/19", AY, "", "fy:2018", "2018/19"),
    ("Cal Yr 2010", None, "", "cy:2010", "2010"),
    # bare years: calendar, or the financial/academic year ending then
    ("2019", None, "", "cy:2019", "2019"),
    ("2019", CY, "", "cy:2019", "2019"),
    ("2019", M, "", "cy:2019", "2019"),
    ("2013", FY, "", "fy:2012", "2012/13"),
    ("2013", AY, "", "ay:2012", "2012/13"),
    ("financial year 2013", None, "", "fy:2012", "2012/13"),
    # quarters of the financial year
    ("Q3 2021/22", None, "", "fq:2021Q3", "Q3 2021/22"),
    ("Q1 2021-22", None, "", "fq:2021Q1", "Q1 2021/22"),
    ("2021/22 Q3", None, "", "fq:2021Q3", "Q3 2021/22"),
    ("q4 21/22", None, "", "fq:2021Q4", "Q4 2021/22"),
    ("Quarter 2 of 2021/22", None, "", "fq:2021Q2", "Q2 2021/22"),
    ("Q3 FY 2021/22", None, "", "fq:2021Q3", "Q3 2021/22"),
    ("Oct-Dec 2021", None, "", "fq:2021Q3", "Q3 2021/22"),
    ("January to March 2022", None, "", "fq:2021Q4", "Q4 2021/22"),
    # months
    ("Sep-21", None, "", "m:2021-09", "Sep-21"),
    ("Sept 2021", None, "", "m:2021-09", "Sep-21"),
    ("September 2021", None, "", "m:2021-09", "Sep-21"),
    ("Sep 21", None, "", "m:2021-09", "Sep-21"),
    ("Mar 22", None, "", "m:2022-03", "Mar-22"),
    ("Jan-22", FY, "", "m:2022-01", "Jan-22"),
    ("Sept. 2010", None, "", "m:2010-09", "Sep-10"),
    ("March '22", None, "", "m:2022-03", "Mar-22"),
    # dates: as at, or the week containing it with a week hint
    ("14/03/2022", None, "", "d:2022-03-14", "14/03/2022"),
    ("14/3/22", None, "", "d:2022-03-14", "14/03/2022"),
    ("2022-03-14", None, "", "d:2022-03-14", "14/03/2022"),
    ("1/9/21", None, "", "d:2021-09-01", "01/09/2021"),
    ("31 March 2019", None, "", "d:2019-03-31", "31/03/2019"),
    ("31st Mar 2019", None, "", "d:2019-03-31", "31/03/2019"),
    ("14/03/2022", D, "", "d:2022-03-14", "14/03/2022"),
    ("14/03/2022", FY, "", "d:2022-03-14", "14/03/2022"),
    ("14/03/2022", W, "", "w:2022-03-14", "w/c 14/03/2022"),
    ("30/4/22", W, "", "w:2022-04-25", "w/c 25/04/2022"),
    ("w/c 14/03/2022", None, "", "w:2022-03-14", "w/c 14/03/2022"),
    ("week commencing 21/03/2022", None, "", "w:2022-03-21", "w/c 21/03/2022"),
    # as at
    ("as at August 2013", None, "as_at", "d:2013-08-31", "31/08/2013"),
    ("as at 31 March 2019", None, "as_at", "d:2019-03-31", "31/03/2019"),
    ("as at 31 March 2014", FY, "as_at", "d:2014-03-31", "31/03/2014"),
    ("at March 2009", None, "as_at", "d:2009-03-31", "31/03/2009"),
    ("As at Feb 2020", None, "as_at", "d:2020-02-29", "29/02/2020"),
    ("as at 2012/13", None, "as_at", "d:2013-03-31", "31/03/2013"),
    # not yet available, with the expected month
    ("nya: Nov 2010", None, "nya", "m:2010-11", "Nov-10"),
    ("nya: July 2010", None, "nya", "m:2010-07", "Jul-10"),
    ("nya: Sept 2010", AY, "nya", "m:2010-09", "Sep-10"),
    ("NYA - Dec 2010", None, "nya", "m:2010-12", "Dec-10"),
    ("nya 30/11/2010", None, "nya", "d:2010-11-30", "30/11/2010"),
    # by: widened to the hint's period containing the month
    ("by March 2019", FY, "by", "fy:2018", "2018/19"),
    ("by March 2019", AY, "by", "ay:2018", "2018/19"),
    ("by March 2019", FQ, "by", "fq:2018Q4", "Q4 2018/19"),
    ("by March 2019", CY, "by", "cy:2019", "2019"),
    ("by March 2019", D, "by", "d:2019-03-31", "31/03/2019"),
    ("by March 2019", None, "by", "m:2019-03", "Mar-19"),
    ("by March 2019", M, "by", "m:2019-03", "Mar-19"),
    ("by April 2023", FY, "by", "fy:2023", "2023/24"),
    ("by April 2023", None, "by", "m:2023-04", "Apr-23"),
    ("by end of August 2021", AY, "by", "ay:2020", "2020/21"),
    ("by end of August 2021", None, "by", "m:2021-08", "Aug-21"),
    ("By Sept 2010", None, "by", "m:2010-09", "Sep-10"),
    ("by 31 March 2014", FY, "by", "fy:2013", "2013/14"),
    ("by 31 March 2014", None, "by", "d:2014-03-31", "31/03/2014"),
    ("by 2013", None, "by", "cy:2013", "2013"),
    ("by 2013", FY, "by", "fy:2012", "2012/13"),
    ("by 2013", AY, "by", "ay:2012", "2012/13"),
    ("by 2024-25", None, "by", "fy:2024", "2024/25"),
    ("by the end of the 2012/13 academic year", FY, "by", "ay:2012", "2012/13"),
    # tolerated: whitespace, case, dashes, trailing punctuation, stored keys
    ("2018–19", None, "", "fy:2018", "2018/19"),
    ("2018 — 19", None, "", "fy:2018", "2018/19"),
    ("  2018 / 19. ", None, "", "fy:2018", "2018/19"),
    ("SEP-21;", None, "", "m:2021-09", "Sep-21"),
    ("q3 2021/22,", None, "", "fq:2021Q3", "Q3 2021/22"),
    ("By\u00a0March 2019.", FY, "by", "fy:2018", "2018/19"),
    ("fq:2021Q3", None, "", "fq:2021Q3", "Q3 2021/22"),
    ("ay:2018", None, "", "ay:2018", "2018/19"),
]


@pytest.mark.parametrize(("text", "hint", "qualifier", "key", "label_"), FORMS)
def test_parse_form(text, hint, qualifier, key, label_):
    parsed = parse_period(text, hint)
    assert parsed == ParsedPeriod(Period.from_key(key), qualifier, text)
    assert parsed.period.key == key
    assert parsed.period.label == label_


def test_quarter_dates():
    p = parse_period("Q3 2021/22").period
    assert (p.key, p.label, p.start, p.end) == (
        "fq:2021Q3",
        "Q3 2021/22",
        date(2021, 10, 1),
        date(2021, 12, 31),
    )
    q4 = parse_period("Q4 2021/22").period
    assert (q4.start, q4.end) == (date(2022, 1, 1), date(2022, 3, 31))


def test_year_dates():
    fy = parse_period("2008/09").period
    ay = parse_period("2008/09", AY).period
    assert (fy.start, fy.end) == (date(2008, 4, 1), date(2009, 3, 31))
    assert (ay.start, ay.end) == (date(2008, 9, 1), date(2009, 8, 31))


@pytest.mark.parametrize("text", ["nya", "nya:", "nya: June", "NYA: Sept", "n.y.a."])
def test_nya_without_a_year_has_no_period(text):
    assert parse_period(text) == ParsedPeriod(None, "nya", text)


# -- errors name the text and say why --------------------------------------------------------
ERRORS = [
    ("Q3", "needs its financial year"),
    ("Quarter 3", "needs its financial year"),
    ("Q3 2021", "could be a quarter of the financial year 2021/22 or of calendar 2021"),
    ("quarter 1 of 2012", "Jan-Mar 2012"),
    ("Q3 2021/23", "does not follow"),
    ("2010-2013", "range of years"),
    ("2010-12", "does not follow"),
    ("21/21", "does not follow"),
    ("14/03", "a date needs its year"),
    ("31/02/2022", "no day 31/02/2022"),
    ("2022-13-01", "no day"),
    ("w/c 15/03/2022", "15/03/2022 is a Tuesday"),
    ("w/c March", "not a date"),
    ("June", "a month needs its year"),
    ("Smarch 2021", "'smarch' is not a month (did you mean March?)"),
    ("Septmber 2021", "did you mean September?"),
    ("Feb-Apr 2021", "must be a quarter"),
    ("calendar year 2018/19", "not a calendar year"),
    ("", "no period"),
    ("   ", "no period"),
    ("by", "no period"),
    ("as at", "no period"),
    ("by age 19", "not a period form"),
    ("at least 95", "not a period form"),
    ("fy post-16", "not a period form"),
    ("financial year 21/22 2024/25", "not a period form"),
    ("nya: soon", "not a period form"),
    ("fy:20x8", "not a period key"),
    ("Sep 0000", "out of range"),
]


@pytest.mark.parametrize(("text", "why"), ERRORS)
def test_parse_error(text, why):
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    message = str(info.value)
    assert message.startswith(f"cannot read {text!r} as a period: ")
    assert why in message


def test_unknown_form_lists_examples():
    with pytest.raises(PeriodError, match=r"forms understood include 2018/19"):
        parse_period("soon")


# -- the seed documents ---------------------------------------------------------------------
def _seed_matches(pattern: str) -> list[str]:
    found = set()
    for path in sorted(SEEDS.glob("*.txt")):
        found.update(m.group(0) for m in re.finditer(pattern, path.read_text(encoding="utf-8")))
    return sorted(found)


def test_seed_nya_forms():
    texts = _seed_matches(r"nya: [A-Z][a-z]+ \d{4}")
    assert len(texts) >= 10
    for text in texts:
        parsed = parse_period(text)
        assert parsed.qualifier == "nya"
        assert parsed.period.type is M


def test_seed_by_month_forms():
    texts = _seed_matches(r"[Bb]y (?:end of )?(?:January|March|April|Sept?|September) \d{4}")
    assert len(texts) >= 8
    for text in texts:
        assert parse_period(text, FY).period.type is FY
        assert parse_period(text).period.type is M


def test_seed_year_spans():
    texts = _seed_matches(r"\b(?:19|20)\d\d/\d\d\b")
    assert len(texts) >= 10
    for text in texts:
        start = int(text[:4])
        if int(text[5:]) == (start + 1) % 100:
            assert parse_period(text).period == Period.financial_year(start)


def test_seed_weekly_dates():
    line = next(
        s
        for s in (SEEDS / "004_5fcae5dac42bdecd.txt").read_text().splitlines()
        if "14/03/2022" in s
    )
    weeks = [parse_period(t, W).period for t in re.findall(r"\d\d/\d\d/\d{4}", line)]
    assert [w.key for w in weeks] == [
        "w:2022-03-14",
        "w:2022-03-21",
        "w:2022-03-28",
        "w:2022-04-04",
    ]
    assert weeks == periods_between(weeks[0], weeks[-1])


# -- keys, next(), ordering ------------------------------------------------------------------
KEYS = ["fy:2008", "ay:2018", "cy:2019", "fq:2021Q3", "m:2021-09", "w:2022-03-14", "d:2022-03-14"]


@pytest.mark.parametrize("key", KEYS)
def test_key_round_trip(key):
    assert Period.from_key(key).key == key


@pytest.mark.parametrize("key", ["", "fy", "xx:2008", "fq:2021Q5", "m:2021-13", "d:2022-02-30"])
def test_bad_key(key):
    with pytest.raises(PeriodError, match="not a period key"):
        Period.from_key(key)


def test_label_of_key():
    assert label("fq:2021Q3") == "Q3 2021/22"
    assert label("ay:2018") == "2018/19"
    assert label("m:2021-09") == "Sep-21"
    assert label("w:2022-03-14") == "w/c 14/03/2022"
    assert label("not a key") == "not a key"
    assert label("fq:2021Q9") == "fq:2021Q9"


@pytest.mark.parametrize(
    ("key", "following"),
    [
        ("fy:2008", "fy:2009"),
        ("ay:2018", "ay:2019"),
        ("cy:2019", "cy:2020"),
        ("fq:2021Q3", "fq:2021Q4"),
        ("fq:2021Q4", "fq:2022Q1"),
        ("m:2021-12", "m:2022-01"),
        ("w:2021-12-27", "w:2022-01-03"),
        ("d:2020-02-28", "d:2020-02-29"),
    ],
)
def test_next(key, following):
    assert Period.from_key(key).next().key == following


def test_ordering_is_by_end_date():
    keys = ["fy:2018", "m:2019-03", "fq:2018Q4", "d:2019-03-31", "ay:2018", "cy:2019", "m:2018-04"]
    ordered = [p.key for p in sorted(Period.from_key(k) for k in keys)]
    # at the same end, the longer period comes first
    assert ordered == [
        "m:2018-04",
        "fy:2018",
        "fq:2018Q4",
        "m:2019-03",
        "d:2019-03-31",
        "ay:2018",
        "cy:2019",
    ]


# -- period_containing, periods_between ------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "type_", "key"),
    [
        (date(2019, 3, 31), FY, "fy:2018"),
        (date(2019, 4, 1), FY, "fy:2019"),
        (date(2019, 8, 31), AY, "ay:2018"),
        (date(2019, 9, 1), AY, "ay:2019"),
        (date(2019, 12, 31), CY, "cy:2019"),
        (date(2022, 1, 15), FQ, "fq:2021Q4"),
        (date(2021, 4, 1), FQ, "fq:2021Q1"),
        (date(2021, 9, 30), M, "m:2021-09"),
        (date(2022, 3, 20), W, "w:2022-03-14"),
        (date(2022, 3, 20), D, "d:2022-03-20"),
    ],
)
def test_period_containing(day, type_, key):
    assert period_containing(day, type_).key == key


def test_periods_between():
    got = periods_between(Period.from_key("fq:2021Q3"), Period.from_key("fq:2022Q2"))
    assert [p.label for p in got] == ["Q3 2021/22", "Q4 2021/22", "Q1 2022/23", "Q2 2022/23"]
    one = Period.from_key("m:2021-09")
    assert periods_between(one, one) == [one]
    assert periods_between(one.next(), one) == []


def test_periods_between_needs_one_type():
    with pytest.raises(PeriodError, match="the types differ"):
        periods_between(Period.from_key("fy:2018"), Period.from_key("ay:2019"))


# -- properties ------------------------------------------------------------------------------
def _periods(
    years: st.SearchStrategy[int],
    month_years: st.SearchStrategy[int],
    days: st.SearchStrategy[date],
) -> st.SearchStrategy[Period]:
    return st.one_of(
        st.builds(Period.financial_year, years),
        st.builds(Period.academic_year, years),
        st.builds(Period.calendar_year, years),
        st.builds(Period.quarter, years, st.integers(1, 4)),
        st.builds(Period.month, month_years, st.integers(1, 12)),
        st.builds(Period.week, days),
        st.builds(Period.as_at, days),
    )


ANY_PERIOD = _periods(
    st.integers(1, 9990), st.integers(1, 9990), st.dates(date(1, 1, 8), date(9990, 12, 31))
)
# Labels print four-digit years and two-digit month years (read back as 1969-2068); a week
# is labelled by its Monday, so its days start a week into year 1000.
LABELLED_PERIOD = _periods(
    st.integers(1000, 9990), st.integers(1969, 2068), st.dates(date(1000, 1, 8), date(9990, 12, 31))
)


@given(ANY_PERIOD)
def test_key_round_trips(p):
    assert Period.from_key(p.key) == p
    assert parse_period(p.key).period == p


@given(ANY_PERIOD)
def test_start_end_and_next(p):
    assert p.start <= p.end
    following = p.next()
    assert following.start > p.end
    assert following.type is p.type
    assert (following.start - p.end).days == 1
    assert p < following


@given(LABELLED_PERIOD)
def test_label_parses_back_with_its_type_as_hint(p):
    assert parse_period(p.label, hint=p.type) == ParsedPeriod(p, "", p.label)


@given(LABELLED_PERIOD.filter(lambda p: p.type is not AY))
def test_label_parses_back_without_hint(p):
    # Only academic year labels ("2018/19") need the hint; they read as financial years.
    assert parse_period(p.label).period == p


@given(ANY_PERIOD)
def test_period_containing_its_own_days(p):
    assert period_containing(p.start, p.type) == p
    assert period_containing(p.end, p.type) == p


@given(st.dates(date(1, 4, 1), date(9990, 12, 31)), st.sampled_from(list(PeriodType)))
def test_period_containing_contains(day, type_):
    assert period_containing(day, type_).contains(day)


@given(ANY_PERIOD, st.integers(0, 5))
def test_periods_between_steps_by_next(p, n):
    last = p
    for _ in range(n):
        last = last.next()
    got = periods_between(p, last)
    assert len(got) == n + 1
    assert got[0] == p and got[-1] == last
    assert all(b == a.next() for a, b in zip(got, got[1:], strict=False))


@given(st.builds(Period.month, st.integers(1969, 2068), st.integers(1, 12)))
def test_by_a_month_with_a_hint_is_the_period_containing_it(month):
    for type_ in (FY, AY, CY, FQ):
        parsed = parse_period(f"by {month.label}", type_)
        assert parsed.qualifier == "by"
        assert parsed.period == period_containing(month.end, type_)


@given(
    st.one_of(
        st.text(max_size=30), st.text(alphabet="0123456789/-–:. ()qQnyabtsMarSepwcfQ", max_size=20)
    )
)
def test_any_text_parses_or_raises_period_error(text):
    try:
        parsed = parse_period(text)
    except PeriodError as exc:
        assert repr(text) in str(exc)
    else:
        assert parsed.text == text


def test_hint_may_be_the_type_code():
    assert parse_period("2008/09", "ay").period.key == "ay:2008"  # type: ignore[arg-type]
