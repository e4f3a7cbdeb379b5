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


@contextlib.contextmanager
def writer_holding(path: Path) -> Iterator[subprocess.Popen]:
    """Another program holding the plan locked for writing (SQLite's exclusive lock), as a
    save stuck in mid-commit does, until the block ends."""
    proc = subprocess.Popen(_child(f"""
        import sqlite3, sys
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        print("holding", flush=True)
        sys.stdin.read()
        """), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield proc
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


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


def make_large_plan(path: Path, indicators: int = 250) -> None:
    """A generated plan of a few tens of MB (250 indicators: about 25 MB)."""
    from app import generator
    from db import store

    s = store.create(path)
    try:
        generator.generate(s, nodes=400, indicators=indicators, years=10)
    finally:
        s.close()


def kill_during_backups(plan: Path, folder: Path, kills: int, seed: int = 15
                        ) -> tuple[int, int]:
    """Start a process that takes backups of `plan` into `folder` one after another, and
    SIGKILL it while a copy is being written, `kills` times. After each kill, every backup
    Restore would list is checked sound. Returns (kills tried, kills that landed mid-copy:
    the dead process left its temporary file behind)."""
    import random
    import signal

    from app import atomic_write
    from db import backups

    rng = random.Random(seed)
    env = {**os.environ, "BOARDPACK_BACKUP_DIR": str(folder)}
    script = _child(f"""
        from pathlib import Path
        from db import backups
        while True:
            backups.take(Path({str(plan)!r}), reason="kill-test")
        """)
    start = time.perf_counter()
    backups.take(plan, reason="timing")  # how long one backup takes here
    one = time.perf_counter() - start
    verified: set[str] = set()
    landed = 0
    for _ in range(kills):
        proc = subprocess.Popen(script, env=env, cwd=ROOT)
        deadline = time.monotonic() + 30
        while not _partials(folder) and time.monotonic() < deadline:
            time.sleep(0.0005)
        # Mostly during the first copy, sometimes after one or two have been completed.
        time.sleep(rng.uniform(0, 2.5 * one))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = _partials(folder)
        landed += bool(left)
        atomic_write.clear_stale(folder)  # what the next backup does first
        assert not _partials(folder)
        listed = backups.list_backups(plan)
        assert len(listed) <= backups.KEEP
        for p in listed:
            assert not atomic_write.is_partial(p)
            if p.name not in verified:
                backups.check(p)  # raises if Restore would be offered a bad copy
                verified.add(p.name)
    return kills, landed


def _partials(folder: Path) -> list[Path]:
    from app import atomic_write

    try:
        return [p for p in folder.iterdir() if atomic_write.is_partial(p)]
    except FileNotFoundError:
        return []
