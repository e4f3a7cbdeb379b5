"""Reporting periods: the canonical forms and the board's labels for them.

A period is identified by a short canonical key that sorts and round-trips:

    fy:2008        financial year April 2008 - March 2009      label "2008/09"
    ay:2018        academic year September 2018 - August 2019   label "2018/19"
    cy:2019        calendar year 2019                          label "2019"
    fq:2021Q3      Q3 of financial year 2021/22 (Oct-Dec 2021)  label "Q3 2021/22"
    m:2021-09      September 2021                               label "Sep-21"
    w:2022-03-14   week commencing Monday 14 March 2022         label "w/c 14/03/2022"
    d:2022-03-14   as at 14 March 2022                          label "14/03/2022"

`parse_period` reads the forms the board's documents print ("2008/09", "Q3 2021/22",
"Sep-21", "as at 31 March 2019", "nya: Nov 2010", "by March 2019", ...) into a Period plus
a qualifier; its docstring lists the forms and how ambiguous ones are resolved.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.dates import (
    MONTH_ABBR,
    MONTHS,
    looks_like_month,
    month_number,
    read_day,
)


class PeriodType(StrEnum):
    FINANCIAL_YEAR = "fy"
    ACADEMIC_YEAR = "ay"
    CALENDAR_YEAR = "cy"
    QUARTER = "fq"  # quarter of the financial year
    MONTH = "m"
    WEEK = "w"
    AS_AT = "d"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    PeriodType.FINANCIAL_YEAR: "Financial year (April-March)",
    PeriodType.ACADEMIC_YEAR: "Academic year (September-August)",
    PeriodType.CALENDAR_YEAR: "Calendar year",
    PeriodType.QUARTER: "Quarter of the financial year",
    PeriodType.MONTH: "Month",
    PeriodType.WEEK: "Week",
    PeriodType.AS_AT: "As at a date",
}


class PeriodError(ValueError):
    """A period text or key that cannot be understood."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. Ordering is by end date, then start, then type."""

    end: date
    start: date
    type: PeriodType

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        return cls(date(start_year + 1, 3, 31), date(start_year, 4, 1), PeriodType.FINANCIAL_YEAR)

    @classmethod
    def academic_year(cls, start_year: int) -> Period:
        return cls(date(start_year + 1, 8, 31), date(start_year, 9, 1), PeriodType.ACADEMIC_YEAR)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(date(year, 12, 31), date(year, 1, 1), PeriodType.CALENDAR_YEAR)

    @classmethod
    def quarter(cls, fy_start_year: int, q: int) -> Period:
        if q not in (1, 2, 3, 4):
            raise PeriodError(f"quarter must be 1-4, not {q}")
        first_month = 4 + 3 * (q - 1)
        year = fy_start_year + (first_month - 1) // 12
        month = (first_month - 1) % 12 + 1
        start = date(year, month, 1)
        end_month = month + 2
        return cls(_month_end(year, end_month), start, PeriodType.QUARTER)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(_month_end(year, month), date(year, month, 1), PeriodType.MONTH)

    @classmethod
    def week(cls, day: date) -> Period:
        monday = day - timedelta(days=day.weekday())
        return cls(monday + timedelta(days=6), monday, PeriodType.WEEK)

    @classmethod
    def as_at(cls, day: date) -> Period:
        return cls(day, day, PeriodType.AS_AT)

    @classmethod
    def from_key(cls, key: str) -> Period:
        return _period_from_key(key)

    @classmethod
    def _from_key(cls, key: str) -> Period:
        try:
            kind, _, rest = key.partition(":")
            t = PeriodType(kind)
            if t is PeriodType.FINANCIAL_YEAR:
                return cls.financial_year(int(rest))
            if t is PeriodType.ACADEMIC_YEAR:
                return cls.academic_year(int(rest))
            if t is PeriodType.CALENDAR_YEAR:
                return cls.calendar_year(int(rest))
            if t is PeriodType.QUARTER:
                year, _, q = rest.partition("Q")
                return cls.quarter(int(year), int(q))
            if t is PeriodType.MONTH:
                year, _, month = rest.partition("-")
                return cls.month(int(year), int(month))
            if t is PeriodType.WEEK:
                return cls.week(date.fromisoformat(rest))
            return cls.as_at(date.fromisoformat(rest))
        except (ValueError, TypeError) as exc:
            raise PeriodError(f"not a period key: {key!r}") from exc

    # -- identity and labels --------------------------------------------------------------
    @property
    def key(self) -> str:
        t = self.type
        if t in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.CALENDAR_YEAR):
            return f"{t.value}:{self.start.year}"
        if t is PeriodType.QUARTER:
            fy, q = self.fy_quarter
            return f"fq:{fy}Q{q}"
        if t is PeriodType.MONTH:
            return f"m:{self.start.year:04d}-{self.start.month:02d}"
        return f"{t.value}:{self.start.isoformat()}"

    @property
    def fy_quarter(self) -> tuple[int, int]:
        """(financial year start, quarter 1-4) containing this period's start."""
        m, y = self.start.month, self.start.year
        fy = y if m >= 4 else y - 1
        return fy, ((m - 4) % 12) // 3 + 1

    @property
    def label(self) -> str:
        t = self.type
        if t in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR):
            y = self.start.year
            return f"{y}/{(y + 1) % 100:02d}"
        if t is PeriodType.CALENDAR_YEAR:
            return str(self.start.year)
        if t is PeriodType.QUARTER:
            fy, q = self.fy_quarter
            return f"Q{q} {fy}/{(fy + 1) % 100:02d}"
        if t is PeriodType.MONTH:
            return f"{MONTH_ABBR[self.start.month]}-{self.start.year % 100:02d}"
        if t is PeriodType.WEEK:
            return f"w/c {self.start:%d/%m/%Y}"
        return f"{self.start:%d/%m/%Y}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> Period:
        """The period of the same type that follows this one."""
        t = self.type
        if t is PeriodType.FINANCIAL_YEAR:
            return Period.financial_year(self.start.year + 1)
        if t is PeriodType.ACADEMIC_YEAR:
            return Period.academic_year(self.start.year + 1)
        if t is PeriodType.CALENDAR_YEAR:
            return Period.calendar_year(self.start.year + 1)
        if t is PeriodType.QUARTER:
            fy, q = self.fy_quarter
            return Period.quarter(fy + (q == 4), q % 4 + 1)
        if t is PeriodType.MONTH:
            y, m = self.start.year, self.start.month
            return Period.month(y + (m == 12), m % 12 + 1)
        if t is PeriodType.WEEK:
            return Period.week(self.start + timedelta(days=7))
        return Period.as_at(self.start + timedelta(days=1))

    def __str__(self) -> str:
        return self.label


