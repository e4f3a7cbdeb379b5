"""`boardpack due`, `boardpack changes` and `boardpack brief`: preparing a meeting from the
command line, for secretaries who script their packs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.domain import Meeting
from app.services import Services


def add_parsers(sub: argparse._SubParsersAction, meeting_date: Callable[[str], date]) -> None:
    helps = {"due": "list the figures due for a meeting, by lead organisation",
             "changes": "list what changed since the plan's previous meeting",
             "brief": "write the chair's pre-meeting brief PDF"}
    for name, text in helps.items():
        p = sub.add_parser(name, help=text)
        p.add_argument("file")
        p.add_argument("--meeting", required=True, type=meeting_date, metavar="DATE",
                       help="the meeting's date (21/03/2019, 2019-03-21, 21 March 2019, …)")
        p.add_argument("--plan", metavar="PLAN",
                       help="the plan's short name, where several plans meet that day")
        if name == "brief":
            p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")


def _meeting(services: Services, args: argparse.Namespace) -> Meeting:
    return services.pack.meeting_on(args.meeting, args.plan)


def due_text(services: Services, args: argparse.Namespace) -> str:
    return services.pack.due(_meeting(services, args)).text()


def changes_text(services: Services, args: argparse.Namespace) -> str:
    return services.pack.changes(_meeting(services, args)).text()


def write_brief(services: Services, args: argparse.Namespace) -> str:
    from app.report.atomic_file import write_atomically
    from app.report.brief import render_brief

    pack = services.pack.pack(_meeting(services, args))
    written = write_atomically(Path(args.output), render_brief(pack))
    return f"Wrote the brief for the meeting on {pack.meeting.held_on:%d/%m/%Y} to {written}"
