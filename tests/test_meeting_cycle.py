"""Preparing a meeting: what is due, what changed since the previous meeting, the chair's
pack, and the `due`, `changes` and `brief` commands."""

import shutil
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from app import paths
from app.cli import PlanFiles, main
from app.domain import RAG, ActionKind, ActionStatus, Assessment, MeetingAction, Value
from app.meeting_due import DueState
from app.periods import Period

MARCH, DECEMBER = date(2019, 3, 21), date(2018, 12, 20)


@pytest.fixture
def sample(tmp_path):
    copy = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), copy)
    return copy


@pytest.fixture
def plan(services, monkeypatch):
    """A plan built (by the change log's clock) in November 2018, before both meetings."""
    from db import store as db_store

    with monkeypatch.context() as m:
        m.setattr(db_store, "_now", lambda: "2018-11-01T09:00:00.000")
        return _build(services)


def _build(services):
    s = services
    plan = s.plans.create_plan("CYPP 2018-23", short_name="CYPP")
    safe = s.plans.add_node(plan.id, None, "Be Safe", kind="priority", ref="3",
                            lead_organisation="Children's Social Care")
    outcome = s.plans.add_node(plan.id, safe.id, "Have a place to feel safe", ref="10")
    healthy = s.plans.add_node(plan.id, None, "Be Healthy", kind="priority", ref="1")
    lac = s.indicators.create_indicator(
        "Looked after children", node_id=outcome.id, ref="3.14", unit="count",
        polarity="lower", period_type="fq", frequency="quarterly", publication_lag_days=30)
    camhs = s.indicators.create_indicator(
        "First CAMHS appointment within 12 weeks", node_id=healthy.id, ref="1.1b",
        unit="percent", polarity="higher", period_type="m", frequency="monthly")
    survey = s.indicators.create_indicator(
        "Young people's survey", node_id=healthy.id, ref="1.9", unit="percent",
        period_type="fy", frequency="ad hoc")
    s.indicators.set_value(lac.id, Period.quarter(2018, 2), 764)
    s.indicators.add_target(lac.id, Period.quarter(2018, 4), "at_most", 672)
    s.indicators.set_value(camhs.id, Period.month(2019, 1), 70)
    s.indicators.add_target(camhs.id, Period.month(2018, 12), "at_least", 75)
    december = s.assessments.add_meeting(plan.id, DECEMBER)
    march = s.assessments.add_meeting(plan.id, MARCH)
    return dict(plan=plan, safe=safe, outcome=outcome, healthy=healthy, lac=lac, camhs=camhs,
                survey=survey, december=december, march=march)


# -- what is due -------------------------------------------------------------------------


def test_what_is_due_by_lead_with_the_grace_period(services, plan):
    due = services.pack.due(plan["march"])
    assert due.leads() == ["Children's Social Care", "No lead"]
    (lac,) = due.figures["Children's Social Care"]
    # Q3 2018/19 ended 31/12/2018 and is published 30 days on: overdue by 21 March.
    assert (lac.period.label, lac.state, lac.published) == (
        "Q3 2018/19", DueState.MISSING, date(2019, 1, 30))
    (camhs,) = due.figures["No lead"]  # the ad hoc survey owes nothing
    assert (camhs.period.label, camhs.state) == ("Feb-19", DueState.MISSING)
    # Within the grace period, a figure is awaited rather than late.
    assert services.pack.due(plan["march"], grace_days=30).figures["No lead"][0].state \
        is DueState.AWAITED
    services.indicators.set_value(plan["camhs"].id, Period.month(2019, 2), 72)
    camhs = services.pack.due(plan["march"]).figures["No lead"][0]
    assert camhs.state is DueState.ARRIVED and camhs.figure.value == 72
    assert [f.indicator.ref for f in services.pack.due(plan["march"]).missing()] == ["3.14"]


def test_targets_falling_due_and_targets_run_out(services, plan):
    due = services.pack.due(plan["march"])
    # 1.1b's December target fell due between the meetings; 3.14's March one not yet.
    assert [(t.ref, t.target.period) for t in due.targets] == [("1.1b", "m:2018-12")]
    # 1.1b's January figure has no target due then or later: its targets ran out.
    assert [r.ref for r in due.ran_out] == ["1.1b"]
    assert "no target due then or later" in due.ran_out[0].explanation


def test_a_leads_list_copies_as_text_for_a_chaser(services, plan):
    due = services.pack.due(plan["march"])
    text = due.lead_text("Children's Social Care")
    assert text.startswith("Figures due from Children's Social Care for the meeting on "
                           "21/03/2019:")
    assert "- 3.14 Looked after children: Q3 2018/19, overdue (published 30/01/2019)" in text
    services.indicators.set_value(plan["lac"].id, Period.quarter(2018, 3), 794)
    assert "has arrived" in services.pack.due(plan["march"]).lead_text(
        "Children's Social Care")


