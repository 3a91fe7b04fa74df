"""Target notations written in words, with qualifiers, for several periods, or not yet set."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import (
    BenchmarkRelation,
    BenchmarkTarget,
    ChangeInterval,
    ChangeTarget,
    Comparator,
    CumulativeTarget,
    DirectionTarget,
    NotApplicable,
    NoTarget,
    Period,
    RangeTarget,
    ScheduledTarget,
    Target,
    TargetBasis,
    TargetDirection,
    TargetParseError,
    TargetSetting,
    ThresholdTarget,
)
from strategies import decimals, target_units

N = Decimal
PCT = "percent"
LT, LE, GT, GE = Comparator.LT, Comparator.LE, Comparator.GT, Comparator.GE
QUARTERLY, MONTHLY, ANNUAL = TargetBasis.QUARTER, TargetBasis.MONTH, TargetBasis.YEAR
FY22, FY23 = Period.parse("2022/23"), Period.parse("2023/24")


def at(value, comparator=None, unit=None, **qualifiers):
    """A threshold target, for the tables."""
    return ThresholdTarget(value=N(value), comparator=comparator, unit=unit, **qualifiers)


def towards(direction, **qualifiers):
    """A direction target, for the tables."""
    return DirectionTarget(direction=TargetDirection(direction), **qualifiers)


def against(relation, benchmark):
    """A benchmark target, for the tables."""
    return BenchmarkTarget(relation=BenchmarkRelation(relation), benchmark=benchmark)


def schedule(*entries):
    """A scheduled target from (period label, target text) pairs."""
    return ScheduledTarget(entries=tuple((Period.parse(p), Target.parse(t)) for p, t in entries))


# text, expected target, canonical text
# fmt: off
NOTATIONS = [
    # comparators in words, before the figure
    ("Greater than 40%", at(40, GT, PCT), ">40%"),  # strict floor in words
    ("greater than or equal to 40%", at(40, GE, PCT), ">=40%"),  # floor, spelt out
    ("at least 90%", at(90, GE, PCT), ">=90%"),  # floor
    ("At Least 90 %", at(90, GE, PCT), ">=90%"),  # capitals, spaced percent
    ("minimum of 90%", at(90, GE, PCT), ">=90%"),  # floor as a minimum
    ("a minimum of 95%", at(95, GE, PCT), ">=95%"),  # with the article
    ("no less than 80%", at(80, GE, PCT), ">=80%"),  # floor, negated
    ("no fewer than 12", at(12, GE), ">=12"),  # floor of a count
    ("more than 7", at(7, GT), ">7"),  # strict floor
    ("above 60%", at(60, GT, PCT), ">60%"),  # strict floor, one word
    ("over 1,000", at(1000, GT), ">1000"),  # strict floor with a separator
    ("less than 10 days", at(10, LT, "day"), "<10 day"),  # strict ceiling in days
    ("fewer than 3", at(3, LT), "<3"),  # strict ceiling of a count
    ("below 5%", at(5, LT, PCT), "<5%"),  # strict ceiling, one word
    ("under 18%", at(18, LT, PCT), "<18%"),  # strict ceiling, another word
    ("no more than 5", at(5, LE), "<=5"),  # ceiling
    ("not more than 20 days", at(20, LE, "day"), "<=20 day"),  # ceiling in days
    ("up to 4", at(4, LE), "<=4"),  # ceiling as up to
    ("maximum of 5", at(5, LE), "<=5"),  # ceiling as a maximum
    ("a maximum of 2 weeks", at(2, LE, "week"), "<=2 week"),  # with the article, in weeks
    ("at most 3", at(3, LE), "<=3"),  # ceiling as at most
    ("within 5 days", at(5, LE, "day"), "<=5 day"),  # ceiling as within
    ("less than or equal to 8%", at(8, LE, PCT), "<=8%"),  # ceiling, spelt out
    ("not exceeding 12", at(12, LE), "<=12"),  # ceiling as not exceeding
    ("should not exceed 12 per year", at(12, LE, basis=ANNUAL), "<=12 (annual)"),  # with a basis
    ("must not exceed 4 per month", at(4, LE, basis=MONTHLY), "<=4 (monthly)"),  # monthly
    ("≥ 90%", at(90, GE, PCT), ">=90%"),  # typographic floor
    ("≤ 5", at(5, LE), "<=5"),  # typographic ceiling
    # comparators in words, after the figure
    ("90% or above", at(90, GE, PCT), ">=90%"),  # floor after the figure
    ("90% or more", at(90, GE, PCT), ">=90%"),  # floor, or more
    ("90% and above", at(90, GE, PCT), ">=90%"),  # floor, and above
    ("5 or less", at(5, LE), "<=5"),  # ceiling after the figure
    ("5 or fewer", at(5, LE), "<=5"),  # ceiling of a count
    ("2 days or below", at(2, LE, "day"), "<=2 day"),  # ceiling with a unit
    ("5 or more per month", at(5, GE, basis=MONTHLY), ">=5 (monthly)"),  # and a basis
    ("Maintain 8% or above", at(8, GE, PCT), ">=8%"),  # the verb is the floor
    ("Maintain at 95%", at(95, unit=PCT), "95%"),  # the verb on a bare figure
    ("achieve 70%", at(70, unit=PCT), "70%"),  # another verb
    # percent in words, zero, signs written apart
    ("90 per cent", at(90, unit=PCT), "90%"),  # per cent
    ("90 percent", at(90, unit=PCT), "90%"),  # percent
    ("at least 75 per cent", at(75, GE, PCT), ">=75%"),  # words and per cent
    ("zero", at(0, LE), "<=0"),  # at most nothing
    ("Zero", at(0, LE), "<=0"),  # capitalised
    ("No cases", at(0, LE), "<=0"),  # none at all
    ("nil", at(0, LE), "<=0"),  # nil
    ("> - 2.5%", at("-2.5", GT, PCT), ">-2.5%"),  # sign apart from its figure
    ("< - 1", at(-1, LT), "<-1"),  # sign apart, ceiling
    ("<= + 3", at(3, LE), "<=3"),  # plus sign apart
    # qualifiers in brackets
    ("4 days (quarterly target)", at(4, unit="day", basis=QUARTERLY), "4 day (quarterly)"),  # basis
    ("90% (annual)", at(90, unit=PCT, basis=ANNUAL), "90% (annual)"),  # annual basis
    ("12 (monthly target)", at(12, basis=MONTHLY), "12 (monthly)"),  # monthly basis
    ("90% (2022-23)", at(90, unit=PCT, period=FY22), "90% (2022/23)"),  # the year it is for
    ("<18% (target for 2023/24)", at(18, LT, PCT, period=FY23), "<18% (2023/24)"),  # spelt out
    ("95% (2022/23 target)", at(95, unit=PCT, period=FY22), "95% (2022/23)"),  # year, target
    ("4 days (quarterly target) (2022-23)",
     at(4, unit="day", basis=QUARTERLY, period=FY22), "4 day (quarterly) (2022/23)"),  # both
    ("1700-2000 (2022/23)", RangeTarget(low=N(1700), high=N(2000), period=FY22),
     "1700-2000 (2022/23)"),  # a range for a year
    ("1900 (cumulative) (2023/24)", CumulativeTarget(value=N(1900), period=FY23),
     "1900 (cumulative) (2023/24)"),  # cumulative for a year
    ("100 per qtr (2022/23)", ChangeTarget(amount=N(100), per=ChangeInterval.QUARTER, period=FY22),
     "100 per quarter (2022/23)"),  # change for a year
    ("2022/23: 90%", at(90, unit=PCT, period=FY22), "90% (2022/23)"),  # one period and a colon
    # two targets for two years in one cell
    ("2022/23: 90%, 2023/24: 92%", schedule(("2022/23", "90%"), ("2023/24", "92%")),
     "2022/23: 90%; 2023/24: 92%"),  # commas
    ("2022/23: 90%; 2023/24: 92%", schedule(("2022/23", "90%"), ("2023/24", "92%")),
     "2022/23: 90%; 2023/24: 92%"),  # canonical
    ("2022/23: 90% 2023/24: 92%", schedule(("2022/23", "90%"), ("2023/24", "92%")),
     "2022/23: 90%; 2023/24: 92%"),  # a line break, joined with a space
    ("90% (2022-23) 92% (2023-24)", schedule(("2022/23", "90%"), ("2023/24", "92%")),
     "2022/23: 90%; 2023/24: 92%"),  # bracketed years
    ("90% (2022-23), 92% (2023-24)", schedule(("2022/23", "90%"), ("2023/24", "92%")),
     "2022/23: 90%; 2023/24: 92%"),  # bracketed years and a comma
    ("2022/23: 1,700, 2023/24: 2,000", schedule(("2022/23", "1700"), ("2023/24", "2000")),
     "2022/23: 1700; 2023/24: 2000"),  # separators in the figures
    ("Q1 2022/23: <5 Q2 2022/23: <4", schedule(("Q1 2022/23", "<5"), ("Q2 2022/23", "<4")),
     "Q1 2022/23: <5; Q2 2022/23: <4"),  # quarters, two words each
    ("2022/23: at least 90%; 2023/24: TBC", schedule(("2022/23", ">=90%"), ("2023/24", "TBC")),
     "2022/23: >=90%; 2023/24: TBC"),  # words, and a year not set yet
    ("2022/23: 4 days (quarterly); 2023/24: 3 days (quarterly)",
     schedule(("2022/23", "4 day (quarterly)"), ("2023/24", "3 day (quarterly)")),
     "2022/23: 4 day (quarterly); 2023/24: 3 day (quarterly)"),  # each with a basis
    # direction only
    ("Increase", towards("increase"), "Increase"),  # rise
    ("increase on last year", towards("increase"), "Increase"),  # rise on last year
    ("Reduce", towards("reduce"), "Reduce"),  # fall
    ("Reduce the number", towards("reduce"), "Reduce"),  # fall, of a count
    ("Decrease", towards("reduce"), "Reduce"),  # fall, another verb
    ("Reduction", towards("reduce"), "Reduce"),  # fall, as a noun
    ("Maintain", towards("maintain"), "Maintain"),  # no worse
    ("Maintain performance", towards("maintain"), "Maintain"),  # no worse, spelt out
    ("Maintain or improve", towards("maintain"), "Maintain"),  # no worse is the bar
    ("Improve", towards("improve"), "Improve"),  # better, by polarity
    ("Improvement", towards("improve"), "Improve"),  # better, as a noun
    ("Increase (2022/23)", towards("increase", period=FY22), "Increase (2022/23)"),  # dated
    # benchmarks
    ("Top quartile", against("in", "top quartile"), "Top quartile"),  # quartile
    ("Upper quartile", against("in", "top quartile"), "Top quartile"),  # the same quartile
    ("In the top quartile", against("in", "top quartile"), "Top quartile"),  # in words
    ("Better than England average", against("better than", "England average"),
     "Better than England average"),  # England
    ("Better than national average", against("better than", "national average"),
     "Better than national average"),  # national
    ("better than the national average", against("better than", "national average"),
     "Better than national average"),  # with the article
    ("In line with statistical neighbours", against("in line with", "statistical neighbours"),
     "In line with statistical neighbours"),  # neighbours
    ("Below the 3-year average", against("below", "3-year average"),
     "Below 3-year average"),  # the measure's own history
    ("Above regional average", against("above", "regional average"),
     "Above regional average"),  # region
    ("England average", against("in line with", "England average"),
     "In line with England average"),  # an average on its own
    # placeholders
    ("TBC", NoTarget(text="TBC"), "TBC"),  # to be confirmed
    ("TBA", NoTarget(text="TBA"), "TBA"),  # to be announced
    ("tbc", NoTarget(text="tbc"), "tbc"),  # kept as written
    ("-", NoTarget(text="-"), "-"),  # a dash
    ("–", NoTarget(text="–"), "–"),  # an en dash
    ("To be set", NoTarget(text="To be set"), "To be set"),  # in words
    ("To be confirmed", NoTarget(text="To be confirmed"), "To be confirmed"),  # in words
    ("Not set", NoTarget(text="Not set"), "Not set"),  # not set
    ("  To  be   set ", NoTarget(text="To be set"), "To be set"),  # spaces squeezed
]
# fmt: on


@pytest.mark.parametrize(("text", "expected", "canonical"), NOTATIONS)
def test_notation_reads_to_the_expected_target(text, expected, canonical):
    """Each notation reads to the expected kind of target, with the expected parts."""
    target = Target.parse(text)
    assert target == expected
    assert type(target) is type(expected)


@pytest.mark.parametrize(("text", "expected", "canonical"), NOTATIONS)
def test_notation_is_written_canonically_and_reads_back(text, expected, canonical):
    """Each target is written in its canonical text, which reads back to the same target."""
    assert str(Target.parse(text)) == canonical
    again = Target.parse(canonical)
    assert again == expected
    assert type(again) is type(expected)


# text, canonical text: notations whose meaning did not change
EXISTING = [
    ("<18%", "<18%"),  # ceiling
    ("85%", "85%"),  # bare
    ("1,700 to 2,000", "1700-2000"),  # range
    ("-5 to 5", "-5 to 5"),  # range from below zero
    ("1900 (accumulative target)", "1900 (cumulative)"),  # cumulative
    ("100 per qtr", "100 per quarter"),  # change
    ("12 per year", "12 per year"),  # a figure per year with no comparator is still a change
    ("N/A", "N/A"),  # not applicable
    ("", ""),  # no target
]


@pytest.mark.parametrize(("text", "canonical"), EXISTING)
def test_existing_canonical_forms_are_unchanged(text, canonical):
    """The notations read before keep their kinds and canonical texts."""
    target = Target.parse(text)
    assert str(target) == canonical
    assert target.basis is None
    assert target.period is None


def test_no_target_without_text_is_the_empty_cell():
    """NoTarget() is still the empty cell; a placeholder is a NoTarget that keeps its text."""
    assert Target.parse("") == NoTarget() == NoTarget(text="")
    assert Target.parse("TBC") != NoTarget()
    assert not Target.parse("TBC").rated
    assert TypeAdapter(Target).dump_json(NoTarget()) == b'""'


@pytest.mark.parametrize(
    ("text", "rated"),
    [
        ("Increase", True),  # rated on the direction of travel
        ("Top quartile", False),  # needs comparator data
        ("2022/23: 90%; 2023/24: 92%", True),  # rated by the entry in force
        ("90% (annual)", True),  # a qualified threshold
        ("TBC", False),  # no target yet
    ],
)
def test_rated(text, rated):
    """Direction, schedule and qualified targets rate a value; benchmarks and placeholders not."""
    assert Target.parse(text).rated is rated


# --- reading the periods a cell sets -------------------------------------------------------


def test_dated_gives_the_cell_period_or_the_default():
    """A target names its own period when the cell says one; otherwise the default."""
    default = Period.parse("2021/22")
    assert Target.parse("90%").dated(default) == ((default, at(90, unit=PCT)),)
    assert Target.parse("90% (2022-23)").dated(default) == ((FY22, at(90, unit=PCT, period=FY22)),)


def test_a_schedule_is_dated_entry_by_entry():
    """A schedule gives one (period, target) pair per entry, each target naming its period."""
    target = Target.parse("2022/23: 90%, 2023/24: TBC")
    pairs = target.dated(Period.parse("2021/22"))
    assert pairs == ((FY22, at(90, unit=PCT, period=FY22)), (FY23, NoTarget(text="TBC")))
    settings = [TargetSetting(measure_ref="A1", period=p, target=t) for p, t in pairs]
    assert [str(s.target) for s in settings] == ["90% (2022/23)", "TBC"]


def test_a_schedule_finds_the_entry_in_force():
    """for_period and entry_period find the entry whose period contains the one asked."""
    target = Target.parse("2022/23: <5, 2023/24: <4")
    q3 = Period.parse("Q3 2023/24")
    assert target.for_period(q3) == at(4, LT)
    assert target.entry_period(q3) == FY23
    assert target.for_period(Period.parse("2024/25")) is None
    assert target.entry_period(Period.parse("2024/25")) is None


def test_a_schedule_shares_and_converts_its_unit():
    """A schedule's unit is its entries'; converting it leaves the unitless entries alone."""
    target = Target.parse("2022/23: 2 weeks; 2023/24: 10")
    assert target.unit == "week"
    converted = target.in_unit(Fraction(7), "day")
    assert str(converted) == "2022/23: 14 day; 2023/24: 10"
    assert converted.unit == "day"


def test_a_schedule_built_from_text_takes_its_entries_unit():
    """Built from fields in text, as JSON gives them, a schedule takes its entries' unit."""
    target = ScheduledTarget.model_validate({"entries": [["2022/23", "90%"], ["2023/24", "9"]]})
    assert target.unit == PCT
    assert target == Target.parse("2022/23: 90%; 2023/24: 9")


