"""A failed save never strands the user: it is rolled back, says why (busy, disk full) naming
the plan, leaves the plan usable, and the same edit succeeds once the cause is gone. Nothing
the user typed is lost at the service level: the caller still holds it and can save it."""

from __future__ import annotations

import pytest
from fault_support import (
    can_mount,
    cli,
    digest,
    fill,
    leave_hot_journal,
    lock_is_free,
    make_plan,
    reader_holding,
    small_disk,
    writer_holding,
)

from app.cli import PlanFiles
from app.domain import Node, PlanFileError, SaveError
from db import store

COMMENTARY = "Placements rose in Q3; the edge-of-care team starts in April."


def test_a_reader_holding_the_file_for_6_s_fails_the_save_clearly_and_strands_nothing(plan):
    path, ids = plan
    services = PlanFiles().open(path)
    try:
        with reader_holding(path, seconds=6) as reader:
            with pytest.raises(SaveError) as err:
                services.assessments.assess(ids["meeting"], ids["indicator"],
                                            commentary=COMMENTARY)
            assert err.value.problem == PlanFileError.BUSY
            assert "busy" in str(err.value) and path.name in str(err.value)
            assert not services.store._conn.in_transaction  # rolled back at once
            # Other opens are told nothing is wrong with the file.
            other = PlanFiles().open(path, read_only=True)
            other.close()
            assert reader.poll() is None  # the reader still holds it: this was the hard case
        services.assessments.assess(ids["meeting"], ids["indicator"], commentary=COMMENTARY)
        services.indicators.set_value(ids["indicator"], "fy:2019", 70.0)
    finally:
        services.close()
    assert lock_is_free(path)
    again = PlanFiles().open(path, read_only=True)
    try:
        saved = again.assessments.assessment(ids["meeting"], ids["indicator"])
        assert saved.commentary == COMMENTARY
        assert again.indicators.value_at(ids["indicator"], "fy:2019").value == 70.0
    finally:
        again.close()


def test_a_file_locked_by_another_writer_is_busy_not_damaged(plan, capsys, backup_folder):
    path, _ids = plan
    before = digest(path)
    with writer_holding(path):
        for read_only in (True, False):
            with pytest.raises(PlanFileError) as err:
                PlanFiles().open(path, read_only=read_only)
            assert err.value.problem == PlanFileError.BUSY
            assert "another program" in str(err.value) and "damaged" not in str(err.value)
        code, _out, err_text = cli(capsys, "info", str(path))
        assert code == 2 and "another program" in err_text and "damaged" not in err_text
    assert digest(path) == before and lock_is_free(path)
    PlanFiles().open(path).close()  # fine once the other program lets go


def _fill_the_database(services) -> int:
    """Cap the file at its current size: SQLite then fails the next growth with SQLITE_FULL,
    as a full disk does."""
    conn = services.store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    return pages


def test_a_full_disk_during_an_edit_says_so_and_the_edit_succeeds_after(plan):
    path, ids = plan
    services = PlanFiles().open(path)
    big = "A long note on what is being done. " * 500
    try:
        before = digest(path)
        _fill_the_database(services)
        with pytest.raises(SaveError) as err:
            services.assessments.assess(ids["meeting"], ids["indicator"], commentary=big)
        assert err.value.problem == PlanFileError.DISK_FULL
        assert "disk is full" in str(err.value) and path.name in str(err.value)
        assert "no transaction is active" not in str(err.value)
        assert not services.store._conn.in_transaction
        assert digest(path) == before  # nothing of the failed edit was written
        services.store._conn.execute("PRAGMA max_page_count = 1073741823")  # space again
        services.assessments.assess(ids["meeting"], ids["indicator"], commentary=big)
        assert services.assessments.assessment(ids["meeting"],
                                               ids["indicator"]).commentary == big
    finally:
        services.close()
    assert lock_is_free(path)


@pytest.mark.skipif(not can_mount(), reason="mounting a small disk needs root")
def test_a_really_full_disk_during_an_edit_a_backup_and_a_copy(tmp_path, monkeypatch):
    disk = tmp_path / "disk"
    with small_disk(disk, "1m"):
        path = disk / "plan.boardpack"
        monkeypatch.setenv("BOARDPACK_BACKUP_DIR", str(disk / "backups"))
        ids = make_plan(path)
        services = PlanFiles().open(path)
        try:
            filler = fill(disk)
            before = digest(path)
            with pytest.raises(SaveError) as err:
                services.assessments.assess(ids["meeting"], ids["indicator"],
                                            commentary="x" * 19_000)
            assert "disk is full" in str(err.value) and path.name in str(err.value)
            assert digest(path) == before
            # A copy onto the full disk fails cleanly: no target, nothing half-written.
            with pytest.raises(PlanFileError) as copy_err:
                services.store.copy_to(disk / "copy.boardpack")
            assert "disk is full" in str(copy_err.value)
            assert sorted(p.name for p in disk.iterdir()) == ["backups", filler.name,
                                                               path.name]
            # A backup falls back to the user's data folder, checked; nothing half-written
            # is left on the full disk.
            on_open = sorted((disk / "backups").iterdir())
            assert len(on_open) == 1
            taken = services.store.file.backup("manual")
            assert disk not in taken.parents and taken.exists()
            assert sorted((disk / "backups").iterdir()) == on_open
            filler.unlink()
            services.assessments.assess(ids["meeting"], ids["indicator"],
                                        commentary="x" * 19_000)
        finally:
            services.close()
        assert lock_is_free(path)


def test_a_hot_journal_is_offered_recovery_not_called_damaged(plan, capsys, backup_folder):
    path, ids = plan
    leave_hot_journal(path)
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0
    before, journal_before = digest(path), digest(journal)
    with pytest.raises(PlanFileError) as err:
        PlanFiles().open(path, read_only=True)
    assert err.value.problem == PlanFileError.NEEDS_RECOVERY and err.value.can_recover
    assert "damaged" not in str(err.value) and "recover" in str(err.value)
    code, _out, err_text = cli(capsys, "info", str(path))
    assert code == 2 and "boardpack recover" in err_text and "Traceback" not in err_text
    assert digest(path) == before and digest(journal) == journal_before  # untouched
    code, out, _err = cli(capsys, "recover", str(path))
    assert code == 0 and "Recovered" in out
    assert not journal.exists() or journal.stat().st_size == 0
    code, out, _err = cli(capsys, "info", str(path))
    assert code == 0 and "Children and Young People" in out
    s = store.open_store(path, read_only=True)
    try:
        assert s.find(Node) and all(not n.description for n in s.find(Node))
    finally:
        s.close()
    assert lock_is_free(path)


def test_a_read_write_open_recovers_a_hot_journal_itself(plan):
    path, _ids = plan
    leave_hot_journal(path)
    services = PlanFiles().open(path)
    try:
        nodes = services.store.find(Node)
        assert nodes and all(not n.description for n in nodes)  # the unfinished save undone
    finally:
        services.close()
    assert not path.with_name(path.name + "-journal").exists()
