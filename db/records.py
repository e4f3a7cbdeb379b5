"""Mapping between the domain's dataclasses and table rows."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from app import domain as d

TABLES: dict[type, str] = {
    d.Plan: "plans",
    d.Node: "nodes",
    d.Indicator: "indicators",
    d.IndicatorLink: "indicator_links",
    d.Value: "indicator_values",
    d.Target: "targets",
    d.Comparator: "comparators",
    d.Meeting: "meetings",
    d.Assessment: "assessments",
    d.Report: "reports",
    d.MeetingAction: "meeting_actions",
    d.Question: "questions",
}
# Every order ends in a unique key, so it is total and never falls back on SQLite's rowid,
# which VACUUM, a copy or a merged change file may renumber.
ORDER: dict[type, str] = {
    d.Plan: "position, title, id",
    d.Node: "position, ref, title, id",
    d.Indicator: "code, title, id",
    d.IndicatorLink: "position, id",
    d.Value: "period, breakdown, id",
    # Within a period: targets from the document (no date set) before revisions, older
    # before newer, and on one day the one replaced before the one in force.
    d.Target: "period, set_on, superseded_by IS NULL, id",
    d.Comparator: "kind, period, id",
    d.Meeting: "held_on DESC, title, id",
    d.Assessment: "meeting_id, position, subject_kind, subject_id",
    d.Report: "report_date DESC, title, id",
    d.MeetingAction: "meeting_id, position, id",
    d.Question: "asked_at, id",
}
SOURCE_COLUMNS = ("source_document", "source_location", "entered_by")


@cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _base_type(tp: Any) -> Any:
    """`X | None` -> X."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


_PLAIN = frozenset({str, float, int, type(None)})


def to_row(record: Any) -> dict[str, Any]:
    # The bulk paths convert a row per figure: plain values (most fields) skip to_column.
    row: dict[str, Any] = {}
    fields = record.__dict__
    for name in _field_types(type(record)):
        value = fields[name]
        if type(value) in _PLAIN:
            row[name] = value
        elif name == "source":
            row.update(
                source_document=value.document,
                source_location=value.location,
                entered_by=value.entered_by,
            )
        else:
            row[name] = to_column(value)
    return row


def to_column(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def from_row(cls: type, row: dict[str, Any]) -> Any:
    return decoder(cls, tuple(row))(tuple(row.values()))


@cache
def _converters(cls: type) -> list[tuple[str, Any]]:
    """Per field, the function that turns a column back into the field's type (or None)."""
    return [(name, _converter(_base_type(tp))) for name, tp in _field_types(cls).items()]


def _converter(tp: Any) -> Any:
    origin = typing.get_origin(tp) or tp
    if not isinstance(origin, type):
        return None
    if issubclass(origin, Enum):
        return origin
    if origin is bool:
        return bool
    if origin is datetime:
        return datetime.fromisoformat
    if origin is date:
        return date.fromisoformat
    if origin in (list, dict):
        return json.loads
    return None


Decoder = Callable[[Sequence[Any]], Any]


@cache
def decoder(cls: type, names: tuple[str, ...]) -> Decoder:
    """A function turning a plain tuple row, with columns `names` in that order, into a
    record, built once per class and column list (a whole plan's figures are read at once).
    A column the row lacks leaves the field's default. A row that cannot be a record raises
    ValueError, TypeError or KeyError."""
    at = {name: i for i, name in enumerate(names)}
    namespace: dict[str, Any] = {"cls": cls, "Source": d.Source}
    args: list[str] = []
    by_keyword = False  # positional (quicker) until a field's column is missing
    for name, convert in _converters(cls):
        if name == "source":
            parts = (f"(r[{at[c]}] or '')" if c in at else "''" for c in SOURCE_COLUMNS)
            arg = f"Source({', '.join(parts)})"
        elif name not in at:
            by_keyword = True
            continue
        elif convert is None:
            arg = f"r[{at[name]}]"
        else:
            namespace[f"c_{name}"] = _fast(convert)
            arg = f"None if r[{at[name]}] is None else c_{name}(r[{at[name]}])"
        args.append(f"{name}={arg}" if by_keyword else arg)
    # Generated once per class: a row per figure makes a per-field loop the read's main cost.
    exec(f"def decode(r):\n    return cls({', '.join(args)})", namespace)  # noqa: S102
    return namespace["decode"]


def _fast(convert: Any) -> Any:
    """An enum's members by value (a dict lookup, not the enum's constructor); anything
    else, and a value that is no member's, goes to `convert` itself."""
    if not (isinstance(convert, type) and issubclass(convert, Enum)):
        return convert
    members = dict(convert._value2member_map_)

    def member(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            return convert(value)

    return member


def columns(cls: type) -> list[str]:
    cols: list[str] = []
    for name in _field_types(cls):
        cols.extend(SOURCE_COLUMNS if name == "source" else (name,))
    return cols
