"""The evaluation engine: one Assessment per measure for a period, each explained.

Targets are taken as in force for the rated period (a past period keeps its own). An
annual target on a ``sum`` or ``already_cumulative`` measure, and any cumulative target,
is profiled to the period (evenly, or by the setting's :class:`Profile`) and the year-end
outturn is forecast linearly from the year to date. A change target is rated on the change
from the previous period.

The engine rates each measure in one call that builds nothing but the figures it finds,
and appends them to the report's columns (see ``_columns``). The sentences that explain an
assessment are written when first read, by rating that one measure again with
``explain=True``: the same code, on the same immutable inputs, so the figures agree, and
nothing is kept per assessment to write them later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kpi_scorecard._collector import collector_paused
from kpi_scorecard._errors import CalendarError
from kpi_scorecard._figures import show_value
from kpi_scorecard._measure import Aggregation, Measure, Polarity
from kpi_scorecard._numbers import exact_arithmetic
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._profile import Profile
from kpi_scorecard._scorecard import Scorecard, TargetSetting
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import (
    ChangeInterval,
    ChangeTarget,
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
from kpi_scorecard.comparators._compare import GroupComparison, compare, rate_benchmark
from kpi_scorecard.comparators._model import ComparatorData

from ._aims import direction_goal, level_goal
from ._columns import (
    _DIRECTION_CODE,
    _FORECAST_CODE,
    _STATUS_CODE,
    Columns,
    Due,
    Frame,
    Row,
)
from ._direction import travel_between, travel_sentence
from ._plan import ODD, UNREAD, FrameColumns, plan_of, position_in_force
from ._policy import RagPolicy, Tolerance
from ._rating import Goal, GoalKind, explain_judgement, judge, judge_answer, judge_plainly
from ._results import Assessment, Direction, Rag, Report
from ._spc_direction import SpcSeries, spc_series
from ._ytd import to_date

__all__ = ["assess", "evaluate", "evaluate_all"]

_INTERVAL_MONTHS = {ChangeInterval.MONTH: 1, ChangeInterval.QUARTER: 3, ChangeInterval.YEAR: 12}
_EVEN = Profile.even()
_DEFAULT_POLICY = RagPolicy()
_ZERO = Decimal(0)
_ONE = Decimal(1)


def evaluate(
    scorecard: Scorecard,
    period: Period | str,
    *,
    policy: RagPolicy = _DEFAULT_POLICY,
    comparators: ComparatorData | None = None,
) -> Report:
    """Rate every measure of the scorecard for one period, in scorecard order.

    ``period`` may be a label, read in the scorecard's calendar. Nothing is read from the
    clock and the scorecard is not changed. The sentences that explain each assessment are
    written when first read, so rating a large batch for its statuses does not pay for them.
    Given ``comparators``, benchmark targets (``Top quartile``, ``Better than England
    average``) are rated on them and each assessment carries its ``comparisons`` (see
    :mod:`kpi_scorecard.comparators`); without, benchmark targets are not rated.

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
    return evaluate_all(scorecard, (period,), policy=policy, comparators=comparators)[period]


