"""Text typed in the item's fields is never lost: it saves as you type (after a pause),
and before anything that closes the file, reloads the tree or quits; one typing session in
one field is one undo step."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_support import click_row, stored_progress

from ui.detail_panel import SAVE_DELAY_MS


def type_progress(qtbot, window, text):
    click_row(qtbot, window, "10")
    box = window.detail.node_form.widgets["progress"]
    box.setFocus()
    QTest.keyClicks(box, text)
    return box



def test_saves_after_a_pause_and_is_one_undo_step(qtbot, window):
    s, ids = window.services, window.ids
    type_progress(qtbot, window, "Pathway ")
    qtbot.waitUntil(lambda: s.plans.node(ids["o10"]).progress == "Pathway ",
                    timeout=SAVE_DELAY_MS + 5000)  # the user pauses: it saves on its own
    QTest.keyClicks(window.detail.node_form.widgets["progress"], "launched")
    qtbot.waitUntil(lambda: s.plans.node(ids["o10"]).progress == "Pathway launched",
                    timeout=SAVE_DELAY_MS + 5000)
    window.tree.setFocus()
    assert window.undo_stack.undoText().startswith("Edit")
    window.acts["undo"].trigger()
    assert s.plans.node(ids["o10"]).progress == ""


def test_window_close_keeps_what_was_typed(qtbot, window):
    path, node = window.path, window.ids["o10"]
    type_progress(qtbot, window, "TYPED-BEFORE-CLOSE")
    window.close()
    assert stored_progress(path, node) == "TYPED-BEFORE-CLOSE"


def test_file_close_keeps_what_was_typed(qtbot, window):
    path, node = window.path, window.ids["o10"]
    type_progress(qtbot, window, "TYPED-BEFORE-FILE-CLOSE")
    window.acts["close"].trigger()
    assert stored_progress(path, node) == "TYPED-BEFORE-FILE-CLOSE"


def test_a_tree_command_keeps_what_was_typed(qtbot, window):
    s, ids = window.services, window.ids
    type_progress(qtbot, window, "TYPED-BEFORE-MOVE")
    window.acts["move_down"].trigger()
    assert s.plans.node(ids["o10"]).progress == "TYPED-BEFORE-MOVE"
    QTest.keyClick(window.tree, Qt.Key.Key_Home)
