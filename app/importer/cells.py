"""One cell read as the sender meant it: a figure, a period, a status or text.

Text goes through app.units.parse_figure (the one vocabulary of figures and shorthand the
grid uses). Numbers are cleaned of floating noise; a percent-formatted cell (0.075 shown
as 7.5%) is read as 7.5. Where no format could be read (.ods, .xls, .csv), a fraction in
a percent indicator is read by the indicator's history, and the dry run says so.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from app import units
from app.domain import Unit, ValidationError, ValueStatus
from app.importer.workbook import CellValue
from app.periods import Period, PeriodError, PeriodType, parse_period, period_containing

PERCENT_UNITS = (Unit.PERCENT, Unit.PERCENTAGE_POINTS, Unit.PERCENT_CHANGE)
_EXCEL_EPOCH = date(1899, 12, 30)
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")
_ACTUAL_WORDS = {"actual", "final", "a", "confirmed"}


class CellProblem(ValueError):
    """Why a cell cannot be read; the dry run adds sheet, row and column."""


@dataclass
class ReadFigure:
    text: str  # the figure as the sender showed it, kept as the raw text
    figure: units.ParsedFigure
    # "0.075 → 7.5%" where a fraction was read as a percentage by the indicator's unit and
    # history (no number format in the file)
    remark: str = ""


def clean_number(value: float) -> float:
    """7.0000000000000009 -> 7.0; 0.075 * 100 -> 7.5, not 7.500000000000001."""
    return float(f"{value:.12g}")


def plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def read_figure(cell: CellValue, unit: Unit, *, fmt: str | None, formats_read: bool,
                history: list[float] | None = None) -> ReadFigure | None:
    """The figure a value cell holds; None for a blank cell (missing, never zero)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        raise CellProblem(f"'{cell}' is TRUE/FALSE, not a figure")
    if isinstance(cell, (date, datetime)) or fmt == "date":
        raise CellProblem("holds a date where a figure was expected")
    if isinstance(cell, str) and not formats_read and _PLAIN_NUMBER.fullmatch(cell.strip()):
        # CSV holds every figure as text: a bare number is read like a number cell
        read = read_figure(float(cell), unit, fmt=None, formats_read=False, history=history)
        return None if read is None else ReadFigure(cell.strip(), read.figure, read.remark)
    if isinstance(cell, str):
        parsed = _parse_text(cell.strip(), unit)
        if isinstance(parsed, str):
            raise CellProblem(parsed)
        return ReadFigure(cell.strip(), dataclasses.replace(parsed))
    number = clean_number(float(cell))
    remark = ""
    if fmt == "percent":
        number = clean_number(number * 100)
        text = f"{plain(number)}%"
    elif not formats_read and unit in PERCENT_UNITS and _fraction_likely(number, history):
        remark = (f"{plain(number)} → {plain(clean_number(number * 100))}%")
        number = clean_number(number * 100)
        text = f"{plain(number)}%"
    else:
        text = plain(number)
    return ReadFigure(text, units.ParsedFigure(number), remark)


@lru_cache(maxsize=65536)
def _parse_text(text: str, unit: Unit) -> units.ParsedFigure | str:
    """parse_figure, once per distinct text (a return repeats its figures and shorthand);
    the problem's wording where it refuses the text."""
    try:
        return units.parse_figure(text, unit)
    except ValidationError as exc:
        return str(exc).rstrip(".")


def _fraction_likely(number: float, history: list[float] | None) -> bool:
    """A stored fraction (0.075 for 7.5%) rather than a percentage below 1?"""
    if not 0 < abs(number) <= 1:
        return False
    if not history:
        return True  # spreadsheets store percentages as fractions
    earlier = sorted(abs(h) for h in history)
    return earlier[len(earlier) // 2] > 1


def read_status(text: CellValue) -> units.ParsedFigure | None:
    """A status column's cell: None for actual or blank; else the status (and no value) as
    parse_figure reads the shorthand."""
    if text is None:
        return None
    return _status(str(text).strip())


@lru_cache(maxsize=1024)
def _status(raw: str) -> units.ParsedFigure | None:
    if raw.lower().strip("[]()") in _ACTUAL_WORDS or not raw:
        return None
    for candidate in (raw, f"1 {raw}", f"1 ({raw.strip('[]()')})"):
        try:
            fig = units.parse_figure(candidate)
        except ValidationError:
            continue
        if fig.status is not ValueStatus.ACTUAL:
            return units.ParsedFigure(None, fig.status, fig.expected)
    raise CellProblem(f"the status '{raw}' is not one Boardpack knows")


def excel_date(serial: float) -> date:
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def read_period(cell: CellValue, period_type: str, *, fmt: str | None) -> Period:
    """The period a cell names, for an indicator of `period_type`. A date (or an Excel
    serial date) names the period of that type containing it."""
    hint = PeriodType(period_type)
    day: date | None = None
    if isinstance(cell, datetime):
        day = cell.date()
    elif isinstance(cell, date):
        day = cell
    elif isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if fmt == "date" or 20000 <= cell <= 80000:  # 1954..2119 as serial dates
            day = excel_date(cell)
        else:
            cell = plain(clean_number(float(cell)))
    if day is None:
        text = str(cell or "").strip()
        if not text:
            raise CellProblem("no period given")
        try:
            parsed = parse_period(text, hint=hint)
        except PeriodError as exc:
            raise CellProblem(str(exc)) from None
        if parsed.period is None:
            raise CellProblem(f"'{text}' does not name a period")
        if parsed.period.type is not PeriodType.AS_AT or hint is PeriodType.AS_AT:
            return parsed.period
        day = parsed.period.end
    if hint is PeriodType.AS_AT:
        return Period.as_at(day)
    return period_containing(day, hint)
