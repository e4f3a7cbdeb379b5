"""Indicators built through the services for the indicator panel tests (mimic NI 70 etc.).

A support module (no tests): imported by the test_indicator_* modules."""

from __future__ import annotations

from app.services import Services


def make_ni70(services: Services) -> str:
    """NI 70 as the 2010-11 delivery plan prints it."""
    plan = services.plans.create_plan("Children and Young People's Plan 2010-2013")
    node = services.plans.add_node(plan.id, None, "Be healthy", kind="theme")
    ind = services.indicators.create_indicator(
        "Emergency hospital admissions due to injury per 10,000", node_id=node.id,
        code="NI 70", unit="rate", rate_base=10000, polarity="lower", period_type="fy",
        decimals=1, frequency="annual")
    s = services.indicators
    s.set_value(ind.id, "fy:2008", 106.5)
    s.set_value(ind.id, "fy:2009", 108.3)
    s.add_target(ind.id, "fy:2009", "at_most", 106.0)
    s.add_target(ind.id, "fy:2010", "at_most", 104)
    s.set_comparator(ind.id, "statistical_neighbours", "fy:2008", 98.2)
    s.set_comparator(ind.id, "england", "fy:2008", 123.9)
    return ind.id


def make_percent(services: Services) -> str:
    plan = services.plans.create_plan("Plan")
    ind = services.indicators.create_indicator(
        "Children subject of a child protection plan more than once", plan_id=plan.id,
        code="NI 65", unit="percent", polarity="lower", period_type="fy", decimals=1)
    s = services.indicators
    s.set_value(ind.id, "fy:2008", 11.5)
    s.set_value(ind.id, "fy:2009", 18.2)
    s.add_target(ind.id, "fy:2008", "band", 10, value_high=15)
    s.add_target(ind.id, "fy:2009", "band", 10, value_high=15)
    s.add_target(ind.id, "fy:2010", "at_most", 13)
    return ind.id


def make_count(services: Services) -> str:
    plan = services.plans.create_plan("Plan")
    ind = services.indicators.create_indicator(
        "Operation Encompass notifications to schools", plan_id=plan.id, code="OE",
        unit="count", polarity="higher", period_type="fq", decimals=0, kind="monitor")
    s = services.indicators
    for q, v in ((1, 76), (2, 52)):
        s.set_value(ind.id, f"fq:2021Q{q}", v, breakdown="area: Cherwell & West")
    for q, v in ((1, 41), (2, 22)):
        s.set_value(ind.id, f"fq:2021Q{q}", v, breakdown="area: Oxford")
    return ind.id
