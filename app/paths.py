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


def documents_dir() -> Path:
    """The user's Documents folder, made if missing: where Open, Save and Export start.
    platformdirs knows each system's (a redirected Windows Documents too) where it is
    installed; else the XDG setting, else ~/Documents."""
    try:
        import platformdirs
    except ImportError:
        named = os.environ.get("XDG_DOCUMENTS_DIR")
        found = Path(named).expanduser() if named else Path.home() / "Documents"
    else:
        found = Path(platformdirs.user_documents_dir())
    try:
        found.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return found


def start_folder(plan: Path | None) -> Path:
    """Where a file dialog starts: beside the open plan, unless the plan is in the app's
    own (hidden) data folder, as the user's copy of the sample is; else in Documents."""
    if plan is not None:
        folder = Path(plan).absolute().parent
        data = user_data_dir().absolute()
        if folder != data and data not in folder.parents:
            return folder
    return documents_dir()
