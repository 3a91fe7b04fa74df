"""The direction of travel read from an XmR chart, for a policy that chooses SPC.

The chart of a measure in a period is drawn over the measure's figures of that period's
kind (quarters for a quarter, months for a month) up to and including the period, never a
later one: rating a past period gives what it gave at the time, and :func:`evaluate_all`
gives each period the report :func:`evaluate` gives. A figure marked as a break in series
starts a new segment; an observation without a figure is a gap. The verdict on the last
point gives the direction:

========================== =================================
variation                  direction
========================== =================================
special cause improving    improving
special cause concerning   worsening
special cause high (low)   increasing (decreasing)
common cause               no change
none (too few points)      not comparable
========================== =================================

Assurance is read against the target in force when it is a level (a threshold or a range)
that the period's own figure is rated against; an annual target spread over the quarters
of a measure that adds up, a change, cumulative, direction or benchmark target, or a
threshold pointing against the measure's polarity, gives none, and the sentence says why.

Each measure's series is sorted by kind once (:class:`SpcSeries`); each period's chart is
drawn once when rating and again, on the same figures, when its sentences are written.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from kpi_scorecard._measure import Aggregation, Measure, Polarity
from kpi_scorecard._period import PeriodKind
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import RangeTarget, ThresholdTarget
from kpi_scorecard._target_kinds import ScheduledTarget
from kpi_scorecard.spc._chart import Assurance, Variation, XmrChart
from kpi_scorecard.spc._xmr import Settings, chart_of

from ._results import Direction

if TYPE_CHECKING:
    from kpi_scorecard._observation import Observation
    from kpi_scorecard._period import Period
    from kpi_scorecard._scorecard import TargetSetting

    from ._policy import RagPolicy
    from ._spc_settings import SpcSettings

__all__ = ["ChartRedraw", "SpcSeries", "assurance_target", "spc_series"]

_DIRECTIONS = {
    None: Direction.NOT_COMPARABLE,
    Variation.COMMON_CAUSE: Direction.NO_CHANGE,
    Variation.SPECIAL_CAUSE_IMPROVING: Direction.IMPROVING,
    Variation.SPECIAL_CAUSE_CONCERNING: Direction.WORSENING,
    Variation.SPECIAL_CAUSE_HIGH: Direction.INCREASING,
    Variation.SPECIAL_CAUSE_LOW: Direction.DECREASING,
}
_BREAK = ObservationStatus.BREAK
_ADDS_UP = (Aggregation.SUM, Aggregation.ALREADY_CUMULATIVE)
_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.FINANCIAL_QUARTER: 3, PeriodKind.FINANCIAL_YEAR: 12}

Reading = tuple[Direction, Variation | None, Assurance | None, str | None]
"""What a chart says of a period: direction, variation, assurance and (when asked) why."""


def spc_series(series: Mapping[Period, Observation], policy: RagPolicy) -> SpcSeries | None:
    """The measure's series prepared for charting, when the policy chooses SPC."""
    if policy.direction != "spc":
        return None
    return SpcSeries(series, policy.spc)


def _days(period: Period) -> tuple[date, date]:
    """What orders periods of one kind: their first and last days."""
    return period.start, period.end


class _Kind:
    """A measure's series of one period kind, in period order, ready to chart by prefix."""

    __slots__ = ("breaks", "counts", "figures", "gaps", "keys", "labels", "periods")

    def __init__(self, observations: Mapping[Period, Observation], kind: PeriodKind) -> None:
        #: every period of the kind with an observation, and how many figures precede each
        self.periods = sorted((each for each in observations if each.kind is kind), key=_days)
        self.keys = [_days(each) for each in self.periods]
        self.counts: list[int] = []
        self.figures: list[Decimal] = []
        self.labels: list[Period | None] = []
        self.breaks: list[int] = []
        self.gaps: list[Period] = []
        for period in self.periods:
            found = observations[period]
            point = found.point
            if point is None:
                self.gaps.append(period)
            else:
                if found.status is _BREAK:
                    self.breaks.append(len(self.figures))
                self.figures.append(point)
                self.labels.append(period)
            self.counts.append(len(self.figures))

    def up_to(
        self, period: Period
    ) -> tuple[list[Decimal], list[Period | None], list[int], list[Period]]:
        """The figures up to ``period``, their periods, segment starts and gaps."""
        size = self.counts[bisect_right(self.keys, _days(period)) - 1]
        starts = [0, *self.breaks[: bisect_left(self.breaks, size)]]
        gaps = self.gaps[: bisect_right(self.gaps, _days(period), key=_days)]
        return self.figures[:size], self.labels[:size], starts, gaps


