"""The user guide's screenshots (docs/guide/*.png), taken offscreen from the app on a copy
of the sample plan; with --more OUTDIR also the Help menu and the crash dialog.

    python scripts/guide_screenshots.py [docs/guide] [--more OUTDIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import _private_dirs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir", nargs="?", default=str(ROOT / "docs" / "guide"))
    p.add_argument("--more", type=Path, help="also the Help menu and the crash dialog here")
    args = p.parse_args(argv)
    _private_dirs()
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication

    from app import paths
    from app.cli import PlanFiles
    from app.domain import RAG
    from ui.application import create_window, make_app

    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="boardpack-guide-"))
    plan = work / "Sample plan.boardpack"
    shutil.copyfile(paths.bundled_sample(), plan)
    app = make_app()
    window = create_window(PlanFiles(author="Guide"), plan)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.select_meeting(date(2019, 3, 21))
    window.ratings.ensure_all()
    written: list[Path] = []

    def shot(widget, path: Path) -> None:
        app.processEvents()
        widget.grab().save(str(path))
        written.append(path)

    # The officer's quarter: an indicator, its figures and the RAG note's commentary.
    window.select_ref("3.14")
    window.acts["focus_figures"].trigger()  # Ctrl+G: the first empty period, Q4 2018/19
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    for key in "781":  # the first key opens the cell's editor, which takes the rest
        QTest.keyClicks(QApplication.focusWidget(), key)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    window.flush_edits()
    shot(window, out / "officer-quarter.png")
    # The chair's evening before: Red items only, then what changed since the last meeting.
    window.filter_bar.set_rags({RAG.RED})
    shot(window, out / "chair-red.png")
    window.filter_bar.clear()
    window.filter_bar.changed_only.setChecked(True)
    shot(window, out / "chair-changed.png")
    window.filter_bar.clear()
    # The secretary's report: the export dialog, and page 1 of what it writes.
    from ui.report_export import ReportOptionsDialog

    dialog = ReportOptionsDialog(window, window.services, window.meeting.id)
    dialog.show()
    shot(dialog, out / "secretary-export.png")
    dialog.close()
    pdf = work / "report.pdf"
    from app.cli import main as cli

    cli(["report", str(plan), "--meeting", "2019-03-21", "-o", str(pdf), "--summary"])
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(out / "secretary-report")], check=True)
        written.append(out / "secretary-report.png")

    if args.more:
        more = Path(args.more)
        more.mkdir(parents=True, exist_ok=True)
        help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")

        def grab_menu() -> None:
            shot(window, more / "help-menu-window.png")
            shot(help_menu, more / "help-menu.png")
            help_menu.close()

        QTimer.singleShot(300, grab_menu)
        help_menu.exec(window.mapToGlobal(QPoint(window.width() - 300, 30)))
        from app import logs
        from ui.crash import crash_box, crash_text

        box = crash_box(window, crash_text("ValueError: a figure could not be drawn",
                                           logs.log_file(), plan.name))
        box.show()
        shot(box, more / "crash-dialog.png")
        box.close()
    window.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
