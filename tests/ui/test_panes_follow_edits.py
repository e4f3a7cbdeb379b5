"""One change notification: every edit command, its undo and its redo update every pane
that shows the item (tree, detail form and heading, chart, figures grid, RAG note)."""

from __future__ import annotations

from dialog_support import retype, with_dialog
from grid_support import cell, paste, type_in
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from window_support import click_row

from ui.tree_model import Column, Role

ROW_COLUMNS = (Column.REF, Column.TITLE, Column.RAG, Column.LEAD)


def _tree_rows(w) -> str:
    """Every row of the tree, indented by depth: ref | title | rating | lead."""
    rows: list[str] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        for r in range(w.proxy.rowCount(parent)):
            idx = w.proxy.index(r, 0, parent)
            cells = (str(idx.siblingAtColumn(c).data() or "") for c in ROW_COLUMNS)
            rows.append("  " * depth + " | ".join(cells))
            walk(idx, depth + 1)

    walk(QModelIndex(), 0)
    return "\n".join(rows)


def _form_text(form, name: str) -> str:
    """A detail form field as the user sees it: its value, else the inherited placeholder."""
    field = form.widgets[name]
    return field.text() or field.placeholderText()


def _shown(w) -> dict[str, object]:
    """What each pane shows: the whole tree, the selected row, the detail form of the
    selected plan, item or indicator, its chart and figures, the RAG note, the meetings."""
    w.ratings.ensure_all()
    idx = w.tree.currentIndex()
    rag = w.rag_panel
    shown: dict[str, object] = {
        "tree rows": _tree_rows(w),
        "selected": idx.data(Role.KEY) if idx.isValid() else None,
        "tree title": idx.siblingAtColumn(Column.TITLE).data(),
        "tree rating": idx.siblingAtColumn(Column.RAG).data(),
        "tree lead": idx.siblingAtColumn(Column.LEAD).data(),
        "detail shows": w.detail.current,
        "RAG note heading": rag.heading.text(),
        "RAG note automatic": rag.auto_text.text(),
        "RAG note recorded": rag.recorded.currentData(),
        "RAG note commentary": rag.commentary.toPlainText(),
        "meetings": [w.meeting_combo.itemText(i) for i in range(w.meeting_combo.count())],
        "meeting": w.meeting_combo.currentText(),
    }
    kind = w.detail.current[0] if w.detail.current else None
    if kind == "plan":
        shown["detail title"] = _form_text(w.detail.plan_form, "title")
    elif kind == "node":
        form = w.detail.node_form
        shown["detail title"] = _form_text(form, "title")
        shown["detail lead"] = _form_text(form, "lead_organisation")
    elif kind == "indicator":
        panel = w.indicator_panel
        grid = panel.model
        figure_col = grid.column_of("figure")
        shown |= {
            "detail heading": w.detail.indicator_heading.text(),
            "detail title": w.detail.indicator_form.widgets["title"].text(),
            "chart title": panel.spec.title,
            "chart rating": panel.rating.text(),
            "chart figures": " ".join(p.text for p in panel.spec.actuals),
            "grid figures": " ".join(str(grid.index(r, figure_col).data() or "")
                                     for r in range(grid.rowCount())),
        }
    return shown


def _as_read_again(w) -> dict[str, object]:
    """What the panes show once the whole tree is read again from the file and the
    selection shown afresh: a pane that missed a change differs from this."""
    w._tree_changed()
    return _shown(w)


def _period_of(panel, figure: float) -> str:
    """The grid's period label of the row holding `figure`."""
    return next(r.label for r in panel.model.rows if r.value and r.value.value == figure)


def _check_round_trip(w, edit, changed: set[str], leaves=None, back=None,
                      redone_shows=None) -> None:
    """`edit()` changes at least the panes in `changed`; undo puts every pane back, redo
    brings the edit back, each without selecting anything again. After each step the
    panes agree with the file read afresh.

    An edit whose undo takes away the selected row (an added item) or whose edit does
    (a deletion) passes `leaves(shown)`, checking what the window shows instead, and
    `back()`, selecting the item again as the user would; redo then shows what
    `redone_shows` (else `leaves`) checks."""
    before = _shown(w)
    edit()
    after = _shown(w)
    moved = {k for k in before if before.get(k) != after.get(k)}
    assert changed <= moved, (changed - moved, before, after)
    assert after == _as_read_again(w)
    w.acts["undo"].trigger()
    undone = _shown(w)
    assert undone == _as_read_again(w)
    if leaves is not None and undone != before:
        assert undone["tree rows"] == before["tree rows"]
        leaves(undone)
        back()
        assert _shown(w) == before
    else:
        assert undone == before
    w.acts["redo"].trigger()
    redone = _shown(w)
    assert redone == _as_read_again(w)
    if leaves is not None and redone != after:
        assert redone["tree rows"] == after["tree rows"]
        (redone_shows or leaves)(redone)
    else:
        assert redone == after


