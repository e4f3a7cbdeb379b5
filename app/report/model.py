"""The board report as plain data: everything the PDF shows, and nothing about how.

`build_report_model` reads the plan through the services; the result can be dumped to
JSON (the snapshot an issued report keeps) and loaded back to render the same document.
It may run on a worker thread while the user edits: it reads in short statements (the
indicators a batch at a time), never inside a transaction, and computes from memory, so a
user's commit never waits for it (the plan uses a rollback journal, where an open read
blocks every commit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app import rag, units
from app.chart_spec import ChartSpec
from app.domain import (
    RAG,
    Assessment,
    Indicator,
    Meeting,
    NodeKind,
    NotFoundError,
    Report,
    Unit,
    ValidationError,
)
from app.periods import Period
from app.read_model import NEEDS_COMMENTARY, RAG_ORDER, IndicatorSnapshot, override_words
from app.report import serial
from app.report.logo import read_logo
from app.report.options import ReportOptions
from app.report.progress import INDICATORS, READING, Progress, step

if TYPE_CHECKING:
    from app.services import Services

SNAPSHOT_VERSION = 1
PRIORITY_KINDS = (NodeKind.PRIORITY, NodeKind.THEME)
OUTCOME_KINDS = (NodeKind.OUTCOME, NodeKind.OUTCOME_GROUP, NodeKind.OBJECTIVE)
STANDARD_HEADER = (
    "Dates of meetings held since the last report",
    "HWB Priorities addressed in this report",
    "Link to any published notes or reports",
)
READ_BATCH = 20  # indicators read per batch: each read a few short statements
_GREENISH = (RAG.GREEN.value, RAG.BLUE.value)


@dataclass
class HeaderField:
    label: str
    text: str


@dataclass
class OutcomeLine:
    ref: str
    title: str


@dataclass
class PriorityBlock:
    title: str
    outcomes: list[OutcomeLine] = field(default_factory=list)
    focus: str = ""


@dataclass
class FocusBlock:
    priority: str
    focus: str
    deliverables: str
    progress: str


@dataclass
class RedAmberRow:
    subject_id: str
    number: str
    title: str
    rag: str
    commentary: str
    auto_rule: str = ""
    override_reason: str = ""


@dataclass
class SummaryRow:
    indicator_id: str
    ref: str
    title: str
    latest: str
    period: str
    target: str
    rag: str
    arrow: str
    recorded: bool = False  # the board recorded this rating at the meeting
    automatic: str = ""  # the automatic rating, where the board's differs
    board_note: str = ""  # "The board recorded Amber (automatic Red): <reason>"


@dataclass
class BoardReport:
    report_id: str
    plan_title: str
    title: str
    report_from: str = ""
    report_to: str = ""
    report_date: str = ""  # ISO date
    agenda_ref: str = ""
    organisation: str = ""
    header: list[HeaderField] = field(default_factory=list)
    priorities_label: str = "Priorities"
    priorities_text: str = ""  # as the report's header gives them, or
    priorities: list[PriorityBlock] = field(default_factory=list)  # from the plan's tree
    intro: str = ""
    focus: list[FocusBlock] = field(default_factory=list)
    red_amber: list[RedAmberRow] = field(default_factory=list)
    other_items: str = ""
    forward_plan: str = ""
    extra_sections: list[HeaderField] = field(default_factory=list)
    summary: list[SummaryRow] = field(default_factory=list)
    charts: list[ChartSpec] = field(default_factory=list)
    as_of: str = ""  # ISO date the figures are taken as at
    logo_png: str = ""  # base64 of the logo file, so an issued report keeps its logo
    created: str = ""  # ISO datetime, UTC; the PDF's creation date
    issued: str = ""  # ISO datetime, UTC, when the report was issued; "" for a draft
    renderer: str = ""  # what rendered the issued PDF ("reportlab 5.1.0")

    def to_dict(self) -> dict[str, Any]:
        return {"version": SNAPSHOT_VERSION, "model": serial.dump(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BoardReport:
        return serial.load(cls, data["model"])


def ordinal_date(d: date) -> str:
    """ "24th May 2019", as the board's reports print dates."""
    suffix = "th" if 11 <= d.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10,
                                                                                  "th")
    return f"{d.day}{suffix} {d:%B %Y}"


# --- building ----------------------------------------------------------------------------


