"""The verdicts on an XmR chart's last point, and the sentences that explain them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from kpi_scorecard._measure import Polarity

from ._chart import EXACT, RULES, Assurance, Rule, Variation, XmrSegment, show, variation_of

if TYPE_CHECKING:
    from kpi_scorecard._period import Period

    from ._xmr import TargetFigure, _Flags, _Segment

__all__ = ["assurance", "verdict"]


def _label(labels: Sequence[Period | None], index: int) -> str:
    label = labels[index]
    return str(label) if label is not None else f"point {index + 1}"


def _why(
    rule: Rule | None,
    chart: tuple[list[Decimal], Sequence[Period | None]],
    segment: XmrSegment,
    streak: int,
    close: int,
    direction: int,
) -> str:
    """Why the last point has its verdict."""
    xs, labels = chart
    last = segment.stop - 1
    value = show(xs[last])
    lower, upper = segment.lower_limit, segment.upper_limit
    assert lower is not None  # noqa: S101 - a judged segment has limits
    assert upper is not None  # noqa: S101 - a judged segment has limits
    since = _label(labels, last - streak + 1) if streak else ""
    if rule is Rule.OUTSIDE_LIMITS:
        if direction > 0:
            return f"{value} is above the upper process limit of {show(upper)}"
        return f"{value} is below the lower process limit of {show(lower)}"
    if rule is Rule.TREND:
        return f"{streak} points {'rising' if direction > 0 else 'falling'} since {since}"
    if rule is Rule.TWO_OF_THREE:
        line = "upper" if direction > 0 else "lower"
        return f"{close} of the last 3 points beyond the {line} 2-sigma line"
    if rule is Rule.RUN:
        return f"{streak} points {'above' if direction > 0 else 'below'} the mean since {since}"
    return f"{value} is within the process limits of {show(lower)} to {show(upper)}"


def _streak(values: Sequence[int]) -> int:
    """How many of the last values equal the last one."""
    last = len(values) - 1
    first = last
    while first > 0 and values[first - 1] == values[last]:
        first -= 1
    return last - first + 1


def assurance(
    target: TargetFigure | None,
    polarity: Polarity,
    segment: _Segment | None,
    figures: XmrSegment | None,
) -> tuple[Assurance | None, str]:
    if target is None:
        return None, "no assurance: no target"
    if segment is None or figures is None:
        return None, "no assurance: too few points to judge"
    lower, upper = figures.lower_limit, figures.upper_limit
    assert lower is not None  # noqa: S101 - a judged segment has limits
    assert upper is not None  # noqa: S101 - a judged segment has limits
    limits = f"the process limits of {show(lower)} to {show(upper)}"
    high = segment.high
    with localcontext(EXACT):
        if isinstance(target, tuple):
            low_end, high_end = (segment.position(edge) for edge in target)
            shown = f"the range {show(target[0])}-{show(target[1])}"
            if low_end <= -high and high_end >= high:
                verdict = Assurance.CONSISTENTLY_PASSING
                reason = f"{limits} lie within {shown}"
            elif low_end > high or high_end < -high:
                verdict = Assurance.CONSISTENTLY_FAILING
                reason = f"{limits} lie outside {shown}"
            elif low_end > -high and high_end < high:
                return None, f"no assurance: {limits} straddle both ends of {shown}"
            else:
                verdict = Assurance.HIT_AND_MISS
                reason = f"one end of {shown} lies within {limits}"
            return verdict, f"{verdict.words}: {reason}"
        if polarity is Polarity.NEUTRAL:
            return None, "no assurance: a neutral measure has no side of its target to pass"
        where = segment.position(target)
    shown = f"the target of {show(target)}"
    higher = polarity is Polarity.HIGHER_IS_BETTER
    if where < -high:
        verdict = Assurance.CONSISTENTLY_PASSING if higher else Assurance.CONSISTENTLY_FAILING
        reason = f"{shown} is below the lower process limit of {show(lower)}"
    elif where > high:
        verdict = Assurance.CONSISTENTLY_FAILING if higher else Assurance.CONSISTENTLY_PASSING
        reason = f"{shown} is above the upper process limit of {show(upper)}"
    else:
        verdict = Assurance.HIT_AND_MISS
        reason = f"{shown} lies within {limits}"
    return verdict, f"{verdict.words}: {reason}"


def verdict(
    chart: tuple[list[Decimal], list[Period | None]],
    segments: list[XmrSegment],
    directions: list[int],
    last: _Flags | None,
    settings: tuple[Polarity, int],
) -> tuple[Variation | None, str]:
    """The variation icon of the last point, and its sentence."""
    figures, labels = chart
    polarity, minimum = settings
    if not segments:
        return None, "no judgement: no figures"
    segment = segments[-1]
    if last is None:
        count = len(segment)
        where = f" since {_label(labels, segment.start)}" if len(segments) > 1 else ""
        noun = "point" if count == 1 else "points"
        return None, (
            f"no judgement: {count} {noun}{where}, and process limits need at least {minimum}"
        )
    flags = last.flags
    direction = directions[-1]
    variation = variation_of(direction, polarity)
    rule = RULES[flags[-1]][0] if flags[-1] else None
    streak = 0
    if rule is Rule.TREND:
        streak = _rising(figures, segment.start, segment.stop, direction)
    elif rule is Rule.RUN:
        streak = _streak(last.sides)
    close = sum(1 for c in last.close[-3:] if c) if rule is Rule.TWO_OF_THREE else 0
    reason = _why(rule, (figures, labels), segment, streak, close, direction)
    return variation, f"{variation.words}: {reason}"


def _rising(figures: list[Decimal], start: int, stop: int, direction: int) -> int:
    """How many of the last points of figures[start:stop] rise (or fall) one to the next."""
    count = 1
    i = stop - 1
    while i > start and (figures[i] - figures[i - 1]) * direction > 0:
        count += 1
        i -= 1
    return count
