"""The plan file: creation, refusal of bad files, locking, read-only, transactions, log."""

import hashlib
import os
import sqlite3

import pytest

from app.domain import Node, NodeKind, Plan, PlanFileError, ReadOnlyError, ValidationError
from db import plan_file as db_plan_file
from db import store as db_store
from db.schema import MIGRATIONS, SCHEMA_VERSION


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_sets_current_schema_and_refuses_overwrite(plan_file):
    s = db_store.create(plan_file)
    assert s.schema_version == SCHEMA_VERSION
    s.close()
    with pytest.raises(PlanFileError, match="already exists"):
        db_store.create(plan_file)


def test_not_a_boardpack_file(tmp_path):
    text = tmp_path / "notes.boardpack"
    text.write_text("Minutes of the meeting\n" * 20)
    before = digest(text)
    with pytest.raises(PlanFileError) as err:
        db_store.open_store(text)
    assert err.value.problem == PlanFileError.NOT_BOARDPACK
    assert "notes.boardpack" in str(err.value) and "not a Boardpack plan file" in str(err.value)
    assert digest(text) == before


def test_other_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(other)
    with pytest.raises(PlanFileError, match="database, but not a Boardpack"):
        db_store.open_store(other)
    assert digest(other) == before


def test_missing_file(tmp_path):
    with pytest.raises(PlanFileError, match="no such file"):
        db_store.open_store(tmp_path / "nowhere.boardpack")


def test_corrupt_file_is_refused_and_unchanged(plan_file):
    s = db_store.create(plan_file)
    with s.transaction():
        s.insert_many(Plan(title=f"Plan {i}", description="x" * 2000) for i in range(50))
    s.close()
    data = bytearray(plan_file.read_bytes())
    for i in range(8192, min(len(data), 40000)):
        data[i] = 0xA5
    plan_file.write_bytes(bytes(data))
    before = digest(plan_file)
    with pytest.raises(PlanFileError) as err:
        db_store.open_store(plan_file)
    assert err.value.problem == PlanFileError.CORRUPT
    assert "damaged" in str(err.value)
    assert digest(plan_file) == before


