"""A report's results kept as columns, and the assessments given out as views of them.

Evaluation rates a million observations into a million assessments; a pydantic model
each, with its dictionary and its set of fields, would cost some five kilobytes apiece
and give the garbage collector dozens of objects to walk. So the engine appends what it
finds to one list per figure (the observations and settings it used, the statuses packed
in a byte, the margin, the year to date, the forecast, ...), and an :class:`Assessment`
is built from a row only when it is asked for. What can be worked out again cheaply (the
relative margin, the change, the comparison period, the target due) is worked out when
the row is read, in the library's decimal context, by the same arithmetic the rating
used; the sentences are written by rating the row again (``writer``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from kpi_scorecard._measure import Aggregation, Measure, Polarity
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._reuse import construct_trusted
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import Comparator, RangeTarget, Target, ThresholdTarget
from kpi_scorecard._value import Band

from ._aims import level_goal
from ._direction import comparison_for
from ._rating import GoalKind
from ._results import SPC_CHART, Assessment, Direction, Rag
from ._spc_direction import ChartRedraw, SpcSeries
from ._ytd import periods_to_date

if TYPE_CHECKING:
    from kpi_scorecard._observation import Observation
    from kpi_scorecard._scorecard import TargetSetting
    from kpi_scorecard.comparators._compare import GroupComparison
    from kpi_scorecard.comparators._model import ComparatorData
    from kpi_scorecard.spc import Assurance, Variation

    from ._policy import RagPolicy, StatusRules, Tolerance

__all__ = ["Columns", "Due", "Frame", "Row"]

_PERIOD_MONTHS = {
    PeriodKind.MONTH: 1,
    PeriodKind.FINANCIAL_QUARTER: 3,
    PeriodKind.FINANCIAL_YEAR: 12,
}

Due = tuple[Target, GoalKind, Decimal, Decimal]
"""What a row keeps of the target due: the target it scales, and the goal's kind and edges."""

Writer = Callable[
    ["Frame", Measure, "Mapping[Period, Observation]", "TargetSetting | None"],
    tuple[str, str, tuple[str, ...]],
]
"""Writes a row's sentences: the explanation, the direction's and the notes."""


# Not frozen, to be cheap to build: see _rating.Goal.
@dataclass(slots=True)
class Frame:
    """What every measure shares when one period is rated, worked out once per period."""

    period: Period
    policy: RagPolicy
    to_date: tuple[Period, ...]
    months: int | None
    yellow: Tolerance | None
    rules: StatusRules | None
    minimum: Tolerance
    comparisons: tuple[tuple[Period | None, str], tuple[Period | None, str]]
    """The comparison period and its note, for other measures and for year-to-date ones."""
    keys: tuple[Period, Period | None, Period | None, tuple[Period, ...]]
    """The period, the two comparison periods and the periods to date, to look figures up
    by: the scorecard's own period objects where it has them, which a lookup finds by
    identity, without comparing periods field by field."""
    comparators: ComparatorData | None = None
    """The comparator figures benchmark targets are rated on, when given."""
    shares: dict[tuple[int, int], Decimal | None] = field(default_factory=dict)
    """The share of a target due by the period, found once per frame for each profile and
    period of a setting: keyed by their ids, which the settings keep alive while a
    scorecard is rated (a key is never hashed from a period's fields)."""

    @classmethod
    def of(
        cls,
        period: Period,
        policy: RagPolicy,
        comparators: ComparatorData | None = None,
        known: Mapping[Period, Period] | None = None,
    ) -> Frame:
        """The frame for rating ``period`` by ``policy`` (and ``comparators``, if given).

        ``known`` maps periods to the objects the scorecard's figures are keyed by.
        """
        to_date = periods_to_date(period)
        comparisons = (
            comparison_for(Aggregation.LATEST, period, policy),
            comparison_for(Aggregation.ALREADY_CUMULATIVE, period, policy),
        )
        found = known if known is not None else {}
        before, before_to_date = comparisons[0][0], comparisons[1][0]
        keys = (
            found.get(period, period),
            found.get(before, before) if before is not None else None,
            found.get(before_to_date, before_to_date) if before_to_date is not None else None,
            tuple(found.get(each, each) for each in to_date),
        )
        return cls(
            period,
            policy,
            to_date,
            _PERIOD_MONTHS.get(period.kind),
            policy.yellow_tolerance,
            policy.rules,
            policy.minimum_change,
            comparisons,
            keys,
            comparators,
        )

    def comparison(self, measure: Measure) -> tuple[Period | None, str]:
        """The comparison period for this measure and its note; it depends on aggregation."""
        return self.comparisons[measure.aggregation is Aggregation.ALREADY_CUMULATIVE]


