"""Where one figure stands in a group: rank, quartile, band, and the group's mean and median.

Every function here takes the figure and the *other* areas' figures separately: ``others``
never includes ``value``. The group is the value and the others together, so a group of
16 statistical neighbours' figures plus one's own is a group of 17.

Ranks are competition ranks ("1224"): an area's rank is one more than the number of areas
strictly better than it, so areas with equal figures share the best of their places and
the next rank skips. Better is higher or lower by the measure's polarity; a neutral
measure has no rank.

Quartiles follow from the rank: in a group of ``n`` areas, rank ``r`` is in quartile
``ceil(4 * r / n)`` (1 best). In a group of 16, ranks 1 to 4 are the first quartile; in a
group of 11, ranks 1 and 2 (so 1 to 2, 3 to 5, 6 to 8 and 9 to 11); in a group of 4,
one area each. Areas that tie share a rank and so a quartile. Bands are the quartiles as
letters, ``A`` (best) to ``D``, the way DfE's Local Authority Interactive Tool shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from kpi_scorecard._errors import KpiScorecardError
from kpi_scorecard._measure import Polarity
from kpi_scorecard._numbers import exact_arithmetic

__all__ = [
    "BAND_LETTERS",
    "ComparatorError",
    "Number",
    "band",
    "exact",
    "mean",
    "median",
    "quartile",
    "quartile_of",
    "rank",
]

Number = Decimal | int | float
"""A figure: a Decimal, an int, or a float (read by its shortest repr, ``0.1`` as 0.1)."""

BAND_LETTERS: tuple[Literal["A", "B", "C", "D"], ...] = ("A", "B", "C", "D")
"""The bands of quartiles 1 to 4, best first."""


class ComparatorError(KpiScorecardError, ValueError):
    """A figure or a setting that comparisons cannot use, with a stable ``code``.

    >>> rank(5, [3, 4], polarity="neutral")
    Traceback (most recent call last):
    ...
    kpi_scorecard.comparators._ranking.ComparatorError: a neutral measure has no rank: 'neutral'
    """

    def __init__(self, text: str, reason: str, *, code: str) -> None:
        self.text, self.reason, self.code = text, reason, code
        super().__init__(f"{reason}: {text!r}")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword arguments, so errors cross process pools."""
        return (_rebuild, (self.text, self.reason, self.code))


def _rebuild(text: str, reason: str, code: str) -> ComparatorError:
    return ComparatorError(text, reason, code=code)


def exact(value: Number) -> Decimal:
    """A figure as a Decimal; a float by its shortest repr, so ``0.1`` is exactly 0.1.

    >>> exact(0.1), exact(3), exact(Decimal("2.50"))
    (Decimal('0.1'), Decimal('3'), Decimal('2.50'))
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise ComparatorError(repr(value), "a figure is a number", code="bad_comparator_figure")
    figure = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not figure.is_finite():
        raise ComparatorError(repr(value), "a figure is finite", code="bad_comparator_figure")
    return figure


def _higher_is_better(polarity: Polarity | str) -> bool:
    try:
        chosen = Polarity(polarity)
    except ValueError:
        raise ComparatorError(
            str(polarity), "not a polarity", code="bad_comparator_polarity"
        ) from None
    if chosen is Polarity.NEUTRAL:
        raise ComparatorError(
            str(polarity), "a neutral measure has no rank", code="bad_comparator_polarity"
        )
    return chosen is Polarity.HIGHER_IS_BETTER


def rank(value: Number, others: Iterable[Number], *, polarity: Polarity | str) -> int:
    """The rank of ``value`` among itself and ``others`` (1 is best; ties share, "1224").

    >>> rank(27, [30, 27, 12], polarity="higher_is_better")
    2
    >>> rank(27, [30, 27, 12], polarity="lower_is_better")
    2
    >>> rank(12, [30, 27, 27], polarity="lower_is_better")
    1
    """
    higher = _higher_is_better(polarity)
    figure = exact(value)
    if higher:
        return 1 + sum(1 for other in others if exact(other) > figure)
    return 1 + sum(1 for other in others if exact(other) < figure)


def quartile_of(position: int, size: int) -> int:
    """The quartile of rank ``position`` in a group of ``size``: ``ceil(4 * position / size)``.

    >>> [quartile_of(rank, 11) for rank in range(1, 12)]
    [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
    """
    return -(-4 * position // size)


def quartile(value: Number, others: Iterable[Number], *, polarity: Polarity | str) -> int:
    """The quartile of ``value`` among itself and ``others``: 1 (best) to 4.

    >>> quartile(27, [30, 25, 24, 20, 19, 18, 15], polarity="higher_is_better")
    1
    >>> quartile(27, [30, 25, 24, 20, 19, 18, 15], polarity="lower_is_better")
    4
    """
    group = list(others)
    return quartile_of(rank(value, group, polarity=polarity), len(group) + 1)


def band(
    value: Number, others: Iterable[Number], *, polarity: Polarity | str
) -> Literal["A", "B", "C", "D"]:
    """The band of ``value`` among itself and ``others``: ``A`` (best quartile) to ``D``.

    >>> band(27, [30, 25, 24], polarity="higher_is_better")
    'B'
    """
    return BAND_LETTERS[quartile(value, others, polarity=polarity) - 1]


def mean(figures: Iterable[Number]) -> Decimal:
    """The mean of the figures, exact where the quotient ends within 28 digits.

    >>> mean([24, 25, 27])
    Decimal('25.33333333333333333333333333')
    """
    values = [exact(figure) for figure in figures]
    if not values:
        raise ComparatorError("", "a mean needs a figure", code="empty_comparator_group")
    with exact_arithmetic():
        return sum(values, Decimal(0)) / len(values)


def median(figures: Iterable[Number]) -> Decimal:
    """The median: the middle figure, or the mean of the two middle ones.

    >>> median([24, 27, 25, 30])
    Decimal('26')
    """
    values = sorted(exact(figure) for figure in figures)
    if not values:
        raise ComparatorError("", "a median needs a figure", code="empty_comparator_group")
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    with exact_arithmetic():
        return (values[middle - 1] + values[middle]) / 2
