"""to_frame and from_frame: tidy frames on every backend, read back to the same scorecard."""

import datetime as dt
import sys
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from kpi_scorecard import (
    Band,
    Measure,
    Observation,
    ObservationStatus,
    Period,
    PeriodParseError,
    Scorecard,
    TableError,
    TargetSetting,
    evaluate,
)
from kpi_scorecard.frames import FrameError, from_frame, to_frame
from kpi_scorecard.serializers import table
from strategies import scorecards

from .backends import EAGER, EXAMPLE, as_backend, pd, pl, to_polars

pytestmark = pytest.mark.frames

BACKENDS = (*EAGER, "polars-lazy", "duckdb")


@pytest.fixture(scope="module")
def example():
    """The published example scorecard, read from its council table."""
    return table.loads(EXAMPLE.read_text(encoding="utf-8"))


def round_trip(card, backend):
    """The card written as frames of ``backend`` and read back."""
    frames = {name: to_frame(card, backend, table=name) for name in ("measures", "targets")}
    return from_frame(
        to_frame(card, backend),
        measures=frames["measures"],
        targets=frames["targets"],
        calendar=card.calendar,
        title=card.title,
    )


@pytest.mark.parametrize("backend", EAGER)
def test_example_round_trip(example, backend):
    """The example scorecard written as frames and read back is the same scorecard."""
    assert round_trip(example, backend) == example


@pytest.mark.parametrize("backend", BACKENDS)
def test_example_read_from_every_backend(example, backend):
    """from_frame reads the same observations from pandas, polars, pyarrow and DuckDB."""
    frames = {
        name: as_backend(to_frame(example, "polars", table=name), backend)
        for name in ("observations", "measures", "targets")
    }
    found = from_frame(
        frames["observations"],
        measures=frames["measures"],
        targets=frames["targets"],
        title=example.title,
    )
    assert found == example


@settings(max_examples=25)
@given(card=scorecards())
def test_generated_round_trip(card):
    """Any scorecard either round-trips through frames or is refused for an inexact figure."""
    if all(float_exact(figure) for figure in figures(card)):
        assert round_trip(card, "polars") == card
    else:
        with pytest.raises(FrameError, match="a 64-bit float cannot hold this figure exactly"):
            round_trip(card, "polars")


def figures(card):
    """Every figure of the card's observations, band ends included."""
    for observation in card.observations:
        value = observation.value
        yield from (value.low, value.high) if isinstance(value, Band) else (value,)
        yield observation.cumulative
        yield observation.numerator
        yield observation.denominator


def float_exact(figure):
    """Whether a float holds the figure exactly (None holds nothing, so it is exact)."""
    return figure is None or Decimal(repr(float(figure))) == figure


def test_observation_dtypes(example):
    """Figures are floats, days are dates, and the closed vocabularies are categorical."""
    schema = pl.from_arrow(to_frame(example, "pyarrow")).schema
    polars = to_frame(example, "polars").schema
    assert polars["value"] == pl.Float64
    assert polars["period_start"] == pl.Date
    assert polars["status"] == pl.Enum([status.value for status in ObservationStatus])
    assert polars["polarity"] == pl.Enum(["higher_is_better", "lower_is_better", "neutral"])
    assert schema["status"] == pl.Categorical
    assert str(to_frame(example, "pandas").dtypes["period_kind"]) == "category"


def test_band_as_low_and_high(example):
    """A band is written as its two ends beside an empty figure."""
    frame = to_frame(example, "polars").filter(pl.col("measure_ref") == "P&EH005")
    assert frame.select("value", "value_low", "value_high").row(0) == (None, 97.0, 99.0)


def test_report_frame(example):
    """A report is one row per assessment, with the sentences when they are asked for."""
    report = evaluate(example, "Q1 2019/20")
    plain = to_frame(report, "polars")
    explained = to_polars(to_frame(report, "pandas", explanations=True))
    assert len(plain) == len(report)
    assert "explanation" not in plain.columns
    row = explained.filter(pl.col("measure_ref") == "CSC002").row(0, named=True)
    assert row["status"] == "green"
    assert row["margin"] == 1.0
    assert row["explanation"] == "17% is below the 18% ceiling by 1 point: green"
    assert row["period_end"] == dt.date(2019, 6, 30)
    assert plain.schema["status"] == pl.Enum(["green", "yellow", "amber", "red", "not_rated"])


Q1 = Period.parse("Q1 2019/20")
SNAPSHOT = Period.snapshot(dt.date(2019, 6, 30))

