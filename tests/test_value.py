from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import (
    Band,
    CellValue,
    KpiScorecardError,
    Observation,
    ObservationStatus,
    ParseError,
    Period,
    UnitError,
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
    ("N/A", CellValue(status=S.NOT_APPLICABLE, placeholder="N/A")),  # not applicable, words kept
    ("n/a", CellValue(status=S.NOT_APPLICABLE, placeholder="n/a")),  # lower case, kept
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
    ("N/A", "N/A"),  # the words written in place of a figure are kept
    ("[Z]", "[z]"),  # the GSS marker itself, in lower case
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
         "a cell without a figure has no percent sign, unit, running total or revision"),  # "%"
        ({"cumulative": 5, "status": "suppressed"}, "value_missing",
         "a cell without a figure has no percent sign, unit, running total or revision"),  # [c]
        ({"unit": "day", "status": "missing"}, "value_missing",
         "a cell without a figure has no percent sign, unit, running total or revision"),  # unit
        ({"revised": True, "status": "missing"}, "value_missing",
         "a cell without a figure has no percent sign, unit, running total or revision"),  # [r]
        ({"value": 5, "unit": "days"}, "unsupported_unit",
         "a cell's unit is a canonical unit name such as 'day' or 'GBP', not 'days'"),  # plural
        ({"value": 5, "unit": "day", "percent": True}, "mixed_units",
         "a percentage has no other unit: day"),  # both
        ({"value": 5, "revised": True, "status": "estimated"}, "bad_marker",
         "a revised figure has no other status, not estimated"),  # [r] and [e]
        ({"status": "missing", "placeholder": "N/A"}, "bad_placeholder",
         "'N/A' is not a placeholder for status missing"),  # N/A is not applicable, M
        ({"status": "not_applicable", "placeholder": "[z]"}, "bad_placeholder",
         "'[z]' is not a placeholder for status not_applicable"),  # the marker is no placeholder
        ({"value": 5, "value_2": 1}, "extra_forbidden", "Extra inputs are not permitted"),  # typo
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
     "not a figure kpi_scorecard can read ('bananas' is not a unit): '12 bananas'"),  # a word
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


YES, NO = N(1), N(0)
# text, the cell read: a yes/no achievement is 1 or 0 in the unit yes_no
YES_NO = [
    ("Yes", CellValue(value=YES, unit="yes_no")),  # Bedford, Texas: an award received
    ("No", CellValue(value=NO, unit="yes_no")),  # not received
    ("yes", CellValue(value=YES, unit="yes_no")),  # case ignored
    ("NO", CellValue(value=NO, unit="yes_no")),  # capitals
    ("  Yes ", CellValue(value=YES, unit="yes_no")),  # space around
    ("Yes [p]", CellValue(value=YES, unit="yes_no", status=S.PROVISIONAL)),  # provisional
    ("Yes*", CellValue(value=YES, unit="yes_no", status=S.PROVISIONAL)),  # a council's star
    ("No (est)", CellValue(value=NO, unit="yes_no", status=S.ESTIMATED)),  # estimated
    ("No [r]", CellValue(value=NO, unit="yes_no", revised=True)),  # revised
    ("Yes [f]", CellValue(value=YES, unit="yes_no", status=S.FORECAST)),  # a projection
]


@pytest.mark.parametrize(("text", "expected"), YES_NO)
def test_yes_no_cells(text, expected):
    """``Yes`` and ``No`` read as 1 and 0 in the unit yes_no, and are written back as words."""
    found = CellValue.parse(text)
    assert found == expected
    assert str(found).split(" ")[0] == ("Yes" if found.value else "No")
    assert CellValue.parse(str(found)) == found


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": N(2), "unit": "yes_no"}, "a yes/no figure is 1 (Yes) or 0 (No), without a "
         "running total"),  # neither yes nor no
        ({"value": YES, "unit": "yes_no", "cumulative": N(3)}, "a yes/no figure is 1 (Yes) or "
         "0 (No), without a running total"),  # a running total of answers
        ({"value": band(0, 1), "unit": "yes_no"}, "a yes/no figure is 1 (Yes) or 0 (No), "
         "without a running total"),  # a band
    ],
)  # fmt: skip
def test_yes_no_cells_are_checked(fields, message):
    """A yes/no cell built in Python holds 1 or 0 and nothing else, or bad_yes_no says why."""
    with pytest.raises(ValidationError) as caught:
        CellValue(**fields)
    assert caught.value.errors()[0]["type"] == "bad_yes_no"
    assert caught.value.errors()[0]["msg"] == message


