"""The plan file's schema, as an ordered list of migrations.

Version N of the schema is the result of applying migrations 1..N in order. A released
migration is never edited: a change to the schema is a new step at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

APPLICATION_ID = 0x42504B31  # "BPK1": marks a SQLite file as a Boardpack plan file
# SQLite's default, set explicitly: the Windows file lock relies on pages of 1024 bytes or more
# (db.file_lock.MsvcrtLock).
PAGE_SIZE = 4096


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


_SOURCE_COLUMNS = """
    source_document TEXT NOT NULL DEFAULT '',
    source_location TEXT NOT NULL DEFAULT '',
    entered_by TEXT NOT NULL DEFAULT ''
"""

_V1 = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    board TEXT NOT NULL DEFAULT '',
    period_start TEXT,
    period_end TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    url TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES nodes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    lead_organisation TEXT NOT NULL DEFAULT '',
    lead_role TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '',
    reporting_timetable TEXT NOT NULL DEFAULT '',
    timing TEXT NOT NULL DEFAULT '',
    further_detail TEXT NOT NULL DEFAULT '',
    progress TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX nodes_plan ON nodes(plan_id, parent_id, position);
CREATE TABLE indicators (
    id TEXT PRIMARY KEY,
    plan_id TEXT REFERENCES plans(id) ON DELETE SET NULL,
    code TEXT NOT NULL DEFAULT '',
    ref TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL,
    rate_base INTEGER,
    polarity TEXT NOT NULL,
    polarity_inferred INTEGER NOT NULL DEFAULT 0,
    period_type TEXT NOT NULL,
    frequency TEXT NOT NULL DEFAULT '',
    publication_lag_days INTEGER NOT NULL DEFAULT 0,
    decimals INTEGER NOT NULL DEFAULT 1,
    tolerance REAL NOT NULL DEFAULT 0.05,
    tolerance_kind TEXT NOT NULL DEFAULT 'relative',
    kind TEXT NOT NULL DEFAULT 'numeric',
    data_source TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE indicator_links (
    id TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (indicator_id, node_id)
);
CREATE INDEX indicator_links_node ON indicator_links(node_id, position);
CREATE TABLE indicator_values (
    id TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    breakdown TEXT NOT NULL DEFAULT '',
    value REAL,
    status TEXT NOT NULL DEFAULT 'actual',
    raw_text TEXT NOT NULL DEFAULT '',
    expected TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    {_SOURCE_COLUMNS},
    UNIQUE (indicator_id, period, breakdown)
);
CREATE TABLE targets (
    id TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    operator TEXT NOT NULL,
    value REAL,
    value_high REAL,
    comparator TEXT,
    status TEXT NOT NULL DEFAULT 'agreed',
    raw_text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    {_SOURCE_COLUMNS},
    superseded_by TEXT REFERENCES targets(id) ON DELETE SET NULL,
    set_on TEXT
);
CREATE INDEX targets_indicator ON targets(indicator_id, period);
CREATE TABLE comparators (
    id TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    value REAL,
    raw_text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    {_SOURCE_COLUMNS},
    UNIQUE (indicator_id, kind, period)
);
CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    focus_node_id TEXT REFERENCES nodes(id) ON DELETE SET NULL,
    discussed TEXT NOT NULL DEFAULT ''
);
CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    subject_id TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('node', 'indicator')),
    auto_rag TEXT NOT NULL DEFAULT 'X',
    auto_rule TEXT NOT NULL DEFAULT '',
    recorded_rag TEXT,
    override_reason TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL DEFAULT 'unknown',
    commentary TEXT NOT NULL DEFAULT '',
    {_SOURCE_COLUMNS},
    UNIQUE (meeting_id, subject_id)
);
CREATE INDEX assessments_subject ON assessments(subject_id);
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before TEXT,
    after TEXT,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX change_log_row ON change_log(row_id, seq);
CREATE INDEX change_log_at ON change_log(at);
"""


