"""SQLite's errors in the board's words: which PlanFileError a failed read, check or save is.

A busy file is not a damaged one, a full disk is not a failed write of unknown cause, and a
file left mid-save by a crash needs recovering, not restoring.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app import domain as d

E = d.PlanFileError

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_READONLY_ROLLBACK = 8 | (3 << 8)  # a hot journal seen through a read-only connection
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

RESTORE_HINT = "Restore it from a backup (File ▸ Restore from Backup)."


def code_of(exc: BaseException) -> int:
    return getattr(exc, "sqlite_errorcode", 0) or 0


def problem_of(exc: BaseException) -> str:
    """The PlanFileError kind an SQLite error means."""
    code = code_of(exc)
    if code == SQLITE_READONLY_ROLLBACK:
        return E.NEEDS_RECOVERY
    primary = code & 0xFF
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return E.BUSY
    if primary == SQLITE_FULL:
        return E.DISK_FULL
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return E.CORRUPT
    if primary == SQLITE_CANTOPEN:
        return E.UNREADABLE
    if primary == SQLITE_READONLY:
        return E.WRITE_FAILED
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text:
        return E.CORRUPT
    return E.WRITE_FAILED if primary == SQLITE_IOERR else E.CORRUPT


def opening_error(path: Path, exc: sqlite3.Error) -> d.PlanFileError:
    """What a failure while opening and checking a file tells the user."""
    problem = problem_of(exc)
    if problem == E.NEEDS_RECOVERY:
        return E(path, problem, "the file was left half-saved (Boardpack or the computer "
                 "stopped while saving) and needs recovering before it can be read. Open it "
                 "for editing to recover it (on the command line: boardpack recover FILE).")
    if problem == E.BUSY:
        return E(path, problem, "another program is using the file; try again when it has "
                 "finished with it.")
    if problem == E.UNREADABLE:
        return E(path, problem, f"the file cannot be opened ({exc}).")
    if problem == E.WRITE_FAILED:
        return E(path, E.UNREADABLE, f"the file cannot be read ({exc}).")
    return E(path, E.CORRUPT, f"the file is damaged and cannot be read ({exc}). {RESTORE_HINT}")


def saving_error(path: Path, exc: sqlite3.Error) -> d.SaveError:
    """What a failed save tells the user. Nothing of the edit was written."""
    problem = problem_of(exc)
    name = path.name
    if problem == E.BUSY:
        message = (f"the plan is busy: another program is reading or writing {name}, so the "
                   "change was not saved. Try again when it has finished with the file.")
    elif problem == E.DISK_FULL:
        message = (f"the disk is full: the change to {name} was not saved. Free some space "
                   f"on the disk that holds {path.parent}, then try again.")
    elif problem == E.CORRUPT:
        message = f"the change was not saved: the file is damaged ({exc}). {RESTORE_HINT}"
    else:
        problem = E.WRITE_FAILED
        message = f"the change to {name} could not be written ({exc}) and was not saved."
    return d.SaveError(path, problem, message)


def copying_error(target: Path, exc: sqlite3.Error) -> d.PlanFileError:
    """What a failed copy or backup tells the user. The target was left as it was."""
    if problem_of(exc) == E.DISK_FULL:
        return E(target, E.DISK_FULL, f"the disk is full: the copy was not written. Free some "
                 f"space on the disk that holds {target.parent}, then try again.")
    return E(target, E.WRITE_FAILED, f"the copy could not be written ({exc}).")