def test_newer_version_is_refused_and_unchanged(plan_file):
    db_store.create(plan_file).close()
    conn = sqlite3.connect(plan_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = digest(plan_file)
    with pytest.raises(PlanFileError) as err:
        db_store.open_store(plan_file)
    assert err.value.problem == PlanFileError.NEWER_VERSION
    assert "newer Boardpack" in str(err.value)
    assert digest(plan_file) == before


def test_second_writer_is_refused_but_may_read(plan_file):
    first = db_store.create(plan_file)
    with pytest.raises(PlanFileError) as err:
        db_store.open_store(plan_file)
    assert err.value.can_open_read_only
    assert "already open" in str(err.value)
    reader = db_store.open_store(plan_file, read_only=True)
    assert reader.read_only
    reader.close()
    first.close()
    db_store.open_store(plan_file).close()  # free again once closed


def test_lock_is_released_when_the_process_dies(plan_file):
    import signal
    import subprocess
    import sys

    db_store.create(plan_file).close()
    # The child takes the lock, says so, then waits on its stdin until it is killed.
    code = ("import sys; from db import store; s = store.open_store(sys.argv[1]); "
            "print('locked', flush=True); sys.stdin.readline()")
    child = subprocess.Popen([sys.executable, "-c", code, str(plan_file)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line == "locked\n", child.stderr.read() if not line else line
        with pytest.raises(PlanFileError) as err:  # the child really holds it
            db_store.open_store(plan_file)
        assert err.value.problem == PlanFileError.IN_USE
        child.kill()
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()
    db_store.open_store(plan_file).close()


def test_unwritable_file_opens_read_only(plan_file):
    db_store.create(plan_file).close()
    os.chmod(plan_file, 0o444)
    try:
        if os.access(plan_file, os.W_OK):
            pytest.skip("running as a user who can write read-only files")
        s = db_store.open_store(plan_file)
        assert s.read_only
        with pytest.raises(ReadOnlyError, match="read-only"):
            with s.transaction():
                pass
        s.close()
    finally:
        os.chmod(plan_file, 0o644)


def test_read_only_open_refuses_writes(plan_file):
    db_store.create(plan_file).close()
    s = db_store.open_store(plan_file, read_only=True)
    with pytest.raises(ReadOnlyError):
        with s.transaction():
            s.insert(Plan(title="x"))
    s.close()


def test_failed_action_writes_nothing(store):
    plan = Plan(title="CYPP")
    with store.transaction():
        store.insert(plan)
    log_before = len(store.changes())
    with pytest.raises(ValidationError):
        with store.transaction("two rows, one bad"):
            store.insert(Node(plan_id=plan.id, kind=NodeKind.PRIORITY, title="Be Safe"))
            store.insert(Node(plan_id="no-such-plan", kind=NodeKind.PRIORITY, title="Orphan"))
    assert store.find(Node) == []
    assert len(store.changes()) == log_before


def test_every_write_lands_in_the_change_log(store):
    plan = Plan(title="CYPP 2018-23")
    with store.transaction("Add plan"):
        store.insert(plan)
    with store.transaction("Rename"):
        store.update(plan, title="CYPP 2018-2023")
    with store.transaction("Delete"):
        store.delete(store.get(Plan, plan.id))
    log = store.changes(row_ids=[plan.id])
    assert [c.action for c in log] == ["delete", "update", "insert"]
    update = log[1]
    assert update.before == {"title": "CYPP 2018-23"}
    assert update.after == {"title": "CYPP 2018-2023"}
    assert update.author == "Test Officer" and update.summary == "Rename"
    assert log[0].before["title"] == "CYPP 2018-2023" and log[0].after is None


def test_writes_outside_a_transaction_are_refused(store):
    with pytest.raises(RuntimeError):
        store.insert(Plan(title="x"))


def test_records_round_trip(store):
    plan = Plan(title="CYPP", period_start=None)
    with store.transaction():
        store.insert(plan)
    assert store.get(Plan, plan.id) == plan
    assert MIGRATIONS[0].version == 1


def test_file_the_os_says_is_unwritable_opens_read_only(plan_file, monkeypatch):
    """As root every file is writable, so ask the store's own check to say no."""
    db_store.create(plan_file).close()
    real_access = os.access
    monkeypatch.setattr(db_plan_file.os, "access",
                        lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    s = db_store.open_store(plan_file)
    assert s.read_only
    with pytest.raises(ReadOnlyError, match="plan.boardpack is open read-only"):
        with s.transaction():
            pass
    s.close()


def test_meeting_cycle_records_round_trip(plan_file):
    from datetime import UTC, date, datetime

    from app.domain import ActionStatus, Meeting, MeetingAction, Question

    s = db_store.create(plan_file)
    plan = Plan(title="Plan", short_name="P")
    node = Node(plan_id=plan.id, kind=NodeKind.PRIORITY, ref="1", title="Priority")
    meeting = Meeting(plan_id=plan.id, held_on=date(2019, 6, 20), agenda_ref="Item 7",
                      papers_due=date(2019, 6, 10))
    action = MeetingAction(meeting_id=meeting.id, text="Chase the CCG", owner="Public Health",
                           due_on=date(2019, 9, 1))
    asked = datetime(2019, 6, 19, 18, 30, tzinfo=UTC)
    question = Question(plan_id=plan.id, subject_id=node.id, subject_kind="node",
                        text="Why Red?", asked_at=asked, meeting_id=meeting.id)
    with s.transaction("meeting cycle records"):
        for record in (plan, node, meeting, action, question):
            s.insert(record)
    s.close()
    s = db_store.open_store(plan_file)
    assert s.get(Meeting, meeting.id).papers_due == date(2019, 6, 10)
    assert s.get(Meeting, meeting.id).agenda_ref == "Item 7"
    back = s.get(MeetingAction, action.id)
    assert (back.owner, back.due_on, back.status) == ("Public Health", date(2019, 9, 1),
                                                      ActionStatus.OPEN)
    q = s.get(Question, question.id)
    assert (q.text, q.asked_at, q.answered) == ("Why Red?", asked, False)
    s.close()


def test_changes_up_to_a_time_of_some_tables_and_without_their_images(store):
    from datetime import datetime

    plan = Plan("CYPP")
    with store.transaction("Add"):
        store.insert(plan)
        store.insert(Node(plan.id, NodeKind.PRIORITY, "Be Safe", "3"))
    assert {c.table for c in store.changes(tables=["nodes"])} == {"nodes"}
    assert store.changes(until=datetime(2000, 1, 1)) == []
    assert len(store.changes(until=datetime.now())) == 2
    light = store.changes(row_ids=[plan.id], images=False)
    assert [(c.action, c.before, c.after, c.author) for c in light] == [
        ("insert", None, None, store.author)]


def test_bulk_updates_and_deletes_are_logged_from_the_records_given(store):
    plans = [Plan(title=f"Plan {n}") for n in range(3)]
    with store.transaction("Add"):
        store.insert_many(plans)
    with store.transaction("Rename"):
        renamed = store.update_many([(p, {"title": p.title + " (revised)"}) for p in plans]
                                    + [(plans[0], {})])
    assert [p.title for p in renamed[:3]] == ["Plan 0 (revised)", "Plan 1 (revised)",
                                              "Plan 2 (revised)"]
    assert sorted(p.title for p in store.find(Plan)) == [p.title for p in renamed[:3]]
    with store.transaction("Remove"):
        store.delete_many(renamed[:2])
    assert [p.title for p in store.find(Plan)] == ["Plan 2 (revised)"]
    log = store.changes(row_ids=[plans[1].id])
    assert [c.action for c in log] == ["delete", "update", "insert"]
    assert log[1].before == {"title": "Plan 1"} and log[1].after == {"title": "Plan 1 (revised)"}
    assert log[0].before["title"] == "Plan 1 (revised)" and log[0].after is None
    assert {c.summary for c in log} == {"Add", "Rename", "Remove"}
    with pytest.raises(RuntimeError):
        store.delete_many(renamed[2:])
