"""Mapping between the domain's dataclasses and table rows."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
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
}
ORDER: dict[type, str] = {
    d.Plan: "position, title",
    d.Node: "position, rowid",
    d.Indicator: "code, title",
    d.IndicatorLink: "position, rowid",
    d.Value: "period, breakdown",
    d.Target: "period, rowid",
    d.Comparator: "kind, period",
    d.Meeting: "held_on DESC",
    d.Assessment: "rowid",
    d.Report: "report_date DESC, rowid",
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


def to_row(record: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, tp in _field_types(type(record)).items():
        value = getattr(record, name)
        if name == "source":
            row.update(
                source_document=value.document,
                source_location=value.location,
                entered_by=value.entered_by,
            )
            continue
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
    kwargs: dict[str, Any] = {}
    for name, tp in _field_types(cls).items():
        if name == "source":
            kwargs[name] = d.Source(
                row.get("source_document") or "",
                row.get("source_location") or "",
                row.get("entered_by") or "",
            )
            continue
        if name not in row:
            continue
        kwargs[name] = _from_column(_base_type(tp), row[name])
    return cls(**kwargs)


def _from_column(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp) or tp
    if isinstance(origin, type):
        if issubclass(origin, Enum):
            return origin(value)
        if origin is bool:
            return bool(value)
        if origin is datetime:
            return datetime.fromisoformat(value)
        if origin is date:
            return date.fromisoformat(value)
        if origin in (list, dict):
            return json.loads(value)
    return value


def columns(cls: type) -> list[str]:
    cols: list[str] = []
    for name in _field_types(cls):
        cols.extend(SOURCE_COLUMNS if name == "source" else (name,))
    return cols
