"""The `boardpack` command: the composition root for the command line and the GUI.

This module and app/__main__.py are the only ones in app/ that import db/ or ui/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from app import identity, logs, paths
from app.domain import BoardpackError, ValidationError
from app.file_versions import UpdateNotice
from app.plain_text import terminal_safe
from app.services import Services
from app.validation import a_date


class PlanFiles:
    """Opening, creating and backing up plan files, for the window (which may not import db/)."""

    def __init__(self, author: str | None = None):
        self.author = author
        self._warned: set[Path] = set()
        self._warnings: list[str] = []

    @property
    def schema_version(self) -> int:
        """The plan-file schema this version writes (older files are migrated up to it)."""
        from db.schema import SCHEMA_VERSION

        return SCHEMA_VERSION

    def open(self, path: str | Path, *, read_only: bool = False,
             confirm_update: Callable[[UpdateNotice], bool] | None = None) -> Services:
        """Open a plan file. An older file is updated after a backup is taken; with
        `confirm_update`, only if it answers yes (else PlanFileError UPDATE_DECLINED)."""
        from db import store

        if Path(path).absolute() == paths.bundled_sample().absolute():
            read_only = True  # the installed original stays pristine; users edit their copy
        opened = store.open_store(path, author=self.author, read_only=read_only,
                                  confirm_update=confirm_update)
        if not opened.read_only:
            self._backup_on_open(opened.path)
        return Services.over(opened)

    def _backup_on_open(self, plan: Path) -> None:
        """A failed on-open backup never stops the plan opening: it is said once."""
        from db import backups

        try:
            if _changed_since_backup(plan, backups.list_backups(plan)):
                taken = backups.take(plan, reason="on-open")
                if taken.parent != backups.backup_dir(plan):
                    self._warn_once(plan, f"Backups of {plan.name} cannot be written beside "
                                    f"it, so they are kept in {taken.parent}.")
        except (BoardpackError, OSError) as exc:
            self._warn_once(plan, f"No backup of {plan.name} could be taken on opening it: "
                            f"{getattr(exc, 'detail', exc)} The plan is open as usual.")

    def _warn_once(self, plan: Path, message: str) -> None:
        if plan not in self._warned:
            self._warned.add(plan)
            self._warnings.append(message)

    def take_warnings(self) -> list[str]:
        """Warnings from the last opens (each said once), for the window to show."""
        out, self._warnings = self._warnings, []
        return out

    def create(self, path: str | Path) -> Services:
        from db import store

        return Services.over(store.create(path, author=self.author))

    def recover(self, path: str | Path) -> None:
        """Recover a file left half-saved by a crash (PlanFileError NEEDS_RECOVERY)."""
        from db import plan_file

        plan_file.recover(path)

    def backups(self, path: str | Path) -> list[tuple[Path, str]]:
        """This plan's backups, newest first, each with its date, size and check result."""
        from db import backups

        return [(b.path, b.describe()) for b in backups.inspect(Path(path).absolute())]

    def restore_backup(self, backup: Path, plan: Path) -> None:
        """Replace `plan` by `backup`, keeping a backup of the plan as it was. Refuses a
        backup that is not sound."""
        from app import atomic_write
        from db import backups, soundness

        soundness.check_rows(backup)  # every page, the schema, then every row
        tmp = plan.with_suffix(plan.suffix + ".restoring")
        # First: pruning below must not take the chosen backup.
        atomic_write.write_checked(tmp, lambda t: shutil.copyfile(backup, t), backups.check,
                                   mode=backups.permissions_of(plan))
        try:
            backups.take(plan, reason="before-restore", spare=backup)
        except BoardpackError:
            # The plan as it is cannot be backed up as sound (it is damaged, most likely:
            # why it is being restored). Keep it beside the plan under a name that says so.
            _set_aside(plan)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(plan)

    def ensure_user_sample(self) -> Path:
        """The user's own copy of the sample plan, made on first start."""
        target = paths.user_sample_path()
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(paths.bundled_sample(), target)
        return target


def _set_aside(plan: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = plan.with_name(f"{plan.stem} (replaced by a backup {stamp}Z){plan.suffix}")
    plan.replace(aside)
    return aside


def _changed_since_backup(plan: Path, existing: list[Path]) -> bool:
    return not existing or existing[0].stat().st_mtime < plan.stat().st_mtime


def _date(text: str) -> date:
    try:
        return a_date(text, "date")
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)") from None


def _open_arguments(g: argparse.ArgumentParser) -> None:
    g.add_argument("file", nargs="?", help="a .boardpack plan file (default: the sample)")
    g.add_argument("--read-only", action="store_true")


