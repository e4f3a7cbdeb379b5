"""What the board secretary can choose about a board report."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from app.domain import ValidationError

PAGE_SIZES = ("A4", "Letter")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass
class ReportOptions:
    summary: bool = False  # a RAG summary table of every indicator
    charts: bool = False  # a chart per indicator, each with its text alternative
    contents: bool = False  # a contents page
    draft: bool = False  # a DRAFT watermark on every page
    include_green: bool = True  # Green and Blue (achieved) items in the summary and charts
    suppress_small: bool = False  # counts below the threshold shown as "<5"
    suppress_threshold: int = 5
    organisation: str = ""
    logo: str = ""  # path to a PNG or JPEG
    primary_colour: str = "#1F3864"  # headings, table header text
    accent_colour: str = "#DCE4F2"  # label cells and table header fill
    page_size: str = "A4"  # A4 | Letter

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            raise ValidationError(f"Page size must be A4 or Letter, not {self.page_size!r}.",
                                  field="page_size")
        for name in ("primary_colour", "accent_colour"):
            if not _HEX.match(getattr(self, name)):
                raise ValidationError(f"{name.replace('_', ' ').capitalize()} must be a colour "
                                      "like #1F3864.", field=name)
        if int(self.suppress_threshold) < 1:
            raise ValidationError("The suppression threshold must be at least 1.",
                                  field="suppress_threshold")

    @property
    def suppress_below(self) -> int | None:
        return int(self.suppress_threshold) if self.suppress_small else None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportOptions:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
