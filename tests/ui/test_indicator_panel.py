"""The indicator panel: chart, figures grid, keyboard entry, paste, refusals, undo."""

from __future__ import annotations

from grid_support import cell, paste, type_in
from indicator_fixtures import make_count, make_ni70, make_percent
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLineEdit

from app.domain import ValueStatus
from ui.figures_model import NOTE
from ui.indicator_panel import IndicatorPanel


def values_of(services, ind_id, breakdown=""):
    return {(v.period, v.breakdown): (v.value, v.status.value, v.raw_text, v.note)
            for v in services.indicators.values(ind_id)}


def curve(item):
    xs, ys = item.getData()
    return ([] if xs is None else [float(x) for x in xs],
            [] if ys is None else [float(y) for y in ys])


# -- the chart ---------------------------------------------------------------------------
def test_ni70_chart_has_actuals_targets_and_comparators(panel, services):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    chart = panel.chart
    assert [c.label for c in panel.spec.categories] == ["2008/09", "2009/10", "2010/11"]
    assert curve(chart.actual_line) == ([0.0, 1.0], [106.5, 108.3])
    pts = chart.actual_points.data
    assert list(pts["x"]) == [0, 1] and list(pts["y"]) == [106.5, 108.3]
    xs, ys = curve(chart.target_line)
    assert ys == [106.0, 106.0, 104.0, 104.0]
    # 2009/10's target also covers 2008/09, whose figure is rated against it (the next one
    # due, and the Amber marker there says so); then 2010/11's
    assert xs == [-0.5, 1.5, 1.5, 2.5]
    comps = sorted(curve(item)[1][0] for item in chart.comparator_lines if item.isVisible())
    assert comps == [98.2, 123.9]
    assert {s.name for s in panel.spec.comparators} == {"England", "Statistical neighbours"}
    legend = [label.text for _sample, label in chart.legend.items]
    assert "England" in legend and "Statistical neighbours" in legend
    assert chart.plot.getAxis("left").labelText == "per 10,000"
    assert chart.axis.tickStrings([0, 1, 2], 1, 1) == ["2008/09", "2009/10", "2010/11"]


def test_hover_text_has_period_value_target_comparators_and_rag(panel, services):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    text = panel.chart.tooltip_at(0)
    assert "2008/09" in text and "106.5" in text and "Amber" in text
    assert "England: 123.9" in text and "Statistical neighbours: 98.2" in text
    assert "Target: at most 106.0 for 2009/10" in text


def test_rag_markers_have_colour_and_shape(panel, services):
    ind = make_percent(services)
    panel.show_indicator(ind)
    pts = panel.chart.actual_points.data
    assert list(pts["symbol"]) == ["o", "t"]  # Green circle, Red triangle
    assert [b.color().name().upper() for b in pts["brush"]] == ["#009E73", "#D55E00"]
    assert panel.chart.band.rects  # the 10-15% band target is shaded
    r = panel.chart.band.rects[0]
    assert (r.top(), r.bottom()) == (10.0, 15.0)


# -- typing -----------------------------------------------------------------------------
def test_typing_a_value_updates_chart_and_rag(qtbot, panel, services):
    ind = make_ni70(services)
    seen = []
    panel.changes.figures.connect(seen.append)
    panel.show_indicator(ind)
    assert panel.current_rag.value == "A"
    type_in(qtbot, panel, cell(panel, "2010/11"), "103")
    assert services.indicators.value_at(ind, "fy:2010").value == 103
    assert curve(panel.chart.actual_line)[1] == [106.5, 108.3, 103.0]
    assert panel.current_rag.value == "G"
    assert panel.rag_badge.text() == "G"
    assert seen == [ind]
    # Enter moved down to the next period (the next one due, 2011/12)
    assert panel.model.rows[panel.grid.currentIndex().row()].label == "2011/12"


def test_tab_moves_right(qtbot, panel, services):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    start = cell(panel, "2010/11")
    type_in(qtbot, panel, start, "99", Qt.Key.Key_Tab)
    assert services.indicators.value_at(ind, "fy:2010").value == 99
    now = panel.grid.currentIndex()
    assert (now.row(), now.column()) == (start.row(), start.column() + 1)