# Cells of the period and value columns as each backend's users hold them.
CELLS = [
    ("Q1 2019/20", 17.5, Q1, Decimal("17.5")),  # label and float
    ("Quarter 1 2019/20", np.int64(17), Q1, Decimal(17)),  # published label, numpy integer
    (Q1, np.float64(0.1), Q1, Decimal("0.1")),  # Period object, numpy float: shortest decimal
    (dt.date(2019, 6, 30), Decimal("17.50"), SNAPSHOT, Decimal("17.5")),  # a day is a snapshot
    (pd.Timestamp("2019-06-30"), "17", SNAPSHOT, Decimal(17)),  # Timestamp, text number
    (pd.Period("2019-04", freq="M"), 3, Period.parse("April 2019"), Decimal(3)),  # pandas month
    (pd.Period("2019Q2", freq="Q"), 3, Q1, Decimal(3)),  # calendar Q2 = financial Q1
    ("Q1 2019/20", None, Q1, None),  # None is missing
    ("Q1 2019/20", float("nan"), Q1, None),  # NaN is missing
    ("Q1 2019/20", pd.NA, Q1, None),  # pandas NA is missing
    ("Q1 2019/20", Decimal("NaN"), Q1, None),  # a Decimal NaN is missing
]


@pytest.mark.parametrize(("period", "value", "expected_period", "expected_value"), CELLS)
def test_cells_accepted(period, value, expected_period, expected_value):
    """Labels, days, pandas periods, numpy scalars and missing markers read as expected."""
    frame = pd.DataFrame({"measure_ref": ["M1"], "period": [period], "value": [value]},
                         dtype=object)  # fmt: skip
    card = from_frame(frame)
    observation = card.observations[0]
    assert observation.period == expected_period
    assert observation.value == expected_value
    if expected_value is None:
        assert observation.status is ObservationStatus.MISSING


def test_period_from_start_and_end():
    """Without a label, the first and last days name the period."""
    frame = pl.DataFrame(
        {
            "measure_ref": ["M1"],
            "period_start": [dt.date(2019, 7, 1)],
            "period_end": [dt.date(2019, 9, 30)],
            "value": [1.0],
        }
    )
    assert str(from_frame(frame).observations[0].period) == "Q2 2019/20"


def test_band_read_back():
    """Two ends and no figure read as a band."""
    frame = pl.DataFrame(
        {"measure_ref": ["M1"], "period": ["Q1 2019/20"], "value": [None],
         "value_low": [97.0], "value_high": [99.0]},
        schema_overrides={"value": pl.Float64},
    )  # fmt: skip
    assert from_frame(frame).observations[0].value == Band(low=97, high=99)


def test_measures_and_targets_as_objects():
    """Measures and targets may be given as model objects instead of frames."""
    frame = pl.DataFrame({"measure_ref": ["M1"], "period": ["Q1 2019/20"], "value": [17.0]})
    measure = Measure(reference="M1", unit="%", polarity="lower_is_better")
    setting = TargetSetting(measure_ref="M1", period="2019/20", target="<18%")
    card = from_frame(frame, measures=[measure], targets=(setting,))
    assert card == Scorecard(
        measures=[measure],
        targets=[setting],
        observations=[Observation(measure_ref="M1", period=Q1, value=17)],
    )


BASE = {"measure_ref": "M1", "period": "Q1 2019/20", "value": 1.0}
# Bad cells: the column changed, its cell, the error code and the whole message.
REFUSED = [
    ("value", True, "bad_figure", "row 0, column 'value': a figure is a number, not bool: 'True'"),
    (
        "value",
        "12 bananas",
        "bad_figure",
        "row 0, column 'value': a figure is a number, not text: '12 bananas'",
    ),  # text
    (
        "value",
        float("inf"),
        "bad_figure",
        "row 0, column 'value': a figure is a number, not float: 'inf'",
    ),  # infinity
    (
        "value",
        1e30,
        "figure_out_of_range",
        "row 0, column 'value': a figure has at most 20 digits before the decimal point and 34 "
        "after it: '1e+30'",
    ),  # too large
    ("period", "Q5 2019/20", "bad_quarter", None),  # bad label: the parser's own reason
    (
        "period",
        2019,
        "bad_period",
        "row 0, column 'period': a period is a label, a day or a pandas Period, not int: '2019'",
    ),
    (
        "period",
        pd.Timestamp("2019-06-30 12:00"),
        "bad_period",
        "row 0, column 'period': a period's day has no time of day: '2019-06-30 12:00:00'",
    ),
    (
        "period",
        None,
        "bad_period",
        "row 0, column 'period': a period is a label, a day or a pandas Period, not missing: "
        "'None'",
    ),  # missing period
    (
        "status",
        "green",
        "bad_status",
        "row 0, column 'status': not an observation status: 'green'",
    ),  # a RAG word
    (
        "status",
        "missing",
        "value_present",
        "row 0, column 'status': M1 Q1 2019/20: a value cannot have status missing: 'missing'",
    ),  # a figure marked missing
    (
        "numerator",
        3.0,
        "ratio_parts",
        "row 0, column 'numerator': M1 Q1 2019/20: give both numerator and denominator, or "
        "neither: '3.0'",
    ),  # numerator alone
    ("unit", "bananas", "unknown_unit", None),  # the unit registry's own message
    ("measure_ref", 7, "not_text", "row 0, column 'measure_ref': expected text, not int: '7'"),
]


