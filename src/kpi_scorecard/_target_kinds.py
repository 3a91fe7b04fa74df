"""Targets without a figure of their own, and targets for several periods in one cell.

- :class:`DirectionTarget`: ``Increase``, ``Reduce``, ``Maintain``, ``Improve``; rated on
  the direction of travel from the comparison period.
- :class:`BenchmarkTarget`: ``Top quartile``, ``Better than England average``; rated on
  comparator data (:mod:`kpi_scorecard.comparators`) when evaluation is given it.
- :class:`ScheduledTarget`: ``2022/23: 90%; 2023/24: 92%``, a target for each period,
  which a reader expands into dated target settings with :meth:`Target.dated`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise
from typing import Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from ._period import Period
from ._target import NotApplicable, NoTarget, Target, _Unitless

__all__ = [
    "BenchmarkRelation",
    "BenchmarkTarget",
    "DirectionTarget",
    "ScheduledTarget",
    "TargetDirection",
]


class TargetDirection(StrEnum):
    """The way a direction-only target asks a measure to move."""

    INCREASE = "increase"
    REDUCE = "reduce"
    MAINTAIN = "maintain"
    IMPROVE = "improve"


class DirectionTarget(_Unitless):
    """A direction of travel to achieve, with no figure: ``Increase``, ``Reduce the number``.

    ``Increase`` and ``Reduce`` say which way the figure must move; ``Improve`` moves it the
    way the measure's polarity calls better; ``Maintain`` asks that it be no worse than the
    comparison period's figure.

    >>> t = Target.parse("Increase on last year")
    >>> t.direction, str(t)
    (<TargetDirection.INCREASE: 'increase'>, 'Increase')
    """

    direction: TargetDirection

    def _text(self) -> str:
        return self.direction.value.capitalize()


class BenchmarkRelation(StrEnum):
    """How a measure must stand against a benchmark."""

    BETTER_THAN = "better than"
    IN_LINE_WITH = "in line with"
    ABOVE = "above"
    BELOW = "below"
    IN = "in"
    """Within a band of comparators, such as the top quartile."""


_QUARTILE = "top quartile"
_BENCHMARKS = frozenset(
    {
        "England average",
        "national average",
        "regional average",
        "London average",
        "statistical neighbours",
        "CIPFA neighbours",
        _QUARTILE,
    }
)
_YEARS_AVERAGE = re.compile(r"(?:[2-9]|10)-year average")


class BenchmarkTarget(_Unitless):
    """A place to reach against comparators: ``Top quartile``, ``Better than England average``.

    Rating it needs the comparators' figures, which a scorecard does not hold: evaluation
    rates it on the comparator data it is given (``comparators=``), and without leaves it
    not rated and says why.

    >>> t = Target.parse("Better than the national average")
    >>> t.relation.value, t.benchmark, str(t)
    ('better than', 'national average', 'Better than national average')
    >>> str(Target.parse("Upper quartile")), Target.parse("Top quartile").rated
    ('Top quartile', False)
    """

    relation: BenchmarkRelation
    benchmark: str

    @model_validator(mode="after")
    def _known(self) -> Self:
        if self.benchmark not in _BENCHMARKS and not _YEARS_AVERAGE.fullmatch(self.benchmark):
            raise PydanticCustomError(
                "unknown_benchmark",
                "{benchmark} is not a benchmark",
                {"benchmark": repr(self.benchmark)},
            )
        if (self.relation is BenchmarkRelation.IN) != (self.benchmark == _QUARTILE):
            raise PydanticCustomError(
                "unknown_benchmark",
                "a target is in the top quartile, and better than, in line with, above or "
                "below an average",
            )
        return self

    @property
    def rated(self) -> bool:
        """False: rating needs comparator figures, which the scorecard does not hold."""
        return False

    def _text(self) -> str:
        if self.relation is BenchmarkRelation.IN:
            return self.benchmark.capitalize()
        return f"{self.relation.value.capitalize()} {self.benchmark}"


class ScheduledTarget(Target):
    """A target for each of several periods in one cell: ``2022/23: 90%, 2023/24: 92%``.

    Also read from ``90% (2022-23) 92% (2023-24)``. The periods run in order without
    overlapping; each entry is a target of its own, which names no period itself. The
    schedule's ``unit`` is the one its entries' figures share.

    >>> t = Target.parse("2022/23: 90%, 2023/24: 92%")
    >>> str(t), [str(p) for p, _ in t.entries]
    ('2022/23: 90%; 2023/24: 92%', ['2022/23', '2023/24'])
    >>> str(t.for_period(Period.parse("Q3 2023/24")))
    '92%'
    """

    entries: tuple[tuple[Period, Target], ...]

    @model_validator(mode="after")
    def _check_entries(self) -> Self:
        problem = schedule_problem(self.entries)
        if problem is not None:
            raise PydanticCustomError(problem[0], problem[1])
        units = {target.unit for _, target in self.entries if target.unit is not None}
        if self.basis is not None or self.period is not None:
            raise PydanticCustomError(
                "unexpected_qualifier", "each entry of a schedule carries its own qualifiers"
            )
        if len(units) == 1 and "unit" not in self.model_fields_set:
            object.__setattr__(self, "unit", next(iter(units)))  # the entries' unit, once
        if len(units) > 1 or (units and self.unit not in units) or (not units and self.unit):
            raise PydanticCustomError(
                "mixed_units", "the unit of a schedule is the one its entries share"
            )
        return self

    def for_period(self, period: Period) -> Target | None:
        """The entry whose period contains ``period``, or None."""
        for start, target in self.entries:
            if start.contains(period):
                return target
        return None

    def entry_period(self, period: Period) -> Period | None:
        """The period of the entry that contains ``period``, or None."""
        for start, _ in self.entries:
            if start.contains(period):
                return start
        return None

    def dated(self, default: Period) -> tuple[tuple[Period, Target], ...]:
        """One (period, target) pair per entry, each target with a figure naming its period."""
        return tuple(
            (period, target)
            if isinstance(target, NoTarget | NotApplicable)
            else (period, target.model_copy(update={"period": period}))
            for period, target in self.entries
        )

    def in_unit(self, factor: Fraction, unit: str | None) -> Self:
        """Convert the entries written in the schedule's unit; the others are in the measure's."""
        entries = tuple(
            (period, target.in_unit(factor, unit) if target.unit is not None else target)
            for period, target in self.entries
        )
        return self.model_copy(update={"entries": entries, "unit": unit})

    def _text(self) -> str:
        return "; ".join(f"{period}: {target}" for period, target in self.entries)


def schedule_problem(entries: tuple[tuple[Period, Target], ...]) -> tuple[str, str] | None:
    """What is wrong with a schedule's entries, as (code, reason); None when nothing is."""
    if len(entries) < 2:
        return "bad_schedule", "a schedule sets targets for two periods or more"
    for period, target in entries:
        if isinstance(target, ScheduledTarget) or target.period is not None:
            return "schedule_entry", f"the target for {period} names a period of its own"
        if target == NoTarget():
            return "schedule_entry", f"no target is given for {period}"
    for (first, _), (then, _) in pairwise(entries):
        if then.start <= first.end:
            return (
                "schedule_order",
                f"the periods of a schedule run in order without overlapping: {then} after {first}",
            )
    return None
