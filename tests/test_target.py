from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import (
    ChangeInterval,
    ChangeTarget,
    Comparator,
    CumulativeTarget,
    KpiScorecardError,
    NotApplicable,
    NoTarget,
    ParseError,
    RangeTarget,
    Target,
    TargetParseError,
    TargetSetting,
    ThresholdTarget,
)
from strategies import targets

N = Decimal
PCT = "percent"
LT, LE, GT, GE = Comparator.LT, Comparator.LE, Comparator.GT, Comparator.GE

# text, expected target
NOTATIONS = [
    ("<18%", ThresholdTarget(value=N(18), comparator=LT, unit=PCT)),  # strict ceiling, percent
    ("<20", ThresholdTarget(value=N(20), comparator=LT)),  # strict ceiling, count
    (">50%", ThresholdTarget(value=N(50), comparator=GT, unit=PCT)),  # strict floor
    ("<=20", ThresholdTarget(value=N(20), comparator=LE)),  # ceiling
    (">=50", ThresholdTarget(value=N(50), comparator=GE)),  # floor
    ("≤ 20", ThresholdTarget(value=N(20), comparator=LE)),  # typographic ceiling
    ("≥50%", ThresholdTarget(value=N(50), comparator=GE, unit=PCT)),  # typographic floor
    ("=< 5", ThresholdTarget(value=N(5), comparator=LE)),  # reversed operator
    ("< 18 %", ThresholdTarget(value=N(18), comparator=LT, unit=PCT)),  # spaced out
    ("85%", ThresholdTarget(value=N(85), unit=PCT)),  # bare percent
    ("3", ThresholdTarget(value=N(3))),  # bare count
    ("2%", ThresholdTarget(value=N(2), unit=PCT)),  # bare small percent
    ("1400", ThresholdTarget(value=N(1400))),  # bare number
    ("23.5", ThresholdTarget(value=N("23.5"))),  # decimal
    ("6 weeks", ThresholdTarget(value=N(6), unit="week")),  # time unit
    ("<2 days", ThresholdTarget(value=N(2), comparator=LT, unit="day")),  # ceiling in days
    ("£500", ThresholdTarget(value=N(500), unit="GBP")),  # money
    ("1700-2000", RangeTarget(low=N(1700), high=N(2000))),  # range
    ("440 - 475", RangeTarget(low=N(440), high=N(475))),  # spaced range
    ("260-300", RangeTarget(low=N(260), high=N(300))),  # range from the scorecard
    ("97%-99%", RangeTarget(low=N(97), high=N(99), unit=PCT)),  # percent range
    ("1,700 to 2,000", RangeTarget(low=N(1700), high=N(2000))),  # "to" and separators
    ("-5 to 5", RangeTarget(low=N(-5), high=N(5))),  # negative low end
    ("-10 to -5", RangeTarget(low=N(-10), high=N(-5))),  # both ends negative
    ("-5 day to -2 day", RangeTarget(low=N(-5), high=N(-2), unit="day")),  # negative, in days
    ("1900 (accumulative target)", CumulativeTarget(value=N(1900))),  # scorecard
    ("1900 cumulative", CumulativeTarget(value=N(1900))),  # no brackets
    ("1900 (cumulative)", CumulativeTarget(value=N(1900))),  # canonical
    ("100 per qtr", ChangeTarget(amount=N(100), per=ChangeInterval.QUARTER)),  # scorecard
    ("100 per quarter", ChangeTarget(amount=N(100), per=ChangeInterval.QUARTER)),  # word
    ("5 per month", ChangeTarget(amount=N(5), per=ChangeInterval.MONTH)),  # monthly
    ("reduce by 20 per year", ChangeTarget(amount=N(20), per=ChangeInterval.YEAR)),  # verb
    ("N/A", NotApplicable()),  # not applicable
    ("n/a", NotApplicable()),  # lower case
    ("Not applicable", NotApplicable()),  # words
    ("", NoTarget()),  # empty cell
    ("   ", NoTarget()),  # blank cell
    ("Yes", ThresholdTarget(value=N(1), comparator=GE, unit="yes_no")),  # Bedford: an award
    ("No", ThresholdTarget(value=N(0), comparator=LE, unit="yes_no")),  # an answer of no
    ("YES", ThresholdTarget(value=N(1), comparator=GE, unit="yes_no")),  # capitals
    (
        "yes (2025/26)",
        ThresholdTarget(value=N(1), comparator=GE, unit="yes_no", period="2025/26"),
    ),  # for a year
]


@pytest.mark.parametrize(("text", "expected"), NOTATIONS)
def test_parse_reads_real_notations(text, expected):
    """Each target notation reads to the expected kind of target with the expected figures."""
    target = Target.parse(text)
    assert target == expected
    assert type(target) is type(expected)


