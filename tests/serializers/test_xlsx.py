import datetime as dt
import io
import re
import sys
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings

from kpi_scorecard import RagPolicy, TableError, Tolerance, evaluate
from kpi_scorecard.serializers import table, xlsx
from kpi_scorecard.serializers._xlsx_formats import shown
from optional import require
from serializers.test_table import EXAMPLE, canonical, expressible_cards, overrides

pytestmark = pytest.mark.excel
openpyxl = require("openpyxl")

HEADER = ["Ref", "Measure", "Quarter 1 2019/20", "Target 2019/20"]


def workbook(rows, *, formats=None, merged=(), hidden_rows=(), hidden_columns=()):
    """A workbook written by openpyxl: rows of values, number formats by cell, merges."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for coordinate, fmt in (formats or {}).items():
        sheet[coordinate].number_format = fmt
    for cells in merged:
        sheet.merge_cells(cells)
    for index in hidden_rows:
        sheet.row_dimensions[index].hidden = True
    for letter in hidden_columns:
        sheet.column_dimensions[letter].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_cached_values(data, values):
    """The workbook with cached values written into its formula cells, as a spreadsheet does."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for coordinate, value in values.items():
                    text = re.sub(
                        rf'(<c r="{coordinate}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(?:</v>)?',
                        rf"\1\2<v>{value}</v>",
                        text,
                    )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


# --- what a cell shows ------------------------------------------------------------------

# value, number format, the text the cell shows
SHOWN = [
    (0.2, "0%", "20%"),  # percent without decimals
    (0.175, "0.0%", "17.5%"),  # percent keeps its decimal
    (0.2, "0.00%", "20.00%"),  # trailing zeros the format asks for
    (0.1749, "0%", "17%"),  # what the cell shows, not what it holds
    (1462, "#,##0", "1,462"),  # a count with thousands separators
    (1462.0, "0", "1462"),  # a whole number held as float
    (23.5, "General", "23.5"),  # General shows the number
    (0.1 + 0.2, "General", "0.3"),  # 15 significant digits, as Excel
    (-4, "#,##0;(#,##0)", "(4)"),  # the negative section
    (28011755, '"£"#,##0', "£28,011,755"),  # quoted currency
    (28011755, "[$£-809]#,##0", "£28,011,755"),  # locale currency
    (5, "[Red]0", "5"),  # a colour is not text
    (34, '0" days"', "34 days"),  # a unit in the format
    ("<18%", "General", "<18%"),  # text stays text
    ("20%", "@", "20%"),  # text format
    (dt.datetime(2019, 4, 1), "mmm-yy", "Apr-19"),  # a month header
    (dt.datetime(2019, 6, 30), "dd/mm/yyyy", "30/06/2019"),  # a day, UK order
    (dt.datetime(2019, 6, 30), "d mmmm yyyy", "30 June 2019"),  # words
    (dt.datetime(2019, 6, 30), "yyyy-mm-dd h:mm", "2019-06-30"),  # midnight: no time
    (True, "General", "TRUE"),  # a boolean as Excel shows it
]


@pytest.mark.parametrize(("value", "fmt", "text"), SHOWN)
def test_a_cell_shows_its_value_in_its_format(value, fmt, text):
    """A cell's value is read as the text its number format shows."""
    assert shown(value, fmt) == text


# number format, value, reason
UNSUPPORTED = [
    ("0.00E+00", 1234.5, "scientific and fraction formats are not read: '0.00E+00'"),  # sci
    ("# ?/?", 0.5, "scientific and fraction formats are not read: '# ?/?'"),  # fraction
    ("#,##0,", 1500, "formats that scale by thousands are not read: '#,##0,'"),  # scaled
    ("hh:mm", dt.datetime(2019, 1, 1, 9, 30), "times of day are not read: 'hh:mm'"),  # time
]


@pytest.mark.parametrize(("fmt", "value", "reason"), UNSUPPORTED)
def test_formats_that_cannot_be_shown_are_row_errors(fmt, value, reason):
    """A format the reader cannot show faithfully rejects its row, naming the cell."""
    data = workbook([HEADER, ["A1", "Repeats", value, "<18%"]], formats={"C2": fmt})
    with pytest.raises(TableError) as caught:
        xlsx.loads(data)
    assert caught.value.code == "unsupported_format"
    assert str(caught.value) == f"line 2, column 'C2': {reason}: {repr(value)!r}"


