"""The window's export: options dialog, the export on a worker with progress, cancel, and
the window staying usable (a figure typed meanwhile commits at once)."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from app.report import ReportOptions  # noqa: E402
from app.report.export import ExportRequest, plan_export  # noqa: E402
from app.report.progress import INDICATORS, RENDERING  # noqa: E402

OPTS = ReportOptions(summary=True, charts=True)


def test_dialog_builds_options(qtbot, services, small):
    from ui.report_export import ReportOptionsDialog

    dlg = ReportOptionsDialog(None, services, small["meeting"].id)
    qtbot.addWidget(dlg)
    assert dlg.report.currentData() == small["report"].id
    dlg.summary.setChecked(True)
    dlg.page.setCurrentText("Letter")
    assert dlg.issue.isEnabled()


def test_export_job_finishes_and_cancels(qtbot, services, small, tmp_path):
    from PySide6.QtCore import QThreadPool

    from ui.report_export import ExportJob

    out = tmp_path / "r.pdf"
    job = ExportJob(plan_export(services, ExportRequest(out, small["report"].id,
                                                        options=OPTS)))
    job.setAutoDelete(False)
    with qtbot.waitSignal(job.signals.finished, timeout=20000) as blocker:
        QThreadPool.globalInstance().start(job)
    rendered = blocker.args[0]
    assert rendered.pdf.startswith(b"%PDF") and not out.exists(), "in place only on finish"
    rendered.file.discard()

    job2 = ExportJob(plan_export(services, ExportRequest(out, small["report"].id,
                                                         options=OPTS)))
    job2.setAutoDelete(False)
    job2.cancel()
    with qtbot.waitSignal(job2.signals.cancelled, timeout=20000):
        QThreadPool.globalInstance().start(job2)
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_window_and_command_line_write_the_same_bytes(qtbot, small, services, tmp_path,
                                                      open_window, monkeypatch):
    """File ▸ Export Board Report (dialog, worker, progress) and `boardpack report` with the
    same choices give the same file."""
    from PySide6.QtWidgets import QDialog, QFileDialog

    from app.cli import main
    from ui import report_export

    path = services.store.path
    services.close()
    w = open_window(path)
    from_window, from_cli = tmp_path / "window.pdf", tmp_path / "cli.pdf"
    opened = []

    def accept(dialog):
        dialog.summary.setChecked(True)
        dialog.charts.setChecked(True)
        dialog.green.setChecked(False)
        dialog.suppress.setChecked(True)
        dialog.organisation.setText("Test County Council")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_export.ReportOptionsDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(from_window), "PDF (*.pdf)"))
    monkeypatch.setattr(report_export.QDesktopServices, "openUrl", opened.append)
    report_export.export_board_report(w, w.services, small["meeting"].id)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert opened[0].toLocalFile() == str(from_window)
    assert w.statusBar().currentMessage() == f"Wrote {from_window}"

    assert main(["report", str(path), "--meeting", "2010-06-17", "-o", str(from_cli),
                 "--summary", "--charts", "--no-green", "--suppress-below", "5",
                 "--organisation", "Test County Council"]) == 0
    assert from_window.read_bytes() == from_cli.read_bytes()


def _export_under_way(w, tmp_path, qtbot):
    """The generated plan's report started from the window (into an empty folder) and
    being built: its progress dialog showed at once and the indicators are being read."""
    from PySide6.QtWidgets import QProgressDialog

    from ui.report_export import start_export

    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "large.pdf"
    meeting = w.services.assessments.meetings()[-1]
    export = plan_export(w.services, ExportRequest(out, meeting_id=meeting.id, options=OPTS))
    stages: list[str] = []
    finished: list[float] = []
    job = start_export(w, export, open_when_done=False)
    dialog = w.findChild(QProgressDialog)
    assert dialog is not None and dialog.isVisible(), "the progress dialog shows at once"
    job.signals.progress.connect(lambda what, done, total: stages.append(what))
    job.signals.finished.connect(lambda rendered: finished.append(time.perf_counter()))
    qtbot.waitUntil(lambda: INDICATORS in stages, timeout=10000)
    return job, stages, finished, out


def test_a_figure_typed_while_the_report_builds_commits_at_once(qtbot, generated_copy,
                                                                tmp_path, open_window):
    from app.cli import PlanFiles

    w = open_window(generated_copy)
    indicator = next(k for k in w.model.keys() if k.startswith("ind:"))
    assert w.select_key(indicator)
    job, stages, finished, out = _export_under_way(w, tmp_path, qtbot)

    grid = w.indicator_panel.grid.model()
    col = grid.column_of("figure")
    row = next(r for r in range(grid.rowCount()) if grid.index(r, col).data())
    t0 = time.perf_counter()
    assert grid.setData(grid.index(row, col), "12345")  # the grid's path: an undo command
    committed = time.perf_counter() - t0
    assert not finished and RENDERING not in stages, "the report was still being built"
    assert committed < 1.0, f"the figure took {committed:.2f} s to commit"
    reader = PlanFiles().open(generated_copy, read_only=True)  # another connection
    try:
        stored = [v.value for v in reader.indicators.values(w.current_item().id)]
    finally:
        reader.close()
    assert 12345 in stored
    assert w.undo_stack.canUndo()

    qtbot.waitUntil(lambda: out.exists(), timeout=60000)
    assert out.read_bytes().startswith(b"%PDF")
    assert w._board_report_job is None


def test_cancel_during_the_model_build_leaves_no_file(qtbot, generated_copy, tmp_path,
                                                      open_window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    w = open_window(generated_copy)
    job, stages, finished, out = _export_under_way(w, tmp_path, qtbot)
    dialog = w.findChild(QProgressDialog)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(job.signals.cancelled, timeout=10000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert RENDERING not in stages and not finished
    assert w.statusBar().currentMessage() == "The export was cancelled; nothing was written."
    assert list(out.parent.iterdir()) == [], "no file, no temporary file"
    assert w._board_report_job is None


def test_closing_the_plan_during_an_export_writes_nothing(qtbot, generated_copy, tmp_path,
                                                          open_window):
    w = open_window(generated_copy)
    job, stages, finished, out = _export_under_way(w, tmp_path, qtbot)
    w.close_file()
    qtbot.waitUntil(lambda: w._board_report_job is None, timeout=60000)
    assert w.statusBar().currentMessage() == ("The plan was closed before the report was "
                                              "made; nothing was written.")
    assert list(out.parent.iterdir()) == []


def test_the_dialogs_web_page_choice_writes_html(qtbot, small, services, tmp_path,
                                                 open_window, monkeypatch):
    """Choosing "Web page (HTML)" in the save dialog, with a name typed without its
    extension, writes the .html file through the same export and opens it."""
    from PySide6.QtWidgets import QDialog, QFileDialog
    from report_helpers import check_web_page

    from ui import report_export

    path = services.store.path
    services.close()
    w = open_window(path)
    typed, opened, offered = tmp_path / "board report", [], []

    def accept(dialog):
        dialog.charts.setChecked(True)
        return QDialog.DialogCode.Accepted

    def save_as(*args, **kwargs):
        offered.append(args[3])
        return str(typed), report_export.HTML_FILTER

    monkeypatch.setattr(report_export.ReportOptionsDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(report_export.QDesktopServices, "openUrl", opened.append)
    report_export.export_board_report(w, w.services, small["meeting"].id)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    written = tmp_path / "board report.html"
    assert opened[0].toLocalFile() == str(written)
    assert offered[0].split(";;") == ["PDF (*.pdf)", "Web page (HTML) (*.html *.htm)"]
    assert w.statusBar().currentMessage() == f"Wrote {written}"
    doc = check_web_page(written.read_text(encoding="utf-8"))
    assert len(doc.all("svg")) == 3, "a chart for each of the three indicators"
    assert not typed.exists()


def test_the_chosen_filter_adds_its_extension_only_when_none_is_typed():
    from pathlib import Path

    from ui.report_export import HTML_FILTER, PDF_FILTER, with_suffix

    assert with_suffix(Path("/d/r"), HTML_FILTER) == Path("/d/r.html")
    assert with_suffix(Path("/d/r.htm"), HTML_FILTER) == Path("/d/r.htm")
    assert with_suffix(Path("/d/r.pdf"), HTML_FILTER) == Path("/d/r.pdf"), "as typed"
    assert with_suffix(Path("/d/r"), PDF_FILTER) == Path("/d/r.pdf")
    assert with_suffix(Path("/d/r.HTML"), PDF_FILTER) == Path("/d/r.HTML"), "as typed"
    assert with_suffix(Path("/d/May 2019.v2"), PDF_FILTER) == Path("/d/May 2019.v2.pdf")
