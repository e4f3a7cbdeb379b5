"""The plan file's lifecycle: create, open and check, lock, read-only, migrate, copy, back up,
close. Data access over an open file is `db.store.SqliteStore`.

Nothing writes to a file before it has been checked to be a sound Boardpack plan of a
version this app can open.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from app import domain as d
from db import backups, file_lock
from db.schema import APPLICATION_ID, MIGRATIONS, PAGE_SIZE, Migration

SQLITE_HEADER = b"SQLite format 3\x00"
E = d.PlanFileError
# quick_check reads every page: worth it for a normal plan, too slow (~0.2 s per 100 MB) for
# a very large one, which gets the schema and meta reads instead.
QUICK_CHECK_MAX_BYTES = 32_000_000


class PlanFile:
    """One open plan file: its connection, its lock (when open for writing), its copies.
    Implements app.ports.PlanFileHandle."""

    def __init__(self, path: Path, connection: sqlite3.Connection,
                 lock: file_lock.PlanFileLock | None, read_only: bool):
        self.path = path
        self.read_only = read_only
        self.connection: sqlite3.Connection | None = connection
        self._lock = lock

    @property
    def closed(self) -> bool:
        return self.connection is None

    @property
    def schema_version(self) -> int:
        return self._open_connection().execute("PRAGMA user_version").fetchone()[0]

    def _open_connection(self) -> sqlite3.Connection:
        if self.connection is None:
            raise d.BoardpackError(f"{self.path.name} is closed.")
        return self.connection

    def copy_to(self, target: str | os.PathLike[str]) -> None:
        """A consistent copy of the whole file (SQLite's online backup), written beside the
        target and renamed into place, so a failed copy leaves the target as it was."""
        target = Path(target).absolute()
        if target.exists() and os.path.samefile(target, self.path):
            raise d.ValidationError(f"{target.name} is the plan that is open; choose another "
                                    "name for the copy.")
        tmp = target.with_name(target.name + ".copying")
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(tmp)
        try:
            self._open_connection().backup(dest)
        finally:
            dest.close()
        tmp.replace(target)

    def backup(self, reason: str = "manual") -> Path:
        return backups.take(self.path, reason=reason, store=self)

    def close(self) -> None:
        if self.connection is None:
            return
        self.connection.close()
        self.connection = None
        # Only now: on POSIX, closing the lock's descriptor earlier would drop SQLite's locks.
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def create(path: str | os.PathLike[str]) -> None:
    """A new, empty plan file at the current schema. Refuses to overwrite an existing file."""
    path = Path(path)
    if path.exists():
        raise E(path, "exists", "a file of that name already exists; choose another name.")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        apply_migrations(conn, MIGRATIONS)
    finally:
        conn.close()


def open_plan_file(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    migrate: bool = True,
    migrations: list[Migration] | None = None,
) -> PlanFile:
    """Open a plan file, checking it is ours, readable, not in use, and current.

    A file that cannot be written opens read-only. A file in use for writing by another
    Boardpack window or process raises PlanFileError(IN_USE) unless `read_only` is asked.
    An older schema is migrated forward after a backup copy is taken; a failed migration
    leaves the file exactly as it was.
    """
    path = Path(path).absolute()
    migrations = migrations if migrations is not None else MIGRATIONS
    _check_is_boardpack(path)
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    read_only = read_only or not writable
    lock = None if read_only else _take_lock(path)
    conn = None
    try:
        conn = _connect(path, read_only)
        _migrate(path, conn, migrations, read_only=read_only, migrate=migrate)
    except BaseException:
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()
        if lock is not None:
            lock.release()
        raise
    return PlanFile(path, conn, lock, read_only)


def _migrate(path: Path, conn: sqlite3.Connection, migrations: list[Migration], *,
             read_only: bool, migrate: bool) -> None:
    version = _check_contents(path, conn, migrations)
    target = migrations[-1].version
    if version >= target:
        return
    if read_only:
        raise E(path, "old_read_only",
                f"this file is from an older Boardpack (schema {version}) and cannot be "
                "updated because it is read-only. Save a copy somewhere writable first.")
    if not migrate:
        raise E(path, "old_version", f"schema {version} needs updating to {target}.")
    backups.take(path, reason=f"before-migration-v{version}-to-v{target}")
    try:
        apply_migrations(conn, [m for m in migrations if m.version > version])
    except Exception as exc:
        raise E(path, E.MIGRATION_FAILED,
                f"could not update the file from schema {version} to {target} ({exc}). "
                "The file is unchanged and a backup copy was kept.") from exc


def _check_is_boardpack(path: Path) -> None:
    if not path.exists():
        raise E(path, E.NOT_FOUND, "no such file.")
    if path.is_dir():
        raise E(path, E.NOT_BOARDPACK, "this is a folder, not a Boardpack plan file.")
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise E(path, E.NOT_FOUND, f"cannot be read ({exc.strerror}).") from exc
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise E(path, E.NOT_BOARDPACK, "this is not a Boardpack plan file.")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise E(path, E.NOT_BOARDPACK,
                "this is a database, but not a Boardpack plan file.")


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    uri = f"{path.as_uri()}?mode={'ro' if read_only else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        # Rollback journal: the plan stays one file (it is e-mailed and copied around);
        # FULL sync: a committed edit survives a power cut.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _check_contents(path: Path, conn: sqlite3.Connection, migrations: list[Migration]) -> int:
    try:
        check = "ok"
        if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise E(path, E.CORRUPT, f"the file is damaged and cannot be read ({exc}).") from exc
    if check != "ok":
        raise E(path, E.CORRUPT, f"the file is damaged ({check}). Restore it from a backup.")
    if version > migrations[-1].version:
        raise E(path, E.NEWER_VERSION,
                f"this file was made by a newer Boardpack (schema {version}; this version "
                f"reads up to {migrations[-1].version}). Update Boardpack to open it.")
    if version < 1:
        raise E(path, E.CORRUPT, "the file has no Boardpack schema.")
    return version


def _take_lock(path: Path) -> file_lock.PlanFileLock:
    try:
        return file_lock.acquire(path)
    except file_lock.LockHeld as exc:
        raise E(path, E.IN_USE,
                "this plan is already open for editing in another Boardpack window. "
                "You can open it read-only.") from exc


def apply_migrations(conn: sqlite3.Connection, steps: Iterable[Migration]) -> None:
    """All steps in one transaction: every one applies, or none does."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        for step in steps:
            step.apply(conn)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (step.version, step.name, datetime.now().isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
