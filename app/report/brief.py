"""The chair's pre-meeting brief: a short PDF of the chair's pack, exceptions first (Red and
Amber items, then overdue figures, what changed and the open actions).

Built on the board report's renderer (app/report/render.py): its styles, fonts, escaping,
tables, RAG cells, page furniture and tagging; only the story differs.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.chairs_pack import COMMENTARY_MISSING, ChairsPack, action_line
from app.report import fonts
from app.report import wording as W
from app.report.model import BoardReport, ordinal_date
from app.report.options import ReportOptions
from app.report.render import _Renderer
from app.report.tagged import TaggedParagraph as Paragraph
from app.report.text import inline

MOST_LINES = 40  # per list: the brief stays short; `boardpack changes` gives everything
RED_AMBER_HEAD = ("Item", "RAG", "Figures, rating and commentary")
NO_RED_AMBER = "Nothing is rated Red or Amber for this meeting."
NOTHING_OVERDUE = "No figure due for this meeting is overdue."
NO_ACTIONS = "No actions are open."


def brief_title(pack: ChairsPack) -> str:
    return f"Chair's brief for the meeting on {ordinal_date(pack.meeting.held_on)}"


def render_brief(pack: ChairsPack) -> bytes:
    """The brief's bytes (the same pack always gives the same bytes)."""
    fonts.register()
    return _BriefRenderer(pack).render()


class _BriefRenderer(_Renderer):
    def __init__(self, pack: ChairsPack):
        model = BoardReport(report_id="", plan_title=pack.plan.title, title=brief_title(pack),
                            report_from=pack.plan.board, organisation=pack.plan.board,
                            agenda_ref=pack.meeting.agenda_ref)
        super().__init__(model, ReportOptions(), None)
        self.pack = pack

    def story(self) -> list[Flowable]:
        p = self.pack
        s: list[Flowable] = [Paragraph(inline(self.m.title, links=False), self.st["title"],
                                       role="H1"),
                             Paragraph(inline(f"{p.plan.title}. {p.changes.heading()}."),
                                       self.st["body"])]
        s += self.red_amber()
        s += self.overdue()
        s.append(self.heading("3. What changed since the previous meeting"))
        for title, changes in p.changes.sections():
            s += self.bullets(title, [c.line() for c in changes], "None.", style="cell",
                              role="H3")
        s += self.bullets("4. Open actions", [action_line(a) for a in p.actions], NO_ACTIONS)
        return s

    def red_amber(self) -> list[Flowable]:
        # Not kept with the table (it would move whole to the next page): as section 2 of
        # the board report.
        out: list[Flowable] = [self.heading("1. Red and Amber items", "h1free")]
        if not self.pack.items:
            return out + [Paragraph(NO_RED_AMBER, self.st["body"])]
        widths = [0.30 * self.width, 14 * mm, 0.70 * self.width - 14 * mm]
        rows: list[list] = [[self._label(h) for h in RED_AMBER_HEAD]]
        extra = []
        for i, item in enumerate(self.pack.items, start=1):
            name = f"<b>{inline(item.ref)}</b> {inline(item.title)}"
            detail: list[Flowable] = []
            if item.latest:
                against = f" against {item.target}" if item.target else ""
                detail.append(Paragraph(inline(f"Latest: {item.latest}{against}"),
                                        self.st["cell"]))
            detail.append(Paragraph(inline(f"Rating {item.rating}. {item.explanation}"),
                                    self.st["cell"]))
            if item.board:
                detail.append(Paragraph(f"<i>{inline(item.board)}</i>", self.st["cell"]))
            for c in item.changes:
                detail.append(Paragraph(inline("Changed: " + c.line().split(": ", 1)[-1]),
                                        self.st["cell"]))
            detail += self.user(item.commentary, "cell") if not item.commentary_missing else [
                Paragraph(f"<b>{COMMENTARY_MISSING}.</b>", self.st["cell"])]
            rows.append([Paragraph(name, self.st["cell"], keep=True), self.rag_cell(
                item.rag.value), detail])
            extra.append(self.rag_fill(1, i, item.rag.value))
        out.append(self.table(rows, widths, extra, header=True))
        out += [Spacer(1, 2 * mm), Paragraph(W.RAG_LEGEND, self.st["small"])]
        return out

    def overdue(self) -> list[Flowable]:
        out: list[Flowable] = [self.heading("2. Figures overdue")]
        due = self.pack.due
        if not due.missing():
            return out + [Paragraph(NOTHING_OVERDUE, self.st["body"])]
        room = MOST_LINES
        for lead in due.leads():
            late = [f for f in due.outstanding(lead) if f in due.missing()]
            if late and room > 0:
                out += self.bullets(f"{lead} ({len(late)})", [f.line() for f in late], "",
                                    style="cell", role="H3", most=room)
                room -= len(late)
        return out

    def bullets(self, title: str, lines: list[str], empty: str, *, style: str = "h1",
                role: str = "H2", most: int = MOST_LINES) -> list[Flowable]:
        heading = (self.heading(title) if style == "h1" else
                   self.heading(title, style, role=role, level=1, toc=False,
                                markup=f"<b>{inline(title, links=False)}</b>"))
        if not lines:
            return [KeepTogether([heading, Paragraph(inline(empty), self.st["cell"])])]
        key = object()
        shown = lines[:most]
        items: list[Flowable] = [Paragraph(inline(line), self.st["bullet"], label="•",
                                           list_key=key) for line in shown]
        if len(lines) > len(shown):
            items.append(Paragraph(inline(f"… and {len(lines) - len(shown)} more "
                                          "(the chair's pack in Boardpack lists them all)."),
                                   self.st["cell"]))
        return [KeepTogether([heading, items[0]]), *items[1:]]  # never a heading alone
