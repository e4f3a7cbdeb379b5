"""Writing a file so that it is either complete and checked or not there at all.

`write_checked(target, write, check)`: `write` fills a temporary file beside the target,
which is flushed to disk, checked, given the permissions asked for, and only then renamed
over the target. Any failure, a full disk included, removes the temporary file and leaves
the target as it was. A process killed mid-write leaves only a temporary file, whose name
marks it as such and carries the writer's process id; `clear_stale` removes those whose
writer is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path

PARTIAL = ".partial"
# ".<target name>.<pid>.partial", and anything SQLite adds to it (-journal) while writing.
_PARTIAL_NAME = re.compile(r"\..+\.(\d+)\.partial(?:[.-].*)?")


def temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}{PARTIAL}")


def write_checked(target: str | os.PathLike[str], write: Callable[[Path], None],
                  check: Callable[[Path], None] | None = None, *,
                  mode: int | None = None) -> Path:
    """Write `target` through a temporary file; `check` raises if what was written is not
    good. Returns the target's path."""
    target = Path(target)
    tmp = temporary_name(target)
    try:
        _remove(tmp)
        write(tmp)
        _fsync(tmp)
        if check is not None:
            check(tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        _remove(tmp)
        raise
    _fsync_folder(target.parent)
    return target


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
