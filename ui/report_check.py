"""The check before a report is issued, in the window: app.report.pre_issue.issue_check
worked out on a pool thread over a read-only connection of its own (on a large plan it reads
every figure), and the dialog that lists what is missing and where the issued PDF goes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import BoardpackError
from app.report.pre_issue import Missing, issue_check
from ui.background import BackgroundJob, JobSignals
from ui.plain_text import plain_label


class IssueCheckJob(BackgroundJob):
    """app.report.pre_issue.issue_check on a pool thread, over services of its own."""

    def __init__(self, report_id: str, reader: Callable[[], Any]):
        super().__init__(JobSignals())
        self.report_id, self.reader = report_id, reader

    def work(self) -> list:
        services = self.reader()
        try:
            return issue_check(services, self.report_id)
        finally:
            services.close()


RUNNING: set[IssueCheckJob] = set()


def plan_reader(host: Any) -> Callable[[], Any]:
    """Opens the window's plan read-only (a connection for the worker's thread alone)."""
    files, path = getattr(host, "files", None), getattr(host, "path", None)
    if files is None or path is None:
        raise BoardpackError("The report can be checked only in a window with a plan file.")
    return lambda: files.open(path, read_only=True)


class IssueCheckDialog(QDialog):
    """What is missing from the report, and where its issued PDF goes. Issuing is the
    secretary's call: the list informs it, never blocks it."""

    def __init__(self, parent: QWidget | None, missing: list[Missing], output: Path):
        super().__init__(parent)
        self.setWindowTitle("Check before issuing")
        self.resize(760, 420)
        lay = QVBoxLayout(self)
        self.summary = plain_label(wrap=True)
        self.summary.setText(
            "Nothing is missing: the report can be issued." if not missing else
            f"{len(missing)} thing(s) missing. You can issue it as it is, or cancel, "
            "put them right and check again.")
        lay.addWidget(self.summary)
        self.missing = QListWidget()
        self.missing.setAccessibleName("What is missing")
        self.missing.setWordWrap(True)
        for m in missing:
            self.missing.addItem(str(m))
        self.missing.setVisible(bool(missing))
        lay.addWidget(self.missing, 1)
        lay.addWidget(plain_label("Issuing freezes the report as it is now: the PDF and the "
                                  "figures it was made from are kept in the plan file.",
                                  wrap=True))
        row = QHBoxLayout()
        self.path = QLineEdit(str(output))
        self.path.setAccessibleName("Save the issued PDF as")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(plain_label("Save the PDF as"))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        lay.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.issue = buttons.addButton("&Issue" if not missing else "&Issue anyway",
                                       QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the issued report", self.path.text(),
                                              "PDF (*.pdf)")
        if path:
            self.path.setText(path)

    def output(self) -> Path:
        path = Path(self.path.text().strip())
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
