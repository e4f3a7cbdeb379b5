"""Schema migrations: backup first, all or nothing, older files move forward."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.domain import Plan, PlanFileError
from db import backups, plan_file
from db import store as db_store
from db.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Migration

DATA = Path(__file__).parent / "data"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_old_file(path: Path, upto: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    plan_file.apply_migrations(conn, [m for m in MIGRATIONS if m.version <= upto])
    conn.execute("INSERT INTO plans (id, title) VALUES ('p1', 'CYPP 2010-13')")
    conn.close()


@pytest.fixture(autouse=True)
def backup_folder(tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    monkeypatch.setenv("BOARDPACK_BACKUP_DIR", str(folder))
    return folder


def test_older_file_is_migrated_forward_after_a_backup(tmp_path, backup_folder):
    old = tmp_path / "old.boardpack"
    make_old_file(old, upto=1)
    original = old.read_bytes()
    s = db_store.open_store(old)
    assert s.schema_version == SCHEMA_VERSION
    assert [p.title for p in s.find(Plan)] == ["CYPP 2010-13"]
    s.close()
    saved = list(backup_folder.glob("old.*.boardpack"))
    assert len(saved) == 1 and "before-migration-v1" in saved[0].name
    assert saved[0].read_bytes() == original


def test_failed_migration_leaves_the_file_byte_identical(tmp_path, backup_folder):
    old = tmp_path / "old.boardpack"
    make_old_file(old, upto=1)
    before = digest(old)

    def half_then_fail(conn):
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("INSERT INTO plans (id, title) VALUES ('p2', 'written before the failure')")
        raise RuntimeError("disk on fire")

    steps = [*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "breaks halfway", half_then_fail)]
    with pytest.raises(PlanFileError) as err:
        db_store.open_store(old, migrations=steps)
    assert err.value.problem == PlanFileError.MIGRATION_FAILED
    assert "unchanged" in str(err.value) and "disk on fire" in str(err.value)
    assert digest(old) == before
    assert len(list(backup_folder.glob("old.*.boardpack"))) == 1
    # and it still opens normally afterwards
    s = db_store.open_store(old)
    assert s.schema_version == SCHEMA_VERSION
    s.close()


def test_first_released_file_still_opens(tmp_path):
    """tests/data keeps a file as version 0.1 wrote it; every later version must read it."""
    released = DATA / "release-0.1-schema-2.boardpack"
    copy = tmp_path / released.name
    shutil.copy(released, copy)
    s = db_store.open_store(copy)
    assert s.schema_version == SCHEMA_VERSION
    assert s.find(Plan)
    s.close()


def test_backups_are_pruned(tmp_path, backup_folder):
    plan = tmp_path / "p.boardpack"
    db_store.create(plan).close()
    for _ in range(backups.KEEP + 3):
        backups.take(plan, reason="test")
    assert len(backups.list_backups(plan)) == backups.KEEP


def test_backups_of_a_similarly_named_plan_are_not_mixed_up(tmp_path, backup_folder):
    plan, other = tmp_path / "plan.boardpack", tmp_path / "plan.v2.boardpack"
    db_store.create(plan).close()
    db_store.create(other).close()
    for _ in range(backups.KEEP):
        backups.take(other, reason="test")
    mine = backups.take(plan, reason="on-open")
    assert mine.exists()
    assert backups.list_backups(plan) == [mine]
    assert len(backups.list_backups(other)) == backups.KEEP


def test_restoring_the_oldest_backup_works(tmp_path, backup_folder):
    from app.cli import PlanFiles

    plan = tmp_path / "plan.boardpack"
    db_store.create(plan).close()
    for _ in range(backups.KEEP):
        backups.take(plan, reason="test")
    oldest = backups.list_backups(plan)[-1]
    PlanFiles().restore_backup(oldest, plan)
    db_store.open_store(plan).close()


def test_a_copy_cannot_overwrite_the_open_plan(tmp_path):
    from app.domain import ValidationError

    plan = tmp_path / "plan.boardpack"
    s = db_store.create(plan)
    with pytest.raises(ValidationError, match="is the plan that is open"):
        s.copy_to(plan)
    with s.transaction():
        s.insert(Plan(title="still writable"))
    s.close()


def test_assessments_keep_the_order_they_were_taken_in_after_migration(tmp_path):
    """Schema 2 kept the order only as insertion (rowid) order; migration 3 makes it a
    column, per meeting, so it no longer depends on the rowid."""
    from app.domain import Assessment

    old = tmp_path / "old.boardpack"
    make_old_file(old, upto=2)
    conn = sqlite3.connect(old, isolation_level=None)
    for meeting in ("march", "june"):
        conn.execute("INSERT INTO meetings (id, plan_id, held_on) VALUES (?, 'p1', '2019-03-21')",
                     (meeting,))
    taken = [("march", "4.1"), ("june", "2.2"), ("march", "1.1b"), ("march", "3.14"),
             ("june", "1.1b")]
    for i, (meeting, subject) in enumerate(taken):
        conn.execute("INSERT INTO assessments (id, meeting_id, subject_id, subject_kind) "
                     "VALUES (?, ?, ?, 'indicator')", (f"a{i}", meeting, subject))
    conn.close()
    s = db_store.open_store(old)
    try:
        march = s.find(Assessment, meeting_id="march")
        assert [(a.subject_id, a.position) for a in march] == [("4.1", 0), ("1.1b", 1),
                                                              ("3.14", 2)]
        june = s.find(Assessment, meeting_id="june")
        assert [(a.subject_id, a.position) for a in june] == [("2.2", 0), ("1.1b", 1)]
    finally:
        s.close()
