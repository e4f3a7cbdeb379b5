"""`boardpack meeting add|edit|delete` on a copy of the sample: plans by short name in any
case or by id, dates as the window takes them, and every problem named on standard error
with exit code 2 and the file byte for byte as it was."""

import hashlib
import shutil
from datetime import date

import pytest

from app import paths
from app.cli import PlanFiles, main
from app.domain import Meeting


@pytest.fixture
def plan_copy(tmp_path):
    path = tmp_path / "cypp.boardpack"
    shutil.copyfile(paths.bundled_sample(), path)
    return path


def meetings(path, short_name="CYPP 2018-23"):
    s = PlanFiles().open(path, read_only=True)
    try:
        plan = next(p for p in s.plans.plans() if p.short_name == short_name)
        return {m.held_on: m for m in s.assessments.meetings(plan.id)}
    finally:
        s.close()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_add_edit_and_delete_a_meeting(plan_copy, capsys):
    assert main(["meeting", "add", str(plan_copy), "--plan", "cypp 2018-23", "--date",
                 "20 June 2019", "--title", "Children's Trust Board", "--papers-due",
                 "06/06/2019", "--agenda-ref", "Item 5", "--focus", "3"]) == 0
    assert "Added the meeting of Thursday 20 June 2019 to CYPP 2018-23." in capsys.readouterr().out
    june = meetings(plan_copy)[date(2019, 6, 20)]
    assert (june.title, june.papers_due, june.agenda_ref) == (
        "Children's Trust Board", date(2019, 6, 6), "Item 5")
    assert june.focus_node_id is not None

    assert main(["meeting", "edit", str(plan_copy), "--plan", "CYPP 2018-23", "--date",
                 "2019-06-20", "--new-date", "27/6/2019", "--agenda-ref", "Item 6",
                 "--papers-due", ""]) == 0
    assert "Changed the meeting of Thursday 27 June 2019" in capsys.readouterr().out
    held = meetings(plan_copy)
    assert date(2019, 6, 20) not in held
    moved = held[date(2019, 6, 27)]
    assert (moved.id, moved.agenda_ref, moved.papers_due, moved.title) == (
        june.id, "Item 6", None, "Children's Trust Board")

    plan_id = PlanFiles().open(plan_copy, read_only=True)
    try:
        by_id = next(p.id for p in plan_id.plans.plans() if p.short_name == "CYPP 2018-23")
    finally:
        plan_id.close()
    assert main(["meeting", "delete", str(plan_copy), "--plan", by_id, "--date", "27 Jun 19",
                 "--yes"]) == 0
    assert "Deleted the meeting of Thursday 27 June 2019" in capsys.readouterr().out
    assert date(2019, 6, 27) not in meetings(plan_copy)


def _two_meetings_on_one_day(path):
    s = PlanFiles().open(path)
    try:
        plan = next(p for p in s.plans.plans() if p.short_name == "CYPP 2018-23")
        with s.store.transaction("An old file's twin meetings"):  # as an older version allowed
            s.store.insert(Meeting(plan.id, date(2019, 9, 19), "Morning"))
            s.store.insert(Meeting(plan.id, date(2019, 9, 19), "Afternoon"))
    finally:
        s.close()


@pytest.mark.parametrize("args, words", [
    (["add", "--plan", "CYPP 2030", "--date", "20/06/2019"],
     ["There is no plan 'CYPP 2030'", "'CYPP 2010-13', 'CYPP 2013/14', 'CYPP 2018-23'"]),
    (["add", "--plan", "CYPP 2018-23", "--date", "31/02/2019"],
     ["there is no day 31/02/2019"]),
    (["add", "--plan", "CYPP 2018-23", "--date", "06/20/2019"],
     ["day first", "did you mean 20/06/2019"]),
    (["add", "--plan", "CYPP 2018-23", "--date", "21/03/2019"],
     ["already a meeting on 21/03/2019"]),
    (["add", "--plan", "CYPP 2018-23", "--date", "20/06/2026"],
     ["Saturday 20 June 2026 is after CYPP 2018-23 ends", "--force"]),
    (["add", "--plan", "CYPP 2018-23", "--date", "20/06/2019", "--papers-due", "21/06/2019"],
     ["papers deadline (21/06/2019) is after the meeting (20/06/2019)"]),
    (["add", "--plan", "CYPP 2018-23", "--date", "20/06/2019", "--focus", "Be Happy"],
     ["No single item 'Be Happy'"]),
    (["edit", "--plan", "CYPP 2018-23", "--date", "20/06/2019", "--title", "x"],
     ["CYPP 2018-23 has no meeting on 20/06/2019", "21/03/2019"]),
    (["edit", "--plan", "CYPP 2018-23", "--date", "21/03/2019"], ["Nothing to change"]),
    (["edit", "--plan", "CYPP 2018-23", "--date", "21/03/2019", "--new-date", "01/01/2030"],
     ["is after CYPP 2018-23 ends", "--force"]),
    (["edit", "--plan", "CYPP 2018-23", "--date", "19/09/2019", "--title", "x"],
     ["2 meetings on 19/09/2019", "'Morning'", "'Afternoon'"]),
    (["delete", "--plan", "CYPP 2018-23", "--date", "21/03/2019"],
     ["Delete the meeting of Thursday 21 March 2019", "assessments", "--yes"]),
    (["delete", "--plan", "CYPP 2010-13", "--date", "21/03/2019", "--yes"],
     ["CYPP 2010-13 has no meeting on 21/03/2019"]),
])
def test_each_problem_is_named_and_nothing_is_written(plan_copy, capsys, args, words):
    _two_meetings_on_one_day(plan_copy)
    before = digest(plan_copy)
    verb, rest = args[0], args[1:]
    assert main(["meeting", verb, str(plan_copy), *rest]) == 2
    err = capsys.readouterr().err
    assert err.startswith("boardpack: ")
    for w in words:
        assert w in err, err
    assert digest(plan_copy) == before


def test_a_day_outside_the_plan_is_added_with_force(plan_copy):
    assert main(["meeting", "add", str(plan_copy), "--plan", "CYPP 2018-23", "--date",
                 "20/06/2026", "--force"]) == 0
    assert date(2026, 6, 20) in meetings(plan_copy)
