"""Writing a file so that it is either complete and checked or not there at all: the one
home for this, used by backups, copies and report exports.

`write_checked(target, write, check)`: `write` fills a temporary file beside the target,
which is flushed to disk, checked, given the permissions asked for, and only then renamed
over the target. `PendingFile` splits the two steps, so the slow writing can run on a
worker thread and the rename wait until the plan has recorded what the file is.

Any failure, a full disk included, removes the temporary file and leaves
the target as it was. A process killed mid-write leaves only a temporary file, whose name
marks it as such and carries the writer's process id; `clear_stale` removes those whose
writer is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path

PARTIAL = ".partial"
# ".<target name>.<tag>.<pid>.partial", and anything SQLite adds to it (-journal) while
# writing.
_PARTIAL_NAME = re.compile(r"\..+\.(\d+)\.partial(?:[.-].*)?")


def temporary_name(target: Path) -> Path:
    # unique per writer and per write; the process id lets clear_stale tell a dead writer's
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.{os.getpid()}{PARTIAL}")


class PendingFile:
    """`target` written, flushed and checked under a temporary name beside it; not yet in
    place until `commit()`. A failure removes the temporary file and leaves the target."""

    def __init__(self, target: str | os.PathLike[str], write: Callable[[Path], None],
                 check: Callable[[Path], None] | None = None, *, mode: int | None = None):
        self.target = Path(target).absolute()
        tmp = temporary_name(self.target)
        self.temporary: Path | None = tmp
        try:
            write(tmp)
            _fsync(tmp)
            if check is not None:
                check(tmp)
            if mode is not None:
                os.chmod(tmp, mode)
        except BaseException:
            self.discard()
            raise

    def commit(self) -> Path:
        """Rename the file over the target (atomically); returns the target."""
        if self.temporary is None:
            raise FileNotFoundError(f"{self.target.name} was already written or discarded")
        try:
            os.replace(self.temporary, self.target)
        except BaseException:
            self.discard()
            raise
        self.temporary = None
        _fsync_folder(self.target.parent)
        return self.target

    def discard(self) -> None:
        """Remove the temporary file; the target is untouched."""
        if self.temporary is not None:
            _remove(self.temporary)
            self.temporary = None


def write_checked(target: str | os.PathLike[str], write: Callable[[Path], None],
                  check: Callable[[Path], None] | None = None, *,
                  mode: int | None = None) -> Path:
    """Write `target` through a temporary file; `check` raises if what was written is not
    good. Returns the target's path."""
    return PendingFile(target, write, check, mode=mode).commit()


def write_bytes(path: Path, data: bytes) -> None:
    """A `write` for the functions above: the bytes, created as a plain open() would."""
    with open(path, "xb") as out:
        out.write(data)


def is_partial(path: Path) -> bool:
    return _PARTIAL_NAME.fullmatch(path.name) is not None


def clear_stale(folder: Path) -> None:
    """Remove temporary files left in `folder` by writers that are no longer running."""
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            found = _PARTIAL_NAME.fullmatch(path.name)
            if found and not _running(int(found.group(1))):
                _remove(path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of ours may be writing it; a failure removes its own
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (or we cannot tell): leave its file alone
    return True


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # A folder's own fsync makes the rename durable on POSIX; Windows cannot open folders.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
