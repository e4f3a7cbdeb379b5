"""The read layer: one roll-up, the board's rating as recorded, and everyone agreeing."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from app import paths
from app.cli import PlanFiles, main
from app.domain import RAG, Assessment, Indicator, Node, TargetOperator
from app.read_model import Rollup, override_words
from app.report.model import build_report_model
from app.report.options import ReportOptions

DATA = Path(__file__).parent / "data"


@pytest.fixture
def sample(tmp_path):
    copy = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), copy)
    services = PlanFiles(author="Test Officer").open(copy)
    yield services
    services.close()


def _plan(services, short):
    return next(p for p in services.plans.plans() if p.short_name == short)


def _meeting(services, day):
    return next(m for m in services.assessments.meetings() if m.held_on == day)


def _indicator(services, plan_id, ref):
    return next(i for i in services.indicators.indicators(plan_id) if i.ref == ref)


def test_rollup_rule():
    r = Rollup.of([RAG.GREEN, RAG.GREY, RAG.AMBER, RAG.GREY])
    assert r.worst is RAG.AMBER and r.total == 4
    assert r.text() == "1A 1G 2" + RAG.GREY.letter
    assert r.rating().explanation == ("Amber: the worst rating of its indicators "
                                      "(1 Amber, 1 Green, 2 Grey).")
    assert Rollup.of([RAG.GREY, RAG.GREY]).worst is RAG.GREY
    assert Rollup.of([]).rating().explanation == "Grey: no indicators are rated here."
    assert Rollup.of([RAG.BLUE, RAG.GREY]).worst is RAG.BLUE


def test_priority_bs_at_march_2019(sample):
    """Each indicator below counts once at its shown rating: the board's where it assessed
    it at the meeting, else automatic. BS is Red, not Grey."""
    plan = _plan(sample, "CYPP 2018-23")
    march = _meeting(sample, date(2019, 3, 21))
    bs = next(n for n in sample.plans.children(plan.id, None) if n.ref == "BS")
    r = sample.read.rollup(bs.id, march)
    assert (r.counts[RAG.RED], r.counts[RAG.AMBER], r.counts[RAG.GREEN]) == (2, 3, 0)
    assert r.counts[RAG.GREY] == 12 and r.worst is RAG.RED
    # the service records against the same roll-up: Red is accepted without a reason
    a = sample.assessments.assess(march.id, bs.id, recorded_rag="R")
    assert a.auto_rag is RAG.RED and not a.is_override


def test_every_node_agrees_with_info_and_the_service(sample, capsys):
    """At every sample meeting: the service's node rating, the read model's roll-up and
    `boardpack info`'s per-priority counts are the same numbers."""
    plan = _plan(sample, "CYPP 2018-23")
    meetings = sample.assessments.meetings(plan.id)
    assert len(meetings) == 4
    for m in meetings:
        view = sample.read.plan_view(plan.id, m)
        for node in view.outline.nodes.values():
            mine = view.rollup(node.id)
            assert sample.read.rollup(node.id, m) == mine
            auto = sample.assessments._auto(node.id, m)[1]
            assert auto.rag is mine.worst and auto.explanation == mine.rating().explanation
        assert main(["info", str(sample.store.path), "--meeting", m.held_on.isoformat()]) == 0
        out = capsys.readouterr().out
        section = out[out.index(f"Plan: {plan.title}"):]
        for node in view.outline.children[None]:
            line = next(ln for ln in section.splitlines()
                        if ln.strip().startswith(f"{node.ref} {node.title}"[:48]))
            shown = line.split("|")[2]
            counts = view.rollup(node.id).counts
            for r in (RAG.RED, RAG.AMBER, RAG.GREEN, RAG.BLUE, RAG.GREY):
                assert f"{r.letter}={counts[r]}" in shown


def test_report_summary_shows_the_same_ratings(sample):
    plan = _plan(sample, "CYPP 2018-23")
    march = _meeting(sample, date(2019, 3, 21))
    view = sample.read.plan_view(plan.id, march)
    model = build_report_model(sample, meeting_id=march.id,
                               options=ReportOptions(summary=True, include_green=True))
    rows = {r.indicator_id: r for r in model.summary}
    assert rows
    for ind_id, row in rows.items():
        snap = view.snapshots[ind_id]
        assert row.rag == snap.shown.value
        assert bool(row.automatic) == snap.is_override


