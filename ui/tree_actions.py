"""Editing the plan tree from the window: add, rename, link, unlink, delete, move."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QInputDialog

from app.plan_service import CHILD_KIND
from ui.commands import (
    AddIndicator,
    AddNode,
    AddPlan,
    DeleteIndicator,
    DeleteNode,
    LinkIndicator,
    MoveNode,
    UnlinkIndicator,
)
from ui.plain_text import Button, ask
from ui.tree_model import Column


class TreeActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.pending_select: str | None = None
        # Replaced in tests: (title, text) -> yes?
        self.confirm: Callable[[str, str], bool] = self._ask
        self.pick_indicator: Callable[[list, str], str | None] = self._pick
        # Replaced in tests: what a new indicator dialog returns (None: cancelled)
        self.ask_new_indicator: Callable[[str], tuple | None] = self._ask_new_indicator
        self.ask_plan_title: Callable[[], str | None] = self._ask_plan_title

    def _ask_plan_title(self) -> str | None:
        title, ok = QInputDialog.getText(self.w, "New plan in this file",
                                         "Title of the plan (e.g. the successor plan):")
        return title.strip() if ok and title.strip() else None

    # The dialogs are imported when first asked for: the first paint does not need them.
    def _ask_new_indicator(self, under: str) -> tuple | None:
        from ui.new_item_dialogs import NewIndicatorDialog

        dlg = NewIndicatorDialog(under, self.w)
        return dlg.values() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def _ask(self, title: str, text: str) -> bool:
        return ask(self.w, title, text, Button.Yes | Button.Cancel, Button.Cancel)

    def _pick(self, indicators: list, under: str) -> str | None:
        from ui.dialogs import LinkIndicatorDialog

        names = {p.id: p.short_name or p.title for p in self.w.model.plans.values()}
        dlg = LinkIndicatorDialog(indicators, under, self.w, names)
        return dlg.chosen_id() if dlg.exec() == QDialog.DialogCode.Accepted else None

    @property
    def s(self):
        return self.w.services

    def _item(self):
        return self.w.current_item()

    def update_enabled(self) -> None:
        w = self.w
        item = self._item()
        writable = self.s is not None and not self.s.read_only
        kind = item.kind if item else None
        acts = getattr(w, "acts", None)
        if acts is None:
            return
        acts["add_sibling"].setEnabled(writable and kind in ("node", "indicator", "plan"))
        acts["add_child"].setEnabled(writable and kind in ("node", "plan"))
        acts["rename"].setEnabled(writable and kind in ("node", "plan"))
        acts["link"].setEnabled(writable and kind == "node")
        acts["new_indicator"].setEnabled(writable and kind == "node")
        acts["new_plan"].setEnabled(writable)
        acts["new_meeting"].setEnabled(writable and bool(self.s and self.s.plans.plans()))
        acts["delete"].setEnabled(writable and kind in ("node", "indicator"))
        acts["delete_indicator"].setEnabled(writable and kind == "indicator")
        for name in ("move_up", "move_down", "outdent", "indent"):
            acts[name].setEnabled(writable and kind == "node")
        acts["save_copy"].setEnabled(self.s is not None)
        acts["restore_backup"].setEnabled(self.s is not None)
        acts["close"].setEnabled(self.s is not None)

    # -- adding --------------------------------------------------------------------------
    def add_child(self) -> None:
        item = self._item()
        if item is None or self.s is None:
            return
        if item.kind == "plan":
            self._add(item.plan_id, None, None)
        elif item.kind == "node":
            self._add(item.plan_id, item.id, None)

    def add_sibling(self) -> None:
        item = self._item()
        if item is None or self.s is None:
            return
        if item.kind == "plan":
            self._add(item.plan_id, None, None)
            return
        if item.kind == "indicator":
            self._add(item.plan_id, item.node_id, None)
            return
        node = self.w.model.nodes[item.id]
        self._add(item.plan_id, node.parent_id, node.position + 1)

    def _add(self, plan_id: str, parent_id: str | None, position: int | None) -> None:
        parent = self.w.model.nodes.get(parent_id) if parent_id else None
        kind = CHILD_KIND.get(parent.kind) if parent else None
        siblings = [n for n in self.w.model.nodes.values()
                    if n.plan_id == plan_id and n.parent_id == parent_id]
        if parent is None and siblings:
            kind = siblings[0].kind
        elif siblings and position is not None:
            kind = siblings[0].kind
        word = (kind.value if kind else "priority").replace("_", " ")
        cmd = AddNode(self.s, self.w.changes, plan_id, parent_id, f"New {word}",
                      kind.value if kind else None, position)
        if self.w.push(cmd):
            self.w.select_key(f"node:{cmd.node_id}")
            self.rename()

    def rename(self) -> None:
        idx = self.w.tree.currentIndex()
        if idx.isValid():
            title = idx.siblingAtColumn(Column.TITLE)
            self.w.tree.setCurrentIndex(title)
            QTimer.singleShot(0, lambda: self.w.tree.edit(title))

    # -- links -----------------------------------------------------------------------
    def link_indicator(self) -> None:
        item = self._item()
        if item is None or item.kind != "node" or self.s is None:
            return
        node = self.w.model.nodes[item.id]
        here = {c.id for c in item.children if c.kind == "indicator"}
        choices = [i for i in self.s.indicators.indicators() if i.id not in here]
        chosen = self.pick_indicator(choices, node.ref or node.title)
        if chosen:
            cmd = LinkIndicator(self.s, self.w.changes, chosen, node.id)
            if self.w.push(cmd):
                self.w.select_key(f"ind:{node.id}:{chosen}")

    def new_indicator(self) -> None:
        item = self._item()
        if item is None or item.kind != "node" or self.s is None:
            return
        node = self.w.model.nodes[item.id]
        answer = self.ask_new_indicator(node.ref or node.title)
        if not answer:
            return
        title, fields = answer
        cmd = AddIndicator(self.s, self.w.changes, node.id, title, fields)
        if self.w.push(cmd):
            self._show_new(f"ind:{node.id}:{cmd.indicator_id}", f"the new indicator '{title}'")

    def _show_new(self, key: str, what: str) -> None:
        """Select a row just added; where the tree's filter hides it, clear the filter
        (the widest it can be) and say so, so the new row is never added out of sight."""
        if self.w.select_key(key):
            return
        if self.w.proxy.active:
            self.w.filter_bar.clear()
            self.w.apply_filters()
            self.w.statusBar().showMessage(f"The filter was cleared to show {what}.", 10000)
        self.w.select_key(key)

    def new_plan(self) -> None:
        if self.s is None:
            return
        title = self.ask_plan_title()
        if title:
            cmd = AddPlan(self.s, self.w.changes, title)
            if self.w.push(cmd):
                self.w.select_key(f"plan:{cmd.plan_id}")

    # -- deleting --------------------------------------------------------------------
    def delete(self) -> None:
        """Delete an item, or take an indicator out of the item it sits under."""
        item = self._item()
        if item is None or self.s is None:
            return
        if item.kind == "node":
            text = self.s.plans.describe_delete(item.id) + " You can undo it."
            if self.confirm("Delete", text):
                parent = self.w.model.nodes[item.id].parent_id
                self.pending_select = f"node:{parent}" if parent else f"plan:{item.plan_id}"
                self.w.push(DeleteNode(self.s, self.w.changes, item.id))
        elif item.kind == "indicator":
            ind = self.w.model.indicators[item.id]
            node = self.w.model.nodes[item.node_id]
            others = len(self.s.indicators.links_of_indicator(ind.id)) - 1
            where = (f"It stays under {others} other item(s)" if others > 0 else
                     "It stays in the file, linked nowhere")
            text = (f"This removes '{ind.ref or ind.code or ind.title}' from "
                    f"'{node.ref or node.title}'. {where}, with all its figures. "
                    "You can undo it.")
            if self.confirm("Remove from this item", text):
                self.pending_select = f"node:{node.id}"
                self.w.push(UnlinkIndicator(self.s, self.w.changes, ind.id, node.id))

    def delete_indicator(self) -> None:
        item = self._item()
        if item is None or item.kind != "indicator" or self.s is None:
            return
        text = self.s.indicators.describe_delete(item.id)
        if self.confirm("Delete indicator", text):
            self.pending_select = f"node:{item.node_id}"
            self.w.push(DeleteIndicator(self.s, self.w.changes, item.id))

    # -- moving ------------------------------------------------------------------------
    def move_to(self, node_id: str, parent_id: str | None, position: int) -> None:
        if self.s is None:
            return
        node = self.w.model.nodes.get(node_id)
        if node is None or (node.parent_id == parent_id and node.position == position):
            return
        self.w.tree_actions.pending_select = f"node:{node_id}"
        if self.w.push(MoveNode(self.s, self.w.changes, node_id, parent_id, position)):
            self.w.select_key(f"node:{node_id}")

    def _node(self):
        item = self._item()
        return self.w.model.nodes.get(item.id) if item and item.kind == "node" else None

    def _siblings(self, node):
        return sorted((n for n in self.w.model.nodes.values()
                       if n.plan_id == node.plan_id and n.parent_id == node.parent_id),
                      key=lambda n: n.position)

    def move_up(self) -> None:
        node = self._node()
        if node and node.position > 0:
            self.move_to(node.id, node.parent_id, node.position - 1)

    def move_down(self) -> None:
        node = self._node()
        if node and node.position < len(self._siblings(node)) - 1:
            self.move_to(node.id, node.parent_id, node.position + 1)

    def outdent(self) -> None:
        node = self._node()
        if node and node.parent_id:
            parent = self.w.model.nodes[node.parent_id]
            self.move_to(node.id, parent.parent_id, parent.position + 1)

    def indent(self) -> None:
        node = self._node()
        if node and node.position > 0:
            above = self._siblings(node)[node.position - 1]
            n_children = sum(1 for n in self.w.model.nodes.values() if n.parent_id == above.id)
            self.move_to(node.id, above.id, n_children)
