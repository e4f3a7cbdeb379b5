"""Reporting periods: the canonical forms and the board's labels for them.

A period is identified by a short canonical key that sorts and round-trips:

    fy:2008        financial year April 2008 - March 2009      label "2008/09"
    ay:2018        academic year September 2018 - August 2019   label "2018/19"
    cy:2019        calendar year 2019                          label "2019"
    fq:2021Q3      Q3 of financial year 2021/22 (Oct-Dec 2021)  label "Q3 2021/22"
    m:2021-09      September 2021                               label "Sep-21"
    w:2022-03-14   week commencing Monday 14 March 2022         label "w/c 14/03/2022"
    d:2022-03-14   as at 14 March 2022                          label "14/03/2022"
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


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
            return f"{calendar.month_abbr[self.start.month]}-{self.start.year % 100:02d}"
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
