"""Figures as the board reads and writes them: formatting, parsing and validation.

Formatting choices (where the seeds leave it open):

- percent, percentage points and rates keep the indicator's decimals ("74.0%", "3.2 pp",
  "106.0 per 10,000") so a column of them lines up;
- counts and scores show no decimals unless the value is fractional ("1,992", "16");
- ratios show at least two decimals ("0.79"), since one decimal hides most of a ratio;
- money of a million or more is shown in millions ("£5.4m", "£5m"); below that in full
  pounds with separators ("£850,000"), pence only when there are any. "k" is accepted when
  parsing ("£850k") but never produced: board reports print full figures below a million.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from app.domain import (
    ComparatorKind,
    Polarity,
    TargetOperator,
    Unit,
    ValidationError,
    ValueStatus,
)
from app.lazy_pattern import LazyPattern
from app.targets import polar_operator

NO_FIGURE = "–"

UNIT_WORDS = {
    Unit.PERCENT: "a percentage",
    Unit.PERCENTAGE_POINTS: "percentage points",
    Unit.PERCENT_CHANGE: "a percentage change",
    Unit.COUNT: "a count",
    Unit.RATE: "a rate",
    Unit.SCORE: "a score",
    Unit.RATIO: "a ratio",
    Unit.MONEY: "money",
}

# How a form names each unit and polarity.
DEFAULT_RATE_BASE = 10_000  # "per 10,000": what a new rate indicator is counted per
UNIT_LABELS = {
    Unit.PERCENT: "Percent (%)",
    Unit.PERCENTAGE_POINTS: "Percentage points",
    Unit.PERCENT_CHANGE: "Percentage change (%)",
    Unit.COUNT: "Count",
    Unit.RATE: "Rate per N of a population",
    Unit.SCORE: "Score",
    Unit.RATIO: "Ratio",
    Unit.MONEY: "Money (£)",
}
# How a chart's value axis names a unit where its short suffix (unit_suffix) is cryptic.
AXIS_WORDS = {
    Unit.PERCENT: "per cent (%)",
    Unit.PERCENTAGE_POINTS: "percentage points",
}
POLARITY_LABELS = {
    Polarity.HIGHER: "Higher is better",
    Polarity.LOWER: "Lower is better",
    Polarity.BAND: "Within a band is best",
    Polarity.NONE: "No polarity (context only)",
}


# --- formatting -----------------------------------------------------------------------


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":  # "-0.0" -> "0.0"
        text = text.lstrip("-")
    return text


def _whole_or_decimals(value: float, decimals: int) -> str:
    if float(value).is_integer():
        return _number(value, 0)
    return _number(value, max(decimals, 1))


def _money(value: float, decimals: int, with_unit: bool) -> str:
    sign = "-" if value < 0 else ""
    amount = abs(value)
    pound = "£" if with_unit else ""
    if amount >= 1_000_000:
        millions = f"{amount / 1_000_000:,.{decimals}f}"
        if "." in millions:
            millions = millions.rstrip("0").rstrip(".")
        return f"{sign}{pound}{millions}m"
    text = _number(amount, 0) if float(amount).is_integer() else _number(amount, 2)
    return f"{sign}{pound}{text}"


def format_value(
    value: float | None,
    unit: Unit,
    decimals: int = 1,
    rate_base: int | None = None,
    *,
    with_unit: bool = True,
) -> str:
    """The figure as the board report prints it; None is shown as "–".

    with_unit=False gives the bare number (money keeps its "m" scale), for tables whose
    header carries the unit and for chart axes labelled with unit_suffix().
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_FIGURE
    if unit is Unit.MONEY:
        return _money(value, decimals, with_unit)
    if unit in (Unit.COUNT, Unit.SCORE):
        return _whole_or_decimals(value, decimals)
    if unit is Unit.RATIO:
        return _number(value, max(decimals, 2))
    text = _number(value, decimals)
    if not with_unit:
        return text
    if unit in (Unit.PERCENT, Unit.PERCENT_CHANGE):
        return f"{text}%"
    if unit is Unit.PERCENTAGE_POINTS:
        return f"{text} pp"
    if unit is Unit.RATE and rate_base:
        return f"{text} per {rate_base:,}"
    return text


