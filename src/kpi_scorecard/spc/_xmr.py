"""XmR charts the way NHS England's "Making Data Count" reads them.

For each segment of the series (the whole series, or the parts between the periods where
the process was rebased):

- the centre line is the mean of the baseline points (all of them, or the first
  ``baseline``); the moving ranges are the differences between neighbouring baseline
  points, and their mean is the average moving range (AMR);
- with ``screen_outliers`` (the default, as NHSRplotthedots; the Making Data Count Excel
  tool does not screen), moving ranges at or above 3.267 x AMR are left out and the AMR is
  taken again over the rest;
- the process limits are mean +/- 2.66 x AMR, the 2-sigma lines mean +/- (2/3) x 2.66 x AMR.

The rules, in priority order: a point outside the process limits; a trend of
``trend_length`` points each above (or each below) the one before; two of three points in a
row beyond the same 2-sigma line, all three on that side of the mean (with
``two_of_three_beyond_limits``, points beyond the process limits count too); a run of
``run_length`` points on one side of the mean. An equal neighbour breaks a trend and a point
on the mean breaks a run.

Every verdict is decided on exact fractions of the data: a point is compared with a limit
by cross-multiplying, never through a rounded limit. The figures reported are those
fractions rounded once to the library's 28 significant digits (:data:`kpi_scorecard._numbers
.CONTEXT`).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence
from decimal import (
    Decimal,
    localcontext,
)
from typing import NamedTuple

from kpi_scorecard._measure import Polarity
from kpi_scorecard._numbers import exact_arithmetic, figure_problem
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period
from kpi_scorecard._status import ObservationStatus

from ._chart import (
    EXACT,
    OUTSIDE,
    RULES,
    RUN,
    TREND,
    TWO_OF_THREE,
    Rule,
    SpcError,
    XmrChart,
    XmrSegment,
)
from ._verdicts import assurance, verdict

__all__ = [
    "LIMIT_FACTOR",
    "MINIMUM_POINTS",
    "SCREEN_FACTOR",
    "xmr",
]

#: Process limits lie this many average moving ranges either side of the mean (3 / d2).
LIMIT_FACTOR = Decimal("2.66")
#: Moving ranges at or above this many average moving ranges are screened out (D4).
SCREEN_FACTOR = Decimal("3.267")
#: The fewest points in a segment before Making Data Count shows limits and icons.
MINIMUM_POINTS = 13

_ZERO = Decimal(0)
_TWO = Decimal(2)
_THREE = Decimal(3)

Series = Iterable[Decimal | int] | Iterable[Observation]
TargetFigure = Decimal | tuple[Decimal, Decimal]


def _setting(name: str, value: int | None, least: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        msg = f"{name} is a whole number of at least {least}, not {value!r}"
        raise SpcError(msg, code="spc_bad_setting")


def _figure(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        msg = f"a figure is a Decimal or an int, not {type(value).__name__}: {value!r}"
        raise SpcError(msg, code="spc_bad_value")
    number = Decimal(value)
    problem = figure_problem(number)
    if problem is not None:
        raise SpcError(f"{problem}: {value!r}", code="spc_bad_value")
    return number


def _read(
    values: Series, periods: Sequence[Period] | None
) -> tuple[list[Decimal], list[Period | None], set[int], list[Period]]:
    """The figures, their periods, the positions of breaks in series, and the gaps."""
    figures: list[Decimal] = []
    labels: list[Period | None] = []
    breaks: set[int] = set()
    gaps: list[Period] = []
    measure: str | None = None
    for item in values:
        if not isinstance(item, Observation):
            figures.append(_figure(item))
            continue
        if measure is None:
            measure = item.measure_ref
        elif item.measure_ref != measure:
            msg = f"one chart is one measure's series: {item.measure_ref} after {measure}"
            raise SpcError(msg, code="spc_mixed_measures")
        previous = labels[-1] if labels else (gaps[-1] if gaps else None)
        if previous is not None and not previous < item.period:
            msg = f"observations go in period order: {item.period} after {previous}"
            raise SpcError(msg, code="spc_unordered_periods")
        point = item.point
        if point is None:
            gaps.append(item.period)
            continue
        if item.status is ObservationStatus.BREAK:
            breaks.add(len(figures))
        figures.append(_figure(point))
        labels.append(item.period)
    if measure is not None and periods is not None:
        msg = "observations carry their own periods: give no periods"
        raise SpcError(msg, code="spc_bad_setting")
    if measure is None:
        if periods is None:
            labels = [None] * len(figures)
        elif len(periods) != len(figures):
            msg = f"{len(periods)} periods for {len(figures)} figures"
            raise SpcError(msg, code="spc_bad_setting")
        else:
            labels = list(periods)
    return figures, labels, breaks, gaps


def _starts(rebase: Collection[int | Period], labels: list[Period | None], count: int) -> list[int]:
    """The positions where segments start."""
    starts = {0}
    where = {label: index for index, label in enumerate(labels) if label is not None}
    for item in rebase:
        if isinstance(item, Period):
            if item not in where:
                msg = f"no figure for {item} to rebase at"
                raise SpcError(msg, code="spc_bad_rebase")
            starts.add(where[item])
        elif isinstance(item, int) and not isinstance(item, bool) and 0 <= item < count:
            starts.add(item)
        else:
            msg = f"a rebase is a period of the series or a position below {count}: {item!r}"
            raise SpcError(msg, code="spc_bad_rebase")
    return sorted(starts)


class _Segment:
    """The exact sums behind one segment's limits, and its verdicts point by point."""

    __slots__ = ("count", "high", "moving", "scaled", "screened", "total")

    def __init__(self, xs: list[Decimal], baseline: int, screen: bool, start: int) -> None:
        base = xs[:baseline]
        self.total = sum(base, _ZERO)
        self.count = Decimal(len(base))
        ranges = [abs(b - a) for a, b in itertools.pairwise(base)]
        moving = sum(ranges, _ZERO)
        kept = len(ranges)
        self.screened: tuple[int, ...] = ()
        if screen and moving > 0:
            cut = SCREEN_FACTOR * moving
            size = Decimal(kept)
            dropped = [i for i, mr in enumerate(ranges) if size * mr >= cut]
            if dropped:
                self.screened = tuple(start + i + 1 for i in dropped)
                moving -= sum((ranges[i] for i in dropped), _ZERO)
                kept -= len(dropped)
        self.moving = moving
        #: m, the number of moving ranges kept; a point x is above the upper limit when
        #: m * (n * x - S) > 2.66 * n * R, with S the baseline's sum and R the ranges'.
        self.scaled = Decimal(kept)
        self.high = LIMIT_FACTOR * self.count * moving

    def position(self, x: Decimal) -> Decimal:
        """The point's distance from the mean on the limits' scale: m * (n * x - S)."""
        return self.scaled * (self.count * x - self.total)

    def figures(self, start: int, stop: int, baseline: int) -> XmrSegment:
        """The segment's figures, each an exact fraction rounded once."""
        n, m, total, high = self.count, self.scaled, self.total, self.high
        with exact_arithmetic():
            scale = n * m
            return XmrSegment(
                start,
                stop,
                judged=True,
                baseline=baseline,
                mean=total / n,
                average_moving_range=self.moving / m,
                lower_limit=(m * total - high) / scale,
                upper_limit=(m * total + high) / scale,
                lower_two_sigma=(_THREE * m * total - _TWO * high) / (_THREE * scale),
                upper_two_sigma=(_THREE * m * total + _TWO * high) / (_THREE * scale),
                screened=self.screened,
            )


