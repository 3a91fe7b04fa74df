"""The evaluation engine: one Assessment per measure for a period, each explained.

Targets are taken as in force for the rated period (a past period keeps its own). An
annual target on a ``sum`` or ``already_cumulative`` measure, and any cumulative target,
is profiled to the period (evenly, or by the setting's :class:`Profile`) and the year-end
outturn is forecast linearly from the year to date. A change target is rated on the change
from the previous period.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from kpi_scorecard._collector import collector_paused
from kpi_scorecard._errors import CalendarError
from kpi_scorecard._measure import Aggregation, Measure, Polarity
from kpi_scorecard._numbers import exact_arithmetic
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._profile import Profile
from kpi_scorecard._reuse import construct_trusted
from kpi_scorecard._scorecard import Scorecard, TargetSetting
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import (
    ChangeInterval,
    ChangeTarget,
    Comparator,
    CumulativeTarget,
    NotApplicable,
    NoTarget,
    RangeTarget,
    Target,
    TargetBasis,
    ThresholdTarget,
)
from kpi_scorecard._target_kinds import BenchmarkTarget, DirectionTarget, ScheduledTarget
from kpi_scorecard._value import Band

from ._aims import direction_goal
from ._direction import comparison_period, direction_of_travel
from ._policy import RagPolicy, StatusRules, Tolerance
from ._rating import Goal, GoalKind, Rating, rate
from ._results import Assessment, Direction, Rag, Report, build_assessment
from ._text import show_value
from ._ytd import YearToDate, aggregate_to_date, periods_to_date

__all__ = ["assess", "evaluate"]

_PERIOD_MONTHS = {
    PeriodKind.MONTH: 1,
    PeriodKind.FINANCIAL_QUARTER: 3,
    PeriodKind.FINANCIAL_YEAR: 12,
}
_INTERVAL_MONTHS = {ChangeInterval.MONTH: 1, ChangeInterval.QUARTER: 3, ChangeInterval.YEAR: 12}
_EVEN = Profile.even()
_DEFAULT_POLICY = RagPolicy()
_ZERO = Decimal(0)
_ONE = Decimal(1)


Text = Callable[[], str]
"""Writes a sentence when it is read: evaluation rates first and explains on demand."""


@dataclass(slots=True)
class _Outcome:
    """What rating one measure found, before it becomes an Assessment."""

    explain: Text
    status: Rag = Rag.NOT_RATED
    margin: Decimal | None = None
    relative_margin: Decimal | None = None
    rated_value: Decimal | Band | None = None
    due: Target | None = None
    forecast: Decimal | None = None
    forecast_status: Rag | None = None
    notes: list[Text] = field(default_factory=list)


@dataclass(slots=True)
class _Frame:
    """What every measure shares when one period is rated, worked out once per period."""

    period: Period
    policy: RagPolicy
    to_date: tuple[Period, ...]
    comparisons: dict[bool, tuple[Period | None, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, period: Period, policy: RagPolicy) -> _Frame:
        return cls(period, policy, periods_to_date(period))

    def comparison(self, measure: Measure) -> tuple[Period | None, str]:
        """The comparison period for this measure and its note; it depends on aggregation."""
        key = measure.aggregation is Aggregation.ALREADY_CUMULATIVE
        found = self.comparisons.get(key)
        if found is None:
            found = self.comparisons[key] = comparison_period(measure, self.period, self.policy)
        return found


def evaluate(
    scorecard: Scorecard, period: Period | str, *, policy: RagPolicy = _DEFAULT_POLICY
) -> Report:
    """Rate every measure of the scorecard for one period, in scorecard order.

    ``period`` may be a label, read in the scorecard's calendar. Nothing is read from the
    clock and the scorecard is not changed. The sentences that explain each assessment are
    written when first read, so rating a large batch for its statuses does not pay for them.

    >>> from kpi_scorecard import Measure, Observation, Scorecard, TargetSetting
    >>> card = Scorecard(
    ...     measures=[Measure(reference="CSC002", unit="%", polarity="lower_is_better")],
    ...     targets=[TargetSetting(measure_ref="CSC002", period="2019/20", target="<18%")],
    ...     observations=[
    ...         Observation(measure_ref="CSC002", period="Q4 2018/19", value=19),
    ...         Observation(measure_ref="CSC002", period="Q1 2019/20", value=17),
    ...     ],
    ... )
    >>> report = evaluate(card, "Q1 2019/20")
    >>> report["CSC002"].status.value, report["CSC002"].direction.value
    ('green', 'improving')
    >>> report["CSC002"].explanation
    '17% is below the 18% ceiling by 1 point: green'
    """
    if isinstance(period, str):
        period = Period.parse(period, calendar=scorecard.calendar)
    frame = _Frame.of(period, policy)
    by_measure = scorecard.observations_by_measure()
    target_for = scorecard.target_for
    assessments = []
    with exact_arithmetic(), collector_paused():
        for measure in scorecard.measures:
            reference = measure.reference
            assessments.append(
                _assess(frame, measure, by_measure[reference], target_for(reference, period))
            )
    return Report(
        title=scorecard.title,
        calendar=scorecard.calendar,
        period=period,
        policy=policy,
        assessments=tuple(assessments),
        source=scorecard,
    )


def assess(
    measure: Measure,
    period: Period,
    observations: Mapping[Period, Observation],
    setting: TargetSetting | None,
    policy: RagPolicy,
) -> Assessment:
    """Rate one measure for one period from its observations and the target in force."""
    with exact_arithmetic():
        return _assess(_Frame.of(period, policy), measure, observations, setting)


def _assess(
    frame: _Frame,
    measure: Measure,
    observations: Mapping[Period, Observation],
    setting: TargetSetting | None,
) -> Assessment:
    period, policy = frame.period, frame.policy
    current = observations.get(period)
    before_period, note = frame.comparison(measure)
    before = observations.get(before_period) if before_period is not None else None
    travel = direction_of_travel(measure, current, period, before, before_period, policy, note)
    ytd = aggregate_to_date(measure, period, observations, frame.to_date)
    outcome = _rate(
        measure, period, observations, current, setting, ytd, policy, direction=travel.direction
    )
    notes = outcome.notes
    if current is not None and current.status.qualified:
        quality = _QUALITY_WORDS.get(current.status, current.status.value.replace("_", " "))
        notes.append(lambda: f"the figure is {quality}, so the rating is qualified")
    if ytd.value is None and ytd.reason and measure.aggregation not in _POINT_AGGREGATIONS:
        reason = ytd.reason
        notes.append(lambda: reason)

    def explain() -> tuple[str, str, tuple[str, ...]]:
        return outcome.explain(), travel.explain(), tuple(note() for note in notes)

    return build_assessment(
        explain,
        {
            "measure_ref": measure.reference,
            "period": period,
            "value": current.value if current is not None else None,
            "quality": current.status if current is not None else ObservationStatus.MISSING,
            "target": setting.target if setting is not None else None,
            "target_period": setting.period if setting is not None else None,
            "rated_value": outcome.rated_value,
            "due": outcome.due,
            "status": outcome.status,
            "margin": outcome.margin,
            "relative_margin": outcome.relative_margin,
            "direction": travel.direction,
            "comparison_period": before_period,
            "comparison_value": before.value if before is not None else None,
            "change": travel.change,
            "ytd": ytd.value,
            "ytd_aggregation": measure.aggregation,
            "forecast": outcome.forecast,
            "forecast_status": outcome.forecast_status,
        },
    )


_POINT_AGGREGATIONS = (Aggregation.LATEST, Aggregation.ALREADY_CUMULATIVE)
_PROFILED_AGGREGATIONS = (Aggregation.SUM, Aggregation.ALREADY_CUMULATIVE)
_QUALITY_WORDS = {ObservationStatus.BREAK: "the first after a break in series"}


# Not frozen, to be cheap to build: see _rating.Goal.
@dataclass(slots=True)
class _Case:
    """Everything known about one measure in one period."""

    measure: Measure
    period: Period
    observations: Mapping[Period, Observation]
    current: Observation
    value: Decimal | Band
    setting: TargetSetting
    ytd: YearToDate
    tolerance: Tolerance
    yellow: Tolerance | None
    rules: StatusRules | None = None
    direction: Direction = Direction.NOT_COMPARABLE

    def rate(self, figure: Decimal | Band, goal: Goal, subject: Text | None) -> Rating:
        """Rate a figure with this measure's unit and tolerances (or the policy's rules)."""
        return rate(
            figure,
            goal,
            unit=self.measure.unit,
            tolerance=self.tolerance,
            yellow=self.yellow,
            subject=subject,
            rules=self.rules,
            direction=self.direction,
        )


def _not_rated(reason: Text) -> _Outcome:
    return _Outcome(lambda: f"{reason()}: not rated")


def _rate(  # noqa: PLR0913 - what one rating needs; direction is keyword-only
    measure: Measure,
    period: Period,
    observations: Mapping[Period, Observation],
    current: Observation | None,
    setting: TargetSetting | None,
    ytd: YearToDate,
    policy: RagPolicy,
    *,
    direction: Direction = Direction.NOT_COMPARABLE,
) -> _Outcome:
    if setting is None:
        return _not_rated(lambda: f"no target is in force for {period}")
    target = setting.target
    if isinstance(target, NotApplicable):
        return _not_rated(lambda: f"the target for {setting.period} is N/A")
    if isinstance(target, NoTarget):
        written = f" (the cell reads {target.text!r})" if target.text else ""
        return _not_rated(lambda: f"no target was set for {setting.period}{written}")
    if isinstance(target, ScheduledTarget):
        entry = target.entry_period(period)
        if entry is None:
            return _not_rated(lambda: f"the targets {target} set none for {period}")
        for_entry = setting.model_copy(
            update={"period": entry, "target": target.for_period(period)}
        )
        return _rate(measure, period, observations, current, for_entry, ytd, policy)
    if isinstance(target, BenchmarkTarget):
        return _not_rated(
            lambda: f"the target {target} needs comparator data for the {target.benchmark}"
        )
    if target.period is not None and not target.period.contains(period):
        return _not_rated(lambda: f"the target {target} is for {target.period}, not {period}")
    value = current.value if current is not None else None
    if current is None or value is None:
        status = current.status.value if current is not None else "missing"
        return _not_rated(lambda: f"no value for {period} ({status})")
    tolerance = policy.tolerance_for(measure.reference)
    case = _Case(
        measure,
        period,
        observations,
        current,
        value,
        setting,
        ytd,
        tolerance,
        policy.yellow_tolerance,
        policy.rules,
        direction,
    )
    if isinstance(target, ChangeTarget):
        return _rate_change(case, target)
    if isinstance(target, CumulativeTarget):
        return _rate_cumulative(case, target)
    if isinstance(target, ThresholdTarget | RangeTarget):
        return _rate_level(case, target)
    if isinstance(target, DirectionTarget):
        return _rate_direction(case, target, comparison_period(measure, period, policy)[0])
    kind = type(target).__name__  # pragma: no cover
    return _not_rated(lambda: f"no rule rates a {kind}")  # pragma: no cover


def _share_due(setting: TargetSetting, period: Period) -> Decimal | None:
    """The share of a target over ``setting.period`` due by the end of ``period``.

    None when the period is the target's whole period (or not inside it).
    """
    return _share(setting.profile, setting.period, period)


@lru_cache(maxsize=4096)
def _share(profile: Profile | None, whole: Period, period: Period) -> Decimal | None:
    if period == whole or not whole.contains(period):
        return None
    profile = profile or _EVEN
    if whole.kind is PeriodKind.FINANCIAL_YEAR:
        if period.kind is PeriodKind.FINANCIAL_QUARTER:
            return profile.share_by(period.quarter_number, 4)
        if period.kind is PeriodKind.MONTH:
            elapsed = (period.start.year - whole.start.year) * 12
            elapsed += period.start.month - whole.start.month + 1
            return profile.share_by(elapsed, 12)
    return Decimal((period.end - whole.start).days + 1) / Decimal(whole.days)


def _goal(
    target: ThresholdTarget | RangeTarget, polarity: Polarity, name: str | Callable[[], str]
) -> Goal | None:
    """The goal a level target sets; None for a bare figure on a measure of no polarity."""
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


def _scaled(goal: Goal, share: Decimal, name: Callable[[], str]) -> Goal:
    """The part of ``goal`` due when ``share`` of it is."""
    return Goal(goal.kind, goal.low * share, goal.high * share, strict=goal.strict, name=name)


def _due_target(goal: Goal, original: Target) -> Target:
    if goal.kind is GoalKind.WITHIN:
        return construct_trusted(
            RangeTarget,
            {
                "unit": original.unit,
                "basis": None,
                "period": None,
                "low": goal.low,
                "high": goal.high,
            },
        )
    comparator = (
        original.comparator
        if isinstance(original, ThresholdTarget)
        else (Comparator.LE if goal.kind is GoalKind.AT_MOST else Comparator.GE)
    )
    figure = goal.high if goal.kind is GoalKind.AT_MOST else goal.low
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


def _needs_polarity(target: Target) -> _Outcome:
    return _not_rated(
        lambda: f"the bare target {target} needs a polarity to say which side is good"
    )


def _rate_level(case: _Case, target: ThresholdTarget | RangeTarget) -> _Outcome:
    measure, period = case.measure, case.period
    share = _share_due(case.setting, period)
    basis = target.basis
    if basis is not None and basis is not TargetBasis.YEAR:
        # A quarterly (monthly) figure to reach each quarter (month): not spread over a year.
        if _PERIOD_MONTHS.get(period.kind) == basis.months:
            share = None
        elif measure.aggregation in _PROFILED_AGGREGATIONS:
            return _not_rated(lambda: f"the {basis.value} target {target} rates a {_SPANS[basis]}")
    if share is None or measure.aggregation not in _PROFILED_AGGREGATIONS:
        goal = _goal(target, measure.polarity, "target")
        if goal is None:
            return _needs_polarity(target)
        return _outcome(case.rate(case.value, goal, None), case.value)
    figure = case.ytd.value
    if figure is None:
        reason = case.ytd.reason
        return _not_rated(lambda: reason)
    full = _goal(target, measure.polarity, "annual target")
    if full is None:
        return _needs_polarity(target)
    goal = _scaled(full, share, lambda: f"target due by {period} (annual target {target})")
    ytd, unit = figure, measure.unit

    def subject() -> str:
        return f"{show_value(ytd, unit)} year to date"

    outcome = _outcome(case.rate(figure, goal, subject), figure, _due_target(goal, target))
    _forecast(case, outcome, figure, _ZERO, share, full)
    return outcome


_SPANS = {TargetBasis.MONTH: "month", TargetBasis.QUARTER: "quarter"}


def _rate_direction(case: _Case, target: DirectionTarget, before_period: Period | None) -> _Outcome:
    """Rate the figure against the one of the comparison period, as ``target`` asks."""
    period, current = case.period, case.current
    if current.status is ObservationStatus.BREAK:
        return _not_rated(
            lambda: f"a break in series at {period} leaves {target} nothing to compare"
        )
    before = case.observations.get(before_period) if before_period is not None else None
    then = before.point if before is not None else None
    now = current.point
    if before_period is None or then is None or now is None:
        where = before_period if before_period is not None else "an earlier period"
        return _not_rated(lambda: f"no value for {where} to compare with for the target {target}")
    goal = direction_goal(target, case.measure.polarity, then, before_period)
    if isinstance(goal, str):
        reason = goal
        return _not_rated(lambda: reason)
    return _outcome(case.rate(now, goal, None), now)


def _outcome(rating: Rating, figure: Decimal | Band, due: Target | None = None) -> _Outcome:
    return _Outcome(
        rating.explain,
        status=rating.status,
        margin=rating.margin,
        relative_margin=rating.relative_margin,
        rated_value=figure,
        due=due,
    )


def _rate_cumulative(case: _Case, target: CumulativeTarget) -> _Outcome:
    measure, period, current, setting = case.measure, case.period, case.current, case.setting
    share = _share_due(setting, period)
    baseline = _ZERO
    figure: Decimal | Band | None
    if current.cumulative is not None:
        figure, what = current.cumulative, "cumulative"
        baseline = _baseline(setting, period, case.observations)
    elif measure.aggregation is Aggregation.ALREADY_CUMULATIVE:
        figure, what = case.value, "year to date"
    else:
        figure, what = case.ytd.value, "year to date"
    if figure is None:
        reason = case.ytd.reason
        return _not_rated(lambda: reason or f"no value for {period}")
    kind = GoalKind.AT_MOST if measure.polarity is Polarity.LOWER_IS_BETTER else GoalKind.AT_LEAST
    unit = measure.unit
    whole = target.value

    def name() -> str:
        if share is None:
            return f"cumulative target for {setting.period}"
        by = f"{show_value(whole, unit)} by the end of {setting.period}"
        return f"cumulative target due by {period} ({by})"

    due = whole if share is None else baseline + (whole - baseline) * share
    goal = Goal(kind, due, due, name=name)
    rated = figure

    def subject() -> str:
        return f"{show_value(rated, unit)} {what}"

    outcome = _outcome(case.rate(figure, goal, subject), figure, _due_target(goal, target))
    if share is not None:
        full = Goal(kind, target.value, target.value, name="cumulative target")
        _forecast(case, outcome, figure, baseline, share, full)
    return outcome


def _baseline(
    setting: TargetSetting, period: Period, observations: Mapping[Period, Observation]
) -> Decimal:
    """The running total just before the target's period began (0 when not published)."""
    first = period
    try:
        while setting.period.contains(previous := first.previous()):
            first = previous
        before = observations.get(first.previous())
    except CalendarError:
        return _ZERO
    if before is None or before.cumulative is None:
        return _ZERO
    return before.cumulative