# Keys are read back on every rating and chart; Period is immutable, so cache them.
_period_from_key = functools.lru_cache(maxsize=65536)(Period._from_key)


# -- finding periods ----------------------------------------------------------------------
def period_containing(day: date, type: PeriodType) -> Period:
    """The period of `type` that contains `day`."""
    t = PeriodType(type)
    if t is PeriodType.FINANCIAL_YEAR:
        return Period.financial_year(day.year if day.month >= 4 else day.year - 1)
    if t is PeriodType.ACADEMIC_YEAR:
        return Period.academic_year(day.year if day.month >= 9 else day.year - 1)
    if t is PeriodType.CALENDAR_YEAR:
        return Period.calendar_year(day.year)
    if t is PeriodType.QUARTER:
        fy, q = Period.month(day.year, day.month).fy_quarter
        return Period.quarter(fy, q)
    if t is PeriodType.MONTH:
        return Period.month(day.year, day.month)
    if t is PeriodType.WEEK:
        return Period.week(day)
    return Period.as_at(day)


def periods_between(first: Period, last: Period) -> list[Period]:
    """`first`, `last` and every period of their type in between; [] if last is before first."""
    if first.type is not last.type:
        raise PeriodError(
            f"cannot list periods from {first.label} ({first.type.label.lower()}) "
            f"to {last.label} ({last.type.label.lower()}): the types differ"
        )
    out: list[Period] = []
    p = first
    while p <= last:
        out.append(p)
        p = p.next()
    return out


def label(key: str) -> str:
    """The board's label for a period key, or the key itself if it is not a valid key."""
    try:
        return Period.from_key(key).label
    except PeriodError:
        return key


