"""Reading a day as a UK user types it, and saying which day was understood.

The one home for reading a date: `parse_date` for a date the user enters (a meeting's day),
and `read_day` under it, which `app.periods` also uses for dates inside period texts
("as at 31/03/2019", "w/c 14/03/2022"). Day first, always: "06/05/2019" is 6 May. Input
that can only be month-first ("06/20/2019") is refused with the day-first spelling.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date

from app.domain import ValidationError

# The board's words are English whatever the machine's locale (calendar.month_abbr is not).
MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")
MONTH_NAME = ("", "January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
DAY_NAME = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

FIRST_YEAR, LAST_YEAR = 1900, 2200
EXAMPLES = "20/06/2019, 20/6/2019, 2019-06-20, 20 June 2019 or 20 Jun 19"


class DateError(ValueError):
    """Text in a date's form that names no day (31/02/2019, 06/20/2019, 20 Jnue 2019)."""


def _month_names() -> dict[str, int]:
    names = {"sept": 9}
    for number in range(1, 13):
        full = MONTH_NAME[number].lower()
        for n in range(3, len(full) + 1):
            names[full[:n]] = number
    return names


MONTHS = _month_names()  # "jun", "june", "sept", ... -> month number
_YEAR = r"(\d{4}|\d{2})"
_MONTH = r"([a-z]{3,9})\.?"


def close_month(name: str) -> str | None:
    close = difflib.get_close_matches(name, MONTHS, n=1, cutoff=0.75)
    return MONTH_NAME[MONTHS[close[0]]] if close else None


def month_number(name: str) -> int:
    if name in MONTHS:
        return MONTHS[name]
    close = close_month(name)
    raise DateError(f"{name!r} is not a month" + (f" (did you mean {close}?)" if close else ""))


def looks_like_month(name: str) -> bool:
    return name in MONTHS or close_month(name) is not None


def two_digit_year_2000s(digits: str) -> int:
    """The year a typed date means: four digits as written, two digits 2000-2099."""
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"there is no day {day:02d}/{month:02d}/{year}") from None


def _numeric(first: str, second: str, year_digits: str, full_year: Callable[[str], int]) -> date:
    day, month, year = int(first), int(second), full_year(year_digits)
    if month > 12 and 1 <= day <= 12 and month <= 31:
        raise DateError(
            f"dates are read day first, not month first; did you mean "
            f"{month:02d}/{day:02d}/{year} ({month} {MONTH_NAME[day]} {year})?")
    return _day(year, month, day)


def read_day(s: str, full_year: Callable[[str], int] = two_digit_year_2000s) -> date | None:
    """The day that normalised (lower-case, single-spaced) `s` names, or None if `s` is not
    in a date's form; raises DateError if it is in a date's form but names no day.

    `full_year` turns a year's digits into the year (periods keep their own pivot).
    """
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(rf"(\d{{1,2}})([/.-])(\d{{1,2}})\2{_YEAR}", s):
        return _numeric(m[1], m[3], m[4], full_year)
    if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MONTH}[\s-]+{_YEAR}", s):
        return _day(full_year(m[3]), month_number(m[2]), int(m[1]))
    return None


def _normalise(text: str) -> tuple[str, str]:
    """(the text without a leading day name, the day name given or "")."""
    s = " ".join(text.replace(",", " ").lower().split()).rstrip(".")
    m = re.match(r"([a-z]+)\s+(?=\d)", s)
    if m and any(name.lower().startswith(m[1]) and len(m[1]) >= 3 for name in DAY_NAME):
        return s[m.end():], m[1]
    return s, ""


def parse_date(text: str, field: str = "date", label: str = "date") -> date:
    """Read a date as a UK user types it: 20/06/2019, 20/6/2019, 20.06.2019, 2019-06-20,
    20 June 2019, 20 Jun 19, optionally after its day name ("Thursday 20 June 2019").

    Two-digit years are 2000-2099; years outside 1900-2200 are refused. Raises
    ValidationError (for `field`) saying what is wrong and what would be understood.
    """
    s, weekday = _normalise(text or "")
    if not s:
        raise ValidationError(f"Enter the {label}, e.g. {EXAMPLES}.", field=field)
    try:
        day = read_day(s)
    except DateError as exc:
        why = str(exc) if str(exc).endswith("?") else f"{exc}."
        raise ValidationError(f"'{text.strip()}' is not a {label}: {why}", field=field) from None
    if day is None:
        raise ValidationError(f"'{text.strip()}' cannot be read: the {label} must be a date "
                              f"written day first, e.g. {EXAMPLES}.", field=field)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(f"'{text.strip()}' is in the year {day.year}; a {label} must "
                              f"fall between {FIRST_YEAR} and {LAST_YEAR}.", field=field)
    if weekday and not DAY_NAME[day.weekday()].lower().startswith(weekday):
        raise ValidationError(f"{day:%d/%m/%Y} is a {DAY_NAME[day.weekday()]}, "
                              f"not a {weekday.capitalize()}.", field=field)
    return day


def long_date(day: date) -> str:
    """The day in words, as the board writes it: "Thursday 20 June 2019"."""
    return f"{DAY_NAME[day.weekday()]} {day.day} {MONTH_NAME[day.month]} {day.year}"
