"""Import benchmark: 100,000 values from .xlsx (and the same from .csv) into the large plan,
and the data returns for every lead of the large plan at its last meeting (budget 10 s).

Prints the time to dry-run (read the file, its number formats, map, match, compare) and
to commit (one transaction through IndicatorService.enter_many), each beside its budget
(5 s), the CPU time of each (on a shared machine the wall time also counts waiting for a
core; the load average is printed too), and the process's peak memory after each.

    .venv/bin/python benchmarks/bench_import.py [--runs N] [--values N]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain import Indicator, Unit  # noqa: E402
from app.generator import generate  # noqa: E402
from app.periods import Period  # noqa: E402
from app.services import Services  # noqa: E402
from benchmarks.common import measure, report  # noqa: E402
from db import store as db_store  # noqa: E402

BUDGET = 5.0
RETURNS_BUDGET = 10.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rows(indicators: list[Indicator], n: int) -> list[list[object]]:
    """n figures for months after the generated plan's, percentages as fractions."""
    rows: list[list[object]] = []
    month = 0
    while len(rows) < n:
        period = Period.month(2024 + (month + 3) // 12, (month + 3) % 12 + 1).label
        for i, ind in enumerate(indicators):
            if len(rows) == n:
                break
            value: float = 40 + (i * 7 + month) % 50
            if ind.unit is Unit.PERCENT:
                value = value / 100
            note = "checked with the service" if i % 50 == 0 else None
            rows.append([ind.code, period, value, "[p]" if i % 97 == 0 else None, note])
        month += 1
    return rows


def write_xlsx(path: Path, indicators: list[Indicator], rows: list[list[object]]) -> None:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Figures")
    ws.append(["Return of figures, generated for the benchmark"])
    ws.append([])
    ws.append(["Indicator code", "Period", "Value", "Status", "Notes"])
    percent = {i.code for i in indicators if i.unit is Unit.PERCENT}
    for code, period, value, status, note in rows:
        cell = WriteOnlyCell(ws, value=value)
        if code in percent:
            cell.number_format = "0.0%"
        ws.append([code, period, cell, status, note])
    book.save(path)


def write_csv(path: Path, rows: list[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Indicator code", "Period", "Value", "Status", "Notes"])
        for code, period, value, status, note in rows:
            shown = f"{value * 100:g}%" if isinstance(value, float) and value < 1 else value
            out.writerow([code, period, shown, status or "", note or ""])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--values", type=int, default=100_000)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="boardpack-bench-import-"))
    os.environ.setdefault("BOARDPACK_BACKUP_DIR", str(folder / "backups"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")  # remembered layouts
    plan = folder / "large.boardpack"
    s = db_store.create(plan, author="bench")
    made = generate(s)
    indicators = sorted(s.find(Indicator), key=lambda i: i.code)
    s.close()
    print(f"large plan: {made.indicators} indicators, {made.values:,} values")
    rows = _rows(indicators, args.values)
    xlsx, text = folder / "return.xlsx", folder / "return.csv"
    start = time.perf_counter()
    write_xlsx(xlsx, indicators, rows)
    write_csv(text, rows)
    print(f"wrote {len(rows):,} rows as .xlsx ({xlsx.stat().st_size / 1e6:.1f} MB) and .csv "
          f"in {time.perf_counter() - start:.1f} s")

    for source in (xlsx, text):
        services = Services.over(db_store.open_store(plan, read_only=True))

        def dry_run(source: Path = source, services: Services = services):
            sheet = services.imports.read(source)
            mapping = services.imports.mapping_for(source, sheet)
            return services.imports.dry_run(source, sheet, mapping)

        cpu = time.process_time()
        t, run = measure(dry_run, args.runs)
        cpu = (time.process_time() - cpu) / args.runs
        services.close()
        assert not run.problems and len(run.entries) == len(rows), run.problems[:3]
        report(f"dry run, {len(rows):,} values from {source.suffix}", t, BUDGET, args.runs)
        print(f"  CPU {cpu:.2f} s a run; peak memory so far {_peak_mb():.0f} MB; "
              f"load average {os.getloadavg()[0]:.1f}")

        times, cpus = [], []
        for n in range(args.runs):
            copy = folder / f"commit-{source.suffix[1:]}-{n}.boardpack"
            shutil.copyfile(plan, copy)
            services = Services.over(db_store.open_store(copy))
            start, cpu = time.perf_counter(), time.process_time()
            services.imports.commit(run)
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
            services.close()
        times.sort()
        cpus.sort()
        report(f"commit, {len(rows):,} values from {source.suffix} (one transaction)",
               times[len(times) // 2], BUDGET, args.runs)
        print(f"  CPU {cpus[len(cpus) // 2]:.2f} s (median); peak memory so far "
              f"{_peak_mb():.0f} MB; load average {os.getloadavg()[0]:.1f}")
    services = Services.over(db_store.open_store(plan, read_only=True))
    meeting = max(services.assessments.meetings(), key=lambda m: m.held_on)

    def returns():
        from app.returns.make import write_returns

        out = folder / "returns"
        shutil.rmtree(out, ignore_errors=True)
        return write_returns(services, meeting.id, out)

    t, written = measure(returns, args.runs)
    services.close()
    report(f"data returns for every lead ({len(written)} workbooks)", t, RETURNS_BUDGET,
           args.runs)
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
