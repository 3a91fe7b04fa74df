from decimal import Decimal

import pytest
from hypothesis import given
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import (
    Band,
    CellValue,
    KpiScorecardError,
    Observation,
    ObservationStatus,
    ParseError,
    Period,
    ValueParseError,
)
from strategies import bands, cell_values, decimals

N = Decimal
S = ObservationStatus


def band(low, high):
    """A band from two integers, for the tables."""
    return Band(low=N(low), high=N(high))


# text, expected cell
NOTATIONS = [
    ("2558", CellValue(value=N(2558))),  # count
    ("1,462", CellValue(value=N(1462))),  # thousands separator
    ("1,576", CellValue(value=N(1576))),  # thousands separator
    ("23.5", CellValue(value=N("23.5"))),  # decimal
    ("34.8", CellValue(value=N("34.8"))),  # decimal
    ("20%", CellValue(value=N(20), percent=True)),  # percentage
    ("2.1%", CellValue(value=N("2.1"), percent=True)),  # decimal percentage
    ("97%-99%", CellValue(value=band(97, 99), percent=True)),  # band of percentages
    ("97-99%", CellValue(value=band(97, 99), percent=True)),  # one percent sign
    ("97-99", CellValue(value=band(97, 99))),  # band of counts
    ("-5% to 5%", CellValue(value=band(-5, 5), percent=True)),  # band below zero
    ("345 (1200 cumulative)", CellValue(value=N(345), cumulative=N(1200))),  # scorecard
    ("182 (1382 cumulative)", CellValue(value=N(182), cumulative=N(1382))),  # scorecard
    ("5 (10 accumulative)", CellValue(value=N(5), cumulative=N(10))),  # "accumulative"
    ("-28", CellValue(value=N(-28))),  # negative change
    ("−28", CellValue(value=N(-28))),  # minus sign
    ("", CellValue(status=S.MISSING)),  # empty cell
    ("  ", CellValue(status=S.MISSING)),  # blank cell
    ("23.5 [p]", CellValue(value=N("23.5"), status=S.PROVISIONAL)),  # provisional
    ("23.5 [P]", CellValue(value=N("23.5"), status=S.PROVISIONAL)),  # capital marker
    ("5 [e]", CellValue(value=N(5), status=S.ESTIMATED)),  # estimated
    ("5 [b]", CellValue(value=N(5), status=S.BREAK)),  # break in series
    ("5 [u]", CellValue(value=N(5), status=S.LOW_RELIABILITY)),  # low reliability
    ("[c]", CellValue(status=S.SUPPRESSED)),  # suppressed
    ("[x]", CellValue(status=S.NOT_COLLECTED)),  # not available
    ("[z]", CellValue(status=S.NOT_APPLICABLE)),  # not applicable
    ("N/A", CellValue(status=S.NOT_APPLICABLE)),  # not applicable in words
    ("n/a", CellValue(status=S.NOT_APPLICABLE)),  # lower case
]


@pytest.mark.parametrize(("text", "expected"), NOTATIONS)
def test_parse_reads_real_notations(text, expected):
    """Each value notation reads to the expected figure, band, cumulative figure and status."""
    assert CellValue.parse(text) == expected


# text, canonical text
CANONICAL = [
    ("2558", "2558"),  # already canonical
    ("1,462", "1462"),  # thousands separator dropped
    ("2.1%", "2.1%"),  # percentage
    ("97-99%", "97%-99%"),  # percent sign on both ends
    ("-5 % to 5 %", "-5% to 5%"),  # "to" kept when the band starts below zero
    ("0 to 5%", "0%-5%"),  # a band from zero takes a hyphen
    ("0.5 to 1", "0.5-1"),  # as does one from a fraction
    ("345 (1200 cumulative)", "345 (1200 cumulative)"),  # scorecard's cumulative
    ("5(10 accumulative)", "5 (10 cumulative)"),  # "accumulative"
    ("−28", "-28"),  # minus sign
    ("23.5 [P]", "23.5 [p]"),  # marker in lower case
    ("", ""),  # missing
    ("N/A", "[z]"),  # not applicable is written as the GSS marker
    ("[c]", "[c]"),  # suppressed
]


@pytest.mark.parametrize(("text", "canonical"), CANONICAL)
def test_canonical_text(text, canonical):
    """Each cell is written in its canonical text, which reads back to the same cell."""
    cell = CellValue.parse(text)
    assert str(cell) == canonical
    assert CellValue.parse(canonical) == cell


