"""The figures grid of one indicator: a table model over the indicator service.

One row per period: every period with a figure (of the chosen breakdown), a target or a
comparator, plus the next period due and any the user added with "Add next period".
Columns: period, figure, status (RAG and figure status), target, a column per comparator
(England and statistical neighbours always, region and top quartile where there are
any), note. The figure, the note and the comparators are editable (typed or pasted); each
edit is one undo command calling the service, and a refused edit emits
`refused(row, column, message)` and saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from app import rag, units
from app.chart_spec import COMPARATOR_NAMES
from app.domain import (
    BoardpackError,
    Comparator,
    ComparatorKind,
    Indicator,
    NotFoundError,
    PlanFileError,
    Target,
    Value,
    ValueStatus,
)
from app.figure_block import BlockCell, read_breakdown_block
from app.figures import rateable, shown_per_period
from app.indicator_service import FigureEntry
from app.periods import Period, PeriodError, PeriodType, label, period_containing
from app.read_model import IndicatorSnapshot
from app.services import Services
from app.target_words import target_words
from app.targets import target_rank
from ui.commands import Changes, ServiceCommand, perform
from ui.figure_commands import EnterComparators, EnterFigureRows, EnterFigures, Entry
from ui.plain_text import tooltip

# The indicator's snapshot for the grid and chart: (indicator id, as of) -> snapshot
SnapshotSource = Callable[[str, date | None], IndicatorSnapshot]

Index = QModelIndex | QPersistentModelIndex
PERIOD, FIGURE, STATUS, TARGET = "period", "figure", "status", "target"
NOTE = "note"
ALWAYS_COMPARATORS = (ComparatorKind.ENGLAND.value, ComparatorKind.STATISTICAL_NEIGHBOURS.value)
# the chart's names, one shortened to fit a column header
SHORT_COMPARATOR = {**COMPARATOR_NAMES,
                    ComparatorKind.STATISTICAL_NEIGHBOURS.value: "Stat. neighbours"}
STATUS_WORDS = {ValueStatus.PROVISIONAL: "provisional", ValueStatus.NOT_YET_AVAILABLE: "nya"}
_GREY = QBrush(QColor("#777777"))
_UNSAVED = QBrush(QColor("#a4262c"))
_ROOT = QModelIndex()


@dataclass
class Row:
    key: str
    label: str
    value: Value | None = None
    target: Target | None = None
    earlier_targets: list[Target] = field(default_factory=list)
    comparators: dict[str, Comparator] = field(default_factory=dict)
    rating: rag.Rating | None = None
    rated: bool = False


def _sort_key(key: str) -> tuple:
    try:
        return (0, Period.from_key(key))
    except PeriodError:
        return (1, key)


class FiguresModel(QAbstractTableModel):
    refused = Signal(int, int, str)  # row, column, message: an edit that was not saved

    def __init__(self, services: Services | None, undo_stack: QUndoStack,
                 changes: Changes | None = None, parent: Any = None,
                 snapshot: Callable[[str], IndicatorSnapshot] | None = None):
        super().__init__(parent)
        self.services = services
        self.as_of: date | None = None  # the meeting's date: where a first figure would go
        self.undo_stack = undo_stack
        self.changes = changes
        if changes is None:  # on its own (tests): it listens to its own edits
            self.changes = Changes(self)
            self.changes.figures.connect(lambda _id: self.refresh())
        self.snapshot = snapshot or (
            lambda id: self.services.read.snapshot(id, None, as_of=self.as_of))
        self.indicator: Indicator | None = None
        self.breakdown = ""
        # Typed text whose save failed (disk full, file busy), by (indicator, breakdown,
        # period, column): shown in its cell as not saved, and offered again for editing,
        # until it is saved or the user puts the stored text back.
        self._unsaved: dict[tuple[str, str, str, str], str] = {}
        self.unsaved_problem = ""
        self.rows: list[Row] = []
        self.columns: list[str] = [PERIOD, FIGURE, STATUS, TARGET, *ALWAYS_COMPARATORS, NOTE]
        self.extra: list[str] = []  # periods added with "Add next period", not yet stored
        self._values: list[Value] = []
        self._targets: list[Target] = []
        self._first: Value | None = None

    # -- loading --------------------------------------------------------------------------
    def set_indicator(self, indicator_id: str | None, breakdown: str | None = None) -> None:
        self.beginResetModel()
        self.extra = []
        if indicator_id is None or self.services is None:
            self.indicator, self.rows, self.breakdown = None, [], ""
        else:
            self._snap = self.snapshot(indicator_id)
            self.indicator = self._snap.indicator
            self._load(breakdown)
        self.endResetModel()

    def set_breakdown(self, breakdown: str) -> None:
        if self.indicator is not None and breakdown != self.breakdown:
            self.beginResetModel()
            self.extra = []
            self._load(breakdown)
            self.endResetModel()

    def breakdowns(self) -> list[str]:
        return sorted({v.breakdown for v in self._values})

    def refresh(self) -> None:
        """Read the figures again after an edit; keeps the view's place where it can."""
        if self.indicator is None or self.services is None:
            return
        try:
            self._snap = self.snapshot(self.indicator.id)
        except NotFoundError:  # the indicator was deleted
            self.set_indicator(None)
            return
        self.indicator = self._snap.indicator
        old = [r.key for r in self.rows]
        old_columns = list(self.columns)
        rows, columns = self._read(self.breakdown)
        keys = [r.key for r in rows]
        if columns == old_columns and keys[: len(old)] == old:
            self.rows = rows[: len(old)]
            if old:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(old) - 1, len(self.columns) - 1))
            if len(rows) > len(old):
                self.beginInsertRows(QModelIndex(), len(old), len(rows) - 1)
                self.rows = rows
                self.endInsertRows()
        else:
            self.beginResetModel()
            self.rows, self.columns = rows, columns
            self.endResetModel()

    def _load(self, breakdown: str | None) -> None:
        assert self.indicator is not None and self.services is not None
        self._values = self._snap.values
        if breakdown is None:
            names = self.breakdowns()
            breakdown = "" if (not names or "" in names) else names[0]
        self.breakdown = breakdown
        self.rows, self.columns = self._read(breakdown, reload_values=False)

    def _read(self, breakdown: str, *, reload_values: bool = True
              ) -> tuple[list[Row], list[str]]:
        assert self.indicator is not None and self.services is not None
        if reload_values:
            self._values = self._snap.values
        values = [v for v in self._values if v.breakdown == breakdown]
        all_targets = self._snap.targets
        self._targets = [t for t in all_targets if not t.superseded_by]
        comparators = self._snap.comparators
        rows: dict[str, Row] = {}

        def row(key: str) -> Row:
            r = rows.get(key)
            if r is None:
                r = rows[key] = Row(key, label(key))
            return r

        for key, v in shown_per_period(values).items():
            row(key).value = v
        for t in all_targets:
            r = row(t.period)
            if t.superseded_by:
                r.earlier_targets.append(t)
            elif r.target is None or target_rank(t) < target_rank(r.target):
                r.target = t
        for c in comparators:
            row(c.period).comparators[c.kind.value] = c
        for key in self.extra:
            row(key)
        nxt = self._next_due(list(rows))
        if nxt is not None:
            row(nxt)
        ordered = sorted(rows.values(), key=lambda r: _sort_key(r.key))
        rated = [r.value for r in ordered if r.value is not None and rateable(r.value)]
        self._first = rated[0] if rated else None
        kinds = {c.kind.value for c in comparators}
        extra_kinds = [k for k in COMPARATOR_NAMES if k in kinds and k not in ALWAYS_COMPARATORS]
        columns = [PERIOD, FIGURE, STATUS, TARGET, *ALWAYS_COMPARATORS, *extra_kinds, NOTE]
        return ordered, columns

    def _next_due(self, keys: list[str]) -> str | None:
        assert self.indicator is not None
        try:
            own = PeriodType(self.indicator.period_type)
        except ValueError:
            return None
        mine = [Period.from_key(k) for k in keys if _sort_key(k)[0] == 0
                and Period.from_key(k).type is own]
        if mine:
            return max(mine).next().key
        return period_containing(self.as_of or date.today(), own).key

    # -- shape ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def column_of(self, name: str) -> int:
        return self.columns.index(name)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None if not 0 <= section < len(self.rows) else str(section + 1)
        if not 0 <= section < len(self.columns):
            return None
        name = self.columns[section]
        if name == FIGURE and self.indicator is not None:
            return f"Figure ({units.unit_suffix(self.indicator.unit, self.indicator.rate_base)})"
        return {PERIOD: "Period", STATUS: "Status", TARGET: "Target",
                NOTE: "Note"}.get(name) or SHORT_COMPARATOR.get(name, name)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        read_only = self.services is None or self.services.read_only
        if not read_only and (self.columns[index.column()] in (FIGURE, NOTE)
                              or _is_comparator(self.columns[index.column()])):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # -- data -----------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.indicator is None or index.row() >= len(self.rows):
            return None
        r, name = self.rows[index.row()], self.columns[index.column()]
        kept = self._unsaved.get(self._unsaved_key(r.key, name)) if self._unsaved else None
        if kept is not None:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{kept} (not saved)"
            if role == Qt.ItemDataRole.EditRole:
                return kept
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(f"Not saved: {self.unsaved_problem} Press Enter or F2 to try "
                               "again; type the stored text back to discard it.")
            if role == Qt.ItemDataRole.ForegroundRole:
                return _UNSAVED
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, name)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(r, name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(r, name))
        if role == Qt.ItemDataRole.TextAlignmentRole and name not in (PERIOD, NOTE, STATUS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if name == FIGURE and r.value is not None and r.value.status is not \
                    ValueStatus.ACTUAL:
                return _GREY
            if name == TARGET and r.target is None and r.earlier_targets:
                return _GREY
        if role == Qt.ItemDataRole.FontRole and name == FIGURE and r.value is not None \
                and r.value.status is ValueStatus.PROVISIONAL:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and name == STATUS:
            rating = self.rating(index.row())
            if rating is not None and rating.rule != "contextual":
                from ui.style import rag_icon

                return rag_icon(rating.rag)
        if role == Qt.ItemDataRole.UserRole:
            return r.key
        return None

    def fmt(self, x: float | None, with_unit: bool = False) -> str:
        ind = self.indicator
        assert ind is not None
        return units.format_value(x, ind.unit, ind.decimals, ind.rate_base if with_unit else None,
                                  with_unit=with_unit)

    def _display(self, r: Row, name: str) -> str:
        if name == PERIOD:
            return r.label
        if name == FIGURE:
            return self._figure_text(r.value)
        if name == STATUS:
            rating = self._rating(r)
            parts = [] if rating is None else [
                "not rated" if rating.rule == "contextual" else rating.rag.word]
            if r.value is not None and r.value.status.word:
                parts.append(r.value.status.word)
            return ", ".join(parts)
        if name == TARGET:
            return self.target_text(r.target) if r.target else ""
        if name == NOTE:
            return (r.value.note if r.value else "").replace("\n", " ")
        c = r.comparators.get(name)
        return self.fmt(c.value) if c and c.value is not None else (c.raw_text if c else "")

    def _figure_text(self, v: Value | None) -> str:
        if v is None:
            return ""
        if v.status is ValueStatus.NOT_YET_AVAILABLE:
            return f"nya: {v.expected}" if v.expected else "nya"
        if v.value is None:
            return v.raw_text
        return self.fmt(v.value) + (" (p)" if v.status is ValueStatus.PROVISIONAL else "")

    def _edit_text(self, r: Row, name: str) -> str:
        if name == FIGURE:
            if r.value is None:
                return ""
            if r.value.status is ValueStatus.NOT_YET_AVAILABLE:
                return self._figure_text(r.value)
            return r.value.raw_text or self._figure_text(r.value)
        if name == NOTE:
            return r.value.note if r.value else ""
        c = r.comparators.get(name)
        if c is not None:
            return c.raw_text or self.fmt(c.value)
        return self._display(r, name)

    def target_text(self, t: Target) -> str:
        assert self.indicator is not None
        return target_words(self.indicator, t)

    def _tooltip(self, r: Row, name: str) -> str | None:
        lines: list[str] = []
        if name in (FIGURE, NOTE) and r.value is not None:
            v = r.value
            if v.raw_text:
                lines.append(f"As printed: {v.raw_text}")
            if v.status is ValueStatus.PROVISIONAL:
                lines.append("Provisional figure")
            if v.status is ValueStatus.NOT_YET_AVAILABLE:
                lines.append("Not yet available" + (f"; expected {v.expected}" if v.expected
                                                     else ""))
            elif not v.status.has_figure:
                lines.append(f"No figure: {v.status.word}")
            if v.note:
                lines.append(f"Note: {v.note}")
            if v.source.describe():
                lines.append(f"Source: {v.source.describe()}")
        elif name == FIGURE:
            lines.append(f"Type the figure for {r.label}, e.g. 12.2%, 1,992 or nya: Nov 2010")
        elif name == STATUS:
            rating = self._rating(r)
            if rating is not None:
                lines.append(rating.explanation)
        elif name == TARGET and (r.target or r.earlier_targets):
            if r.target is not None:
                lines += _record_lines(r.target, "Target")
                lines.append(f"Status: {r.target.status.value.replace('_', ' ')}")
            for old in r.earlier_targets:
                lines.append(f"Earlier target (replaced): {self.target_text(old)}"
                             + (f", set {old.set_on:%d/%m/%Y}" if old.set_on else ""))
        elif name in r.comparators:
            lines += _record_lines(r.comparators[name], COMPARATOR_NAMES.get(name, name))
        elif _is_comparator(name):
            lines.append(f"Type the {COMPARATOR_NAMES[name]} figure for {r.label}")
        return "\n".join(lines) or None

    # -- ratings (computed when a row is first shown) ----------------------------------
    def rating(self, row: int) -> rag.Rating | None:
        return self._rating(self.rows[row]) if 0 <= row < len(self.rows) else None

    def _rating(self, r: Row) -> rag.Rating | None:
        if r.value is None or self.indicator is None:
            return None
        if not r.rated:
            r.rating = self._snap.figure_rating(r.value, self._first)
            r.rated = True
        return r.rating

    # -- editing --------------------------------------------------------------------------
    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or \
                not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        r, name = self.rows[index.row()], self.columns[index.column()]
        text = "" if value is None else str(value)
        if text == self._edit_text(r, name):
            self._forget_unsaved(r.key, name, index)  # the stored text, back: nothing kept
            return True  # unchanged: no undo step
        if _is_comparator(name):
            return self.apply_comparators([(name, r.key, text)], index.row(), index.column())
        if name == FIGURE:
            entry: Entry = (r.key, text, None)
        elif r.value is None:
            entry = (r.key, "", text)  # a note may come before its figure
        elif not text.strip() and _note_only(r.value):
            entry = (r.key, "", None)  # nothing left in the period
        else:
            entry = (r.key, None, text)
        return self.apply([entry], index.row(), index.column())

    def apply(self, entries: list[Entry], row: int, column: int, text: str = "") -> bool:
        """Enter figures/notes as one undo step; on refusal emit `refused` and save nothing."""
        if self.indicator is None or self.services is None or self.services.closed:
            return False
        typed = [(key, name, t) for key, figure, note in entries
                 for name, t in ((FIGURE, figure), (NOTE, note)) if t is not None]
        return self._perform(EnterFigures(self.services, self.changes, self.indicator.id,
                                          entries, self.breakdown, text), row, column, typed)

    def _perform(self, command: ServiceCommand, row: int, column: int,
                 typed: list[tuple[str, str, str]] = ()) -> bool:
        """Do an edit as one undo step; a refusal (or a read-only file) is emitted as
        `refused` at (row, column) and nothing is saved. `typed` (period, column, text):
        the cells' text, kept as not saved if the file could not take it."""
        try:
            perform(self.undo_stack, command)
        except BoardpackError as exc:  # a refusal, or a read-only file
            if isinstance(exc, PlanFileError):  # not saved, not refused: keep the text
                self._keep_unsaved(typed, str(exc))
            self.refused.emit(row, column, str(exc))
            return False
        for key, name, _text in typed:
            self._unsaved.pop(self._unsaved_key(key, name), None)
        return True

    # -- text whose save failed -----------------------------------------------------------
    def _unsaved_key(self, period: str, name: str) -> tuple[str, str, str, str]:
        return (self.indicator.id if self.indicator else "", self.breakdown, period, name)

    def _keep_unsaved(self, typed: list[tuple[str, str, str]], problem: str) -> None:
        self.unsaved_problem = problem
        for key, name, text in typed:
            self._unsaved[self._unsaved_key(key, name)] = text
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1))

    def _forget_unsaved(self, period: str, name: str, index: Index) -> None:
        if self._unsaved.pop(self._unsaved_key(period, name), None) is not None:
            self.dataChanged.emit(index, index)

    def unsaved_count(self) -> int:
        """How many cells, of any indicator, hold typed text that could not be saved."""
        return len(self._unsaved)

    def apply_comparators(self, entries: list[tuple[str, str, str]], row: int, column: int,
                          text: str = "") -> bool:
        """Enter comparator figures (kind, period key, text) as one undo step."""
        if self.indicator is None or self.services is None or self.services.closed:
            return False
        if not text and len(entries) == 1:
            kind, key, typed = entries[0]
            text = (f"Clear {SHORT_COMPARATOR[kind]} {label(key)}" if not typed.strip()
                    else f"Enter {SHORT_COMPARATOR[kind]} {typed.strip()} for {label(key)}")
        return self._perform(EnterComparators(self.services, self.changes, self.indicator.id,
                                              entries, text), row, column,
                             [(key, kind, typed) for kind, key, typed in entries])

    def paste(self, top: int, left: int, grid: list[list[str]]) -> bool:
        """Paste a block at (top, left); rows past the end add the following periods.

        A block whose first row names breakdowns and whose first column names periods
        (weeks × cohorts) goes into those breakdowns instead, wherever it is pasted. A row
        with a note and no figure keeps its note (and the figure, if the period has one).
        """
        if self.indicator is None or self.services is None or not grid:
            return False
        block = read_breakdown_block(grid, self._period_key, self.breakdowns())
        if block is not None:
            return self._paste_block(top, left, block)
        if 0 <= left < len(self.columns) and _is_comparator(self.columns[left]):
            return self._paste_comparators(top, left, grid)
        # Cells fill the editable columns (figure, note) from `left` rightwards, skipping
        # the computed ones between them, so a figure-and-note block from Excel lands whole.
        names = [n for n in self.columns[left:] if n in (FIGURE, NOTE)]
        width = max(len(line) for line in grid)
        if width > len(names):
            where = "figure and note columns" if len(names) > 1 else (
                "note column" if names == [NOTE] else "figure column")
            self.refused.emit(top, left, f"The block is {width} columns wide: only the "
                                         f"{where} can be pasted here." if names else
                              "Only figures and notes can be pasted: choose a cell in the "
                              "Figure or Note column.")
            return False
        names = names[:width]
        return self._paste_rows(top, left, grid, names)

    def _paste_rows(self, top: int, left: int, grid: list[list[str]], names: list[str]) -> bool:
        keys = self._keys_from(top, len(grid))
        if keys is None:
            self.refused.emit(top, left, "Cannot add periods after this one.")
            return False
        stored = {r.key for r in self.rows if r.value is not None}
        entries: list[Entry] = []
        for key, line in zip(keys, grid, strict=True):
            cells = dict(zip(names, line, strict=False))
            figure, note = cells.get(FIGURE), cells.get(NOTE)
            if not (figure or "").strip() and (note or "").strip():
                # a note with no figure: keep the period's figure if it has one, else keep
                # the note on its own (blank is missing, never zero)
                figure = None if key in stored else ""
            entries.append((key, figure, note))
        return self.apply(entries, top, left, f"Paste {len(entries)} row(s)")

    def _paste_comparators(self, top: int, left: int, grid: list[list[str]]) -> bool:
        """A block pasted into the comparator columns: each column its comparator, rows past
        the end add the following periods; one undo step."""
        names: list[str] = []
        for name in self.columns[left:]:
            if not _is_comparator(name):
                break
            names.append(name)
        width = max(len(line) for line in grid)
        if width > len(names):
            self.refused.emit(top, left, f"The block is {width} columns wide: only "
                                         f"{len(names)} comparator column(s) are here.")
            return False
        keys = self._keys_from(top, len(grid))
        if keys is None:
            self.refused.emit(top, left, "Cannot add periods after this one.")
            return False
        entries = [(name, key, cell) for key, line in zip(keys, grid, strict=True)
                   for name, cell in zip(names, line, strict=False)]
        return self.apply_comparators(entries, top, left,
                                      f"Paste {len(entries)} comparator figure(s)")

    def _keys_from(self, top: int, count: int) -> list[str] | None:
        """The period keys of `count` rows from `top`, adding the periods after the last."""
        keys = [r.key for r in self.rows[top:top + count]]
        try:
            last = Period.from_key(keys[-1] if keys else self.rows[-1].key)
        except (PeriodError, IndexError):
            return None
        while len(keys) < count:
            last = last.next()
            keys.append(last.key)
        return keys

    def _paste_block(self, top: int, left: int, cells: list[BlockCell]) -> bool:
        """A periods × breakdowns block: every breakdown's figures, one undo step."""
        assert self.indicator is not None and self.services is not None
        entries = [FigureEntry(self.indicator.id, c.period, c.text, None, c.breakdown,
                               row=c.row) for c in cells]
        if not entries:
            return False
        breakdowns = len({c.breakdown for c in cells})
        return self._perform(EnterFigureRows(
            self.services, self.changes, self.indicator.id, entries,
            f"Paste {len(entries)} figures in {breakdowns} breakdowns"), top, left)

    def _period_key(self, text: str) -> str:
        assert self.indicator is not None and self.services is not None
        return self.services.indicators.parse_period_for(self.indicator, text).key

    def add_next_period(self) -> int:
        """Add a row for the period after the last one; returns its row."""
        if self.indicator is None:
            return -1
        nxt = self._next_due([r.key for r in self.rows])
        if nxt is None:
            return -1
        self.extra.append(nxt)
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(Row(nxt, label(nxt)))
        self.endInsertRows()
        return len(self.rows) - 1

    def clear_cells(self, indexes: list[QModelIndex]) -> bool:
        comparators = [(name, r.key, "") for ix in indexes
                       if _is_comparator(name := self.columns[ix.column()])
                       and name in (r := self.rows[ix.row()]).comparators]
        if comparators and self.services is not None and not self.services.read_only:
            first = indexes[0]
            if not self.apply_comparators(comparators, first.row(), first.column()):
                return False
        entries: list[Entry] = []
        for ix in indexes:
            r, name = self.rows[ix.row()], self.columns[ix.column()]
            if r.value is None:
                continue
            if name == FIGURE:
                entries.append((r.key, "", None))
            elif name == NOTE and r.value.note:
                entries.append((r.key, "", None) if _note_only(r.value) else (r.key, None, ""))
        if not entries:
            return bool(comparators)
        first = indexes[0]
        return self.apply(entries, first.row(), first.column(),
                          "Clear figures" if len(entries) > 1 else "")


def _is_comparator(name: str) -> bool:
    return name in COMPARATOR_NAMES


def _note_only(v: Value) -> bool:
    """A period that holds a note and no figure or status."""
    return v.value is None and v.status is ValueStatus.ACTUAL and not v.raw_text.strip()


def _record_lines(rec: Target | Comparator, what: str) -> list[str]:
    lines = []
    if rec.raw_text:
        lines.append(f"{what} as printed: {rec.raw_text}")
    if rec.note:
        lines.append(f"Note: {rec.note}")
    if rec.source.describe():
        lines.append(f"Source: {rec.source.describe()}")
    return lines or [what]

