"""The plan-file lock: one writer per plan file, across windows and processes.

`acquire(path)` returns a held lock or raises `LockHeld`; `lock.release()` frees it. The
operating system frees the lock when the process dies, so a crash never leaves a plan
locked. The implementation is chosen by what the platform offers (`fcntl` on POSIX,
`msvcrt` on Windows), and importing this module needs neither.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Protocol

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None  # type: ignore[assignment]


class LockHeld(Exception):
    """Another window or process holds the plan file's lock."""


class PlanFileLock(Protocol):
    def release(self) -> None: ...


class FlockLock:
    """flock on the plan file itself (POSIX).

    flock locks are independent of SQLite's own POSIX (fcntl) locks. The descriptor stays
    open until release: closing any descriptor of the file would drop SQLite's POSIX locks
    on it, so it is closed only when the plan is closed.
    """

    def __init__(self, path: Path):
        fd = os.open(path, os.O_RDONLY)
        try:
            self.lock_fd(fd)
        except LockHeld:
            os.close(fd)
            raise LockHeld(str(path)) from None
        self._fd: int | None = fd

    @staticmethod
    def lock_fd(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LockHeld() from exc

    @staticmethod
    def unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


# SQLite's lock-byte page starts at PENDING_BYTE. Its first 512 bytes are SQLite's own lock
# bytes: PENDING (1), RESERVED (1) and the SHARED range (510).
SQLITE_PENDING_BYTE = 0x40000000
SQLITE_LOCK_BYTES = 512


class MsvcrtLock:
    """A byte-range lock (msvcrt.locking) on one byte of SQLite's lock-byte page (Windows).

    Windows byte-range locks are mandatory: a locked byte cannot be read or written through
    any other handle, SQLite's own included. So the lock must sit on a byte SQLite never
    reads or writes. SQLite never reads or writes the page at PENDING_BYTE (1 GiB); it only
    locks its first 512 bytes. We lock the byte just after those, PENDING_BYTE + 512, which
    is inside that page for every page size from 1024 up (Boardpack creates 4096-byte
    pages). Only a plan with 512-byte pages that has grown past 1 GiB would have a real
    page there. Below 1 GiB the byte lies past the end of the file, where Windows allows
    locks and no copy of the file ever reads.

    A sidecar lock file was the alternative; it was not chosen because a plan travels as
    one file (e-mailed, copied, synced by OneDrive): a sidecar would be copied or synced
    with it, would need a writable folder, and would be left behind. Locking the plan
    itself also matches the POSIX implementation, which locks the same file.
    """

    OFFSET = SQLITE_PENDING_BYTE + SQLITE_LOCK_BYTES

    def __init__(self, path: Path):
        fd = os.open(path, os.O_RDONLY)
        try:
            self.lock_fd(fd)
        except BaseException as exc:
            os.close(fd)
            if isinstance(exc, LockHeld):
                raise LockHeld(str(path)) from None
            raise
        self._fd: int | None = fd

    @classmethod
    def lock_fd(cls, fd: int) -> None:
        try:
            cls._lock_at(fd, msvcrt.LK_NBLCK)
        except OSError as exc:
            if exc.errno in (errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)):
                raise LockHeld() from exc
            raise

    @classmethod
    def unlock_fd(cls, fd: int) -> None:
        cls._lock_at(fd, msvcrt.LK_UNLCK)

    @classmethod
    def _lock_at(cls, fd: int, mode: int) -> None:
        # msvcrt.locking locks from the descriptor's current position.
        os.lseek(fd, cls.OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, mode, 1)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            self._lock_at(self._fd, msvcrt.LK_UNLCK)
        finally:
            os.close(self._fd)
            self._fd = None


def implementation() -> type[FlockLock] | type[MsvcrtLock]:
    """The lock this platform offers."""
    if fcntl is not None:
        return FlockLock
    if msvcrt is not None:
        return MsvcrtLock
    raise OSError(errno.ENOSYS, "this system offers no file locking (neither fcntl nor msvcrt)")


class LockWatch:
    """For a plan opened read-only: whether another window or process still holds its lock,
    asked cheaply and as often as wanted. The descriptor stays open until `close()`, because
    closing any descriptor of the file would drop SQLite's own POSIX locks on it."""

    def __init__(self, path: Path):
        self._fd: int | None = os.open(path, os.O_RDONLY)

    def held_elsewhere(self) -> bool:
        if self._fd is None:
            return False
        lock = implementation()
        try:
            lock.lock_fd(self._fd)
        except LockHeld:
            return True
        lock.unlock_fd(self._fd)  # only asking: the lock is taken again when reopening
        return False

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def acquire(path: Path) -> PlanFileLock:
    """Lock `path` for writing by this process; raises LockHeld if another holds it."""
    return implementation()(path)
