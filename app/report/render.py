"""The board report as a PDF (reportlab platypus), in the structure of the board's own
reports: header table, priorities, 1. progress on priority work, 2. Red and Amber items,
3. other items, 4. forward plan; optional appendices (RAG summary, charts).

reportlab is imported only when this module is: never at application start-up.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)

from app.chart_geometry import rag_symbol
from app.chart_spec import RAG_COLOURS, RAG_TEXT_COLOURS
from app.domain import RAG
from app.plain_text import escape_markup
from app.report import fonts
from app.report import wording as W
from app.report.charts import draw_chart
from app.report.model import BoardReport
from app.report.options import ReportOptions
from app.report.progress import ReportCancelled
from app.report.rtl import RtlParagraph, has_rtl
from app.report.tagged import TaggedContents, TaggedFigure, TaggedTable
from app.report.tagged import TaggedParagraph as Paragraph  # every paragraph is tagged
from app.report.tagging import Tagger
from app.report.text import blocks, clean, inline

Progress = Callable[[int, int], bool]
MARGIN = 18 * mm
NEAR_EMPTY = 0.15  # a last page filled less than this is worth a tighter second try
LEGEND = f"{W.RAG_LEGEND} {W.TREND_LEGEND}"


def render_pdf(model: BoardReport, options: ReportOptions | None = None, *,
               progress: Progress | None = None) -> bytes:
    """The PDF's bytes. The same model and options always give the same bytes."""
    options = options or ReportOptions()
    fonts.register()
    r = _Renderer(model, options, progress)
    return r.render()


