"""File ▸ New Plan from Tracker…: a bad tracker's problems listed and nothing added; a good
one added as one undo step and selected in the tree."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.importer.tracker_template import write_template


def _open_dialog(qtbot, w):
    w.acts["plan_from_tracker"].trigger()
    dialog = w.tracker_dialog
    qtbot.waitExposed(dialog)
    return dialog


def _type_path(qtbot, dialog, path):
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(path))


def _misspell_the_first_kind_and_drop_the_other_items(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    items = book["Items"]
    items["C2"] = "priorty"
    items.delete_rows(3, items.max_row)
    book.save(path)


def test_a_bad_tracker_is_explained_and_a_good_one_becomes_a_plan(qtbot, window, tmp_path):
    plans_before = [p.id for p in window.services.plans.plans()]
    depth = window.undo_stack.count()
    dialog = _open_dialog(qtbot, window)
    bad = tmp_path / "old tracker.xlsx"
    write_template(bad)
    _misspell_the_first_kind_and_drop_the_other_items(bad)
    _type_path(qtbot, dialog, bad)
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    said = dialog.problems.toPlainText()
    assert "old tracker.xlsx: nothing was imported" in said
    assert ("old tracker.xlsx, sheet 'Items', row 2, column 'Kind': 'priorty' is not a kind "
            "of item") in said
    assert "sheet 'Indicators', row 2, column 'Item refs': no item '1.1'" in said
    assert dialog.isVisible() and window.undo_stack.count() == depth
    assert [p.id for p in window.services.plans.plans()] == plans_before

    dialog.save_template(tmp_path / "template.xlsx")  # what Save the Template… writes
    assert dialog.path_edit.text() == str(tmp_path / "template.xlsx")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    titles = [p.title for p in window.services.plans.plans()]
    assert titles[-1] == "Children and Young People's Plan 2024-27"
    item = window.current_item()
    assert item is not None and item.kind == "plan" and (
        item.id == window.services.plans.plans()[-1].id)
    assert window.statusBar().currentMessage() == (
        "Added the plan 'Children and Young People's Plan 2024-27' from template.xlsx.")
    assert window.undo_stack.undoText() == "New plan from template.xlsx"
    window.undo_stack.undo()
    assert [p.id for p in window.services.plans.plans()] == plans_before
    window.undo_stack.redo()
    assert len(window.services.plans.plans()) == len(plans_before) + 1
