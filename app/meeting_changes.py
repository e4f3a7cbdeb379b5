"""What changed between a meeting and the plan's previous one, in the board's terms: the one
rule the chair's pack, `boardpack changes` and the tree's "changed" filter share.

The two meetings' views are compared, not edit times by the wall clock:

- Figures: a meeting sees the figures whose period and publication lag put them on or
  before its date (app/meeting_due.published_on), one per period and breakdown (the one
  each period shows, app/figures.py). A figure in the later view and not the earlier one
  was added; so was one the earlier meeting could have seen but that was entered since
  ("entered late"). One in both whose row the change log shows edited since is marked
  revised (old -> new, the old being what the row held then); one deleted since is
  withdrawn.
- Ratings: the earlier meeting's view is what the board recorded there. The later one's is
  what the board recorded there too; while it has recorded nothing yet (a meeting being
  prepared), the automatic ratings as of its date stand in. A rating is listed where the
  letter moved; where nothing was recorded before, only a Red or Amber is listed. It is a
  new Red or Amber where it is Red or Amber now and was neither before.
- Commentary at the later meeting is "written" where the earlier had none for the item,
  "rewritten" where it differs.
- Targets and the tree (items added, moved to another parent or removed; indicators
  linked or unlinked) change by edits.

"Since" an earlier meeting means the edits of the change log in the meeting's window
(`edit_window`): after the earlier meeting's day, up to the end of the later meeting's own
day, so each edit belongs to one meeting. With no earlier meeting, the earlier view is empty.

Each change says who and when where the change log knows (times stored UTC, shown UK
local with the zone); figures the log does not know name their source instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from app import rag
from app.domain import (
    RAG,
    Assessment,
    ChangeRecord,
    ComparatorKind,
    Indicator,
    Meeting,
    Target,
    TargetOperator,
    Value,
)
from app.figures import shown_per_period
from app.meeting_due import indicator_homes, latest_end_seen, period_end, shown_figure
from app.periods import Period, PeriodError
from app.read_model import NEEDS_COMMENTARY, PlanOutline
from app.target_words import target_due_words
from app.uk_time import shown_time

# The change-log tables this comparison reads.
LOGGED_TABLES = ("indicator_values", "targets", "nodes", "indicator_links", "assessments")


def edit_window(meeting: Meeting, previous: Meeting | None,
                today: date) -> tuple[datetime | None, datetime | None]:
    """The edits that belong to a meeting: those after the earlier meeting's day, up to the
    end of its own day (None: no bound; a meeting today or later takes every edit so far).
    Each edit so belongs to exactly one meeting of the plan."""
    since = datetime.combine(previous.held_on, time.max) if previous is not None else None
    until = datetime.combine(meeting.held_on, time.max) if meeting.held_on < today else None
    return since, until



def _named(ref: str, title: str) -> str:
    """'4.1 Improve the gap' (a title's closing full stop dropped before the colon)."""
    return f"{ref} {title.rstrip().rstrip('.')}".strip()

@dataclass
class Who:
    """Who made a change and when (UTC), or where a figure came from."""

    author: str = ""
    at: datetime | None = None
    source: str = ""

    def words(self) -> str:
        if self.at is not None:
            return f"{self.author or 'unknown'}, {shown_time(self.at)}"
        return self.source

    @classmethod
    def of(cls, record: ChangeRecord | None, source: str = "") -> Who:
        if record is None:
            return cls(source=source)
        return cls(record.author, record.at)


@dataclass
class FigureChange:
    indicator: Indicator
    ref: str
    period: str  # the period's label
    breakdown: str
    kind: str  # "added" | "revised" | "withdrawn"
    old: str | None
    new: str | None
    who: Who
    row_id: str = ""  # the figure's row
    late: bool = False  # for a period the earlier meeting could have seen, entered since
    period_key: str = ""

    @property
    def subject_id(self) -> str:
        return self.indicator.id

    def line(self) -> str:
        what = f"{self.period}{f' ({self.breakdown})' if self.breakdown else ''}"
        if self.kind == "added":
            change = f"{self.new} added{' (entered late)' if self.late else ''}"
        elif self.kind == "revised":
            change = f"revised {self.old} → {self.new}"
        else:
            change = f"{self.old} withdrawn"
        return f"{_named(self.ref, self.indicator.title)}: {what}: {change}{_by(self.who)}"


@dataclass
class RatingChange:
    subject_id: str
    subject_kind: str  # "node" | "indicator"
    ref: str
    title: str
    before: RAG | None  # recorded at the earlier meeting
    after: RAG
    auto_before: RAG | None
    auto_after: RAG
    recorded: bool  # the board recorded `after` (False: the automatic rating stands in)
    who: Who
    row_id: str = ""  # the assessment's row, where recorded

    @property
    def new_red_amber(self) -> bool:
        return self.after in NEEDS_COMMENTARY and self.before not in NEEDS_COMMENTARY

    def line(self) -> str:
        before = self.before.word if self.before else "not rated"
        moved = f"{before} → {self.after.word}"
        if not self.recorded:
            how = "automatic, not yet recorded"
        elif self.auto_before is None or self.auto_before == self.auto_after:
            how = f"recorded; automatic {self.auto_after.word}"
        else:
            how = f"recorded; automatic {self.auto_before.word} → {self.auto_after.word}"
        return f"{_named(self.ref, self.title)}: {moved} ({how}){_by(self.who)}"


@dataclass
class CommentaryChange:
    subject_id: str
    ref: str
    title: str
    kind: str  # "written" | "rewritten"
    text: str
    who: Who
    row_id: str = ""  # the assessment's row

    def line(self) -> str:
        return f"{_named(self.ref, self.title)}: commentary {self.kind}{_by(self.who)}"


@dataclass
class EditChange:
    """A target, or the tree, changed by an edit since the earlier meeting."""

    subject_id: str
    ref: str
    title: str
    what: str  # "target for 2019/20 set: at most 672", "added under 3 Be Safe", ...
    who: Who

    def line(self) -> str:
        return f"{_named(self.ref, self.title)}: {self.what}{_by(self.who)}".strip()


Change = FigureChange | RatingChange | CommentaryChange | EditChange


@dataclass
class MeetingChanges:
    meeting: Meeting
    previous: Meeting | None
    figures: list[FigureChange] = field(default_factory=list)
    ratings: list[RatingChange] = field(default_factory=list)
    commentary: list[CommentaryChange] = field(default_factory=list)
    targets: list[EditChange] = field(default_factory=list)
    items: list[EditChange] = field(default_factory=list)

    @property
    def new_red_amber(self) -> list[RatingChange]:
        return [r for r in self.ratings if r.new_red_amber]

    @property
    def moved(self) -> list[RatingChange]:
        return [r for r in self.ratings if not r.new_red_amber]

    def subject_ids(self) -> set[str]:
        """The items and indicators these changes are about (the tree's "changed" filter)."""
        return {c.subject_id for _title, changes in self.sections() for c in changes}

    def heading(self) -> str:
        since = (f"the meeting on {self.previous.held_on:%d/%m/%Y}" if self.previous
                 else "the start of the plan (no earlier meeting)")
        return f"What changed for the meeting on {self.meeting.held_on:%d/%m/%Y} since {since}"

    def sections(self) -> list[tuple[str, list[Change]]]:
        """(title, changes) of each kind, in the order the board reads them."""
        return [
            ("New Reds and Ambers", list(self.new_red_amber)),
            ("Ratings that moved", list(self.moved)),
            ("Figures added or revised", list(self.figures)),
            ("Targets changed", list(self.targets)),
            ("Commentary written or rewritten", list(self.commentary)),
            ("Items added, moved or removed", list(self.items)),
        ]

    def text(self) -> str:
        out = [self.heading()]
        for title, changes in self.sections():
            out += ["", f"{title}: {len(changes)}"]
            out += [f"  {c.line()}" for c in changes]
        return "\n".join(out) + "\n"


def _by(who: Who) -> str:
    words = who.words()
    return f" ({words})" if words else ""


def _period_label(key: str) -> str:
    try:
        return Period.from_key(key).label
    except PeriodError:
        return key


def _shown(values: list[Value]) -> Value:
    """The figure a period (of one breakdown) shows."""
    return next(iter(shown_per_period(values).values()))


def _row_figure(row: dict, ind: Indicator) -> str:
    value = row.get("value")
    return shown_figure(Value(ind.id, row.get("period", ""), value,
                              raw_text=row.get("raw_text") or ""), ind)


def _figures(outline: PlanOutline, refs: dict[str, str], meeting: Meeting,
             previous: Meeting | None, values: list[Value],
             log: list[ChangeRecord]) -> list[FigureChange]:
    indicators = {i.id: i for i in outline.plan_indicators()}
    history = _history(log, ("indicator_values",))
    later_by = {i: latest_end_seen(ind, meeting.held_on) for i, ind in indicators.items()}
    earlier_by = {i: latest_end_seen(ind, previous.held_on)
                  for i, ind in indicators.items()} if previous else {}
    new: dict[tuple[str, str, str], list[Value]] = {}  # seen now and not then
    edited: set[tuple[str, str, str]] = set()  # seen then too, and edited since
    for v in values:
        if v.indicator_id not in indicators:
            continue
        end = period_end(v.period)
        if end is None or end > later_by[v.indicator_id]:
            continue
        key = (v.indicator_id, v.period, v.breakdown)
        if not earlier_by or end > earlier_by[v.indicator_id]:
            new.setdefault(key, []).append(v)
        elif v.id in history:
            edited.add(key)
    seen_then: dict[tuple[str, str, str], list[Value]] = {}
    if edited:
        for v in values:
            key = (v.indicator_id, v.period, v.breakdown)
            if key in edited:
                seen_then.setdefault(key, []).append(v)
    out: list[FigureChange] = []
    for key, mine in (*new.items(), *seen_then.items()):
        v = _shown(mine)
        ind = indicators[v.indicator_id]
        changes = history.get(v.id, [])
        late = bool(changes) and changes[0].action == "insert"
        last = changes[-1] if changes else None
        if key in new or late:
            out.append(FigureChange(ind, refs[ind.id], _period_label(v.period), v.breakdown,
                                    "added", None, shown_figure(v, ind),
                                    Who.of(last, v.source.describe()), v.id,
                                    late and key not in new, v.period))
        elif changes:
            then, _now = _images(changes, {"value": v.value, "raw_text": v.raw_text})
            old, now = _row_figure(then, ind), shown_figure(v, ind)
            if old != now:
                out.append(FigureChange(ind, refs[ind.id], _period_label(v.period),
                                        v.breakdown, "revised", old, now, Who.of(last), v.id,
                                        period_key=v.period))
    current = {v.id for v in values} if history else set()
    for row_id, changes in history.items():
        ch = changes[-1]
        if ch.action != "delete" or row_id in current or not ch.before:
            continue
        ind = indicators.get(ch.before.get("indicator_id", ""))
        period = ch.before.get("period", "")
        end = period_end(period)
        if ind is None or previous is None or end is None or end > earlier_by[ind.id]:
            continue  # not one the earlier meeting saw
        key = (ind.id, period, ch.before.get("breakdown") or "")
        if key in new or key in seen_then:
            continue  # the period still shows a figure
        out.append(FigureChange(ind, refs[ind.id], _period_label(period), key[2], "withdrawn",
                                _row_figure(ch.before, ind), None, Who.of(ch), row_id,
                                period_key=period))
    order = {i: n for n, i in enumerate(indicators)}
    out.sort(key=lambda c: (order[c.indicator.id], period_end(c.period_key) or date.min,
                            c.breakdown))
    return out


def _ratings(names: dict[str, tuple[str, str, str]], before: dict[str, Assessment],
             after: dict[str, Assessment], automatic: dict[str, rag.Rating],
             assessment_log: dict[str, ChangeRecord]) -> list[RatingChange]:
    out: list[RatingChange] = []
    if after:
        rated = {s: (a.rag, a.auto_rag, True, a.id) for s, a in after.items()}
    else:
        rated = {s: (r.rag, r.rag, False, "") for s, r in automatic.items()}
    for subject, (now, auto_now, recorded, row_id) in rated.items():
        if subject not in names:
            continue
        was = before.get(subject)
        if (was.rag == now) if was is not None else now not in NEEDS_COMMENTARY:
            continue  # unmoved; or first rated, and not Red or Amber: no news
        kind, ref, title = names[subject]
        out.append(RatingChange(subject, kind, ref, title, was.rag if was else None, now,
                                was.auto_rag if was else None, auto_now, recorded,
                                Who.of(assessment_log.get(row_id)), row_id))
    order = {s: n for n, s in enumerate(names)}
    out.sort(key=lambda r: (not r.new_red_amber, order[r.subject_id]))
    return out


def _commentary(names: dict[str, tuple[str, str, str]], before: dict[str, Assessment],
                after: dict[str, Assessment],
                assessment_log: dict[str, ChangeRecord]) -> list[CommentaryChange]:
    out = []
    for subject, a in after.items():
        text = a.commentary.strip()
        if not text or subject not in names:
            continue
        was = before.get(subject)
        old = was.commentary.strip() if was else ""
        if old == text:
            continue
        _kind, ref, title = names[subject]
        out.append(CommentaryChange(subject, ref, title, "rewritten" if old else "written",
                                    text, Who.of(assessment_log.get(a.id)), a.id))
    order = {s: n for n, s in enumerate(names)}
    out.sort(key=lambda c: order[c.subject_id])
    return out


def _target_of(row: dict) -> Target:
    """A target as a change-log image holds it (enough to word it)."""
    comparator = row.get("comparator")
    return Target(row.get("indicator_id", ""), row.get("period", ""),
                  TargetOperator(row.get("operator") or "text"), row.get("value"),
                  row.get("value_high"), ComparatorKind(comparator) if comparator else None,
                  raw_text=row.get("raw_text") or "", superseded_by=row.get("superseded_by"))


def _targets(indicators: dict[str, Indicator], refs: dict[str, str], targets: list[Target],
             log: list[ChangeRecord]) -> list[EditChange]:
    current = {t.id: t for t in targets}
    out: list[EditChange] = []
    for row_id, changes in _history(log, ("targets",)).items():
        t = current.get(row_id)
        state = {"indicator_id": t.indicator_id, "period": t.period,
                 "operator": t.operator.value, "value": t.value, "value_high": t.value_high,
                 "comparator": t.comparator.value if t.comparator else None,
                 "raw_text": t.raw_text, "superseded_by": t.superseded_by} if t else {}
        first, last = changes[0], changes[-1]
        if first.action == "insert" and last.action == "delete":
            continue
        then, now = _images(changes, state)
        ind = indicators.get(now.get("indicator_id", ""))
        if ind is None:
            continue
        target = _target_of(now)
        words = target_due_words(ind, target) or f"a target for {_period_label(target.period)}"
        if last.action == "delete":
            what = f"target removed: {words}"
        elif target.superseded_by:
            what = f"target replaced: {words}"
        elif first.action == "insert":
            what = f"target set: {words}"
        else:
            old = target_due_words(ind, _target_of(then))
            what = f"target changed: {old} → {words}" if old != words else ""
        if what:
            out.append(EditChange(ind.id, refs.get(ind.id, ind.ref), ind.title, what,
                                  Who.of(last)))
    return out


def _history(log: list[ChangeRecord], tables: tuple[str, ...]
             ) -> dict[str, list[ChangeRecord]]:
    """Each row's changes in the window, oldest first."""
    history: dict[str, list[ChangeRecord]] = {}
    for ch in reversed(log):
        if ch.table in tables:
            history.setdefault(ch.row_id, []).append(ch)
    return history


def _images(changes: list[ChangeRecord], current: dict) -> tuple[dict, dict]:
    """(the row as it was before its first change in the window, as it is after the last),
    from its change-log images (an update logs only the fields it changed) and, where it
    still exists, its current state."""
    now = dict(current)
    for ch in changes:
        now.update(ch.after or ch.before or {})
    then = dict(now)
    for ch in reversed(changes):
        then.update(ch.before or {})
    return then, now


def _items(outline: PlanOutline, log: list[ChangeRecord]) -> list[EditChange]:
    plan_id = outline.plan.id
    history = _history(log, ("nodes", "indicator_links"))
    names = {n.id: f"{n.ref} {n.title}".strip() for n in outline.nodes.values()}
    rows: dict[str, tuple[dict, dict]] = {}
    for row_id, changes in history.items():
        node = outline.nodes.get(row_id)
        current = {"plan_id": node.plan_id, "parent_id": node.parent_id, "ref": node.ref,
                   "title": node.title} if node else {}
        rows[row_id] = then, now = _images(changes, current)
        if changes[0].table == "nodes" and row_id not in names:
            names[row_id] = f"{now.get('ref', '')} {now.get('title', '')}".strip()

    def name(node_id: str | None) -> str:
        return names.get(node_id or "", "") or "the top of the plan"

    out: list[EditChange] = []
    for row_id, changes in history.items():
        first, last = changes[0], changes[-1]
        if first.action == "insert" and last.action == "delete":
            continue  # added and removed again between the meetings
        then, now = rows[row_id]
        if first.table == "nodes":
            if now.get("plan_id") != plan_id:
                continue
            if first.action == "insert":
                what = f"item added under {name(now.get('parent_id'))}"
            elif last.action == "delete":
                what = "item removed"
            elif then.get("parent_id") != now.get("parent_id"):
                what = (f"item moved from {name(then.get('parent_id'))} to "
                        f"{name(now.get('parent_id'))}")
            else:
                continue  # edited in place, or reordered among its siblings
            out.append(EditChange(row_id, now.get("ref", ""), now.get("title", ""), what,
                                  Who.of(last)))
            continue
        if now.get("node_id") not in names or first.action == last.action == "update":
            continue
        ind = outline.indicators.get(now.get("indicator_id", ""))
        ref, title = (ind.ref, ind.title) if ind else ("", "an indicator since deleted")
        if first.action == "insert":
            what = f"indicator placed under {name(now.get('node_id'))}"
        elif last.action == "delete":
            what = f"indicator taken out of {name(now.get('node_id'))}"
        else:
            continue
        out.append(EditChange(now.get("indicator_id", row_id), ref, title, what, Who.of(last)))
    return out


def meeting_changes(outline: PlanOutline, meeting: Meeting, previous: Meeting | None,
                    values: list[Value], targets: list[Target], before: dict[str, Assessment],
                    after: dict[str, Assessment], automatic: dict[str, rag.Rating],
                    log: list[ChangeRecord]) -> MeetingChanges:
    """What changed (module docstring). `values`/`targets`: the plan's indicators' figures
    and targets (replaced ones too); `before`/`after`: the assessments recorded at the
    earlier and the later meeting, by subject; `automatic`: each indicator's automatic
    rating as of the later meeting's date; `log`: the change log in the meeting's
    `edit_window`, newest first."""
    homes = indicator_homes(outline)
    indicators = {i.id: i for i in outline.plan_indicators()}
    refs = {i: ind.ref or (homes[i].ref if i in homes else "") for i, ind in indicators.items()}
    names: dict[str, tuple[str, str, str]] = {}
    for node in outline.walk():
        names[node.id] = ("node", node.ref, node.title)
    for i, ind in indicators.items():
        names[i] = ("indicator", refs[i], ind.title)
    assessment_log: dict[str, ChangeRecord] = {}
    for ch in log:
        if ch.table == "assessments":
            assessment_log.setdefault(ch.row_id, ch)
    return MeetingChanges(
        meeting, previous,
        figures=_figures(outline, refs, meeting, previous, values, log),
        ratings=_ratings(names, before, after, automatic, assessment_log),
        commentary=_commentary(names, before, after, assessment_log),
        targets=_targets(indicators, refs, targets, log),
        items=_items(outline, log),
    )