def evaluate_all(
    scorecard: Scorecard,
    periods: Iterable[Period | str] | None = None,
    *,
    policy: RagPolicy = _DEFAULT_POLICY,
    comparators: ComparatorData | None = None,
) -> dict[Period, Report]:
    """Rate every measure for every period at once: one :class:`Report` per period.

    ``periods`` defaults to every period the scorecard has an observation for, earliest
    first; labels are read in the scorecard's calendar. The result is keyed by period, in
    the order given, each report the one :func:`evaluate` gives for its period. Each
    measure's series is rated in one pass, so the per-measure work (its observations, its
    targets, its tolerance) is done once rather than once per period.

    >>> from kpi_scorecard import Measure, Observation, Scorecard, TargetSetting
    >>> card = Scorecard(
    ...     measures=[Measure(reference="CSC002", unit="%", polarity="lower_is_better")],
    ...     targets=[TargetSetting(measure_ref="CSC002", period="2019/20", target="<18%")],
    ...     observations=[
    ...         Observation(measure_ref="CSC002", period="Q4 2018/19", value=19),
    ...         Observation(measure_ref="CSC002", period="Q1 2019/20", value=17),
    ...     ],
    ... )
    >>> reports = evaluate_all(card)
    >>> [(str(period), report["CSC002"].status.value) for period, report in reports.items()]
    [('Q4 2018/19', 'not_rated'), ('Q1 2019/20', 'green')]
    """
    chosen = scorecard.periods if periods is None else periods
    calendar = scorecard.calendar
    wanted = [
        Period.parse(each, calendar=calendar) if isinstance(each, str) else each for each in chosen
    ]
    # The periods observed, as the series are keyed by (see Frame.keys).
    known = {period: period for period in scorecard.periods}
    frames = [Frame.of(period, policy, comparators, known) for period in wanted]
    with exact_arithmetic(), collector_paused():
        # Rated in a call of its own, so that every row and local of the loop is freed
        # while the collector is paused: what it would walk on resuming is only what the
        # reports keep.
        columns = _rate_frames(scorecard, frames, policy, comparators)
    return {
        found.frame.period: Report.from_columns(
            title=scorecard.title, calendar=calendar, columns=found, source=scorecard
        )
        for found in columns
    }


def _rate_frames(
    scorecard: Scorecard,
    frames: list[Frame],
    policy: RagPolicy,
    comparators: ComparatorData | None,
) -> list[Columns]:
    """The columns of every frame: each measure rated in every frame, in scorecard order.

    What depends on the measure alone (its tolerance, its SPC chart, whether the quick path
    can rate it) is found once, then the frames are rated one after another: the rows of
    one frame are gathered into its columns and freed before the next is rated, so that a
    run over many periods reuses the memory of one.
    """
    index = scorecard._index
    measures = scorecard.measures
    plan = plan_of(scorecard)
    quickly = _quick_policy(policy)
    overrides, default_tolerance = policy.overrides, policy.tolerance
    # As policy.tolerance_for and spc_series, without a call per measure and period.
    tolerances = [
        overrides.get(reference, default_tolerance) if overrides else default_tolerance
        for reference in plan.references
    ]
    every_series = plan.series
    spcs = (
        [spc_series(series, policy) for series in every_series]
        if policy.direction == "spc"
        else [None] * len(measures)
    )
    quicks = [
        _QUICK_AGGREGATIONS.get(aggregation)
        if quickly and spc is None and comparators is None and not answers
        else None
        for aggregation, answers, spc in zip(plan.aggregations, plan.answers, spcs, strict=True)
    ]
    slots, every_settings = plan.slots, plan.settings
    # What a row needs of its measure is read from the plan's lists, so that the quick
    # path does not visit the measure's own objects (see _plan).
    by_measure = list(
        zip(plan.shapes, plan.offsets, plan.polarities, plan.aggregations, quicks, strict=True)
    )
    columns = []
    for frame in frames:
        figures = plan.for_frame(frame.keys)
        # Where in each shape of settings (by its id: see _plan) the one in force is.
        at: dict[int, int | None] = {}
        found: list[Row] = []
        for at_row, (shape, offset, polarity, aggregation, quick) in enumerate(by_measure):
            position = at.get(id(shape), -1)
            if position == -1:
                position = at[id(shape)] = position_in_force(shape, frame.period)
            row = None
            if quick is not None:
                slot: QuickGoals | None = _NO_SETTING
                if position is not None:
                    slot = slots[offset + position]
                    if slot is UNREAD:
                        read = every_settings[at_row][position]
                        slot = _quick_goals(read, polarity, plan.read)
                        slots[offset + position] = slot
                if slot is not None:  # a setting the quick path rates
                    row = _rate_quickly(
                        frame, figures, at_row, polarity, aggregation, slot, tolerances[at_row],
                        quick,
                    )  # fmt: skip
            if row is None:
                setting = every_settings[at_row][position] if position is not None else None
                row = _rate(
                    frame, measures[at_row], every_series[at_row], setting, tolerances[at_row],
                    explain=False, spc=spcs[at_row],
                )  # fmt: skip
            found.append(row)
        columns.append(Columns(frame, measures, index.by_measure, explain, found, plan.references))
    return columns


