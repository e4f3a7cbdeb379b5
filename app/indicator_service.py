"""Indicators, their links into the tree, and their figures: values, targets, comparators."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from app import units
from app import validation as check
from app.chart_spec import COMPARATOR_NAMES
from app.domain import (
    Comparator,
    ComparatorKind,
    Indicator,
    IndicatorKind,
    IndicatorLink,
    Node,
    Polarity,
    Source,
    Target,
    TargetOperator,
    TargetStatus,
    ToleranceKind,
    Unit,
    ValidationError,
    Value,
    ValueStatus,
)
from app.figure_review import FigureToReview, figures_to_review
from app.periods import Period, PeriodError, PeriodType, parse_period
from app.plan_service import Removed, _required_text, reinsert, remove_indicator
from app.ports import PlanStore


@dataclass(frozen=True)
class FigureEntry:
    """One row of figures to enter: a period of an indicator (and breakdown), the figure as
    typed or as the source printed it (None leaves the figure), and a note (None leaves
    the note). `row` names where it came from, for messages."""

    indicator_id: str
    period: str  # a period key
    text: str | None
    note: str | None = None
    breakdown: str = ""
    row: str = ""
    source: Source | None = None
    figure: units.ParsedFigure | None = None  # the figure read already; else read from text

@dataclass(frozen=True)
class ComparatorChange:
    """What one comparator entry replaced (None: the period had none), for undo."""

    kind: ComparatorKind
    period: str
    before: Comparator | None


INDICATOR_EDITABLE = {
    "title", "code", "ref", "definition", "unit", "rate_base", "polarity", "polarity_inferred",
    "period_type", "frequency", "publication_lag_days", "decimals", "tolerance",
    "tolerance_kind", "kind", "data_source", "note", "plan_id",
}
_ENUM_FIELDS = {"unit": Unit, "polarity": Polarity, "tolerance_kind": ToleranceKind,
                "kind": IndicatorKind}


class IndicatorService:
    def __init__(self, store: PlanStore):
        self.store = store

    # -- reading -------------------------------------------------------------------------
    def indicator(self, indicator_id: str) -> Indicator:
        return self.store.get(Indicator, indicator_id)

    def indicators(self, plan_id: str | None = None) -> list[Indicator]:
        return self.store.find(Indicator, plan_id=plan_id) if plan_id else self.store.find(
            Indicator)

    def links_of_indicator(self, indicator_id: str) -> list[IndicatorLink]:
        return self.store.find(IndicatorLink, indicator_id=indicator_id)

    def values(self, indicator_id: str, breakdown: str | None = None) -> list[Value]:
        if breakdown is None:
            return self.store.find(Value, indicator_id=indicator_id)
        return self.store.find(Value, indicator_id=indicator_id, breakdown=breakdown)

    def targets(self, indicator_id: str, *, include_superseded: bool = False) -> list[Target]:
        found = self.store.find(Target, indicator_id=indicator_id)
        return found if include_superseded else [t for t in found if not t.superseded_by]

    def comparators(self, indicator_id: str) -> list[Comparator]:
        return self.store.find(Comparator, indicator_id=indicator_id)

    def breakdowns(self, indicator_id: str) -> list[str]:
        return sorted({v.breakdown for v in self.values(indicator_id)})

    # -- indicators ----------------------------------------------------------------------
    def create_indicator(self, title: str, *, node_id: str | None = None,
                         **fields: Any) -> Indicator:
        fields = self._clean_fields(fields)
        indicator = Indicator(title=_required_text(title, "title", "indicator"), **fields)
        if node_id and not indicator.plan_id:
            indicator.plan_id = self.store.get(Node, node_id).plan_id
        with self.store.transaction(f"Add indicator '{indicator.code or indicator.title}'"):
            self.store.insert(indicator)
            if node_id:
                self._link(indicator.id, node_id)
        return indicator

    def edit_indicator(self, indicator_id: str, **changes: Any) -> Indicator:
        changes = self._clean_fields(changes)
        if "title" in changes:
            changes["title"] = _required_text(changes["title"], "title", "indicator")
        indicator = self.indicator(indicator_id)
        with self.store.transaction(f"Edit indicator '{indicator.code or indicator.title}'"):
            return self.store.update(indicator, **changes)

    def _clean_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        bad = set(fields) - INDICATOR_EDITABLE
        if bad:
            name = sorted(bad)[0]
            raise ValidationError(f"Indicators have no field {name!r}.", field=name)
        out = check.texts(fields)
        for name, enum in _ENUM_FIELDS.items():
            if name in out:
                out[name] = check.choice(enum, out[name], name)
        if "period_type" in out:
            out["period_type"] = check.choice(PeriodType, out["period_type"], "period_type").value
        if "decimals" in out:
            out["decimals"] = check.whole_number(out["decimals"], "decimals")
            if not 0 <= out["decimals"] <= 6:
                raise ValidationError("Decimals must be between 0 and 6.", field="decimals")
        if "publication_lag_days" in out:
            out["publication_lag_days"] = check.whole_number(
                out["publication_lag_days"], "publication_lag_days", "publication lag")
        if "tolerance" in out:
            out["tolerance"] = check.number(out["tolerance"], "tolerance")
            if out["tolerance"] < 0:
                raise ValidationError("The tolerance cannot be negative.", field="tolerance")
        if out.get("rate_base") not in (None, ""):
            out["rate_base"] = check.whole_number(out["rate_base"], "rate_base", "rate base")
            if out["rate_base"] <= 0:
                raise ValidationError("The rate base must be a positive number such as 10,000.",
                                      field="rate_base")
        elif "rate_base" in out:
            out["rate_base"] = None
        if "polarity_inferred" in out:
            out["polarity_inferred"] = bool(out["polarity_inferred"])
        return out

    def describe_delete(self, indicator_id: str) -> str:
        ind = self.indicator(indicator_id)
        n_values = self.store.count(Value, indicator_id=indicator_id)
        n_links = self.store.count(IndicatorLink, indicator_id=indicator_id)
        return (f"This deletes the indicator '{ind.code or ind.title}' everywhere it appears "
                f"({n_links} place(s) in the plan) with its {n_values} figure(s), targets and "
                "assessments. You can undo it.")

    def delete_indicator(self, indicator_id: str) -> Removed:
        ind = self.indicator(indicator_id)
        removed = Removed(f"Delete indicator '{ind.code or ind.title}'")
        with self.store.transaction(removed.description):
            removed.records = remove_indicator(self.store, ind)
        return removed

    def restore(self, removed: Removed) -> None:
        with self.store.transaction(f"Undo {removed.description}"):
            reinsert(self.store, removed.records)

    # -- links ---------------------------------------------------------------------------
    def link(self, indicator_id: str, node_id: str) -> IndicatorLink:
        ind, node = self.indicator(indicator_id), self.store.get(Node, node_id)
        with self.store.transaction(f"Link '{ind.code or ind.title}' under "
                                    f"'{node.ref or node.title}'"):
            return self._link(indicator_id, node_id)

    def _link(self, indicator_id: str, node_id: str) -> IndicatorLink:
        if self.store.find(IndicatorLink, indicator_id=indicator_id, node_id=node_id):
            raise ValidationError("That indicator is already linked there.")
        # After the last one: a count could repeat a position left by an unlink.
        last = max((lk.position for lk in self.store.find(IndicatorLink, node_id=node_id)),
                   default=-1)
        link = IndicatorLink(indicator_id, node_id, position=last + 1)
        self.store.insert(link)
        return link

    def unlink(self, indicator_id: str, node_id: str) -> IndicatorLink:
        """Remove an indicator from one parent; the indicator and its figures stay."""
        found = self.store.find(IndicatorLink, indicator_id=indicator_id, node_id=node_id)
        if not found:
            raise ValidationError("That indicator is not linked there.")
        ind = self.indicator(indicator_id)
        with self.store.transaction(f"Unlink '{ind.code or ind.title}'"):
            self.store.delete(found[0])
        return found[0]

    def relink(self, link: IndicatorLink) -> None:
        """Undo of unlink: the same link back, same id and position."""
        with self.store.transaction("Undo unlink"):
            self.store.insert(link)

    # -- values --------------------------------------------------------------------------
    def value_at(self, indicator_id: str, period: str, breakdown: str = "") -> Value | None:
        found = self.store.find(Value, indicator_id=indicator_id, period=period,
                                breakdown=breakdown)
        return found[0] if found else None

    def parse_period_for(self, indicator: Indicator, text: str) -> Period:
        try:
            parsed = parse_period(text, hint=PeriodType(indicator.period_type))
        except PeriodError as exc:
            raise ValidationError(str(exc), field="period") from None
        if parsed.period is None:
            raise ValidationError(f"'{text}' does not name a period.", field="period")
        return parsed.period

    def set_value(self, indicator_id: str, period: str, value: float | None, *,
                  status: ValueStatus | str = ValueStatus.ACTUAL, breakdown: str = "",
                  raw_text: str | None = None, note: str | None = None, expected: str = "",
                  source: Source | None = None) -> Value | None:
        """Record (or replace) the figure for one period. Returns the previous Value."""
        indicator = self.indicator(indicator_id)
        period = self._period_key(period)
        status = ValueStatus(status)
        raw_text = None if raw_text is None else check.text(raw_text, "raw_text", "figure")
        note = None if note is None else check.text(note, "note")
        if value is not None:
            value = check.figure(check.number(value, "value", "figure"), indicator.unit)
        elif status.has_figure and not (raw_text or "").strip():
            raise ValidationError("Enter a figure, or mark it not yet available.", field="value")
        previous = self.value_at(indicator_id, period, breakdown)
        source = source or Source(entered_by=self.store.author)
        raw = raw_text if raw_text is not None else (
            "" if value is None else units.format_value(value, indicator.unit, indicator.decimals,
                                                        indicator.rate_base, with_unit=False))
        label = Period.from_key(period).label
        with self.store.transaction(f"Set {indicator.code or indicator.title} {label}"):
            if previous:
                self.store.update(previous, value=value, status=status, raw_text=raw,
                                  expected=expected,
                                  note=previous.note if note is None else note, source=source)
            else:
                self.store.insert(Value(indicator_id, period, value, status, breakdown, raw,
                                        expected, note or "", source))
        return previous

    def enter_text(self, indicator_id: str, period: str, text: str, *, breakdown: str = "",
                   note: str | None = None) -> Value | None:
        """A figure as the user typed or pasted it: '12.2%', '1,992', 'nya: Nov 2010'."""
        indicator = self.indicator(indicator_id)
        text = check.text(text, "raw_text", "figure")
        fig = units.parse_figure(text, indicator.unit)
        if fig.is_blank:
            return self.clear_value(indicator_id, period, breakdown)
        return self.set_value(indicator_id, period, fig.value, status=fig.status,
                              breakdown=breakdown, raw_text=text.strip(), expected=fig.expected,
                              note=note)

    def clear_value(self, indicator_id: str, period: str, breakdown: str = "") -> Value | None:
        previous = self.value_at(indicator_id, self._period_key(period), breakdown)
        if previous:
            with self.store.transaction(f"Clear {Period.from_key(previous.period).label}"):
                self.store.delete(previous)
        return previous

    def restore_value(self, indicator_id: str, period: str, breakdown: str,
                      previous: Value | None) -> None:
        """Undo of set/clear: put the period back exactly as `previous` was (or empty)."""
        current = self.value_at(indicator_id, period, breakdown)
        with self.store.transaction("Undo figure"):
            if current and previous and current.id == previous.id:
                self.store.update(current, **{f.name: getattr(previous, f.name)
                                              for f in dataclasses.fields(Value)
                                              if f.name != "id"})
                return
            if current:
                self.store.delete(current)
            if previous:
                self.store.insert(previous)

    def _period_key(self, period: str | Period) -> str:
        return check.period_key(period)

    # -- targets -------------------------------------------------------------------------
    def add_target(self, indicator_id: str, period: str, operator: TargetOperator | str,
                   value: float | None = None, *, value_high: float | None = None,
                   comparator: ComparatorKind | str | None = None,
                   status: TargetStatus | str = TargetStatus.AGREED, raw_text: str = "",
                   note: str = "", source: Source | None = None,
                   set_on: date | None = None) -> Target:
        """Add a target; one already in force for the period is kept as history."""
        indicator = self.indicator(indicator_id)
        target = self._make_target(indicator, period, operator, value, value_high, comparator,
                                   status, raw_text, note, source, set_on)
        current = [t for t in self.targets(indicator_id) if t.period == target.period]
        label = Period.from_key(target.period).label
        with self.store.transaction(f"Target for {indicator.code or indicator.title} {label}"):
            self.store.insert(target)
            for old in current:
                self.store.update(old, superseded_by=target.id)
        return target

    def _make_target(self, indicator: Indicator, period: str, operator: Any, value: Any,
                     value_high: Any, comparator: Any, status: Any, raw_text: str, note: str,
                     source: Source | None, set_on: date | None) -> Target:
        try:
            operator = TargetOperator(operator)
            status = TargetStatus(status)
            comparator = ComparatorKind(comparator) if comparator else None
        except ValueError as exc:
            raise ValidationError(str(exc).capitalize() + ".", field="operator") from None
        value = check.optional_number(value, "value", "target")
        value_high = check.optional_number(value_high, "value_high", "top of the band")
        numeric = operator not in (TargetOperator.TEXT, TargetOperator.RELATIVE_TO_COMPARATOR)
        if numeric and value is None:
            raise ValidationError("This kind of target needs a figure.", field="value")
        if operator is TargetOperator.BAND:
            if value_high is None or float(value_high) < float(value):
                raise ValidationError("A band needs a low and a higher high figure.",
                                      field="value_high")
        if operator is TargetOperator.RELATIVE_TO_COMPARATOR and comparator is None:
            raise ValidationError("Say which comparator the target is relative to.",
                                  field="comparator")
        raw_text = check.text(raw_text, "raw_text", "target's wording")
        note = check.text(note, "note")
        if operator is TargetOperator.TEXT and not raw_text.strip():
            raise ValidationError("A text target needs its wording.", field="raw_text")
        if value is not None and operator is not TargetOperator.RELATIVE_TO_BASELINE:
            check.figure(float(value), indicator.unit)
        return Target(indicator.id, self._period_key(period), operator,
                      None if value is None else float(value),
                      None if value_high is None else float(value_high), comparator, status,
                      raw_text, note, source or Source(entered_by=self.store.author),
                      None, set_on or date.today())

    def delete_target(self, target_id: str) -> Target:
        target = self.store.get(Target, target_id)
        with self.store.transaction("Delete target"):
            for older in self.store.find(Target, superseded_by=target_id):
                self.store.update(older, superseded_by=None)
            self.store.delete(target)
        return target

    # -- comparators ---------------------------------------------------------------------
    def set_comparator(self, indicator_id: str, kind: ComparatorKind | str, period: str,
                       value: float | None, *, raw_text: str = "", note: str = "",
                       source: Source | None = None) -> Comparator | None:
        indicator = self.indicator(indicator_id)
        try:
            kind = ComparatorKind(kind)
        except ValueError:
            raise ValidationError(f"'{kind}' is not a comparator.", field="kind") from None
        period = self._period_key(period)
        value = check.optional_number(value, "value", "comparator")
        if value is not None:
            check.figure(value, indicator.unit)
        raw_text = check.text(raw_text, "raw_text", "comparator's wording")
        note = check.text(note, "note")
        found = self.store.find(Comparator, indicator_id=indicator_id, kind=kind, period=period)
        with self.store.transaction(f"{kind.value} comparator {Period.from_key(period).label}"):
            if found:
                self.store.update(found[0], value=value, raw_text=raw_text, note=note)
                return found[0]
            self.store.insert(Comparator(indicator_id, kind, period, value, raw_text, note,
                                         source or Source(entered_by=self.store.author)))
        return None

    def enter_comparators(self, indicator_id: str,
                          entries: list[tuple[ComparatorKind | str, str, str]]
                          ) -> list[ComparatorChange]:
        """Comparator figures as typed or pasted, (kind, period key, text) each, as ONE
        action: a figure sets the period's comparator, blank text ("", "-") removes it, a
        status with no figure ("[c]", "nya") is kept as its wording. Every entry is checked
        first (units.parse_figure, then validation); a wrong one writes nothing. Returns
        what each replaced, for restore_comparators."""
        indicator = self.indicator(indicator_id)
        planned: list[tuple[ComparatorKind, str, str, units.ParsedFigure]] = []
        for kind, period, text in entries:
            try:
                kind = ComparatorKind(kind)
            except ValueError:
                raise ValidationError(f"'{kind}' is not a comparator.", field="kind") from None
            period = self._period_key(period)
            text = check.text(text, "raw_text", "comparator's figure").strip()
            fig = units.parse_figure(text, indicator.unit)
            if fig.value is not None:
                check.figure(float(fig.value), indicator.unit)
            planned.append((kind, period, text, fig))
        current = {(c.kind, c.period): c for c in self.comparators(indicator_id)}
        done: list[ComparatorChange] = []
        what = indicator.code or indicator.title
        summary = (f"{COMPARATOR_NAMES[planned[0][0].value]} for {what} "
                   f"{Period.from_key(planned[0][1]).label}" if len(planned) == 1
                   else f"Enter {len(planned)} comparator figure(s) for {what}")
        with self.store.transaction(summary):
            for kind, period, text, fig in planned:
                before = current.get((kind, period))
                done.append(ComparatorChange(kind, period, before))
                if fig.is_blank:
                    if before is not None:
                        self.store.delete(before)
                        del current[(kind, period)]
                elif before is not None:
                    current[(kind, period)] = self.store.update(
                        before, value=fig.value, raw_text=text,
                        source=Source(entered_by=self.store.author))
                else:
                    current[(kind, period)] = Comparator(
                        indicator_id, kind, period, fig.value, text,
                        source=Source(entered_by=self.store.author))
                    self.store.insert(current[(kind, period)])
        return done

    def restore_comparators(self, indicator_id: str, done: list[ComparatorChange]) -> None:
        """Undo of enter_comparators: each period's comparator back as it was (or none)."""
        with self.store.transaction("Undo comparators"):
            for change in reversed(done):
                found = self.store.find(Comparator, indicator_id=indicator_id,
                                        kind=change.kind, period=change.period)
                for c in found:
                    self.store.delete(c)
                if change.before is not None:
                    self.store.insert(change.before)

    # -- several figures at once (a paste), notes ------------------------------------------
    def check_text(self, indicator_id: str, text: str) -> None:
        """Raise ValidationError if `text` would be refused by enter_text; writes nothing."""
        indicator = self.indicator(indicator_id)
        fig = units.parse_figure(check.text(text, "raw_text", "figure"), indicator.unit)
        if fig.value is not None:
            check.figure(float(fig.value), indicator.unit)

    def enter_texts(self, indicator_id: str, entries: list[tuple[str, str | None, str | None]],
                    *, breakdown: str = "") -> list[tuple[str, Value | None]]:
        """Several figures and notes of one indicator as typed or pasted, as ONE action.

        Each entry is (period key, figure text or None to leave the figure, note or None to
        leave the note); see enter_many. Returns (period, previous Value) pairs for
        restore_values.
        """
        indicator = self.indicator(indicator_id)
        rows = [FigureEntry(indicator_id, self._period_key(p), text, note, breakdown,
                            row=Period.from_key(self._period_key(p)).label)
                for p, text, note in entries]
        done = self.enter_many(rows, summary=f"Enter {len(rows)} figure(s) for "
                                             f"{indicator.code or indicator.title}")
        return [(e.period, before) for e, before in done]

    def enter_many(self, entries: list[FigureEntry], *,
                   summary: str = "") -> list[tuple[FigureEntry, Value | None]]:
        """Many figures (and notes), of any indicators, as ONE action: the bulk entry path
        that a paste, an import and the sample builder share.

        A row whose text holds no figure ("", "-") empties its period, unless it brings a
        note: the period then keeps that note with no figure.

        Every row is checked first; if any is wrong nothing is written and one
        ValidationError names each wrong row (its `row`, e.g. "row 12" or "Q3 2018/19") and
        the problem. Then all are written in one transaction. Returns each entry with the
        Value it replaced (None where the period was empty), for restore_many.
        """
        ids = {e.indicator_id for e in entries}
        periods = {e.period for e in entries}
        indicators = {i.id: i for i in self.store.find_in(Indicator, "id", ids)}
        # Read the figures these rows may replace by whichever is fewer: a return covers a
        # few periods of many indicators, a paste a few periods of one.
        found = (self.store.find_in(Value, "period", periods) if len(periods) < len(ids)
                 else self.store.find_in(Value, "indicator_id", ids))
        current: dict[tuple[str, str, str], Value] = {
            (v.indicator_id, v.period, v.breakdown): v for v in found
            if v.indicator_id in ids and v.period in periods}
        planned: list[tuple[FigureEntry, units.ParsedFigure | None]] = []
        will_have = set(current)
        problems: list[str] = []
        for e in entries:
            try:
                planned.append((e, self._check_entry(e, indicators, will_have)))
            except ValidationError as exc:
                problems.append(f"{e.row or e.period}: {exc}")
        if problems:
            more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
            raise ValidationError("; ".join(problems[:10]) + more,
                                  field="value", row=entries[len(planned)].row if len(
                                      planned) < len(entries) else None)
        done: list[tuple[FigureEntry, Value | None]] = []
        writes = _BulkWrites(self.store)
        # An import makes some ten objects a figure that all live until the end: the cyclic
        # collector would walk them again and again (a sixth of a 100,000-figure commit).
        with _collector_paused(), self.store.transaction(
                summary or f"Enter {len(entries)} figure(s)"):
            for e, fig in planned:
                key = (e.indicator_id, e.period, e.breakdown)
                if key in writes.keys:  # the same period twice in one go: the later row wins
                    for written in writes.flush():
                        current[(written.indicator_id, written.period,
                                 written.breakdown)] = written
                before = current.get(key)
                done.append((e, before))
                after = self._entered(e, fig, before, indicators[e.indicator_id])
                if after is None:
                    if before is not None:
                        writes.delete(key, before)
                        current.pop(key)
                elif before is None:
                    writes.insert(key, after)
                    current[key] = after
                else:
                    changed = {f.name: getattr(after, f.name) for f in dataclasses.fields(Value)
                               if getattr(after, f.name) != getattr(before, f.name)}
                    if changed:
                        writes.update(key, before, changed)
            writes.flush()
        return done

    def _check_entry(self, e: FigureEntry, indicators: dict[str, Indicator],
                     will_have: set[tuple[str, str, str]]) -> units.ParsedFigure | None:
        indicator = indicators.get(e.indicator_id)
        if indicator is None:
            raise ValidationError("no such indicator.", field="indicator")
        _checked_period(e.period)
        check.text(e.breakdown, "breakdown")
        if e.note is not None:
            check.text(e.note, "note")
        key = (e.indicator_id, e.period, e.breakdown)
        if e.text is None:
            if e.note is not None and key not in will_have:
                raise ValidationError("there is no figure to add the note to.", field="note")
            return None
        fig = e.figure or units.parse_figure(check.text(e.text, "raw_text", "figure"),
                                             indicator.unit)
        if fig.value is not None:
            check.figure(float(fig.value), indicator.unit)
        if _clears(e, fig):
            will_have.discard(key)
        else:
            will_have.add(key)
        return fig

    def _entered(self, e: FigureEntry, fig: units.ParsedFigure | None, before: Value | None,
                 indicator: Indicator) -> Value | None:
        """The Value a row leaves in its period (None: the period is emptied)."""
        if fig is None:  # a note alone
            if before is None:
                return None
            return dataclasses.replace(before, note=(e.note or "").strip())
        if _clears(e, fig):
            return None
        note = (before.note if before else "") if e.note is None else e.note
        kept = {"id": before.id} if before else {}
        return Value(e.indicator_id, e.period, fig.value, fig.status, e.breakdown,
                     e.text.strip(), fig.expected, note,
                     e.source or Source(entered_by=self.store.author), **kept)

    def restore_many(self, done: list[tuple[FigureEntry, Value | None]]) -> None:
        """Undo of enter_many: every period back as it was, in one action, written in bulk."""
        original: dict[tuple[str, str, str], Value | None] = {}
        for e, before in done:  # a period entered twice: its first `before` is the original
            original.setdefault((e.indicator_id, e.period, e.breakdown), before)
        ids = {k[0] for k in original}
        periods = {k[1] for k in original}
        found = (self.store.find_in(Value, "period", periods) if len(periods) < len(ids)
                 else self.store.find_in(Value, "indicator_id", ids))
        current = {(v.indicator_id, v.period, v.breakdown): v for v in found}
        deletes: list[Value] = []
        inserts: list[Value] = []
        updates: list[tuple[Value, dict[str, Any]]] = []
        for key, before in original.items():
            now = current.get(key)
            if now is not None and before is not None and now.id == before.id:
                updates.append((now, {f.name: getattr(before, f.name)
                                      for f in dataclasses.fields(Value) if f.name != "id"}))
                continue
            if now is not None:
                deletes.append(now)
            if before is not None:
                inserts.append(before)
        with self.store.transaction("Undo figures"):
            self.store.delete_many(deletes)
            self.store.insert_many(inserts)
            self.store.update_many(updates)

    def restore_values(self, indicator_id: str, breakdown: str,
                       previous: list[tuple[str, Value | None]]) -> None:
        """Undo of enter_texts: every period back as it was, in one action."""
        with self.store.transaction("Undo figures"):
            for key, before in reversed(previous):
                self.restore_value(indicator_id, key, breakdown, before)

    def figures_to_review(self) -> list[FigureToReview]:
        """Figures typed or pasted earlier whose text the figure parser now refuses or reads
        differently (e.g. "1e3" kept as 1): for the board to check when the plan opens."""
        values = self.store.typed_figures_with_words()
        if not values:
            return []
        ids = {v.indicator_id for v in values}
        return figures_to_review(self.store.find_in(Indicator, "id", ids), values)

    def set_note(self, indicator_id: str, period: str, note: str,
                 breakdown: str = "") -> Value:
        """Change the note of an existing figure. Returns the previous Value (for
        restore_value)."""
        key = self._period_key(period)
        previous = self.value_at(indicator_id, key, breakdown)
        if previous is None:
            raise ValidationError(f"There is no figure for {Period.from_key(key).label} to add "
                                  "a note to; enter the figure first.", field="note")
        note = check.text(note, "note").strip()
        with self.store.transaction(f"Note for {Period.from_key(key).label}"):
            self.store.update(previous, note=note)
        return previous


