"""Fixtures for the fault-injection suite."""

from __future__ import annotations

import pytest
from fault_support import make_plan


@pytest.fixture
def backup_folder(tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    monkeypatch.setenv("BOARDPACK_BACKUP_DIR", str(folder))
    return folder


@pytest.fixture
def plan(tmp_path, backup_folder):
    """A small sound plan file and the ids of what is in it; no backups yet."""
    path = tmp_path / "plan.boardpack"
    ids = make_plan(path)
    for old in backup_folder.glob("*"):
        old.unlink()
    return path, ids
