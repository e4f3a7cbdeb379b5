"""Where the user's files live, and where the bundled sample is.

The user's folders come from platformdirs, so each system gets its own convention:
`$XDG_DATA_HOME/boardpack` or `~/.local/share/boardpack` on Linux (where earlier versions kept
them, so existing users' files are found), `%LOCALAPPDATA%\\boardpack` on Windows and
`~/Library/Application Support/boardpack` on macOS. platformdirs reads the environment on each
call, so tests that point XDG_DATA_HOME elsewhere are followed.
"""

from __future__ import annotations

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


def resource(*parts: str) -> Path:
    """A file of the `resources` package (the sample, fonts, icons, the tracker template):
    plain files beside its __init__ in a checkout, an install and the bundle alike. Found
    from the package's own path, without importlib.resources (a start-up cost)."""
    import resources

    return Path(resources.__file__).resolve().parent.joinpath(*parts)


def bundled_sample() -> Path:
    return resource("sample", f"sample{EXTENSION}")


def documents_dir() -> Path:
    """The user's Documents folder, made if missing: where Open, Save and Export start
    (platformdirs knows each system's, a redirected Windows Documents and XDG_DOCUMENTS_DIR
    too)."""
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
