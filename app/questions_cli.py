"""`boardpack questions import FILE QUESTIONS.json` (the officer adds the chair's questions
to the plan) and `boardpack questions list FILE [--meeting DATE]` (questions for the meeting,
as text)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from app.domain import Meeting, NotFoundError

if TYPE_CHECKING:
    from app.services import Services


def add_parser(sub: argparse._SubParsersAction, meeting_date: Callable[[str], date]) -> None:
    q = sub.add_parser("questions", help="the chair's questions for officers")
    what = q.add_subparsers(dest="questions_command", required=True)
    i = what.add_parser("import", help="add the questions of a questions file to the plan")
    i.add_argument("file", help="the .boardpack plan file")
    i.add_argument("source", help="the questions file (.json) the chair exported")
    ls = what.add_parser("list", help="print the questions for a meeting")
    ls.add_argument("file", help="the .boardpack plan file")
    ls.add_argument("--meeting", type=meeting_date, metavar="DATE",
                    help="the meeting held on this date (default: questions with no meeting)")


def writes(args: argparse.Namespace) -> bool:
    return args.questions_command == "import"


def run(services: Services, args: argparse.Namespace) -> str:
    if args.questions_command == "import":
        added = services.questions.import_file(args.source)
        return (f"Added {added} question{'s' if added != 1 else ''} to {args.file}"
                if added else f"Nothing to add: every question is already in {args.file}")
    meeting_id = None
    if args.meeting is not None:
        found = [m for m in services.store.find(Meeting) if m.held_on == args.meeting]
        if not found:
            raise NotFoundError(f"no meeting held on {args.meeting:%d %B %Y} in {args.file}")
        meeting_id = found[0].id
    return services.questions.for_the_meeting(meeting_id).rstrip("\n")
