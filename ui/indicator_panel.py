"""One indicator on screen: its chart above its figures grid, its current RAG with the
sentence that explains it, and a Properties… button. Every edit is an undo command that
announces itself on the one `Changes` notification; the panel, the grid, the tree and the
RAG note each redraw from the same indicator snapshot.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.chart_spec import RAG_COLOURS, RAG_TEXT_COLOURS, ChartSpec
from app.dates import long_date
from app.domain import RAG, Direction, NotFoundError
from app.paths import start_folder
from app.periods import label
from app.rag import TREND_LEGEND, direction_arrow
from app.read_model import IndicatorSnapshot
from app.services import Services
from ui.commands import Changes
from ui.figures_model import FiguresModel, SnapshotSource
from ui.figures_view import FiguresView
from ui.plain_text import WrappingLabel, plain_label, tooltip
from ui.saved_message import tell_saved

if TYPE_CHECKING:
    from ui.chart_widget import IndicatorChart
    from ui.indicator_properties import IndicatorPropertiesDialog

WHOLE = "Whole (no breakdown)"
PROPERTIES_KEY = "Alt+Return"
EXPORT_CHART_KEY = "Ctrl+Shift+E"
CHART_MIN_HEIGHT = 120  # on a short screen the chart gives way to the figures grid
HINT = ("Type to enter a figure (12.2%, 1,992, nya: Nov 2010) · Enter moves down · Tab moves "
        "right · Ctrl+V pastes from Excel · Ctrl+Return adds the next period")


class IndicatorPanel(QWidget):
    # "Show the latest figures": the chosen meeting comes before every figure shown
    latestRequested = Signal()  # noqa: N815 - a Qt signal

    def __init__(self, services: Services | None, undo_stack: QUndoStack,
                 changes: Changes | None = None, snapshot_of: SnapshotSource | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.changes = changes or Changes(self)
        self.snapshot_of = snapshot_of or self._read_snapshot
        self.indicator_id: str | None = None
        self.as_of: date | None = None
        self.spec: ChartSpec | None = None
        self._chart: IndicatorChart | None = None
        self._chart_place = QWidget()  # the chart takes this place when first needed
        self.model = FiguresModel(services, undo_stack, self.changes, self, self._snapshot)
        self.changes.figures.connect(self.on_changed)
        self.changes.fields.connect(self.on_changed)
        self.grid = FiguresView()
        self.grid.setModel(self.model)
        self._build()

    def _build(self) -> None:
        self.rag_badge = QLabel()
        self.rag_badge.setFixedSize(28, 28)
        self.rag_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.trend = plain_label()  # the arrow; its word and the legend in the tooltip
        self.trend.setAccessibleName("Trend")
        self.trend.setToolTip(tooltip(TREND_LEGEND))
        self.rating = plain_label(wrap=True)
        self.rating.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.properties_button = QPushButton("Properties…")
        self.properties_button.clicked.connect(self.open_properties)
        self.properties_button.setShortcut(QKeySequence(PROPERTIES_KEY))
        self.properties_button.setToolTip(
            f"Unit, targets and breakdowns of the indicator ({PROPERTIES_KEY})")
        self.export_button = QToolButton()
        self.export_button.setText("Export chart")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction("As PNG image…", lambda: self._export("png"))
        menu.addAction("As SVG drawing…", lambda: self._export("svg"))
        self.export_button.setMenu(menu)
        self.export_button.setToolTip(f"Save the chart as a picture ({EXPORT_CHART_KEY})")
        # A shortcut of this panel: it works only while the panel is on screen.
        QShortcut(QKeySequence(EXPORT_CHART_KEY), self, self._offer_export)
        top = QHBoxLayout()
        badge = QVBoxLayout()  # the trend's arrow under the letter: no wider than the badge
        badge.setSpacing(0)
        badge.addWidget(self.rag_badge)
        badge.addWidget(self.trend, 0, Qt.AlignmentFlag.AlignHCenter)
        badge.addStretch(1)
        top.addLayout(badge)
        top.addWidget(self.rating, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.properties_button, 0, Qt.AlignmentFlag.AlignTop)

        self.breakdown = QComboBox()
        self.breakdown.currentIndexChanged.connect(self._breakdown_chosen)
        self.breakdown_label = QLabel("Breakdown:")
        row = QHBoxLayout()
        row.addWidget(self.breakdown_label)
        row.addWidget(self.breakdown, 1)
        self.later_notice = plain_label(wrap=True)
        self.later_notice.setAccessibleName("Figures after this meeting")
        self.show_latest_button = QPushButton("Show the latest figures")
        self.show_latest_button.setToolTip("Choose 'Latest figures' in the meeting list")
        self.show_latest_button.clicked.connect(self.latestRequested)
        self.later_bar = QWidget()
        self.later_bar.setStyleSheet("background:#FFF4D6; color:#5A3E00;")
        later = QHBoxLayout(self.later_bar)
        later.setContentsMargins(6, 2, 6, 2)
        later.addWidget(self.later_notice, 1)
        later.addWidget(self.show_latest_button)
        self.later_bar.hide()
        self.error = plain_label(wrap=True)
        self.error.setStyleSheet("color: #B00020; font-weight: bold;")
        self.error.hide()
        self.grid.message.connect(self._show_error)
        self.hint = WrappingLabel(HINT)
        self.hint.setStyleSheet("color: #666666;")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(row)
        lower_layout.addWidget(self.grid, 1)
        lower_layout.addWidget(self.error)
        lower_layout.addWidget(self.hint)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self._chart_place)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.later_bar)
        layout.addWidget(self.splitter, 1)
        self._set_enabled(False)

    @property
    def chart(self) -> IndicatorChart:
        """Made on first use: the window's first paint shows a plan, not an indicator, and
        making a chart costs about 25 ms of the start-up."""
        if self._chart is None:
            # The chart library loads on a thread once the window has painted
            # (ui/chart_library.py); if it is still loading, this waits for it.
            from ui.chart_widget import IndicatorChart

            self._chart = IndicatorChart()
            self._chart.setMinimumHeight(CHART_MIN_HEIGHT)
            self.splitter.replaceWidget(0, self._chart)
            # the place it takes had no height: share the panel once it is laid out
            QTimer.singleShot(0, self, self._share_height)
            self._chart_place.deleteLater()
        return self._chart

    def _share_height(self) -> None:
        """Half for the chart, half for the figures (both keep their minimum)."""
        total = sum(self.splitter.sizes())
        self.splitter.setSizes([total // 2, total - total // 2])

    def _set_enabled(self, on: bool) -> None:
        for w in (self.properties_button, self.export_button, self.grid):
            w.setEnabled(on)

    def set_services(self, services: Services | None) -> None:
        """Another plan file was opened (or none)."""
        self.services = services
        self.model.services = services
        self.show_indicator(None)

    # -- showing --------------------------------------------------------------------------
    def show_indicator(self, indicator_id: str | None, as_of: date | None = None) -> None:
        self.indicator_id, self.as_of = indicator_id, as_of
        self._show_error("")
        if indicator_id is not None and self.services is not None:
            try:
                self.services.indicators.indicator(indicator_id)
            except NotFoundError:
                indicator_id = self.indicator_id = None
        self.model.as_of = as_of
        self.model.set_indicator(indicator_id)
        self._fill_breakdowns()
        self._redraw()
        self._set_enabled(indicator_id is not None)
        self._go_to_entry_row()

    def _go_to_entry_row(self) -> None:
        """Put the cursor where the next figure goes: the first empty period after the
        last figure (the newest periods are the ones officers enter)."""
        rows = self.model.rows
        if not rows:
            return
        last = max((i for i, r in enumerate(rows) if r.value is not None), default=-1)
        row = min(last + 1, len(rows) - 1)
        self.grid.setCurrentIndex(self.model.index(row, self.model.column_of("figure")))
        self.grid.scrollTo(self.grid.currentIndex())

    def _fill_breakdowns(self) -> None:
        names = self.model.breakdowns() if self.model.indicator else []
        self.breakdown.blockSignals(True)
        self.breakdown.clear()
        for name in names:
            self.breakdown.addItem(name or WHOLE, name)
        self.breakdown.setCurrentIndex(max(0, self.breakdown.findData(self.model.breakdown)))
        self.breakdown.blockSignals(False)
        many = len(names) > 1 or (len(names) == 1 and names[0] != "")
        self.breakdown.setVisible(many)
        self.breakdown_label.setVisible(many)

    def _breakdown_chosen(self) -> None:
        data = self.breakdown.currentData()
        if data is not None:
            self.model.set_breakdown(data)

    def _read_snapshot(self, indicator_id: str, as_of: date | None) -> IndicatorSnapshot:
        return self.services.read.snapshot(indicator_id, None, as_of=as_of)

    def _snapshot(self, indicator_id: str) -> IndicatorSnapshot:
        return self.snapshot_of(indicator_id, self.as_of)

    def _redraw(self) -> None:
        if self.indicator_id is None or self.services is None:
            self.spec = None
            if self._chart is not None:
                self._chart.set_spec(None)
            self._set_rating(RAG.GREY.value, "Choose an indicator to see its figures.", False)
            self.later_bar.hide()
            self.trend.setText("")
            return
        snapshot = self._snapshot(self.indicator_id)
        self.spec = snapshot.chart()
        self.chart.set_spec(self.spec)
        self._show_later(snapshot.figures_after_meeting, snapshot.later_periods)
        arrow = direction_arrow(snapshot.direction)
        words = "no change" if snapshot.direction is Direction.SAME else snapshot.direction.value
        self.trend.setText(arrow)
        self.trend.setAccessibleName(f"Trend: {words}" if arrow else "Trend")
        self.trend.setToolTip(tooltip(f"Trend: {words}.\n{TREND_LEGEND}" if arrow
                                      else TREND_LEGEND))
        self._set_rating(self.spec.rag, self.spec.rating or "Not rated.", True)

    def _show_later(self, first: str | None, later: list[str] = ()) -> None:
        """Say so where the meeting chosen comes before every figure of the indicator (an
        empty chart above a grid of figures), or before some of them (typed for a period
        that ends after it: in the grid, not on the chart or in the rating at the meeting),
        and offer the latest figures instead."""
        shown = self.as_of is not None and (first is not None or bool(later))
        self.later_bar.setVisible(shown)
        if not shown:
            return
        when = long_date(self.as_of)
        if first is not None:
            self.later_notice.setText(f"This meeting ({when}) comes before the indicator's "
                                      f"figures: the first is for {label(first)}.")
            self.chart.say_empty(f"No figures by the meeting of {when}")
            return
        periods = ", ".join(label(p) for p in later[:3]) + (" …" if len(later) > 3 else "")
        self.later_notice.setText(
            f"{periods} {'ends' if len(later) == 1 else 'end'} after this meeting ({when}): "
            "in the figures below, but not on the chart or in the rating at this meeting.")

    def _set_rating(self, rag: str, text: str, shown: bool) -> None:
        r = RAG(rag)
        self.rag_badge.setVisible(shown)
        self.rag_badge.setText(r.letter)
        self.rag_badge.setToolTip(r.word)
        self.rag_badge.setStyleSheet(
            f"background: {RAG_COLOURS[r.value]}; color: {RAG_TEXT_COLOURS[r.value]};"
            " font-weight: bold; border-radius: 4px;")
        self.rating.setText(text)

    @property
    def current_rag(self) -> RAG:
        return RAG(self.spec.rag) if self.spec else RAG.GREY

    # -- edits ----------------------------------------------------------------------------
    def on_changed(self, indicator_id: str) -> None:
        """An edit, undo or redo touched this indicator's figures or fields."""
        if indicator_id != self.indicator_id or self.services is None:
            return
        self.model.refresh()
        names = self.model.breakdowns()
        if [self.breakdown.itemData(i) for i in range(self.breakdown.count())] != names:
            self._fill_breakdowns()
        self._redraw()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def open_properties(self) -> IndicatorPropertiesDialog | None:
        if self.indicator_id is None or self.services is None:
            return None
        from ui.indicator_properties import IndicatorPropertiesDialog  # on first use

        dialog = IndicatorPropertiesDialog(self.services, self.undo_stack, self.indicator_id,
                                           self.changes, self)
        dialog.open()
        return dialog

    def _offer_export(self) -> None:
        if self.export_button.isEnabled():
            self.export_button.showMenu()

    def _export(self, kind: str) -> None:
        if self.spec is None:
            return
        name = (self.spec.name or "chart").replace(" ", "_").replace("/", "-")
        folder = start_folder(getattr(self.window(), "path", None))
        path, _ = QFileDialog.getSaveFileName(self, "Export chart", str(folder / f"{name}.{kind}"),
                                              f"{kind.upper()} (*.{kind})")
        if not path:
            return
        if kind == "png":
            self.chart.export_png(path)
        else:
            self.chart.export_svg(path)
        tell_saved(self, "Export chart", f"The chart was saved as\n{path}", Path(path))