def test_the_board_rating_survives_a_corrected_figure(sample):
    """After the migration every assessment keeps the letter the board gave, so changing
    3.14's Q3 figure leaves the recorded Red at March 2019 untouched."""
    plan = _plan(sample, "CYPP 2018-23")
    march = _meeting(sample, date(2019, 3, 21))
    lac = _indicator(sample, plan.id, "3.14")
    before = sample.assessments.assessment(march.id, lac.id)
    assert before.recorded_rag is RAG.RED
    q3 = next(v for v in sample.indicators.values(lac.id) if v.value == 794)
    sample.indicators.set_value(lac.id, q3.period, 600)
    snap = sample.read.snapshot(lac.id, march)
    assert snap.rating.rag is RAG.GREEN  # the corrected figure meets the target
    assert snap.shown is RAG.RED and snap.assessment.recorded_rag is RAG.RED
    # shown beside what the figures give now, and said why, wherever the rating is shown
    assert snap.shown_label == "R (automatic G)" and snap.differs and not snap.is_override
    assert override_words(snap.assessment, snap.rating.rag) == (
        "The board recorded Red, the automatic rating then; the figures now give Green.")
    assert sample.assessments.assessment(march.id, lac.id).recorded_rag is RAG.RED
    # editing the commentary keeps the board's decision and the rating it was shown
    a = sample.assessments.assess(march.id, lac.id, commentary="Reviewed again.")
    assert a.recorded_rag is RAG.RED and a.auto_rag is before.auto_rag


def test_an_override_shows_automatic_and_reason_in_info_and_report(sample, capsys):
    plan = _plan(sample, "CYPP 2018-23")
    march = _meeting(sample, date(2019, 3, 21))
    lac = _indicator(sample, plan.id, "3.14")
    sample.assessments.assess(march.id, lac.id, recorded_rag="A",
                              override_reason="Numbers are rising nationally")
    snap = sample.read.snapshot(lac.id, march)
    assert snap.shown_label == "A (automatic R)"
    assert main(["info", str(sample.store.path), "--meeting", "2019-03-21"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("3.14"))
    assert "A (automatic R): Numbers are rising nationally" in line
    model = build_report_model(sample, meeting_id=march.id,
                               options=ReportOptions(summary=True))
    row = next(r for r in model.summary if r.indicator_id == lac.id)
    assert (row.rag, row.automatic) == ("A", "R")
    assert row.board_note == ("The board recorded Amber (automatic Red): "
                              "Numbers are rising nationally")


def test_migration_keeps_the_board_rating_and_moves_builder_remarks(tmp_path):
    """A release 0.1 file (its sample's 2018-23 plan): every assessment gets the letter the
    board gave (its automatic one where none differed), after a backup; the builder's
    remark becomes a note."""
    old = tmp_path / "old.boardpack"
    shutil.copyfile(DATA / "release-0.1-cypp-2018-23-schema-2.boardpack", old)
    import sqlite3

    conn = sqlite3.connect(old)
    before = conn.execute("SELECT id, auto_rag, recorded_rag, override_reason "
                          "FROM assessments").fetchall()
    conn.close()
    assert any(r[2] is None for r in before)
    assert any(r[3].startswith("As the board recorded it;") for r in before)
    services = PlanFiles(author="Test Officer").open(old)
    try:
        after = {a.id: a for a in services.store.find(Assessment)}
        for id_, auto, recorded, reason in before:
            a = after[id_]
            assert a.recorded_rag == (recorded or auto)
            if reason.startswith("As the board recorded it;"):
                assert a.override_reason == "" and a.note == reason
            else:
                assert a.override_reason == reason
    finally:
        services.close()
    backups = list((tmp_path / ".boardpack-backups").glob("old.*before-migration*"))
    assert backups


def test_one_snapshot_serves_rating_direction_and_chart(sample):
    plan = _plan(sample, "CYPP 2018-23")
    lac = _indicator(sample, plan.id, "3.14")
    snap = sample.read.snapshot(lac.id, None)
    assert snap.rating is snap.rating and snap.chart() is snap.chart()
    assert snap.chart().rag == snap.rating.rag.value


def test_outline_inherits_lead_and_lists_indicators_below_once(sample):
    plan = _plan(sample, "CYPP 2010-13")
    outline = sample.read.outline(plan.id)
    counts = Counter(outline.indicators_below(None))
    assert counts and max(counts.values()) == 1
    child = next(n for n in outline.nodes.values()
                 if not n.lead_organisation and outline.lead(n.id))
    value, ancestor = outline.inherited_from(child.id, "lead_organisation")
    assert value == outline.lead(child.id) == ancestor.lead_organisation
    assert sample.store.count(Node, plan_id=plan.id) == len(outline.nodes)
    assert {i.id for i in outline.plan_indicators()} == {
        i.id for i in sample.store.find(Indicator, plan_id=plan.id)}


def test_all_outlines_at_once_are_the_outlines_one_by_one(sample):
    plans = sample.plans.plans()
    together = sample.read.outlines()
    assert list(together) == [p.id for p in plans]  # the tree's order of plans
    for plan in plans:
        alone, both = sample.read.outline(plan.id), together[plan.id]
        assert both.plan == alone.plan
        assert both.nodes == alone.nodes
        assert both.children == alone.children
        assert both.links == alone.links
        assert list(both.indicators.items()) == list(alone.indicators.items())
        assert both.indicators_below(None) == alone.indicators_below(None)


def test_all_outlines_pass_over_the_nodes_of_a_missing_plan(tmp_path):
    """A plan row lost to damage (the file's foreign keys bypassed): its nodes are left out,
    as the one-by-one outlines leave them, and the other plans still load."""
    import sqlite3

    copy = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), copy)
    with sqlite3.connect(copy) as conn:  # foreign keys are off in a bare connection
        lost = conn.execute("SELECT id FROM plans ORDER BY position LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM plans WHERE id = ?", (lost,))
    services = PlanFiles(author="Test Officer").open(copy, read_only=True)
    try:
        together = services.read.outlines()
        assert lost not in together and len(together) == 2
        for plan_id, outline in together.items():
            assert outline.nodes == services.read.outline(plan_id).nodes
    finally:
        services.close()


