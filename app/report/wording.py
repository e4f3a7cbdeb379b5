"""The report's own words, the same in the PDF and its HTML twin: section headings as the
board prints them (seed 003), the sentences shown where a section is empty, the RAG key and
what the cover says about issuing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app import rag
from app.chart_geometry import rag_symbol
from app.domain import RAG
from app.report.issuing import renderer_version
from app.report.model import BoardReport, ordinal_date
from app.uk_time import uk_local

SECTION_1 = "1. Progress reports on priority work to deliver the Joint HWB Strategy"
SECTION_2 = ("2. Note on what is being done in areas rated Red or Amber in the Performance "
             "Framework")
SECTION_3 = "3. Summary of other items discussed by the board"
SECTION_4 = "4. Forward plan for next meeting"
APPENDIX_A = "Appendix A. RAG summary of every indicator"
APPENDIX_B = "Appendix B. Indicator charts"


def charts_appendix(with_summary: bool) -> str:
    """The charts' appendix: B after the summary, A when the report has no summary."""
    return APPENDIX_B if with_summary else "Appendix A. Indicator charts"
NO_PROGRESS = "No progress reports were recorded for this report."
NO_RED_AMBER = "No items were rated Red or Amber at the meetings this report covers."
NO_COMMENTARY = "No commentary was recorded."
NOTHING = "Nothing to report."
RED_AMBER_HEAD = ("Indicator Number", "RAG", "What is being done to improve performance?")
SUMMARY_HEAD = ("Ref", "Indicator", "Latest", "Period", "Target", "RAG", "Trend")
RAG_KEY = tuple((RAG(r).letter, rag_symbol(r), words) for r, words in (
    (RAG.RED.value, "Red"), (RAG.AMBER.value, "Amber"), (RAG.GREEN.value, "Green"),
    (RAG.BLUE.value, "achieved or complete"), (RAG.GREY.value, "not rated")))
RAG_LEGEND = "RAG: " + ", ".join(f"{a} {b} {c}" for a, b, c in RAG_KEY) + "."
TREND_LEGEND = rag.TREND_LEGEND


def automatic_mark(rag_value: str) -> str:
    """Under the board's letter where it differs: the automatic rating, in a word for Grey,
    whose letter (a dash) alone reads as a stray mark."""
    rating = RAG(rag_value)
    return f"auto {rating.word if rating is RAG.GREY else rating.letter}"


def as_of_line(as_of: str) -> str:
    return (f"Latest figures as at {ordinal_date(date.fromisoformat(as_of))}; the RAG is the one "
            "the board recorded where it assessed the indicator, otherwise the automatic "
            "rating.")


def issue_lines(model: BoardReport) -> list[str]:
    """An issued report says so, and when (UK time); a re-render by another renderer version
    says that the PDF stored when it was issued is the record."""
    if not model.issued:
        return []
    local, zone = uk_local(datetime.fromisoformat(model.issued))
    lines = [f"Issued on {ordinal_date(local.date())} at {local:%H:%M} {zone}."]
    current = renderer_version()
    if model.renderer and model.renderer != current:
        lines.append(f"This copy was rendered again with {current}; the report was issued with "
                     f"{model.renderer}, and the PDF stored when it was issued is the record.")
    return lines


@dataclass(frozen=True)
class PriorityPart:
    kind: str  # "head" (a priority) | "focus" (its priority focus) | "text" (user text, its
    # numbered lines a list) | "outcome" (one outcome of the plan's tree, with its label)
    text: str
    label: str = ""


def priority_parts(model: BoardReport) -> list[list[PriorityPart]]:
    """The header's priorities cell, one list of parts per priority: as the report's header
    gives them, or else from the plan's tree."""
    out: list[list[PriorityPart]] = []
    if model.priorities_text.strip():
        for para in model.priorities_text.replace("\r\n", "\n").split("\n\n"):
            lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
            if not lines:
                continue
            parts = [] if lines[0][:1].isdigit() else [PriorityPart("head", lines.pop(0))]
            run: list[str] = []
            for ln in lines:
                if ln.lower().startswith("priority focus"):
                    if run:
                        parts.append(PriorityPart("text", "\n".join(run)))
                        run = []
                    parts.append(PriorityPart("focus", ln))
                else:
                    run.append(ln)
            if run:
                parts.append(PriorityPart("text", "\n".join(run)))
            out.append(parts)
        return out
    for block in model.priorities:
        parts = [PriorityPart("head", block.title)]
        for o in block.outcomes:
            label = f"{o.ref}." if o.ref and o.ref[-1:].isalnum() else o.ref
            parts.append(PriorityPart("outcome", o.title, label or "•"))
        if block.focus:
            parts.append(PriorityPart("focus", block.focus))
        out.append(parts)
    return out
