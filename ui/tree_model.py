"""The plan tree as a Qt item model over the services.

Top level: the plans in the file. Below: the plan's items (priorities, outcomes, ...), and
each indicator under every item it is linked to. Each plan's items are read once (one
query for the nodes, a few for the links and indicators); ratings come from a RatingCache
that fills in batches, so a plan of thousands of items opens at once.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app import rag
from app.domain import RAG, Indicator, Node, Plan
from app.read_model import PlanOutline, Rollup, override_words, rollup
from app.services import Services
from ui.plain_text import tooltip
from ui.ratings import RatingCache
from ui.style import colour, marker_icon, rag_icon

NODE_MIME = "application/x-boardpack-node"
Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


class Column(IntEnum):
    REF = 0
    TITLE = 1
    RAG = 2
    TREND = 3
    LEAD = 4


HEADERS = {Column.REF: "Ref", Column.TITLE: "Title", Column.RAG: "RAG",
           Column.TREND: "Trend", Column.LEAD: "Lead"}


class Role(IntEnum):
    KIND = Qt.ItemDataRole.UserRole + 1  # "plan" | "node" | "indicator"
    ID = Qt.ItemDataRole.UserRole + 2  # the plan, node or indicator id
    KEY = Qt.ItemDataRole.UserRole + 3  # unique per row: "node:<id>", "ind:<node>:<id>"
    RAG = Qt.ItemDataRole.UserRole + 4  # RAG shown (recorded, else automatic), or None
    LEAD = Qt.ItemDataRole.UserRole + 5
    SEARCH = Qt.ItemDataRole.UserRole + 6  # ref, title and lead, lower case
    PARENT_NODE = Qt.ItemDataRole.UserRole + 7  # the node an indicator row sits under
    PLAN = Qt.ItemDataRole.UserRole + 8


class Item:
    __slots__ = ("kind", "id", "parent", "children", "row", "plan_id", "node_id")

    def __init__(self, kind: str, id: str, parent: Item | None, plan_id: str,
                 node_id: str | None = None):
        self.kind = kind
        self.id = id
        self.parent = parent
        self.children: list[Item] = []
        self.row = 0
        self.plan_id = plan_id
        self.node_id = node_id  # for an indicator: the node it is linked under

    @property
    def key(self) -> str:
        if self.kind == "indicator":
            return f"ind:{self.node_id}:{self.id}"
        return f"{self.kind}:{self.id}"


class PlanTreeModel(QAbstractItemModel):
    # Requests the window turns into undo commands; the model itself never writes.
    renameRequested = Signal(str, str, str)  # kind, id, new title
    moveRequested = Signal(str, object, int)  # node id, new parent id (or None), position
    ratingsShown = Signal()  # ratings changed below the top level: repaint

    def __init__(self, services: Services | None = None, ratings: RatingCache | None = None,
                 parent=None):
        super().__init__(parent)
        self.services = services
        self.ratings = ratings or RatingCache(services, self)
        self.ratings.updated.connect(self._ratings_updated)
        self.read_only = False
        self._root = Item("root", "", None, "")
        self.plans: dict[str, Plan] = {}
        self.nodes: dict[str, Node] = {}
        self.indicators: dict[str, Indicator] = {}
        self._by_key: dict[str, Item] = {}
        self._items_of: dict[str, list[Item]] = {}  # id -> rows showing it
        self.outlines: dict[str, PlanOutline] = {}  # plan id -> its outline
        self._plan_of_indicator: dict[str, str] = {}
        self._rollup: dict[str, Rollup] = {}
        # per subject id: (questions for officers, private notes) anchored to it
        self.anchored: dict[str, tuple[int, int]] = {}

    # -- loading -------------------------------------------------------------------------
    def set_services(self, services: Services | None) -> None:
        self.services = services
        self.read_only = bool(services and services.read_only)
        self.reload()

    def reload(self) -> None:
        """Read the file's plans again (after a structural edit or opening a file)."""
        self.beginResetModel()
        try:
            self._build()
        except BaseException:  # a damaged file: show nothing half-read, and say why above
            self._root = Item("root", "", None, "")
            raise
        finally:
            self.endResetModel()
        self.ratings.invalidate(None, self.indicators)

    def _build(self) -> None:
        self._root = Item("root", "", None, "")
        self.plans, self.nodes, self.indicators = {}, {}, {}
        self._by_key, self._items_of = {}, {}
        self.outlines, self._plan_of_indicator, self._rollup = {}, {}, {}
        if self.services is None:
            return
        for outline in self.services.read.outlines().values():
            self.plans[outline.plan.id] = outline.plan
            item = self._add(Item("plan", outline.plan.id, self._root, outline.plan.id))
            self._build_plan(item, outline)
        self.ratings.services = self.services

    def _build_plan(self, plan_item: Item, outline: PlanOutline) -> None:
        self.outlines[plan_item.id] = outline
        for n in outline.nodes.values():
            self.nodes[n.id] = n
        for ind in outline.indicators.values():
            self.indicators.setdefault(ind.id, ind)
            self._plan_of_indicator.setdefault(ind.id, plan_item.id)
        stack: list[tuple[Item, str | None]] = [(plan_item, None)]
        while stack:
            parent_item, parent_id = stack.pop()
            for n in outline.children.get(parent_id, []):
                child = self._add(Item("node", n.id, parent_item, plan_item.id))
                stack.append((child, n.id))
            if parent_id is not None:
                for ind in outline.linked_indicators(parent_id):
                    self._add(Item("indicator", ind.id, parent_item, plan_item.id,
                                   node_id=parent_id))

    def _add(self, item: Item) -> Item:
        parent = item.parent
        item.row = len(parent.children)
        parent.children.append(item)
        self._by_key[item.key] = item
        self._items_of.setdefault(item.id, []).append(item)
        return item

    # -- lookups -------------------------------------------------------------------------
    def item(self, index: Index) -> Item:
        if index.isValid():
            return index.internalPointer()
        return self._root

    def index_of(self, item: Item, column: int = 0) -> QModelIndex:
        if item is self._root or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item)

    def index_for_key(self, key: str) -> QModelIndex:
        item = self._by_key.get(key)
        return self.index_of(item) if item else QModelIndex()

    def indexes_for_id(self, id: str) -> list[QModelIndex]:
        return [self.index_of(i) for i in self._items_of.get(id, [])]

    def keys(self) -> list[str]:
        return list(self._by_key)

    def _outline_of(self, id: str) -> PlanOutline | None:
        if id in self.outlines:
            return self.outlines[id]
        node = self.nodes.get(id)
        if node is not None:
            return self.outlines.get(node.plan_id)
        return self.outlines.get(self._plan_of_indicator.get(id, ""))

    def lead(self, node_id: str) -> str:
        """The node's lead organisation, its own or inherited from the nearest ancestor."""
        outline = self._outline_of(node_id)
        return outline.lead(node_id) if outline else ""

    def inherited_from(self, node_id: str, field_name: str) -> tuple[str, Node] | None:
        """(value, ancestor) for an inherited field the node does not set."""
        outline = self._outline_of(node_id)
        return outline.inherited_from(node_id, field_name) if outline else None

    def indicators_below(self, id: str) -> list[str]:
        outline = self._outline_of(id)
        if outline is None:
            return []
        return outline.indicators_below(None if id in self.outlines else id)

    def rollup(self, id: str) -> Rollup | None:
        """The roll-up of the indicators below (None until all are rated)."""
        if id in self._rollup:
            return self._rollup[id]
        below = self.indicators_below(id)
        if any(self.ratings.get(i) is None for i in below):
            return None
        self._rollup[id] = found = rollup(self.ratings.snapshots(), below)
        return found

    def shown_rag(self, item: Item) -> RAG | None:
        if item.kind == "indicator":
            st = self.ratings.get(item.id)
            return st.shown if st else None
        counts = self.rollup(item.id)
        return counts.worst if counts and counts.total else None

    # -- QAbstractItemModel --------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _NO_INDEX) -> QModelIndex:
        if column < 0 or column >= len(Column) or row < 0:
            return QModelIndex()
        p = self.item(parent)
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if row >= len(p.children):
            return QModelIndex()
        return self.createIndex(row, column, p.children[row])

    def parent(self, index: Index = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        p = index.internalPointer().parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p)

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.item(parent).children)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return len(Column)

    def hasChildren(self, parent: Index = _NO_INDEX) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(Column):
                return HEADERS[Column(section)]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and section == Column.TREND:
            return tooltip(rag.TREND_LEGEND)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if not self.read_only else Qt.ItemFlag.NoItemFlags
        item = index.internalPointer()
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return f
        if index.column() == Column.TITLE and item.kind in ("node", "plan"):
            f |= Qt.ItemFlag.ItemIsEditable
        if item.kind == "node":
            f |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        elif item.kind == "plan":
            f |= Qt.ItemFlag.ItemIsDropEnabled
        return f

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: Item = index.internalPointer()
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._title(item) if col == Column.TITLE else self._display(item, col)
        if role == Qt.ItemDataRole.DecorationRole and col == Column.RAG:
            shown = self.shown_rag(item)
            return rag_icon(shown) if shown else None
        if role == Qt.ItemDataRole.DecorationRole and col == Column.TITLE:
            asked, noted = self.anchored.get(item.id, (0, 0))
            return marker_icon("?" if asked else "✎") if asked or noted else None
        if role == Qt.ItemDataRole.ForegroundRole and col in (Column.RAG, Column.TREND):
            shown = self.shown_rag(item) if col == Column.RAG else None
            return colour(shown) if shown else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(item, col))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(item, col)
        if role >= Qt.ItemDataRole.UserRole:
            return self._user(item, role)
        return None

    def _title(self, item: Item) -> str:
        if item.kind == "plan":
            return self.plans[item.id].title
        if item.kind == "node":
            return self.nodes[item.id].title
        return self.indicators[item.id].title

    def _ref(self, item: Item) -> str:
        if item.kind == "plan":
            plan = self.plans[item.id]
            return plan.short_name or plan.title
        if item.kind == "node":
            return self.nodes[item.id].ref
        ind = self.indicators[item.id]
        return ind.ref or ind.code

    def _display(self, item: Item, col: int) -> str:
        if col == Column.REF:
            return self._ref(item)
        if col == Column.TITLE:
            return self._title(item)
        if col == Column.RAG:
            if item.kind == "indicator":
                st = self.ratings.get(item.id)
                return st.shown_label if st else "…"
            counts = self.rollup(item.id)
            if counts is None:
                return "…"
            return counts.text()
        if col == Column.TREND:
            if item.kind != "indicator":
                return ""
            st = self.ratings.get(item.id)
            return rag.direction_arrow(st.direction) if st else ""
        if col == Column.LEAD:
            if item.kind == "plan":
                return self.plans[item.id].board
            return self.lead(item.node_id if item.kind == "indicator" else item.id)
        return ""

    def _tooltip(self, item: Item, col: int) -> str | None:
        if col == Column.RAG:
            if item.kind == "indicator":
                st = self.ratings.get(item.id)
                if st is None:
                    return "Rating…"
                board = override_words(st.assessment, st.rating.rag)
                return f"{board}\nAutomatic: {st.rating.explanation}" if board else \
                    st.rating.explanation
            counts = self.rollup(item.id)
            return counts.words() if counts is not None else "Rating…"
        if col == Column.TREND and item.kind == "indicator":
            st = self.ratings.get(item.id)
            return f"{st.direction.value.capitalize()}\n{rag.TREND_LEGEND}" if st else None
        if col == Column.TITLE:
            return self._title(item) + self._anchored_words(item)
        return None

    def _anchored_words(self, item: Item) -> str:
        asked, noted = self.anchored.get(item.id, (0, 0))
        words = [f"{n} {what}{'s' if n != 1 else ''}"
                 for n, what in ((asked, "question for officers"), (noted, "private note"))
                 if n]
        return f"\n({', '.join(words)})" if words else ""

    def set_anchored(self, anchored: dict[str, tuple[int, int]]) -> None:
        """Which rows carry the marker of the chair's questions and private notes."""
        old, self.anchored = self.anchored, anchored
        for id in set(old) | set(anchored):
            if old.get(id) != anchored.get(id):
                for idx in self.indexes_for_id(id):
                    title = idx.siblingAtColumn(Column.TITLE)
                    self.dataChanged.emit(title, title)

    def _accessible(self, item: Item, col: int) -> str:
        if col == Column.RAG:
            if item.kind == "indicator":
                shown = self.shown_rag(item)
                return shown.word if shown else "not rated yet"
            counts = self.rollup(item.id)
            return counts.words() if counts is not None else "not rated yet"
        if col == Column.TREND and item.kind == "indicator":
            st = self.ratings.get(item.id)
            return st.direction.value if st else ""
        if col == Column.TITLE:
            return self._display(item, col) + self._anchored_words(item).replace("\n", " ")
        return self._display(item, col)

    def _user(self, item: Item, role: int):
        if role == Role.KIND:
            return item.kind
        if role == Role.ID:
            return item.id
        if role == Role.KEY:
            return item.key
        if role == Role.RAG:
            shown = self.shown_rag(item) if item.kind == "indicator" else None
            return shown.value if shown else None
        if role == Role.LEAD:
            return self._display(item, Column.LEAD)
        if role == Role.SEARCH:
            return " ".join((self._ref(item), self._title(item),
                             self._display(item, Column.LEAD))).lower()
        if role == Role.PARENT_NODE:
            return item.node_id
        if role == Role.PLAN:
            return item.plan_id
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != Column.TITLE:
            return False
        item = self.item(index)
        text = str(value).strip()
        if not text or text == self._title(item):
            return False
        self.renameRequested.emit(item.kind, item.id, text)
        return False  # the command updates the model once the edit is saved

    # -- updates after edits (called by the window) ---------------------------------------
    def refresh_row(self, id: str) -> None:
        """Re-read one plan, node or indicator whose fields changed (no structural change)."""
        if self.services is None:
            return
        if id in self.nodes:
            node = self.nodes[id] = self.services.plans.node(id)
            outline = self.outlines.get(node.plan_id)
            if outline is not None:
                self.outlines[node.plan_id] = self.services.read.outline(node.plan_id)
        elif id in self.indicators:
            self.indicators[id] = ind = self.services.indicators.indicator(id)
            for outline in self.outlines.values():
                if id in outline.indicators:
                    outline.indicators[id] = ind
        elif id in self.plans:
            self.plans[id] = self.services.plans.plan(id)
        for idx in self.indexes_for_id(id):
            self.dataChanged.emit(idx, idx.siblingAtColumn(len(Column) - 1))
        if id in self.nodes:  # an inherited lead may show on every row below
            self._emit_all_changed(Column.LEAD, Column.LEAD)

    def ratings_changed(self, indicator_ids: list[str]) -> None:
        """Figures or assessments changed (the cache forgot them already): rate now."""
        self.ratings.ensure(indicator_ids)

    def _ratings_updated(self) -> None:
        # Rows read ratings from the cache when painted: tell the top level, and views
        # repaint (a dataChanged for each of thousands of parents costs more than rating).
        self._rollup.clear()
        if self._root.children:
            last = len(self._root.children) - 1
            self.dataChanged.emit(self.index(0, Column.RAG), self.index(last, Column.TREND))
        self.ratingsShown.emit()

    def _emit_all_changed(self, first: int, last: int) -> None:
        stack = [self._root]
        while stack:
            parent = stack.pop()
            if not parent.children:
                continue
            pidx = self.index_of(parent)
            top = self.index(0, first, pidx)
            bottom = self.index(len(parent.children) - 1, last, pidx)
            self.dataChanged.emit(top, bottom)
            stack.extend(c for c in parent.children if c.children)

    # -- drag and drop ---------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = list(dict.fromkeys(self.item(i).id for i in indexes
                                 if i.isValid() and self.item(i).kind == "node"))
        data = QMimeData()
        data.setData(NODE_MIME, "\n".join(ids).encode())
        return data

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int,
                        parent: Index) -> bool:
        if self.read_only or not data.hasFormat(NODE_MIME):
            return False
        target = self.item(parent)
        if target.kind not in ("node", "plan"):
            return False
        ids = bytes(data.data(NODE_MIME)).decode().split()
        for node_id in ids:
            node = self.nodes.get(node_id)
            if node is None or node.plan_id != target.plan_id:
                return False
            walk = target
            while walk is not None and walk.kind == "node":
                if walk.id == node_id:
                    return False
                walk = walk.parent
        return True

    def dropMimeData(self, data: QMimeData, action, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.item(parent)
        new_parent = target.id if target.kind == "node" else None
        n_nodes = sum(1 for c in target.children if c.kind == "node")
        position = n_nodes if row < 0 else min(row, n_nodes)
        for node_id in bytes(data.data(NODE_MIME)).decode().split():
            node = self.nodes[node_id]
            pos = position
            if node.parent_id == new_parent and node.position < position:
                pos -= 1  # the node leaves its old place first
            self.moveRequested.emit(node_id, new_parent, pos)
        return False  # the move is done by a command; the view must not remove rows
