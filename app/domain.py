"""The board's concepts as plain data. No Qt, no SQL.

Every stored row carries a stable `id` (a UUID string) so that plans can later be
exchanged between laptops and merged; SQLite rowids are never exposed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_id() -> str:
    """A random (version 4) UUID as text; formatted by hand, as uuid4() costs a bulk import
    of 100,000 figures a noticeable part of its time."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


class BoardpackError(Exception):
    """Base for errors the app reports to the user with a readable message."""


class ValidationError(BoardpackError):
    """Bad input: names the field and the problem. Nothing was written."""

    def __init__(self, message: str, *, field: str | None = None, row: str | None = None):
        super().__init__(message)
        self.field = field
        self.row = row


class NotFoundError(BoardpackError):
    pass


class ReadOnlyError(BoardpackError):
    pass


# --- enums ----------------------------------------------------------------------------


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    EXTENDED = "extended"
    CLOSED = "closed"


class NodeKind(StrEnum):
    THEME = "theme"
    PRIORITY = "priority"
    OUTCOME_GROUP = "outcome_group"
    OUTCOME = "outcome"
    OBJECTIVE = "objective"
    FOCUS = "focus"
    ACTION = "action"
    DELIVERABLE = "deliverable"
    MILESTONE = "milestone"
    SECTION = "section"


class Unit(StrEnum):
    PERCENT = "percent"
    PERCENTAGE_POINTS = "pp"
    PERCENT_CHANGE = "percent_change"  # a change relative to a baseline: -21% and up
    COUNT = "count"
    RATE = "rate"  # per `rate_base` of a population
    SCORE = "score"
    RATIO = "ratio"
    MONEY = "money"


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    BAND = "band"  # within a band is good
    NONE = "none"  # contextual: no RAG


class IndicatorKind(StrEnum):
    NUMERIC = "numeric"
    BASELINE = "baseline"  # establish a baseline
    MAINTAIN = "maintain"
    MONITOR = "monitor"
    MILESTONE = "milestone"
    TEXT = "text"


class ToleranceKind(StrEnum):
    RELATIVE = "relative"  # fraction of the target, e.g. 0.05
    ABSOLUTE = "absolute"  # in the indicator's unit


class ValueStatus(StrEnum):
    ACTUAL = "actual"
    PROVISIONAL = "provisional"
    NOT_YET_AVAILABLE = "nya"
    # Statistical shorthand in partners' files: a status with no figure, never a number.
    SUPPRESSED = "suppressed"  # [c], c, *
    NOT_AVAILABLE = "not_available"  # [x], x, ..
    NOT_APPLICABLE = "not_applicable"  # [z], z
    ROUNDS_TO_ZERO = "rounds_to_zero"  # [low], k
    BELOW = "below"  # <5: fewer than the bound, which the raw text keeps

    @property
    def word(self) -> str:
        """How the grid and the chart name the status ("" for an actual)."""
        return _VALUE_STATUS_WORDS[self]

    @property
    def has_figure(self) -> bool:
        """Whether a value of this status carries a number that can be rated."""
        return self in (ValueStatus.ACTUAL, ValueStatus.PROVISIONAL)


_VALUE_STATUS_WORDS = {
    ValueStatus.ACTUAL: "", ValueStatus.PROVISIONAL: "provisional",
    ValueStatus.NOT_YET_AVAILABLE: "nya", ValueStatus.SUPPRESSED: "suppressed",
    ValueStatus.NOT_AVAILABLE: "not available", ValueStatus.NOT_APPLICABLE: "not applicable",
    ValueStatus.ROUNDS_TO_ZERO: "rounds to zero", ValueStatus.BELOW: "below a bound",
}