def _parse(argv: list[str]) -> argparse.Namespace:
    """The window's start reads only `open`'s own arguments: building every command's parser
    (and importing their modules) would delay the first paint."""
    if not argv or argv[0] == "open":
        g = argparse.ArgumentParser(prog="boardpack open")
        _open_arguments(g)
        args = g.parse_args(argv[1:])
        args.command = "open"
        return args
    return _parser().parse_args(argv)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="boardpack",
                                description="Run a partnership board's plan and its reports.")
    p.add_argument("--version", action="version", version=f"boardpack {identity.VERSION}")
    sub = p.add_subparsers(dest="command")
    _open_arguments(sub.add_parser("open", help="open the window (the default)"))
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
    b.add_argument("--force", action="store_true",
                   help="replace an existing file (a backup copy of it is taken first)")
    c = sub.add_parser("recover", help="recover a plan file left half-saved by a crash")
    c.add_argument("file")
    _report_parser(sub)
    from app.importer.cli import add_export_parser, add_returns_parser, add_tracker_parser
    from app.importer.cli import add_parser as _import_parser

    _import_parser(sub)
    add_returns_parser(sub, _date)
    from app import questions_cli

    questions_cli.add_parser(sub, _date)
    for writing in ("report", "import"):
        sub.choices[writing].add_argument(
            "--yes", action="store_true",
            help="update a plan file saved by an older Boardpack without asking (colleagues "
                 "on that version can then no longer open it; a backup is kept either way)")
    from app.meeting_cli import add_parser as _meeting_parser
    from app.meeting_pack_cli import add_parsers as _meeting_pack_parsers

    _meeting_pack_parsers(sub, _date)
    _meeting_parser(sub)
    add_export_parser(sub)
    add_tracker_parser(sub)
    return p


