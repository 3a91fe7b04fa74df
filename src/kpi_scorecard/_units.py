"""Units of measure, through one pint registry built on first need.

Values are stored as exact decimals in their measure's unit; pint is asked only to check a
unit name and to find the factor between two units, once per measure or target, never per
observation. ``import kpi_scorecard`` does not import pint: the registry is built the first
time a unit outside the two everyday ones (``count`` and ``percent``) is named.

``count`` and ``percent`` are both dimensionless to pint, but a percentage written where a
count is expected is a mistake on a scorecard, so dimensionless units convert only to
themselves.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from ._errors import UnitError

__all__ = ["COUNT", "PERCENT", "canonical_unit", "conversion_factor", "scale", "unit_registry"]

COUNT = "count"
PERCENT = "percent"

_FAST = {
    "count": COUNT,
    "number": COUNT,
    "percent": PERCENT,
    "percentage": PERCENT,
    "%": PERCENT,
    "£": "GBP",
    "gbp": "GBP",
    "€": "EUR",
    "eur": "EUR",
    "$": "USD",
    "usd": "USD",
}

# Units that scorecards use and pint does not define.
_DEFINITIONS = (
    "GBP = [currency_gbp]",
    "EUR = [currency_eur]",
    "USD = [currency_usd]",
)

_lock = threading.Lock()
_registry: Any = None


def unit_registry() -> Any:
    """Return the library's one pint ``UnitRegistry``, building it on first call.

    >>> unit_registry() is unit_registry()
    True
    """
    global _registry  # noqa: PLW0603 - the single registry is built once, under a lock
    if _registry is None:
        with _lock:
            if _registry is None:
                import pint  # noqa: PLC0415 - pint is slow to import; most runs never need it

                registry: Any = pint.UnitRegistry()
                for definition in _DEFINITIONS:
                    registry.define(definition)
                _registry = registry
    return _registry


@cache
def canonical_unit(text: str) -> str:
    """Return the canonical name of a unit, or raise :class:`UnitError`.

    >>> canonical_unit("%"), canonical_unit("weeks"), canonical_unit("GBP")
    ('percent', 'week', 'GBP')
    """
    key = text.strip()
    fast = _FAST.get(key.lower())
    if fast is not None:
        return fast
    if not key:
        raise UnitError("a unit name is empty", code="unknown_unit")
    registry = unit_registry()
    try:
        unit = registry.parse_units(key)
    except Exception as exc:
        # pint's UndefinedUnitError subclasses AttributeError; its expression parser also
        # lets through tokenize.TokenError, AssertionError, ZeroDivisionError and others.
        raise UnitError(f"unknown unit {text!r}", code="unknown_unit") from exc
    name = str(unit)
    if name == "dimensionless":
        raise UnitError(f"unknown unit {text!r}", code="unknown_unit")
    return name


@cache
def conversion_factor(source: str, target: str) -> Fraction:
    """Return the exact factor that turns a figure in ``source`` into one in ``target``.

    The factor is a fraction, so that 14 days is exactly 2 weeks: multiply by its
    numerator and divide by its denominator (see :func:`scale`).

    >>> conversion_factor("week", "day"), conversion_factor("day", "week")
    (Fraction(7, 1), Fraction(1, 7))
    """
    source = canonical_unit(source)
    target = canonical_unit(target)
    if source == target:
        return Fraction(1)
    incompatible = UnitError(
        f"a figure in {source!r} cannot be converted to {target!r}", code="incompatible_unit"
    )
    if source in (COUNT, PERCENT) or target in (COUNT, PERCENT):
        raise incompatible
    registry = unit_registry()
    try:
        source_base = registry.Quantity(1, source).to_base_units()
        target_base = registry.Quantity(1, target).to_base_units()
        if source_base.units != target_base.units:
            raise incompatible
        # A temperature scale such as degree Celsius has its zero away from its base unit's:
        # 20 degC is 293.15 K, not 20 times what 1 degC is, so no factor converts it.
        if any(registry.Quantity(0, unit).to_base_units().magnitude for unit in (source, target)):
            raise incompatible
    except (AttributeError, TypeError, ValueError, ArithmeticError) as exc:
        # pint's DimensionalityError subclasses TypeError.
        raise incompatible from exc
    # Base-unit magnitudes are exact decimals written as floats (86400.0, 1609.344).
    numerator = Fraction(Decimal(repr(float(source_base.magnitude))))
    denominator = Fraction(Decimal(repr(float(target_base.magnitude))))
    return numerator / denominator


def scale(value: Decimal, factor: Fraction) -> Decimal:
    """Multiply an exact figure by an exact factor, dividing last to stay exact.

    >>> scale(Decimal("14"), conversion_factor("day", "week"))
    Decimal('2')
    """
    if factor.denominator == 1:
        return value * factor.numerator
    return value * factor.numerator / factor.denominator
