"""The services refuse what the views cannot show, each with a ValidationError that says
why, and write nothing; the developer command cannot eat a plan; a wrongly typed
preferences file falls back to defaults."""

from __future__ import annotations

import json
import logging

import pytest
from fault_support import cli, digest

from app.cli import PlanFiles
from app.domain import ValidationError
from app.indicator_service import FigureEntry
from db import backups

HUGE = [1e308, -1e308, float("inf"), float("nan"), 10 ** 400, "1e400"]


@pytest.fixture
def opened(plan):
    path, ids = plan
    services = PlanFiles().open(path)
    yield path, ids, services
    services.close()


@pytest.mark.parametrize("value", HUGE, ids=str)
def test_figures_beyond_sane_range_are_refused(opened, value):
    path, ids, s = opened
    before = digest(path)
    with pytest.raises(ValidationError):
        s.indicators.set_value(ids["indicator"], "fy:2019", value)
    with pytest.raises(ValidationError):
        s.indicators.add_target(ids["indicator"], "fy:2019", "at_most", value)
    with pytest.raises(ValidationError):
        s.indicators.set_comparator(ids["indicator"], "england", "fy:2019", value)
    assert digest(path) == before


@pytest.mark.parametrize("key", ["fy:9999", "fy:18", "cy:01999", "fq:2021q3", "fy:2018 ",
                                 "cy:1899", "cy:2201", "nonsense"])
def test_periods_outside_1900_2200_or_not_canonical_are_refused(opened, key):
    path, ids, s = opened
    before = digest(path)
    with pytest.raises(ValidationError, match="period"):
        s.indicators.set_value(ids["indicator"], key, 5.0)
    with pytest.raises(ValidationError, match="period"):
        s.indicators.enter_many([FigureEntry(ids["indicator"], key, "5")])
    assert digest(path) == before


def test_dates_outside_1900_2200_are_refused(opened):
    _path, ids, s = opened
    for day in ("9999-01-01", "01/01/1850"):
        with pytest.raises(ValidationError, match="1900 and 2200"):
            s.assessments.add_meeting(ids["plan"], day)
        with pytest.raises(ValidationError, match="1900 and 2200"):
            s.plans.edit_plan(ids["plan"], period_end=day)


BAD_TEXT = {
    "bell": ("Rising\x07 fast", "control character"),
    "null": ("a\x00b", "control character"),
    "escape": ("\x1b[31mred\x1b[0m", "control character"),
    "lone surrogate": ("caf\udce9", "not valid text"),
    "too long": ("x" * 20_001, "too long"),
}


@pytest.mark.parametrize("case", sorted(BAD_TEXT))
def test_text_a_view_cannot_show_is_refused_everywhere(opened, case):
    path, ids, s = opened
    text, said = BAD_TEXT[case]
    before = digest(path)
    attempts = [
        lambda: s.assessments.assess(ids["meeting"], ids["indicator"], commentary=text),
        lambda: s.plans.edit_node(ids["node"], description=text),
        lambda: s.plans.edit_node(ids["node"], title=text),
        lambda: s.plans.create_plan(text),
        lambda: s.indicators.edit_indicator(ids["indicator"], title=text),
        lambda: s.indicators.set_note(ids["indicator"], "fy:2018", text),
        lambda: s.indicators.enter_many([FigureEntry(ids["indicator"], "fy:2019", "5",
                                                     note=text)]),
        lambda: s.indicators.enter_text(ids["indicator"], "fy:2019", text),
        lambda: s.assessments.add_meeting(ids["plan"], "2019-06-20", text),
        lambda: s.reports.create_report(ids["plan"], "Report", sections={"other": text}),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match=said):
            attempt()
    assert digest(path) == before


def test_line_breaks_become_newlines_and_format_characters_are_kept(opened):
    _path, ids, s = opened
    text = "First line\r\nsecond\rthird\vfourth \u200fشكرا\u200d"
    saved = s.assessments.assess(ids["meeting"], ids["indicator"], commentary=text)
    assert saved.commentary == "First line\nsecond\nthird\nfourth \u200fشكرا\u200d"
    assert "\t" in s.plans.edit_node(ids["node"], description="a\tb").description


def test_new_with_an_undecodable_title_leaves_no_file(tmp_path, capsys):
    path = tmp_path / "new.boardpack"
    # What Python makes of the byte \xff in argv: a lone surrogate.
    code, _out, err = cli(capsys, "new", str(path), "--title", "\udcff")
    assert code == 2 and "not valid text" in err and "Traceback" not in err
    assert not path.exists()


def test_build_sample_refuses_an_existing_file(plan, capsys):
    path, _ids = plan
    before = digest(path)
    code, _out, err = cli(capsys, "build-sample", str(path))
    assert code == 2 and "already exists" in err and "--force" in err
    assert digest(path) == before


def test_build_sample_refuses_a_plan_open_for_editing_even_with_force(plan, capsys):
    path, _ids = plan
    services = PlanFiles().open(path)
    try:
        before = digest(path)
        code, _out, err = cli(capsys, "build-sample", str(path), "--force")
        assert code == 2 and "open for editing" in err
        assert digest(path) == before
    finally:
        services.close()
    assert not list(path.parent.glob("*.building"))


def test_build_sample_with_force_keeps_a_backup(plan, capsys, backup_folder):
    path, _ids = plan
    before = path.read_bytes()
    code, out, _err = cli(capsys, "build-sample", str(path), "--force")
    assert code == 0 and "Kept a backup" in out
    kept = backups.list_backups(path)
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert path.read_bytes() != before
    PlanFiles().open(path, read_only=True).close()


def test_a_wrongly_typed_preferences_file_falls_back_to_defaults(caplog):
    from ui.preferences import Preferences

    Preferences.path().parent.mkdir(parents=True, exist_ok=True)
    Preferences.path().write_text(json.dumps({
        "user_name": 42, "reopen_last_file": "yes", "commentary_delay_ms": "fast",
        "recent_files": "/not/a/list", "last_meeting": [], "unknown": 1}), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        prefs = Preferences.load()
    assert prefs == Preferences()
    assert len([r for r in caplog.records if "using the default" in r.getMessage()]) == 5
    Preferences.path().write_text("[1, 2]", encoding="utf-8")
    assert Preferences.load() == Preferences()