_STATUSES = tuple(Rag)
_DIRECTIONS = tuple(Direction)
_FORECASTS = (None, *Rag)
_STATUS_CODE = {status: index for index, status in enumerate(_STATUSES)}
_DIRECTION_CODE = {direction: index * 5 for index, direction in enumerate(_DIRECTIONS)}
_FORECAST_CODE = {status: index * 30 for index, status in enumerate(_FORECASTS)}
# Every (status, direction, forecast status) by its code: 5 * 6 * 6 of them, one byte each.
_DECODE = [
    (status, direction, forecast)
    for forecast in _FORECASTS
    for direction in _DIRECTIONS
    for status in _STATUSES
]
_NOT_COMPARABLE = Direction.NOT_COMPARABLE

Row = tuple[
    "TargetSetting | None",
    "Observation | None",
    "Observation | None",
    int,
    Decimal | None,
    Decimal | None,
    "Decimal | Band | None",
    "Decimal | Band | None",
    Decimal | None,
    Due | Decimal | None,
    tuple[str, str, tuple[str, ...]] | None,
    "tuple[GroupComparison, ...]",
    "Variation | None",
    "Assurance | None",
]
"""One row as the engine finds it: the setting, the observation and the one compared
with, the packed statuses (:func:`code`), margin, edge judged, figure rated, year to date,
forecast, target due (or the share due: see Columns.due), (only when explaining) the
sentences, the comparisons with comparator groups (empty without comparator data), and
the SPC variation and assurance (None unless the policy chose SPC)."""


_MISSING = ObservationStatus.MISSING
_ALREADY_CUMULATIVE = Aggregation.ALREADY_CUMULATIVE
# Every field counts as set; the set is shared by every assessment given out, which nothing
# changes (a copy gets its own, and every name an update could add is in it already).
_EVERY_FIELD = set(Assessment.model_fields)
_new_assessment = Assessment.__new__
# The four slots of every pydantic model, set as object.__setattr__ sets them, without
# looking each one up by name: a view is built for every row read.
_set_values = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class Columns:
    """The rows of one period's assessments, one list per figure, in measure order."""

    setting: Sequence[TargetSetting | None]
    current: Sequence[Observation | None]
    before: Sequence[Observation | None]
    codes: bytes
    margin: Sequence[Decimal | None]
    reference: Sequence[Decimal | None]
    references: Sequence[str]
    rated: Sequence[Decimal | Band | None]
    ytd: Sequence[Decimal | Band | None]
    forecast: Sequence[Decimal | None]
    due: Sequence[Due | Decimal | None]
    """The target due, or (from the quick path) the share of the setting's level target
    due, from which the target due is worked out when read (see :func:`scaled_due`)."""
    groups: Sequence[tuple[GroupComparison, ...]]
    variation: Sequence[Variation | None]
    assurance: Sequence[Assurance | None]

    __slots__ = (
        "_positions",
        "assurance",
        "before",
        "codes",
        "current",
        "due",
        "forecast",
        "frame",
        "groups",
        "margin",
        "measures",
        "rated",
        "reference",
        "references",
        "series",
        "setting",
        "variation",
        "writer",
        "ytd",
    )

    def __init__(
        self,
        frame: Frame,
        measures: Sequence[Measure],
        series: Mapping[str, Mapping[Period, Observation]],
        writer: Writer,
        rows: Sequence[Row],
        references: Sequence[str] | None = None,
    ) -> None:
        self.frame = frame
        self.measures = measures
        # The measures' references, as the engine's plan lists them: a view reads its
        # reference here without visiting the measure.
        self.references = references if references is not None else [m.reference for m in measures]
        self.series = series
        self.writer = writer
        self._positions: dict[str, int] | None = None
        found: list[Any] = list(zip(*rows, strict=True)) if rows else [()] * 14
        (
            self.setting,
            self.current,
            self.before,
            codes,
            self.margin,
            self.reference,
            self.rated,
            self.ytd,
            self.forecast,
            self.due,
            _,
            self.groups,
            self.variation,
            self.assurance,
        ) = found
        self.codes = bytes(codes)

    def __len__(self) -> int:
        """The number of rows."""
        return len(self.codes)

    def position(self, reference: str) -> int | None:
        """The row of the measure with this reference, if any."""
        positions = self._positions
        if positions is None:
            positions = {measure.reference: at for at, measure in enumerate(self.measures)}
            self._positions = positions
        return positions.get(reference)

    def counts(self) -> dict[Rag, int]:
        """How many rows have each status, every status listed in the order of Rag."""
        found = dict.fromkeys(_STATUSES, 0)
        for code, times in Counter(self.codes).items():
            found[_DECODE[code][0]] += times
        return found

    def view(self, position: int) -> Assessment:
        """The assessment of one row: its status and names now, its other figures when read."""
        status, direction, forecast_status = _DECODE[self.codes[position]]
        # As _reuse.construct_trusted, inlined: it runs once per assessment given out.
        assessment = _new_assessment(Assessment)
        _set_values(
            assessment,
            {
                "measure_ref": self.references[position],
                "period": self.frame.period,
                "status": status,
                "direction": direction,
                "forecast_status": forecast_status,
            },
        )
        _set_fields_set(assessment, _EVERY_FIELD)
        _set_extra(assessment, None)
        _set_private(assessment, {"_pending": (self, position)})
        return assessment

    def views(self) -> list[Assessment]:
        """The assessments of every row."""
        return list(map(self.view, range(len(self))))

    def __iter__(self) -> Iterator[Assessment]:
        """The assessments of every row, built as they are reached."""
        return map(self.view, range(len(self)))

    def figures(self, at: int) -> dict[str, Any]:
        """Every field of one row's assessment but what :meth:`view` gives and the sentences.

        Run in the library's decimal context: the derived figures are the rating's own.
        """
        measure = self.measures[at]
        current = self.current[at]
        before = self.before[at]
        setting = self.setting[at]
        direction = _DECODE[self.codes[at]][1]
        margin = self.margin[at]
        due = self.due[at]
        if isinstance(due, Decimal):
            assert setting is not None  # noqa: S101 - only a rated setting has a share due
            due = scaled_due(setting.target, measure.polarity, due)
        aggregation = measure.aggregation
        relative = change = None
        if margin is not None:
            reference = self.reference[at]
            if reference is not None and reference != 0:
                relative = margin / abs(reference)
        if direction is not _NOT_COMPARABLE and current is not None and before is not None:
            change = _change(current.value, before.value)
        if current is not None:
            value, quality = current.value, current.status
        else:
            value, quality = None, _MISSING
        found: dict[str, Any] = {
            "value": value,
            "quality": quality,
            "target": setting.target if setting is not None else None,
            "target_period": setting.period if setting is not None else None,
            "rated_value": self.rated[at],
            "due": due_target(due) if due is not None else None,
            "margin": margin,
            "relative_margin": relative,
            "variation": self.variation[at],
            "assurance": self.assurance[at],
            "comparison_period": self.frame.comparisons[aggregation is _ALREADY_CUMULATIVE][0],
            "comparison_value": before.value if before is not None else None,
            "change": change,
            "ytd": self.ytd[at],
            "ytd_aggregation": aggregation,
            "forecast": self.forecast[at],
            "comparisons": self.groups[at],
        }
        frame = self.frame
        if frame.policy.direction == "spc" and current is not None:
            series = SpcSeries(self.series[measure.reference], frame.policy.spc)
            found[SPC_CHART] = ChartRedraw(series, measure, frame.period, setting)
        return found

    def sentences(self, at: int) -> tuple[str, str, tuple[str, ...]]:
        """Write the sentences of one row, by rating it again."""
        measure = self.measures[at]
        return self.writer(self.frame, measure, self.series[measure.reference], self.setting[at])


