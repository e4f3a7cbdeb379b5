"""Plausibility in the dry run: a big change on the period before or the same period a year
before, and a figure ten times (or a tenth of) its usual size, are warnings that leave the
import possible; a percentage above 100 or a fractional count stay errors."""

from __future__ import annotations

from workbook_support import write_xlsx

from app.importer.plausible import previous, year_before
from app.periods import Period


def _dry_run(services, path):
    imports = services.imports
    sheet = imports.read(path)
    return imports.dry_run(path, sheet, imports.mapping_for(path, sheet))


def test_unlikely_figures_are_warned_of_but_may_be_imported(services, plan_ids, tmp_path):
    ind = services.indicators
    ind.set_value(plan_ids["REF"], "fy:2015", 1700)
    ind.set_value(plan_ids["REF"], "fy:2016", 1750)  # 2017/18: 1800, from the fixture
    monthly = ind.create_indicator("Contacts a month", code="CON", unit="count",
                                   period_type="m").id
    ind.set_value(monthly, Period.month(2018, 1).key, 100)
    ind.set_value(monthly, Period.month(2018, 12).key, 170)
    path = write_xlsx(tmp_path / "return.xlsx", [
        ["Indicator", "Period", "Value", "Breakdown"],
        ["REF", "2018/19", 1900, None],  # plausible: 6% up
        ["REF", "2018/19", 18_500, "Area: North"],  # no history for the breakdown: nothing
        ["BF", "2018/19", 72.5, None],  # 27.5 points up on 45
        ["CON", "Jan-19", 180, None],  # 6% on Dec, 80% up on Jan-18
        ["REF", "2019/20", 19_000, None],  # ten times 1,800 (typed in units, not thousands?)
        ["ABS", "2018/19", 12, None],  # no earlier figure: nothing to compare
    ])
    run = _dry_run(services, path)
    assert not run.problems and run.can_commit
    said = {(w.row, w.reason) for w in run.warnings}
    assert said == {
        (4, "72.5 is up 27.5 percentage points on 45 the period before (2017/18)"),
        (5, "180 is up 80% on 100 the same period a year before (Jan-18)"),
        (6, "19000 is ten times its usual size or more (1750, the middle of its figures so "
            "far): typed in thousands, or in another unit?"),
    }
    assert all(w.sheet == "Figures" and w.column == "C (Value)" for w in run.warnings)
    from app.importer.summary import describe

    text = describe(run)
    assert "Warnings (3): figures that look unlikely" in text
    assert "Figures, row 5, column C (Value): 180 is up 80%" in text
    services.imports.commit(run)
    assert ind.value_at(plan_ids["REF"], "fy:2019").value == 19_000


def test_a_tenth_of_the_usual_size_is_warned_of(services, plan_ids, tmp_path):
    for year, value in ((2014, 2000), (2015, 2100), (2016, 1900)):
        services.indicators.set_value(plan_ids["REF"], f"fy:{year}", value)
    path = write_xlsx(tmp_path / "r.xlsx", [["Indicator", "Period", "Value"],
                                           ["REF", "2018/19", 190]])
    [warning] = _dry_run(services, path).warnings
    assert warning.reason.startswith("190 is a tenth of its usual size or less (1950,")


def test_impossible_figures_stay_errors_not_warnings(services, plan_ids, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", [["Indicator", "Period", "Value"],
                                             ["BF", "2018/19", 120],
                                             ["REF", "2018/19", 4.5]])
    run = _dry_run(services, path)
    assert [p.row for p in run.problems] == [2, 3] and not run.can_commit
    assert run.warnings == []


def test_the_period_before_and_a_year_before():
    assert previous(Period.month(2019, 1)) == Period.month(2018, 12)
    assert year_before(Period.month(2019, 1)) == Period.month(2018, 1)
    assert previous(Period.quarter(2019, 1)) == Period.quarter(2018, 4)
    assert year_before(Period.quarter(2019, 1)) == Period.quarter(2018, 1)
    assert previous(Period.financial_year(2019)) == Period.financial_year(2018)
    assert year_before(Period.financial_year(2019)) is None  # that is the period before
    assert year_before(Period.week(Period.month(2019, 3).start)).start.year == 2018