class _Renderer:
    def __init__(self, model: BoardReport, options: ReportOptions, progress: Progress | None):
        self.m, self.o, self.progress = model, options, progress
        self.page_size = A4 if options.page_size == "A4" else LETTER
        self.width = self.page_size[0] - 2 * MARGIN
        self.primary = colors.HexColor(options.primary_colour)
        self.accent = colors.HexColor(options.accent_colour)
        self.st = _styles(self.primary)
        self.done = 0
        self.total = 1
        self.headings = 0

    # -- progress ------------------------------------------------------------------------
    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.progress and self.progress(min(self.done, self.total), self.total) is False:
            raise ReportCancelled("The report was cancelled.")

    # -- the document --------------------------------------------------------------------
    def render(self) -> bytes:
        pdf, pages, used = self.build()
        if pages > 1 and used < NEAR_EMPTY:  # try a little tighter before leaving a last
            self.st = _styles(self.primary, tight=True)  # page nearly empty
            tighter, fewer, _ = self.build()
            if fewer < pages:
                pdf = tighter
        if self.progress:
            self.progress(self.total, self.total)
        return pdf

    def build(self) -> tuple[bytes, int, float]:
        """The PDF, its page count and how much of the last page's frame it uses (0-1)."""
        self.headings = 0
        passes = 2 if self.o.contents else 1
        self.total = len(self.m.charts) + 20 + len(self.m.red_amber)  # refined below
        story = self.story()
        self.total = len(self.m.charts) + len(story) * passes
        buf = io.BytesIO()
        doc = _Doc(buf, self, pagesize=self.page_size, leftMargin=MARGIN, rightMargin=MARGIN,
                   topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm,
                   title=clean(self.m.title), author=clean(self.m.report_from),
                   subject=clean(self.m.plan_title), creator="Boardpack", invariant=1,
                   lang="en-GB")
        maker = _canvas_maker(self)
        if self.o.contents:
            doc.multiBuild(story, canvasmaker=maker, maxPasses=4)
        else:
            doc.build(story, canvasmaker=maker)
        return buf.getvalue(), doc.page, doc.used

    def story(self) -> list[Flowable]:
        s: list[Flowable] = []
        if self.o.contents:
            s += self.contents_page()
        s += self.title_block()
        s.append(self.header_table())
        s += self.section1()
        s += self.section2()
        s += self.text_section(W.SECTION_3, self.m.other_items)
        s += self.text_section(W.SECTION_4, self.m.forward_plan)
        for i, extra in enumerate(self.m.extra_sections, start=5):
            s += self.text_section(f"{i}. {extra.label}", extra.text)
        if self.m.summary:
            s += self.summary_section()
        if self.m.charts:
            s += self.chart_section()
        return s

    # -- building blocks -----------------------------------------------------------------
    def heading(self, text: str, style: str = "h1", *, role: str = "H2", level: int = 0,
                toc: bool = True, bookmark: bool = True, markup: str = "") -> Paragraph:
        markup = markup or inline(text, links=False)
        p = Paragraph(markup, self.st[style], role=role)
        if bookmark:
            self.headings += 1
            # Bookmarks take plain text; the contents page parses its entries as markup.
            p._bp_outline = (clean(text), markup, f"h{self.headings}", level, toc)
        return p

    def user(self, text: str, style: str = "body") -> list[Flowable]:
        out: list[Flowable] = []
        st = self.st[style]
        items: object = None  # the list the items since the last paragraph belong to
        for b in blocks(text):
            if b.kind == "para":
                items = None
                out.append(RtlParagraph(b.text, st) if has_rtl(b.text) else
                           Paragraph(b.markup, st))
                continue
            if items is None:
                items = object()
            if b.kind == "bullet":
                out.append(Paragraph(b.markup, self.st["bullet"], label="•", list_key=items))
            else:
                out.append(Paragraph(b.markup, self.st["number"], label=b.label,
                                     list_key=items))
        return out or [Paragraph("", st)]

    def table(self, rows: list[list], widths: list[float], extra: list | None = None,
              header: bool = False, continued=None) -> TaggedTable:
        """A table whose first row (header=True) or else first column holds the headers."""
        t = TaggedTable(rows, colWidths=widths, splitInRow=1, splitByRow=0,
                        repeatRows=1 if header else 0, hAlign="LEFT",
                        head_rows=1 if header else 0, head_cols=0 if header else 1,
                        continued=continued)
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#7F7F7F")),
                 ("FONT", (0, 0), (-1, -1), fonts.REGULAR),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                 ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), self.accent))
        t.setStyle(TableStyle(style + (extra or [])))
        return t

    def rag_cell(self, rag_value: str, style: str = "rag") -> Paragraph:
        letter = RAG(rag_value).letter
        colour = RAG_TEXT_COLOURS.get(rag_value, "#000000")
        return Paragraph(f'<font color="{colour}"><b>{letter}</b> {rag_symbol(rag_value)}</font>',
                         self.st[style])

    def rag_fill(self, col: int, row: int, rag_value: str) -> tuple:
        return ("BACKGROUND", (col, row), (col, row),
                colors.HexColor(RAG_COLOURS.get(rag_value, "#999999")))

    # -- pages ---------------------------------------------------------------------------
    def contents_page(self) -> list[Flowable]:
        toc = TaggedContents()
        toc.levelStyles = [self.st["toc1"], self.st["toc2"]]
        toc.dotsMinLevel = 0
        out: list[Flowable] = self.org_line()
        out += [Paragraph(inline(self.m.title, links=False), self.st["title"], role="H1"),
                Spacer(1, 4 * mm),
                Paragraph("Contents", self.st["h1"], role="H2"), toc, PageBreak()]
        return out

    def org_line(self) -> list[Flowable]:
        cells: list[Flowable] = []
        if self.o.organisation or self.m.organisation:
            cells.append(Paragraph(inline(self.m.organisation or self.o.organisation,
                                          links=False), self.st["org"]))
        logo = self.logo()
        if not cells and logo is None:
            return []
        row = [cells or "", logo or ""]
        t = TaggedTable([row], colWidths=[self.width - 45 * mm, 45 * mm], hAlign="LEFT",
                        layout=True)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("FONT", (0, 0), (-1, -1), fonts.REGULAR),
                               ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        return [t, Spacer(1, 3 * mm)]

    def logo(self) -> Flowable | None:
        if not self.m.logo_png:
            return None
        from reportlab.lib.utils import ImageReader

        data = base64.b64decode(self.m.logo_png)
        iw, ih = ImageReader(io.BytesIO(data)).getSize()
        h = 16 * mm
        w = min(45 * mm, h * iw / ih)
        owner = clean(self.m.organisation or self.o.organisation)
        return TaggedFigure(Image(io.BytesIO(data), width=w, height=w * ih / iw),
                            f"Logo of {owner}" if owner else "Logo")

    def title_block(self) -> list[Flowable]:
        out = [] if self.o.contents else self.org_line()
        out.append(Paragraph(inline(self.m.title, links=False), self.st["title"], role="H1"))
        out += [Paragraph(escape_markup(line), self.st["body"]) for line in W.issue_lines(self.m)]
        out.append(Spacer(1, 3 * mm))
        return out

    def header_table(self) -> TaggedTable:
        label_w = 52 * mm
        rows = []
        for f in self.m.header:
            text = f.text
            cell = self.user(text, "cell")  # dates as ordinal_date prints them, all alike
            rows.append([Paragraph(f"<b>{inline(f.label, links=False)}</b>", self.st["cell"]),
                         cell])
        rows.append([Paragraph(f"<b>{inline(self.m.priorities_label, links=False)}</b>",
                               self.st["cell"]), self.priorities()])
        return self.table(rows, [label_w, self.width - label_w],
                          [("BACKGROUND", (0, 0), (0, -1), self.accent)])

    def priorities(self) -> list[Flowable]:
        out: list[Flowable] = []
        for parts in W.priority_parts(self.m):
            outcomes = object()  # the list this priority's outcomes make
            for part in parts:
                if part.kind in ("head", "focus"):
                    out.append(Paragraph(f"<b>{inline(part.text)}</b>", self.st["cell"]))
                elif part.kind == "text":
                    out += self.user(part.text, "cell")
                else:
                    out.append(Paragraph(inline(part.text), self.st["number"],
                                         label=clean(part.label), list_key=outcomes))
            out.append(Spacer(1, 2))
        if self.m.priorities_text.strip():
            return out or [Paragraph("", self.st["cell"])]
        return out or [Paragraph("No priorities are recorded in the plan.", self.st["cell"])]

    def section1(self) -> list[Flowable]:
        out: list[Flowable] = [self.heading(W.SECTION_1)]
        if self.m.intro.strip():
            out += self.user(self.m.intro)
        if not self.m.focus:
            out.append(Paragraph(W.NO_PROGRESS, self.st["body"]))
        label_w = 38 * mm
        for fb in self.m.focus:
            rows = [
                [self._label("Priority"), Paragraph(f"<b>{inline(fb.priority)}</b>",
                                                    self.st["cell"])],
                [self._label("Focus"), self.user(fb.focus, "cell")],
                [self._label("Deliverable"), self.user(fb.deliverables, "cell")],
                [self._label("Progress report"), self.user(fb.progress, "cell")],
            ]
            out.append(self.table(rows, [label_w, self.width - label_w],
                                  [("BACKGROUND", (0, 0), (0, -1), self.accent)]))
            out.append(Spacer(1, 4 * mm))
        return out

    def _label(self, text: str) -> Paragraph:
        return Paragraph(f"<b>{text}</b>", self.st["cell"])

    def section2(self) -> list[Flowable]:
        # Not kept with the table (reportlab would move heading and table to a new page,
        # leaving a third of a page empty): start the table here if a few rows fit.
        out: list[Flowable] = [CondPageBreak(45 * mm), self.heading(
            W.SECTION_2, "h1free")]
        if not self.m.red_amber:
            out.append(Paragraph(W.NO_RED_AMBER, self.st["body"]))
            return out
        widths = [0.34 * self.width, 14 * mm, 0.66 * self.width - 14 * mm]
        rows: list[list] = [[self._label(h) for h in W.RED_AMBER_HEAD]]
        extra = []
        for i, r in enumerate(self.m.red_amber, start=1):
            name = f"<b>{inline(r.number)}</b> {inline(r.title)}" if r.number else inline(
                r.title)
            commentary = self.user(r.commentary, "cell") if r.commentary.strip() else [
                Paragraph(f"<i>{W.NO_COMMENTARY}</i>", self.st["cell"])]
            rows.append([Paragraph(name, self.st["cell"], keep=True), self.rag_cell(r.rag),
                         commentary])
            extra.append(self.rag_fill(1, i, r.rag))
        out.append(self.table(rows, widths, extra, header=True, continued=self._continued_row))
        out.append(Spacer(1, 2 * mm))
        out.append(Paragraph(W.RAG_LEGEND, self.st["small"]))
        return out

    def _continued_row(self, row: int) -> dict[int, Flowable]:
        """What a Red/Amber row split over a page break shows again on the next page."""
        r = self.m.red_amber[row - 1]
        number = inline(r.number or r.title[:30])
        return {0: Paragraph(f"<b>{number}</b> (continued)", self.st["cell"]),
                1: self.rag_cell(r.rag)}

    def text_section(self, title: str, text: str) -> list[Flowable]:
        out: list[Flowable] = [self.heading(title)]
        out += self.user(text) if text.strip() else [
            Paragraph(W.NOTHING, self.st["body"])]
        return out

    def summary_section(self) -> list[Flowable]:
        out: list[Flowable] = [PageBreak(), self.heading(W.APPENDIX_A)]
        if self.m.as_of:
            out.append(Paragraph(W.as_of_line(self.m.as_of), self.st["small"]))
        w = self.width
        widths = [14 * mm, w - 14 * mm - 20 * mm - 17 * mm - 30 * mm - 11 * mm - 13 * mm,
                  20 * mm, 17 * mm, 30 * mm, 11 * mm, 13 * mm]
        head = W.SUMMARY_HEAD
        rows: list[list] = [[Paragraph(f"<b>{h}</b>", self.st["small"]) for h in head]]
        extra = []
        for i, r in enumerate(self.m.summary, start=1):
            title = [Paragraph(inline(r.title), self.st["small"])]
            if r.board_note:
                title.append(Paragraph(f"<i>{inline(r.board_note)}</i>", self.st["small"]))
            rag_cell = [self.rag_cell(r.rag, "ragsmall")]
            if r.automatic:
                rag_cell.append(Paragraph(W.automatic_mark(r.automatic), self.st["centre"]))
            rows.append([Paragraph(inline(r.ref), self.st["small"]), title,
                         Paragraph(inline(r.latest), self.st["small"]),
                         Paragraph(inline(r.period), self.st["small"]),
                         Paragraph(inline(r.target), self.st["small"]),
                         rag_cell, Paragraph(r.arrow, self.st["centre"])])
            extra.append(self.rag_fill(5, i, r.rag))
        out.append(self.table(rows, widths, extra, header=True))
        out.append(Spacer(1, 2 * mm))
        out.append(Paragraph(LEGEND, self.st["small"]))
        return out

    def chart_section(self) -> list[Flowable]:
        out: list[Flowable] = [PageBreak(),
                               self.heading(W.charts_appendix(bool(self.m.summary)))]
        for spec in self.m.charts:
            name = f"{spec.name} {spec.title}".strip()
            out.append(KeepTogether([
                self.heading(name, "cell", role="H3", level=1, toc=False,
                             markup=f"<b>{inline(spec.name)}</b> {inline(spec.title)}"),
                TaggedFigure(draw_chart(spec, self.width, 150), clean(spec.text_alternative())),
                Paragraph(inline(spec.text_alternative()), self.st["alt"]),
                Spacer(1, 3 * mm),
            ]))
            self.tick()
        return out

    # -- page furniture ------------------------------------------------------------------
    def watermark(self, canv: Canvas) -> None:
        """DRAFT across the page, drawn last so cell fills cannot hide it."""
        canv.saveState()
        canv.setFillColor(colors.Color(0.55, 0.55, 0.55, alpha=0.3))
        canv.setFont(fonts.BOLD, 110)
        w, h = self.page_size
        canv.translate(w / 2, h / 2)
        canv.rotate(45)
        canv.drawCentredString(0, -35, "DRAFT")
        canv.restoreState()

    def footer(self, canv: Canvas, page: int, pages: int) -> None:
        """Left: organisation (or the draft notice); centre: the agenda reference, shrunk
        or shortened to fit between the sides; right: "Page N of M"."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        w, _ = self.page_size
        y = MARGIN - 4 * mm
        canv.saveState()
        canv.setFillColor(colors.HexColor("#333333"))
        right = f"Page {page} of {pages}"
        canv.setFont(fonts.REGULAR, 8)
        canv.drawRightString(w - MARGIN, y, right)
        left = self.m.organisation or self.o.organisation
        if self.o.draft:
            left = "DRAFT – not for circulation" + (f" · {left}" if left else "")
        left = _fit(clean(left), fonts.REGULAR, 8, 0.42 * (w - 2 * MARGIN)) if left else ""
        if left:
            canv.drawString(MARGIN, y, left)
        ref = clean(self.m.agenda_ref).replace("\n", " ")
        if ref:
            side = max(stringWidth(left, fonts.REGULAR, 8), stringWidth(right, fonts.REGULAR, 8))
            room = w - 2 * MARGIN - 2 * side - 24
            size = 9.0
            while size > 6 and stringWidth(ref, fonts.BOLD, size) > room:
                size -= 0.5
            canv.setFont(fonts.BOLD, size)
            canv.drawCentredString(w / 2, y, _fit(ref, fonts.BOLD, size, room))
        canv.restoreState()


def _fit(text: str, font: str, size: float, room: float) -> str:
    """The text, shortened with "…" to fit the room."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


