"""The window's export: options dialog, rendering on a worker, cancel."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


def test_dialog_builds_options(qtbot, services, small):
    from ui.report_export import ReportOptionsDialog

    dlg = ReportOptionsDialog(None, services, small["meeting"].id)
    qtbot.addWidget(dlg)
    assert dlg.report.currentData() == small["report"].id
    dlg.summary.setChecked(True)
    dlg.page.setCurrentText("Letter")
    assert dlg.issue.isEnabled()


def test_render_job_finishes_and_cancels(qtbot, services, small):
    from PySide6.QtCore import QThreadPool

    from app.report import ReportOptions, build_report_model
    from ui.report_export import RenderJob

    opts = ReportOptions(summary=True, charts=True)
    model = build_report_model(services, small["report"].id, options=opts)
    job = RenderJob(model, opts)
    job.setAutoDelete(False)
    with qtbot.waitSignal(job.signals.finished, timeout=20000) as blocker:
        QThreadPool.globalInstance().start(job)
    assert blocker.args[0].startswith(b"%PDF")

    job2 = RenderJob(model, opts)
    job2.setAutoDelete(False)
    job2.cancel()
    with qtbot.waitSignal(job2.signals.cancelled, timeout=20000):
        QThreadPool.globalInstance().start(job2)
