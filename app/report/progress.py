"""Progress and cancel for making a board report: one callback from the first read to the
last page. It is told what is happening ("Reading the indicators", 120 of 1,000) and
returns False to cancel; the maker then raises ReportCancelled at its next step and writes
nothing."""

from __future__ import annotations

from collections.abc import Callable

# (what is happening, how many done, of how many; 0 of 0 when unknown) -> False to cancel
Progress = Callable[[str, int, int], bool | None]

READING = "Reading the report"
INDICATORS = "Reading and rating the indicators"
RENDERING = "Laying out the pages"


class ReportCancelled(Exception):
    """The user cancelled; nothing was written."""


def step(progress: Progress | None, what: str, done: int = 0, total: int = 0) -> None:
    """Tell `progress`; raise ReportCancelled if it asks to stop."""
    if progress is not None and progress(what, done, total) is False:
        raise ReportCancelled("The report was cancelled.")
