"""What a trend chart shows, worked out before anything is drawn: points, targets, bands.

A chart is of one measure over the periods of one kind (quarters with quarters: a year-end
figure is not a point on a quarterly line), from the first period of that kind with a
figure to the period rated, each period in turn, so a period without a figure is a gap.
Each period is rated as :func:`~kpi_scorecard.evaluate_all` rates it, with the target in
force at the time. A measure rated on its running total against a profiled target (an
annual target on a measure that adds up, or a cumulative target) is drawn as the running
total against the target due by each period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from kpi_scorecard._errors import KpiScorecardError, ScorecardError
from kpi_scorecard._measure import Measure, Polarity
from kpi_scorecard._numbers import format_decimal
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period
from kpi_scorecard._published import PublishedStatus, StatusMeaning, StatusVocabulary
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard._target import RangeTarget, Target, ThresholdTarget
from kpi_scorecard._target_kinds import ScheduledTarget
from kpi_scorecard._units import COUNT, PERCENT, YES_NO
from kpi_scorecard._value import Band
from kpi_scorecard.evaluation import Assessment, RagPolicy, Report, Tolerance, evaluate_all

__all__ = ["Goal", "Point", "Series", "Source", "StatusSource", "Timeline", "show"]

StatusSource = Literal["computed", "published"]
"""Which status colours the points: the one the library computed, or the council's."""

Source = Report | Scorecard
"""What a chart is drawn from: a report (its scorecard, period and policy), or a scorecard."""

#: How each status a point can have is named, in the order a legend lists them.
STATUS_WORDS: Mapping[str, str] = {
    "green": "Green",
    "yellow": "Yellow",
    "amber": "Amber",
    "red": "Red",
    "not_rated": "Not rated",
    "other": "Published, no one status",
}
_MEANT = {
    StatusMeaning.GREEN: "green",
    StatusMeaning.YELLOW: "yellow",
    StatusMeaning.AMBER: "amber",
    StatusMeaning.RED: "red",
    StatusMeaning.NOT_KNOWN: "not_rated",
}


_SIGNS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def show(value: Decimal, unit: str) -> str:
    """A figure as the chart writes it: ``17%``, ``1,462``, ``6 day``, ``Yes``.

    >>> show(Decimal("1462"), "count"), show(Decimal("17.50"), "percent")
    ('1,462', '17.5%')
    """
    if unit == YES_NO and value in (0, 1):
        return "Yes" if value else "No"
    text = format_decimal(value)
    whole, point, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-') or 0):,}"
    number = f"{sign}{grouped}{point}{decimals}"
    if unit == PERCENT:
        return f"{number}%"
    return number if unit == COUNT else f"{number} {unit}"


def _shown(value: Decimal | Band, unit: str) -> str:
    if isinstance(value, Band):
        return f"{show(value.low, unit)}-{show(value.high, unit)}"
    return show(value, unit)


@dataclass(frozen=True, slots=True)
class Goal:
    """What the target asks at one period: a ceiling, a floor, a range, or a bare line.

    ``low`` and ``high`` are the edges (equal for a ceiling or floor); ``bands`` the
    tolerance zones beside them, as (from, to) pairs.
    """

    kind: Literal["at_most", "at_least", "within", "line"]
    low: Decimal
    high: Decimal
    bands: tuple[tuple[Decimal, Decimal], ...]
    text: str

    @property
    def edges(self) -> tuple[Decimal, ...]:
        """Every figure the goal draws, for the scale."""
        return (self.low, self.high, *(end for band in self.bands for end in band))


@dataclass(frozen=True, slots=True)
class Point:
    """One period of the chart: its figure (None for a gap), status and what to say of it."""

    period: Period
    figure: Decimal | Band | None
    status: str
    word: str
    detail: str
    goal: Goal | None

    @property
    def position(self) -> Decimal | None:
        """Where the point sits: the figure, or a band's middle."""
        if isinstance(self.figure, Band):
            return self.figure.midpoint
        return self.figure


@dataclass(frozen=True, slots=True)
class Series:
    """One measure's chart, ready to draw."""

    measure: Measure
    points: tuple[Point, ...]
    cumulative: bool
    status_source: StatusSource
    rated: Period | None

    @property
    def label(self) -> str:
        """The measure's reference and title."""
        title = self.measure.title
        return f"{self.measure.reference} {title}" if title else self.measure.reference

    @property
    def latest(self) -> Point | None:
        """The last point with a figure."""
        return next((p for p in reversed(self.points) if p.figure is not None), None)

    def summary(self) -> str:
        """One sentence: the latest figure, its status and its target."""
        latest = self.latest
        if latest is None:
            return f"No figures for {self.measure.reference}."
        unit = self.measure.unit
        assert latest.figure is not None  # noqa: S101 - latest has a figure
        what = "running total" if self.cumulative else "figure"
        sentence = f"{latest.period}: {what} {_shown(latest.figure, unit)}, {latest.word}"
        if latest.goal is not None:
            sentence += f", target {latest.goal.text}"
        return sentence + "."