def assess(
    measure: Measure,
    period: Period,
    observations: Mapping[Period, Observation],
    setting: TargetSetting | None,
    policy: RagPolicy,
    *,
    comparators: ComparatorData | None = None,
) -> Assessment:
    """Rate one measure for one period from its observations and the target in force."""
    frame = Frame.of(period, policy, comparators)
    tolerance = policy.tolerance_for(measure.reference)
    with exact_arithmetic():
        spc = spc_series(observations, policy)
        row = _rate(frame, measure, observations, setting, tolerance, explain=False, spc=spc)
    return Columns(frame, (measure,), {measure.reference: observations}, explain, [row]).view(0)


def explain(
    frame: Frame,
    measure: Measure,
    observations: Mapping[Period, Observation],
    setting: TargetSetting | None,
) -> tuple[str, str, tuple[str, ...]]:
    """Write one assessment's sentences by rating it again (run in the library's context)."""
    tolerance = frame.policy.tolerance_for(measure.reference)
    spc = spc_series(observations, frame.policy)
    texts = _rate(frame, measure, observations, setting, tolerance, explain=True, spc=spc)[10]
    assert texts is not None  # noqa: S101 - explain=True always writes them
    return texts


_POINT_AGGREGATIONS = (Aggregation.LATEST, Aggregation.ALREADY_CUMULATIVE)
_PROFILED_AGGREGATIONS = (Aggregation.SUM, Aggregation.ALREADY_CUMULATIVE)
_QUALITY_WORDS = {ObservationStatus.BREAK: "the first after a break in series"}

# What rating a target found: status, margin, the edge judged, the figure rated, the target
# due, the forecast and its status; and, when explaining, the sentence and the notes.
_Found = tuple[
    Rag,
    Decimal | None,
    Decimal | None,
    Decimal | Band | None,
    Due | None,
    Decimal | None,
    Rag | None,
    str | None,
    list[str] | None,
]
_UNRATED: _Found = (Rag.NOT_RATED, None, None, None, None, None, None, None, None)


def _rate(
    frame: Frame,
    measure: Measure,
    series: Mapping[Period, Observation],
    setting: TargetSetting | None,
    tolerance: Tolerance,
    *,
    explain: bool,
    spc: SpcSeries | None = None,
) -> Row:
    """Rate one measure in the frame's period: what the columns keep, and the sentences."""
    period = frame.period
    current = series.get(period)
    aggregation = measure.aggregation
    before_period, note = frame.comparisons[aggregation is Aggregation.ALREADY_CUMULATIVE]
    before = series.get(before_period) if before_period is not None else None
    variation = assurance = spc_text = None
    if spc is not None:  # the policy chose SPC: the chart of the series gives the direction
        direction, change = Direction.NOT_COMPARABLE, None
        direction, variation, assurance, spc_text = spc.read(
            measure, period, setting, explain=explain
        )
    else:
        direction, change = _travel(measure.polarity, current, before, frame.minimum)
    if aggregation is Aggregation.LATEST or aggregation is Aggregation.ALREADY_CUMULATIVE:
        ytd = current.value if current is not None else None
        reason = f"no value for {period}" if ytd is None else ""
    else:
        ytd, reason = to_date(measure, period, series, frame.to_date, warn=not explain)
    case = _Case(
        frame, measure, series, current, ytd, reason, tolerance, direction, explain, direction
    )
    status, margin, reference, rated, due, forecast, forecast_status, text, notes = _target(
        case, setting
    )
    texts = None
    groups = _NO_GROUPS
    data = frame.comparators
    if data is not None and current is not None and isinstance(current.value, Decimal):
        groups = compare(
            data,
            measure,
            period,
            current.value,
            numerator=current.numerator,
            denominator=current.denominator,
        )
    if explain:
        notes = notes if notes is not None else []
        if current is not None and current.status.qualified:
            quality = _QUALITY_WORDS.get(current.status, current.status.value.replace("_", " "))
            notes.append(f"the figure is {quality}, so the rating is qualified")
        if ytd is None and reason and aggregation not in _POINT_AGGREGATIONS:
            notes.append(reason)
        moved = spc_text or travel_sentence(
            measure.unit,
            current,
            period,
            before,
            before_period,
            (direction, change),
            frame.minimum,
            note,
        )
        texts = (text or "", moved, tuple(notes))
    return (
        setting,
        current,
        before,
        _STATUS_CODE[status] + _DIRECTION_CODE[direction] + _FORECAST_CODE[forecast_status],
        margin,
        reference,
        rated,
        ytd,
        forecast,
        due,
        texts,
        groups,
        variation,
        assurance,
    )


