"""File ▸ Export Figures…: every figure of a plan (or of the selected indicator) to .xlsx
or .csv, in the layout the importer reads back. The rows are read here; the file is
written on a pool thread, and put in place (atomically) back on this thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import BoardpackError
from ui.background import BackgroundJob, JobSignals
from ui.plain_text import plain_label, warn

TITLE = "Export Figures"
_FILTERS = {".xlsx": "Excel workbook (*.xlsx)", ".csv": "CSV, comma-separated (*.csv)"}


class ExportFiguresDialog(QDialog):
    """Which figures and where; `start()` writes them when Export is pressed."""

    done_writing = Signal(str)  # what was written, for the status bar

    def __init__(self, parent: QWidget | None, services: Any,
                 indicator: tuple[str, str] | None = None, plan_path: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.services = services
        self.job: ExportFiguresJob | None = None
        self.message = ""  # what the last export said, for the status bar
        plans = services.plans.plans()
        self.plan = QComboBox()
        if len(plans) > 1:
            self.plan.addItem("Every plan in the file", None)
        for p in plans:
            self.plan.addItem(p.title, p.id)
        self.every = QRadioButton("Every indicator")
        self.one = QRadioButton("Only " + (indicator[1] if indicator else
                                           "the selected indicator"))
        self.indicator_id = indicator[0] if indicator else None
        self.one.setEnabled(indicator is not None)
        self.every.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.every)
        group.addButton(self.one)
        self.every.toggled.connect(lambda on: self.plan.setEnabled(on))
        self.format = QComboBox()
        for suffix, words in _FILTERS.items():
            self.format.addItem(words, suffix)
        folder, stem = (plan_path.parent, plan_path.stem) if plan_path else (Path.home(), "plan")
        self.path_edit = QLineEdit(str(folder / f"{stem} figures.xlsx"))
        self.format.currentIndexChanged.connect(self._format_chosen)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Plan:", self.plan)
        form.addRow("", self.every)
        form.addRow("", self.one)
        form.addRow("&Format:", self.format)
        save_as = QLabel("&Save as:")
        save_as.setBuddy(self.path_edit)
        form.addRow(save_as, where)
        self.explain = plain_label(
            "One row per indicator, period and breakdown: value, status, note, the figure as "
            "printed, the target and the comparators. Import Figures reads the file back "
            "unchanged.", wrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explain)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _format_chosen(self) -> None:
        suffix = self.format.currentData()
        path = Path(self.path_edit.text().strip() or "figures")
        self.path_edit.setText(str(path.with_suffix(suffix)))

    def _browse(self) -> None:
        suffix = self.format.currentData()
        chosen, _ = QFileDialog.getSaveFileName(self, TITLE, self.path_edit.text(),
                                                _FILTERS[suffix])
        if chosen:
            self.path_edit.setText(str(Path(chosen).with_suffix(suffix)))

    def output(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix.lower() in _FILTERS else path.with_suffix(
            self.format.currentData())

    def start(self) -> None:
        """Read the rows, then write them on a pool thread; the dialog waits, busy."""
        from app.importer.export import write_figures

        output = self.output()
        try:
            if self.one.isChecked() and self.indicator_id:
                rows = self.services.imports.figures_to_export(None, [self.indicator_id])
            else:
                rows = self.services.imports.figures_to_export(self.plan.currentData())
        except BoardpackError as exc:
            warn(self, TITLE, str(exc))
            return
        self.export.setEnabled(False)
        self.export.setText("Writing…")
        self.job = ExportFiguresJob(lambda cancelled: write_figures(output, rows,
                                                                    cancelled=cancelled))
        figures = sum(1 for r in rows if r.value is not None)
        indicators = len({r.indicator.id for r in rows})
        self.job.signals.finished.connect(lambda pending: self._written(pending, figures,
                                                                        indicators))
        self.job.signals.failed.connect(self._failed)
        self.job.signals.cancelled.connect(self.reject)
        self.rejected.connect(self.job.cancel)
        QThreadPool.globalInstance().start(self.job)

    def _written(self, pending: Any, figures: int, indicators: int) -> None:
        try:
            path = pending.commit()
        except OSError as exc:
            self._failed(f"{pending.target.name} could not be saved: {exc}")
            return
        self.message = f"Wrote {path.name}: {figures:,} figure(s) of {indicators:,} indicator(s)."
        self.done_writing.emit(self.message)
        self.accept()

    def _failed(self, message: str) -> None:
        self.export.setEnabled(True)
        self.export.setText("&Export")
        warn(self, TITLE, f"The figures could not be exported: {message}")


class ExportFiguresJob(BackgroundJob):
    def __init__(self, write):
        from app.importer.export import ExportCancelled

        self.cancelled_by = (ExportCancelled,)
        super().__init__(JobSignals())
        self.write = write

    def work(self) -> Any:
        return self.write(lambda: self.cancelled)

    def discard(self, result: Any) -> None:
        result.discard()


def export_figures(parent: QWidget, services: Any, indicator: tuple[str, str] | None,
                   plan_path: Path | None) -> ExportFiguresDialog:
    dialog = ExportFiguresDialog(parent, services, indicator, plan_path)
    bar = getattr(parent, "statusBar", None)
    if callable(bar):
        dialog.done_writing.connect(lambda text: bar().showMessage(text, 15000))
    dialog.open()
    return dialog
