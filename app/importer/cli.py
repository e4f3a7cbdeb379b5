"""`boardpack import FILE SOURCE`: the dry run's summary, then (unless --dry-run) the
import as one action. Exit 2 with nothing written while the dry run lists problems."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from app.domain import ValidationError

if TYPE_CHECKING:  # the parser is built at every start, the window's too: import on use
    from app.importer.mapping import Mapping
    from app.services import Services

_FIELD_NAMES = ("indicator, period, value, status, note, breakdown, target, raw_text, england, "
                "region, statistical_neighbours, top_quartile")


def add_parser(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("import", help="import figures from a spreadsheet (.xlsx .xls .ods .csv)")
    m.add_argument("file", help="the .boardpack plan file")
    m.add_argument("source", help="the spreadsheet")
    m.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    m.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    m.add_argument("--column", action="append", default=[], metavar="FIELD=LETTER",
                   help=f"which column holds a field ({_FIELD_NAMES}), e.g. value=D; "
                        "remembered for sheets with the same headers")
    m.add_argument("--header-row", type=int, metavar="N",
                   help="the row holding the headers (default: found, or 1 with --column)")


def add_returns_parser(sub: argparse._SubParsersAction, meeting_date) -> None:
    r = sub.add_parser("returns", help="write a data return workbook per lead organisation")
    r.add_argument("file", help="the .boardpack plan file")
    r.add_argument("--meeting", required=True, type=meeting_date, metavar="DATE",
                   help="the meeting the figures are due for")
    r.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write")


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export-figures", help="write every figure (or chosen indicators') to "
                       ".xlsx or .csv, in the layout `import` reads back")
    e.add_argument("file", help="the .boardpack plan file")
    e.add_argument("-o", "--output", required=True, metavar="OUT.xlsx|OUT.csv")
    e.add_argument("--indicator", action="extend", nargs="+", default=[], metavar="CODE",
                   help="only these indicators (code, ref or title)")
    e.add_argument("--plan", metavar="TITLE", help="only this plan's indicators (default: "
                   "every plan in the file)")


def export_figures(services: Services, args: argparse.Namespace) -> str:
    from pathlib import Path

    from app.domain import NotFoundError
    from app.importer.export import write_figures

    plan_id = None
    if args.plan:
        plans = [p for p in services.plans.plans()
                 if args.plan.strip().lower() in (p.title.lower(), p.short_name.lower())]
        if len(plans) != 1:
            raise NotFoundError(f"--plan {args.plan}: " + (
                "no plan of that title in this file." if not plans else
                f"{len(plans)} plans have that title."))
        plan_id = plans[0].id
    rows = services.imports.figures_to_export(plan_id, args.indicator)
    written = write_figures(Path(args.output), rows).commit()
    figures = sum(1 for r in rows if r.value is not None)
    return f"Wrote {written}: {figures} figure(s) of {len({r.indicator.id for r in rows})} " \
           "indicator(s)."


def add_tracker_parser(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("import-tracker", help="a new plan in FILE (created if need be) from a "
                       "tracker workbook in the layout of docs/tracker-layout.md")
    t.add_argument("file", help="the .boardpack plan file (new or existing)")
    t.add_argument("tracker", nargs="?", help="the tracker (.xlsx .xls .ods)")
    t.add_argument("--template", metavar="OUT.xlsx",
                   help="instead, write the blank tracker template (with an example) here")


def tracker_summary(services: Services, plan_id: str, tracker: str) -> str:
    from app.domain import Indicator, Node, Target

    store = services.store
    plan = services.plans.plan(plan_id)
    indicators = [i.id for i in store.find(Indicator, plan_id=plan_id)]
    targets = len(store.find_in(Target, "indicator_id", indicators))
    return (f"Added the plan '{plan.title}' to {store.path.name} from {tracker}: "
            f"{store.count(Node, plan_id=plan_id)} item(s), {len(indicators)} indicator(s), "
            f"{targets} target(s).")


def write_returns(services: Services, args: argparse.Namespace) -> str:
    from pathlib import Path

    from app.domain import NotFoundError
    from app.returns.make import write_returns as write

    meeting = services.assessments.meeting_on(args.meeting)
    if meeting is None:
        raise NotFoundError(f"There is no meeting on {args.meeting:%d/%m/%Y} in this file.")
    written = write(services, meeting.id, Path(args.output))
    return "\n".join(f"Wrote {p}" for p in written) or "No indicators are due."


def _with_columns(mapping: Mapping, choices: list[str]) -> Mapping:
    from app.importer.mapping import FIELDS, Mapping

    columns = dict(mapping.columns)
    for choice in choices:
        m = re.fullmatch(r"\s*(\w+)\s*=\s*([A-Za-z]{1,3})\s*", choice)
        if not m or m[1] not in FIELDS:
            raise ValidationError(f"--column {choice}: use FIELD=LETTER with a field of "
                                  f"{', '.join(FIELDS)}.", field="column")
        index = 0
        for ch in m[2].upper():
            index = index * 26 + ord(ch) - 64
        columns[m[1]] = index - 1
    return Mapping(mapping.header_row, columns)


def run_import(services: Services, args: argparse.Namespace) -> tuple[str, bool]:
    """(the summary, whether it was imported)."""
    from app.importer.mapping import Mapping
    from app.importer.summary import describe

    imports = services.imports
    sheet = imports.read(args.source, args.sheet)
    try:
        found = imports.mapping_for(args.source, sheet)
    except ValidationError:
        if not args.column:
            raise
        found = Mapping(0, {})  # the user names the columns
    if args.header_row:
        found = Mapping(args.header_row - 1, found.columns)
    mapping = _with_columns(found, args.column)
    run = imports.dry_run(args.source, sheet, mapping)
    if args.column:
        imports.remember(sheet, mapping)
    if args.dry_run or run.problems or not (run.entries or run.targets or run.comparators):
        return describe(run, limit=None), not run.problems
    imports.commit(run)
    return describe(run, limit=None, committed=True), True
