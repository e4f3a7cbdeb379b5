"""Keys do what the screen says: in the figures grid the grid's keys win over the plan
tree's, Tab leaves the grid, the chart takes no focus and no Alt+letter means two things."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from window_support import click_row, mnemonics, shortcut_keys

from ui.figures_model import FIGURE

CTRL = Qt.KeyboardModifier.ControlModifier


def _grid_of_314(qtbot, window):
    click_row(qtbot, window, "3.14")
    grid = window.indicator_panel.grid
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    return grid


def _tree_size(window) -> int:
    return len(window.model.nodes)


def test_ctrl_return_in_the_grid_adds_a_period_not_a_tree_item(qtbot, window):
    grid = _grid_of_314(qtbot, window)
    model = grid.figures()
    rows, nodes = model.rowCount(), _tree_size(window)
    last = model.rows[-1].label
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert model.rowCount() == rows + 1
    assert model.rows[-1].label != last
    assert _tree_size(window) == nodes
    assert window.current_item().kind == "indicator"
    assert grid.currentIndex().row() == rows and grid.hasFocus()


def test_ctrl_return_in_the_tree_still_adds_an_item(qtbot, window):
    click_row(qtbot, window, "10")
    nodes = _tree_size(window)
    qtbot.keyClick(window.tree, Qt.Key.Key_Return, CTRL)
    assert _tree_size(window) == nodes + 1


def _shown(model, period: str) -> str:
    """The figure the grid shows for a period ("" when the period has no row or no figure)."""
    rows = [i for i, r in enumerate(model.rows) if r.key == period]
    return model.index(rows[0], model.column_of(FIGURE)).data() or "" if rows else ""


def test_delete_in_the_grid_clears_the_cell_and_undo_brings_it_back(qtbot, window):
    grid = _grid_of_314(qtbot, window)
    model = grid.figures()
    column = model.column_of(FIGURE)
    row = next(i for i in range(model.rowCount()) if model.index(i, column).data())
    index = model.index(row, column)
    before, period = index.data(), model.rows[row].key
    stored = window.services.indicators.value_at(window.ids["3.14"], period).value
    grid.setCurrentIndex(index)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert window.services.indicators.value_at(window.ids["3.14"], period) is None
    assert not _shown(model, period)
    assert window.confirmations == []  # no "Remove from this item" question
    assert window.current_item().kind == "indicator"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert window.services.indicators.value_at(window.ids["3.14"], period).value == stored
    assert _shown(model, period) == before


def test_tab_leaves_the_grid_from_its_last_column_and_shift_tab_comes_back(qtbot, window):
    grid = _grid_of_314(qtbot, window)
    model = grid.figures()
    last = model.columnCount() - 1
    grid.move_to(0, last - 1)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.hasFocus() and grid.currentIndex().column() == last
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not grid.hasFocus())
    away = QApplication.focusWidget()
    assert away is not None and not grid.isAncestorOf(away)
    qtbot.keyClick(away, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(grid.hasFocus)
    grid.move_to(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not grid.hasFocus())


def test_the_chart_never_takes_focus(qtbot, window):
    grid = _grid_of_314(qtbot, window)
    chart = window.indicator_panel.chart
    seen = []
    for _ in range(40):  # round the whole window by Shift+Tab, from the grid's first cell
        grid.move_to(0, 0)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab,
                       Qt.KeyboardModifier.ShiftModifier)
        seen.append(QApplication.focusWidget())
    assert not any(w is chart or chart.isAncestorOf(w) for w in seen if w is not None)
    assert chart.focusPolicy() == chart.view.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_properties_has_a_key(qtbot, window):
    grid = _grid_of_314(qtbot, window)
    panel = window.indicator_panel
    assert not any(d.isVisible() for d in panel.findChildren(QDialog))
    qtbot.keyClick(grid, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in panel.findChildren(QDialog)))
    dialog = next(d for d in panel.findChildren(QDialog) if d.isVisible())
    assert dialog.windowTitle().startswith("Properties of")
    dialog.reject()


def test_export_chart_has_a_key(qtbot, window):
    grid = _grid_of_314(qtbot, window)
    menu = window.indicator_panel.export_button.menu()
    shown = []
    menu.aboutToShow.connect(lambda: shown.append(menu))
    # The menu runs its own loop until closed: close it once it is on screen.
    menu.aboutToShow.connect(lambda: qtbot.waitUntil(menu.isVisible) or menu.close(),
                             Qt.ConnectionType.QueuedConnection)
    qtbot.keyClick(grid, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert shown == [menu] and isinstance(menu, QMenu)
    assert [a.text() for a in menu.actions()] == ["As PNG image…", "As SVG drawing…"]


def _clashes(found):
    counts = Counter(letter for letter, _ in found)
    return sorted((text, letter) for letter, text in found if counts[letter] > 1)


def test_no_two_mnemonics_or_shortcuts_clash(qtbot, window):
    click_row(qtbot, window, "3.14")
    assert _clashes(mnemonics(window)) == []
    window.detail.indicator_tabs.setCurrentIndex(1)  # the indicator's details
    assert _clashes(mnemonics(window)) == []
    for ref in ("10", "CYPP 2018-23"):  # an item of the plan, and the plan itself
        click_row(qtbot, window, ref)
        assert len(mnemonics(window)) > 10 and _clashes(mnemonics(window)) == []
    keys = Counter(shortcut_keys(window))
    assert {k: n for k, n in keys.items() if n > 1} == {}
    assert "Alt+Return" in keys and "Ctrl+Shift+E" in keys
