"""The main window, used as a user would: clicks and keys on the real widgets."""

from __future__ import annotations

from demo_plan import COMMENTARY_314
from dialog_support import with_dialog
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from window_support import click_row

from app.cli import PlanFiles
from app.domain import RAG
from ui.tree_model import Column, Role


def visible_rows(w) -> list[tuple[str, str]]:
    out, stack = [], [QModelIndex()]
    while stack:
        parent = stack.pop()
        for r in range(w.proxy.rowCount(parent)):
            idx = w.proxy.index(r, 0, parent)
            out.append((idx.data(Role.KIND), idx.data()))
            stack.append(idx)
    return out


def test_title_and_tree(window):
    assert window.windowTitle().startswith("ids.boardpack")
    assert window.meeting_combo.currentText() == "21 Mar 2019"
    top = window.proxy.index(0, 0)
    assert top.data() == "CYPP 2018-23"
    assert window.proxy.index(0, Column.RAG).data() == "2R 1A 1G 1–"


def test_select_314_shows_board_rating_and_why(qtbot, window):
    click_row(qtbot, window, "3.14")
    panel = window.rag_panel
    assert panel.auto_badge.text() == "R"
    assert panel.auto_text.text().startswith("Red: 794")
    assert "at most 672" in panel.auto_text.text()
    assert panel.shown_rag().value == "R"
    assert panel.commentary.toPlainText() == COMMENTARY_314
    idx = window.tree.currentIndex().siblingAtColumn(Column.RAG)
    assert idx.data() == "R"
    grid = window.indicator_panel.model
    shown = {grid.data(grid.index(r, 1)) for r in range(grid.rowCount())}
    assert "794" in shown and "764" in shown
    assert window.detail.currentWidget() is window.detail.indicator_page
    # the earlier assessment, and copy forward from it
    assert panel.history_model.rowCount() == 1
    assert panel.copy_forward.isEnabled()


def test_board_override_is_kept_pending_until_its_reason_autosaves(qtbot, window):
    click_row(qtbot, window, "3.14")
    panel = window.rag_panel
    panel.reason_timer.set_pause(50)
    depth = window.undo_stack.count()
    ids = window.ids

    def assessment():
        return window.services.assessments.assessment(ids["meeting"], ids["3.14"])

    panel.recorded.setCurrentIndex(panel.recorded.findData("G"))
    # kept at once, flagged: never discarded when the user moves on
    assert assessment().recorded_rag is RAG.GREEN and assessment().reason_pending
    assert panel.reason_error.isVisibleTo(panel)
    assert "Reason needed" in panel.reason_error.text()
    assert window.undo_stack.count() == depth + 1
    assert panel.reason.hasFocus()
    click_row(qtbot, window, "3.5")
    click_row(qtbot, window, "3.14")
    assert panel.recorded.currentData() == "G" and "Reason needed" in panel.reason_error.text()
    panel.reason.setFocus()
    QTest.keyClicks(panel.reason, "New placements count from April")
    # the reason saves as you type, without leaving the field
    qtbot.waitUntil(lambda: assessment().override_reason == "New placements count from April")
    assert not panel.reason_error.isVisibleTo(panel)
    assert window.undo_stack.count() == depth + 2
    rag_cell = window.tree.currentIndex().siblingAtColumn(Column.RAG)
    assert rag_cell.data() == "G (automatic R)"
    assert "New placements count from April" in rag_cell.data(Qt.ItemDataRole.ToolTipRole)
    window.acts["undo"].trigger()
    assert assessment().reason_pending
    window.acts["undo"].trigger()
    assert assessment().recorded_rag is RAG.RED and not assessment().is_override


def test_red_without_commentary_warns(qtbot, window):
    click_row(qtbot, window, "3.14")
    panel = window.rag_panel
    assert not panel.warning.isVisibleTo(panel)
    panel.commentary.setFocus()
    panel.commentary.selectAll()
    QTest.keyClick(panel.commentary, Qt.Key.Key_Delete)
    assert panel.warning.isVisibleTo(panel)
    assert "Red needs commentary" in panel.warning.text()


