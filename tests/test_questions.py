"""The chair's questions for officers and private notes (app.question_service): where they
are kept, the officer's questions file, answering and purging."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app import chair_file
from app.cli import PlanFiles, main
from app.domain import NodeKind, Question, ReadOnlyError, ValidationError
from app.question_service import Subject


@pytest.fixture
def plan(tmp_path):
    """A small plan file (an item, an indicator, a meeting), closed; returns its ids."""
    path = tmp_path / "plan.boardpack"
    s = PlanFiles(author="Performance Officer").create(path)
    p = s.plans.create_plan("CYPP 2018-23", short_name="CYPP 2018-23")
    item = s.plans.add_node(p.id, None, "Keep children safe", kind=NodeKind.PRIORITY, ref="3")
    ind = s.indicators.create_indicator("Children in need per 10,000", ref="3.14",
                                        node_id=item.id)
    meeting = s.assessments.add_meeting(p.id, date(2019, 3, 21), "Board")
    s.close()
    return {"path": path, "plan": p.id, "item": item.id, "indicator": ind.id,
            "meeting": meeting.id}


def open_plan(plan, read_only=False, author="Chair"):
    return PlanFiles(author=author).open(plan["path"], read_only=read_only)


def on_314(plan, period=None):
    return Subject(plan["plan"], "indicator", plan["indicator"], period)


def test_a_question_is_kept_in_the_plan_logged_answered_and_purged_with_its_log(plan):
    s = open_plan(plan)
    q = s.questions.ask(on_314(plan, "fy:2018"), "Why did referrals rise?",
                        meeting_id=plan["meeting"])
    assert [r.row_id for r in s.store.changes(row_ids=[q.id])] == [q.id]
    listed = s.questions.questions(plan["meeting"])
    assert [(lq.question.text, lq.about, lq.waiting) for lq in listed] == [
        ("Why did referrals rise?", "3.14 Children in need per 10,000, 2018/19", False)]
    assert listed[0].question.asked_by == "Chair"
    s.close()

    officer = open_plan(plan, author="Performance Officer")
    officer.questions.answer(q.id, "A new front door opened in January.")
    stored = officer.store.get(Question, q.id)
    assert stored.answered and stored.answered_by == "Performance Officer"
    assert "Answered by Performance Officer: A new front door" in \
        officer.questions.for_the_meeting(plan["meeting"])
    assert len(officer.store.changes(row_ids=[q.id])) == 2

    assert officer.questions.purge(plan["meeting"]) == 1
    assert officer.store.find(Question) == []
    assert officer.store.changes(row_ids=[q.id]) == []
    officer.close()
    assert_in_no_table(plan["path"], "front door")
    assert_in_no_table(plan["path"], "referrals rise")


def assert_in_no_table(path, text: str) -> None:
    """No row of any table (the change log's images included) holds `text`."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                assert not any(isinstance(v, str) and text in v for v in row), table
    finally:
        conn.close()


def test_read_only_questions_wait_in_the_chairs_file_then_the_officer_imports_them(
        plan, tmp_path, user_folders):
    before = plan["path"].read_bytes()
    chair = open_plan(plan, read_only=True)
    q = chair.questions.ask(Subject(plan["plan"], "node", plan["item"]), "Is the audit done?",
                            meeting_id=plan["meeting"])
    assert plan["path"].read_bytes() == before
    mine = chair_file.path_for(plan["plan"])
    assert mine.is_relative_to(user_folders["XDG_DATA_HOME"])
    assert "Is the audit done?" in mine.read_text(encoding="utf-8")
    [listed] = chair.questions.questions(plan["meeting"])
    assert listed.waiting and listed.about == "3 Keep children safe"
    with pytest.raises(ReadOnlyError):
        chair.questions.answer(q.id, "Yes")
    out = tmp_path / "questions.json"
    assert chair.questions.export(plan["plan"], out) == 1
    assert "Is the audit done?" in chair.questions.email_text(plan["plan"])
    chair.close()
    assert plan["path"].read_bytes() == before
    assert json.loads(out.read_text(encoding="utf-8"))["questions"][0]["id"] == q.id

    assert main(["questions", "import", str(plan["path"]), str(out)]) == 0
    officer = open_plan(plan, author="Performance Officer")
    [stored] = officer.store.find(Question)
    assert (stored.id, stored.text, stored.asked_by) == (q.id, "Is the audit done?", "Chair")
    # in the plan now: no longer waiting in the chair's file, and not imported twice
    assert officer.questions.waiting(plan["plan"]) == []
    assert officer.questions.import_file(out) == 0
    assert len(officer.store.find(Question)) == 1
    officer.close()


def test_a_questions_file_for_another_plan_adds_nothing(plan, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "boardpack-questions", "version": 1,
                                 "plan_id": "not-this-plan", "plan": "Another plan",
                                 "questions": []}), encoding="utf-8")
    s = open_plan(plan)
    with pytest.raises(ValidationError, match="another plan"):
        s.questions.import_file(other)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError, match="not a questions file"):
        s.questions.import_file(broken)
    s.close()


