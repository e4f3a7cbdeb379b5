"""The boardpack command: new, info, --version, sample, and errors on stderr."""

import subprocess
import sys

import pytest

from app.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=120)


def test_version():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("boardpack ")


def test_new_then_info(tmp_path, capsys):
    path = tmp_path / "cypp.boardpack"
    assert main(["new", str(path), "--title", "CYPP 2024-27"]) == 0
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Plan: CYPP 2024-27" in out and "0 items in the tree, 0 indicators" in out


def test_new_refuses_an_existing_file(tmp_path, capsys):
    path = tmp_path / "x.boardpack"
    path.write_text("precious")
    assert main(["new", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "precious"


@pytest.mark.parametrize("content, words", [
    (b"Minutes of the meeting" * 10, "not a Boardpack plan file"),
    (None, "no such file"),
])
def test_info_on_a_bad_file_names_file_and_problem(tmp_path, content, words):
    path = tmp_path / "agenda.boardpack"
    if content is not None:
        path.write_bytes(content)
    done = run("info", str(path))
    assert done.returncode != 0 and done.stdout == ""
    assert "agenda.boardpack" in done.stderr and words in done.stderr


def test_info_meeting_that_does_not_exist(tmp_path):
    path = tmp_path / "p.boardpack"
    assert main(["new", str(path), "--title", "Plan"]) == 0
    done = run("info", str(path), "--meeting", "2019-03-21")
    assert done.returncode == 2 and "No meeting was held on 21/03/2019" in done.stderr


def test_bad_date_is_a_usage_error(tmp_path):
    done = run("info", str(tmp_path / "p.boardpack"), "--meeting", "next Tuesday")
    assert done.returncode == 2 and "not a date" in done.stderr
