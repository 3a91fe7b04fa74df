import csv
import io
import time
from html import escape

import pytest
from hypothesis import assume, given, settings

from kpi_scorecard import TableError
from kpi_scorecard.serializers import html, table
from serializers.test_table import expressible_cards, overrides

TEXT = (
    "Ref\tMeasure\tQuarter 1 2019/20\tTarget 2019/20\n"
    "CSC002\tPercentage of repeat referrals\t17%\t<18%\n"
    "CSC004\tNumber of children in care\t1,462\t1700-2000\n"
)
PAGE = """<!doctype html><html><head><title>Performance</title>
<style>td { color: red }</style><script>var t = "<table>";</script></head>
<body><h1>Children and Families</h1>
<table id="kpis">
  <thead><tr><th>Ref</th><th>Measure</th><th>Quarter 1<br>2019/20</th>
    <th>Target 2019/20</th></tr></thead>
  <tbody>
    <tr><td>CSC002</td><td>Percentage of <b>repeat</b>
      referrals</td><td>17%</td><td>&lt;18&#37;</td></tr>
    <tr><td>CSC004</td><td>Number of children in care</td><td>1,462</td>
      <td>1700&ndash;2000</td></tr>
  </tbody>
</table>
</body></html>"""


def test_page_reads_as_the_same_table_as_text():
    """Tags stripped, entities decoded, <br> a space: the table reads as its text does."""
    assert html.loads(PAGE.replace("&ndash;", "-")) == table.loads(TEXT)


@pytest.mark.parametrize(
    "choice",
    [
        1,  # by index
        "second",  # by id
        "Housing KPIs",  # by caption
        " Housing   KPIs ",  # by caption, white space joined
    ],
)
def test_the_caller_chooses_the_table(choice):
    """A page with several tables: the one chosen by index, id or caption is read."""
    page = (
        "<table><tr><td>Navigation</td></tr></table>"
        '<table id="second"><caption>Housing KPIs</caption>'
        "<tr><th>Ref<th>Measure<th>2023/24"
        "<tr><td>H1<td>Re-lets<td>34"
        "</table>"
    )
    expected = table.loads("Housing KPIs\nRef\tMeasure\t2023/24\nH1\tRe-lets\t34\n")
    assert html.loads(page, table=choice) == expected


def test_nested_tables_are_counted_and_not_their_cell_text():
    """A table inside a cell is a table of its own, and no text of the outer cell."""
    page = (
        "<table><tr><th>Ref<th>2023/24</tr>"
        "<tr><td>H1<table><tr><td>inner</td></tr></table></td><td>34</td></tr></table>"
    )
    assert html.loads(page) == table.loads("Ref\t2023/24\nH1\t34\n")
    assert html.loads(page, table=1, lenient=True).errors[0].code == "no_header_row"


def test_spanned_header_cells_spread_as_in_a_workbook():
    """Cells with colspan and rowspan spread their text over what they cover."""
    page = """<table>
    <tr><th rowspan="2">Ref</th><th colspan="2">Actual</th><th>Target</th></tr>
    <tr><th>Quarter 1 2019/20</th><th>Quarter 2 2019/20</th><th>2019/20</th></tr>
    <tr><td>A1</td><td>5</td><td>6</td><td>7</td></tr>
    </table>"""
    layout = table.Layout(header_rows=2, columns=[table.Column(header="Ref Ref", role="reference")])
    text = (
        "Ref\tActual\tActual\tTarget\n"
        "Ref\tQuarter 1 2019/20\tQuarter 2 2019/20\t2019/20\n"
        "A1\t5\t6\t7\n"
    )
    assert html.loads(page, layout=layout) == table.loads(text, layout=layout)


def test_rowspan_in_the_data_spreads_down():
    """A department cell spanning two rows is the department of both."""
    page = (
        "<table><tr><th>Ref<th>Lead Department<th>2023/24"
        '<tr><td>A1<td rowspan="2">Children<td>5'
        "<tr><td>A2<td>6</table>"
    )
    assert [m.department for m in html.loads(page).measures] == ["Children", "Children"]


def test_footnote_marks_in_sup_are_kept_as_notes():
    """<sup> marks in cells and a footnote row starting with one become the measure's notes."""
    page = (
        "<table><tr><th>Ref<th>Measure<th>Quarter 1 2019/20"
        "<tr><td>A1<td>Repeat referrals<sup>1</sup><td>17%"
        "<tr><td>A2<td>Visits<sup>*</sup><td>20%"
        "<tr><td>A3<td>Floor area m<sup>2</sup> per pupil<td>5"
        '<tr><td colspan="3"><sup>1</sup> Provisional</td>'
        '<tr><td colspan="3"><sup>*</sup> Estimated</td></table>'
    )
    text = (
        "Ref\tMeasure\tQuarter 1 2019/20\n"
        "A1\tRepeat referrals(a)\t17%\n"
        "A2\tVisits*\t20%\n"
        "A3\tFloor area m2 per pupil\t5\n"
        "(a) Provisional\n"
        "* Estimated\n"
    )
    card = html.loads(page)
    assert card == table.loads(text)
    assert [m.notes for m in card.measures] == ["(a) Provisional", "* Estimated", ""]


