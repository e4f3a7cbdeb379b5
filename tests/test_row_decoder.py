"""The row decoder (db.records.decoder): every record type read back as it was written, in
any column order, and a row that cannot be a record still refused as damage."""

import shutil
import sqlite3
from datetime import date, datetime

import pytest

from app import paths
from app.domain import (
    ActionKind,
    ActionStatus,
    Meeting,
    MeetingAction,
    Plan,
    PlanFileError,
    Question,
    Value,
    ValueStatus,
)
from db import store as db_store
from db.records import TABLES, columns, decoder, from_row, to_row


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), path)
    s = db_store.open_store(path)
    plan = s.find(Plan)[0]
    meeting = s.find(Meeting)[0]
    with s.transaction("records the sample lacks"):
        s.insert_many([
            MeetingAction(meeting.id, "Ask the CCG for the Q3 figures", ActionKind.DECISION,
                          "J. Patel", date(2019, 4, 30), ActionStatus.DONE,
                          date(2019, 5, 2), 3),
            MeetingAction(meeting.id, "Review the EHCP timeliness"),
            Question(plan.id, "n-1", "indicator", "Why did the rate fall?",
                     datetime(2019, 3, 1, 9, 30), "Chair", meeting.id, "2019-Q1",
                     "Fewer referrals", "Officer", datetime(2019, 3, 2, 14, 5)),
        ])
    yield s
    s.close()


def _tuple_row(record, names):
    row = to_row(record)
    return tuple(row[n] for n in names)


def test_every_record_type_reads_back_as_written(sample):
    for cls in TABLES:
        records = sample.find(cls)
        assert records, f"the test plan has no {cls.__name__}"
        names = tuple(columns(cls))
        backwards = names[::-1]
        for record in records:
            assert decoder(cls, names)(_tuple_row(record, names)) == record
            assert decoder(cls, backwards)(_tuple_row(record, backwards)) == record
            assert from_row(cls, to_row(record)) == record


def test_decoded_fields_have_their_types(sample):
    value = next(v for v in sample.find(Value) if v.value is not None)
    assert type(value.status) is ValueStatus and isinstance(value.value, float)
    action = next(a for a in sample.find(MeetingAction) if a.due_on)
    assert action.kind is ActionKind.DECISION and action.status is ActionStatus.DONE
    assert action.due_on == date(2019, 4, 30) and action.closed_on == date(2019, 5, 2)
    question = sample.find(Question)[0]
    assert question.asked_at == datetime(2019, 3, 1, 9, 30)
    assert question.answered_at == datetime(2019, 3, 2, 14, 5)


def test_a_missing_column_leaves_the_default():
    names = ("meeting_id", "text", "id")
    action = decoder(MeetingAction, names)(("m-1", "Chase the figures", "a-1"))
    assert action == MeetingAction("m-1", "Chase the figures", id="a-1")


@pytest.mark.parametrize("column, bad", [
    ("status", "finished"), ("due_on", "end of April"), ("kind", 7),
])
def test_a_damaged_row_is_refused(sample, column, bad):
    action = next(a for a in sample.find(MeetingAction) if a.due_on)
    names = tuple(columns(MeetingAction))
    row = list(_tuple_row(action, names))
    row[names.index(column)] = bad
    with pytest.raises((ValueError, TypeError, KeyError)):
        decoder(MeetingAction, names)(tuple(row))


def test_the_store_names_the_damaged_row(sample):
    action = next(a for a in sample.find(MeetingAction) if a.due_on)
    path = sample.path
    sample.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meeting_actions SET due_on = 'end of April' WHERE id = ?", (action.id,))
    conn.commit()
    conn.close()
    reopened = db_store.open_store(path, read_only=True)
    try:
        with pytest.raises(PlanFileError) as err:
            reopened.find(MeetingAction)
        assert err.value.problem == PlanFileError.CORRUPT
        assert f"row {action.id} of the meeting_actions table" in str(err.value)
        with pytest.raises(PlanFileError, match=action.id):
            reopened.get(MeetingAction, action.id)
    finally:
        reopened.close()
