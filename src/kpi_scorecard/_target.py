"""Targets as councils write them: ``<18%``, ``85%``, ``1700-2000``, ``N/A``, ``100 per qtr``.

:meth:`Target.parse` reads the free text of a target cell into one of six kinds, each with
a canonical ``str()`` that :meth:`Target.parse` reads back to an equal target:

============================  ===================  ===============================
written                       kind                 meaning
============================  ===================  ===============================
``<18%``, ``>=50``, ``≤ 20``  :class:`ThresholdTarget` with a comparator
``85%``, ``3``                :class:`ThresholdTarget` the good side comes from polarity
``1700-2000``, ``97%-99%``    :class:`RangeTarget`     inside the range is on target
``1900 (accumulative target)`` :class:`CumulativeTarget` a running total to reach
``100 per qtr``               :class:`ChangeTarget`    a change each period
``N/A``                       :class:`NotApplicable`   explicitly nothing to rate
(empty)                       :class:`NoTarget`        no target was set
============================  ===================  ===============================

A figure may carry a unit: ``%`` (percent) or a unit name (``6 weeks``); without one it is
in the measure's unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache
from typing import Any, ClassVar, Self

from pydantic import (
    Field,
    ModelWrapValidatorHandler,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._errors import TargetParseError, UnitError, not_text_error
from ._notation import _TextValue
from ._numbers import NUMBER_PATTERN, check_text, format_decimal, parse_decimal
from ._patterns import as_typed, lazy_pattern, squeeze
from ._units import PERCENT, canonical_unit, scale

__all__ = [
    "ChangeInterval",
    "ChangeTarget",
    "Comparator",
    "CumulativeTarget",
    "NoTarget",
    "NotApplicable",
    "RangeTarget",
    "Target",
    "ThresholdTarget",
    "format_figure",
]


class Comparator(StrEnum):
    """How a value must compare with a threshold to meet it."""

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="

    @property
    def strict(self) -> bool:
        """Whether a value exactly on the threshold misses it."""
        return self in (Comparator.LT, Comparator.GT)

    @property
    def wants_lower(self) -> bool:
        """Whether the good side is below the threshold."""
        return self in (Comparator.LT, Comparator.LE)


class ChangeInterval(StrEnum):
    """The period over which a :class:`ChangeTarget` asks for its change."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def format_figure(value: Decimal, unit: str | None) -> str:
    """Write a figure with its unit as a target or value cell does.

    >>> format_figure(Decimal("18"), "percent"), format_figure(Decimal("6"), "week")
    ('18%', '6 week')
    """
    number = format_decimal(value)
    if unit is None:
        return number
    if unit == PERCENT:
        return f"{number}%"
    return f"{number} {unit}"