class _Flags:
    """A segment's flags (a bit per rule), directions, sides of the mean, and 2-sigma marks."""

    __slots__ = ("close", "directions", "flags", "sides")

    def __init__(
        self, flags: list[int], directions: list[int], sides: list[int], close: list[int]
    ) -> None:
        self.flags, self.directions, self.sides, self.close = flags, directions, sides, close


def _flag(
    xs: list[Decimal],
    segment: _Segment,
    lengths: tuple[int, int],
    beyond_limits: bool,
) -> _Flags:
    """Apply the rules to a segment's points."""
    trend_length, run_length = lengths
    size = len(xs)
    high = segment.high
    warn = _TWO * high
    sides = [0] * size
    outside = [0] * size
    close = [0] * size
    for i, x in enumerate(xs):
        distance = segment.position(x)
        if distance > 0:
            sides[i] = 1
            if distance > high:
                outside[i] = 1
            if _THREE * distance > warn and (beyond_limits or not outside[i]):
                close[i] = 1
        elif distance < 0:
            sides[i] = -1
            if distance < -high:
                outside[i] = -1
            if _THREE * distance < -warn and (beyond_limits or not outside[i]):
                close[i] = -1
    trends = [0] * size
    # Streaks of strictly rising (or falling) neighbours; where two streaks meet, the
    # later one gives the shared point its direction.
    first, going = 0, 0
    for i in range(1, size + 1):
        step = 0 if i == size else (xs[i] > xs[i - 1]) - (xs[i] < xs[i - 1])
        if i < size and step != 0 and step == going:
            continue
        if going != 0 and i - first >= trend_length:
            trends[first:i] = [going] * (i - first)
        first, going = i - 1, step
    runs = [0] * size
    first = 0
    for i in range(1, size + 1):
        if i < size and sides[i] == sides[first]:
            continue
        if sides[first] != 0 and i - first >= run_length:
            runs[first:i] = [sides[first]] * (i - first)
        first = i
    pairs = [0] * size
    for i in range(size - 2):
        side = sides[i]
        if side != 0 and sides[i + 1] == side and sides[i + 2] == side:
            window = (i, i + 1, i + 2)
            if sum(1 for k in window if close[k]) >= 2:
                for k in window:
                    if close[k]:
                        pairs[k] = side
    flags = [0] * size
    directions = [0] * size
    for i in range(size):
        mask = (
            (OUTSIDE if outside[i] else 0)
            | (TREND if trends[i] else 0)
            | (TWO_OF_THREE if pairs[i] else 0)
            | (RUN if runs[i] else 0)
        )
        flags[i] = mask
        if mask:
            directions[i] = outside[i] or trends[i] or pairs[i] or runs[i]
    return _Flags(flags, directions, sides, close)


