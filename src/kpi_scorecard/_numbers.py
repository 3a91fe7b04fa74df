"""Exact numbers as people type them: ``2558``, ``1,462``, ``23.5``, ``-28``.

Numbers are read into :class:`decimal.Decimal` and written back in a canonical form
(no thousands separators, no exponent, no trailing zeros), so that reading what was
written gives an equal number.

The library supports figures with at most :data:`MAX_INTEGER_DIGITS` digits before the
decimal point and :data:`MAX_DECIMAL_PLACES` after it, and refuses others where it reads
them (:func:`read_figure`, :data:`Figure`). Inside those limits, sums and differences of
figures are exact in the library's own :data:`CONTEXT`, which every entry point that does
arithmetic enters with :func:`exact_arithmetic`, so that no result depends on the
caller's :mod:`decimal` context.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import (
    ROUND_HALF_EVEN,
    Clamped,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Annotated, TypeVar

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from ._errors import ParseError
from ._patterns import lazy_pattern

__all__ = [
    "CONTEXT",
    "MAX_DECIMAL_PLACES",
    "MAX_INTEGER_DIGITS",
    "NUMBER_PATTERN",
    "Figure",
    "check_text",
    "exact_arithmetic",
    "figure_problem",
    "format_decimal",
    "parse_decimal",
    "read_figure",
]

#: A number with an optional sign, optional thousands separators and optional decimals.
NUMBER_PATTERN = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+−]?\.\d+"

#: The most digits a figure may have before its decimal point: up to a hundred quintillion,
#: far beyond any budget a public body publishes.
MAX_INTEGER_DIGITS = 20
#: The most digits a figure may have after its decimal point.
MAX_DECIMAL_PLACES = 34

#: The library's arithmetic: 28 significant digits, as Python's default, rounded half to
#: even. Sums and differences of figures are exact while they fit in 28 digits (any sum of
#: figures with 20 digits before the point and 3 after, say); a quotient (a share, a ratio)
#: is rounded. The exponent range leaves room for products and quotients of any two
#: figures, and every condition that would lose a result raises.
CONTEXT = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999,
    Emax=999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow, Clamped],
)

_NUMBER = lazy_pattern(NUMBER_PATTERN)
_CONTROL = lazy_pattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\ufeff]")
_LIMIT = (
    f"a figure has at most {MAX_INTEGER_DIGITS} digits before the decimal point "
    f"and {MAX_DECIMAL_PLACES} after it"
)

_E = TypeVar("_E", bound=ParseError)
_COMPUTED_PLACES = 99


def exact_arithmetic() -> AbstractContextManager[Context]:
    """Enter the library's own decimal context, whatever the caller's is.

    >>> import decimal
    >>> with decimal.localcontext(prec=3):
    ...     with exact_arithmetic():
    ...         Decimal("1234.5") + Decimal("0.25")
    Decimal('1234.75')
    """
    return localcontext(CONTEXT)


def parse_decimal(text: str) -> Decimal | None:
    """Read one whole number, or return None when the text is not exactly a number.

    Whether the number lies inside the library's limits is :func:`read_figure`'s question.

    >>> parse_decimal("1,462"), parse_decimal("-28"), parse_decimal("23.50")
    (Decimal('1462'), Decimal('-28'), Decimal('23.50'))
    >>> parse_decimal("1,46") is None
    True
    """
    if _NUMBER.fullmatch(text) is None:
        return None
    try:
        # Building a Decimal from text is exact whatever the context: nothing is rounded.
        return Decimal(text.replace(",", "").replace("−", "-"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def figure_problem(value: Decimal, *, places: int = MAX_DECIMAL_PLACES) -> str | None:
    """Say why ``value`` lies outside the figures the library supports, or return None.

    >>> figure_problem(Decimal("28011755")) is None
    True
    >>> figure_problem(Decimal("9E+999999"))
    'a figure has at most 20 digits before the decimal point and 34 after it'
    >>> figure_problem(Decimal("NaN"))
    'a figure is a finite number, not NaN'
    """
    if not value.is_finite():
        return f"a figure is a finite number, not {value}"
    if value.is_zero():
        # A zero with a huge exponent (0E+999999) is still zero: read it as plain 0.
        return None
    sign_digits_exponent = value.as_tuple()
    digits, exponent = len(sign_digits_exponent.digits), int(sign_digits_exponent.exponent)
    whole_digits = digits + exponent
    if whole_digits > MAX_INTEGER_DIGITS or (-exponent if exponent < 0 else 0) > places:
        return _LIMIT
    return None


def read_figure(number: str, *, text: str, error: type[_E]) -> Decimal | None:
    """Read a number as :func:`parse_decimal` does, refusing one outside the library's limits.

    ``text`` is the whole text being parsed, which the error quotes; ``error`` the parser's
    own error class. Every parser that reads a figure people typed calls this.

    >>> from kpi_scorecard import ValueParseError
    >>> read_figure("1,462", text="1,462 days", error=ValueParseError)
    Decimal('1462')
    >>> read_figure("1" * 21, text="1" * 21, error=ValueParseError)
    Traceback (most recent call last):
    ...
    kpi_scorecard._errors.ValueParseError: a figure has at most 20 digits before the \
decimal point and 34 after it: '111111111111111111111'
    """
    value = parse_decimal(number)
    if value is None:
        return None
    return limited(value, text=text, error=error)


def limited(value: Decimal, *, text: str, error: type[_E]) -> Decimal:
    """Return ``value`` if it lies inside the library's limits, else raise ``error``."""
    problem = figure_problem(value)
    if problem is not None:
        raise error(text, problem, code="figure_out_of_range")
    return value if not value.is_zero() else Decimal(0)


def _check_figure(value: Decimal) -> Decimal:
    # A model also holds figures the library computed (a band's share of a target), which
    # may have more decimals than anyone types; only their size and finiteness are checked.
    problem = figure_problem(value, places=_COMPUTED_PLACES)
    if problem is not None:
        raise PydanticCustomError("figure_out_of_range", problem)
    return value if not value.is_zero() else Decimal(0)


#: A ``Decimal`` model field inside the library's limits (error type ``figure_out_of_range``).
Figure = Annotated[Decimal, AfterValidator(_check_figure)]


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
