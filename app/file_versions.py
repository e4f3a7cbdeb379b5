"""Plan-file versions and the releases that wrote them: what updating an older file means
for colleagues still on the release that made it (they can no longer open it: every
Boardpack refuses a file newer than itself)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The last release to write each file version (schema); a version written only by
#: development builds has no entry.
RELEASE_WRITING = {2: "0.1"}


def release_writing(version: int) -> str:
    release = RELEASE_WRITING.get(version)
    return f"Boardpack {release}" if release else "an older Boardpack"


@dataclass(frozen=True)
class UpdateNotice:
    """An older plan file about to be updated, with the backup already taken of it."""

    path: Path
    from_version: int
    to_version: int
    backup: Path

    def consequence(self) -> str:
        older = release_writing(self.from_version)
        return (f"{self.path.name} was saved by {older} (file version {self.from_version}). "
                f"Updating it for this version (file version {self.to_version}) means that "
                f"colleagues still using {older} will no longer be able to open it.")

    def kept(self) -> str:
        return f"A copy of the file as it is now has been kept:\n{self.backup}"

    def question(self) -> str:
        return f"{self.consequence()}\n\n{self.kept()}\n\nUpdate {self.path.name} now?"