@pytest.mark.parametrize(("column", "cell", "code", "message"), REFUSED)
def test_cells_refused(column, cell, code, message):
    """A cell that cannot be read is refused with its row, column, code and text."""
    frame = pd.DataFrame([{**BASE, column: cell}], dtype=object)
    if message is None and column == "period":
        with pytest.raises(PeriodParseError) as parsed:
            Period.parse(cell)
        message = f"row 0, column {column!r}: {parsed.value.reason}: {cell!r}"
    elif message is None:
        with pytest.raises(ValidationError) as checked:
            Measure(reference="M1", **{column: cell})
        message = f"row 0, column {column!r}: {checked.value.errors()[0]['msg']}: {cell!r}"
    with pytest.raises(FrameError) as caught:
        from_frame(frame)
    shown = str(caught.value)
    if "'{" in message:  # pydantic quotes the whole input: compare up to it
        shown = shown[: shown.index(": '{")] + ": '{...}'"
    assert (caught.value.code, shown) == (code, message)
    assert isinstance(caught.value, TableError)


def test_refusal_names_the_row():
    """The row of a bad cell counts from 0 in the frame's order."""
    frame = pl.DataFrame(
        {"measure_ref": ["M1", "M1", "M1"], "period": ["Q1 2019/20", "Q2 2019/20", "Q2 2019/20"]}
    )
    with pytest.raises(FrameError) as caught:
        from_frame(frame)
    assert caught.value.code == "duplicate_observation"
    assert str(caught.value) == (
        "row 2, column 'period': the measure has another observation for it in row 1: "
        "'M1 Q2 2019/20'"
    )


def test_unknown_measure_refused():
    """An observation of a measure missing from the measures given is refused by row."""
    frame = pl.DataFrame({"measure_ref": ["M1", "M2"], "period": ["Q1 2019/20"] * 2})
    with pytest.raises(FrameError) as caught:
        from_frame(frame, measures=[Measure(reference="M1")])
    assert str(caught.value) == ("row 1, column 'measure_ref': no measure has this reference: 'M2'")


def test_missing_period_column_refused():
    """A frame without any period column says which columns it has."""
    with pytest.raises(FrameError) as caught:
        from_frame(pl.DataFrame({"measure_ref": ["M1"], "value": [1.0]}))
    assert caught.value.code == "missing_column"
    assert str(caught.value) == (
        "column 'period': the frame has no 'period' column, nor period_start and period_end: "
        "'measure_ref, value'"
    )


def test_inexact_figure_refused():
    """A typed figure a float cannot hold is refused rather than rounded."""
    card = Scorecard(
        measures=[Measure(reference="M1")],
        observations=[
            Observation(measure_ref="M1", period=Q1, value=Decimal("0.1234567890123456789"))
        ],
    )
    with pytest.raises(FrameError) as caught:
        to_frame(card, "polars")
    assert caught.value.code == "inexact_figure"
    assert caught.value.row == 0
    assert caught.value.column == "value"


def test_missing_narwhals_is_a_typed_error(monkeypatch):
    """Without narwhals, reading a frame function raises MissingExtraError naming the extra."""
    from kpi_scorecard import KpiScorecardError, frames  # noqa: PLC0415
    from kpi_scorecard.frames import MissingExtraError  # noqa: PLC0415

    monkeypatch.setitem(sys.modules, "narwhals", None)  # import narwhals now fails
    for name in [n for n in sys.modules if n.startswith("kpi_scorecard.frames._")]:
        if not name.endswith("_errors"):
            monkeypatch.delitem(sys.modules, name)
    for name in ("to_frame", "from_frame", "evaluate_frame"):
        if name in vars(frames):  # read before: drop the cached name
            monkeypatch.delattr(frames, name)
    with pytest.raises(MissingExtraError) as caught:
        frames.to_frame  # noqa: B018 - reading the name imports the module
    assert str(caught.value) == (
        "kpi_scorecard.frames needs narwhals: pip install 'kpi_scorecard[frames]'"
    )
    assert caught.value.code == "missing_extra"
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, KpiScorecardError)
