"""Exact numbers as people type them: ``2558``, ``1,462``, ``23.5``, ``-28``.

Numbers are read into :class:`decimal.Decimal` and written back in a canonical form
(no thousands separators, no exponent, no trailing zeros), so that reading what was
written gives an equal number.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ._patterns import lazy_pattern

__all__ = ["NUMBER_PATTERN", "check_text", "format_decimal", "parse_decimal"]

#: A number with an optional sign, optional thousands separators and optional decimals.
NUMBER_PATTERN = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+−]?\.\d+"

_NUMBER = lazy_pattern(NUMBER_PATTERN)
_CONTROL = lazy_pattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\ufeff]")


def parse_decimal(text: str) -> Decimal | None:
    """Read one whole number, or return None when the text is not exactly a number.

    >>> parse_decimal("1,462"), parse_decimal("-28"), parse_decimal("23.50")
    (Decimal('1462'), Decimal('-28'), Decimal('23.50'))
    >>> parse_decimal("1,46") is None
    True
    """
    if _NUMBER.fullmatch(text) is None:
        return None
    try:
        return Decimal(text.replace(",", "").replace("−", "-"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def format_decimal(value: Decimal) -> str:
    """Write a number canonically: plain digits, no exponent, no trailing zeros.

    >>> format_decimal(Decimal("20.50")), format_decimal(Decimal("2E+3"))
    ('20.5', '2000')
    >>> format_decimal(Decimal("-0"))
    '0'
    """
    if value == 0:
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def check_text(text: str) -> int | None:
    r"""Return the position of the first control character in ``text``, or None.

    >>> check_text("ok"), check_text("a\x00b")
    (None, 1)
    """
    found = _CONTROL.search(text)
    return None if found is None else found.start()
