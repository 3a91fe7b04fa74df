import pytest
from hypothesis import given
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import Aggregation, Measure, Polarity
from strategies import measures


def test_defaults():
    """A measure given only its reference counts, is neutral and reports its latest figure."""
    measure = Measure(reference="CSC001")
    assert measure.unit == "count"
    assert measure.polarity is Polarity.NEUTRAL
    assert measure.aggregation is Aggregation.LATEST
    assert measure.title == ""


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("%", "percent"),  # percent sign
        ("percentage", "percent"),  # word
        ("count", "count"),  # count
        ("number", "count"),  # number of things
        ("£", "GBP"),  # pound sign
        ("days", "day"),  # plural time unit
        ("weeks", "week"),  # plural time unit
        ("hour", "hour"),  # time unit
    ],
)
def test_unit_is_canonical(written, canonical):
    """A measure's unit is stored under its canonical name."""
    assert Measure(reference="X1", unit=written).unit == canonical


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"reference": "X1", "unit": "bananas"}, "unknown_unit"),  # not a unit
        ({"reference": "X1", "unit": ""}, "unknown_unit"),  # empty unit
        ({"reference": "X1", "title": "Referrals\x00"}, "control_character"),  # NUL in a title
        ({"reference": "X1", "notes": "a\x1bb"}, "control_character"),  # escape in notes
        ({"reference": "X\x00"}, "control_character"),  # NUL in a reference
        ({"reference": ""}, "string_too_short"),  # empty reference
        ({"reference": " CSC001"}, "string_pattern_mismatch"),  # leading space
        ({"reference": "CSC001 "}, "string_pattern_mismatch"),  # trailing space
        ({"reference": "X" * 65}, "string_too_long"),  # too long
        ({"reference": "X1", "polarity": "up"}, "enum"),  # unknown polarity
        ({"reference": "X1", "aggregation": "median"}, "enum"),  # unknown aggregation
        ({"reference": "X1", "colour": "red"}, "extra_forbidden"),  # unknown field
    ],
)
def test_fields_are_checked(fields, code):
    """Bad measure fields are refused with a stable error type."""
    with pytest.raises(ValidationError) as caught:
        Measure.model_validate(fields)
    assert caught.value.errors()[0]["type"] == code


def test_free_text_may_hold_line_breaks_and_tabs():
    """Notes and titles may hold new lines and tabs, which are not stray control characters."""
    measure = Measure(reference="X1", notes="line one\nline two\tend")
    assert measure.notes == "line one\nline two\tend"


@pytest.mark.parametrize(
    ("polarity", "mirrored"),
    [
        (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER),  # up becomes down
        (Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER),  # down becomes up
        (Polarity.NEUTRAL, Polarity.NEUTRAL),  # neutral stays
    ],
)
def test_polarity_mirrored(polarity, mirrored):
    """mirrored() swaps higher and lower is better and keeps neutral."""
    assert polarity.mirrored() is mirrored


def test_measure_is_frozen():
    """A measure cannot be changed once built."""
    measure = Measure(reference="X1")
    with pytest.raises(ValidationError):
        measure.unit = "percent"


@given(measures)
def test_json_round_trip(measure):
    """A measure survives JSON."""
    assert Measure.model_validate_json(measure.model_dump_json()) == measure


@given(measures)
def test_type_adapter_round_trip(measure):
    """A measure survives JSON through a TypeAdapter, as a list."""
    adapter = TypeAdapter(list[Measure])
    assert adapter.validate_json(adapter.dump_json([measure])) == [measure]


@given(measures)
def test_unit_is_stable(measure):
    """A canonical unit reads back to itself."""
    assert Measure(reference=measure.reference, unit=measure.unit).unit == measure.unit
