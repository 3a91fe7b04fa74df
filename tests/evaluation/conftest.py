"""Builders for the evaluation tests: one-measure scorecards and their assessments.

A test writes its scorecard the way a council's table reads: a target in the notation of
the target column and value cells keyed by period label. ``card(...)`` builds a one-measure
scorecard, ``card_of(line(...), ...)`` a scorecard of several lines, and ``rated(...)``
evaluates a card and returns the assessment of its (first) measure.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kpi_scorecard import (
    DEFAULT_CALENDAR,
    Calendar,
    CellValue,
    Measure,
    Observation,
    Period,
    RagPolicy,
    Scorecard,
    TargetSetting,
    evaluate,
)

#: The quarter most tests rate, and the one before it.
Q1 = "Q1 2019/20"
PREVIOUS = "Q4 2018/19"


@dataclass(frozen=True)
class Line:
    """One measure with its target settings and observations."""

    measure: Measure
    settings: tuple[TargetSetting, ...]
    observations: tuple[Observation, ...]


def observation(ref: str, period: str, cell: Any, calendar: Calendar = DEFAULT_CALENDAR):
    """An observation from a value cell's text, or from keyword fields in a dict."""
    when = Period.parse(period, calendar=calendar)
    if isinstance(cell, dict):
        return Observation(measure_ref=ref, period=when, **cell)
    if isinstance(cell, int | Decimal):
        return Observation(measure_ref=ref, period=when, value=Decimal(cell))
    return Observation.from_cell(ref, when, CellValue.parse(cell))


def line(
    target: str | None = "<18%",
    values: dict[str, Any] | None = None,
    *,
    ref: str = "M1",
    unit: str = "percent",
    polarity: str = "lower_is_better",
    aggregation: str = "latest",
    target_period: str = "2019/20",
    profile: str | None = None,
    targets: dict[str, str] | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
) -> Line:
    """One measure: ``target`` in force for ``target_period`` (None: no setting at all).

    ``targets`` maps period labels to target texts, for dated targets, and replaces
    ``target``. ``values`` maps period labels to value cells (``"17"``, ``"97%-99%"``,
    ``"182 (1382 cumulative)"``, ``"23 [p]"``, ``""``) or to Observation fields.
    """
    settings = targets if targets is not None else {}
    if targets is None and target is not None:
        settings = {target_period: target}
    return Line(
        measure=Measure(reference=ref, unit=unit, polarity=polarity, aggregation=aggregation),
        settings=tuple(
            TargetSetting(
                measure_ref=ref,
                period=Period.parse(period, calendar=calendar),
                target=text,
                profile=profile,
            )
            for period, text in settings.items()
        ),
        observations=tuple(
            observation(ref, period, cell, calendar) for period, cell in (values or {}).items()
        ),
    )


def card_of(*lines: Line, title: str = "", calendar: Calendar = DEFAULT_CALENDAR) -> Scorecard:
    """A scorecard of several lines, in the order given."""
    return Scorecard(
        title=title,
        calendar=calendar,
        measures=tuple(each.measure for each in lines),
        targets=tuple(setting for each in lines for setting in each.settings),
        observations=tuple(found for each in lines for found in each.observations),
    )


def card(target: str | None = "<18%", values: dict[str, Any] | None = None, **options):
    """A one-measure scorecard; the options are those of :func:`line`."""
    calendar = options.get("calendar", DEFAULT_CALENDAR)
    return card_of(line(target, values, **options), calendar=calendar)


def rated(scorecard: Scorecard, period: str = Q1, **policy: Any):
    """Evaluate ``scorecard`` for ``period`` and return its first assessment.

    Keyword arguments build the :class:`RagPolicy` (``tolerance="2 points"``...).
    """
    return evaluate(scorecard, period, policy=RagPolicy(**policy))[0]