class TargetOperator(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    EQUAL = "equal"
    BAND = "band"  # value .. value_high
    RELATIVE_TO_BASELINE = "relative_to_baseline"  # value = change from baseline (signed)
    RELATIVE_TO_COMPARATOR = "relative_to_comparator"  # comparator kind; value = offset
    TEXT = "text"  # wording only, no rating


class TargetStatus(StrEnum):
    AGREED = "agreed"
    PROVISIONAL = "provisional"
    TO_BE_AGREED = "to_be_agreed"


class ComparatorKind(StrEnum):
    ENGLAND = "england"
    REGION = "region"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours"
    TOP_QUARTILE = "top_quartile"


class RAG(StrEnum):
    RED = "R"
    AMBER = "A"
    GREEN = "G"
    BLUE = "B"  # achieved / complete
    GREY = "X"  # no data / not assessed

    @property
    def word(self) -> str:
        return {
            "R": "Red",
            "A": "Amber",
            "G": "Green",
            "B": "Blue",
            "X": "Grey",
        }[self.value]

    @property
    def letter(self) -> str:
        return "–" if self is RAG.GREY else self.value


class Direction(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    SAME = "same"
    UNKNOWN = "unknown"  # too little data, or no polarity


# --- records --------------------------------------------------------------------------


@dataclass
class Source:
    """Where a figure came from: a document and a place in it, or who entered it."""

    document: str = ""
    location: str = ""  # e.g. "line 469"
    entered_by: str = ""

    def describe(self) -> str:
        if self.document:
            return f"{self.document}, {self.location}".rstrip(", ")
        return f"entered by {self.entered_by}" if self.entered_by else ""


@dataclass
class Plan:
    title: str
    period_start: date | None = None
    period_end: date | None = None
    board: str = ""
    status: PlanStatus = PlanStatus.ACTIVE
    short_name: str = ""
    url: str = ""
    description: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Node:
    plan_id: str
    kind: NodeKind
    title: str
    ref: str = ""
    parent_id: str | None = None
    position: int = 0
    description: str = ""
    lead_organisation: str = ""
    lead_role: str = ""
    partners: str = ""
    reporting_timetable: str = ""
    timing: str = ""  # "when", as printed
    further_detail: str = ""  # "further detailed actions can be found in"
    progress: str = ""  # latest progress text as reported
    note: str = ""
    id: str = field(default_factory=new_id)


# Fields a parent declares "for all actions unless otherwise stated".
INHERITED_NODE_FIELDS = ("lead_organisation", "lead_role", "partners", "reporting_timetable")


@dataclass
class Indicator:
    title: str
    code: str = ""
    ref: str = ""  # display ref where the plan numbers it ("3.14", "1.1b")
    plan_id: str | None = None  # the plan that owns it; links may come from several
    definition: str = ""
    unit: Unit = Unit.COUNT
    rate_base: int | None = None  # e.g. 10000 for "per 10,000"
    polarity: Polarity = Polarity.HIGHER
    polarity_inferred: bool = False
    period_type: str = "fy"  # PeriodType value
    frequency: str = ""  # e.g. "annual", "quarterly"
    publication_lag_days: int = 0
    decimals: int = 1
    tolerance: float = 0.05
    tolerance_kind: ToleranceKind = ToleranceKind.RELATIVE
    kind: IndicatorKind = IndicatorKind.NUMERIC
    data_source: str = ""
    note: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class IndicatorLink:
    indicator_id: str
    node_id: str
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Value:
    indicator_id: str
    period: str  # Period.key
    value: float | None = None
    status: ValueStatus = ValueStatus.ACTUAL
    breakdown: str = ""  # "" = the whole; otherwise e.g. "cohort: EHCP (All)"
    raw_text: str = ""
    expected: str = ""  # when a not-yet-available figure is due, as printed/parsed
    note: str = ""
    source: Source = field(default_factory=Source)
    id: str = field(default_factory=new_id)


@dataclass
class Target:
    indicator_id: str
    period: str  # Period.key the target is due for
    operator: TargetOperator
    value: float | None = None
    value_high: float | None = None  # upper end of a band
    comparator: ComparatorKind | None = None  # for RELATIVE_TO_COMPARATOR
    status: TargetStatus = TargetStatus.AGREED
    raw_text: str = ""
    note: str = ""
    source: Source = field(default_factory=Source)
    superseded_by: str | None = None  # a revised target keeps the history
    set_on: date | None = None
    id: str = field(default_factory=new_id)


@dataclass
class Comparator:
    indicator_id: str
    kind: ComparatorKind
    period: str
    value: float | None
    raw_text: str = ""
    note: str = ""
    source: Source = field(default_factory=Source)
    id: str = field(default_factory=new_id)


@dataclass
class Meeting:
    plan_id: str
    held_on: date
    title: str = ""
    focus_node_id: str | None = None
    discussed: str = ""  # notes of what was discussed
    papers_due: date | None = None  # the deadline for the meeting's papers
    agenda_ref: str = ""
    id: str = field(default_factory=new_id)


class ActionKind(StrEnum):
    ACTION = "action"
    DECISION = "decision"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass
class MeetingAction:
    """An action or decision recorded at a meeting. An open action carries forward to the
    plan's later meetings until it is closed."""

    meeting_id: str
    text: str
    kind: ActionKind = ActionKind.ACTION
    owner: str = ""
    due_on: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    closed_on: date | None = None
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Question:
    """A chair's question for officers, anchored to a plan item or an indicator (and
    optionally one of its periods). Kept in the plan file so the officer can answer it;
    never printed in the board report."""

    plan_id: str
    subject_id: str
    subject_kind: str  # "node" | "indicator"
    text: str
    asked_at: datetime
    asked_by: str = ""
    meeting_id: str | None = None
    period: str | None = None
    answer: str = ""
    answered_by: str = ""
    answered_at: datetime | None = None
    id: str = field(default_factory=new_id)

    @property
    def answered(self) -> bool:
        return bool(self.answer.strip())


@dataclass
class Assessment:
    meeting_id: str
    subject_id: str  # a node id or an indicator id
    subject_kind: str  # "node" | "indicator"
    auto_rag: RAG = RAG.GREY
    auto_rule: str = ""  # the explanation sentence
    # The letter the board gave, always kept, so a later corrected figure never changes
    # what the board decided (None only while nothing is recorded yet).
    recorded_rag: RAG | None = None
    override_reason: str = ""
    direction: Direction = Direction.UNKNOWN
    commentary: str = ""
    source: Source = field(default_factory=Source)
    note: str = ""  # an editor's remark about the record, never the board's words
    position: int = 0  # the order the board took the item in at its meeting
    id: str = field(default_factory=new_id)

    @property
    def rag(self) -> RAG:
        return self.recorded_rag or self.auto_rag

    @property
    def is_override(self) -> bool:
        """The board recorded a different rating from the automatic one it was shown."""
        return self.recorded_rag is not None and self.recorded_rag != self.auto_rag

    @property
    def reason_pending(self) -> bool:
        """The board's rating differs from the automatic one and no reason is given yet."""
        return self.is_override and not self.override_reason.strip()


@dataclass
class Report:
    plan_id: str
    title: str
    report_from: str = ""
    report_to: str = ""
    report_date: date | None = None
    agenda_ref: str = ""
    meeting_ids: list[str] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)  # extra header fields, in order
    sections: dict[str, str] = field(default_factory=dict)  # other_items, forward_plan, ...
    focus_progress: list[dict[str, str]] = field(default_factory=list)
    issued_at: datetime | None = None
    supersedes: str | None = None  # the report this corrected version replaces (kept)
    id: str = field(default_factory=new_id)

    @property
    def issued(self) -> bool:
        return self.issued_at is not None


@dataclass
class ChangeRecord:
    table: str
    row_id: str
    action: str  # insert | update | delete
    before: dict | None
    after: dict | None
    author: str
    at: datetime
    summary: str = ""
    seq: int = 0


class PlanFileError(BoardpackError):
    """A plan file that cannot be opened, read or saved as asked. Names the file and the
    problem; `problem` is one of the kinds below, for the window to choose what to offer."""

    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"  # exists, but cannot be read (permissions, a link loop)
    NOT_BOARDPACK = "not_boardpack"  # foreign: someone else's file, a folder, a pipe
    CORRUPT = "corrupt"  # damaged: restore it from a backup
    NEWER_VERSION = "newer_version"
    IN_USE = "in_use"
    MIGRATION_FAILED = "migration_failed"
    UPDATE_DECLINED = "update_declined"  # an older file the user chose not to update
    NEEDS_RECOVERY = "needs_recovery"  # left mid-save by a crash; opening for editing recovers
    BUSY = "busy"  # another program holds the file; try again when it lets go
    DISK_FULL = "disk_full"
    WRITE_FAILED = "write_failed"

    def __init__(self, path: object, problem: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.problem = problem
        self.detail = message

    @property
    def can_open_read_only(self) -> bool:
        return self.problem == self.IN_USE

    @property
    def can_recover(self) -> bool:
        return self.problem == self.NEEDS_RECOVERY


class SaveError(PlanFileError):
    """An edit that could not be saved. Nothing of it was written and the plan stays usable:
    the caller keeps what the user typed and may try again."""
