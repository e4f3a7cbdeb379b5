"""`boardpack report`: the board report PDF (or web page) from the command line. Needs no
display; never imports ui/ or PySide6."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.domain import NotFoundError, Report, ValidationError
from app.report import ReportOptions
from app.report.export import ExportRequest, plan_export
from app.report_service import report_status
from app.services import Services


def options_from(args: argparse.Namespace) -> ReportOptions:
    return ReportOptions(
        summary=args.summary, charts=args.charts, contents=args.contents, draft=args.draft,
        include_green=not args.no_green, suppress_small=args.suppress_below is not None,
        suppress_threshold=args.suppress_below or 5, organisation=args.organisation,
        logo=args.logo, page_size="Letter" if args.letter else "A4")


def find_report(services: Services, text: str, *, superseded: bool = False) -> Report:
    """The report named by its id, its date (YYYY-MM-DD) or its title. Where a date or
    title matches a report and its issued correction, the correction; a superseded report
    is refused unless `superseded` (then it is the one chosen)."""
    try:
        found = [services.reports.report(text)]
    except NotFoundError:
        found = []
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    reports = services.reports.reports()
    replaced = services.reports.superseded()
    if not found:
        found = [r for r in reports if (day and r.report_date == day)
                 or r.title.strip().casefold() == text.strip().casefold()]
        if len(found) > 1:
            found = ([r for r in found if r.id in replaced] if superseded
                     else [r for r in found if r.id not in replaced]) or found
    if len(found) == 1:
        report = found[0]
        if report.id in replaced and not superseded:
            raise ValidationError(
                f"'{report.title}' is {report_status(report, replaced[report.id])}; "
                "add --superseded to write it all the same.")
        return report
    known = "; ".join(f"{r.id} ({r.report_date or 'no date'}: {r.title}, "
                      f"{report_status(r, replaced.get(r.id))})" for r in reports) or "none"
    raise ValidationError(f"No single report '{text}' in this file. Reports: {known}.")


def request_from(services: Services, args: argparse.Namespace) -> ExportRequest:
    """The export the arguments ask for (a report by id or date, or a meeting by date)."""
    report_id = meeting_id = None
    if args.report:
        report_id = find_report(services, args.report,
                                superseded=getattr(args, "superseded", False)).id
    else:
        meeting = next((m for m in services.assessments.meetings()
                        if m.held_on == args.meeting), None)
        if meeting is None:
            raise ValidationError(f"No meeting was held on {args.meeting:%d/%m/%Y} in this file.")
        meeting_id = meeting.id
    return ExportRequest(Path(args.output), report_id, meeting_id, options_from(args),
                         issue=args.issue)


def write_report(services: Services, args: argparse.Namespace) -> str:
    """Write the PDF or web page (app.report.export decides what); returns the line to
    print."""
    export = plan_export(services, request_from(services, args))
    if export.note:
        print(export.note, file=sys.stderr)
    return export.run()
