"""Automatic backup copies of plan files, kept beside the user's data.

Backups live in a `.boardpack-backups` folder next to the plan or, when that folder cannot be
written (a read-only share, a full disk), in the user's data folder; they are named
`<plan>.<UTC timestamp>Z.<reason>.boardpack`. Each is written to a temporary name, checked
(every page, Boardpack's mark, the schema), then renamed: a copy that failed or was
interrupted is never counted, pruned into, or offered. A few of each plan's are kept; older
ones are pruned, never the one just taken (a clock set back must not prune the newest).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from app import atomic_write, paths, uk_time
from app import domain as d
from db import soundness, sqlite_errors

KEEP = 8
STAMP = "%Y%m%d-%H%M%S-%f"
_STAMP_RE = r"\d{8}-\d{6}-\d{6}Z?"  # without Z: named in local time by earlier versions


class _Copyable(Protocol):
    def copy_to(self, target: str | os.PathLike[str]) -> None:
        """Write a checked copy to `target` through a temporary file (PlanFile.copy_to)."""


@dataclass(frozen=True)
class Backup:
    """One backup as Restore lists it."""

    path: Path
    size: int
    problem: str | None  # None: checked and sound

    @property
    def sound(self) -> bool:
        return self.problem is None

    def describe(self) -> str:
        """'23/11/2026 17:42:05 GMT (on open), 1.2 MB, checked', or '..., damaged: cannot
        be restored'."""
        check = "checked" if self.sound else f"{self.problem}: cannot be restored"
        return f"{describe(self.path)}, {_size(self.size)}, {check}"


def backup_dir(plan: Path) -> Path:
    override = os.environ.get("BOARDPACK_BACKUP_DIR")
    if override:
        return Path(override)
    return plan.parent / ".boardpack-backups"


def fallback_dir(plan: Path) -> Path:
    """Where backups go when the plan's own backup folder cannot be written: a folder per
    plan file in the user's data folder (two plans of the same name never share one)."""
    where = str(plan if plan.is_absolute() else plan.absolute())  # a network path is absolute
    where = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()
    return paths.user_data_dir() / "backups" / f"{plan.stem}-{where[:12]}"


def _folders(plan: Path) -> list[Path]:
    first, second = backup_dir(plan), fallback_dir(plan)
    return [first] if first.absolute() == second.absolute() else [first, second]


def take(plan: Path, *, reason: str, store: _Copyable | None = None,
         spare: Path | None = None) -> Path:
    """Copy the plan file into its backup folder (or the fallback folder), checked; returns
    the copy's path. Raises PlanFileError when no folder would take a sound copy."""
    failures: list[str] = []
    for folder in _folders(plan):
        try:
            target = _take_in(folder, plan, reason, store)
        except (OSError, sqlite3.Error, d.PlanFileError) as exc:
            failures.append(f"{folder}: {_reason(exc)}")
            continue
        prune(plan, spare=spare, newest=target)
        return target
    full = any("disk is full" in f or "No space" in f for f in failures)
    raise d.PlanFileError(
        plan, d.PlanFileError.DISK_FULL if full else d.PlanFileError.WRITE_FAILED,
        "no backup copy could be taken (" + "; ".join(failures) + ").")


def _take_in(folder: Path, plan: Path, reason: str, store: _Copyable | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write.clear_stale(folder)
    stamp = datetime.now(UTC).strftime(STAMP)
    target = folder / f"{plan.stem}.{stamp}Z.{reason}.boardpack"

    if store is not None:
        store.copy_to(target)  # written, checked and renamed the same way
        return target
    return atomic_write.write_checked(target, lambda tmp: shutil.copyfile(plan, tmp), check,
                                      mode=permissions_of(plan))


def check(copy: Path) -> None:
    """Raise PlanFileError unless `copy` is a sound plan (every page read)."""
    soundness.check_contents(copy, full=True)


def permissions_of(plan: Path) -> int:
    return stat.S_IMODE(os.stat(plan).st_mode)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, sqlite3.Error):
        if sqlite_errors.problem_of(exc) == d.PlanFileError.DISK_FULL:
            return "the disk is full"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, d.PlanFileError):
        return exc.detail
    return str(exc)


def list_backups(plan: Path) -> list[Path]:
    """This plan's backups (not those of a plan whose name merely starts the same), newest
    first, from its backup folder and the fallback folder. Temporary files are never listed."""
    mine = re.compile(rf"{re.escape(plan.stem)}\.({_STAMP_RE})\.[\w-]+\.boardpack")
    found: list[tuple[str, Path]] = []
    for folder in _folders(plan):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            m = mine.fullmatch(p.name)
            if m:
                found.append((m.group(1).rstrip("Z"), p))
    return [p for _stamp, p in sorted(found, key=lambda sp: (sp[0], sp[1].name), reverse=True)]


def inspect(plan: Path) -> list[Backup]:
    """This plan's backups with their size and check result, newest first."""
    out = []
    for p in list_backups(plan):
        try:
            size = p.stat().st_size
        except OSError:
            continue
        out.append(Backup(p, size, soundness.problem(p)))
    return out


def prune(plan: Path, keep: int = KEEP, *, spare: Path | None = None,
          newest: Path | None = None) -> None:
    for old in list_backups(plan)[keep:]:
        if old not in (spare, newest):
            old.unlink(missing_ok=True)


def describe(backup: Path) -> str:
    """'23/11/2026 17:42:05 GMT (on open)' from a backup's name, in UK time."""
    parts = backup.name.split(".")
    try:
        stamp = parts[-3]
        when = datetime.strptime(stamp.rstrip("Z"), STAMP)
    except (IndexError, ValueError):
        return backup.name
    if stamp.endswith("Z"):
        local, zone = uk_time.uk_local(when)
        shown = f"{local:%d/%m/%Y %H:%M:%S} {zone}"
    else:
        shown = f"{when:%d/%m/%Y %H:%M:%S}"
    reason = parts[-2].replace("-", " ")
    return f"{shown} ({reason})"


def _size(n: int) -> str:
    if n < 1_000_000:
        return f"{max(1, round(n / 1000))} kB"
    return f"{n / 1_000_000:.1f} MB"
