"""Helpers for the fault-injection suite: plans to break, ways to break them, and ways to see
what a failure left behind."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from app.cli import PlanFiles, main
from app.domain import NodeKind
from db import file_lock

ROOT = Path(__file__).resolve().parents[2]
PAGE = 4096


def make_plan(path: Path) -> dict[str, str]:
    """A small plan with a tree, an indicator with figures, a meeting and an assessment."""
    services = PlanFiles(author="Test Officer").create(path)
    try:
        plan = services.plans.create_plan("Children and Young People's Plan 2018-23",
                                          period_start=date(2018, 4, 1),
                                          period_end=date(2023, 3, 31))
        priority = services.plans.add_node(plan.id, None, "Be Safe", ref="1",
                                           kind=NodeKind.PRIORITY)
        outcome = services.plans.add_node(plan.id, priority.id, "Fewer children in care",
                                          ref="1.1", kind=NodeKind.OUTCOME)
        ind = services.indicators.create_indicator("Children in care per 10,000",
                                                   node_id=outcome.id, code="NI 58",
                                                   unit="rate", rate_base=10_000,
                                                   period_type="fy")
        for year, value in ((2016, 61.0), (2017, 63.5), (2018, 66.0)):
            services.indicators.set_value(ind.id, f"fy:{year}", value)
        services.indicators.add_target(ind.id, "fy:2018", "at_most", 60.0)
        meeting = services.assessments.add_meeting(plan.id, date(2019, 3, 21), "Board")
        services.assessments.assess(meeting.id, ind.id, commentary="Rising; a review is due.")
        return {"plan": plan.id, "node": outcome.id, "indicator": ind.id,
                "meeting": meeting.id}
    finally:
        services.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lock_is_free(path: Path) -> bool:
    """No Boardpack window or process holds the plan's lock."""
    try:
        lock = file_lock.acquire(path)
    except file_lock.LockHeld:
        return False
    lock.release()
    return True


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run a `boardpack` command in this process: (exit code, stdout, stderr). An exception
    escaping main() fails the test, as a traceback would fail the user."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def cli_process(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run a `boardpack` command in a process of its own (for what might hang)."""
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def zero_page(path: Path, page: int) -> None:
    """Blank one page (1-based), as a failing disk or a bad sync might."""
    with path.open("r+b") as f:
        f.seek((page - 1) * PAGE)
        f.write(b"\0" * PAGE)


def page_count(path: Path) -> int:
    return path.stat().st_size // PAGE


def raw_sql(path: Path, *statements: str) -> None:
    """Change the file behind Boardpack's back (as another tool or damage might)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def _child(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


@contextlib.contextmanager
def reader_holding(path: Path, seconds: float) -> Iterator[subprocess.Popen]:
    """Another program holding a read transaction on the plan for `seconds`."""
    proc = subprocess.Popen(_child(f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM nodes").fetchone()
        print("holding", flush=True)
        time.sleep({seconds})
        conn.execute("COMMIT")
        """), stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield proc
    finally:
        proc.wait(timeout=seconds + 30)


def leave_hot_journal(path: Path) -> None:
    """A process that dies in the middle of saving a large change: the file is half-written
    and its -journal holds what it was (what a crash or power cut leaves)."""
    proc = subprocess.run(_child(f"""
        import os, sqlite3
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("PRAGMA cache_size = 2")  # spill changed pages to the file at once
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE nodes SET description = hex(randomblob(3000))")
        conn.execute("UPDATE change_log SET summary = hex(randomblob(3000))")
        os._exit(0)  # no COMMIT, no ROLLBACK: like a kill
        """), timeout=60)
    assert proc.returncode == 0


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A tmpfs of `size` mounted on `folder` (root only), unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                   check=True, capture_output=True)
    try:
        yield folder
    finally:
        for _ in range(20):
            if subprocess.run(["umount", str(folder)], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)  # something still has a file open there; wait for it to close


def fill(folder: Path) -> Path:
    """Fill the disk that holds `folder` to the last byte; returns the filler file."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for chunk in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while os.write(fd, b"\xff" * chunk):
                    pass
    finally:
        os.close(fd)
    return filler


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and Path("/bin/mount").exists()
