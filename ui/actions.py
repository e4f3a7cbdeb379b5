"""Menus, toolbar actions and keyboard shortcuts of the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor

from ui import help_actions
from ui.about import show_about
from ui.preferences import PreferencesDialog
from ui.welcome import show_welcome

K = QKeySequence.StandardKey


def install_actions(w) -> None:
    fa, ta, me = w.file_actions, w.tree_actions, w.meeting_edits
    acts: dict[str, QAction] = {}
    w.acts = acts

    def act(name: str, text: str, slot, shortcut=None, tip: str = "",
            tree_only: bool = False) -> QAction:
        a = QAction(text, w)
        if shortcut is not None:
            if isinstance(shortcut, list):
                a.setShortcuts(shortcut)
            else:
                a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        acts[name] = a
        if tree_only:  # the grid's own Ctrl+Return, Delete, F2 and Ctrl+arrows must win there
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            w.tree.addAction(a)
        else:
            w.addAction(a)  # shortcuts work wherever the focus is
        return a

    menu = w.menuBar().addMenu("&File")
    menu.addAction(act("new", "&New plan…", fa.new_file, K.New))
    menu.addAction(act("plan_from_tracker", "New Plan from &Tracker…",
                       lambda: _plan_from_tracker(w), None,
                       "A plan, its indicators and targets from the tracker workbook you keep"))
    menu.addAction(act("open", "&Open…", fa.open_dialog, K.Open))
    w.recent_menu = menu.addMenu("Open &Recent")
    menu.addAction(act("open_review", "Open for Re&view…", lambda: w.review_mode.open_for_review(),
                       None, "Open a plan read-only: questions and private notes can still "
                       "be written, the plan is not changed"))
    menu.addAction(act("reopen", "Reopen for E&diting", lambda: w.review_mode.reopen(), None,
                       "Open the plan shown read-only for editing again"))
    menu.addSeparator()
    menu.addAction(act("save_copy", "Save a &Copy As…", fa.save_copy, "Ctrl+Shift+S"))
    menu.addAction(act("restore_backup", "Restore from &Backup…", fa.restore_backup))
    menu.addSeparator()
    menu.addAction(act("export_report", "&Export Board Report…", lambda: _export_report(w),
                       "Ctrl+P", "The board report PDF for the chosen meeting"))
    menu.addAction(act("import_figures", "&Import Figures…", lambda: _import_figures(w),
                       None, "Figures from a partner's spreadsheet (.xlsx .xls .ods .csv)"))
    menu.addAction(act("export_figures", "Export Fi&gures…", lambda: _export_figures(w),
                       None, "Every figure to .xlsx or .csv, as Import Figures reads it back"))
    menu.addSeparator()
    menu.addAction(act("preferences", "&Preferences…", lambda: _preferences(w),
                       K.Preferences if not QKeySequence(K.Preferences).isEmpty()
                       else "Ctrl+,"))
    menu.addSeparator()
    menu.addAction(act("close", "&Close", fa.close, K.Close))
    menu.addAction(act("quit", "&Quit", w.close, K.Quit))

    def flushed(fn):
        def run():
            w.flush_edits()
            fn()
        return run

    menu = w.menuBar().addMenu("&Edit")
    undo = w.undo_stack.createUndoAction(w, "Undo")
    undo.setShortcut(K.Undo)
    redo = w.undo_stack.createRedoAction(w, "Redo")
    # Where the platform's Redo already is Ctrl+Shift+Z (X11), listing it twice makes the
    # key ambiguous and it does nothing.
    redo_keys = [QKeySequence(K.Redo), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    redo.setShortcuts([k for i, k in enumerate(redo_keys) if k not in redo_keys[:i]])
    # Typed commentary is saved before undoing, so the undo takes it back as one step.
    undo.triggered.disconnect()
    undo.triggered.connect(flushed(w.undo_stack.undo))
    redo.triggered.disconnect()
    redo.triggered.connect(flushed(w.undo_stack.redo))
    acts["undo"], acts["redo"] = undo, redo
    w.addAction(undo)
    w.addAction(redo)
    menu.addAction(undo)
    menu.addAction(redo)
    menu.addSeparator()
    menu.addAction(act("find", "&Find in the plan", lambda: _focus_filter(w), K.Find))
    menu.addAction(act("rename", "Re&name", ta.rename, "F2", tree_only=True))
    menu.addSeparator()
    menu.addAction(act("add_sibling", "Add item &below", ta.add_sibling, "Ctrl+Return",
                       "Add an item of the same kind after the selected one", tree_only=True))
    menu.addAction(act("add_child", "Add &child item", ta.add_child, "Ctrl+Shift+Return",
                       "Add an item inside the selected one", tree_only=True))
    menu.addAction(act("new_plan", "New &plan in this file…", ta.new_plan, None,
                       "Another plan in the same file, e.g. the successor plan"))
    menu.addAction(act("new_indicator", "New &indicator here…", ta.new_indicator, "Ctrl+I",
                       "A new indicator under the selected item"))
    menu.addAction(act("new_meeting", "New &meeting…", me.new_meeting, "Ctrl+Shift+M",
                       "A meeting of the board, to record its ratings and commentary"))
    w.toolbar.addAction(acts["new_meeting"])
    menu.addAction(act("edit_meeting", "Edit mee&ting…", me.edit_meeting, None,
                       "The chosen meeting's date, title, focus, papers deadline, agenda "
                       "reference and notes"))
    menu.addAction(act("delete_meeting", "Delete meetin&g…", me.delete_meeting, None,
                       "Delete the chosen meeting with its assessments and actions"))
    menu.addAction(act("link", "&Link an indicator here…", ta.link_indicator, "Ctrl+L",
                       "Show an existing indicator under the selected item as well"))
    menu.addSeparator()
    menu.addAction(act("delete", "&Delete / remove from this item", ta.delete,
                       QKeySequence(Qt.Key.Key_Delete),
                       "Delete the item, or take the indicator out of this item only",
                       tree_only=True))
    menu.addAction(act("delete_indicator", "Delete indicator &everywhere", ta.delete_indicator,
                       "Shift+Del", "Delete the indicator and its figures everywhere",
                       tree_only=True))
    menu.addSeparator()
    menu.addAction(act("move_up", "Move &up", ta.move_up, "Ctrl+Up", tree_only=True))
    menu.addAction(act("move_down", "Move do&wn", ta.move_down, "Ctrl+Down", tree_only=True))
    menu.addAction(act("outdent", "Move &out (one level up)", ta.outdent, "Ctrl+Left",
                       tree_only=True))
    menu.addAction(act("indent", "Move &in (under the item above)", ta.indent, "Ctrl+Right",
                       tree_only=True))

    menu = w.menuBar().addMenu("&View")
    menu.addAction(act("focus_tree", "Go to the &plan tree", lambda: w.tree.setFocus(),
                       "Ctrl+1"))
    menu.addAction(act("focus_detail", "Go to the &selected item", lambda: _focus_detail(w),
                       "Ctrl+2"))
    menu.addAction(act("focus_figures", "Go to the &figures", lambda: _focus_figures(w),
                       "Ctrl+G"))
    menu.addAction(act("focus_note", "Go to the &RAG note", lambda: _focus_note(w), "Ctrl+3"))
    menu.addAction(act("focus_meeting", "Choose the &meeting",
                       lambda: w.meeting_combo.setFocus(), "Ctrl+M"))
    menu.addAction(act("meeting_actions", "Meeting &actions and decisions", me.show_actions,
                       "Ctrl+4", "The chosen meeting's actions, and those carried forward"))
    menu.addAction(act("clear_filter", "&Clear the filter", w.filter_bar.clear,
                       "Ctrl+Shift+F"))
    menu.addSeparator()
    hist = w.history_dock.toggleViewAction()
    hist.setText("&History of the selected item")
    hist.setShortcut("Ctrl+H")
    hist.toggled.connect(lambda on: on and w.resizeDocks([w.history_dock], [220],
                                                         Qt.Orientation.Vertical))
    menu.addAction(hist)
    w.history_dock.visibilityChanged.connect(lambda visible: visible and w._show_selection())

    # No Alt+letter: every letter of "Report" is already the mnemonic of a label in the
    # item and plan forms (Ref, Edit, Partners, Lead role, Title). Alt+F then the arrow keys
    # reach it.
    menu = w.menuBar().addMenu("Report")
    menu.addAction(act("new_report", "&New report…", lambda: _reports().new_report(w), None,
                       "A report to another body for a meeting or several"))
    menu.addAction(act("open_report", "&Open report…", lambda: _reports().open_report(w),
                       None, "Write, preview, issue or correct a report"))

    menu = w.menuBar().addMenu("&Help")
    menu.addAction(act("user_guide", "&User guide", help_actions.open_user_guide,
                       K.HelpContents))
    menu.addAction(act("log_folder", "Open the &log folder", help_actions.open_log_folder))
    menu.addAction(act("welcome", "&Welcome", lambda: show_welcome(w),
                       tip="What the sample plan is and where to start"))
    menu.addSeparator()
    menu.addAction(act("about", "&About Boardpack", lambda: show_about(w)))
    w.refresh_recent_menu = lambda: _refresh_recent(w)
    _refresh_recent(w)
    ta.update_enabled()
    me.update_enabled()


def _export_report(w) -> None:
    if w.services is None:
        return
    w.flush_edits()
    from ui.report_export import export_board_report

    meeting = w.meeting.id if w.meeting is not None else None
    export_board_report(w, w.services, meeting)


def _reports():
    import ui.report_dialogs  # on first use: not at start-up

    return ui.report_dialogs


def _import_figures(w) -> None:
    if w.services is None:
        return
    w.flush_edits()
    from ui.import_wizard import import_figures

    w.import_wizard = import_figures(w, w.services, w.undo_stack, w.changes)


def _export_figures(w) -> None:
    if w.services is None:
        return
    w.flush_edits()
    from ui.figures_export import export_figures

    item = w.current_item()
    indicator = None
    if item is not None and item.kind == "indicator":
        found = w.services.indicators.indicator(item.id)
        indicator = (found.id, found.code or found.ref or found.title)
    w.figures_export = export_figures(w, w.services, indicator, w.path)


def _plan_from_tracker(w) -> None:
    if w.services is None:
        return
    w.flush_edits()
    from ui.tracker_import import new_plan_from_tracker

    w.tracker_dialog = new_plan_from_tracker(w, w.services, w.undo_stack, w.changes)


def _focus_filter(w) -> None:
    w.filter_bar.text.setFocus()
    w.filter_bar.text.selectAll()


def _focus_detail(w) -> None:
    page = w.detail.currentWidget()
    if page is not None:
        page.setFocus()
        page.focusNextChild()


def _focus_figures(w) -> None:
    """The figures grid of the selected indicator, at the row where the next figure goes."""
    if w.detail.currentWidget() is not w.detail.indicator_page:
        return
    w.detail.indicator_tabs.setCurrentIndex(0)
    w.indicator_panel.grid.setFocus()


def _focus_note(w) -> None:
    """The commentary, with the cursor after what is already written."""
    box = w.rag_panel.commentary
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)


def _preferences(w) -> None:
    if PreferencesDialog(w.prefs, w).exec():
        w.files.author = w.prefs.author()
        w.rag_panel.save_timer.set_pause(w.prefs.commentary_delay_ms)
        if w.services is not None:
            w.services.set_author(w.files.author)


def _refresh_recent(w) -> None:
    menu = w.recent_menu
    menu.clear()
    for i, path in enumerate(w.prefs.recent_files):
        a = menu.addAction(f"&{i + 1} {path}")
        a.triggered.connect(lambda _c=False, p=path: w.file_actions.open_recent(p))
    menu.setEnabled(bool(w.prefs.recent_files))