_NO_GROUPS: tuple[GroupComparison, ...] = ()
_BREAK = ObservationStatus.BREAK
_NOT_COMPARABLE = Direction.NOT_COMPARABLE


def _travel(
    polarity: Polarity,
    current: Observation | None,
    before: Observation | None,
    minimum: Tolerance,
) -> tuple[Direction, Decimal | None]:
    """The direction of travel from the comparison period's figure, and the change."""
    if current is None or before is None or current.status is _BREAK:
        return _NOT_COMPARABLE, None
    now, then = current.value, before.value
    if isinstance(now, Band):
        now = now.midpoint
    if isinstance(then, Band):
        then = then.midpoint
    if now is None or then is None:
        return _NOT_COMPARABLE, None
    return travel_between(polarity, now, then, minimum)


# The quick path: for each aggregation it rates, whether its figures add up over the year.
_QUICK_AGGREGATIONS = {
    Aggregation.LATEST: False,
    Aggregation.SUM: True,
    Aggregation.ALREADY_CUMULATIVE: True,
}
_NOT_RATED_CODE = _STATUS_CODE[Rag.NOT_RATED] + _FORECAST_CODE[None]
# The policy's options the quick path rates by; with any other option away from its
# default, every row goes the general way.
_QUICK_OPTIONS = frozenset(
    ("tolerance", "yellow_tolerance", "overrides", "comparison", "minimum_change", "rules")
)


def _quick_policy(policy: RagPolicy) -> bool:
    """Whether the quick path knows every option this policy sets."""
    return all(
        name in _QUICK_OPTIONS
        or getattr(policy, name) == field.get_default(call_default_factory=True)
        for name, field in type(policy).model_fields.items()
    )


def _rate_quickly(  # noqa: PLR0913, PLR0917 - one row's steps, with no call per step
    frame: Frame,
    columns: FrameColumns,
    at: int,
    polarity: Polarity,
    aggregation: Aggregation,
    slot: QuickGoals,
    tolerance: Tolerance,
    profiled: bool,
) -> Row | None:
    """:func:`_rate` without sentences for the rows most scorecards are made of, or None.

    A level target (a threshold or range with no period or basis of its own), N/A, no
    target, or none in force, on a ``latest``, ``sum`` or ``already_cumulative`` measure
    of plain figures (not bands, nor the first after a break in series), rated exactly as
    :func:`_rate` rates it, in fewer steps: the figures read from the frame's ``columns``
    at the measure's row ``at`` (see ``_plan``), no case object, no chain of calls per
    target kind, and the setting in force read once into its ``slot`` (see
    :func:`_quick_goals`). Anything else is None, and :func:`_rate` rates it.
    ``tests/evaluation/test_quick_path.py`` checks the two agree.
    """
    now, before_columns, cumulative_before, to_date = columns
    value = now[1][at]
    if value is ODD:
        return None
    observed, figures = cumulative_before if aggregation is _ALREADY_CUMULATIVE else before_columns
    then = figures[at]
    if then is ODD:
        return None
    direction = _NOT_COMPARABLE
    if value is not None and then is not None:
        minimum = frame.minimum
        if minimum.amount == 0:
            # As travel_between, with no minimum change to allow for.
            change = value - then
            direction = _NO_CHANGE if change == 0 else _TRAVEL[polarity][change > 0]
        else:
            direction = travel_between(polarity, value, then, minimum)[0]
    ytd = value
    if aggregation is _SUM:  # added up as to_date adds them, None once a figure is missing
        ytd = None
        total = _ZERO
        for each in to_date:
            figure = each[at]
            if figure is None:
                break
            if figure is ODD:
                return None
            total += figure
        else:
            ytd = total if to_date else None
    current, before = now[0][at], observed[at]
    setting, level, goal, full, profile, whole = slot
    if level is None or value is None:
        return _unrated(setting, current, before, direction, ytd)
    share = None
    if profiled:
        shares, key = frame.shares, (id(profile), id(whole))
        share = shares.get(key, _SHARE_NOT_FOUND)
        if share is _SHARE_NOT_FOUND:
            share = shares[key] = _share(profile, whole, frame.period)
    yellow, rules = frame.yellow, frame.rules
    due: Decimal | None = None
    forecast = forecast_status = None
    if share is None:
        if goal is None:
            return _unrated(setting, current, before, direction, ytd)
        status, margin, edge = judge_plainly(value, goal, tolerance, yellow, rules, direction)
        rated = value
    else:
        if ytd is None or full is None:
            return _unrated(setting, current, before, direction, ytd)
        status, margin, edge = judge_plainly(ytd, full, tolerance, yellow, rules, direction, share)
        # The row keeps the share due, not the target due: a tuple per row would be one
        # more object for the collector to walk (see Columns.due).
        rated, due = ytd, share
        if share > 0:  # as _forecast projects it
            forecast = _ZERO + (ytd - _ZERO) / share
            forecast_status = judge_plainly(forecast, full, tolerance, yellow, rules, direction)[0]
    code = _STATUS_CODE[status] + _DIRECTION_CODE[direction] + _FORECAST_CODE[forecast_status]
    return (
        setting,
        current,
        before,
        code,
        margin,
        edge,
        rated,
        ytd,
        forecast,
        due,
        None,
        _NO_GROUPS,
        None,
        None,
    )


