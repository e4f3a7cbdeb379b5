"""Test set-up: no screen; each test has its own user data, config and settings folders; a Qt
warning fails the test that caused it."""

import os
import re
import sys
import tempfile
from pathlib import Path

import pytest

_XDG = (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
        ("XDG_RUNTIME_DIR", "runtime"), ("XDG_DOCUMENTS_DIR", "documents"))


def _user_folders(home: Path) -> dict[str, Path]:
    folders = {var: home / sub for var, sub in _XDG}
    for folder in folders.values():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # Qt wants the runtime dir 0700
    return folders


# Until a test starts (collection, session fixtures), nothing may touch the real user's folders.
for _var, _folder in _user_folders(Path(tempfile.mkdtemp(prefix="boardpack-tests-"))).items():
    os.environ[_var] = str(_folder)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("BOARDPACK_AUTHOR", "Test Officer")


@pytest.fixture(autouse=True)
def user_folders(tmp_path_factory, monkeypatch) -> dict[str, Path]:
    """This test's own XDG folders (data, config, cache, runtime), apart from its tmp_path."""
    folders = _user_folders(tmp_path_factory.mktemp("user"))
    for var, folder in folders.items():
        monkeypatch.setenv(var, str(folder))
    if "PySide6.QtCore" in sys.modules:
        # QSettings reads XDG_CONFIG_HOME once per process; QStandardPaths reads it per call.
        from PySide6.QtCore import QSettings

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folders["XDG_CONFIG_HOME"]))
    return folders


# Known harmless platform noise, each with its reason. Anything else Qt warns about fails.
QT_NOISE = [
    # The offscreen platform plugin has no window manager to pass size hints to; it says so
    # whenever a window's minimum or maximum size changes. Nothing is lost on a real screen.
    (r"^This plugin does not support propagateSizeHints\(\)$", "offscreen platform"),
    # Likewise, raising a window (a refusal's message near the cell) has no window stack
    # offscreen to raise it in.
    (r"^This plugin does not support raise\(\)$", "offscreen platform"),
    # A popup menu grabs the keyboard on a real screen; offscreen there is nothing to grab.
    (r"^This plugin does not support grabbing the keyboard$", "offscreen platform"),
]


@pytest.fixture(autouse=True)
def qt_warnings_fail():
    """Record Qt's warnings and critical messages during the test (set-up to teardown) and
    fail the test if there were any that are not known noise."""
    if "PySide6.QtCore" not in sys.modules:
        yield
        return
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    seen: list[str] = []

    def handler(kind, context, message):
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) \
                and not any(re.search(p, message) for p, _why in QT_NOISE):
            seen.append(f"{kind.name}: {message}")
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    yield
    qInstallMessageHandler(previous)
    if seen:
        pytest.fail("Qt warned:\n" + "\n".join(seen), pytrace=False)


@pytest.fixture
def plan_file(tmp_path):
    """A fresh, empty plan file path (not created)."""
    return tmp_path / "plan.boardpack"


@pytest.fixture
def store(tmp_path):
    from db import store as db_store

    s = db_store.create(tmp_path / "plan.boardpack", author="Test Officer")
    yield s
    s.close()


@pytest.fixture
def services(store):
    from app.services import Services

    return Services.over(store)
