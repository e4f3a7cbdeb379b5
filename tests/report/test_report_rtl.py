"""Arabic and Hebrew commentary: printed right-to-left, joined, and extracted in logical
order by poppler's pdftotext (NFKC undoes Arabic presentation forms).

Known gap: where a sentence ends inside a line, pdftotext returns the runs either side of
the full stop in display order, so these paragraphs are one long sentence each."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from pdf_structure import TaggedPdf

from app.report import build_report_model, render_pdf

HEBREW = ("הוועדה תבחן את התוכנית שוב בחודש ספטמבר ותדווח על ההתקדמות לכל השותפים באזור "
          "ותפרסם את הממצאים יחד עם ההמלצות לשנה הבאה כדי שכל המשפחות יוכלו לקרוא אותם")
ARABIC = ("سيراجع المجلس الخطة مرة أخرى في شهر سبتمبر ويقدم تقريرا عن التقدم إلى جميع الشركاء "
          "وينشر النتائج مع التوصيات للعام المقبل حتى تتمكن جميع الأسر من قراءتها بسهولة")


def _words(text: str) -> list[str]:
    """Letters only, in order: poppler places a sentence's closing stop by its own rules."""
    text = unicodedata.normalize("NFKC", text)
    return re.findall(r"[^\W\d_]+", text)


@pytest.fixture
def rendered(services, small, tmp_path):
    model = build_report_model(services, small["report"].id)
    model.forward_plan = f"{HEBREW}\n\n{ARABIC}"
    path = tmp_path / "rtl.pdf"
    path.write_bytes(render_pdf(model))
    return path


def test_right_to_left_commentary_extracts_in_logical_order(rendered):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils, installed by scripts/test.sh) is missing")
    out = subprocess.run(["pdftotext", str(rendered), "-"], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    words = _words(out)
    assert any(0xFE70 <= ord(c) <= 0xFEFF for c in out)  # Arabic printed joined
    for text in (HEBREW, ARABIC):
        expected = _words(text)
        starts = [i for i in range(len(words)) if words[i:i + len(expected)] == expected]
        assert starts, (text, " ".join(words))


def test_right_to_left_paragraphs_are_tagged_with_their_language(rendered):
    doc = TaggedPdf(rendered.read_bytes())
    tagged = {n.lang: n.role for n in doc.walk() if n.lang}
    assert tagged == {"he": "P", "ar": "P"}
