"""The report export use case without Qt: issued / issue now / draft, refusals, atomic
writing, progress from the first step, cancel, and short reads."""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import datetime

import pytest

from app import atomic_write
from app.domain import BoardpackError, ReadOnlyError, ValidationError
from app.report import ReportOptions, build_report_model, issued_snapshot, render_pdf
from app.report.atomic_file import ExportWriteError, PendingFile, write_atomically
from app.report.export import (
    ExportFormat,
    ExportKind,
    ExportRequest,
    export_report,
    plan_export,
)
from app.report.html import render_html
from app.report.progress import INDICATORS, READING, RENDERING, ReportCancelled

OPTS = ReportOptions(summary=True, charts=True)


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic_write.is_partial(p))


def test_a_draft_of_a_meeting_is_the_rendered_model(services, small, tmp_path):
    out = tmp_path / "draft.pdf"
    export = plan_export(services, ExportRequest(out, meeting_id=small["meeting"].id,
                                                 options=OPTS))
    assert export.kind is ExportKind.DRAFT and export.report_id == small["report"].id
    assert export.note == ""
    assert export.run() == f"Wrote {out}"
    expected = render_pdf(build_report_model(services, small["report"].id, options=OPTS), OPTS)
    assert out.read_bytes() == expected
    assert not services.reports.report(small["report"].id).issued
    assert _leftovers(tmp_path) == []


def test_a_meeting_without_a_stored_report_makes_one_up(services, small, tmp_path):
    meeting = services.assessments.add_meeting(small["plan"].id,
                                               datetime(2010, 9, 16).date(), "Autumn")
    out = tmp_path / "autumn.pdf"
    export = plan_export(services, ExportRequest(out, meeting_id=meeting.id))
    assert export.kind is ExportKind.DRAFT and export.report_id is None
    export.run()
    assert out.read_bytes() == render_pdf(build_report_model(services, meeting_id=meeting.id))


def test_issue_now_freezes_and_later_exports_are_as_issued(services, small, tmp_path):
    rid = small["report"].id
    first = tmp_path / "issued.pdf"
    message = export_report(services, ExportRequest(first, rid, options=OPTS, issue=True),
                            issued_at=datetime(2010, 7, 1, 9, 30))
    assert message == f"Issued the report and wrote {first}"
    assert services.reports.report(rid).issued
    assert first.read_bytes() == services.reports.issued_pdf(rid)
    assert render_pdf(*issued_snapshot(services, rid)) == first.read_bytes()
    services.indicators.set_value(small["ni70"].id, "fy:2010", 99.0)  # a later edit

    again = tmp_path / "again.pdf"
    other = ReportOptions(contents=True, draft=True, page_size="Letter")
    export = plan_export(services, ExportRequest(again, meeting_id=small["meeting"].id,
                                                 options=other))
    assert export.kind is ExportKind.AS_ISSUED
    assert "exactly as issued (options ignored)" in export.note
    assert "01/07/2010 at 09:30" in export.note
    assert export.run() == f"Wrote {again} (as issued)"
    assert again.read_bytes() == first.read_bytes()


def test_refusals_write_nothing(services, small, tmp_path):
    out = tmp_path / "x.pdf"
    rid = small["report"].id
    with pytest.raises(ValidationError, match="DRAFT"):
        plan_export(services, ExportRequest(out, rid, options=ReportOptions(draft=True),
                                            issue=True))
    with pytest.raises(ValidationError, match="which report or which meeting"):
        plan_export(services, ExportRequest(out))
    bare = services.assessments.add_meeting(small["plan"].id, datetime(2011, 1, 1).date())
    with pytest.raises(ValidationError, match="Only a stored report can be issued"):
        plan_export(services, ExportRequest(out, meeting_id=bare.id, issue=True))
    export_report(services, ExportRequest(out, rid, issue=True))
    out.unlink()
    with pytest.raises(ValidationError, match="already issued.*frozen"):
        plan_export(services, ExportRequest(out, rid, issue=True))
    assert not out.exists() and _leftovers(tmp_path) == []


def test_a_read_only_plan_cannot_issue(small, services, tmp_path):
    from app.cli import PlanFiles

    path = services.store.path
    services.close()
    read_only = PlanFiles().open(path, read_only=True)
    try:
        with pytest.raises(ReadOnlyError):
            plan_export(read_only, ExportRequest(tmp_path / "x.pdf", small["report"].id,
                                                 issue=True))
        assert not read_only.reports.report(small["report"].id).issued
        # a draft needs no writing to the plan
        export_report(read_only, ExportRequest(tmp_path / "x.pdf", small["report"].id))
        assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
    finally:
        read_only.close()


