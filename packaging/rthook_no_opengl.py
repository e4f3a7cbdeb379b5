"""Runtime hook of the bundle: stand-ins for PySide6.QtOpenGL and QtOpenGLWidgets, which the
bundle leaves out (about 10 MB of bindings and Qt's OpenGL libraries).

pyqtgraph imports both when it loads, but uses them only to draw with OpenGL, which
Boardpack never turns on (DESIGN.md: OpenGL stays off; it draws blank offscreen and under
Xvfb). At import it only subclasses QOpenGLWidget, so that name is a plain widget class of
its own (never the class of a real view: pyqtgraph's isinstance checks stay false). Anything
else that reached for OpenGL would fail loudly on a missing attribute, never draw wrongly.
"""

import sys
import types


def _open_gl_widget(name: str):
    if name != "QOpenGLWidget":
        raise AttributeError(f"{name}: OpenGL is left out of the Boardpack bundle")
    from PySide6.QtWidgets import QWidget

    widget = type("QOpenGLWidget", (QWidget,), {"__doc__": "left out of the bundle"})
    setattr(sys.modules["PySide6.QtOpenGLWidgets"], name, widget)
    return widget


for _name in ("PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets"):
    if _name not in sys.modules:
        sys.modules[_name] = types.ModuleType(_name, "left out of the Boardpack bundle")
sys.modules["PySide6.QtOpenGLWidgets"].__getattr__ = _open_gl_widget
