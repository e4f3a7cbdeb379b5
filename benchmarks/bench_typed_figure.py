"""What one typed figure costs: SQL statements run and ratings computed, from the key
press in the figures grid until every pane has redrawn (issue budget: at most 10
statements and 1 rating). Counts, not times, so the figures are the same on a busy
machine.

    python benchmarks/bench_typed_figure.py
"""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.common import private_user_folders  # noqa: E402

HOME = private_user_folders()


def main() -> None:
    import traceback

    from app import paths, rag
    from app.cli import PlanFiles
    from ui.application import create_window, make_app

    plan = HOME / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), plan)
    app = make_app()
    w = create_window(PlanFiles(), plan)
    w.show()
    app.processEvents()
    w.select_meeting(date(2019, 3, 21))
    w.ratings.ensure_all()
    assert w.select_ref("3.14")
    for _ in range(5):
        app.processEvents()

    statements: list[str] = []
    ratings: Counter[str] = Counter()
    real_rate = rag.rate

    def counting_rate(*args, **kwargs):
        frames = [f for f in traceback.extract_stack(limit=6)[:-1]
                  if "functools" not in f.filename]
        caller = frames[-1]
        ratings[f"{Path(caller.filename).name}:{caller.name}"] += 1
        return real_rate(*args, **kwargs)

    conn = w.services.store._conn
    conn.set_trace_callback(statements.append)
    rag.rate = counting_rate
    import app.chart_spec as chart_spec

    chart_spec.rag.rate = counting_rate  # the same module object: one patch serves all
    try:
        model = w.indicator_panel.grid.model()
        col = model.column_of("figure")
        row = next(r for r in range(model.rowCount())
                   if model.index(r, col).data() and "794" in model.index(r, col).data())
        model.setData(model.index(row, col), "790")
        for _ in range(20):
            app.processEvents()
    finally:
        conn.set_trace_callback(None)
        rag.rate = real_rate
    stored = [v.value for v in w.services.indicators.values(w.current_item().id)]
    assert 790 in stored and 794 not in stored, "the typed figure was not saved"
    rated = sum(ratings.values())
    sql = [s for s in statements if s.split()[0].upper() not in ("BEGIN", "COMMIT", "SAVEPOINT",
                                                                 "RELEASE")]
    print(f"one typed figure: {len(sql)} SQL statements ({len(statements)} with transaction "
          f"control)   budget 10")
    print(f"one typed figure: {rated} ratings   budget 1")
    for where, n in ratings.most_common():
        print(f"    {n:3d} rating(s) from {where}")
    w.close()


if __name__ == "__main__":
    main()
