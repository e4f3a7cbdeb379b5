"""The bulk entry path: every row checked first, then one transaction and one undo."""

from __future__ import annotations

import pytest

from app.domain import ValidationError, Value, ValueStatus
from app.indicator_service import FigureEntry
from app.periods import Period


@pytest.fixture
def two(services):
    plan = services.plans.create_plan("P")
    node = services.plans.add_node(plan.id, None, "Outcome")
    pct = services.indicators.create_indicator("Breastfed", node_id=node.id, unit="percent",
                                               period_type="fy")
    count = services.indicators.create_indicator("Referrals", node_id=node.id, unit="count",
                                                 period_type="fy")
    return pct.id, count.id


def test_rows_of_several_indicators_land_in_one_transaction(services, two, store):
    pct, count = two
    services.indicators.set_value(pct, "fy:2018", 50)
    log_before = len(store.changes())
    done = services.indicators.enter_many([
        FigureEntry(pct, "fy:2018", "59.1%", row="row 2"),
        FigureEntry(pct, "fy:2019", "nya: Nov 2020", row="row 3"),
        FigureEntry(count, "fy:2018", "1,992", note="from the return", row="row 4"),
    ], summary="Import")
    vals = {(v.indicator_id, v.period): v for v in store.find(Value)}
    assert vals[(pct, "fy:2018")].value == 59.1
    assert vals[(pct, "fy:2019")].status is ValueStatus.NOT_YET_AVAILABLE
    assert vals[(count, "fy:2018")].value == 1992 and vals[(count, "fy:2018")].note == (
        "from the return")
    assert [before.value if before else None for _, before in done] == [50, None, None]
    summaries = {c.summary for c in store.changes()[: len(store.changes()) - log_before]}
    assert summaries == {"Import"}
    services.indicators.restore_many(done)
    vals = {(v.indicator_id, v.period): v.value for v in store.find(Value)}
    assert vals == {(pct, "fy:2018"): 50}


def test_every_bad_row_is_named_and_nothing_is_written(services, two, store, plan_file):
    pct, count = two
    before = store.count(Value)
    with pytest.raises(ValidationError) as err:
        services.indicators.enter_many([
            FigureEntry(pct, "fy:2018", "59.1%", row="row 2"),
            FigureEntry(pct, "fy:2019", "120%", row="row 3"),
            FigureEntry(count, "fy:2018", "-4", row="row 4"),
            FigureEntry(count, "fy:2019", None, note="a note", row="row 5"),
            FigureEntry("no-such-indicator", "fy:2019", "3", row="row 6"),
        ])
    message = str(err.value)
    for row in ("row 3", "row 4", "row 5", "row 6"):
        assert row in message
    assert "row 2" not in message
    assert "above 100" in message and "no figure to add the note to" in message
    assert store.count(Value) == before


def test_a_note_may_follow_its_figure_in_the_same_paste(services, two, store):
    pct, _ = two
    services.indicators.enter_many([FigureEntry(pct, "fy:2018", "12%"),
                                    FigureEntry(pct, "fy:2018", None, note="provisional")])
    [v] = store.find(Value)
    assert (v.value, v.note) == (12, "provisional")


def test_a_period_twice_in_one_go_keeps_the_later_row_and_undo_restores(services, two, store):
    pct, count = two
    services.indicators.set_value(count, "fy:2018", 7)
    done = services.indicators.enter_many([
        FigureEntry(count, "fy:2018", "8", row="row 2"),
        FigureEntry(count, "fy:2019", "10", row="row 3"),
        FigureEntry(count, "fy:2018", "9", note="second thoughts", row="row 4"),
        FigureEntry(count, "fy:2019", "-", row="row 5"),
    ])
    vals = {v.period: (v.value, v.note) for v in store.find(Value, indicator_id=count)}
    assert vals == {"fy:2018": (9, "second thoughts")}
    services.indicators.restore_many(done)
    vals = {v.period: v.value for v in store.find(Value, indicator_id=count)}
    assert vals == {"fy:2018": 7}


def test_bulk_entry_reads_no_row_again_per_figure(services, store):
    """Changing n figures issues the same number of SELECTs for 3 figures as for 60: the
    bulk path reads the periods once, then writes in executemany batches."""
    plan = services.plans.create_plan("P")
    node = services.plans.add_node(plan.id, None, "Outcome")
    ind = services.indicators.create_indicator("Referrals", node_id=node.id, unit="count",
                                               period_type="m").id
    periods = [Period.month(2019, m).key for m in range(1, 13)] + [
        Period.month(2020, m).key for m in range(1, 13)]

    def selects_to_change(n: int, offset: int) -> int:
        rows = [FigureEntry(ind, periods[i % 24], str(i + offset), breakdown=f"area {i // 24}")
                for i in range(n)]
        services.indicators.enter_many(rows)  # new figures
        seen: list[str] = []
        store.file.connection.set_trace_callback(seen.append)
        try:
            services.indicators.enter_many(
                [FigureEntry(e.indicator_id, e.period, str(int(e.text) + 1), note="checked",
                             breakdown=e.breakdown) for e in rows])  # every one changed
        finally:
            store.file.connection.set_trace_callback(None)
        return sum(1 for sql in seen if sql.lstrip().upper().startswith("SELECT"))

    few, many = selects_to_change(3, 0), selects_to_change(60, 1000)
    assert few == many
    changed = store.find(Value, indicator_id=ind)
    assert len(changed) == 60 and all(v.note == "checked" for v in changed)
    log = [c for c in store.changes() if c.action == "update"]
    assert len(log) == 3 + 3 + 60  # the 60 "new" rows change the first 3 already there
    assert {tuple(sorted(c.before)) for c in log} == {("note", "raw_text", "value"),
                                                      ("raw_text", "value")}
    assert all(c.after["value"] != c.before["value"] for c in log)
