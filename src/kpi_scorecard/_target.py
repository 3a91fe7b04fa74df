"""Targets as councils write them: ``<18%``, ``at least 90%``, ``1700-2000``, ``N/A``, ``TBC``.

:meth:`Target.parse` reads the free text of a target cell into one of these kinds, each with
a canonical ``str()`` that :meth:`Target.parse` reads back to an equal target:

===============================  ==========================  ==============================
written                          kind                        meaning
===============================  ==========================  ==============================
``<18%``, ``at least 90%``       :class:`ThresholdTarget`    a comparator and a figure
``85%``, ``3``                   :class:`ThresholdTarget`    the good side comes from polarity
``Yes``, ``No``                  :class:`ThresholdTarget`    a yes/no achievement (``>=1``, ``<=0``)
``1700-2000``, ``97%-99%``       :class:`RangeTarget`        inside the range is on target
``1900 (accumulative target)``   :class:`CumulativeTarget`   a running total to reach
``100 per qtr``                  :class:`ChangeTarget`       a change each period
``Increase``, ``Maintain``       :class:`DirectionTarget`    a direction of travel
``Top quartile``                 :class:`BenchmarkTarget`    a place against comparators
``2022/23: 90%; 2023/24: 92%``   :class:`ScheduledTarget`    a target for each of several periods
``N/A``                          :class:`NotApplicable`      explicitly nothing to rate
(empty), ``TBC``                 :class:`NoTarget`           no target was set (yet)
===============================  ==========================  ==============================

A figure may carry a unit: ``%`` (percent) or a unit name (``6 weeks``); without one it is
in the measure's unit. A target may end in qualifiers in brackets: the period basis of its
figure (``4 days (quarterly target)``) and the period it is set for (``90% (2022-23)``).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, ClassVar, Self

from pydantic import (
    Field,
    ModelWrapValidatorHandler,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._errors import TargetParseError, not_text_error
from ._notation import _TextValue
from ._numbers import format_decimal
from ._patterns import lazy_pattern
from ._period import Period
from ._units import PERCENT, YES_NO, scale

__all__ = [
    "ChangeInterval",
    "ChangeTarget",
    "Comparator",
    "CumulativeTarget",
    "NoTarget",
    "NotApplicable",
    "RangeTarget",
    "Target",
    "TargetBasis",
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


class TargetBasis(StrEnum):
    """The period a target's figure is for, when the cell says so: ``(quarterly target)``.

    >>> str(Target.parse("4 days (quarterly target)")), TargetBasis.QUARTER.months
    ('4 day (quarterly)', 3)
    """

    MONTH = "monthly"
    QUARTER = "quarterly"
    YEAR = "annual"

    @property
    def months(self) -> int:
        """How many months the basis spans."""
        return _BASIS_MONTHS[self]


_BASIS_MONTHS = {TargetBasis.MONTH: 1, TargetBasis.QUARTER: 3, TargetBasis.YEAR: 12}


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


_WRITABLE_UNIT = lazy_pattern(r"[A-Za-z][A-Za-z_ ]*")


def writable_unit(unit: str) -> bool:
    """Whether a figure in this unit can be written in target notation.

    >>> writable_unit("week"), writable_unit("meter ** 2")
    (True, False)
    """
    return unit == PERCENT or _WRITABLE_UNIT.fullmatch(unit) is not None


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

    basis: TargetBasis | None = None
    """The period the figure is for (``(quarterly target)``); None when the cell does not say."""

    period: Period | None = None
    """The period the cell says the target is set for (``(2022-23)``); None when it does not."""

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a target cell; raise :class:`TargetParseError` quoting the text."""
        if not isinstance(text, str):
            raise not_text_error(TargetParseError, text, "a target")
        from ._target_parse import parse_target  # noqa: PLC0415 - the parser needs every kind

        target = parse_target(text)
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

    def dated(self, default: Period) -> tuple[tuple[Period, Target], ...]:
        """The (period, target) pairs the cell sets: its own period, else ``default``.

        A reader turns each pair into a dated target setting. A :class:`ScheduledTarget`
        gives one pair per period it names.

        >>> cell = Target.parse("90% (2022-23)")
        >>> [(str(p), str(t)) for p, t in cell.dated(Period.parse("2021/22"))]
        [('2022/23', '90% (2022/23)')]
        """
        return ((self.period if self.period is not None else default, self),)

    def _text(self) -> str:
        """The canonical text without the qualifiers."""
        return ""

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        text = self._text()
        if self.basis is not None:
            text += f" ({self.basis.value})"
        if self.period is not None:
            text += f" ({self.period})"
        return text

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


class _Unqualified(_Unitless):
    """No target to rate, so nothing for a basis or a period to qualify."""

    @model_validator(mode="after")
    def _no_qualifier(self) -> Self:
        if self.basis is not None or self.period is not None:
            raise PydanticCustomError(
                "unexpected_qualifier", "a basis or period qualifies a target; there is none here"
            )
        return self

    @property
    def rated(self) -> bool:
        """A value is not rated without a target."""
        return False


