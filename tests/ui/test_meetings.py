"""Meetings in the window as a user meets them: New meeting from its keys, every field
typed, the selector showing it, Edit and Delete meeting, each undone and redone; the
meeting's actions and decisions added, marked done, moved and deleted from the keyboard,
and an open action from March 2019 carried forward to the next meeting."""

from __future__ import annotations

from collections import Counter
from datetime import date

from dialog_support import press_ok, retype, with_dialog
from PySide6.QtCore import Qt
from window_support import mnemonics

from app.domain import ActionStatus

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _listed(window) -> list[str]:
    return [window.meeting_combo.itemText(i) for i in range(window.meeting_combo.count())]


def _keys(qtbot, window, key: Qt.Key, modifiers=CTRL) -> None:
    """A window-wide shortcut, as typed once the window is active again after a dialog."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.tree, key, modifiers)


def _undo(qtbot, window) -> None:
    _keys(qtbot, window, Qt.Key.Key_Z)


def _redo(qtbot, window) -> None:
    _keys(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)


def _new_june_meeting(qtbot, window, **extra) -> None:
    def use(dialog) -> None:
        assert dialog.windowTitle() == "New meeting"
        retype(qtbot, dialog.held_on.edit, "20/06/2019")
        assert dialog.held_on.understood.text() == "Thursday 20 June 2019"
        if extra:
            retype(qtbot, dialog.title, "Children's Trust Board (June)")
            dialog.focus.setFocus()
            qtbot.keyClick(dialog.focus, Qt.Key.Key_Down)  # the first priority
            qtbot.keyClicks(dialog.papers_due.edit, "6 June 2019")
            assert dialog.papers_due.understood.text() == "Thursday 6 June 2019"
            qtbot.keyClicks(dialog.discussed, "Placement sufficiency; the JSNA refresh.")
            qtbot.keyClicks(dialog.agenda_ref, "Item 5")
            qtbot.keyClick(dialog.agenda_ref, Qt.Key.Key_Return)
        else:
            press_ok(qtbot, dialog)

    with_dialog(qtbot, lambda: _keys(qtbot, window, Qt.Key.Key_M, CTRL | SHIFT), use)


def test_new_meeting_with_every_field_typed_then_undo_and_redo(qtbot, window):
    s = window.services
    before = _listed(window)
    _new_june_meeting(qtbot, window, all_fields=True)
    june = s.assessments.meeting_on(date(2019, 6, 20))
    assert june is not None
    assert (june.title, june.papers_due, june.agenda_ref, june.discussed) == (
        "Children's Trust Board (June)", date(2019, 6, 6), "Item 5",
        "Placement sufficiency; the JSNA refresh.")
    assert june.focus_node_id == window.ids["safe"]
    assert window.meeting_combo.currentText() == "20 Jun 2019"
    assert "20 Jun 2019" in _listed(window) and window.meeting.id == june.id
    _undo(qtbot, window)
    assert s.assessments.meeting_on(date(2019, 6, 20)) is None
    assert _listed(window) == before
    _redo(qtbot, window)
    assert s.assessments.meeting_on(date(2019, 6, 20)).agenda_ref == "Item 5"
    assert "20 Jun 2019" in _listed(window)


def test_a_refused_papers_deadline_is_said_in_the_dialog_and_nothing_typed_is_lost(qtbot,
                                                                                   window):
    seen: list[tuple[str, str, bool]] = []

    def use(dialog) -> None:
        retype(qtbot, dialog.held_on.edit, "20/06/2019")
        qtbot.keyClicks(dialog.papers_due.edit, "21/06/2019")
        qtbot.keyClicks(dialog.agenda_ref, "Item 5")
        press_ok(qtbot, dialog)
        seen.append((dialog.warning.text(), dialog.agenda_ref.text(), dialog.isVisible()))
        retype(qtbot, dialog.papers_due.edit, "31/02/2019")
        press_ok(qtbot, dialog)
        assert dialog.isVisible() and dialog.focusWidget() is dialog.papers_due.edit
        retype(qtbot, dialog.papers_due.edit, "13/06/2019")
        press_ok(qtbot, dialog)

    with_dialog(qtbot, window.acts["new_meeting"].trigger, use)
    assert seen == [("⚠ The papers deadline (21/06/2019) is after the meeting (20/06/2019).",
                     "Item 5", True)]
    assert window.services.assessments.meeting_on(date(2019, 6, 20)).papers_due == date(
        2019, 6, 13)
    assert window.undo_stack.count() == 1  # the refused try left no step behind


def test_edit_and_delete_the_chosen_meeting_each_undone(qtbot, window):
    s = window.services
    _new_june_meeting(qtbot, window)
    june = s.assessments.meeting_on(date(2019, 6, 20))
    s.meetings.add_action(june.id, "Report back on 3.14", owner="Head of Service")

    def edit(dialog) -> None:
        assert dialog.windowTitle() == "Edit meeting" and not dialog.plan.isEnabled()
        assert dialog.held_on.edit.text() == "20/06/2019"
        retype(qtbot, dialog.held_on.edit, "27/06/2019")
        retype(qtbot, dialog.title, "Extraordinary meeting")
        press_ok(qtbot, dialog)

    with_dialog(qtbot, window.acts["edit_meeting"].trigger, edit)
    moved = s.assessments.meeting(june.id)
    assert (moved.held_on, moved.title) == (date(2019, 6, 27), "Extraordinary meeting")
    assert window.meeting_combo.currentText() == "27 Jun 2019"
    assert window.undo_stack.undoText() == "Edit meeting 20/06/2019"
    _undo(qtbot, window)
    assert s.assessments.meeting(june.id).held_on == date(2019, 6, 20)
    assert "27 Jun 2019" not in _listed(window) and "20 Jun 2019" in _listed(window)

    window.choose_meeting_id(june.id)
    window.acts["delete_meeting"].trigger()
    title, text = window.confirmations[-1]
    assert title == "Delete meeting"
    assert text.startswith("Delete the meeting of Thursday 20 June 2019")
    assert "0 assessments recorded at it, 1 action (1 still open" in text
    assert text.endswith("You can undo it.")
    assert s.assessments.meeting_on(date(2019, 6, 20)) is None
    assert "20 Jun 2019" not in _listed(window)
    _undo(qtbot, window)
    assert s.assessments.meeting_on(date(2019, 6, 20)) is not None
    assert [a.text for a in s.meetings.actions(june.id)] == ["Report back on 3.14"]
    assert window.meeting.id == june.id


def _add_action(qtbot, window, text: str, owner: str = "", due: str = "",
                decision: bool = False) -> None:
    def use(dialog) -> None:
        qtbot.waitUntil(dialog.isActiveWindow)
        if decision:
            dialog.kind.setFocus()
            qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
        qtbot.keyClicks(dialog.text, text)
        qtbot.keyClicks(dialog.owner.lineEdit(), owner)
        qtbot.keyClicks(dialog.due_on.edit, due)
        qtbot.keyClick(dialog.due_on.edit, Qt.Key.Key_Return)

    with_dialog(qtbot, lambda: _pane_key(qtbot, window, Qt.Key.Key_Insert), use)


def _pane_key(qtbot, window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key typed in the actions list, once the window is active again after a dialog."""
    table = window.meeting_edits.pane.table
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.setFocus()
    qtbot.keyClick(table, key, modifiers)