def test_yes_no_converts_to_nothing_else():
    """A yes/no figure is no quantity: it stays in yes_no and refuses a count's unit."""
    assert CellValue.parse("Yes").to_unit("yes/no") == CellValue.parse("Yes")
    with pytest.raises(UnitError) as caught:
        CellValue.parse("Yes").to_unit("count")
    assert str(caught.value) == "a figure in 'yes_no' cannot be converted to 'count'"


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


# --- notations of other public bodies' scorecards ---------------------------------------------

D = "day"


def cell(value, **fields):
    """A cell with a figure, for the tables; ``value`` is text for an exact Decimal."""
    return CellValue(value=N(value), **fields)


def gap(status, words):
    """A cell without a figure, keeping the words written in its place."""
    return CellValue(status=status, placeholder=words)


# text, expected cell, canonical text
PUBLISHED = [
    # figures with units and currencies
    ("34 days", cell(34, unit=D), "34 day"),  # days to re-let a home
    ("28 days", cell(28, unit=D), "28 day"),  # the year before
    ("2,100 hours", cell(2100, unit="hour"), "2100 hour"),  # thousands and a unit
    ("5,000 tonnes", cell(5000, unit="metric_ton"), "5000 metric_ton"),  # pint's name
    ("12 weeks", cell(12, unit="week"), "12 week"),  # weeks
    ("1 week", cell(1, unit="week"), "1 week"),  # singular
    ("3.5 hrs", cell("3.5", unit="hour"), "3.5 hour"),  # abbreviation
    ("485 kg", cell(485, unit="kilogram"), "485 kilogram"),  # waste per head
    ("£28,011,755", cell(28011755, unit="GBP"), "28011755 GBP"),  # rent due
    ("£937,711", cell(937711, unit="GBP"), "937711 GBP"),  # arrears
    ("£27.61", cell("27.61", unit="GBP"), "27.61 GBP"),  # pence kept
    ("£1.2m", cell(1200000, unit="GBP"), "1200000 GBP"),  # million, exactly
    ("£1.2 million", cell(1200000, unit="GBP"), "1200000 GBP"),  # in words
    ("£0.5bn", cell(500000000, unit="GBP"), "500000000 GBP"),  # half a billion
    ("£250k", cell(250000, unit="GBP"), "250000 GBP"),  # thousands
    ("$76.7M", cell(76700000, unit="USD"), "76700000 USD"),  # dollars, capital M
    ("€5bn", cell(5000000000, unit="EUR"), "5000000000 EUR"),  # euros, billions
    ("€1.25 bn", cell(1250000000, unit="EUR"), "1250000000 EUR"),  # a space before bn
    ("3.5 M", cell(3500000), "3500000"),  # a million of the measure's unit
    ("3.5 million", cell(3500000), "3500000"),  # in words
    ("2.5 million tonnes", cell(2500000, unit="metric_ton"), "2500000 metric_ton"),  # both
    ("1,200 GBP", cell(1200, unit="GBP"), "1200 GBP"),  # a currency code after the figure
    ("17 percent", cell(17, percent=True), "17%"),  # percent in words
    ("17 per cent", cell(17, percent=True), "17%"),  # two words
    ("10-12 days", CellValue(value=band(10, 12), unit=D), "10-12 day"),  # a band of days
    ("345 days (1200 cumulative)", cell(345, unit=D, cumulative=N(1200)),
     "345 day (1200 cumulative)"),  # a running total in the same unit
    # provisional, estimated and revised figures
    ("34*", cell(34, status=S.PROVISIONAL), "34 [p]"),  # asterisk
    ("34 (p)", cell(34, status=S.PROVISIONAL), "34 [p]"),  # bracketed letter
    ("34p", cell(34, status=S.PROVISIONAL), "34 [p]"),  # letter after the figure
    ("34 P", cell(34, status=S.PROVISIONAL), "34 [p]"),  # capital, spaced
    ("34 (provisional)", cell(34, status=S.PROVISIONAL), "34 [p]"),  # the word
    ("Provisional 34", cell(34, status=S.PROVISIONAL), "34 [p]"),  # the word first
    ("92.7%*", cell("92.7", percent=True, status=S.PROVISIONAL), "92.7% [p]"),  # percentage
    ("34 days (p)", cell(34, unit=D, status=S.PROVISIONAL), "34 day [p]"),  # with a unit
    ("Est 34", cell(34, status=S.ESTIMATED), "34 [e]"),  # estimate first
    ("Est. 34", cell(34, status=S.ESTIMATED), "34 [e]"),  # with a full stop
    ("43.3 Est", cell("43.3", status=S.ESTIMATED), "43.3 [e]"),  # Bath and North East Somerset
    ("51.51 Est", cell("51.51", status=S.ESTIMATED), "51.51 [e]"),  # the row below
    ("34 (est)", cell(34, status=S.ESTIMATED), "34 [e]"),  # bracketed
    ("34 (e)", cell(34, status=S.ESTIMATED), "34 [e]"),  # bracketed letter
    ("34 (estimated)", cell(34, status=S.ESTIMATED), "34 [e]"),  # the word
    ("£1.2m (est)", cell(1200000, unit="GBP", status=S.ESTIMATED), "1200000 GBP [e]"),  # money
    ("34 (r)", cell(34, revised=True), "34 [r]"),  # revised: a final figure that replaced one
    ("34 (revised)", cell(34, revised=True), "34 [r]"),  # the word
    ("34 [R]", cell(34, revised=True), "34 [r]"),  # the GSS marker
    ("34 revised", cell(34, revised=True), "34 [r]"),  # the word after a space
    # words in place of a figure, kept as written
    ("-", gap(S.MISSING, "-"), "-"),  # hyphen: not given
    ("–", gap(S.MISSING, "–"), "–"),  # en dash
    ("—", gap(S.MISSING, "—"), "—"),  # em dash
    ("N/a", gap(S.NOT_APPLICABLE, "N/a"), "N/a"),  # Bath and North East Somerset
    ("Not applicable", gap(S.NOT_APPLICABLE, "Not applicable"), "Not applicable"),  # words
    ("Annual measure", gap(S.NOT_APPLICABLE, "Annual measure"), "Annual measure"),  # no Q1 figure
    ("Not measured", gap(S.NOT_COLLECTED, "Not measured"), "Not measured"),  # survey not run
    ("Not  available ", gap(S.NOT_COLLECTED, "Not available"), "Not available"),  # spaces
    ("..", gap(S.NOT_COLLECTED, ".."), ".."),  # statistical tables' not available
    ("x", gap(S.NOT_COLLECTED, "x"), "x"),  # the older GSS letter
    ("[X]", CellValue(status=S.NOT_COLLECTED), "[x]"),  # the GSS marker is no placeholder
    ("TBC", gap(S.MISSING, "TBC"), "TBC"),  # to be confirmed: not given yet
    ("Not yet known", gap(S.MISSING, "Not yet known"), "Not yet known"),  # not given yet
    ("Data not available until 2024", gap(S.MISSING, "Data not available until 2024"),
     "Data not available until 2024"),  # published later
    ("Not available until Q3 2024/25", gap(S.MISSING, "Not available until Q3 2024/25"),
     "Not available until Q3 2024/25"),  # a quarter and a financial year
    ("Suppressed", gap(S.SUPPRESSED, "Suppressed"), "Suppressed"),  # disclosure control
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "canonical"), PUBLISHED)
def test_published_notations(text, expected, canonical):
    """Each notation other bodies publish reads to its cell, written canonically and read back."""
    found = CellValue.parse(text)
    assert found == expected
    assert str(found) == canonical
    assert CellValue.parse(canonical) == found


