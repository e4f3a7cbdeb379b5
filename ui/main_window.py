"""The main window: the plan tree, the selected item and its RAG note side by side, the
change history in a dock. Menus and shortcuts live in ui/actions.py, file handling in
ui/file_actions.py, tree edits in ui/tree_actions.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain import Meeting
from app.read_model import Rollup
from app.services import Services
from ui.commands import Changes, EditIndicator, EditNode, EditPlan, perform
from ui.detail_panel import DetailPanel
from ui.history import HistoryView
from ui.indicator_panel import IndicatorPanel
from ui.plain_text import plain_label, warn
from ui.preferences import Preferences
from ui.rag_panel import RagPanel
from ui.ratings import FIRST_DELAY_MS, RatingCache
from ui.review_notice import ReviewNotice
from ui.tree_filter import FilterBar, TreeFilter
from ui.tree_model import Column, PlanTreeModel, Role
from ui.window_fit import PANE_STRETCH, clamp_to_screen, first_size, pane_sizes

LATEST = "Latest figures"
BANNER_CSS = "background:#FFF4D6; color:#5A3E00; padding:6px; border-bottom:1px solid #E69F00;"


class PlanTreeView(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Plan tree")
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setAllColumnsShowFocus(True)


class MainWindow(QMainWindow):
    def __init__(self, files, prefs: Preferences | None = None):
        super().__init__()
        self.files = files
        self.prefs = prefs or Preferences.load()
        self.services: Services | None = None
        self.path: Path | None = None
        self.meeting: Meeting | None = None
        self._flushing = False
        self.undo_stack = QUndoStack(self)
        self.changes = Changes(self)
        self.ratings = RatingCache(None, self)
        self.ratings.watch(self.changes)  # first subscriber: panes then read new snapshots
        self.model = PlanTreeModel(None, self.ratings, self)
        self.proxy = TreeFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        from ui.actions import install_actions
        from ui.file_actions import FileActions
        from ui.meeting_edits import MeetingEdits
        from ui.tree_actions import TreeActions

        self.file_actions = FileActions(self)
        self.tree_actions = TreeActions(self)
        self.meeting_edits = MeetingEdits(self)
        install_actions(self)
        from ui.chair_actions import ChairActions
        from ui.review_mode import ReviewMode

        self.review_mode = ReviewMode(self)
        self.chair_actions = ChairActions(self)
        from ui.meeting_pack import install_pack_dock

        install_pack_dock(self)
        self._connect()
        self._update_title()
        self.restore_window_state()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        first_size(self)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = plain_label(wrap=True)
        self.banner.setStyleSheet(BANNER_CSS)
        self.banner.setAccessibleName("Read-only notice")
        self.banner.hide()
        self.banner_bar = QWidget()  # the notice, and ui/review_mode.py's Reopen button
        self.banner_bar.setObjectName("bannerBar")
        self.banner_bar.setStyleSheet("#bannerBar { background:#FFF4D6; }")
        bar = QHBoxLayout(self.banner_bar)
        bar.setContentsMargins(0, 0, 6, 0)
        bar.addWidget(self.banner, 1)
        outer.addWidget(self.banner_bar)
        # Three panes side by side (tree | item | RAG note): a laptop's screen is short, so
        # nothing is stacked that would force the window's height (ui/window_fit.py)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("panes")
        self.splitter.setChildrenCollapsible(False)
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(4, 4, 0, 4)
        self.filter_bar = FilterBar()
        left_lay.addWidget(self.filter_bar)
        self.tree = PlanTreeView()
        self.tree.setModel(self.proxy)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self.tree.setIndentation(14)
        for col, width in ((Column.REF, 110), (Column.RAG, 110), (Column.TREND, 44),
                           (Column.LEAD, 150)):
            header.resizeSection(col, width)
        # The rating and trend right after the ref, so a laptop's narrow tree pane shows
        # them without scrolling sideways; the title takes what is left, the lead comes last.
        header.moveSection(header.visualIndex(Column.RAG), 1)
        header.moveSection(header.visualIndex(Column.TREND), 2)
        left_lay.addWidget(self.tree)
        self.splitter.addWidget(left)
        self.detail = DetailPanel()
        self.indicator_panel = IndicatorPanel(None, self.undo_stack, self.changes,
                                              self._snapshot)
        self.detail.set_indicator_panel(self.indicator_panel)
        self.splitter.addWidget(self.detail)
        self.rag_panel = RagPanel(self.undo_stack, self.changes, self._snapshot)
        self.rag_panel.error_handler = self.show_error
        self.splitter.addWidget(self.rag_panel)
        for pane, stretch in enumerate(PANE_STRETCH):
            self.splitter.setStretchFactor(pane, stretch)
        self.splitter.setSizes(pane_sizes(self.width()))
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.history = HistoryView()
        self.history_dock = QDockWidget("History", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
        self.history_dock.visibilityChanged.connect(
            lambda shown: shown and clamp_to_screen(self, [self.history_dock]))
        self.toolbar = QToolBar("Meeting")
        self.toolbar.setObjectName("meetingToolbar")
        self.addToolBar(self.toolbar)
        self.meeting_label = QLabel("  &Meeting: ")
        self.toolbar.addWidget(self.meeting_label)
        self.meeting_combo = QComboBox()
        self.meeting_combo.setAccessibleName("Meeting")
        self.meeting_combo.setToolTip("Which meeting's ratings the tree and the RAG note show")
        self.meeting_combo.setMinimumContentsLength(22)
        self.meeting_label.setBuddy(self.meeting_combo)
        self.toolbar.addWidget(self.meeting_combo)
        self.review_notice = ReviewNotice(self.select_indicator)
        self.statusBar().addPermanentWidget(self.review_notice)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Tab from the tree goes through what an officer fills in, in the order of the
        work: figures, breakdown, the board's rating, its reason, the commentary, Copy
        forward (hidden or disabled ones are passed over)."""
        rag, figures, bar = self.rag_panel, self.indicator_panel, self.filter_bar
        chain = [bar.text, *bar.rag_buttons.values(), bar.lead, bar.changed_only, self.tree,
                 figures.grid, figures.breakdown, rag.recorded, rag.reason, rag.commentary,
                 rag.copy_forward, rag.history, figures.export_button,
                 figures.properties_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _connect(self) -> None:
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.meeting_combo.currentIndexChanged.connect(self._meeting_changed)
        self.filter_bar.changed.connect(self.apply_filters)
        self.filter_bar.text.down.connect(self._down_from_filter)
        self.model.renameRequested.connect(self._rename)
        self.model.moveRequested.connect(self.tree_actions.move_to)
        self.detail.saveRequested.connect(self._save_fields)
        self.changes.tree.connect(self._tree_changed)
        self.changes.fields.connect(self._fields_changed)
        self.changes.figures.connect(self._figures_changed)
        self.changes.figures.connect(lambda _id: self.review_notice.recheck())
        self.changes.assessment.connect(self._assessment_changed)
        self.changes.meetings.connect(self.choose_meeting_id)
        self.indicator_panel.latestRequested.connect(lambda: self.select_meeting(None))
        self.ratings.updated.connect(self._ratings_updated)
        self.model.ratingsShown.connect(self.tree.viewport().update)
        self._history_timer = QTimer(self)
        self._history_timer.setSingleShot(True)
        self._history_timer.setInterval(0)
        self._history_timer.timeout.connect(self._show_history)

    # -- opening and closing ---------------------------------------------------------------
    def set_services(self, services: Services | None, path: Path | None) -> None:
        """Show another open file (or none). The previous one must already be closed."""
        self.flush_edits()
        if getattr(self, "report_editor", None) is not None:
            self.report_editor.close()  # it writes to the file being closed
        self.undo_stack.clear()
        self.services = services
        self.path = path
        self.ratings.reset(services, {}, None)
        self.model.set_services(services)
        self.rag_panel.set_services(services)
        self.indicator_panel.set_services(services)
        self.filter_bar.clear()  # another file: the last one's filter would hide its tree
        self._fill_meetings()
        self.filter_bar.set_leads(self._leads())
        read_only = bool(services and services.read_only)
        self.banner.setVisible(read_only)
        if read_only:
            self.banner.setText(f"{path.name if path else 'This plan'} is open read-only: "
                                "you can look and print, but changes cannot be saved. "
                                "Use File → Save a Copy As to work on your own copy.")
        self.review_mode.follow(services, path)
        # the chair's markers and questions follow the file (at start-up, once painted)
        if self.isVisible():
            self.changes.questions.emit()
        else:
            QTimer.singleShot(FIRST_DELAY_MS, self, self.changes.questions.emit)
        # after the tree is shown: the check reads the file, and says so without a modal
        QTimer.singleShot(0, self, lambda: self.review_notice.check(self.services))
        self.tree_actions.update_enabled()
        self._update_title()
        self.apply_filters()
        self._expand_top()
        first = self.proxy.index(0, 0)
        if self.meeting is not None and self.select_key(f"plan:{self.meeting.plan_id}"):
            pass  # the plan of the meeting shown: the current one
        elif first.isValid():
            self.tree.setCurrentIndex(first)
        else:
            self._show_selection()

    def close_file(self) -> None:
        self.flush_edits()
        old = self.services
        self.set_services(None, None)
        if old is not None:
            old.close()

    def _update_title(self) -> None:
        if self.path is None:
            self.setWindowTitle("Boardpack")
            return
        ro = " (read-only)" if self.services and self.services.read_only else ""
        self.setWindowTitle(f"{self.path.name}{ro} – Boardpack")

    def _fill_meetings(self) -> None:
        self.meeting_combo.blockSignals(True)
        self.meeting_combo.clear()
        self.meeting_combo.addItem(LATEST, None)
        meetings: list[Meeting] = []
        if self.services is not None:
            meetings = sorted(self.services.assessments.meetings(), key=lambda m: m.held_on,
                              reverse=True)
        several = len(self.model.plans) > 1
        for m in meetings:
            label = f"{m.held_on:%d %b %Y}"
            plan = self.model.plans.get(m.plan_id)
            if several and plan is not None:
                label += f" · {plan.short_name or plan.title}"
            self.meeting_combo.addItem(label, m)
        opening = self.services.assessments.opening_meeting() if meetings else None
        last = self.prefs.last_meeting.get(str(self.path.absolute())) if self.path else None
        chosen = 1 if meetings else 0
        for i, m in enumerate(meetings, start=1):
            if m.id == (opening.id if opening and last is None else last):
                chosen = i
        self.meeting_combo.setCurrentIndex(chosen)
        self.meeting_combo.blockSignals(False)
        self._meeting_changed()

    def _meeting_changed(self) -> None:
        self.flush_edits()
        self.meeting = self.meeting_combo.currentData()
        if self.path is not None:
            self.prefs.remember_meeting(self.path, self.meeting.id if self.meeting else None)
        item = self.current_item()
        expanded = self.expanded_keys()
        self.ratings.set_meeting(self.meeting)
        self.rag_panel.set_meeting(self.meeting)
        self.meeting_pack.show_meeting(self.services, self.meeting)
        self.meeting_edits.meeting_changed()
        if self.filter_bar.changed_only.isChecked() or self.filter_bar.rags():
            self.apply_filters()
            self.restore_expanded(expanded)
        if item is not None:
            self.select_key(item.key)
            if item.kind == "indicator":
                self.indicator_panel.show_indicator(item.id, self._as_of(item.plan_id))

    def choose_meeting_id(self, meeting_id: str | None) -> None:
        """Refill the meeting list (a meeting was added or removed) and choose one."""
        self._fill_meetings()
        for i in range(self.meeting_combo.count()):
            m = self.meeting_combo.itemData(i)
            if m is not None and m.id == meeting_id:
                self.meeting_combo.setCurrentIndex(i)
                return

    def select_meeting(self, held_on) -> None:
        for i in range(self.meeting_combo.count()):
            m = self.meeting_combo.itemData(i)
            if (m is None and held_on is None) or (m is not None and m.held_on == held_on):
                self.meeting_combo.setCurrentIndex(i)
                return

    def _leads(self) -> list[str]:
        return sorted({n.lead_organisation for n in self.model.nodes.values()
                       if n.lead_organisation})

    def _expand_top(self) -> None:
        for r in range(self.proxy.rowCount()):
            self.tree.expand(self.proxy.index(r, 0))

    # -- filtering ---------------------------------------------------------------------
    def apply_filters(self) -> None:
        bar = self.filter_bar
        rags = bar.rags()
        if rags:
            self.ratings.ensure_all()
        changed = self.changed_since_last_meeting() if bar.changed_only.isChecked() else None
        self.proxy.rag_plan = self.meeting.plan_id if self.meeting is not None else None
        self.proxy.set_filters(text=bar.text.text(), rags=rags, lead=bar.lead.currentData() or "",
                               changed_ids=changed)
        if self.proxy.active:
            self.tree.expandAll()
        if not self.tree.currentIndex().isValid():
            self._show_selection()  # the item shown was filtered out

    def _down_from_filter(self) -> None:
        """Down in the filter box: to the tree, on the first row the filter matches (not
        the plan or item shown only because something below it matches)."""
        self.tree.setFocus(Qt.FocusReason.TabFocusReason)
        first = self._first_match(QModelIndex()) if self.proxy.active else None
        if first is None:
            first = self.proxy.index(0, 0)
        if first.isValid():
            self.tree.scrollTo(first)
            self.tree.selectionModel().setCurrentIndex(
                first, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _first_match(self, parent: QModelIndex) -> QModelIndex | None:
        for row in range(self.proxy.rowCount(parent)):
            idx = self.proxy.index(row, 0, parent)
            src = self.proxy.mapToSource(idx)
            if self.proxy.filterAcceptsRow(src.row(), src.parent()):
                return idx
            found = self._first_match(idx)
            if found is not None:
                return found
        return None

    def changed_since_last_meeting(self) -> set[str]:
        """Ids of plans, items and indicators changed after the meeting chosen (or the
        latest meeting when showing the latest figures)."""
        if self.services is None:
            return set()
        return self.services.history.changed_since_meeting(self.meeting)

    # -- selection -------------------------------------------------------------------------
    def current_source(self) -> QModelIndex:
        return self.proxy.mapToSource(self.tree.currentIndex())

    def current_item(self):
        idx = self.current_source()
        return self.model.item(idx) if idx.isValid() else None

    def select_indicator(self, indicator_id: str) -> bool:
        """Select the first row showing the indicator (under any of its parents)."""
        found = self.model.indexes_for_id(indicator_id)
        return bool(found) and self._select_source(found[0])

    def select_key(self, key: str) -> bool:
        return self._select_source(self.model.index_for_key(key))

    def _select_source(self, src: QModelIndex) -> bool:
        if not src.isValid():
            return False
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            return False
        parent = idx.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(idx)
        return True

    def select_ref(self, ref: str) -> bool:
        """Select the row whose ref is `ref` (for tests and scripts): an indicator before
        an item, the chosen meeting's plan before others."""
        found = [item for key in self.model.keys()
                 if self.model.data(self.model.index_of(item := self.model._by_key[key],
                                                        Column.REF)) == ref]
        plan = self.meeting.plan_id if self.meeting else None
        found.sort(key=lambda i: (i.kind != "indicator", i.plan_id != plan))
        return bool(found) and self.select_key(found[0].key)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_selection()
        self.tree_actions.update_enabled()

    def _show_selection(self) -> None:
        self.flush_edits(end_session=False)
        item = self.current_item()
        s = self.services
        ro = bool(s and s.read_only)
        if item is None or s is None:
            self.detail.show_nothing()
            self.rag_panel.show_subject(None, "")
            self.history.show_item(None, None, None)
            return
        if item.kind == "plan":
            self.detail.show_plan(self.model.plans[item.id], ro)
            self.rag_panel.show_subject(None, "")
        elif item.kind == "node":
            node = self.model.nodes[item.id]
            inherited = {f: v for f in ("lead_organisation", "lead_role", "partners",
                                        "reporting_timetable")
                         if (v := self.model.inherited_from(item.id, f))}
            self.detail.show_node(node, inherited, ro)
            self.rag_panel.show_subject(node.id, _label(node), self._rollup_rating(node.id))
        else:
            ind = self.model.indicators[item.id]
            self.ratings.ensure([ind.id])
            self.detail.show_indicator(s, ind, ro)
            self.indicator_panel.show_indicator(ind.id, self._as_of(ind.plan_id))
            self.rag_panel.show_subject(ind.id, _label(ind))
        self._history_timer.start()  # after the panels have painted

    def _as_of(self, plan_id: str | None):
        """The date figures are rated at: the chosen meeting's, for its own plan."""
        m = self.meeting
        return m.held_on if m is not None and m.plan_id == plan_id else None

    def _snapshot(self, indicator_id: str, as_of=None):
        """The shared snapshot of an indicator at the chosen meeting (the panes' source)."""
        return self.ratings.snapshot(indicator_id)

    def _figures_changed(self, indicator_id: str) -> None:
        """Figures or targets changed: the tree's rating row follows at once."""
        self.model.ratings_changed([indicator_id])
        item = self.current_item()
        if item is not None and item.id == indicator_id:
            self._history_timer.start()

    def _show_history(self) -> None:
        item = self.current_item()
        if self.history_dock.isVisible() and item is not None:
            self.history.show_item(self.services, item.kind, item.id)

    def _rollup_rating(self, node_id: str):
        self.ratings.ensure(self.model.indicators_below(node_id))
        counts = self.model.rollup(node_id)
        return counts.rating() if counts is not None else Rollup.of([]).rating()

    # -- edits -----------------------------------------------------------------------
    def push(self, command) -> bool:
        """Do an edit and put it on the undo stack; errors are shown, nothing is pushed.
        What is being typed elsewhere is saved first, as its own step."""
        if not self._flushing:
            self.flush_edits(end_session=False)
        try:
            perform(self.undo_stack, command)
        except Exception as exc:
            self.show_error(exc)
            return False
        return True

    def show_error(self, exc: Exception) -> None:
        warn(self, "Boardpack", str(exc))

    def _rename(self, kind: str, id: str, title: str) -> None:
        self._save_fields(kind, id, {"title": title})

    def flush_edits(self, end_session: bool = True) -> None:
        """Save what is being typed in the forms and the RAG note, before anything that
        reloads them, closes the file or quits. `end_session=False` (re-showing the same
        item) lets further typing in the same field join the same undo step."""
        if self._flushing:
            return
        self._flushing = True
        try:
            self.detail.flush(end_session)
            self.rag_panel.flush()
            editor = getattr(self, "report_editor", None)  # ui.report_dialogs.open_editor
            if editor is not None:
                editor.flush()
        finally:
            self._flushing = False

    def _save_fields(self, kind: str, id: str, changes: dict, session: int = -1) -> None:
        if self.services is None:
            return
        cls = {"plan": EditPlan, "node": EditNode, "indicator": EditIndicator}[kind]
        if not self.push(cls(self.services, self.changes, id, changes, session)):
            self._show_selection()  # put the stored value back in the form

    def _tree_changed(self) -> None:
        item = self.current_item()
        key = item.key if item else None
        expanded = self.expanded_keys()
        self.model.reload()
        self.restore_expanded(expanded)
        self.filter_bar.set_leads(self._leads())
        self.apply_filters()
        if key and self.select_key(key):
            self._show_selection()
        elif self.tree_actions.pending_select and self.select_key(
                self.tree_actions.pending_select):
            pass
        elif not any(self.select_key(k) for k in _ancestor_keys(item)):
            self._show_selection()  # the row shown went (undo of an add, redo of a delete)
        self.tree_actions.pending_select = None

    def _fields_changed(self, id: str) -> None:
        self.model.refresh_row(id)
        item = self.current_item()
        if item is not None and item.id == id:
            self._show_selection()

    def _assessment_changed(self, meeting_id: str, subject_id: str) -> None:
        if subject_id in self.model.indicators:
            self.model.ratings_changed([subject_id])
        item = self.current_item()
        if item is not None and item.id == subject_id and self.history_dock.isVisible():
            self.history.show_item(self.services, item.kind, item.id)

    def _ratings_updated(self) -> None:
        if self.proxy.rags:
            self.proxy.refilter()

    def expanded_keys(self) -> set[str]:
        out: set[str] = set()
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for r in range(self.proxy.rowCount(parent)):
                idx = self.proxy.index(r, 0, parent)
                if self.tree.isExpanded(idx):
                    out.add(idx.data(Role.KEY))
                    stack.append(idx)
        return out

    def restore_expanded(self, keys: set[str]) -> None:
        for key in keys:
            src = self.model.index_for_key(key)
            if src.isValid():
                self.tree.expand(self.proxy.mapFromSource(src))

    # -- window state (QSettings: geometry and layout only) ---------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            settings = QSettings()
            if settings.value("window/state") is None:
                self.resizeDocks([self.history_dock], [170], Qt.Orientation.Vertical)
            share = settings.value(f"window/{self.splitter.objectName()}") is None
            self._fit_to_screen(share)
            # again once the window manager has put its frame round the window
            QTimer.singleShot(0, self, lambda: self._fit_to_screen(share))

    def _fit_to_screen(self, share_panes: bool) -> None:
        clamp_to_screen(self, [self.history_dock])
        if share_panes:
            self.splitter.setSizes(pane_sizes(self.splitter.width()))

    def restore_window_state(self) -> None:
        self._shown_once = False
        s = QSettings()
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        else:  # first start: room for the chart; View → History (Ctrl+H) shows it
            self.history_dock.hide()
        value = s.value(f"window/{self.splitter.objectName()}")
        if value is not None:
            self.splitter.restoreState(value)
        header = s.value("window/treeHeader")
        if header is not None:
            self.tree.header().restoreState(header)

    def save_window_state(self) -> None:
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue(f"window/{self.splitter.objectName()}", self.splitter.saveState())
        s.setValue("window/treeHeader", self.tree.header().saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_edits()
        unsaved = self.rag_panel.unsaved_count() + self.indicator_panel.model.unsaved_count()
        if unsaved and not self.rag_panel.confirm(
                "Text not saved",
                f"{unsaved} figure(s), commentaries or reasons could not be saved to "
                f"{self.path.name if self.path else 'the plan'} and is kept only in this "
                "window. Close anyway and lose it?"):
            event.ignore()
            return
        self.save_window_state()
        if self.path is not None:
            self.prefs.add_recent(self.path)
            self.prefs.save()
        if self.services is not None:
            self.services.close()
            self.services = None
        super().closeEvent(event)


def _label(record) -> str:
    ref = getattr(record, "ref", "") or getattr(record, "code", "")
    return f"{ref} {record.title}".strip()


def _ancestor_keys(item) -> list[str]:
    """Keys of the rows above a tree item, nearest first (the root has none)."""
    keys = []
    parent = item.parent if item is not None else None
    while parent is not None and parent.kind != "root":
        keys.append(parent.key)
        parent = parent.parent
    return keys
