"""The indicator panel over the bundled sample plan (skipped until it is built)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QUndoStack

from app import paths
from app.services import Services
from ui.indicator_panel import IndicatorPanel


@pytest.fixture
def sample_services(tmp_path):
    from db import store as db_store

    bundled = paths.bundled_sample()
    if not bundled.exists():
        pytest.skip("resources/sample/sample.boardpack is not built yet")
    copy = tmp_path / "sample.boardpack"
    shutil.copyfile(bundled, copy)
    store = db_store.open_store(copy, author="Test Officer")
    yield Services.over(store)
    store.close()


def find(services, **fields):
    return next(i for i in services.indicators.indicators()
                if all(getattr(i, k) == v for k, v in fields.items()))


def test_ni70_in_the_sample(qtbot, sample_services):
    panel = IndicatorPanel(sample_services, QUndoStack())
    qtbot.addWidget(panel)
    ni70 = find(sample_services, code="NI 70")
    panel.show_indicator(ni70.id)
    spec = panel.spec
    assert [(p.label, p.value) for p in spec.actuals] == [("2008/09", 106.5), ("2009/10", 108.3)]
    xs, ys = panel.chart.actual_line.getData()
    assert list(ys) == [106.5, 108.3]
    targets = {s.label: s.low for s in spec.targets}
    assert targets["2009/10"] == 106.0 and targets["2010/11"] == 104.0
    _xs, target_ys = panel.chart.target_line.getData()
    assert 106.0 in list(target_ys) and 104.0 in list(target_ys)
    comps = {s.name: [q.value for q in s.points] for s in spec.comparators}
    assert comps == {"England": [123.9], "Statistical neighbours": [98.2]}
    drawn = sorted(max(i.getData()[1]) for i in panel.chart.comparator_lines if i.isVisible())
    assert drawn == [98.2, 123.9]
    tip = panel.chart.tooltip_at(0)
    assert "England: 123.9" in tip and "106.5" in tip


def test_weekly_attendance_by_cohort_has_one_line_per_cohort(qtbot, sample_services):
    panel = IndicatorPanel(sample_services, QUndoStack())
    qtbot.addWidget(panel)
    ind = find(sample_services, title="Weekly school attendance by cohort")
    panel.show_indicator(ind.id)
    assert len(panel.spec.breakdowns) == 6
    assert panel.spec.total is None  # percentages are never added up
    assert panel.spec.categories[0].label == "w/c 14/03/2022"
    visible = [i for i in panel.chart.breakdown_lines if i.isVisible()]
    assert len(visible) == 6 and all(len(i.getData()[1]) == 4 for i in visible)
    assert panel.breakdown.count() == 6
