"""Before updating a file saved by an older Boardpack: the file and what updating means for
colleagues on that version are named, and the user is asked (the command line wants --yes);
the backup is taken either way, and a file not updated is left exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from app import cli
from app.domain import PlanFileError
from app.file_versions import UpdateNotice
from db import backups
from db import store as db_store
from db.schema import SCHEMA_VERSION

DATA = Path(__file__).parent / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def released(tmp_path) -> Path:
    copy = tmp_path / "Children's Trust plan.boardpack"
    shutil.copy(DATA / "release-0.1-cypp-2018-23-schema-2.boardpack", copy)
    return copy


def test_the_question_names_the_file_the_release_and_the_backup(released):
    asked: list[UpdateNotice] = []
    s = db_store.open_store(released, confirm_update=lambda n: asked.append(n) or True)
    assert s.schema_version == SCHEMA_VERSION
    s.close()
    [notice] = asked
    assert (notice.from_version, notice.to_version) == (2, SCHEMA_VERSION)
    assert notice.backup == backups.list_backups(released)[0]
    question = notice.question()
    assert "Children's Trust plan.boardpack was saved by Boardpack 0.1 (file version 2)" in question
    assert "colleagues still using Boardpack 0.1 will no longer be able to open it" in question
    assert str(notice.backup) in question


def test_declining_leaves_the_file_as_it_was_and_keeps_the_backup(released):
    before = digest(released)
    with pytest.raises(PlanFileError) as err:
        db_store.open_store(released, confirm_update=lambda n: False)
    assert err.value.problem == PlanFileError.UPDATE_DECLINED
    assert digest(released) == before
    [backup] = backups.list_backups(released)
    assert digest(backup) == before and "before-migration-v2-to" in backup.name
    # nothing left locked: it opens (and updates) next time
    s = db_store.open_store(released)
    assert s.schema_version == SCHEMA_VERSION
    s.close()


def test_a_current_file_is_not_asked_about(tmp_path):
    plan = tmp_path / "new.boardpack"
    db_store.create(plan).close()
    asked = []
    db_store.open_store(plan, confirm_update=asked.append).close()
    assert asked == []


def test_the_command_line_refuses_without_yes_and_says_so(released, tmp_path, capsys):
    before = digest(released)
    out = tmp_path / "report.pdf"
    code = cli.main(["report", str(released), "--meeting", "2019-03-21", "-o", str(out),
                     "--issue"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert "was saved by Boardpack 0.1" in err and "no longer be able to open it" in err
    assert "run the command again with --yes" in err
    assert digest(released) == before
    assert len(backups.list_backups(released)) == 1


def test_the_command_line_updates_with_yes(released, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    code = cli.main(["report", str(released), "--meeting", "2019-03-21", "-o", str(out),
                     "--issue", "--yes"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF") and "Updating it (--yes)." in err
    s = db_store.open_store(released, read_only=True)
    assert s.schema_version == SCHEMA_VERSION
    s.close()
    assert len(backups.list_backups(released)) >= 1


def test_a_read_only_command_on_an_older_file_says_how_to_update_it(released, capsys):
    before = digest(released)
    assert cli.main(["info", str(released)]) == 2
    err = capsys.readouterr().err
    assert "Boardpack 0.1 saved this file (file version 2)" in err
    assert "Open it for editing once" in err and "--yes" in err
    assert "Save a copy somewhere writable" not in err  # it can be written
    assert digest(released) == before


def test_an_older_file_that_cannot_be_written_says_to_copy_it(released, monkeypatch):
    import os

    real_access = os.access

    def cannot_write(path, mode, **kw):  # as for a file on a read-only share, even as root
        if mode == os.W_OK and Path(path) in (released, released.parent):
            return False
        return real_access(path, mode, **kw)

    monkeypatch.setattr(os, "access", cannot_write)
    with pytest.raises(PlanFileError) as err:
        db_store.open_store(released)
    assert "Save a copy somewhere writable first" in str(err.value)
    assert "from Boardpack 0.1 (file version 2)" in str(err.value)
