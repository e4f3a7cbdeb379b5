"""Help ▸ User guide and Help ▸ Open the log folder: both hand a local file to the system
(QDesktopServices.openUrl), which opens it in the user's own viewer or file manager."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app import logs, paths


def open_user_guide() -> bool:
    return open_local(paths.user_guide())


def open_log_folder() -> bool:
    folder = logs.log_file().parent
    folder.mkdir(parents=True, exist_ok=True)  # before the first line is written, it may not be
    return open_local(folder)


def open_local(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