def test_progress_from_the_first_step_to_the_last_page(services, small, tmp_path):
    seen: list[tuple[str, int, int]] = []
    export_report(services, ExportRequest(tmp_path / "p.pdf", small["report"].id,
                                          options=OPTS),
                  progress=lambda *step: seen.append(step) or True)
    assert seen[0] == (READING, 0, 0)
    stages = [what for what, _, _ in seen]
    assert stages.index(INDICATORS) < stages.index(RENDERING)
    counted = [done for what, done, total in seen if what == INDICATORS]
    assert counted == list(range(0, 4)), "one step per indicator (three in the small plan)"
    assert seen[-1][0] == RENDERING and seen[-1][1] == seen[-1][2]


@pytest.mark.parametrize("stage", [READING, INDICATORS, RENDERING])
def test_cancel_at_any_stage_leaves_no_file(services, small, tmp_path, stage):
    out = tmp_path / "cancelled.pdf"
    out.write_bytes(b"the previous report")
    with pytest.raises(ReportCancelled):
        export_report(services, ExportRequest(out, small["report"].id, options=OPTS),
                      progress=lambda what, done, total: what != stage)
    assert out.read_bytes() == b"the previous report"
    assert _leftovers(tmp_path) == []


def test_cancelled_issue_leaves_the_report_unissued(services, small, tmp_path):
    with pytest.raises(ReportCancelled):
        export_report(services, ExportRequest(tmp_path / "i.pdf", small["report"].id,
                                              issue=True),
                      progress=lambda what, done, total: what != RENDERING)
    assert not services.reports.report(small["report"].id).issued
    assert not (tmp_path / "i.pdf").exists()


def test_the_model_holds_no_read_open_between_steps(store, services, tmp_path):
    """At every progress step another connection can take the write lock at once: the
    build never keeps a statement or a transaction open (a rollback journal would block
    every commit behind it)."""
    from app.generator import generate

    made = generate(store, nodes=120, indicators=130, years=3)
    meeting = services.assessments.meetings(made.plan_id)[-1]
    other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
    steps = []

    def writer_can_commit(what: str, done: int, total: int) -> bool:
        other.execute("BEGIN EXCLUSIVE")  # raises 'database is locked' if a read is open
        other.execute("ROLLBACK")
        steps.append(what)
        return True

    try:
        build_report_model(services, meeting_id=meeting.id, options=OPTS,
                           progress=writer_can_commit)
    finally:
        other.close()
    assert steps.count(INDICATORS) == 131


def test_atomic_write_keeps_the_previous_file_on_a_full_disk(tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous")
    os.chmod(target, 0o640)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportWriteError, match="No space left on device.*unchanged"):
        write_atomically(target, b"%PDF new")
    monkeypatch.undo()
    assert target.read_bytes() == b"previous" and _leftovers(tmp_path) == []
    write_atomically(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o640), "keeps the replaced file's mode"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_is_a_message_not_a_traceback(tmp_path):
    missing = tmp_path / "no such folder" / "report.pdf"
    with pytest.raises(BoardpackError, match="could not be written"):
        write_atomically(missing, b"%PDF")
    pending = PendingFile(tmp_path / "r.pdf", b"%PDF")
    assert _leftovers(tmp_path) == [pending.temporary.name]
    assert not (tmp_path / "r.pdf").exists(), "nothing in place before commit"
    pending.discard()
    assert list(tmp_path.iterdir()) == []


def test_an_issue_that_cannot_be_recorded_leaves_no_file(services, small, tmp_path,
                                                         monkeypatch):
    def refuse(*args, **kwargs):
        raise ValidationError("the plan refused")

    monkeypatch.setattr(services.reports, "record_issue", refuse)
    out = tmp_path / "i.pdf"
    with pytest.raises(ValidationError):
        export_report(services, ExportRequest(out, small["report"].id, issue=True))
    assert not out.exists() and _leftovers(tmp_path) == []