def test_qualifiers_survive_a_unit_conversion():
    """Converting a qualified target keeps its basis and period."""
    converted = Target.parse("2 weeks (quarterly) (2022/23)").in_unit(Fraction(7), "day")
    assert str(converted) == "14 day (quarterly) (2022/23)"


# --- malformed -------------------------------------------------------------------------------

_SHAPE = "a target for several periods is written 'period: target; period: target'"

# text, code, the message the user reads
# fmt: off
MALFORMED = [
    ("at least 90% or more", "two_comparators",
     "a threshold has one comparator, not two: 'at least 90% or more'"),  # words both sides
    (">5 or above", "two_comparators",
     "a threshold has one comparator, not two: '>5 or above'"),  # symbol and words
    ("90% (foo)", "unknown_qualifier",
     "(foo) is neither a basis (quarterly, annual) nor a period: '90% (foo)'"),  # unknown
    ("90% (Next  Year)", "unknown_qualifier",
     "(Next  Year) is neither a basis (quarterly, annual) nor a period: '90% (Next  Year)'"),
    ("90% (annual) (quarterly)", "repeated_qualifier",
     "a target has one basis; (annual) is another: '90% (annual) (quarterly)'"),  # two bases
    ("90% (2022-23) (2023/24)", "repeated_qualifier",
     "a target has one period; (2022-23) is another: '90% (2022-23) (2023/24)'"),  # two periods
    ("5 or more per month (annual)", "repeated_qualifier",
     "a target has one basis: '5 or more per month (annual)'"),  # per month, then annual
    ("90% (a (b))", "unknown_target",
     "brackets inside brackets: '90% (a (b))'"),  # nested brackets
    ("100 per qtr (quarterly)", "repeated_qualifier",
     "a change target's interval is its basis: '100 per qtr (quarterly)'"),  # a change's basis
    ("(2022-23)", "bare_qualifier",
     "a qualifier with no target: '(2022-23)'"),  # a qualifier alone
    ("N/A (2022-23)", "bare_qualifier",
     "'N/A' sets no target, so takes no qualifier: 'N/A (2022-23)'"),  # N/A, dated
    ("TBC (annual)", "bare_qualifier",
     "'TBC' sets no target, so takes no qualifier: 'TBC (annual)'"),  # a placeholder's basis
    ("2023/24: 92%; 2022/23: 90%", "schedule_order",
     "the periods of a schedule run in order without overlapping: 2022/23 after 2023/24: "
     "'2023/24: 92%; 2022/23: 90%'"),  # years reversed
    ("90% (2022-23) 92% (2022-23)", "schedule_order",
     "the periods of a schedule run in order without overlapping: 2022/23 after 2022/23: "
     "'90% (2022-23) 92% (2022-23)'"),  # the same year twice
    ("2022/23: 90% (2023/24); 2023/24: 92%", "schedule_entry",
     "the target for 2022/23 names a period of its own: "
     "'2022/23: 90% (2023/24); 2023/24: 92%'"),  # two periods for one entry
    ("2022/23: ; 2023/24: 92%", "schedule_entry",
     "no target is given for 2022/23: '2022/23: ; 2023/24: 92%'"),  # a missing entry
    ("2022/23:", "schedule_entry",
     "no target is given for 2022/23: '2022/23:'"),  # a period and nothing
    ("Soon: 90%", "bad_schedule",
     f"'Soon' is not a period label; {_SHAPE}: 'Soon: 90%'"),  # not a period
    ("2022/23: 90%: 92%", "bad_schedule",
     f"{_SHAPE}: '2022/23: 90%: 92%'"),  # a colon too many
    (": 90%", "bad_schedule",
     f"{_SHAPE}: ': 90%'"),  # no period before the colon
    ("2022/23: 90%; 2023/24: 5 days", "mixed_units",
     "the targets of a schedule are in different units: "
     "'2022/23: 90%; 2023/24: 5 days'"),  # percent then days
    ("2022/23: 90%; 2023/24: 12 bananas", "unknown_unit",
     "unknown unit 'bananas': '2022/23: 90%; 2023/24: 12 bananas'"),  # an entry's unit
    ("2022/23: 90%;  2023/24: 12  Bananas", "unknown_unit",
     "unknown unit 'Bananas': '2022/23: 90%;  2023/24: 12  Bananas'"),  # quoted as typed
    ("Better than top quartile", "unknown_target",
     "a target is in the top quartile, or set against an average: "
     "'Better than top quartile'"),  # a quartile is a place to be in
    ("In England average", "unknown_target",
     "a target is in the top quartile, or set against an average: 'In England average'"),
    ("Better than Wales average", "unknown_target",
     "not a target notation kpi_scorecard knows: 'Better than Wales average'"),  # unknown group
    ("> - -2", "unknown_target",
     "not a target notation kpi_scorecard knows: '> - -2'"),  # two signs
    ("- 12 per year", "unknown_target",
     "not a target notation kpi_scorecard knows: '- 12 per year'"),  # a change has no sign
    ("at least", "unknown_target",
     "not a target notation kpi_scorecard knows: 'at least'"),  # words without a figure
    ("Increase by", "unknown_target",
     "not a target notation kpi_scorecard knows: 'Increase by'"),  # a verb without a figure
    ("90% (2022-23),, 92% (2023-24)", "unknown_target",
     "not a target notation kpi_scorecard knows: '90% (2022-23),, 92% (2023-24)'"),  # doubled
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "message"), MALFORMED)
def test_malformed_notation_raises_target_parse_error(text, code, message):
    """A malformed notation raises TargetParseError with a stable code, quoting the text."""
    with pytest.raises(TargetParseError) as caught:
        Target.parse(text)
    assert type(caught.value) is TargetParseError
    assert caught.value.code == code
    assert caught.value.text == text
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "code", "message"), MALFORMED)
def test_malformed_notation_in_a_setting(text, code, message):
    """Inside a TargetSetting a malformed notation is a ValidationError with the same code."""
    with pytest.raises(ValidationError) as caught:
        TargetSetting(measure_ref="CSC002", period="2019/20", target=text)
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["msg"] == message


