"""Writing a report from the window as a user would: Report ▸ New report… for a new
meeting, typing its sections with bullets, undo, preview, the check before issuing, issuing,
and a corrected version that supersedes the first (which is kept and still exportable)."""

from __future__ import annotations

from datetime import date

import pytest
from dialog_support import retype, with_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox
from report_support import pdf_lines, type_in_cell, type_lines

from app.report.export import ExportKind, ExportRequest, plan_export
from ui import report_export
from ui.commands import Assess

OTHER_ITEMS = [
    "The board heard from VOXY about <b>young carers</b> & their families.",
    "",
    "Actions agreed:",
    "- Refresh the young carers strategy",
    "- Report back on waiting times",
    "",
    "The chair thanked the officers.",
]


@pytest.fixture
def opened(monkeypatch):
    """Files the window asked the system to open (the preview and the issued PDFs)."""
    urls: list = []
    monkeypatch.setattr(report_export.QDesktopServices, "openUrl", urls.append)
    return urls


@pytest.fixture
def june_meeting(qtbot, window):
    """A meeting after March 2019, added from the window, at which the board rates 3.5
    Red with no commentary yet."""
    w, ids = window, window.ids

    def june(dialog) -> None:
        assert dialog.plan.currentData() == ids["plan"]
        retype(qtbot, dialog.held_on.edit, "20/06/2019")
        qtbot.keyClicks(dialog.title, "CTB")
        qtbot.keyClick(dialog.held_on.edit, Qt.Key.Key_Return)

    with_dialog(qtbot, w.acts["new_meeting"].trigger, june)
    meeting = w.meeting
    assert meeting is not None and meeting.held_on == date(2019, 6, 20)
    assert w.push(Assess(w.services, w.changes, meeting.id, ids["3.5"], recorded_rag="R",
                         override_reason="Numbers rose again in May.", label="3.5"))
    return meeting


def _new_report(qtbot, w, title: str):
    def fill(dialog: QDialog) -> None:
        assert [dialog.meetings.item(i).checkState() == Qt.CheckState.Checked
                for i in range(dialog.meetings.count())].count(True) == 1
        qtbot.keyClicks(dialog.title, title)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    with_dialog(qtbot, w.acts["new_report"].trigger, fill)
    return w.report_editor


def _open_report(qtbot, w, report_id: str):
    def choose(dialog: QDialog) -> None:
        rows = [dialog.reports.item(i) for i in range(dialog.reports.count())]
        row = next(i for i, item in enumerate(rows)
                   if item.data(Qt.ItemDataRole.UserRole) == report_id)
        dialog.reports.setCurrentRow(row)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    with_dialog(qtbot, w.acts["open_report"].trigger, choose)
    assert w.report_editor.report_id == report_id
    return w.report_editor


