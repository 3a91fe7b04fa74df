"""Units of measure, through one pint registry built on first need.

Values are stored as exact decimals in their measure's unit; pint is asked only to check a
unit name and to find the factor between two units, once per measure or target, never per
observation. ``import kpi_scorecard`` does not import pint: the registry is built the first
time a unit outside the two everyday ones (``count`` and ``percent``) is named.

``count`` and ``percent`` are both dimensionless to pint, but a percentage written where a
count is expected is a mistake on a scorecard, so dimensionless units convert only to
themselves. ``yes_no`` is the unit of an achievement written ``Yes`` or ``No`` (1 or 0):
it is no quantity, so it too converts only to itself.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from fractions import Fraction
from functools import cache, lru_cache
from typing import Any

from ._errors import UnitError
from ._numbers import exact_arithmetic

__all__ = [
    "COUNT",
    "CURRENCIES",
    "MAX_UNIT_LENGTH",
    "PERCENT",
    "YES_NO",
    "canonical_unit",
    "conversion_factor",
    "scale",
    "unit_registry",
]

COUNT = "count"
PERCENT = "percent"
YES_NO = "yes_no"
"""The unit of a yes/no achievement (an award received, a plan published): 1 is Yes, 0 No."""

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
    "per cent": PERCENT,
    "pct": PERCENT,
    "yes_no": YES_NO,
    "yes/no": YES_NO,
}

#: The currencies a figure may be written in, by symbol; each is a unit of its own, and no
#: currency converts to another (exchange rates change, conversion factors do not).
CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR"}

#: The longest unit name handed to pint, whose expression parser slows down on long text.
MAX_UNIT_LENGTH = 64

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


def canonical_unit(text: str) -> str:
    """Return the canonical name of a unit, or raise :class:`UnitError`.

    Each distinct text is looked up once: the answer, or the refusal, is kept.

    >>> canonical_unit("%"), canonical_unit("weeks"), canonical_unit("GBP")
    ('percent', 'week', 'GBP')
    """
    if not isinstance(text, str):
        kind = "None" if text is None else type(text).__name__
        raise UnitError(f"a unit must be text, not {kind}: {text!r}", code="not_text")
    name, message, code = _lookup(text)
    if name is None:
        raise UnitError(message, code=code)
    return name


@lru_cache(maxsize=4096)
def _lookup(text: str) -> tuple[str | None, str, str]:
    """The canonical name of a unit, or the message and code of the refusal."""
    key = text.strip()
    fast = _FAST.get(key.lower())
    if fast is not None:
        return fast, "", ""
    if not key:
        return None, "a unit name is empty", "unknown_unit"
    if len(key) > MAX_UNIT_LENGTH:
        message = f"a unit name has at most {MAX_UNIT_LENGTH} characters, not {len(key)}"
        return None, message, "unit_too_long"
    registry = unit_registry()
    try:
        unit = registry.parse_units(key)
    except Exception:
        # pint's UndefinedUnitError subclasses AttributeError; its expression parser also
        # lets through tokenize.TokenError, AssertionError, ZeroDivisionError and others.
        return None, f"unknown unit {text!r}", "unknown_unit"
    name = str(unit)
    if name == "dimensionless":
        return None, f"unknown unit {text!r}", "unknown_unit"
    return name, "", ""


_NOT_QUANTITIES = (COUNT, PERCENT, YES_NO)


@lru_cache(maxsize=4096)
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
    if source in _NOT_QUANTITIES or target in _NOT_QUANTITIES:
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
    try:
        return _exact_factor(registry, source) / _exact_factor(registry, target)
    except (AttributeError, KeyError, TypeError) as exc:  # pragma: no cover - pint's layout
        raise incompatible from exc


def _exact_factor(registry: Any, unit: str) -> Fraction:
    """How many base units one ``unit`` is, exactly, from pint's definitions.

    pint works in floats: its foot is ``0.30479999999999996`` metres. Each definition is
    written with a short decimal or a simple fraction (a foot is a third of a yard, a yard
    0.9144 metres), so each step is taken back to that exact number and the steps are
    multiplied as fractions.
    """
    factor = Fraction(1)
    for name, power in registry.parse_units(unit)._units.items():
        factor *= _exact_unit(registry, name) ** int(power)
    return factor


@cache
def _exact_unit(registry: Any, name: str) -> Fraction:
    """How many base units one unit named ``name`` (perhaps with a prefix) is, exactly."""
    prefix, unit, _ = registry.parse_unit_name(name)[0]
    factor = _exact_number(registry._prefixes[prefix].converter.scale) if prefix else Fraction(1)
    definition = registry._units[unit]
    if definition.is_base:
        return factor
    factor *= _exact_number(definition.converter.scale)
    for reference, power in definition.reference.items():
        if not reference.startswith("["):  # a base dimension, such as a currency's
            factor *= _exact_unit(registry, reference) ** int(power)
    return factor


def _exact_number(number: float) -> Fraction:
    """The exact number a float from a unit definition stands for.

    A float written with few digits (``0.9144``, ``1000.0``) is that decimal. One with
    many (``0.3333333333333333``) came from a division; the fraction with the smallest
    denominator that rounds to it is what was divided: two fractions with denominators
    below ten million differ by more than a float's rounding, so the answer is unique.

    >>> _exact_number(0.9144), _exact_number(0.3333333333333333), _exact_number(1e-3)
    (Fraction(1143, 1250), Fraction(1, 3), Fraction(1, 1000))
    """
    written = repr(float(number))
    mantissa = written.split("e")[0].replace("-", "").replace(".", "").strip("0")
    if len(mantissa) <= 12:
        return Fraction(Decimal(written))
    simplest = Fraction(number).limit_denominator(10**7)
    if float(simplest) == number:
        return simplest
    return Fraction(Decimal(written))  # pragma: no cover - no definition councils use


def scale(value: Decimal, factor: Fraction) -> Decimal:
    """Multiply an exact figure by an exact factor, dividing last to stay exact.

    >>> scale(Decimal("14"), conversion_factor("day", "week"))
    Decimal('2')
    """
    with exact_arithmetic():
        if factor.denominator == 1:
            return value * factor.numerator
        return value * factor.numerator / factor.denominator
