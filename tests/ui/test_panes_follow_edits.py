"""One change notification: every edit command, its undo and its redo update every pane
that shows the item (tree, detail form and heading, chart, figures grid, RAG note)."""

from __future__ import annotations

from grid_support import cell, type_in
from window_support import click_row

from ui.tree_model import Column


def _shown(w) -> dict[str, str]:
    """What each pane shows of the selected indicator."""
    idx = w.tree.currentIndex()
    grid = w.indicator_panel.model
    figure_col = grid.column_of("figure")
    return {
        "tree title": idx.siblingAtColumn(Column.TITLE).data(),
        "tree rating": idx.siblingAtColumn(Column.RAG).data(),
        "detail heading": w.detail.indicator_heading.text(),
        "detail title": w.detail.indicator_form.widgets["title"].text(),
        "chart title": w.indicator_panel.spec.title,
        "chart rating": w.indicator_panel.rating.text(),
        "chart figures": " ".join(p.text for p in w.indicator_panel.spec.actuals),
        "grid figures": " ".join(str(grid.index(r, figure_col).data() or "")
                                 for r in range(grid.rowCount())),
        "RAG note heading": w.rag_panel.heading.text(),
        "RAG note automatic": w.rag_panel.auto_text.text(),
    }


def _check_round_trip(w, edit, changed: set[str]) -> None:
    """`edit()` changes exactly the panes in `changed`; undo puts every pane back, redo
    brings the edit back, each without selecting anything again."""
    before = _shown(w)
    edit()
    after = _shown(w)
    moved = {k for k in before if before[k] != after[k]}
    assert changed <= moved, (changed - moved, before, after)
    w.acts["undo"].trigger()
    assert _shown(w) == before
    w.acts["redo"].trigger()
    assert _shown(w) == after


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
    label = next(r.label for r in panel.model.rows if r.value and r.value.value == 794)

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
