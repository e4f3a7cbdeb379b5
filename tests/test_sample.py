"""The bundled sample plan: counts, provenance of every stored figure, up to date, first start."""

import re
import time
from collections import Counter
from pathlib import Path

import pytest
from sample_support import normalise

from app import paths
from app.cli import PlanFiles, main
from app.domain import RAG, Comparator, Indicator, Node, NodeKind, Plan, Target, Value
from app.sample_source import SEED_FILES

SEEDS = Path(__file__).parent / "seeds"


@pytest.fixture(scope="module")
def sample():
    services = PlanFiles().open(paths.bundled_sample(), read_only=True)
    yield services
    services.close()


def plan_by_short(services, short):
    return next(p for p in services.plans.plans() if p.short_name == short)


def test_three_plans(sample):
    assert [p.short_name for p in sample.plans.plans()] == [
        "CYPP 2010-13", "CYPP 2013/14", "CYPP 2018-23"]


def test_counts(sample):
    store = sample.store
    p2010 = plan_by_short(sample, "CYPP 2010-13")
    nis = [i for i in store.find(Indicator, plan_id=p2010.id) if i.code.startswith("NI ")]
    assert len(nis) == 91
    p2013 = plan_by_short(sample, "CYPP 2013/14")
    assert store.count(Node, plan_id=p2013.id, kind=NodeKind.OUTCOME) == 63
    p2018 = plan_by_short(sample, "CYPP 2018-23")
    assert store.count(Node, plan_id=p2018.id, kind=NodeKind.OUTCOME) == 16


def test_2019_meeting_records_4_red_and_5_amber(sample):
    p2018 = plan_by_short(sample, "CYPP 2018-23")
    meeting = next(m for m in sample.assessments.meetings(p2018.id)
                   if m.held_on.isoformat() == "2019-03-21")
    recorded = Counter(a.rag for a in sample.assessments.assessments_at(meeting.id))
    assert recorded == {RAG.RED: 4, RAG.AMBER: 5}


def test_same_ref_means_different_things_in_different_plans(sample):
    refs = {}
    for ind in sample.store.find(Indicator):
        if ind.ref == "3.14":
            refs[sample.plans.plan(ind.plan_id).short_name] = ind.title
    assert "custodial" in refs["CYPP 2013/14"].lower()
    assert "looked after" in refs["CYPP 2018-23"].lower()


_LINE = re.compile(r"\((\d{3}_[0-9a-f]+\.txt)\)$")


def stored_figures(services):
    for cls in (Value, Target, Comparator):
        for rec in services.store.find(cls):
            yield cls.__name__, rec


def test_every_stored_figure_stands_on_its_cited_seed_line(sample):
    lines = {name: (SEEDS / name).read_text(encoding="utf-8").splitlines()
             for name in SEED_FILES.values()}
    checked = 0
    for kind, rec in stored_figures(sample):
        if not rec.raw_text:
            continue
        m = _LINE.search(rec.source.document)
        assert m, f"{kind} {rec.raw_text!r} has no seed document: {rec.source}"
        number = int(rec.source.location.removeprefix("line "))
        line = normalise(lines[m.group(1)][number - 1])
        assert normalise(rec.raw_text) in line, (kind, rec.raw_text, rec.source)
        checked += 1
    assert checked > 500


def test_every_figure_has_provenance(sample):
    missing = [(k, r.raw_text) for k, r in stored_figures(sample) if not r.source.describe()]
    assert not missing


def test_no_names_or_contact_details(sample):
    text = " ".join(str(v) for n in sample.store.find(Node) for v in vars(n).values())
    text += " ".join(str(v) for p in sample.store.find(Plan) for v in vars(p).values())
    assert "@" not in text and "Harrod" not in text and "Wycherley" not in text


def test_bundled_file_matches_its_sources(tmp_path):
    """The shipped .boardpack is the build of the YAML sources as they stand."""
    fresh = tmp_path / "fresh.boardpack"
    assert main(["build-sample", str(fresh)]) == 0
    a = PlanFiles().open(fresh, read_only=True)
    b = PlanFiles().open(paths.bundled_sample(), read_only=True)
    try:
        for cls in (Plan, Node, Indicator, Value, Target, Comparator):
            assert _content(a, cls) == _content(b, cls), f"{cls.__name__}s differ: rebuild"
    finally:
        a.close()
        b.close()


def _content(services, cls):
    skip = {"id", "plan_id", "parent_id", "indicator_id", "superseded_by", "set_on"}
    return sorted(repr({k: v for k, v in vars(r).items() if k not in skip})
                  for r in services.store.find(cls))


def test_info_lists_three_plans_and_the_board_ratings(capsys):
    assert main(["info", str(paths.bundled_sample()), "--meeting", "2019-03-21"]) == 0
    out = capsys.readouterr().out
    assert out.count("\nPlan: ") == 3
    all_line = next(ln for ln in out.splitlines() if "All indicators" in ln)
    recorded = all_line.split("|")[1]
    assert "R=4" in recorded and "A=5" in recorded


def test_first_start_copies_the_sample_quickly(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "empty-user"))
    start = time.perf_counter()
    copy = PlanFiles().ensure_user_sample()
    elapsed = time.perf_counter() - start
    assert copy.exists() and copy.read_bytes() == paths.bundled_sample().read_bytes()
    assert elapsed < 1.0
    services = PlanFiles().open(copy)
    assert len(services.plans.plans()) == 3
    services.close()
