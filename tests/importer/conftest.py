"""Fixtures for the importer tests: a small plan with indicators of each kind of unit."""

from __future__ import annotations

import pytest


@pytest.fixture
def plan_ids(services) -> dict[str, str]:
    """Indicators by code: BF percent (fy, history 45 in 2017/18), REF count (fy), ABS
    percent (academic year, ref 2.17), CIC rate per 10,000 (fy)."""
    plan = services.plans.create_plan("CYPP 2018-23")
    node = services.plans.add_node(plan.id, None, "Be healthy")
    ind = services.indicators
    ids = {
        "BF": ind.create_indicator("Breastfeeding at 6-8 weeks", node_id=node.id, code="BF",
                                   unit="percent", period_type="fy").id,
        "REF": ind.create_indicator("Referrals to children's social care", node_id=node.id,
                                    code="REF", unit="count", period_type="fy",
                                    polarity="lower").id,
        "ABS": ind.create_indicator("Persistent absence", node_id=node.id, code="ABS",
                                    ref="2.17", unit="percent", period_type="ay",
                                    polarity="lower").id,
        "CIC": ind.create_indicator("Children in care", node_id=node.id, code="CIC",
                                    unit="rate", rate_base=10000, period_type="fy").id,
    }
    ind.set_value(ids["BF"], "fy:2017", 45.0)
    ind.set_value(ids["REF"], "fy:2017", 1800)
    return ids
