"""Turning what a user or an import gives into typed values, or a ValidationError that names
the field. Used by the services before anything is written."""

from __future__ import annotations

import math
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from app.dates import parse_date
from app.domain import ValidationError

E = TypeVar("E", bound=Enum)


def number(value: Any, field: str, label: str | None = None) -> float:
    try:
        result = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"The {label or field.replace('_', ' ')} must be a number, "
                              f"not {value!r}.", field=field) from None
    if not math.isfinite(result):
        raise ValidationError(f"The {label or field.replace('_', ' ')} must be a finite number.",
                              field=field)
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
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value, field, label or field.replace("_", " "))
    raise ValidationError(f"The {label or field.replace('_', ' ')} must be a date such as "
                          f"21/03/2019, not {value!r}.", field=field)


def optional_date(value: Any, field: str, label: str | None = None) -> date | None:
    return None if value is None or value == "" else a_date(value, field, label)


def choice(enum: type[E], value: Any, field: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(str(e.value) for e in enum)
        raise ValidationError(f"'{value}' is not a valid {field.replace('_', ' ')} "
                              f"(use one of: {allowed}).", field=field) from None
