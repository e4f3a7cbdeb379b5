"""The board report as one self-contained HTML file: the PDF's twin from the same model, for
the council's website. Semantic and readable without its stylesheet: one h1, sections as h2,
real tables (th with scope), lists as lists, charts as inline SVG with their text
alternative, the page language and title; printable.
"""

from __future__ import annotations

import re

from app.chart_geometry import rag_symbol
from app.chart_spec import RAG_COLOURS, RAG_TEXT_COLOURS, ChartSpec
from app.domain import RAG
from app.plain_text import escape_markup as esc
from app.report import wording as W
from app.report.model import BoardReport
from app.report.options import ReportOptions
from app.report.text import CONTROL, URL, blocks

_STYLE = """
body{font-family:"DejaVu Sans",Verdana,sans-serif;max-width:60em;margin:1em auto;
padding:0 1em;line-height:1.4;color:#111}
h1,h2,h3{color:%(primary)s}td.rag abbr{text-decoration:none}
table{border-collapse:collapse;width:100%%;margin:.5em 0 1em}
th,td{border:1px solid #7f7f7f;padding:.3em .4em;text-align:left;vertical-align:top}
thead th,th[scope=row]{background:%(accent)s}.rag{text-align:center;font-weight:bold}
td>p:first-child,td>ul:first-child,td>ol:first-child{margin-top:0}
ul.outcomes{list-style:none;padding-left:1em}figure{margin:1em 0}
svg{max-width:100%%;height:auto}footer{margin-top:2em;color:#333}
@media print{body{max-width:none;margin:0}tr,figure{break-inside:avoid}}
"""


def tidy(text: object) -> str:
    """User text with line ends normalised and control characters dropped."""
    return CONTROL.sub("", str(text or "").replace("\r\n", "\n").replace("\r", "\n"))


def inline(text: object) -> str:
    """One run of user text as HTML: escaped, URLs linked, line breaks kept."""
    s, parts, pos = tidy(text), [], 0
    for m in URL.finditer(s):
        parts.append(esc(s[pos:m.start()]))
        parts.append(f'<a href="{esc(m.group(0))}">{esc(m.group(0))}</a>')
        pos = m.end()
    parts.append(esc(s[pos:]))
    return "".join(parts).replace("\n", "<br>")


def user(text: object, empty: str = "") -> str:
    """User text as paragraphs and lists."""
    out: list[str] = []
    open_list = ""
    for b in blocks(text, markup=inline, tidy=tidy):
        kind = {"bullet": "ul", "number": "ol"}.get(b.kind, "")
        if kind != open_list:
            if open_list:
                out.append(f"</{open_list}>")
            if kind:
                out.append(f"<{kind}>")
            open_list = kind
        if b.kind == "para":
            out.append(f"<p>{b.markup}</p>")
        elif b.kind == "number" and b.label.rstrip(".)").isdigit():
            out.append(f'<li value="{b.label.rstrip(".)")}">{b.markup}</li>')
        elif b.kind == "number":
            out.append(f"<li>{esc(b.label)} {b.markup}</li>")
        else:
            out.append(f"<li>{b.markup}</li>")
    if open_list:
        out.append(f"</{open_list}>")
    return "".join(out) or (f"<p>{esc(empty)}</p>" if empty else "")


def rag_cell(rag_value: str, extra: str = "") -> str:
    """The RAG cell: fill, letter (named for screen readers) and shape."""
    word = RAG(rag_value).word
    return (f'<td class="rag" style="background:{RAG_COLOURS.get(rag_value, "#999999")};'
            f'color:{RAG_TEXT_COLOURS.get(rag_value, "#000000")}">'
            f'<abbr title="{esc(word)}">{RAG(rag_value).letter}</abbr> '
            f'<span aria-hidden="true">{rag_symbol(rag_value)}</span>{extra}</td>')


def rag_legend() -> str:
    items = "".join(f"<li>{a} {b} {c}</li>" for a, b, c in W.RAG_KEY)
    return f'<ul class="legend" aria-label="RAG key">{items}</ul>'