class Target(_TextValue):
    """A target as written in a scorecard's target column; see :meth:`parse`.

    >>> Target.parse("<18%")
    kpi_scorecard.Target('<18%')
    >>> type(Target.parse("1700-2000")).__name__, str(Target.parse("1,700 to 2,000"))
    ('RangeTarget', '1700-2000')

    In JSON a target is its canonical text.
    """

    json_schema_extra_text: ClassVar[dict[str, Any]] = {
        "description": "A target in kpi_scorecard's canonical notation.",
        "examples": ["<18%", "85%", "1700-2000", "1900 (cumulative)", "100 per quarter", "N/A"],
    }

    unit: str | None = None
    """The unit the target's figures are written in; None means the measure's unit."""

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a target cell; raise :class:`TargetParseError` quoting the text."""
        if not isinstance(text, str):
            raise not_text_error(TargetParseError, text, "a target")
        target = _parse_cached(text)
        if not isinstance(target, cls):
            raise TargetParseError(
                text, f"this is a {type(target).__name__}, not a {cls.__name__}", code="wrong_kind"
            )
        return target

    @property
    def rated(self) -> bool:
        """Whether a value can be rated against this target."""
        return True

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Return the same target with its figures multiplied by ``factor``, in ``unit``.

        >>> from fractions import Fraction
        >>> str(Target.parse("14 days").in_unit(Fraction(1, 7), "week"))
        '2 week'
        """
        return self

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        return ""

    def __repr__(self) -> str:
        """Show the canonical text."""
        return f"kpi_scorecard.Target({str(self)!r})"

    @model_validator(mode="wrap")
    @classmethod
    def _from_text(cls, value: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        if isinstance(value, str):
            try:
                return cls.parse(value)
            except TargetParseError as exc:
                raise PydanticCustomError(exc.code, "{message}", {"message": str(exc)}) from exc
        if isinstance(value, Target) and isinstance(value, cls):
            return value
        if cls is Target:
            raise PydanticCustomError(
                "target_type", "a target is its text, such as '<18%' or '1700-2000'"
            )
        return handler(value)


class _Unitless(Target):
    """A target with no figures, so no unit."""

    @model_validator(mode="after")
    def _no_unit(self) -> Self:
        if self.unit is not None:
            raise PydanticCustomError(
                "unexpected_unit", "this target has no figures to carry a unit"
            )
        return self


class NoTarget(_Unitless):
    """No target was set: the target cell was empty.

    >>> Target.parse("") == NoTarget(), str(NoTarget())
    (True, '')
    """

    @property
    def rated(self) -> bool:
        """A value cannot be rated without a target."""
        return False


class NotApplicable(_Unitless):
    """The target is explicitly not applicable (``N/A``): rate nothing against it.

    >>> str(Target.parse("n/a"))
    'N/A'
    """

    @property
    def rated(self) -> bool:
        """A value is not rated against N/A."""
        return False

    def __str__(self) -> str:
        """The canonical text."""
        return "N/A"


class ThresholdTarget(Target):
    """A level to reach: ``<18%`` (strict ceiling), ``>=50``, or bare ``85%``.

    A bare threshold has no comparator: which side is good comes from the measure's
    polarity, and the threshold itself meets the target.

    >>> t = Target.parse("≤ 20")
    >>> t.comparator, t.value, str(t)
    (<Comparator.LE: '<='>, Decimal('20'), '<=20')
    """

    value: Decimal
    comparator: Comparator | None = None

    def __str__(self) -> str:
        """The canonical text."""
        prefix = self.comparator.value if self.comparator is not None else ""
        return prefix + format_figure(self.value, self.unit)

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Return the same target with its figure multiplied by ``factor``, in ``unit``."""
        return self.model_copy(update={"value": scale(self.value, factor), "unit": unit})


class RangeTarget(Target):
    """A range to stay within: ``1700-2000``; both edges are on target.

    >>> t = Target.parse("97%-99%")
    >>> (t.low, t.high, t.unit)
    (Decimal('97'), Decimal('99'), 'percent')
    """

    low: Decimal
    high: Decimal

    @model_validator(mode="after")
    def _check_order(self) -> Self:
        if self.high <= self.low:
            problem = "a range runs from low to high"
            if self.high == self.low:
                problem = "a range needs two different ends"  # as the parser says of '5-5'
            raise PydanticCustomError(
                "reversed_range",
                problem + ": {low} to {high}",
                {"low": str(self.low), "high": str(self.high)},
            )
        return self

    def __str__(self) -> str:
        """The canonical text: ``low-high``, or ``low to high`` when low is negative."""
        separator = " to " if self.low < 0 else "-"
        return format_figure(self.low, self.unit) + separator + format_figure(self.high, self.unit)

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Return the same range with its edges multiplied by ``factor``, in ``unit``."""
        low, high = scale(self.low, factor), scale(self.high, factor)
        return self.model_copy(update={"low": low, "high": high, "unit": unit})


class CumulativeTarget(Target):
    """A running total to reach by the end of the target's period: ``1900 (accumulative target)``.

    >>> str(Target.parse("1900 (accumulative target)"))
    '1900 (cumulative)'
    """

    value: Decimal

    def __str__(self) -> str:
        """The canonical text."""
        return f"{format_figure(self.value, self.unit)} (cumulative)"

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Return the same target with its figure multiplied by ``factor``, in ``unit``."""
        return self.model_copy(update={"value": scale(self.value, factor), "unit": unit})


class ChangeTarget(Target):
    """A change to achieve each period: ``100 per qtr``.

    The good direction comes from the measure's polarity: a reduction when lower is better.

    >>> t = Target.parse("100 per qtr")
    >>> t.amount, t.per, str(t)
    (Decimal('100'), <ChangeInterval.QUARTER: 'quarter'>, '100 per quarter')
    """

    amount: Decimal = Field(gt=0)
    per: ChangeInterval

    def __str__(self) -> str:
        """The canonical text."""
        return f"{format_figure(self.amount, self.unit)} per {self.per.value}"

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Return the same target with its amount multiplied by ``factor``, in ``unit``."""
        return self.model_copy(update={"amount": scale(self.amount, factor), "unit": unit})


# --- parsing ----------------------------------------------------------------------------

# A unit is never the word "to", so that "-10 to -5" is a range and not "-10" in unit "to".
_FIGURE = (
    rf"(?:{NUMBER_PATTERN})(?:\s*%|\s+(?!to\b)[A-Za-z£€$][A-Za-z_ ]*?)?|[£€$](?:{NUMBER_PATTERN})"
)
_FIGURE_PARTS = lazy_pattern(
    rf"(?P<symbol>[£€$])?(?P<number>{NUMBER_PATTERN})\s*(?P<unit>%|[A-Za-z][A-Za-z_ ]*)?"
)
_WRITABLE_UNIT = lazy_pattern(r"[A-Za-z][A-Za-z_ ]*")


def writable_unit(unit: str) -> bool:
    """Whether a figure in this unit can be written in target notation.

    >>> writable_unit("week"), writable_unit("meter ** 2")
    (True, False)
    """
    return unit == PERCENT or _WRITABLE_UNIT.fullmatch(unit) is not None


_NOT_APPLICABLE = lazy_pattern(r"n\s*/\s*a|n\.a\.?|na|not\s+applicable", re.IGNORECASE)
_CHANGE = lazy_pattern(
    rf"(?:(?:reduce|reduction|decrease|increase|raise)\s+(?:of\s+|by\s+)?)?"
    rf"(?P<figure>{_FIGURE})\s+(?:per|a|each|every)\s+(?P<per>qtr|quarter|month|mth|year|yr|annum)",
    re.IGNORECASE,
)
_CUMULATIVE = lazy_pattern(
    rf"(?P<figure>{_FIGURE})\s*(?:\(\s*(?:ac)?cumulative(?:\s+target)?\s*\)"
    rf"|(?:ac)?cumulative(?:\s+target)?)",
    re.IGNORECASE,
)
_RANGE = lazy_pattern(
    rf"(?P<low>{_FIGURE})\s*(?:-|–|—|\bto\b)\s*(?P<high>{_FIGURE})", re.IGNORECASE
)
_THRESHOLD = lazy_pattern(rf"(?P<op><=|>=|≤|≥|=<|=>|<|>)?\s*(?P<figure>{_FIGURE})")

_OPERATORS = {
    "<": Comparator.LT,
    "<=": Comparator.LE,
    "=<": Comparator.LE,
    "≤": Comparator.LE,
    ">": Comparator.GT,
    ">=": Comparator.GE,
    "=>": Comparator.GE,
    "≥": Comparator.GE,
}
_INTERVALS = {
    "qtr": ChangeInterval.QUARTER,
    "quarter": ChangeInterval.QUARTER,
    "month": ChangeInterval.MONTH,
    "mth": ChangeInterval.MONTH,
    "year": ChangeInterval.YEAR,
    "yr": ChangeInterval.YEAR,
    "annum": ChangeInterval.YEAR,
}


def _figure(text: str, found: re.Match[str], group: str) -> tuple[Decimal, str | None]:
    """Split a matched figure into its number and canonical unit (None: no unit written)."""
    raw = found[group]
    parts = _FIGURE_PARTS.fullmatch(raw.strip())
    if parts is None:  # pragma: no cover - the figure pattern only admits these shapes
        raise TargetParseError(text, "not a figure", code="bad_number")
    number = parse_decimal(parts["number"])
    if number is None:  # pragma: no cover - the number pattern only admits valid numbers
        raise TargetParseError(text, "not a number", code="bad_number")
    unit_text = parts["symbol"] or parts["unit"]
    if unit_text is None:
        return number, None

    def typed() -> str:
        # The unit as typed: the clean copy has one space where the user may have had several.
        begin = found.start(group) + len(raw) - len(raw.lstrip())
        written = "symbol" if parts["symbol"] else "unit"
        return as_typed(text, begin + parts.start(written), begin + parts.end(written))

    try:
        unit = canonical_unit(unit_text.strip())
    except UnitError as exc:
        raise TargetParseError(text, f"unknown unit {typed()!r}", code=exc.code) from exc
    if unit != PERCENT and _WRITABLE_UNIT.fullmatch(unit) is None:
        # Such as 'meter / second': a target in it could not be written and read back.
        reason = f"unit {typed()!r} is {unit!r}, which a target cannot be written in"
        raise TargetParseError(text, reason, code="unsupported_unit")
    return number, unit


def _both_units(text: str, low_unit: str | None, high_unit: str | None) -> str | None:
    if low_unit is None or high_unit is None or low_unit == high_unit:
        return low_unit or high_unit
    raise TargetParseError(
        text, "the two ends of a range are in different units", code="mixed_units"
    )


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Target:
    position = check_text(text)
    if position is not None:
        raise TargetParseError(
            text, "control character in a target", code="control_character", position=position
        )
    clean = squeeze(text)
    if not clean:
        return NoTarget()
    if _NOT_APPLICABLE.fullmatch(clean):
        return NotApplicable()
    if clean.count("(") != clean.count(")"):
        raise TargetParseError(text, "unbalanced brackets in a target", code="unbalanced_brackets")

    found = _CHANGE.fullmatch(clean)
    if found is not None:
        amount, unit = _figure(text, found, "figure")
        if amount <= 0:
            raise TargetParseError(
                text,
                "a change target is a positive amount; polarity gives its direction",
                code="bad_change",
            )
        return ChangeTarget(amount=amount, unit=unit, per=_INTERVALS[found["per"].lower()])

    found = _CUMULATIVE.fullmatch(clean)
    if found is not None:
        value, unit = _figure(text, found, "figure")
        return CumulativeTarget(value=value, unit=unit)

    found = _THRESHOLD.fullmatch(clean)
    if found is not None:
        value, unit = _figure(text, found, "figure")
        comparator = _OPERATORS[found["op"]] if found["op"] else None
        return ThresholdTarget(value=value, comparator=comparator, unit=unit)

    found = _RANGE.fullmatch(clean)
    if found is not None:
        low, low_unit = _figure(text, found, "low")
        high, high_unit = _figure(text, found, "high")
        if high < low:
            raise TargetParseError(text, "a range runs from low to high", code="reversed_range")
        if high == low:
            raise TargetParseError(text, "a range needs two different ends", code="empty_range")
        unit = _both_units(text, low_unit, high_unit)
        return RangeTarget(low=low, high=high, unit=unit)

    raise TargetParseError(text, "not a target notation kpi_scorecard knows", code="unknown_target")
