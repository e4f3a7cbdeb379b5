"""`boardpack export-figures FILE -o OUT.xlsx|OUT.csv [--indicator CODE ...]`: every figure
in the layout the importer reads back unchanged."""

from __future__ import annotations

import csv
import shutil

import pytest

from app import paths
from app.cli import PlanFiles, main
from app.domain import Comparator, Indicator, Target, Value
from app.indicator_service import FigureEntry
from app.periods import Period


def _figures(services) -> set[tuple]:
    return {(v.indicator_id, v.period, v.breakdown, v.value, v.status, v.raw_text, v.expected,
             v.note) for v in services.store.find(Value)}


def _comparators(services) -> set[tuple]:
    return {(c.indicator_id, c.period, c.kind, c.value) for c in
            services.store.find(Comparator)}


@pytest.fixture
def sample_plan(tmp_path):
    """A copy of the sample with figures of every status, breakdowns and notes added."""
    plan = tmp_path / "sample.boardpack"
    shutil.copyfile(paths.bundled_sample(), plan)
    services = PlanFiles().open(plan)
    every = services.store.find(Indicator)
    pct = next(i.id for i in every if i.ref == "1.2")
    count = next(i.id for i in every if i.code == "NI 111")
    services.indicators.enter_many([
        FigureEntry(pct, "fy:2015", "0.5%", note="below one per cent, not a fraction"),
        FigureEntry(pct, "fy:2016", "[c]"),
        FigureEntry(pct, "fy:2017", "nya: July 2018", note="due in the summer"),
        FigureEntry(pct, "fy:2018", "61.25% (p)"),
        FigureEntry(count, "fy:2015", "<5", breakdown="Area: North"),
        FigureEntry(count, "fy:2015", "1,204", breakdown="Area: South",
                    note='a "quoted", multi-line\nnote'),
        FigureEntry(count, "fy:2016", "[x]", breakdown="Area: South"),
        FigureEntry(count, "fy:2017", "12", note="=SUM(A1:A9) is text here, never run"),
    ])
    services.close()
    return plan


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_restores_every_figure_and_changes_nothing_in_place(
        sample_plan, tmp_path, suffix, capsys):
    out = tmp_path / f"figures{suffix}"
    assert main(["export-figures", str(sample_plan), "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    services = PlanFiles().open(sample_plan, read_only=True)
    original, comparators = _figures(services), _comparators(services)
    services.close()
    assert len(original) > 300 and len(comparators) > 100

    emptied = tmp_path / "emptied.boardpack"
    shutil.copyfile(sample_plan, emptied)
    services = PlanFiles().open(emptied)
    with services.store.transaction("Delete every figure and comparator"):
        services.store.delete_many(services.store.find(Value))
        services.store.delete_many(services.store.find(Comparator))
    services.close()
    assert main(["import", str(emptied), str(out)]) == 0
    assert f"Figures: {len(original)} new, 0 changed, 0 unchanged" in capsys.readouterr().out
    services = PlanFiles().open(emptied, read_only=True)
    assert _figures(services) == original
    assert _comparators(services) == comparators
    services.close()

    assert main(["import", str(sample_plan), str(out), "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert f"Figures: 0 new, 0 changed, {len(original)} unchanged" in said
    assert "Targets: 0 new, 0 changed" in said
    assert "Comparators: 0 new, 0 changed" in said


def test_chosen_indicators_only_with_their_targets(sample_plan, tmp_path, capsys):
    out = tmp_path / "two.csv"
    assert main(["export-figures", str(sample_plan), "-o", str(out),
                 "--indicator", "1.2", "NI 111"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["Indicator"] for r in rows} == {"1.2", "NI 111"}
    by = {(r["Indicator"], r["Period"], r["Breakdown"]): r for r in rows}
    assert by[("1.2", "2015/16", "")]["Value"] == "0.5%"
    assert by[("1.2", "2016/17", "")]["Status"] == "[c]"
    assert by[("1.2", "2017/18", "")]["Status"] == "nya: July 2018"
    assert by[("NI 111", "2015/16", "Area: North")]["Status"] == "<5"
    assert by[("NI 111", "2015/16", "Area: South")]["Value"] == "1204"
    assert by[("NI 111", "2015/16", "Area: South")]["As printed"] == "1,204"
    services = PlanFiles().open(sample_plan, read_only=True)
    ind = next(i for i in services.store.find(Indicator) if i.ref == "1.2")
    targets = [t for t in services.store.find(Target, indicator_id=ind.id)
               if not t.superseded_by]
    services.close()
    labels = {Period.from_key(t.period).label for t in targets}
    assert labels and labels <= {r["Period"] for r in rows
                                 if r["Indicator"] == "1.2" and r["Target"]}


def test_unknown_indicator_or_format_is_refused_and_nothing_written(sample_plan, tmp_path,
                                                                   capsys):
    assert main(["export-figures", str(sample_plan), "-o", str(tmp_path / "x.csv"),
                 "--indicator", "NO SUCH"]) == 2
    assert "--indicator NO SUCH: no indicator 'NO SUCH'" in capsys.readouterr().err
    assert main(["export-figures", str(sample_plan), "-o", str(tmp_path / "x.ods")]) == 2
    assert "exported as .xlsx or .csv" in capsys.readouterr().err
    assert list(tmp_path.glob("x.*")) == []
