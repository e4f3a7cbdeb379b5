"""Options, determinism, progress and cancel, over a small plan built through the services."""

from __future__ import annotations

import io

import pytest
from report_helpers import pdf_text, squash

from app.domain import ValidationError
from app.report import ReportOptions, build_report_model, render_pdf


def test_same_input_same_bytes(services, small):
    opts = ReportOptions(summary=True, charts=True, contents=True)
    first = render_pdf(build_report_model(services, small["report"].id, options=opts), opts)
    again = render_pdf(build_report_model(services, small["report"].id, options=opts), opts)
    assert again == first


def test_green_in_and_out(services, small):
    with_green = build_report_model(services, small["report"].id,
                                    options=ReportOptions(summary=True, charts=True))
    without = build_report_model(services, small["report"].id,
                                 options=ReportOptions(summary=True, charts=True,
                                                       include_green=False))
    assert {r.rag for r in with_green.summary} == {"R", "A", "G"}
    assert {r.rag for r in without.summary} == {"R", "A"}
    assert len(without.charts) == 2
    # section 2 is Red and Amber only, either way, Red first
    assert [r.rag for r in with_green.red_amber] == ["R", "A"]


def test_small_numbers_suppressed(services, small):
    opts = ReportOptions(summary=True, charts=True, suppress_small=True)
    model = build_report_model(services, small["report"].id, options=opts)
    row = next(r for r in model.summary if r.ref == "T 1")
    assert row.latest == "<5"
    assert "<5" in pdf_text(render_pdf(model, opts))


def test_header_fields_in_order_with_extras(services, small):
    model = build_report_model(services, small["report"].id)
    labels = [f.label for f in model.header]
    assert labels == ["Report from", "Report to", "Report Date",
                      "Dates of meetings held since the last report",
                      "HWB Priorities addressed in this report",
                      "Link to any published notes or reports", "Contact officer"]
    assert model.header[3].text == "17th June 2010"  # computed from the meeting
    assert model.priorities[0].title == "Be Healthy"
    assert model.priorities[0].outcomes[0].title == "Fewer injuries"


def test_letter_page_size_and_rag_letters(services, small):
    from pypdf import PdfReader

    opts = ReportOptions(page_size="Letter", summary=True)
    pdf = render_pdf(build_report_model(services, small["report"].id, options=opts), opts)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    flat = squash(pdf_text(pdf))
    assert squash("NI 70 Emergency admissions per 10,000") in flat
    assert "Page1of" in flat


def test_font_is_embedded(services, small):
    pdf = render_pdf(build_report_model(services, small["report"].id))
    # DejaVu Sans embedded (reportlab lists Helvetica as /F1 in every document, unused)
    assert b"/FontFile2" in pdf and b"DejaVuSans" in pdf


def test_progress_and_cancel(services, small):
    from app.report.render import ReportCancelled

    opts = ReportOptions(summary=True, charts=True)
    model = build_report_model(services, small["report"].id, options=opts)
    seen = []
    render_pdf(model, opts, progress=lambda done, total: seen.append((done, total)) or True)
    assert seen and seen[-1][0] == seen[-1][1]
    assert all(d <= t for d, t in seen)
    with pytest.raises(ReportCancelled):
        render_pdf(model, opts, progress=lambda done, total: done < 3)


def test_bad_options_are_refused():
    with pytest.raises(ValidationError):
        ReportOptions(page_size="A3")
    with pytest.raises(ValidationError):
        ReportOptions(primary_colour="blue")


def test_meeting_without_a_report(services, small):
    from datetime import date

    m = services.assessments.add_meeting(small["plan"].id, date(2010, 9, 1), discussed="Budget")
    services.assessments.assess(m.id, small["ni70"].id, commentary="Still high.")
    model = build_report_model(services, meeting_id=m.id)
    assert [r.number for r in model.red_amber] == ["NI 70"]
    assert model.other_items == "Budget"
    assert "1st September 2010" in model.title
    pdf_text(render_pdf(model))