def _target(target: object) -> TargetFigure | None:
    if target is None:
        return None
    if isinstance(target, tuple):
        if len(target) != 2:
            msg = f"a range target is a pair (low, high), not {target!r}"
            raise SpcError(msg, code="spc_bad_target")
        low, high = _figure(target[0]), _figure(target[1])
        if low > high:
            msg = f"a range target runs from low to high, not {target!r}"
            raise SpcError(msg, code="spc_bad_target")
        return (low, high)
    return _figure(target)


def xmr(  # noqa: PLR0913 - every setting of the method is a keyword, as the method has them
    values: Series,
    *,
    polarity: Polarity | str,
    target: Decimal | int | tuple[Decimal | int, Decimal | int] | None = None,
    periods: Sequence[Period] | None = None,
    rebase: Collection[int | Period] = (),
    baseline: int | None = None,
    screen_outliers: bool = True,
    trend_length: int = 7,
    run_length: int = 7,
    two_of_three_beyond_limits: bool = False,
    minimum_points: int = MINIMUM_POINTS,
) -> XmrChart:
    """Draw an XmR chart of a series and read its variation and assurance.

    ``values`` are figures (``Decimal`` or ``int``) or one measure's observations in period
    order; an observation without a figure is a gap (listed in ``gaps``), one marked as a
    break in series starts a new segment. ``target`` is a figure (a floor when higher is
    better, a ceiling when lower is better) or a ``(low, high)`` range. ``rebase`` gives the
    periods (or positions) where the process changed; ``baseline`` fixes each segment's
    limits on its first points and extends them forward. A segment with fewer than
    ``minimum_points`` points gets no limits and no verdict.

    >>> from decimal import Decimal
    >>> data = [Decimal(v) for v in "1 2 1 2 10 1 2 1 2 1 2 1 2 1 2 1 2 1".split()]
    >>> chart = xmr(data, polarity="higher_is_better")
    >>> round(chart.upper_limit, 2), chart.points[4].rules, chart.variation.value
    (Decimal('4.60'), (<Rule.OUTSIDE_LIMITS: 'outside_limits'>,), 'common_cause')
    >>> chart.explanation
    'common cause variation: 1 is within the process limits of -0.72 to 4.6'
    """
    polarity = Polarity(polarity)
    _setting("trend_length", trend_length, 2)
    _setting("run_length", run_length, 2)
    _setting("minimum_points", minimum_points, 2)
    _setting("baseline", baseline, 2)
    goal = _target(target)
    figures, labels, breaks, gaps = _read(values, periods)
    starts = sorted({*_starts(rebase, labels, len(figures)), *breaks})
    settings = Settings(
        baseline, screen_outliers, trend_length, run_length, two_of_three_beyond_limits
    )
    return chart_of((figures, labels, starts, gaps), polarity, goal, settings, minimum_points)


