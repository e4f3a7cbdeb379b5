"""Keys do what the screen says: Tab from the tree walks through the officer's work in
order, Down in the filter box goes to the tree, and Undo in the commentary box is the
window's undo for that item (the box keeps no undo of its own to fight it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_support import click_row

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_tab_from_the_tree_reaches_figures_breakdown_rating_reason_commentary_copy_forward(
        qtbot, window):
    click_row(qtbot, window, "3.14")
    period = window.indicator_panel.model.rows[0].key
    window.services.indicators.set_value(window.ids["3.14"], period, 12, breakdown="Boys")
    window.changes.figures.emit(window.ids["3.14"])  # as an import would announce it
    click_row(qtbot, window, "2.4")
    click_row(qtbot, window, "3.14")  # shown again, now with a breakdown to choose
    panel, rag = window.indicator_panel, window.rag_panel
    assert panel.breakdown.isVisible() and rag.copy_forward.isEnabled()
    assert window.tree.hasFocus()
    reached = [window.tree]
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not reached[-1]:
            reached.append(QApplication.focusWidget())
        if reached[-1] is rag.copy_forward:
            break
    assert reached == [window.tree, panel.grid, panel.breakdown, rag.recorded, rag.reason,
                       rag.commentary, rag.copy_forward]
    qtbot.keyClick(rag.copy_forward, Qt.Key.Key_Tab)  # on to the earlier assessments,
    assert QApplication.focusWidget() is rag.history  # not back up to the filter's buttons
    qtbot.keyClick(rag.history, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.export_button


def test_tab_passes_over_a_hidden_breakdown(qtbot, window):
    click_row(qtbot, window, "3.14")
    assert not window.indicator_panel.breakdown.isVisible()
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    grid = window.indicator_panel.grid
    assert grid.hasFocus()
    for _ in range(grid.figures().columnCount()):
        if not grid.hasFocus():
            break
        qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.rag_panel.recorded


def test_down_in_the_filter_box_goes_to_the_first_match_in_the_tree(qtbot, window):
    click_row(qtbot, window, "2.4")
    qtbot.keyClick(window.tree, Qt.Key.Key_F, CTRL)
    box = window.filter_bar.text
    assert box.hasFocus()
    qtbot.keyClicks(box, "3.14")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert window.tree.hasFocus()
    first = window.tree.currentIndex()
    # the indicator itself, not the plan or items shown above it for context
    assert window.current_item().id == window.ids["3.14"]
    assert window.tree.selectionModel().isRowSelected(first.row(), first.parent())
    assert box.text() == "3.14"  # the filter stays as typed
    qtbot.keyClick(window.tree, Qt.Key.Key_Up)  # and the tree's own keys work on
    assert window.tree.currentIndex() != first


def _stored(window) -> str:
    a = window.services.assessments.assessment(window.ids["meeting"], window.ids["3.14"])
    return a.commentary if a else ""


def _type_in_commentary(qtbot, window, text: str) -> None:
    box = window.rag_panel.commentary
    qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(box, text)


def test_undo_in_the_commentary_is_the_windows_undo_and_redo_brings_it_back(qtbot, window):
    click_row(qtbot, window, "3.14")
    rag = window.rag_panel
    rag.save_timer.set_pause(50)
    before = _stored(window)
    assert before
    _type_in_commentary(qtbot, window, " Two more foster carers recruited.")
    after = before + " Two more foster carers recruited."
    qtbot.waitUntil(lambda: _stored(window) == after)  # autosaved as one step
    box = rag.commentary
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert _stored(window) == before
    assert box.toPlainText() == before
    assert box.hasFocus()
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _stored(window) == after and box.toPlainText() == after
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert _stored(window) == before
    qtbot.keyClick(box, Qt.Key.Key_Y, CTRL)
    assert _stored(window) == after and box.toPlainText() == after
    assert window.current_item().kind == "indicator"  # nothing else was undone


def test_undo_straight_after_typing_saves_then_takes_back_the_typing(qtbot, window):
    click_row(qtbot, window, "3.14")
    rag = window.rag_panel
    rag.save_timer.set_pause(60_000)  # no pause long enough: the typing is still pending
    before = _stored(window)
    depth = window.undo_stack.count()
    _type_in_commentary(qtbot, window, " Typed.")
    assert rag.save_timer.pending and _stored(window) == before
    qtbot.keyClick(rag.commentary, Qt.Key.Key_Z, CTRL)
    assert _stored(window) == before and rag.commentary.toPlainText() == before
    assert window.undo_stack.count() == depth + 1 and window.undo_stack.canRedo()
    qtbot.keyClick(rag.commentary, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _stored(window) == before + " Typed."
