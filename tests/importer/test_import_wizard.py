"""The import wizard: file → sheet → columns → dry run → import, off the GUI thread, one
undo step; Cancel stops the work."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbook_support import write_xlsx

from app.domain import Value

DATA = Path(__file__).parent.parent / "data" / "importer"


@pytest.fixture
def wizard(qtbot, services, plan_ids):
    from PySide6.QtGui import QUndoStack

    from ui.application import make_app
    from ui.commands import Changes
    from ui.import_wizard import ImportWizard

    make_app()
    stack, changes = QUndoStack(), Changes()
    w = ImportWizard(None, services, stack, changes)
    qtbot.addWidget(w)
    w.stack, w.touched = stack, []
    changes.figures.connect(w.touched.append)
    w.show()
    yield w
    from PySide6.QtCore import QThreadPool

    assert QThreadPool.globalInstance().waitForDone(10000)  # a cancelled job ends too


def _on_page(qtbot, wizard, page):
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == page and not wizard.busy(),
                    timeout=10000)


def test_a_new_user_imports_a_return_and_undoes_it(qtbot, wizard, services, plan_ids):
    _to_columns(qtbot, wizard, DATA / "partner-return.xlsx")  # one sheet: no sheet step
    assert wizard.header_row.value() == 3  # below the merged title row
    assert wizard.columns["value"].currentText() == "C: Value"
    assert wizard.columns["target"].currentIndex() == 0  # not in this sheet
    assert wizard.preview.item(1, 0).text() == "BF"
    wizard.next.click()
    _on_page(qtbot, wizard, wizard.REPORT)
    assert "Figures: 7 new, 0 changed, 0 unchanged" in wizard.report.toPlainText()
    assert wizard.import_.isEnabled() and not services.store.find(Value, breakdown="Area: North")
    wizard.import_.click()
    assert wizard.result() == wizard.DialogCode.Accepted
    assert len(services.store.find(Value)) == 2 + 7
    assert sorted(set(wizard.touched)) == sorted(plan_ids.values())
    assert wizard.stack.count() == 1 and wizard.stack.undoText() == (
        "Import figures from partner-return.xlsx")
    wizard.stack.undo()
    assert len(services.store.find(Value)) == 2
    wizard.stack.redo()
    assert len(services.store.find(Value)) == 2 + 7


def _to_columns(qtbot, wizard, path):
    wizard.path_edit.setText(str(path))
    wizard.next.click()
    _on_page(qtbot, wizard, wizard.COLUMNS)


def test_problems_keep_the_import_button_off(qtbot, wizard, services, tmp_path):
    _to_columns(qtbot, wizard, write_xlsx(tmp_path / "bad.xlsx", [
        ["Indicator", "Period", "Value"], ["NOPE", "2018/19", 4]]))
    wizard.next.click()
    _on_page(qtbot, wizard, wizard.REPORT)
    assert "Figures, row 2, column A (Indicator): no indicator 'NOPE'" in (
        wizard.report.toPlainText())
    assert not wizard.import_.isEnabled()


def test_columns_must_be_chosen_when_headers_are_not_recognised(qtbot, wizard, services,
                                                                tmp_path):
    _to_columns(qtbot, wizard, write_xlsx(tmp_path / "odd.xlsx", [
        ["Measure", "When", "Reported"], ["BF", "2018/19", 50]]))
    wizard.next.click()
    assert wizard.pages.currentIndex() == wizard.COLUMNS
    assert wizard.message.text() == (
        "Say which column holds: Indicator (code, ref or title), Period, Value.")
    wizard.columns["indicator"].setCurrentIndex(1)
    wizard.columns["period"].setCurrentIndex(2)
    wizard.columns["value"].setCurrentIndex(3)
    wizard.next.click()
    _on_page(qtbot, wizard, wizard.REPORT)
    wizard.import_.click()
    assert [v.value for v in services.store.find(Value, period="fy:2018")] == [50]


def test_a_file_that_is_not_a_spreadsheet_is_named_and_nothing_happens(qtbot, wizard,
                                                                       tmp_path):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook")
    wizard.path_edit.setText(str(bad))
    wizard.next.click()
    assert wizard.pages.currentIndex() == wizard.FILE
    assert wizard.message.text().startswith("notes.xlsx: cannot be read")


def test_cancel_stops_the_dry_run(qtbot, wizard, services, tmp_path):
    rows = [["Indicator", "Period", "Value"]] + [
        ["REF", f"{2000 + i % 20}/{(i % 20 + 1) % 100:02d}", i] for i in range(30000)]
    _to_columns(qtbot, wizard, write_xlsx(tmp_path / "big.xlsx", rows))
    wizard.next.click()
    assert wizard.busy()
    wizard.cancel.click()  # stops the work; the wizard stays open
    qtbot.waitUntil(lambda: not wizard.busy(), timeout=10000)
    assert wizard.isVisible() and wizard.pages.currentIndex() == wizard.COLUMNS
    assert wizard.message.text() == "Cancelled."
    assert len(services.store.find(Value)) == 2
