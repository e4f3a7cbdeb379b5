"""First start and files: a new user lands on the current plan at its latest rated meeting
with a welcome that asks their name once; file dialogs start in Documents or beside the
plan and say where a file went; the chart says when the meeting comes before the figures;
the trend arrows explain themselves."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from dialog_support import with_dialog
from grid_support import type_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QPushButton
from window_support import click_row

from app import rag
from app.cli import PlanFiles
from app.paths import user_sample_path
from ui.tree_model import Column


@pytest.fixture
def first_start(qtbot):
    """The window as a new user first sees it: no file named, fresh user folders."""
    from ui.application import create_window, make_app

    make_app()
    w = create_window(PlanFiles())
    qtbot.addWidget(w)
    w.warnings = []
    w.file_actions.warn = lambda title, text: w.warnings.append((title, text))
    w.file_actions.confirm = lambda title, text: w.warnings.append((title, text)) or False
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_new_user_lands_on_the_current_plan_at_its_latest_rated_meeting(first_start):
    w = first_start
    assert w.path == user_sample_path().absolute()
    # the 2018-23 plan's June 2021 meeting has no ratings; March 2019 has the board's
    assert w.meeting is not None and w.meeting.held_on == date(2019, 3, 21)
    assert w.meeting_combo.currentText().startswith("21 Mar 2019")
    item = w.current_item()
    assert item.kind == "plan" and item.plan_id == w.meeting.plan_id
    assert "2018" in w.model.plans[item.plan_id].title


def test_the_welcome_is_shown_once_asks_the_name_and_the_change_log_records_it(
        qtbot, first_start, monkeypatch):
    from ui.welcome import welcome_first_time

    w = first_start
    monkeypatch.delenv("BOARDPACK_AUTHOR", raising=False)
    dialog = welcome_first_time(w)
    assert dialog is not None and dialog.isVisible()
    words = _texts(dialog)
    assert "sample plan" in words and "Where to start" in words
    qtbot.keyClicks(dialog.name, "Priya Shah")
    _click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert not dialog.isVisible()
    assert w.prefs.user_name == "Priya Shah" and w.prefs.welcomed
    assert w.services.author == "Priya Shah"
    # an edit made now is logged under the name given: a figure typed in the grid
    assert w.select_ref("3.14") and w.current_item().kind == "indicator"
    panel = w.indicator_panel
    type_in(qtbot, panel, panel.grid.currentIndex(), "777")
    logged = w.services.store.changes(limit=1)
    assert logged and logged[0].author == "Priya Shah"
    # shown once: the next start does not ask again
    from ui.preferences import Preferences

    assert Preferences.load().welcomed and welcome_first_time(w) is None
    # Help ▸ Welcome shows it again, with the name filled in
    w.acts["welcome"].trigger()
    again = w.welcome
    assert again.isVisible() and again.name.text() == "Priya Shah"
    again.close()


def _texts(dialog) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(lb.text() for lb in dialog.findChildren(QLabel))


def test_the_name_is_editable_later_in_preferences(qtbot, window):
    def rename(dialog) -> None:
        name = dialog.findChild(QLineEdit)
        name.selectAll()
        qtbot.keyClicks(name, "Sam Okafor")
        _click(qtbot, dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok))

    with_dialog(qtbot, window.acts["preferences"].trigger, rename)
    assert window.prefs.user_name == "Sam Okafor" and window.services.author == "Sam Okafor"


def test_file_dialogs_start_in_documents_for_the_sample_and_beside_another_plan(
        qtbot, first_start, user_folders, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    w = first_start
    documents = user_folders["XDG_DOCUMENTS_DIR"]
    shutil.rmtree(documents)  # a new laptop may have none: it is made
    asked: list[str] = []
    copy = tmp_path / "elsewhere" / "My copy.boardpack"
    copy.parent.mkdir()

    def save_dialog(parent, caption, start, *filters):
        asked.append(start)
        return str(copy), filters[0] if filters else ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert asked == [str(documents)] and documents.is_dir()
    assert "data" not in Path(asked[0]).parts[-1]  # never the hidden data folder
    assert copy.exists()
    box = w.saved_message
    assert box.isVisible() and str(copy) in box.text()
    folder = next(b for b in box.findChildren(QPushButton) if b.text() == "Open &folder")
    _click(qtbot, folder)
    assert [u.toLocalFile() for u in opened] == [str(copy.parent)]
    # with that copy open, the next dialog starts beside it
    assert w.file_actions.open_path(copy)
    asked.clear()
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert asked == [str(copy.parent)]


def test_a_figure_typed_for_a_period_after_the_meeting_says_why_it_is_not_charted(
        qtbot, sample_window):
    from grid_support import cell, type_in

    window = sample_window
    window.select_meeting(date(2019, 3, 21))
    assert window.select_ref("3.14")
    panel = window.indicator_panel
    assert not panel.later_bar.isVisible()
    type_in(qtbot, panel, cell(panel, "Q4 2018/19"), "801")  # Q4 ends after 21 March
    assert 801 in [v.value for v in window.services.indicators.values(
        window.current_item().id)]
    qtbot.waitUntil(panel.later_bar.isVisible)
    assert panel.later_notice.text().startswith("Q4 2018/19 ends after this meeting")
    assert "not on the chart or in the rating" in panel.later_notice.text()
    assert "801" not in " ".join(p.text for p in panel.spec.actuals)
    _click(qtbot, panel.show_latest_button)
    assert "801" in " ".join(p.text for p in panel.spec.actuals)


def test_a_meeting_before_the_figures_says_so_and_offers_the_latest(qtbot, window):
    s, ids = window.services, window.ids
    early = s.assessments.add_meeting(window.model.plans[ids["plan"]].id, date(2018, 6, 14),
                                      "Children's Trust Board")
    window.changes.meetings.emit(early.id)
    assert window.meeting.id == early.id
    click_row(qtbot, window, "3.14")
    panel = window.indicator_panel
    assert panel.later_bar.isVisible()
    assert "comes before the indicator's figures" in panel.later_notice.text()
    assert "the first is for Sep-18" in panel.later_notice.text()
    assert panel.chart.empty_text.textItem.toPlainText().startswith("No figures by the meeting")
    assert any(r.value is not None for r in panel.model.rows)  # the grid has them
    _click(qtbot, panel.show_latest_button)
    assert window.meeting is None and window.meeting_combo.currentText() == "Latest figures"
    assert not panel.later_bar.isVisible() and not panel.spec.empty


def test_the_trend_arrows_have_a_legend(qtbot, window):
    header = window.model.headerData(Column.TREND, Qt.Orientation.Horizontal,
                                     Qt.ItemDataRole.ToolTipRole)
    assert "▲ improving" in header and "lower is better" in header
    click_row(qtbot, window, "3.14")
    src = window.model.index_of(window.current_item(), Column.TREND)
    tip = window.model.data(src, Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[0] in ("Improving", "Worsening", "Same", "Unknown")
    assert rag.TREND_LEGEND in tip
    # beside the chart too, with the same legend
    trend = window.indicator_panel.trend
    arrow = rag.direction_arrow(window.ratings.get(window.current_item().id).direction)
    assert trend.isVisible() and trend.text().startswith(arrow)
    assert rag.TREND_LEGEND in trend.toolTip()


def test_an_exported_chart_is_confirmed_with_open_folder(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    target = tmp_path / "chart.png"

    def save_dialog(parent, caption, start, *filters):
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    click_row(qtbot, window, "3.14")
    window.indicator_panel._export("png")
    assert Path(asked[0]).parent == window.path.parent  # beside the plan
    assert target.exists()
    box = window.indicator_panel.saved_message
    assert isinstance(box, QMessageBox) and box.isVisible()
    _click(qtbot, next(b for b in box.findChildren(QPushButton) if b.text() == "Open &folder"))
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]