def test_properties_rename_reaches_every_pane(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")

    def rename():
        dialog = w.indicator_panel.open_properties()
        dialog.title.setText("Children looked after (rate)")
        dialog.save()

    _check_round_trip(w, rename, {"tree title", "detail heading", "detail title",
                                  "chart title", "RAG note heading"})
    assert "Children looked after (rate)" in _shown(w)["RAG note heading"]


def test_typed_figure_reaches_every_pane(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")
    panel = w.indicator_panel
    label = _period_of(panel, 794)

    def type_figure():
        type_in(qtbot, panel, cell(panel, label), "600")

    _check_round_trip(w, type_figure, {"chart rating", "chart figures", "grid figures",
                                       "RAG note automatic"})
    assert _shown(w)["RAG note automatic"].startswith("Green")


def test_new_target_reaches_chart_grid_and_rating(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")

    def add_target():
        dialog = w.indicator_panel.open_properties()
        dialog.target_period.setText("Q3 2018/19")
        dialog.target_text.setText("at most 800")
        assert dialog.add_target()
        dialog.save()

    _check_round_trip(w, add_target, {"chart rating", "RAG note automatic"})


def test_board_rating_reaches_tree_and_note(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")
    panel = w.rag_panel

    def record_amber():
        panel.reason.setText("Numbers are rising nationally")
        panel.reason.setModified(True)
        panel.recorded.setCurrentIndex(panel.recorded.findData("A"))

    before = _shown(w)["tree rating"]
    _check_round_trip(w, record_amber, {"tree rating"})
    assert _shown(w)["tree rating"] == "A (automatic R)" and before == "R"


def _type_into_form(w, form, name: str, text: str) -> None:
    field = form.widgets[name]
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def _rows_of(shown: dict[str, object], ref: str) -> list[str]:
    """The tree rows showing `ref` (an indicator shows once under each of its items)."""
    return [r.strip() for r in str(shown["tree rows"]).splitlines()
            if r.strip().startswith(f"{ref} |")]


def _row_of(shown: dict[str, object], ref: str) -> str:
    return _rows_of(shown, ref)[0]


def test_node_title_typed_in_the_form_reaches_tree_and_note(qtbot, window):
    w = window
    click_row(qtbot, w, "10")

    def retitle():
        _type_into_form(w, w.detail.node_form, "title", "Feel safe and belong")

    _check_round_trip(w, retitle, {"tree rows", "tree title", "detail title",
                                   "RAG note heading"})
    assert _shown(w)["RAG note heading"].startswith("10 Feel safe and belong")


def test_lead_typed_in_the_form_reaches_the_items_below(qtbot, window):
    w = window
    click_row(qtbot, w, "BSafe")

    def new_lead():
        _type_into_form(w, w.detail.node_form, "lead_organisation", "Safeguarding Partnership")

    before = _shown(w)
    _check_round_trip(w, new_lead, {"tree rows", "tree lead", "detail lead"})
    after = _shown(w)
    # outcome 9 inherits the lead; the focus area sets its own
    assert "Safeguarding Partnership" in _row_of(after, "9")
    assert "Children's Social Care" in _row_of(before, "9")
    assert "Domestic Abuse Strategic Board" in _row_of(after, "BSafe-F18")
    click_row(qtbot, w, "9")
    assert "Safeguarding Partnership" in _shown(w)["detail lead"]


def test_plan_edit_reaches_tree_and_form(qtbot, window):
    w = window
    assert w.select_key(f"plan:{w.ids['plan']}")

    def retitle():
        _type_into_form(w, w.detail.plan_form, "title", "CYPP 2018-2023")

    _check_round_trip(w, retitle, {"detail title"})


def _close_title_editor(qtbot, w) -> None:
    """Adding opens the new row's title for typing: leave it as it is (Escape)."""
    qtbot.waitUntil(lambda: w.tree.state() == w.tree.State.EditingState)
    QTest.keyClick(w.tree.focusWidget() or w.tree, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.tree.state() != w.tree.State.EditingState)


def _shows_node(ref: str):
    def check(shown: dict[str, object]) -> None:
        assert shown["detail shows"][0] == "node"
        assert str(shown["tree title"]) in str(shown["RAG note heading"])
        assert str(shown["RAG note heading"]).startswith(f"{ref} ")
    return check


def test_added_child_and_sibling_reach_tree_form_and_note(qtbot, window):
    w = window
    for action, parent in (("add_child", "10"), ("add_sibling", "BSafe")):
        click_row(qtbot, w, "10")

        def add():
            w.acts[action].trigger()  # noqa: B023 (called at once)
            _close_title_editor(qtbot, w)

        # undo takes the new row away: its parent is shown
        _check_round_trip(w, add, {"tree rows", "selected", "detail title",
                                   "RAG note heading"},
                          leaves=_shows_node(parent), back=lambda: click_row(qtbot, w, "10"),
                          redone_shows=_shows_node("10"))
        assert "New outcome" in str(_shown(w)["tree rows"]) or action == "add_child"


def test_move_by_keys_reaches_the_tree_and_keeps_the_item_shown(qtbot, window):
    w = window
    click_row(qtbot, w, "9")
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right):  # down a place, then under 10

        def move():
            QTest.keyClick(w.tree, key, Qt.KeyboardModifier.ControlModifier)  # noqa: B023

        _check_round_trip(w, move, {"tree rows"})
        assert _shown(w)["selected"] == f"node:{w.ids['o9']}"


def test_deleted_item_leaves_every_pane_and_undo_brings_it_back(qtbot, window):
    w = window
    click_row(qtbot, w, "BSafe-F18")

    def delete():
        w.acts["delete"].trigger()

    _check_round_trip(w, delete, {"tree rows", "selected", "detail title", "RAG note heading"},
                      leaves=_shows_node("BSafe"), back=lambda: click_row(qtbot, w, "BSafe-F18"))
    assert "BSafe-F18" not in str(_shown(w)["tree rows"])
    _shows_node("BSafe")(_shown(w))


def _shows_indicator(ref: str):
    def check(shown: dict[str, object]) -> None:
        assert shown["detail shows"][0] == "indicator"
        assert str(shown["detail heading"]).startswith(f"{ref} ")
        assert str(shown["RAG note heading"]).startswith(f"{ref} ")
    return check


def test_linked_indicator_reaches_tree_and_panes(qtbot, window):
    w = window
    click_row(qtbot, w, "9")
    w.tree_actions.pick_indicator = lambda choices, under: w.ids["2.3"]

    def link():
        w.acts["link"].trigger()
        _shows_indicator("2.3")(_shown(w))

    # undo: the linked row goes and 9 stays shown; redo links it again under 9
    _check_round_trip(w, link, {"tree rows", "selected", "detail shows", "RAG note heading"},
                      leaves=_shows_node("9"), back=lambda: click_row(qtbot, w, "9"))
    assert len(_rows_of(_shown(w), "2.3")) == 2  # under 5, and now 9


def test_unlinked_indicator_leaves_its_item_and_undo_brings_it_back(qtbot, window):
    w = window
    click_row(qtbot, w, "2.2", parent_ref="6")

    def unlink():
        w.acts["delete"].trigger()

    _check_round_trip(w, unlink, {"tree rows", "selected", "detail shows", "RAG note heading"},
                      leaves=_shows_node("6"),
                      back=lambda: click_row(qtbot, w, "2.2", parent_ref="6"))
    assert len(_rows_of(_shown(w), "2.2")) == 1  # still under 5


def test_deleted_indicator_leaves_every_pane_and_undo_brings_it_back(qtbot, window):
    w = window
    click_row(qtbot, w, "3.5")

    def delete():
        w.acts["delete_indicator"].trigger()

    _check_round_trip(w, delete, {"tree rows", "selected", "detail shows", "RAG note heading"},
                      leaves=_shows_node("9"), back=lambda: click_row(qtbot, w, "3.5"))
    assert not _rows_of(_shown(w), "3.5")


def test_added_indicator_reaches_tree_and_panes(qtbot, window):
    from app.domain import Unit

    w = window
    click_row(qtbot, w, "10")
    w.tree_actions.ask_new_indicator = lambda under: (
        "Children placed more than 20 miles away", {"unit": Unit.COUNT, "polarity": "lower",
                                                   "period_type": "fq", "code": "",
                                                   "ref": "3.15", "rate_base": None})

    def add():
        w.acts["new_indicator"].trigger()
        _shows_indicator("3.15")(_shown(w))

    _check_round_trip(w, add, {"tree rows", "selected", "detail shows", "RAG note heading"},
                      leaves=_shows_node("10"), back=lambda: click_row(qtbot, w, "10"))


def test_added_meeting_reaches_the_combo_and_the_note(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")

    def june(dialog) -> None:
        assert dialog.plan.currentData() == w.ids["plan"]
        retype(qtbot, dialog.held_on.edit, "20/06/2019")
        qtbot.keyClick(dialog.held_on.edit, Qt.Key.Key_Return)

    def add():
        with_dialog(qtbot, w.acts["new_meeting"].trigger, june)

    _check_round_trip(w, add, {"meetings", "meeting", "RAG note heading"})
    assert "20 June 2019" in str(_shown(w)["RAG note heading"])


def test_commentary_reaches_the_note(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")
    panel = w.rag_panel

    def write():
        panel.commentary.setFocus()
        panel.commentary.selectAll()
        QTest.keyClicks(panel.commentary, "Placements reviewed monthly")
        panel.flush()

    _check_round_trip(w, write, {"RAG note commentary"})
    assert _shown(w)["RAG note commentary"] == "Placements reviewed monthly"


def test_copy_forward_reaches_the_note(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")
    panel = w.rag_panel

    def copy():
        qtbot.mouseClick(panel.copy_forward, Qt.MouseButton.LeftButton)

    _check_round_trip(w, copy, {"RAG note commentary"})
    assert _shown(w)["RAG note commentary"] == "Placement sufficiency strategy agreed."


def test_cleared_figure_reaches_chart_grid_and_rating(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")
    panel = w.indicator_panel
    label = _period_of(panel, 794)

    def clear():
        panel.grid.setCurrentIndex(cell(panel, label))
        panel.grid.setFocus()
        QTest.keyClick(panel.grid, Qt.Key.Key_Delete)

    _check_round_trip(w, clear, {"chart figures", "grid figures", "RAG note automatic"})
    assert "794" not in str(_shown(w)["chart figures"])


def test_ctrl_up_and_outdent_reach_the_tree(qtbot, window):
    w = window
    click_row(qtbot, w, "9")
    QTest.keyClick(w.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # under 10
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Up):  # out again, then up a place

        def move():
            QTest.keyClick(w.tree, key, Qt.KeyboardModifier.ControlModifier)  # noqa: B023

        _check_round_trip(w, move, {"tree rows"})
        assert _shown(w)["selected"] == f"node:{w.ids['o9']}"


def test_added_plan_reaches_tree_and_form(qtbot, window):
    w = window
    click_row(qtbot, w, "10")
    w.tree_actions.ask_plan_title = lambda: "CYPP 2024-27"

    def add_plan():
        w.acts["new_plan"].trigger()

    def shows_a_demo_item(shown):
        assert "CYPP 2024-27" not in str(shown["tree rows"])

    def shows_the_new_plan_beside_the_item(shown):  # redo leaves the selection alone
        assert "CYPP 2024-27" in str(shown["tree rows"])
        assert shown["selected"] == f"node:{w.ids['o10']}"

    _check_round_trip(w, add_plan, {"tree rows", "selected", "detail title"},
                      leaves=shows_a_demo_item, back=lambda: click_row(qtbot, w, "10"),
                      redone_shows=shows_the_new_plan_beside_the_item)
    assert "CYPP 2024-27" in str(_shown(w)["tree rows"])


def test_pasted_figure_rows_reach_chart_grid_and_rating(qtbot, window):
    w = window
    click_row(qtbot, w, "3.14")
    panel = w.indicator_panel
    label = _period_of(panel, 794)

    def paste_rows():
        paste(qtbot, panel, "600\n", cell(panel, label))

    _check_round_trip(w, paste_rows, {"chart figures", "grid figures", "RAG note automatic"})
    assert "600" in str(_shown(w)["grid figures"])


def test_imported_figures_reach_chart_grid_and_rating(qtbot, window, tmp_path):
    from ui.commands import perform
    from ui.figure_commands import ImportFigures

    w = window
    click_row(qtbot, w, "3.14")
    source = tmp_path / "return.csv"
    source.write_text("Indicator,Period,Value\n3.14,Dec 2018,600\n", encoding="utf-8")
    imports = w.services.imports
    sheet = imports.read(source)
    run = imports.dry_run(source, sheet, imports.mapping_for(source, sheet))
    assert run.can_commit, run.problems

    def import_figures():
        perform(w.undo_stack, ImportFigures(w.services, w.changes, run))

    _check_round_trip(w, import_figures, {"chart figures", "grid figures",
                                          "RAG note automatic"})
    assert "600" in str(_shown(w)["chart figures"])