def _change(now: Decimal | Band | None, then: Decimal | Band | None) -> Decimal | None:
    """The change between two figures, bands by their midpoints (as the rating took it)."""
    if isinstance(now, Band):
        now = now.midpoint
    if isinstance(then, Band):
        then = then.midpoint
    if now is None or then is None:  # pragma: no cover - comparable rows have both
        return None
    return now - then


def scaled_due(target: Target, polarity: Polarity, share: Decimal) -> Due:
    """What a row keeps of the target due when ``share`` of a level ``target`` is due.

    The goals are scaled as the engine scales them, so the figures are the rating's own.
    """
    assert isinstance(target, ThresholdTarget | RangeTarget)  # noqa: S101 - quick rows'
    full = level_goal(target, polarity, "annual target")
    assert full is not None  # noqa: S101 - a row with a share due was rated on this goal
    scaled = full.scaled(share)
    return (target, scaled.kind, scaled.low, scaled.high)


def due_target(due: Due) -> Target:
    """The target due by the period, built from what a row keeps of it."""
    original, kind, low, high = due
    if kind is GoalKind.WITHIN:
        return construct_trusted(
            RangeTarget,
            {"unit": original.unit, "basis": None, "period": None, "low": low, "high": high},
        )
    comparator = (
        original.comparator
        if isinstance(original, ThresholdTarget)
        else (Comparator.LE if kind is GoalKind.AT_MOST else Comparator.GE)
    )
    figure = high if kind is GoalKind.AT_MOST else low
    return construct_trusted(
        ThresholdTarget,
        {
            "unit": original.unit,
            "basis": None,
            "period": None,
            "value": figure,
            "comparator": comparator,
        },
    )
