"""The chair's questions for officers and private notes in the window, review mode, and
reopening for editing, driven by keys and clicks."""

from __future__ import annotations

from datetime import date

from chair_support import marker_on, pdf_text, table_rows, write_in_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from window_support import click_row

from app import chair_file
from app.domain import Question

QUESTION = "Why did the number of looked after children rise again in Q3?"


def test_a_question_on_314_survives_issuing_an_edit_and_reopening_and_is_never_printed(
        qtbot, plan_window, sample_copy, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog

    from ui import report_export

    w = plan_window(sample_copy)
    w.select_meeting(date(2019, 3, 21))
    assert w.select_ref("3.14")
    assert marker_on(w, w.current_item().id) is None
    write_in_dialog(qtbot, w, "Ctrl+Shift+Q", QUESTION)
    ind_id = w.current_item().id
    [listed] = w.services.questions.questions(w.meeting.id)
    assert (listed.question.text, listed.question.subject_id, listed.waiting) == (
        QUESTION, ind_id, False)
    assert listed.question.asked_by == "Test Officer"
    assert marker_on(w, ind_id) is not None
    title = w.model.indexes_for_id(ind_id)[0].siblingAtColumn(1)
    assert title.data(Qt.ItemDataRole.AccessibleTextRole).endswith("(1 question for officers)")
    # an edit of the commentary
    box = w.rag_panel.commentary
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, " Audit under way.")
    w.flush_edits()
    assert w.services.assessments.assessment(w.meeting.id, ind_id).commentary.endswith(
        "Audit under way.")
    # issuing the board report from File ▸ Export Board Report
    out = tmp_path / "issued.pdf"
    opened = []

    def issue(dialog):
        dialog.issue.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_export.ReportOptionsDialog, "exec", issue)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF"))
    monkeypatch.setattr(report_export.QDesktopServices, "openUrl", opened.append)
    monkeypatch.setattr(report_export, "ask", lambda *a, **k: True)
    w.acts["export_report"].trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=60000)
    [report] = w.services.reports.reports()
    assert report.issued
    text = pdf_text(out.read_bytes())
    assert "Audit under way." in text.replace("\n", " ")
    assert "lookedafterchildrenriseagain" not in "".join(text.split())
    assert w.services.store.find(Question)[0].text == QUESTION
    w.close()

    again = plan_window(sample_copy)
    again.select_meeting(date(2019, 3, 21))
    qtbot.waitUntil(lambda: marker_on(again, ind_id) is not None)  # once the window painted
    qtbot.keyClick(again, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    dialog = again.chair_actions.questions_dialog
    assert dialog is not None and dialog.isVisible()
    [row] = table_rows(dialog)
    assert row[0].startswith("3.14 ") and row[1] == QUESTION
    assert row[2] == "Test Officer" and row[4] == "Not answered yet" and row[5] == "The plan"
    dialog.grab().save("/tmp/shots-wip-questions/questions-list.png")


def test_a_private_note_from_a_figure_row_never_enters_the_plan_file(
        qtbot, plan_window, sample_copy, user_folders):
    w = plan_window(sample_copy)
    w.select_meeting(date(2019, 3, 21))
    assert w.select_ref("3.14")
    ind_id = w.current_item().id
    qtbot.keyClick(w.tree, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    grid = w.indicator_panel.grid
    assert grid.hasFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    period = w.indicator_panel.model.rows[grid.currentIndex().row()].key
    subject = write_in_dialog(qtbot, w, "Ctrl+Shift+N", "Ask the DCS privately about agency "
                              "staff turnover", where=grid)
    assert (subject.id, subject.period) == (ind_id, period)
    w.flush_edits()
    plan_bytes = sample_copy.read_bytes()
    assert b"agency staff turnover" not in plan_bytes
    mine = chair_file.path_for(w.current_item().plan_id)
    assert mine.is_relative_to(user_folders["XDG_DATA_HOME"])
    assert "agency staff turnover" in mine.read_text(encoding="utf-8")
    assert marker_on(w, ind_id) is not None
    assert not any("turnover" in str(c.after) for c in w.services.store.changes(limit=50))
    # the note dialog shows the note again, and Ctrl+Z takes it away
    assert w.select_ref("3.14")
    qtbot.keyClick(w.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    dialog = w.chair_actions.dialog
    dialog.on.setCurrentIndex(dialog.on.findData(period))
    assert dialog.text().endswith("agency staff turnover")
    dialog.grab().save("/tmp/shots-wip-questions/private-note-dialog.png")
    dialog.reject()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    assert w.undo_stack.undoText() == "Write a private note"
    qtbot.keyClick(w.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "turnover" not in mine.read_text(encoding="utf-8")
    assert marker_on(w, ind_id) is None


def test_review_mode_keeps_the_plan_file_identical_and_the_officer_imports_and_answers(
        qtbot, plan_window, sample_copy, tmp_path):
    w = plan_window(sample_copy)
    w.select_meeting(date(2019, 3, 21))
    w.review_mode.choose_file = lambda: str(sample_copy)
    w.acts["open_review"].trigger()
    assert w.services.read_only and w.banner.isVisibleTo(w)
    assert "for review" in w.banner.text()
    assert w.review_mode.button.isVisibleTo(w)
    before = sample_copy.read_bytes()
    assert w.select_ref("3.14")
    write_in_dialog(qtbot, w, "Ctrl+Shift+Q", QUESTION)
    assert sample_copy.read_bytes() == before
    dialog = w.chair_actions.show_questions()
    [row] = table_rows(dialog)
    assert row[1] == QUESTION and row[5] == "Your file"
    exported = tmp_path / "questions.json"
    dialog.choose_save = lambda title, start: str(exported)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.exists()
    assert QUESTION in dialog.copy_email()
    assert sample_copy.read_bytes() == before

    # back to editing: the officer imports the questions file
    qtbot.mouseClick(w.review_mode.button, Qt.MouseButton.LeftButton)
    assert not w.services.read_only and not w.banner.isVisibleTo(w)
    assert w.current_item() is not None and w.current_item().kind == "indicator"
    dialog.choose_open = lambda title: str(exported)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    [row] = table_rows(dialog)
    assert row[1] == QUESTION and row[5] == "The plan"
    [stored] = w.services.store.find(Question)
    assert stored.text == QUESTION
    # the officer answers it
    dialog.table.setCurrentItem(dialog.table.topLevelItem(0))
    qtbot.keyClicks(dialog.answer, "Two large sibling groups were referred in January.")
    qtbot.mouseClick(dialog.save_answer, Qt.MouseButton.LeftButton)
    assert w.services.questions.question(stored.id).answered
    assert table_rows(dialog)[0][4].startswith("Two large sibling groups")
    assert w.services.store.changes(row_ids=[stored.id])
    # printed as "Questions for the meeting"
    printed = tmp_path / "questions.pdf"
    dialog.choose_save = lambda title, start: str(printed)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    text = " ".join(pdf_text(printed.read_bytes()).split())
    assert text.startswith("Questions for the meeting of 21 March 2019")
    assert QUESTION in text and "Two large sibling groups were referred" in text
    # purged after the minutes: gone, with its history
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    assert w.confirmations[-1][0] == "Purge the questions"
    assert table_rows(dialog) == []
    assert w.services.store.find(Question) == []
    assert w.services.store.changes(row_ids=[stored.id]) == []
    assert marker_on(w, stored.subject_id) is None


def test_reopen_for_editing_once_the_other_window_closes_and_notice_its_changes(
        qtbot, plan_window, demo_path):
    first = plan_window(demo_path)
    second = plan_window(demo_path, read_only=True)
    assert second.services.read_only
    assert second.review_mode.why == "in use"
    assert not second.review_mode.button.isVisibleTo(second)
    assert "open for editing in another Boardpack window" in second.banner.text()
    # the first window renames an item; the second notices
    item = next(i for i in first.model.nodes.values() if i.parent_id is None)
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    click_row(qtbot, first, item.ref)
    qtbot.keyClick(first.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: first.tree.state() == first.tree.State.EditingState)
    editor = first.tree.viewport().findChildren(QLineEdit)[0]  # the in-place editor
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed in the first window")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.services.plans.node(item.id).title
                    == "Renamed in the first window")
    qtbot.waitUntil(lambda: second.model.nodes[item.id].title == "Renamed in the first window",
                    timeout=5000)
    assert "changed in another window" in second.statusBar().currentMessage()
    # the first closes: the second offers to reopen for editing, and does
    first.close()
    qtbot.waitUntil(lambda: second.review_mode.button.isVisibleTo(second), timeout=5000)
    assert "has closed it" in second.banner.text()
    qtbot.mouseClick(second.review_mode.button, Qt.MouseButton.LeftButton)
    assert not second.services.read_only
    assert not second.banner.isVisibleTo(second)
    assert not second.review_mode.timer.isActive()


def test_right_click_on_a_figure_row_asks_about_that_period(qtbot, plan_window, sample_copy):
    w = plan_window(sample_copy)
    w.select_meeting(date(2019, 3, 21))
    assert w.select_ref("3.14")
    grid = w.indicator_panel.grid
    model = w.indicator_panel.model
    row = next(r for r, found in enumerate(model.rows) if found.value is not None)
    cell = grid.visualRect(model.index(row, 0)).center()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    grid.customContextMenuRequested.emit(cell)  # what a right-click (or the Menu key) sends
    menu = w.chair_actions.menu
    assert [a.text() for a in menu.actions() if a.text()] == [
        "&Ask a question…", "Private &note…", "&Questions for the meeting…"]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                     pos=menu.actionGeometry(menu.actions()[0]).center())
    assert not menu.isVisible()
    dialog = w.chair_actions.dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.subject().period == model.rows[row].key
    assert dialog.on.currentText().endswith(model.rows[row].label)
    qtbot.keyClicks(dialog.editor, "Is this figure provisional?")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [listed] = w.services.questions.questions(w.meeting.id)
    assert listed.question.period == model.rows[row].key
    assert listed.about.endswith(model.rows[row].label)
