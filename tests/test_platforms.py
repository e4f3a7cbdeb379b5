"""As far as this machine can go towards Windows and macOS: every module imports without the
POSIX-only `fcntl` and `pwd`; file names with spaces and non-ASCII letters open, back up and
export; a Windows network path (\\\\server\\share\\plan.boardpack) is understood."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path, PureWindowsPath

import pytest

from app import cli, paths
from app.cli import PlanFiles
from db import backups
from db.sqlite_uri import sqlite_uri

ROOT = Path(__file__).parent.parent
UNC = r"\\server\share\Board papers\Children's Trust plan.boardpack"

IMPORT_ALL_WITHOUT_POSIX = textwrap.dedent("""
    import importlib, json, pkgutil, sys

    class NoPosix:  # as on Windows: these modules do not exist
        def find_spec(self, name, path=None, target=None):
            if name in ("fcntl", "pwd"):
                raise ImportError(f"No module named {name!r} (as on Windows)")

    for name in ("fcntl", "pwd"):
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, NoPosix())
    imported, failed = [], {}
    for package in ("app", "db", "ui"):
        imported.append(package)
        for info in pkgutil.walk_packages(importlib.import_module(package).__path__,
                                          package + "."):
            if info.name.endswith("__main__"):
                continue  # running it starts the app
            try:
                importlib.import_module(info.name)
                imported.append(info.name)
            except Exception as exc:
                failed[info.name] = f"{type(exc).__name__}: {exc}"
    print(json.dumps({"imported": imported, "failed": failed,
                      "posix": [m for m in ("fcntl", "pwd") if sys.modules.get(m)]}))
""")


def test_every_module_imports_without_fcntl_and_pwd():
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL_WITHOUT_POSIX], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["failed"] == {}
    assert out["posix"] == []
    expected = {f"{p.parent.name}.{p.stem}" for folder in ("app", "db", "ui")
                for p in (ROOT / folder).glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert expected <= set(out["imported"])
    assert {"db.file_lock", "db.store", "ui.single_instance", "app.paths"} <= set(out["imported"])


@pytest.fixture
def odd_folder(tmp_path) -> Path:
    folder = tmp_path / "Board papers (Café) – 2024"
    folder.mkdir()
    return folder


def test_a_plan_named_with_spaces_and_accents_opens_and_backs_up(odd_folder):
    plan = odd_folder / "Plan für Noël #2 (Ünïcode).boardpack"
    services = PlanFiles().create(plan)
    services.plans.create_plan("Plan pour l'été")
    services.close()
    services = PlanFiles().open(plan)
    try:
        assert [p.title for p in services.plans.plans()] == ["Plan pour l'été"]
    finally:
        services.close()
    taken = backups.take(plan, reason="test")
    assert taken.name.startswith("Plan für Noël #2 (Ünïcode).")
    assert backups.list_backups(plan)[0] == taken
    backups.check(taken)
    [(path, described)] = [b for b in PlanFiles().backups(plan) if b[0] == taken]
    assert "checked" in described


def test_export_to_a_name_with_spaces_and_accents(odd_folder, capsys):
    plan = odd_folder / "Échantillon du plan.boardpack"
    assert cli.main(["sample", str(plan)]) == 0
    out = odd_folder / "Rapport d'été #1 – mai.pdf"
    assert cli.main(["report", str(plan), "--meeting", "2019-03-21", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    html = odd_folder / "Rapport d'été #1 – mai.html"
    assert cli.main(["report", str(plan), "--meeting", "2019-03-21", "-o", str(html)]) == 0
    assert "<html" in html.read_text(encoding="utf-8").lower()


def test_a_network_path_is_understood():
    unc = PureWindowsPath(UNC)
    assert unc.is_absolute() and unc.drive == r"\\server\share"
    assert unc.name == "Children's Trust plan.boardpack"
    assert cli._is_plan_path(UNC)
    assert backups.backup_dir(unc) == PureWindowsPath(
        r"\\server\share\Board papers\.boardpack-backups")
    fallback = backups.fallback_dir(unc)
    assert fallback.parent == paths.user_data_dir() / "backups"
    assert fallback.name.startswith("Children's Trust plan-")
    assert sqlite_uri(unc, "rw") == (
        "file:////server/share/Board%20papers/Children%27s%20Trust%20plan.boardpack?mode=rw")
    assert sqlite_uri(PureWindowsPath(r"C:\Users\Jo Bloggs\plan.boardpack"), "ro") == (
        "file:///C:/Users/Jo%20Bloggs/plan.boardpack?mode=ro")


def test_sqlite_takes_the_network_form_and_refuses_a_server_as_authority(tmp_path):
    """What sqlite_uri relies on: SQLite reads `file:////path` as the path `//path` (on
    Windows, a UNC path), while `file://server/...` is an error."""
    plan = tmp_path / "plan.boardpack"
    PlanFiles().create(plan).close()
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect("file://server/share/plan.boardpack?mode=ro", uri=True)
    four_slashes = "file:///" + plan.as_uri()[len("file://"):] + "?mode=ro"
    assert four_slashes.startswith("file:////")
    conn = sqlite3.connect(four_slashes, uri=True)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] != 0
    finally:
        conn.close()
