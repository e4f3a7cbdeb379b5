"""Test set-up: no screen, and user data, config and settings in a private folder."""

import os
import tempfile
from pathlib import Path

import pytest

_HOME = Path(tempfile.mkdtemp(prefix="boardpack-tests-"))
for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                 ("XDG_CACHE_HOME", "cache"), ("XDG_RUNTIME_DIR", "runtime")):
    (_HOME / sub).mkdir(mode=0o700, exist_ok=True)
    os.environ[var] = str(_HOME / sub)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("BOARDPACK_AUTHOR", "Test Officer")


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
