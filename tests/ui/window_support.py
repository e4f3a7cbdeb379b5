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


def mnemonics(w) -> list[tuple[str, str]]:
    """(letter, text) of every Alt+letter the window shows: menu titles, visible buttons,
    visible labels with a buddy and the tabs of visible tab bars."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar

    texts = [a.text() for a in w.menuBar().actions() if a.isVisible()]
    texts += [b.text() for b in w.findChildren(QAbstractButton) if b.isVisible()]
    texts += [lb.text() for lb in w.findChildren(QLabel) if lb.isVisible() and lb.buddy()]
    for bar in w.findChildren(QTabBar):
        if bar.isVisible():
            texts += [bar.tabText(i) for i in range(bar.count()) if bar.isTabVisible(i)]
    found = []
    for text in texts:
        match = re.search(r"&([^&])", text.replace("&&", ""))
        if match:
            found.append((match.group(1).lower(), text))
    return found


def shortcut_keys(w) -> list[str]:
    """Every key sequence that works window-wide (actions, shortcuts, button keys)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QShortcut
    from PySide6.QtWidgets import QAbstractButton

    keys = [k.toString() for a in w.findChildren(QAction)
            if a.shortcutContext() == Qt.ShortcutContext.WindowShortcut for k in a.shortcuts()]
    keys += [s.key().toString() for s in w.findChildren(QShortcut)]
    keys += [b.shortcut().toString() for b in w.findChildren(QAbstractButton)]
    return [k for k in keys if k]


def stored_progress(path, node_id) -> str:
    """An item's progress text as saved in the plan file (read through a second, read-only
    open), not as the window shows it."""
    from app.cli import PlanFiles

    services = PlanFiles().open(path, read_only=True)
    try:
        return services.plans.node(node_id).progress
    finally:
        services.close()
