import decimal
import subprocess
import sys
import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import kpi_scorecard
from kpi_scorecard import KpiScorecardError, UnitError
from kpi_scorecard._units import (
    _lookup,
    canonical_unit,
    conversion_factor,
    scale,
    unit_registry,
)

PACKAGE_PARENT = str(Path(kpi_scorecard.__file__).resolve().parent.parent)


def _run_fresh(code: str) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh interpreter that imports this kpi_scorecard."""
    script = f"import sys\nsys.path.insert(0, {PACKAGE_PARENT!r})\n" + textwrap.dedent(code)
    return subprocess.run(  # noqa: S603 - runs this interpreter on a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )


@pytest.mark.subprocess
def test_import_does_not_import_pint():
    """Importing kpi_scorecard in a fresh interpreter does not import pint."""
    result = _run_fresh(
        """
        import kpi_scorecard
        assert kpi_scorecard.__file__.startswith(sys.path[0]), kpi_scorecard.__file__
        print("pint" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.subprocess
def test_everyday_units_do_not_build_the_registry():
    """Naming %, count or percent, in a measure or a target, builds no pint registry."""
    result = _run_fresh(
        """
        import kpi_scorecard
        from kpi_scorecard import _units, Measure, Target
        assert _units.canonical_unit("%") == "percent"
        assert _units.canonical_unit("count") == "count"
        Measure(reference="CSC002", unit="%")
        Measure(reference="CSC001", unit="count")
        Target.parse("<18%")
        Target.parse("1700-2000")
        print(_units._registry is None, "pint" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True False"


@pytest.mark.subprocess
def test_other_units_build_the_registry_once():
    """Naming a time unit builds the registry, and later calls reuse the same one."""
    result = _run_fresh(
        """
        from kpi_scorecard import _units
        assert _units.canonical_unit("weeks") == "week"
        first = _units._registry
        assert _units.canonical_unit("hours") == "hour"
        print(first is not None, first is _units._registry, first is _units.unit_registry())
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True True"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("%", "percent"),  # percent sign
        ("percent", "percent"),  # word
        ("Percentage", "percent"),  # any case
        ("count", "count"),  # count
        ("Number", "count"),  # number of things
        ("£", "GBP"),  # pound sign
        ("gbp", "GBP"),  # currency code
        ("€", "EUR"),  # euro sign
        ("$", "USD"),  # dollar sign
        (" % ", "percent"),  # spaces around
        ("weeks", "week"),  # plural
        ("day", "day"),  # singular
        ("hours", "hour"),  # plural
        ("min", "minute"),  # abbreviation
    ],
)
def test_canonical_unit(text, canonical):
    """canonical_unit maps a written unit to its canonical name."""
    assert canonical_unit(text) == canonical


# written unit, the message
UNKNOWN_UNITS = [
    ("bananas", "unknown unit 'bananas'"),  # not a unit
    ("", "a unit name is empty"),  # empty
    ("   ", "a unit name is empty"),  # blank
    ("dimensionless", "unknown unit 'dimensionless'"),  # pint's pure number, not a scorecard unit
    ("meter +", "unknown unit 'meter +'"),  # not a unit expression
    ("(", "unknown unit '('"),  # pint's tokenizer raises tokenize.TokenError (found by fuzzing)
    (")", "unknown unit ')'"),  # unbalanced the other way
    ("m**", "unknown unit 'm**'"),  # an operator with nothing after it
    ("1/0", "unknown unit '1/0'"),  # a division by zero, not a crash
]