# cells of a data row (value cell formatted), the same row as table text
READ_AS_TEXT = [
    ([0.17, "<18%"], "0%", "17%\t<18%"),  # percent and a text target
    ([0.175, "<18%"], "0.0%", "17.5%\t<18%"),  # a decimal percent
    ([1462, "1700-2000"], "#,##0", "1,462\t1700-2000"),  # a count and a range
    ([23.5, "N/A"], "General", "23.5\tN/A"),  # a decimal, explicitly no target
    (["97%-99%", "98%"], "General", "97%-99%\t98%"),  # a band stays text
    (
        ["345 (1200 cumulative)", "1900 (accumulative target)"],
        "@",
        "345 (1200 cumulative)\t1900 (accumulative target)",
    ),  # cumulative value and target stay text
]


@pytest.mark.parametrize(("cells", "fmt", "text"), READ_AS_TEXT)
def test_workbook_reads_as_the_same_table_as_text(cells, fmt, text):
    """A workbook's row reads as the table reader reads the cells it shows."""
    data = workbook([HEADER, ["A1", "Repeats", *cells]], formats={"C2": fmt})
    expected = table.loads("\t".join(HEADER) + "\nA1\tRepeats\t" + text + "\n")
    assert xlsx.loads(data) == expected


def test_date_headers_read_as_the_periods_they_show():
    """A month header held as a day and formatted mmm-yy is the month it shows."""
    data = workbook(
        [["Ref", "Measure", dt.datetime(2019, 4, 1)], ["A1", "Referrals", 12]],
        formats={"C1": "mmm-yy"},
    )
    assert xlsx.loads(data) == table.loads("Ref\tMeasure\tApr-19\nA1\tReferrals\t12\n")


def test_merged_header_cells_spread_over_their_columns():
    """A heading merged over two columns heads each; two header rows are joined."""
    rows = [
        ["Ref", "Measure", "Actual", None, "Target"],
        [None, None, "Quarter 1 2019/20", "Quarter 2 2019/20", "2019/20"],
        ["A1", "Referrals", 5, 6, 7],
    ]
    data = workbook(rows, merged=["C1:D1"])
    text = (
        "Ref\tMeasure\tActual\tActual\tTarget\n"
        "\t\tQuarter 1 2019/20\tQuarter 2 2019/20\t2019/20\n"
        "A1\tReferrals\t5\t6\t7\n"
    )
    layout = table.Layout(header_rows=2)
    assert xlsx.loads(data, layout=layout) == table.loads(text, layout=layout)


def test_merged_data_cells_spread_down_their_rows():
    """A department merged down two rows is the department of both."""
    rows = [
        ["Ref", "Lead Department", "Quarter 1 2019/20"],
        ["A1", "Children", 5],
        ["A2", None, 6],
    ]
    card = xlsx.loads(workbook(rows, merged=["B2:B3"]))
    assert [m.department for m in card.measures] == ["Children", "Children"]


# --- hidden rows and columns --------------------------------------------------------------

ROWS = [HEADER, ["A1", "Repeats", 0.17, "<18%"], ["A2", "Visits", 0.5, "50%"]]
FORMATS = {"C2": "0%", "C3": "0%"}


def test_hidden_row_is_an_error():
    """A hidden row with data is reported, not read silently."""
    data = workbook(ROWS, formats=FORMATS, hidden_rows=[3])
    with pytest.raises(TableError) as caught:
        xlsx.loads(data)
    assert caught.value.code == "hidden_cells"
    assert str(caught.value) == (
        "line 3: the row is hidden; pass hidden='read' to read it or hidden='skip' to leave "
        "it out: 'A2 Visits 50% 50%'"
    )


def test_hidden_row_is_a_rejected_row_when_lenient():
    """Lenient reading rejects the hidden row and counts it."""
    result = xlsx.loads(workbook(ROWS, formats=FORMATS, hidden_rows=[3]), lenient=True)
    assert [m.reference for m in result.scorecard.measures] == ["A1"]
    assert (result.rows_read, result.rows_kept, result.rejected_lines) == (2, 1, (3,))
    assert [error.code for error in result.errors] == ["hidden_cells"]