class SpcSeries:
    """One measure's observations, split by period kind once, charted period by period."""

    __slots__ = ("_by_kind", "minimum", "observations", "settings")

    def __init__(self, observations: Mapping[Period, Observation], settings: SpcSettings) -> None:
        self.observations = observations
        self.settings = Settings(
            settings.baseline,
            settings.screen_outliers,
            settings.trend_length,
            settings.run_length,
            settings.two_of_three_beyond_limits,
        )
        self.minimum = settings.minimum_points
        self._by_kind: dict[PeriodKind, _Kind] = {}

    def chart(
        self, measure: Measure, period: Period, setting: TargetSetting | None
    ) -> tuple[XmrChart, str | None] | None:
        """The chart of the figures up to ``period``; None when the period has no figure.

        The second item is why no target is read for assurance, when one is in force.
        """
        current = self.observations.get(period)
        if current is None or current.point is None:
            return None
        kind = self._by_kind.get(period.kind)
        if kind is None:
            kind = self._by_kind[period.kind] = _Kind(self.observations, period.kind)
        target, why_not = assurance_target(measure, period, setting)
        chart = chart_of(kind.up_to(period), measure.polarity, target, self.settings, self.minimum)
        return chart, why_not

    def read(
        self, measure: Measure, period: Period, setting: TargetSetting | None, *, explain: bool
    ) -> Reading:
        """The direction, variation and assurance in ``period``, and the sentence if asked."""
        drawn = self.chart(measure, period, setting)
        if drawn is None:
            text = f"no value for {period} to chart" if explain else None
            return Direction.NOT_COMPARABLE, None, None, text
        chart, why_not = drawn
        text = None
        if explain:
            assured = chart.assurance_explanation if why_not is None else why_not
            points = len(chart.values)
            noun = "figure" if points == 1 else "figures"
            text = f"XmR chart of {points} {noun} to {period}: {chart.explanation}; {assured}"
        return _DIRECTIONS[chart.variation], chart.variation, chart.assurance, text


def assurance_target(
    measure: Measure, period: Period, setting: TargetSetting | None
) -> tuple[Decimal | tuple[Decimal, Decimal] | None, str | None]:
    """The target figure to read assurance against, or None and why not.

    The reason is None when no target is in force: the chart then says so itself.
    """
    if setting is None:
        return None, None
    target = setting.target
    if isinstance(target, ScheduledTarget):
        entry = target.for_period(period)
        if entry is None:
            return None, None
        target = entry
    if not isinstance(target, ThresholdTarget | RangeTarget):
        return None, f"no assurance: the target {target} is not a level to compare the limits with"
    if target.period is not None and not target.period.contains(period):
        return None, f"no assurance: the target {target} is for {target.period}, not {period}"
    basis = target.basis
    own = basis is not None and basis.months == _MONTHS.get(period.kind)
    if measure.aggregation in _ADDS_UP and setting.period != period and not own:
        return None, (
            f"no assurance: the target {target} is for {setting.period}, "
            f"not for each {period.kind.value.replace('_', ' ')}'s figure"
        )
    if isinstance(target, RangeTarget):
        return (target.low, target.high), None
    comparator = target.comparator
    if comparator is not None and measure.polarity is not Polarity.NEUTRAL:
        lower = measure.polarity is Polarity.LOWER_IS_BETTER
        if comparator.wants_lower != lower:
            return None, (
                f"no assurance: the target {target} points against the measure's polarity"
            )
    return target.value, None


class ChartRedraw:
    """Draws an assessment's chart again when asked (kept in its dictionary, not a field).

    Not being a field, it takes no part in equality or serialization; a pickled assessment
    keeps its verdicts but not the series to redraw them from.
    """

    __slots__ = ("measure", "period", "series", "setting")

    def __init__(
        self, series: SpcSeries, measure: Measure, period: Period, setting: TargetSetting | None
    ) -> None:
        self.series, self.measure, self.period, self.setting = series, measure, period, setting

    def __call__(self) -> XmrChart | None:
        """The chart, drawn again from the same figures."""
        drawn = self.series.chart(self.measure, self.period, self.setting)
        return drawn[0] if drawn is not None else None

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as nothing: the series stays behind."""
        return (_nothing, ())

    def __deepcopy__(self, memo: object) -> ChartRedraw:
        """The redraw itself: it draws from immutable inputs."""
        return self


def _nothing() -> None:
    return None
