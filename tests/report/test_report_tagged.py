"""The board report as a tagged PDF (PDF/UA-1): what the pdfua checker covers, and what it
does not (artifacts, marked content reachable from the tree, reading order, fonts)."""

from __future__ import annotations

import io
import re

import pytest
from pdf_structure import TaggedPdf
from report_helpers import squash, tiny_png, write_a_report

from app.chart_geometry import rag_symbol
from app.report import ReportOptions, build_report_model, render_pdf
from app.report.wording import charts_appendix

# as the board printed it (seed 003)
SECTION_2 = "2. Note on what is being done in areas rated Red or Amber in the Performance Framework"


def _every_option(tmp_path) -> ReportOptions:
    return ReportOptions(summary=True, charts=True, contents=True, draft=True,
                         suppress_small=True, organisation="Oxfordshire Children's Trust",
                         logo=str(tiny_png(tmp_path / "logo.png")))


@pytest.fixture
def rendered(sample, may_2019, tmp_path, request):
    """The May 2019 report plain or with every option, or one written as the report
    editor writes it (bullets, numbered items, paragraphs, text that looks like markup)."""
    options = _every_option(tmp_path) if request.param == "every-option" else ReportOptions()
    report_id = (write_a_report(sample, may_2019.meeting_ids[0]).id
                 if request.param == "written" else may_2019.id)
    model = build_report_model(sample, report_id, options=options)
    return model, options, render_pdf(model, options)


both = pytest.mark.parametrize("rendered", ["plain", "every-option", "written"],
                               indirect=True)


@both
def test_pdfua_checker_finds_nothing(rendered, tmp_path):
    from pdfua import validate

    path = tmp_path / "report.pdf"
    path.write_bytes(rendered[2])
    report = validate(str(path))
    assert [(f.rule_id, f.severity.name, f.message) for f in report.findings] == []


def _furniture(model, options, pages: int) -> set[str]:
    """Every text the report may draw as an artifact: footers, watermark, a table header
    repeated on a later page, and the number and RAG of a row continued from the page
    before."""
    allowed = {"DRAFT", model.agenda_ref, ""}
    allowed |= {f"Page {n} of {pages}" for n in range(1, pages + 1)}
    org = model.organisation or options.organisation
    allowed |= {org, f"DRAFT – not for circulation · {org}", "DRAFT – not for circulation"}
    allowed |= {"Indicator Number", "RAG", "What is being done to improve performance?",
                "Ref", "Indicator", "Latest", "Period", "Target", "Trend", " (continued)"}
    for r in model.red_amber:
        allowed |= {r.number, r.rag[:1].upper(), rag_symbol(r.rag)}
    return allowed


@both
def test_only_furniture_is_artifact_and_all_else_is_reachable(rendered):
    model, options, pdf = rendered
    doc = TaggedPdf(pdf)
    pages = len(doc.pdf.pages)
    allowed = _furniture(model, options, pages)
    allowed = {a.strip() for a in allowed}
    artifacts = {s.text.strip() for s in doc.shown if s.artifact}
    shortened = {a for a in artifacts if a.endswith("…")
                 and any(t.startswith(a[:-1]) for t in allowed)}
    assert artifacts - allowed - shortened == set()
    reachable = doc.marked_refs()
    loose = [s for s in doc.shown if not s.artifact and (s.mcid is None
                                                          or (s.page, s.mcid) not in reachable)]
    assert loose == []
    # every MCID on a page has its element in the parent tree, at its index
    nums = list(doc.pdf.Root.StructTreeRoot.ParentTree.Nums)
    for i, page in enumerate(doc.pdf.pages):
        key = int(page.obj.StructParents)
        marks = nums[nums.index(key) + 1] if key in nums[::2] else None
        used = {s.mcid for s in doc.shown if s.page == i and s.mcid is not None}
        assert marks is not None and len(marks) >= len(used)


@both
def test_structure_reads_the_report_in_order(rendered):
    model, options, pdf = rendered
    doc = TaggedPdf(pdf)
    read = squash(doc.reading_text())
    # the tree holds exactly the tagged content, each piece once (its order is checked
    # against the model below: a table row split over a page break is drawn partly on each
    # page but read cell by cell)
    drawn = "".join(s.text for s in doc.shown if not s.artifact)
    assert sorted(squash(doc.reading_text(alt=False))) == sorted(squash(drawn))
    refs = doc.marked_refs_in_order()
    assert len(refs) == len(set(refs))
    assert {(s.page, s.mcid) for s in doc.shown if not s.artifact} <= set(refs)
    expected = [model.title] + [f.label for f in model.header]
    expected += ["1. Progress reports on priority work"]
    expected += [fb.priority for fb in model.focus]
    expected += ["2. Note on what is being done in areas rated Red or Amber"]
    for r in model.red_amber:
        expected += [r.number, r.title, r.commentary.split("\n")[0]]
    expected += ["3. Summary of other items discussed by the board",
                 "4. Forward plan for next meeting"]
    if model.summary:
        expected += ["Appendix A. RAG summary of every indicator"]
        expected += [r.title for r in model.summary]
    if model.charts:
        expected += [charts_appendix(bool(model.summary))]
        for spec in model.charts:
            expected += [spec.title, spec.text_alternative()]
    pos = 0
    for text in expected:
        found = read.find(squash(text)[:60], pos)
        assert found >= 0, f"not in reading order after {pos}: {text[:60]!r}"
        pos = found