@pytest.mark.parametrize(
    ("hidden", "references"),
    [
        ("read", ["A1", "A2"]),  # read as if shown
        ("skip", ["A1"]),  # left out, as the caller asked
    ],
)
def test_hidden_rows_are_read_or_skipped_on_request(hidden, references):
    """The caller chooses to read hidden rows or leave them out."""
    card = xlsx.loads(workbook(ROWS, formats=FORMATS, hidden_rows=[3]), hidden=hidden)
    assert [m.reference for m in card.measures] == references


def test_hidden_column_is_an_error_then_skipped_on_request():
    """A hidden column is reported; hidden='skip' reads the table without it."""
    data = workbook(ROWS, formats=FORMATS, hidden_columns=["B"])
    with pytest.raises(TableError) as caught:
        xlsx.loads(data)
    assert str(caught.value) == (
        "line 1, column 'B': the column is hidden; pass hidden='read' to read it or "
        "hidden='skip' to leave it out: 'Measure'"
    )
    assert [m.title for m in xlsx.loads(data, hidden="skip").measures] == ["", ""]
    lenient = xlsx.loads(data, lenient=True)
    assert lenient.rows_kept == 2
    assert [error.code for error in lenient.errors] == ["hidden_cells"]


def test_an_empty_hidden_column_is_no_problem():
    """Hiding an empty column hides nothing, so it is not reported."""
    data = workbook(ROWS, formats=FORMATS, hidden_columns=["F"])
    assert len(xlsx.loads(data).measures) == 2


# --- formulas -----------------------------------------------------------------------------


def test_formula_is_read_as_its_cached_value():
    """A formula the workbook calculated is read as the value it cached."""
    rows = [HEADER, ["A1", "Repeats", "=0.1+0.07", "<18%"]]
    data = with_cached_values(workbook(rows, formats={"C2": "0%"}), {"C2": "0.17"})
    assert xlsx.loads(data) == table.loads("\t".join(HEADER) + "\nA1\tRepeats\t17%\t<18%\n")


def test_formula_without_cached_value_is_a_row_error():
    """A formula nobody calculated (openpyxl caches none) is a row error, not an empty cell."""
    rows = [*ROWS, ["A3", "Calls", "=C2+C3", "10"]]
    data = workbook(rows, formats=FORMATS)
    with pytest.raises(TableError) as caught:
        xlsx.loads(data)
    assert caught.value.code == "formula_without_value"
    assert str(caught.value) == (
        "line 4, column 'C4': a formula without a cached value (the workbook was never "
        "calculated): '=C2+C3'"
    )
    result = xlsx.loads(data, lenient=True)
    assert (result.rows_read, result.rows_kept, result.rejected_lines) == (3, 2, (4,))


# --- sheets and bad input -----------------------------------------------------------------


def test_sheet_is_chosen_by_name_or_index():
    """The first sheet is read unless the caller names or numbers another."""
    book = openpyxl.Workbook()
    book.active.append(["Cover page"])
    data_sheet = book.create_sheet("Data")
    for row in [["Ref", "Quarter 1 2019/20"], ["A1", 5]]:
        data_sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    assert xlsx.loads(data, sheet="Data") == xlsx.loads(data, sheet=1)
    with pytest.raises(TableError) as caught:
        xlsx.loads(data, sheet="Summary")
    assert caught.value.code == "no_sheet"
    assert str(caught.value) == (
        "the workbook has no such sheet (it has 'Sheet', 'Data'): 'Summary'"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"not a workbook",  # not a zip
        b"PK\x03\x04broken",  # a broken zip
        b"",  # nothing
    ],
)
def test_bytes_that_are_no_workbook_are_a_typed_error(data):
    """Bytes that are not a workbook raise bad_workbook, never openpyxl's own errors."""
    with pytest.raises(TableError) as caught:
        xlsx.loads(data)
    assert caught.value.code == "bad_workbook"


