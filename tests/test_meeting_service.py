"""Meetings' papers deadline and agenda reference, and their actions and decisions: added,
edited, closed, reopened, moved and deleted through services.meetings, checked before
anything is written, carried forward to later meetings while open, and put back by undo."""

import hashlib
from datetime import UTC, date, datetime

import pytest

from app.domain import ActionKind, ActionStatus, MeetingAction, Question, ValidationError


@pytest.fixture
def board(services):
    plan = services.plans.create_plan("CYPP 2018-23", short_name="CYPP 2018-23",
                                      period_start=date(2018, 4, 1),
                                      period_end=date(2023, 3, 31))
    safe = services.plans.add_node(plan.id, None, "Be Safe", kind="priority", ref="3")
    a = services.assessments
    march = a.add_meeting(plan.id, date(2019, 3, 21), "Children's Trust Board")
    june = a.add_meeting(plan.id, date(2019, 6, 20), "Children's Trust Board")
    return dict(plan=plan, safe=safe, march=march, june=june)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def texts(actions):
    return [a.text for a in actions]


def test_meeting_keeps_its_papers_deadline_agenda_reference_and_focus(services, board):
    a = services.assessments
    m = a.add_meeting(board["plan"].id, "19/09/2019", " CTB ", focus_node_id=board["safe"].id,
                      papers_due="05/09/2019", agenda_ref=" Item 7 ", discussed="Be Safe")
    got = a.meeting(m.id)
    assert (got.papers_due, got.agenda_ref, got.title, got.focus_node_id, got.discussed) == (
        date(2019, 9, 5), "Item 7", "CTB", board["safe"].id, "Be Safe")
    a.edit_meeting(m.id, held_on="26/09/2019", papers_due=None, agenda_ref="Item 8")
    got = a.meeting(m.id)
    assert (got.held_on, got.papers_due, got.agenda_ref) == (date(2019, 9, 26), None, "Item 8")


def test_meeting_fields_are_checked_before_anything_is_written(services, board):
    a, plan = services.assessments, board["plan"]
    before, log = digest(services.store.path), len(services.store.changes())
    with pytest.raises(ValidationError, match="papers deadline .* is after the meeting"):
        a.add_meeting(plan.id, date(2019, 9, 19), papers_due=date(2019, 9, 20))
    with pytest.raises(ValidationError, match="papers deadline .* is after the meeting"):
        a.edit_meeting(board["march"].id, papers_due="22/03/2019")
    with pytest.raises(ValidationError, match="papers deadline"):
        a.edit_meeting(board["march"].id, papers_due="someday")
    with pytest.raises(ValidationError, match="agenda reference is too long"):
        a.add_meeting(plan.id, date(2019, 9, 19), agenda_ref="x" * 101)
    assert digest(services.store.path) == before and len(services.store.changes()) == log


def test_outside_the_plan_says_why(services, board):
    m = services.meetings
    assert m.outside_plan(board["plan"].id, date(2019, 6, 20)) == ""
    assert m.outside_plan(board["plan"].id, date(2023, 4, 1)) == (
        "Saturday 1 April 2023 is after CYPP 2018-23 ends (Friday 31 March 2023).")
    assert "is before CYPP 2018-23 starts" in m.outside_plan(board["plan"].id, date(2018, 1, 1))


def test_actions_are_added_in_order_edited_and_checked(services, board):
    m, march = services.meetings, board["march"]
    chase = m.add_action(march.id, " Chase the CCG's figures ", owner=" Head of Performance ",
                         due_on="30/04/2019")
    adopt = m.add_action(march.id, "Adopt the refreshed plan", kind="decision")
    first = m.add_action(march.id, "Thank the officers", position=0)
    assert texts(m.actions(march.id)) == ["Thank the officers", "Chase the CCG's figures",
                                          "Adopt the refreshed plan"]
    assert [a.position for a in m.actions(march.id)] == [0, 1, 2]
    assert (chase.owner, chase.due_on, chase.kind, adopt.kind) == (
        "Head of Performance", date(2019, 4, 30), ActionKind.ACTION, ActionKind.DECISION)
    m.edit_action(chase.id, owner="Assistant Director", due_on=None)
    assert (m.action(chase.id).owner, m.action(chase.id).due_on) == ("Assistant Director", None)
    before = len(services.store.changes())
    for call, problem in (
            (lambda: m.add_action(march.id, "   "), "Say what the action is"),
            (lambda: m.add_action(march.id, "x", due_on="01/03/2019"), "before the meeting"),
            (lambda: m.add_action(march.id, "x", due_on="31/02/2019"), "no day 31/02/2019"),
            (lambda: m.add_action(march.id, "x", owner="o" * 201), "owner is too long"),
            (lambda: m.add_action(march.id, "x", kind="wish"), "not a valid kind"),
            (lambda: m.add_action(march.id, "x" * 5001), "action is too long"),
            (lambda: m.edit_action(first.id, status="done"), "no field 'status'"),
            (lambda: m.close_action(adopt.id), "decision stands"),
            (lambda: m.close_action(chase.id, closed_on="01/01/2019"), "cannot be closed before"),
    ):
        with pytest.raises(ValidationError, match=problem):
            call()
    assert len(services.store.changes()) == before


