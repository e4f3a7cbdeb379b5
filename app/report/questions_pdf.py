""""Questions for the meeting" as a short PDF in the board report's type and styles, with
every question and answer escaped as the report escapes plan text. Never part of the board
report itself."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate

from app.question_service import ListedQuestion
from app.report import fonts
from app.report.render import _styles
from app.report.text import inline

PRIMARY = colors.HexColor("#1F4E9A")


def render_questions_pdf(heading: str, listed: list[ListedQuestion]) -> bytes:
    fonts.register()
    styles = _styles(PRIMARY)
    story = [Paragraph(inline(heading, links=False), styles["title"])]
    for i, lq in enumerate(listed, start=1):
        story.append(KeepTogether(
            [Paragraph(f"{i}. {inline(lq.about, links=False)}", styles["h1"])]
            + [Paragraph(inline(line), styles["body"]) for line in lq.lines()]))
    if not listed:
        story.append(Paragraph("No questions.", styles["body"]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, invariant=1,
                            title="Questions for the meeting", author="Boardpack")
    doc.build(story)
    return out.getvalue()
