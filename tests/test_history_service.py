"""What the window reads through the services instead of the store: an item's history, what
changed since a meeting, the author, Save a Copy As, and whether the plan is closed."""

from datetime import date, timedelta

import pytest

from app.periods import Period
from app.services import Services
from db import store as db_store


@pytest.fixture
def plan(services):
    plan = services.plans.create_plan("CYPP 2018-23", short_name="CYPP")
    safe = services.plans.add_node(plan.id, None, "Be Safe", kind="priority", ref="3")
    outcome = services.plans.add_node(plan.id, safe.id, "Have a place to feel safe", ref="10")
    other = services.plans.add_node(plan.id, safe.id, "Be protected from abuse", ref="9")
    lac = services.indicators.create_indicator(
        "Reduce the number of looked after children", node_id=outcome.id, ref="3.14",
        unit="count", polarity="lower", period_type="m")
    services.indicators.set_value(lac.id, Period.month(2018, 9), 764)
    target = services.indicators.add_target(lac.id, Period.month(2019, 3), "at_most", 672)
    value = services.indicators.values(lac.id)[0]
    return dict(plan=plan, outcome=outcome, other=other, lac=lac, value=value, target=target)


def test_an_indicators_history_has_its_figures_targets_and_links(services, plan):
    lac = plan["lac"].id
    changes = services.history.changes_of("indicator", lac)
    rows = {(c.table, c.row_id) for c in changes}
    assert ("indicators", lac) in rows
    assert ("indicator_values", plan["value"].id) in rows
    assert ("targets", plan["target"].id) in rows
    assert any(c.table == "indicator_links" for c in changes)
    assert [c.seq for c in changes] == sorted((c.seq for c in changes), reverse=True)
    other = services.history.changes_of("node", plan["other"].id)
    assert {c.row_id for c in other} == {plan["other"].id}
    assert len(services.history.changes_of("indicator", lac, limit=2)) == 2


def test_changed_since_a_meeting_names_the_items_the_changes_are_about(services, plan):
    march = services.assessments.add_meeting(plan["plan"].id, date(2019, 3, 21))
    changed = services.history.changed_since_meeting(march)
    # The plan's first meeting sees September's figure as new; the tree's rows are named,
    # not the figures' own rows. The items were added (today) after the meeting's day:
    # those edits belong to the plan's next meeting.
    assert plan["lac"].id in changed
    assert plan["value"].id not in changed
    assert plan["other"].id not in changed
    later = services.assessments.add_meeting(plan["plan"].id, date.today() + timedelta(days=7))
    assert {plan["outcome"].id, plan["other"].id, plan["lac"].id} <= \
        services.history.changed_since_meeting(later)


def test_changed_compares_the_meetings_views_not_edit_times(services, plan):
    """The same rule as the chair's pack: a figure counts for the meeting its period (and
    publication lag) falls before; the tree's filter follows it."""
    pid, lac = plan["plan"].id, plan["lac"].id
    services.assessments.add_meeting(pid, date(2019, 3, 21))
    june = services.assessments.add_meeting(pid, date(2019, 6, 20))
    services.indicators.set_value(lac, Period.month(2019, 5), 780)
    assert lac in services.history.changed_since_meeting(june)
    figures = services.pack.changes(june).figures
    assert [(f.period, f.kind, f.new) for f in figures] == [("May-19", "added", "780")]
    # March sees September's figure as June does: not a change in June's view.
    assert "Sep-18" not in {f.period for f in figures}
    # None, the latest figures: as if the plan met today, since its latest meeting (June),
    # whose view July's figure is not in.
    services.indicators.set_value(lac, Period.month(2019, 7), 781)
    assert lac in services.history.changed_since_meeting(None)
    assert "Jul-19" not in {f.period for f in services.pack.changes(june).figures}


def test_with_no_meeting_everything_changed_counts(services, plan):
    assert plan["lac"].id in services.history.changed_since_meeting(None)


def test_the_author_of_later_edits(services, plan):
    assert services.author == "Test Officer"
    services.set_author("")
    assert services.author == "Test Officer"
    services.set_author("Jo Bloggs")
    services.plans.add_node(plan["plan"].id, None, "Be Healthy", ref="4")
    assert services.store.changes(limit=1)[0].author == "Jo Bloggs"


def test_save_a_copy_and_closed(services, plan, tmp_path):
    copy = tmp_path / "copy.boardpack"
    services.save_copy(copy)
    opened = Services.over(db_store.open_store(copy, read_only=True))
    try:
        assert [p.title for p in opened.plans.plans()] == ["CYPP 2018-23"]
        assert opened.indicators.values(plan["lac"].id)[0].value == 764
    finally:
        opened.close()
    assert opened.closed
    assert not services.closed