def test_data_returns_ask_for_what_is_due(services, plan):
    from app.returns.due import due_rows

    outline = services.read.outline(plan["plan"].id)
    ids = [i.id for i in outline.plan_indicators()]
    rows = due_rows(outline, plan["march"], services.store.find_in(Value, "indicator_id", ids),
                    [])
    asked = {(r.ref, r.period.label) for lead in rows.values() for r in lead}
    due = services.pack.due(plan["march"])
    assert asked == {(f.ref, f.period.label) for lead in due.leads() for f in due.figures[lead]}


# -- what changed --------------------------------------------------------------------------


def test_figures_added_between_the_meetings_by_period_and_lag(services, plan):
    s, lac = services, plan["lac"].id
    s.indicators.set_value(lac, Period.quarter(2018, 3), 794)  # published 30/01/2019
    s.indicators.set_value(lac, Period.quarter(2018, 4), 700)  # published 30/04/2019
    figures = s.pack.changes(plan["march"]).figures
    lac_figures = [(f.period, f.kind, f.new) for f in figures if f.indicator.id == lac]
    assert lac_figures == [("Q3 2018/19", "added", "794")]
    # December already saw Q2 (published 30/11/2018).
    assert "Q2 2018/19" not in {f.period for f in figures}


def test_a_figure_revised_since_the_earlier_meeting_shows_old_and_new(services, plan):
    s, lac = services, plan["lac"].id
    june = s.assessments.add_meeting(plan["plan"].id, date.today() + timedelta(days=30))
    s.set_author("Jo Bloggs")
    s.indicators.set_value(lac, Period.quarter(2018, 2), 766)
    s.indicators.set_value(lac, Period.quarter(2018, 2), 768)
    (revised,) = [f for f in s.pack.changes(june).figures if f.period == "Q2 2018/19"]
    assert (revised.kind, revised.old, revised.new) == ("revised", "764", "768")
    assert revised.who.author == "Jo Bloggs"
    assert revised.who.words().startswith("Jo Bloggs, ") and revised.who.words()[-3:] in (
        "GMT", "BST")
    assert "revised 764 → 768 (Jo Bloggs, " in s.pack.changes(june).text()
    s.indicators.clear_value(lac, Period.quarter(2018, 2))
    (gone,) = [f for f in s.pack.changes(june).figures if f.period == "Q2 2018/19"]
    assert (gone.kind, gone.old, gone.new) == ("withdrawn", "768", None)


def test_ratings_and_commentary_compared_with_the_previous_meeting(services, plan):
    s, lac, camhs = services, plan["lac"].id, plan["camhs"].id
    s.assessments.assess(plan["december"].id, lac, recorded_rag="A", override_reason="Q2 trend",
                         commentary="Placements reviewed.")
    s.assessments.assess(plan["march"].id, lac, recorded_rag="R", override_reason="rising",
                         commentary="Placements reviewed again.")
    s.assessments.assess(plan["march"].id, camhs, recorded_rag="A", commentary="New team.")
    changes = s.pack.changes(plan["march"])
    by_ref = {r.ref: r for r in changes.ratings}
    assert (by_ref["3.14"].before, by_ref["3.14"].after, by_ref["3.14"].recorded) == (
        RAG.AMBER, RAG.RED, True)
    assert [r.ref for r in changes.new_red_amber] == ["1.1b"]
    assert [r.ref for r in changes.moved] == ["3.14"]
    assert {(c.ref, c.kind) for c in changes.commentary} == {("3.14", "rewritten"),
                                                             ("1.1b", "written")}


def test_a_meeting_being_prepared_compares_the_automatic_ratings(services, plan):
    s = services
    coming = s.assessments.add_meeting(plan["plan"].id, date(2019, 6, 20))
    s.indicators.set_value(plan["lac"].id, Period.quarter(2018, 4), 794)
    changes = s.pack.changes(coming)
    (lac,) = [r for r in changes.ratings if r.ref == "3.14"]
    assert (lac.before, lac.after, lac.recorded) == (None, RAG.RED, False)
    assert "automatic, not yet recorded" in lac.line()


def test_items_added_moved_and_removed_by_edits_in_the_window(services, plan):
    s = services
    coming = s.assessments.add_meeting(plan["plan"].id, date.today() + timedelta(days=30))
    s.plans.add_node(plan["plan"].id, plan["safe"].id, "Be protected", ref="9")
    s.plans.move_node(plan["outcome"].id, plan["healthy"].id, 0)
    gone = s.plans.add_node(plan["plan"].id, None, "Draft", ref="X")
    s.plans.delete_node(gone.id)
    items = {(i.ref, i.what) for i in s.pack.changes(coming).items}
    assert ("9", "item added under 3 Be Safe") in items
    assert ("10", "item moved from 3 Be Safe to 1 Be Healthy") in items
    assert not any(ref == "X" for ref, _what in items)  # added and removed again
    # March's window ended on its day: none of today's edits are March's.
    assert s.pack.changes(plan["march"]).items == []


def test_targets_changed_in_the_window(services, plan):
    s = services
    coming = s.assessments.add_meeting(plan["plan"].id, date.today() + timedelta(days=30))
    s.indicators.add_target(plan["lac"].id, Period.quarter(2018, 4), "at_most", 650)
    lines = [t.line() for t in s.pack.changes(coming).targets if t.ref == "3.14"]
    assert any("target set: at most 650 for Q4 2018/19" in line for line in lines)
    assert any("target replaced: at most 672 for Q4 2018/19" in line for line in lines)


