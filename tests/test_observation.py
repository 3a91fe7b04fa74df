import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import (
    Band,
    Calendar,
    CellValue,
    Observation,
    ObservationStatus,
    Period,
    ValueParseError,
)
from strategies import observations

N = Decimal
Q1 = Period.parse("Q1 2019/20")


def test_value_without_status_is_normal():
    """An observation with a figure and no status is normal."""
    observation = Observation(measure_ref="CSC002", period=Q1, value=N(17))
    assert observation.status is ObservationStatus.NORMAL
    assert observation.has_value
    assert observation.point == N(17)


def test_no_value_without_status_is_missing():
    """An observation with no figure and no status is missing."""
    observation = Observation(measure_ref="CSC002", period=Q1)
    assert observation.status is ObservationStatus.MISSING
    assert not observation.has_value
    assert observation.point is None


def test_band_point_is_its_midpoint():
    """An observation of a band has the band's midpoint as its point."""
    observation = Observation(measure_ref="P&EH005", period=Q1, value=Band.parse("97-99"))
    assert observation.point == N(98)


def test_period_is_read_from_text():
    """A period given as text is read in the default calendar."""
    observation = Observation(measure_ref="CSC002", period="Quarter 1 2019/20", value=N(17))
    assert observation.period == Q1


def test_period_text_is_read_in_the_context_calendar():
    """A period given as text is read in the calendar passed as validation context."""
    observation = Observation.model_validate(
        {"measure_ref": "CSC002", "period": "Q1 2019/20", "value": "17"},
        context={"calendar": Calendar(year_start_month=7)},
    )
    assert observation.period.start == dt.date(2019, 7, 1)


def test_from_cell():
    """from_cell copies the figure, cumulative figure and status of a value cell."""
    cell = CellValue.parse("345 (1200 cumulative) [p]")
    observation = Observation.from_cell("P&EH006", Q1, cell, commentary="Up on last year")
    assert observation.value == N(345)
    assert observation.cumulative == N(1200)
    assert observation.status is ObservationStatus.PROVISIONAL
    assert observation.commentary == "Up on last year"


def test_from_missing_cell():
    """from_cell of a suppressed cell gives a suppressed observation without a figure."""
    observation = Observation.from_cell("CSC001", Q1, CellValue.parse("[c]"))
    assert observation.value is None
    assert observation.status is ObservationStatus.SUPPRESSED


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"value": None, "status": "normal"}, "value_missing"),  # normal without a figure
        ({"value": "5", "status": "missing"}, "value_present"),  # figure marked missing
        ({"value": "5", "status": "suppressed"}, "value_present"),  # figure marked suppressed
        ({"value": "5", "numerator": "1"}, "ratio_parts"),  # numerator alone
        ({"value": "5", "denominator": "2"}, "ratio_parts"),  # denominator alone
        ({"value": "5", "numerator": "-1", "denominator": "2"}, "greater_than_equal"),  # negative
        ({"value": "5", "status": "great"}, "enum"),  # unknown status
        ({"value": "5", "colour": "red"}, "extra_forbidden"),  # unknown field
        ({"measure_ref": "", "value": "5"}, "string_too_short"),  # empty reference
    ],
)
def test_fields_are_checked(fields, code):
    """An observation whose fields do not agree is refused with a stable error type."""
    data = {"measure_ref": "CSC002", "period": "Q1 2019/20", **fields}
    with pytest.raises(ValidationError) as caught:
        Observation.model_validate(data)
    assert caught.value.errors()[0]["type"] == code


# period text, code
BAD_PERIODS = [
    ("Q9 2019/20", "bad_quarter"),  # ninth quarter
    ("2019/21", "bad_year_span"),  # years not consecutive
    ("", "empty_period"),  # empty label
    ("2019-S1", "unsupported_period"),  # half year
    ("Summer term 2019", "unknown_term"),  # no term dates
]