def test_missing_extra_is_a_typed_error_naming_the_install(monkeypatch):
    """Without openpyxl, reading and writing say which extra to install."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    for call in (lambda: xlsx.loads(b""), lambda: xlsx.dumps(table.loads("Ref\tQ1 2019/20\n"))):
        with pytest.raises(xlsx.MissingExtraError) as caught:
            call()
        assert caught.value.code == "missing_extra"
        assert str(caught.value) == (
            "reading and writing workbooks needs openpyxl: pip install 'kpi_scorecard[excel]'"
        )
        assert isinstance(caught.value, ImportError)


# --- writing ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    """The example scorecard, read from its table text."""
    return table.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(example):
    """The example rated at Q1 2019/20 with a 3% tolerance."""
    return evaluate(example, "Q1 2019/20", policy=RagPolicy(tolerance=Tolerance.parse("3%")))


def opened(data):
    """The workbook as openpyxl reads it, styles and all."""
    return openpyxl.load_workbook(io.BytesIO(data))


def test_example_round_trips(example):
    """Writing the example as a workbook and reading it back gives it back."""
    assert xlsx.loads(xlsx.dumps(example), measures=overrides(example)) == example


def test_written_workbook_has_the_council_layout(example):
    """Title, frozen header row, widths and numbers with their formats."""
    sheet = opened(xlsx.dumps(example))["Scorecard"]
    assert sheet["A1"].value == "Children and Families Scorecard 2019-20"
    assert sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[2]][:3] == ["Ref", "Lead Department", "Measure"]
    assert sheet[2][0].font.bold
    assert 8 <= sheet.column_dimensions["C"].width <= 50
    figures = {
        (c.value, c.number_format)
        for row in sheet.iter_rows(min_row=3)
        for c in row
        if isinstance(c.value, int | float)
    }
    assert (0.2, "0%") in figures
    assert any(fmt == "#,##0" for _, fmt in figures)


FILLS = {
    "green": "00C6EFCE",
    "yellow": "00FFF2A8",
    "amber": "00FFD699",
    "red": "00FFC7CE",
    "not_rated": "00EDEDED",
}


def status_cells(sheet):
    """Each row's face and status-word cells, by reference."""
    rows = list(sheet.iter_rows())
    at = next(at for at, row in enumerate(rows) if row[0].value == "Ref")
    header = [c.value for c in rows[at]]
    face = header.index("RAG and Direction of Travel")
    assert header[face + 1] == "Status"
    return {row[0].value: (row[face], row[face + 1]) for row in rows[at + 1 :]}


def test_status_cells_have_a_fill_and_a_word(report):
    """Beside each face, the main sheet says the status in a word; both are filled in its colour."""
    book = opened(xlsx.dumps(report))
    cells = status_cells(book["Scorecard"])
    words = {"green": "Green", "amber": "Amber", "red": "Red", "not_rated": "Not rated"}
    seen = set()
    for assessment in report:
        face, word = cells[assessment.measure_ref]
        assert face.value == assessment.face
        assert word.value == words[assessment.status.value]
        assert word.fill.fgColor.rgb == FILLS[assessment.status.value]
        assert face.fill.fgColor.rgb == FILLS[assessment.status.value]
        assert word.font.bold
        seen.add(assessment.status.value)
    assert {"green", "amber", "red", "not_rated"} <= seen  # the example has every status
    red = next(a for a in report if a.status.value == "red")
    explained = {row[0].value: row for row in book["Explanations"].iter_rows(min_row=2)}
    status = explained[red.measure_ref][2]
    assert status.value == "Red"
    assert status.fill.fgColor.rgb == FILLS["red"]
    assert explained[red.measure_ref][3].value == red.explanation


# published status, the word beside it, the fill (None: no one colour says it)
PUBLISHED_WORDS = [
    ("☹️", "Red", "red"),  # the sad face means red
    ("😊", "Green, yellow or amber", None),  # the happy face means any of three
    ("Amber", "Amber", "amber"),  # a colour word is itself
    ("G", "Green", "green"),  # a letter
    ("On target", "Green", "green"),  # a target word
    ("Not met", "Yellow, amber or red", None),  # a miss of any size
    ("Not known", "Not known", "not_rated"),  # no status, in grey
    ("Purple", None, None),  # a word the vocabulary does not know is a word already
]


@pytest.mark.parametrize(("published", "word", "fill"), PUBLISHED_WORDS)
def test_a_scorecards_published_status_is_said_in_a_word(published, word, fill):
    """A scorecard's published status gets the word of what it asserts, and its one colour."""
    card = table.loads(
        "Ref\tQuarter 1 2019/20\tRAG and Direction of Travel\nA1\t5\t" + published + "\n"
    )
    data = xlsx.dumps(card)
    face, cell = status_cells(opened(data)["Scorecard"])["A1"]
    assert (face.value, cell.value) == (published, word)
    for each in (face, cell):
        assert each.fill.fgColor.rgb == (FILLS[fill] if fill else "00000000")
    assert xlsx.loads(data) == card


