"""`boardpack meeting add|edit|delete FILE --plan PLAN --date DATE …`: a secretary's meetings
from a script. Everything is checked before anything is written; a problem is a
ValidationError naming it (exit 2, the file untouched)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from app.dates import long_date
from app.domain import Meeting, Node, Plan, ValidationError
from app.validation import a_date, optional_date

if TYPE_CHECKING:
    from app.services import Services


def add_parser(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("meeting", help="add, edit or delete a meeting of the board")
    verbs = m.add_subparsers(dest="verb", required=True, metavar="add|edit|delete")
    add = verbs.add_parser("add", help="add a meeting")
    edit = verbs.add_parser("edit", help="change a meeting's date or details")
    delete = verbs.add_parser("delete", help="delete a meeting with its assessments and actions")
    for p in (add, edit, delete):
        p.add_argument("file", help="the .boardpack plan file")
        p.add_argument("--plan", required=True, metavar="PLAN",
                       help="the plan's short name (e.g. 'CYPP 2018-23', any case) or id")
        p.add_argument("--date", required=True, metavar="DATE",
                       help="the meeting's day, e.g. 20/06/2019 or 2019-06-20")
    edit.add_argument("--new-date", metavar="DATE", help="move the meeting to this day")
    for p in (add, edit):
        p.add_argument("--title", metavar="TEXT")
        p.add_argument("--papers-due", metavar="DATE",
                       help="the deadline for its papers ('' to clear it)")
        p.add_argument("--agenda-ref", metavar="TEXT", help="e.g. 'Item 7'")
        p.add_argument("--focus", metavar="REF",
                       help="the priority in focus, by its ref or title ('' for none)")
        p.add_argument("--discussed", metavar="TEXT", help="notes of what was discussed")
        p.add_argument("--force", action="store_true",
                       help="allow a day outside the plan's span")
    delete.add_argument("--yes", action="store_true", help="delete without asking")


def run_meeting(services: Services, args: argparse.Namespace) -> str:
    """Do what the arguments ask; returns the line to print."""
    plan = find_plan(services, args.plan)
    day = a_date(args.date, "date", "meeting's date")
    if args.verb == "add":
        fields = _fields(services, plan, args)
        _check_span(services, plan, day, args.force)
        services.assessments.add_meeting(plan.id, day, **fields)
        return f"Added the meeting of {long_date(day)} to {_name(plan)}."
    meeting = find_meeting(services, plan, day)
    if args.verb == "edit":
        changes = _fields(services, plan, args)
        if args.new_date is not None:
            changes["held_on"] = a_date(args.new_date, "new_date", "new date")
            _check_span(services, plan, changes["held_on"], args.force)
        if not changes:
            raise ValidationError("Nothing to change: give --new-date, --title, --papers-due, "
                                  "--agenda-ref, --focus or --discussed.")
        services.assessments.edit_meeting(meeting.id, **changes)
        return f"Changed the meeting of {long_date(changes.get('held_on', day))} of {_name(plan)}."
    what = services.meetings.describe_delete(meeting.id)
    if not args.yes and not _confirmed(what):
        raise ValidationError(f"{what} Nothing was deleted; add --yes to delete it.")
    services.assessments.delete_meeting(meeting.id)
    return f"Deleted the meeting of {long_date(day)} of {_name(plan)}."


def find_plan(services: Services, wanted: str) -> Plan:
    """A plan by its short name or title (any case) or its id."""
    plans = services.plans.plans()
    key = wanted.strip().casefold()
    found = [p for p in plans if p.id == wanted.strip()] or [
        p for p in plans if p.short_name.casefold() == key] or [
        p for p in plans if p.title.casefold() == key]
    if len(found) == 1:
        return found[0]
    known = ", ".join(f"'{_name(p)}'" for p in plans) or "none"
    if found:
        raise ValidationError(f"{len(found)} plans are called '{wanted}'; give the id of the "
                              f"one you mean ({', '.join(p.id for p in found)}).", field="plan")
    raise ValidationError(f"There is no plan '{wanted}' in this file. Its plans: {known}.",
                          field="plan")


def find_meeting(services: Services, plan: Plan, day: date) -> Meeting:
    meetings = services.assessments.meetings(plan.id)
    found = [m for m in meetings if m.held_on == day]
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(f"{_name(plan)} has {len(found)} meetings on {day:%d/%m/%Y} "
                              f"({', '.join(repr(m.title) for m in found)}); the window can "
                              "tell them apart.", field="date")
    held = ", ".join(f"{m.held_on:%d/%m/%Y}" for m in sorted(meetings, key=lambda m: m.held_on))
    raise ValidationError(f"{_name(plan)} has no meeting on {day:%d/%m/%Y}. Its meetings: "
                          f"{held or 'none'}.", field="date")


def _fields(services: Services, plan: Plan, args: argparse.Namespace) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in ("title", "agenda_ref", "discussed"):
        if getattr(args, name) is not None:
            fields[name] = getattr(args, name)
    if args.papers_due is not None:
        fields["papers_due"] = optional_date(args.papers_due, "papers_due", "papers deadline")
    if args.focus is not None:
        fields["focus_node_id"] = _focus(services, plan, args.focus)
    return fields


def _focus(services: Services, plan: Plan, wanted: str) -> str | None:
    if not wanted.strip():
        return None
    nodes: list[Node] = services.plans.nodes(plan.id)
    key = wanted.strip().casefold()
    found = [n for n in nodes if n.ref.casefold() == key] or [
        n for n in nodes if n.title.casefold() == key]
    if len(found) != 1:
        top = ", ".join(f"'{n.ref or n.title}'" for n in nodes if n.parent_id is None)
        raise ValidationError(f"No single item '{wanted}' in {_name(plan)} to focus on. Its "
                              f"priorities: {top or 'none'}.", field="focus")
    return found[0].id


def _check_span(services: Services, plan: Plan, day: date, force: bool) -> None:
    outside = services.meetings.outside_plan(plan.id, day)
    if outside and not force:
        raise ValidationError(f"{outside} Add --force to use that day anyway.", field="date")


def _confirmed(what: str) -> bool:
    if not sys.stdin.isatty():
        return False
    print(what, file=sys.stderr)
    return input("Delete it? [y/N] ").strip().lower() in ("y", "yes")


def _name(plan: Plan) -> str:
    return plan.short_name or plan.title
