"""Turning what a user or an import gives into typed values, or a ValidationError that names
the field. Used by the services before anything is written."""

from __future__ import annotations

import math
import unicodedata
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from app.dates import parse_date
from app.domain import ValidationError
from app.periods import Period, PeriodError
from app.units import Unit, validate_value

E = TypeVar("E", bound=Enum)


def number(value: Any, field: str, label: str | None = None) -> float:
    try:
        result = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"The {label or field.replace('_', ' ')} must be a number, "
                              f"not {value!r}.", field=field) from None
    except OverflowError:
        raise ValidationError(f"The {label or field.replace('_', ' ')} is too large.",
                              field=field) from None
    if not math.isfinite(result):
        raise ValidationError(f"The {label or field.replace('_', ' ')} must be a finite number.",
                              field=field)
    _within_magnitude(result, label or field.replace("_", " "), field)
    return result


def optional_number(value: Any, field: str, label: str | None = None) -> float | None:
    return None if value is None or value == "" else number(value, field, label)


def whole_number(value: Any, field: str, label: str | None = None) -> int:
    result = number(value, field, label)
    if result != int(result):
        raise ValidationError(f"The {label or field.replace('_', ' ')} must be a whole number, "
                              f"not {value!r}.", field=field)
    return int(result)


def a_date(value: Any, field: str, label: str | None = None) -> date:
    """A date (or text as a UK user types it, read by app.dates) in the years 1900 to 2200."""
    name = label or field.replace("_", " ")
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, str):
        found = parse_date(value, field, name)
    else:
        raise ValidationError(f"The {name} must be a date such as 21/03/2019, not {value!r}.",
                              field=field)
    year(found.year, field, f"year of the {name}")
    return found


def optional_date(value: Any, field: str, label: str | None = None) -> date | None:
    return None if value is None or value == "" else a_date(value, field, label)


def choice(enum: type[E], value: Any, field: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(str(e.value) for e in enum)
        raise ValidationError(f"'{value}' is not a valid {field.replace('_', ' ')} "
                              f"(use one of: {allowed}).", field=field) from None


# -- text --------------------------------------------------------------------------------
# Longest text each field takes, in characters. Long enough for any real entry (a page of
# commentary is about 4,000), short enough that one field cannot swamp a report.
TEXT_LIMITS: dict[str, int] = {
    "title": 500,
    "ref": 40,
    "code": 80,
    "commentary": 20_000,
    "description": 20_000,
    "discussed": 20_000,
    "note": 10_000,
    "reason": 5_000,
    "raw_text": 2_000,
    "owner": 200,
    "agenda_ref": 100,
}
DEFAULT_TEXT_LIMIT = 5_000
_NEWLINES = str.maketrans({"\v": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n",
                           "\u2029": "\n"})


def text(value: Any, field: str, label: str | None = None, *, limit: int | None = None) -> str:
    """Text as it will be stored: line breaks made newlines (CR LF, CR, Word's vertical tab),
    and refused if it holds what a view cannot show: lone surrogates, control characters
    other than newline and tab. Format characters (bidi marks, joiners) are kept."""
    what = label or field.replace("_", " ")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"The {what} must be text, not {type(value).__name__}.",
                              field=field)
    result = value.replace("\r\n", "\n").translate(_NEWLINES)
    limit = limit if limit is not None else TEXT_LIMITS.get(field, DEFAULT_TEXT_LIMIT)
    if len(result) > limit:
        raise ValidationError(f"The {what} is too long ({len(result):,} characters; at most "
                              f"{limit:,}).", field=field)
    if result.isprintable():  # no control characters, no surrogates: the common case
        return result
    for i, ch in enumerate(result):
        if ch in "\n\t":
            continue
        category = unicodedata.category(ch)
        if category == "Cc":
            raise ValidationError(f"The {what} contains a control character (U+{ord(ch):04X}) "
                                  f"at position {i + 1}; remove it.", field=field)
        if category == "Cs":
            raise ValidationError(f"The {what} contains a character that is not valid text "
                                  f"(a lone surrogate, U+{ord(ch):04X}) at position {i + 1}; "
                                  "it may have been pasted from a damaged file.", field=field)
    return result


def texts(fields: dict[str, Any]) -> dict[str, Any]:
    """Every text in `fields` checked by `text` under its own field name's limit."""
    return {k: text(v, k) if isinstance(v, str) else v for k, v in fields.items()}


# -- figures and periods -----------------------------------------------------------------
MAX_MAGNITUDE = 1e15  # no board figure comes near; beyond it charts and formats break
FIRST_YEAR, LAST_YEAR = 1900, 2200


def figure(value: float, unit: Unit) -> float:
    """A figure for an indicator of `unit`: finite, of a sane size, right for the unit."""
    if not math.isfinite(value):
        raise ValidationError(f"A figure must be a finite number (got {value}).", field="value")
    _within_magnitude(value, "figure", "value")
    validate_value(value, unit)
    return value


def _within_magnitude(value: float, what: str, field: str) -> None:
    if abs(value) > MAX_MAGNITUDE:
        raise ValidationError(f"The {what} {value:.3g} is too large (at most "
                              f"{MAX_MAGNITUDE:,.0f} either way).", field=field)


def year(value: int, field: str, label: str | None = None) -> int:
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValidationError(f"The {label or field.replace('_', ' ')} must be between "
                              f"{FIRST_YEAR} and {LAST_YEAR}, not {value}.", field=field)
    return value


def period_key(key: Any, field: str = "period") -> str:
    """A stored period key exactly as Boardpack writes it ('fy:2018', 'fq:2021Q3'), for a
    year from 1900 to 2200."""
    if isinstance(key, Period):
        parsed = key
    else:
        try:
            parsed = Period.from_key(str(key))
        except (PeriodError, OverflowError):
            raise ValidationError(f"'{key}' is not a period.", field=field) from None
        if parsed.key != key:
            raise ValidationError(f"'{key}' is not a period as Boardpack writes it (did you "
                                  f"mean '{parsed.key}'?).", field=field)
    year(parsed.start.year, field, "period's year")
    year(parsed.end.year, field, "period's year")
    return parsed.key
