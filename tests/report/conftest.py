"""Fixtures for the board report: the sample plan (the real May 2019 report) and a small
plan built through the services."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from report_helpers import build_small_plan

from app.domain import RAG

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample.boardpack"


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory) -> Path:
    """The bundled sample; until it is built, the CYPP 2018-23 plan built from its YAML."""
    target = tmp_path_factory.mktemp("sample") / "sample.boardpack"
    if SAMPLE.exists():
        shutil.copyfile(SAMPLE, target)
        return target
    from app import sample_builder
    from db import store

    try:
        sources = [s for s in sample_builder.load_sources() if "2018" in s[0].name]
    except Exception as exc:  # the sources are being written by others
        pytest.skip(f"no sample plan yet ({exc})")
    built = store.create(target, author="test")
    try:
        sample_builder.build(built, sources)
    finally:
        built.close()
    return target


@pytest.fixture
def sample(sample_file, tmp_path):
    from app.services import Services
    from db import store

    copy = tmp_path / "sample.boardpack"
    shutil.copyfile(sample_file, copy)
    s = Services.over(store.open_store(copy, author="test"))
    yield s
    s.close()


@pytest.fixture
def may_2019(sample):
    found = [r for r in sample.reports.reports() if r.report_date == date(2019, 5, 24)]
    assert found, "the sample has no May 2019 report"
    return found[0]


@pytest.fixture
def small(services) -> dict:
    data = build_small_plan(services)
    assert services.assessments.assessment(data["meeting"].id, data["ni70"].id).rag is RAG.RED
    return data




@pytest.fixture(scope="session")
def generated_file(tmp_path_factory) -> Path:
    """A generated plan large enough that its report takes a few seconds to make (charts and
    a summary for 200 indicators), small enough to generate in about a second."""
    from app.cli import PlanFiles
    from app.generator import generate

    path = tmp_path_factory.mktemp("generated") / "generated.boardpack"
    services = PlanFiles(author="Test Officer").create(path)
    try:
        generate(services.store, nodes=400, indicators=200, years=5)
    finally:
        services.close()
    return path


@pytest.fixture
def generated_copy(generated_file, tmp_path) -> Path:
    copy = tmp_path / "generated.boardpack"
    shutil.copyfile(generated_file, copy)
    return copy


@pytest.fixture
def open_window(qtbot):
    """Opens the main window on a plan file (closed at the end of the test)."""
    from app.cli import PlanFiles
    from ui.application import create_window, make_app

    make_app()
    opened = []

    def open_on(path: Path):
        w = create_window(PlanFiles(author="Test Officer"), path)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        opened.append(w)
        return w

    yield open_on
    for w in opened:
        w.close()
