"""The app's identity: one version, the icons, the desktop entry, AppStream metainfo, the
installer scripts and the bundle spec all naming the same app, file type and version."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest
from PIL import Image

import app
from app import identity

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "resources" / "icons"
DESKTOP = LINUX / f"{identity.APP_ID}.desktop"
METAINFO = LINUX / f"{identity.APP_ID}.metainfo.xml"
MIME = LINUX / f"{identity.APP_ID}.mime.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_the_version_has_one_home():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}
    assert identity.VERSION == app.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", identity.VERSION)


def test_the_command_line_reports_that_version(capsys):
    from app.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"boardpack {app.__version__}"


def test_metainfo_names_the_current_release():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == identity.APP_ID
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("provides/mediatype").text == identity.FILE_MIME_TYPE
    newest = root.find("releases/release")
    assert newest.get("version") == identity.VERSION, "add a <release> for the new version"


@pytest.mark.parametrize("name", ["boardpack", "boardpack-file"])
def test_every_icon_size_is_a_real_image_of_that_size(name):
    svg = ET.parse(ICONS / f"{name}.svg").getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"
    for size in PNG_SIZES:
        with Image.open(ICONS / f"{name}-{size}.png") as png:
            assert png.format == "PNG" and png.size == (size, size) and png.mode == "RGBA"
            alpha = png.getchannel("A").getextrema()
            assert alpha == (0, 255), "transparent corners, opaque drawing"
    with Image.open(PACKAGING / "icons" / f"{name}.ico") as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.ico.sizes())
    with Image.open(PACKAGING / "icons" / f"{name}.icns") as icns:
        assert icns.format == "ICNS"
        assert {(16, 16), (32, 32), (128, 128), (256, 256), (512, 512)} <= {
            s[:2] for s in icns.info["sizes"]}


def test_the_generated_icons_are_drawn_from_the_current_svg(qapp):
    """make_icons.py was run after the last edit of an SVG (compared at 64 px)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    for name in ("boardpack", "boardpack-file"):
        fresh = make_icons.render(ICONS / f"{name}.svg", 64)
        with Image.open(ICONS / f"{name}-64.png") as committed:
            diff = [abs(a - b) for a, b in zip(fresh.tobytes(), committed.tobytes(),
                                               strict=True)]
        assert max(diff) <= 8, name


def test_the_window_uses_the_app_icon(qapp):
    from ui.application import app_icon, make_app

    make_app()
    icon = app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == list(PNG_SIZES)
    assert not icon.pixmap(32, 32).isNull()  # each size is read when first drawn
    assert qapp.windowIcon().availableSizes() == icon.availableSizes()
    assert not app_icon("boardpack-file").isNull()


def _desktop_entry() -> ConfigParser:
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    return entry["Desktop Entry"]


def test_desktop_entry_opens_plan_files_with_the_app():
    entry = _desktop_entry()
    assert entry["Exec"] == "boardpack %f" and entry["Icon"] == identity.APP_ID
    assert entry["MimeType"].split(";")[0] == identity.FILE_MIME_TYPE
    mime = ET.parse(MIME).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = mime.find("m:mime-type", ns)
    assert kind.get("type") == identity.FILE_MIME_TYPE
    assert kind.find("m:glob", ns).get("pattern") == f"*{identity.FILE_EXTENSION}"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils (scripts/bootstrap.sh --test installs it)")
def test_desktop_entry_validates():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True)
    assert done.returncode == 0 and done.stdout == "", done.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstream (scripts/bootstrap.sh --test installs it)")
def test_metainfo_validates():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_installer_and_the_bundle_take_their_names_from_identity():
    iss = (PACKAGING / "windows" / "boardpack.iss").read_text(encoding="utf-8")
    assert f'#define AppId "{identity.APP_ID}"' in iss
    assert f'Subkey: "Software\\Classes\\{identity.FILE_EXTENSION}"' in iss
    assert "PrivilegesRequired=lowest" in iss and "commandline" in iss  # /ALLUSERS allowed
    assert "boardpack-cli" in iss
    spec = (PACKAGING / "boardpack.spec").read_text(encoding="utf-8")
    assert "identity.VERSION" in spec and "identity.FILE_UTI" in spec
    assert 'name="Boardpack", console=False' in spec
    assert 'name="boardpack-cli", console=True' in " ".join(spec.split())