def test_questions_list_on_the_command_line(plan, capsys):
    s = open_plan(plan)
    s.questions.ask(on_314(plan), "What is the plan for Q4?", meeting_id=plan["meeting"])
    s.close()
    assert main(["questions", "list", str(plan["path"]), "--meeting", "21/03/2019"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Questions for the meeting of 21 March 2019")
    assert "3.14 Children in need per 10,000" in out and "What is the plan for Q4?" in out
    assert "Not answered yet" in out


def test_a_private_note_never_enters_the_plan_file_or_its_log(plan):
    s = open_plan(plan)
    logged = len(s.store.changes())
    s.questions.write_note(on_314(plan), "Ask the DCS privately about staffing")
    assert s.questions.note(on_314(plan)).text == "Ask the DCS privately about staffing"
    assert len(s.store.changes()) == logged
    assert s.questions.anchored() == {plan["indicator"]: (0, 1)}
    s.close()
    assert b"staffing" not in plan["path"].read_bytes()
    again = open_plan(plan)
    assert again.questions.note(on_314(plan)).text.endswith("staffing")
    before = again.questions.write_note(on_314(plan), "")
    assert before is not None and again.questions.note(on_314(plan)) is None
    again.close()


def test_a_question_needs_words_and_a_subject_in_the_plan(plan):
    s = open_plan(plan)
    with pytest.raises(ValidationError, match="Write the question"):
        s.questions.ask(on_314(plan), "   ")
    with pytest.raises(ValidationError, match="not in this plan"):
        s.questions.ask(Subject(plan["plan"], "node", "no-such-id"), "Why?")
    s.close()


def test_the_lock_watch_sees_the_other_holder_go_and_the_data_version_move(plan):
    editor = open_plan(plan)
    reader = open_plan(plan, read_only=True)
    assert reader.store.file.held_elsewhere()
    seen = reader.store.data_version()
    editor.questions.ask(on_314(plan), "Anything new?")
    assert reader.store.data_version() != seen
    editor.close()
    assert not reader.store.file.held_elsewhere()
    # only asking: nothing is held, so another can open the file for editing now
    third = open_plan(plan)
    assert reader.store.file.held_elsewhere()
    third.close()
    reader.close()


def test_questions_for_the_meeting_print_as_a_pdf_with_text_as_typed(plan):
    from pypdf import PdfReader

    from app.report.questions_pdf import render_questions_pdf

    s = open_plan(plan)
    q = s.questions.ask(on_314(plan, "fy:2018"), "Is <b>this</b> & that on track?",
                        meeting_id=plan["meeting"])
    s.questions.answer(q.id, "Yes: see <i>para 4</i>.", answered_by="Head of Service")
    heading, listed = s.questions.printable(plan["meeting"])
    pdf = render_questions_pdf(heading, listed)
    assert pdf == render_questions_pdf(heading, listed), "the same input gives the same bytes"
    import io

    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Questions for the meeting of 21 March 2019" in text
    assert "1. 3.14 Children in need per 10,000, 2018/19" in text
    assert "Is <b>this</b> & that on track?" in text
    assert "Answered by Head of Service: Yes: see <i>para 4</i>." in text
    s.close()


def test_the_chairs_file_is_named_safely_whatever_the_plan_id(user_folders):
    inside = chair_file.folder()
    assert chair_file.path_for("0f6c-uuid_like").name == "0f6c-uuid_like.json"
    for odd in ("../../etc/passwd", "a/b", "C:\\plan", ""):
        path = chair_file.path_for(odd)
        assert path.parent == inside and len(path.stem) == 64
