"""A commentary or reason whose save fails (here a full disk) stays in its editor, marked
unsaved, when the user moves on and comes back; it is saved by "Try saving again" once
there is room, and closing the window first asks before losing it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from window_support import click_row

from app.domain import PlanFileError


def _disk_full(services) -> None:
    conn = services.store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def _room_again(services) -> None:
    services.store._conn.execute("PRAGMA max_page_count = 1073741823")


def test_commentary_that_cannot_be_saved_is_kept_until_saved(qtbot, window):
    w = window
    errors: list[Exception] = []
    w.rag_panel.error_handler = errors.append
    click_row(qtbot, w, "3.14")
    meeting = w.rag_panel.meeting
    typed = "Numbers rose after two large sibling groups came into care. " * 40
    _disk_full(w.services)
    panel = w.rag_panel
    panel.commentary.setFocus()
    qtbot.keyClicks(panel.commentary, typed)
    typed = panel.commentary.toPlainText()  # what was there, with the words added
    click_row(qtbot, w, "3.5")  # moving on saves; the save fails
    assert errors and isinstance(errors[0], PlanFileError)
    assert "disk is full" in str(errors[0]) and w.path.name in str(errors[0])
    assert panel.unsaved_count() == 1
    stored = w.services.assessments.assessment(meeting.id, w.ids["3.14"])
    assert stored is None or typed not in stored.commentary

    click_row(qtbot, w, "3.14")  # the text is still there, marked unsaved
    assert panel.commentary.toPlainText() == typed
    assert panel.unsaved_bar.isVisible() and "Not saved" in panel.unsaved_text.text()

    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)  # still full
    assert panel.unsaved_count() == 1 and panel.unsaved_bar.isVisible()

    _room_again(w.services)
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    assert panel.unsaved_count() == 0 and not panel.unsaved_bar.isVisible()
    assert w.services.assessments.assessment(meeting.id, w.ids["3.14"]).commentary == typed
    w.acts["undo"].trigger()  # the saved text is one undo step like any other
    stored = w.services.assessments.assessment(meeting.id, w.ids["3.14"])
    assert stored is None or stored.commentary != typed


def test_closing_with_unsaved_text_asks_first(qtbot, window):
    w = window
    w.rag_panel.error_handler = lambda exc: None
    click_row(qtbot, w, "3.14")
    _disk_full(w.services)
    w.rag_panel.commentary.setFocus()
    qtbot.keyClicks(w.rag_panel.commentary, "Kept until the user decides. " * 100)
    answers = [False]
    asked = []

    def answer(title, text):
        asked.append((title, text))
        return answers[0]

    w.rag_panel.confirm = answer
    w.close()
    assert w.isVisible() and asked[0][0] == "Text not saved"
    assert w.path.name in asked[0][1]
    _room_again(w.services)
    assert w.rag_panel.retry_unsaved()
    w.close()
    assert not w.isVisible()


def test_a_figure_that_cannot_be_saved_stays_in_its_cell_until_saved(qtbot, window,
                                                                      monkeypatch):
    from grid_support import cell, editor_text, type_in

    from app.domain import SaveError

    w = window
    click_row(qtbot, w, "3.14")
    panel = w.indicator_panel
    label = next(r.label for r in panel.model.rows if r.value and r.value.value == 794)
    real = w.services.indicators.enter_texts

    def disk_full(*args, **kwargs):
        raise SaveError(w.path, "disk_full",
                        f"the disk is full: {w.path.name} was not saved.")

    monkeypatch.setattr(w.services.indicators, "enter_texts", disk_full)
    type_in(qtbot, panel, cell(panel, label), "812")
    qtbot.waitUntil(lambda: editor_text(panel) == "812")  # given back, not dropped
    assert "disk is full" in panel.grid.last_error
    click_row(qtbot, w, "3.5")  # the user moves on
    click_row(qtbot, w, "3.14")
    at = cell(panel, label)
    assert at.data() == "812 (not saved)" and "Not saved" in at.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.model.unsaved_count() == 1
    assert 794 in [v.value for v in w.services.indicators.values(w.ids["3.14"])]

    monkeypatch.setattr(w.services.indicators, "enter_texts", real)  # room again
    panel.grid.setCurrentIndex(at)
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, Qt.Key.Key_F2)  # the kept text opens for another try
    assert editor_text(panel) == "812"
    qtbot.keyClick(panel.grid.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.model.unsaved_count() == 0)
    values = [v.value for v in w.services.indicators.values(w.ids["3.14"])]
    assert 812 in values and 794 not in values
    assert cell(panel, label).data() == "812"