@both
def test_roles_headings_lists_tables_and_figures(rendered):
    model, _, pdf = rendered
    doc = TaggedPdf(pdf)
    nodes = list(doc.walk())
    roles = [n.role for n in nodes]
    assert roles[1] == "Document"
    h1 = [doc.reading_text(n) for n in nodes if n.role == "H1"]
    assert squash(model.title) in [squash(t) for t in h1]
    h2 = [squash(doc.reading_text(n)) for n in nodes if n.role == "H2"]
    assert squash(SECTION_2) in h2
    for table in (n for n in nodes if n.role == "Table"):
        cells = [n for n in doc.walk(table) if n.role in ("TH", "TD")]
        heads = [n for n in cells if n.role == "TH"]
        assert heads and all(str(h.attributes.get("/Scope")) in ("/Column", "/Row")
                             for h in heads)
    # section 2 is one table, with its header once, though it runs over several pages
    ra = [n for n in nodes if n.role == "Table" and "Indicator Number" in doc.reading_text(n)]
    assert len(ra) == 1
    head = [n for n in doc.walk(ra[0]) if n.role == "THead"]
    assert len(head) == 1 and len([n for n in doc.walk(head[0]) if n.role == "TR"]) == 1
    body_rows = [n for n in doc.walk(ra[0]) if n.role == "TR"][1:]
    assert len(body_rows) == len(model.red_amber)
    assert len({k[0] for k in (m for r in body_rows for n in doc.walk(r)
                               for m in n.kids if isinstance(m, tuple))}) > 1
    for item in (n for n in nodes if n.role == "LI"):
        assert [k.role for k in item.kids if not isinstance(k, tuple)][:2] in (
            ["Lbl", "LBody"], ["LBody"])
    figures = [n for n in nodes if n.role == "Figure"]
    assert len(figures) == len(model.charts) + (1 if model.logo_png else 0)
    assert all(f.alt.strip() for f in figures)
    for spec in model.charts:
        assert any(f.alt == spec.text_alternative() for f in figures)


@both
def test_every_font_embedded_with_tounicode_and_catalog_entries(rendered):
    pdf = rendered[2]
    doc = TaggedPdf(pdf)
    fonts = doc.fonts()
    assert fonts and all(TaggedPdf.embedded_with_unicode(f) for f in fonts)
    assert b"Helvetica" not in pdf
    root = doc.pdf.Root
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "en-GB"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    xmp = root.Metadata.read_bytes().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    for page in doc.pdf.pages:
        assert str(page.obj.Tabs) == "/S"


def _page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [squash(p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


@both
def test_bookmarks_and_contents_links_land_on_their_sections_page(rendered):
    from pypdf import PdfReader

    model, options, pdf = rendered
    reader = PdfReader(io.BytesIO(pdf))
    texts = _page_texts(pdf)

    def check(items, depth=0, parent=""):
        count = 0
        for item in items:
            if isinstance(item, list):
                count += check(item, depth + 1, parent)
                continue
            page = reader.get_destination_page_number(item)
            title = squash(item.title)
            assert title[:40] in texts[page], (item.title, page)
            before = texts[page - 1] if page else ""
            assert not before.endswith(title[:40]), item.title
            count += 1
        return count

    assert check(reader.outline) >= 4
    top = [i.title for i in reader.outline if not isinstance(i, list)]
    assert SECTION_2 in top
    if model.charts:  # each chart's bookmark nests under the charts' appendix
        nested = reader.outline[reader.outline.index(next(
            i for i in reader.outline if not isinstance(i, list)
            and i.title == charts_appendix(bool(model.summary)))) + 1]
        assert isinstance(nested, list) and len(nested) == len(model.charts)
    if options.contents:
        links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
        assert len(links) >= 2 * 6
        for link in links:
            assert str(link.get("/Contents", "")).startswith("Go to ")
            dest = link["/Dest"]
            page = reader.get_page_number(dest[0].get_object()) if hasattr(
                dest[0], "get_object") else None
            name = re.sub(r"^Go to ", "", str(link["/Contents"]))
            assert page is not None and squash(name)[:40] in texts[page], name


def test_same_input_same_bytes(sample, may_2019, tmp_path):
    options = _every_option(tmp_path)
    first = render_pdf(build_report_model(sample, may_2019.id, options=options), options)
    again = render_pdf(build_report_model(sample, may_2019.id, options=options), options)
    assert first == again


def test_priorities_from_the_tree_are_a_tagged_list(services, small, tmp_path):
    from pdfua import validate

    model = build_report_model(services, small["report"].id)
    assert model.priorities and not model.priorities_text
    pdf = render_pdf(model)
    path = tmp_path / "small.pdf"
    path.write_bytes(pdf)
    assert [f.rule_id for f in validate(str(path)).findings] == []
    assert b"Helvetica" not in pdf
    doc = TaggedPdf(pdf)
    lists = [n for n in doc.walk() if n.role == "L"]
    outcome_list = next(n for n in lists if "Fewer injuries" in doc.reading_text(n))
    items = [k for k in outcome_list.kids if not isinstance(k, tuple)]
    assert [doc.reading_text(i.kids[0]) for i in items] == ["1."]
    assert [k.role for k in items[0].kids] == ["Lbl", "LBody"]


def test_web_links_are_tagged_and_described(sample, may_2019):
    model = build_report_model(sample, may_2019.id)
    doc = TaggedPdf(render_pdf(model))
    links = [n for n in doc.walk() if n.role == "Link"]
    assert links and all(any(k[0] == "OBJR" for k in n.kids if isinstance(k, tuple))
                         for n in links)
    described = []
    for page in doc.pdf.pages:
        for annot in page.obj.get("/Annots", []):
            assert "/StructParent" in annot
            described.append(str(annot.Contents))
    assert "Link to https://www.oxfordshire.gov.uk/cms/content/children-and-young-peoples-plan" \
        "-2018-2021" in described
