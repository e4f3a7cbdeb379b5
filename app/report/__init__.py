"""The board report: a plain-Python model (model.py) rendered to PDF by reportlab
(render.py, charts.py). Importing this package does not import reportlab."""

from app.report.issuing import issue_report, issued_snapshot, prepare_issue
from app.report.model import BoardReport, build_report_model
from app.report.options import ReportOptions


def render_pdf(model: BoardReport, options: ReportOptions | None = None, **kw) -> bytes:
    """Render with reportlab (imported on first use)."""
    from app.report.render import render_pdf as _render

    return _render(model, options, **kw)


__all__ = ["BoardReport", "ReportOptions", "build_report_model", "issue_report",
           "issued_snapshot", "prepare_issue", "render_pdf"]