# text, canonical text
CANONICAL = [
    ("<18%", "<18%"),  # already canonical
    ("≤ 20", "<=20"),  # typographic operator
    ("=< 5", "<=5"),  # reversed operator
    ("< 18 %", "<18%"),  # spaces dropped
    ("6 weeks", "6 week"),  # unit's canonical name
    ("£500", "500 GBP"),  # currency code
    ("23.50", "23.5"),  # trailing zero dropped
    ("440 - 475", "440-475"),  # spaces dropped
    ("1,700 to 2,000", "1700-2000"),  # separators and "to" dropped
    ("97%-99%", "97%-99%"),  # percent on both ends
    ("97-99%", "97%-99%"),  # percent written once, at the high end, applies to both
    ("5-6 weeks", "5 week-6 week"),  # a unit written once applies to both ends
    ("-5 to 5", "-5 to 5"),  # "to" kept when the low end is negative
    ("-10 to -5", "-10 to -5"),  # both ends negative
    ("0 to 5", "0-5"),  # a low end of zero takes the hyphen
    ("0.5 to 1.5", "0.5-1.5"),  # and so does one below one
    ("1900 (accumulative target)", "1900 (cumulative)"),  # scorecard's cumulative
    ("1900 cumulative", "1900 (cumulative)"),  # no brackets
    ("100 per qtr", "100 per quarter"),  # scorecard's change
    ("reduce by 20 per year", "20 per year"),  # verb dropped
    ("n/a", "N/A"),  # not applicable
    ("", ""),  # no target
    ("   ", ""),  # blank is no target
    ("yes", "Yes"),  # a yes/no achievement, capitalised
    ("NO", "No"),  # and its opposite
    ("2024/25: yes; 2025/26: no", "2024/25: Yes; 2025/26: No"),  # one for each year
]


@pytest.mark.parametrize(("text", "canonical"), CANONICAL)
def test_canonical_text(text, canonical):
    """Each target is written in its canonical text, which reads back to the same target."""
    target = Target.parse(text)
    assert str(target) == canonical
    assert Target.parse(canonical) == target


def test_no_target_differs_from_not_applicable():
    """An empty cell (NoTarget) is not the same as N/A (NotApplicable)."""
    assert Target.parse("") != Target.parse("N/A")
    assert NoTarget() != NotApplicable()
    assert isinstance(Target.parse(""), NoTarget)
    assert isinstance(Target.parse("N/A"), NotApplicable)


@pytest.mark.parametrize(
    ("text", "rated"),
    [
        ("", False),  # no target
        ("N/A", False),  # not applicable
        ("<18%", True),  # threshold
        ("1700-2000", True),  # range
        ("1900 cumulative", True),  # cumulative
        ("100 per qtr", True),  # change
    ],
)
def test_rated(text, rated):
    """Only targets with figures rate a value."""
    assert Target.parse(text).rated is rated


@pytest.mark.parametrize(
    ("comparator", "strict", "wants_lower"),
    [
        (Comparator.LT, True, True),  # <
        (Comparator.LE, False, True),  # <=
        (Comparator.GT, True, False),  # >
        (Comparator.GE, False, False),  # >=
    ],
)
def test_comparator_properties(comparator, strict, wants_lower):
    """Each comparator says whether the threshold itself misses and which side is good."""
    assert comparator.strict is strict
    assert comparator.wants_lower is wants_lower


# class, text of another kind, the message
# fmt: off
WRONG_KIND = [
    (RangeTarget, "<18%",
     "this is a ThresholdTarget, not a RangeTarget: '<18%'"),  # a threshold is not a range
    (ThresholdTarget, "1700-2000",
     "this is a RangeTarget, not a ThresholdTarget: '1700-2000'"),  # nor a range a threshold
    (ChangeTarget, "N/A",
     "this is a NotApplicable, not a ChangeTarget: 'N/A'"),  # N/A is no change
]
# fmt: on


@pytest.mark.parametrize(("cls", "text", "message"), WRONG_KIND)
def test_parse_on_a_subclass_checks_the_kind(cls, text, message):
    """A subclass's parse refuses another kind of target, with code wrong_kind, naming both."""
    with pytest.raises(TargetParseError) as caught:
        cls.parse(text)
    assert caught.value.code == "wrong_kind"
    assert str(caught.value) == message


