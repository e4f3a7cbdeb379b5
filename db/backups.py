"""Automatic backup copies of plan files, kept beside the user's data.

Backups live in a `backups` folder next to the plan (or, when that folder cannot be
written, in the user's data folder), named `<plan>.<timestamp>.<reason>.boardpack`.
A few of each plan's are kept; older ones are pruned.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Protocol

KEEP = 8


class _Copyable(Protocol):
    def copy_to(self, target: str | os.PathLike[str]) -> None: ...


def backup_dir(plan: Path) -> Path:
    override = os.environ.get("BOARDPACK_BACKUP_DIR")
    if override:
        return Path(override)
    return plan.parent / ".boardpack-backups"


def take(plan: Path, *, reason: str, store: _Copyable | None = None,
         spare: Path | None = None) -> Path:
    """Copy the plan file into its backup folder; returns the copy's path."""
    folder = backup_dir(plan)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{plan.stem}.{stamp}.{reason}.boardpack"
    if store is not None:
        store.copy_to(target)
    else:
        shutil.copy2(plan, target)
        _fsync(target)
    prune(plan, spare=spare)
    return target


def list_backups(plan: Path) -> list[Path]:
    """This plan's backups (not those of a plan whose name merely starts the same), newest
    first."""
    folder = backup_dir(plan)
    if not folder.is_dir():
        return []
    mine = re.compile(rf"{re.escape(plan.stem)}\.\d{{8}}-\d{{6}}-\d{{6}}\.[\w-]+\.boardpack")
    return sorted((p for p in folder.iterdir() if mine.fullmatch(p.name)), reverse=True)


def prune(plan: Path, keep: int = KEEP, *, spare: Path | None = None) -> None:
    for old in list_backups(plan)[keep:]:
        if spare is None or old != spare:
            old.unlink(missing_ok=True)


def describe(backup: Path) -> str:
    """'23/11/2026 17:42 (on open)' from a backup's name."""
    parts = backup.name.split(".")
    try:
        when = datetime.strptime(parts[-3], "%Y%m%d-%H%M%S-%f")
    except (IndexError, ValueError):
        return backup.name
    reason = parts[-2].replace("-", " ")
    return f"{when:%d/%m/%Y %H:%M:%S} ({reason})"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
