"""A report written as the editor writes it: made for a meeting, its sections typed in
paragraphs and "- " / "1. " lists; the PDF reads back in order with what was typed shown
literally, as tagged paragraphs and lists. Then the check before issuing, corrected
versions and what supersedes what, in the services and on the command line."""

from __future__ import annotations

import pytest
from pdf_structure import TaggedPdf
from report_helpers import (
    WRITTEN_FORWARD_PLAN,
    pdf_text,
    squash,
    write_a_report,
)

from app.cli import main
from app.domain import RAG, ValidationError
from app.info import summary
from app.report import build_report_model, issue_report, render_pdf
from app.report.cli import find_report
from app.report.export import ExportKind, ExportRequest, plan_export
from app.report.pre_issue import COMMENTARY, FIGURE, REASON, issue_check
from app.report_service import LINK, PRIORITIES_ADDRESSED


@pytest.fixture
def written(sample, may_2019):
    report = write_a_report(sample, may_2019.meeting_ids[0])
    model = build_report_model(sample, report.id)
    return report, model, render_pdf(model)


def test_new_report_is_ready_to_write_for_its_meeting(sample, may_2019):
    meeting = sample.assessments.meeting(may_2019.meeting_ids[0])
    report = sample.reports.new_report(meeting.plan_id, [meeting.id])
    plan = sample.plans.plan(meeting.plan_id)
    assert report.title == f"Report of the {plan.board}"
    assert report.report_from == plan.board and report.meeting_ids == [meeting.id]
    assert set(report.header) == {PRIORITIES_ADDRESSED, LINK} and not report.issued
    # the meeting's focus area, with its deliverables as a bulleted list
    focus = sample.plans.node(meeting.focus_node_id)
    [area] = report.focus_progress
    assert area["focus"] == f"{focus.title} (March 2019 meeting focus)"
    assert area["priority"] == sample.plans.node(focus.parent_id).title
    assert area["deliverables"].startswith("- ")
    assert report.sections["other_items"] == meeting.discussed
    with pytest.raises(ValidationError, match="Choose the meeting"):
        sample.reports.new_report(meeting.plan_id, [])


def test_written_sections_read_back_in_order_with_markup_literal(written):
    report, model, pdf = written
    text = squash(pdf_text(pdf))
    expected = [
        "Report to the <i>Health</i> Board",
        "1. Progress reports on priority work", "One focus area per meeting.",
        "Listen to young people", "•A survey by VOXY", "•Repeat it in January 2020",
        "Positive overall.", "Some feel unsupported <font size=40>.",
        "3. Summary of other items discussed by the board",
        "The board agreed to keep its priorities for 2019-20.",
        "A SEND report was received. The actions noted:",
        "•Evidence that <b>90%</b> of plans are issued within 20 weeks & on time",
        "•Better use of data", "Progress is being made in all areas.",
        "4. Forward plan for next meeting",
        "1.LGBT+ strategy in December", "2.Young carers in March",
    ]
    pos = 0
    for phrase in expected:
        found = text.find(squash(phrase), pos)
        assert found >= 0, f"not in order after {pos}: {phrase!r}"
        pos = found
    assert b"<b>90%</b>" not in pdf  # not left as raw bytes either: drawn as text


def test_written_sections_are_tagged_paragraphs_and_lists(written):
    _, _, pdf = written
    doc = TaggedPdf(pdf)
    nodes = list(doc.walk())
    lists = {squash(doc.reading_text(n)): n for n in nodes if n.role == "L"}
    bullets = next(n for k, n in lists.items() if "Betteruseofdata" in k)
    items = [k for k in bullets.kids if not isinstance(k, tuple)]
    assert [i.role for i in items] == ["LI", "LI"]
    assert [squash(doc.reading_text(i.kids[-1])) for i in items] == [
        squash("Evidence that <b>90%</b> of plans are issued within 20 weeks & on time"),
        squash("Better use of data")]
    numbered = next(n for k, n in lists.items() if "LGBT+" in k)
    labels = [doc.reading_text(i.kids[0]) for i in numbered.kids if not isinstance(i, tuple)]
    assert labels == ["1.", "2."]
    paragraphs = [squash(doc.reading_text(n)) for n in nodes if n.role == "P"]
    assert squash("A SEND report was received. The actions noted:") in paragraphs
    assert squash("Progress is being made in all areas.") in paragraphs
    assert squash(WRITTEN_FORWARD_PLAN) not in paragraphs  # a list, not one paragraph