def _forecast(
    case: _Case,
    outcome: _Outcome,
    figure: Decimal | Band,
    baseline: Decimal,
    share: Decimal,
    full: Goal,
) -> None:
    """Project the year-end outturn linearly and rate it against the full target."""
    if isinstance(figure, Band):
        outcome.notes.append(lambda: "a band is not forecast")
        return
    if share <= 0:
        outcome.notes.append(lambda: "nothing of the target is due yet, so no year-end forecast")
        return
    forecast = baseline + (figure - baseline) / share
    unit = case.measure.unit

    def subject() -> str:
        return f"the forecast year-end outturn of {show_value(forecast, unit)}"

    rating = case.rate(forecast, full, subject)
    outcome.forecast = forecast
    outcome.forecast_status = rating.status
    outcome.notes.append(rating.explain)


def _rate_change(case: _Case, target: ChangeTarget) -> _Outcome:
    measure, period, current = case.measure, case.period, case.current
    if measure.polarity is Polarity.NEUTRAL:
        return _not_rated(
            lambda: f"the change target {target} needs a polarity to say which way is good"
        )
    months = _PERIOD_MONTHS.get(period.kind)
    if months is None:
        return _not_rated(
            lambda: f"a change target is rated on months, quarters or years, not {period}"
        )
    before_period = period.previous()
    before = case.observations.get(before_period)
    if before is None or before.point is None or current.point is None:
        return _not_rated(lambda: f"no value for {before_period} to measure the change from")
    then, now = before.point, current.point
    change = now - then
    required = target.amount * months / _INTERVAL_MONTHS[target.per]
    lower = measure.polarity is Polarity.LOWER_IS_BETTER
    progress = -change if lower else change
    word, article = ("reduction", "a") if lower else ("increase", "an")
    unit = measure.unit

    def subject() -> str:
        return (
            f"{article} {word} of {show_value(progress, unit)} ({show_value(then, unit)} "
            f"in {before_period} to {show_value(now, unit)})"
        )

    goal = Goal(GoalKind.AT_LEAST, required, required, name=word)
    return _outcome(case.rate(progress, goal, subject), change)