class _Doc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, renderer: _Renderer, **kw):
        super().__init__(buf, **kw)
        self.r = renderer
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame])])

    @property
    def used(self) -> float:
        """How much of the current frame is filled (0-1)."""
        f = self.frame
        return (f._y2 - f._y) / (f._y2 - f._y1)

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "_bp_outline", None)
        if outline:
            plain, markup, key, level, toc = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(plain, key, level=level, closed=False)
            if toc:
                self.notify("TOCEntry", (level, markup, self.page, key))
        self.r.tick()


FOOTER_SLOT = "%boardpack-footer"  # a comment line in each page's stream, replaced at save


def _canvas_maker(r: _Renderer):
    created = r.m.created

    class TaggedCanvas(Canvas):
        """Writes each page at once (so bookmarks and links point at their own page) and
        fills in the footers, which need the page count, when the document is saved."""

        def __init__(self, *args, **kw):
            kw["initialFontName"] = fonts.REGULAR  # reportlab's default is Helvetica
            super().__init__(*args, **kw)
            self.tagger = Tagger()
            if created:
                stamp = datetime.fromisoformat(created)
                text = f"D:{stamp:%Y%m%d%H%M%S}+00'00'"
                self.setDateFormatter(lambda *a: text)

        def showPage(self) -> None:
            if r.o.draft:
                with self.tagger.artifact(self, "Pagination", "Watermark"):
                    r.watermark(self)
            self._code.append(FOOTER_SLOT)
            super().showPage()
            self.tagger.next_page()

        def save(self) -> None:
            pages = self._doc.Pages.pages
            code = self._code
            for number, page in enumerate(pages, start=1):
                self._code = []
                with self.tagger.artifact(self, "Pagination", "Footer"):
                    r.footer(self, number, len(pages))
                page.stream = page.stream.replace(FOOTER_SLOT, "\n".join(self._code), 1)
            self._code = code
            self.tagger.write(self, title=clean(r.m.title), lang="en-GB",
                              created=created, producer=self._doc.info.producer)
            super().save()

    return TaggedCanvas


