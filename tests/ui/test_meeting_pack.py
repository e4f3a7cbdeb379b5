"""The chair's pack and what is due, in the window, used as a chair and an officer would."""

from __future__ import annotations

import re
from datetime import date

from grid_support import cell, type_in
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from app.domain import Indicator

WHEN = r"\d\d/\d\d/\d{4} \d\d:\d\d (GMT|BST)"


def rows(tree) -> list[str]:
    """Every row's text, depth first."""
    out: list[str] = []

    def walk(item) -> None:
        out.append(item.text(0))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return out


def find(tree, starts: str):
    """The first row whose text starts with `starts`."""
    found = tree.findItems(starts, Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive)
    assert found, f"no row starting {starts!r}"
    return found[0]


def click(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(item).center())


def the_314(w) -> Indicator:
    plan = w.meeting.plan_id
    return next(i for i in w.services.store.find(Indicator, ref="3.14") if i.plan_id == plan)


def test_a_new_figure_and_commentary_for_314_reach_the_pack(qtbot, sample_window, tmp_path):
    w = sample_window
    s = w.services
    w.select_meeting(date(2019, 3, 21))
    june = s.assessments.add_meeting(w.meeting.plan_id, date(2019, 6, 20),
                                     "Children's Trust Board")
    w.changes.meetings.emit(june.id)  # as the meeting editor announces a new meeting
    assert w.meeting.id == june.id
    ind = the_314(w)
    who_when = re.escape(s.author) + ", " + WHEN

    QTest.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    pane = w.meeting_pack
    qtbot.waitUntil(pane.isVisible)
    assert "since the meeting on 21/03/2019" in pane.heading.text()
    # What is due: the fourth quarter's figure is overdue; clicking it goes to 3.14.
    pane.tabs.setCurrentIndex(1)
    owed = find(pane.due_tree, "3.14 Reduce the number of looked after children")
    assert "Q4 2018/19, overdue" in owed.text(0)
    click(qtbot, pane.due_tree, owed)
    assert w.current_item().id == ind.id

    # The officer types the figure in the grid and the commentary in the RAG note.
    panel = w.indicator_panel
    type_in(qtbot, panel, cell(panel, "Q4 2018/19"), "801")
    assert s.indicators.value_at(ind.id, "fq:2018Q4").value == 801
    w.rag_panel.save_timer.set_pause(50)
    w.rag_panel.commentary.setFocus()
    QTest.keyClicks(w.rag_panel.commentary, "A placements panel now meets weekly.")

    def commentary() -> str:
        a = s.assessments.assessment(june.id, ind.id)
        return a.commentary if a else ""

    qtbot.waitUntil(lambda: commentary() == "A placements panel now meets weekly.")

    # The pack follows the edits: 3.14 with its rating and its figure change.
    pane.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: {"Latest: 801 (Q4 2018/19) against at most 672 for Q4 2018/19",
                             "A placements panel now meets weekly."} <= set(rows(pane.pack_tree)))
    item = find(pane.pack_tree, "3.14 Reduce the number of looked after children")
    assert item.text(0).endswith(": R")
    detail = [item.child(i).text(0) for i in range(item.childCount())]
    assert detail[0] == "Latest: 801 (Q4 2018/19) against at most 672 for Q4 2018/19"
    assert detail[1].startswith("Red: 801 against a target of at most 672")
    assert any(re.fullmatch(rf"Changed: Q4 2018/19: 801 added \({who_when}\)", line)
               for line in detail), detail
    assert detail[-1] == "A placements panel now meets weekly."
    # The due list no longer lists it.
    assert not any(t.startswith("3.14 ") for t in rows(pane.due_tree))
    # The changes name who and when.
    texts = rows(pane.pack_tree)
    assert any(re.fullmatch(rf"3\.14 .*: commentary rewritten \({who_when}\)", t)
               for t in texts), texts
    assert any(re.fullmatch(rf"3\.14 .*: Q4 2018/19: 801 added \({who_when}\)", t)
               for t in texts)

    # Clicking the item in the pack selects it in the tree.
    w.select_ref("1.1b")
    click(qtbot, pane.pack_tree, item)
    assert w.current_item().id == ind.id

    # The pack prints as the brief.
    out = tmp_path / "brief.pdf"
    pane.save_path = lambda suggested: out
    qtbot.mouseClick(pane.brief_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and pane.job is None, timeout=20000)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "A placements panel now meets weekly." in text and "801" in text


def test_a_leads_list_copies_for_a_chaser(qtbot, sample_window):
    w = sample_window
    w.select_meeting(date(2019, 3, 21))
    w.acts["meeting_pack"].trigger()
    pane = w.meeting_pack
    qtbot.waitUntil(pane.isVisible)
    pane.tabs.setCurrentIndex(1)
    assert not pane.copy_button.isEnabled()
    lead = find(pane.due_tree, "5 outstanding, 0 of 5 arrived: Oxfordshire Domestic Abuse")
    click(qtbot, pane.due_tree, lead)
    assert pane.copy_button.isEnabled()
    qtbot.mouseClick(pane.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Figures due from Oxfordshire Domestic Abuse Strategic Board for "
                             "the meeting on 21/03/2019:\n- BSafe-A1 ")
    assert copied.count("\n- ") == 5


def test_no_meeting_chosen_says_how_to_choose_one(qtbot, sample_window):
    w = sample_window
    w.select_meeting(None)
    w.acts["meeting_pack"].trigger()
    pane = w.meeting_pack
    qtbot.waitUntil(pane.isVisible)
    assert "Choose a meeting" in pane.heading.text()
    assert pane.pack_tree.topLevelItemCount() == 0
    assert not pane.brief_button.isEnabled()


def test_the_trees_changed_filter_follows_the_meetings_changes(qtbot, sample_window):
    from ui.tree_model import Role

    w = sample_window
    w.select_meeting(date(2019, 3, 21))
    box = w.filter_bar.changed_only
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    shown: set[str] = set()

    def walk(parent) -> None:
        for r in range(w.proxy.rowCount(parent)):
            idx = w.proxy.index(r, 0, parent)
            if idx.data(Role.KIND) == "indicator":
                shown.add(idx.data(Role.ID))
            walk(idx)

    walk(w.proxy.index(-1, -1))
    changes = w.services.pack.changes(w.meeting)
    # The nine ratings recorded in March and 3.14's December figure: the same rule.
    assert shown == {c.subject_id for _title, found in changes.sections() for c in found}
    assert len(shown) == 9 and the_314(w).id in shown
