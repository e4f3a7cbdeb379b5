"""Writing an export so that a failure never destroys the previous file.

The bytes go to a temporary file beside the target, are synced to disk, and only then
renamed over the target. A full disk, a cancel or a crash leaves the previous file as it
was and no temporary or zero-byte file behind. Writing and renaming are separate steps
(`PendingFile`) so the slow part can run on a worker thread and the rename can wait until
the store has recorded what the file is (an issued report).
"""

from __future__ import annotations

import contextlib
import os
import stat
import uuid
from pathlib import Path

from app.domain import BoardpackError


class ExportWriteError(BoardpackError):
    """The file could not be written; the previous one, if any, is unchanged."""


def _failed(target: Path, exc: OSError) -> ExportWriteError:
    reason = exc.strerror or str(exc)
    kept = " The previous file is unchanged." if target.exists() else ""
    return ExportWriteError(f"{target.name} could not be written to {target.parent}: "
                            f"{reason}.{kept}")


class PendingFile:
    """`data` written and synced beside `target` under a temporary name, not yet in place."""

    def __init__(self, target: str | os.PathLike[str], data: bytes):
        self.target = Path(target).absolute()
        self.temporary: Path | None = self.target.with_name(
            f".{self.target.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            # 0o666 less the umask, as a plain open() would create it
            fd = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_BINARY", 0), 0o666)
        except OSError as exc:
            self.temporary = None
            raise _failed(self.target, exc) from exc
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            with contextlib.suppress(OSError):  # keep the mode of the file it replaces
                os.chmod(self.temporary, stat.S_IMODE(self.target.stat().st_mode))
        except OSError as exc:
            self.discard()
            raise _failed(self.target, exc) from exc

    def commit(self) -> Path:
        """Put the file in place of the target (atomically); returns the target."""
        if self.temporary is None:
            raise ExportWriteError(f"{self.target.name} was already written or discarded.")
        try:
            os.replace(self.temporary, self.target)
        except OSError as exc:
            self.discard()
            raise _failed(self.target, exc) from exc
        self.temporary = None
        _sync_folder(self.target.parent)
        return self.target

    def discard(self) -> None:
        """Remove the temporary file; the target is untouched."""
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                self.temporary.unlink()
            self.temporary = None


def write_atomically(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `target` all or nothing."""
    return PendingFile(target, data).commit()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder this way)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
