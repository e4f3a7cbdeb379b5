"""Writing the data returns for a meeting: one workbook per lead organisation."""

from __future__ import annotations

from pathlib import Path

from app.domain import Plan, Target, Value
from app.returns.due import due_rows
from app.returns.workbook import file_name, write_return
from app.services import Services


def write_returns(services: Services, meeting_id: str, out_dir: Path) -> list[Path]:
    """One return per lead organisation of the meeting's plan, in `out_dir`."""
    meeting = services.assessments.meeting(meeting_id)
    plan = services.store.get(Plan, meeting.plan_id)
    outline = services.read.outline(plan.id)
    ids = [i.id for i in outline.plan_indicators()]
    values = services.store.find_in(Value, "indicator_id", ids)
    targets = services.store.find_in(Target, "indicator_id", ids)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for organisation, rows in sorted(due_rows(outline, meeting, values, targets).items()):
        path = out_dir / file_name(organisation, meeting)
        n = 1
        while path in written:  # two long lists of leads can shorten alike
            n += 1
            path = path.with_name(f"{path.stem} {n}{path.suffix}")
        written.append(write_return(path, plan, meeting, organisation, rows))
    return written
