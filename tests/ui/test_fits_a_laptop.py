"""The main window fits a laptop: with 3.14 selected and no window scrolling, the tree, five
rows of figures, the board's rating, the reason and three lines of commentary are on screen
at 1024×600, 1366×768, 1920×1080 and 1920×1080 at 150%, nothing is squeezed below its
minimum, and the window never grows past its screen."""

from __future__ import annotations

import pytest
from layout_support import run_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_support import click_row

from app import paths

needs_sample = pytest.mark.skipif(not paths.bundled_sample().exists(),
                                  reason="the bundled sample plan is not built yet")


@needs_sample
@pytest.mark.parametrize(("width", "height", "scale"), [
    (1024, 600, 1.0), (1366, 768, 1.0), (1920, 1080, 1.0), (1920, 1080, 1.5)])
def test_the_window_fits_the_screen(tmp_path, width, height, scale):
    found = run_at(width, height, scale, tmp_path / f"window-{width}x{height}.png")
    logical = (round(width / scale), round(height / scale))
    assert tuple(found["screen"]) == logical
    assert found["opened"][0] <= logical[0] and found["opened"][1] <= logical[1]
    assert found["selected"] == "indicator"
    assert found["problems"] == []
    assert found["grid_room"] >= 5
    elsewhere = found["elsewhere"]  # a long notice in the RAG note wraps, not widens
    assert "another plan" in elsewhere["status"]
    assert elsewhere["minimum"][0] <= logical[0] and elsewhere["squeezed"] == []
    # History opens without pushing the window past the screen or squeezing a pane
    assert found["window_with_history"][1] <= logical[1]
    assert found["problems_with_history"] == []


@needs_sample
def test_a_big_screen_gives_its_room_to_the_grid_and_the_commentary(tmp_path):
    small = run_at(1366, 768, 1.0, tmp_path / "small.png")
    big = run_at(1920, 1080, 1.0, tmp_path / "big.png")
    assert big["grid_room"] >= 2 * small["grid_room"] - 1
    assert big["commentary_lines"] >= 2 * small["commentary_lines"] - 1
    assert big["panes"][1] > small["panes"][1] and big["panes"][2] > small["panes"][2]


def test_a_refused_long_entry_does_not_widen_the_window(qtbot, window):
    click_row(qtbot, window, "3.14")
    grid = window.indicator_panel.grid
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    width = max(window.width(), window.minimumSizeHint().width())
    qtbot.keyClick(grid, Qt.Key.Key_1)  # opens the cell's editor
    # one unbroken word, refused and quoted in full beside the grid (the cell takes 2,000)
    qtbot.keyClicks(QApplication.focusWidget(), "q" * 1990)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.indicator_panel.error.isVisible())
    assert "q" * 1990 in window.indicator_panel.error.text()  # refused, and said so
    QApplication.processEvents()
    assert window.width() <= max(width, window.screen().availableGeometry().width())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # the entry given back


@needs_sample
def test_a_layout_saved_on_a_big_screen_is_clamped_to_a_small_one(tmp_path):
    home = tmp_path / "user"
    home.mkdir()
    big = run_at(2560, 1440, 1.0, tmp_path / "big.png", home, tall_history=True)
    assert big["history_at_open"]["tall"] > 900
    small = run_at(1366, 768, 1.0, tmp_path / "small.png", home)
    opened = small["history_at_open"]
    x, y, width, height = opened["frame"]
    assert opened["shown"]
    assert 0 <= x and 0 <= y and x + width <= 1366 and y + height <= 768
    assert opened["floating"] or opened["height"] <= 768 * 0.3 + 1
    assert small["problems"] == [] and small["problems_with_history"] == []