def test_the_check_before_issuing_names_what_is_missing(sample, may_2019):
    meeting_id = may_2019.meeting_ids[0]
    report = write_a_report(sample, meeting_id)
    missing = issue_check(sample, report.id)
    kinds = {m.kind for m in missing}
    assert kinds == {REASON, FIGURE}  # every Red/Amber item at March 2019 has commentary
    pending = sample.assessments.pending_reasons([meeting_id])
    assert len([m for m in missing if m.kind == REASON]) == len(pending)
    red = next(a for a in sample.assessments.assessments_at(meeting_id) if a.rag is RAG.RED)
    sample.assessments.assess(meeting_id, red.subject_id, commentary="")
    again = issue_check(sample, report.id)
    [gone] = [m for m in again if m.kind == COMMENTARY]
    assert "is rated Red" in gone.text
    figures = [m.text for m in again if m.kind == FIGURE]
    assert figures and all(", from " in t for t in figures)


def test_a_corrected_version_supersedes_the_first_which_is_kept(sample, may_2019, tmp_path,
                                                                capsys):
    first = write_a_report(sample, may_2019.meeting_ids[0])
    with pytest.raises(ValidationError, match="not issued yet"):
        sample.reports.correct_report(first.id)
    first_pdf = issue_report(sample, first.id)
    second = sample.reports.correct_report(first.id)
    assert sample.reports.correction_under_way(first.id).id == second.id
    with pytest.raises(ValidationError, match="already being written"):
        sample.reports.correct_report(first.id)  # one correction at a time
    assert second.supersedes == first.id and second.title.endswith("(corrected)")
    assert second.sections == first.sections and not second.issued
    assert sample.reports.superseded_by(first.id) is None  # until the correction is issued
    sample.reports.edit_report(second.id, sections={**second.sections,
                                                    "forward_plan": "Corrected plan."})
    with pytest.raises(ValidationError, match="frozen"):
        sample.reports.edit_report(first.id, title="Changed")
    issue_report(sample, second.id)
    assert sample.reports.superseded_by(first.id).id == second.id
    assert sample.reports.issued_pdf(first.id) == first_pdf
    with pytest.raises(ValidationError, match="already superseded"):
        sample.reports.correct_report(first.id)

    # info names it; the export writes it as issued and says it was superseded
    info = summary(sample)
    assert "Report to the <i>Health</i> Board 27/06/2019 (superseded by 'Report to the " \
           "<i>Health</i> Board (corrected)' issued" in info
    export = plan_export(sample, ExportRequest(tmp_path / "first.pdf", first.id))
    assert export.kind is ExportKind.AS_ISSUED and "superseded by" in export.note
    # the command line takes a report by title or date, and refuses a superseded one
    # unless asked; the same date or title without asking gives the correction
    assert find_report(sample, "2019-06-27").id == second.id
    assert find_report(sample, "report to the <i>health</i> board (corrected)").id == second.id
    with pytest.raises(ValidationError, match="--superseded"):
        find_report(sample, "Report to the <i>Health</i> Board")
    with pytest.raises(ValidationError, match="--superseded"):
        find_report(sample, first.id)
    assert find_report(sample, first.id, superseded=True).id == first.id
    assert find_report(sample, "2019-06-27", superseded=True).id == first.id
    path = sample.store.path
    sample.close()
    out = tmp_path / "cli.pdf"
    assert main(["report", str(path), "--report", first.id, "-o", str(out)]) != 0
    assert "--superseded" in capsys.readouterr().err
    assert main(["report", str(path), "--report", first.id, "--superseded",
                 "-o", str(out)]) == 0
    assert out.read_bytes() == first_pdf
    assert main(["report", str(path), "--report", "2019-06-27", "-o", str(out)]) == 0
    assert out.read_bytes() != first_pdf
    assert main(["report", str(path), "--meeting", "2019-03-21", "-o", str(out)]) == 0


def test_undoing_a_new_report_removes_it_and_never_an_issued_one(sample, may_2019):
    report = write_a_report(sample, may_2019.meeting_ids[0])
    removed = sample.reports.delete_report(report.id)
    assert report.id not in [r.id for r in sample.reports.reports()]
    sample.reports.restore_report(removed)
    assert sample.reports.report(report.id).sections == report.sections
    issue_report(sample, report.id)
    with pytest.raises(ValidationError, match="issued and is kept"):
        sample.reports.delete_report(report.id)
    assert sample.reports.report(report.id).issued