# -- parsing the board's texts ------------------------------------------------------------
@dataclass(frozen=True)
class ParsedPeriod:
    """What a period text said: the period, how it was qualified, and the text as given."""

    period: Period | None
    qualifier: str  # "" | "by" | "as_at" | "nya"
    text: str


_YEAR = r"(\d{4}|\d{2})"
_MONTH = r"([a-z]{3,9})\.?"
_MONTHS = MONTHS

# Two-digit years follow strptime's %y: 69-99 are 1969-1999, 00-68 are 2000-2068.
_PIVOT = 69

_EXAMPLES = (
    "forms understood include 2018/19, school year 18/19, 2019, Q3 2021/22, Jul-Sep 2021, "
    "Sep-21, September 2021, 14/03/2022, w/c 14/03/2022, as at 31 March 2019, "
    "by March 2019, nya: Nov 2010"
)


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 4:
        return year
    return 1900 + year if year >= _PIVOT else 2000 + year


def _normalise(text: str) -> str:
    s = text.translate({0x2013: "-", 0x2014: "-", 0x2212: "-", 0x2010: "-", 0xA0: " "})
    s = " ".join(s.lower().split())
    s = s.lstrip("([ ").rstrip(" )].,;:!?")
    return re.sub(r"\s*([-/])\s*", r"\1", s)


# Each reader below returns None when the text is not its form, and raises PeriodError
# when it is its form but wrong (no such date, years not consecutive, ...).
def _read_key(s: str, hint: PeriodType | None) -> Period | None:
    if not re.fullmatch(r"(fy|ay|cy|fq|m|w|d):\S+", s):
        return None
    kind, _, rest = s.partition(":")
    return Period.from_key(f"{kind}:{rest.upper()}")


def _span_start(first: str, second: str) -> int:
    """The first year of a two-year span such as 2018/19, 18/19 or 2018/2019."""
    start = _full_year(first)
    follows = int(second) == (start + 1 if len(second) == 4 else (start + 1) % 100)
    if follows:
        return start
    if len(first) == len(second) == 4 and int(second) > start:
        raise PeriodError(f"{first}-{second} is a range of years, not one period")
    why = f"{second} does not follow {first}: a year span like 2018/19 names consecutive years"
    if len(first) == len(second) == 2 and 1 <= int(first) <= 31 and 1 <= int(second) <= 12:
        why += "; a date needs its year, e.g. 14/03/2022"
    raise PeriodError(why)


def _bare_year(year: int, type: PeriodType | None) -> Period:
    # A bare year under a financial or academic year indicator names the year that period
    # ends in ("by 2013" for a financial year measure means by March 2013, i.e. 2012/13).
    if type is PeriodType.FINANCIAL_YEAR:
        return Period.financial_year(year - 1)
    if type is PeriodType.ACADEMIC_YEAR:
        return Period.academic_year(year - 1)
    return Period.calendar_year(year)


def _year_period(s: str, type: PeriodType | None) -> Period | None:
    """A two-year span or a bare four-digit year, read as `type` (FY for spans by default)."""
    if m := re.fullmatch(r"(\d{2}|\d{4})[-/](\d{2}|\d{4})", s):
        start = _span_start(m[1], m[2])
        if type is PeriodType.ACADEMIC_YEAR:
            return Period.academic_year(start)
        if type is PeriodType.CALENDAR_YEAR:
            raise PeriodError("a two-year span is not a calendar year")
        return Period.financial_year(start)
    if re.fullmatch(r"\d{4}", s):
        return _bare_year(int(s), type)
    return None


_TYPE_WORDS = {
    PeriodType.FINANCIAL_YEAR: r"financial\s*(?:year|yr)|fin\.?\s*yr|f\.?y\.?",
    PeriodType.ACADEMIC_YEAR: r"(?:academic|school|ac\.?)\s*(?:year|yr)|a\.?y\.?",
    PeriodType.CALENDAR_YEAR: r"calendar\s*(?:year|yr)|cal\.?\s*(?:year|yr)|c\.?y\.?",
}