def test_open_actions_carry_forward_until_closed_and_reopen(services, board):
    m, march, june = services.meetings, board["march"], board["june"]
    chase = m.add_action(march.id, "Chase the CCG's figures", owner="Head of Performance")
    refresh = m.add_action(march.id, "Refresh the JSNA")
    m.add_action(march.id, "Adopt the refreshed plan", kind=ActionKind.DECISION)
    report = m.add_action(june.id, "Report back on 3.14")
    assert texts(m.actions_at(june.id)) == ["Report back on 3.14", "Chase the CCG's figures",
                                            "Refresh the JSNA"]
    assert texts(m.actions_at(march.id)) == ["Chase the CCG's figures", "Refresh the JSNA",
                                             "Adopt the refreshed plan"]
    m.close_action(refresh.id, "dropped", closed_on=date(2019, 5, 1))
    assert texts(m.actions_at(june.id)) == ["Report back on 3.14", "Chase the CCG's figures"]
    done = m.close_action(chase.id, closed_on="20/06/2019")
    assert (done.status, done.closed_on) == (ActionStatus.DONE, date(2019, 6, 20))
    assert chase.id in [a.id for a in m.actions_at(june.id)]  # closed at June: shown there
    assert texts(m.open_actions(june.id)) == ["Report back on 3.14"]
    m.reopen_action(chase.id)
    assert m.action(chase.id).closed_on is None
    assert texts(m.open_actions(june.id)) == ["Report back on 3.14", "Chase the CCG's figures"]
    assert report.id not in [a.id for a in m.actions_at(march.id)]


def test_move_delete_and_restore_keep_the_order(services, board):
    m, march = services.meetings, board["march"]
    for text in ("one", "two", "three"):
        m.add_action(march.id, text)
    three = m.actions(march.id)[2]
    m.move_action(three.id, 0)
    assert texts(m.actions(march.id)) == ["three", "one", "two"]
    two = m.actions(march.id)[2]
    m.move_action(two.id, 1)
    assert texts(m.actions(march.id)) == ["three", "two", "one"]
    removed = m.delete_action(m.actions(march.id)[1].id)
    assert texts(m.actions(march.id)) == ["three", "one"]
    assert [a.position for a in m.actions(march.id)] == [0, 1]
    m.restore_action(removed)
    assert texts(m.actions(march.id)) == ["three", "two", "one"]
    assert [a.position for a in m.actions(march.id)] == [0, 1, 2]


def test_deleting_a_meeting_takes_its_actions_says_so_and_undo_puts_them_back(services, board):
    s, march = services, board["march"]
    s.meetings.add_action(march.id, "Chase the CCG's figures")
    s.meetings.add_action(march.id, "Done already")
    s.meetings.close_action(s.meetings.actions(march.id)[1].id, closed_on=date(2019, 4, 1))
    s.meetings.add_action(march.id, "Adopt the refreshed plan", kind="decision")
    s.assessments.assess(march.id, board["safe"].id, commentary="Reviewed.")
    question = Question(board["plan"].id, board["safe"].id, "node", "Why?",
                        asked_at=datetime(2019, 3, 1, tzinfo=UTC), meeting_id=march.id)
    with s.store.transaction("Ask"):
        s.store.insert(question)
    text = s.meetings.describe_delete(march.id)
    assert text == ("Delete the meeting of Thursday 21 March 2019 (Children's Trust Board)? "
                    "Its 1 assessment recorded at it, 2 actions (1 still open and carried "
                    "forward) and 1 decision go with it.")
    removed = s.assessments.delete_meeting(march.id)
    assert s.store.count(MeetingAction) == 0
    assert s.store.get(Question, question.id).meeting_id is None
    logged = {c.table for c in s.store.changes(limit=10)}
    assert {"meeting_actions", "questions", "meetings", "assessments"} <= logged
    s.plans.restore(removed)
    assert texts(s.meetings.actions(march.id)) == ["Chase the CCG's figures", "Done already",
                                                   "Adopt the refreshed plan"]
    assert s.store.get(Question, question.id).meeting_id == march.id
    assert s.assessments.assessment(march.id, board["safe"].id).commentary == "Reviewed."


def test_deleting_the_plan_takes_the_actions_and_restore_puts_them_back(services, board):
    s = services
    s.meetings.add_action(board["june"].id, "Report back on 3.14")
    removed = s.plans.delete_plan(board["plan"].id)
    assert s.store.count(MeetingAction) == 0
    s.plans.restore(removed)
    assert texts(s.meetings.actions(board["june"].id)) == ["Report back on 3.14"]
