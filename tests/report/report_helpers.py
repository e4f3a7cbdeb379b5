"""Helpers for the board report tests (importable: this folder is on sys.path)."""

from __future__ import annotations

import io
import re
import struct
import zlib
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from app.domain import ComparatorKind, NodeKind, TargetOperator, Unit


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    """Text without whitespace, for finding phrases a PDF wrapped over lines."""
    return re.sub(r"\s+", "", text)


def build_small_plan(services) -> dict:
    """A plan with three indicators (R, A, G at the meeting) and a report."""
    plans, inds, ass = services.plans, services.indicators, services.assessments
    plan = plans.create_plan("Test Plan 2010-13", board="Test Children's Trust")
    pri = plans.add_node(plan.id, None, "Be Healthy", kind=NodeKind.PRIORITY, ref="A")
    out = plans.add_node(plan.id, pri.id, "Fewer injuries", kind=NodeKind.OUTCOME, ref="1")
    ni70 = inds.create_indicator(
        "Emergency admissions per 10,000", code="NI 70", node_id=out.id, unit=Unit.RATE,
        rate_base=10000, polarity="lower", decimals=1, tolerance=0.02)
    inds.set_value(ni70.id, "fy:2008", 106.5)
    inds.set_value(ni70.id, "fy:2009", 108.3)
    inds.add_target(ni70.id, "fy:2010", TargetOperator.AT_MOST, 104)
    inds.set_comparator(ni70.id, ComparatorKind.ENGLAND, "fy:2009", 100.2)
    amber = inds.create_indicator("Breastfeeding at 6-8 weeks", code="NI 53", ref="1.2",
                                  node_id=out.id, unit=Unit.PERCENT, polarity="higher")
    inds.set_value(amber.id, "fy:2009", 57.5)
    inds.add_target(amber.id, "fy:2009", TargetOperator.AT_LEAST, 60)
    green = inds.create_indicator("Small cohort count", code="T 1", node_id=out.id,
                                  unit=Unit.COUNT, polarity="higher", decimals=0)
    inds.set_value(green.id, "fy:2009", 3)
    inds.add_target(green.id, "fy:2009", TargetOperator.AT_LEAST, 2)
    meeting = ass.add_meeting(plan.id, date(2010, 6, 17), "Trust Board")
    ass.assess(meeting.id, ni70.id, commentary="Work with A&E on <b>falls</b> prevention.")
    ass.assess(meeting.id, amber.id, commentary="Peer supporters recruited.")
    ass.assess(meeting.id, green.id, commentary="On track.")
    report = services.reports.create_report(
        plan.id, "Report to the Health and Wellbeing Board", report_date=date(2010, 7, 1),
        report_from="Test Children's Trust", report_to="Health and Wellbeing Board",
        agenda_ref="HWB9", meeting_ids=[meeting.id],
        header={"HWB Priorities addressed in this report": "A Healthy Start in Life",
                "Contact officer": "Head of Performance"},
        focus_progress=[{"priority": "Be Healthy", "focus": "Injuries",
                         "deliverables": "1. Fewer admissions\n2. Safer homes",
                         "progress": "Campaign launched."}],
        sections={"other_items": "None.", "forward_plan": "Review in September."})
    return {"plan": plan, "ni70": ni70, "amber": amber, "green": green, "meeting": meeting,
            "report": report, "outcome": out}


WRITTEN_OTHER_ITEMS = (
    "The board agreed to keep its priorities for 2019-20.\n\n"
    "A SEND report was received. The actions noted:\n"
    "- Evidence that <b>90%</b> of plans are issued within 20 weeks & on time\n"
    "- Better use of data\n"
    "\n"
    "Progress is being made in all areas.")
WRITTEN_FORWARD_PLAN = "1. LGBT+ strategy in December\n2. Young carers in March"


def write_a_report(services, meeting_id: str):
    """A report written as the editor writes one: made for a meeting by new_report, then
    its fields edited (paragraphs, bullets, numbered items, text that looks like markup)."""
    meeting = services.assessments.meeting(meeting_id)
    report = services.reports.new_report(meeting.plan_id, [meeting_id],
                                         title="Report to the <i>Health</i> Board")
    focus = [*report.focus_progress,
             {"priority": "Be Supported", "focus": "Listen to young people",
              "deliverables": "- A survey by VOXY\n- Repeat it in January 2020",
              "progress": "Positive overall.\n\nSome feel unsupported <font size=40>."}]
    return services.reports.edit_report(
        report.id, report_to="Health and Wellbeing Board", agenda_ref="HWB14",
        report_date=date(2019, 6, 27), focus_progress=focus,
        sections={"intro": "One focus area per meeting.",
                  "other_items": WRITTEN_OTHER_ITEMS, "forward_plan": WRITTEN_FORWARD_PLAN})


def tiny_png(path: Path) -> Path:
    """A 4x2 blue PNG, written without any imaging library."""
    raw = b"".join(b"\x00" + b"\x1f\x38\x64" * 4 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2,
                                                                        0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


class Outline(HTMLParser):
    """Every start tag with its attributes, and the text inside each element kind."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.ids: dict[str, str] = {}
        self._id_stack: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in ("br", "img", "meta", "path", "line", "rect", "circle", "polygon",
                       "polyline"):
            self.open.append(tag)
            self._id_stack.append(a.get("id"))
            self.text.setdefault(tag, []).append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open:
                t = self.open.pop()
                ident = self._id_stack.pop()
                if ident:
                    self.ids[ident] = self.text[t][-1]
                if t == tag:
                    break

    def handle_data(self, data):
        for t in set(self.open):
            self.text[t][-1] += data

    def all(self, tag):
        return [a for t, a in self.tags if t == tag]


def check_web_page(page: str) -> Outline:
    """The board report's web page as every export must write it: a language, one h1,
    table headings with their scope, and each chart an SVG image with a text alternative.
    Returns the parsed page for further checks."""
    doc = Outline()
    doc.feed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert doc.all("html")[0].get("lang") == "en-GB"
    assert len(doc.all("h1")) == 1
    ths = doc.all("th")
    assert ths and all(a.get("scope") in ("col", "row") for a in ths)
    for svg in doc.all("svg"):
        assert svg.get("role") == "img"
        assert doc.ids[svg["aria-labelledby"]].strip()
    return doc
