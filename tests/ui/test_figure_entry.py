"""Figures are never silently altered: the grid refuses what is not a whole figure, keeps
a pasted note, pastes weeks × cohorts into the breakdowns, and drops a stale refusal."""

from __future__ import annotations

import pytest
from grid_support import cell, editor_text, paste, type_in
from indicator_fixtures import make_count, make_ni70
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolTip

from app.domain import ValueStatus
from ui.figures_model import NOTE


def stored(services, ind_id):
    return {(v.period, v.breakdown): (v.value, v.status, v.raw_text, v.note)
            for v in services.indicators.values(ind_id)}


@pytest.mark.parametrize(("typed", "why"), [
    ("1e309", "powers of ten are not read"),
    ("1e3", "powers of ten are not read"),
    ("12abc", "'abc' runs on from the number '12'"),
    ("12..5", "a second decimal point"),
    ("0x10", "'x10' runs on from the number '0'"),
    ("--5", "'--5' is not a figure"),
    ("12#", "'#' follows the number"),
    ("12,5", "',5' runs on"),
])
def test_a_partial_figure_typed_in_a_cell_is_refused_with_its_reason(
        qtbot, panel, services, stack, typed, why):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    before = stored(services, ind)
    type_in(qtbot, panel, cell(panel, "2009/10"), typed)
    assert stored(services, ind) == before and stack.count() == 0
    assert why in panel.error.text() and panel.error.isVisible()
    qtbot.waitUntil(lambda: editor_text(panel) == typed)  # given back to correct


@pytest.mark.parametrize(("typed", "value", "status", "shown"), [
    ("[c]", None, ValueStatus.SUPPRESSED, "suppressed"),
    ("..", None, ValueStatus.NOT_AVAILABLE, "not available"),
    ("[z]", None, ValueStatus.NOT_APPLICABLE, "not applicable"),
    ("[low]", None, ValueStatus.ROUNDS_TO_ZERO, "rounds to zero"),
    ("<5", None, ValueStatus.BELOW, "below a bound"),
    ("110.2 [p]", 110.2, ValueStatus.PROVISIONAL, "provisional"),
    ("c. 104", 104, ValueStatus.ACTUAL, ""),
    ("nya: Nov 2010", None, ValueStatus.NOT_YET_AVAILABLE, "nya"),
])
def test_shorthand_is_a_status_never_a_number(qtbot, panel, services, stack, typed, value,
                                               status, shown):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    type_in(qtbot, panel, cell(panel, "2010/11"), typed)
    v = services.indicators.value_at(ind, "fy:2010")
    assert (v.value, v.status, v.raw_text) == (value, status, typed)
    row = cell(panel, "2010/11")
    status_text = panel.model.index(row.row(), panel.model.column_of("status")).data()
    assert shown in status_text
    if value is None and status is not ValueStatus.NOT_YET_AVAILABLE:
        assert row.data() == typed  # the cell shows what was typed, not a number
        [point] = [p for p in panel.spec.actuals if p.period == "fy:2010"]
        assert (point.value, point.text, point.suppressed) == (None, typed, True)
    assert panel.chart.actual_points.data["y"].tolist() == [106.5, 108.3] + (
        [value] if value is not None else [])


