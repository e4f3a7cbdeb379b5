"""Issuing freezes a report: the PDF and the data it was made from."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain import ValidationError
from app.report import (
    ReportOptions,
    build_report_model,
    issue_report,
    issued_snapshot,
    render_pdf,
)


def test_issued_report_rerenders_identically_after_edits(services, small):
    opts = ReportOptions(summary=True, charts=True, contents=True)
    rid = small["report"].id
    pdf = issue_report(services, rid, opts, issued_at=datetime(2010, 7, 1, 9, 30))
    assert services.reports.report(rid).issued
    # later edits to the plan
    services.assessments.assess(small["meeting"].id, small["ni70"].id,
                                commentary="Rewritten after the meeting.")
    services.indicators.set_value(small["ni70"].id, "fy:2010", 99.0)
    services.plans.edit_node(small["outcome"].id, title="Renamed outcome")
    assert services.reports.issued_pdf(rid) == pdf
    assert render_pdf(*issued_snapshot(services, rid)) == pdf
    model, options = issued_snapshot(services, rid)
    assert model.red_amber[0].commentary.startswith("Work with A&E")
    assert options == opts
    # a draft export now shows the edits, and is not frozen
    draft = render_pdf(build_report_model(services, rid, options=opts), opts)
    assert draft != pdf
    with pytest.raises(ValidationError):
        services.reports.edit_report(rid, title="Changed")
    with pytest.raises(ValidationError):
        issue_report(services, rid, opts)


def test_creation_date_comes_from_the_issue_time(services, small):
    pdf = issue_report(services, small["report"].id, ReportOptions(),
                        issued_at=datetime(2019, 5, 24, 12, 0, 5))
    assert b"D:20190524120005" in pdf


def test_sample_issue_survives_edits(sample, may_2019):
    pdf = issue_report(sample, may_2019.id, ReportOptions(summary=True, charts=True))
    for a in sample.assessments.assessments_at(may_2019.meeting_ids[0]):
        sample.assessments.assess(a.meeting_id, a.subject_id, commentary="changed")
    assert render_pdf(*issued_snapshot(sample, may_2019.id)) == pdf


def test_a_draft_cannot_be_issued(tmp_path):
    from app.cli import PlanFiles
    from app.domain import ValidationError
    from app.report import ReportOptions

    plan = tmp_path / "p.boardpack"
    s = PlanFiles().create(plan)
    p = s.plans.create_plan("CYPP")
    report = s.reports.create_report(p.id, "Report to the HWB")
    with pytest.raises(ValidationError, match="DRAFT"):
        issue_report(s, report.id, ReportOptions(draft=True))
    assert not s.reports.report(report.id).issued
    s.close()
