"""The bundle leaves PySide6's OpenGL modules out and puts stand-ins in their place
(packaging/rthook_no_opengl.py): pyqtgraph still imports, and the app's chart still draws."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).parent.parent

DRAW_WITHOUT_OPENGL = textwrap.dedent("""
    import json, runpy, sys

    class LeftOut:  # as in the bundle: the real modules are not there
        def find_spec(self, name, path=None, target=None):
            if name in ("PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets"):
                raise ImportError(f"{name} is left out")

    sys.meta_path.insert(0, LeftOut())
    runpy.run_path(sys.argv[1])
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication
    import pyqtgraph as pg
    from ui import chart_widget  # the app's chart, on pyqtgraph

    app = QApplication([])
    plot = pg.PlotWidget()
    plot.setBackground("w")
    plot.plot([1, 2, 3, 4], [3, 1, 4, 1], pen=pg.mkPen("k", width=3))
    plot.resize(300, 200)
    plot.show()
    app.processEvents()
    image = plot.grab().toImage()
    dark = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)).lightness() < 80)
    print(json.dumps({"dark": dark, "stand_in": sys.modules["PySide6.QtOpenGL"].__doc__,
                      "chart_widget": chart_widget.__name__}))
""")


def test_charts_draw_with_the_bundles_opengl_stand_ins():
    done = subprocess.run(
        [sys.executable, "-c", DRAW_WITHOUT_OPENGL,
         str(ROOT / "packaging" / "rthook_no_opengl.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["stand_in"] == "left out of the Boardpack bundle"
    assert out["dark"] > 50  # the curve and the axes were drawn