def test_a_pasted_note_with_no_figure_keeps_its_note(qtbot, panel, services, stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    # figure and note columns side by side: Note is the grid's last column
    left = cell(panel, "2009/10")
    note_col = panel.model.column_of(NOTE)
    assert note_col > left.column()
    # paste into the Figure column a two-column block: figure, note
    paste(qtbot, panel, "\tReturn late from the trust\r\n\tNo return yet\r\n", left)
    v2009 = services.indicators.value_at(ind, "fy:2009")
    v2010 = services.indicators.value_at(ind, "fy:2010")
    assert (v2009.value, v2009.note) == (108.3, "Return late from the trust")  # figure kept
    assert (v2010.value, v2010.status, v2010.note) == (None, ValueStatus.ACTUAL,
                                                       "No return yet")
    assert stack.count() == 1
    assert panel.model.index(cell(panel, "2010/11").row(), note_col).data() == "No return yet"
    assert cell(panel, "2010/11").data() == ""  # blank is missing, never zero
    stack.undo()
    assert services.indicators.value_at(ind, "fy:2010") is None
    assert services.indicators.value_at(ind, "fy:2009").note == ""


def test_a_note_typed_or_pasted_in_the_note_column_of_an_empty_period_is_kept(
        qtbot, panel, services, stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    note_col = panel.model.column_of(NOTE)
    row = cell(panel, "2010/11").row()
    type_in(qtbot, panel, panel.model.index(row, note_col), "Due in June")
    v = services.indicators.value_at(ind, "fy:2010")
    assert (v.value, v.note) == (None, "Due in June") and stack.count() == 1
    paste(qtbot, panel, "Checked\r\nAwaiting the return\r\n",
          panel.model.index(cell(panel, "2009/10").row(), note_col))
    assert services.indicators.value_at(ind, "fy:2009").value == 108.3
    assert services.indicators.value_at(ind, "fy:2009").note == "Checked"
    assert services.indicators.value_at(ind, "fy:2010").note == "Awaiting the return"
    panel.grid.setCurrentIndex(panel.model.index(row, note_col))
    qtbot.keyClick(panel.grid, Qt.Key.Key_Delete)  # the note was all the period held
    assert services.indicators.value_at(ind, "fy:2010") is None
    stack.undo()
    assert services.indicators.value_at(ind, "fy:2010").note == "Awaiting the return"
    stack.undo()
    stack.undo()
    assert services.indicators.value_at(ind, "fy:2010") is None


WEEKS_BY_COHORT = ("Week\tcohort: EHCP\tcohort: SEN support\r\n"
                   "w/c 07/03/2022\t12\t30\r\n"
                   "w/c 14/03/2022\t[c]\t28\r\n"
                   "w/c 21/03/2022\t9\t\r\n")


def _weekly(services) -> str:
    plan = services.plans.create_plan("Plan")
    ind = services.indicators.create_indicator(
        "Pupils without a school place", plan_id=plan.id, unit="count", polarity="lower",
        period_type="w", decimals=0)
    services.indicators.set_value(ind.id, "w:2022-03-07", 11, breakdown="cohort: EHCP")
    return ind.id


def test_a_block_of_weeks_by_cohorts_pastes_into_the_breakdowns(qtbot, panel, services,
                                                                   stack):
    ind = _weekly(services)
    panel.show_indicator(ind)
    paste(qtbot, panel, WEEKS_BY_COHORT, cell(panel, "w/c 07/03/2022"))
    assert stored(services, ind) == {
        ("w:2022-03-07", "cohort: EHCP"): (12, ValueStatus.ACTUAL, "12", ""),
        ("w:2022-03-14", "cohort: EHCP"): (None, ValueStatus.SUPPRESSED, "[c]", ""),
        ("w:2022-03-21", "cohort: EHCP"): (9, ValueStatus.ACTUAL, "9", ""),
        ("w:2022-03-07", "cohort: SEN support"): (30, ValueStatus.ACTUAL, "30", ""),
        ("w:2022-03-14", "cohort: SEN support"): (28, ValueStatus.ACTUAL, "28", ""),
    }
    assert stack.count() == 1 and "2 breakdowns" in stack.undoText()
    combo = panel.breakdown
    assert combo.isVisible()
    assert [combo.itemData(i) for i in range(combo.count())] == ["cohort: EHCP",
                                                                 "cohort: SEN support"]
    stack.undo()
    assert stored(services, ind) == {
        ("w:2022-03-07", "cohort: EHCP"): (11, ValueStatus.ACTUAL, "11", "")}


def test_a_bad_cell_in_a_block_saves_nothing_and_names_it(qtbot, panel, services, stack):
    ind = _weekly(services)
    panel.show_indicator(ind)
    before = stored(services, ind)
    paste(qtbot, panel, WEEKS_BY_COHORT.replace("28", "28abc"), cell(panel, "w/c 07/03/2022"))
    assert stored(services, ind) == before and stack.count() == 0
    assert "w/c 14/03/2022, cohort: SEN support" in panel.error.text()
    assert "'abc' runs on" in panel.error.text()


def test_a_stale_refusal_goes_when_the_next_paste_succeeds(qtbot, panel, services, stack):
    ind = make_count(services)
    panel.show_indicator(ind)
    at = cell(panel, "Q3 2021/22")
    paste(qtbot, panel, "1e3\r\n", at)
    assert "powers of ten" in panel.error.text() and panel.error.isVisible()
    assert "powers of ten" in QToolTip.text()
    paste(qtbot, panel, "1000\r\n", at)
    assert services.indicators.value_at(ind, "fq:2021Q3", "area: Cherwell & West").value == 1000
    assert panel.grid.last_error == "" and not panel.error.isVisible()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_delete_then_typing_a_partial_figure_leaves_the_cell_empty(qtbot, panel, services,
                                                                     stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    panel.grid.setCurrentIndex(cell(panel, "2009/10"))
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, Qt.Key.Key_Delete)
    type_in(qtbot, panel, cell(panel, "2009/10"), "108.3.1")
    assert services.indicators.value_at(ind, "fy:2009") is None
