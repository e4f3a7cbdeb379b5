"""The HTML twin of the board report: one self-contained, semantic file from the same model."""

from __future__ import annotations

import pytest
from report_helpers import Outline, squash, tiny_png

from app.report import ReportOptions, build_report_model
from app.report.html import render_html
from app.report.wording import SECTION_2


@pytest.fixture
def every_option(sample, may_2019, tmp_path):
    options = ReportOptions(summary=True, charts=True, organisation="Oxfordshire Children's Trust",
                            logo=str(tiny_png(tmp_path / "logo.png")))
    return build_report_model(sample, may_2019.id, options=options), options


def test_html_is_semantic_and_self_contained(every_option):
    model, options = every_option
    page = render_html(model, options)
    doc = Outline()
    doc.feed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert doc.all("html")[0]["lang"] == "en-GB"
    assert squash(doc.text["title"][0]) == squash(model.title)
    assert len(doc.all("h1")) == 1 and squash(doc.text["h1"][0]) == squash(model.title)
    assert squash(SECTION_2) in [squash(t) for t in doc.text["h2"]]
    ths = doc.all("th")
    assert ths and all(a.get("scope") in ("col", "row") for a in ths)
    assert len(doc.all("thead")) == 2  # section 2 and the summary
    svgs = doc.all("svg")
    assert len(svgs) == len(model.charts) > 0
    for svg, spec in zip(svgs, model.charts, strict=True):
        assert svg["role"] == "img"
        assert doc.ids[svg["aria-labelledby"]] == spec.text_alternative()
    imgs = doc.all("img")
    assert len(imgs) == 1 and imgs[0]["alt"] and imgs[0]["src"].startswith("data:image/png")
    assert not [a for _, a in doc.tags if (a.get("src") or "").startswith("http")]
    assert not doc.all("link") and not doc.all("script")
    # lists are lists: the priorities' numbered outcomes and section 3's bullets
    assert doc.all("ol") and doc.all("ul")
    assert len(doc.all("li")) >= 16


def test_html_says_what_the_pdf_says(every_option):
    model, options = every_option
    doc = Outline()
    doc.feed(render_html(model, options))
    text = squash(doc.text["body"][0])
    for r in model.red_amber:
        assert squash(f"{r.number} {r.title}") in text
        assert squash(r.commentary.split("\n")[0]) in text
    for r in model.summary:
        assert squash(r.title) in text


def test_an_automatic_grey_is_a_word_and_rag_letters_are_not_underlined(every_option):
    from report_helpers import pdf_text

    from app.report import render_pdf

    model, options = every_option
    assert any(r.automatic == "X" for r in model.summary)  # 2.3: Amber, automatic Grey
    page = render_html(model, options)
    assert "auto Grey" in page and "auto –" not in page
    assert "td.rag abbr{text-decoration:none}" in page
    text = pdf_text(render_pdf(model, options))
    flat = " ".join(text.split())
    assert "auto Grey" in flat and "auto –" not in flat


def test_user_text_stays_text(services, small):
    model = build_report_model(services, small["report"].id)
    model.forward_plan = '<script>alert(1)</script> <img src="/etc/passwd"> R&D'
    page = render_html(model)
    assert "<script>" not in page and '<img src="/etc' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "R&amp;D" in page


def test_same_model_same_html(every_option):
    model, options = every_option
    assert render_html(model, options) == render_html(model, options)


def test_charts_without_a_summary_are_appendix_a(sample, may_2019):
    from report_helpers import pdf_text

    from app.report import render_pdf

    options = ReportOptions(charts=True)
    model = build_report_model(sample, may_2019.id, options=options)
    text = squash(pdf_text(render_pdf(model, options)))
    assert squash("Appendix A. Indicator charts") in text and "AppendixB" not in text
    page = render_html(model, options)
    assert "Appendix A. Indicator charts" in page and "Appendix B" not in page