# -- the pack -----------------------------------------------------------------------------


def test_the_pack_lists_red_and_amber_with_figures_rating_and_commentary(services, plan):
    s, lac = services, plan["lac"].id
    s.indicators.set_value(lac, Period.quarter(2018, 3), 794)
    s.assessments.assess(plan["march"].id, lac, recorded_rag="A", override_reason="improving")
    pack = s.pack.pack(plan["march"])
    (item,) = [i for i in pack.items if i.ref == "3.14"]
    assert item.latest == "794 (Q3 2018/19)"
    assert item.target == "at most 672 for Q4 2018/19"
    assert item.rating == "A (automatic R)" and "improving" in item.board
    assert item.commentary_missing and "Commentary missing" in "\n".join(item.lines())
    assert [c.period for c in item.changes] == ["Q3 2018/19"]
    assert [f.indicator.ref for f in pack.overdue] == ["1.1b"]


def test_the_pack_reads_the_open_actions(services, plan):
    s = services
    with s.store.transaction("Actions"):
        s.store.insert(MeetingAction(plan["december"].id, "Review placements", owner="DCS"))
        s.store.insert(MeetingAction(plan["december"].id, "Closed one",
                                     status=ActionStatus.DONE, closed_on=date(2019, 1, 5)))
        s.store.insert(MeetingAction(plan["march"].id, "Agreed the plan",
                                     kind=ActionKind.DECISION))
    actions = s.pack.pack(plan["march"]).actions
    assert [a.text for a in actions] == ["Review placements"]


# -- the commands -------------------------------------------------------------------------


def _sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("  ") and current is not None:
            out[current].append(line.strip())
        elif ": " in line and not line.startswith(" "):
            current = line.rsplit(": ", 1)[0]
            out[current] = []
    return out


def test_changes_on_the_sample_at_21_march_2019(sample, capsys):
    assert main(["changes", str(sample), "--meeting", "21 March 2019"]) == 0
    sections = _sections(capsys.readouterr().out)
    services = PlanFiles().open(sample, read_only=True)
    try:
        march = services.pack.meeting_on(MARCH)
        december = services.pack.previous(march)
        assert december.held_on == DECEMBER
        assert services.store.find(Assessment, meeting_id=december.id) == []
        recorded = services.store.find(Assessment, meeting_id=march.id)
        outline = services.read.outline(march.plan_id)
        indicators = {i.id: i for i in outline.plan_indicators()}
        # Independently: every figure whose period (and lag) ends between the meetings.
        known = {}
        for v in services.store.find_in(Value, "indicator_id", list(indicators)):
            ind = indicators[v.indicator_id]
            end = Period.from_key(v.period).end + timedelta(days=ind.publication_lag_days)
            if DECEMBER < end <= MARCH:
                known[(ind.id, v.period, v.breakdown)] = ind
    finally:
        services.close()
    new = sections["New Reds and Ambers"]
    assert len(recorded) == 9 and len(new) == 9
    assert sum("not rated → Red (recorded" in line for line in new) == 4
    assert sum("not rated → Amber (recorded" in line for line in new) == 5
    for a in recorded:
        ref = indicators[a.subject_id].ref
        assert sum(line.startswith(f"{ref} ") for line in new) == 1
    assert sections["Ratings that moved"] == []
    figures = sections["Figures added or revised"]
    assert known and len(figures) == len(known)
    for (_id, period, _breakdown), ind in known.items():
        label = Period.from_key(period).label
        assert sum(line.startswith(f"{ind.ref} ") and f": {label}" in line
                   for line in figures) == 1
    assert any(line.startswith("3.14 ") and "794 by December added" in line for line in figures)


def test_due_and_brief_on_the_sample(sample, tmp_path, capsys):
    assert main(["due", str(sample), "--meeting", "2019-03-21"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("What is due for the meeting on 21/03/2019")
    assert "Oxfordshire Domestic Abuse Strategic Board: 0 of 5 figure(s) arrived" in out
    pdf = tmp_path / "brief.pdf"
    assert main(["brief", str(sample), "--meeting", "21/03/2019", "--plan", "CYPP 2018-23",
                 "-o", str(pdf)]) == 0
    assert "Wrote the brief" in capsys.readouterr().out
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert text.index("1. Red and Amber items") < text.index("2. Figures overdue") \
        < text.index("3. What changed since the previous meeting") < text.index(
            "4. Open actions")
    assert "3.14" in text and "Commentary missing" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf", "sample.boardpack"]


def test_a_date_with_no_meeting_or_an_unknown_plan_is_an_error(sample, capsys):
    assert main(["changes", str(sample), "--meeting", "22/03/2019"]) == 2
    assert "There is no meeting on 22/03/2019" in capsys.readouterr().err
    assert main(["due", str(sample), "--meeting", "21/03/2019", "--plan", "CYPP 1999"]) == 2
    assert "no plan called 'CYPP 1999'" in capsys.readouterr().err
