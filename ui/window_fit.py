"""The main window fits the screen it is on: a laptop's 1366×768 or 1024×600 as well as a
big monitor. Panes sit side by side and share out the width; layout state saved on a big
screen is clamped when the window opens on a smaller one."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

# tree | item (chart and figures) | RAG note: what a wider screen adds goes mostly to the
# figures grid and the commentary
PANE_SHARES = (0.26, 0.44, 0.30)
PANE_STRETCH = (2, 5, 3)
DOCK_SHARE = 0.3  # a dock (History) takes at most this much of the screen's height
# the window manager's title bar and borders, unknown until the window is first framed
DECORATION = QSize(16, 48)


def pane_sizes(width: int) -> list[int]:
    return [round(width * share) for share in PANE_SHARES]


def room_for(widget: QWidget) -> QRect | None:
    """The part of the widget's screen that windows may use (no task bar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def first_size(window: QMainWindow) -> None:
    """The size a new window opens at: 1280×800 or the screen (less a title bar),
    whichever is smaller."""
    room = room_for(window)
    if room is None:
        window.resize(1280, 800)
        return
    window.resize(min(1280, room.width() - DECORATION.width()),
                  min(800, room.height() - DECORATION.height()))


def clamp_to_screen(window: QMainWindow, docks: list[QDockWidget]) -> None:
    """Keep a restored window on its screen and its docks short enough to leave the
    panes their room."""
    room = room_for(window)
    if room is None:
        return
    window.layout().activate()  # minimum sizes as they are now, not at the last paint
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), room.width() - extra_w)
    height = min(window.height(), room.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), room.x()), room.right() + 1 - frame.width())
    y = min(max(frame.y(), room.y()), room.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
    across = [d for d in docks if d.isVisible() and not d.isFloating()
              and window.dockWidgetArea(d) in (Qt.DockWidgetArea.BottomDockWidgetArea,
                                               Qt.DockWidgetArea.TopDockWidgetArea)]
    if across and window.minimumSizeHint().height() > room.height() - extra_h:
        # too short a screen for a dock below the panes: it floats over the window's foot
        for dock in across:
            dock.setFloating(True)
            height = int(room.height() * DOCK_SHARE)
            dock.setGeometry(room.x(), room.bottom() + 1 - height, room.width(), height)
        window.layout().activate()
        window.resize(min(window.width(), room.width() - extra_w),
                      min(window.height(), room.height() - extra_h))
        return
    limit = int(room.height() * DOCK_SHARE)
    tall = across
    too_tall = [d for d in tall if d.height() > limit]
    if too_tall:
        window.resizeDocks(too_tall, [limit] * len(too_tall), Qt.Orientation.Vertical)
