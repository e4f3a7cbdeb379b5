"""A second launch hands its file to the running window instead of starting a rival that
finds the file locked (ui/single_instance.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from demo_plan import make_demo_file
from PySide6.QtCore import QDir

from app.cli import PlanFiles
from ui import single_instance
from ui.single_instance import OpenRequests, ask_running_window_to_open, serve

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def other_plan(tmp_path) -> Path:
    path = tmp_path / "Other plan, 2024 – Fenwick.boardpack"  # spaces and non-ASCII
    make_demo_file(PlanFiles(author="Test Officer"), path)
    return path


@pytest.fixture
def listening(window):
    requests = OpenRequests(parent=window)
    assert requests.listen()
    serve(window, requests)
    yield requests
    requests.close()


# A second launch, as its own process: the request blocks until the running app answers,
# and that app's loop must be free to answer (a thread would wait on this one's GIL).
SECOND_LAUNCH = """
import sys
from ui.single_instance import ask_running_window_to_open
sys.exit(0 if ask_running_window_to_open(sys.argv[1] or None, sys.argv[2] == "ro") else 1)
"""


def _second_launch(path: Path | None, read_only: bool = False) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", SECOND_LAUNCH, str(path or ""), "ro" if read_only else "rw"],
        cwd=ROOT, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)


def _finished(qtbot, proc: subprocess.Popen) -> tuple[int, str]:
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    _out, err = proc.communicate()
    return proc.returncode, err


def test_a_second_instance_request_opens_the_file_in_the_running_window(
        qtbot, window, listening, other_plan):
    first = window.path
    second = _second_launch(other_plan)
    qtbot.waitUntil(lambda: window.path == other_plan.absolute(), timeout=60_000)
    assert _finished(qtbot, second) == (0, "")
    assert window.path != first and not window.services.read_only
    assert window.windowTitle().startswith(other_plan.name)


def test_read_only_is_passed_on(qtbot, window, listening, other_plan):
    second = _second_launch(other_plan, read_only=True)
    qtbot.waitUntil(lambda: window.path == other_plan.absolute(), timeout=60_000)
    assert _finished(qtbot, second) == (0, "") and window.services.read_only


def test_with_no_file_the_running_window_keeps_its_plan(qtbot, window, listening):
    first = window.path
    seen: list[tuple[str, bool]] = []
    listening.open_requested.connect(lambda path, ro: seen.append((path, ro)))
    second = _second_launch(None)
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    assert _finished(qtbot, second) == (0, "") and seen == [("", False)] and window.path == first


def test_nobody_running_means_no_handover(tmp_path):
    assert ask_running_window_to_open(tmp_path / "x.boardpack", timeout_ms=500) is False


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files")
def test_the_socket_file_lives_as_long_as_the_listening_and_a_stale_one_says_no(
        qtbot, window, tmp_path):
    """Listening makes the socket file and closing removes it; a socket left by a crash
    answers nobody, so a launch that finds it goes on to open its own window."""
    name = single_instance.server_name()
    socket_file = Path(QDir.tempPath()) / name
    assert not socket_file.exists()
    requests = OpenRequests(parent=window)
    assert requests.listen()
    assert socket_file.exists()
    requests.close()
    assert not socket_file.exists()
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(str(socket_file))  # what a killed process leaves behind
    dead.close()
    try:
        assert socket_file.exists()
        assert ask_running_window_to_open(tmp_path / "x.boardpack", timeout_ms=500) is False
    finally:
        socket_file.unlink(missing_ok=True)


@pytest.mark.skipif(sys.platform == "win32", reason="waits for the Unix socket file")
def test_a_started_window_listens_for_a_second_launch(qtbot, other_plan, monkeypatch):
    """`boardpack FILE` listens as it starts; a second launch then brings it forward and
    exits. (Its socket goes in a private temporary folder: the window is killed.)"""
    private = Path(tempfile.mkdtemp(prefix="bp-"))  # short: a socket path has a limit
    monkeypatch.setenv("TMPDIR", str(private))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    first = subprocess.Popen([sys.executable, "-m", "app", str(other_plan)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        name = single_instance.server_name()
        qtbot.waitUntil(lambda: (private / name).exists() or first.poll() is not None,
                        timeout=60_000)
        assert first.poll() is None, first.communicate()[1]
        assert (private / name).exists()
        second = _second_launch(None)
        assert _finished(qtbot, second) == (0, "")
    finally:
        first.kill()
        first.communicate()
        shutil.rmtree(private, ignore_errors=True)


GARBLED = """
import json, sys
from PySide6.QtNetwork import QLocalSocket
s = QLocalSocket()
s.connectToServer(sys.argv[1])
assert s.waitForConnected(5000)
s.write(json.dumps({"open": ["not", "a", "path"]}).encode() + b"\\n")
s.waitForBytesWritten(5000)
s.waitForDisconnected(5000)
sys.stdout.write(repr(bytes(s.readAll().data())))
"""


def test_a_garbled_request_is_refused_and_opens_nothing(qtbot, window, listening):
    first = window.path
    seen: list[str] = []
    listening.open_requested.connect(lambda path, ro: seen.append(path))
    proc = subprocess.Popen([sys.executable, "-c", GARBLED, listening.name], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    out, err = proc.communicate()
    assert (proc.returncode, out) == (0, "b''"), err
    assert seen == [] and window.path == first


def test_each_user_folder_has_its_own_name(monkeypatch, tmp_path):
    here = single_instance.server_name()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "someone-else"))
    assert single_instance.server_name() != here
    assert here.startswith("boardpack-")


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files")
def test_a_socket_left_by_a_crashed_instance_is_taken_over(qtbot):
    name = single_instance.server_name()
    stale = Path(QDir.tempPath()) / name
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(str(stale))  # bound, never listening: what a killed process leaves behind
    dead.close()
    try:
        requests = OpenRequests()
        assert requests.listen()
        requests.close()
    finally:
        stale.unlink(missing_ok=True)


def test_a_live_instance_is_not_taken_over(qtbot, window, listening):
    rival = OpenRequests()
    assert rival.listen() is False
    assert listening.server.isListening()


def test_a_second_launch_of_the_command_hands_over_and_exits(qtbot, window, listening,
                                                             other_plan):
    """`boardpack FILE` as the desktop runs it on a double-click: it hands the file over and
    exits at once, leaving the plan open (and locked) in the running window only."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    second = subprocess.Popen([sys.executable, "-m", "app", str(other_plan)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    qtbot.waitUntil(lambda: window.path == other_plan.absolute(), timeout=60_000)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert not window.services.read_only and window.warnings == []


def test_a_file_the_desktop_sends_as_an_event_is_opened(qtbot, window, listening, other_plan):
    """macOS sends a double-clicked document to the app as a QFileOpenEvent."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(other_plan)))
    qtbot.waitUntil(lambda: window.path == other_plan.absolute(), timeout=10_000)
