"""Year to date: a measure's figures over its financial year, added up by its aggregation.

- ``sum``, ``mean``, ``min``, ``max`` need a figure for every quarter (or month) so far;
- ``ratio`` is the sum of numerators over the sum of denominators, never an average of
  percentages;
- ``latest`` (snapshots) and ``already_cumulative`` (figures reported year to date) take
  the period's own figure.

Bands add up end by end: the year to date of ``10`` and ``5-7`` is ``15-17``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import AveragedPercentageWarning, warn_caller
from kpi_scorecard._measure import Aggregation, Measure
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._units import PERCENT
from kpi_scorecard._value import Band

__all__ = ["YearToDate", "aggregate_to_date", "periods_to_date", "to_date", "year_to_date"]


@dataclass(frozen=True, slots=True)
class YearToDate:
    """A year-to-date figure, or the reason there is none."""

    value: Decimal | Band | None
    reason: str = ""


def periods_to_date(period: Period) -> tuple[Period, ...]:
    """The quarters or months of the period's financial year, up to and including it.

    >>> [str(p) for p in periods_to_date(Period.parse("Q3 2019/20"))]
    ['Q1 2019/20', 'Q2 2019/20', 'Q3 2019/20']
    """
    return _periods_to_date(period, period.calendar)


@lru_cache(maxsize=1024)
def _periods_to_date(period: Period, calendar: Calendar) -> tuple[Period, ...]:
    # The calendar is part of the cache key: periods of the same days compare equal across
    # calendars, but April to June is Q1 of a year starting in April and Q2 of one in January.
    year = calendar.financial_year_of(period.start)
    if period.kind is PeriodKind.FINANCIAL_QUARTER:
        return tuple(
            Period.financial_quarter(year, quarter, calendar=calendar)
            for quarter in range(1, period.quarter_number + 1)
        )
    if period.kind is PeriodKind.MONTH:
        months = []
        current = period
        while calendar.financial_year_of(current.start) == year:
            months.append(current)
            current = current.previous()
        return tuple(reversed(months))
    if period.kind is PeriodKind.FINANCIAL_YEAR:
        return (period,)
    return ()


def _combine(
    values: Sequence[Decimal | Band], how: Callable[[list[Decimal]], Decimal]
) -> Decimal | Band:
    figures = [value for value in values if type(value) is Decimal]
    if len(figures) == len(values):
        return how(figures)
    lows = [value.low if isinstance(value, Band) else value for value in values]
    highs = [value.high if isinstance(value, Band) else value for value in values]
    low, high = how(lows), how(highs)
    return low if low == high else Band(low=low, high=high)


def _sum(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


_HOW: dict[Aggregation, Callable[[list[Decimal]], Decimal]] = {
    Aggregation.SUM: _sum,
    Aggregation.MEAN: _mean,
    Aggregation.MIN: min,
    Aggregation.MAX: max,
}


def year_to_date(
    measure: Measure, observations: Mapping[Period, Observation], period: Period
) -> YearToDate:
    """Aggregate the measure's figures from the start of the financial year to ``period``."""
    return aggregate_to_date(measure, period, observations, periods_to_date(period))


def aggregate_to_date(
    measure: Measure,
    period: Period,
    observations: Mapping[Period, Observation],
    periods: tuple[Period, ...],
) -> YearToDate:
    """:func:`year_to_date`, given the periods to date (worked out once for many measures)."""
    return YearToDate(*to_date(measure, period, observations, periods))


def to_date(
    measure: Measure,
    period: Period,
    observations: Mapping[Period, Observation],
    periods: tuple[Period, ...],
    *,
    warn: bool = True,
) -> tuple[Decimal | Band | None, str]:
    """:func:`aggregate_to_date` as a pair (the figure, or None and the reason).

    ``warn=False`` keeps quiet about averaged percentages: the engine warns when it rates,
    not again when it writes the sentences.
    """
    aggregation = measure.aggregation
    if aggregation is Aggregation.LATEST or aggregation is Aggregation.ALREADY_CUMULATIVE:
        current = observations.get(period)
        if current is None or current.value is None:
            return None, f"no value for {period}"
        return current.value, ""
    if not periods:
        return None, f"year to date is kept for quarters and months, not {period}"
    present = []
    values: list[Decimal | Band] = []
    for each in periods:
        observation = observations.get(each)
        if observation is None or observation.value is None:
            return None, f"no value for {each}, so no year-to-date {aggregation}"
        present.append(observation)
        values.append(observation.value)
    if aggregation is Aggregation.RATIO:
        found = _ratio(measure, periods, present)
        return found.value, found.reason
    if (
        warn
        and aggregation is Aggregation.MEAN
        and measure.unit == PERCENT
        and all(observation.numerator is not None for observation in present)
    ):
        warn_caller(
            f"{measure.reference}: averaging percentages although numerators and denominators "
            "exist; declare aggregation 'ratio' to add them up correctly",
            AveragedPercentageWarning,
        )
    return _combine(values, _HOW[aggregation]), ""


def _ratio(
    measure: Measure, periods: Sequence[Period], present: Sequence[Observation]
) -> YearToDate:
    numerators: list[Decimal] = []
    denominators: list[Decimal] = []
    for each, observation in zip(periods, present, strict=True):
        if observation.numerator is None or observation.denominator is None:
            return YearToDate(None, f"no numerator and denominator for {each}, so no ratio")
        numerators.append(observation.numerator)
        denominators.append(observation.denominator)
    total = sum(denominators, Decimal(0))
    if total == 0:
        return YearToDate(None, "the denominators add up to zero")
    scale = Decimal(100) if measure.unit == PERCENT else Decimal(1)
    return YearToDate(sum(numerators, Decimal(0)) * scale / total)
