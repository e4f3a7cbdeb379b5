"""Every field an indicator needs can be entered: comparators in the grid and in Properties,
a rate's base, the first target, a new indicator under a filter, the plan in the link
picker."""

from __future__ import annotations

from dialog_support import properties_of, with_dialog
from grid_support import cell, paste, type_in
from indicator_fixtures import make_count, make_ni70
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListView, QPushButton
from window_support import click_row

from app.domain import RAG, ComparatorKind, Unit
from ui.figures_model import STATUS

SN = ComparatorKind.STATISTICAL_NEIGHBOURS.value
ENGLAND = ComparatorKind.ENGLAND.value


def comparators(services, ind_id):
    return {(c.kind.value, c.period): (c.value, c.raw_text)
            for c in services.indicators.comparators(ind_id)}


def in_line_with_neighbours(services) -> str:
    """Looked-after children, whose target is the statistical neighbours' average."""
    plan = services.plans.create_plan("CYPP 2018-23")
    ind = services.indicators.create_indicator(
        "Looked after children per 10,000", plan_id=plan.id, code="LAC", unit="rate",
        rate_base=10000, polarity="lower", period_type="fy", decimals=1)
    services.indicators.set_value(ind.id, "fy:2018", 52.0)
    services.indicators.add_target(ind.id, "fy:2018", "relative_to_comparator",
                                   comparator=SN, raw_text="in line with statistical neighbours")
    return ind.id


def test_a_neighbours_target_is_rated_once_the_neighbours_figure_is_typed_in_the_grid(
        qtbot, panel, services, stack):
    ind = in_line_with_neighbours(services)
    panel.show_indicator(ind)
    assert panel.current_rag is RAG.GREY
    assert panel.model.data(cell(panel, "2018/19", STATUS)) == "Grey"
    type_in(qtbot, panel, cell(panel, "2018/19", SN), "48.0")
    assert comparators(services, ind) == {(SN, "fy:2018"): (48.0, "48.0")}
    assert panel.current_rag is RAG.RED  # 52 per 10,000 against the neighbours' 48
    assert panel.model.data(cell(panel, "2018/19", SN)) == "48.0"
    assert stack.undoText() == "Enter Stat. neighbours 48.0 for 2018/19"
    type_in(qtbot, panel, cell(panel, "2018/19", SN), "53")
    assert panel.current_rag is RAG.GREEN
    stack.undo()
    assert comparators(services, ind) == {(SN, "fy:2018"): (48.0, "48.0")}
    stack.undo()
    assert comparators(services, ind) == {} and panel.current_rag is RAG.GREY
    stack.redo()
    assert panel.current_rag is RAG.RED