def test_add_next_period_in_one_keystroke(qtbot, panel, services):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    labels = [r.label for r in panel.model.rows]
    assert labels[-1] == "2011/12"  # the next one due is always there
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.model.rows[-1].label == "2012/13"
    assert panel.grid.currentIndex().row() == len(panel.model.rows) - 1
    qtbot.keyClick(panel.grid, Qt.Key.Key_Insert)
    assert panel.model.rows[-1].label == "2013/14"


# -- refusals ---------------------------------------------------------------------------
def test_percent_above_100_is_refused_and_nothing_saved(qtbot, panel, services, stack):
    ind = make_percent(services)
    panel.show_indicator(ind)
    before = values_of(services, ind)
    type_in(qtbot, panel, cell(panel, "2009/10"), "120")
    assert values_of(services, ind) == before
    assert stack.count() == 0
    assert "above 100" in panel.error.text() and panel.error.isVisible()
    assert "above 100" in panel.grid.last_error
    assert panel.model.rows[panel.grid.currentIndex().row()].label == "2009/10"  # stays
    def editor_text():
        shown = [e for e in panel.grid.viewport().findChildren(QLineEdit) if e.isVisible()]
        return shown[0].text() if shown else None

    qtbot.waitUntil(lambda: editor_text() == "120")  # given back to correct, not retype


def test_negative_count_is_refused(panel, services, stack):
    ind = make_count(services)
    panel.show_indicator(ind)
    before = values_of(services, ind)
    ok = panel.model.setData(cell(panel, "Q2 2021/22"), "-5")
    assert not ok
    assert values_of(services, ind) == before
    assert "negative" in panel.error.text()
    assert stack.count() == 0


def test_a_paste_with_one_bad_cell_saves_nothing(qtbot, panel, services, stack):
    ind = make_percent(services)
    panel.show_indicator(ind)
    before = values_of(services, ind)
    paste(qtbot, panel, "12.2%\r\n130%\r\n", cell(panel, "2010/11"))
    assert values_of(services, ind) == before
    assert stack.count() == 0
    assert "2011/12" in panel.error.text() and "above 100" in panel.error.text()


