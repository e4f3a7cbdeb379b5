"""Importing figures from files: LibreOffice-written workbooks, CSV encodings, formulas,
problems by sheet/row/column, commit as one action and its undo, bad input."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from workbook_support import HEADERS, write_csv, write_xlsx

from app.domain import Target, ValidationError, Value, ValueStatus
from app.importer.summary import describe
from app.importer.workbook import ImportFileError

DATA = Path(__file__).parent.parent / "data" / "importer"


def dry(services, path, sheet=None, mapping=None):
    imports = services.imports
    read = imports.read(path, sheet)
    return imports.dry_run(path, read, mapping or imports.mapping_for(path, read))


def figures(services, ids) -> dict[tuple[str, str, str], Value]:
    code = {v: k for k, v in ids.items()}
    return {(code[v.indicator_id], v.period, v.breakdown): v
            for v in services.store.find(Value)}


# What partner-return.{fods,xlsx,ods,xls} hold (written by LibreOffice from the .fods).
EXPECTED = {
    ("BF", "fy:2018", ""): (7.5, ValueStatus.ACTUAL, "From the health visiting service"),
    ("BF", "fy:2019", ""): (62.5, ValueStatus.PROVISIONAL, ""),
    ("REF", "fy:2018", ""): (1992, ValueStatus.ACTUAL, ""),
    ("REF", "fy:2019", ""): (None, ValueStatus.NOT_YET_AVAILABLE, ""),
    ("REF", "fy:2018", "Area: North"): (410, ValueStatus.ACTUAL, ""),
    ("ABS", "ay:2018", ""): (12.2, ValueStatus.ACTUAL, ""),
    ("CIC", "fy:2018", ""): (65.3, ValueStatus.ACTUAL, ""),
}


@pytest.mark.parametrize("ext", ["xlsx", "ods", "xls"])
def test_a_libreoffice_workbook_imports_as_the_sender_meant(services, plan_ids, ext):
    path = DATA / f"partner-return.{ext}"
    run = dry(services, path)
    assert run.mapping.header_row == 2  # below the merged title row and a blank row
    assert not run.problems
    assert (run.count("new"), run.count("changed"), run.count("unchanged")) == (7, 0, 0)
    if ext == "xlsx":
        assert not run.remarks  # the percent formats were read
    else:
        assert "carry no number formats" in run.remarks[0]
        assert "row 4: 0.075 → 7.5%" in run.remarks[1]
    services.imports.commit(run)
    got = figures(services, plan_ids)
    for key, (value, status, note) in EXPECTED.items():
        assert (got[key].value, got[key].status, got[key].note) == (value, status, note), key
    assert got[("REF", "fy:2019", "")].expected == "Nov 2020"
    assert got[("BF", "fy:2019", "")].raw_text == "62.5% [p]"
    assert got[("BF", "fy:2018", "")].source.document == path.name
    assert got[("BF", "fy:2018", "")].source.location == "Figures!C4"
    again = dry(services, path)
    assert (again.count("new"), again.count("changed"), again.count("unchanged")) == (0, 0, 7)
    assert not again.entries and not again.can_commit


def test_commit_is_one_action_and_undo_puts_every_figure_back(services, plan_ids, store):
    services.indicators.set_value(plan_ids["REF"], "fy:2018", 1500, note="typed")
    before = {k: (v.value, v.note) for k, v in figures(services, plan_ids).items()}
    run = dry(services, DATA / "partner-return.xlsx")
    changed = [c for c in run.changes if c.kind == "changed"]
    assert [(c.indicator, c.period, c.old, c.new) for c in changed] == [
        ("REF", "2018/19", "1,500", "1992")]
    log = len(store.changes())
    done = services.imports.commit(run)
    assert {c.summary for c in store.changes()[: len(store.changes()) - log]} == {
        done.description}
    assert figures(services, plan_ids)[("REF", "fy:2018", "")].note == "typed"
    services.imports.undo(done)
    assert {k: (v.value, v.note) for k, v in figures(services, plan_ids).items()} == before


def test_every_problem_is_named_by_sheet_row_and_column(services, plan_ids, tmp_path):
    rows = [HEADERS,
            ["BF", "2018/19", "=0.1*5", None, None],  # a formula: never trusted
            ["NOPE", "2018/19", 5, None, None],
            ["BF", "the year after next", 5, None, None],
            ["BF", "2019/20", 150, None, None],  # a percentage above 100
            ["REF", "2019/20", 2.5, None, None],  # a count that is not whole
            ["REF", "2020/21", 4, "wibble", None],
            ["REF", "2021/22", None, None, "a note alone"],
            ["CIC", "2018/19", 60, None, None],
            ["CIC", "2018/19", 61, None, None]]  # the same period twice
    path = write_xlsx(tmp_path / "bad.xlsx", rows, sheet="Q3")
    run = dry(services, path)
    expected = [
        "Q3, row 2, column C (Value): a formula: its stored result is not trusted (files "
        "written by some programs have none); type the figure itself",
        "Q3, row 3, column A (Indicator): no indicator 'NOPE' in this plan file",
        "Q3, row 4, column B (Period): cannot read 'the year after next' as a period",
        "Q3, row 5, column C (Value): A percentage cannot be above 100 (got 150)",
        "Q3, row 6, column C (Value): A count must be a whole number (got 2.5)",
        "Q3, row 7, column D (Status): the status 'wibble' is not one Boardpack knows",
        "Q3, row 8, column C (Value): a note with no figure; blank is missing, never zero",
        "Q3, row 10: repeats row 9 (CIC, 2018/19)",
    ]
    assert len(run.problems) == len(expected)
    for problem, start in zip(run.problems, expected, strict=True):
        assert str(problem).startswith(start)
    assert not run.can_commit
    with pytest.raises(ValidationError, match="nothing was imported"):
        services.imports.commit(run)
    assert "Problems (8)" in describe(run)


@pytest.mark.parametrize("encoding, bom", [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_csv_in_each_encoding(services, plan_ids, tmp_path, encoding, bom):
    rows = [["Indicator", "Period", "Value", "Notes"],
            ["Breastfeeding at 6-8 weeks", "2018/19", "12.2%", "Café data – provisional"],
            ["REF", "2018/19", "1,992", ""],
            ["BF", "2019/20", "0.45", ""]]  # no format in a CSV: history (45) decides
    path = write_csv(tmp_path / "figures.csv", rows, encoding)
    if bom:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    run = dry(services, path)
    assert not run.problems
    services.imports.commit(run)
    got = figures(services, plan_ids)
    assert got[("BF", "fy:2018", "")].note == "Café data – provisional"
    assert got[("BF", "fy:2018", "")].value == 12.2
    assert got[("REF", "fy:2018", "")].value == 1992
    assert got[("BF", "fy:2019", "")].value == 45
    assert "row 4: 0.45 → 45%" in run.remarks[1]


def test_a_differing_target_is_a_revision_with_its_history_kept(services, plan_ids, tmp_path):
    services.indicators.add_target(plan_ids["BF"], "fy:2018", "at_least", 50)
    rows = [["Code", "Period", "Value", "Target"],
            ["BF", "2018/19", 0.48, 0.55],
            ["REF", "2018/19", 1900, "<1500"],
            ["CIC", "2018/19", 60, None]]
    path = write_xlsx(tmp_path / "t.xlsx", rows, formats={(1, 2): "0%", (1, 3): "0%"})
    run = dry(services, path)
    targets = [(c.kind, c.indicator, c.old, c.new) for c in run.changes if c.what == "target"]
    assert targets == [("changed", "BF", "50.0", "55%"), ("new", "REF", "–", "<1500")]
    done = services.imports.commit(run)
    bf = services.indicators.targets(plan_ids["BF"], include_superseded=True)
    assert sorted((t.value, t.superseded_by is None) for t in bf) == [(50, False), (55, True)]
    ref = services.indicators.targets(plan_ids["REF"])
    assert (ref[0].operator.value, ref[0].value) == ("at_most", 1500)
    services.imports.undo(done)
    assert [(t.value, t.superseded_by) for t in services.store.find(Target)] == [(50, None)]


def test_the_mapping_is_remembered_per_layout(services, plan_ids, tmp_path):
    rows = [["Measure ID", "When", "Reported", "Comment"], ["BF", "2018/19", 50, "x"]]
    path = write_xlsx(tmp_path / "odd.xlsx", rows)
    imports = services.imports
    sheet = imports.read(path)
    guessed = imports.mapping_for(path, sheet)
    assert guessed.missing() == ["period", "value"]
    chosen = type(guessed)(guessed.header_row, {**guessed.columns, "period": 1, "value": 2})
    imports.remember(sheet, chosen)
    later = write_xlsx(tmp_path / "later.xlsx", [rows[0], ["REF", "2019/20", 7, ""]])
    assert imports.mapping_for(later, imports.read(later)).columns == chosen.columns


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_bad_files_get_a_message_naming_the_file_and_write_nothing(services, plan_ids,
                                                                   tmp_path, store):
    renamed = tmp_path / "minutes.xlsx"
    renamed.write_text("These are the minutes, not a workbook.")
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    empty = write_xlsx(tmp_path / "empty.xlsx", [[None]])
    headless = write_xlsx(tmp_path / "headless.xlsx", [["BF", "2018/19", 5]])
    wrong = tmp_path / "figures.pdf"
    wrong.write_bytes(b"%PDF-1.4")
    before = _digest(store.path)
    cases = [(renamed, "cannot be read"), (encrypted, "encrypted"), (empty, "is empty"),
             (headless, "no row of headers"), (wrong, "not '.pdf'"),
             (tmp_path / "gone.csv", "no such file")]
    for path, words in cases:
        with pytest.raises(ImportFileError, match=words) as err:
            dry(services, path)
        assert path.name in str(err.value)
    with pytest.raises(ImportFileError, match="no sheet 'Q9'"):
        dry(services, DATA / "partner-return.xlsx", sheet="Q9")
    assert _digest(store.path) == before


def test_the_sender_can_keep_the_file_open_read_only_copy(services, plan_ids, tmp_path):
    copy = tmp_path / "copy.xlsx"
    shutil.copy(DATA / "partner-return.xlsx", copy)
    copy.chmod(0o444)
    assert not dry(services, copy).problems


def test_comparators_are_imported_and_undone_with_the_figures(services, plan_ids, tmp_path):
    bf = plan_ids["BF"]
    services.indicators.set_comparator(bf, "england", "fy:2017", 44.0)
    path = write_xlsx(tmp_path / "with comparators.xlsx", [
        ["Indicator", "Period", "Value", "England", "Statistical neighbours"],
        ["BF", "2017/18", 45, 46, None],
        ["BF", "2018/19", 50, 47.5, "[x]"],
    ])
    run = dry(services, path)
    assert not run.problems
    assert [(c.kind, c.period, c.old, c.new) for c in run.changes if c.what == "comparator"] == [
        ("changed", "2017/18 (England)", "44.0", "46"), ("new", "2018/19 (England)", "–", "47.5"),
        ("new", "2018/19 (Statistical neighbours)", "–", "[x]")]
    done = services.imports.commit(run)
    found = {(c.period, c.kind.value): c.value for c in services.indicators.comparators(bf)}
    assert found == {("fy:2017", "england"): 46.0, ("fy:2018", "england"): 47.5,
                     ("fy:2018", "statistical_neighbours"): None}
    services.imports.undo(done)
    found = {(c.period, c.kind.value): c.value for c in services.indicators.comparators(bf)}
    assert found == {("fy:2017", "england"): 44.0}