@lru_cache(maxsize=4096)
def _checked_period(key: str) -> str:
    """A period key checked once per distinct key (a bulk import repeats a few thousand
    times each), by the one rule for period keys."""
    return check.period_key(key)


def _clears(e: FigureEntry, fig: units.ParsedFigure) -> bool:
    """Text with no figure in it (blank, "-") empties the period, unless the row brings a
    note: then the period keeps the note with no figure (blank is missing, never zero). A
    figure the caller read itself (`e.figure`) is always kept, with its raw text."""
    return e.figure is None and fig.is_blank and not (e.note or "").strip()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _BulkWrites:
    """enter_many's writes, held back and sent to the store in bulk (one executemany per
    kind); flushed early only when a period comes twice in one go."""

    def __init__(self, store: PlanStore):
        self.store = store
        self.keys: set[tuple[str, str, str]] = set()
        self.inserts: list[Value] = []
        self.updates: list[tuple[Value, dict[str, Any]]] = []
        self.deletes: list[Value] = []

    def insert(self, key: tuple[str, str, str], value: Value) -> None:
        self.keys.add(key)
        self.inserts.append(value)

    def update(self, key: tuple[str, str, str], before: Value, changed: dict[str, Any]) -> None:
        self.keys.add(key)
        self.updates.append((before, changed))

    def delete(self, key: tuple[str, str, str], before: Value) -> None:
        self.keys.add(key)
        self.deletes.append(before)

    def flush(self) -> list[Value]:
        """Write what is held; returns the updated values (the inserted are as held)."""
        self.store.delete_many(self.deletes)
        self.store.insert_many(self.inserts)
        updated = self.store.update_many(self.updates)
        self.keys.clear()
        self.inserts, self.updates, self.deletes = [], [], []
        return updated
