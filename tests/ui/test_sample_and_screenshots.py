"""The window on the bundled sample plan, and the screenshot script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app import paths
from app.cli import PlanFiles
from app.domain import RAG

ROOT = Path(__file__).resolve().parents[2]
needs_sample = pytest.mark.skipif(not paths.bundled_sample().exists(),
                                  reason="the bundled sample plan is not built yet")


@needs_sample
def test_the_chart_follows_the_meeting(sample_window):
    w = sample_window
    w.select_meeting(date(2019, 3, 21))
    assert w.select_ref("3.14")
    assert w.indicator_panel.as_of == date(2019, 3, 21)
    w.select_meeting(date(2018, 9, 20))
    assert w.current_item().kind == "indicator"
    assert w.indicator_panel.as_of == date(2018, 9, 20)
    assert w.indicator_panel.spec.rag == w.rag_panel.auto_rag.value
    w.select_meeting(None)
    assert w.indicator_panel.as_of is None
    assert w.indicator_panel.rating.text().startswith("Red: 794")


@needs_sample
def test_a_meeting_cannot_assess_another_plans_indicator(sample_window):
    w = sample_window
    w.select_meeting(date(2019, 3, 21))
    assert w.select_ref("NI 43") or w.select_key(next(
        k for k in w.model.keys() if k.startswith("ind:")
        and w.model.indicators[k.rsplit(":", 1)[1]].code == "NI 43"))
    assert not w.rag_panel.commentary.isEnabled()
    assert not w.rag_panel.warning.isVisible()
    assert "another plan" in w.rag_panel.status.text()
    w.filter_bar.set_rags({RAG.RED})
    w.apply_filters()
    plans = {w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount())}
    assert plans == {"CYPP 2018-23"}


@needs_sample
def test_sample_314_at_march_2019(sample_window):
    w = sample_window
    w.select_meeting(date(2019, 3, 21))
    assert w.select_ref("3.14")
    assert w.current_item().kind == "indicator"
    panel = w.rag_panel
    assert panel.auto_badge.text() == "R"
    assert panel.auto_text.text().startswith("Red: 794")
    assert panel.shown_rag().value == "R"
    assert panel.commentary.toPlainText().strip()


def test_first_start_opens_the_users_copy_of_the_sample(qtbot, monkeypatch, tmp_path):
    from ui.application import create_window, make_app

    make_app()
    files = PlanFiles()
    target = tmp_path / "user" / "Sample plan.boardpack"

    def ensure():
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            if paths.bundled_sample().exists():
                shutil.copyfile(paths.bundled_sample(), target)
            else:
                from demo_plan import make_demo_file

                make_demo_file(PlanFiles(), target)
        return target

    monkeypatch.setattr(files, "ensure_user_sample", ensure)
    from ui.preferences import Preferences

    Preferences().save()  # no recent files
    w = create_window(files, None)
    qtbot.addWidget(w)
    assert w.path == target.absolute()
    assert not w.services.read_only
    w.close()


def _distinct_colours(path: Path) -> int:
    img = QImage(str(path))
    assert not img.isNull()
    seen = set()
    for y in range(0, img.height(), 3):
        for x in range(0, img.width(), 3):
            seen.add(img.pixel(x, y))
    return len(seen)


def test_screenshots_are_not_blank(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py"),
                           str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    shots = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in shots] == ["filter-red.png", "main-indicator.png"]
    for shot in shots:
        img = QImage(str(shot))
        assert img.width() >= 1000 and img.height() >= 700
        assert _distinct_colours(shot) > 200, shot.name


@needs_sample
def test_the_chosen_meeting_is_remembered(qtbot, sample_window):
    from ui.application import create_window

    w = sample_window
    w.select_meeting(date(2018, 12, 20))
    path = w.path
    w.close()
    again = create_window(PlanFiles(), path)
    qtbot.addWidget(again)
    assert again.meeting is not None and again.meeting.held_on == date(2018, 12, 20)
    again.close()


@needs_sample
def test_tree_panel_and_service_agree_on_every_node_at_every_meeting(sample_window):
    """One roll-up rule: the tree's counts, the RAG panel's automatic rating and the
    service's (which decides whether a recorded rating needs a reason) are the same."""
    w = sample_window
    s = w.services
    plan = next(p for p in s.plans.plans() if p.short_name == "CYPP 2018-23")
    meetings = s.assessments.meetings(plan.id)
    assert len(meetings) == 4
    for m in meetings:
        w.select_meeting(m.held_on)
        w.ratings.ensure_all()
        outline = s.read.outline(plan.id)
        for node in outline.nodes.values():
            expected = s.read.rollup(node.id, m)
            assert w.model.rollup(node.id) == expected, (m.held_on, node.ref)
        for node in outline.children[None] + outline.children[outline.children[None][0].id]:
            assert w.select_key(f"node:{node.id}")
            expected = s.read.rollup(node.id, m)
            assert w.rag_panel.auto_rag is expected.worst, (m.held_on, node.ref)
            assert w.rag_panel.auto_text.text() == expected.rating().explanation
            rag_cell = w.tree.currentIndex().siblingAtColumn(2)
            assert rag_cell.data() == expected.text()
