"""Reading the sample plan's YAML sources (resources/sample/plan_*.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app import paths

SEED_FILES = {
    "000": "000_4ebb85089bd084a4.txt",
    "001": "001_76a40a5a46168818.txt",
    "002": "002_bee0895c15a321b1.txt",
    "003": "003_30a51b16f43bc2b9.txt",
    "004": "004_5fcae5dac42bdecd.txt",
}
SEED_TITLES = {
    "000": "CYPP 2013/14",
    "001": "CYPP 2010-2013",
    "002": "Delivery Plan 2010-11 for the CYPP 2010-13",
    "003": "Report to the Health and Wellbeing Board, May 2019",
    "004": "CYPP extended to 2023: progress tracker 2021-22",
}
_SOURCE = re.compile(r"^(\d{3}):(\d+)$")


def sample_dir() -> Path:
    return paths.resource("sample")


def source_files() -> list[Path]:
    return sorted(sample_dir().glob("plan_*.yaml"))


def load_sources() -> list[tuple[Path, dict[str, Any]]]:
    import yaml

    return [(p, yaml.safe_load(p.read_text(encoding="utf-8")) or {}) for p in source_files()]


def parse_source(text: str) -> tuple[str, int]:
    """'002:469' -> (seed file name, 469)."""
    m = _SOURCE.match(str(text).strip())
    if not m or m.group(1) not in SEED_FILES:
        raise ValueError(f"source must look like '002:469', not {text!r}")
    return SEED_FILES[m.group(1)], int(m.group(2))


def describe_source(text: str) -> tuple[str, str]:
    """'002:469' -> ('Delivery Plan 2010-11 ... (002_...txt)', 'line 469')."""
    name, line = parse_source(text)
    prefix = name[:3]
    return f"{SEED_TITLES[prefix]} ({name})", f"line {line}"


def walk_cited(obj: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in a source tree that has both a `raw` text and a `source`."""
    if isinstance(obj, dict):
        if "raw" in obj and "source" in obj:
            yield where, obj
        for k, v in obj.items():
            yield from walk_cited(v, f"{where}.{k}" if where else str(k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from walk_cited(v, f"{where}[{i}]")
