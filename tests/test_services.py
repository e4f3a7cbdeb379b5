"""The services: validation that writes nothing, edits, moves, links, deletes and undo."""

import hashlib
from datetime import date

import pytest

from app.domain import (
    RAG,
    IndicatorLink,
    Node,
    NodeKind,
    TargetOperator,
    ValidationError,
    Value,
)
from app.periods import Period
from app.report import issue_report


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plan(services):
    plan = services.plans.create_plan("CYPP 2018-23", short_name="CYPP")
    safe = services.plans.add_node(plan.id, None, "Be Safe", kind="priority", ref="3",
                                   lead_organisation="County Council")
    outcome = services.plans.add_node(plan.id, safe.id, "Have a place to feel safe", ref="10")
    other = services.plans.add_node(plan.id, safe.id, "Be protected from abuse", ref="9")
    lac = services.indicators.create_indicator(
        "Reduce the number of looked after children", node_id=outcome.id, ref="3.14",
        unit="count", polarity="lower", period_type="m")
    return dict(plan=plan, safe=safe, outcome=outcome, other=other, lac=lac)


def test_validation_error_leaves_the_file_unchanged(services, plan):
    path = services.store.path
    before = digest(path)
    log = len(services.store.changes())
    bad_calls = [
        lambda: services.plans.add_node(plan["plan"].id, None, "   "),
        lambda: services.plans.add_node(plan["plan"].id, None, "x", kind="chapter"),
        lambda: services.plans.move_node(plan["safe"].id, plan["outcome"].id, 0),
        lambda: services.indicators.set_value(plan["lac"].id, "m:2018-09", -4),
        lambda: services.indicators.set_value(plan["lac"].id, "not a period", 4),
        lambda: services.indicators.edit_indicator(plan["lac"].id, unit="furlongs"),
        lambda: services.indicators.add_target(plan["lac"].id, "fy:2018", "band", 1, value_high=0),
        lambda: services.plans.edit_plan(plan["plan"].id, period_start=date(2020, 1, 1),
                                         period_end=date(2019, 1, 1)),
    ]
    for call in bad_calls:
        with pytest.raises(ValidationError) as err:
            call()
        message = str(err.value)
        assert (message[0].isupper() or message[0] == "'") and message.endswith("."), message
    assert digest(path) == before
    assert len(services.store.changes()) == log


def test_child_kind_is_sensible(services, plan):
    assert plan["outcome"].kind is NodeKind.OUTCOME
    action = services.plans.add_node(plan["plan"].id, plan["outcome"].id, "Review placements")
    assert action.kind is NodeKind.ACTION


def test_inherited_fields(services, plan):
    assert services.plans.effective(plan["outcome"].id, "lead_organisation") == "County Council"
    value, source = services.plans.inherited(plan["outcome"].id)["lead_organisation"]
    assert source.id == plan["safe"].id


def test_move_and_move_back(services, plan):
    moved = services.plans.move_node(plan["other"].id, plan["safe"].id, 0)
    refs = [n.ref for n in services.plans.children(plan["plan"].id, plan["safe"].id)]
    assert refs == ["9", "10"]
    services.plans.move_node(moved.node_id, moved.old_parent_id, moved.old_position)
    refs = [n.ref for n in services.plans.children(plan["plan"].id, plan["safe"].id)]
    assert refs == ["10", "9"]


def test_cannot_move_inside_itself(services, plan):
    with pytest.raises(ValidationError, match="inside itself"):
        services.plans.move_node(plan["safe"].id, plan["outcome"].id, 0)


def test_unlink_keeps_the_indicator_and_delete_takes_its_figures(services, plan):
    ind, lac = services.indicators, plan["lac"]
    ind.link(lac.id, plan["other"].id)
    ind.set_value(lac.id, "m:2018-09", 764)
    link = ind.unlink(lac.id, plan["outcome"].id)
    assert ind.indicator(lac.id) and ind.values(lac.id)
    assert [lk.node_id for lk in ind.links_of_indicator(lac.id)] == [plan["other"].id]
    ind.relink(link)
    assert len(ind.links_of_indicator(lac.id)) == 2
    assert "2 place(s)" in ind.describe_delete(lac.id)
    removed = ind.delete_indicator(lac.id)
    assert services.store.count(Value) == 0 and services.store.count(IndicatorLink) == 0
    ind.restore(removed)
    assert ind.values(lac.id)[0].value == 764
    assert len(ind.links_of_indicator(lac.id)) == 2


