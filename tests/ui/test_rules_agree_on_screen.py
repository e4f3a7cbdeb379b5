"""The screen shows each rule as its one home in app/ states it: the grid's figure and target
words, the RAG panel's "needs commentary", the palette, the RAG order and the axis words
(the app's side is in tests/report/test_rules_agree.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from indicator_fixtures import make_ni70
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoStack
from window_support import click_row

from app import units
from app.chart_spec import RAG_COLOURS, RAG_TEXT_COLOURS, chart_spec_from
from app.domain import RAG, ValueStatus
from app.read_model import RAG_ORDER, IndicatorSnapshot, needs_commentary
from app.target_words import target_words
from ui.chart_widget import IndicatorChart
from ui.figures_model import FIGURE, STATUS, TARGET, FiguresModel
from ui.style import badge_css, colour, rag_icon
from ui.tree_filter import FilterBar


def _cell(model: FiguresModel, key: str, column: str, role=Qt.ItemDataRole.DisplayRole):
    row = next(i for i, r in enumerate(model.rows) if r.key == key)
    return model.data(model.index(row, model.column_of(column)), role)


def test_the_grid_words_a_target_as_the_rating_and_the_chart_do(services):
    ind_id = make_ni70(services)
    model = FiguresModel(services, QUndoStack())
    model.set_indicator(ind_id)
    ind = services.indicators.indicator(ind_id)
    spec = services.read.chart_spec(ind_id)
    for target in services.indicators.targets(ind_id):
        words = target_words(ind, target)
        assert _cell(model, target.period, TARGET) == words
        assert words in [s.text for s in spec.targets]
    # 2009/10's figure is rated against 2009/10's target: the grid's explanation says so
    explanation = _cell(model, "fy:2009", STATUS, Qt.ItemDataRole.ToolTipRole)
    assert "target of at most 106.0 for 2009/10" in explanation
    assert _cell(model, "fy:2009", TARGET) == "at most 106.0"


def test_the_grid_shows_the_figure_the_rating_and_chart_use(services):
    ind_id = make_ni70(services)
    stored = services.indicators.values(ind_id)
    actual = next(v for v in stored if v.period == "fy:2009")
    # the store keeps one figure per period; an import or a snapshot may hold two
    provisional = replace(actual, value=101.0, status=ValueStatus.PROVISIONAL, id="0")
    values = [provisional, *stored]
    ind = services.indicators.indicator(ind_id)
    targets = services.indicators.targets(ind_id)
    comparators = services.indicators.comparators(ind_id)
    # the grid reads the indicator's snapshot: give it one holding both figures
    snapshot = IndicatorSnapshot(ind, values, targets, comparators)
    model = FiguresModel(services, QUndoStack(), snapshot=lambda _id: snapshot)
    model.set_indicator(ind_id)
    spec = chart_spec_from(ind, values, targets, comparators)
    point = next(p for p in spec.actuals if p.period == "fy:2009")

    assert _cell(model, "fy:2009", FIGURE) == point.text == "108.3"
    assert point.status == ValueStatus.ACTUAL.value
    grid_rating = model.rating(next(i for i, r in enumerate(model.rows)
                                    if r.key == "fy:2009"))
    assert grid_rating.value is actual and grid_rating.rag.value == point.rag
    assert _cell(model, "fy:2009", STATUS) == RAG(point.rag).word


def test_the_rag_panel_warns_exactly_when_the_rating_needs_commentary(qtbot, window):
    click_row(qtbot, window, "3.14")
    panel = window.rag_panel
    panel.commentary.setPlainText("")
    panel.flush()
    for r in RAG_ORDER:
        panel.reason.setText("Agreed at the meeting")
        panel.recorded.setCurrentIndex(panel.recorded.findData(r.value))
        shown = panel.shown_rag()
        assert shown is r
        assert panel.warning.isVisibleTo(panel) is needs_commentary(shown, "")
        snap = window.services.read.snapshot(window.ids["3.14"], panel.meeting)
        assert snap.shown is r and snap.needs_commentary is needs_commentary(r, "")


def test_screen_widgets_list_ratings_in_rag_order(qtbot, window):
    combo = window.rag_panel.recorded
    listed = [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]
    assert listed == [r.value for r in RAG_ORDER]
    bar = FilterBar()
    qtbot.addWidget(bar)
    assert list(bar.rag_buttons) == list(RAG_ORDER)


def _near(a: QColor, b: QColor, within: int = 40) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) <= within


@pytest.mark.parametrize("rag", list(RAG))
def test_icons_and_badges_use_the_one_palette(qtbot, rag):
    assert colour(rag).name().upper() == RAG_COLOURS[rag.value].upper()
    css = badge_css(rag)
    assert f"background:{RAG_COLOURS[rag.value]}" in css
    assert f"color:{RAG_TEXT_COLOURS[rag.value]}" in css
    image = rag_icon(rag, 28).pixmap(28, 28).toImage()
    pixels = [image.pixelColor(x, y) for x in range(28) for y in range(28)]
    assert any(_near(p, QColor(RAG_COLOURS[rag.value])) for p in pixels)
    if rag is not RAG.GREY:  # Grey's letter is a dash: too thin to sample reliably
        assert any(_near(p, QColor(RAG_TEXT_COLOURS[rag.value])) for p in pixels), \
            "the letter is drawn in the palette's text colour"


def test_the_chart_axis_names_the_unit_as_app_units_does(qtbot, services):
    ind_id = make_ni70(services)
    spec = services.read.chart_spec(ind_id)
    chart = IndicatorChart()
    qtbot.addWidget(chart)
    for unit, suffix in (("percent", "%"), ("rate", "per 10,000")):
        spec = replace(spec, unit=unit, unit_label=suffix)
        chart.set_spec(spec)
        assert chart.plot.getAxis("left").labelText == units.axis_title(unit, suffix)
