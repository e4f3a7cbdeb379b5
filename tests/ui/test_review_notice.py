"""Figures stored from text that no longer reads are listed when a plan opens: a notice in
the status bar (no modal), a list on demand that goes to the indicator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget

from app.cli import PlanFiles
from app.periods import Period


def _open(qtbot, path):
    from ui.application import create_window, make_app

    make_app()
    w = create_window(PlanFiles(), path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_stale_figures_are_listed_without_a_modal_when_the_plan_opens(qtbot, demo_ids):
    path, ids = demo_ids
    services = PlanFiles(author="Test Officer").open(path)
    sep = Period.month(2018, 9).key
    services.indicators.set_value(ids["3.14"], sep, 1, raw_text="1e3")  # the old reading
    services.close()
    w = _open(qtbot, path)
    notice = w.review_notice
    qtbot.waitUntil(notice.isVisible, timeout=3000)
    assert QApplication.activeModalWidget() is None
    assert notice.text() == "⚠ 1 figure to review"
    assert "'1e3' is stored as 1" in notice.toolTip()
    qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    listed = notice.list_dialog.findChild(QListWidget)
    assert notice.list_dialog.isVisible() and not notice.list_dialog.isModal()
    assert [listed.item(i).text() for i in range(listed.count())] == [
        "3.14 Sep-18: '1e3' is stored as 1; powers of ten are not read: write 1e3 out in full"
        " (e.g. 1000 for 1e3)."]
    listed.setCurrentRow(0)
    listed.setFocus()
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert w.current_item() is not None and w.current_item().id == ids["3.14"]
    # typing the figure again clears the notice
    w.services.indicators.enter_text(ids["3.14"], sep, "1000")
    w.changes.figures.emit(ids["3.14"])
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=3000)
    assert listed.count() == 0
    w.close()


def test_no_notice_for_a_plan_whose_figures_all_read(qtbot, demo_path):
    w = _open(qtbot, demo_path)
    qtbot.waitUntil(lambda: w.review_notice.services is not None, timeout=3000)
    assert not w.review_notice.isVisible() and w.review_notice.items == []
    w.close()
