"""Builds the bundled sample plan from its YAML sources (resources/sample/plan_*.yaml).

The composition root (`boardpack build-sample`) opens a fresh store and hands it here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.domain import (
    RAG,
    Comparator,
    ComparatorKind,
    Indicator,
    IndicatorLink,
    Meeting,
    Node,
    NodeKind,
    Plan,
    PlanStatus,
    Report,
    Source,
    Target,
    TargetOperator,
    TargetStatus,
    ValidationError,
    ValueStatus,
)
from app.indicator_service import FigureEntry
from app.periods import PeriodType, parse_period
from app.ports import PlanStore
from app.sample_source import describe_source, load_sources
from app.services import Services
from app.units import ParsedFigure

NODE_FIELDS = ("description", "lead_organisation", "lead_role", "partners",
               "reporting_timetable", "timing", "further_detail", "progress", "note")
INDICATOR_FIELDS = ("code", "ref", "definition", "rate_base", "polarity_inferred", "frequency",
                    "publication_lag_days", "decimals", "tolerance", "data_source", "note")


class SampleError(ValidationError):
    pass


def build(store: PlanStore, sources: list[tuple[Path, dict[str, Any]]] | None = None,
          progress: Callable[[str], None] | None = None) -> None:
    """Write every plan of the sample sources into an empty store, in one transaction."""
    sources = load_sources() if sources is None else sources
    by_plan: dict[str, list[tuple[Path, dict[str, Any]]]] = {}
    for path, data in sources:
        key = (data.get("plan") or {}).get("key")
        if not key:
            raise SampleError(f"{path.name}: no plan key")
        by_plan.setdefault(key, []).append((path, data))
    services = Services.over(store)
    with store.transaction("Build the sample plan"):
        for position, (key, files) in enumerate(sorted(by_plan.items(),
                                                       key=lambda kv: _plan_start(kv[1]))):
            if progress:
                progress(key)
            _PlanBuilder(store, services, key, files, position).build()
        store.start_history("built from the seed documents")


def _plan_start(files: list[tuple[Path, dict[str, Any]]]) -> str:
    for _, data in files:
        start = data["plan"].get("period_start")
        if start:
            return str(start)
    return "9999"


def _source(text: str | None, entered_by: str = "") -> Source:
    if not text:
        return Source(entered_by=entered_by)
    document, location = describe_source(str(text))
    return Source(document=document, location=location)


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class _PlanBuilder:
    def __init__(self, store: PlanStore, services: Services, key: str,
                 files: list[tuple[Path, dict[str, Any]]], position: int):
        self.store, self.services, self.key, self.files = store, services, key, files
        self.position = position
        self.nodes_by_ref: dict[str, list[Node]] = {}
        self.indicators: dict[str, Indicator] = {}
        self.meetings: dict[str, Meeting] = {}
        self.records: list[Any] = []
        self.figures: list[FigureEntry] = []

    def build(self) -> None:
        meta = next((d["plan"] for _, d in self.files if d["plan"].get("title")), None)
        if meta is None:
            raise SampleError(f"plan {self.key}: no file gives the plan's title")
        self.plan = Plan(
            title=meta["title"], short_name=meta.get("short_name", ""),
            board=meta.get("board", ""), period_start=_date(meta.get("period_start")),
            period_end=_date(meta.get("period_end")),
            status=PlanStatus(meta.get("status", "active")), url=meta.get("url", ""),
            description=meta.get("description", ""), position=self.position)
        self.store.insert(self.plan)
        for _, data in self.files:
            self._nodes(data.get("nodes") or [], None)
        for path, data in self.files:
            for item in data.get("indicators") or []:
                self._indicator(path, item)
        self.store.insert_many(self.records)
        self.records = []
        self.services.indicators.enter_many(self.figures, summary="Sample figures")
        self.figures = []
        for path, data in self.files:
            self._node_links(path, data.get("nodes") or [])
            for ind_key, refs in (data.get("links") or {}).items():
                for ref in refs:
                    self._link(path, ind_key, self._node(path, ref))
        self.store.insert_many(self.records)
        self.records = []
        for path, data in self.files:
            for item in data.get("meetings") or []:
                self._meeting(path, item)
            for item in data.get("reports") or []:
                self._report(path, item)

    # -- tree ----------------------------------------------------------------------------
    def _nodes(self, items: list[dict[str, Any]], parent: Node | None) -> None:
        for position, item in enumerate(items):
            node = Node(plan_id=self.plan.id, parent_id=parent.id if parent else None,
                        kind=NodeKind(item["kind"]), title=str(item["title"]).strip(),
                        ref=str(item.get("ref", "") or ""), position=position,
                        **{f: str(item.get(f) or "") for f in NODE_FIELDS})
            if item.get("source"):
                src = _source(item["source"])
                node.note = (node.note + "\n" if node.note else "") + \
                    f"Source: {src.describe()}"
            self.store.insert(node)
            item["_id"] = node.id
            if node.ref:
                self.nodes_by_ref.setdefault(node.ref, []).append(node)
            self._nodes(item.get("children") or [], node)

    def _node(self, path: Path, ref: str) -> Node:
        found = self.nodes_by_ref.get(str(ref), [])
        if len(found) != 1:
            problem = "no" if not found else f"{len(found)}"
            raise SampleError(f"{path.name}: {problem} node(s) with ref {ref!r} in {self.key}")
        return found[0]

    def _node_links(self, path: Path, items: list[dict[str, Any]]) -> None:
        for item in items:
            node = self.store.get(Node, item["_id"])
            for ind_key in item.get("indicators") or []:
                self._link(path, ind_key, node)
            self._node_links(path, item.get("children") or [])

    def _link(self, path: Path, ind_key: str, node: Node) -> None:
        ind = self.indicators.get(ind_key)
        if ind is None:
            raise SampleError(f"{path.name}: no indicator {ind_key!r} in {self.key}")
        if any(isinstance(r, IndicatorLink) and r.indicator_id == ind.id and r.node_id == node.id
               for r in self.records):
            return
        position = sum(1 for r in self.records if isinstance(r, IndicatorLink)
                       and r.node_id == node.id)
        self.records.append(IndicatorLink(ind.id, node.id, position))

    # -- indicators ----------------------------------------------------------------------
    def _indicator(self, path: Path, item: dict[str, Any]) -> None:
        key = item["key"]
        if key in self.indicators:
            raise SampleError(f"{path.name}: indicator {key!r} appears twice")
        fields = {f: item[f] for f in INDICATOR_FIELDS if item.get(f) is not None}
        ind = Indicator(title=str(item["title"]).strip(), plan_id=self.plan.id,
                        unit=item.get("unit", "count"), polarity=item.get("polarity", "higher"),
                        period_type=PeriodType(item.get("period_type", "fy")).value,
                        tolerance_kind=item.get("tolerance_kind", "relative"),
                        kind=item.get("kind", "numeric"), **fields)
        # Validate enums through the service's rules.
        cleaned = self.services.indicators._clean_fields(
            {"unit": ind.unit, "polarity": ind.polarity, "kind": ind.kind,
             "tolerance_kind": ind.tolerance_kind})
        for name, value in cleaned.items():
            setattr(ind, name, value)
        if item.get("source"):
            src = _source(item["source"])
            ind.note = (ind.note + "\n" if ind.note else "") + f"Source: {src.describe()}"
        self.indicators[key] = ind
        self.records.append(ind)
        hint = PeriodType(ind.period_type)
        for v in item.get("values") or []:
            self.figures.append(self._value(path, ind, hint, v))
        self._targets(path, ind, hint, item.get("targets") or [])
        for c in item.get("comparators") or []:
            self.records.append(Comparator(
                ind.id, ComparatorKind(c["kind"]), self._period(path, hint, c["period"], key),
                c.get("value"), str(c.get("raw", "")), c.get("note", "") or "",
                _source(c.get("source"))))

    def _period(self, path: Path, hint: PeriodType, text: Any, key: str) -> str:
        parsed = parse_period(str(text), hint=hint)
        if parsed.period is None:
            raise SampleError(f"{path.name}: {key}: period {text!r} names no period")
        return parsed.period.key

    def _value(self, path: Path, ind: Indicator, hint: PeriodType,
               v: dict[str, Any]) -> FigureEntry:
        period = self._period(path, hint, v["period"], ind.code or ind.title)
        figure = ParsedFigure(v.get("value"), ValueStatus(v.get("status", "actual")),
                              str(v.get("expected", "") or ""))
        return FigureEntry(ind.id, period, str(v.get("raw", "")), v.get("note", "") or "",
                           str(v.get("breakdown", "") or ""),
                           row=f"{path.name}: {ind.code or ind.title} {v['period']}",
                           source=_source(v.get("source")), figure=figure)

    def _targets(self, path: Path, ind: Indicator, hint: PeriodType,
                 items: list[dict[str, Any]]) -> None:
        made: list[tuple[Target, bool]] = []
        for t in items:
            target = Target(
                ind.id, self._period(path, hint, t["period"], ind.code or ind.title),
                TargetOperator(t["operator"]), t.get("value"), t.get("value_high"),
                ComparatorKind(t["comparator"]) if t.get("comparator") else None,
                TargetStatus(t.get("status", "agreed")), str(t.get("raw", "")),
                t.get("note", "") or "", _source(t.get("source")))
            made.append((target, bool(t.get("superseded"))))
        for target, superseded in made:
            if superseded:
                in_use = [t for t, s in made if not s and t.period == target.period]
                if not in_use:
                    raise SampleError(f"{path.name}: {ind.code or ind.title}: a superseded "
                                      f"target for {target.period} but none in use")
                target.superseded_by = in_use[0].id
        self.records.extend(t for t, s in made if not s)
        self.records.extend(t for t, s in made if s)

    # -- meetings and reports ------------------------------------------------------------
    def _meeting(self, path: Path, item: dict[str, Any]) -> None:
        focus = self._node(path, item["focus"]).id if item.get("focus") else None
        meeting = Meeting(self.plan.id, _date(item["held_on"]), item.get("title", ""), focus,
                          item.get("discussed", "") or "")
        self.store.insert(meeting)
        self.meetings[item["key"]] = meeting
        for a in item.get("assessments") or []:
            if a.get("indicator"):
                subject = self.indicators[a["indicator"]].id
            else:
                subject = self._node(path, a["node"]).id
            src = _source(a.get("source"))
            auto = self.services.assessments.assess(meeting.id, subject, commentary="")
            recorded = RAG(a["recorded"]) if a.get("recorded") else auto.auto_rag
            note = ""
            if recorded != auto.auto_rag and not a.get("reason"):
                note = ("The board's report gives its rating but few of the figures behind "
                        "it, so the automatic rating differs.")
            self.store.update(auto, recorded_rag=recorded, override_reason=a.get("reason") or "",
                              note=note, commentary=a.get("commentary", "") or "", source=src)

    def _report(self, path: Path, item: dict[str, Any]) -> None:
        meetings = [self.meetings[k].id for k in item.get("meetings") or []]
        report = Report(self.plan.id, item["title"], item.get("report_from", ""),
                        item.get("report_to", ""), _date(item.get("report_date")),
                        item.get("agenda_ref", ""), meetings,
                        {str(k): str(v) for k, v in (item.get("header") or {}).items()},
                        {str(k): str(v) for k, v in (item.get("sections") or {}).items()},
                        [{str(k): str(v) for k, v in fp.items()}
                         for fp in item.get("focus_progress") or []])
        self.store.insert(report)