_V2 = """
CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    report_from TEXT NOT NULL DEFAULT '',
    report_to TEXT NOT NULL DEFAULT '',
    report_date TEXT,
    agenda_ref TEXT NOT NULL DEFAULT '',
    meeting_ids TEXT NOT NULL DEFAULT '[]',
    header TEXT NOT NULL DEFAULT '{}',
    sections TEXT NOT NULL DEFAULT '{}',
    focus_progress TEXT NOT NULL DEFAULT '[]',
    issued_at TEXT
);
CREATE TABLE issued_reports (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    issued_at TEXT NOT NULL,
    options TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    pdf BLOB NOT NULL
);
"""


# What the sample builder of release 0.1 wrote where the board's rating differed from the
# automatic one: an editorial remark, not the board's reason, so it moves to the note.
_BUILDER_REMARK = ("As the board recorded it; the automatic rating differs because the "
                   "report gives few of the figures behind it.")
# Section 2 of a board report lists the items in the order the board took them at the
# meeting. Files until now kept that order only as SQLite's rowid (insertion order), which
# VACUUM or a copy may renumber; it becomes a column, filled once from that insertion order.
_V3_POSITION = """
ALTER TABLE assessments ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE assessments SET position = (
    SELECT COUNT(*) FROM assessments AS earlier
    WHERE earlier.meeting_id = assessments.meeting_id AND earlier.rowid < assessments.rowid
);
CREATE INDEX assessments_meeting ON assessments(meeting_id, position)
"""


def _v3(conn: sqlite3.Connection) -> None:
    _run_script(conn, _V3_POSITION)
    conn.execute("ALTER TABLE assessments ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE assessments SET note = override_reason, override_reason = '' "
                 "WHERE override_reason = ?", (_BUILDER_REMARK,))
    conn.execute("UPDATE assessments SET recorded_rag = auto_rag "
                 "WHERE recorded_rag IS NULL OR recorded_rag = ''")


# The meeting cycle: a meeting's papers deadline and agenda reference; actions and decisions
# recorded at a meeting (open actions carry forward until closed); questions for officers
# anchored to a plan item or an indicator's period; and a corrected report naming the one
# it supersedes (the first is kept).
_V4 = """
ALTER TABLE meetings ADD COLUMN papers_due TEXT;
ALTER TABLE meetings ADD COLUMN agenda_ref TEXT NOT NULL DEFAULT '';
CREATE TABLE meeting_actions (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'action' CHECK (kind IN ('action', 'decision')),
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    closed_on TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_actions_meeting ON meeting_actions(meeting_id, position);
CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    subject_id TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('node', 'indicator')),
    period TEXT,
    text TEXT NOT NULL,
    asked_by TEXT NOT NULL DEFAULT '',
    asked_at TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL DEFAULT '',
    answered_at TEXT
);
CREATE INDEX questions_subject ON questions(subject_id);
CREATE INDEX questions_meeting ON questions(meeting_id);
ALTER TABLE reports ADD COLUMN supersedes TEXT REFERENCES reports(id) ON DELETE SET NULL
"""


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT first; statements one by one stay in our transaction.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


MIGRATIONS: list[Migration] = [
    Migration(1, "plans, tree, indicators, figures, meetings, assessments, change log",
              lambda c: _run_script(c, _V1)),
    Migration(2, "board reports and issued report snapshots", lambda c: _run_script(c, _V2)),
    Migration(3, "assessments keep the board's rating always, a note apart from the reason, "
                 "and the order the board took them in", _v3),
    Migration(4, "meetings keep a papers deadline, agenda reference, actions and decisions; "
                 "questions for officers; corrected reports", lambda c: _run_script(c, _V4)),
]

SCHEMA_VERSION = MIGRATIONS[-1].version

# The tables every Boardpack file has had since schema 1: a file with our id but without
# them is damaged, whatever its user_version says.
REQUIRED_TABLES = frozenset({
    "meta", "plans", "nodes", "indicators", "indicator_links", "indicator_values", "targets",
    "comparators", "meetings", "assessments", "change_log",
})