def _unrated(
    setting: TargetSetting | None,
    current: Observation | None,
    before: Observation | None,
    direction: Direction,
    ytd: Decimal | None,
) -> Row:
    """A quick row that is not rated, with its direction and year to date."""
    code = _NOT_RATED_CODE + _DIRECTION_CODE[direction]
    return (setting, current, before, code, None, None, None, ytd, *_UNRATED_TAIL)


# What a row that is not rated has after its year to date: see Row.
_UNRATED_TAIL = (None, None, None, _NO_GROUPS, None, None)
_ALREADY_CUMULATIVE = Aggregation.ALREADY_CUMULATIVE
_SUM = Aggregation.SUM


# What the quick path keeps of the setting in force, read once per setting: the setting,
# its level target with its goal as a period's target and as an annual target spread over
# the year, and the setting's profile and period (for the share due, without reading the
# setting again). A setting of N/A or no target keeps only the setting (never rated); with
# no setting in force, _NO_SETTING. None for a setting the quick path does not rate.
QuickGoals = tuple[
    "TargetSetting | None",
    ThresholdTarget | RangeTarget | None,
    Goal | None,
    Goal | None,
    Profile | None,
    Period | None,
]
_NO_SETTING: QuickGoals = (None, None, None, None, None, None)
_SHARE_NOT_FOUND = Decimal("NaN")  # a sentinel: compared by identity, never as a number
_NO_CHANGE = Direction.NO_CHANGE
# The direction of a change by polarity, as travel_between names it: [falling, rising].
_TRAVEL = {
    Polarity.HIGHER_IS_BETTER: (Direction.WORSENING, Direction.IMPROVING),
    Polarity.LOWER_IS_BETTER: (Direction.IMPROVING, Direction.WORSENING),
    Polarity.NEUTRAL: (Direction.DECREASING, Direction.INCREASING),
}


def _quick_goals(
    setting: TargetSetting,
    polarity: Polarity,
    read: dict[tuple[int, Polarity], tuple[Goal | None, Goal | None] | None],
) -> QuickGoals | None:
    """What :func:`_rate_quickly` rates a setting's target by: see ``QuickGoals``.

    ``read`` keeps the goals of each target object read so far, by its id and the polarity
    (see ``Plan.read``), so that settings sharing a target share its goals.
    """
    target = setting.target
    kind = type(target)
    if kind is NotApplicable or kind is NoTarget:
        return (setting, None, None, None, None, None)
    if kind is not ThresholdTarget and kind is not RangeTarget:
        return None
    level: ThresholdTarget | RangeTarget = target  # type: ignore[assignment]  # by its type
    key = (id(level), polarity)
    try:
        goals = read[key]
    except KeyError:
        goals = None
        if level.period is None and (level.basis is None or level.basis is _YEAR):
            goals = (
                level_goal(level, polarity, "target"),
                level_goal(level, polarity, "annual target"),
            )
        read[key] = goals
    if goals is None:
        return None
    return (setting, level, goals[0], goals[1], setting.profile, setting.period)


