"""reportlab flowables that tag what they draw (see app.report.tagging): paragraphs and
headings, list items with their label, tables with header cells, figures and the contents.

Each keeps one structure element across a page break: a paragraph, list item or table split
over two pages is one element with content on both.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFName
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.tableofcontents import TableOfContents

from app.report.tagging import Element, Tagger


def tagger_of(canv) -> Tagger | None:
    return getattr(canv, "tagger", None)


class TaggedParagraph(Paragraph):
    """A paragraph as one element (P, H1, H2, TOCI, ...), or as a list item (LI with Lbl and
    LBody) when it has a label, which it draws itself in the hanging indent."""

    def __init__(self, text: Any, style: Any = None, *args: Any, role: str = "P",
                 label: str = "", list_key: object = None, keep: bool = False,
                 **kw: Any) -> None:
        super().__init__(text, style, *args, **kw)
        self.role, self.label, self.list_key = role, label, list_key
        self.keep = keep  # never split (a table row moves to the next page whole instead)
        self.key: object = object()
        self.continued = False
        self.plain = ""  # the text a link inside it is described by

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.keep:
            return []
        parts = super().split(availWidth, availHeight)
        for i, p in enumerate(parts):
            if isinstance(p, TaggedParagraph) and p is not self:
                p.role, p.label, p.list_key, p.key = self.role, self.label, self.list_key, self.key
                p.continued = self.continued or i > 0
                p.plain = self.plain
        return parts

    def drawOn(self, canv, x: float, y: float, _sW: float = 0) -> None:
        tagger = tagger_of(canv)
        if tagger is None:
            super().drawOn(canv, x, y, _sW)
            return
        start = len(canv._annotationrefs)
        if self.label:
            item = tagger.element("LI", self.key, parent=tagger.element("L", self.list_key))
            if not self.continued:
                with tagger.marked(canv, tagger.element("Lbl", parent=item)):
                    self._draw_label(canv, x, y)
            e = tagger.element("LBody", (self.key, "body"), parent=item)
        else:
            e = tagger.element(self.role, self.key)
        with tagger.marked(canv, e):
            super().drawOn(canv, x, y, _sW)
        tagger.annotations_since(canv, start, e, self.plain or self.role)

    def _draw_label(self, canv, x: float, y: float) -> None:
        st = self.style
        baseline = y + self.height - st.fontSize
        canv.saveState()
        canv.setFont(st.fontName, st.fontSize)
        canv.setFillColor(st.textColor)
        if self.label[:1].isalnum():  # numbers right-aligned against the text's indent
            canv.drawRightString(x + st.leftIndent - 4, baseline, self.label)
        else:
            canv.drawString(x + st.bulletIndent, baseline, self.label)
        canv.restoreState()


class _TableTags:
    """renderCB of a TaggedTable: tags rows and cells as they are drawn (reportlab calls it
    with the piece being drawn, so one structure serves every piece of a split table)."""

    def __init__(self, head_rows: int, head_cols: int, layout: bool) -> None:
        self.head_rows, self.head_cols, self.layout = head_rows, head_cols, layout
        self.table: Element | None = None
        self.tr: Element | None = None  # the row being drawn
        self.rid = 0  # its row in the whole table
        self.open: list[str] = []  # what each begun callback must end

    def __call__(self, t: TaggedTable, event: str, *args: Any) -> None:
        tagger = tagger_of(t.canv)
        if tagger is None:
            return
        canv = t.canv
        if event == "startTable" and not self.layout:
            self.table = tagger.element("Table", self)
        elif event in ("startBG", "startLines"):
            tagger.begin_artifact(canv)
        elif event in ("endBG", "endLines"):
            tagger.end_artifact(canv)
        elif event == "startRow":
            self._start_row(t, tagger, canv, args[0])
        elif event == "endRow":
            if self.open.pop() == "artifact":
                tagger.end_artifact(canv)
        elif event == "startCell":
            self._start_cell(t, tagger, canv, *args[:3])
        elif event == "endCell":
            what = self.open.pop()
            if what in ("artifact", "string-artifact"):
                tagger.end_artifact(canv)
            elif what == "string":
                tagger.end_marked(canv)
                tagger.stack.pop()
            elif what == "cell":
                tagger.stack.pop()

    def _start_row(self, t: TaggedTable, tagger: Tagger, canv, row: int) -> None:
        if row < t.repeated_rows:  # the header again on a later page: furniture
            tagger.begin_artifact(canv, "Pagination")
            self.open.append("artifact")
            return
        self.open.append("row")
        if self.layout:
            return
        rid = t.row_ids[row]
        section = "THead" if rid < self.head_rows else "TBody"
        owner = tagger.element(section, (self, section), parent=self.table)
        self.tr = tagger.element("TR", (self, "tr", rid), parent=owner)
        self.rid = rid

    def _start_cell(self, t: TaggedTable, tagger: Tagger, canv, row: int, col: int,
                    value: Any) -> None:
        empty = value in ("", None) or value == []
        if (row, col) in t.artifact_cells or self.open[-1] == "artifact" or (
                self.layout and empty):
            tagger.begin_artifact(canv, "Pagination" if not empty else "Layout")
            self.open.append("artifact")
            return
        if self.layout:
            cell = tagger.current
        else:
            head_row, head_col = self.rid < self.head_rows, col < self.head_cols
            if head_row or head_col:
                scope = "Column" if head_row else "Row"
                cell = tagger.element("TH", (self, "cell", self.rid, col), parent=self.tr,
                                      Scope=PDFName(scope))
            else:
                cell = tagger.element("TD", (self, "cell", self.rid, col), parent=self.tr)
        tagger.stack.append(cell)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            if empty:
                tagger.stack.pop()
                tagger.begin_artifact(canv)
                self.open.append("string-artifact")
                return
            tagger.begin_marked(canv, cell if not self.layout else tagger.element("P"))
            self.open.append("string")
        else:
            self.open.append("cell")


class TaggedTable(Table):
    """A table tagged as Table/THead/TBody/TR/TH/TD (header rows and a header column get TH
    with /Scope), or, with layout=True, a layout grid whose cells' contents are tagged as
    they come. Cell fills and rules are artifacts; a header repeated on a later page is an
    artifact; `continued(row) -> {column: cell}` gives the cells a row split over a page
    break shows again on the next page (its number and RAG), drawn as artifacts."""

    def __init__(self, data: list, *args: Any, head_rows: int = 0, head_cols: int = 0,
                 layout: bool = False, continued: Any = None, **kw: Any) -> None:
        if "renderCB" not in kw or kw["renderCB"] is None:
            kw["renderCB"] = _TableTags(head_rows, head_cols, layout)
        super().__init__(data, *args, **kw)
        self.row_ids = list(range(len(data)))
        self.repeated_rows = 0
        self.artifact_cells: set[tuple[int, int]] = set()
        self.continued = continued

    def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list:  # noqa: N802
        parts = super()._splitRows(availHeight, doInRowSplit)
        if len(parts) != 2:
            return parts
        first, rest = parts
        n0 = len(first._cellvalues)
        header = rest.repeatRows if isinstance(rest.repeatRows, int) else 0
        n1 = len(rest._cellvalues) - header
        in_row = n0 + n1 == len(self._cellvalues) + 1
        first.row_ids = self.row_ids[:n0]
        first.repeated_rows = self.repeated_rows
        first.artifact_cells = {c for c in self.artifact_cells if c[0] < n0}
        rest.row_ids = self.row_ids[:header] + self.row_ids[n0 - in_row:]
        rest.repeated_rows = header
        rest.continued = first.continued = self.continued
        if in_row and self.continued:
            row = self.row_ids[n0 - 1]
            for col, cell in self.continued(row).items():
                if _empty(rest._cellvalues[header][col]):  # never drop what did not fit
                    rest._cellvalues[header][col] = cell
                    rest.artifact_cells.add((header, col))
        return parts


def _empty(cell: Any) -> bool:
    if isinstance(cell, list | tuple):
        return all(_empty(c) for c in cell)
    return cell in ("", None)


class TaggedFigure(Flowable):
    """A drawing or image tagged as a Figure with its text alternative."""

    def __init__(self, inner: Flowable, alt: str) -> None:
        super().__init__()
        self.inner, self.alt = inner, alt
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def drawOn(self, canv, x: float, y: float, _sW: float = 0) -> None:
        tagger = tagger_of(canv)
        if tagger is None:
            self.inner.drawOn(canv, x, y, _sW)
            return
        e = tagger.element("Figure", alt=self.alt, O=PDFName("Layout"),
                           BBox=PDFArray([round(x, 2), round(y, 2), round(x + self.width, 2),
                                          round(y + self.height, 2)]))
        with tagger.marked(canv, e):
            self.inner.drawOn(canv, x, y, _sW)


class TaggedContents(TableOfContents):
    """The contents page as a TOC of TOCI entries, each linking to its section."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        super().wrap(availWidth, availHeight)
        rows = []
        for row in self._table._cellvalues:
            cell = row[0]
            if isinstance(cell, list | tuple) and len(cell) == 1:
                cell = cell[0]
            if isinstance(cell, Paragraph):
                p = TaggedParagraph(cell.text, cell.style, role="TOCI")
                p.plain = "Go to " + _plain(cell.text)
                rows.append([p])
            else:
                rows.append(row)
        self._table = TaggedTable(rows, colWidths=(availWidth,), style=self.tableStyle,
                                  layout=True)
        self._table.setStyle([("FONT", (0, 0), (-1, -1), self.levelStyles[0].fontName)])
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def drawOn(self, canv, x: float, y: float, _sW: float = 0) -> None:
        tagger = tagger_of(canv)
        if tagger is None:
            super().drawOn(canv, x, y, _sW)
            return
        with tagger.inside(tagger.element("TOC", self)):
            self._table.drawOn(canv, x, y, _sW)


def _plain(markup: str) -> str:
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", markup)).strip()

