"""`boardpack report`: the board report PDF from the command line. Needs no display; never
imports ui/ or PySide6."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.domain import NotFoundError, Report, ValidationError
from app.report import ReportOptions, build_report_model, issue_report, render_pdf
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


def write_report(services: Services, args: argparse.Namespace) -> str:
    """Write the PDF; returns the line to print."""
    options = options_from(args)
    out = Path(args.output)
    report_id = meeting_id = None
    if args.report:
        report_id = find_report(services, args.report).id
    else:
        meeting = next((m for m in services.assessments.meetings()
                        if m.held_on == args.meeting), None)
        if meeting is None:
            raise ValidationError(f"No meeting was held on {args.meeting:%d/%m/%Y} in this file.")
        meeting_id = meeting.id
        covering = [r for r in services.reports.reports(meeting.plan_id)
                    if meeting.id in r.meeting_ids]
        report_id = covering[0].id if covering else None
    if report_id and services.reports.report(report_id).issued:
        if args.issue:
            raise ValidationError("That report was already issued; it is frozen.")
        out.write_bytes(services.reports.issued_pdf(report_id) or b"")
        print("The report was issued: writing the PDF exactly as issued (options ignored).",
              file=sys.stderr)
        return f"Wrote {out} (as issued)"
    if args.issue:
        if not report_id:
            raise ValidationError("Only a stored report can be issued; this meeting has none.")
        out.write_bytes(issue_report(services, report_id, options))
        return f"Issued the report and wrote {out}"
    model = build_report_model(services, report_id, meeting_id=meeting_id, options=options)
    out.write_bytes(render_pdf(model, options))
    return f"Wrote {out}"
