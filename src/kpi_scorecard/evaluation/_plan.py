"""What the engine works out once per scorecard, for every period it is asked to rate.

Rating one period visits every measure once, so each visit is to memory that no other row
has just touched: the measure, its series, its settings and their periods, and each
observation with its fields. At a million observations those visits cost more than the
rating itself. So the first rating of a scorecard lays out what every rating reads:

- per measure, in lists aligned with the measures: its series and settings, its polarity
  and aggregation, and the *shape* of its settings (the tuple of their periods, one object
  per distinct shape), so that a frame finds the setting in force once per shape, not
  once per measure; and, in one flat list, a slot per setting for what the quick path
  reads of it;
- per period observed by at least one measure in eight, a column: every measure's
  observation in that period and its figure, filled in one pass through the series. A row
  then reads its figures from lists that every row of the period walks in turn.

The plan is kept beside the scorecard's lookups for as long as they live, so a program
that rates each period in turn lays it out once. It holds two pointers per measure and
period of each column (16 bytes); a period observed too sparsely for a column gets one
laid out, from the series, for the frame that rates it, and dropped with the frame.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from kpi_scorecard._collector import collector_paused
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._units import YES_NO

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kpi_scorecard._measure import Measure, Polarity
    from kpi_scorecard._observation import Observation
    from kpi_scorecard._period import Period
    from kpi_scorecard._scorecard import Scorecard, TargetSetting

__all__ = [
    "ODD",
    "UNREAD",
    "Column",
    "FrameColumns",
    "Plan",
    "lay_out",
    "plan_of",
    "position_in_force",
]

Column = tuple["list[Observation | None]", "list[Decimal | None]"]
"""One period's observations, by measure in scorecard order, and their figures: the value
when it is a plain figure (a ``Decimal``, not the first after a break in series), None when
there is none, and :data:`ODD` otherwise."""

FrameColumns = tuple[Column, Column, Column, "tuple[list[Decimal | None], ...]"]
"""What one frame reads: the columns of its period, of its comparison periods (for other
measures, and for year-to-date ones), and the figures of its periods to date. A period
with no column of the plan's gets one laid out for the frame."""

UNREAD = object()
"""The slot of a setting the quick path has not read yet."""

ODD = Decimal("NaN")
"""A figure a column does not carry: a band, or the first figure after a break in series.

A sentinel, compared by identity and never as a number."""

_BREAK = ObservationStatus.BREAK
_SPARSE = 8
"""A period gets a column when at least one measure in this many is observed in it."""


class Plan:
    """A scorecard's measures laid out for the engine, in scorecard order, and its columns."""

    __slots__ = (
        "__weakref__",
        "aggregations",
        "answers",
        "columns",
        "empty",
        "offsets",
        "polarities",
        "read",
        "references",
        "series",
        "settings",
        "shapes",
        "slots",
        "sparse",
    )

    def __init__(self, measures: Sequence[Measure]) -> None:
        size = len(measures)
        self.references = [measure.reference for measure in measures]
        self.polarities = [measure.polarity for measure in measures]
        self.aggregations = [measure.aggregation for measure in measures]
        self.answers = [measure.unit == YES_NO for measure in measures]
        """Whether each measure's figures are yes/no answers."""
        self.series: list[dict[Period, Observation]] = []
        self.settings: list[list[TargetSetting]] = []
        self.shapes: list[tuple[Period, ...]] = []
        self.offsets: list[int] = []
        """Where each measure's slots begin in ``slots``."""
        self.slots: list[Any] = []
        """A slot per setting, in measure order: :data:`UNREAD`, or what the quick path
        read of the setting (see ``_engine._quick_goals``)."""
        self.read: dict[tuple[int, Polarity], Any] = {}
        """What the quick path read of each target object, by its id and a polarity: the
        settings of many measures share their target objects (a reader parses each text
        once), and the settings keep them alive while the plan lives."""
        self.columns: dict[Period, Column] = {}
        self.sparse: set[Period] = set()
        """The periods observed without a column."""
        self.empty: Column = ([None] * size, [None] * size)
        """The column of a period nothing is observed in."""

    def for_frame(
        self, keys: tuple[Period, Period | None, Period | None, tuple[Period, ...]]
    ) -> FrameColumns:
        """The columns of a frame's periods (see ``Frame.keys``)."""
        period, before, cumulative, to_date = keys
        now, earlier, earlier_to_date, *so_far = (
            self._column(each) for each in (period, before, cumulative, *to_date)
        )
        return (now, earlier, earlier_to_date, tuple(column[1] for column in so_far))

    def _column(self, period: Period | None) -> Column:
        if period is None:
            return self.empty
        found = self.columns.get(period)
        if found is not None:
            return found
        if period not in self.sparse:
            return self.empty
        # Observed by too few measures to keep a column: laid out for this frame only.
        observed = [series.get(period) for series in self.series]
        return (observed, [_figure(each) for each in observed])


