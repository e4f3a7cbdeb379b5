"""Importing figures (and targets) from a partner's spreadsheet: dry run, commit, undo.

The write path is IndicatorService.enter_many (figures) and add_target (a differing
target is added as a revision, the old one kept as history), inside ONE transaction, so an
import is one action and one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import Comparator, Indicator, Plan, Source, Target, ValidationError, Value
from app.indicator_service import FigureEntry, IndicatorService
from app.plan_service import PlanService
from app.ports import PlanStore

if TYPE_CHECKING:  # the importer loads on first use, not at the window's start-up
    from app.importer.dry_run import DryRun, Known, Resolved
    from app.importer.export import FigureRow
    from app.importer.mapping import Mapping
    from app.importer.tracker import Tracker
    from app.importer.workbook import Sheet


@dataclass
class Imported:
    """What a commit wrote, for undo."""

    description: str
    figures: list[tuple[FigureEntry, Value | None]] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    # each comparator written, with the one it replaced (None: it was new)
    comparators: list[tuple[Comparator, Comparator | None]] = field(default_factory=list)


class ImportService:
    def __init__(self, store: PlanStore, indicators: IndicatorService,
                 plans: PlanService | None = None):
        self.store = store
        self.indicators = indicators
        self.plans = plans or PlanService(store)

    def indicators_all(self) -> list[Indicator]:
        return self.store.find(Indicator)

    def known(self, resolved: Resolved) -> Known:
        """The current figures and targets in force for the resolved rows' indicators and
        periods (read by period, as a return covers a few periods of many indicators), and
        every figure so far of those indicators: the history that decides fractions and the
        plausibility warnings."""
        from app.importer.dry_run import Known

        ids, periods, history_ids = resolved.wanted()
        values = {(v.indicator_id, v.period, v.breakdown): v
                  for v in self.store.find_in(Value, "period", periods)
                  if v.indicator_id in ids}
        targets = {(t.indicator_id, t.period): t
                   for t in self.store.find_in(Target, "period", periods)
                   if t.indicator_id in ids and not t.superseded_by}
        comparators = {(c.indicator_id, c.period, c.kind.value): c
                       for c in self.store.find_in(Comparator, "period", periods)
                       if c.indicator_id in ids}
        series: dict[tuple[str, str, str], float] = {}
        histories: dict[str, list[float]] = {}
        for indicator_id, period, breakdown, value in self.store.figure_series(ids):
            series[(indicator_id, breakdown, period)] = value
            if indicator_id in history_ids:
                histories.setdefault(indicator_id, []).append(value)
        return Known(values, targets, histories, series, comparators)

    @staticmethod
    def read(path: str | Path, sheet: str | None = None) -> Sheet:
        """The sheet (default: a data return's Figures, else the first)."""
        from app.importer.workbook import read_sheet

        return read_sheet(path, sheet or ImportService.default_sheet(path))

    @staticmethod
    def default_sheet(path: str | Path) -> str | None:
        """The sheet to read without asking: a data return's Figures."""
        from app.returns import FIGURES_SHEET
        from app.returns.read import is_return

        return FIGURES_SHEET if is_return(Path(path)) else None

    @staticmethod
    def mapping_for(path: str | Path, sheet: Sheet) -> Mapping:
        from app.importer.mapping import guess
        from app.importer.workbook import ImportFileError
        from app.returns.read import is_return, return_mapping

        if is_return(Path(path)):
            return return_mapping()
        found = guess(sheet)
        if found is None:
            if not any(any(c is not None for c in row) for row in sheet.rows):
                raise ImportFileError(f"{Path(path).name}: sheet '{sheet.name}' is empty.")
            raise ImportFileError(f"{Path(path).name}: sheet '{sheet.name}' has no row of "
                                  "headers Boardpack recognises (such as Indicator, Period, "
                                  "Value); choose the columns yourself.")
        return found

    def resolve(self, path: str | Path, sheet: Sheet, mapping: Mapping, *,
                indicators: list[Indicator] | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Resolved:
        """The first, slow half of a dry run: read the mapped columns' formats and find each
        row's indicator and period. Touches the store only without `indicators`, so with
        them it can run on another thread."""
        from app.importer.dry_run import resolve
        from app.importer.mapping import COMPARATOR_FIELDS, FIELDS
        from app.importer.workbook import read_formats
        from app.returns.read import is_return, resolve_return

        path = Path(path)
        if is_return(path):  # a data return we sent: its hidden sheet names every row
            return resolve_return(path, indicators or self.indicators_all(),
                                  {p.id for p in self.store.find(Plan)}, progress=progress,
                                  cancelled=cancelled)
        missing = mapping.missing()
        if missing:
            names = ", ".join(FIELDS[m] for m in missing)
            raise ValidationError(f"{path.name}: say which column holds: {names}.",
                                  field="mapping")
        read_formats(path, sheet, [mapping.columns[n] for n in (
            "period", "value", "target", *COMPARATOR_FIELDS) if n in mapping.columns])
        return resolve(path, sheet, mapping, indicators or self.indicators_all(),
                       progress=progress, cancelled=cancelled)

    def dry_run(self, path: str | Path, sheet: Sheet, mapping: Mapping) -> DryRun:
        """What importing would do; writes nothing."""
        from app.importer.dry_run import compare

        resolved = self.resolve(path, sheet, mapping)
        return compare(resolved, self.known(resolved))

    def commit(self, run: DryRun) -> Imported:
        """Write what the dry run found, as ONE action; refused while it lists problems."""
        if run.problems:
            raise ValidationError(f"{run.path.name}: {len(run.problems)} problem(s), first "
                                  f"{run.problems[0]}; nothing was imported.")
        done = Imported(f"Import {len(run.entries)} figure(s) from {run.path.name}")
        with self.store.transaction(done.description):
            if run.entries:
                done.figures = self.indicators.enter_many(run.entries,
                                                          summary=done.description)
            for t in run.targets:
                p = t.parsed
                done.targets.append(self.indicators.add_target(
                    t.indicator_id, t.period, p.operator, p.value, value_high=p.value_high,
                    comparator=p.comparator, raw_text=p.text, source=t.source))
            for c in run.comparators:
                before = self.indicators.set_comparator(c.indicator_id, c.kind, c.period,
                                                        c.value, raw_text=c.raw_text,
                                                        source=c.source)
                [after] = self.store.find(Comparator, indicator_id=c.indicator_id,
                                          kind=c.kind, period=c.period)
                done.comparators.append((after, before))
        return done

    def undo(self, done: Imported) -> None:
        with self.store.transaction(f"Undo {done.description}"):
            for after, before in reversed(done.comparators):
                current = self.store.get(Comparator, after.id)
                if before is None:
                    self.store.delete(current)
                else:
                    self.store.update(current, value=before.value, raw_text=before.raw_text,
                                      note=before.note, source=before.source)
            for target in reversed(done.targets):
                self.indicators.delete_target(target.id)
            self.indicators.restore_many(done.figures)

    def figures_to_export(self, plan_id: str | None = None,
                          names: list[str] | None = None) -> list[FigureRow]:
        """The rows of an export of figures: a plan's indicators (every plan's without
        `plan_id`), or just those `names` names (code, ref or title, as the importer finds
        them); read in a few short statements."""
        from app.importer.cells import CellProblem
        from app.importer.dry_run import Finder
        from app.importer.export import figure_rows

        every = self.store.find(Indicator)
        chosen = [i for i in every if plan_id is None or i.plan_id == plan_id]
        if names:
            finder = Finder(chosen)
            picked: dict[str, Indicator] = {}
            for name in names:
                try:
                    found = finder.find(name.strip())
                except CellProblem as exc:
                    raise ValidationError(f"--indicator {name}: {exc}.",
                                          field="indicator") from None
                picked[found.id] = found
            chosen = list(picked.values())
        ids = [i.id for i in chosen]
        return figure_rows(chosen, every, self.store.find_in(Value, "indicator_id", ids),
                           self.store.find_in(Target, "indicator_id", ids),
                           self.store.find_in(Comparator, "indicator_id", ids))

    def plan_from_tracker(self, tracker: Tracker) -> Plan:
        """A new plan in this file from a checked tracker (app.importer.tracker): its items,
        indicators (linked under each item they name) and targets, as ONE action."""
        title = str(tracker.plan["title"])
        plans, ind = self.plans, self.indicators
        with self.store.transaction(f"New plan '{title}' from {tracker.path.name}"):
            plan = plans.create_plan(title, **{k: v for k, v in tracker.plan.items()
                                               if k != "title" and v not in ("", None)})
            nodes: dict[str, str] = {}
            for item in tracker.items:
                nodes[item.ref] = plans.add_node(
                    plan.id, nodes[item.parent] if item.parent else None, item.title,
                    kind=item.kind, ref=item.ref, **item.fields).id
            codes: dict[str, str] = {}
            for i in tracker.indicators:
                extra = {"rate_base": i.rate_base} if i.rate_base else {}
                made = ind.create_indicator(
                    i.title, node_id=nodes[i.items[0]], code=i.code, unit=i.unit,
                    polarity=i.polarity, period_type=i.period_type.value,
                    data_source=i.data_source, **extra)
                for ref in dict.fromkeys(i.items[1:]):
                    if ref != i.items[0]:
                        ind.link(made.id, nodes[ref])
                codes[i.code] = made.id
            for t in tracker.targets:
                p = t.parsed
                ind.add_target(codes[t.code], t.period, p.operator, p.value,
                               value_high=p.value_high, comparator=p.comparator,
                               raw_text=p.text, source=Source(tracker.path.name,
                                                              f"Targets row {t.row}"))
        return plan

    @staticmethod
    def remember(sheet: Sheet, mapping: Mapping) -> None:
        from app.importer.mapping import headers, remember

        remember(headers(sheet, mapping.header_row), mapping)