def build_report_model(services: Services, report_id: str | None = None, *,
                       meeting_id: str | None = None,
                       options: ReportOptions | None = None,
                       progress: Progress | None = None) -> BoardReport:
    """The report's content: from a stored report, or from one meeting's assessments.

    Given only a meeting, the report that covers it is used if there is one; otherwise a
    report of that meeting alone is made up from the plan and the meeting. `progress` is
    told each step (and each indicator) and can cancel (ReportCancelled).
    """
    options = options or ReportOptions()
    step(progress, READING)
    report = _the_report(services, report_id, meeting_id)
    plan = services.plans.plan(report.plan_id)
    meetings = sorted((services.assessments.meeting(m) for m in report.meeting_ids),
                      key=lambda m: m.held_on)
    as_of = meetings[-1].held_on if meetings else report.report_date
    model = BoardReport(
        report_id=report.id, plan_title=plan.title, title=report.title,
        report_from=report.report_from or plan.board, report_to=report.report_to,
        report_date=report.report_date.isoformat() if report.report_date else "",
        agenda_ref=report.agenda_ref, organisation=options.organisation,
        intro=report.sections.get("intro", ""),
        other_items=report.sections.get("other_items", ""),
        forward_plan=report.sections.get("forward_plan", ""),
        as_of=as_of.isoformat() if as_of else "",
    )
    _header(model, report, meetings)
    _priorities(services, model, report)
    model.focus = [FocusBlock(fp.get("priority", ""), fp.get("focus", ""),
                              fp.get("deliverables", ""), fp.get("progress", ""))
                   for fp in report.focus_progress]
    model.extra_sections = [HeaderField(k.replace("_", " ").capitalize(), v)
                            for k, v in report.sections.items()
                            if k not in ("intro", "other_items", "forward_plan") and v.strip()]
    latest = _latest_assessments(services, meetings)
    model.red_amber = _red_amber(services, latest)
    step(progress, READING)
    if options.summary or options.charts:
        _indicators(services, model, plan.id, latest, as_of, options, progress)
    if options.logo:
        model.logo_png = read_logo(options.logo)
    dated = date.fromisoformat(model.report_date) if model.report_date else as_of
    if dated is not None:
        # A draft's PDF date is the report's (or meeting's) date, so the same input still
        # gives the same bytes; issuing replaces it with the moment of issue.
        model.created = datetime.combine(dated, datetime.min.time()).isoformat()
    return model


def _the_report(services: Services, report_id: str | None, meeting_id: str | None) -> Report:
    if report_id:
        return services.reports.report(report_id)
    if not meeting_id:
        raise ValidationError("Say which report or which meeting to report on.")
    meeting = services.assessments.meeting(meeting_id)
    covering = covering_report(services, meeting)
    if covering:
        return covering
    plan = services.plans.plan(meeting.plan_id)
    board = plan.board or "the board"
    return Report(plan.id, f"Report of the {board} meeting of {ordinal_date(meeting.held_on)}",
                  report_from=plan.board, report_date=meeting.held_on,
                  meeting_ids=[meeting.id], sections={"other_items": meeting.discussed},
                  id=f"meeting-{meeting.id}")


def covering_report(services: Services, meeting: Meeting) -> Report | None:
    """The stored report that covers a meeting: the first, if several do, that no issued
    correction has superseded."""
    covering = [r for r in services.reports.reports(meeting.plan_id)
                if meeting.id in r.meeting_ids]
    replaced = services.reports.superseded(meeting.plan_id)
    return next((r for r in covering if r.id not in replaced),
                covering[0] if covering else None)


def _header(model: BoardReport, report: Report, meetings: list[Meeting]) -> None:
    given = dict(report.header)
    rows = [HeaderField("Report from", model.report_from),
            HeaderField("Report to", model.report_to),
            HeaderField("Report Date", ordinal_date(report.report_date)
                        if report.report_date else "")]
    for label in STANDARD_HEADER:
        key = next((k for k in given if k.strip().lower() == label.lower()), None)
        text = given.pop(key) if key else ""
        if not text and label.startswith("Dates of meetings"):
            text = ", ".join(ordinal_date(m.held_on) for m in meetings)
        rows.append(HeaderField(label, text))
    for key in list(given):
        if key.strip().lower().startswith("priorities"):
            model.priorities_label, model.priorities_text = key, given.pop(key)
            break
    rows += [HeaderField(k, v) for k, v in given.items()]
    model.header = rows


