"""Which column holds what: found from the headers, editable, remembered per layout.

A layout is remembered in the user's data folder (import-layouts.json), keyed by the
headers' wording, not in the plan file: a partner's template is the same whichever plan
(or copy of a plan) it is imported into, remembering it must not need write access to an
e-mailed, read-only plan, and a column choice is not the board's data for the change log.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from app import paths
from app.importer.workbook import CellValue, Sheet

# The fields a column can hold, in the order a form shows them, with the words a header
# uses for each (matched after lower-casing; the first field to match a header wins).
FIELDS: dict[str, str] = {
    "indicator": "Indicator (code, ref or title)",
    "period": "Period",
    "value": "Value",
    "status": "Status",
    "note": "Note",
    "breakdown": "Breakdown",
    "target": "Target",
    "raw_text": "As printed",
    "england": "England (comparator)",
    "region": "Region (comparator)",
    "statistical_neighbours": "Statistical neighbours (comparator)",
    "top_quartile": "Top quartile (comparator)",
}
COMPARATOR_FIELDS = ("england", "region", "statistical_neighbours", "top_quartile")
REQUIRED = ("indicator", "period", "value")
_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("raw_text", re.compile(r"\b(as printed|raw text|as shown|as written)\b")),
    ("target", re.compile(r"\btarget")),
    ("breakdown", re.compile(r"\b(breakdown|cohort|area|group|locality|sub-?group)\b")),
    ("note", re.compile(r"\b(notes?|comments?|commentary|narrative|explanation)\b")),
    ("status", re.compile(r"\b(status|flag|marker|symbol)\b")),
    ("period", re.compile(r"\b(period|quarter|year|month|date|as at|time ?period)\b")),
    ("value", re.compile(r"\b(value|figure|actual|result|outturn|performance|data|number)\b")),
    ("indicator", re.compile(r"\b(indicator|code|ref|reference|measure|kpi|ni|metric)\b")),
    # comparators last: "England value" is a value; a bare "Region" may be a breakdown
    ("england", re.compile(r"^england\b")),
    ("region", re.compile(r"\bregional\b|^region (average|figure)")),
    ("statistical_neighbours", re.compile(r"\bstatistical neighbours?\b")),
    ("top_quartile", re.compile(r"\btop quartile\b")),
]
_HEADER_ROWS = 20  # a header sits within the first rows, below any title


@dataclass
class Mapping:
    """Column index (0-based) of each field, and the row holding the headers."""

    header_row: int
    columns: dict[str, int] = field(default_factory=dict)

    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.columns]


def _header_field(text: str) -> str | None:
    low = re.sub(r"\s+", " ", text.lower()).strip()
    for name, pattern in _WORDS:
        if pattern.search(low):
            return name
    return None


def _guess_row(cells: list[CellValue]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, cell in enumerate(cells):
        if isinstance(cell, str):
            name = _header_field(cell)
            if name and name not in found:
                found[name] = col
    return found


def guess(sheet: Sheet) -> Mapping | None:
    """A remembered layout whose headers one of the first rows has; else the first row that
    reads as a header (two or more known headers, or all required ones) and the columns it
    names; None if no row does."""
    remembered = _load()
    if remembered:
        for r in range(min(len(sheet.rows), _HEADER_ROWS)):
            if all(c is None for c in sheet.rows[r]):
                continue
            saved = remembered.get(layout_key(headers(sheet, r)))
            if saved:
                return Mapping(r, {k: int(v) for k, v in saved["columns"].items()
                                   if k in FIELDS})
    best: Mapping | None = None
    for r, cells in enumerate(sheet.rows[:_HEADER_ROWS]):
        found = _guess_row(cells)
        if len(found) >= 2 and (best is None or len(found) > len(best.columns)):
            best = Mapping(r, found)
            if not best.missing():
                break
    return best


def headers(sheet: Sheet, row: int) -> list[str]:
    return ["" if c is None else str(c).strip() for c in sheet.rows[row]]


# --- remembered layouts -----------------------------------------------------------------

def _store_path() -> Path:
    return paths.user_data_dir() / "import-layouts.json"


def layout_key(header_cells: list[str]) -> str:
    words = "\x1f".join(re.sub(r"\s+", " ", h.lower()).strip() for h in header_cells)
    return hashlib.sha256(words.rstrip("\x1f").encode()).hexdigest()[:16]


def _load() -> dict[str, dict]:
    try:
        return json.loads(_store_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remember(header_cells: list[str], mapping: Mapping) -> None:
    """Keep this mapping for sheets with the same headers (written atomically)."""
    data = _load()
    data[layout_key(header_cells)] = {"header_row": mapping.header_row,
                                      "columns": mapping.columns,
                                      "headers": [h for h in header_cells if h]}
    target = _store_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    tmp.replace(target)