# value, the message
NOT_TEXT = [
    (5, "a target must be text, not int: 5"),  # a number
    (None, "a target must be text, not None: None"),  # nothing
    (b"TBC", "a target must be text, not bytes: b'TBC'"),  # bytes
    (2.5, "a target must be text, not float: 2.5"),  # a float
]


@pytest.mark.parametrize(("value", "message"), NOT_TEXT)
def test_non_text_is_a_typed_error_naming_the_type(value, message):
    """Given something other than text, parse raises not_text naming the type."""
    with pytest.raises(TargetParseError) as caught:
        Target.parse(value)
    assert caught.value.code == "not_text"
    assert str(caught.value) == message


# model, fields, error type, message
# fmt: off
BAD_FIELDS = [
    (NoTarget, {"text": "soon"}, "not_a_placeholder",
     "'soon' is not a placeholder such as 'TBC' or 'To be set'"),  # not a placeholder
    (NoTarget, {"text": " TBC"}, "not_a_placeholder",
     "' TBC' is not a placeholder such as 'TBC' or 'To be set'"),  # not squeezed
    (NoTarget, {"basis": "annual"}, "unexpected_qualifier",
     "a basis or period qualifies a target; there is none here"),  # nothing to qualify
    (NotApplicable, {"period": "2022/23"}, "unexpected_qualifier",
     "a basis or period qualifies a target; there is none here"),  # nothing to qualify
    (ChangeTarget, {"amount": 1, "per": "month", "basis": "monthly"}, "unexpected_qualifier",
     "a change target's interval is its basis"),  # a change has its interval
    (DirectionTarget, {"direction": "increase", "unit": "day"}, "unexpected_unit",
     "this target has no figures to carry a unit"),  # no figure
    (BenchmarkTarget, {"relation": "above", "benchmark": "Wales average"}, "unknown_benchmark",
     "'Wales average' is not a benchmark"),  # unknown benchmark
    (BenchmarkTarget, {"relation": "above", "benchmark": "top quartile"}, "unknown_benchmark",
     "a target is in the top quartile, and better than, in line with, above or below an "
     "average"),  # a quartile is a place to be in
    (ScheduledTarget, {"entries": [("2022/23", "90%")]}, "bad_schedule",
     "a schedule sets targets for two periods or more"),  # one entry
    (ScheduledTarget, {"entries": [("2022/23", "90%"), ("2023/24", "")]}, "schedule_entry",
     "no target is given for 2023/24"),  # an empty entry
    (ScheduledTarget, {"entries": [("2022/23", "90% (2022/23)"), ("2023/24", "5")]},
     "schedule_entry", "the target for 2022/23 names a period of its own"),  # entry's period
    (ScheduledTarget, {"entries": [("2023/24", "90%"), ("2022/23", "5")]}, "schedule_order",
     "the periods of a schedule run in order without overlapping: 2022/23 after 2023/24"),
    (ScheduledTarget, {"entries": [("2022/23", "90%"), ("2023/24", "5 day")]}, "mixed_units",
     "the unit of a schedule is the one its entries share"),  # two units
    (ScheduledTarget, {"entries": [("2022/23", "9"), ("2023/24", "5")], "period": "2022/23"},
     "unexpected_qualifier", "each entry of a schedule carries its own qualifiers"),  # dated
]
# fmt: on