@pytest.mark.parametrize(("text", "code"), BAD_PERIODS)
def test_bad_period_surfaces_as_validation_error(text, code):
    """A malformed period label is a ValidationError on the period, with the parser's code."""
    with pytest.raises(ValidationError) as caught:
        Observation(measure_ref="CSC002", period=text, value=N(17))
    error = caught.value.errors()[0]
    assert error["type"] == code
    assert error["loc"] == ("period",)
    assert repr(text) in error["msg"]


def test_json_values_keep_their_type():
    """A decimal and a band survive JSON as what they were."""
    adapter = TypeAdapter(list[Observation])
    items = [
        Observation(measure_ref="A1", period=Q1, value=N("23.5")),
        Observation(measure_ref="A1", period=Q1.previous(), value=Band.parse("97-99")),
    ]
    again = adapter.validate_json(adapter.dump_json(items))
    assert isinstance(again[0].value, Decimal)
    assert isinstance(again[1].value, Band)
    assert again == items


@given(observations)
def test_json_round_trip(observation):
    """An observation survives JSON, read in its period's calendar."""
    again = Observation.model_validate_json(
        observation.model_dump_json(), context={"calendar": observation.period.calendar}
    )
    assert again == observation
    assert (again.period.start, again.period.end) == (
        observation.period.start,
        observation.period.end,
    )


@given(observations)
def test_python_dump_round_trip(observation):
    """An observation survives a Python dump and validation."""
    again = Observation.model_validate(
        observation.model_dump(), context={"calendar": observation.period.calendar}
    )
    assert again == observation


# --- observation status ---------------------------------------------------------------------

S = ObservationStatus

# status, SDMX code, missing, qualified
STATUSES = [
    (S.NORMAL, "A", False, False),  # normal
    (S.PROVISIONAL, "P", False, True),  # provisional
    (S.ESTIMATED, "E", False, True),  # estimated
    (S.FORECAST, "F", False, True),  # forecast
    (S.IMPUTED, "I", False, True),  # imputed
    (S.BREAK, "B", False, True),  # break in series
    (S.LOW_RELIABILITY, "U", False, True),  # low reliability
    (S.NOT_APPLICABLE, "M", True, False),  # not applicable
    (S.NOT_COLLECTED, "L", True, False),  # not collected
    (S.MISSING, "O", True, False),  # missing
    (S.SUPPRESSED, "Q", True, False),  # confidential
]


@pytest.mark.parametrize(("status", "code", "missing", "qualified"), STATUSES)
def test_status_codes(status, code, missing, qualified):
    """Each status has its SDMX code, reads back from it, and says whether it is missing."""
    assert status.sdmx_code == code
    assert S.from_sdmx(code) is status
    assert S.from_sdmx(f" {code.lower()} ") is status
    assert status.missing is missing
    assert status.qualified is qualified


def test_every_status_is_listed():
    """The status table covers every status."""
    assert {row[0] for row in STATUSES} == set(S)


@pytest.mark.parametrize("code", ["Z", "", "AP"])
def test_unknown_sdmx_code(code):
    """from_sdmx raises ValueError for a code that is not an SDMX observation status."""
    with pytest.raises(ValueError, match="not an SDMX observation status code"):
        S.from_sdmx(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (5, "an SDMX status code must be text, not int: 5"),  # a number
        (None, "an SDMX status code must be text, not None: None"),  # nothing
    ],
)
def test_from_sdmx_refuses_what_is_not_text(code, message):
    """A status code that is not text is a ValueParseError not_text naming its type."""
    with pytest.raises(ValueParseError) as caught:
        ObservationStatus.from_sdmx(code)
    assert (caught.value.code, caught.value.text, str(caught.value)) == (
        "not_text",
        repr(code),
        message,
    )


def test_from_sdmx_quotes_an_unknown_code():
    """A text code that SDMX does not define is a ValueParseError bad_status quoting it."""
    with pytest.raises(ValueParseError) as caught:
        ObservationStatus.from_sdmx("ZZ")
    assert (caught.value.code, caught.value.text, str(caught.value)) == (
        "bad_status",
        "ZZ",
        "not an SDMX observation status code: 'ZZ'",
    )
