"""Writing an export so that a failure never destroys the previous file: the plan's one
atomic writer (app/atomic_write.py), with the export's own wording for failures.

A full disk, a cancel or a crash leaves the previous file as it was and no temporary or
zero-byte file behind. Writing and renaming are separate steps (`PendingFile`) so the slow
part can run on a worker thread and the rename can wait until the store has recorded what
the file is (an issued report).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from app import atomic_write
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
        mode = None
        with contextlib.suppress(OSError):  # keep the mode of the file it replaces
            mode = stat.S_IMODE(self.target.stat().st_mode)
        try:
            self._file = atomic_write.PendingFile(
                self.target, lambda tmp: atomic_write.write_bytes(tmp, data), mode=mode)
        except OSError as exc:
            raise _failed(self.target, exc) from exc

    @property
    def temporary(self) -> Path | None:
        return self._file.temporary

    def commit(self) -> Path:
        """Put the file in place of the target (atomically); returns the target."""
        try:
            return self._file.commit()
        except OSError as exc:
            raise _failed(self.target, exc) from exc

    def discard(self) -> None:
        """Remove the temporary file; the target is untouched."""
        self._file.discard()


def write_atomically(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `target` all or nothing."""
    return PendingFile(target, data).commit()