@pytest.mark.parametrize(("model", "fields", "code", "message"), BAD_FIELDS)
def test_fields_are_checked(model, fields, code, message):
    """Building a new kind from fields checks them, with a stable error type and a message."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(fields)
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["msg"] == message


# --- properties ------------------------------------------------------------------------------

_default_years = st.integers(min_value=1990, max_value=2060).map(Period.financial_year)
bases = st.one_of(st.none(), st.sampled_from(TargetBasis))
periods = st.one_of(st.none(), _default_years)
qualified_thresholds = st.builds(
    ThresholdTarget,
    value=decimals,
    comparator=st.one_of(st.none(), st.sampled_from(Comparator)),
    unit=target_units,
    basis=bases,
    period=periods,
)
directions = st.builds(DirectionTarget, direction=st.sampled_from(TargetDirection), period=periods)
benchmarks = st.one_of(
    st.just(against("in", "top quartile")),
    st.builds(
        BenchmarkTarget,
        relation=st.sampled_from([r for r in BenchmarkRelation if r is not BenchmarkRelation.IN]),
        benchmark=st.sampled_from(
            ["England average", "national average", "statistical neighbours", "5-year average"]
        ),
    ),
)
placeholders = st.sampled_from(["TBC", "tba", "-", "To be set", "Not set", "To be confirmed"]).map(
    lambda text: NoTarget(text=text)
)
_entry_targets = st.one_of(
    st.builds(
        ThresholdTarget,
        value=decimals,
        comparator=st.one_of(st.none(), st.sampled_from(Comparator)),
        unit=st.sampled_from([None, "percent"]),
        basis=bases,
    ),
    directions.filter(lambda t: t.period is None),
    placeholders,
    st.just(NotApplicable()),
)


@st.composite
def schedules(draw):
    """A schedule of two to four successive financial years."""
    first = draw(st.integers(min_value=1990, max_value=2060))
    count = draw(st.integers(min_value=2, max_value=4))
    entries = tuple(
        (Period.financial_year(first + index), draw(_entry_targets)) for index in range(count)
    )
    return ScheduledTarget(entries=entries)


new_targets = st.one_of(qualified_thresholds, directions, benchmarks, placeholders, schedules())


@given(new_targets)
def test_text_round_trip(target):
    """Reading a new kind's canonical text gives the same target back."""
    again = Target.parse(str(target))
    assert again == target
    assert type(again) is type(target)


@given(new_targets)
def test_json_round_trip(target):
    """A new kind survives JSON as the base Target type, as its canonical text."""
    adapter = TypeAdapter(Target)
    dumped = adapter.dump_json(target)
    assert dumped == f'"{target!s}"'.encode()
    again = adapter.validate_json(dumped)
    assert again == target
    assert type(again) is type(target)
