"""Help ▸ User guide opens the bundled guide; Help ▸ Open the log folder opens the folder the
log is written to (the system's viewer and file manager are patched out)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app import logs


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: urls.append(url) or True))
    return urls


def help_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")


def test_the_help_menu_lists_the_guide_the_log_folder_and_about(window):
    texts = [a.text() for a in help_menu(window).actions() if not a.isSeparator()]
    assert texts == ["&User guide", "Open the &log folder", "&About Boardpack"]


def test_user_guide_opens_the_bundled_guide(window, opened):
    window.acts["user_guide"].trigger()
    assert len(opened) == 1 and opened[0].isLocalFile()
    guide = Path(opened[0].toLocalFile())
    assert guide.name == "guide.md" and guide.parent.name == "docs"
    text = guide.read_text(encoding="utf-8")
    for part in ("The officer's quarter", "The chair's evening before",
                 "The secretary's report"):
        assert f"## {part}" in text
    for image in (line.split("](", 1)[1].rstrip(")") for line in text.splitlines()
                  if line.startswith("![")):
        assert (guide.parent / image).is_file(), image


def test_open_log_folder_opens_where_the_log_is_written(window, opened):
    window.acts["log_folder"].trigger()
    assert len(opened) == 1
    folder = Path(opened[0].toLocalFile())
    assert folder == logs.log_file().parent and folder.is_dir()
