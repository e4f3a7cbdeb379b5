"""Board report PDF timings against the budgets in DESIGN.md (median of several runs).

    .venv/bin/python benchmarks/bench_report.py [--runs N] [--large-runs N] [--matplotlib]

- the sample's May 2019 report with every option (budget 3 s);
- a large generated plan (app.generator: 2,000 nodes, 1,000 indicators, 10 years) with a
  chart per indicator (budget 30 s);
- the check before issuing a report written for a meeting (app.report.pre_issue), on the
  sample and on the large plan (no budget of its own; it runs when the user asks);
- with --matplotlib (optional; skipped if it is not installed): the same charts drawn as
  matplotlib PNGs, in the same run, as a ratio to the vector charts.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.report import ReportOptions, build_report_model, render_pdf  # noqa: E402
from app.services import Services  # noqa: E402
from benchmarks.common import measure  # noqa: E402
from db import store as db_store  # noqa: E402

SAMPLE = ROOT / "resources" / "sample" / "sample.boardpack"





def line(what: str, seconds: float, budget: float | None) -> None:
    verdict = "" if budget is None else ("  ok" if seconds <= budget else "  OVER BUDGET")
    shown = f"budget {budget:.1f} s" if budget is not None else ""
    print(f"{what:<58} {seconds:8.3f} s  {shown}{verdict}")


def sample_services(tmp: Path) -> Services:
    target = tmp / "sample.boardpack"
    if SAMPLE.exists():
        shutil.copyfile(SAMPLE, target)
    else:  # until the bundled sample is built: the CYPP 2018-23 plan from its YAML
        from app import sample_builder

        built = db_store.create(target, author="bench")
        sample_builder.build(built, [s for s in sample_builder.load_sources()
                                     if "2018" in s[0].name])
        built.close()
    return Services.over(db_store.open_store(target, read_only=True))


def bench_sample(tmp: Path, runs: int) -> None:
    services = sample_services(tmp)
    report = next((r for r in services.reports.reports() if r.report_date
                   and r.report_date.isoformat() == "2019-05-24"), None)
    if report is None:
        print("sample: no May 2019 report in the sample yet; skipped")
        return
    opts = ReportOptions(summary=True, charts=True, contents=True, draft=True,
                         suppress_small=True, organisation="Oxfordshire Children's Trust")

    def once() -> bytes:
        return render_pdf(build_report_model(services, report.id, options=opts), opts)

    once()  # warm-up: font registration, imports
    t, pdf = measure(once, runs)
    line(f"sample May 2019 report, all options ({len(pdf) // 1024} KB)", t, 3.0)
    services.close()
    writable = Services.over(db_store.open_store(tmp / "sample.boardpack"))
    bench_check(writable, "sample", report.meeting_ids, runs)
    writable.close()


def bench_check(services: Services, what: str, meeting_ids: list[str], runs: int) -> None:
    """The check before issuing a report written for these meetings."""
    from app.report.pre_issue import issue_check

    plan_id = services.assessments.meeting(meeting_ids[0]).plan_id
    report = services.reports.new_report(plan_id, meeting_ids, title="Benchmark report")
    t, missing = measure(lambda: issue_check(services, report.id), runs)
    line(f"{what}: check before issuing ({len(missing)} things missing)", t, None)


def bench_large(tmp: Path, runs: int, with_matplotlib: bool) -> None:
    try:
        from app.generator import generate
    except ImportError:
        print("large plan: app.generator is not there yet; skipped")
        return
    path = tmp / "large.boardpack"
    store = db_store.create(path, author="bench")
    t0 = time.perf_counter()
    generate(store)
    print(f"{'(generating the large plan)':<58} {time.perf_counter() - t0:8.3f} s")
    services = Services.over(store)
    meeting = services.assessments.meetings()[0]
    opts = ReportOptions(charts=True, summary=True)
    t_model, model = measure(
        lambda: build_report_model(services, meeting_id=meeting.id, options=opts), 1)
    line(f"  of which the model ({len(model.charts)} charts)", t_model, None)
    t_render, pdf = measure(lambda: render_pdf(model, opts), runs)
    line("  of which rendering the PDF", t_render, None)
    line(f"large plan, a chart per indicator ({len(pdf) // 1024} KB)", t_model + t_render,
         30.0)
    if with_matplotlib:
        bench_matplotlib(model.charts, t_render, runs)
    bench_check(services, "large plan", [meeting.id], runs)
    services.close()


def bench_matplotlib(specs: list, vector_seconds: float, runs: int) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib: not installed (optional extra); comparison skipped")
        return
    import io

    def draw_all() -> int:
        total = 0
        for spec in specs:
            fig, ax = plt.subplots(figsize=(6.9, 2.1), dpi=150)
            xs = [p.index for p in spec.actuals if p.value is not None]
            ys = [p.value for p in spec.actuals if p.value is not None]
            ax.plot(xs, ys, marker="o", markersize=3)
            for t in spec.targets:
                ax.hlines(t.low, t.index - 0.5, t.index + 0.5, colors="#333333")
            for s in spec.comparators:
                ax.plot([p.index for p in s.points], [p.value for p in s.points],
                        linestyle="--")
            ax.set_xticks(range(len(spec.categories))[:: max(1, len(spec.categories) // 10)])
            buf = io.BytesIO()
            fig.savefig(buf, format="png")
            plt.close(fig)
            total += len(buf.getvalue())
        return total

    t, _ = measure(draw_all, max(1, runs // 2))
    line(f"matplotlib PNGs of the same {len(specs)} charts", t, None)
    print(f"{'  ratio matplotlib PNG / whole vector PDF':<58} {t / vector_seconds:8.2f} x")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5, help="runs of the sample report")
    p.add_argument("--large-runs", type=int, default=3, help="runs of the large report")
    p.add_argument("--matplotlib", action="store_true")
    p.add_argument("--skip-large", action="store_true")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        bench_sample(Path(tmp), args.runs)
        if not args.skip_large:
            bench_large(Path(tmp), args.large_runs, args.matplotlib)


if __name__ == "__main__":
    main()