class Timeline:
    """The periods charted and each one rated, for every measure of a scorecard at once."""

    def __init__(self, source: Source, policy: RagPolicy | None, period: Period | None) -> None:
        if isinstance(source, Report):
            if source.source is None:
                raise ScorecardError(
                    "a chart needs the scorecard the report was made from; a report read "
                    "back from JSON or CSV has none (Report.source)",
                    code="no_source",
                )
            card = source.source
            policy = source.policy if policy is None else policy
            period = source.period if period is None else period
        else:
            card = source
        if period is None and card.periods:
            period = max(card.periods, key=lambda p: (p.end, p))
        self.card = card
        self.policy = policy if policy is not None else RagPolicy()
        self.rated = period
        self.periods = _periods(card, period) if period is not None else []
        self.reports = evaluate_all(card, self.periods, policy=self.policy)

    def series(
        self,
        reference: str,
        status: StatusSource = "computed",
        vocabulary: StatusVocabulary | None = None,
    ) -> Series:
        """One measure's series; a reference the scorecard does not have is a KeyError."""
        measure = self.card.measure(reference)
        observed = self.card.observations_by_period(reference)
        rated = [self.reports[period][reference] for period in self.periods]
        cumulative = any(a.due is not None for a in rated)
        tolerance = self.policy.tolerance_for(reference) if self.policy.rules is None else None
        points = []
        for assessment in rated:
            observation = observed.get(assessment.period)
            figure = _figure(assessment, observation, cumulative=cumulative)
            goal = _goal(assessment, measure, tolerance)
            key, word = _status(assessment, observation, figure, status, vocabulary)
            points.append(
                Point(
                    assessment.period,
                    figure,
                    key,
                    word,
                    _detail(assessment.period, figure, word, goal, measure.unit, cumulative),
                    goal,
                )
            )
        return Series(measure, tuple(points), cumulative, status, self.rated)


def _periods(card: Scorecard, rated: Period) -> list[Period]:
    """The periods of the rated one's kind, from the first with a figure to the rated one."""
    observed = sorted(
        {p for p in card.periods if p.kind is rated.kind and p.end <= rated.end} | {rated},
        key=lambda p: (p.end, p),
    )
    first = observed[0]
    run = [rated]
    try:
        while run[-1].start > first.start and len(run) <= 4 * len(observed) + 64:
            run.append(run[-1].previous())
    except (KpiScorecardError, ValueError):  # a kind without a previous period
        return observed
    if run[-1] != first:  # the kind does not step onto its own periods (dates, rolling)
        return observed
    return run[::-1]


def _figure(
    assessment: Assessment, observation: Observation | None, *, cumulative: bool
) -> Decimal | Band | None:
    """The figure the point shows: the running total on a cumulative chart, else the value."""
    if observation is None or assessment.value is None:
        return None
    if not cumulative:
        return assessment.value
    for figure in (assessment.rated_value, observation.cumulative, assessment.ytd):
        if figure is not None:
            return figure
    return assessment.value  # pragma: no cover - a value always has a year to date


def _target_for(assessment: Assessment) -> Target | None:
    """The target the point is drawn against: the share due, or the one in force."""
    if assessment.due is not None:
        return assessment.due
    target = assessment.target
    if isinstance(target, ScheduledTarget):
        target = target.for_period(assessment.period)
    if (
        target is not None
        and target.period is not None
        and not target.period.contains(assessment.period)
    ):
        return None
    return target


def _goal(assessment: Assessment, measure: Measure, tolerance: Tolerance | None) -> Goal | None:
    target = _target_for(assessment)
    unit = measure.unit
    if isinstance(target, RangeTarget):
        low, high = target.low, target.high
        bands = _bands(tolerance, ((low, -1), (high, 1)))
        text = f"{show(low, unit)} to {show(high, unit)}"
        return Goal("within", low, high, bands, text)
    if not isinstance(target, ThresholdTarget):
        return None
    value = target.value
    comparator = target.comparator
    if comparator is not None:
        at_most = comparator.wants_lower
    elif measure.polarity is Polarity.NEUTRAL:
        return Goal("line", value, value, (), show(value, unit))
    else:
        at_most = measure.polarity is Polarity.LOWER_IS_BETTER
    sign = "" if comparator is None else _SIGNS[comparator.value]
    text = f"{sign}{show(value, unit)}"
    if assessment.due is not None:
        text = f"{text} due by {assessment.period}"
    bands = _bands(tolerance, ((value, 1 if at_most else -1),))
    return Goal("at_most" if at_most else "at_least", value, value, bands, text)


def _bands(
    tolerance: Tolerance | None, edges: Sequence[tuple[Decimal, int]]
) -> tuple[tuple[Decimal, Decimal], ...]:
    """The tolerance zone beyond each edge, on the side a miss lies (-1 below, 1 above)."""
    if tolerance is None:
        return ()
    found = []
    for edge, side in edges:
        width = tolerance.allowance(edge)
        if width > 0:
            found.append((edge, edge + side * width) if side > 0 else (edge - width, edge))
    return tuple(found)


def _status(
    assessment: Assessment,
    observation: Observation | None,
    figure: Decimal | Band | None,
    source: StatusSource,
    vocabulary: StatusVocabulary | None,
) -> tuple[str, str]:
    """The point's status key and word, computed or as the council published it."""
    if figure is None:
        return "not_rated", "no figure"
    if source == "computed":
        key = assessment.status.value
        return key, STATUS_WORDS[key]
    published = observation.published_status if observation is not None else None
    if not published:
        return "not_rated", "no status published"
    try:
        status = PublishedStatus.parse(published, vocabulary)
    except KpiScorecardError:
        return "other", f"published {published} (a word the status vocabulary does not know)"
    if len(status.means) == 1:
        key = _MEANT.get(next(iter(status.means)), "other")
        if key != "other":
            return key, f"{STATUS_WORDS[key]} (published {published})"
    return "other", f"published {published} ({status.describe()})"


def _detail(
    period: Period,
    figure: Decimal | Band | None,
    word: str,
    goal: Goal | None,
    unit: str,
    cumulative: bool,
) -> str:
    """The tooltip of a point."""
    if figure is None:
        return f"{period}: no figure"
    what = "running total " if cumulative else ""
    text = f"{period}: {what}{_shown(figure, unit)}, {word}"
    return text if goal is None else f"{text}; target {goal.text}"
