"""A non-blocking notice, in the status bar, of figures stored from text that no longer reads
as a figure (app.figure_review): a button that says how many, and a list to check them by,
opened on demand; never a modal on every open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.figure_review import FigureToReview
from app.services import Services
from ui.plain_text import plain_label, tooltip


class ReviewNotice(QToolButton):
    """Hidden while there is nothing to review. `show_indicator(id)` selects an indicator."""

    def __init__(self, show_indicator: Callable[[str], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.show_indicator = show_indicator
        self.services: Services | None = None
        self.items: list[FigureToReview] = []
        self.setAutoRaise(True)
        self.setAccessibleName("Figures to review")
        self.clicked.connect(self.open_list)
        self.list_dialog: QDialog | None = None
        self.hide()

    def check(self, services: Services | None) -> None:
        """List the plan's figures to review (again), and show or hide the notice."""
        self.services = services
        self.items = services.indicators.figures_to_review() if services else []
        n = len(self.items)
        self.setText(f"⚠ {n} figure{'s' if n != 1 else ''} to review")
        self.setToolTip(tooltip("Figures typed earlier whose text no longer reads as the "
                                "figure kept for it:\n" + "\n".join(
                                    f.describe() for f in self.items[:10])
                                + ("\n…" if n > 10 else "")))
        self.setVisible(bool(n))
        if self.list_dialog is not None:
            self._fill(self.list_dialog.findChild(QListWidget))

    def recheck(self) -> None:
        """After an edit: only while there is something listed (the check reads the file)."""
        if self.items:
            self.check(self.services)

    def open_list(self) -> None:
        if self.list_dialog is None:
            self.list_dialog = self._make_dialog()
        self._fill(self.list_dialog.findChild(QListWidget))
        self.list_dialog.show()
        self.list_dialog.raise_()

    def _make_dialog(self) -> QDialog:
        dialog = QDialog(self.window())
        dialog.setWindowTitle("Figures to review")
        dialog.setModal(False)
        lay = QVBoxLayout(dialog)
        lay.addWidget(plain_label(
            "These figures were typed or pasted before Boardpack refused text that is not a "
            "complete figure. The figure kept may not be what was meant: check each one and "
            "type it again. Double-click (or Enter) goes to the indicator.", wrap=True))
        figures = QListWidget()
        figures.setWordWrap(True)
        figures.setAccessibleName("Figures to review")
        figures.itemActivated.connect(
            lambda item: self.show_indicator(item.data(Qt.ItemDataRole.UserRole)))
        lay.addWidget(figures, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.hide)
        lay.addWidget(buttons)
        dialog.resize(640, 320)
        return dialog

    def _fill(self, figures: QListWidget | None) -> None:
        if figures is None:
            return
        figures.clear()
        for f in self.items:
            item = QListWidgetItem(f.describe())
            item.setData(Qt.ItemDataRole.UserRole, f.indicator.id)
            item.setToolTip(tooltip(f.describe()))
            figures.addItem(item)
