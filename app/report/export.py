"""Exporting the board report: the one use case behind `boardpack report` and the window's
File ▸ Export Board Report.

It runs in three steps so that the window can do the slow one on a worker thread:

- `plan_export` decides what is written, and refuses what cannot be (a few quick reads):
  a report already issued is written exactly as issued (options ignored, and said so);
  "issue now" freezes a stored report (never one with the DRAFT watermark, never in a plan
  open read-only); anything else is a draft made from the plan as it stands.
- `ReportExport.make` reads the plan in short reads, renders the PDF (or the web page, for
  an output ending .html) and writes it to a temporary file beside the target, telling
  `progress` each step (which can cancel). It never writes to the store, so it may run on
  any thread.
- `ReportExport.finish` records the issue (the one write to the store) and renames the file
  into place; it runs where the store is written (the window's GUI thread).

`ReportExport.run` (the command line) does make and finish in turn.

The web page (app/report/html.py) is the PDF's twin from the same model. Only the PDF is
stored when a report is issued; an issued report's web page is rendered again from the
snapshot frozen with it, which gives the same bytes every time.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain import BoardpackError, ReadOnlyError, ValidationError
from app.report.atomic_file import PendingFile
from app.report.issuing import check_can_issue, issued_snapshot, prepare_issue
from app.report.model import BoardReport, build_report_model, covering_report, subject_name
from app.report.options import ReportOptions
from app.report.progress import READING, RENDERING, Progress, step
from app.report.text import noting_unprintable, unprintable_note
from app.report_service import report_status

if TYPE_CHECKING:
    from app.services import Services


class ExportFormat(Enum):
    PDF = "PDF"
    HTML = "web page"


_SUFFIXES = {".html": ExportFormat.HTML, ".htm": ExportFormat.HTML}


class ExportKind(Enum):
    AS_ISSUED = "as issued"  # the stored PDF, byte for byte
    ISSUE_NOW = "issue now"  # rendered, then frozen with its snapshot
    DRAFT = "draft"  # rendered from the plan as it stands; nothing stored


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for: a stored report, or the report of a meeting (the stored
    report covering it, if any), with options, where to write it, and whether to issue it."""

    output: Path
    report_id: str | None = None
    meeting_id: str | None = None
    options: ReportOptions = field(default_factory=ReportOptions)
    issue: bool = False

    @property
    def format(self) -> ExportFormat:
        """Told by the output's extension: .html or .htm a web page, anything else a PDF."""
        return _SUFFIXES.get(self.output.suffix.lower(), ExportFormat.PDF)


@dataclass(frozen=True)
class IssuedModel:
    """The model a report is issued from, as the snapshot it is stored as (what
    ReportService.record_issue reads of a model: its creation time and its dict)."""

    created: str
    snapshot: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.snapshot


@dataclass
class Rendered:
    """What `make` produced: the PDF (to store, when issuing) and the file's bytes (the PDF
    or the web page), in a temporary file beside the target."""

    pdf: bytes | None
    file: PendingFile
    model: IssuedModel | None = None  # to record an issue
    unprintable: str = ""  # the characters printed as □, named for the user


@dataclass
class ReportExport:
    """One export, decided: `kind` says what will be written and `note` what the user is
    told before (empty unless something they chose is ignored)."""

    services: Services
    request: ExportRequest
    kind: ExportKind
    report_id: str | None
    note: str = ""
    issued_at: datetime | None = None

    @property
    def output(self) -> Path:
        return self.request.output

    def make(self, progress: Progress | None = None,
             reader: Callable[[], Services] | None = None) -> Rendered:
        """Read, render and write the temporary file (no writes to the store).

        `reader` opens services of its own to read through (closed at the end; e.g. a
        read-only connection for a worker thread); by default the export's own are used.
        Raises ReportCancelled if `progress` returns False; nothing is left behind then.
        """
        with _collector_paused():
            step(progress, READING)
            if reader is None:
                return self._make(self.services, progress)
            services = reader()
            try:
                return self._make(services, progress)
            finally:
                services.close()

    def _make(self, services: Services, progress: Progress | None) -> Rendered:
        html = self.request.format is ExportFormat.HTML
        if self.kind is ExportKind.AS_ISSUED:
            return self._as_issued(services, html)
        options = self.request.options
        if self.kind is ExportKind.ISSUE_NOW:
            model = prepare_issue(services, self.report_id or "", options,
                                  issued_at=self.issued_at, progress=progress)
        else:
            model = build_report_model(
                services, self.report_id,
                meeting_id=None if self.report_id else self.request.meeting_id,
                options=options, progress=progress)
        issuing = self.kind is ExportKind.ISSUE_NOW
        with noting_unprintable() as missing:
            pdf = _render(model, options, progress) if issuing or not html else None
        data = _render_html(model, options) if html else pdf or b""
        step(progress, RENDERING, 1, 1)
        # Recording an issue needs the model as plain data: made here, on this thread (for
        # a large plan over a second that the window would otherwise freeze for).
        issued = IssuedModel(model.created, model.to_dict()) if issuing else None
        _release(model)
        return Rendered(pdf, PendingFile(self.output, data), issued,
                        unprintable_note(missing))

    def _as_issued(self, services: Services, html: bool) -> Rendered:
        if html:
            frozen = issued_snapshot(services, self.report_id or "")
            if frozen is None:
                raise BoardpackError("The issued report's snapshot is missing from the plan "
                                     "file.")
            return Rendered(None, PendingFile(self.output, _render_html(*frozen)))
        pdf = services.reports.issued_pdf(self.report_id or "")
        if not pdf:
            raise BoardpackError("The issued report's PDF is missing from the plan file.")
        return Rendered(pdf, PendingFile(self.output, pdf))

    def finish(self, rendered: Rendered) -> str:
        """Record an issue, put the file in place; returns what to tell the user."""
        if self.kind is ExportKind.ISSUE_NOW:
            try:
                self.services.reports.record_issue(self.report_id or "", rendered.model,
                                                   self.request.options, rendered.pdf or b"")
            except BaseException:
                rendered.file.discard()
                raise
            try:
                rendered.file.commit()
            except BoardpackError as exc:
                raise BoardpackError(f"The report was issued, but {exc} Export it again to "
                                     f"get the {self.request.format.value} as issued.") from exc
            return _with(f"Issued the report and wrote {self.output}", rendered.unprintable)
        rendered.file.commit()
        if self.kind is ExportKind.AS_ISSUED:
            return f"Wrote {self.output} (as issued)"
        return _with(f"Wrote {self.output}", rendered.unprintable)

    def run(self, progress: Progress | None = None) -> str:
        """make, then finish, on this thread."""
        return self.finish(self.make(progress))


