"""Data returns: one workbook per lead for a meeting, filled by a partner, read back."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from app.domain import Indicator, Node, ValidationError, Value, ValueStatus
from app.returns.make import write_returns


@pytest.fixture
def returns(services, plan_ids, tmp_path):
    """Returns for a meeting on 21/03/2019: REF and CIC led by Children's Social Care (under
    an item that says so), BF and ABS by Public Health."""
    plans = services.plans
    plan_id = services.indicators.indicator(plan_ids["BF"]).plan_id
    top = services.store.find(Node, plan_id=plan_id)[0]
    plans.edit_node(top.id, lead_organisation="Public Health")
    social = plans.add_node(plan_id, None, "Be safe", ref="2",
                            lead_organisation="Children's Social Care")
    for code in ("REF", "CIC"):
        services.indicators.unlink(plan_ids[code], top.id)
        services.indicators.link(plan_ids[code], social.id)
    services.indicators.set_value(plan_ids["REF"], "fy:2017", 1800, breakdown="Area: North")
    services.indicators.add_target(plan_ids["REF"], "fy:2018", "at_most", 1700)
    meeting = services.assessments.add_meeting(plan_id, date(2019, 6, 20))
    written = write_returns(services, meeting.id, tmp_path / "returns")
    return {p.name.split(" - ")[0]: p for p in written}


def _fill(path: Path, figures: dict[tuple[str, str], tuple], *, signed: bool = True) -> None:
    """As a partner would: type into the yellow cells and save."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    cover = book["Cover"]
    for row in cover.iter_rows(min_row=1):
        if row[0].value == "Contact name":
            row[1].value = "Jo Bloggs"
        if signed and row[0].value == "Signed off by":
            row[1].value = "A Director"
        if signed and row[0].value == "Sign-off date":
            row[1].value = date(2019, 6, 1)
    sheet = book["Figures"]
    for row in sheet.iter_rows(min_row=2):
        key = (row[1].value, row[6].value or "")
        if key in figures:
            for cell, value in zip(row[9:12], figures[key], strict=False):
                cell.value = value
    book.save(path)


def test_one_return_per_lead_with_what_is_due(returns):
    import openpyxl

    assert sorted(returns) == ["Childrens Social Care", "Public Health"]
    book = openpyxl.load_workbook(returns["Childrens Social Care"])
    assert book.sheetnames == ["Instructions", "Cover", "Figures", "_boardpack"]
    assert book["_boardpack"].sheet_state == "hidden"
    assert book["Figures"].protection.sheet and not book["Figures"].protection.password
    rows = [[c.value for c in r] for r in book["Figures"].iter_rows(min_row=2)]
    assert [(r[1], r[5], r[6], r[7], r[8]) for r in rows] == [
        ("REF", "2018/19", None, "1,800 (2017/18)", "1,700"),
        ("REF", "2018/19", "Area: North", "1,800 (2017/18)", "1,700"),
        ("CIC", "2018/19", None, None, None)]
    assert book["Figures"]["J2"].protection.locked is False
    assert book["Figures"]["C2"].protection.locked is True


def test_a_filled_return_fills_exactly_its_figures(services, plan_ids, returns, store):
    path = returns["Public Health"]
    _fill(path, {("BF", ""): (7.5, None, "Up after the new service"),
                 ("ABS", ""): (None, "nya", None)})
    before = {(v.indicator_id, v.period, v.breakdown) for v in store.find(Value)}
    run = services.imports.dry_run(path, services.imports.read(path),
                                   services.imports.mapping_for(path, None))
    assert not run.problems
    assert run.remarks[0] == ("From Jo Bloggs (Public Health), signed off by A Director on "
                              "01/06/2019.")
    services.imports.commit(run)
    new = {(v.indicator_id, v.period, v.breakdown): v for v in store.find(Value)}
    added = set(new) - before
    assert added == {(plan_ids["BF"], "fy:2018", ""), (plan_ids["ABS"], "ay:2017", "")}
    bf = new[(plan_ids["BF"], "fy:2018", "")]
    assert (bf.value, bf.note) == (7.5, "Up after the new service")  # 7.5 typed is 7.5%
    assert bf.source.entered_by.startswith("Jo Bloggs (Public Health), signed off by")
    assert new[(plan_ids["ABS"], "ay:2017", "")].status is ValueStatus.NOT_YET_AVAILABLE


def test_what_is_missing_is_said(services, returns):
    path = returns["Childrens Social Care"]
    _fill(path, {("REF", ""): (1750, None, None)}, signed=False)
    run = services.imports.dry_run(path, services.imports.read(path),
                                   services.imports.mapping_for(path, None))
    assert run.count("new") == 1
    assert any(r.startswith("2 figure(s) due were not returned: row 3 (REF, 2018/19); "
                            "row 4 (CIC, 2018/19)") for r in run.remarks)
    assert "The Cover has no sign-off." in run.remarks


def test_a_return_from_another_plan_or_template_is_refused(services, returns, tmp_path,
                                                           store):
    import openpyxl

    path = returns["Public Health"]
    digest = hashlib.sha256(store.path.read_bytes()).hexdigest()
    for cell, value, words in (("B1", "another-plan-id", "made for another plan"),
                               ("B2", "0", "template version 0")):
        book = openpyxl.load_workbook(path)
        book["_boardpack"][cell] = value
        changed = tmp_path / f"changed-{cell}.xlsx"
        book.save(changed)
        with pytest.raises(ValidationError, match=words) as err:
            services.imports.dry_run(changed, services.imports.read(changed),
                                     services.imports.mapping_for(changed, None))
        assert changed.name in str(err.value)
    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == digest


def test_returns_from_the_command_line(services, plan_ids, store, tmp_path, capsys):
    from app.cli import main

    plan_id = store.find(Indicator)[0].plan_id
    services.assessments.add_meeting(plan_id, date(2019, 6, 20))
    store.close()
    out = tmp_path / "out"
    assert main(["returns", str(store.path), "--meeting", "20/06/2019", "-o", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out and len(list(out.iterdir())) == 1
    assert main(["returns", str(store.path), "--meeting", "2019-06-21", "-o", str(out)]) == 2
    assert "no meeting on 21/06/2019" in capsys.readouterr().err