_YEAR = TargetBasis.YEAR


# Not frozen, to be cheap to build: see _rating.Goal.
@dataclass(slots=True)
class _Case:
    """Everything known about one measure in one period, before its target is rated."""

    frame: Frame
    measure: Measure
    observations: Mapping[Period, Observation]
    current: Observation | None
    ytd: Decimal | Band | None
    reason: str
    tolerance: Tolerance
    direction: Direction
    explain: bool
    rules_direction: Direction
    """The direction the status rules are given (see ``_target`` on schedules)."""

    def judge(
        self, figure: Decimal | Band, goal: Goal, subject: str | None, notes: list[str] | None
    ) -> _Found:
        """Rate a figure against a goal with this measure's tolerances (or the rules)."""
        frame = self.frame
        answered = judge_answer(figure, goal, self.measure.unit)
        if answered is not None:  # a yes/no answer: green when it is the one targeted
            judged, sentence = answered
            text = sentence if self.explain else None
            return (judged[0], judged[1], judged[2], figure, None, None, None, text, notes)
        judged = judge(
            figure, goal, self.tolerance, frame.yellow, frame.rules, self.rules_direction
        )
        text = None
        if self.explain:
            text = explain_judgement(
                subject if subject is not None else show_value(figure, self.measure.unit),
                goal,
                self.measure.unit,
                judged,
                self.tolerance,
                frame.yellow,
                frame.rules,
                self.rules_direction,
            )
        return (judged[0], judged[1], judged[2], figure, None, None, None, text, notes)


def _not_rated(case: _Case, reason: Callable[[], str]) -> _Found:
    """Not rated; the reason is written only when explaining."""
    if not case.explain:
        return _UNRATED
    return (Rag.NOT_RATED, None, None, None, None, None, None, f"{reason()}: not rated", None)


def _target(case: _Case, setting: TargetSetting | None) -> _Found:
    period = case.frame.period
    if setting is None:
        return _not_rated(case, lambda: f"no target is in force for {period}")
    target = setting.target
    if isinstance(target, ThresholdTarget | RangeTarget):
        if target.period is not None and not target.period.contains(period):
            return _not_rated(
                case, lambda: f"the target {target} is for {target.period}, not {period}"
            )
        value = case.current.value if case.current is not None else None
        if value is None:
            return _no_value(case)
        return _rate_level(case, setting, target, value)
    if isinstance(target, NotApplicable):
        return _not_rated(case, lambda: f"the target for {setting.period} is N/A")
    if isinstance(target, NoTarget):
        written = f" (the cell reads {target.text!r})" if target.text else ""
        return _not_rated(case, lambda: f"no target was set for {setting.period}{written}")
    if isinstance(target, ScheduledTarget):
        entry = target.entry_period(period)
        if entry is None:
            return _not_rated(case, lambda: f"the targets {target} set none for {period}")
        for_entry = setting.model_copy(
            update={"period": entry, "target": target.for_period(period)}
        )
        # A schedule's entry is rated as the engine always has: rules see no direction.
        case.rules_direction = Direction.NOT_COMPARABLE
        return _target(case, for_entry)
    if isinstance(target, BenchmarkTarget):
        return _rate_benchmark(case, target)
    if target.period is not None and not target.period.contains(period):
        return _not_rated(case, lambda: f"the target {target} is for {target.period}, not {period}")
    value = case.current.value if case.current is not None else None
    if value is None:
        return _no_value(case)
    if isinstance(target, ChangeTarget):
        return _rate_change(case, target)
    if isinstance(target, CumulativeTarget):
        return _rate_cumulative(case, setting, target, value)
    if isinstance(target, DirectionTarget):
        return _rate_direction(case, target)
    kind = type(target).__name__  # pragma: no cover
    return _not_rated(case, lambda: f"no rule rates a {kind}")  # pragma: no cover


