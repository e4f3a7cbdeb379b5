"""`boardpack report` runs with no display and never imports Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from report_helpers import check_web_page, pdf_text, squash

from app.report.wording import SECTION_2

ROOT = Path(__file__).resolve().parents[2]
WRAPPER = """
import sys
from app.cli import main
code = main(sys.argv[1:])
bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui',
                                                            'pyqtgraph'))
assert not bad, bad
sys.exit(code)
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM",
                                                            "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-c", WRAPPER, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_report_by_meeting_with_all_options(sample_file, tmp_path):
    out = tmp_path / "report.pdf"
    r = _run("report", str(sample_file), "--meeting", "2019-03-21", "-o", str(out),
             "--summary", "--charts", "--contents", "--draft", "--no-green",
             "--suppress-below", "5", "--organisation", "Test County Council")
    assert r.returncode == 0, r.stderr
    flat = squash(pdf_text(out.read_bytes()))
    assert squash("2. Note on what is being done in areas rated Red or Amber") in flat
    assert "TestCountyCouncil" in flat


def test_cli_issue_then_export_gives_the_issued_pdf(sample_file, tmp_path):
    import shutil

    plan = tmp_path / "plan.boardpack"
    shutil.copyfile(sample_file, plan)
    first, again = tmp_path / "issued.pdf", tmp_path / "again.pdf"
    r = _run("report", str(plan), "--report", "2019-05-24", "-o", str(first), "--issue")
    assert r.returncode == 0, r.stderr
    r = _run("report", str(plan), "--report", "2019-05-24", "-o", str(again), "--charts")
    assert r.returncode == 0, r.stderr
    assert "as issued" in r.stdout
    assert first.read_bytes() == again.read_bytes()


def test_cli_bad_meeting_is_a_clear_message(sample_file, tmp_path):
    r = _run("report", str(sample_file), "--meeting", "2001-01-01", "-o",
             str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "No meeting was held on 01/01/2001" in r.stderr


def test_reportlab_is_not_imported_at_start_up():
    code = ("import sys, app.cli, app.services, app.report, app.chart_spec; "
            "assert 'reportlab' not in sys.modules, 'reportlab imported'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_cli_writes_the_web_page_for_an_html_output(sample_file, tmp_path):
    out = tmp_path / "report.html"
    r = _run("report", str(sample_file), "--report", "2019-05-24", "-o", str(out),
             "--summary", "--charts")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"Wrote {out}"
    doc = check_web_page(out.read_text(encoding="utf-8"))
    assert len(doc.all("svg")) > 0, "the charts asked for are there"
    assert squash(SECTION_2) in [squash(t) for t in doc.text["h2"]]


def test_cli_issued_report_as_a_web_page_is_the_same_every_time(sample_file, tmp_path):
    import shutil

    plan = tmp_path / "plan.boardpack"
    shutil.copyfile(sample_file, plan)
    r = _run("report", str(plan), "--report", "2019-05-24", "-o", str(tmp_path / "i.pdf"),
             "--issue", "--charts")
    assert r.returncode == 0, r.stderr
    pages = []
    for name in ("one.html", "two.html"):
        r = _run("report", str(plan), "--report", "2019-05-24", "-o", str(tmp_path / name))
        assert r.returncode == 0, r.stderr
        assert "web page from the snapshot frozen with the issued PDF" in r.stderr
        assert "as issued" in r.stdout
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    doc = check_web_page(pages[0].decode("utf-8"))
    assert doc.all("svg"), "the issued options (charts) hold, not this export's"