def _read_typed_year(s: str, hint: PeriodType | None) -> Period | None:
    """'financial year 2018/19', 'Ac Yr 2008/09', '2012/13 academic year': the words win."""
    s = s.removeprefix("the ")
    for type, words in _TYPE_WORDS.items():
        m = re.fullmatch(rf"(?:{words})\s*:?\s*(.+)", s) or re.fullmatch(rf"(.+?)\s+(?:{words})", s)
        if m and (p := _year_period(m[1], type)) is not None:
            return p
        if m and re.fullmatch(r"[\d/-]+", m[1]):
            raise PeriodError(f"{m[1]!r} is not a year such as 2018/19")
    return None


def _read_year(s: str, hint: PeriodType | None) -> Period | None:
    # Only a financial or academic year hint changes how a span or bare year reads.
    years = (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR)
    return _year_period(s, hint if hint in years else None)


_Q = r"(?:q|quarter\s*)(?P<q>[1-4])"
_Q_FIRST = re.compile(rf"{_Q}[\s-]*(?:of\s+)?(?:(?:fy|the)\s*)?(?P<y>.+)")
_Q_LAST = re.compile(rf"(?P<y>.+?)[\s-]*{_Q}")


def _read_quarter(s: str, hint: PeriodType | None) -> Period | None:
    m = _Q_FIRST.fullmatch(s) or _Q_LAST.fullmatch(s)
    if m is None:
        if re.fullmatch(r"(?:q|quarter\s*)\d", s):
            raise PeriodError("a quarter needs its financial year, e.g. Q3 2021/22")
        return None
    q, year = int(m["q"]), m["y"]
    if re.fullmatch(r"\d{4}", year):
        fy = f"{year}/{(int(year) + 1) % 100:02d}"
        months = f"{MONTH_ABBR[3 * q - 2]}-{MONTH_ABBR[3 * q]} {year}"
        raise PeriodError(
            f"Q{q} {year} could be a quarter of the financial year {fy} or of calendar "
            f"{year}: write Q{q} {fy}, or name the months, e.g. {months}"
        )
    span = re.fullmatch(r"(\d{2}|\d{4})[-/](\d{2}|\d{4})", year)
    if span is None:
        raise PeriodError(f"{year!r} is not a financial year such as 2021/22")
    return Period.quarter(_span_start(span[1], span[2]), q)


def _read_month_range(s: str, hint: PeriodType | None) -> Period | None:
    """'Jul-Sep 2021', 'October to December 2021': a quarter named by its months."""
    m = re.fullmatch(rf"{_MONTH}(?:-|\s+to\s+){_MONTH}\s*{_YEAR}", s)
    if m is None:
        return None
    first, last = month_number(m[1]), month_number(m[2])
    if first not in (1, 4, 7, 10) or last != first + 2:
        raise PeriodError("a range of months must be a quarter, e.g. Jul-Sep 2021")
    return period_containing(date(_full_year(m[3]), first, 1), PeriodType.QUARTER)


def _date(s: str) -> date | None:
    return read_day(s, _full_year)


def _read_week(s: str, hint: PeriodType | None) -> Period | None:
    m = re.fullmatch(r"(?:w/c|wc|w/b|week\s+(?:commencing|beginning))\s*(.+)", s)
    if m is None:
        return None
    day = _date(m[1])
    if day is None:
        raise PeriodError(f"{m[1]!r} is not a date such as 14/03/2022")
    if day.weekday() != 0:
        raise PeriodError(f"a week commences on a Monday and {day:%d/%m/%Y} is a {day:%A}")
    return Period.week(day)


def _read_date(s: str, hint: PeriodType | None) -> Period | None:
    day = _date(s)
    if day is None:
        return None
    return Period.week(day) if hint is PeriodType.WEEK else Period.as_at(day)


def _read_month(s: str, hint: PeriodType | None) -> Period | None:
    m = re.fullmatch(rf"{_MONTH}[\s-]*'?{_YEAR}", s)
    if m and looks_like_month(m[1]):
        return Period.month(_full_year(m[2]), month_number(m[1]))
    if s in _MONTHS:
        raise PeriodError("a month needs its year, e.g. Sep-21 or September 2021")
    return None


_READERS = (
    _read_key,
    _read_typed_year,
    _read_quarter,
    _read_month_range,
    _read_year,
    _read_week,
    _read_date,
    _read_month,
)


