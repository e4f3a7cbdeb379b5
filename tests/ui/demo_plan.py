"""A small plan built through the services that mimics the bundled sample (for tests and,
until the sample file exists, for screenshots)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.periods import Period
from app.services import Services

COMMENTARY_314 = ("Numbers rose over the winter. The Edge of Care service is being expanded "
                  "and placement reviews are held fortnightly.")


def build_demo_plan(s: Services) -> dict[str, str]:
    """Write the plan; returns ids by name."""
    ids: dict[str, str] = {}
    plan = s.plans.create_plan("CYPP 2018-23", short_name="CYPP 2018-23",
                               board="Children's Trust Board",
                               period_start=date(2018, 4, 1), period_end=date(2023, 3, 31))
    ids["plan"] = plan.id
    add = s.plans.add_node
    safe = add(plan.id, None, "Be Safe", kind="priority", ref="BSafe",
               lead_organisation="Children's Social Care")
    ids["safe"] = safe.id
    o9 = add(plan.id, safe.id, "Be protected from all types of abuse and neglect.",
             kind="outcome", ref="9")
    o10 = add(plan.id, safe.id, "Have a place to feel safe and a sense of belonging.",
              kind="outcome", ref="10")
    ids["o9"], ids["o10"] = o9.id, o10.id
    focus = add(plan.id, safe.id, "Domestic Abuse", kind="focus", ref="BSafe-F18",
                lead_organisation="Domestic Abuse Strategic Board")
    ids["focus"] = focus.id
    d1 = add(plan.id, focus.id, "Review and implement a revised pathway.", kind="deliverable",
             ref="BSafe-D1")
    ids["d1"] = d1.id
    healthy = add(plan.id, None, "Be Healthy", kind="priority", ref="BHealthy",
                  lead_organisation="Public Health")
    ids["healthy"] = healthy.id
    o5 = add(plan.id, healthy.id, "Have good physical and mental health.", kind="outcome",
             ref="5")
    ids["o5"] = o5.id
    o6 = add(plan.id, healthy.id, "Make healthy lifestyle choices.", kind="outcome", ref="6",
             lead_organisation="Oxford Health")
    ids["o6"] = o6.id

    ind = s.indicators
    i314 = ind.create_indicator(
        "Reduce the number of looked after children to the average of our statistical "
        "neighbours", ref="3.14", unit="count", polarity="lower", polarity_inferred=True,
        period_type="m", frequency="quarterly", decimals=0, node_id=o10.id)
    ids["3.14"] = i314.id
    ind.set_value(i314.id, Period.month(2018, 9).key, 764)
    ind.set_value(i314.id, Period.month(2018, 12).key, 794)
    ind.add_target(i314.id, Period.financial_year(2018).key, "at_most", 672,
                   raw_text="672 by March 2019")

    i35 = ind.create_indicator("Reduce the number of children subject to a child protection "
                               "plan", ref="3.5", unit="count", polarity="lower",
                               period_type="m", decimals=0, node_id=o9.id)
    ids["3.5"] = i35.id
    ind.set_value(i35.id, Period.month(2018, 12).key, 540)
    ind.add_target(i35.id, Period.financial_year(2018).key, "at_most", 520)  # amber

    i22 = ind.create_indicator("Proportion of children with a disability accessing short "
                               "breaks", ref="2.2", unit="percent", polarity="higher",
                               period_type="fy", decimals=1, node_id=o5.id)
    ids["2.2"] = i22.id
    ind.link(i22.id, o6.id)  # one indicator under two outcomes
    ind.set_value(i22.id, Period.financial_year(2017).key, 34.0)
    ind.set_value(i22.id, Period.financial_year(2018).key, 36.5)
    ind.add_target(i22.id, Period.financial_year(2018).key, "at_least", 35.0)  # amber

    i23 = ind.create_indicator("Average CAMHS referrals per month", ref="2.3", unit="count",
                               polarity="none", period_type="m", decimals=0, node_id=o5.id)
    ids["2.3"] = i23.id
    ind.set_value(i23.id, Period.month(2018, 12).key, 412)

    i24 = ind.create_indicator("Children achieving a good level of development", ref="2.4",
                               unit="percent", polarity="higher", period_type="ay",
                               node_id=o6.id)
    ids["2.4"] = i24.id
    ind.set_value(i24.id, Period.academic_year(2017).key, 72.0)
    ind.add_target(i24.id, Period.academic_year(2018).key, "at_least", 71.0)  # green

    a = s.assessments
    early = a.add_meeting(plan.id, date(2018, 11, 15), "Children's Trust Board")
    ids["early"] = early.id
    a.assess(early.id, i314.id, commentary="Placement sufficiency strategy agreed.")
    m = a.add_meeting(plan.id, date(2019, 3, 21), "Children's Trust Board",
                      focus_node_id=focus.id)
    ids["meeting"] = m.id
    a.assess(m.id, i314.id, recorded_rag="R", override_reason="", commentary=COMMENTARY_314)
    a.assess(m.id, i35.id, recorded_rag="R",
             override_reason="The rise continued into January.",
             commentary="Multi-agency audit of child protection plans under way.")
    return ids


def make_demo_file(files, path: Path) -> dict[str, str]:
    services = files.create(path)
    try:
        return build_demo_plan(services)
    finally:
        services.close()
