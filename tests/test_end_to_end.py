"""From a fresh file to an exported, issued board report, through the command line and the
same services the window uses."""

import subprocess
import sys
from datetime import date

from pypdf import PdfReader

from app.cli import PlanFiles
from app.domain import TargetOperator


def boardpack(*args):
    done = subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def pdf_text(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_fresh_file_to_issued_report(tmp_path):
    plan_file = tmp_path / "cypp-2024.boardpack"
    boardpack("new", str(plan_file), "--title", "Children and Young People's Plan 2024-2027")

    s = PlanFiles(author="Performance Officer").open(plan_file)
    plan = s.plans.plans()[0]
    safe = s.plans.add_node(plan.id, None, "Be Safe", kind="priority", ref="3")
    outcome = s.plans.add_node(plan.id, safe.id, "Have a place to feel safe", ref="10")
    focus = s.plans.add_node(plan.id, safe.id, "Domestic abuse", kind="focus", ref="F1",
                             progress="The new pathway was launched & promoted.")
    lac = s.indicators.create_indicator(
        "Reduce the number of looked after children", node_id=outcome.id, ref="3.14",
        unit="count", polarity="lower", period_type="m")
    s.indicators.enter_text(lac.id, "m:2024-09", "764")
    s.indicators.enter_text(lac.id, "m:2024-12", "794")
    s.indicators.add_target(lac.id, "m:2025-03", TargetOperator.AT_MOST, 672,
                            raw_text="672 by March 2025")
    meeting = s.assessments.add_meeting(plan.id, date(2025, 3, 20), "Children's Trust Board",
                                        focus_node_id=focus.id)
    s.assessments.assess(meeting.id, lac.id,
                         commentary="Each current looked after case has been reviewed.")
    report = s.reports.create_report(
        plan.id, "Report to the Health and Wellbeing Board", report_date=date(2025, 5, 22),
        report_from="Children's Trust Board", report_to="Health and Wellbeing Board",
        agenda_ref="HWB7", meeting_ids=[meeting.id],
        sections={"other_items": "A SEND report was received.",
                  "forward_plan": "LGBT+ strategy in December."})
    s.close()

    draft = tmp_path / "draft.pdf"
    boardpack("report", str(plan_file), "--meeting", "2025-03-20", "-o", str(draft),
              "--summary", "--charts", "--draft")
    text = pdf_text(draft)
    for words in ("Report to the Health and Wellbeing Board", "Children's Trust Board",
                  "HWB7", "1. Progress reports", "2. Note on what is being done",
                  "3.14", "Each current looked after case has been reviewed",
                  "A SEND report was received", "LGBT+ strategy in December", "794"):
        assert words in text, words

    issued = tmp_path / "issued.pdf"
    boardpack("report", str(plan_file), "--report", report.id, "-o", str(issued), "--issue")

    s = PlanFiles().open(plan_file)
    s.indicators.enter_text(lac.id, "m:2024-12", "801")
    s.assessments.assess(meeting.id, lac.id, commentary="Rewritten after the meeting.")
    s.close()
    again = tmp_path / "again.pdf"
    boardpack("report", str(plan_file), "--report", report.id, "-o", str(again))
    assert again.read_bytes() == issued.read_bytes()
    assert "Each current looked after case" in pdf_text(again)
