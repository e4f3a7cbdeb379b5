"""The log file: started by the command line, in the user's data folder, rotating; an
unexpected error in a command is one line on stderr and a full traceback in the log."""

from __future__ import annotations

import logging

import pytest

from app import cli, logs, paths


@pytest.fixture(autouse=True)
def no_log_left_open():
    yield
    logs.stop()


def test_a_command_starts_the_log_in_the_data_folder(user_folders, capsys):
    assert cli.main(["sample", str(user_folders["XDG_CACHE_HOME"] / "copy.boardpack")]) == 0
    log = logs.log_file()
    assert log.parent == paths.user_data_dir() / "logs"
    assert log.is_relative_to(user_folders["XDG_DATA_HOME"])
    assert "(command line: sample) started" in log.read_text(encoding="utf-8")


def test_an_unexpected_error_is_one_line_and_a_logged_traceback(monkeypatch, capsys):
    def broken(args):
        raise ZeroDivisionError("a bug in a command")

    monkeypatch.setitem(cli.COMMANDS, "recover", broken)
    assert cli.main(["recover", "whatever.boardpack"]) == 3
    err = capsys.readouterr().err
    assert "unexpected error: ZeroDivisionError: a bug in a command" in err
    assert str(logs.log_file()) in err and "Traceback" not in err
    text = logs.log_file().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in broken" in text


def test_the_log_rotates_and_keeps_a_few(monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    logs.start("tests")
    for n in range(200):
        logging.getLogger("boardpack.test").info("line %d %s", n, "x" * 40)
    files = sorted(p.name for p in logs.log_file().parent.iterdir())
    assert files == ["boardpack.log", *(f"boardpack.log.{n}" for n in range(1, logs.KEEP + 1))]
    assert "line 199" in logs.log_file().read_text(encoding="utf-8")


def test_a_log_that_cannot_be_written_does_not_stop_the_app(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert logs.start("tests") is None
    assert cli.main(["sample", str(tmp_path / "copy.boardpack")]) == 0
    assert (tmp_path / "copy.boardpack").is_file()
