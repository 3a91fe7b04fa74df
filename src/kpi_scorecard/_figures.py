"""Figures written for people: ``17%``, ``2 points``, ``1,382``, ``6 day``.

The one place numbers are written for reading, on the model floor so that the evaluation's
sentences and the display's tables write a figure the same way.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from kpi_scorecard._numbers import format_decimal
from kpi_scorecard._units import COUNT, PERCENT, YES_NO
from kpi_scorecard._value import Band

__all__ = ["group_thousands", "show_amount", "show_share", "show_value"]

_HUNDREDTH = Decimal("0.01")
_TENTH = Decimal("0.1")


def _rounded(number: Decimal, *, grouped: bool = False) -> str:
    """At most two decimals, for reading; the Assessment keeps the exact figure."""
    text = format_decimal(number)
    point = text.find(".")
    if point != -1 and len(text) - point > 3:
        text = format_decimal(number.quantize(_HUNDREDTH, rounding=ROUND_HALF_EVEN))
    return group_thousands(text) if grouped else text


def group_thousands(text: str) -> str:
    """Put a comma between each three digits of a plain number's whole part.

    >>> group_thousands("1462"), group_thousands("-12345.678"), group_thousands("999")
    ('1,462', '-12,345.678', '999')
    """
    sign = "-" if text.startswith("-") else ""
    whole, point, fraction = text.removeprefix(sign).partition(".")
    return f"{sign}{int(whole):,}{point}{fraction}"


def show_value(value: Decimal | Band, unit: str, *, grouped: bool = False) -> str:
    """Write a value or band in its unit; ``grouped`` writes ``1,462`` as councils do.

    >>> show_value(Decimal("17"), "percent"), show_value(Band(low=97, high=99), "percent")
    ('17%', '97%-99%')
    >>> show_value(Decimal("6.6666"), "count"), show_value(Decimal("42"), "day")
    ('6.67', '42 day')
    >>> show_value(Decimal(1), "yes_no"), show_value(Decimal(0), "yes_no")
    ('Yes', 'No')
    >>> show_value(Decimal("1462"), "count", grouped=True)
    '1,462'
    """
    if isinstance(value, Band):
        low, high = (
            show_value(value.low, unit, grouped=grouped),
            show_value(value.high, unit, grouped=grouped),
        )
        return f"{low}-{high}"
    if unit == YES_NO and value in (0, 1):
        return "Yes" if value else "No"
    number = _rounded(value, grouped=grouped)
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