def test_delete_node_and_restore(services, plan):
    services.indicators.set_value(plan["lac"].id, "m:2018-12", 794)
    text = services.plans.describe_delete(plan["safe"].id)
    assert "2 item(s) below it" in text and "1 indicator(s)" in text
    removed = services.plans.delete_node(plan["safe"].id)
    assert services.store.count(Node) == 0
    services.plans.restore(removed)
    assert services.store.count(Node) == 3
    assert services.indicators.values(plan["lac"].id)[0].value == 794


def test_set_value_returns_previous_for_undo(services, plan):
    lac = plan["lac"].id
    assert services.indicators.set_value(lac, "m:2018-09", 764) is None
    previous = services.indicators.set_value(lac, "m:2018-09", 765)
    assert previous.value == 764
    services.indicators.restore_value(lac, "m:2018-09", "", previous)
    assert services.indicators.value_at(lac, "m:2018-09").value == 764


def test_enter_text_understands_printed_figures(services, plan):
    lac = plan["lac"].id
    services.indicators.enter_text(lac, "m:2018-09", "1,992")
    assert services.indicators.value_at(lac, "m:2018-09").value == 1992
    services.indicators.enter_text(lac, "m:2018-10", "nya: Nov 2018")
    v = services.indicators.value_at(lac, "m:2018-10")
    assert v.value is None and v.status.value == "nya" and v.expected


def test_revised_target_keeps_history(services, plan):
    lac = plan["lac"].id
    first = services.indicators.add_target(lac, "m:2019-03", TargetOperator.AT_MOST, 700)
    second = services.indicators.add_target(lac, "m:2019-03", TargetOperator.AT_MOST, 672)
    assert [t.id for t in services.indicators.targets(lac)] == [second.id]
    history = services.indicators.targets(lac, include_superseded=True)
    assert {t.id for t in history} == {first.id, second.id}


def test_assessment_override_keeps_a_pending_reason_and_copy_forward(services, plan):
    lac = plan["lac"].id
    services.indicators.set_value(lac, "m:2018-12", 794)
    services.indicators.add_target(lac, "m:2019-03", TargetOperator.AT_MOST, 672)
    march = services.assessments.add_meeting(plan["plan"].id, date(2019, 3, 21), "CTB")
    june = services.assessments.add_meeting(plan["plan"].id, date(2019, 6, 20), "CTB")
    a = services.assessments.assess(march.id, lac, commentary="Each case reviewed.")
    assert a.auto_rag is RAG.RED and a.rag is RAG.RED
    assert "794" in a.auto_rule and "672" in a.auto_rule
    pending = services.assessments.assess(march.id, lac, recorded_rag="A")
    assert pending.rag is RAG.AMBER and pending.reason_pending  # kept, never dropped
    assert services.assessments.pending_reasons([march.id, june.id]) == [pending]
    a = services.assessments.assess(march.id, lac, recorded_rag="A",
                                    override_reason="Numbers rising nationally")
    assert a.rag is RAG.AMBER and a.auto_rag is RAG.RED and not a.reason_pending
    assert services.assessments.pending_reasons([march.id]) == []
    copied = services.assessments.copy_forward(june.id, lac)
    assert copied.commentary == "Each case reviewed."
    assert [m.held_on for m, _ in services.assessments.history(lac)] == [
        date(2019, 6, 20), date(2019, 3, 21)]
    status = services.assessments.status(services.indicators.indicator(lac), march)
    assert status.shown is RAG.AMBER and not status.needs_commentary


def test_change_log_names_the_author(services, plan):
    log = services.store.changes(row_ids=[plan["lac"].id])
    assert log[-1].action == "insert" and log[-1].author == "Test Officer"


def test_period_labels_in_summaries(services, plan):
    services.indicators.set_value(plan["lac"].id, Period.month(2018, 9), 764)
    assert services.store.changes(limit=1)[0].summary.endswith("Sep-18")


def test_undo_of_a_delete_puts_back_a_chain_of_revised_targets(services, plan):
    lac = plan["lac"].id
    for value in (700, 690, 672):
        services.indicators.add_target(lac, "fy:2018", TargetOperator.AT_MOST, value)
    chain = {t.value: t.superseded_by for t in
             services.indicators.targets(lac, include_superseded=True)}
    removed = services.indicators.delete_indicator(lac)
    services.indicators.restore(removed)
    assert {t.value: t.superseded_by for t in
            services.indicators.targets(lac, include_superseded=True)} == chain
    removed = services.plans.delete_node(plan["safe"].id)
    services.plans.restore(removed)
    assert [t.value for t in services.indicators.targets(lac)] == [672]