class Settings(NamedTuple):
    """The settings :func:`chart_of` draws with, checked by its caller."""

    baseline: int | None
    screen_outliers: bool
    trend_length: int
    run_length: int
    two_of_three_beyond_limits: bool


def chart_of(
    series: tuple[list[Decimal], list[Period | None], list[int], Sequence[Period]],
    polarity: Polarity,
    goal: TargetFigure | None,
    settings: Settings,
    minimum_points: int,
) -> XmrChart:
    """Draw the chart of figures already checked: :func:`xmr` without reading its input.

    ``series`` holds the figures, their periods, the positions where segments start (0
    among them, in order) and the gaps. For a caller that has checked every figure and
    setting already and charts many series, such as evaluation charting each period.
    """
    figures, labels, starts, gaps = series
    baseline, screen_outliers, trend_length, run_length, two_of_three_beyond_limits = settings
    starts = sorted({*starts, len(figures)})
    segments: list[XmrSegment] = []
    rules: list[tuple[Rule, ...]] = []
    directions: list[int] = []
    last: tuple[_Segment, _Flags] | None = None
    for start, stop in itertools.pairwise(starts):
        xs = figures[start:stop]
        if len(xs) < minimum_points:
            segments.append(XmrSegment(start, stop, judged=False, baseline=0))
            rules.extend(() for _ in xs)
            directions.extend(0 for _ in xs)
            last = None
            continue
        used = len(xs) if baseline is None else min(baseline, len(xs))
        with localcontext(EXACT):
            exact = _Segment(xs, used, screen_outliers, start)
            flagged = _flag(xs, exact, (trend_length, run_length), two_of_three_beyond_limits)
        segments.append(exact.figures(start, stop, used))
        rules.extend(RULES[mask] for mask in flagged.flags)
        directions.extend(flagged.directions)
        last = (exact, flagged)
    variation, explanation = verdict(
        (figures, labels),
        segments,
        directions,
        last[1] if last else None,
        (polarity, minimum_points),
    )
    judged, why = assurance(
        goal, polarity, last[0] if last else None, segments[-1] if last else None
    )
    return XmrChart(
        values=tuple(figures),
        periods=tuple(labels),
        polarity=polarity,
        target=goal,
        segments=tuple(segments),
        variation=variation,
        assurance=judged,
        minimum_points=minimum_points,
        explanation=explanation,
        assurance_explanation=why,
        gaps=tuple(gaps),
        _rules=tuple(rules),
        _directions=tuple(directions),
    )
