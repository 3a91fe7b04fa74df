"""Figures written for people: rounding for reading, whatever the caller's decimal context."""

import decimal
from decimal import Decimal

import pytest

from kpi_scorecard._figures import group_thousands, show_amount, show_share, show_value


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("17", "percent", "17%"),  # whole
        ("17.5", "percent", "17.5%"),  # one decimal kept
        ("17.25", "percent", "17.25%"),  # two decimals kept
        ("6.125", "count", "6.12"),  # three decimals: rounded half to even
        ("6.135", "count", "6.14"),  # half to even, upward
        ("6.6666", "count", "6.67"),
        ("1700", "count", "1700"),  # trailing zeros of a whole number kept
        ("42", "day", "42 day"),
    ],
)
def test_show_value_rounds_to_two_decimals(value, unit, shown):
    """At most two decimals, half to even; the Assessment keeps the exact figure."""
    assert show_value(Decimal(value), unit) == shown


def test_rounding_ignores_the_callers_decimal_context():
    """A caller who set another rounding mode still reads the same sentences."""
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        assert show_value(Decimal("6.125"), "count") == "6.12"
        assert show_amount(Decimal("0.125"), "percent") == "0.12 points"
        assert show_share(Decimal("0.0125")) == "1.2%"


@pytest.mark.parametrize(
    ("share", "shown"),
    [("0.0235294", "2.4%"), ("0.0125", "1.2%"), ("0.0135", "1.4%"), ("1", "100%")],
)
def test_show_share_is_a_percentage_with_one_decimal(share, shown):
    """A share of the target is written as a percentage, one decimal, half to even."""
    assert show_share(Decimal(share)) == shown


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("1462", "count", "1,462"),  # as the council writes it
        ("999", "count", "999"),  # three digits: no separator
        ("1234567.891", "count", "1,234,567.89"),  # rounded first, then grouped
        ("-1382", "count", "-1,382"),  # a fall keeps its sign
        ("2335", "day", "2,335 day"),  # with its unit
        ("1250.5", "percent", "1,250.5%"),
        ("0.5", "count", "0.5"),
    ],
)
def test_grouped_figures_have_thousands_separators(value, unit, shown):
    """``grouped=True`` puts a comma between each three digits of the whole part."""
    assert show_value(Decimal(value), unit, grouped=True) == shown
    assert show_value(Decimal(value), unit) == shown.replace(",", "")  # the sentences' form


@pytest.mark.parametrize(
    ("text", "grouped"),
    [("0", "0"), ("1000", "1,000"), ("100000", "100,000"), ("-1000000.25", "-1,000,000.25")],
)
def test_group_thousands(text, grouped):
    """Digits of the whole part are grouped in threes from the point; the fraction is not."""
    assert group_thousands(text) == grouped
