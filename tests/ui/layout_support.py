"""Does the main window fit a screen? (A support module: no tests here.)

`window_problems(window)` lists what a user could not see or use with 3.14 selected: the
tree, five rows of figures, the board's rating, the reason and three lines of commentary
must be on screen without scrolling the window, and no widget may be squeezed below its
minimum size hint.

Run as a script it opens a copy of the sample on a screen of the given size (offscreen,
with QT_SCALE_FACTOR for a scaled laptop), fills the screen as a maximised window would,
selects 3.14 at the March 2019 meeting, saves a screenshot and prints its findings as JSON:

    python tests/ui/layout_support.py WIDTH HEIGHT SCALE SHOT.png
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = 5
COMMENTARY_LINES = 3


def run_at(width: int, height: int, scale: float, shot: Path, home: Path | None = None,
           tall_history: bool = False) -> dict:
    """Open the sample in a fresh process on a `width`×`height` screen (physical pixels)
    scaled by `scale`; returns what the script found. Runs that share `home` share the
    user's settings (the window's saved layout); `tall_history` leaves History open and
    tall when the window closes."""
    config = shot.with_suffix(".screen.json")
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=str(scale), BOARDPACK_FIT_HOME=str(home or ""),
               BOARDPACK_FIT_TALL_HISTORY="1" if tall_history else "")
    proc = subprocess.run([sys.executable, __file__, str(width), str(height), str(scale),
                           str(shot)], capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- what is on screen ------------------------------------------------------------------------
def shown_rect(widget, window):
    """The part of `widget` the window shows, in window coordinates: its rect cut by every
    ancestor's (a scroll area's viewport clips what lies outside it)."""
    from PySide6.QtCore import QPoint, QRect

    shown = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        shown = shown.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return shown.intersected(window.rect())


def fully_shown(widget, window) -> bool:
    from PySide6.QtCore import QPoint, QRect

    whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and not whole.isEmpty() and shown_rect(widget, window) == whole


def grid_rows_shown(grid) -> int:
    """Rows of the figures grid whose whole height is inside its viewport (with the grid
    scrolled to its top: the rows a user sees, whichever period has the cursor)."""
    model, view = grid.model(), grid.viewport().rect()
    scrolled = grid.verticalScrollBar().value()
    grid.scrollToTop()
    count = 0
    for row in range(model.rowCount()):
        rect = grid.visualRect(model.index(row, 0))
        if rect.isValid() and rect.top() >= 0 and rect.bottom() <= view.bottom():
            count += 1
    grid.verticalScrollBar().setValue(scrolled)
    return count


def squeezed(window) -> list[str]:
    """Visible widgets smaller than their minimum size hint."""
    from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.isWindow() or isinstance(w.parentWidget(),
                                                            QAbstractScrollArea):
            continue  # a view places its own headers, scroll bars and viewport
        hint = w.minimumSizeHint()
        name = w.accessibleName() or w.objectName() or type(w).__name__
        if (hint.isValid() and (w.width() < hint.width() or w.height() < hint.height())):
            out.append(f"{name} {w.width()}×{w.height()} < {hint.width()}×{hint.height()}")
        elif isinstance(w, QLabel) and w.wordWrap() and w.text() \
                and w.height() < w.heightForWidth(w.width()):
            out.append(f"{name}: wrapped text cut off ({w.height()} px < "
                       f"{w.heightForWidth(w.width())})")
    return out


def window_problems(window) -> list[str]:
    rag = window.rag_panel
    grid = window.indicator_panel.grid
    problems = []
    screen = window.screen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        problems.append(f"window {window.width()}×{window.height()} is larger than the "
                        f"screen {screen.width()}×{screen.height()}")
    for name, widget in (("tree", window.tree), ("board's rating", rag.recorded),
                         ("reason", rag.reason), ("commentary", rag.commentary),
                         ("figures grid", grid)):
        if not fully_shown(widget, window):
            problems.append(f"the {name} is not fully shown")
    room = grid.viewport().height() // grid.verticalHeader().defaultSectionSize()
    if room < ROWS:
        problems.append(f"room for {room} rows of figures")
    if grid_rows_shown(grid) < min(ROWS, grid.model().rowCount()):
        problems.append(f"{grid_rows_shown(grid)} rows of figures shown")
    lines = rag.commentary.viewport().height() // rag.commentary.fontMetrics().lineSpacing()
    if lines < COMMENTARY_LINES:
        problems.append(f"{lines} lines of commentary shown")
    hint = window.indicator_panel.hint
    if not fully_shown(hint, window) or shown_rect(hint, window).intersects(
            shown_rect(grid, window)):
        problems.append("the grid's hint line is cut off or overlaps the grid")
    tree_rows = window.tree.viewport().height() // max(1, window.tree.sizeHintForRow(0))
    if tree_rows < ROWS:
        problems.append(f"{tree_rows} rows of the tree shown")
    return problems + squeezed(window)


# -- the script -------------------------------------------------------------------------------
def _main(width: int, height: int, scale: float, shot: Path) -> dict:
    import shutil
    from datetime import date

    home = Path(os.environ.get("BOARDPACK_FIT_HOME") or tempfile.mkdtemp(prefix="fit-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        (home / var).mkdir(mode=0o700, exist_ok=True)
        os.environ[var] = str(home / var)
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app import paths
    from app.cli import PlanFiles
    from ui.application import create_window, make_app

    make_app()
    plan = home / "Sample plan.boardpack"
    if not plan.exists():
        shutil.copyfile(paths.bundled_sample(), plan)
    window = create_window(PlanFiles(author="Layout check"), plan)
    window.show()
    QApplication.processEvents()
    opened = window.size().toTuple()
    dock = window.history_dock
    history_at_open = {"shown": dock.isVisible(), "floating": dock.isFloating(),
                       "height": dock.height(),
                       "frame": window.frameGeometry().getRect()}
    if os.environ.get("BOARDPACK_FIT_TALL_HISTORY"):
        dock.show()
        window.setGeometry(window.screen().availableGeometry())
        window.resizeDocks([dock], [int(window.height() * 0.7)], Qt.Orientation.Vertical)
        QApplication.processEvents()
        history_at_open["tall"] = dock.height()
        window.close()
        return {"history_at_open": history_at_open}
    window.setGeometry(window.screen().availableGeometry())  # maximised
    window.select_meeting(date(2019, 3, 21))
    window.select_ref("3.14")
    for _ in range(3):
        QApplication.processEvents()
    window.grab().save(str(shot))
    found = {
        "screen": window.screen().availableGeometry().size().toTuple(),
        "opened": opened,
        "window": window.size().toTuple(),
        "selected": window.current_item().kind if window.current_item() else None,
        "problems": window_problems(window),
        "panes": window.splitter.sizes(),
        "grid_rows": grid_rows_shown(window.indicator_panel.grid),
        "grid_room": (window.indicator_panel.grid.viewport().height()
                      // window.indicator_panel.grid.verticalHeader().defaultSectionSize()),
        "minimum": window.minimumSizeHint().toTuple(),
        "history_at_open": history_at_open,
        "commentary_lines": (window.rag_panel.commentary.viewport().height()
                             // window.rag_panel.commentary.fontMetrics().lineSpacing()),
    }
    # an indicator of another plan: the RAG note says so at length
    window.select_ref("NI 101")
    for _ in range(3):
        QApplication.processEvents()
    found["elsewhere"] = {"status": window.rag_panel.status.text(),
                          "minimum": window.minimumSizeHint().toTuple(),
                          "squeezed": squeezed(window)}
    window.select_ref("3.14")
    window.history_dock.show()
    for _ in range(3):
        QApplication.processEvents()
    found["minimum_with_history"] = window.minimumSizeHint().toTuple()
    found["window_with_history"] = window.size().toTuple()
    found["problems_with_history"] = [p for p in window_problems(window) if "row" not in p]
    window.grab().save(str(shot.with_name(shot.stem + "-history.png")))
    window.close()
    return found


if __name__ == "__main__":
    w_, h_, scale_, shot_ = sys.argv[1:5]
    print(json.dumps(_main(int(w_), int(h_), float(scale_), Path(shot_))))