def _read(s: str, hint: PeriodType | None) -> Period:
    if not s:
        raise PeriodError("there is no period in it")
    for reader in _READERS:
        if (p := reader(s, hint)) is not None:
            return p
    raise PeriodError(f"it is not a period form Boardpack knows ({_EXAMPLES})")


def _read_by(s: str, hint: PeriodType | None) -> Period:
    p = _read(s, hint)
    # "by March 2019" for a financial year measure is the year 2018/19 that ends then.
    if hint is not None and p.type in (PeriodType.MONTH, PeriodType.AS_AT):
        return period_containing(p.end, hint)
    return p


def _read_nya(s: str) -> Period | None:
    # The expected publication date: a month or day, not the measure's own period type.
    if not s or s in _MONTHS:
        return None
    return _read(s, None)


def _split_qualifier(s: str) -> tuple[str, str]:
    if m := re.fullmatch(r"n\.?y\.?a\.?(?:\s*[:-]\s*|\s+|$)(.*)", s):
        return "nya", m[1]
    if m := re.fullmatch(r"by(?:\s+|$)(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?(.*)", s):
        return "by", m[1]
    if m := re.fullmatch(r"(?:as\s+)?at(?:\s+|$)(?:the\s+end\s+of\s+)?(.*)", s):
        return "as_at", m[1]
    return "", s


# Cached: an import reads the same few period texts on thousands of rows.
@functools.lru_cache(maxsize=4096)
def parse_period(text: str, hint: PeriodType | None = None) -> ParsedPeriod:
    """Read a period as the board's documents print it.

    `hint` is the indicator's period type; it only resolves forms that are ambiguous.
    Case, spacing, en dashes, surrounding brackets and trailing punctuation are ignored.

    Forms (qualifier "" unless said):
    - Two-year spans "2008/09", "2018-19", "2018/2019", "(07/08)", "12/13": a financial
      year, or an academic year if hint is ACADEMIC_YEAR. Words win over the hint:
      "financial year 2018/19", "FY 2018/19" are financial years; "school year 18/19",
      "academic year 17/18", "Ac Yr 2008/09", "2012/13 academic year" are academic years.
    - A bare year "2019": the calendar year; if hint is FINANCIAL_YEAR or ACADEMIC_YEAR, the
      year of that type that ENDS in it ("2013" -> 2012/13). "financial year 2013" likewise.
    - Quarters of the financial year: "Q3 2021/22", "Q1 2021-22", "2021/22 Q3",
      "quarter 3 of 2021/22", or named by months: "Oct-Dec 2021", "October to December 2021".
      "Q3" with no year, and "Q3 2021" (financial or calendar?) are errors.
    - Months: "Sep-21", "Sep 21", "Sept 2021", "September 2021".
    - Dates "14/03/2022", "14/3/22", "2022-03-14", "31 March 2019": as at that day, or the
      week containing it if hint is WEEK. "w/c 14/03/2022" is that week (must be a Monday).
    - "as at August 2013", "as at 31 March 2019", "at March 2009": qualifier "as_at", the
      period AS_AT the last day of what follows.
    - "nya", "nya: Nov 2010", "nya: June": qualifier "nya" (not yet available); the period
      is the expected month or day, read without the hint, or None if no year is given.
    - "by March 2019", "by end of August 2021", "by 2013": qualifier "by"; a month or day
      is widened to the period of type `hint` containing it (March 2019 -> 2018/19 with hint
      FINANCIAL_YEAR); other forms read as above ("by 2013" with hint FINANCIAL_YEAR ->
      2012/13, with no hint -> calendar 2013).
    - Period keys such as "fy:2008", as stored.
    Two-digit years are 1969-2068. Anything else raises PeriodError naming the text.
    """
    hint = None if hint is None else PeriodType(hint)  # a stored "fy" works as well
    qualifier, rest = _split_qualifier(_normalise(text))
    try:
        if qualifier == "nya":
            period = _read_nya(rest)
        elif qualifier == "by":
            period = _read_by(rest, hint)
        elif qualifier == "as_at":
            period = Period.as_at(_read(rest, None).end)
        else:
            period = _read(rest, hint)
    except ValueError as exc:  # PeriodError, or a year out of date's range
        raise PeriodError(f"cannot read {text!r} as a period: {exc}") from None
    return ParsedPeriod(period, qualifier, text)