@pytest.mark.parametrize(("text", "message"), UNKNOWN_UNITS)
def test_unknown_units(text, message):
    """canonical_unit raises UnitError (a ValueError) with code unknown_unit, naming the unit.

    Whatever pint's expression parser raises, the library raises UnitError.
    """
    with pytest.raises(UnitError) as caught:
        canonical_unit(text)
    assert caught.value.code == "unknown_unit"
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, KpiScorecardError)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("week", "day", Decimal(7)),  # weeks to days
        ("weeks", "days", Decimal(7)),  # written units
        ("hour", "minute", Decimal(60)),  # hours to minutes
        ("day", "hour", Decimal(24)),  # days to hours
        ("percent", "percent", Decimal(1)),  # same unit
        ("%", "percent", Decimal(1)),  # same unit, written differently
        ("count", "count", Decimal(1)),  # same unit
        ("GBP", "£", Decimal(1)),  # same currency
        ("degC", "degree_Celsius", Decimal(1)),  # same temperature scale
        ("delta_degC", "kelvin", Decimal(1)),  # a temperature difference
    ],
)
def test_conversion_factor(source, target, factor):
    """conversion_factor gives the exact factor between compatible units."""
    assert conversion_factor(source, target) == factor


# source unit, target unit, the message (which names the canonical units)
# fmt: off
INCOMPATIBLE = [
    ("percent", "count",
     "a figure in 'percent' cannot be converted to 'count'"),  # both dimensionless to pint
    ("count", "percent",
     "a figure in 'count' cannot be converted to 'percent'"),  # the other way
    ("percent", "day",
     "a figure in 'percent' cannot be converted to 'day'"),  # percent is not a time
    ("day", "count",
     "a figure in 'day' cannot be converted to 'count'"),  # a time is not a count
    ("day", "GBP",
     "a figure in 'day' cannot be converted to 'GBP'"),  # a time is not money
    ("weeks", "£",
     "a figure in 'week' cannot be converted to 'GBP'"),  # named canonically, not as written
    ("GBP", "EUR",
     "a figure in 'GBP' cannot be converted to 'EUR'"),  # no fixed rate between currencies
    ("degC", "kelvin",
     "a figure in 'degree_Celsius' cannot be converted to 'kelvin'"),  # 20 degC is 293.15 K
    ("kelvin", "degC",
     "a figure in 'kelvin' cannot be converted to 'degree_Celsius'"),  # nor the other way
    ("degF", "degC",
     "a figure in 'degree_Fahrenheit' cannot be converted to 'degree_Celsius'"),  # two scales
]
# fmt: on


@pytest.mark.parametrize(("source", "target", "message"), INCOMPATIBLE)
def test_incompatible_units(source, target, message):
    """conversion_factor raises UnitError with code incompatible_unit for unrelated units."""
    with pytest.raises(UnitError) as caught:
        conversion_factor(source, target)
    assert caught.value.code == "incompatible_unit"
    assert str(caught.value) == message


def test_conversion_to_a_larger_unit_is_exact():
    """Fourteen days converted to weeks is exactly two weeks: the factor is a fraction."""
    assert conversion_factor("day", "week") == Fraction(1, 7)
    assert scale(Decimal(14), conversion_factor("day", "week")) == Decimal(2)
    assert scale(Decimal(140), conversion_factor("day", "week")) == Decimal(20)


@pytest.mark.parametrize(
    ("value", "factor", "expected"),
    [
        (Decimal(3), Fraction(1, 2), Decimal("1.5")),  # a half: weeks to fortnights
        (Decimal(4), Fraction(3, 2), Decimal(6)),  # numerator and denominator both count
        (Decimal(5), Fraction(7), Decimal(35)),  # a whole factor: weeks to days
    ],
)
def test_scale_multiplies_then_divides(value, factor, expected):
    """``scale`` applies the whole fraction, whatever its numerator and denominator."""
    assert scale(value, factor) == expected


def test_registry_is_one_object():
    """unit_registry() returns the same registry every time."""
    assert unit_registry() is unit_registry()


