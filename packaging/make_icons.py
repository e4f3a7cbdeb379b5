"""Generate every icon file from the two SVG sources in resources/icons/.

    .venv/bin/python packaging/make_icons.py

Writes, for the app icon (boardpack.svg) and the plan file's icon (boardpack-file.svg):
  resources/icons/NAME-SIZE.png   16 to 512 px (the window, the Linux hicolor theme)
  packaging/icons/NAME.ico        16 to 256 px (Windows: the exe, the installer, the file type)
  packaging/icons/NAME.icns       16 to 1024 px (macOS: the app bundle, the document type)
Qt's SVG renderer draws the sizes; Pillow (which reportlab already needs) writes .ico and
.icns. The generated files are committed; run this again after editing an SVG.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "resources" / "icons"
OUT = ROOT / "packaging" / "icons"
NAMES = ("boardpack", "boardpack-file")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZE = 1024  # Pillow writes every smaller .icns size from the largest image


def render(svg: Path, size: int) -> Image.Image:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)
    for name in NAMES:
        svg = SOURCES / f"{name}.svg"
        for size in PNG_SIZES:
            render(svg, size).save(SOURCES / f"{name}-{size}.png", optimize=True)
        largest = render(svg, 256)
        largest.save(OUT / f"{name}.ico", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[render(svg, s) for s in ICO_SIZES])
        render(svg, ICNS_SIZE).save(OUT / f"{name}.icns")
        print(f"{name}: {len(PNG_SIZES)} PNG sizes, .ico, .icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
