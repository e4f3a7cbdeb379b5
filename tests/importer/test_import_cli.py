"""`boardpack import FILE SOURCE [--dry-run] [--sheet NAME] [--column FIELD=LETTER]`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from workbook_support import write_xlsx

from app.cli import main
from app.domain import Value

DATA = Path(__file__).parent.parent / "data" / "importer"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_dry_run_then_import_then_nothing_left_to_import(services, plan_ids, store, capsys):
    path = store.path
    store.close()
    source = str(DATA / "partner-return.ods")
    before = _digest(path)
    assert main(["import", str(path), source, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Figures: 7 new, 0 changed, 0 unchanged" in out
    assert "row 8: figure REF 2018/19 [Area: North]: 410" in out
    assert ".ods files carry no number formats" in out
    assert _digest(path) == before
    assert main(["import", str(path), source, "--sheet", "Figures"]) == 0
    assert "Imported 7 figure(s) and 0 target(s) as one action." in capsys.readouterr().out
    assert main(["import", str(path), source]) == 0
    assert "Nothing to import" in capsys.readouterr().out


def test_problems_exit_2_and_write_nothing(services, plan_ids, store, tmp_path, capsys):
    path = store.path
    store.close()
    bad = write_xlsx(tmp_path / "bad.xlsx", [["Indicator", "Period", "Value"],
                                             ["BF", "2018/19", 4], ["NOPE", "2018/19", 4]])
    before = _digest(path)
    assert main(["import", str(path), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Figures, row 3, column A (Indicator): no indicator 'NOPE'" in err
    assert _digest(path) == before
    assert main(["import", str(path), str(tmp_path / "missing.xlsx")]) == 2
    assert "missing.xlsx: no such file." in capsys.readouterr().err


def test_columns_chosen_on_the_command_line_are_remembered(services, plan_ids, store,
                                                           tmp_path, capsys):
    path = store.path
    store.close()
    odd = write_xlsx(tmp_path / "odd.xlsx", [["Measure", "When", "Reported"],
                                             ["BF", "2018/19", 50]])
    assert main(["import", str(path), str(odd), "--dry-run"]) == 2
    assert "no row of headers" in capsys.readouterr().err
    assert main(["import", str(path), str(odd), "--column", "indicator=A", "--column",
                 "period=B", "--column", "value=c"]) == 0
    later = write_xlsx(tmp_path / "later.xlsx", [["Measure", "When", "Reported"],
                                                 ["BF", "2019/20", 55]])
    assert main(["import", str(path), str(later)]) == 0  # the layout is remembered
    from app.cli import PlanFiles

    reopened = PlanFiles().open(path, read_only=True)
    try:
        got = {v.period: v.value for v in reopened.store.find(Value,
                                                              indicator_id=plan_ids["BF"])}
    finally:
        reopened.close()
    assert got == {"fy:2017": 45.0, "fy:2018": 50, "fy:2019": 55}


def test_the_importer_is_not_loaded_at_start_up():
    import subprocess
    import sys

    code = ("import sys, app.cli, app.services; app.cli._parser(); "
            "import ui.actions, ui.figure_commands; "
            "loaded = [m for m in sys.modules if m.startswith(('python_calamine', 'openpyxl', "
            "'app.importer.dry_run', 'app.importer.workbook', 'app.returns'))]; "
            "assert not loaded, loaded")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)
