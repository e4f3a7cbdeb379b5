"""Preparing a meeting of the large generated plan: what changed since the previous meeting,
and the chair's pack (changes, what is due, the Red and Amber items, open actions), against
DESIGN.md's budget of 1 s each; the sample's March 2019 meeting beside them.

    .venv/bin/python benchmarks/bench_meeting.py [--runs N] [--plan FILE] [--nodes N ...]

The meeting is the generated plan's latest (its board rated about a third of the
indicators there); a second run takes a meeting being prepared (nothing recorded yet), where
the automatic ratings of every indicator stand in. Each is timed twice: from a cold read
(the command line) and as the window's dock refreshes it, from the snapshots the window has
read and rated already.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import (  # noqa: E402
    generated_plan,
    measure,
    private_user_folders,
    report,
    size_arguments,
)

BUDGET = 1.0


def bench(label: str, services, meeting, runs: int) -> None:
    def read_and_rate() -> int:
        view = services.read.plan_view(meeting.plan_id, meeting)
        return sum(s.rating is not None for s in view.snapshots.values())

    t, _n = measure(read_and_rate, runs)
    report(f"{label}: reference, read and rate every indicator", t, None, runs)
    t, changes = measure(lambda: services.pack.changes(meeting), runs)
    report(f"{label}: what changed ({sum(len(c) for _t, c in changes.sections())} changes)",
           t, BUDGET, runs)
    t, pack = measure(lambda: services.pack.pack(meeting), runs)
    report(f"{label}: chair's pack ({len(pack.items)} Red/Amber, "
           f"{len(pack.overdue)} overdue)", t, BUDGET, runs)
    t, _due = measure(lambda: services.pack.due(meeting), runs)
    report(f"{label}: what is due", t, None, runs)
    # In the window the plan's snapshots at the meeting are read already (its ratings): the
    # dock's refresh builds the pack from them.
    known = services.read.plan_view(meeting.plan_id, meeting).snapshots
    for snap in known.values():
        snap.rating  # noqa: B018 (rated, as the window's ratings are)
    t, changes = measure(lambda: services.pack.changes(meeting, known=known), runs)
    report(f"{label}: what changed, in the window (snapshots read)", t, BUDGET, runs)
    t, pack = measure(lambda: services.pack.pack(meeting, known=known), runs)
    report(f"{label}: chair's pack, in the window (snapshots read)", t, BUDGET, runs)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--plan", help="an existing generated plan (default: generate one)")
    size_arguments(ap)
    args = ap.parse_args()
    home = private_user_folders("boardpack-bench-meeting-")
    from app import paths
    from app.cli import PlanFiles

    sample = home / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), sample)
    services = PlanFiles(author="bench").open(sample, read_only=True)
    march = next(m for m in services.assessments.meetings() if str(m.held_on) == "2019-03-21")
    bench("sample, 21/03/2019", services, march, args.runs)
    services.close()

    path = Path(args.plan) if args.plan else home / "large.boardpack"
    if not args.plan:
        generated_plan(path, args)
    services = PlanFiles(author="bench").open(path)
    try:
        plan = services.plans.plans()[0]
        latest = max(services.assessments.meetings(plan.id), key=lambda m: m.held_on)
        bench(f"large plan, {latest.held_on:%d/%m/%Y}", services, latest, args.runs)
        coming = services.assessments.add_meeting(plan.id, latest.held_on + timedelta(days=91),
                                                  "Next meeting")
        bench(f"large plan, being prepared {coming.held_on:%d/%m/%Y}", services, coming,
              args.runs)
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
