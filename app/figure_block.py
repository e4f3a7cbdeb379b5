"""A block of periods × breakdowns pasted from a spreadsheet (weeks × cohorts, months ×
areas): a header row naming the breakdowns, then one row per period.

    Week            cohort: EHCP   cohort: SEN support
    w/c 14/03/2022  12             30
    w/c 21/03/2022  [c]            28

Reading the block is plain Python so the grid and an importer can share it; the figures
themselves are read later by units.parse_figure, row by row, through enter_many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.domain import ValidationError
from app.units import parse_figure


@dataclass(frozen=True)
class BlockCell:
    period: str  # a period key
    breakdown: str
    text: str
    row: str  # where it came from, for messages: "w/c 14/03/2022, cohort: EHCP"


def _is_figure(text: str) -> bool:
    try:
        return not parse_figure(text).is_blank
    except ValidationError:
        return False


def read_breakdown_block(grid: list[list[str]], read_period: Callable[[str], str],
                         known: Iterable[str] = ()) -> list[BlockCell] | None:
    """The cells of a periods × breakdowns block, or None if `grid` is not one (then it is
    an ordinary paste). `read_period` turns a period text into its key, raising
    ValidationError; `known` breakdown names are matched whatever their case. Empty cells
    are left out: a gap in the block leaves that figure as it is.
    """
    if len(grid) < 2 or len(grid[0]) < 2:
        return None
    header = grid[0]
    names = header[1:]
    if any(not n.strip() or _is_figure(n) for n in names) or _is_figure(header[0]):
        return None
    try:
        keys = [read_period(line[0]) for line in grid[1:]]
    except ValidationError:
        return None
    spelled = {k.casefold(): k for k in known}
    names = [spelled.get(n.strip().casefold(), n.strip()) for n in names]
    cells = []
    for key, line in zip(keys, grid[1:], strict=True):
        for name, text in zip(names, line[1:], strict=False):
            if text.strip():
                cells.append(BlockCell(key, name, text, f"{line[0]}, {name}"))
    return cells