def axis_title(unit: Unit | str, suffix: str) -> str:
    """A chart's value axis title: the unit in words, or its suffix ("per 10,000")."""
    return AXIS_WORDS.get(Unit(unit), suffix)


def unit_suffix(unit: Unit, rate_base: int | None = None) -> str:
    """A short unit label for an axis or a column header."""
    if unit is Unit.RATE:
        return f"per {rate_base:,}" if rate_base else "rate"
    return {
        Unit.PERCENT: "%",
        Unit.PERCENTAGE_POINTS: "pp",
        Unit.PERCENT_CHANGE: "% change",
        Unit.COUNT: "count",
        Unit.SCORE: "score",
        Unit.RATIO: "ratio",
        Unit.MONEY: "£",
    }[unit]


# --- parsing figures ------------------------------------------------------------------

# One figure: optional sign and pound sign, digits with separators, a scale, a unit word.
_FIGURE = LazyPattern(
    r"""
    (?P<sign>[-−+])?\s*
    (?P<pound>£)?\s*
    (?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)
    (?:\s*(?P<scale>bn|billion|million|thousand|m|k)\b)?
    (?:\s*(?P<suffix>%|per\s*cent\b|percent\b|pp\b|ppts?\b|pc\s*points\b
        |percentage\s+points\b|points\b|pts\b))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_LEADING_WORDS = LazyPattern(r"^(?:c\.|ca\.|circa|approx\.?|approximately|about|~)\s*", re.I)
_NYA = LazyPattern(
    r"^(?:nya|n\.y\.a\.?|not\s+yet\s+available)\b[\s:;,\-–(]*(?P<rest>.*?)\)?$", re.I)
_PROVISIONAL = LazyPattern(r"\s*(?:\(p\)|\[p\]|\(provisional\)|provisional)\s*$", re.I)
_MARKS = LazyPattern(r"\s*\[(?P<mark>r|e)\]\s*$", re.I)  # revised, estimated: kept as words
_MARK_WORDS = {"r": "revised", "e": "estimated"}
_NO_FIGURE_WORDS = {"", "-", "–", "—", "n/a", "na", "no target", "none", "not applicable"}
# The statistical shorthand of DESIGN.md ("Value"), whole cells only: a status, never a number.
SHORTHAND = {
    "[c]": ValueStatus.SUPPRESSED, "c": ValueStatus.SUPPRESSED, "*": ValueStatus.SUPPRESSED,
    "[x]": ValueStatus.NOT_AVAILABLE, "x": ValueStatus.NOT_AVAILABLE,
    "..": ValueStatus.NOT_AVAILABLE,
    "[z]": ValueStatus.NOT_APPLICABLE, "z": ValueStatus.NOT_APPLICABLE,
    "[low]": ValueStatus.ROUNDS_TO_ZERO, "k": ValueStatus.ROUNDS_TO_ZERO,
}
_BOUND = LazyPattern(r"^<\s*(?P<n>\d[\d,]*)$")
# What may follow a figure after a space: words, other figures, a period in brackets
# ("83% or 8870", "91% (07/08)", "12.2%, 77 of 630", "764 at September").
_QUALIFIER = LazyPattern(r"[\w\s()\[\],:;/\-–—.'’&%£=+]*")
_STUCK = LazyPattern(r"[\w.,]")  # a figure may not run on into letters, dots or digits


@dataclass
class ParsedFigure:
    value: float | None
    status: ValueStatus = ValueStatus.ACTUAL
    expected: str = ""  # when a not-yet-available figure is due, as printed
    qualifier: str = ""  # the rest of the text: "or 8870", "n/a"

    @property
    def is_blank(self) -> bool:
        """No figure and no status: the text empties the period ("", "-", "n/a")."""
        return self.value is None and self.status is ValueStatus.ACTUAL


@dataclass
class _Match:
    value: float
    pound: bool
    percent: bool
    start: int
    end: int


def _figures(text: str) -> list[_Match]:
    found = []
    for m in _FIGURE.finditer(text):
        number = float(m["num"].replace(",", ""))
        if m["scale"]:
            number *= _SCALES[m["scale"].lower()]
        if m["sign"] in ("-", "−"):
            number = -number
        suffix = (m["suffix"] or "").lower()
        percent = suffix.startswith("%") or suffix.startswith("per")
        found.append(_Match(number, bool(m["pound"]), percent, m.start(), m.end()))
    return found


def _fits(fig: _Match, unit: Unit | None) -> bool:
    if unit is None:
        return True
    if fig.pound:
        return unit is Unit.MONEY
    if fig.percent:
        return unit in (Unit.PERCENT, Unit.PERCENTAGE_POINTS, Unit.PERCENT_CHANGE)
    return True


def _clean_qualifier(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ;:,()")
    return re.sub(r"(?:^|\s+)or$", "", text)  # "83% or" once 8870 was taken


def _refuse(raw: str, why: str) -> ValidationError:
    shown = raw if len(raw) <= 40 else raw[:37] + "…"
    return ValidationError(f"'{shown}' is not a figure: {why}.", field="value")


def _check_complete(raw: str, body: str, figures: list[_Match], chosen: _Match) -> None:
    """Refuse text that only begins with a figure: "1e3", "12abc", "12..5", "0x10", "12#"."""
    for fig in {id(f): f for f in (figures[0], chosen)}.values():
        after = body[fig.end:fig.end + 2]
        if _STUCK.match(after[:1]) and not (after[:1] == "," and not after[1:].isdigit()):
            stuck = body[fig.end:].split()[0]
            number = body[fig.start:fig.end]
            if re.fullmatch(r"[eE][-+]?\d+", stuck):
                raise _refuse(raw, f"powers of ten are not read: write {number}{stuck} out in "
                              "full (e.g. 1000 for 1e3)")
            what = "a second decimal point" if after[:1] == "." else repr(stuck)
            raise _refuse(raw, f"{what} runs on from the number {number!r}")
        if not math.isfinite(fig.value):
            raise _refuse(raw, "the number is too large")
    rest = body[figures[0].end:]
    if rest and not rest[0].isspace() and rest[0] not in "(,;:/=":
        raise _refuse(raw, f"{rest[0]!r} follows the number")
    if not _QUALIFIER.fullmatch(rest):
        odd = next(ch for ch in rest if not _QUALIFIER.fullmatch(ch))
        raise _refuse(raw, f"{odd!r} is not part of a figure or its qualifier")


def _shorthand(raw: str) -> ParsedFigure | None:
    key = raw.lower()
    if key in SHORTHAND:
        return ParsedFigure(None, SHORTHAND[key], qualifier=raw)
    if m := _BOUND.match(key):
        return ParsedFigure(None, ValueStatus.BELOW, qualifier=f"below {m['n']}")
    return None


def parse_figure(text: str, unit: Unit | None = None) -> ParsedFigure:
    """Read one figure as a source prints it ("12.2%", "£5.4m", "nya: July 2010", ...).

    Where the text offers alternatives ("83% or 8870"), the first that fits the unit is the
    value and the rest is kept as the qualifier. A "(p)", "[p]" or "provisional" mark gives
    status provisional; "[r]" and "[e]" are kept as the words revised and estimated. The
    statistical shorthand ([c], c, *, [x], x, .., [z], z, [low], k, <5) is a status with no
    figure. Text that only begins like a figure ("1e3", "12abc", "12..5", "0x10", "--5") is
    refused: a figure is never silently altered. Raises ValidationError naming the text.
    """
    raw = (text or "").strip()
    if (short := _shorthand(raw)) is not None:
        return short
    if raw.lower().rstrip(".") in _NO_FIGURE_WORDS:
        return ParsedFigure(None, qualifier=raw)
    nya = _NYA.match(raw)
    if nya:
        return ParsedFigure(None, ValueStatus.NOT_YET_AVAILABLE, expected=nya["rest"].strip())
    status = ValueStatus.ACTUAL
    body = raw
    words = []
    if mark := _MARKS.search(body):
        words.append(_MARK_WORDS[mark["mark"].lower()])
        body = body[: mark.start()]
    if marker := _PROVISIONAL.search(body):
        status = ValueStatus.PROVISIONAL
        body = body[: marker.start()]
    body = _LEADING_WORDS.sub("", body)
    if re.search(r"\d\.$", body):  # a full stop after the figure
        body = body[:-1]
    figures = _figures(body)
    if not figures or figures[0].start != 0:
        raise ValidationError(f"'{raw}' is not a figure.", field="value")
    chosen = next((f for f in figures if _fits(f, unit)), None)
    _check_complete(raw, body, figures, chosen or figures[0])
    if chosen is None:
        raise ValidationError(
            f"'{raw}' does not fit an indicator measured as {UNIT_WORDS[unit]}.", field="value"
        )
    qualifier = _clean_qualifier(" ".join([body[: chosen.start], body[chosen.end :], *words]))
    return ParsedFigure(chosen.value, status, qualifier=qualifier)


# --- validation -----------------------------------------------------------------------

_UNIT_NAMES = {
    Unit.COUNT: "A count",
    Unit.RATE: "A rate",
    Unit.SCORE: "A score",
    Unit.RATIO: "A ratio",
    Unit.MONEY: "An amount of money",
}


def _shown(value: float) -> str:
    return f"{value:g}"


def validate_value(value: float, unit: Unit) -> None:
    """Raise ValidationError (field "value") when the figure cannot be right for the unit.

    Percentages lie in 0-100; counts are whole and not negative; rates, scores, ratios and
    money are not negative; percentage points and percentage changes may be anything finite.
    """
    if value is None or not math.isfinite(value):
        raise ValidationError(f"A figure must be a finite number (got {value}).", field="value")
    if unit is Unit.PERCENT:
        if value > 100:
            raise ValidationError(
                f"A percentage cannot be above 100 (got {_shown(value)}).", field="value"
            )
        if value < 0:
            raise ValidationError(
                f"A percentage cannot be negative (got {_shown(value)}).", field="value"
            )
        return
    if unit in (Unit.PERCENTAGE_POINTS, Unit.PERCENT_CHANGE):
        return
    if value < 0:
        raise ValidationError(
            f"{_UNIT_NAMES[unit]} cannot be negative (got {_shown(value)}).", field="value"
        )
    if unit is Unit.COUNT and not float(value).is_integer():
        raise ValidationError(
            f"A count must be a whole number (got {_shown(value)}).", field="value"
        )


# --- parsing targets ------------------------------------------------------------------


@dataclass
class ParsedTarget:
    operator: TargetOperator
    value: float | None = None
    value_high: float | None = None
    comparator: ComparatorKind | None = None
    strict: bool = False  # the text said "<" / "below": noted, but rated as at most
    text: str = ""


_TEXT_ONLY = LazyPattern(r"^(?:|no target|none|n/a|tba|tbc|to be (?:agreed|confirmed|set))\.?$")
_COMPARATORS = [
    (LazyPattern(r"top\s+(?:quartile|25\s*%)"), ComparatorKind.TOP_QUARTILE),
    (LazyPattern(r"statistical\s+neighbou?r"), ComparatorKind.STATISTICAL_NEIGHBOURS),
    (LazyPattern(r"\bregion(?:al)?\b|south\s+east"), ComparatorKind.REGION),
    (LazyPattern(r"national|england|\bengland\b"), ComparatorKind.ENGLAND),
]
_COMPARATOR_CUE = LazyPattern(
    r"in line with|average|quartile|top 25|neighbou?r|national|england|region"
)
_NUM = r"[-−+]?\s*£?\s*(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?:bn|m|k)?\s*(?:%|pp|ppts?)?"
_BAND = LazyPattern(rf"^(?:between\s+)?(?P<lo>{_NUM})\s*(?:-|–|—|to|and)\s*(?P<hi>{_NUM})$")


def _before(words: str) -> LazyPattern:
    return LazyPattern(rf"^(?:{words})\s*(?P<n>{_NUM})$")


def _after(words: str) -> LazyPattern:
    return LazyPattern(rf"^(?P<n>{_NUM})\s+or\s+(?:{words})$")


# (pattern, strict): strict marks "<", "below" and the like
_AT_MOST = [
    (_before(r"<=|≤|=<"), False),
    (_before(r"<"), True),
    (_before(r"at most |no more than |not more than |maximum (?:of )?|max\.? "), False),
    (_before(r"less than |fewer than |below |under "), True),
    (_after(r"less|fewer|lower|below"), False),
]
_AT_LEAST = [
    (_before(r">=|≥|=>"), False),
    (_before(r">"), True),
    (_before(r"at least |no less than |not less than |minimum (?:of )?|min\.? "), False),
    (_before(r"more than |greater than |above |over "), True),
    (_after(r"more|above|higher|greater"), False),
]
_EQUAL = LazyPattern(rf"^(?:=|exactly|equal to)\s*(?P<n>{_NUM})$")
_CHANGE = LazyPattern(
    rf"^(?P<verb>increase|improve|raise|rise|reduce|decrease|cut|lower|fall)\s+by\s+(?P<n>{_NUM})$"
)
_BARE = LazyPattern(rf"^(?P<n>{_NUM})$")


def _target_number(text: str) -> float:
    figures = _figures(text)
    if not figures:
        raise ValidationError(f"'{text}' is not a figure.", field="target")
    return figures[0].value


def _parse_comparator(text: str) -> ParsedTarget | None:
    if not _COMPARATOR_CUE.search(text):
        return None
    for pattern, kind in _COMPARATORS:
        if pattern.search(text):
            return ParsedTarget(TargetOperator.RELATIVE_TO_COMPARATOR, 0.0, comparator=kind)
    return None


def _parse_operator(text: str) -> ParsedTarget | None:
    for patterns, operator in (
        (_AT_MOST, TargetOperator.AT_MOST),
        (_AT_LEAST, TargetOperator.AT_LEAST),
    ):
        for pattern, strict in patterns:
            m = pattern.match(text)
            if m:
                return ParsedTarget(operator, _target_number(m["n"]), strict=strict)
    m = _EQUAL.match(text)
    if m:
        return ParsedTarget(TargetOperator.EQUAL, _target_number(m["n"]))
    m = _BAND.match(text)
    if m:
        lo, hi = sorted((_target_number(m["lo"]), _target_number(m["hi"])))
        return ParsedTarget(TargetOperator.BAND, lo, hi)
    m = _CHANGE.match(text)
    if m:
        amount = abs(_target_number(m["n"]))
        down = m["verb"] in ("reduce", "decrease", "cut", "lower", "fall")
        return ParsedTarget(TargetOperator.RELATIVE_TO_BASELINE, -amount if down else amount)
    return None


def parse_target_text(text: str, unit: Unit | None, polarity: Polarity) -> ParsedTarget:
    """Read a target as a plan prints it.

    - "<5%" is read as at most 5 with strict=True: a board target printed with "<" is
      rated like "at most" (the difference is below the figure's precision), but the
      strictness is kept so an editor can show it;
    - a bare figure ("44") takes its operator from the polarity: at most for lower is
      better, at least for higher is better, equal otherwise;
    - "60-65%" and "between 60% and 65%" are a band;
    - "increase by 5" / "reduce by 3" are a signed change from the baseline, in the unit;
    - "in line with the national average", "statistical neighbours", "top quartile" are
      relative to that comparator (offset 0);
    - anything else ("No target", "to be agreed", other words) is a text-only target.
    """
    raw = (text or "").strip()
    norm = re.sub(r"\s+", " ", raw.lower()).strip().rstrip(".")
    if _TEXT_ONLY.match(norm):
        return ParsedTarget(TargetOperator.TEXT, text=raw)
    parsed = _parse_comparator(norm) or _parse_operator(norm)
    if parsed is None and _BARE.match(norm):
        parsed = ParsedTarget(polar_operator(polarity), _target_number(norm))
    if parsed is None:
        return ParsedTarget(TargetOperator.TEXT, text=raw)
    parsed.text = raw
    return parsed
