"""Helpers for the sample tests (a support module: no tests here)."""

import re


def normalise(text: str) -> str:
    """Text as compared with the seed documents: entities undone, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.replace("&amp;", "&")).strip()