@pytest.mark.parametrize(
    ("text", "code"),
    [("-", "O"), ("N/A", "M"), ("Annual measure", "M"), ("Not measured", "L"), ("..", "L"),
     ("[x]", "L"), ("TBC", "O"), ("[c]", "Q"), ("34 (r)", "A"), ("34*", "P"), ("Est 34", "E")],
)  # fmt: skip
def test_sdmx_codes_of_marks_and_placeholders(text, code):
    """Each mark or placeholder has the SDMX observation status that fits it."""
    assert CellValue.parse(text).status.sdmx_code == code


# parser, text, code, the message the user reads
# fmt: off
REFUSED = [
    ("We did not get robust data after the transfer", "value_is_text",
     "text where a figure should be; write the figure, or words such as 'Not available' "
     "that say why there is none: 'We did not get robust data after the transfer'"),  # prose
    ("Non-emergency - 96 Emergency - 97.6", "value_is_text",
     "text where a figure should be; write the figure, or words such as 'Not available' "
     "that say why there is none: 'Non-emergency - 96 Emergency - 97.6'"),  # two figures
    ("1 yes_no", "bad_yes_no",
     "a yes/no figure is written 'Yes' or 'No', not as a number: '1 yes_no'"),  # the unit
    ("5 yes/no", "bad_value",
     "not a figure kpi_scorecard can read: '5 yes/no'"),  # a slash is no unit word
    ("Y", "bad_value", "not a figure kpi_scorecard can read: 'Y'"),  # a letter: Y or year?
    ("Yes%", "bad_value", "not a figure kpi_scorecard can read: 'Yes%'"),  # no percentage
    ("Yes (2 cumulative)", "value_is_text",
     "text where a figure should be; write the figure, or words such as 'Not available' "
     "that say why there is none: 'Yes (2 cumulative)'"),  # no running total of answers
    ("Yes, received", "value_is_text",
     "text where a figure should be; write the figure, or words such as 'Not available' "
     "that say why there is none: 'Yes, received'"),  # an answer with words: a sentence
    ("Yes [q]", "bad_marker", "unknown status marker [q]: 'Yes [q]'"),  # a marker not known
    ("3.5m", "ambiguous_unit",
     "'m' after a figure could be metres or million; write 'metres' or 'million': '3.5m'"),
    ("3.5 m", "ambiguous_unit",
     "'m' after a figure could be metres or million; write 'metres' or 'million': '3.5 m'"),
    ("£5 days", "mixed_units", "a figure has one unit, not '£' and 'days': '£5 days'"),  # two
    ("£20%", "mixed_units", "a percentage has no other unit: '£20%'"),  # money and percent
    ("20% days", "mixed_units", "a percentage has no other unit: '20% days'"),  # a unit too
    ("20% percent", "mixed_units", "a percentage written twice: '20% percent'"),  # twice
    ("5 km/h", "bad_value", "not a figure kpi_scorecard can read: '5 km/h'"),  # not a word
    ("5 sq m", "unsupported_unit",
     "unit 'sq m' is 'meter ** 2', which a value cannot be written in: '5 sq m'"),  # squared
    ("63e", "bad_value", "not a figure kpi_scorecard can read: '63e'"),  # a stray letter
    ("Est 34 (p)", "bad_marker", "a figure has one status mark: 'Est 34 (p)'"),  # two marks
    ("£1m-£2m", "bad_value", "not a figure kpi_scorecard can read: '£1m-£2m'"),  # scaled band
    ("1" * 21, "figure_out_of_range",
     "a figure has at most 20 digits before the decimal point and 34 after it: '"
     + "1" * 21 + "'"),  # one digit too many
    ("1" * 27 + ".123", "figure_out_of_range",
     "a figure has at most 20 digits before the decimal point and 34 after it: '"
     + "1" * 27 + ".123'"),  # 27 digits and 3 decimals
    ("0." + "1" * 35, "figure_out_of_range",
     "a figure has at most 20 digits before the decimal point and 34 after it: '0."
     + "1" * 35 + "'"),  # 35 decimals
    ("£99,999,999,999,999bn", "figure_out_of_range",
     "a figure has at most 20 digits before the decimal point and 34 after it: "
     "'£99,999,999,999,999bn'"),  # inside the limits until it is scaled
    ("5 (" + "9" * 21 + " cumulative)", "figure_out_of_range",
     "a figure has at most 20 digits before the decimal point and 34 after it: '5 ("
     + "9" * 21 + " cumulative)'"),  # the running total too
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "message"), REFUSED)
def test_refused_notations(text, code, message):
    """A cell that cannot be read without guessing is refused with a code that says why."""
    with pytest.raises(ValueParseError) as caught:
        CellValue.parse(text)
    assert caught.value.code == code
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "value",
    [N("9E+999999"), N("1" * 21), N("1" * 27 + ".123"), N("-9E+999999"), N("1E-100")],
)
def test_figures_outside_the_limits_are_refused_in_models(value):
    """A figure outside the library's limits is refused when a cell or band is built."""
    with pytest.raises(ValidationError) as caught:
        CellValue(value=value)
    assert caught.value.errors()[0]["type"] == "figure_out_of_range"
    with pytest.raises(ValidationError):
        Band(low=N(0), high=value)


