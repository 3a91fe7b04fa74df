from decimal import Decimal

import pytest

from kpi_scorecard.frames import FrameError
from kpi_scorecard.frames import comparators_from_frame as from_frame
from kpi_scorecard.serializers.comparators import from_csv

pytestmark = pytest.mark.frames

pandas = pytest.importorskip("pandas")
polars = pytest.importorskip("polars")

COLUMNS = {
    "measure_ref": ["A", "A"],
    "area": ["Barnet", "England"],
    "area_code": ["E09000003", "E92000001"],
    "period": ["2019/20", "2019/20"],
    "value": [27.5, 24.0],
    "numerator": [275, None],
    "denominator": [1000, None],
    "groups": ["England; statistical neighbours", "England"],
}
CSV = (
    "measure_ref,area,area_code,period,value,numerator,denominator,groups\n"
    "A,Barnet,E09000003,2019/20,27.5,275,1000,England; statistical neighbours\n"
    "A,England,E92000001,2019/20,24.0,,,England\n"
)


@pytest.mark.parametrize(
    "make",
    [pandas.DataFrame, polars.DataFrame, lambda columns: polars.DataFrame(columns).lazy()],
    ids=["pandas", "polars", "polars-lazy"],
)
def test_a_frame_reads_as_the_csv_does(make):
    """A tidy frame of any backend reads to the same figures as the same CSV text."""
    assert from_frame(make(COLUMNS), area="Barnet") == from_csv(CSV, area="Barnet")


def test_floats_are_read_by_their_shortest_repr():
    """A float cell of 0.1 is exactly 0.1, not its binary expansion."""
    frame = pandas.DataFrame(
        {"measure_ref": ["A"], "area": ["B"], "period": ["2019/20"], "value": [0.1]}
    )
    assert from_frame(frame, area="B").figures[0].value == Decimal("0.1")


def test_a_bad_cell_is_a_frame_error_by_row_and_column():
    """A bad cell names its row (from 0) and column and quotes the text."""
    frame = pandas.DataFrame(
        {
            "measure_ref": ["A", "A"],
            "area": ["B", "C"],
            "period": ["2019/20", "Q5 2019/20"],
            "value": [1.0, 2.0],
        }
    )
    with pytest.raises(FrameError) as caught:
        from_frame(frame, area="B")
    assert (caught.value.code, caught.value.row, caught.value.column) == (
        "bad_quarter",
        1,
        "period",
    )
    assert "'Q5 2019/20'" in str(caught.value)
