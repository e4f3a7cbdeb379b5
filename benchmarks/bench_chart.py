"""Chart benchmark: select an indicator -> chart drawn, on the large generated plan.

Times `IndicatorPanel.show_indicator(id)` through to the chart's plot items updated and
the events processed (figures grid included), for indicators with 10 years of monthly
values; also the parts: building the ChartSpec, and `IndicatorChart.set_spec` alone.

    .venv/bin/python benchmarks/bench_chart.py [--runs N] [--plan FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.generator import generate  # noqa: E402
from app.services import Services  # noqa: E402
from benchmarks.common import report  # noqa: E402
from db import store as db_store  # noqa: E402

BUDGET = 0.050


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15, help="indicators selected in turn")
    ap.add_argument("--plan", help="an existing generated plan (default: generate one)")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="boardpack-bench-chart-"))
    os.environ.setdefault("BOARDPACK_BACKUP_DIR", str(folder / "backups"))
    if args.plan:
        path = Path(args.plan)
    else:
        path = folder / "large.boardpack"
        start = time.perf_counter()
        s = db_store.create(path, author="bench")
        made = generate(s, nodes=2000, indicators=1000, years=10)
        s.close()
        report(f"generate ({made.indicators} indicators, {made.values} values)",
               time.perf_counter() - start)

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from ui.indicator_panel import IndicatorPanel

    app = QApplication.instance() or QApplication([])
    store = db_store.open_store(path, author="bench")
    services = Services.over(store)
    indicators = services.indicators.indicators()
    counts = {i.id: store.count(type(services.indicators.values(i.id)[0]), indicator_id=i.id)
              for i in indicators[:200] if services.indicators.values(i.id)}
    chosen = sorted(counts, key=counts.get, reverse=True)[: args.runs + 1]
    print(f"indicators timed: {len(chosen)}, values each: "
          f"{min(counts[i] for i in chosen)}-{max(counts[i] for i in chosen)}")

    panel = IndicatorPanel(services, QUndoStack())
    panel.resize(1000, 760)
    panel.show()
    app.processEvents()
    panel.show_indicator(chosen[0])  # warm-up: first paint, caches
    app.processEvents()

    select, spec_times, draw_times = [], [], []
    for ind in chosen[1:]:
        start = time.perf_counter()
        panel.show_indicator(ind)
        app.processEvents()
        select.append(time.perf_counter() - start)
        assert panel.chart.spec is not None and panel.chart.spec.indicator_id == ind
        start = time.perf_counter()
        spec = services.read.chart_spec(ind)
        spec_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        panel.chart.set_spec(spec)
        app.processEvents()
        draw_times.append(time.perf_counter() - start)
    n = len(select)
    report("select an indicator -> chart drawn (panel.show_indicator)",
           statistics.median(select), BUDGET, n)
    report("  of which: build the ChartSpec", statistics.median(spec_times), None, n)
    report("  of which: IndicatorChart.set_spec + paint", statistics.median(draw_times),
           None, n)
    print(f"  categories on the x axis: {len(panel.spec.categories)}; "
          f"worst selection {max(select) * 1000:.1f} ms")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