def test_a_zero_with_a_huge_exponent_is_zero():
    """0E+999999 is zero, and is kept as a plain zero that arithmetic cannot overflow."""
    assert CellValue(value=N("0E+999999")).value.as_tuple().exponent == 0


# cell, measure unit, the cell in the measure's unit
CONVERSIONS = [
    ("12 weeks", "day", "84 day"),  # weeks to days
    ("14 days", "week", "2 week"),  # days to weeks, exactly
    ("1 foot", "metre", "0.3048 meter"),  # exactly, not 0.30479999999999996
    ("10-12 weeks", "day", "70-84 day"),  # a band
    ("£1.2m", "GBP", "1200000 GBP"),  # the same currency
    ("34", "day", "34"),  # no unit written: the measure's
    ("20%", "percent", "20%"),  # a percentage on a percentage measure
    ("[x]", "day", "[x]"),  # no figure to convert
]


@pytest.mark.parametrize(("text", "unit", "converted"), CONVERSIONS)
def test_to_unit(text, unit, converted):
    """A cell converts to its measure's unit with the exact factor between the two."""
    assert str(CellValue.parse(text).to_unit(unit)) == converted


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("£5", "USD", "a figure in 'GBP' cannot be converted to 'USD'"),  # two currencies
        ("34 days", "percent", "a figure in 'day' cannot be converted to 'percent'"),  # no rate
        ("20%", "day", "a figure in 'percent' cannot be converted to 'day'"),  # no time
    ],
)
def test_to_unit_refuses_incompatible_units(text, unit, message):
    """A cell whose unit cannot become the measure's raises UnitError incompatible_unit."""
    with pytest.raises(UnitError) as caught:
        CellValue.parse(text).to_unit(unit)
    assert caught.value.code == "incompatible_unit"
    assert str(caught.value) == message


