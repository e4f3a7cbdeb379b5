"""The `boardpack` command: the composition root for the command line and the GUI.

This module and app/__main__.py are the only ones in app/ that import db/ or ui/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app import identity, paths
from app.domain import BoardpackError, ValidationError
from app.plain_text import terminal_safe
from app.services import Services
from app.validation import a_date


class PlanFiles:
    """Opening, creating and backing up plan files, for the window (which may not import db/)."""

    def __init__(self, author: str | None = None):
        self.author = author

    @property
    def schema_version(self) -> int:
        """The plan-file schema this version writes (older files are migrated up to it)."""
        from db.schema import SCHEMA_VERSION

        return SCHEMA_VERSION

    def open(self, path: str | Path, *, read_only: bool = False) -> Services:
        from db import store

        if Path(path).absolute() == paths.bundled_sample().absolute():
            read_only = True  # the installed original stays pristine; users edit their copy
        opened = store.open_store(path, author=self.author, read_only=read_only)
        if not opened.read_only:
            from db import backups

            if _changed_since_backup(opened.path, backups.list_backups(opened.path)):
                backups.take(opened.path, reason="on-open")
        return Services.over(opened)

    def create(self, path: str | Path) -> Services:
        from db import store

        return Services.over(store.create(path, author=self.author))

    def backups(self, path: str | Path) -> list[tuple[Path, str]]:
        from db import backups

        return [(p, backups.describe(p)) for p in backups.list_backups(Path(path).absolute())]

    def restore_backup(self, backup: Path, plan: Path) -> None:
        """Replace `plan` by `backup`, keeping a backup of the plan as it was."""
        from db import backups

        tmp = plan.with_suffix(plan.suffix + ".restoring")
        shutil.copy2(backup, tmp)  # first: pruning below must not take the chosen backup
        backups.take(plan, reason="before-restore", spare=backup)
        tmp.replace(plan)

    def ensure_user_sample(self) -> Path:
        """The user's own copy of the sample plan, made on first start."""
        target = paths.user_sample_path()
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(paths.bundled_sample(), target)
        return target


def _changed_since_backup(plan: Path, existing: list[Path]) -> bool:
    return not existing or existing[0].stat().st_mtime < plan.stat().st_mtime


def _date(text: str) -> date:
    try:
        return a_date(text, "date")
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="boardpack",
                                description="Run a partnership board's plan and its reports.")
    p.add_argument("--version", action="version", version=f"boardpack {identity.VERSION}")
    sub = p.add_subparsers(dest="command")
    g = sub.add_parser("open", help="open the window (the default)")
    g.add_argument("file", nargs="?", help="a .boardpack plan file (default: the sample)")
    g.add_argument("--read-only", action="store_true")
    n = sub.add_parser("new", help="create an empty plan file")
    n.add_argument("file")
    n.add_argument("--title", help="also add a plan with this title")
    i = sub.add_parser("info", help="summarise a plan file")
    i.add_argument("file", nargs="?", help="default: your copy of the sample plan")
    i.add_argument("--meeting", type=_date, help="ratings at the meeting held on this date")
    s = sub.add_parser("sample", help="write a fresh copy of the sample plan")
    s.add_argument("out")
    b = sub.add_parser("build-sample", help="rebuild the sample plan from its YAML sources")
    b.add_argument("out", nargs="?", help="default: the bundled resources/sample file")
    _report_parser(sub)
    return p


def _report_parser(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("report", help="write the board report PDF (needs no display)")
    r.add_argument("file")
    which = r.add_mutually_exclusive_group(required=True)
    which.add_argument("--report", metavar="ID", help="a report's id (or its date, YYYY-MM-DD)")
    which.add_argument("--meeting", type=_date, metavar="DATE",
                       help="the report covering the meeting held on this date")
    r.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    r.add_argument("--summary", action="store_true", help="a RAG summary of every indicator")
    r.add_argument("--charts", action="store_true", help="a chart per indicator")
    r.add_argument("--contents", action="store_true", help="a contents page")
    r.add_argument("--draft", action="store_true", help="a DRAFT watermark")
    r.add_argument("--no-green", action="store_true",
                   help="leave Green and achieved items out of the summary and charts")
    r.add_argument("--suppress-below", type=int, metavar="N", nargs="?", const=5,
                   help="show counts below N (default 5) as <N")
    r.add_argument("--organisation", default="", metavar="NAME")
    r.add_argument("--logo", default="", metavar="PATH", help="a PNG or JPEG logo")
    r.add_argument("--letter", action="store_true", help="US Letter pages instead of A4")
    r.add_argument("--issue", action="store_true",
                   help="issue the report: store the PDF and a snapshot; it is then frozen")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and _is_plan_path(argv[0]):
        argv.insert(0, "open")  # a double-click: the desktop passes the file alone
    args = _parser().parse_args(argv)
    command = args.command or "open"
    try:
        if command == "open":
            return _gui(getattr(args, "file", None), getattr(args, "read_only", False))
        return COMMANDS[command](args)
    except BoardpackError as exc:
        print(terminal_safe(f"boardpack: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def _is_plan_path(arg: str) -> bool:
    """A file the desktop hands over (`boardpack FILE`), as opposed to a command or option."""
    return not arg.startswith("-") and arg not in (*COMMANDS, "open") and (
        arg.lower().endswith(identity.FILE_EXTENSION) or Path(arg).is_file())


def _new(args: argparse.Namespace) -> int:
    services = PlanFiles().create(args.file)
    try:
        if args.title:
            services.plans.create_plan(args.title)
    finally:
        services.close()
    print(f"Created {args.file}")
    return 0


def _info(args: argparse.Namespace) -> int:
    from app.info import summary

    files = PlanFiles()
    services = files.open(args.file or files.ensure_user_sample(), read_only=True)
    try:
        print(terminal_safe(summary(services, args.meeting)))
    finally:
        services.close()
    return 0


def _sample(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists():
        print(f"boardpack: {out}: already exists; choose another name.", file=sys.stderr)
        return 2
    shutil.copyfile(paths.bundled_sample(), out)
    print(f"Wrote the sample plan to {out}")
    return 0


def _build_sample(args: argparse.Namespace) -> int:
    from app import sample_builder
    from db import store

    out = Path(args.out) if args.out else paths.bundled_sample()
    tmp = out.with_name(out.name + ".building")
    tmp.unlink(missing_ok=True)
    built = store.create(tmp, author="Boardpack sample builder")
    try:
        sample_builder.build(built, progress=lambda key: print(f"building {key}"))
    finally:
        built.close()
    tmp.replace(out)
    print(f"Wrote {out}")
    return 0


def _gui(file: str | None, read_only: bool) -> int:
    from ui.application import run

    return run(PlanFiles(), file, read_only=read_only)


def _report(args: argparse.Namespace) -> int:
    from app.report.cli import write_report

    services = PlanFiles().open(args.file, read_only=not args.issue)
    try:
        print(write_report(services, args))
    finally:
        services.close()
    return 0


COMMANDS = {"new": _new, "info": _info, "sample": _sample, "build-sample": _build_sample,
            "report": _report}

if __name__ == "__main__":
    sys.exit(main())
