"""The report's logo: read once, checked before it reaches the renderer, kept as base64 so
an issued report keeps its logo."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from app.domain import ValidationError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 25_000_000  # a logo prints 45 mm wide: a few hundred pixels are plenty


def read_logo(path: str) -> str:
    """The logo file as base64, or a ValidationError naming the file and the problem."""
    p = Path(path)
    try:
        if p.is_file() and p.stat().st_size > MAX_BYTES:
            raise ValidationError(
                f"{path}: the logo is too large ({p.stat().st_size / 1024 / 1024:.0f} MB); "
                f"use an image under {MAX_BYTES // 1024 // 1024} MB.", field="logo")
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path}: the logo cannot be read ({exc.strerror}).",
                              field="logo") from None
    if not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
        raise ValidationError(f"{path}: the logo must be a PNG or JPEG image.", field="logo")
    _check_image(path, data)
    return base64.b64encode(data).decode("ascii")


def _check_image(path: str, data: bytes) -> None:
    """Decode the image now with the reader the renderer uses, so a damaged or huge file is
    refused with a message instead of failing half-way through the report."""
    from PIL.Image import DecompressionBombError  # reportlab reads images with Pillow
    from reportlab.lib.utils import ImageReader

    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except DecompressionBombError:
        raise _too_large(path, "hundreds of millions of pixels") from None
    except Exception:  # the decoder raises many kinds (OSError, SyntaxError, ValueError)
        raise _damaged(path) from None
    if width * height > MAX_PIXELS:
        raise _too_large(path, f"{width:,} × {height:,} pixels")
    if not width or not height:
        raise _damaged(path)
    try:
        reader.getRGBData()
    except Exception:  # truncated or corrupt image data shows only when decoded
        raise _damaged(path) from None


def _damaged(path: str) -> ValidationError:
    return ValidationError(f"{path}: the logo is damaged or not a PNG or JPEG image that can "
                           "be read.", field="logo")


def _too_large(path: str, size: str) -> ValidationError:
    return ValidationError(f"{path}: the logo is too large ({size}); use an image of at most "
                           f"{MAX_PIXELS // 1_000_000} million pixels.", field="logo")
