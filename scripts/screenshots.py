"""Screenshots of the main window on the sample plan (offscreen), for a look as a user.

    python scripts/screenshots.py OUTDIR [--plan FILE]

Writes main-indicator.png (indicator 3.14 selected at the meeting of 21 March 2019) and
filter-red.png (the tree filtered to Red) into OUTDIR. Works on a copy of the plan.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _private_dirs() -> None:
    """Keep the user's own settings and recent files out of it."""
    home = Path(tempfile.mkdtemp(prefix="boardpack-shots-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        (home / var).mkdir(mode=0o700)
        os.environ[var] = str(home / var)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _plan_copy(plan: Path | None, work: Path) -> Path:
    from app import paths
    from app.cli import PlanFiles

    source = plan or paths.bundled_sample()
    target = work / "Sample plan.boardpack"
    if source.exists():
        shutil.copyfile(source, target)
        return target
    sys.path.insert(0, str(ROOT / "tests" / "ui"))  # no sample yet: the tests' small plan
    from demo_plan import make_demo_file

    make_demo_file(PlanFiles(author="Screenshots"), target)
    return target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir")
    p.add_argument("--plan", type=Path)
    args = p.parse_args(argv)
    _private_dirs()
    from PySide6.QtWidgets import QApplication

    from app.cli import PlanFiles
    from ui.application import create_window, make_app

    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="boardpack-shots-plan-"))
    plan = _plan_copy(args.plan, work)
    make_app()
    window = create_window(PlanFiles(author="Screenshots"), plan)
    window.show()
    QApplication.processEvents()
    window.resize(1440, 900)  # after showing: the window first fits the (virtual) screen
    window.select_meeting(date(2019, 3, 21))
    window.ratings.ensure_all()
    if not window.select_ref("3.14"):
        print("no indicator 3.14 in this plan; showing the first item", file=sys.stderr)
    QApplication.processEvents()
    written = []

    def shot(name: str) -> None:
        QApplication.processEvents()
        path = out / name
        window.grab().save(str(path))
        written.append(path)

    shot("main-indicator.png")
    from app.domain import RAG

    window.filter_bar.set_rags({RAG.RED})
    window.select_ref("3.14")
    shot("filter-red.png")
    window.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