def test_example_scorecard_values(example_rows):
    """Every value cell of the example scorecard's 42 measures reads and reads back."""
    assert len(example_rows) == 42
    for row in example_rows:
        for text in row["values"].values():
            cell = CellValue.parse(text)
            assert CellValue.parse(str(cell)) == cell


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        ({}, "value_missing",
         "a cell without a figure needs a missing status"),  # no figure, normal status
        ({"value": 5, "status": "missing"}, "value_present",
         "a cell with a figure cannot have status missing"),  # figure with a missing status
        ({"value": 5, "status": "suppressed"}, "value_present",
         "a cell with a figure cannot have status suppressed"),  # figure that is suppressed
        ({"percent": True, "status": "missing"}, "value_missing",
         "a cell without a figure has no percent sign or running total"),  # empty, yet "%"
        ({"cumulative": 5, "status": "suppressed"}, "value_missing",
         "a cell without a figure has no percent sign or running total"),  # [c] with a total
    ],
)  # fmt: skip
def test_cell_status_agrees_with_figure(fields, code, message):
    """A cell has a figure exactly when its status is not a missing one; only a figure has "%"."""
    with pytest.raises(ValidationError) as caught:
        CellValue.model_validate(fields)
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["msg"] == message


def test_repr_names_the_public_classes():
    """The repr shows kpi_scorecard.CellValue and kpi_scorecard.Band with their text."""
    assert repr(CellValue.parse("1,462")) == "kpi_scorecard.CellValue('1462')"
    assert repr(Band.parse("97 - 99")) == "kpi_scorecard.Band('97-99')"


# --- bands ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "canonical"),
    [
        ("97-99", N(97), N(99), "97-99"),  # hyphen
        ("97 to 99", N(97), N(99), "97-99"),  # word
        ("97 – 99", N(97), N(99), "97-99"),  # en dash
        ("1,700-2,000", N(1700), N(2000), "1700-2000"),  # thousands separators
        ("-5 to 5", N(-5), N(5), "-5 to 5"),  # negative low end
        ("-10--5", N(-10), N(-5), "-10 to -5"),  # both negative
        ("0.5-1.25", N("0.5"), N("1.25"), "0.5-1.25"),  # decimals
        ("0 to 5", N(0), N(5), "0-5"),  # a low end of zero takes the hyphen
    ],
)
def test_band_parse(text, low, high, canonical):
    """Band.parse reads a range of two numbers to its ends and canonical text."""
    band = Band.parse(text)
    assert (band.low, band.high) == (low, high)
    assert str(band) == canonical


def test_band_midpoint():
    """A band's midpoint lies halfway between its ends."""
    assert Band.parse("97-99").midpoint == N(98)
    assert Band.parse("-5 to 0").midpoint == N("-2.5")


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        (N(5), N(5), "a band needs two different ends: 5 to 5"),  # equal ends
        (N(9), N(5), "a band runs from low to high: 9 to 5"),  # high to low
    ],
)
def test_band_fields_are_checked(low, high, message):
    """A band whose high end is not above its low end is refused, saying which is wrong."""
    with pytest.raises(ValidationError) as caught:
        Band(low=low, high=high)
    assert caught.value.errors()[0]["type"] == "reversed_band"
    assert caught.value.errors()[0]["msg"] == message


def test_band_json_is_its_text():
    """In JSON a band is its text."""
    adapter = TypeAdapter(Band)
    assert adapter.dump_json(Band.parse("97 to 99")) == b'"97-99"'
    assert adapter.validate_json(b'"97-99"') == Band(low=N(97), high=N(99))


# --- malformed cells -------------------------------------------------------------------------

