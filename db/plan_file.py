"""The plan file's lifecycle: create, open and check, lock, read-only, migrate, copy, back up,
close. Data access over an open file is `db.store.SqliteStore`.

Nothing writes to a file before it has been checked to be a sound Boardpack plan of a
version this app can open.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from app import atomic_write
from app import domain as d
from app.file_versions import UpdateNotice, release_writing
from db import backups, file_lock, soundness, sqlite_errors
from db.schema import APPLICATION_ID, MIGRATIONS, PAGE_SIZE, Migration
from db.sqlite_errors import RESTORE_HINT
from db.sqlite_uri import sqlite_uri

SQLITE_HEADER = b"SQLite format 3\x00"
E = d.PlanFileError


class PlanFile:
    """One open plan file: its connection, its lock (when open for writing), its copies.
    Implements app.ports.PlanFileHandle."""

    def __init__(self, path: Path, connection: sqlite3.Connection,
                 lock: file_lock.PlanFileLock | None, read_only: bool):
        self.path = path
        self.read_only = read_only
        self.connection: sqlite3.Connection | None = connection
        self._lock = lock
        self._watch: file_lock.LockWatch | None = None

    @property
    def closed(self) -> bool:
        return self.connection is None

    @property
    def schema_version(self) -> int:
        return self._open_connection().execute("PRAGMA user_version").fetchone()[0]

    def held_elsewhere(self) -> bool:
        """Open read-only: whether another Boardpack window or process holds the file for
        editing (polled, so it is cheap). Open for writing: False."""
        if not self.read_only or self.connection is None:
            return False
        if self._watch is None:
            self._watch = file_lock.LockWatch(self.path)
        return self._watch.held_elsewhere()

    @property
    def writable(self) -> bool:
        """Whether the file (and its folder) could be opened for writing here."""
        return os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)

    def _open_connection(self) -> sqlite3.Connection:
        if self.connection is None:
            raise d.BoardpackError(f"{self.path.name} is closed.")
        return self.connection

    def copy_to(self, target: str | os.PathLike[str]) -> None:
        """A consistent copy of the whole file (SQLite's online backup), written beside the
        target, checked, given the plan's permissions and renamed into place, so a failed
        copy leaves the target as it was and nothing else behind."""
        target = Path(target).absolute()
        if target.exists() and os.path.samefile(target, self.path):
            raise d.ValidationError(f"{target.name} is the plan that is open; choose another "
                                    "name for the copy.")
        source = self._open_connection()

        def write(tmp: Path) -> None:
            dest = sqlite3.connect(tmp)
            try:
                source.backup(dest)
            finally:
                dest.close()

        try:
            atomic_write.write_checked(target, write, backups.check,
                                       mode=backups.permissions_of(self.path))
        except sqlite3.Error as exc:
            raise sqlite_errors.copying_error(target, exc) from exc

    def backup(self, reason: str = "manual") -> Path:
        return backups.take(self.path, reason=reason, store=self)

    def close(self) -> None:
        if self.connection is None:
            return
        self.connection.close()
        self.connection = None
        if self._watch is not None:
            self._watch.close()
            self._watch = None
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
    confirm_update: Callable[[UpdateNotice], bool] | None = None,
) -> PlanFile:
    """Open a plan file, checking it is ours, sound, not in use, and current.

    The checks run before anything can write to the file: its kind and header from the
    bytes, then its contents through a read-only connection. A file that cannot be written
    opens read-only. A file in use for writing by another Boardpack window or process raises
    PlanFileError(IN_USE) unless `read_only` is asked. An older schema is migrated forward
    after a backup copy is taken; a failed migration leaves the file exactly as it was.
    `confirm_update`, if given, is asked after the backup and before updating (colleagues on
    the older version could no longer open the file); declining raises UPDATE_DECLINED. A
    file left half-saved by a crash is recovered by a read-write open (SQLite rolls the
    unfinished save back) and refused by a read-only one (NEEDS_RECOVERY).
    """
    path = Path(path).absolute()
    migrations = migrations if migrations is not None else MIGRATIONS
    _check_is_boardpack(path, migrations[-1].version)
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    read_only = read_only or not writable
    lock = None if read_only else _take_lock(path)
    conn = None
    try:
        recovering = False
        try:
            version = soundness.check_contents(path, migrations)
        except E as exc:
            if exc.problem != E.NEEDS_RECOVERY or read_only:
                raise
            recovering = True
        conn = _connect(path, read_only)
        if recovering:
            # The first read through a read-write connection rolls the unfinished save back.
            version = soundness.check_connection(path, conn, migrations)
        if not read_only:
            _settings(path, conn)
        _migrate(path, conn, migrations, version, read_only=read_only, migrate=migrate,
                 writable=writable, confirm_update=confirm_update)
    except BaseException:
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()
        if lock is not None:
            lock.release()
        raise
    return PlanFile(path, conn, lock, read_only)


def recover(path: str | os.PathLike[str]) -> None:
    """Finish the recovery of a file left half-saved by a crash: a read-write open rolls the
    unfinished save back. Raises PlanFileError if the file cannot be opened for writing."""
    path = Path(path).absolute()
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise E(path, E.NEEDS_RECOVERY, "the file needs recovering, but it (or its folder) "
                "cannot be written here. Copy it and its -journal file somewhere writable "
                "first.")
    try:
        open_plan_file(path, migrate=False).close()
    except E as exc:
        if exc.problem != "old_version":  # recovered; updating it is for the next open
            raise


def _migrate(path: Path, conn: sqlite3.Connection, migrations: list[Migration], version: int,
             *, read_only: bool, migrate: bool, writable: bool = True,
             confirm_update: Callable[[UpdateNotice], bool] | None = None) -> None:
    target = migrations[-1].version
    if version >= target:
        return
    if read_only:
        older = release_writing(version)
        if writable:
            raise E(path, "old_read_only",
                    f"{older} saved this file (file version {version}); this version must "
                    f"update it to file version {target} before reading it, which it does not "
                    "do to a file opened read-only. Open it for editing once (the window asks "
                    "first; the command line's report --issue and import take --yes).")
        raise E(path, "old_read_only",
                f"this file is from {older} (file version {version}) and cannot be "
                "updated because it is read-only. Save a copy somewhere writable first.")
    if not migrate:
        raise E(path, "old_version", f"schema {version} needs updating to {target}.")
    backup = backups.take(path, reason=f"before-migration-v{version}-to-v{target}")
    notice = UpdateNotice(path, version, target, backup)
    if confirm_update is not None and not confirm_update(notice):
        raise E(path, E.UPDATE_DECLINED, f"not updated. {notice.consequence()} {notice.kept()}")
    try:
        apply_migrations(conn, [m for m in migrations if m.version > version])
    except Exception as exc:
        raise E(path, E.MIGRATION_FAILED,
                f"could not update the file from schema {version} to {target} ({exc}). "
                "The file is unchanged and a backup copy was kept.") from exc


def _check_is_boardpack(path: Path, newest: int) -> None:
    """What the file is, from `stat` and its first 100 bytes: nothing else is opened yet."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise E(path, E.NOT_FOUND, "no such file.") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise E(path, E.UNREADABLE, "this is a link that leads round in a loop back to "
                    "itself; it names no file.") from exc
        raise E(path, E.UNREADABLE, f"cannot be read ({exc.strerror}).") from exc
    if stat.S_ISDIR(info.st_mode):
        raise E(path, E.NOT_BOARDPACK, "this is a folder, not a Boardpack plan file.")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the first read until someone writes to it; a device is endless.
        raise E(path, E.NOT_BOARDPACK, f"this is {_special_kind(info.st_mode)}, not a "
                "Boardpack plan file.")
    header = _read_header(path)
    if not header:
        raise E(path, E.NOT_BOARDPACK, "the file is empty; it is not a Boardpack plan file.")
    if not header.startswith(SQLITE_HEADER):
        if header.count(0) == len(header):
            raise E(path, E.CORRUPT, f"the file is damaged: its start is blank. {RESTORE_HINT}")
        raise E(path, E.NOT_BOARDPACK, "this is not a Boardpack plan file.")
    if len(header) < 100:
        raise E(path, E.CORRUPT, f"the file is damaged: it is cut short. {RESTORE_HINT}")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise E(path, E.NOT_BOARDPACK,
                "this is a database, but not a Boardpack plan file.")
    version = int.from_bytes(header[60:64], "big")
    if version > newest:
        raise soundness.newer_version(path, version, newest)
    if not _journal_exists(path) and info.st_size < _size_in_header(header):
        raise E(path, E.CORRUPT, f"the file is damaged: it is shorter than its contents "
                f"({info.st_size:,} of {_size_in_header(header):,} bytes). {RESTORE_HINT}")


def _read_header(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise E(path, E.UNREADABLE, f"cannot be read ({exc.strerror}).") from exc
    try:
        return os.read(fd, 100)
    except OSError as exc:
        raise E(path, E.UNREADABLE, f"cannot be read ({exc.strerror}).") from exc
    finally:
        os.close(fd)


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not an ordinary file"


def _size_in_header(header: bytes) -> int:
    """The database size the header promises, or 0 where the header's count is stale
    (files written by very old SQLite versions)."""
    if header[24:28] != header[92:96]:
        return 0
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return page_size * int.from_bytes(header[28:32], "big")


def _journal_exists(path: Path) -> bool:
    journal = path.with_name(path.name + "-journal")
    try:
        return journal.stat().st_size > 0
    except OSError:
        return False


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    uri = sqlite_uri(path, "ro" if read_only else "rw")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise sqlite_errors.opening_error(path, exc) from exc
    return conn


def _settings(path: Path, conn: sqlite3.Connection) -> None:
    """A read-write connection's settings, set only once the file is known to be sound."""
    try:
        # Rollback journal: the plan stays one file (it is e-mailed and copied around);
        # FULL sync: a committed edit survives a power cut.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        raise sqlite_errors.opening_error(path, exc) from exc


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
