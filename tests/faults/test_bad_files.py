"""Every way a file can be bad gets a message naming the file and the problem, never a
traceback; a refused file is left byte-identical, gets no backup, and is not left locked."""

from __future__ import annotations

import os

import pytest
from fault_support import (
    cli,
    cli_process,
    digest,
    lock_is_free,
    page_count,
    raw_sql,
    zero_page,
)

from app.cli import PlanFiles
from app.domain import PlanFileError
from db import store
from db.schema import APPLICATION_ID

DAMAGED = "damaged"
RESTORE = "Restore"


def _refused(path, capsys, backup_folder, expect: str, problem: str):
    """Open `path` every way there is; each says `expect` and leaves the file as it was."""
    before = digest(path) if path.is_file() else None
    for read_only in (False, True):
        with pytest.raises(PlanFileError) as err:
            PlanFiles().open(path, read_only=read_only)
        assert err.value.problem == problem
        assert expect in str(err.value) and path.name in str(err.value)
    for args in (["info", str(path)], ["report", str(path), "--meeting", "2019-03-21", "-o",
                                       str(path.parent / "out.pdf")]):
        code, out, err_text = cli(capsys, *args)
        assert code == 2 and expect in err_text and "Traceback" not in err_text
    assert not (path.parent / "out.pdf").exists()
    if before is not None:
        assert digest(path) == before
        assert lock_is_free(path)
    assert not backup_folder.exists() or not any(backup_folder.iterdir())
    return str(err.value)


def test_a_truncated_plan_says_damaged_and_is_left_alone(plan, capsys, backup_folder):
    path, _ids = plan
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    message = _refused(path, capsys, backup_folder, DAMAGED, PlanFileError.CORRUPT)
    assert "shorter than its contents" in message and RESTORE in message


def test_a_plan_cut_inside_its_header_says_damaged(plan, capsys, backup_folder):
    path, _ids = plan
    path.write_bytes(path.read_bytes()[:60])
    assert RESTORE in _refused(path, capsys, backup_folder, DAMAGED, PlanFileError.CORRUPT)


def test_a_zeroed_first_page_says_damaged(plan, capsys, backup_folder):
    path, _ids = plan
    zero_page(path, 1)
    assert "blank" in _refused(path, capsys, backup_folder, DAMAGED, PlanFileError.CORRUPT)


def test_a_zeroed_page_inside_says_damaged(plan, capsys, backup_folder):
    path, _ids = plan
    zero_page(path, page_count(path) // 2)
    assert RESTORE in _refused(path, capsys, backup_folder, DAMAGED, PlanFileError.CORRUPT)


def test_boardpacks_mark_without_its_tables_says_damaged(tmp_path, capsys, backup_folder):
    path = tmp_path / "hollow.boardpack"
    raw_sql(path, f"PRAGMA application_id = {APPLICATION_ID}", "PRAGMA user_version = 3",
            "CREATE TABLE something_else (x)")
    message = _refused(path, capsys, backup_folder, DAMAGED, PlanFileError.CORRUPT)
    assert "not its tables" in message


def test_a_foreign_database_says_foreign(tmp_path, capsys, backup_folder):
    path = tmp_path / "other.boardpack"
    raw_sql(path, "CREATE TABLE t (x)")
    message = _refused(path, capsys, backup_folder, "not a Boardpack plan",
                       PlanFileError.NOT_BOARDPACK)
    assert DAMAGED not in message


def test_a_fifo_is_refused_without_hanging(tmp_path, capsys, backup_folder):
    path = tmp_path / "pipe.boardpack"
    os.mkfifo(path)
    _refused(path, capsys, backup_folder, "a pipe", PlanFileError.NOT_BOARDPACK)
    done = cli_process("info", str(path), timeout=20)  # would block forever on open()
    assert done.returncode == 2 and "a pipe" in done.stderr


def test_a_device_is_refused(capsys, tmp_path, backup_folder):
    path = tmp_path / "zero.boardpack"
    path.symlink_to("/dev/zero")
    _refused(path, capsys, backup_folder, "a device", PlanFileError.NOT_BOARDPACK)


def test_a_symlink_loop_is_not_called_missing(tmp_path, capsys, backup_folder):
    a, b = tmp_path / "a.boardpack", tmp_path / "b.boardpack"
    a.symlink_to(b)
    b.symlink_to(a)
    message = _refused(a, capsys, backup_folder, "loop", PlanFileError.UNREADABLE)
    assert "no such file" not in message


def test_a_newer_plan_in_wal_mode_is_refused_unchanged(plan, capsys, backup_folder):
    path, _ids = plan
    raw_sql(path, "PRAGMA journal_mode = WAL", "PRAGMA user_version = 99")
    before = digest(path)
    assert path.read_bytes()[18] == 2  # WAL in the header
    _refused(path, capsys, backup_folder, "newer Boardpack", PlanFileError.NEWER_VERSION)
    assert digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


BAD_ROWS = {
    "unknown node kind": ("UPDATE nodes SET kind = 'galaxy' WHERE parent_id IS NULL", "nodes"),
    "malformed date": ("UPDATE meetings SET held_on = '21st of March'", "meetings"),
    "bad JSON": ("UPDATE reports SET sections = '{not json'", "reports"),
    "bad change log": ("UPDATE change_log SET after = '{oops' WHERE seq = 1", "change_log"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_damage_inside_rows_is_named(plan, case, capsys, backup_folder):
    path, ids = plan
    opened = PlanFiles().open(path)
    if case == "bad JSON":
        opened.reports.create_report(ids["plan"], "Report to the HWB")
    opened.close()
    sql, table = BAD_ROWS[case]
    raw_sql(path, sql)
    before = digest(path)
    s = store.open_store(path, read_only=True)
    try:
        with pytest.raises(PlanFileError) as err:
            read_everything(s)
    finally:
        s.close()
    assert err.value.problem == PlanFileError.CORRUPT
    assert f"of the {table} table" in str(err.value) or f"the {table} table" in str(err.value)
    assert path.name in str(err.value) and RESTORE in str(err.value)
    code, _out, err_text = cli(capsys, "info", str(path), "--meeting", "2019-03-21")
    if table != "change_log":  # info does not read the change log
        assert code == 2 and DAMAGED in err_text and "Traceback" not in err_text
    assert digest(path) == before and lock_is_free(path)


def read_everything(s) -> None:
    from app.domain import Meeting, Node, Plan, Report

    for cls in (Plan, Node, Meeting, Report):
        s.find(cls)
    s.changes()