def _rows(window) -> list[tuple]:
    return [tuple(r) for r in window.meeting_edits.pane.model.rows]


def test_actions_added_marked_done_moved_deleted_and_carried_forward(qtbot, window):
    s = window.services
    assert window.meeting_combo.currentText() == "21 Mar 2019"
    _keys(qtbot, window, Qt.Key.Key_4)
    pane = window.meeting_edits.pane
    assert window.meeting_edits.dock.isVisible() and pane.table.hasFocus()
    assert "The meeting of Thursday 21 March 2019: 0 recorded" in pane.heading.text()
    counts = Counter(letter for letter, _ in mnemonics(window))
    assert {k: n for k, n in counts.items() if n > 1} == {}

    _add_action(qtbot, window, "Chase the CCG's quarterly figures", "Head of Performance",
                "30/04/2019")
    _add_action(qtbot, window, "Refresh the JSNA chapter", "Public Health")
    _add_action(qtbot, window, "Adopt the refreshed plan", decision=True)
    assert _rows(window) == [
        ("Action", "Chase the CCG's quarterly figures", "Head of Performance", "30/04/2019",
         "Open", "this meeting"),
        ("Action", "Refresh the JSNA chapter", "Public Health", "", "Open", "this meeting"),
        ("Decision", "Adopt the refreshed plan", "", "", "Decided", "this meeting")]

    # the JSNA refresh is reported done at this meeting; undo and redo
    assert pane.select_text("Refresh the JSNA chapter")
    _pane_key(qtbot, window, Qt.Key.Key_D, CTRL)
    assert _rows(window)[1][4] == "Done 21/03/2019"
    assert pane.current().text == "Refresh the JSNA chapter"
    _undo(qtbot, window)
    assert _rows(window)[1][4] == "Open"
    _redo(qtbot, window)
    refresh = next(a for a in pane.actions if a.text == "Refresh the JSNA chapter")
    assert (refresh.status, refresh.closed_on) == (ActionStatus.DONE, date(2019, 3, 21))

    # the decision moves up with Ctrl+Up; Delete takes it away, after asking; undo
    assert pane.select_text("Adopt the refreshed plan")
    _pane_key(qtbot, window, Qt.Key.Key_Up, CTRL)
    assert [r[1] for r in _rows(window)][:2] == ["Chase the CCG's quarterly figures",
                                                 "Adopt the refreshed plan"]
    assert pane.current().text == "Adopt the refreshed plan"
    _pane_key(qtbot, window, Qt.Key.Key_Delete)
    assert window.confirmations[-1][1].startswith("Delete the decision 'Adopt the refreshed")
    assert "Adopt the refreshed plan" not in [r[1] for r in _rows(window)]
    _undo(qtbot, window)
    assert [r[1] for r in _rows(window)][1] == "Adopt the refreshed plan"

    # Enter edits: the owner changes
    assert pane.select_text("Chase the CCG's quarterly figures")

    def reassign(dialog) -> None:
        assert dialog.text.text() == "Chase the CCG's quarterly figures"
        dialog.owner.lineEdit().selectAll()
        qtbot.keyClicks(dialog.owner.lineEdit(), "Assistant Director")
        press_ok(qtbot, dialog)

    with_dialog(qtbot, lambda: _pane_key(qtbot, window, Qt.Key.Key_Return), reassign)
    assert _rows(window)[0][2] == "Assistant Director"

    # the next meeting: the open action is carried forward, the done one and the decision not
    _new_june_meeting(qtbot, window)
    assert window.meeting_combo.currentText() == "20 Jun 2019"
    assert _rows(window) == [("Action", "Chase the CCG's quarterly figures",
                              "Assistant Director", "30/04/2019", "Open", "from 21/03/2019")]
    assert "0 recorded at it, 1 carried forward from earlier meetings, 1 still open" in (
        pane.heading.text())
    # closed at June: it is done there, and the March meeting still shows it was open then
    pane.table.selectRow(0)
    _pane_key(qtbot, window, Qt.Key.Key_D, CTRL)
    assert _rows(window)[0][4] == "Done 20/06/2019"
    june = s.assessments.meeting_on(date(2019, 6, 20))
    assert s.meetings.open_actions(june.id) == []
    window.select_meeting(date(2019, 3, 21))
    assert _rows(window)[0][4] == "Done 20/06/2019"


def test_a_refused_due_date_is_said_in_the_dialog(qtbot, window):
    _keys(qtbot, window, Qt.Key.Key_4)
    seen: list[str] = []

    def use(dialog) -> None:
        qtbot.keyClicks(dialog.text, "Chase the figures")
        qtbot.keyClicks(dialog.due_on.edit, "01/03/2019")
        press_ok(qtbot, dialog)
        seen.append(dialog.warning.text())
        dialog.reject()

    with_dialog(qtbot, lambda: _pane_key(qtbot, window, Qt.Key.Key_Insert), use)
    assert seen == ["⚠ The due date 01/03/2019 is before the meeting of 21/03/2019 that "
                    "raised it."]
    assert window.meeting_edits.pane.actions == []


def test_actions_cannot_be_changed_when_no_meeting_is_chosen(qtbot, window):
    window.select_meeting(None)
    pane = window.meeting_edits.pane
    assert pane.heading.text().startswith("Choose a meeting")
    assert not pane.buttons["add"].isEnabled()
    assert not window.acts["edit_meeting"].isEnabled()
    assert not window.acts["delete_meeting"].isEnabled()
