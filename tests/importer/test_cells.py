"""One cell read as the sender meant it: formats, noise, text, dates, statuses."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import Unit, ValueStatus
from app.importer.cells import CellProblem, read_figure, read_period, read_status
from app.importer.workbook import decode_csv, parse_csv
from app.importer.xlsx_styles import column_letters, format_kind


def fig(cell, unit=Unit.PERCENT, *, fmt=None, formats_read=True, history=None):
    return read_figure(cell, unit, fmt=fmt, formats_read=formats_read, history=history)


def test_a_percent_formatted_cell_is_read_as_shown():
    read = fig(0.075, fmt="percent")
    assert read.figure.value == 7.5 and read.text == "7.5%"


def test_75_in_a_percent_column_without_a_percent_format_is_75():
    assert fig(75).figure.value == 75
    assert fig(0.75).figure.value == 0.75  # the format was read: General means as stored


def test_floating_noise_is_cleaned():
    assert fig(7.0000000000000009, Unit.COUNT).figure.value == 7.0
    assert fig(7.0000000000000009, Unit.COUNT).text == "7"
    assert fig(0.07300000000000001, fmt="percent").figure.value == 7.3


def test_text_goes_through_parse_figure():
    assert fig("12.2%").figure.value == 12.2 and fig("12.2%").text == "12.2%"
    assert fig("1,992", Unit.COUNT).figure.value == 1992
    nya = fig("nya: Nov 2020", Unit.COUNT).figure
    assert nya.value is None and nya.status is ValueStatus.NOT_YET_AVAILABLE
    assert nya.expected == "Nov 2020"


def test_blank_is_missing_never_zero():
    assert fig(None) is None and fig("   ") is None


@pytest.mark.parametrize("cell", [True, date(2019, 3, 31), datetime(2019, 3, 31, 0, 0)])
def test_cells_that_are_not_figures_are_problems(cell):
    with pytest.raises(CellProblem):
        fig(cell)


def test_a_date_formatted_number_is_not_a_figure():
    with pytest.raises(CellProblem, match="date"):
        fig(43555, Unit.COUNT, fmt="date")


def test_without_formats_the_history_decides_for_a_fraction():
    with_history = fig(0.075, formats_read=False, history=[45.0, 52.0])
    assert with_history.figure.value == 7.5 and with_history.remark == "0.075 → 7.5%"
    fractions_before = fig(0.5, formats_read=False, history=[0.4, 0.6])
    assert fractions_before.figure.value == 0.5 and fractions_before.remark == ""
    assert fig(0.5, formats_read=False).figure.value == 50  # no history: a stored fraction
    assert fig(75, formats_read=False, history=[45.0]).figure.value == 75
    assert fig(0.5, Unit.COUNT, formats_read=False, history=[3]).figure.value == 0.5


def test_periods_from_text_dates_and_serial_numbers():
    assert read_period("2018/19", "fy", fmt=None).key == "fy:2018"
    assert read_period("Q3 2018/19", "fq", fmt=None).label == "Q3 2018/19"
    assert read_period(date(2020, 3, 31), "fy", fmt=None).key == "fy:2019"
    assert read_period(43921, "fy", fmt="date").key == "fy:2019"  # 31/03/2020 as a serial
    assert read_period(43921.0, "fy", fmt=None).key == "fy:2019"
    assert read_period("31/03/2020", "fy", fmt=None).key == "fy:2019"
    assert read_period(date(2020, 3, 31), "d", fmt=None).key == read_period(
        "31/03/2020", "d", fmt=None).key
    assert read_period(2019, "cy", fmt=None).label == read_period("2019", "cy", fmt=None).label
    with pytest.raises(CellProblem):
        read_period("someday", "fy", fmt=None)
    with pytest.raises(CellProblem):
        read_period(None, "fy", fmt=None)


def test_status_column_shorthand():
    assert read_status(None) is None and read_status("Actual") is None
    assert read_status("[p]").status is ValueStatus.PROVISIONAL
    assert read_status("provisional").status is ValueStatus.PROVISIONAL
    assert read_status("nya").status is ValueStatus.NOT_YET_AVAILABLE
    with pytest.raises(CellProblem, match="status 'wibble'"):
        read_status("wibble")


def test_number_format_kinds():
    assert format_kind("0.0%") == "percent" and format_kind("0%") == "percent"
    assert format_kind("dd/mm/yyyy") == "date" and format_kind("[$-809]d mmmm yyyy") == "date"
    assert format_kind('0.0"%"') is None  # a literal percent sign does not scale
    assert format_kind("General") is None and format_kind("#,##0") is None
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_csv_encodings():
    text = "Indicator,Value\nCafé,12\n"
    assert decode_csv(text.encode("utf-8")) == (text, "UTF-8")
    assert decode_csv(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "UTF-8 with BOM")
    assert decode_csv(text.encode("cp1252")) == (text, "Windows-1252")


@given(st.text(max_size=30))
def test_any_text_in_a_value_cell_is_a_figure_a_blank_or_a_named_problem(text):
    try:
        read = fig(text)
    except CellProblem as exc:
        assert str(exc)
        return
    assert read is None or read.text == text.strip()


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
       st.sampled_from([None, "percent"]))
def test_any_number_reads_back_as_shown(number, fmt):
    read = fig(number, Unit.PERCENTAGE_POINTS, fmt=fmt)
    assert read.figure.value == pytest.approx(number * (100 if fmt else 1), rel=1e-9, abs=1e-9)


@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]),
                                 max_size=8), min_size=1, max_size=4), max_size=6),
       st.sampled_from([",", ";", "\t"]))
def test_csv_reader_reads_back_what_a_csv_writer_wrote(body, delimiter):
    import csv
    import io

    rows = [["Indicator", "Period", "Value"], *body]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    parsed = parse_csv(buffer.getvalue())
    expected = [[c if c.strip() else None for c in row] for row in rows]
    assert parsed == expected


def _workbook(cells: str) -> bytes:
    import io
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                   '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Target="worksheets/s.xml"/>'
                   '</Relationships>')
        z.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}"><cellXfs count="3">'
                   '<xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="14"/></cellXfs>'
                   '</styleSheet>')
        z.writestr("xl/worksheets/s.xml", f'<worksheet xmlns="{main}"><sheetData>{cells}'
                   '</sheetData></worksheet>')
    return buffer.getvalue()


@pytest.mark.parametrize("cells", [
    '<row r="2"><c r="B2" s="1"><v>0.5</v></c><c r="C2" s="2"><v>43555</v></c>'
    '<c r="CB2" s="1"><v>1</v></c><c r="D2"><f>1+1</f></c></row>',
    # r= after the other attributes: read by the general pattern
    '<row r="2"><c s="1" r="B2"><v>0.5</v></c><c s="2" r="C2"><v>43555</v></c>'
    '<c s="1" r="CB2"><v>1</v></c><c t="n" r="D2"><f>1+1</f></c></row>',
])
def test_formats_and_formulas_of_the_wanted_columns_only(cells):
    import io
    import zipfile

    from app.importer.xlsx_styles import cell_formats

    with zipfile.ZipFile(io.BytesIO(_workbook(cells))) as archive:
        formats, formulas = cell_formats(archive, "S", {1, 2, 3})
    assert formats == {(1, 1): "percent", (1, 2): "date"}
    assert formulas == {(1, 3)}
