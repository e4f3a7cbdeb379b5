"""Help ▸ User guide opens the bundled guide; Help ▸ Open the log folder opens the folder the
log is written to (the system's viewer and file manager are patched out)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app import logs, paths


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
    assert texts == ["&User guide", "Open the &log folder", "&Welcome", "&About Boardpack"]


PARTS = ("The officer's quarter", "The chair's evening before", "The secretary's report")


def test_the_bundled_guide_has_its_three_parts_and_pictures():
    guide = paths.user_guide()
    assert guide.name == "guide.md" and guide.parent.name == "docs"
    text = guide.read_text(encoding="utf-8")
    for part in PARTS:
        assert f"\n## {part}\n" in text
    images = [line.split("](", 1)[1].rstrip(")") for line in text.splitlines()
              if line.startswith("![")]
    assert len(images) >= 5
    for image in images:
        assert (guide.parent / image).is_file(), image


def test_user_guide_opens_the_guide_as_a_web_page(window, opened):
    window.acts["user_guide"].trigger()
    assert len(opened) == 1 and opened[0].isLocalFile()
    page = Path(opened[0].toLocalFile())
    assert page.suffix == ".html" and page.is_relative_to(paths.user_data_dir())
    html = page.read_text(encoding="utf-8")
    for part in PARTS:
        assert re.search(rf"<h2[^>]*>.*{re.escape(part)}.*</h2>", html.replace("&#x27;", "'"))
    # its pictures are read from beside the bundled guide
    [base] = re.findall(r'<base href="([^"]+)">', html)
    folder = Path(QUrl(base).toLocalFile())
    assert folder == paths.user_guide().parent
    images = re.findall(r'<img src="([^"]+)"', html)
    assert "guide/officer-quarter.png" in images
    assert all((folder / image).is_file() for image in images)


def test_open_log_folder_opens_where_the_log_is_written(window, opened):
    window.acts["log_folder"].trigger()
    assert len(opened) == 1
    folder = Path(opened[0].toLocalFile())
    assert folder == logs.log_file().parent and folder.is_dir()