def test_commentary_typing_is_one_undo_step(qtbot, window):
    click_row(qtbot, window, "2.4")
    panel = window.rag_panel
    panel.save_timer.set_pause(50)
    depth = window.undo_stack.count()

    def commentary() -> str | None:
        a = window.services.assessments.assessment(window.ids["meeting"], window.ids["2.4"])
        return a.commentary if a else None

    panel.commentary.setFocus()
    QTest.keyClicks(panel.commentary, "Good progress")
    qtbot.waitUntil(lambda: commentary() == "Good progress")  # a pause: saved
    QTest.keyClicks(panel.commentary, " this year.")
    qtbot.waitUntil(lambda: commentary() == "Good progress this year.")
    window.tree.setFocus()  # leaving the field ends the edit
    assert window.undo_stack.count() == depth + 1
    assert window.acts["undo"].text() == "Undo Edit commentary of '2.4 Children achieving a " \
                                         "good level of development'"
    a = window.services.assessments.assessment(window.ids["meeting"], window.ids["2.4"])
    assert a.commentary == "Good progress this year."
    window.acts["undo"].trigger()
    assert window.services.assessments.assessment(window.ids["meeting"],
                                                  window.ids["2.4"]) is None
    assert panel.commentary.toPlainText() == ""
    window.acts["redo"].trigger()
    assert panel.commentary.toPlainText() == "Good progress this year."