def _report_parser(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("report", help="write the board report PDF, or web page for OUT.html "
                       "(needs no display)")
    r.add_argument("file")
    which = r.add_mutually_exclusive_group(required=True)
    which.add_argument("--report", metavar="ID", help="a report's id, its date (YYYY-MM-DD) or "
                       "its title")
    which.add_argument("--meeting", type=_date, metavar="DATE",
                       help="the report covering the meeting held on this date")
    r.add_argument("-o", "--output", required=True, metavar="OUT.pdf",
                   help="where to write it: a web page if it ends .html or .htm, else a PDF")
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
    r.add_argument("--superseded", action="store_true",
                   help="write a report a corrected version has superseded")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and _is_plan_path(argv[0]):
        argv.insert(0, "open")  # a double-click: the desktop passes the file alone
    args = _parse(argv)
    command = args.command or "open"
    if command != "open":  # the window starts its log once it has painted
        logs.start(f"command line: {command}")
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
    except OSError as exc:
        name = exc.filename or "boardpack"
        print(terminal_safe(f"boardpack: {name}: {exc.strerror or exc}"), file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: said in one line, written to the log in full
        log = logs.unexpected(exc, f"boardpack {command}")
        print(terminal_safe(f"boardpack: unexpected error: {type(exc).__name__}: {exc}\n"
                            f"The details are in {log}"), file=sys.stderr)
        return 3


def _is_plan_path(arg: str) -> bool:
    """A file the desktop hands over (`boardpack FILE`), as opposed to a command or option."""
    return not arg.startswith("-") and arg not in (*COMMANDS, "open") and (
        arg.lower().endswith(identity.FILE_EXTENSION) or Path(arg).is_file())


def _new(args: argparse.Namespace) -> int:
    services = PlanFiles().create(args.file)
    try:
        if args.title:
            services.plans.create_plan(args.title)
    except BaseException:
        services.close()
        Path(args.file).unlink(missing_ok=True)  # no half-made plan left behind
        raise
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
    from db import backups, store

    out = Path(args.out) if args.out else paths.bundled_sample()
    if out.exists() and not args.force:
        print(f"boardpack: {out}: already exists; give another name, or --force to replace "
              "it (a backup copy is taken first).", file=sys.stderr)
        return 2
    tmp = out.with_name(out.name + ".building")
    tmp.unlink(missing_ok=True)
    built = store.create(tmp, author="Boardpack sample builder")
    try:
        sample_builder.build(built, progress=lambda key: print(f"building {key}"))
    except BaseException:
        built.close()
        tmp.unlink(missing_ok=True)
        raise
    built.close()
    if out.exists():
        _replace_checked(out, tmp, backups)
    else:
        tmp.replace(out)
    print(f"Wrote {out}")
    return 0


def _replace_checked(out: Path, built: Path, backups) -> None:
    """Replace `out` by `built` after a backup of `out`, unless `out` is open for editing."""
    from db import file_lock

    try:
        lock = file_lock.acquire(out)
    except file_lock.LockHeld:
        built.unlink(missing_ok=True)
        raise BoardpackError(f"{out}: it is open for editing in Boardpack; close it first."
                             ) from None
    try:
        taken = backups.take(out, reason="before-build-sample")
        print(f"Kept a backup of the previous file: {taken}")
        built.replace(out)
    finally:
        lock.release()


def _recover(args: argparse.Namespace) -> int:
    PlanFiles().recover(args.file)
    print(f"Recovered {args.file}")
    return 0


def _gui(file: str | None, read_only: bool) -> int:
    from ui.application import run

    return run(PlanFiles(), file, read_only=read_only)


def _update_if(yes: bool) -> Callable[[UpdateNotice], bool]:
    """The command line's answer to "update this older file?": --yes, said on stderr."""

    def answer(notice: UpdateNotice) -> bool:
        print(terminal_safe(f"boardpack: {notice.consequence()}\n{notice.kept()}\n"
                            + ("Updating it (--yes)." if yes else
                               "Not updated: run the command again with --yes to update it.")),
              file=sys.stderr)
        return yes

    return answer


def _report(args: argparse.Namespace) -> int:
    from app.report.cli import write_report

    services = PlanFiles().open(args.file, read_only=not args.issue,
                                confirm_update=_update_if(args.yes))
    try:
        print(write_report(services, args))
    finally:
        services.close()
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.importer.cli import run_import

    services = PlanFiles().open(args.file, read_only=args.dry_run,
                                confirm_update=_update_if(args.yes))
    try:
        text, ok = run_import(services, args)
    finally:
        services.close()
    print(terminal_safe(text), file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 2


def _returns(args: argparse.Namespace) -> int:
    from app.importer.cli import write_returns

    services = PlanFiles().open(args.file, read_only=True)
    try:
        print(terminal_safe(write_returns(services, args)))
    finally:
        services.close()
    return 0


def _questions(args: argparse.Namespace) -> int:
    from app import questions_cli

    services = PlanFiles().open(args.file, read_only=not questions_cli.writes(args))
    try:
        print(terminal_safe(questions_cli.run(services, args)))
    finally:
        services.close()
    return 0


def _meeting_command(args: argparse.Namespace) -> int:
    from app import meeting_pack_cli

    run = {"due": meeting_pack_cli.due_text, "changes": meeting_pack_cli.changes_text,
           "brief": meeting_pack_cli.write_brief}[args.command]
    services = PlanFiles().open(args.file, read_only=True)
    try:
        print(terminal_safe(run(services, args)), end="" if args.command != "brief" else "\n")
    finally:
        services.close()
    return 0


def _export_figures(args: argparse.Namespace) -> int:
    from app.importer.cli import export_figures

    services = PlanFiles().open(args.file, read_only=True)
    try:
        print(terminal_safe(export_figures(services, args)))
    finally:
        services.close()
    return 0


def _meeting(args: argparse.Namespace) -> int:
    from app.meeting_cli import run_meeting

    services = PlanFiles().open(args.file)
    try:
        print(terminal_safe(run_meeting(services, args)))
    finally:
        services.close()
    return 0


def _import_tracker(args: argparse.Namespace) -> int:
    """Read and check the tracker before the plan file is opened or created: a bad tracker
    leaves no file behind, and an existing one untouched."""
    from app.atomic_write import write_checked
    from app.importer.cli import tracker_summary
    from app.importer.tracker import read_tracker, template_bytes

    if args.template:
        write_checked(Path(args.template), lambda tmp: tmp.write_bytes(template_bytes()))
        print(f"Wrote the tracker template to {args.template}")
        return 0
    if not args.tracker:
        raise ValidationError("Name the tracker to import (or --template OUT.xlsx).")
    tracker = read_tracker(args.tracker)
    path = Path(args.file)
    files = PlanFiles()
    services = files.open(path) if path.exists() else files.create(path)
    try:
        plan = services.imports.plan_from_tracker(tracker)
        print(terminal_safe(tracker_summary(services, plan.id, Path(args.tracker).name)))
    finally:
        services.close()
    return 0


COMMANDS = {"new": _new, "info": _info, "sample": _sample, "build-sample": _build_sample,
            "report": _report, "recover": _recover, "import": _import,
            "returns": _returns, "questions": _questions, "due": _meeting_command,
            "changes": _meeting_command, "brief": _meeting_command, "meeting": _meeting,
            "export-figures": _export_figures, "import-tracker": _import_tracker}

if __name__ == "__main__":
    sys.exit(main())
