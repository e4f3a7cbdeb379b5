"""The change history of the selected item: who changed what, when, before and after."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from app.periods import label as period_label
from app.services import Services
from ui.rows_model import RowsModel

HIDDEN = {"id", "position", "source_document", "source_location", "entered_by"}
TABLE_NAMES = {"nodes": "item", "indicators": "indicator", "indicator_values": "figure",
               "targets": "target", "assessments": "assessment", "indicator_links": "link",
               "comparators": "comparator",
               "plans": "plan", "meetings": "meeting", "meeting_actions": "action"}


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\n", " ")


def _describe(row: dict) -> str:
    if row.get("period"):
        text = period_label(row["period"])
        if row.get("value") is not None:
            text += f": {row['value']:g}" if isinstance(row["value"], float | int) else ""
        return text
    return str(row.get("title") or row.get("commentary") or row.get("node_id") and "link" or "")


def change_rows(services: Services, kind: str, id: str, limit: int = 500) -> list[tuple]:
    rows = []
    for ch in services.history.changes_of(kind, id, limit):
        before, after = ch.before or {}, ch.after or {}
        what = TABLE_NAMES.get(ch.table, ch.table)
        when = f"{ch.at:%d/%m/%Y %H:%M}"
        if ch.action == "update":
            for field in after:
                if field in HIDDEN:
                    continue
                rows.append((when, ch.author, f"{ch.summary or 'Edit'} ({what})", field,
                             _short(before.get(field)), _short(after.get(field))))
        else:
            shown = after or before
            desc = _describe(shown)
            action = "added" if ch.action == "insert" else "deleted"
            rows.append((when, ch.author, ch.summary or f"{what} {action}", f"{what} {action}",
                         "" if ch.action == "insert" else _short(desc),
                         _short(desc) if ch.action == "insert" else ""))
    return rows


class HistoryView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Change history")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.model = RowsModel(["When", "Who", "What", "Field", "Before", "After"], self)
        self.table = QTableView()
        self.table.setAccessibleName("Change history of the selected item")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # read only: Tab goes on, arrows move in it
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((120, 110, 300, 130, 200)):
            self.table.setColumnWidth(col, width)
        lay.addWidget(self.table)

    def show_item(self, services: Services | None, kind: str | None, id: str | None) -> None:
        if services is None or not id or kind not in ("plan", "node", "indicator"):
            self.model.set_rows([])
            return
        self.model.set_rows(change_rows(services, kind, id))
