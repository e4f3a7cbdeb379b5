"""Where the user's files live, and where the bundled sample is.

The user's folders come from platformdirs, so each system gets its own convention:
`$XDG_DATA_HOME/boardpack` or `~/.local/share/boardpack` on Linux (where earlier versions kept
them, so existing users' files are found), `%LOCALAPPDATA%\\boardpack` on Windows and
`~/Library/Application Support/boardpack` on macOS. platformdirs reads the environment on each
call, so tests that point XDG_DATA_HOME elsewhere are followed.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "boardpack"
EXTENSION = ".boardpack"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def user_log_dir() -> Path:
    """The log files, inside the data folder on every system (one folder to send IT)."""
    return user_data_dir() / "logs"


def user_sample_path() -> Path:
    return user_data_dir() / f"Sample plan{EXTENSION}"


def user_guide() -> Path:
    """docs/guide.md beside the packages: in a checkout, and in the bundle (its spec copies
    docs/guide.md and docs/guide/ there)."""
    return Path(__file__).resolve().parent.parent / "docs" / "guide.md"


def bundled_sample() -> Path:
    return Path(str(resources.files("resources") / "sample" / f"sample{EXTENSION}"))
