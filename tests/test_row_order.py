"""Rows come back in an order of their own columns, never SQLite's rowid: the same after
VACUUM and after the rows are stored in the opposite physical order."""

import sqlite3
from datetime import date

import pytest

from app.domain import (
    Assessment,
    Comparator,
    Indicator,
    IndicatorLink,
    Meeting,
    Node,
    Plan,
    Report,
    Target,
    Value,
)
from app.services import Services
from db import store as db_store
from db.records import TABLES


@pytest.fixture
def plan_path(tmp_path):
    """A plan with ties a rowid order would break: nodes and links at the same position,
    two targets for one period, two reports on one day, figures of one period."""
    path = tmp_path / "order.boardpack"
    s = Services.over(db_store.create(path, author="Test Officer"))
    b = s.plans.create_plan("B plan")
    with s.store.transaction():
        s.store.insert(Plan(title="A plan", position=b.position))  # same position as B
    safe = s.plans.add_node(b.id, None, "Be Safe", ref="BS")
    healthy = s.plans.add_node(b.id, None, "Be Healthy", ref="BH")
    for parent in (healthy, safe):
        s.plans.add_node(b.id, parent.id, f"{parent.ref} first", ref=f"{parent.ref}.1")
        s.plans.add_node(b.id, parent.id, f"{parent.ref} second", ref=f"{parent.ref}.2")
    lac, nee, cin, ks2 = (s.indicators.create_indicator(title, code="NI 70", plan_id=b.id)
                          for title in ("Looked after", "NEET", "Children in need", "KS2"))
    for ind in (lac, nee, cin):
        s.indicators.link(ind.id, safe.id)
    s.indicators.unlink(nee.id, safe.id)
    s.indicators.link(ks2.id, safe.id)  # after CIN, though a count would give CIN's position
    s.indicators.link(cin.id, healthy.id)
    s.indicators.add_target(lac.id, "fy:2018", "at_most", 700, set_on=date(2018, 3, 1))
    s.indicators.add_target(lac.id, "fy:2018", "at_most", 672, set_on=date(2018, 6, 1))
    for ind in (ks2, lac, cin):
        s.indicators.set_value(ind.id, "fy:2018", 10)
        s.indicators.set_comparator(ind.id, "england", "fy:2018", 5)
    march = s.assessments.add_meeting(b.id, date(2019, 3, 21), "March")
    s.assessments.add_meeting(b.id, date(2019, 6, 20), "June")
    for subject in (lac.id, safe.id, cin.id):
        s.assessments.assess(march.id, subject, commentary="noted")
    s.reports.create_report(b.id, "To the Health and Wellbeing Board", report_date=date(2019, 5, 1))
    s.reports.create_report(b.id, "To the Schools Forum", report_date=date(2019, 5, 1))
    s.close()
    return path


def read_all(path) -> dict[str, list[str]]:
    s = db_store.open_store(path, read_only=True)
    try:
        return {TABLES[cls]: [r.id for r in s.find(cls)] for cls in TABLES}
    finally:
        s.close()


def physical_ids(path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY rowid")]
    finally:
        conn.close()


def reverse_physical_order(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN")
        for table in TABLES.values():
            conn.execute(f"CREATE TEMP TABLE copy AS SELECT * FROM {table} ORDER BY rowid DESC")
            conn.execute(f"DELETE FROM {table}")
            conn.execute(f"INSERT INTO {table} SELECT * FROM copy")
            conn.execute("DROP TABLE copy")
        conn.execute("COMMIT")
    finally:
        conn.close()


def titles(path, cls) -> list[str]:
    s = db_store.open_store(path, read_only=True)
    try:
        return [r.title for r in s.find(cls)]
    finally:
        s.close()


def test_the_order_is_the_columns_order(plan_path):
    s = db_store.open_store(plan_path, read_only=True)
    try:
        assert [p.title for p in s.find(Plan)] == ["A plan", "B plan"]
        # position first (roots and first children share 0), then the ref as printed
        assert [n.ref for n in s.find(Node)] == ["BH.1", "BS", "BS.1", "BH", "BH.2", "BS.2"]
        safe = s.find(Node, ref="BS")[0]
        below = [s.get(Indicator, lk.indicator_id).title
                 for lk in s.find(IndicatorLink, node_id=safe.id)]
        assert below == ["Looked after", "Children in need", "KS2"]
        targets = s.find(Target)
        assert [(t.value, t.superseded_by is None) for t in targets] == [(700, False),
                                                                         (672, True)]
        assert [r.title for r in s.find(Report)] == ["To the Health and Wellbeing Board",
                                                     "To the Schools Forum"]
        assert [m.title for m in s.find(Meeting)] == ["June", "March"]
        assessed = s.find(Assessment)
        kinds = {"indicator": Indicator, "node": Node}
        taken = [s.get(kinds[a.subject_kind], a.subject_id).title for a in assessed]
        assert taken == ["Looked after", "Be Safe", "Children in need"]  # as the board took them
        for cls in (Value, Comparator):
            found = s.find(cls)
            assert [r.id for r in found] == sorted(r.id for r in found)
    finally:
        s.close()


def test_the_order_survives_vacuum(plan_path):
    before = read_all(plan_path)
    conn = sqlite3.connect(plan_path)
    conn.execute("VACUUM")
    conn.close()
    assert read_all(plan_path) == before


def test_the_order_does_not_follow_the_physical_order(plan_path):
    before = read_all(plan_path)
    stored = {table: physical_ids(plan_path, table) for table in TABLES.values()}
    reverse_physical_order(plan_path)
    for table, ids in stored.items():
        assert physical_ids(plan_path, table) == ids[::-1]  # the rows really moved
    assert read_all(plan_path) == before