# source unit, target unit, the exact factor from the units' legal definitions
EXACT_FACTORS = [
    ("foot", "metre", Fraction("0.3048")),  # international foot, exactly
    ("inch", "centimetre", Fraction("2.54")),  # international inch
    ("yard", "metre", Fraction("0.9144")),  # international yard
    ("mile", "kilometre", Fraction("1.609344")),  # international mile
    ("kilometre", "mile", 1 / Fraction("1.609344")),  # the other way
    ("imperial_gallon", "litre", Fraction("4.54609")),  # UK gallon
    ("gallon", "litre", Fraction("3.785411784")),  # US gallon: 231 cubic inches
    ("imperial_pint", "litre", Fraction("0.56826125")),  # UK pint
    ("pound", "kilogram", Fraction("0.45359237")),  # international pound
    ("stone", "kilogram", Fraction("6.35029318")),  # 14 pounds
    ("ounce", "gram", Fraction("28.349523125")),  # a sixteenth of a pound
    ("tonnes", "kilogram", Fraction(1000)),  # metric ton
    ("hectare", "square metre", Fraction(10000)),  # 100 ares
    ("square mile", "hectare", Fraction("258.9988110336")),  # 640 acres of the mile
    ("kWh", "megajoule", Fraction("3.6")),  # a kilowatt for an hour
    ("mph", "km/h", Fraction("1.609344")),  # a compound unit
    ("week", "hour", Fraction(168)),  # time
    ("day", "minute", Fraction(1440)),  # time
    ("hour", "second", Fraction(3600)),  # time
    ("millisecond", "second", Fraction(1, 1000)),  # a prefix below one
]


@pytest.mark.parametrize(("source", "target", "factor"), EXACT_FACTORS)
def test_conversion_factors_are_exact(source, target, factor):
    """Each factor is the exact fraction of the units' definitions, not pint's float."""
    assert conversion_factor(source, target) == factor


def test_a_foot_is_exactly_0_3048_metres():
    """One foot converted to metres is 0.3048 exactly, so it is on a 0.3048 m threshold."""
    assert scale(Decimal(1), conversion_factor("foot", "metre")) == Decimal("0.3048")


def test_scale_ignores_the_caller_context():
    """``scale`` gives the same figure under a context of three digits that traps rounding."""
    hostile = decimal.Context(prec=3, traps=[decimal.Inexact, decimal.Rounded])
    expected = scale(Decimal("123456.789"), conversion_factor("mile", "kilometre"))
    with decimal.localcontext(hostile):
        assert scale(Decimal("123456.789"), conversion_factor("mile", "kilometre")) == expected
    assert expected == Decimal("198684.442636416")  # 123456.789 times 1.609344


# written unit, code, the message
REFUSED_UNITS = [
    ("x" * 65, "unit_too_long", "a unit name has at most 64 characters, not 65"),  # one over
    ("m" * 32000, "unit_too_long",
     "a unit name has at most 64 characters, not 32000"),  # what made pint take seconds
    (f" {'s' * 70} ", "unit_too_long",
     "a unit name has at most 64 characters, not 70"),  # counted without the spaces around
    (5, "not_text", "a unit must be text, not int: 5"),  # a number
    (None, "not_text", "a unit must be text, not None: None"),  # nothing
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "message"), REFUSED_UNITS)
def test_refused_unit_texts(text, code, message):
    """A unit name too long for pint, or not text at all, is a UnitError that says so."""
    with pytest.raises(UnitError) as caught:
        canonical_unit(text)
    assert caught.value.code == code
    assert str(caught.value) == message


def test_a_unit_of_64_characters_is_asked_of_pint():
    """A name of exactly 64 characters is looked up, and is unknown rather than too long."""
    with pytest.raises(UnitError) as caught:
        canonical_unit("q" * 64)
    assert caught.value.code == "unknown_unit"


def test_each_unit_text_is_looked_up_once(monkeypatch):
    """A unit text, known or not, asks pint once; later calls reuse the answer."""
    registry = unit_registry()
    calls = []
    original = registry.parse_units

    def counting(text):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(registry, "parse_units", counting)
    _lookup.cache_clear()
    for _ in range(3):
        assert canonical_unit("fortnights") == "fortnight"
        with pytest.raises(UnitError):
            canonical_unit("wombats")
    assert calls == ["fortnights", "wombats"]