def _priorities(services: Services, model: BoardReport, report: Report) -> None:
    if model.priorities_text.strip():
        return
    blocks = []
    for node in services.plans.children(report.plan_id, None):
        if node.kind not in PRIORITY_KINDS:
            continue
        children = services.plans.children(report.plan_id, node.id)
        block = PriorityBlock(node.title, [OutcomeLine(c.ref, c.title) for c in children
                                           if c.kind in OUTCOME_KINDS])
        focus = [c for c in children if c.kind is NodeKind.FOCUS]
        if focus:
            block.focus = "Priority focus: " + "; ".join(f.title for f in focus)
        blocks.append(block)
    model.priorities = blocks


def _latest_assessments(services: Services, meetings: list[Meeting]) -> dict[str, Assessment]:
    """Each subject's assessment at the latest of the report's meetings that assessed it,
    in the order the assessments were recorded."""
    out: dict[str, Assessment] = {}
    for meeting in meetings:  # oldest first: later meetings overwrite
        for a in services.assessments.assessments_at(meeting.id):
            out.pop(a.subject_id, None)
            out[a.subject_id] = a
    return out


def _red_amber(services: Services, latest: dict[str, Assessment]) -> list[RedAmberRow]:
    rows = []
    for a in latest.values():
        if a.rag not in NEEDS_COMMENTARY:
            continue
        number, title = subject_name(services, a)
        rows.append(RedAmberRow(a.subject_id, number, title, a.rag.value, a.commentary,
                                a.auto_rule, a.override_reason))
    rows.sort(key=lambda r: RAG_ORDER.index(RAG(r.rag)))  # Red first; stable otherwise
    return rows


def subject_name(services: Services, a: Assessment) -> tuple[str, str]:
    """(number, title) of an assessment's item, as the report names it."""
    try:
        if a.subject_kind == "indicator":
            ind = services.indicators.indicator(a.subject_id)
            return ind.ref or ind.code, ind.title
        node = services.plans.node(a.subject_id)
        return node.ref, node.title
    except NotFoundError:
        return "", "(deleted item)"


def _indicators(services: Services, model: BoardReport, plan_id: str,
                latest: dict[str, Assessment], as_of: date | None,
                options: ReportOptions, progress: Progress | None) -> None:
    indicators = services.read.outline(plan_id).plan_indicators()
    total = len(indicators)
    step(progress, INDICATORS, 0, total)
    for start in range(0, total, READ_BATCH):
        batch = indicators[start:start + READ_BATCH]
        snapshots = services.read.snapshots(batch, None, as_of=as_of, assessments=latest)
        for done, ind in enumerate(batch, start=start + 1):
            _indicator(model, ind, snapshots[ind.id], as_of, options)
            step(progress, INDICATORS, done, total)


def _indicator(model: BoardReport, ind: Indicator, snap: IndicatorSnapshot,
               as_of: date | None, options: ReportOptions) -> None:
    spec = snap.chart(suppress_below=options.suppress_below)
    shown = snap.shown.value
    if not options.include_green and shown in _GREENISH:
        return
    if options.summary:
        latest_text, latest_label = _latest_figure(ind, spec, snap.rating, options)
        model.summary.append(SummaryRow(
            ind.id, ind.ref or ind.code, ind.title, latest_text, latest_label,
            spec.target_text, shown, rag.direction_arrow(snap.direction),
            recorded=snap.assessed,
            automatic=snap.rating.rag.value if snap.differs else "",
            board_note=override_words(snap.assessment, snap.rating.rag, published=True)))
    if options.charts and not spec.empty:
        spec.rag = shown
        model.charts.append(spec)


def _latest_figure(ind: Indicator, spec: ChartSpec, rating: rag.Rating,
                   options: ReportOptions) -> tuple[str, str]:
    """The figure the rating is about: the whole's latest, or the only breakdown's."""
    figures = [p for p in spec.actuals if p.value is not None or p.suppressed]
    if figures:
        return figures[-1].text, figures[-1].label
    last = rating.value
    if last is None or not last.breakdown:
        return "–", ""
    suppress = options.suppress_below
    if suppress and ind.unit is Unit.COUNT and 0 < last.value < suppress:
        text = f"<{suppress}"
    else:
        text = units.format_value(last.value, ind.unit, ind.decimals, ind.rate_base)
    label = last.breakdown.split(":", 1)[-1].strip()
    return f"{text} ({label})", Period.from_key(last.period).label
