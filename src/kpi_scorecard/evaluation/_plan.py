"""What the engine works out once per scorecard, for every period it is asked to rate.

Rating one period visits every measure once, so each visit is to memory that no other row
has just touched: the measure, its series, its settings and their periods, and each
observation with its fields. At a million observations those visits cost more than the
rating itself. So the first rating of a scorecard lays out what every rating reads:

- per measure, an entry: the measure, its series and settings, and the *shape* of its
  settings (the tuple of their periods, one object per distinct shape), so that a frame
  finds the setting in force once per shape, not once per measure, with a slot per
  setting for what the quick path reads of it;
- per period observed by at least one measure in eight, a column: every measure's
  observation in that period and its figure, in one pass over the observations in the
  order they were given. A row then reads its figures from lists that every row of the
  period walks in turn.

The plan is kept beside the scorecard's lookups for as long as they live, so a program
that rates each period in turn lays it out once. It holds two pointers per measure and
period of each column (16 bytes), and a period observed too sparsely for a column (a
measure in eight or fewer) is looked up in the series as before.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._units import YES_NO

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kpi_scorecard._measure import Aggregation, Measure, Polarity
    from kpi_scorecard._observation import Observation
    from kpi_scorecard._period import Period
    from kpi_scorecard._scorecard import Scorecard, TargetSetting

__all__ = [
    "ODD",
    "UNREAD",
    "Column",
    "Entry",
    "FrameColumns",
    "Plan",
    "lay_out",
    "plan_of",
    "position_in_force",
]

Entry = tuple[
    "Measure",
    "dict[Period, Observation]",
    "Sequence[TargetSetting]",
    "tuple[Period, ...]",
    "list[object]",
    "Polarity",
    "Aggregation",
    bool,
]
"""One measure's part of a plan: the measure, its series, its settings (most specific
first), their shape (the settings' periods, one object per distinct shape), a slot per
setting for what the quick path reads of it (filled when first read), and the measure's
polarity, aggregation and whether its figures are yes/no answers (read here once, so that
a rating need not visit the measure)."""

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
    """The entries of a scorecard's measures, in scorecard order, and its columns."""

    __slots__ = ("__weakref__", "columns", "empty", "entries", "sparse")

    def __init__(
        self,
        entries: list[Entry],
        columns: dict[Period, Column],
        sparse: set[Period],
    ) -> None:
        self.entries = entries
        self.columns = columns
        self.sparse = sparse
        """The periods observed without a column."""
        size = len(entries)
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
        observed = [entry[1].get(period) for entry in self.entries]
        return (observed, [_figure(each) for each in observed])


_PLANS: WeakKeyDictionary[object, Plan] = WeakKeyDictionary()


def plan_of(scorecard: Scorecard) -> Plan:
    """The plan of a scorecard, laid out on first use and kept with its lookups."""
    index = scorecard._index
    found = _PLANS.get(index)
    if found is None:
        found = _PLANS.setdefault(index, lay_out(scorecard))
    return found


def lay_out(scorecard: Scorecard, sparse: int = _SPARSE) -> Plan:
    """A scorecard's plan, with columns for the periods one measure in ``sparse`` has."""
    index = scorecard._index
    measures = scorecard.measures
    shapes: dict[tuple[Period, ...], tuple[Period, ...]] = {}
    entries: list[Entry] = []
    positions: dict[str, int] = {}
    for at, measure in enumerate(measures):
        reference = measure.reference
        positions[reference] = at
        own = index.targets[reference]
        shape = tuple(setting.period for setting in own)
        shape = shapes.setdefault(shape, shape)
        slots: list[object] = [UNREAD] * len(own)
        answers = measure.unit == YES_NO
        entries.append(
            (
                measure,
                index.by_measure[reference],
                own,
                shape,
                slots,
                measure.polarity,
                measure.aggregation,
                answers,
            )
        )
    observations = scorecard.observations
    counts = Counter(observation.period for observation in observations)
    size = len(measures)
    dense = {period for period, count in counts.items() if count * sparse >= size}
    columns: dict[Period, Column] = {period: ([None] * size, [None] * size) for period in dense}
    for observation in observations:
        column = columns.get(observation.period)
        if column is not None:
            at = positions[observation.measure_ref]
            column[0][at] = observation
            column[1][at] = _figure(observation)
    return Plan(entries, columns, set(counts) - dense)


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