def test_comparators_paste_as_columns_and_delete_clears_one(qtbot, panel, services, stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    paste(qtbot, panel, "120.5\t99.1\n118.0\t97.4\n", cell(panel, "2009/10", ENGLAND))
    got = comparators(services, ind)
    assert got[(ENGLAND, "fy:2009")] == (120.5, "120.5")
    assert got[(SN, "fy:2009")] == (99.1, "99.1")
    assert got[(ENGLAND, "fy:2010")] == (118.0, "118.0")  # the row past the end is added
    assert got[(SN, "fy:2010")] == (97.4, "97.4")
    assert stack.count() == 1 and stack.undoText() == "Paste 4 comparator figure(s)"
    panel.grid.setCurrentIndex(cell(panel, "2010/11", SN))
    qtbot.keyClick(panel.grid, Qt.Key.Key_Delete)
    assert (SN, "fy:2010") not in comparators(services, ind)
    stack.undo()
    assert comparators(services, ind)[(SN, "fy:2010")] == (97.4, "97.4")


def test_a_comparator_that_is_not_a_figure_is_refused_in_the_grid(qtbot, panel, services,
                                                                   stack):
    ind = make_ni70(services)
    panel.show_indicator(ind)
    before = comparators(services, ind)
    type_in(qtbot, panel, cell(panel, "2009/10", ENGLAND), "12abc")
    assert comparators(services, ind) == before and stack.count() == 0
    assert "abc" in panel.error.text() and panel.error.isVisible()


def test_comparators_are_set_and_removed_in_properties(qtbot, services):
    ind = in_line_with_neighbours(services)
    panel, dialog = properties_of(qtbot, services, ind)
    stack = panel.undo_stack
    dialog.tabs.setCurrentIndex(2)
    assert dialog.tabs.tabText(2) == "Comparators"
    qtbot.keyClicks(dialog.comparator_period, "2018/19")
    dialog.comparator_kind.setFocus()
    assert dialog.comparator_kind.currentText() == "Statistical neighbours"
    qtbot.keyClicks(dialog.comparator_figure, "50.2")
    qtbot.mouseClick(dialog.set_comparator_button, Qt.MouseButton.LeftButton)
    assert comparators(services, ind) == {(SN, "fy:2018"): (50.2, "50.2")}
    assert dialog.comparators.rowCount() == 1
    assert [dialog.comparators.data(dialog.comparators.index(0, c)) for c in range(3)] == [
        "2018/19", "Statistical neighbours", "50.2 per 10,000"]
    assert panel.current_rag is RAG.AMBER  # 52 against 50.2: within the 5% tolerance
    # England, chosen from the list with the keyboard
    dialog.comparator_kind.setCurrentIndex(dialog.comparator_kind.findText("England"))
    qtbot.keyClicks(dialog.comparator_figure, "61.0")
    qtbot.mouseClick(dialog.set_comparator_button, Qt.MouseButton.LeftButton)
    assert comparators(services, ind)[(ENGLAND, "fy:2018")] == (61.0, "61.0")
    # a figure the parser refuses: nothing saved, the reason shown
    qtbot.keyClicks(dialog.comparator_figure, "1e3")
    qtbot.mouseClick(dialog.set_comparator_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() and len(comparators(services, ind)) == 2
    # remove the neighbours' figure: choose its row, click Remove
    row = next(r for r in range(dialog.comparators.rowCount())
               if dialog.comparators.comparators[r].kind is ComparatorKind.STATISTICAL_NEIGHBOURS)
    rect = dialog.comparators_view.visualRect(dialog.comparators.index(row, 0))
    qtbot.mouseClick(dialog.comparators_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    qtbot.mouseClick(dialog.remove_comparator_button, Qt.MouseButton.LeftButton)
    assert comparators(services, ind) == {(ENGLAND, "fy:2018"): (61.0, "61.0")}
    assert panel.current_rag is RAG.GREY
    assert stack.count() == 3
    dialog.reject()  # Cancel takes every step back
    assert comparators(services, ind) == {}


def test_rate_per_10000_keeps_its_base_when_saved_from_properties(qtbot, services):
    ind = make_count(services)
    panel, dialog = properties_of(qtbot, services, ind)
    dialog.unit.setFocus()
    dialog.unit.setCurrentIndex(dialog.unit.findText("Rate per N of a population"))
    assert dialog.rate_base.isEnabled() and dialog.rate_base.value() == 10000
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    got = services.indicators.indicator(ind)
    assert got.unit is Unit.RATE and got.rate_base == 10000
    # and kept through a later save of another field
    dialog = panel.open_properties()
    assert dialog.rate_base.value() == 10000
    dialog.decimals.setValue(2)
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert services.indicators.indicator(ind).rate_base == 10000


def _ok(dialog) -> QPushButton:
    from PySide6.QtWidgets import QDialogButtonBox

    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_the_first_target_is_offered_as_add_target(qtbot, services):
    plan = services.plans.create_plan("Plan")
    ind = services.indicators.create_indicator("Young carers known", plan_id=plan.id,
                                               unit="count", polarity="higher",
                                               period_type="fy")
    _panel, dialog = properties_of(qtbot, services, ind.id)
    assert dialog.add_target_button.text() == "&Add target"
    assert dialog.target_box.title() == "Add target"
    qtbot.keyClicks(dialog.target_period, "2019/20")
    qtbot.keyClicks(dialog.target_text, "at least 400")
    qtbot.mouseClick(dialog.add_target_button, Qt.MouseButton.LeftButton)
    assert [t.value for t in services.indicators.targets(ind.id)] == [400.0]
    assert dialog.add_target_button.text() == "&Add revised target"


def test_a_new_indicator_under_a_filter_is_shown_and_the_status_bar_says_so(qtbot, window):
    s, ids = window.services, window.ids
    window.tree.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.filter_bar.text, "belonging")
    click_row(qtbot, window, "10")

    def fill(dialog) -> None:
        title = dialog.findChild(QLineEdit)
        qtbot.keyClicks(title, "Children placed more than 20 miles away")
        unit = next(c for c in dialog.findChildren(QComboBox)
                    if c.findText("Rate per N of a population") >= 0)
        unit.setCurrentIndex(unit.findText("Rate per N of a population"))
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    with_dialog(qtbot, lambda: qtbot.keyClick(window.tree, Qt.Key.Key_I,
                                              Qt.KeyboardModifier.ControlModifier), fill)
    new = [i for i in s.indicators.indicators() if i.title.startswith("Children placed")]
    assert len(new) == 1 and new[0].rate_base == 10000  # "Rate per 10,000" kept its base
    item = window.current_item()
    assert item is not None and item.id == new[0].id  # shown and chosen, not hidden
    assert window.filter_bar.text.text() == ""
    assert "filter was cleared" in window.statusBar().currentMessage()
    assert [lk.node_id for lk in s.indicators.links_of_indicator(new[0].id)] == [ids["o10"]]


def test_the_link_picker_shows_each_indicators_plan(qtbot, window):
    s, ids = window.services, window.ids
    other = s.plans.create_plan("CYPP 2024-27", short_name="CYPP 2024-27")
    s.indicators.create_indicator("Looked after children", plan_id=other.id, ref="LAC-24")
    window.changes.tree.emit()
    click_row(qtbot, window, "9")
    shown: list[str] = []

    def pick(dialog) -> None:
        listing = dialog.findChild(QListView)
        model = listing.model()
        shown.extend(model.data(model.index(r, 0)) for r in range(model.rowCount()))
        qtbot.keyClicks(dialog.findChild(QLineEdit), "2024-27")
        assert model.rowCount() == 1
        qtbot.keyClick(listing, Qt.Key.Key_Return)
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    with_dialog(qtbot, lambda: qtbot.keyClick(window.tree, Qt.Key.Key_L,
                                              Qt.KeyboardModifier.ControlModifier), pick)
    assert "3.14  Reduce the number of looked after children to the average of our " \
           "statistical neighbours  ·  CYPP 2018-23" in shown
    assert "LAC-24  Looked after children  ·  CYPP 2024-27" in shown
    lac = next(i for i in s.indicators.indicators() if i.ref == "LAC-24")
    assert ids["o9"] in {lk.node_id for lk in s.indicators.links_of_indicator(lac.id)}