# page, code, message
BAD = [
    ("<p>No tables</p>", "no_table", "the page has no <table>: '0'"),  # none at all
    (
        "<table id=a></table><table><caption>B</caption></table>",
        "no_table",
        "the page has no such table; it has 2: 0 (a), 1 (B): 'c'",
    ),  # not the one named
    (
        '<table><tr><td colspan="1001">x</table>',
        "span_too_large",
        "a colspan over 1,000 is more than HTML allows: '1001'",
    ),  # HTML's colspan limit
    (
        '<table><tr><td rowspan="99999999999999999999">x</table>',
        "span_too_large",
        "a rowspan over 65,534 is more than HTML allows: '99999999999999999999'",
    ),  # a huge rowspan, refused before any work
    (
        "<table id=k><![td>A1<td>17%</table>",
        "bad_html",
        "line 1: HTML the parser cannot read: \"unknown status keyword 'td' in marked section\"",
    ),  # a declaration the standard library's parser asserts against (found by fuzzing)
]


@pytest.mark.parametrize(("page", "code", "message"), BAD)
def test_bad_pages_are_typed_errors(page, code, message):
    """No table, or spans beyond HTML's limits: typed errors quoting the input."""
    with pytest.raises(TableError) as caught:
        html.loads(page, table="c" if "caption" in page else 0)
    assert (caught.value.code, str(caught.value)) == (code, message)


def test_spans_spreading_far_beyond_the_page_are_refused():
    """Many large spans would make the work grow faster than the page: refused."""
    rows = "".join('<tr><td colspan="1000" rowspan="65534">x' for _ in range(60))
    with pytest.raises(TableError) as caught:
        html.loads(f"<table>{rows}</table>")
    assert caught.value.code == "span_too_large"


@pytest.mark.parametrize(
    "page",
    [
        "<table><tr><td>Ref<td>2019/20<tr><td>A1<td>5",  # never closed
        "</td></tr></table><table><tr><td>Ref</td><td>2019/20</td></tr><tr><td>A1<td>5",  # stray
        "<table><tr><td>Ref</th><td>2019/20</b></tr><tr><td>A1</td><td>5</td>",  # mismatched
        '<table><tr><td colspan="x">Ref<td colspan="-3">2019/20<tr><td>A1<td rowspan=0>5',  # spans
    ],
)
def test_malformed_html_reads_as_a_browser_would(page):
    """Unclosed, stray and mismatched tags and bad spans are read as browsers read them."""
    card = html.loads(page)
    assert (card.measures[0].reference, card.observations[0].value) == ("A1", 5)


def test_bad_cells_are_row_errors_when_lenient():
    """A cell the reader cannot read rejects its row, and the counts add up."""
    page = "<table><tr><th>Ref<th>2019/20<tr><td>A1<td>5<tr><td>A2<td>five</table>"
    result = html.loads(page, lenient=True)
    assert (result.rows_read, result.rows_kept, result.rejected_lines) == (2, 1, (3,))
    assert result.errors[0].code == "bad_value"


def test_deep_nesting_is_linear():
    """Tens of thousands of nested elements are read in bounded time, without recursion."""
    depth = 50_000
    page = "<div>" * depth + TEXT_TABLE + "</div>" * depth
    started = time.perf_counter()
    assert len(html.loads(page).measures) == 1
    assert time.perf_counter() - started < 5


TEXT_TABLE = "<table><tr><th>Ref<th>2019/20<tr><td>A1<td>5</table>"


def test_text_is_refused_if_not_a_string():
    """Bytes are the caller's to decode: the page's text is asked for."""
    with pytest.raises(TypeError, match="not bytes"):
        html.loads(b"<table></table>")


def as_html(text):
    """A table's text as an HTML table: one <tr> a line, cells escaped, a title as caption."""
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>\n" for row in rows
    )
    return f"<html><body><table>\n{body}</table></body></html>"


@settings(max_examples=40, deadline=None)
@given(card=expressible_cards())
def test_any_table_the_layout_writes_reads_the_same_as_html(card):
    """A table written by table.dumps, as an HTML table, reads as its text does."""
    text = table.dumps(card)
    assume(
        all(
            " ".join(cell.split()) == cell
            for line in text.splitlines()
            for cell in line.split("\t")
        )
    )
    options = {"measures": overrides(card), "calendar": card.calendar}
    assert html.loads(as_html(text), **options) == table.loads(text, **options)
