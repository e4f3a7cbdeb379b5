"""What the published report looks like: RAG contrast and shapes, the footer, section 2's
start, rows continued over a page, list numbers, dates, and what an issued report says."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime

import pytest
from report_helpers import pdf_text, squash

from app.chart_geometry import RAG_MARKERS, rag_symbol
from app.chart_spec import RAG_COLOURS, RAG_TEXT_COLOURS, contrast_ratio
from app.domain import RAG
from app.report import ReportOptions, build_report_model, issue_report, render_pdf
from app.uk_time import uk_local


def _pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#D55E00", "#FFFFFF") == pytest.approx(3.87, abs=0.01)  # the old pair


@pytest.mark.parametrize("rag", [r.value for r in RAG])
def test_every_rag_letter_reads_on_its_fill(rag):
    assert contrast_ratio(RAG_COLOURS[rag], RAG_TEXT_COLOURS[rag]) >= 4.5


def test_every_rag_has_its_own_shape():
    shapes = [rag_symbol(r) for r in RAG_MARKERS]
    assert len(set(shapes)) == len(RAG_MARKERS) == len(RAG)


def test_section_2_rows_show_letter_and_shape_and_the_legend(sample, may_2019):
    model = build_report_model(sample, may_2019.id)
    flat = squash(pdf_text(render_pdf(model)))
    for r in model.red_amber:
        assert squash(f"{r.number} {r.title}") + RAG(r.rag).letter + rag_symbol(r.rag) in flat
    assert squash("RAG: R ▼ Red, A ◆ Amber, G ● Green") in flat


def test_section_2_starts_on_the_page_section_1_ends(sample, may_2019):
    model = build_report_model(sample, may_2019.id)
    pages = [squash(p) for p in _pages(render_pdf(model))]
    heading = squash("2. Note on what is being done in areas rated Red or Amber")
    at = next(i for i, p in enumerate(pages) if heading in p)
    last_focus = squash(model.focus[-1].progress.split("\n")[0])[:40]
    assert last_focus in pages[at]
    # and the first row starts under the heading, not on the next page
    first = model.red_amber[0]
    assert squash(f"{first.number} {first.title}")[:30] in pages[at]


def test_a_row_split_over_a_page_repeats_its_number_and_rag(sample, may_2019):
    model = build_report_model(sample, may_2019.id)
    pages = [squash(p) for p in _pages(render_pdf(model))]
    continued = [(r, i) for r in model.red_amber for i, p in enumerate(pages)
                 if squash(f"{r.number} (continued)") in p]
    assert continued
    for r, i in continued:
        # on the page it continues on, the number is followed by its letter and shape
        assert squash(f"{r.number} (continued)") + RAG(r.rag).letter + rag_symbol(r.rag) \
            in pages[i]
        # and the title is whole on the page the row starts on
        assert squash(f"{r.number} {r.title}") in pages[i - 1]


def test_long_agenda_reference_stays_clear_of_the_sides(small, services):
    model = build_report_model(services, small["report"].id)
    model.agenda_ref = "HWB12(a) " + "Annex to the agenda of the extraordinary meeting " * 3
    model.organisation = "Oxfordshire Children's Trust and Partners"
    pdf = render_pdf(model, ReportOptions(organisation=model.organisation))
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    spans: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and tm[5] + cm[5] < 60:  # the footer line
            spans.append((text, tm[4] + cm[4], size))

    page.extract_text(visitor_text=visit)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.report import fonts

    boxes = []
    for text, x, size in spans:
        font = fonts.BOLD if "HWB12" in text else fonts.REGULAR
        boxes.append((x, x + stringWidth(text.strip(), font, size or 8)))
    boxes.sort()
    assert len(boxes) == 3
    for (_, end), (start, _) in zip(boxes, boxes[1:], strict=False):
        assert end <= start, boxes


def test_numbered_list_of_ten_or_more_keeps_its_indent(services, small):
    model = build_report_model(services, small["report"].id)
    model.forward_plan = "\n".join(f"{n}. Item number {n} of the plan" for n in range(1, 13))
    pdf = render_pdf(model)
    from pypdf import PdfReader

    starts: dict[str, float] = {}
    numbers: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        t = text.strip()
        if t.startswith("Item number"):
            starts[t] = tm[4] + cm[4]
        elif t.rstrip(".").isdigit():
            numbers[t] = tm[4] + cm[4]

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    assert len(starts) == 12
    assert len(set(round(x, 1) for x in starts.values())) == 1  # one hanging indent
    assert numbers["10."] < numbers["9."] < min(starts.values())


def test_uk_time_follows_british_summer_time():
    assert uk_local(datetime(2019, 5, 24, 9, 15)) == (datetime(2019, 5, 24, 10, 15), "BST")
    assert uk_local(datetime(2019, 1, 10, 9, 15)) == (datetime(2019, 1, 10, 9, 15), "GMT")
    assert uk_local(datetime(2019, 3, 31, 0, 59))[1] == "GMT"
    assert uk_local(datetime(2019, 3, 31, 1, 0)) == (datetime(2019, 3, 31, 2, 0), "BST")
    assert uk_local(datetime(2019, 10, 27, 0, 59)) == (datetime(2019, 10, 27, 1, 59), "BST")
    assert uk_local(datetime(2019, 10, 27, 1, 0)) == (datetime(2019, 10, 27, 1, 0), "GMT")


def test_issued_report_says_when_in_uk_time_and_stores_utc(services, small):
    from datetime import UTC

    rid = small["report"].id
    pdf = issue_report(services, rid, ReportOptions(),
                       issued_at=datetime(2019, 5, 24, 9, 15, tzinfo=UTC))
    assert "Issued on 24th May 2019 at 10:15 BST." in pdf_text(pdf).replace("\n", " ")
    assert b"D:20190524091500+00'00'" in pdf
    assert services.reports.report(rid).issued_at == datetime(2019, 5, 24, 9, 15)
    draft = render_pdf(build_report_model(services, rid))
    assert "Issued on" not in pdf_text(draft)


def test_rerender_by_another_renderer_version_says_so(services, small):
    from app.report import issued_snapshot
    from app.report.issuing import renderer_version

    rid = small["report"].id
    pdf = issue_report(services, rid, ReportOptions(), issued_at=datetime(2019, 1, 9, 9, 0))
    model, options = issued_snapshot(services, rid)
    assert model.renderer == renderer_version()
    assert render_pdf(model, options) == pdf
    older = dataclasses.replace(model, renderer="reportlab 4.2.0")
    text = squash(pdf_text(render_pdf(older, options)))
    assert squash("Issued on 9th January 2019 at 09:00 GMT.") in text
    assert squash(f"rendered again with {renderer_version()}") in text
    assert squash("issued with reportlab 4.2.0") in text


def test_no_near_empty_last_page_when_a_little_tighter_fits(services, small):
    from app.report import fonts
    from app.report.render import NEAR_EMPTY, _Renderer

    fonts.register()
    model = build_report_model(services, small["report"].id)
    options = ReportOptions()
    tried = []
    for n in range(20, 90, 2):  # lengthen the forward plan until a line or two spills over
        model.forward_plan = "\n\n".join(f"Paragraph {i} of the forward plan, one line."
                                         for i in range(n))
        _, pages, used = _Renderer(model, options, None).build()
        tried.append((n, pages, round(used, 2)))
        if pages > 1 and used < NEAR_EMPTY / 2:
            break
    else:
        pytest.fail(f"no near-empty last page found: {tried}")
    assert len(_pages(render_pdf(model, options))) == pages - 1


def test_a_missing_override_reason_is_not_printed_as_board_business(sample, may_2019):
    options = ReportOptions(summary=True)
    model = build_report_model(sample, may_2019.id, options=options)
    overridden = [r for r in model.summary if r.automatic]
    assert overridden  # the sample's board rated items the figures could not
    text = squash(pdf_text(render_pdf(model, options)))
    assert squash("no reason is recorded yet") not in text
    for r in overridden:
        assert squash(r.board_note) in text and r.board_note.endswith(".")


def test_bidi_controls_cannot_make_the_extracted_text_differ(services, small):
    from app.report.text import clean

    assert clean("abc\u202edef\u2067x\u2069\u200f\u202a!") == "abcdefx!"
    model = build_report_model(services, small["report"].id)
    model.forward_plan = "Review \u202eerom yna\u202c in September."
    text = pdf_text(render_pdf(model))
    assert "Review erom yna in September." in text.replace("\n", " ")
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text)


def test_characters_the_font_cannot_draw_are_named_and_shown_as_a_box(services, small):
    from app.report.text import noting_unprintable

    model = build_report_model(services, small["report"].id)
    with noting_unprintable() as missing:
        render_pdf(model)
    assert missing == set()
    model.forward_plan = "Parents' survey in 漢字 and Ελληνικά and Кириллица \u202e."
    with noting_unprintable() as missing:
        text = pdf_text(render_pdf(model))
    assert missing == {"字", "漢"}
    assert "□□" in text and "Ελληνικά" in text and "Кириллица" in text


def test_the_export_names_the_characters_printed_as_a_box(services, small, tmp_path):
    from app.report.export import ExportRequest, plan_export

    services.assessments.assess(small["meeting"].id, small["ni70"].id,
                                commentary="Families asked for the leaflet in 漢字.")
    out = tmp_path / "report.pdf"
    said = plan_export(services, ExportRequest(out, report_id=small["report"].id)).run()
    assert said.startswith(f"Wrote {out}")
    assert ("2 character(s) could not be shown in the report's font and print as □: "
            "字 (U+5B57 CJK UNIFIED IDEOGRAPH-5B57), 漢 (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)."
            ) in said