def _rate_benchmark(case: _Case, target: BenchmarkTarget) -> _Found:
    """Rate a place against comparators on the comparator data (see comparators._compare)."""
    data, current = case.frame.comparators, case.current
    if data is None:
        return _not_rated(
            case,
            lambda: f"the target {target} needs comparator data for the {target.benchmark}",
        )
    if current is None or current.value is None:
        return _no_value(case)
    measure = case.measure
    unit = measure.unit
    rated = rate_benchmark(
        data,
        target,
        measure,
        case.frame.period,
        current,
        case.observations,
        lambda figure: show_value(figure, unit),
    )
    if isinstance(rated, str):
        return _not_rated(case, lambda: rated)
    status, text = rated
    return (Rag(status), None, None, current.value, None, None, None, text, None)


def _no_value(case: _Case) -> _Found:
    current = case.current
    status = current.status.value if current is not None else "missing"
    return _not_rated(case, lambda: f"no value for {case.frame.period} ({status})")


@lru_cache(maxsize=4096)
def _share(profile: Profile | None, whole: Period, period: Period) -> Decimal | None:
    """The share of a target over ``whole`` due by the end of ``period``.

    None when the period is the target's whole period (or not inside it).
    """
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


def _needs_polarity(case: _Case, target: Target) -> _Found:
    return _not_rated(
        case, lambda: f"the bare target {target} needs a polarity to say which side is good"
    )


def _due(goal: Goal, original: Target) -> Due:
    """What the columns keep of the target due: built into a Target when it is read."""
    return (original, goal.kind, goal.low, goal.high)


def _rate_level(
    case: _Case,
    setting: TargetSetting,
    target: ThresholdTarget | RangeTarget,
    value: Decimal | Band,
) -> _Found:
    measure, period = case.measure, case.frame.period
    profiled = measure.aggregation in _PROFILED_AGGREGATIONS
    # Only a measure that adds up over the year has a share of its target due.
    share = _share(setting.profile, setting.period, period) if profiled else None
    basis = target.basis
    if basis is not None and basis is not TargetBasis.YEAR:
        # A quarterly (monthly) figure to reach each quarter (month): not spread over a year.
        if case.frame.months == basis.months:
            share = None
        elif profiled:
            return _not_rated(
                case, lambda: f"the {basis.value} target {target} rates a {_SPANS[basis]}"
            )
    if share is None or not profiled:
        goal = level_goal(target, measure.polarity, "target")
        if goal is None:
            return _needs_polarity(case, target)
        return case.judge(value, goal, None, None)
    figure = case.ytd
    if figure is None:
        reason = case.reason
        return _not_rated(case, lambda: reason)
    full = level_goal(target, measure.polarity, "annual target")
    if full is None:
        return _needs_polarity(case, target)
    scaled = full.scaled(share)
    subject: str | None = None
    notes: list[str] | None = None
    if case.explain:
        scaled.name = f"target due by {period} (annual target {target})"
        subject = f"{show_value(figure, measure.unit)} year to date"
        notes = []
    found = case.judge(figure, scaled, subject, notes)
    return _forecast(case, found, _due(scaled, target), figure, _ZERO, share, full)


_SPANS = {TargetBasis.MONTH: "month", TargetBasis.QUARTER: "quarter"}


def _rate_direction(case: _Case, target: DirectionTarget) -> _Found:
    """Rate the figure against the one of the comparison period, as ``target`` asks."""
    period, current = case.frame.period, case.current
    assert current is not None  # noqa: S101 - checked by the caller
    if current.status is ObservationStatus.BREAK:
        return _not_rated(
            case, lambda: f"a break in series at {period} leaves {target} nothing to compare"
        )
    before_period = case.frame.comparison(case.measure)[0]
    before = case.observations.get(before_period) if before_period is not None else None
    then = before.point if before is not None else None
    now = current.point
    if before_period is None or then is None or now is None:
        where = before_period if before_period is not None else "an earlier period"
        return _not_rated(
            case, lambda: f"no value for {where} to compare with for the target {target}"
        )
    goal = direction_goal(target, case.measure.polarity, then, before_period)
    if isinstance(goal, str):
        reason = goal
        return _not_rated(case, lambda: reason)
    return case.judge(now, goal, None, None)


