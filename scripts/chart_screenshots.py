"""Screenshots of the indicator panel for a few sample indicators, to look at.

    .venv/bin/python scripts/chart_screenshots.py OUTDIR [--sample FILE]

Works on a copy of the sample plan (resources/sample/sample.boardpack by default), so the
bundled file is never touched. Writes OUTDIR/<name>.png (the whole panel, as shown) and
OUTDIR/<name>-chart.png (the chart as its "Export chart" writes it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SHOTS = {  # file name -> how to find the indicator
    "ni-65": lambda i: i.code == "NI 65",
    "ni-70": lambda i: i.code == "NI 70",
    "o13-1.4": lambda i: i.ref == "1.4" and "infections" in i.title,
    "att-weekly-cohort": lambda i: i.title == "Weekly school attendance by cohort",
    "op-encompass": lambda i: i.title == "Operation Encompass notifications to schools",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--sample", default=None)
    parser.add_argument("--size", default="1000x760")
    args = parser.parse_args(argv)

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from app import paths
    from app.services import Services
    from db import store as db_store
    from ui.indicator_panel import IndicatorPanel

    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    sample = Path(args.sample) if args.sample else Path(paths.bundled_sample())
    work = Path(tempfile.mkdtemp(prefix="boardpack-shots-")) / "sample.boardpack"
    shutil.copyfile(sample, work)
    app = QApplication.instance() or QApplication([])
    store = db_store.open_store(work)
    services = Services.over(store)
    indicators = services.indicators.indicators()
    panel = IndicatorPanel(services, QUndoStack())
    width, height = (int(x) for x in args.size.split("x"))
    panel.resize(width, height)
    panel.show()
    for name, wanted in SHOTS.items():
        found = [i for i in indicators if wanted(i)]
        if not found:
            print(f"{name}: not in {sample.name}, skipped")
            continue
        panel.show_indicator(found[0].id)
        for _ in range(3):
            app.processEvents()
        panel.grab().save(str(out / f"{name}.png"))
        panel.chart.export_png(out / f"{name}-chart.png")
        print(f"{name}: {out / f'{name}.png'} — {panel.spec.text_alternative()}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