class NoTarget(_Unqualified):
    """No target was set: the target cell was empty, or held a placeholder such as ``TBC``.

    ``text`` keeps the placeholder as written; an empty cell has none.

    >>> Target.parse("") == NoTarget(), str(NoTarget())
    (True, '')
    >>> Target.parse("To be confirmed")
    kpi_scorecard.Target('To be confirmed')
    """

    text: str = ""
    """The placeholder written in the cell (``TBC``, ``To be set``), or empty."""

    @model_validator(mode="after")
    def _a_placeholder(self) -> Self:
        from ._target_words import PLACEHOLDER  # noqa: PLC0415 - the words load with the parser

        if self.text and (self.text != self.text.strip() or not PLACEHOLDER.fullmatch(self.text)):
            raise PydanticCustomError(
                "not_a_placeholder",
                "{text} is not a placeholder such as 'TBC' or 'To be set'",
                {"text": repr(self.text)},
            )
        return self

    def _text(self) -> str:
        return self.text


class NotApplicable(_Unqualified):
    """The target is explicitly not applicable (``N/A``): rate nothing against it.

    >>> str(Target.parse("n/a"))
    'N/A'
    """

    def _text(self) -> str:
        return "N/A"


class ThresholdTarget(Target):
    """A level to reach: ``<18%`` (strict ceiling), ``>=50``, ``at least 90%``, or bare ``85%``.

    A bare threshold has no comparator: which side is good comes from the measure's
    polarity, and the threshold itself meets the target. Words read as the comparator they
    mean (``no more than 5`` is ``<=5``), and ``zero`` is a ceiling of 0 (``<=0``).

    >>> t = Target.parse("≤ 20")
    >>> t.comparator, t.value, str(t)
    (<Comparator.LE: '<='>, Decimal('20'), '<=20')
    >>> str(Target.parse("should not exceed 12 per year")), str(Target.parse("Zero"))
    ('<=12 (annual)', '<=0')

    ``Yes`` and ``No`` are thresholds in the unit ``yes_no``: ``Yes`` is at least 1, ``No``
    at most 0, and they are written back as ``Yes`` and ``No``.

    >>> award = Target.parse("YES")
    >>> award.comparator, award.value, award.unit, str(award)
    (<Comparator.GE: '>='>, Decimal('1'), 'yes_no', 'Yes')
    """

    value: Decimal
    comparator: Comparator | None = None

    @model_validator(mode="after")
    def _yes_or_no(self) -> Self:
        if self.unit == YES_NO and (self.comparator, self.value) not in _YES_NO_GOALS:
            raise PydanticCustomError(
                "bad_yes_no", "a yes/no target is Yes (>=1) or No (<=0), not {target}",
                {"target": repr(self._figure_text())},
            )  # fmt: skip
        return self

    def _figure_text(self) -> str:
        prefix = self.comparator.value if self.comparator is not None else ""
        return prefix + format_figure(self.value, self.unit)

    def _text(self) -> str:
        if self.unit == YES_NO:
            return "Yes" if self.value else "No"
        prefix = self.comparator.value if self.comparator is not None else ""
        return prefix + format_figure(self.value, self.unit)

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Return the same target with its figure multiplied by ``factor``, in ``unit``."""
        return self.model_copy(update={"value": scale(self.value, factor), "unit": unit})


_YES_NO_GOALS = frozenset({(Comparator.GE, Decimal(1)), (Comparator.LE, Decimal(0))})


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

    def _text(self) -> str:
        """``low-high``, or ``low to high`` when low is negative."""
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

    def _text(self) -> str:
        return f"{format_figure(self.value, self.unit)} (cumulative)"

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Return the same target with its figure multiplied by ``factor``, in ``unit``."""
        return self.model_copy(update={"value": scale(self.value, factor), "unit": unit})


class ChangeTarget(Target):
    """A change to achieve each period: ``100 per qtr``.

    The good direction comes from the measure's polarity: a reduction when lower is better.
    Its interval is its basis, so it takes no ``basis`` of its own.

    >>> t = Target.parse("100 per qtr")
    >>> t.amount, t.per, str(t)
    (Decimal('100'), <ChangeInterval.QUARTER: 'quarter'>, '100 per quarter')
    """

    amount: Decimal = Field(gt=0)
    per: ChangeInterval

    @model_validator(mode="after")
    def _no_basis(self) -> Self:
        if self.basis is not None:
            raise PydanticCustomError(
                "unexpected_qualifier", "a change target's interval is its basis"
            )
        return self

    def _text(self) -> str:
        return f"{format_figure(self.amount, self.unit)} per {self.per.value}"

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Return the same target with its amount multiplied by ``factor``, in ``unit``."""
        return self.model_copy(update={"amount": scale(self.amount, factor), "unit": unit})
