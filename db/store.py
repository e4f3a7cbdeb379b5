"""The plan file: opening, locking, migrating, transactions and the change log.

This is the only module family that speaks SQL. Services reach it through the
`app.ports.PlanStore` protocol.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from app import domain as d
from db import backups
from db.records import ORDER, TABLES, columns, from_row, to_row
from db.schema import APPLICATION_ID, MIGRATIONS, Migration

T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
E = d.PlanFileError


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def create(path: str | os.PathLike[str], *, author: str | None = None) -> SqliteStore:
    """A new, empty plan file. Refuses to overwrite an existing file."""
    path = Path(path)
    if path.exists():
        raise E(path, "exists", "a file of that name already exists; choose another name.")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _apply(conn, MIGRATIONS)
    finally:
        conn.close()
    return open_store(path, author=author)


def open_store(
    path: str | os.PathLike[str],
    *,
    author: str | None = None,
    read_only: bool = False,
    migrate: bool = True,
    migrations: list[Migration] | None = None,
) -> SqliteStore:
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
    lock_fd = None if read_only else _take_lock(path)
    try:
        conn = _connect(path, read_only)
        version = _check_contents(path, conn, migrations)
        target = migrations[-1].version
        if version < target:
            if read_only:
                raise E(path, "old_read_only",
                        f"this file is from an older Boardpack (schema {version}) and cannot be "
                        "updated because it is read-only. Save a copy somewhere writable first.")
            if not migrate:
                raise E(path, "old_version", f"schema {version} needs updating to {target}.")
            backups.take(path, reason=f"before-migration-v{version}-to-v{target}")
            try:
                _apply(conn, [m for m in migrations if m.version > version])
            except Exception as exc:
                raise E(path, E.MIGRATION_FAILED,
                        f"could not update the file from schema {version} to {target} ({exc}). "
                        "The file is unchanged and a backup copy was kept.") from exc
    except BaseException:
        with contextlib.suppress(Exception):
            conn.close()  # type: ignore[possibly-undefined]
        if lock_fd is not None:
            os.close(lock_fd)
        raise
    return SqliteStore(path, conn, lock_fd, read_only, author or default_author())


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


QUICK_CHECK_MAX_BYTES = 32_000_000


def _check_contents(path: Path, conn: sqlite3.Connection, migrations: list[Migration]) -> int:
    try:
        # quick_check reads every page: worth it for a normal plan, too slow (~0.2 s per
        # 100 MB) for a very large one, which gets the schema and meta reads below instead.
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


def _take_lock(path: Path) -> int:
    # flock on the plan file itself: released by the OS if the process dies, and
    # independent of SQLite's own POSIX locks. The descriptor stays open until close()
    # so SQLite's locks are never dropped by closing another descriptor.
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        os.close(fd)
        raise E(path, E.IN_USE,
                "this plan is already open for editing in another Boardpack window. "
                "You can open it read-only.") from exc
    return fd


def _apply(conn: sqlite3.Connection, steps: Iterable[Migration]) -> None:
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


class SqliteStore:
    """One open plan file. Implements app.ports.PlanStore."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock_fd: int | None,
                 read_only: bool, author: str):
        self.path = path
        self.read_only = read_only
        self.author = author
        self._conn = conn
        self._db = sqlite_utils.Database(conn)
        self._lock_fd = lock_fd
        self._depth = 0
        self._summary = ""

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        if self._conn is None:
            return
        self._conn.close()
        self._conn = None  # type: ignore[assignment]
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    @property
    def closed(self) -> bool:
        return self._conn is None

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, summary: str = "") -> Iterator[None]:
        """One user action: everything inside commits together or not at all."""
        self._require_writable()
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth, self._summary = 1, summary
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._depth, self._summary = 0, ""

    def _require_writable(self) -> None:
        if self.read_only:
            raise d.ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be saved.")

    def _require_transaction(self) -> None:
        if not self._depth:
            raise RuntimeError("writes must happen inside store.transaction()")

    # -- reading -------------------------------------------------------------------------
    def get(self, cls: type[T], id: str) -> T:
        row = self._conn.execute(f"SELECT * FROM {TABLES[cls]} WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise d.NotFoundError(f"no {cls.__name__.lower()} with id {id}")
        return from_row(cls, dict(row))

    def find(self, cls: type[T], **where: Any) -> list[T]:
        sql, params = self._select(cls, where)
        return [from_row(cls, dict(r)) for r in self._conn.execute(sql, params)]

    def find_in(self, cls: type[T], column: str, ids: Iterable[str]) -> list[T]:
        ids = list(ids)
        out: list[T] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT * FROM {TABLES[cls]} WHERE {_col(cls, column)} IN ({marks}) "
                   f"ORDER BY {ORDER[cls]}")
            out.extend(from_row(cls, dict(r)) for r in self._conn.execute(sql, chunk))
        return out

    def count(self, cls: type, **where: Any) -> int:
        sql, params = self._select(cls, where, what="COUNT(*)", order=False)
        return self._conn.execute(sql, params).fetchone()[0]

    def _select(self, cls: type, where: dict[str, Any], what: str = "*",
                order: bool = True) -> tuple[str, list[Any]]:
        clauses, params = [], []
        for key, value in where.items():
            col = _col(cls, key)
            if value is None:
                clauses.append(f"{col} IS NULL")
            else:
                clauses.append(f"{col} = ?")
                params.append(value.value if hasattr(value, "value") else value)
        sql = f"SELECT {what} FROM {TABLES[cls]}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order:
            sql += f" ORDER BY {ORDER[cls]}"
        return sql, params

    # -- writing (always inside a transaction, always logged) ------------------------------
    def insert(self, record: Any) -> None:
        self.insert_many([record])

    def insert_many(self, records: Iterable[Any]) -> None:
        self._require_writable()
        self._require_transaction()
        by_table: dict[type, list[dict[str, Any]]] = {}
        for r in records:
            by_table.setdefault(type(r), []).append(to_row(r))
        now = _now()
        for cls, rows in by_table.items():
            cols = columns(cls)
            sql = (f"INSERT INTO {TABLES[cls]} ({', '.join(cols)}) "
                   f"VALUES ({', '.join('?' * len(cols))})")
            try:
                self._conn.executemany(sql, [[row[c] for c in cols] for row in rows])
            except sqlite3.IntegrityError as exc:
                raise d.ValidationError(_integrity_message(cls, exc)) from exc
            # Empty fields are left out of an insert's after-image: it is complete without
            # them (they are the defaults) and bulk imports log far less.
            self._log_many(TABLES[cls], "insert",
                           [(r["id"], None, {k: v for k, v in r.items() if v not in ("", None)})
                            for r in rows], now)

    def update(self, record: T, **changes: Any) -> T:
        """Write `changes` to the stored row of `record`; returns the updated record."""
        self._require_writable()
        self._require_transaction()
        cls = type(record)
        before = to_row(self.get(cls, record.id))  # type: ignore[attr-defined]
        updated = replace(record, **changes)
        after = to_row(updated)
        diff = {k: v for k, v in after.items() if before.get(k) != v}
        if not diff:
            return updated
        sets = ", ".join(f"{k} = ?" for k in diff)
        try:
            self._conn.execute(f"UPDATE {TABLES[cls]} SET {sets} WHERE id = ?",
                               [*diff.values(), record.id])  # type: ignore[attr-defined]
        except sqlite3.IntegrityError as exc:
            raise d.ValidationError(_integrity_message(cls, exc)) from exc
        old = {k: before[k] for k in diff}
        self._log_many(TABLES[cls], "update", [(record.id, old, diff)], _now())  # type: ignore[attr-defined]
        return updated

    def delete(self, record: Any) -> None:
        self._require_writable()
        self._require_transaction()
        cls = type(record)
        before = to_row(self.get(cls, record.id))
        self._conn.execute(f"DELETE FROM {TABLES[cls]} WHERE id = ?", (record.id,))
        self._log_many(TABLES[cls], "delete", [(record.id, before, None)], _now())

    def _log_many(self, table: str, action: str,
                  rows: list[tuple[str, dict | None, dict | None]], at: str) -> None:
        self._conn.executemany(
            "INSERT INTO change_log (at, author, table_name, row_id, action, before, after, "
            "summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(at, self.author, table, row_id, action, _json(before), _json(after),
              self._summary) for row_id, before, after in rows],
        )

    # -- the change log ------------------------------------------------------------------
    def changes(self, *, row_ids: Iterable[str] | None = None, since: datetime | None = None,
                limit: int | None = None) -> list[d.ChangeRecord]:
        clauses, params = [], []
        if row_ids is not None:
            ids = list(row_ids)
            clauses.append(f"row_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        if since is not None:
            clauses.append("at > ?")
            params.append(since.isoformat())
        sql = "SELECT * FROM change_log"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY seq DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [
            d.ChangeRecord(
                table=r["table_name"], row_id=r["row_id"], action=r["action"],
                before=json.loads(r["before"]) if r["before"] else None,
                after=json.loads(r["after"]) if r["after"] else None,
                author=r["author"], at=datetime.fromisoformat(r["at"]),
                summary=r["summary"], seq=r["seq"],
            )
            for r in self._conn.execute(sql, params)
        ]

    def start_history(self, note: str) -> None:
        """Forget the change log so far (used once, by the sample builder, so that the
        building of the file is not shown as edits the user made)."""
        self._require_transaction()
        self._conn.execute("DELETE FROM change_log")
        self.set_meta("history_started", f"{_now()} {note}")

    def changed_row_ids(self, since: datetime) -> set[str]:
        rows = self._conn.execute("SELECT DISTINCT row_id FROM change_log WHERE at > ?",
                                  (since.isoformat(),))
        return {r[0] for r in rows}

    # -- meta, issued reports, copies ----------------------------------------------------
    def get_meta(self, key: str, default: str = "") -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self._require_writable()
        self._conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) "
                           "DO UPDATE SET value = excluded.value", (key, value))

    def save_issued_report(self, report_id: str, issued_at: datetime, options: dict,
                           snapshot: dict, pdf: bytes) -> None:
        self._require_transaction()
        self._db["issued_reports"].insert(
            {"report_id": report_id, "issued_at": issued_at.isoformat(),
             "options": json.dumps(options), "snapshot": json.dumps(snapshot,
                                                                    ensure_ascii=False),
             "pdf": pdf},
        )
        self._log_many("issued_reports", "insert",
                       [(report_id, None, {"issued_at": issued_at.isoformat()})], _now())

    def issued_report(self, report_id: str) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT * FROM issued_reports WHERE report_id = ?",
                                 (report_id,)).fetchone()
        if row is None:
            return None
        return {"issued_at": datetime.fromisoformat(row["issued_at"]),
                "options": json.loads(row["options"]), "snapshot": json.loads(row["snapshot"]),
                "pdf": bytes(row["pdf"])}

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
            self._conn.backup(dest)
        finally:
            dest.close()
        tmp.replace(target)

    def backup(self, reason: str = "manual") -> Path:
        return backups.take(self.path, reason=reason, store=self)


def _col(cls: type, name: str) -> str:
    if name not in columns(cls):
        raise ValueError(f"{cls.__name__} has no column {name!r}")
    return name


def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


def _json(row: dict | None) -> str | None:
    if row is None:
        return None
    return json.dumps({k: (v.hex() if isinstance(v, bytes) else v) for k, v in row.items()},
                      ensure_ascii=False)


def _integrity_message(cls: type, exc: sqlite3.IntegrityError) -> str:
    text = str(exc)
    if "UNIQUE" in text:
        return f"That {cls.__name__.lower()} already exists ({text.split(':')[-1].strip()})."
    if "FOREIGN KEY" in text:
        return f"That {cls.__name__.lower()} refers to something that no longer exists."
    return f"The {cls.__name__.lower()} could not be saved: {text}."
