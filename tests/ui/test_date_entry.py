"""Dates as a UK user types them into the window: New meeting takes 20/06/2019 and friends,
shows the day it understood before saving, refuses what it cannot read, and asks before a
meeting outside its plan's years."""

from __future__ import annotations

from datetime import date

from dialog_support import press_ok, retype, with_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ui.date_field import DateField


def _type_date(qtbot, dialog, text: str) -> None:
    retype(qtbot, dialog.held_on.edit, text)


_ok = press_ok


def _meetings(window) -> list[date]:
    return sorted(m.held_on for m in window.services.assessments.meetings())


def _add_meeting(qtbot, window, typed: str, seen: list[str]) -> None:
    def use(dialog) -> None:
        _type_date(qtbot, dialog, typed)
        seen.append(dialog.held_on.understood.text())
        _ok(qtbot, dialog)

    with_dialog(qtbot, window.acts["new_meeting"].trigger, use)


def test_new_meeting_reads_uk_dates_typed_with_keys(qtbot, window):
    before = _meetings(window)
    for typed in ("20/06/2019", "20/6/2019", "2019-06-20", "20 June 2019", "20 Jun 19",
                  "20.06.2019"):
        seen: list[str] = []
        _add_meeting(qtbot, window, typed, seen)
        assert seen == ["Thursday 20 June 2019"], typed
        assert _meetings(window) == sorted([*before, date(2019, 6, 20)]), typed
        assert window.meeting is not None and window.meeting.held_on == date(2019, 6, 20)
        window.acts["undo"].trigger()
        assert _meetings(window) == before, typed


def test_a_date_typed_and_entered_with_the_keyboard_alone(qtbot, window):
    before = _meetings(window)

    def use(dialog) -> None:
        _type_date(qtbot, dialog, "20 Jun 19")
        qtbot.keyClick(dialog.held_on.edit, Qt.Key.Key_Return)

    with_dialog(qtbot, window.acts["new_meeting"].trigger, use)
    assert _meetings(window) == sorted([*before, date(2019, 6, 20)])


def _refused(qtbot, window, typed: str) -> tuple[str, str]:
    """Type `typed`, press OK: the dialog must stay open; returns the reason shown beside
    the field and the dialog's warning (shown only for an empty field)."""
    shown: list[tuple[str, str]] = []

    def use(dialog) -> None:
        _type_date(qtbot, dialog, typed)
        _ok(qtbot, dialog)
        assert dialog.isVisible(), f"{typed} was accepted"
        assert dialog.focusWidget() is dialog.held_on.edit
        shown.append((dialog.held_on.understood.text(),
                       dialog.warning.text() if dialog.warning.isVisible() else ""))
        dialog.reject()

    before = _meetings(window)
    with_dialog(qtbot, window.acts["new_meeting"].trigger, use)
    assert _meetings(window) == before
    return shown[0]


def test_new_meeting_refuses_impossible_and_month_first_dates(qtbot, window):
    field, warning = _refused(qtbot, window, "31/02/2019")
    assert "there is no day 31/02/2019" in field and field.startswith("✗") and not warning
    field, _ = _refused(qtbot, window, "06/20/2019")
    assert "not month first" in field and "did you mean 20/06/2019" in field
    field, _ = _refused(qtbot, window, "20/6/201")
    assert "day first" in field
    field, _ = _refused(qtbot, window, "20/06/1850")
    assert "1850" in field and "between 1900 and 2200" in field
    field, warning = _refused(qtbot, window, "")
    assert field == "" and "Enter the meeting's date" in warning


def test_a_meeting_outside_its_plan_asks_first_in_the_dialog(qtbot, window):
    before = _meetings(window)
    steps: list[str] = []

    def use(dialog) -> None:
        _type_date(qtbot, dialog, "20/06/2026")
        _ok(qtbot, dialog)
        assert dialog.isVisible()
        steps.append(dialog.warning.text())
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Add anyway"
        _ok(qtbot, dialog)

    with_dialog(qtbot, window.acts["new_meeting"].trigger, use)
    assert "Saturday 20 June 2026 is after" in steps[0] and "Add anyway" in steps[0]
    assert _meetings(window) == sorted([*before, date(2026, 6, 20)])

    def change_mind(dialog) -> None:
        _type_date(qtbot, dialog, "01/01/2017")
        _ok(qtbot, dialog)
        steps.append(dialog.warning.text())
        _type_date(qtbot, dialog, "02/01/2017")  # another day asks again
        assert not dialog.warning.isVisible()
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "OK"
        _ok(qtbot, dialog)
        assert dialog.isVisible()
        steps.append(dialog.warning.text())
        dialog.reject()

    with_dialog(qtbot, window.acts["new_meeting"].trigger, change_mind)
    assert "Sunday 1 January 2017 is before" in steps[1]
    assert "Monday 2 January 2017 is before" in steps[2]
    assert date(2017, 1, 1) not in _meetings(window)


def test_date_field_marks_what_it_cannot_read(qtbot):
    field = DateField(date(2019, 3, 21))
    qtbot.addWidget(field)
    assert field.understood.text() == "Thursday 21 March 2019" and field.date() == date(2019, 3, 21)
    with qtbot.waitSignal(field.dayChanged) as changed:
        field.edit.clear()
        qtbot.keyClicks(field.edit, "31/02/2019")
    assert changed.args == [None] and field.date() is None
    assert field.edit.styleSheet() and "no day 31/02/2019" in field.edit.accessibleDescription()
    field.edit.clear()
    qtbot.keyClicks(field.edit, "1 Mar 20")
    assert field.date() == date(2020, 3, 1) and not field.edit.styleSheet()
    assert field.understood.text() == "Sunday 1 March 2020"
