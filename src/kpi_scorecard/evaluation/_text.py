"""Figures written for people: ``17%``, ``2 points``, ``1,382``, ``6 day``."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from kpi_scorecard._numbers import format_decimal
from kpi_scorecard._units import COUNT, PERCENT, YES_NO
from kpi_scorecard._value import Band

__all__ = ["show_amount", "show_share", "show_value"]

_HUNDREDTH = Decimal("0.01")
_TENTH = Decimal("0.1")


def _rounded(number: Decimal) -> str:
    """At most two decimals, for reading; the Assessment keeps the exact figure."""
    text = format_decimal(number)
    point = text.find(".")
    if point == -1 or len(text) - point <= 3:
        return text
    return format_decimal(number.quantize(_HUNDREDTH, rounding=ROUND_HALF_EVEN))


def show_value(value: Decimal | Band, unit: str) -> str:
    """Write a value or band in its unit.

    >>> show_value(Decimal("17"), "percent"), show_value(Band(low=97, high=99), "percent")
    ('17%', '97%-99%')
    >>> show_value(Decimal("6.6666"), "count"), show_value(Decimal("42"), "day")
    ('6.67', '42 day')
    >>> show_value(Decimal(1), "yes_no"), show_value(Decimal(0), "yes_no")
    ('Yes', 'No')
    """
    if isinstance(value, Band):
        return f"{show_value(value.low, unit)}-{show_value(value.high, unit)}"
    if unit == YES_NO and value in (0, 1):
        return "Yes" if value else "No"
    number = _rounded(value)
    if unit == PERCENT:
        return f"{number}%"
    if unit == COUNT:
        return number
    return f"{number} {unit}"


def show_amount(amount: Decimal, unit: str) -> str:
    """Write a difference: percentage points for a percentage.

    >>> show_amount(Decimal("1"), "percent"), show_amount(Decimal("2.5"), "percent")
    ('1 point', '2.5 points')

    A change between yes/no figures is a plain number: from No to Yes is up 1.

    >>> show_amount(Decimal("1"), "yes_no")
    '1'
    """
    if unit == YES_NO:
        return _rounded(amount)
    if unit == PERCENT:
        number = _rounded(amount)
        return f"{number} point" if amount == 1 else f"{number} points"
    return show_value(amount, unit)


def show_share(share: Decimal) -> str:
    """Write a share as a percentage with one decimal.

    >>> show_share(Decimal("0.0235294"))
    '2.4%'
    """
    percent = (share * 100).quantize(_TENTH, rounding=ROUND_HALF_EVEN)
    return f"{format_decimal(percent)}%"
