"""Image baselines: one chart on screen and the same chart on paper, compared with committed
PNGs (tests/data/baselines/) within a tolerance, so drift on either side is caught.

The chart is a fixed demo indicator (no plan file): two years of monthly looked-after
children figures with a gap, a provisional and a not-yet-available month, a target per
financial year (each spanning its twelve months) and two comparators.

- screen: `IndicatorChart` at SCREEN_SIZE, offscreen, `widget.grab()`;
- paper: `draw_chart` at the report's chart size on a page of its own, turned into PNG by
  `pdftoppm -r 60`.

A pixel differs when any channel is off by more than PIXEL_TOLERANCE; a test fails when more
than ALLOWED_FRACTION of the pixels differ (the actual image and a diff, differing pixels in
magenta, are then written next to the test's tmp_path and named in the message).

After an intended change to the chart, regenerate the baselines, look at them, and commit:

    BOARDPACK_UPDATE_BASELINES=1 .venv/bin/python -m pytest -q tests/ui/test_chart_baselines.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from app.chart_spec import chart_spec_from
from app.domain import (
    Comparator,
    ComparatorKind,
    Indicator,
    Polarity,
    Target,
    TargetOperator,
    Unit,
    Value,
    ValueStatus,
)

BASELINES = Path(__file__).resolve().parents[1] / "data" / "baselines"
UPDATE = os.environ.get("BOARDPACK_UPDATE_BASELINES") == "1"
SCREEN_SIZE = (800, 420)
PAPER_SIZE = (480, 150)  # the report's chart: the text width of an A4 page, 150 pt high
PIXEL_TOLERANCE = 40  # of 255, per channel: anti-aliasing and hinting differences
# A year's target drawn over one month instead of twelve changes 0.2% of the screen's
# pixels and 0.3% of the paper's: allow half of the smaller.
ALLOWED_FRACTION = 0.001


def demo_spec():
    ind = Indicator(title="Looked after children", code="LAC", unit=Unit.COUNT,
                    polarity=Polarity.LOWER, period_type="m", decimals=0)
    months = [(2018, m) for m in range(4, 13)] + [(2019, m) for m in range(1, 13)] + \
        [(2020, m) for m in range(1, 4)]
    values = []
    for n, (y, m) in enumerate(months):
        key = f"m:{y}-{m:02d}"
        if (y, m) in ((2018, 10), (2018, 11)):
            continue  # a gap: no return those months
        if (y, m) == (2020, 3):
            values.append(Value(ind.id, key, None, status=ValueStatus.NOT_YET_AVAILABLE))
        elif (y, m) == (2020, 2):
            values.append(Value(ind.id, key, 648, status=ValueStatus.PROVISIONAL))
        else:
            values.append(Value(ind.id, key, 760 - 5 * n + (12 if m in (12, 1) else 0)))
    targets = [Target(ind.id, "fy:2018", TargetOperator.AT_MOST, 700),
               Target(ind.id, "fy:2019", TargetOperator.AT_MOST, 660)]
    comps = [Comparator(ind.id, ComparatorKind.STATISTICAL_NEIGHBOURS, f"fy:{y}", v)
             for y, v in ((2018, 690.0), (2019, 670.0))]
    comps.append(Comparator(ind.id, ComparatorKind.ENGLAND, "fy:2019", 720.0))
    return chart_spec_from(ind, values, targets, comps)


def _compare(actual: QImage, name: str, out: Path) -> None:
    baseline = BASELINES / name
    actual = actual.convertToFormat(QImage.Format.Format_RGB32)
    if UPDATE:
        BASELINES.mkdir(parents=True, exist_ok=True)
        assert actual.save(str(baseline))
        return
    expected = QImage(str(baseline))
    assert not expected.isNull(), f"no baseline {baseline}: see this module's docstring"
    expected = expected.convertToFormat(QImage.Format.Format_RGB32)
    saved = out / name
    actual.save(str(saved))
    assert actual.size() == expected.size(), (
        f"{name}: {actual.width()}x{actual.height()} against the baseline's "
        f"{expected.width()}x{expected.height()} (actual image: {saved})")
    diff = QImage(actual)
    differing = 0
    width = actual.width()
    for row in range(actual.height()):
        a = bytes(actual.constScanLine(row))[:width * 4]
        e = bytes(expected.constScanLine(row))[:width * 4]
        if a == e:
            continue
        for x in range(width):
            i = x * 4
            if max(abs(a[i + c] - e[i + c]) for c in range(3)) > PIXEL_TOLERANCE:
                differing += 1
                diff.setPixelColor(x, row, QColor("magenta"))
    fraction = differing / (width * actual.height())
    allowed = ALLOWED_FRACTION
    if fraction > allowed:
        diff.save(str(out / f"diff-{name}"))
    assert fraction <= allowed, (
        f"{name}: {fraction:.2%} of pixels differ from the baseline (allowed {allowed:.2%}); "
        f"actual {saved}, diff {out / f'diff-{name}'}")


def test_demo_spec_is_the_chart_described():
    spec = demo_spec()
    assert len(spec.categories) == 24 and spec.categories[0].label == "Apr-18"
    assert [(t.first, t.last) for t in spec.targets] == [(0, 11), (12, 23)]
    assert [p.status for p in spec.actuals[-2:]] == ["provisional", "nya"]


def test_chart_on_screen_matches_its_baseline(qtbot, tmp_path):
    from ui.chart_widget import IndicatorChart

    chart = IndicatorChart()
    qtbot.addWidget(chart)
    chart.resize(*SCREEN_SIZE)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_spec(demo_spec())
    # the legend is laid out under the plot once the layout has run
    qtbot.waitUntil(lambda: chart.legend.sceneBoundingRect().top()
                    >= chart.plot.sceneBoundingRect().bottom())
    image = chart.grab().toImage()
    assert (image.width(), image.height()) == SCREEN_SIZE
    _compare(image, "chart-screen.png", tmp_path)


def test_chart_on_paper_matches_its_baseline(tmp_path):
    from reportlab.graphics import renderPDF

    from app.report.charts import draw_chart

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils, installed by scripts/test.sh) is missing")
    pdf = tmp_path / "chart.pdf"
    renderPDF.drawToFile(draw_chart(demo_spec(), *PAPER_SIZE), str(pdf), invariant=1)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=60)
    image = QImage(str(tmp_path / "page.png"))
    assert not image.isNull()
    _compare(image, "chart-paper.png", tmp_path)