def test_parse_on_a_subclass_accepts_its_kind():
    """ThresholdTarget.parse reads a threshold."""
    assert ThresholdTarget.parse("<18%") == ThresholdTarget(value=N(18), comparator=LT, unit=PCT)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            ThresholdTarget(value=N(6), unit="week"),
            ThresholdTarget(value=N(42), unit="day"),
        ),  # weeks
        (
            RangeTarget(low=N(1), high=N(2), unit="week"),
            RangeTarget(low=N(7), high=N(14), unit="day"),
        ),  # range
        (
            CumulativeTarget(value=N(2), unit="week"),
            CumulativeTarget(value=N(14), unit="day"),
        ),  # cumulative
        (
            ChangeTarget(amount=N(1), per=ChangeInterval.MONTH, unit="week"),
            ChangeTarget(amount=N(7), per=ChangeInterval.MONTH, unit="day"),
        ),  # change
        (NotApplicable(), NotApplicable()),  # nothing to convert
        (NoTarget(), NoTarget()),  # nothing to convert
    ],
)
def test_in_unit_scales_every_figure(target, expected):
    """in_unit multiplies every figure by the factor and sets the new unit."""
    assert target.in_unit(Fraction(7), "day") == expected


def test_in_unit_keeps_the_comparator():
    """Converting a threshold keeps its comparator."""
    converted = Target.parse("<2 weeks").in_unit(Fraction(7), "day")
    assert str(converted) == "<14 day"


# model, fields, error type, message (the last two are pydantic's own)
# fmt: off
BAD_FIELDS = [
    (RangeTarget, {"low": 5, "high": 5}, "reversed_range",
     "a range needs two different ends: 5 to 5"),  # empty range, in the parser's words
    (RangeTarget, {"low": 9, "high": 5}, "reversed_range",
     "a range runs from low to high: 9 to 5"),  # reversed range
    (ChangeTarget, {"amount": 0, "per": "month"}, "greater_than",
     "Input should be greater than 0"),  # no change
    (NoTarget, {"unit": "percent"}, "unexpected_unit",
     "this target has no figures to carry a unit"),  # no figure to carry a unit
    (NotApplicable, {"unit": "day"}, "unexpected_unit",
     "this target has no figures to carry a unit"),  # no figure to carry a unit
    (Target, {"value": 5}, "target_type",
     "a target is its text, such as '<18%' or '1700-2000'"),  # the base class takes text only
    (ThresholdTarget, {"value": 5, "colour": "red"}, "extra_forbidden",
     "Extra inputs are not permitted"),  # unknown field
    (ThresholdTarget, {"value": 1, "unit": "yes_no"}, "bad_yes_no",
     "a yes/no target is Yes (>=1) or No (<=0), not '1 yes_no'"),  # bare: no side
    (ThresholdTarget, {"value": 1, "comparator": "<=", "unit": "yes_no"}, "bad_yes_no",
     "a yes/no target is Yes (>=1) or No (<=0), not '<=1 yes_no'"),  # at most yes
    (ThresholdTarget, {"value": 2, "comparator": ">=", "unit": "yes_no"}, "bad_yes_no",
     "a yes/no target is Yes (>=1) or No (<=0), not '>=2 yes_no'"),  # neither yes nor no
]
# fmt: on