# -- undo ------------------------------------------------------------------------------
def test_undo_restores_previous_figure_and_rating(panel, services, stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    assert panel.current_rag.value == "A"
    assert panel.model.setData(cell(panel, "2009/10"), "100")
    assert services.indicators.value_at(ind, "fy:2009").value == 100
    assert panel.current_rag.value == "G"
    stack.undo()
    assert services.indicators.value_at(ind, "fy:2009").value == 108.3
    assert panel.current_rag.value == "A"
    assert curve(panel.chart.actual_line)[1] == [106.5, 108.3]
    stack.redo()
    assert services.indicators.value_at(ind, "fy:2009").value == 100
    assert panel.current_rag.value == "G"


def test_delete_clears_and_undo_brings_back(qtbot, panel, services, stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    panel.grid.setCurrentIndex(cell(panel, "2009/10"))
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, Qt.Key.Key_Delete)
    assert services.indicators.value_at(ind, "fy:2009") is None
    stack.undo()
    assert services.indicators.value_at(ind, "fy:2009").value == 108.3


# -- paste: one test per awkward case ---------------------------------------------------
def test_paste_crlf_lines(qtbot, panel, services, stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    paste(qtbot, panel, "105.1\r\n102.4", cell(panel, "2008/09"))
    assert services.indicators.value_at(ind, "fy:2008").value == 105.1
    assert services.indicators.value_at(ind, "fy:2009").value == 102.4
    assert stack.count() == 1  # one undo step
    stack.undo()
    assert services.indicators.value_at(ind, "fy:2008").value == 106.5
    assert services.indicators.value_at(ind, "fy:2009").value == 108.3


def test_paste_trailing_newline_adds_no_empty_row(qtbot, panel, services):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    paste(qtbot, panel, "101\r\n", cell(panel, "2010/11"))
    assert services.indicators.value_at(ind, "fy:2010").value == 101
    assert services.indicators.value_at(ind, "fy:2011") is None
    assert len(services.indicators.values(ind)) == 3


def test_paste_quoted_cells_with_tabs_and_newlines(qtbot, panel, services):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    text = ('101\t"Hospital data:\tprovisional\r\nchecked by PH"\r\n'
            '"102.5"\t"two ""quoted"" words"\r\n')
    paste(qtbot, panel, text, cell(panel, "2010/11"))
    v = services.indicators.value_at(ind, "fy:2010")
    assert v.value == 101 and v.note == "Hospital data:\tprovisional\nchecked by PH"
    w = services.indicators.value_at(ind, "fy:2011")
    assert w.value == 102.5 and w.note == 'two "quoted" words'
    assert panel.model.columns[panel.model.column_of(NOTE)] == NOTE


def test_paste_percent_with_sign(qtbot, panel, services):
    ind = make_percent(services)
    panel.show_indicator(ind)
    paste(qtbot, panel, "12.2%\r\n", cell(panel, "2010/11"))
    v = services.indicators.value_at(ind, "fy:2010")
    assert v.value == 12.2 and v.raw_text == "12.2%"
    assert panel.current_rag.value == "G"  # at most 13%


def test_paste_count_with_thousands_separator(qtbot, panel, services):
    ind = make_count(services)
    panel.show_indicator(ind)
    paste(qtbot, panel, "1,992\r\n", cell(panel, "Q1 2021/22"))
    v = services.indicators.value_at(ind, "fq:2021Q1", panel.model.breakdown)
    assert v.value == 1992


def test_paste_nya_and_nya_with_date(qtbot, panel, services):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    paste(qtbot, panel, "nya\r\nnya: Nov 2010\r\n", cell(panel, "2010/11"))
    a = services.indicators.value_at(ind, "fy:2010")
    b = services.indicators.value_at(ind, "fy:2011")
    assert a.status is ValueStatus.NOT_YET_AVAILABLE and a.value is None
    assert b.status is ValueStatus.NOT_YET_AVAILABLE and b.expected == "Nov 2010"
    hollow = [p for p in panel.spec.actuals if p.hollow]
    assert [p.label for p in hollow] == ["2010/11", "2011/12"]
    assert list(panel.chart.nya_points.data["x"]) == [2, 3]
    assert panel.model.data(cell(panel, "2011/12")) == "nya: Nov 2010"


def test_paste_past_the_last_row_adds_periods(qtbot, panel, services, stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    assert panel.model.rows[-1].label == "2011/12"
    paste(qtbot, panel, "101\r\n100\r\n99\r\n98\r\n", cell(panel, "2010/11"))
    got = {v.period: v.value for v in services.indicators.values(ind)}
    assert got["fy:2010"] == 101 and got["fy:2011"] == 100
    assert got["fy:2012"] == 99 and got["fy:2013"] == 98
    assert [r.label for r in panel.model.rows][-3:] == ["2012/13", "2013/14", "2014/15"]
    assert stack.count() == 1


# -- tooltips ---------------------------------------------------------------------------
def test_figure_tooltip_shows_note_and_provenance(panel, services):
    ind = make_ni70(services)
    services.indicators.set_note(ind, "fy:2009", "Provisional HES extract")
    panel.show_indicator(ind)
    tip = panel.model.data(cell(panel, "2009/10"), Qt.ItemDataRole.ToolTipRole)
    assert "Provisional HES extract" in tip
    assert "entered by Test Officer" in tip


def test_provisional_figure_is_marked(qtbot, panel, services):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    paste(qtbot, panel, "103.0 (p)\r\n", cell(panel, "2010/11"))
    v = services.indicators.value_at(ind, "fy:2010")
    assert v.status is ValueStatus.PROVISIONAL and v.value == 103.0
    pts = panel.chart.actual_points.data
    assert pts["brush"][2].color().name() == "#ffffff"  # hollow centre
    shown = [t for t in panel.chart.labels if t.isVisible()]
    assert [t.textItem.toPlainText() for t in shown] == ["p"]
    assert panel.model.data(cell(panel, "2010/11")) == "103.0 (p)"


def test_read_only_file_refuses_edits_without_crashing(qtbot, tmp_path):
    from app.services import Services
    from db import store as db_store

    path = tmp_path / "ro.boardpack"
    s = db_store.create(path, author="Test Officer")
    ind = make_ni70(Services.over(s))
    s.close()
    ro = db_store.open_store(path, read_only=True)
    try:
        services = Services.over(ro)
        p = IndicatorPanel(services, QUndoStack())
        qtbot.addWidget(p)
        p.show_indicator(ind)
        assert not p.model.flags(cell(p, "2009/10")) & Qt.ItemFlag.ItemIsEditable
        assert not p.grid.paste("99\r\n")
        assert "read-only" in p.error.text()
        assert services.indicators.value_at(ind, "fy:2009").value == 108.3
    finally:
        ro.close()
