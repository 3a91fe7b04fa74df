import pytest

from kpi_scorecard import Period, TableError
from kpi_scorecard.comparators import Area, ComparatorData, ComparatorFigure
from kpi_scorecard.serializers.comparators import from_csv, from_json
from kpi_scorecard.serializers.json import JsonDocumentError

HEADER = "measure_ref,area,area_code,period,value,numerator,denominator,groups\n"


def test_a_tidy_csv_is_read_into_typed_figures():
    """Each row becomes a figure: area and code, period, exact value, parts and groups."""
    data = from_csv(
        HEADER
        + "A,Barnet,E09000003,Q1 2019/20,27.5,275,1000,England; statistical neighbours\n"
        + "A,England,E92000001,Q1 2019/20,24,,,England\n",
        area="Barnet",
        region="London",
    )
    barnet, england = data.figures
    assert barnet.area == Area(name="Barnet", code="E09000003")
    assert barnet.period == Period.parse("Q1 2019/20")
    assert str(barnet.value) == "27.5"
    assert (barnet.numerator, barnet.denominator) == (275, 1000)
    assert barnet.groups == ("England", "statistical neighbours")
    assert (england.numerator, england.groups) == (None, ("England",))
    assert data.own("A", barnet.period) == barnet
    assert data.published("England", "A", barnet.period) == england
    assert data.members("England", "A", barnet.period) == []
    assert data.region == "London"


def test_columns_may_come_in_any_order_and_optional_ones_be_left_out():
    """Only measure_ref, area, period and value are needed, in any order."""
    data = from_csv("value,period,area,measure_ref\n5,2019/20,Brent,A\n", area="Barnet")
    assert data.figures[0].area == Area(name="Brent")
    assert data.figures[0].groups == ()


# text, code, line, column, quoted text
BAD_CSV = [
    (
        HEADER + "A,Barnet,E0900003,2019/20,27,,,England\n",
        "bad_area_code",
        2,
        "area_code",
        "E0900003",
    ),  # seven digits
    (
        HEADER + "A,Barnet,,Q9 2019/20,27,,,England\n",
        "bad_quarter",
        2,
        "period",
        "Q9 2019/20",
    ),  # no such quarter
    (HEADER + "A,Barnet,,2019/20,lots,,,England\n", "bad_number", 2, "value", "lots"),
    (HEADER + "A,Barnet,,2019/20,27,5,,England\n", "ratio_parts", 2, "numerator", "5"),
    (HEADER + "A,Barnet,,2019/20,27,-5,10,England\n", "negative_number", 2, "numerator", "-5"),
    (
        HEADER + "A,Barnet,,2019/20,27,,,England\nA,Barnet,,2019/20,28,,,England\n",
        "duplicate_comparator",
        3,
        "area",
        "Barnet",
    ),  # the same area twice
    (HEADER + "A,Barnet,,2019/20,27,,\n", "ragged_row", 2, None, "A,Barnet,,2019/20,27,,"),
    (HEADER + ",Barnet,,2019/20,27,,,England\n", "missing_reference", 2, "measure_ref", ""),
    (HEADER + "A, ,,2019/20,27,,,England\n", "missing_area", 2, "area", " "),
    (HEADER + "A,Barnet,,2019/20,27,,,England; \n", "bad_group", 2, "groups", ""),
    (
        HEADER + 'A,Barnet,,2019/20,"27,,,England\n',
        "bad_quoting",
        2,
        None,
        'A,Barnet,,2019/20,"27,,,England',
    ),
    (
        "measure_ref,area,period\nA,B,2019/20\n",
        "missing_column",
        1,
        None,
        "measure_ref, area, period",
    ),  # no value column
    ("measure_ref,area,period,value,colour\n", "unknown_column", 1, None, "colour"),
    ("", "empty_document", 1, None, ""),
]


@pytest.mark.parametrize(("text", "code", "line", "column", "quoted"), BAD_CSV)
def test_every_bad_row_is_a_typed_error_where_it_is(text, code, line, column, quoted):
    """A bad cell is a TableError with its code, line and column, quoting the text."""
    with pytest.raises(TableError) as caught:
        from_csv(text, area="Barnet")
    error = caught.value
    assert (error.code, error.line, error.column, error.text) == (code, line, column, quoted)
    assert repr(quoted) in str(error)


def test_json_round_trips():
    """Comparator data written as JSON reads back equal."""
    data = from_csv(HEADER + "A,Barnet,E09000003,2019/20,27.5,275,1000,England\n", area="Barnet")
    assert from_json(data.model_dump_json()) == data


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ('{"area": ', "invalid_json", None),  # not JSON
        (
            '{"area": "B", "figures": [{"measure_ref": "A", "area": {"name": "E", "code": "X"}, '
            '"period": "2019/20", "value": "5"}]}',
            "bad_area_code",
            "figures.0.area.code",
        ),
        (
            '{"area": "B", "figures": [{"measure_ref": "A", "area": {"name": "E"}, '
            '"period": "Q5 2019/20", "value": "5"}]}',
            "bad_quarter",
            "figures.0.period",
        ),
    ],
)
def test_bad_json_is_located_by_member(text, code, column):
    """A bad JSON document is a JsonDocumentError naming the member path of the problem."""
    with pytest.raises(JsonDocumentError) as caught:
        from_json(text)
    assert caught.value.code == code
    assert caught.value.column == column


def test_figures_are_frozen_and_validated():
    """Figures are immutable, and a GSS code must be a letter and eight digits."""
    figure = ComparatorFigure(measure_ref="A", area=Area(name="B"), period="2019/20", value=1)
    with pytest.raises(ValueError, match="frozen"):
        figure.value = 2  # type: ignore[misc]
    with pytest.raises(ValueError, match="GSS code"):
        Area(name="B", code="E123")
    with pytest.raises(ValueError, match="two figures"):
        ComparatorData(area="B", figures=[figure, figure])
