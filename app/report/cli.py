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
from app.services import Services


def options_from(args: argparse.Namespace) -> ReportOptions:
    return ReportOptions(
        summary=args.summary, charts=args.charts, contents=args.contents, draft=args.draft,
        include_green=not args.no_green, suppress_small=args.suppress_below is not None,
        suppress_threshold=args.suppress_below or 5, organisation=args.organisation,
        logo=args.logo, page_size="Letter" if args.letter else "A4")


def find_report(services: Services, text: str) -> Report:
    try:
        return services.reports.report(text)
    except NotFoundError:
        pass
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    found = [r for r in services.reports.reports() if day and r.report_date == day]
    if len(found) == 1:
        return found[0]
    known = "; ".join(f"{r.id} ({r.report_date or 'no date'}: {r.title})"
                      for r in services.reports.reports()) or "none"
    raise ValidationError(f"No single report '{text}' in this file. Reports: {known}.")


def request_from(services: Services, args: argparse.Namespace) -> ExportRequest:
    """The export the arguments ask for (a report by id or date, or a meeting by date)."""
    report_id = meeting_id = None
    if args.report:
        report_id = find_report(services, args.report).id
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
