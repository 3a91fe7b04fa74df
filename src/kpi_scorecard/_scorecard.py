"""The scorecard: measures, the targets in force for each period, and the observations."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from types import MappingProxyType
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ._calendar import DEFAULT_CALENDAR, Calendar
from ._collector import collector_paused
from ._errors import ScorecardError, UnitError
from ._measure import Measure
from ._observation import Observation
from ._period import Period
from ._profile import Profile
from ._reuse import take_built_instances
from ._target import Target, writable_unit
from ._units import PERCENT, YES_NO, conversion_factor
from ._views import _Shown

__all__ = ["Scorecard", "TargetSetting", "UnknownMeasureError"]


class UnknownMeasureError(ScorecardError, KeyError):
    """A measure reference that the scorecard or report does not hold."""

    def __init__(self, reference: str) -> None:
        super().__init__(f"no measure with reference {reference!r}", code="unknown_measure")
        self.reference = reference

    def __str__(self) -> str:
        """The message, without KeyError's quotes."""
        return str(self.args[0])


class TargetSetting(BaseModel):
    """The target in force for a measure over a period (usually a financial year).

    A past period keeps the target that was in force then: a scorecard holds one setting
    per measure and period, and a period is rated against the most specific setting whose
    period contains it. ``profile`` spreads an annual or cumulative target over the year.

    >>> s = TargetSetting(measure_ref="CSC002", period="2019/20", target="<18%")
    >>> str(s.target), str(s.period)
    ('<18%', '2019/20')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    measure_ref: str = Field(min_length=1)
    period: Period
    target: Target
    profile: Profile | None = None


def _duplicate(code: str, message: str, **values: Any) -> PydanticCustomError:
    return PydanticCustomError(code, message, values)


class _Containing:
    """Find the first of some periods that contains a given one, without trying each.

    The periods are given most specific first (shortest, then earliest: the order of target
    settings), so those of one length form a group sorted by start; a period is contained
    by one of ``days`` days only if that one starts within ``days`` of its end, so each
    group is searched by bisection. Published targets come in few lengths (months,
    quarters, years), so finding the setting in force costs a few bisections, not a pass
    over every setting for every observation.

    >>> from kpi_scorecard import Period
    >>> periods = [Period.parse(text) for text in ("Q1 2019/20", "2019/20", "2020/21")]
    >>> lookup = _Containing(periods)
    >>> lookup.first(Period.parse("May 2019")), lookup.first(Period.parse("May 2020"))
    (0, 2)
    >>> lookup.first(Period.parse("May 2021")) is None
    True
    """

    def __init__(self, periods: Sequence[Period]) -> None:
        groups: dict[int, tuple[list[int], list[int]]] = {}
        for index, period in enumerate(periods):
            starts, indexes = groups.setdefault(period.days, ([], []))
            starts.append(period.start.toordinal())
            indexes.append(index)
        # Shortest first: a hit in a shorter group comes before any in a longer one.
        self._groups = [(days, *columns) for days, columns in sorted(groups.items())]

    def first(self, period: Period) -> int | None:
        """The index of the first period that contains ``period``, or None."""
        start, end = period.start.toordinal(), period.end.toordinal()
        for days, starts, indexes in self._groups:
            at = bisect_left(starts, end - days + 1)
            if at < len(starts) and starts[at] <= start:
                return indexes[at]
        return None


class _Index:
    """Lookups built once per scorecard: by reference, and by reference and period."""

    def __init__(self, scorecard: Scorecard) -> None:
        self.measures: dict[str, Measure] = {m.reference: m for m in scorecard.measures}
        by_measure: dict[str, dict[Period, Observation]] = {
            reference: {} for reference in self.measures
        }
        for observation in scorecard.observations:
            by_measure[observation.measure_ref][observation.period] = observation
        self.by_measure = by_measure
        self.targets: dict[str, list[TargetSetting]] = {
            reference: [] for reference in self.measures
        }
        for setting in scorecard.targets:
            self.targets[setting.measure_ref].append(setting)
        # Most specific first: the shortest period that contains the one asked about wins.
        for settings in self.targets.values():
            settings.sort(key=lambda s: (s.period.days, s.period))
        self.in_force: dict[str, _Containing] = {}
        self.read_only: Mapping[str, Mapping[Period, Observation]] = MappingProxyType(
            {reference: MappingProxyType(found) for reference, found in self.by_measure.items()}
        )
        # A set updated from a dict takes the hashes the dict keeps: no period is hashed again.
        periods: set[Period] = set()
        for found in by_measure.values():
            periods.update(found)
        self.periods: tuple[Period, ...] = tuple(sorted(periods))


class Scorecard(_Shown, BaseModel):
    """Measures, dated targets and observations, checked to fit together.

    Every observation and target must name a known measure; a measure has at most one
    observation per period and one target per period; a target written in another unit
    than its measure's is converted once, here (``6 weeks`` for a measure in days becomes
    ``42 day``), and an incompatible one is refused.

    >>> from kpi_scorecard import Period
    >>> card = Scorecard(
    ...     title="Example",
    ...     measures=[Measure(reference="CSC002", unit="%", polarity="lower_is_better")],
    ...     targets=[TargetSetting(measure_ref="CSC002", period="2019/20", target="<18%")],
    ...     observations=[Observation(measure_ref="CSC002", period="Q1 2019/20", value=17)],
    ... )
    >>> q1 = Period.parse("Q1 2019/20")
    >>> card.observation("CSC002", q1).value, str(card.target_for("CSC002", q1).target)
    (Decimal('17'), '<18%')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    title: str = ""
    calendar: Calendar = DEFAULT_CALENDAR
    measures: tuple[Measure, ...] = ()
    targets: tuple[TargetSetting, ...] = ()
    observations: tuple[Observation, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _periods_in_calendar(cls, data: Any) -> Any:
        """Read period labels in the scorecard's own calendar, not the default one."""
        if not isinstance(data, Mapping) or "calendar" not in data:
            return data
        calendar = data["calendar"]
        if not isinstance(calendar, Calendar):
            calendar = Calendar.model_validate(calendar)
        if calendar == DEFAULT_CALENDAR:
            return data
        result = dict(data)
        for key in ("targets", "observations"):
            items = data.get(key)
            if isinstance(items, Iterable) and not isinstance(items, str | bytes):
                result[key] = [_with_period(item, calendar) for item in items]
        result["calendar"] = calendar
        return result

    @model_validator(mode="after")
    def _check(self) -> Self:
        self._place_periods()
        measures: dict[str, Measure] = {}
        for measure in self.measures:
            if measure.reference in measures:
                raise _duplicate(
                    "duplicate_measure", "two measures have reference {ref}", ref=measure.reference
                )
            measures[measure.reference] = measure
        converted = tuple(self._attach(setting, measures) for setting in self.targets)
        if converted != self.targets:
            object.__setattr__(self, "targets", converted)
        seen_targets: set[tuple[str, Period]] = set()
        for setting in self.targets:
            key = (setting.measure_ref, setting.period)
            if key in seen_targets:
                raise _duplicate(
                    "duplicate_target",
                    "{ref} has two targets for {period}",
                    ref=setting.measure_ref,
                    period=str(setting.period),
                )
            seen_targets.add(key)
        seen: set[tuple[str, Period]] = set()
        yes_no = {ref for ref, measure in measures.items() if measure.unit == YES_NO}
        for observation in self.observations:
            if yes_no and observation.measure_ref in yes_no:
                _check_answer(observation)
            if observation.measure_ref not in measures:
                raise _duplicate(
                    "unknown_measure",
                    "an observation for {period} names unknown measure {ref}",
                    ref=observation.measure_ref,
                    period=str(observation.period),
                )
            key = (observation.measure_ref, observation.period)
            if key in seen:
                raise _duplicate(
                    "duplicate_observation",
                    "{ref} has two observations for {period}",
                    ref=observation.measure_ref,
                    period=str(observation.period),
                )
            seen.add(key)
        return self

    def _place_periods(self) -> None:
        """Place every period in the scorecard's calendar, keeping its days.

        A period read in another calendar keeps its kind and days but takes the scorecard's
        calendar, so its label is written (and read back) in that calendar; one that is not
        a period of its kind there (a quarter out of step with the year) is refused.
        """
        calendar = self.calendar
        same: dict[int, bool] = {id(calendar): True}

        def placed(period: Period, where: str) -> Period:
            key = id(period.calendar)
            if key not in same:
                same[key] = period.calendar == calendar
            if same[key]:
                return period
            try:
                return Period(
                    kind=period.kind,
                    start=period.start,
                    end=period.end,
                    name=period.name,
                    calendar=calendar,
                )
            except ValueError as exc:
                raise _duplicate(
                    "calendar_mismatch",
                    "{where}: {period} ({start} to {end}) is not a {kind} in the scorecard's "
                    "calendar",
                    where=where,
                    period=str(period),
                    start=str(period.start),
                    end=str(period.end),
                    kind=period.kind.value.replace("_", " "),
                ) from exc

        observations = tuple(
            o
            if (p := placed(o.period, o.measure_ref)) is o.period
            else o.model_copy(update={"period": p})
            for o in self.observations
        )
        targets = tuple(
            t
            if (p := placed(t.period, t.measure_ref)) is t.period
            else t.model_copy(update={"period": p})
            for t in self.targets
        )
        if any(a is not b for a, b in zip(observations, self.observations, strict=True)):
            object.__setattr__(self, "observations", observations)
        if any(a is not b for a, b in zip(targets, self.targets, strict=True)):
            object.__setattr__(self, "targets", targets)

    @staticmethod
    def _attach(setting: TargetSetting, measures: Mapping[str, Measure]) -> TargetSetting:
        """Check a target against its measure and convert it into the measure's unit."""
        measure = measures.get(setting.measure_ref)
        if measure is None:
            raise _duplicate(
                "unknown_measure",
                "a target for {period} names unknown measure {ref}",
                ref=setting.measure_ref,
                period=str(setting.period),
            )
        unit = setting.target.unit
        if unit is None or unit == measure.unit:
            return setting
        if not writable_unit(measure.unit):
            raise _duplicate(
                "unsupported_unit",
                "{ref}: target '{target}' would be converted to {unit}, which a target cannot "
                "be written in; write the target as a bare figure in {unit}",
                ref=measure.reference,
                target=str(setting.target),
                unit=measure.unit,
            )
        try:
            factor = conversion_factor(unit, measure.unit)
        except UnitError as exc:
            what = "a percentage" if unit == PERCENT else f"in {unit!r}"
            raise _duplicate(
                exc.code,
                "{ref}: target '{target}' is {what} but the measure is in {unit}",
                ref=measure.reference,
                target=str(setting.target),
                what=what,
                unit=measure.unit,
            ) from exc
        target = setting.target.in_unit(factor, measure.unit)
        return setting.model_copy(update={"target": target})

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle without the lookup index, which is rebuilt on first use."""
        state = super().__getstate__()
        state["__dict__"] = {k: v for k, v in state["__dict__"].items() if k != "_index"}
        return state

    # --- lookups ------------------------------------------------------------------------

    @cached_property
    def _index(self) -> _Index:
        # Built with the cycle collector paused, as the CSV loader builds the scorecard: a
        # million observations' lookups make no cycles, and the collector would walk them.
        with collector_paused():
            return _Index(self)

    def measure(self, reference: str) -> Measure:
        """The measure with this reference; raise :class:`UnknownMeasureError` otherwise."""
        try:
            return self._index.measures[reference]
        except KeyError:
            raise UnknownMeasureError(reference) from None

    def observation(self, reference: str, period: Period) -> Observation | None:
        """The measure's observation for exactly this period, if there is one."""
        self.measure(reference)
        return self._index.by_measure[reference].get(period)

    def observations_for(self, reference: str) -> tuple[Observation, ...]:
        """The measure's observations, in period order."""
        self.measure(reference)
        found = self._index.by_measure[reference]
        return tuple(found[period] for period in sorted(found))

    def observations_by_period(self, reference: str) -> Mapping[Period, Observation]:
        """The measure's observations keyed by period (a read-only view)."""
        self.measure(reference)
        return self._index.read_only[reference]

    def observations_by_measure(self) -> Mapping[str, Mapping[Period, Observation]]:
        """Every measure's observations keyed by period, keyed by reference (read-only)."""
        return self._index.read_only

    def target_for(self, reference: str, period: Period) -> TargetSetting | None:
        """The target setting in force for the measure in this period, if any.

        The most specific setting whose period contains ``period`` wins, so a quarter
        with its own target is rated against that, and other quarters against the year's.
        """
        self.measure(reference)
        index = self._index
        lookup = index.in_force.get(reference)
        if lookup is None:
            settings = index.targets[reference]
            lookup = index.in_force[reference] = _Containing([s.period for s in settings])
        found = lookup.first(period)
        return None if found is None else index.targets[reference][found]

    @property
    def periods(self) -> tuple[Period, ...]:
        """Every period that has an observation, in order."""
        return self._index.periods

    def __repr__(self) -> str:
        """Summarise instead of listing every observation."""
        return (
            f"kpi_scorecard.Scorecard(title={self.title!r}, measures={len(self.measures)}, "
            f"targets={len(self.targets)}, observations={len(self.observations)})"
        )

    _take_built = take_built_instances()


_ANSWERS = frozenset({Decimal(0), Decimal(1)})


def _check_answer(observation: Observation) -> None:
    """Refuse a figure of a yes/no measure that is not 1 (Yes) or 0 (No), or has a total."""
    value = observation.value
    if (value is not None and value not in _ANSWERS) or observation.cumulative is not None:
        raise _duplicate(
            "bad_yes_no",
            "{ref} {period}: a yes/no figure is 1 (Yes) or 0 (No), without a running total, "
            "not {value}",
            ref=observation.measure_ref,
            period=str(observation.period),
            value=str(value),
        )


def _with_period(item: Any, calendar: Calendar) -> Any:
    if isinstance(item, Mapping) and isinstance(item.get("period"), str):
        return {**item, "period": Period.parse(item["period"], calendar=calendar)}
    return item


def containing(periods: Sequence[Period]) -> Callable[[Period], int | None]:
    """Where, among periods given most specific first, the first that holds a period is.

    >>> from kpi_scorecard import Period
    >>> first = containing([Period.parse("Q1 2019/20"), Period.parse("2019/20")])
    >>> first(Period.parse("May 2019")), first(Period.parse("May 2020"))
    (0, None)
    """
    return _Containing(periods).first