def _close_saved_message(qtbot, w, name: str) -> None:
    """The export says where it saved the file: read it and click OK, as a user would."""
    qtbot.waitUntil(lambda: getattr(w, "saved_message", None) is not None
                    and w.saved_message.isVisible(), timeout=5000)
    assert name in w.saved_message.text()
    qtbot.mouseClick(w.saved_message.button(QMessageBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def _check_and_issue(qtbot, editor, output, seen: list[list[str]]) -> None:
    def check(dialog: QDialog) -> None:
        seen.append([dialog.missing.item(i).text() for i in range(dialog.missing.count())])
        dialog.path.setText(str(output))
        qtbot.mouseClick(dialog.issue, Qt.MouseButton.LeftButton)

    def click_and_wait() -> None:
        shown = len(seen)
        qtbot.mouseClick(editor.issue_button, Qt.MouseButton.LeftButton)
        assert editor.status.text() == "Checking the report…"  # off the GUI thread
        qtbot.waitUntil(lambda: len(seen) > shown, timeout=20000)

    with_dialog(qtbot, click_and_wait, check)


def test_write_preview_check_issue_and_correct_a_report(qtbot, window, june_meeting, opened,
                                                        tmp_path, monkeypatch):
    w = window
    s = w.services
    editor = _new_report(qtbot, w, "Report to the Health and Wellbeing Board")
    report_id = editor.report_id
    stored = s.reports.report(report_id)
    assert stored.meeting_ids == [june_meeting.id]
    assert stored.title == "Report to the Health and Wellbeing Board"
    assert stored.report_from == "Children's Trust Board"

    qtbot.keyClicks(editor.report_to, "Health and Wellbeing Board")
    qtbot.keyClicks(editor.agenda_ref, "HWB14")
    # another header row, typed into the table's blank row
    table = editor.extra_header
    type_in_cell(qtbot, table, table.rowCount() - 1, 0, "Contact officer")
    type_in_cell(qtbot, table, table.rowCount() - 2, 1, "Head of Performance")
    assert table.rowCount() == 2  # a blank row stays at the end for the next field
    qtbot.waitUntil(lambda: s.reports.report(report_id).header.get("Contact officer")
                    == "Head of Performance", timeout=5000)
    editor.tabs.setCurrentIndex(editor.tabs.indexOf(editor.other_items.parentWidget()))
    type_lines(qtbot, editor.other_items, OTHER_ITEMS)
    qtbot.waitUntil(lambda: s.reports.report(report_id).sections.get("other_items")
                    == "\n".join(OTHER_ITEMS), timeout=5000)
    assert s.reports.report(report_id).report_to == "Health and Wellbeing Board"
    assert editor.status.text() == "Saved"

    # the Red/Amber note is filled from the board's ratings at the meeting
    assert "3.5 Reduce the number of children subject to a child protection plan – Red" \
        in editor.red_amber.toPlainText()
    assert "(Commentary missing)" in editor.red_amber.toPlainText()

    # typing in the forward plan is one undo step, undone and redone from the editor
    editor.tabs.setCurrentIndex(editor.tabs.indexOf(editor.forward_plan.parentWidget()))
    type_lines(qtbot, editor.forward_plan, ["Young carers in December."])
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert s.reports.report(report_id).sections["forward_plan"] == ""
    assert editor.forward_plan.toPlainText() == ""
    assert s.reports.report(report_id).sections["other_items"] == "\n".join(OTHER_ITEMS)
    qtbot.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)
    assert editor.forward_plan.toPlainText() == "Young carers in December."

    # preview: a draft PDF made off the GUI thread, opened in the system's viewer
    qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    preview = opened[0].toLocalFile()
    lines = pdf_lines(preview)
    assert "DRAFT" in lines
    assert lines[lines.index("Contact officer") + 1] == "Head of Performance"
    start = lines.index("3. Summary of other items discussed by the board")
    body = " ".join(lines[start + 1:lines.index("4. Forward plan for next meeting")])
    assert body == ("The board heard from VOXY about <b>young carers</b> & their families. "
                    "Actions agreed: • Refresh the young carers strategy • Report back on "
                    "waiting times The chair thanked the officers.")
    assert not s.reports.report(report_id).issued

    # the check lists the missing commentary; issuing anyway freezes it
    seen: list[list[str]] = []
    _check_and_issue(qtbot, editor, tmp_path / "issued.pdf", seen)
    assert any(t.startswith("Commentary missing: 3.5 Reduce the number of children")
               for t in seen[0])
    qtbot.waitUntil(lambda: s.reports.report(report_id).issued, timeout=20000)
    qtbot.waitUntil(lambda: (tmp_path / "issued.pdf").exists(), timeout=5000)
    _close_saved_message(qtbot, w, "issued.pdf")
    qtbot.waitUntil(lambda: editor.correct_button.isVisible(), timeout=5000)
    assert editor.forward_plan.isReadOnly() and "frozen" in editor.banner.text()
    first_pdf = (tmp_path / "issued.pdf").read_bytes()
    assert first_pdf == s.reports.issued_pdf(report_id)

    # a corrected version: a new report naming the first, written and issued in turn
    qtbot.mouseClick(editor.correct_button, Qt.MouseButton.LeftButton)
    second_id = editor.report_id
    assert second_id != report_id
    assert s.reports.report(second_id).supersedes == report_id
    assert "A corrected version of" in editor.banner.text()
    # opening the first again (Report ▸ Open report…) and asking again goes on with it
    editor = _open_report(qtbot, w, report_id)
    qtbot.mouseClick(editor.correct_button, Qt.MouseButton.LeftButton)
    assert editor.report_id == second_id
    assert [r.supersedes for r in s.reports.reports()].count(report_id) == 1
    editor.forward_plan.selectAll()
    type_lines(qtbot, editor.forward_plan, ["Young carers in January 2020."])
    qtbot.waitUntil(lambda: s.reports.report(second_id).sections["forward_plan"]
                    == "Young carers in January 2020.", timeout=5000)
    _check_and_issue(qtbot, editor, tmp_path / "corrected.pdf", seen)
    qtbot.waitUntil(lambda: s.reports.report(second_id).issued, timeout=20000)
    qtbot.waitUntil(lambda: (tmp_path / "corrected.pdf").exists(), timeout=5000)
    assert "Young carers in January 2020." in " ".join(pdf_lines(tmp_path / "corrected.pdf"))

    # the first is kept, marked superseded, and still exported exactly as issued
    assert s.reports.superseded_by(report_id).id == second_id
    assert s.reports.issued_pdf(report_id) == first_pdf
    dialog = report_export.ReportOptionsDialog(w, s, june_meeting.id)
    texts = [dialog.report.itemText(i) for i in range(dialog.report.count())]
    assert dialog.report.currentData() == second_id  # the standing report is offered first
    first_row = dialog.report.findData(report_id)
    assert "(superseded by 'Report to the Health and Wellbeing Board (corrected)'" \
        in texts[first_row]
    dialog.report.setCurrentIndex(first_row)
    assert "It is superseded by" in dialog.issued_note.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "again.pdf"), "PDF (*.pdf)"))
    request = dialog.choice()
    dialog.deleteLater()
    export = plan_export(s, request)
    assert export.kind is ExportKind.AS_ISSUED and "superseded by" in export.note
    export.run()
    assert (tmp_path / "again.pdf").read_bytes() == first_pdf
    editor.close()


