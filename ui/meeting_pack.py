"""The chair's pack and the list of what is due, for the chosen meeting: a dock with two
tabs. Clicking an item selects it in the plan tree; a lead's list of figures due copies as
text for a chaser e-mail; the pack prints as the pre-meeting brief PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Meeting
from ui.background import BackgroundJob, JobSignals
from ui.plain_text import plain_label, tooltip, warn

SUBJECT = 256  # Qt.ItemDataRole.UserRole: the item or indicator a row is about
LEAD = SUBJECT + 1  # the lead organisation a "what is due" row belongs to
NO_MEETING = "Choose a meeting in the Meeting box to see its pack and what is due."


if TYPE_CHECKING:  # the pack's modules load when the dock first fills
    from app.chairs_pack import ChairsPack
    from app.meeting_due import MeetingDue

class _BriefSignals(JobSignals):
    pass


class BriefJob(BackgroundJob):
    """Render the brief and write it atomically, off the GUI thread."""

    def __init__(self, pack: ChairsPack, target: Path):
        super().__init__(_BriefSignals())
        self.pack, self.target = pack, target

    def work(self) -> Path:
        from app.report.atomic_file import write_atomically
        from app.report.brief import render_brief

        return write_atomically(self.target, render_brief(self.pack))


def _row(parent: QTreeWidget | QTreeWidgetItem, text: str, subject: str | None = None, *,
         bold: bool = False, italic: bool = False) -> QTreeWidgetItem:
    item = QTreeWidgetItem(parent, [text])  # item text is plain text, never markup
    item.setToolTip(0, tooltip(text) or "")  # the whole line where the row cuts it short
    if subject:
        item.setData(0, SUBJECT, subject)
    if bold or italic:
        font = QFont(item.font(0))
        font.setBold(bold)
        font.setItalic(italic)
        item.setFont(0, font)
    return item


class MeetingPackPane(QWidget):
    """The pack and the due list of one meeting, read through `services.pack`."""

    briefWritten = Signal(str)  # the path written
    failed = Signal(str)

    def __init__(self, go_to: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.go_to = go_to
        self.services: Any = None
        self.meeting: Meeting | None = None
        self.pack: ChairsPack | None = None
        self.due: MeetingDue | None = None
        self.job: BriefJob | None = None
        self.stale = False
        self.save_path = self._choose_path  # replaced in tests
        # the window's snapshots at the pack's meeting, read already (None: read afresh)
        self.known_snapshots: Callable[[], dict | None] = lambda: None
        self.folder: Callable[[], Path] = Path.home  # where the brief is offered first
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.heading = plain_label(NO_MEETING, wrap=True)
        lay.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.pack_tree = self._tree("The chair's pack")
        self.due_tree = self._tree("What is due")
        self.tabs.addTab(self.pack_tree, "Chair's &pack")
        self.tabs.addTab(self.due_tree, "What is &due")
        lay.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton("&Copy the lead's list")
        self.copy_button.setToolTip("Copy the chosen lead's outstanding figures as text, "
                                    "for a chaser e-mail")
        self.copy_button.clicked.connect(self.copy_lead_list)
        self.brief_button = QPushButton("Print the &brief…")
        self.brief_button.setToolTip("Write the pre-meeting brief PDF (exceptions first)")
        self.brief_button.clicked.connect(self.print_brief)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.brief_button)
        lay.addLayout(buttons)
        self.due_tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(150)  # edits in a burst refresh once
        self.refresh_timer.timeout.connect(self.refresh)
        self._update_buttons()

    def _tree(self, name: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderHidden(True)
        tree.setAccessibleName(name)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.itemActivated.connect(self._activated)
        tree.itemClicked.connect(self._activated)
        return tree

    # -- what is shown -------------------------------------------------------------------
    def show_meeting(self, services: Any, meeting: Meeting | None) -> None:
        """The window's file and chosen meeting (read when the pane is shown)."""
        self.services, self.meeting = services, meeting
        self.stale = True
        self.refresh_soon()

    def refresh_soon(self) -> None:
        """Refresh after a burst of edits, or when next shown."""
        self.stale = True
        if self.isVisible():
            self.refresh_timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        self.refresh_timer.stop()
        self.stale = False
        self.pack_tree.clear()
        self.due_tree.clear()
        self.pack = self.due = None
        if self.services is None or self.services.closed or self.meeting is None:
            self.heading.setText(NO_MEETING)
            self._update_buttons()
            return
        self.pack = self.services.pack.pack(self.meeting, known=self.known_snapshots())
        self.due = self.pack.due
        self.heading.setText(f"{self.pack.plan.short_name or self.pack.plan.title}: "
                             f"{self.pack.changes.heading()}.")
        self._fill_pack(self.pack)
        self._fill_due(self.due)
        self._update_buttons()

    def _fill_pack(self, pack: ChairsPack) -> None:
        from app.chairs_pack import COMMENTARY_MISSING, action_line

        tree = self.pack_tree
        red_amber = _row(tree, f"Red and Amber ({len(pack.items)})", bold=True)
        for item in pack.items:
            row = _row(red_amber, f"{item.ref} {item.title}: {item.rating}".strip(),
                       item.subject_id, bold=True)
            for line in item.lines()[1:]:
                _row(row, line, item.subject_id, italic=line == COMMENTARY_MISSING)
            row.setExpanded(True)
        changes = _row(tree, pack.changes.heading(), bold=True)
        for title, found in pack.changes.sections():
            section = _row(changes, f"{title} ({len(found)})")
            for c in found:
                _row(section, c.line(), c.subject_id)
            section.setExpanded(bool(found) and len(found) <= 30)
        overdue = _row(tree, f"Figures overdue ({len(pack.overdue)})", bold=True)
        late = pack.overdue
        for lead in pack.due.leads():
            mine = [f for f in late if f.lead == lead]
            if mine:
                group = _row(overdue, f"{len(mine)} overdue: {lead}")
                for f in mine:
                    _row(group, f.line(), f.indicator.id)
        actions = _row(tree, f"Open actions ({len(pack.actions)})", bold=True)
        for a in pack.actions:
            _row(actions, action_line(a))
        for top in (red_amber, changes, overdue, actions):
            top.setExpanded(True)

    def _fill_due(self, due: MeetingDue) -> None:
        tree = self.due_tree
        for lead in due.leads():
            rows = due.figures[lead]
            owed = due.outstanding(lead)
            # The counts first: a long list of lead organisations is cut short on screen.
            head = _row(tree, f"{len(owed)} outstanding, {len(rows) - len(owed)} of "
                              f"{len(rows)} arrived: {lead}", bold=True)
            head.setData(0, LEAD, lead)
            for f in owed:
                _row(head, f.line(), f.indicator.id).setData(0, LEAD, lead)
            head.setExpanded(True)
        targets = _row(tree, f"Targets falling due ({len(due.targets)})", bold=True)
        for t in due.targets:
            _row(targets, f"{t.lead}: {t.line()}", t.indicator.id)
        ran_out = _row(tree, f"Gone Grey: targets ran out ({len(due.ran_out)})", bold=True)
        for r in due.ran_out:
            _row(ran_out, f"{r.lead}: {r.line()}", r.indicator.id)

    # -- acting on it --------------------------------------------------------------------
    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        subject = item.data(0, SUBJECT)
        if subject:
            self.go_to(subject)

    def chosen_lead(self) -> str | None:
        item = self.due_tree.currentItem()
        return item.data(0, LEAD) if item is not None else None

    def _update_buttons(self) -> None:
        self.copy_button.setEnabled(self.due is not None and bool(self.chosen_lead()))
        self.brief_button.setEnabled(self.pack is not None and self.job is None)

    def copy_lead_list(self) -> None:
        lead = self.chosen_lead()
        if self.due is not None and lead:
            QGuiApplication.clipboard().setText(self.due.lead_text(lead))

    def _choose_path(self, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(self, "Print the brief", str(suggested),
                                                      "PDF (*.pdf)")
        return Path(chosen) if chosen else None

    def print_brief(self) -> None:
        if self.pack is None or self.job is not None:
            return
        target = self.save_path(self.folder() / f"Chair's brief {self.pack.meeting.held_on}.pdf")
        if target is None:
            return
        self.job = BriefJob(self.pack, target)
        self.job.signals.finished.connect(self._brief_done)
        self.job.signals.failed.connect(self._brief_failed)
        self._update_buttons()
        QThreadPool.globalInstance().start(self.job)

    def _brief_done(self, path: object) -> None:
        self.job = None
        self._update_buttons()
        self.briefWritten.emit(str(path))

    def _brief_failed(self, message: str) -> None:
        self.job = None
        self._update_buttons()
        self.failed.emit(message)


def install_pack_dock(w) -> MeetingPackPane:
    """The pack's dock in the main window `w`, its View menu entry (Ctrl+Shift+P) and its
    subscriptions to the window's one change notification."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget

    def go_to(subject_id: str) -> None:
        if not w.select_indicator(subject_id):
            w.filter_bar.clear()  # the filter hides it
            w.select_indicator(subject_id)
        w.tree.setFocus()

    pane = MeetingPackPane(go_to)
    pane.folder = lambda: w.path.parent if w.path is not None else Path.home()

    def known() -> dict | None:
        rated = w.ratings.meeting
        same = rated is not None and pane.meeting is not None and rated.id == pane.meeting.id
        return w.ratings.snapshots() if same else None

    pane.known_snapshots = known
    pane.failed.connect(lambda message: warn(w, "Boardpack", message))
    pane.briefWritten.connect(lambda path: w.statusBar().showMessage(f"Wrote {path}", 8000))
    dock = QDockWidget("Chair's pack", w)
    dock.setObjectName("meetingPackDock")
    dock.setWidget(pane)
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    for signal in (w.changes.tree, w.changes.fields, w.changes.figures, w.changes.assessment,
                   w.changes.meetings):
        signal.connect(lambda *_args: pane.refresh_soon())
    toggle = dock.toggleViewAction()
    toggle.setText("Chair's &pack and what is due")
    toggle.setShortcut("Ctrl+Shift+P")
    toggle.setStatusTip("Red and Amber items, what changed, what is due and the open actions "
                        "for the chosen meeting")
    w.acts["meeting_pack"] = toggle
    w.addAction(toggle)
    view = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    view.addAction(toggle)
    w.meeting_pack, w.meeting_pack_dock = pane, dock
    return pane
