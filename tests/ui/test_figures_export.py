"""File ▸ Export Figures…: the selected indicator's (or every) figure to .csv or .xlsx."""

from __future__ import annotations

import csv

from PySide6.QtCore import QPoint, Qt
from window_support import click_row

from app.domain import Value


def _menu_action(w, name):
    w.acts[name].trigger()
    return w.figures_export


def test_the_selected_indicator_exported_as_csv(qtbot, window, tmp_path):
    click_row(qtbot, window, "3.14")
    dialog = _menu_action(window, "export_figures")
    qtbot.waitExposed(dialog)
    assert dialog.one.isEnabled() and "3.14" in dialog.one.text()
    qtbot.mouseClick(dialog.one, Qt.MouseButton.LeftButton,
                     pos=QPoint(6, dialog.one.height() // 2))  # on the button, not beside
    assert dialog.one.isChecked() and not dialog.plan.isEnabled()
    dialog.format.setFocus()
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # Excel → CSV
    assert dialog.path_edit.text().endswith(".csv")
    out = tmp_path / "three fourteen.csv"
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(out))
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["Indicator"], r["Period"], r["Value"]) for r in rows if r["Value"]] == [
        ("3.14", "Sep-18", "764"), ("3.14", "Dec-18", "794")]
    assert window.statusBar().currentMessage() == (
        "Wrote three fourteen.csv: 2 figure(s) of 1 indicator(s).")
    assert not list(tmp_path.glob(".*partial"))


def test_every_figure_to_xlsx_reads_back_with_nothing_changed(qtbot, window, tmp_path):
    dialog = _menu_action(window, "export_figures")
    assert dialog.every.isChecked() and not dialog.one.isEnabled()  # nothing selected
    out = tmp_path / "all.xlsx"
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    imports = window.services.imports
    sheet = imports.read(out)
    run = imports.dry_run(out, sheet, imports.mapping_for(out, sheet))
    assert not run.problems
    assert run.count("unchanged") == len(window.services.store.find(Value)) > 5
    assert run.count("new") == run.count("changed") == 0
