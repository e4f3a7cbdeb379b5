"""Issuing a board report: build its model over the services, render it, and have the
report service freeze the PDF with the snapshot it was made from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.domain import Report, ValidationError
from app.report.model import BoardReport, build_report_model
from app.report.options import ReportOptions
from app.report.progress import Progress
from app.uk_time import as_utc

if TYPE_CHECKING:
    from app.services import Services


def check_can_issue(report: Report, options: ReportOptions) -> None:
    """Refuse to issue a report already issued, or one with the DRAFT watermark."""
    if report.issued:
        raise ValidationError(f"'{report.title}' was already issued on "
                              f"{report.issued_at:%d/%m/%Y}; it is frozen.")
    if options.draft:
        raise ValidationError("An issued report cannot carry the DRAFT watermark: "
                              "untick it to issue.")


def prepare_issue(services: Services, report_id: str, options: ReportOptions, *,
                  issued_at: datetime | None = None,
                  progress: Progress | None = None) -> BoardReport:
    """The model to render for issuing, stamped with the issue time (no writes).

    The export (app.report.export) renders it, possibly on a worker thread, then calls
    services.reports.record_issue where the store may be written.
    """
    check_can_issue(services.reports.report(report_id), options)
    model = build_report_model(services, report_id, options=options, progress=progress)
    model.created = as_utc(issued_at or datetime.now(UTC)).replace(microsecond=0).isoformat()
    model.issued = model.created
    model.renderer = renderer_version()
    return model


def renderer_version() -> str:
    """The PDF renderer and its version (without importing it)."""
    from importlib.metadata import version

    return f"reportlab {version('reportlab')}"


def issue_report(services: Services, report_id: str, options: ReportOptions | None = None,
                 render: Callable[[BoardReport, ReportOptions], bytes] | None = None, *,
                 issued_at: datetime | None = None) -> bytes:
    """Render the report, store the PDF with a JSON snapshot of its model, mark it issued.

    `render(model, options) -> bytes` defaults to app.report.render_pdf. Re-rendering the
    snapshot gives the same bytes (the PDF's creation date is the issue time, kept in the
    snapshot).
    """
    from app.report import render_pdf

    options = options or ReportOptions()
    model = prepare_issue(services, report_id, options, issued_at=issued_at)
    pdf = (render or render_pdf)(model, options)
    services.reports.record_issue(report_id, model, options, pdf)
    return pdf


def issued_snapshot(services: Services,
                    report_id: str) -> tuple[BoardReport, ReportOptions] | None:
    """(BoardReport, ReportOptions) as issued: the plan as the board saw it (None if the
    report was never issued). Rendering them again gives the issued PDF's bytes."""
    found = services.reports.issued_record(report_id)
    if not found:
        return None
    return (BoardReport.from_dict(found["snapshot"]),
            ReportOptions.from_dict(found["options"]))
