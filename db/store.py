"""Data access over an open plan file: transactions, records, the change log, meta and
issued reports. This module family is the only one that speaks SQL; services reach it
through the `app.ports.PlanStore` protocol. The file itself (open, lock, read-only,
migrate, copy, backups, close) is `db.plan_file`.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app import domain as d
from app.file_versions import UpdateNotice
from db import plan_file, sqlite_errors
from db.records import ORDER, TABLES, columns, decoder, to_row
from db.schema import Migration

if TYPE_CHECKING:
    import sqlite_utils

T = TypeVar("T")
BULK_CACHE_KB = 64 * 1024


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def create(path: str | os.PathLike[str], *, author: str | None = None) -> SqliteStore:
    """A new, empty plan file, open for writing. Refuses to overwrite an existing file."""
    plan_file.create(path)
    return open_store(path, author=author)


def open_store(
    path: str | os.PathLike[str],
    *,
    author: str | None = None,
    read_only: bool = False,
    migrate: bool = True,
    migrations: list[Migration] | None = None,
    confirm_update: Callable[[UpdateNotice], bool] | None = None,
) -> SqliteStore:
    """Open a plan file (see `db.plan_file.open_plan_file`) and its data."""
    opened = plan_file.open_plan_file(path, read_only=read_only, migrate=migrate,
                                      migrations=migrations, confirm_update=confirm_update)
    return SqliteStore(opened, author or default_author())


class SqliteStore:
    """The data in one open plan file. Implements app.ports.PlanStore."""

    def __init__(self, file: plan_file.PlanFile, author: str):
        self.file = file
        self.author = author
        if file.connection is None:
            raise ValueError(f"{file.path.name} is closed")
        self._conn = file.connection
        self._depth = 0
        self._summary = ""
        if not file.read_only:
            # A bulk import touches every page of two large indexes (ids are random UUIDs):
            # SQLite's default 2 MB page cache spills and re-reads; pages are only taken as
            # they are used, so a small plan never holds this much.
            self._conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KB}")

    @cached_property
    def _db(self) -> sqlite_utils.Database:
        # Imported on first use: sqlite-utils (with click, dateutil and its plugin scan) is
        # the heaviest import on the way to the first paint and only issuing a report needs it.
        import sqlite_utils

        return sqlite_utils.Database(self._conn)

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    @property
    def closed(self) -> bool:
        return self.file.closed

    @property
    def schema_version(self) -> int:
        return self.file.schema_version

    def close(self) -> None:
        self.file.close()

    def copy_to(self, target: str | os.PathLike[str]) -> None:
        # Kept for the window's Save a Copy As; the copy itself is the file's business.
        self.file.copy_to(target)

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
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise sqlite_errors.saving_error(self.path, exc) from exc
        self._depth, self._summary = 1, summary
        try:
            yield
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            # A failed COMMIT (a reader holding the file, a full disk) leaves the transaction
            # open: roll it back before anything else runs on this connection.
            self._rollback()
            raise sqlite_errors.saving_error(self.path, exc) from exc
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth, self._summary = 0, ""

    def settle(self) -> bool:
        """After an unexpected error: roll back a transaction left open outside any
        `transaction()` block (only a bug could leave one), so the next save starts clean and
        nothing half-done is ever committed. True if there was one."""
        if self._depth or self.read_only or not self._conn.in_transaction:
            return False
        self._rollback()
        return True

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (SQLITE_FULL, some I/O errors).
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def _require_writable(self) -> None:
        if self.read_only:
            raise d.ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be saved.")

    def _require_transaction(self) -> None:
        if not self._depth:
            raise RuntimeError("writes must happen inside store.transaction()")

    # -- reading -------------------------------------------------------------------------
    def get(self, cls: type[T], id: str) -> T:
        found = self._records(cls, f"SELECT * FROM {TABLES[cls]} WHERE id = ?", (id,))
        if not found:
            raise d.NotFoundError(f"no {cls.__name__.lower()} with id {id}")
        return found[0]

    def find(self, cls: type[T], **where: Any) -> list[T]:
        sql, params = self._select(cls, where)
        return self._records(cls, sql, params)

    def find_in(self, cls: type[T], column: str, ids: Iterable[str]) -> list[T]:
        ids = list(ids)
        out: list[T] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT * FROM {TABLES[cls]} WHERE {_col(cls, column)} IN ({marks}) "
                   f"ORDER BY {ORDER[cls]}")
            out.extend(self._records(cls, sql, chunk))
        return out

    def _records(self, cls: type[T], sql: str, params: Sequence[Any] = ()) -> list[T]:
        """The rows `sql` selects as records; a row that cannot be one means the file is
        damaged."""
        cursor = self._conn.cursor()
        cursor.row_factory = None  # plain tuples, decoded by position
        cursor.execute(sql, params)
        names = tuple(c[0] for c in cursor.description)
        decode = decoder(cls, names)
        rows = cursor.fetchall()
        try:
            return list(map(decode, rows))
        except (ValueError, TypeError, KeyError) as exc:
            where = _damaged_row(decode, rows, names)
            raise d.PlanFileError(
                self.path, d.PlanFileError.CORRUPT,
                f"the file is damaged: row {where} of the {TABLES[cls]} table cannot be read "
                f"({exc}). {sqlite_errors.RESTORE_HINT}") from exc

    def typed_figures_with_words(self) -> list[d.Value]:
        """Figures typed or pasted in the app (no source document) whose text is more than a
        plain number: the only ones a change in how figures are read can affect."""
        sql = (f"SELECT * FROM {TABLES[d.Value]} WHERE source_document = '' AND raw_text != '' "
               f"AND raw_text GLOB '*[^0-9.,-]*' ORDER BY {ORDER[d.Value]}")
        return self._records(d.Value, sql)

    def figure_series(self, indicator_ids: Iterable[str]) -> list[tuple[str, str, str, float]]:
        """(indicator id, period key, breakdown, value) of every figure of these indicators
        that has a value: plain tuples, as an import reads a whole plan's history."""
        ids = list(indicator_ids)
        out: list[tuple[str, str, str, float]] = []
        cursor = self._conn.cursor()
        cursor.row_factory = None  # plain tuples: a tenth of the cost of sqlite3.Row here
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            out.extend(cursor.execute(
                f"SELECT indicator_id, period, breakdown, value FROM {TABLES[d.Value]} "
                f"WHERE value IS NOT NULL AND indicator_id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
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
                # to_row lists a record's columns in the table's order (records.columns)
                self._conn.executemany(sql, [tuple(row.values()) for row in rows])
            except sqlite3.IntegrityError as exc:
                raise d.ValidationError(_integrity_message(cls, exc)) from exc
            # Empty fields are left out of an insert's after-image: it is complete without
            # them (they are the defaults) and bulk imports log far less.
            self._log_many(TABLES[cls], "insert", [
                (r["id"], None, {k: v for k, v in r.items() if v != "" and v is not None})
                for r in rows], now)

    def update_many(self, changes: Iterable[tuple[T, dict[str, Any]]]) -> list[T]:
        """The bulk path's update: each record as the caller read it from this file, with the
        fields to change. No row is read again (the caller's record is the before-image the
        change log keeps); rows changing the same fields go in one executemany."""
        self._require_writable()
        self._require_transaction()
        updated: list[T] = []
        groups: dict[tuple[type, tuple[str, ...]], list[tuple[str, dict, dict]]] = {}
        for record, fields in changes:
            before = to_row(record)
            after_record = replace(record, **fields)
            after = to_row(after_record)
            updated.append(after_record)
            diff = {k: v for k, v in after.items() if before[k] != v}
            if diff:
                groups.setdefault((type(record), tuple(diff)), []).append(
                    (record.id, {k: before[k] for k in diff}, diff))  # type: ignore[attr-defined]
        now = _now()
        for (cls, cols), rows in groups.items():
            sets = ", ".join(f"{_col(cls, c)} = ?" for c in cols)
            try:
                self._conn.executemany(f"UPDATE {TABLES[cls]} SET {sets} WHERE id = ?",
                                       [[*diff.values(), row_id] for row_id, _, diff in rows])
            except sqlite3.IntegrityError as exc:
                raise d.ValidationError(_integrity_message(cls, exc)) from exc
            self._log_many(TABLES[cls], "update", rows, now)
        return updated

    def delete_many(self, records: Iterable[Any]) -> None:
        """The bulk path's delete: records as the caller read them from this file (their
        before-images go to the change log unread again)."""
        self._require_writable()
        self._require_transaction()
        by_table: dict[type, list[Any]] = {}
        for r in records:
            by_table.setdefault(type(r), []).append(r)
        now = _now()
        for cls, rows in by_table.items():
            self._conn.executemany(f"DELETE FROM {TABLES[cls]} WHERE id = ?",
                                   [(r.id,) for r in rows])
            self._log_many(TABLES[cls], "delete", [(r.id, to_row(r), None) for r in rows], now)

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

    def purge(self, cls: type, ids: Iterable[str]) -> int:
        """Delete rows and every change-log row about them, leaving no image of what they
        held (the chair's questions, once the minutes are approved). Returns rows deleted."""
        self._require_writable()
        self._require_transaction()
        ids = list(ids)
        deleted = 0
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            deleted += self._conn.execute(
                f"DELETE FROM {TABLES[cls]} WHERE id IN ({marks})", chunk).rowcount
            self._conn.execute(f"DELETE FROM change_log WHERE table_name = ? AND row_id IN "
                               f"({marks})", [TABLES[cls], *chunk])
        return deleted

    def data_version(self) -> int:
        """A number that changes whenever another connection (window or process) commits
        to the file: the cheap way to notice another's edits."""
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

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
                limit: int | None = None, until: datetime | None = None,
                tables: Iterable[str] | None = None, images: bool = True,
                ) -> list[d.ChangeRecord]:
        """Newest first; `until` inclusive; `images=False` leaves before/after unread
        (None), for who and when alone."""
        clauses, params = [], []
        if row_ids is not None:
            ids = list(row_ids)
            clauses.append(f"row_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        if since is not None:
            clauses.append("at > ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("at <= ?")
            params.append(until.isoformat())
        if tables is not None:
            names = list(tables)
            clauses.append(f"table_name IN ({','.join('?' * len(names))})")
            params.extend(names)
        sql = "SELECT * FROM change_log"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY seq DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        if not images:
            sql = sql.replace("SELECT *", "SELECT seq, at, author, table_name, row_id, action, "
                              "summary, NULL AS before, NULL AS after", 1)
        rows = self._conn.execute(sql, params)
        try:
            return [self._change(r) for r in rows]
        except ValueError as exc:
            raise d.PlanFileError(
                self.path, d.PlanFileError.CORRUPT,
                f"the file is damaged: the change_log table cannot be read ({exc}). "
                f"{sqlite_errors.RESTORE_HINT}") from exc

    @staticmethod
    def _change(r: sqlite3.Row) -> d.ChangeRecord:
        return d.ChangeRecord(
            table=r["table_name"], row_id=r["row_id"], action=r["action"],
            before=json.loads(r["before"]) if r["before"] else None,
            after=json.loads(r["after"]) if r["after"] else None,
            author=r["author"], at=datetime.fromisoformat(r["at"]),
            summary=r["summary"], seq=r["seq"],
        )

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

    # -- meta and issued reports --------------------------------------------------------
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


def _damaged_row(decode: Callable[[Any], Any], rows: list[tuple], names: tuple[str, ...]) -> str:
    """The id of the first row `decode` refuses (only looked for once one has been)."""
    for row in rows:
        try:
            decode(row)
        except (ValueError, TypeError, KeyError):
            return row[names.index("id")] if "id" in names else "?"
    return "?"


def _col(cls: type, name: str) -> str:
    if name not in columns(cls):
        raise ValueError(f"{cls.__name__} has no column {name!r}")
    return name


def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _json(row: dict | None) -> str | None:
    if row is None:
        return None
    if bytes in map(type, row.values()):
        row = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in row.items()}
    return _encode(row)


def _integrity_message(cls: type, exc: sqlite3.IntegrityError) -> str:
    text = str(exc)
    if "UNIQUE" in text:
        return f"That {cls.__name__.lower()} already exists ({text.split(':')[-1].strip()})."
    if "FOREIGN KEY" in text:
        return f"That {cls.__name__.lower()} refers to something that no longer exists."
    return f"The {cls.__name__.lower()} could not be saved: {text}."
