"""Direction of travel: how a figure moved since the comparison period.

With a polarity a change is improving or worsening; without one (neutral) it is increasing
or decreasing. A change no larger than the policy's minimum is no change. A break in series
on the current figure, or no figure to compare with, makes the direction not comparable.
Bands compare by their midpoints.
"""

from __future__ import annotations

from decimal import Decimal

from kpi_scorecard._errors import CalendarError
from kpi_scorecard._figures import show_amount, show_value
from kpi_scorecard._measure import Aggregation, Measure, Polarity
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period
from kpi_scorecard._status import ObservationStatus

from ._policy import Comparison, RagPolicy, Tolerance
from ._results import Direction

__all__ = [
    "comparison_for",
    "comparison_period",
    "travel",
    "travel_between",
    "travel_sentence",
]


def comparison_period(
    measure: Measure, period: Period, policy: RagPolicy
) -> tuple[Period | None, str]:
    """The period to compare with, and a note when the measure changes the policy's choice.

    A year-to-date figure restarts every year, so an ``already_cumulative`` measure is
    compared with the same period last year whatever the policy says.
    """
    return comparison_for(measure.aggregation, period, policy)


def comparison_for(
    aggregation: Aggregation, period: Period, policy: RagPolicy
) -> tuple[Period | None, str]:
    """:func:`comparison_period` for a measure of this aggregation."""
    try:
        if policy.comparison is Comparison.SAME_PERIOD_LAST_YEAR:
            return period.same_period_last_year(), ""
        if aggregation is Aggregation.ALREADY_CUMULATIVE:
            return period.same_period_last_year(), " (a year-to-date figure: same period last year)"
        return period.previous(), ""
    except CalendarError as exc:
        return None, f" ({exc})"


def travel(
    polarity: Polarity,
    current: Observation | None,
    before: Observation | None,
    before_period: Period | None,
    minimum: Tolerance,
) -> tuple[Direction, Decimal | None]:
    """The direction of travel from the comparison period's figure, and the change."""
    now = current.point if current is not None else None
    if current is None or now is None or current.status is ObservationStatus.BREAK:
        return Direction.NOT_COMPARABLE, None
    then = before.point if before is not None else None
    if before_period is None or then is None:
        return Direction.NOT_COMPARABLE, None
    return travel_between(polarity, now, then, minimum)


def travel_between(
    polarity: Polarity, now: Decimal, then: Decimal, minimum: Tolerance
) -> tuple[Direction, Decimal]:
    """The direction of travel and the change from ``then`` to ``now``, both figures known."""
    change = now - then
    if change == 0 or abs(change) <= minimum.allowance(then):
        return Direction.NO_CHANGE, change
    if polarity is Polarity.NEUTRAL:
        return (Direction.INCREASING if change > 0 else Direction.DECREASING), change
    if (change > 0) == (polarity is Polarity.HIGHER_IS_BETTER):
        return Direction.IMPROVING, change
    return Direction.WORSENING, change


def travel_sentence(  # noqa: PLR0913, PLR0917 - the figures the sentence names
    unit: str,
    current: Observation | None,
    period: Period,
    before: Observation | None,
    before_period: Period | None,
    found: tuple[Direction, Decimal | None],
    minimum: Tolerance,
    note: str,
) -> str:
    """The sentence that explains the direction of travel :func:`travel` found."""
    direction, change = found
    if current is None or current.point is None:
        return f"no value for {period} to compare"
    if current.status is ObservationStatus.BREAK:
        return f"a break in series at {period}: not comparable"
    if before_period is None or before is None or change is None:
        where = before_period if before_period is not None else "an earlier period"
        return f"no value for {where} to compare{note}"
    shown = (
        f"{show_value(current.value, unit)} against {show_value(before.value, unit)} "
        f"in {before_period}{note}"
        if current.value is not None and before.value is not None
        else ""
    )
    if direction is Direction.NO_CHANGE:
        qualifier = f", within the minimum change of {minimum}" if change != 0 else ""
        return f"{shown}: no change{qualifier}"
    movement = "up" if change > 0 else "down"
    return f"{shown}: {movement} {show_amount(abs(change), unit)}, {direction.value}"
