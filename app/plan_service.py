"""Plans and the plan tree: create, edit, move, delete (and restore, for undo)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app import validation as check
from app.domain import (
    INHERITED_NODE_FIELDS,
    Assessment,
    Comparator,
    Indicator,
    IndicatorLink,
    Meeting,
    MeetingAction,
    Node,
    NodeKind,
    Plan,
    PlanStatus,
    Question,
    Report,
    Target,
    ValidationError,
    Value,
)
from app.ports import PlanStore

# The kind a new child of a node of each kind most likely has.
CHILD_KIND: dict[NodeKind, NodeKind] = {
    NodeKind.THEME: NodeKind.OUTCOME_GROUP,
    NodeKind.PRIORITY: NodeKind.OUTCOME,
    NodeKind.OUTCOME_GROUP: NodeKind.OBJECTIVE,
    NodeKind.OUTCOME: NodeKind.ACTION,
    NodeKind.OBJECTIVE: NodeKind.ACTION,
    NodeKind.FOCUS: NodeKind.DELIVERABLE,
    NodeKind.ACTION: NodeKind.MILESTONE,
    NodeKind.DELIVERABLE: NodeKind.MILESTONE,
    NodeKind.MILESTONE: NodeKind.MILESTONE,
    NodeKind.SECTION: NodeKind.SECTION,
}
NODE_EDITABLE = {
    "title", "ref", "kind", "description", "lead_organisation", "lead_role", "partners",
    "reporting_timetable", "timing", "further_detail", "progress", "note",
}
PLAN_EDITABLE = {"title", "short_name", "board", "period_start", "period_end", "status", "url",
                 "description"}


@dataclass
class Removed:
    """What a delete took away, in the order to put it back."""

    description: str
    records: list[Any] = field(default_factory=list)


@dataclass
class Moved:
    node_id: str
    old_parent_id: str | None
    old_position: int
    new_parent_id: str | None
    new_position: int


class PlanService:
    def __init__(self, store: PlanStore):
        self.store = store

    # -- plans ---------------------------------------------------------------------------
    def plans(self) -> list[Plan]:
        return self.store.find(Plan)

    def plan(self, plan_id: str) -> Plan:
        return self.store.get(Plan, plan_id)

    def create_plan(self, title: str, **fields: Any) -> Plan:
        title = _required_text(title, "title", "plan")
        plan = Plan(title=title, position=len(self.plans()), **_plan_fields(fields))
        _check_period(plan)
        with self.store.transaction(f"Add plan '{title}'"):
            self.store.insert(plan)
        return plan

    def delete_plan(self, plan_id: str) -> Removed:
        """Delete a plan with everything in it (undo: restore). A plan with an issued report
        is kept: what the board was sent stays reproducible."""
        plan = self.plan(plan_id)
        reports = self.store.find(Report, plan_id=plan_id)
        if any(r.issued for r in reports):
            raise ValidationError(f"'{plan.title}' has an issued report, so it cannot be "
                                  "deleted.")
        removed = Removed(f"Delete plan '{plan.short_name or plan.title}'")
        with self.store.transaction(removed.description):
            records: list[Any] = [plan]
            for ind in self.store.find(Indicator, plan_id=plan_id):
                records.extend(remove_indicator(self.store, ind))
            meetings = self.store.find(Meeting, plan_id=plan_id)
            assessments = self.store.find_in(Assessment, "meeting_id", [m.id for m in meetings])
            actions = self.store.find_in(MeetingAction, "meeting_id", [m.id for m in meetings])
            nodes = self.nodes(plan_id)
            links = self.store.find_in(IndicatorLink, "node_id", [n.id for n in nodes])
            for rec in [*reports, *assessments, *actions, *meetings, *links]:
                self.store.delete(rec)
            for n in _children_first(nodes):
                self.store.delete(n)
            self.store.delete(plan)
            records += [*_parents_first(nodes), *links, *meetings, *assessments, *actions,
                        *reports]
        removed.records = records
        return removed

    def edit_plan(self, plan_id: str, **changes: Any) -> Plan:
        changes = _plan_fields(changes)
        if "title" in changes:
            changes["title"] = _required_text(changes["title"], "title", "plan")
        plan = self.plan(plan_id)
        _check_period(dataclasses.replace(plan, **changes))
        with self.store.transaction(f"Edit plan '{plan.title}'"):
            return self.store.update(plan, **changes)

    # -- reading the tree ----------------------------------------------------------------
    def node(self, node_id: str) -> Node:
        return self.store.get(Node, node_id)

    def nodes(self, plan_id: str) -> list[Node]:
        """Every node of a plan, siblings in order."""
        return self.store.find(Node, plan_id=plan_id)

    def children(self, plan_id: str, parent_id: str | None) -> list[Node]:
        return self.store.find(Node, plan_id=plan_id, parent_id=parent_id)

    def ancestors(self, node_id: str) -> list[Node]:
        """Parent first, root last."""
        out: list[Node] = []
        node = self.node(node_id)
        while node.parent_id:
            node = self.node(node.parent_id)
            out.append(node)
        return out

    def inherited(self, node_id: str) -> dict[str, tuple[str, Node]]:
        """Fields a node does not set but an ancestor does: field -> (value, from node)."""
        node = self.node(node_id)
        out: dict[str, tuple[str, Node]] = {}
        missing = [f for f in INHERITED_NODE_FIELDS if not getattr(node, f)]
        for ancestor in self.ancestors(node_id) if missing else []:
            for f in list(missing):
                value = getattr(ancestor, f)
                if value:
                    out[f] = (value, ancestor)
                    missing.remove(f)
            if not missing:
                break
        return out

    def effective(self, node_id: str, field_name: str) -> str:
        node = self.node(node_id)
        own = getattr(node, field_name)
        if own or field_name not in INHERITED_NODE_FIELDS:
            return own
        return self.inherited(node_id).get(field_name, ("", node))[0]

    def subtree(self, node_id: str) -> list[Node]:
        """The node and all below it, parents before children."""
        root = self.node(node_id)
        by_parent: dict[str | None, list[Node]] = {}
        for n in self.nodes(root.plan_id):
            by_parent.setdefault(n.parent_id, []).append(n)
        out, queue = [], [root]
        while queue:
            n = queue.pop(0)
            out.append(n)
            queue.extend(by_parent.get(n.id, []))
        return out

    # -- editing the tree ----------------------------------------------------------------
    def add_node(self, plan_id: str, parent_id: str | None, title: str, *,
                 kind: NodeKind | str | None = None, ref: str = "",
                 position: int | None = None, **fields: Any) -> Node:
        title = _required_text(title, "title", "item")
        self.plan(plan_id)
        parent = self.node(parent_id) if parent_id else None
        if parent and parent.plan_id != plan_id:
            raise ValidationError("The parent belongs to another plan.", field="parent")
        kind = _kind(kind, parent)
        bad = set(fields) - NODE_EDITABLE
        if bad:
            raise ValidationError(f"Items have no field {sorted(bad)[0]!r}.")
        fields = check.texts(fields)
        ref = check.text(ref, "ref").strip()
        siblings = self.children(plan_id, parent_id)
        position = len(siblings) if position is None else max(0, min(position, len(siblings)))
        node = Node(plan_id=plan_id, parent_id=parent_id, kind=kind, title=title, ref=ref,
                    position=position, **fields)
        with self.store.transaction(f"Add {kind.value} '{ref or title}'"):
            self._shift(siblings[position:], +1)
            self.store.insert(node)
        return node

    def edit_node(self, node_id: str, **changes: Any) -> Node:
        bad = set(changes) - NODE_EDITABLE
        if bad:
            raise ValidationError(f"Items have no field {sorted(bad)[0]!r}.", field=sorted(bad)[0])
        changes = check.texts(changes)
        if "title" in changes:
            changes["title"] = _required_text(changes["title"], "title", "item")
        if "kind" in changes:
            changes["kind"] = _kind(changes["kind"], None)
        node = self.node(node_id)
        with self.store.transaction(f"Edit '{node.ref or node.title}'"):
            return self.store.update(node, **changes)

    def move_node(self, node_id: str, new_parent_id: str | None, position: int) -> Moved:
        node = self.node(node_id)
        if new_parent_id:
            parent = self.node(new_parent_id)
            if parent.plan_id != node.plan_id:
                raise ValidationError("An item cannot move to another plan.", field="parent")
            if new_parent_id == node_id or any(a.id == node_id for a in self.ancestors(
                    new_parent_id)):
                raise ValidationError(f"'{node.ref or node.title}' cannot move inside itself.",
                                      field="parent")
        moved = Moved(node_id, node.parent_id, node.position, new_parent_id, position)
        with self.store.transaction(f"Move '{node.ref or node.title}'"):
            old_siblings = [n for n in self.children(node.plan_id, node.parent_id)
                            if n.id != node_id]
            self._renumber(old_siblings)
            new_siblings = [n for n in self.children(node.plan_id, new_parent_id)
                            if n.id != node_id]
            position = max(0, min(position, len(new_siblings)))
            moved.new_position = position
            new_siblings.insert(position, node)
            self.store.update(node, parent_id=new_parent_id, position=position)
            self._renumber(new_siblings, skip=node_id)
        return moved

    def _shift(self, nodes: Iterable[Node], by: int) -> None:
        for n in nodes:
            self.store.update(n, position=n.position + by)

    def _renumber(self, ordered: list[Node], skip: str | None = None) -> None:
        for i, n in enumerate(ordered):
            if n.id != skip and n.position != i:
                self.store.update(n, position=i)

    def describe_delete(self, node_id: str) -> str:
        nodes, orphans = self._delete_scope(node_id)
        node = nodes[0]
        parts = [f"'{node.ref or node.title}'"]
        if len(nodes) > 1:
            parts.append(f"{len(nodes) - 1} item(s) below it")
        if orphans:
            parts.append(f"{len(orphans)} indicator(s) linked nowhere else, with their figures")
        return "This deletes " + ", ".join(parts) + "."

    def _delete_scope(self, node_id: str) -> tuple[list[Node], list[Indicator]]:
        nodes = self.subtree(node_id)
        ids = {n.id for n in nodes}
        links = self.store.find_in(IndicatorLink, "node_id", ids)
        orphans = []
        for ind_id in dict.fromkeys(lk.indicator_id for lk in links):
            if all(lk.node_id in ids for lk in self.store.find(IndicatorLink,
                                                                indicator_id=ind_id)):
                orphans.append(self.store.get(Indicator, ind_id))
        return nodes, orphans

    def delete_node(self, node_id: str) -> Removed:
        """Delete a node, everything below it, and indicators linked nowhere else."""
        nodes, orphans = self._delete_scope(node_id)
        root = nodes[0]
        removed = Removed(f"Delete '{root.ref or root.title}'")
        with self.store.transaction(removed.description):
            for ind in orphans:
                removed.records.extend(remove_indicator(self.store, ind))
            ids = [n.id for n in nodes]
            links = self.store.find_in(IndicatorLink, "node_id", ids)
            assessments = self.store.find_in(Assessment, "subject_id", ids)
            meetings = [m for m in self.store.find(Meeting, plan_id=root.plan_id)
                        if m.focus_node_id in ids]
            for m in meetings:
                removed.records.append(("focus", m.id, m.focus_node_id))
                self.store.update(m, focus_node_id=None)
            for rec in [*links, *assessments]:
                self.store.delete(rec)
            for n in reversed(nodes):
                self.store.delete(n)
            siblings = [n for n in self.children(root.plan_id, root.parent_id)]
            self._renumber(siblings)
            removed.records = [*nodes, *removed.records, *links, *assessments]
        return removed

    def restore(self, removed: Removed) -> None:
        """Put back what a delete took away (undo)."""
        with self.store.transaction(f"Undo {removed.description}"):
            records = [r for r in removed.records if not isinstance(r, tuple)]
            nodes = [r for r in records if isinstance(r, Node)]
            for n in nodes[:1]:
                later = [s for s in self.children(n.plan_id, n.parent_id)
                         if s.position >= n.position]
                self._shift(later, +1)
            reinsert(self.store, records)
            for r in removed.records:
                if isinstance(r, tuple) and r[0] == "focus":
                    self.store.update(self.store.get(Meeting, r[1]), focus_node_id=r[2])
                elif isinstance(r, tuple) and r[0] == "question_meeting":
                    self.store.update(self.store.get(Question, r[1]), meeting_id=r[2])

    def reports(self, plan_id: str) -> list[Report]:
        return self.store.find(Report, plan_id=plan_id)


def _parents_first(nodes: list[Node]) -> list[Node]:
    by_parent: dict[str | None, list[Node]] = {}
    for n in nodes:
        by_parent.setdefault(n.parent_id, []).append(n)
    out, queue = [], list(by_parent.get(None, []))
    while queue:
        n = queue.pop(0)
        out.append(n)
        queue.extend(by_parent.get(n.id, []))
    return out


def _children_first(nodes: list[Node]) -> list[Node]:
    return list(reversed(_parents_first(nodes)))


def remove_indicator(store: PlanStore, ind: Indicator) -> list[Any]:
    """Delete an indicator with its links, figures, targets, comparators and assessments
    (inside the caller's transaction); returns the records for reinsert."""
    dependents: list[Any] = [
        *store.find(IndicatorLink, indicator_id=ind.id),
        *store.find(Value, indicator_id=ind.id),
        *store.find(Comparator, indicator_id=ind.id),
        *store.find(Assessment, subject_id=ind.id),
    ]
    targets = store.find(Target, indicator_id=ind.id)
    for t in targets:
        if t.superseded_by:
            store.update(t, superseded_by=None)
    for rec in [*dependents, *targets]:
        store.delete(rec)
    store.delete(ind)
    return [ind, *targets, *dependents]


def reinsert(store: PlanStore, records: list[Any]) -> None:
    """Insert deleted records back (undo). Revised targets point at the targets that
    replaced them, in chains; they go in unlinked, then the links are put back."""
    ordered = _insert_order(records)
    links = {r.id: r.superseded_by for r in ordered if isinstance(r, Target) and r.superseded_by}
    store.insert_many(dataclasses.replace(r, superseded_by=None) if r.id in links else r
                      for r in ordered)
    for target_id, newer in links.items():
        store.update(store.get(Target, target_id), superseded_by=newer)


_INSERT_RANK = {"Plan": 0, "Node": 1, "Indicator": 2, "IndicatorLink": 3, "Target": 4,
                "Value": 5, "Comparator": 6, "Meeting": 7, "Assessment": 8, "MeetingAction": 8,
                "Report": 9}


def _insert_order(records: list[Any]) -> list[Any]:
    # Parents before children for nodes (kept from the subtree order); targets that
    # supersede come after the targets they point at.
    return sorted(records, key=lambda r: (_INSERT_RANK.get(type(r).__name__, 99),
                                          getattr(r, "superseded_by", None) is not None))


def _kind(kind: NodeKind | str | None, parent: Node | None) -> NodeKind:
    if kind is None:
        return CHILD_KIND.get(parent.kind, NodeKind.ACTION) if parent else NodeKind.PRIORITY
    try:
        return NodeKind(kind)
    except ValueError:
        names = ", ".join(k.value for k in NodeKind)
        raise ValidationError(f"'{kind}' is not a kind of item (use one of: {names}).",
                              field="kind") from None


def _required_text(value: Any, field_name: str, what: str) -> str:
    text = check.text(str(value or ""), field_name, f"{what}'s {field_name}").strip()
    if not text:
        raise ValidationError(f"The {what}'s {field_name} cannot be empty.", field=field_name)
    return text


def _plan_fields(fields: dict[str, Any]) -> dict[str, Any]:
    bad = set(fields) - PLAN_EDITABLE
    if bad:
        raise ValidationError(f"Plans have no field {sorted(bad)[0]!r}.", field=sorted(bad)[0])
    out = dict(fields)
    for name in ("period_start", "period_end"):
        if name in out:
            out[name] = check.optional_date(out[name], name, name.replace("_", " "))
    if "status" in out:
        out["status"] = check.choice(PlanStatus, out["status"], "status")
    for name in ("short_name", "board", "url", "description"):
        if name in out:
            out[name] = check.text(str(out[name] or ""), name)
    return out


def _check_period(plan: Plan) -> None:
    if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
        raise ValidationError(
            f"The plan cannot end ({plan.period_end:%d/%m/%Y}) before it starts "
            f"({plan.period_start:%d/%m/%Y}).", field="period_end")