SCORECARDS = Path(__file__).resolve().parents[3] / "shared" / "scorecards"
# Cells of the published scorecards in the shared folder that are refused on purpose.
REFUSED_ON_PURPOSE = {
    "We did not get robust data after the transfer of services back from East Kent Housing, "
    "so cannot report on this for 2023/2024": "value_is_text",  # an explanation
    "Non-emergency - 96 Emergency - 97.6": "value_is_text",  # two figures with labels
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£28,011,755", "28011755 GBP"),  # Mansfield
        ("34 days", "34 day"),  # Mansfield
        ("43.3 Est", "43.3 [e]"),  # Bath and North East Somerset
        ("N/a", "N/a"),  # Bath and North East Somerset
        ("Not measured", "Not measured"),  # Bath and North East Somerset
        ("13,510", "13510"),  # Cheshire West
        ("16.0%", "16%"),  # Cheshire West
        ("1.0", "1"),  # Bedford, Texas
        ("N/A", "N/A"),  # Bedford, Texas
        ("Yes", "Yes"),  # Bedford, Texas: an award received
    ],
)
def test_cells_of_published_scorecards(text, expected):
    """The value cells of the published scorecards read to their canonical text."""
    assert str(CellValue.parse(text)) == expected


@pytest.mark.parametrize(("text", "code"), REFUSED_ON_PURPOSE.items())
def test_cells_of_published_scorecards_refused_on_purpose(text, code):
    """The published cells that hold no single figure are refused, with the code that says why."""
    with pytest.raises(ValueParseError) as caught:
        CellValue.parse(text)
    assert caught.value.code == code


@given(
    st.sampled_from([status for status in S if status.missing]),
    st.sampled_from(
        ["-", "N/A", "n/a", "TBC", "Not measured", "x", "..", "Annual measure", "Suppressed"]
    ),
)
def test_placeholders_round_trip(status, words):
    """A cell keeps the placeholder it was read with, and writes it back."""
    found = CellValue.parse(words)
    assert CellValue.parse(str(found)) == found
    assert found.placeholder == words


def test_in_unit_scales_the_cumulative_figure_too():
    """A cell's cumulative figure is converted with its value, not dropped or left as typed."""
    converted = CellValue.parse("14 days (28 cumulative)").to_unit("week")
    assert (converted.value, converted.cumulative) == (N(2), N(4))
    assert (converted.unit, converted.percent) == ("week", False)


def test_in_unit_to_percent_marks_the_cell_as_a_percentage():
    """Converting into percent sets the percent flag and leaves no other unit written."""
    converted = CellValue.parse("0.25").in_unit(Fraction(100), "percent")
    assert (converted.value, converted.percent, converted.unit) == (N(25), True, None)
    counted = CellValue.parse("3 days").in_unit(Fraction(1), "count")
    assert (counted.value, counted.percent, counted.unit) == (N(3), False, None)
