"""Where the user's files live, and where the bundled sample is."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "boardpack"
EXTENSION = ".boardpack"


def user_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def user_sample_path() -> Path:
    return user_data_dir() / f"Sample plan{EXTENSION}"


def bundled_sample() -> Path:
    return Path(str(resources.files("resources") / "sample" / f"sample{EXTENSION}"))