def _with(message: str, unprintable: str) -> str:
    return f"{message}\n{unprintable}" if unprintable else message


def plan_export(services: Services, request: ExportRequest, *,
                issued_at: datetime | None = None) -> ReportExport:
    """Decide what `request` writes, or refuse it (ValidationError, ReadOnlyError)."""
    report_id = request.report_id
    if report_id is None and request.meeting_id is not None:
        covering = covering_report(services, services.assessments.meeting(request.meeting_id))
        report_id = covering.id if covering else None
    if report_id is None and request.meeting_id is None:
        raise ValidationError("Say which report or which meeting to report on.")
    report = services.reports.report(report_id) if report_id else None
    if report is not None and report.issued:
        if request.issue:
            raise ValidationError(f"'{report.title}' was already issued on "
                                  f"{report.issued_at:%d/%m/%Y}; it is frozen.")
        what = ("web page from the snapshot frozen with the issued PDF"
                if request.format is ExportFormat.HTML else "PDF")
        replacement = services.reports.superseded_by(report.id)
        later = (f" It is {report_status(report, replacement)}." if replacement else "")
        return ReportExport(
            services, request, ExportKind.AS_ISSUED, report_id,
            note=f"The report was issued on {report.issued_at:%d/%m/%Y at %H:%M}: writing the "
                 f"{what}, exactly as issued (options ignored).{later}")
    if not request.issue:
        return ReportExport(services, request, ExportKind.DRAFT, report_id)
    if report is None:
        raise ValidationError("Only a stored report can be issued; this meeting has none.")
    if services.read_only:
        raise ReadOnlyError("This plan is open read-only; the report cannot be issued.")
    check_can_issue(report, request.options)
    return ReportExport(services, request, ExportKind.ISSUE_NOW, report_id,
                        note=pending_reasons_note(services, report.meeting_ids),
                        issued_at=issued_at)


def pending_reasons_note(services: Services, meeting_ids: list[str]) -> str:
    """A warning before issuing: ratings the board recorded differently from the automatic
    one with no reason yet ("" when there are none)."""
    pending = services.assessments.pending_reasons(meeting_ids)
    if not pending:
        return ""
    names = ", ".join(" ".join(subject_name(services, a)).strip() for a in pending[:5])
    more = f" and {len(pending) - 5} more" if len(pending) > 5 else ""
    return (f"{len(pending)} board rating(s) differ from the automatic rating with no reason "
            f"recorded: {names}{more}. The issued report will show them unexplained.")


def export_report(services: Services, request: ExportRequest, *,
                  progress: Progress | None = None,
                  issued_at: datetime | None = None) -> str:
    """The whole export on this thread; returns what to tell the user."""
    return plan_export(services, request, issued_at=issued_at).run(progress)


class _CollectorPause:
    """Python's cyclic garbage collector paused while a report is made.

    Each full collection walks every object holding the GIL. With a large report's model
    and pages in memory that took 0.6-1.8 s, several times per export (measured on the
    large plan), and the window, on another thread, froze meanwhile. Reference counting
    frees nearly all of an export's memory anyway; the few cycles left are collected
    after. The pause is process-wide, so overlapping exports are counted (nothing else in
    the app uses gc.freeze, which this relies on).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0
        self._was_enabled = True

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._count == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._count += 1
        try:
            yield
        finally:
            with self._lock:
                self._count -= 1
                if self._count == 0 and self._was_enabled:
                    # What the export allocated is all "young" now; the first collection
                    # would walk it at once. Promote it to the oldest generation instead
                    # (freeze then unfreeze: O(1)), where the app's next full collection
                    # takes care of it as part of its usual work.
                    gc.freeze()
                    gc.unfreeze()
                    gc.enable()


_collector_paused = _CollectorPause()


def _release(model: BoardReport) -> None:
    """Free the model's bulk now, on this thread, a slice at a time.

    The renderer keeps the model alive in a reference cycle, so without this its hundreds
    of thousands of objects (a large plan's charts) would wait for the cyclic collector,
    which frees them in one pass holding the GIL: a stall of the window of up to a second.
    Freed by reference counting in slices, other threads get the GIL between slices.
    """
    for bulk in (model.charts, model.summary):
        while bulk:
            del bulk[-20:]


def _render(model: BoardReport, options: ReportOptions, progress: Progress | None) -> bytes:
    from app.report import render_pdf

    if progress is None:
        return render_pdf(model, options)
    return render_pdf(model, options,
                      progress=lambda done, total: progress(RENDERING, done, total) is not False)


def _render_html(model: BoardReport, options: ReportOptions) -> bytes:
    from app.report.html import render_html

    return render_html(model, options).encode("utf-8")
