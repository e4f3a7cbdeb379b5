"""User text reaches reportlab's markup only escaped, on the contents page too: a section
name cannot embed a local file, break the export or change what it says; a bad logo is a
message, not a traceback."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from report_helpers import pdf_text, squash, tiny_png

from app.domain import ValidationError
from app.report import ReportOptions, build_report_model, render_pdf
from app.report.model import HeaderField


def image_xobjects(pdf: bytes) -> set[int]:
    """The object numbers of every image the PDF's pages draw."""
    from pypdf import PdfReader

    found: set[int] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            if ref.get_object().get("/Subtype") == "/Image":
                found.add(ref.idnum)
    return found


def contents_page(pdf: bytes) -> str:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def outline_titles(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    def walk(items) -> list[str]:
        out: list[str] = []
        for item in items:
            out += walk(item) if isinstance(item, list) else [item.title]
        return out

    return walk(PdfReader(io.BytesIO(pdf)).outline)


@pytest.fixture
def local_png(tmp_path) -> Path:
    return tiny_png(tmp_path / "secret.png")


def test_image_tag_in_a_section_name_shows_as_typed_and_embeds_nothing(services, small,
                                                                      local_png, monkeypatch):
    monkeypatch.chdir(local_png.parent)  # a stored section key is lower case, so: relative
    tag = f'<img src="{local_png.name}" width="40" height="20"/>'
    services.reports.edit_report(small["report"].id, title=f"{tag} Board report",
                                 sections={"other_items": "None.", tag: "Seen."})
    opts = ReportOptions(contents=True)
    model = build_report_model(services, small["report"].id, options=opts)
    label = model.extra_sections[0].label
    assert label == tag  # the name carries the tag to the PDF
    pdf = render_pdf(model, opts)
    assert image_xobjects(pdf) == set()
    flat = squash(pdf_text(pdf))
    assert squash(f"5. {label}") in squash(contents_page(pdf))
    assert flat.count(squash(tag)) >= 2  # the title, as typed
    assert f"5. {label}" in outline_titles(pdf)


def test_only_the_logo_is_an_image(services, small, local_png, tmp_path):
    tag = f'<img src="{local_png}"/>'
    logo = tiny_png(tmp_path / "logo.png")
    opts = ReportOptions(contents=True, organisation=tag, logo=str(logo))
    model = build_report_model(services, small["report"].id, options=opts)
    model.title = tag
    model.extra_sections.append(HeaderField(tag, tag))
    pdf = render_pdf(model, opts)
    assert len(image_xobjects(pdf)) == 1
    assert squash(f"5. {tag}") in squash(contents_page(pdf))


@pytest.mark.parametrize("name", ["<b>Unclosed bold", "R&D", "Fish & chips &amp; <i>",
                                  "</para> ]]> <font size=40>X</font> &#9731; &bogus;"])
def test_markup_in_section_names_prints_as_typed(services, small, name):
    opts = ReportOptions(contents=True, summary=True)
    model = build_report_model(services, small["report"].id, options=opts)
    model.title = name
    model.extra_sections.append(HeaderField(name, f"About {name}"))
    pdf = render_pdf(model, opts)
    contents = squash(contents_page(pdf))
    assert squash(f"5. {name}") in contents
    assert squash(name) in contents  # the title above the contents
    flat = squash(pdf_text(pdf))
    assert flat.count(squash(f"5. {name}")) >= 2  # the contents entry and the heading
    assert squash(f"About {name}") in flat
    assert f"5. {name}" in outline_titles(pdf)  # bookmarks keep the plain text
    if name == "R&D":
        assert "R&d;" not in flat and "R&D;" not in flat


def test_ampersand_in_a_stored_section_key_prints_plainly(services, small):
    services.reports.edit_report(small["report"].id, sections={"r&d_update": "Funded."})
    opts = ReportOptions(contents=True)
    pdf = render_pdf(build_report_model(services, small["report"].id, options=opts), opts)
    assert squash("5. R&d update") in squash(contents_page(pdf))
    assert "R&d;" not in squash(pdf_text(pdf))


# -- the logo ---------------------------------------------------------------------------

def _png(width: int, height: int, body: bytes | None = None) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    if body is None:
        z = zlib.compressobj(9)
        row = b"\x00" * (width + 1)
        body = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
            + chunk(b"IEND", b""))


BAD_LOGOS = {
    "not_an_image": (b"\x89PNG\r\n\x1a\n" + b"this is not an image" * 20, "damaged"),
    "truncated": (_png(64, 64)[:60], "damaged"),
    "corrupt_pixels": (_png(64, 64, body=b"\x78\x9c" + b"\xff" * 40), "damaged"),
    "jpeg_header_only": (b"\xff\xd8\xff\xe0" + b"\x00" * 50, "damaged"),
    # refused on their size alone, before any pixel is decoded
    "bomb": (_png(20_000, 20_000, body=b""), "too large (hundreds of millions of pixels)"),
    "huge": (_png(6_000, 6_000, body=b""), "too large (6,000 × 6,000 pixels)"),
}


@pytest.mark.parametrize("case", sorted(BAD_LOGOS))
def test_bad_logo_is_a_clear_message(services, small, tmp_path, case):
    data, words = BAD_LOGOS[case]
    path = tmp_path / f"{case}.png"
    path.write_bytes(data)
    with pytest.raises(ValidationError) as err:
        build_report_model(services, small["report"].id, options=ReportOptions(logo=str(path)))
    assert str(path) in str(err.value) and words in str(err.value)
    assert err.value.field == "logo"


def test_oversized_logo_file_is_refused_before_reading(services, small, tmp_path):
    path = tmp_path / "big.png"
    with path.open("wb") as f:
        f.write(tiny_png(tmp_path / "t.png").read_bytes())
        f.truncate(11 * 1024 * 1024)
    with pytest.raises(ValidationError, match="the logo is too large \\(11 MB\\)"):
        build_report_model(services, small["report"].id, options=ReportOptions(logo=str(path)))


def test_cli_bad_logo_says_so_without_a_traceback(services, small, tmp_path, capsys):
    from app.cli import main

    services.close()
    logo = tmp_path / "logo.png"
    logo.write_bytes(BAD_LOGOS["not_an_image"][0])
    out = tmp_path / "report.pdf"
    code = main(["report", str(services.store.path), "--report", "2010-07-01", "-o", str(out),
                 "--logo", str(logo)])
    err = capsys.readouterr().err
    assert code == 2 and "the logo is damaged" in err and str(logo) in err
    assert "Traceback" not in err and not out.exists()