def _rate_cumulative(
    case: _Case, setting: TargetSetting, target: CumulativeTarget, value: Decimal | Band
) -> _Found:
    measure, period, current = case.measure, case.frame.period, case.current
    assert current is not None  # noqa: S101 - checked by the caller
    share = _share(setting.profile, setting.period, period)
    baseline = _ZERO
    figure: Decimal | Band | None
    if current.cumulative is not None:
        figure, what = current.cumulative, "cumulative"
        baseline = _baseline(setting, period, case.observations)
    elif measure.aggregation is Aggregation.ALREADY_CUMULATIVE:
        figure, what = value, "year to date"
    else:
        figure, what = case.ytd, "year to date"
    if figure is None:
        reason = case.reason
        return _not_rated(case, lambda: reason or f"no value for {period}")
    kind = GoalKind.AT_MOST if measure.polarity is Polarity.LOWER_IS_BETTER else GoalKind.AT_LEAST
    unit = measure.unit
    whole = target.value
    due = whole if share is None else baseline + (whole - baseline) * share
    goal = Goal(kind, due, due)
    subject: str | None = None
    notes: list[str] | None = None
    if case.explain:
        if share is None:
            goal.name = f"cumulative target for {setting.period}"
        else:
            by = f"{show_value(whole, unit)} by the end of {setting.period}"
            goal.name = f"cumulative target due by {period} ({by})"
        subject = f"{show_value(figure, unit)} {what}"
        notes = []
    found = case.judge(figure, goal, subject, notes)
    if share is None:
        return (*found[:4], _due(goal, target), *found[5:])
    full = Goal(kind, target.value, target.value, name="cumulative target")
    return _forecast(case, found, _due(goal, target), figure, baseline, share, full)


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
    found: _Found,
    due: Due,
    figure: Decimal | Band,
    baseline: Decimal,
    share: Decimal,
    full: Goal,
) -> _Found:
    """Project the year-end outturn linearly and rate it against the full target."""
    status, margin, reference, rated, _, _, _, text, notes = found
    if isinstance(figure, Band):
        if notes is not None:
            notes.append("a band is not forecast")
        return (status, margin, reference, rated, due, None, None, text, notes)
    if share <= 0:
        if notes is not None:
            notes.append("nothing of the target is due yet, so no year-end forecast")
        return (status, margin, reference, rated, due, None, None, text, notes)
    forecast = baseline + (figure - baseline) / share
    subject = None
    if case.explain:
        subject = f"the forecast year-end outturn of {show_value(forecast, case.measure.unit)}"
    outturn = case.judge(forecast, full, subject, None)
    if notes is not None and outturn[7] is not None:
        notes.append(outturn[7])
    return (status, margin, reference, rated, due, forecast, outturn[0], text, notes)


def _rate_change(case: _Case, target: ChangeTarget) -> _Found:
    measure, period, current = case.measure, case.frame.period, case.current
    assert current is not None  # noqa: S101 - checked by the caller
    if measure.polarity is Polarity.NEUTRAL:
        return _not_rated(
            case, lambda: f"the change target {target} needs a polarity to say which way is good"
        )
    months = case.frame.months
    if months is None:
        return _not_rated(
            case, lambda: f"a change target is rated on months, quarters or years, not {period}"
        )
    before_period = period.previous()
    before = case.observations.get(before_period)
    if before is None or before.point is None or current.point is None:
        return _not_rated(case, lambda: f"no value for {before_period} to measure the change from")
    then, now = before.point, current.point
    change = now - then
    required = target.amount * months / _INTERVAL_MONTHS[target.per]
    lower = measure.polarity is Polarity.LOWER_IS_BETTER
    progress = -change if lower else change
    word, article = ("reduction", "a") if lower else ("increase", "an")
    unit = measure.unit
    subject = None
    if case.explain:
        subject = (
            f"{article} {word} of {show_value(progress, unit)} ({show_value(then, unit)} "
            f"in {before_period} to {show_value(now, unit)})"
        )
    goal = Goal(GoalKind.AT_LEAST, required, required, name=word)
    found = case.judge(progress, goal, subject, None)
    return (found[0], found[1], found[2], change, *found[4:])
