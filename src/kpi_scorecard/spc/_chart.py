"""What an XmR chart holds: its segments, its points, and the verdicts on the last point.

The chart is built by :func:`kpi_scorecard.spc.xmr`; nothing here computes limits. The
figures it reports (centre lines, limits, the 2-sigma lines) are exact fractions of the
data rounded once to the library's 28 significant digits; every verdict was reached on the
exact fractions before any rounding, so rounding never changes a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from kpi_scorecard._errors import KpiScorecardError
from kpi_scorecard._measure import Polarity
from kpi_scorecard._numbers import format_decimal

if TYPE_CHECKING:
    from kpi_scorecard._period import Period

__all__ = ["Assurance", "Rule", "SpcError", "Variation", "XmrChart", "XmrPoint", "XmrSegment"]

_HUNDREDTH = Decimal("0.01")


class SpcError(KpiScorecardError, ValueError):
    """A series or a setting that an XmR chart cannot be drawn from.

    >>> from kpi_scorecard.spc import xmr
    >>> try:
    ...     xmr([Decimal(1), 2.5], polarity="neutral")
    ... except SpcError as error:
    ...     print(error.code, error)
    spc_bad_value a figure is a Decimal or an int, not float: 2.5
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class Rule(StrEnum):
    """The rules that flag special cause variation, in the order they take priority."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    RUN = "run"


class Variation(StrEnum):
    """The variation icon of Making Data Count, read from the last point."""

    COMMON_CAUSE = "common_cause"
    SPECIAL_CAUSE_IMPROVING = "special_cause_improving"
    SPECIAL_CAUSE_CONCERNING = "special_cause_concerning"
    SPECIAL_CAUSE_HIGH = "special_cause_high"
    SPECIAL_CAUSE_LOW = "special_cause_low"

    @property
    def words(self) -> str:
        """The verdict in words, as a sentence starts.

        >>> Variation.SPECIAL_CAUSE_IMPROVING.words
        'special cause improvement'
        """
        return _VARIATION_WORDS[self]


_VARIATION_WORDS = {
    Variation.COMMON_CAUSE: "common cause variation",
    Variation.SPECIAL_CAUSE_IMPROVING: "special cause improvement",
    Variation.SPECIAL_CAUSE_CONCERNING: "special cause concern",
    Variation.SPECIAL_CAUSE_HIGH: "special cause variation, high",
    Variation.SPECIAL_CAUSE_LOW: "special cause variation, low",
}


class Assurance(StrEnum):
    """The assurance icon of Making Data Count: whether the process will meet its target."""

    CONSISTENTLY_PASSING = "consistently_passing"
    CONSISTENTLY_FAILING = "consistently_failing"
    HIT_AND_MISS = "hit_and_miss"

    @property
    def words(self) -> str:
        """The verdict in words.

        >>> Assurance.HIT_AND_MISS.words
        'hit and miss'
        """
        return self.value.replace("_", " ")


#: The bit of each rule in a point's flags.
OUTSIDE, TREND, TWO_OF_THREE, RUN = 1, 2, 4, 8
_ORDER = (
    (OUTSIDE, Rule.OUTSIDE_LIMITS),
    (TREND, Rule.TREND),
    (TWO_OF_THREE, Rule.TWO_OF_THREE),
    (RUN, Rule.RUN),
)
# The rules of every combination of flags, in priority order.
RULES = tuple(tuple(rule for bit, rule in _ORDER if mask & bit) for mask in range(16))


# Arithmetic that never rounds: any inexact result raises, so every comparison below is
# exact. Figures have at most 54 digits, so 400 leaves room for any realistic series.
EXACT = Context(
    prec=400,
    rounding=ROUND_HALF_EVEN,
    Emin=-9999,
    Emax=9999,
    traps=[Inexact, InvalidOperation, DivisionByZero, Overflow],
)


def variation_of(direction: int, polarity: Polarity) -> Variation:
    """The verdict on a point flagged in ``direction`` (+1 up, -1 down, 0 not flagged).

    >>> variation_of(-1, Polarity.LOWER_IS_BETTER)
    <Variation.SPECIAL_CAUSE_IMPROVING: 'special_cause_improving'>
    """
    if direction == 0:
        return Variation.COMMON_CAUSE
    if polarity is Polarity.NEUTRAL:
        return Variation.SPECIAL_CAUSE_HIGH if direction > 0 else Variation.SPECIAL_CAUSE_LOW
    if (direction > 0) == (polarity is Polarity.HIGHER_IS_BETTER):
        return Variation.SPECIAL_CAUSE_IMPROVING
    return Variation.SPECIAL_CAUSE_CONCERNING


def show(number: Decimal) -> str:
    """A figure for a sentence: at most two decimals (the chart keeps the exact figure).

    >>> show(Decimal("4.604444444")), show(Decimal("12"))
    ('4.6', '12')
    """
    text = format_decimal(number)
    point = text.find(".")
    if point == -1 or len(text) - point <= 3:
        return text
    return format_decimal(number.quantize(_HUNDREDTH, rounding=ROUND_HALF_EVEN))


@dataclass(frozen=True, slots=True)
class XmrSegment:
    """One stretch of the series with its own limits: the whole series, or a rebased part.

    ``start`` and ``stop`` are positions in the series (``stop`` excluded). ``baseline``
    is how many of its first points set the limits; ``screened`` the positions of the
    points whose moving range was left out as an outlier. When the segment has fewer points
    than the chart's minimum, ``judged`` is False and every figure is None.
    """

    start: int
    stop: int
    judged: bool
    baseline: int
    mean: Decimal | None = None
    average_moving_range: Decimal | None = None
    lower_limit: Decimal | None = None
    upper_limit: Decimal | None = None
    lower_two_sigma: Decimal | None = None
    upper_two_sigma: Decimal | None = None
    screened: tuple[int, ...] = ()

    def __len__(self) -> int:
        """The number of points in the segment."""
        return self.stop - self.start


@dataclass(frozen=True, slots=True)
class XmrPoint:
    """One figure of the series, with its segment's centre and limits and what flagged it.

    ``rules`` lists every rule that flagged the point, in priority order; the first one
    gives ``variation``. ``mean`` and the limits are None in a segment too short to judge.
    """

    index: int
    value: Decimal
    period: Period | None
    segment: int
    mean: Decimal | None
    lower_limit: Decimal | None
    upper_limit: Decimal | None
    rules: tuple[Rule, ...]
    variation: Variation | None

    @property
    def special_cause(self) -> bool:
        """Whether any rule flagged the point."""
        return bool(self.rules)


@dataclass(frozen=True)
class XmrChart:
    """An XmR (individuals and moving range) chart, with its variation and assurance.

    ``mean``, ``lower_limit`` and ``upper_limit`` are those of the last segment;
    ``variation`` and ``assurance`` are read from the last point (None when the last
    segment has too few points to judge, or when no assurance applies); ``explanation``
    and ``assurance_explanation`` say why in a sentence.

    >>> from kpi_scorecard.spc import xmr
    >>> chart = xmr([Decimal(v) for v in "5 6 5 6 5 6 5 6 5 6 5 6 5".split()],
    ...             polarity="higher_is_better", target=Decimal(2))
    >>> chart.mean, chart.variation.value, chart.assurance.value
    (Decimal('5.461538461538461538461538462'), 'common_cause', 'consistently_passing')
    """

    values: tuple[Decimal, ...]
    periods: tuple[Period | None, ...]
    polarity: Polarity
    target: Decimal | tuple[Decimal, Decimal] | None
    segments: tuple[XmrSegment, ...]
    variation: Variation | None
    assurance: Assurance | None
    minimum_points: int
    explanation: str
    assurance_explanation: str
    gaps: tuple[Period, ...] = ()
    _rules: tuple[tuple[Rule, ...], ...] = field(default=(), repr=False)
    _directions: tuple[int, ...] = field(default=(), repr=False)

    @property
    def mean(self) -> Decimal | None:
        """The centre line of the last segment."""
        return self.segments[-1].mean if self.segments else None

    @property
    def lower_limit(self) -> Decimal | None:
        """The lower process limit of the last segment."""
        return self.segments[-1].lower_limit if self.segments else None

    @property
    def upper_limit(self) -> Decimal | None:
        """The upper process limit of the last segment."""
        return self.segments[-1].upper_limit if self.segments else None

    @cached_property
    def points(self) -> tuple[XmrPoint, ...]:
        """One point per figure, built the first time they are read."""
        built: list[XmrPoint] = []
        for number, segment in enumerate(self.segments):
            for index in range(segment.start, segment.stop):
                rules = self._rules[index]
                variation = (
                    variation_of(self._directions[index], self.polarity) if segment.judged else None
                )
                built.append(
                    XmrPoint(
                        index,
                        self.values[index],
                        self.periods[index],
                        number,
                        segment.mean,
                        segment.lower_limit,
                        segment.upper_limit,
                        rules,
                        variation,
                    )
                )
        return tuple(built)

    def to_svg(self, *, width: int = 640, height: int = 320, title: str = "") -> str:
        """The chart as self-contained SVG text (see :func:`kpi_scorecard.spc.svg`)."""
        from ._svg import svg  # noqa: PLC0415 - drawing is optional; load it when asked

        return svg(self, width=width, height=height, title=title)
