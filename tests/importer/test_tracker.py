"""A plan from a tracker: `boardpack import-tracker FILE TRACKER.xlsx`, the template that
ships with the app, and bad trackers named by file, sheet, row and column, nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from workbook_support import write_tracker

from app.cli import PlanFiles, main
from app.domain import Indicator, IndicatorLink, Node, Polarity, Target, TargetOperator, Unit
from app.importer.tracker import TrackerError, read_tracker, template_bytes
from app.importer.workbook import ImportFileError


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_shipped_template_makes_a_new_plan_file(tmp_path, capsys):
    template = tmp_path / "tracker.xlsx"
    assert main(["import-tracker", str(tmp_path / "x.boardpack"), "--template",
                 str(template)]) == 0
    assert template.read_bytes() == template_bytes()
    plan_file = tmp_path / "cypp.boardpack"
    assert main(["import-tracker", str(plan_file), str(template)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Added the plan 'Children and Young People's Plan 2024-27' to cypp.boardpack from "
        "tracker.xlsx: 5 item(s), 3 indicator(s), 4 target(s).")
    services = PlanFiles().open(plan_file, read_only=True)
    store = services.store
    [plan] = services.plans.plans()
    assert (plan.board, str(plan.period_start), str(plan.period_end)) == (
        "Children's Trust Board", "2024-04-01", "2027-03-31")
    nodes = {n.ref: n for n in store.find(Node)}
    assert nodes["1.1a"].parent_id == nodes["1.1"].id and nodes["1.1"].parent_id == (
        nodes["1"].id) and nodes["1"].parent_id is None
    assert (nodes["1.1a"].kind.value, nodes["1.1a"].lead_organisation) == ("action",
                                                                          "Public Health")
    assert nodes["2.1"].partners == "Police; schools"
    indicators = {i.code: i for i in store.find(Indicator)}
    cic = indicators["CIC"]
    assert (cic.unit, cic.polarity, cic.period_type, cic.rate_base) == (
        Unit.RATE, Polarity.LOWER, "fy", 10000)
    ref_links = {store.get(Node, link.node_id).ref
                 for link in store.find(IndicatorLink, indicator_id=indicators["REF"].id)}
    assert ref_links == {"2.1", "1"}
    targets = {(t.period, t.operator, t.value) for t in store.find(
        Target, indicator_id=indicators["BF 6-8"].id)}
    assert targets == {("fq:2024Q4", TargetOperator.AT_LEAST, 50.0),
                       ("fq:2025Q4", TargetOperator.AT_LEAST, 55.0)}
    [neighbours] = [t for t in store.find(Target, indicator_id=cic.id) if t.period == "fy:2025"]
    assert neighbours.operator is TargetOperator.RELATIVE_TO_COMPARATOR
    assert neighbours.source.document == "tracker.xlsx"
    services.close()


def test_a_tracker_adds_a_plan_to_an_existing_file(tmp_path, capsys):
    plan_file = tmp_path / "plans.boardpack"
    services = PlanFiles().create(plan_file)
    services.plans.create_plan("CYPP 2018-23")
    services.close()
    tracker = write_tracker(tmp_path / "t.xlsx")
    assert main(["import-tracker", str(plan_file), str(tracker)]) == 0
    services = PlanFiles().open(plan_file, read_only=True)
    assert [p.title for p in services.plans.plans()] == [
        "CYPP 2018-23", "Children and Young People's Plan 2024-27"]
    services.close()


def test_a_bad_tracker_names_every_problem_and_writes_nothing(tmp_path, capsys):
    tracker = write_tracker(
        tmp_path / "tracker.xlsx",
        items=[["1", "Be healthy", "priority", "", "", "", "", ""],
               ["1.1", "Breastfeeding", "outcom", "1", "", "", "", ""],
               ["1.2", "", "outcome", "9", "", "", "", ""],
               ["1", "Again", "priority", "", "", "", "", ""]],
        indicators=[["BF", "Breastfed", "1.7", "percent", "up", "quarter", "", ""],
                    ["CIC", "In care", "1", "rate", "lower", "fortnight", "", ""]],
        targets=[["BF", "Q9 2024/25", "at least 50%"], ["NOPE", "2024/25", "5"],
                 ["BF", "Q1 2024/25", "150%"]])
    new_file = tmp_path / "new.boardpack"
    assert main(["import-tracker", str(new_file), str(tracker)]) == 2
    err = capsys.readouterr().err
    for line in [
        "tracker.xlsx, sheet 'Items', row 3, column 'Kind': 'outcom' is not a kind of item",
        "tracker.xlsx, sheet 'Items', row 4, column 'Title': is empty",
        "tracker.xlsx, sheet 'Items', row 4, column 'Parent ref': no item '9' above this row",
        "tracker.xlsx, sheet 'Items', row 5, column 'Ref': '1' is already the ref of row 2",
        "tracker.xlsx, sheet 'Indicators', row 2, column 'Item refs': no item '1.7'",
        "tracker.xlsx, sheet 'Indicators', row 3, column 'Period': 'fortnight' is not a kind "
        "of period",
        "tracker.xlsx, sheet 'Indicators', row 3, column 'Rate per': a rate needs its 'per'",
        "tracker.xlsx, sheet 'Targets', row 3, column 'Indicator code': no indicator 'NOPE'",
    ]:
        assert line in err
    assert not new_file.exists()

    existing = tmp_path / "existing.boardpack"
    PlanFiles().create(existing).close()
    before = _digest(existing)
    assert main(["import-tracker", str(existing), str(tracker)]) == 2
    assert _digest(existing) == before


def test_targets_are_checked_against_their_indicator(tmp_path):
    tracker = write_tracker(tmp_path / "t.xlsx", targets=[
        ["BF 6-8", "Q9 2024/25", "at least 50%"], ["BF 6-8", "Q1 2024/25", "150%"],
        ["BF 6-8", "Q2 2024/25", 0.55], ["BF 6-8", "Q2 2024/25", "60%"]])
    with pytest.raises(TrackerError) as err:
        read_tracker(tracker)
    problems = err.value.problems
    assert problems[0].startswith("t.xlsx, sheet 'Targets', row 2, column 'Period':")
    assert problems[1].startswith("t.xlsx, sheet 'Targets', row 3, column 'Target':")
    assert "above 100" in problems[1]
    assert problems[2] == "t.xlsx, sheet 'Targets', row 5: repeats the target of row 4"
    assert len(problems) == 3


def test_missing_sheets_and_files_that_are_not_trackers(tmp_path):
    with pytest.raises(TrackerError, match="sheet 'Items': there is no such sheet"):
        read_tracker(write_tracker(tmp_path / "t.xlsx", items=[]))
    renamed = tmp_path / "minutes.xlsx"
    renamed.write_text("not a workbook")
    with pytest.raises(ImportFileError, match="minutes.xlsx"):
        read_tracker(renamed)
    headless = write_tracker(tmp_path / "h.xlsx")
    import openpyxl

    book = openpyxl.load_workbook(headless)
    book["Items"].delete_rows(1)
    book.save(headless)
    with pytest.raises(TrackerError, match="sheet 'Items': no header row with the columns "
                                           "'Ref', 'Title', 'Kind'"):
        read_tracker(headless)


def test_the_template_in_resources_is_what_the_writer_writes(tmp_path):
    from app.importer.tracker_template import write_template

    fresh = tmp_path / "fresh.xlsx"
    write_template(fresh)
    shipped = tmp_path / "shipped.xlsx"
    shipped.write_bytes(template_bytes())
    a, b = read_tracker(fresh), read_tracker(shipped)
    assert (a.plan, a.items, a.indicators, a.targets) == (
        b.plan, b.items, b.indicators, b.targets)