# parser, text, code, the message the user reads
# fmt: off
MALFORMED = [
    (CellValue.parse, "12 bananas", "bad_value",
     "not a figure kpi_scorecard can read: '12 bananas'"),  # words after a number
    (CellValue.parse, "[p]", "bad_value",
     "not a figure kpi_scorecard can read: '[p]'"),  # a qualifying marker needs a figure
    (CellValue.parse, "5 [q]", "bad_marker",
     "unknown status marker [q]: '5 [q]'"),  # unknown marker
    (CellValue.parse, "5 (6 cumulative) [Q]", "bad_marker",
     "unknown status marker [Q]: '5 (6 cumulative) [Q]'"),  # unknown marker, as written
    (CellValue.parse, "97%-99", "mixed_units",
     "only the low end of the band is a percentage: '97%-99'"),  # percent at the low end only
    (CellValue.parse, "99-97", "reversed_band",
     "a band runs from low to high: '99-97'"),  # band high to low
    (CellValue.parse, "5-5", "reversed_band",
     "a band needs two different ends: '5-5'"),  # band with equal ends
    (CellValue.parse, "5%-5%", "reversed_band",
     "a band needs two different ends: '5%-5%'"),  # percentages with equal ends
    (CellValue.parse, "1,46", "bad_value",
     "not a figure kpi_scorecard can read: '1,46'"),  # misplaced thousands separator
    (CellValue.parse, "5 (1200 cumulative", "bad_value",
     "not a figure kpi_scorecard can read: '5 (1200 cumulative'"),  # unclosed bracket
    (CellValue.parse, "(1200 cumulative)", "bad_value",
     "not a figure kpi_scorecard can read: '(1200 cumulative)'"),  # cumulative, no figure
    (CellValue.parse, "20%%", "bad_value",
     "not a figure kpi_scorecard can read: '20%%'"),  # doubled percent sign
    (CellValue.parse, "\x00", "control_character",
     "control character in a value: '\\x00' (at position 0)"),  # NUL
    (CellValue.parse, "12\u200b3", "control_character",
     "control character in a value: '12\\u200b3' (at position 2)"),  # zero-width space
    (CellValue.parse, "1e3", "bad_value",
     "not a figure kpi_scorecard can read: '1e3'"),  # exponent notation
    (Band.parse, "97%-99%", "bad_band",
     "a band is written without units, such as '97-99': '97%-99%'"),  # bands carry no units
    (Band.parse, "97 % to 99", "bad_band",
     "a band is written without units, such as '97-99': '97 % to 99'"),  # a unit at one end
    (Band.parse, "97%", "bad_band",
     "not a band such as '97-99': '97%'"),  # one percentage, not a band without its unit
    (Band.parse, "97-x", "bad_band",
     "not a band such as '97-99': '97-x'"),  # the high end is not a number
    (Band.parse, "x-99", "bad_band",
     "not a band such as '97-99': 'x-99'"),  # the low end is not a number
    (Band.parse, "99-97", "reversed_band",
     "a band runs from low to high: '99-97'"),  # high to low
    (Band.parse, "5-5", "reversed_band",
     "a band needs two different ends: '5-5'"),  # equal ends
    (Band.parse, "", "bad_band",
     "not a band such as '97-99': ''"),  # empty
    (Band.parse, "97", "bad_band",
     "not a band such as '97-99': '97'"),  # one number
]
# fmt: on


@pytest.mark.parametrize(("parse", "text", "code", "message"), MALFORMED)
def test_malformed_cells_raise_value_parse_error(parse, text, code, message):
    """A malformed cell or band raises ValueParseError with a stable code and says why."""
    with pytest.raises(ValueParseError) as caught:
        parse(text)
    error = caught.value
    assert type(error) is ValueParseError
    assert isinstance(error, ParseError)
    assert isinstance(error, ValueError)
    assert isinstance(error, KpiScorecardError)
    assert error.code == code
    assert error.text == text
    assert str(error) == message


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("99-97", "reversed_band", "a band runs from low to high: '99-97'"),  # high to low
        ("97%-99%", "bad_band",
         "a band is written without units, such as '97-99': '97%-99%'"),  # units
        ("5-5", "reversed_band", "a band needs two different ends: '5-5'"),  # equal ends
    ],
)  # fmt: skip
def test_malformed_band_in_a_model(text, code, message):
    """Read as a model field, a malformed band is a ValidationError with the same code."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Band).validate_python(text)
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["msg"] == message


# --- properties -----------------------------------------------------------------------------


@given(cell_values)
def test_cell_text_round_trip(cell):
    """Reading a cell's canonical text gives the same cell back."""
    assert CellValue.parse(str(cell)) == cell


@given(decimals.filter(lambda figure: figure < 0))
def test_minus_sign_reads_as_a_hyphen(figure):
    """A figure written with the minus sign (U+2212), as word processors do, reads the same."""
    written = str(CellValue(value=figure)).replace("-", "\N{MINUS SIGN}")
    assert CellValue.parse(written) == CellValue(value=figure)


@given(bands)
def test_band_text_round_trip(band):
    """Reading a band's canonical text gives the same band back."""
    assert Band.parse(str(band)) == band


@given(bands)
def test_band_json_round_trip(band):
    """A band survives JSON."""
    adapter = TypeAdapter(Band)
    assert adapter.validate_json(adapter.dump_json(band)) == band


@given(bands)
def test_band_midpoint_lies_inside(band):
    """A band's midpoint lies strictly between its ends."""
    assert band.low < band.midpoint < band.high


@given(cell_values)
def test_cell_becomes_an_observation(cell):
    """Observation.from_cell keeps the cell's figure, cumulative figure and status."""
    observation = Observation.from_cell("CSC001", Period.parse("Q1 2019/20"), cell)
    assert observation.value == cell.value
    assert observation.cumulative == cell.cumulative
    assert observation.status is cell.status
