"""app.dates: the one reader of a typed UK date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.dates import MONTH_ABBR, MONTH_NAME, long_date, parse_date
from app.domain import ValidationError
from app.periods import parse_period

JUNE_20 = date(2019, 6, 20)


@pytest.mark.parametrize("text", ["20/06/2019", "20/6/2019", "2019-06-20", "20 June 2019",
                                  "20 Jun 19", "20.06.2019", "20-06-2019", "20th June 2019",
                                  " 20 june 2019 ", "Thursday 20 June 2019",
                                  "Thursday, 20 June 2019", "Thu 20/06/2019", "20/06/19"])
def test_reads_what_a_uk_user_types(text):
    assert parse_date(text) == JUNE_20


@pytest.mark.parametrize(("text", "why"), [
    ("31/02/2019", "there is no day 31/02/2019"),
    ("06/20/2019", "did you mean 20/06/2019 (20 June 2019)?"),
    ("12/31/2019", "not month first"),
    ("20/6/201", "must be a date written day first"),
    ("2019/06/20", "must be a date written day first"),
    ("20/06-2019", "must be a date written day first"),
    ("20 Jnue 2019", "did you mean June?"),
    ("1/1/1899", "between 1900 and 2200"),
    ("1/1/2201", "between 1900 and 2200"),
    ("Friday 20 June 2019", "20/06/2019 is a Thursday, not a Friday"),
    ("", "Enter the date"),
    ("next Tuesday", "must be a date"),
])
def test_refuses_with_a_reason(text, why):
    with pytest.raises(ValidationError, match=why.replace("(", r"\(").replace(")", r"\)")
                       .replace("?", r"\?")) as err:
        parse_date(text)
    assert err.value.field == "date"


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(days)
def test_every_spelling_of_a_day_reads_back(day):
    spellings = [f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}", day.isoformat(),
                 f"{day.day} {MONTH_NAME[day.month]} {day.year}",
                 f"{day.day} {MONTH_ABBR[day.month]} {day.year}", f"{day:%d.%m.%Y}",
                 long_date(day)]
    if 2000 <= day.year <= 2099:
        spellings.append(f"{day.day} {MONTH_ABBR[day.month]} {day:%y}")
    for text in spellings:
        assert parse_date(text) == day, text


@given(days)
def test_a_day_written_month_first_is_refused_or_read_day_first(day):
    text = f"{day.month:02d}/{day.day:02d}/{day.year}"
    if day.day > 12:
        with pytest.raises(ValidationError, match="did you mean"):
            parse_date(text)
    else:  # 06/05/2019 is 6 May: day first, always, and the field shows which day it took
        assert parse_date(text) == date(day.year, day.day, day.month)


@given(st.integers(0, 99))
def test_two_digit_years_are_this_century(yy):
    assert parse_date(f"01/02/{yy:02d}") == date(2000 + yy, 2, 1)


def test_periods_read_dates_through_the_same_reader():
    assert parse_period("as at 31/03/2019").period.end == date(2019, 3, 31)
    with pytest.raises(ValueError, match="did you mean 20/06/2019"):
        parse_period("06/20/2019")
