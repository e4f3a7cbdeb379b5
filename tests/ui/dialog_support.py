"""Driving a modal dialog as a user would (a support module: no tests here)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit


def with_dialog(qtbot, open_it: Callable[[], object], use: Callable[[QDialog], None]) -> None:
    """Run `open_it` (which shows a modal dialog and waits for it) and, once the dialog is
    up, `use` it: type, click, close. A failure inside `use` closes the dialog and is raised
    here, so a broken test never leaves a modal loop waiting."""
    failures: list[BaseException] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, act)
            return
        try:
            use(dialog)
        except BaseException as exc:  # noqa: BLE001 - raised again below
            failures.append(exc)
        finally:
            if dialog.isVisible() and failures:
                dialog.reject()

    QTimer.singleShot(0, act)
    open_it()
    if failures:
        raise failures[0]


def properties_of(qtbot, services, indicator_id: str, stack=None):
    """The indicator shown in a panel of its own with its Properties dialog open, as the
    Properties… button opens it: (panel, dialog). The panel's undo stack is `stack` (or a
    new one: panel.undo_stack)."""
    from PySide6.QtGui import QUndoStack

    from ui.indicator_panel import IndicatorPanel

    panel = IndicatorPanel(services, stack if stack is not None else QUndoStack())
    qtbot.addWidget(panel)
    panel.show_indicator(indicator_id)
    return panel, panel.open_properties()


def retype(qtbot, edit: QLineEdit, text: str) -> None:
    """Select what a line edit holds, delete it and type `text`."""
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def press_ok(qtbot, dialog) -> None:
    """Click the OK button of a dialog's `buttons` box."""
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
