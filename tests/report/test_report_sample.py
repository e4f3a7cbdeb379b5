"""The sample's May 2019 report to the Health and Wellbeing Board, read back from the PDF."""

from __future__ import annotations

import re

from report_helpers import pdf_text, squash

from app.report import ReportOptions, build_report_model, render_pdf

SEED_SECTION_2 = [("2.5", "R"), ("4.1", "R"), ("1.1b", "R"), ("3.14", "R"), ("2.2", "A"),
                  ("2.3", "A"), ("2.4", "A"), ("3.5", "A"), ("4.2", "A")]
HEADER = ["Report from", "Report to", "Report Date",
          "Dates of meetings held since the last report",
          "HWB Priorities addressed in this report", "Link to any published notes or reports"]


def test_model_has_the_nine_red_and_amber_items_in_the_seed_order(sample, may_2019):
    model = build_report_model(sample, may_2019.id)
    assert [(r.number, r.rag) for r in model.red_amber] == SEED_SECTION_2
    assert all(r.commentary.strip() for r in model.red_amber)


def test_pdf_has_header_sections_and_section_2(sample, may_2019):
    model = build_report_model(sample, may_2019.id)
    text = pdf_text(render_pdf(model))
    flat = squash(text)
    for label in HEADER + [f.label for f in model.header]:
        assert squash(label) in flat, label
    assert "24th May 2019" in text.replace("\n", "") or "24thMay2019" in flat
    assert squash("Priorities for 2019-20") in flat
    assert squash("1. Have the best start in life.") in flat
    for title in ("1. Progress reports on priority work to deliver the Joint HWB Strategy",
                  "2. Note on what is being done in areas rated Red or Amber in the "
                  "Performance Framework",
                  "3. Summary of other items discussed by the board",
                  "4. Forward plan for next meeting"):
        assert squash(title) in flat, title
    section2 = flat[flat.index(squash("2. Note on what is being done")):
                    flat.index(squash("3. Summary of other items"))]
    found = re.findall(r"(?<![\d.])(\d\.\d+b?)([A-Z][^.]*?)?", section2)
    assert found  # the numbers are there; check each row with its letter and commentary
    for row in model.red_amber:
        start = section2.index(squash(f"{row.number} {row.title}")[:40])
        after = section2[start + len(squash(f"{row.number} {row.title}")):]
        assert after.startswith(row.rag), (row.number, after[:20])
        first_para = squash(row.commentary.split("\n")[0])[:60]
        assert first_para in section2, row.number
    # exactly nine rows: each indicator title appears once in section 2
    rows = sum(section2.count(squash(f"{r.number} {r.title}")[:40]) for r in model.red_amber)
    assert rows == 9
    # the agenda reference and page numbers in every footer
    from io import BytesIO

    from pypdf import PdfReader

    pdf = render_pdf(model)
    pages = PdfReader(BytesIO(pdf)).pages
    for i, page in enumerate(pages, start=1):
        t = page.extract_text()
        assert "HWB12(a)" in t and f"Page {i} of {len(pages)}" in t


def test_section_2_titles_as_the_board_printed_them(sample, may_2019):
    flat = squash(pdf_text(render_pdf(build_report_model(sample, may_2019.id))))
    for printed in ("2.3 Ensure that the attainment of pupils with Special Educational Needs "
                    "and Disability (SEND) but no statement or Education Health and Care Plan "
                    "is in line with the national average. Key Stage 2, Key Stage 4",
                    "4.2 Increase the % of children reaching a good level of development in "
                    "early years or foundation stage (target 75% for academic year 17/18)"):
        assert squash(printed) in flat, printed


def test_all_options_render(sample, may_2019, tmp_path):
    from report_helpers import tiny_png

    opts = ReportOptions(summary=True, charts=True, contents=True, draft=True,
                         suppress_small=True, organisation="Oxfordshire Children's Trust",
                         logo=str(tiny_png(tmp_path / "logo.png")))
    model = build_report_model(sample, may_2019.id, options=opts)
    assert model.summary and model.charts and model.logo_png
    text = pdf_text(render_pdf(model, opts))
    flat = squash(text)
    assert "Contents" in text and "DRAFT" in text
    assert squash("Appendix A. RAG summary of every indicator") in flat
    assert squash("Appendix B. Indicator charts") in flat
    for spec in model.charts:  # every chart has its text alternative under it
        assert squash(spec.text_alternative())[:50] in flat


def test_meeting_gives_the_report_that_covers_it(sample, may_2019):
    meeting = next(m for m in sample.assessments.meetings() if str(m.held_on) == "2019-03-21")
    model = build_report_model(sample, meeting_id=meeting.id)
    assert model.report_id == may_2019.id
