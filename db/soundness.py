"""Is a plan file sound? Its contents checked through a read-only connection: the page check,
Boardpack's mark, its schema version and tables. Used before a plan is opened for writing,
and on every backup and copy before it is offered as good.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app import domain as d
from db import sqlite_errors
from db.records import TABLES, from_row
from db.schema import APPLICATION_ID, MIGRATIONS, REQUIRED_TABLES, Migration
from db.sqlite_errors import RESTORE_HINT
from db.sqlite_uri import sqlite_uri

E = d.PlanFileError
# quick_check reads every page (~0.2 s per 100 MB): opening a very large plan skips it and
# relies on the schema and meta reads; a backup or copy is always checked in full.
QUICK_CHECK_MAX_BYTES = 32_000_000


def check_contents(path: Path, migrations: list[Migration] | None = None, *,
                   full: bool = False) -> int:
    """Check a file's contents through a read-only connection; returns its schema version.
    Raises PlanFileError (CORRUPT, NEEDS_RECOVERY, BUSY, NEWER_VERSION, ...). `full` runs the
    page check whatever the file's size."""
    migrations = migrations if migrations is not None else MIGRATIONS
    try:
        conn = sqlite3.connect(sqlite_uri(path.absolute(), "ro"), uri=True,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise sqlite_errors.opening_error(path, exc) from exc
    try:
        return check_connection(path, conn, migrations, full=full)
    finally:
        conn.close()


def check_rows(path: Path) -> None:
    """Raise PlanFileError (CORRUPT) naming the first stored row that cannot be read as its
    record (an unknown kind, a malformed date, bad JSON): damage the page check cannot see.
    Reads every row, so it is for one chosen file (a backup about to be restored), not a
    list. A file of an older schema is left to its migration and not checked here."""
    version = check_contents(path, full=True)
    if version != MIGRATIONS[-1].version:
        return
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                           isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        for cls, table in TABLES.items():
            for row in conn.execute(f"SELECT * FROM {table}"):  # noqa: S608 (our names)
                try:
                    from_row(cls, dict(row))
                except (ValueError, TypeError, KeyError) as exc:
                    raise E(path, E.CORRUPT,
                            f"the file is damaged: row {row['id']} of the {table} table "
                            f"cannot be read ({exc}).") from exc
    except sqlite3.Error as exc:
        raise sqlite_errors.opening_error(path, exc) from exc
    finally:
        conn.close()


def newer_version(path: Path, version: int, newest: int) -> d.PlanFileError:
    return E(path, E.NEWER_VERSION,
             f"this file was made by a newer Boardpack (schema {version}; this version "
             f"reads up to {newest}). Update Boardpack to open it.")


def problem(path: Path) -> str | None:
    """None if the file is a sound plan (pages checked in full), else what is wrong with it,
    in a few words ('damaged', 'made by a newer Boardpack ...')."""
    try:
        check_contents(path, full=True)
    except E as exc:
        return "damaged" if exc.problem == E.CORRUPT else exc.detail.rstrip(".")
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    return None


def check_connection(path: Path, conn: sqlite3.Connection, migrations: list[Migration], *,
                     full: bool = False) -> int:
    try:
        check = "ok"
        if full or path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                             "WHERE type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.Error as exc:
        raise sqlite_errors.opening_error(path, exc) from exc
    if check != "ok":
        raise E(path, E.CORRUPT, f"the file is damaged ({check}). {RESTORE_HINT}")
    if app_id != APPLICATION_ID:
        raise E(path, E.NOT_BOARDPACK, "this is a database, but not a Boardpack plan file.")
    if version > migrations[-1].version:
        raise newer_version(path, version, migrations[-1].version)
    if version < 1:
        raise E(path, E.CORRUPT, f"the file has no Boardpack schema. {RESTORE_HINT}")
    missing = REQUIRED_TABLES - tables
    if missing:
        raise E(path, E.CORRUPT, f"the file is damaged: it has Boardpack's mark but not its "
                f"tables (missing {', '.join(sorted(missing))}). {RESTORE_HINT}")
    return version