def _styles(primary: colors.Color, *, tight: bool = False) -> dict[str, ParagraphStyle]:
    """The report's paragraph styles; `tight` sets body and cell text a little closer."""
    k = 0.95 if tight else 1.0
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10, leading=13.2 * k,
                          spaceAfter=5 * k, splitLongWords=1)
    cell = ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12.4 * k,
                          spaceAfter=3 * k)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, spaceAfter=1)
    return {
        "body": base,
        "cell": cell,
        "small": small,
        "centre": ParagraphStyle("centre", parent=small, alignment=TA_CENTER, fontSize=9),
        "rag": ParagraphStyle("rag", parent=cell, alignment=TA_CENTER, fontSize=12,
                              leading=14),
        "ragsmall": ParagraphStyle("ragsmall", parent=small, alignment=TA_CENTER, fontSize=9),
        "bullet": ParagraphStyle("bullet", parent=cell, leftIndent=12, bulletIndent=2),
        "number": ParagraphStyle("number", parent=cell, leftIndent=22, bulletIndent=0),
        "alt": ParagraphStyle("alt", parent=small, textColor=colors.HexColor("#444444"),
                              fontSize=8, leading=10),
        "org": ParagraphStyle("org", parent=base, fontName=fonts.BOLD, fontSize=11,
                              textColor=primary, spaceAfter=0),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=15,
                                leading=19, textColor=primary, spaceAfter=4),
        "h1": ParagraphStyle("h1", parent=base, fontName=fonts.BOLD, fontSize=12.5,
                             leading=16, textColor=primary, spaceBefore=10, spaceAfter=6,
                             keepWithNext=1),
        "h1free": ParagraphStyle("h1free", parent=base, fontName=fonts.BOLD, fontSize=12.5,
                                 leading=16, textColor=primary, spaceBefore=10, spaceAfter=6),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=10.5, leading=15,
                               leftIndent=4, firstLineIndent=0),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9.5, leading=13,
                               leftIndent=18, firstLineIndent=0),
    }
