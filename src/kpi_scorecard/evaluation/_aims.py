"""The goals targets set: a level's, and a direction of travel's.

A :class:`~kpi_scorecard.ThresholdTarget` sets a ceiling or a floor (a bare figure, one by
the measure's polarity; with no polarity, none), a :class:`~kpi_scorecard.RangeTarget` a
range: :func:`level_goal`.

A :class:`~kpi_scorecard.DirectionTarget` carries no figure of its own: it is rated
against the figure of the comparison period (the one the direction of travel uses), as a
goal with that figure as its edge (:func:`direction_goal`):

- ``Increase``: a strict floor at the earlier figure. A rise is green; no change misses
  by nothing, so it is amber within a tolerance (red with none); a fall is amber or red by
  the size of the fall, as any miss.
- ``Reduce``: a strict ceiling at the earlier figure, the mirror of ``Increase``.
- ``Improve``: ``Increase`` when higher is better, ``Reduce`` when lower is better.
- ``Maintain``: the earlier figure as a minimum (higher is better) or a maximum (lower is
  better): no worse is green, a small slip amber, a larger one red.

``Improve`` and ``Maintain`` need a polarity to say which way is better.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kpi_scorecard._measure import Polarity
from kpi_scorecard._period import Period
from kpi_scorecard._target import RangeTarget, ThresholdTarget
from kpi_scorecard._target_kinds import DirectionTarget, TargetDirection

from ._rating import Goal, GoalKind

__all__ = ["direction_goal", "level_goal"]


def direction_goal(
    target: DirectionTarget, polarity: Polarity, then: Decimal, before: Period
) -> Goal | str:
    """The goal a direction target sets from the earlier figure, or why it sets none.

    >>> from kpi_scorecard import Target
    >>> goal = direction_goal(Target.parse("Increase"), Polarity.NEUTRAL, Decimal(17),
    ...                       Period.parse("Q4 2018/19"))
    >>> goal.kind.value, goal.low, goal.strict, goal.title
    ('at_least', Decimal('17'), True, 'Q4 2018/19 figure (target: Increase)')
    """
    direction = target.direction
    if direction in (TargetDirection.IMPROVE, TargetDirection.MAINTAIN):
        if polarity is Polarity.NEUTRAL:
            return f"the target {target} needs a polarity to say which way is better"
        higher = polarity is Polarity.HIGHER_IS_BETTER
    else:
        higher = direction is TargetDirection.INCREASE
    kind = GoalKind.AT_LEAST if higher else GoalKind.AT_MOST
    if direction is TargetDirection.MAINTAIN:
        return Goal(kind, then, then, name=f"set by the {before} figure (target: {target})")
    return Goal(kind, then, then, strict=True, name=f"{before} figure (target: {target})")


def level_goal(
    target: ThresholdTarget | RangeTarget, polarity: Polarity, name: str | Callable[[], str]
) -> Goal | None:
    """The goal a level target sets; None for a bare figure on a measure of no polarity.

    >>> from kpi_scorecard import Target
    >>> goal = level_goal(Target.parse("85%"), Polarity.HIGHER_IS_BETTER, "target")
    >>> goal.kind.value, goal.low, goal.strict
    ('at_least', Decimal('85'), False)
    >>> level_goal(Target.parse("85%"), Polarity.NEUTRAL, "target") is None
    True
    """
    if isinstance(target, RangeTarget):
        return Goal(GoalKind.WITHIN, target.low, target.high, name=name)
    figure = target.value
    comparator = target.comparator
    if comparator is None:
        if polarity is Polarity.NEUTRAL:
            return None
        kind = GoalKind.AT_LEAST if polarity is Polarity.HIGHER_IS_BETTER else GoalKind.AT_MOST
        return Goal(kind, figure, figure, name=name)
    kind = GoalKind.AT_MOST if comparator.wants_lower else GoalKind.AT_LEAST
    return Goal(kind, figure, figure, strict=comparator.strict, name=name)