def render_html(model: BoardReport, options: ReportOptions | None = None) -> str:
    """The report as HTML text (UTF-8). The same model gives the same text."""
    o = options or ReportOptions()
    style = _STYLE % {"primary": o.primary_colour, "accent": o.accent_colour}
    body: list[str] = []
    org = model.organisation or o.organisation
    if org or model.logo_png:
        logo = (f'<img src="data:image/png;base64,{model.logo_png}" alt="Logo of {esc(org)}"'
                ' height="60">' if model.logo_png else "")
        body.append(f"<header><p><strong>{esc(tidy(org))}</strong></p>{logo}</header>")
    body.append(f"<main><h1>{inline(model.title)}</h1>")
    body += [f"<p>{esc(line)}</p>" for line in W.issue_lines(model)]
    body.append(_header(model))
    body.append(_section1(model))
    body.append(_section2(model))
    body.append(_text(W.SECTION_3, model.other_items))
    body.append(_text(W.SECTION_4, model.forward_plan))
    for i, extra in enumerate(model.extra_sections, start=5):
        body.append(_text(f"{i}. {extra.label}", extra.text))
    if model.summary:
        body.append(_summary(model))
    if model.charts:
        body.append(_charts(model.charts, bool(model.summary)))
    body.append("</main>")
    if model.agenda_ref:
        body.append(f"<footer><p>{esc(tidy(model.agenda_ref))}</p></footer>")
    return ('<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(tidy(model.title))}</title><style>{style}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def _row_head(label: str, cell: str) -> str:
    return f'<tr><th scope="row">{inline(label)}</th><td>{cell}</td></tr>'


def _header(model: BoardReport) -> str:
    rows = [_row_head(f.label, user(f.text)) for f in model.header]
    rows.append(_row_head(model.priorities_label, _priorities(model)))
    return f"<table>{''.join(rows)}</table>"


def _priorities(model: BoardReport) -> str:
    out: list[str] = []
    for parts in W.priority_parts(model):
        outcomes: list[str] = []
        for part in parts:
            if part.kind == "outcome":
                outcomes.append(f"<li>{esc(part.label)} {inline(part.text)}</li>")
                continue
            if outcomes:
                out.append(f'<ul class="outcomes">{"".join(outcomes)}</ul>')
                outcomes = []
            if part.kind == "text":
                out.append(user(part.text))
            else:
                out.append(f"<p><strong>{inline(part.text)}</strong></p>")
        if outcomes:
            out.append(f'<ul class="outcomes">{"".join(outcomes)}</ul>')
    return "".join(out) or "<p>No priorities are recorded in the plan.</p>"


def _section1(model: BoardReport) -> str:
    out = [f"<section><h2>{esc(W.SECTION_1)}</h2>", user(model.intro)]
    if not model.focus:
        out.append(f"<p>{W.NO_PROGRESS}</p>")
    for fb in model.focus:
        out.append("<table>" + _row_head("Priority", f"<strong>{inline(fb.priority)}</strong>")
                   + _row_head("Focus", user(fb.focus))
                   + _row_head("Deliverable", user(fb.deliverables))
                   + _row_head("Progress report", user(fb.progress)) + "</table>")
    return "".join(out) + "</section>"


def _section2(model: BoardReport) -> str:
    out = [f"<section><h2>{esc(W.SECTION_2)}</h2>"]
    if not model.red_amber:
        out.append(f"<p>{W.NO_RED_AMBER}</p>")
        return "".join(out) + "</section>"
    out.append(_thead(W.RED_AMBER_HEAD))
    for r in model.red_amber:
        name = (f"<strong>{inline(r.number)}</strong> {inline(r.title)}" if r.number
                else inline(r.title))
        out.append(f"<tr><td>{name}</td>{rag_cell(r.rag)}"
                   f"<td>{user(r.commentary, W.NO_COMMENTARY)}</td></tr>")
    out.append("</tbody></table>" + rag_legend())
    return "".join(out) + "</section>"


def _text(title: str, text: str) -> str:
    return f"<section><h2>{inline(title)}</h2>{user(text, W.NOTHING)}</section>"


def _thead(heads: tuple[str, ...]) -> str:
    cells = "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>"


def _summary(model: BoardReport) -> str:
    out = [f"<section><h2>{W.APPENDIX_A}</h2>"]
    if model.as_of:
        out.append(f"<p>{W.as_of_line(model.as_of)}</p>")
    out.append(_thead(W.SUMMARY_HEAD))
    for r in model.summary:
        note = f"<br><em>{inline(r.board_note)}</em>" if r.board_note else ""
        auto = f"<br>{W.automatic_mark(r.automatic)}" if r.automatic else ""
        out.append(f"<tr><td>{inline(r.ref)}</td><td>{inline(r.title)}{note}</td>"
                   f"<td>{inline(r.latest)}</td><td>{inline(r.period)}</td>"
                   f"<td>{inline(r.target)}</td>{rag_cell(r.rag, auto)}"
                   f"<td>{esc(r.arrow)}</td></tr>")
    out.append("</tbody></table><p>" + esc(W.TREND_LEGEND) + "</p>" + rag_legend())
    return "".join(out) + "</section>"


def _charts(charts: list[ChartSpec], with_summary: bool) -> str:
    out = [f"<section><h2>{W.charts_appendix(with_summary)}</h2>"]
    for n, spec in enumerate(charts, start=1):
        alt = tidy(spec.text_alternative())
        out.append(f"<figure><h3>{inline(spec.name)} {inline(spec.title)}</h3>"
                   f"{chart_svg(spec, f'chart-{n}', alt)}"
                   f'<figcaption id="chart-{n}-alt">{esc(alt)}</figcaption></figure>')
    return "".join(out) + "</section>"


def chart_svg(spec: ChartSpec, ident: str, alt: str) -> str:
    """The PDF's vector chart as inline SVG, announced as one image by its text alternative."""
    from reportlab.graphics import renderSVG

    from app.report.charts import draw_chart

    svg = renderSVG.drawToString(draw_chart(spec, 480, 150))
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"font-family:\s*BoardpackSans(-Bold)?", lambda m: "font-family: DejaVu Sans"
                 + ("; font-weight: bold" if m.group(1) else ""), svg)
    return svg.replace("<svg", f'<svg role="img" aria-labelledby="{ident}-title" '
                       f'id="{ident}"', 1).replace(
        ">", f'><title id="{ident}-title">{esc(alt)}</title>', 1)
