"""Every raw text in the sample sources stands on the seed line it cites."""

from pathlib import Path

import pytest
from sample_support import normalise

from app.sample_source import load_sources, parse_source, walk_cited

SEEDS = Path(__file__).parent / "seeds"
_lines: dict[str, list[str]] = {}


def seed_line(name: str, number: int) -> str:
    if name not in _lines:
        _lines[name] = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    lines = _lines[name]
    assert 1 <= number <= len(lines), f"{name} has no line {number}"
    return lines[number - 1]


def cited_items():
    for path, data in load_sources():
        for where, item in walk_cited(data):
            yield pytest.param(item, id=f"{path.name}:{where}")


def test_sources_exist():
    assert load_sources(), "no sample sources found"


@pytest.mark.parametrize("item", list(cited_items()))
def test_raw_text_stands_on_its_cited_line(item):
    name, number = parse_source(item["source"])
    raw = normalise(str(item["raw"]))
    assert raw, "empty raw text"
    line = normalise(seed_line(name, number))
    assert raw in line, f"{raw!r} is not on {name} line {number}: {line[:300]!r}"