@pytest.mark.parametrize("call", [
    lambda s, p: s.indicators.add_target(p["lac"].id, "fy:2018", "at_most", "abc"),
    lambda s, p: s.indicators.add_target(p["lac"].id, "fy:2018", "band", 1, value_high="x"),
    lambda s, p: s.indicators.edit_indicator(p["lac"].id, decimals="x"),
    lambda s, p: s.indicators.edit_indicator(p["lac"].id, decimals=2.5),
    lambda s, p: s.indicators.edit_indicator(p["lac"].id, tolerance="x"),
    lambda s, p: s.indicators.edit_indicator(p["lac"].id, tolerance=float("nan")),
    lambda s, p: s.indicators.edit_indicator(p["lac"].id, rate_base="ten"),
    lambda s, p: s.indicators.set_comparator(p["lac"].id, "england", "fy:2018", "x"),
    lambda s, p: s.plans.edit_plan(p["plan"].id, period_start="the spring"),
    lambda s, p: s.plans.edit_plan(p["plan"].id, status="nonsense"),
    lambda s, p: s.assessments.add_meeting(p["plan"].id, "garbage"),
    lambda s, p: s.reports.create_report(p["plan"].id, "Report", report_date="soon"),
    lambda s, p: s.reports.create_report(p["plan"].id, "Report", meeting_ids="abc"),
])
def test_bad_values_are_refused_with_a_message_and_nothing_written(services, plan, call):
    before = len(services.store.changes())
    with pytest.raises(ValidationError):
        call(services, plan)
    assert len(services.store.changes()) == before
    services.plans.plans()  # everything still reads
    services.assessments.meetings()
    services.reports.reports()


def test_meeting_dates_are_checked_on_edit(services, plan):
    a = services.assessments.add_meeting(plan["plan"].id, "2019-03-21")
    b = services.assessments.add_meeting(plan["plan"].id, date(2019, 6, 20))
    assert a.held_on == date(2019, 3, 21)
    with pytest.raises(ValidationError, match="already a meeting"):
        services.assessments.edit_meeting(b.id, held_on="21/03/2019")
    with pytest.raises(ValidationError, match="must be a date"):
        services.assessments.edit_meeting(b.id, held_on="garbage")


def test_a_meeting_assesses_only_its_own_plans_items(services, plan):
    other = services.plans.create_plan("CYPP 2010-13")
    meeting = services.assessments.add_meeting(other.id, date(2010, 6, 1))
    with pytest.raises(ValidationError, match="belongs to another plan"):
        services.assessments.assess(meeting.id, plan["lac"].id, commentary="wrong plan")
    assert services.assessments.assessments_at(meeting.id) == []


def test_delete_meeting_takes_its_assessments_and_restores(services, plan):
    meeting = services.assessments.add_meeting(plan["plan"].id, date(2019, 3, 21))
    services.assessments.assess(meeting.id, plan["lac"].id, commentary="Reviewed.")
    removed = services.assessments.delete_meeting(meeting.id)
    assert services.assessments.meetings() == []
    services.plans.restore(removed)
    assert services.assessments.assessment(meeting.id, plan["lac"].id).commentary == "Reviewed."
    services.reports.create_report(plan["plan"].id, "Report", meeting_ids=[meeting.id])
    with pytest.raises(ValidationError, match="covers the meeting"):
        services.assessments.delete_meeting(meeting.id)


def test_delete_plan_takes_everything_and_restore_puts_it_back(services, plan):
    s = services
    lac = plan["lac"].id
    s.indicators.enter_text(lac, "m:2018-09", "764")
    s.indicators.add_target(lac, "m:2019-03", "at_most", 700)
    s.indicators.add_target(lac, "m:2019-03", "at_most", 672)
    meeting = s.assessments.add_meeting(plan["plan"].id, date(2019, 3, 21))
    s.assessments.assess(meeting.id, lac, commentary="Reviewed.")
    s.reports.create_report(plan["plan"].id, "Report", meeting_ids=[meeting.id])
    other = s.plans.create_plan("Successor plan")
    removed = s.plans.delete_plan(plan["plan"].id)
    assert [p.id for p in s.plans.plans()] == [other.id]
    assert s.store.count(Node) == 0 and s.store.count(Value) == 0
    s.plans.restore(removed)
    assert {p.title for p in s.plans.plans()} == {"CYPP 2018-23", "Successor plan"}
    assert [n.ref for n in s.plans.children(plan["plan"].id, plan["safe"].id)] == ["10", "9"]
    assert s.assessments.assessment(meeting.id, lac).commentary == "Reviewed."
    assert [t.value for t in s.indicators.targets(lac)] == [672]
    assert s.reports.reports(plan["plan"].id)


def test_a_plan_with_an_issued_report_cannot_be_deleted(services, plan):
    report = services.reports.create_report(plan["plan"].id, "Report")
    issue_report(services, report.id)
    with pytest.raises(ValidationError, match="issued report"):
        services.plans.delete_plan(plan["plan"].id)