_PLANS: WeakKeyDictionary[object, Plan] = WeakKeyDictionary()


def plan_of(scorecard: Scorecard) -> Plan:
    """The plan of a scorecard, laid out on first use and kept with its lookups."""
    index = scorecard._index
    found = _PLANS.get(index)
    if found is None:
        with collector_paused():  # its lists make no cycles for the collector to find
            found = _PLANS.setdefault(index, lay_out(scorecard))
    return found


def lay_out(scorecard: Scorecard, sparse: int = _SPARSE) -> Plan:
    """A scorecard's plan, with columns for the periods one measure in ``sparse`` has."""
    index = scorecard._index
    measures = scorecard.measures
    plan = Plan(measures)
    shapes: dict[tuple[Period, ...], tuple[Period, ...]] = {}
    for reference in plan.references:
        own = index.targets[reference]
        shape = tuple(setting.period for setting in own)
        plan.series.append(index.by_measure[reference])
        plan.settings.append(own)
        plan.shapes.append(shapes.setdefault(shape, shape))
        plan.offsets.append(len(plan.slots))
        plan.slots.extend([UNREAD] * len(own))
    observations = scorecard.observations
    size = len(measures)
    observed = index.periods
    if len(observed) * size <= sparse * max(len(observations), size):
        # Few enough periods to give each a column while laying out (at most 16 bytes per
        # observation for each measure in ``sparse``): the sparse ones are dropped after.
        dense = set(observed)
    else:
        counts = Counter(observation.period for observation in observations)
        dense = {period for period, count in counts.items() if count * sparse >= size}
    columns = plan.columns
    for period in dense:
        columns[period] = ([None] * size, [None] * size)
    # Measure by measure, through each series as the lookups keep it; periods are looked up
    # by the id of each period object met, so that the periods the observations share are
    # not hashed again (_SKIP for one not met yet).
    by_id: dict[int, Column | None] = {}
    for at, series in enumerate(plan.series):
        for period, observation in series.items():
            column = by_id.get(id(period), _SKIP)
            if column is _SKIP:
                column = by_id[id(period)] = columns.get(period)
            if column is not None:
                column[0][at] = observation
                column[1][at] = _figure(observation)
    for period in list(dense):
        if (size - columns[period][0].count(None)) * sparse < size:
            del columns[period]
            dense.discard(period)
    plan.sparse = set(observed) - dense
    return plan


_SKIP: Column = ([], [])
"""The sentinel ``lay_out`` marks a period by before it knows its column."""


def _figure(observation: Observation | None) -> Decimal | None:
    """What a column keeps of an observation's figure (see ``Column``)."""
    if observation is None:
        return None
    value = observation.value
    if value is None or (type(value) is Decimal and observation.status is not _BREAK):
        return value
    return ODD


def position_in_force(shape: tuple[Period, ...], period: Period) -> int | None:
    """Where, in a shape, the most specific setting whose period contains ``period`` is."""
    start, end = period.start, period.end
    for at, whole in enumerate(shape):
        if whole.start <= start and end <= whole.end:
            return at
    return None
