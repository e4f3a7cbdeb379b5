"""FiguresModel under qtmodeltester; the properties dialog; export."""

from __future__ import annotations

import pytest
from indicator_fixtures import make_count, make_ni70, make_percent
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QUndoStack

from ui.figures_model import FIGURE, FiguresModel
from ui.indicator_panel import IndicatorPanel


@pytest.mark.parametrize("maker", [make_ni70, make_percent, make_count])
def test_figures_model_passes_qtmodeltester(qtmodeltester, services, maker):
    model = FiguresModel(services, QUndoStack())
    model.set_indicator(maker(services))
    qtmodeltester.check(model, force_py=True)
    model.add_next_period()
    model.set_indicator(None)
    qtmodeltester.check(model, force_py=True)


def test_rows_are_union_of_periods_plus_next_due(services):
    ind = make_ni70(services)
    model = FiguresModel(services, QUndoStack())
    model.set_indicator(ind)
    assert [r.label for r in model.rows] == ["2008/09", "2009/10", "2010/11", "2011/12"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in
               range(model.columnCount())]
    assert headers == ["Period", "Figure (per 10,000)", "Status", "Target", "England",
                       "Stat. neighbours", "Note"]
    row = model.rows.index(next(r for r in model.rows if r.label == "2008/09"))
    texts = [model.data(model.index(row, c)) for c in range(model.columnCount())]
    assert texts == ["2008/09", "106.5", "Amber", "", "123.9", "98.2", ""]
    assert model.data(model.index(1, 3)) == "at most 106.0"


def test_breakdown_selector_switches_rows(qtbot, services):
    ind = make_count(services)
    panel = IndicatorPanel(services, QUndoStack())
    qtbot.addWidget(panel)
    panel.show_indicator(ind)
    assert panel.breakdown.count() == 2 and not panel.breakdown.isHidden()
    assert panel.model.breakdown == "area: Cherwell & West"
    assert panel.model.data(panel.model.index(0, 1)) == "76"
    panel.breakdown.setCurrentIndex(1)
    assert panel.model.breakdown == "area: Oxford"
    assert panel.model.data(panel.model.index(0, 1)) == "41"
    # a total line only where the unit adds up (a count): 76+41, 52+22
    assert [p.value for p in panel.spec.total.points] == [117, 74]
    assert len(panel.spec.breakdowns) == 2


def test_properties_edit_is_one_undo_step(qtbot, services):
    ind = make_ni70(services)
    stack = QUndoStack()
    panel = IndicatorPanel(services, stack)
    qtbot.addWidget(panel)
    panel.show_indicator(ind)
    changed = []
    panel.changes.figures.connect(changed.append)
    dialog = panel.open_properties()
    assert dialog.rate_base.value() == 10000 and dialog.inferred.isChecked() is False
    dialog.title.setText("Emergency admissions due to injury, per 10,000 aged 0-17")
    dialog.decimals.setValue(2)
    dialog.save()
    got = services.indicators.indicator(ind)
    assert got.title.endswith("aged 0-17") and got.decimals == 2
    assert stack.count() == 1 and changed == [ind]
    assert panel.spec.title.endswith("aged 0-17")
    stack.undo()
    got = services.indicators.indicator(ind)
    assert got.title == "Emergency hospital admissions due to injury per 10,000"
    assert got.decimals == 1


def ni70_properties(qtbot, services):
    """NI 70 shown in a panel, its Properties dialog open: (indicator, stack, panel, dialog)."""
    ind = make_ni70(services)
    stack = QUndoStack()
    panel = IndicatorPanel(services, stack)
    qtbot.addWidget(panel)
    panel.show_indicator(ind)
    return ind, stack, panel, panel.open_properties()


def test_add_revised_target_keeps_the_old_one(qtbot, services):
    ind, stack, panel, dialog = ni70_properties(qtbot, services)
    assert dialog.history.rowCount() == 2
    dialog.target_period.setText("2010/11")
    dialog.target_text.setText("at most 100")
    dialog.target_note.setText("revised by the board")
    assert dialog.add_target()
    rows = [(dialog.history.data(dialog.history.index(r, 0)),
             dialog.history.data(dialog.history.index(r, 1)),
             dialog.history.data(dialog.history.index(r, 4)))
            for r in range(dialog.history.rowCount())]
    assert ("2010/11", "at most 104.0", "replaced") in rows
    assert ("2010/11", "at most 100.0", "in force") in rows
    grey = dialog.history.data(dialog.history.index(
        [r[2] for r in rows].index("replaced"), 0), Qt.ItemDataRole.ForegroundRole)
    assert grey is not None
    assert [s.low for s in panel.spec.targets] == [106.0, 100.0]
    stack.undo()
    live = services.indicators.targets(ind)
    assert sorted(t.value for t in live) == [104.0, 106.0]
    assert [s.low for s in panel.spec.targets] == [106.0, 104.0]


def test_bad_target_text_is_refused(qtbot, services):
    ind = make_percent(services)
    panel = IndicatorPanel(services, QUndoStack())
    qtbot.addWidget(panel)
    panel.show_indicator(ind)
    dialog = panel.open_properties()
    dialog.target_period.setText("2011/12")
    dialog.target_text.setText("at most 140%")
    assert not dialog.add_target()
    assert "above 100" in dialog.error.text()


def test_export_png_and_svg_at_shown_size(qtbot, services, tmp_path):
    ind = make_ni70(services)
    panel = IndicatorPanel(services, QUndoStack())
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    panel.show_indicator(ind)
    panel.chart.export_png(tmp_path / "c.png")
    panel.chart.export_svg(tmp_path / "c.svg")
    img = QImage(str(tmp_path / "c.png"))
    assert img.width() == panel.chart.view.width()
    svg = (tmp_path / "c.svg").read_text()
    assert "<svg" in svg and "2009/10" in svg


def test_no_indicator_shows_nothing(qtbot, services):
    panel = IndicatorPanel(services, QUndoStack())
    qtbot.addWidget(panel)
    panel.show_indicator(None)
    assert panel.model.rowCount() == 0 and not panel.grid.isEnabled()
    assert panel.chart.spec is None


def test_grid_cell_figure_note_and_comparators_are_editable_and_others_are_not(services):
    # period, figure, status, target, England, statistical neighbours, note
    model = FiguresModel(services, QUndoStack())
    model.set_indicator(make_ni70(services))
    flags = [bool(model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable)
             for c in range(model.columnCount())]
    assert flags == [False, True, False, False, True, True, True]
    assert model.column_of(FIGURE) == 1


def test_cancel_takes_back_a_revised_target_too(qtbot, services):
    ind, _stack, panel, dialog = ni70_properties(qtbot, services)
    dialog.target_period.setText("2010/11")
    dialog.target_text.setText("at most 100")
    assert dialog.add_target()
    assert sorted(t.value for t in services.indicators.targets(ind)) == [100.0, 106.0]
    dialog.reject()
    assert sorted(t.value for t in services.indicators.targets(ind)) == [104.0, 106.0]
    assert [s.low for s in panel.spec.targets] == [106.0, 104.0]
