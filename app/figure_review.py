"""Figures already stored whose text no longer reads as the figure kept for it.

Before the figure parser refused partial figures, "1e3" was stored as 1, "12abc" as 12 and
"0x10" as 0. Such figures were typed or pasted in the app (a figure from a document carries
its source line as its text, read by the builder or importer, and is not re-read here), so
only figures with no source document are checked. Nothing is changed: the board decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain import Indicator, ValidationError, Value
from app.periods import label
from app.units import format_value, parse_figure

# A plain number reads as itself: no need to parse it again (an open must stay fast).
_PLAIN = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


@dataclass(frozen=True)
class FigureToReview:
    indicator: Indicator
    value: Value
    reason: str

    def describe(self) -> str:
        """One line for a list: "NI 70 Q3 2018/19 (cohort: EHCP): '1e3' stored as 1: ..."."""
        ind, v = self.indicator, self.value
        where = f" ({v.breakdown})" if v.breakdown else ""
        kept = format_value(v.value, ind.unit, ind.decimals, ind.rate_base)
        return (f"{ind.code or ind.ref or ind.title} {label(v.period)}{where}: "
                f"'{v.raw_text}' is stored as {kept}; {self.reason}")


def figures_to_review(indicators: Iterable[Indicator],
                      values: Iterable[Value]) -> list[FigureToReview]:
    """Typed or pasted figures whose text is now refused, or now reads differently."""
    by_id = {i.id: i for i in indicators}
    found = []
    for v in values:
        ind = by_id.get(v.indicator_id)
        text = v.raw_text.strip()
        if ind is None or v.source.document or not text or _PLAIN.fullmatch(text):
            continue
        try:
            fig = parse_figure(text, ind.unit)
        except ValidationError as exc:
            found.append(FigureToReview(ind, v, str(exc).removeprefix(
                f"'{text}' is not a figure: ")))
            continue
        if fig.value != v.value or fig.status is not v.status:
            now = format_value(fig.value, ind.unit, ind.decimals, ind.rate_base)
            found.append(FigureToReview(ind, v, f"it now reads as {now}"
                                        + (f" ({fig.status.word})" if fig.status.word else "")))
    return sorted(found, key=lambda f: (f.indicator.code or f.indicator.title, f.value.period,
                                        f.value.breakdown))
