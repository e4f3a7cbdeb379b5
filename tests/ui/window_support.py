"""Helpers for the window tests (a support module: no tests here)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.tree_model import Column


def click_row(qtbot, w, ref: str, parent_ref: str | None = None) -> None:
    """Click the tree row showing `ref` (under the item `parent_ref`, if given)."""
    w.tree.expandAll()
    for key in w.model.keys():
        item = w.model._by_key[key]
        if w.model.data(w.model.index_of(item, Column.REF)) != ref:
            continue
        if parent_ref is not None:
            parent = item.parent
            if w.model.data(w.model.index_of(parent, Column.REF)) != parent_ref:
                continue
        idx = w.proxy.mapFromSource(w.model.index_of(item, Column.TITLE))
        w.tree.scrollTo(idx)
        rect = w.tree.visualRect(idx)
        qtbot.mouseClick(w.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert w.current_item() is item
        return
    raise AssertionError(f"no row {ref}")
