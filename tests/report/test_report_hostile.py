"""User text never breaks the report: markup, ampersands, huge cells, long words,
Cyrillic and emoji."""

from __future__ import annotations

import pytest
from report_helpers import pdf_text, squash

from app.domain import ValidationError
from app.report import ReportOptions, build_report_model, render_pdf

CASES = {
    "angle": "Fewer than 5 < 10 & more > 2; a <tag> left open",
    "markup": "<b>bold?</b> <font size=40 color=red>big</font> <para> <br/> &amp; <a href='x'>",
    "huge": ("A long note about progress. " * 360)[:10_000],
    "word": "x" * 150 + "Y" * 150,
    "cyrillic": "Дети и молодёжь: прогресс ≥ 5% ✓",
    "emoji": "Great news 🦄 and 👍🏽 and ❤️",
    "controls": "bell\x07 null\x00 tab\tend",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_text_renders(services, small, case):
    text = CASES[case]
    if case == "controls":
        # The services refuse control characters now; a file written before they did may
        # still hold them, and the report must still render it.
        with pytest.raises(ValidationError, match="control character"):
            services.assessments.assess(small["meeting"].id, small["ni70"].id, commentary=text)
        services.assessments.assess(small["meeting"].id, small["ni70"].id, commentary="-")
        _write_past_the_checks(services, small, text)
    else:
        _write(services, small, text)
    opts = ReportOptions(summary=True, charts=True, contents=True)
    model = build_report_model(services, small["report"].id, options=opts)
    out = pdf_text(render_pdf(model, opts))
    flat = squash(out)
    if case == "angle":
        assert squash("5 < 10 & more > 2") in flat
    elif case == "markup":
        assert squash("<b>bold?</b>") in flat and squash("<font size=40") in flat
    elif case == "word":
        assert "x" * 150 + "Y" * 150 in flat  # all of it, wrapped over lines
    elif case == "cyrillic":
        assert squash("Дети и молодёжь") in flat and "≥" in flat and "✓" in flat
    elif case == "emoji":
        assert "□" in flat and "Greatnews" in flat  # a visible placeholder, not a crash
    elif case == "huge":
        assert flat.count(squash("A long note about progress.")) >= 360 * 3
    elif case == "controls":
        assert "bell" in flat and "\x00" not in out


def _write(services, small, text):
    services.assessments.assess(small["meeting"].id, small["ni70"].id, commentary=text)
    services.reports.edit_report(small["report"].id, sections={
        "other_items": text, "forward_plan": text},
        header={"Contact officer": text},
        focus_progress=[{"priority": text, "focus": text, "deliverables": text,
                         "progress": text}])
    services.indicators.edit_indicator(small["ni70"].id, title=text[:300])


def _write_past_the_checks(services, small, text):
    store = services.store
    with store.transaction("as an older version wrote it"):
        assessment = services.assessments.assessment(small["meeting"].id, small["ni70"].id)
        store.update(assessment, commentary=text)
        store.update(services.reports.report(small["report"].id),
                     sections={"other_items": text, "forward_plan": text},
                     header={"Contact officer": text},
                     focus_progress=[{"priority": text, "focus": text, "deliverables": text,
                                      "progress": text}])
        store.update(services.indicators.indicator(small["ni70"].id), title=text[:300])


def test_long_word_wraps_inside_its_cell(services, small):
    from io import BytesIO

    from pypdf import PdfReader

    services.assessments.assess(small["meeting"].id, small["ni70"].id, commentary="z" * 300)
    pdf = render_pdf(build_report_model(services, small["report"].id))
    width = float(PdfReader(BytesIO(pdf)).pages[0].mediabox.width)
    lines = [ln for ln in pdf_text(pdf).split("\n") if "zzzz" in ln]
    assert len(lines) >= 3  # wrapped, not one line running off the page
    assert all(len(ln) < width / 3 for ln in lines)
