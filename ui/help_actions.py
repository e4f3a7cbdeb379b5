"""Help ▸ User guide and Help ▸ Open the log folder: both hand a local file to the system
(QDesktopServices.openUrl), which opens it in the user's own browser or file manager.

The guide is written in Markdown (docs/guide.md, bundled beside the packages); a system may
have nothing that opens .md files (Windows), so it is handed over as a web page, made from
the Markdown by Qt's own reader into the user's data folder, its pictures read from beside
the guide.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument

from app import logs, paths


def open_user_guide() -> bool:
    return open_local(guide_as_web_page())


def guide_as_web_page() -> Path:
    source = paths.user_guide()
    document = QTextDocument()
    document.setMarkdown(source.read_text(encoding="utf-8"))
    base = QUrl.fromLocalFile(str(source.parent) + "/").toString()
    html = document.toHtml().replace(
        "<head>", f'<head><base href="{base}"><title>Boardpack user guide</title>'
                  "<style>img { max-width: 100%; }</style>", 1)
    target = paths.user_data_dir() / "guide.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


def open_log_folder() -> bool:
    folder = logs.log_file().parent
    folder.mkdir(parents=True, exist_ok=True)  # before the first line is written, it may not be
    return open_local(folder)


def open_local(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