def test_word_column_is_read_as_published_status_without_the_face():
    """With the face column taken out, the Status column is the published status."""
    data = workbook([["Ref", "Quarter 1 2019/20", "Status"], ["A1", 5, "Amber"]])
    assert xlsx.loads(data).observations[0].published_status == "Amber"


def test_a_status_column_holding_other_text_beside_the_face_is_not_dropped():
    """Text no writer put there is not left unread: two status columns are an error."""
    rows = [["Ref", "Quarter 1 2019/20", "RAG and Direction of Travel", "Status"]]
    data = workbook([*rows, ["A1", 5, "😊", "Nearly there"]])
    with pytest.raises(TableError) as caught:
        xlsx.loads(data)
    assert (caught.value.code, caught.value.column) == ("duplicate_column", "Status")


def test_a_layout_that_declares_the_face_column_wins():
    """A caller who says what the face column holds is obeyed; Status is then the status."""
    rows = [["Ref", "Quarter 1 2019/20", "RAG and Direction of Travel", "Status"]]
    data = workbook([*rows, ["A1", 5, "", "Amber"]])
    layout = table.Layout(
        columns=[table.Column(header="RAG and Direction of Travel", role="ignore")]
    )
    card = xlsx.loads(data, layout=layout)
    assert card.observations[0].published_status == "Amber"


def test_report_round_trips_as_the_table_layout_does(report):
    """A report reads back as table.loads(table.dumps(report)) does, faces published."""
    declared = overrides(report.source)
    expected = table.loads(table.dumps(report), measures=declared)
    assert xlsx.loads(xlsx.dumps(report), measures=declared) == expected


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',  # a formula
        "+44 1234",  # a plus
        "-5 on last year",  # a minus
        "@SUM(A1)",  # an at sign
    ],
)
def test_text_that_starts_like_a_formula_is_written_as_text(text):
    """No formula is ever written: commentary starting like one is a string cell."""
    card = table.loads(
        "Ref\tQuarter 1 2019/20\tCommentary\nA1\t5\t" + text.replace('"', "'") + "\n"
    )
    sheet = opened(xlsx.dumps(card))["Scorecard"]
    cell = next(c for c in sheet[2] if c.value == text.replace('"', "'"))
    assert cell.data_type == "s"
    assert xlsx.loads(xlsx.dumps(card)) == card


def test_figures_a_number_cannot_hold_exactly_stay_text():
    """A figure with more digits than a float keeps is written as text, and reads back."""
    card = table.loads("Ref\tQuarter 1 2019/20\nA1\t1234567890.123456789\n")
    sheet = opened(xlsx.dumps(card))["Scorecard"]
    assert "1234567890.123456789" in [c.value for c in sheet[2]]
    assert xlsx.loads(xlsx.dumps(card)).observations[0].value == Decimal("1234567890.123456789")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card=expressible_cards())
def test_expressible_cards_round_trip(card):
    """Every card the table layout holds comes back equal through a workbook."""
    back = xlsx.loads(xlsx.dumps(card), measures=overrides(card), calendar=card.calendar)
    assert back == canonical(card)


def test_rows_the_sheet_leaves_out_keep_their_line_numbers():
    """A sheet's empty rows are not in its XML; errors still name the sheet's row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "Ref", "Quarter 1 2019/20"
    sheet["A5"], sheet["B5"] = "A1", "five"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(TableError) as caught:
        xlsx.loads(out.getvalue())
    assert (caught.value.code, caught.value.line) == ("bad_value", 5)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card=expressible_cards())
def test_expressible_reports_round_trip_as_the_table_layout_does(card):
    """A report of any card the layout holds reads back through a workbook as through text."""
    assume(card.periods)
    report = evaluate(card, max(card.periods, key=lambda p: (p.end, p)))
    declared = overrides(card)
    expected = table.loads(table.dumps(report), measures=declared, calendar=card.calendar)
    back = xlsx.loads(xlsx.dumps(report), measures=declared, calendar=card.calendar)
    assert back == expected