def test_the_cyclic_collector_pauses_while_a_report_is_made(services, small, tmp_path):
    """A full collection of a large report's objects holds the GIL for seconds, freezing
    the window; the collector is paused during make and back on after, cancelled or not."""
    import gc

    assert gc.isenabled()
    during: list[bool] = []
    export_report(services, ExportRequest(tmp_path / "a.pdf", small["report"].id),
                  progress=lambda *step: during.append(gc.isenabled()))
    assert during and not any(during) and gc.isenabled()
    assert gc.get_freeze_count() == 0, "what the export made is collectable again"
    with pytest.raises(ReportCancelled):
        export_report(services, ExportRequest(tmp_path / "b.pdf", small["report"].id),
                      progress=lambda *step: False)
    assert gc.isenabled()


def test_the_command_line_says_why_a_file_cannot_be_written(sample_file, tmp_path, capsys):
    from app.cli import main

    out = tmp_path / "no such folder" / "report.pdf"
    assert main(["report", str(sample_file), "--meeting", "2019-03-21", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "boardpack: report.pdf could not be written" in err and "Traceback" not in err
    assert not out.parent.exists()


def test_issuing_warns_of_ratings_with_no_reason_yet(services, small, tmp_path):
    """A board's rating that differs from the automatic one is kept with its reason
    pending; issuing says so (the window asks first, the CLI prints it)."""
    rid, meeting = small["report"].id, small["meeting"]
    ni70 = small["ni70"]
    export = plan_export(services, ExportRequest(tmp_path / "a.pdf", rid, options=OPTS,
                                                 issue=True))
    assert export.note == ""
    services.assessments.assess(meeting.id, ni70.id, recorded_rag="G")
    assert services.assessments.assessment(meeting.id, ni70.id).reason_pending
    export = plan_export(services, ExportRequest(tmp_path / "a.pdf", rid, options=OPTS,
                                                 issue=True))
    assert export.kind is ExportKind.ISSUE_NOW
    assert export.note.startswith("1 board rating(s) differ from the automatic rating")
    assert ni70.code in export.note or ni70.ref in export.note
    services.assessments.assess(meeting.id, ni70.id, override_reason="Agreed at the board")
    export = plan_export(services, ExportRequest(tmp_path / "a.pdf", rid, options=OPTS,
                                                 issue=True))
    assert export.note == ""


def test_the_extension_chooses_pdf_or_web_page(tmp_path):
    formats = {name: ExportRequest(tmp_path / name, "r").format
               for name in ("a.pdf", "a.html", "a.HTM", "a", "a.html.pdf")}
    assert formats == {"a.pdf": ExportFormat.PDF, "a.html": ExportFormat.HTML,
                       "a.HTM": ExportFormat.HTML, "a": ExportFormat.PDF,
                       "a.html.pdf": ExportFormat.PDF}


def test_a_draft_web_page_is_the_rendered_model(services, small, tmp_path):
    out = tmp_path / "draft.html"
    export = plan_export(services, ExportRequest(out, meeting_id=small["meeting"].id,
                                                 options=OPTS))
    assert export.run() == f"Wrote {out}"
    model = build_report_model(services, small["report"].id, options=OPTS)
    assert out.read_text(encoding="utf-8") == render_html(model, OPTS)
    assert _leftovers(tmp_path) == []


def test_issuing_as_a_web_page_stores_the_pdf_and_renders_again_identically(
        services, small, tmp_path):
    """The PDF is the stored record; the issued web page is rendered from the frozen
    snapshot, the same bytes every time, whatever is edited or chosen later."""
    rid = small["report"].id
    first = tmp_path / "issued.html"
    message = export_report(services, ExportRequest(first, rid, options=OPTS, issue=True),
                            issued_at=datetime(2010, 7, 1, 9, 30))
    assert message == f"Issued the report and wrote {first}"
    assert services.reports.issued_pdf(rid).startswith(b"%PDF")
    assert render_pdf(*issued_snapshot(services, rid)) == services.reports.issued_pdf(rid)
    assert "Issued on 1st July 2010" in first.read_text(encoding="utf-8")
    services.indicators.set_value(small["ni70"].id, "fy:2010", 99.0)  # a later edit

    pages = []
    for name in ("again.html", "once more.htm"):
        export = plan_export(services, ExportRequest(tmp_path / name, rid,
                                                     options=ReportOptions(draft=True)))
        assert export.kind is ExportKind.AS_ISSUED
        assert "web page from the snapshot frozen with the issued PDF" in export.note
        assert export.run() == f"Wrote {tmp_path / name} (as issued)"
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1] == first.read_bytes()