@pytest.mark.parametrize(("model", "fields", "code", "message"), BAD_FIELDS)
def test_fields_are_checked(model, fields, code, message):
    """Building a target from fields checks them, with a stable error type and a message."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(fields)
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["msg"] == message


def test_repr_names_the_public_class():
    """The repr shows kpi_scorecard.Target and the canonical text."""
    assert repr(Target.parse("1,700 to 2,000")) == "kpi_scorecard.Target('1700-2000')"
    assert repr(Target.parse("")) == "kpi_scorecard.Target('')"


def test_target_is_frozen():
    """A target cannot be changed once built."""
    target = Target.parse("<18%")
    with pytest.raises(ValidationError):
        target.value = N(20)


def test_json_is_the_canonical_text():
    """In JSON a target is its canonical text, and reads back to the right kind."""
    adapter = TypeAdapter(Target)
    assert adapter.dump_json(Target.parse("1900 (accumulative target)")) == b'"1900 (cumulative)"'
    assert adapter.validate_json(b'"100 per qtr"') == ChangeTarget(
        amount=N(100), per=ChangeInterval.QUARTER
    )
    assert TypeAdapter(RangeTarget).json_schema()["type"] == "string"


# --- malformed targets ---------------------------------------------------------------------

# text, code, the message the user reads
# fmt: off
MALFORMED = [
    ("<<18%", "unknown_target",
     "not a target notation kpi_scorecard knows: '<<18%'"),  # doubled operator
    ("18%%", "unknown_target",
     "not a target notation kpi_scorecard knows: '18%%'"),  # doubled percent sign
    ("2000-1700", "reversed_range",
     "a range runs from low to high: '2000-1700'"),  # range written high to low
    ("5-5", "empty_range",
     "a range needs two different ends: '5-5'"),  # range with equal ends
    ("12 bananas", "unknown_unit",
     "unknown unit 'bananas': '12 bananas'"),  # not a unit
    ("1 bananas-2 bananas", "unknown_unit",
     "unknown unit 'bananas': '1 bananas-2 bananas'"),  # not a unit, in a range
    ("12 square  Bananas", "unknown_unit",
     "unknown unit 'square  Bananas': '12 square  Bananas'"),  # not a unit, as typed
    ("1 week-2 Bananas", "unknown_unit",
     "unknown unit 'Bananas': '1 week-2 Bananas'"),  # the high end's unit
    ("(1900", "unbalanced_brackets",
     "unbalanced brackets in a target: '(1900'"),  # stray opening bracket
    ("1900 (accumulative target", "unbalanced_brackets",
     "unbalanced brackets in a target: '1900 (accumulative target'"),  # unclosed bracket
    ("1900)", "unbalanced_brackets",
     "unbalanced brackets in a target: '1900)'"),  # stray closing bracket
    ("0 per qtr", "bad_change",
     "a change target is a positive amount; polarity gives its direction: '0 per qtr'"),  # zero
    ("-5 per month", "bad_change",
     "a change target is a positive amount; polarity gives its direction: '-5 per month'"),  # sign
    ("1 week-2 day", "mixed_units",
     "the two ends of a range are in different units: '1 week-2 day'"),  # weeks and days
    ("5%-10 day", "mixed_units",
     "the two ends of a range are in different units: '5%-10 day'"),  # percent and days
    ("<18%\x00", "control_character",
     "control character in a target: '<18%\\x00' (at position 4)"),  # NUL
    ("\x07<18%", "control_character",
     "control character in a target: '\\x07<18%' (at position 0)"),  # bell
    (">", "unknown_target",
     "not a target notation kpi_scorecard knows: '>'"),  # operator alone
    ("%", "unknown_target",
     "not a target notation kpi_scorecard knows: '%'"),  # percent sign alone
    ("1e5", "unknown_target",
     "not a target notation kpi_scorecard knows: '1e5'"),  # exponent notation
    ("1,70", "unknown_target",
     "not a target notation kpi_scorecard knows: '1,70'"),  # misplaced thousands separator
    ("5 meter per second", "unsupported_unit",
     "unit 'meter per second' is 'meter / second', which a target cannot be written in: "
     "'5 meter per second'"),  # a speed, as typed and as pint names it
    ("5 square  meters", "unsupported_unit",
     "unit 'square  meters' is 'meter ** 2', which a target cannot be written in: "
     "'5 square  meters'"),  # an area, as typed
    ("about 20", "unknown_target",
     "not a target notation kpi_scorecard knows: 'about 20'"),  # words
    ("1 yes_no", "bad_yes_no",
     "a yes/no target is written 'Yes' or 'No', not as a number: '1 yes_no'"),  # the unit
    (">=1 yes/no", "unknown_target",
     "not a target notation kpi_scorecard knows: '>=1 yes/no'"),  # a slash is no unit word
    ("Y", "unknown_target",
     "not a target notation kpi_scorecard knows: 'Y'"),  # a letter, not declared
    ("Yes or No", "unknown_target",
     "not a target notation kpi_scorecard knows: 'Yes or No'"),  # both answers
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "message"), MALFORMED)
def test_malformed_targets_raise_target_parse_error(text, code, message):
    """A malformed target raises TargetParseError with a stable code and says why, quoting it."""
    with pytest.raises(TargetParseError) as caught:
        Target.parse(text)
    error = caught.value
    assert type(error) is TargetParseError
    assert isinstance(error, ParseError)
    assert isinstance(error, ValueError)
    assert isinstance(error, KpiScorecardError)
    assert error.code == code
    assert error.text == text
    assert str(error) == message


@pytest.mark.parametrize(("text", "code", "message"), MALFORMED)
def test_malformed_targets_in_a_setting(text, code, message):
    """Inside a TargetSetting a malformed target is a ValidationError with the same code."""
    with pytest.raises(ValidationError) as caught:
        TargetSetting(measure_ref="CSC002", period="2019/20", target=text)
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["loc"] == ("target",)
    assert caught.value.errors()[0]["msg"] == message


def test_example_scorecard_targets(example_rows):
    """Every target cell of the example scorecard reads, and reads back from its canonical text."""
    for row in example_rows:
        target = Target.parse(row["target"])
        assert Target.parse(str(target)) == target


# --- properties -----------------------------------------------------------------------------


@given(targets)
def test_text_round_trip(target):
    """Reading a target's canonical text gives the same target back."""
    again = Target.parse(str(target))
    assert again == target
    assert type(again) is type(target)


@given(targets)
def test_json_round_trip(target):
    """A target survives JSON as the base Target type."""
    adapter = TypeAdapter(Target)
    again = adapter.validate_json(adapter.dump_json(target))
    assert again == target
    assert type(again) is type(target)


@given(targets)
def test_subclass_json_round_trip(target):
    """A target read through its own class's adapter is the same target."""
    adapter = TypeAdapter(type(target))
    assert adapter.validate_json(adapter.dump_json(target)) == target