def test_new_report_for_a_meeting_lists_the_plans_other_reports_for_export(
        qtbot, window, june_meeting, tmp_path):
    """The export dialog offers every report of the plan, not only the meeting's."""
    w, s = window, window.services
    march = s.reports.new_report(w.ids["plan"], [w.ids["meeting"]], title="March report")
    editor = _new_report(qtbot, w, "June report")
    editor_id = editor.report_id
    dialog = report_export.ReportOptionsDialog(w, s, june_meeting.id)
    ids = [dialog.report.itemData(i) for i in range(dialog.report.count())]
    assert ids == [editor.report_id, march.id]
    dialog.deleteLater()
    # and Undo in the window takes the new report away again, closing its editor
    w.acts["undo"].trigger()
    assert [r.id for r in s.reports.reports()] == [march.id]
    assert w.report_editor is None
    w.acts["redo"].trigger()
    assert s.reports.report(editor_id).title == "June report"
    assert plan_export(s, ExportRequest(tmp_path / "x.pdf", march.id)).kind is ExportKind.DRAFT


def test_text_typed_in_the_editor_is_saved_when_another_plan_is_opened(qtbot, window,
                                                                       tmp_path):
    from app.cli import PlanFiles

    w, s = window, window.services
    path = w.path
    editor = _new_report(qtbot, w, "June report")
    report_id = editor.report_id
    w.rag_panel.save_timer.set_pause(60000)
    editor.autosave.set_pause(60000)  # nothing saves by itself during this test
    type_lines(qtbot, editor.forward_plan, ["Typed just before opening another plan."])
    assert editor.autosave.pending
    other = tmp_path / "other.boardpack"
    PlanFiles(author="Test Officer").create(other).close()
    assert w.file_actions.open_path(other)
    qtbot.waitUntil(lambda: w.report_editor is None, timeout=2000)
    assert s.closed
    reopened = PlanFiles(author="Test Officer").open(path)
    try:
        assert reopened.reports.report(report_id).sections["forward_plan"] == (
            "Typed just before opening another plan.")
    finally:
        reopened.close()


def test_a_save_that_fails_keeps_the_text_marked_unsaved(qtbot, window, june_meeting):
    from PySide6.QtWidgets import QApplication

    w, s = window, window.services
    editor = _new_report(qtbot, w, "June report")
    long_title = "June report " + "x" * 600  # over the 500 characters a title may have
    QApplication.clipboard().setText(long_title[len("June report"):])
    editor.title.setFocus()
    editor.title.end(False)
    qtbot.keyClick(editor.title, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.status.text().startswith("Not saved:"), timeout=5000)
    assert editor.title.text() == long_title
    assert s.reports.report(editor.report_id).title == "June report"
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "June report to the Health and Wellbeing Board")
    qtbot.waitUntil(lambda: editor.status.text() == "Saved", timeout=5000)
    assert s.reports.report(editor.report_id).title == (
        "June report to the Health and Wellbeing Board")