def test_copy_forward_asks_before_replacing_text(qtbot, window):
    click_row(qtbot, window, "3.14")
    panel = window.rag_panel
    answers = [False, True]
    asked = []
    panel.confirm = lambda title, text: asked.append(text) or answers.pop(0)
    qtbot.mouseClick(panel.copy_forward, Qt.MouseButton.LeftButton)
    assert panel.commentary.toPlainText() == COMMENTARY_314  # "No" keeps the text
    qtbot.mouseClick(panel.copy_forward, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and "Replace this meeting's commentary" in asked[0]
    assert panel.commentary.toPlainText() == "Placement sufficiency strategy agreed."
    window.acts["undo"].trigger()
    assert panel.commentary.toPlainText() == COMMENTARY_314


def test_move_by_keyboard_undo_redo(qtbot, window):
    click_row(qtbot, window, "9")
    s, ids = window.services, window.ids
    assert s.plans.node(ids["o9"]).position == 0
    QTest.keyClick(window.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert s.plans.node(ids["o9"]).position == 1
    assert window.current_item().id == ids["o9"]
    assert window.acts["undo"].text() == "Undo Move '9'"
    QTest.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert s.plans.node(ids["o9"]).position == 0
    QTest.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert s.plans.node(ids["o9"]).position == 1
    # indent under the item above, then out again
    QTest.keyClick(window.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert s.plans.node(ids["o9"]).parent_id == ids["o10"]
    QTest.keyClick(window.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert s.plans.node(ids["o9"]).parent_id == ids["safe"]


def test_move_by_drag_and_drop_request(qtbot, window):
    """The model turns a drop into a move command (the drag itself is Qt's)."""
    m = window.model
    src = m.index_for_key(f"node:{window.ids['o9']}")
    data = m.mimeData([src])
    target = m.index_for_key(f"node:{window.ids['healthy']}")
    assert m.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target)
    assert not m.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, src)
    m.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target)
    node = window.services.plans.node(window.ids["o9"])
    assert node.parent_id == window.ids["healthy"] and node.position == 0
    window.acts["undo"].trigger()
    assert window.services.plans.node(window.ids["o9"]).parent_id == window.ids["safe"]


def test_filter_to_red_shows_exactly_the_red_items(qtbot, window):
    qtbot.mouseClick(window.filter_bar.rag_buttons[next(iter(
        r for r in window.filter_bar.rag_buttons if r.value == "R"))], Qt.MouseButton.LeftButton)
    rows = visible_rows(window)
    indicators = sorted(title for kind, title in rows if kind == "indicator")
    assert indicators == ["3.14", "3.5"]
    assert ("node", "BHealthy") not in rows
    window.filter_bar.clear()
    assert len(visible_rows(window)) == 15


def test_text_and_lead_filters(qtbot, window):
    window.acts["find"].trigger()
    assert window.filter_bar.text.hasFocus()
    QTest.keyClicks(window.filter_bar.text, "short breaks")
    rows = visible_rows(window)
    assert sorted(t for k, t in rows if k == "indicator") == ["2.2", "2.2"]
    window.filter_bar.clear()
    bar = window.filter_bar
    bar.lead.setCurrentIndex(bar.lead.findData("Oxford Health"))
    assert sorted(t for k, t in visible_rows(window) if k == "indicator") == ["2.2", "2.4"]


def test_changed_since_last_meeting(qtbot, window):
    window.filter_bar.changed_only.setChecked(True)
    # everything in the demo was written "now", after the 2019 meeting
    assert any(k == "indicator" for k, _t in visible_rows(window))
    window.select_meeting(None)
    ids = window.changed_since_last_meeting()
    assert window.ids["3.14"] in ids


def test_unlink_keeps_the_indicator_delete_takes_it(qtbot, window):
    s, ids = window.services, window.ids
    click_row(qtbot, window, "2.2", parent_ref="5")
    QTest.keyClick(window.tree, Qt.Key.Key_Delete)
    title, text = window.confirmations[-1]
    assert "stays under 1 other item" in text and "with all its figures" in text
    assert len(s.indicators.links_of_indicator(ids["2.2"])) == 1
    assert len(s.indicators.values(ids["2.2"])) == 2
    assert [t for k, t in visible_rows(window) if k == "indicator"].count("2.2") == 1
    assert window.acts["undo"].text() == "Undo Unlink '2.2'"
    window.acts["undo"].trigger()
    assert len(s.indicators.links_of_indicator(ids["2.2"])) == 2
    assert [t for k, t in visible_rows(window) if k == "indicator"].count("2.2") == 2

    click_row(qtbot, window, "2.2", parent_ref="6")
    QTest.keyClick(window.tree, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    title, text = window.confirmations[-1]
    assert "everywhere it appears (2 place(s)" in text and "2 figure(s)" in text
    assert not [i for i in s.indicators.indicators() if i.id == ids["2.2"]]
    assert [t for k, t in visible_rows(window) if k == "indicator"].count("2.2") == 0
    window.acts["undo"].trigger()
    assert len(s.indicators.values(ids["2.2"])) == 2
    assert [t for k, t in visible_rows(window) if k == "indicator"].count("2.2") == 2


def test_delete_item_and_undo(qtbot, window):
    s, ids = window.services, window.ids
    click_row(qtbot, window, "BSafe-F18")
    window.acts["delete"].trigger()
    assert "1 item(s) below it" in window.confirmations[-1][1]
    assert not [n for n in s.plans.nodes(ids["plan"]) if n.id == ids["focus"]]
    window.acts["undo"].trigger()
    assert s.plans.node(ids["d1"]).parent_id == ids["focus"]


def test_add_child_rename_and_link(qtbot, window):
    s, ids = window.services, window.ids
    click_row(qtbot, window, "BHealthy")
    window.acts["add_child"].trigger()
    item = window.current_item()
    node = s.plans.node(item.id)
    assert node.kind.value == "outcome" and node.parent_id == ids["healthy"]
    qtbot.waitUntil(lambda: window.tree.state() == window.tree.State.EditingState)
    focus = window.tree.viewport().findChildren(QLineEdit)[0]  # the in-place editor
    focus.selectAll()
    QTest.keyClicks(focus, "Have a healthy weight")
    QTest.keyClick(focus, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: s.plans.node(item.id).title == "Have a healthy weight")
    assert window.acts["undo"].text() == "Undo Rename 'New outcome'"
    window.tree_actions.pick_indicator = lambda choices, under: ids["3.14"]
    window.acts["link"].trigger()
    assert {lk.node_id for lk in s.indicators.links_of_indicator(ids["3.14"])} == {
        ids["o10"], item.id}
    assert window.current_item().kind == "indicator"


def test_edit_a_field_in_the_detail_panel(qtbot, window):
    s, ids = window.services, window.ids
    click_row(qtbot, window, "10")
    lead = window.detail.node_form.widgets["lead_organisation"]
    assert "Children's Social Care" in lead.placeholderText()  # inherited, shown as such
    lead.setFocus()
    QTest.keyClicks(lead, "Virtual School")
    QTest.keyClick(lead, Qt.Key.Key_Tab)
    assert s.plans.node(ids["o10"]).lead_organisation == "Virtual School"
    assert window.tree.currentIndex().siblingAtColumn(Column.LEAD).data() == "Virtual School"
    window.acts["undo"].trigger()
    assert s.plans.node(ids["o10"]).lead_organisation == ""


def test_history_shows_who_changed_what(qtbot, window):
    window.history_dock.show()
    click_row(qtbot, window, "3.14")
    qtbot.waitUntil(lambda: any("Test Officer" == r[1] and "assessment" in r[3]
                                for r in window.history.model.rows))
    assert any("figure added" == r[3] and r[5] == "Dec-18: 794"
               for r in window.history.model.rows)


def test_meeting_selector_changes_the_ratings(qtbot, window):
    click_row(qtbot, window, "3.14")
    window.select_meeting(None)
    window.ratings.ensure_all()
    assert window.meeting_combo.currentText() == "Latest figures"
    assert not window.rag_panel.commentary.isEnabled()
    assert window.tree.currentIndex().siblingAtColumn(Column.RAG).data() == "R"


def test_bad_file_keeps_the_current_plan(window, tmp_path):
    bad = tmp_path / "notes.boardpack"
    bad.write_text("not a plan")
    before = window.path
    assert not window.file_actions.open_path(bad)
    assert window.path == before and window.services is not None
    assert "not a Boardpack plan file" in window.warnings[-1][1]


def test_file_open_elsewhere_opens_read_only(window, demo_path):
    other = PlanFiles().open(demo_path)  # holds the lock, like another window
    try:
        assert window.file_actions.open_path(demo_path)
        assert window.confirmations and "read-only" in window.confirmations[-1][1]
        assert window.services.read_only
        assert "read-only" in window.windowTitle()
        assert window.banner.isVisibleTo(window)
        assert not window.acts["delete"].isEnabled()
    finally:
        other.close()


def test_new_save_copy_and_restore(window, tmp_path):
    assert window.file_actions.new_file(tmp_path / "fresh", title="CYPP 2024-29")
    assert window.path.name == "fresh.boardpack"
    assert window.proxy.index(0, 0).data() == "CYPP 2024-29"
    copy = tmp_path / "copy.boardpack"
    assert window.file_actions.save_copy(copy)
    assert copy.exists()
    window.files.author = "x"
    backups = window.files.backups(window.path)
    if backups:
        assert window.file_actions.restore_backup(backups[0][0])
        assert window.services is not None
    window.file_actions.close()
    assert window.services is None and window.windowTitle() == "Boardpack"


def test_new_indicator_and_new_meeting_each_undone(qtbot, window):
    from datetime import date as day

    from app.domain import Unit

    s, ids = window.services, window.ids
    click_row(qtbot, window, "10")
    window.tree_actions.ask_new_indicator = lambda under: (
        "Children placed more than 20 miles away", {"unit": Unit.COUNT, "polarity": "lower",
                                                   "period_type": "fq", "code": "", "ref": "3.15",
                                                   "rate_base": None})
    window.acts["new_indicator"].trigger()
    item = window.current_item()
    assert item.kind == "indicator" and window.model.indicators[item.id].ref == "3.15"
    assert [lk.node_id for lk in s.indicators.links_of_indicator(item.id)] == [ids["o10"]]
    assert window.undo_stack.undoText() == "Add indicator 'Children placed more than 20 miles away'"
    window.acts["undo"].trigger()
    assert not [i for i in s.indicators.indicators() if i.ref == "3.15"]
    window.acts["redo"].trigger()
    assert [i.id for i in s.indicators.indicators() if i.ref == "3.15"] == [item.id]

    def june(dialog) -> None:
        dialog.held_on.edit.selectAll()
        qtbot.keyClicks(dialog.held_on.edit, "20/06/2019")
        qtbot.keyClick(dialog.held_on.edit, Qt.Key.Key_Return)

    with_dialog(qtbot, window.acts["new_meeting"].trigger, june)
    assert window.meeting is not None and window.meeting.held_on == day(2019, 6, 20)
    window.acts["undo"].trigger()
    assert day(2019, 6, 20) not in [m.held_on for m in s.assessments.meetings()]
    assert window.meeting is None or window.meeting.held_on != day(2019, 6, 20)


def test_new_plan_in_this_file_and_undo(qtbot, window):
    s = window.services
    window.tree_actions.ask_plan_title = lambda: "CYPP 2024-2027"
    window.acts["new_plan"].trigger()
    item = window.current_item()
    assert item.kind == "plan" and window.model.plans[item.id].title == "CYPP 2024-2027"
    window.acts["undo"].trigger()
    assert "CYPP 2024-2027" not in [p.title for p in s.plans.plans()]
    window.acts["redo"].trigger()
    assert "CYPP 2024-2027" in [p.title for p in s.plans.plans()]