def test_an_override_without_a_reason_is_kept_pending(services):
    plan = services.plans.create_plan("P")
    node = services.plans.add_node(plan.id, None, "Outcome")
    ind = services.indicators.create_indicator("Looked after", node_id=node.id,
                                               unit="count", polarity="lower")
    services.indicators.set_value(ind.id, "fq:2018Q3", 794)
    services.indicators.add_target(ind.id, "fq:2018Q4", TargetOperator.AT_MOST, 672)
    m = services.assessments.add_meeting(plan.id, date(2019, 3, 21))
    a = services.assessments.assess(m.id, ind.id, commentary="x")
    assert a.recorded_rag is RAG.RED and a.auto_rag is RAG.RED
    a = services.assessments.assess(m.id, ind.id, recorded_rag="G")
    assert a.recorded_rag is RAG.GREEN and a.reason_pending
    a = services.assessments.assess(m.id, ind.id, commentary="y")  # the rating stays
    assert a.recorded_rag is RAG.GREEN and a.reason_pending
    a = services.assessments.assess(m.id, ind.id, recorded_rag="")
    assert a.recorded_rag is RAG.RED and not a.is_override


def test_newest_marker_shows_the_indicator_rating_and_unchanged_figures_are_not_rerated(
        sample, monkeypatch):
    from app import rag

    plan = _plan(sample, "CYPP 2018-23")
    ind = _indicator(sample, plan.id, "3.14")
    sample.indicators.set_value(ind.id, "fq:2018Q4", 780)
    before = sample.read.snapshot(ind.id, None)
    chart = before.chart()
    assert len(chart.actuals) == 3
    assert chart.actuals[-1].rag == before.rating.rag.value  # chart and tree agree

    calls = []
    real = rag.rate
    monkeypatch.setattr(rag, "rate", lambda *a, **k: calls.append(a) or real(*a, **k))
    middle = chart.actuals[1]
    sample.indicators.set_value(ind.id, middle.period, middle.value + 1)
    after = sample.read.snapshot(ind.id, None)
    after.keep_figure_ratings(before)
    after.chart()
    assert len(calls) == 2  # the indicator's rating, and the one figure typed
