"""File ▸ Import Figures…: choose a file, a sheet, the columns, read the dry run, import.

Reading the file and the dry run run on a QThreadPool worker with a progress bar; Cancel
stops them between rows. The store is read (the figures of the rows' periods) and written
(the import, as one undo step through ImportFigures) on the GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import BoardpackError
from app.paths import start_folder
from app.services import Services
from ui.background import BackgroundJob, JobSignals
from ui.commands import Changes, perform
from ui.plain_text import plain_label

FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"
_NONE = "(not in this sheet)"
_PREVIEW_ROWS = 8


class _Signals(JobSignals):
    progress = Signal(int, int)


class _Job(BackgroundJob):
    """Runs fn(progress, cancelled) on a pool thread; `cancel()` stops it at its next check."""

    def __init__(self, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]):
        from app.importer.dry_run import ImportCancelled

        super().__init__(_Signals())
        self.cancelled_by = (ImportCancelled,)
        self.fn = fn

    def work(self) -> Any:
        return self.fn(self.signals.progress.emit, lambda: self.cancelled)


class ImportWizard(QDialog):
    FILE, SHEET, COLUMNS, REPORT = range(4)

    def __init__(self, parent: QWidget | None, services: Services, undo_stack: QUndoStack,
                 changes: Changes, path: str | Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import Figures")
        self.resize(760, 520)
        self.services, self.undo_stack, self.changes = services, undo_stack, changes
        self.sheet: Any = None  # app.importer.workbook.Sheet
        self.mapping: Any = None  # app.importer.mapping.Mapping
        self.run: Any = None  # app.importer.dry_run.DryRun
        self.command: Any = None  # the ImportFigures pushed, once imported
        self.job: _Job | None = None

        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page(path))
        self.pages.addWidget(self._sheet_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._report_page())
        self.message = plain_label(wrap=True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.back = QPushButton("< &Back")
        self.next = QPushButton("&Next >")
        self.import_ = QPushButton("&Import")
        self.cancel = QPushButton("Cancel")
        self.back.clicked.connect(self._back)
        self.next.clicked.connect(self._next)
        self.import_.clicked.connect(self._import)
        self.cancel.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        for b in (self.back, self.next, self.import_, self.cancel):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._show_page(self.FILE)

    # -- pages -------------------------------------------------------------------------
    def _file_page(self, path: str | Path | None) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(plain_label(
            "Choose the spreadsheet a partner sent (.xlsx, .xls, .ods or .csv). It needs a "
            "row per figure: the indicator (code, ref or title), the period and the value; "
            "status, note, breakdown and target columns are read too.", wrap=True))
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(path or ""))
        self.path_edit.setPlaceholderText("The file to import")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _sheet_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(plain_label("Which sheet holds the figures?"))
        self.sheets = QListWidget()
        self.sheets.itemDoubleClicked.connect(lambda _item: self._next())
        layout.addWidget(self.sheets, 1)
        return page

    def _columns_page(self) -> QWidget:
        from app.importer.mapping import FIELDS

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(plain_label(
            "Which column holds what? Boardpack guessed from the headers; your choice is "
            "remembered for sheets with the same headers.", wrap=True))
        form = QFormLayout()
        self.header_row = QSpinBox()
        self.header_row.setMinimum(1)
        self.header_row.valueChanged.connect(self._header_row_changed)
        form.addRow("Headers in row", self.header_row)
        self.columns: dict[str, QComboBox] = {}
        for name, label in FIELDS.items():
            box = QComboBox()
            self.columns[name] = box
            form.addRow(label, box)
        layout.addLayout(form)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.preview, 1)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.report_heading = plain_label(wrap=True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.report_heading)
        layout.addWidget(self.report, 1)
        return page

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._update_buttons()

    def _update_buttons(self) -> None:
        index, busy = self.pages.currentIndex(), self.job is not None
        self.back.setEnabled(index > self.FILE and not busy)
        self.next.setVisible(index < self.REPORT)
        self.next.setEnabled(not busy)
        self.import_.setVisible(index == self.REPORT)
        self.import_.setEnabled(not busy and self.run is not None and self.run.can_commit
                                and not self.services.read_only)
        self.progress.setVisible(busy)

    # -- navigation ----------------------------------------------------------------------
    def _browse(self) -> None:
        start = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else str(
            start_folder(getattr(self.parent(), "path", None)))
        name, _ = QFileDialog.getOpenFileName(self, "Import figures from", start, FILTER)
        if name:
            self.path_edit.setText(name)

    @property
    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def _back(self) -> None:
        self.message.clear()
        self._show_page(max(self.pages.currentIndex() - 1, self.FILE))

    def _next(self) -> None:
        self.message.clear()
        index = self.pages.currentIndex()
        if index == self.FILE:
            self._choose_file()
        elif index == self.SHEET:
            self._read_sheet()
        elif index == self.COLUMNS:
            self._dry_run()

    def _choose_file(self) -> None:
        from app.importer.workbook import sheet_names

        if not self.path_edit.text().strip():
            self.message.setText("Choose a file first.")
            return
        try:
            names = sheet_names(self.path)
        except BoardpackError as exc:
            self.message.setText(str(exc))
            return
        self.sheets.clear()
        self.sheets.addItems(names)
        default = self.services.imports.default_sheet(self.path)
        self.sheets.setCurrentRow(names.index(default) if default in names else 0)
        if len(names) == 1 or default:
            self._read_sheet()
        else:
            self._show_page(self.SHEET)

    def _read_sheet(self) -> None:
        item = self.sheets.currentItem()
        name = item.text() if item is not None else None
        path, imports = self.path, self.services.imports
        self._start(lambda _progress, _cancelled: imports.read(path, name),
                    self._sheet_read, "Reading the sheet…")

    def _sheet_read(self, sheet: Any) -> None:
        from app.importer.mapping import Mapping

        self.sheet = sheet
        try:
            self.mapping = self.services.imports.mapping_for(self.path, sheet)
        except BoardpackError as exc:
            if not any(any(c is not None for c in row) for row in sheet.rows):
                self.message.setText(str(exc))
                return
            self.mapping = Mapping(0, {})
            self.message.setText(f"{exc}")
        self._fill_columns()
        self._show_page(self.COLUMNS)

    def _fill_columns(self) -> None:
        self.header_row.blockSignals(True)
        self.header_row.setMaximum(max(len(self.sheet.rows), 1))
        self.header_row.setValue(self.mapping.header_row + 1)
        self.header_row.blockSignals(False)
        self._label_columns()
        for name, box in self.columns.items():
            col = self.mapping.columns.get(name)
            box.setCurrentIndex(0 if col is None else col + 1)
        self._fill_preview()

    def _label_columns(self) -> None:
        from app.importer.xlsx_styles import column_letters

        row = self.header_row.value() - 1
        cells = self.sheet.rows[row] if row < len(self.sheet.rows) else []
        width = max((len(r) for r in self.sheet.rows[:row + 50]), default=0)
        labels = [_NONE] + [
            f"{column_letters(c)}: {cells[c] if c < len(cells) and cells[c] is not None else ''}"
            .rstrip(": ") for c in range(width)]
        for box in self.columns.values():
            current = box.currentIndex()
            box.clear()
            box.addItems(labels)
            box.setCurrentIndex(max(current, 0))

    def _header_row_changed(self) -> None:
        self._label_columns()
        self._fill_preview()

    def _fill_preview(self) -> None:
        from app.importer.xlsx_styles import column_letters

        start = self.header_row.value() - 1
        rows = self.sheet.rows[start:start + _PREVIEW_ROWS + 1]
        width = max((len(r) for r in rows), default=0)
        self.preview.clear()
        self.preview.setRowCount(len(rows))
        self.preview.setColumnCount(width)
        self.preview.setHorizontalHeaderLabels([column_letters(c) for c in range(width)])
        self.preview.setVerticalHeaderLabels([str(start + i + 1) for i in range(len(rows))])
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                self.preview.setItem(r, c, QTableWidgetItem(_shown(value)))

    def chosen_mapping(self) -> Any:
        from app.importer.mapping import Mapping

        columns = {name: box.currentIndex() - 1 for name, box in self.columns.items()
                   if box.currentIndex() > 0}
        return Mapping(self.header_row.value() - 1, columns)

    def _dry_run(self) -> None:
        from app.importer.mapping import FIELDS

        self.mapping = self.chosen_mapping()
        missing = self.mapping.missing()
        if missing:
            self.message.setText("Say which column holds: "
                                 + ", ".join(FIELDS[m] for m in missing) + ".")
            return
        imports, path, sheet, mapping = (self.services.imports, self.path, self.sheet,
                                         self.mapping)
        indicators = imports.indicators_all()
        self._start(lambda progress, cancelled: imports.resolve(
            path, sheet, mapping, indicators=indicators, progress=progress,
            cancelled=cancelled), self._resolved, "Checking every row…")

    def _resolved(self, resolved: Any) -> None:
        from app.importer.dry_run import compare

        known = self.services.imports.known(resolved)  # the store, on its own thread
        self._start(lambda progress, cancelled: compare(resolved, known, progress=progress,
                                                        cancelled=cancelled),
                    self._compared, "Comparing with the plan…")

    def _compared(self, run: Any) -> None:
        from app.importer.summary import describe

        self.run = run
        if run.problems:
            heading = (f"{len(run.problems)} problem(s) to put right in the file before "
                       "anything can be imported; nothing has been written.")
        elif run.can_commit:
            heading = ("Nothing has been written yet. Import to add these as one action "
                       "(Undo takes it back).")
            if run.warnings:
                heading += (f" {len(run.warnings)} figure(s) look unlikely: see the warnings "
                            "below.")
        else:
            heading = "Nothing to import: the plan already has every figure in this file."
        self.report_heading.setText(heading)
        self.report.setPlainText(describe(run, limit=500))
        self._show_page(self.REPORT)

    def _import(self) -> None:
        from ui.figure_commands import ImportFigures

        if self.run is None or not self.run.can_commit:
            return
        try:
            self.command = perform(self.undo_stack,
                                   ImportFigures(self.services, self.changes, self.run))
        except BoardpackError as exc:
            self.message.setText(str(exc))
            return
        self.services.imports.remember(self.sheet, self.mapping)
        self.accept()

    # -- work off the GUI thread -----------------------------------------------------------
    def _start(self, fn: Callable[..., Any], then: Callable[[Any], None], what: str) -> None:
        job = _Job(fn)
        self.job = job
        self.message.setText(what)
        self.progress.setRange(0, 0)  # busy until the first progress report
        job.signals.progress.connect(self._on_progress)
        job.signals.finished.connect(lambda result: self._job_done(job) and then(result))
        job.signals.failed.connect(lambda text: self._job_done(job)
                                   and self.message.setText(text))
        job.signals.cancelled.connect(lambda: self._job_done(job))
        self._update_buttons()
        QThreadPool.globalInstance().start(job)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _job_done(self, job: _Job) -> bool:
        """True if `job` is still the current one (its result is wanted)."""
        if job is not self.job:
            return False
        self.job = None
        self.message.clear()
        self._update_buttons()
        return True

    def busy(self) -> bool:
        return self.job is not None

    def _cancel(self) -> None:
        """While work runs, stop it (the worker stops at its next check and whatever it
        returns is dropped) and stay on this step; otherwise close."""
        job = self.job
        if job is None:
            self.reject()
            return
        job.cancel()
        self._job_done(job)
        self.message.setText("Cancelled.")

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job = None
        super().reject()


def _shown(value: Any) -> str:
    """A cell as stored (formats are read later): 1992.0 shows as 1992."""
    from app.importer.cells import plain

    if value is None:
        return ""
    if isinstance(value, float):
        return plain(value)
    return str(value)


def import_figures(parent: QWidget, services: Services, undo_stack: QUndoStack,
                   changes: Changes) -> ImportWizard:
    wizard = ImportWizard(parent, services, undo_stack, changes)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    return wizard
