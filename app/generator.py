"""A large synthetic plan for benchmarks: thousands of nodes, indicators and figures.

Deterministic for a given seed, written in one transaction through the store protocol.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from app.domain import (
    Assessment,
    Comparator,
    ComparatorKind,
    Indicator,
    IndicatorLink,
    Meeting,
    Node,
    NodeKind,
    Plan,
    Polarity,
    Source,
    Target,
    Unit,
    Value,
    ValueStatus,
)
from app.periods import Period, PeriodType
from app.ports import PlanStore
from app.targets import polar_operator

_WORDS = ("children", "young people", "families", "school", "attendance", "health", "safety",
          "early help", "placements", "exclusions", "attainment", "wellbeing", "carers",
          "housing", "referrals", "assessments", "outcomes", "partners", "services", "support")


@dataclass
class Generated:
    plan_id: str
    nodes: int
    indicators: int
    values: int
    meetings: int


def generate(store: PlanStore, *, nodes: int = 2000, indicators: int = 1000, years: int = 10,
             seed: int = 1, first_year: int = 2014) -> Generated:
    rng = random.Random(seed)
    plan = Plan(title=f"Large generated plan ({nodes} items, {indicators} indicators)",
                short_name="Generated", board="Benchmark Board",
                period_start=date(first_year, 4, 1), period_end=date(first_year + years, 3, 31))
    tree = _tree(plan.id, nodes, rng)
    leaves = [n for n in tree if n.kind in (NodeKind.OBJECTIVE, NodeKind.OUTCOME)]
    months = [Period.month(first_year + (m + 3) // 12, (m + 3) % 12 + 1)
              for m in range(12 * years)]
    meetings = [Meeting(plan.id, Period.quarter(first_year + q // 4, q % 4 + 1).end,
                        f"Board meeting {q + 1}") for q in range(0, 4 * years, 2)]
    records: list[object] = [plan, *tree, *meetings]
    n_values = 0
    for i in range(indicators):
        ind, rows = _indicator(plan.id, i, months, meetings, rng, first_year, years)
        records.append(ind)
        home = leaves[i % len(leaves)]
        records.append(IndicatorLink(ind.id, home.id, i // len(leaves)))
        if i % 10 == 0:
            other = leaves[(i * 7 + 3) % len(leaves)]
            if other.id != home.id:
                records.append(IndicatorLink(ind.id, other.id, 1000 + i))
        n_values += sum(isinstance(r, Value) for r in rows)
        records.extend(rows)
    with store.transaction("Generate a large plan"):
        store.insert_many(records)
    return Generated(plan.id, len(tree), indicators, n_values, len(meetings))


def _title(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n)).capitalize()


def _tree(plan_id: str, total: int, rng: random.Random) -> list[Node]:
    shape = [(NodeKind.PRIORITY, 5), (NodeKind.OUTCOME, 8), (NodeKind.OBJECTIVE, 7),
             (NodeKind.ACTION, 6)]
    out: list[Node] = []

    def grow(parent: Node | None, depth: int, prefix: str) -> None:
        kind, width = shape[depth]
        for i in range(width):
            if len(out) >= total:
                return
            ref = f"{prefix}.{i + 1}" if prefix else str(i + 1)
            node = Node(plan_id=plan_id, parent_id=parent.id if parent else None, kind=kind,
                        title=f"{_title(rng, 4)} ({ref})", ref=ref, position=i,
                        lead_organisation=rng.choice(("County Council", "NHS", "Police",
                                                      "Schools")) if depth < 2 else "",
                        description=_title(rng, 30))
            out.append(node)
            if depth + 1 < len(shape):
                grow(node, depth + 1, ref)

    while len(out) < total:
        before = len(out)
        grow(None, 0, "" if not out else f"G{len(out)}")
        if len(out) == before:
            break
    return out[:total]


def _indicator(plan_id: str, i: int, months: list[Period], meetings: list[Meeting],
               rng: random.Random, first_year: int, years: int) -> tuple[Indicator, list]:
    unit = (Unit.PERCENT, Unit.COUNT, Unit.RATE)[i % 3]
    polarity = Polarity.HIGHER if i % 2 else Polarity.LOWER
    ind = Indicator(title=f"{_title(rng, 5)} (generated {i + 1})", code=f"GEN {i + 1}",
                    ref=f"I{i + 1}", plan_id=plan_id, unit=unit,
                    rate_base=10000 if unit is Unit.RATE else None, polarity=polarity,
                    period_type=PeriodType.MONTH.value, frequency="monthly",
                    decimals=1, note=_title(rng, 12))
    level = rng.uniform(20, 80)
    src = Source(entered_by="generator")
    rows: list[object] = []
    for m in months:
        level = min(99.0, max(1.0, level + rng.uniform(-2, 2)))
        value = round(level if unit is not Unit.COUNT else level * 10)
        status = ValueStatus.PROVISIONAL if m is months[-1] else ValueStatus.ACTUAL
        rows.append(Value(ind.id, m.key, float(value), status, "", str(value),
                          note="" if rng.random() > 0.05 else _title(rng, 10), source=src))
    for y in range(years):
        fy_end = Period.month(first_year + y + 1, 3)
        goal = round(level * (1.05 if polarity is Polarity.HIGHER else 0.95), 1)
        op = polar_operator(polarity)
        rows.append(Target(ind.id, fy_end.key, op, goal, raw_text=str(goal), source=src))
        rows.append(Comparator(ind.id, ComparatorKind.ENGLAND, fy_end.key,
                               round(level * rng.uniform(0.9, 1.1), 1), source=src))
    for meeting in meetings[-4:]:
        if rng.random() < 0.3:
            rows.append(Assessment(meeting.id, ind.id, "indicator", position=i,
                                   commentary=_title(rng, 40)))
    return ind, rows
