"""An area's figure against each comparison group, and benchmark targets rated on that.

For each group the scorecard's area is in, :func:`compare` finds its rank, quartile and
band among the group, the group's mean and median and the differences from them, and
whether the figure is better, similar or worse than the group's benchmark: the group's
own published figure (England's, a region's) where the data gives one, else the mean of
its areas. From the value alone, "similar" means equal. Where the area's numerator and
denominator are given, the figure's confidence interval decides, as Fingertips does: a
benchmark inside the interval is similar, one outside it better or worse. A percentage
takes the Wilson score interval; any other figure with a numerator (a rate) takes Byar's
interval of the numerator, scaled as the figure is. Fingertips uses the exact method for
counts below 10, which is not computed here, so such figures have no significance.

Benchmark targets are rated thus (each rule is tested at its edges):

- ``Top quartile``: quartile 1 green, quartile 2 amber, 3 and 4 red; ranked among the
  data's ``quartile_group`` (England where the data has it, else the first group);
- ``Better than <group> average``: better green, similar amber, worse red; with a
  confidence interval, better and worse mean significantly so at 95%;
- ``In line with <group>``: better or similar green, worse red; with an interval, worse at
  95% but not at 99.8% is amber;
- ``Above`` / ``Below`` an average (of a group, or the area's own ``N-year average``):
  green on the named side, amber when equal, red on the other side;
- the ``N-year average`` is the mean of the area's figures for the same period in each of
  the N years before, from the comparator data or else the scorecard's own observations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kpi_scorecard._errors import KpiScorecardError
from kpi_scorecard._measure import Measure, Polarity
from kpi_scorecard._notation import ExactNumber
from kpi_scorecard._numbers import exact_arithmetic
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period
from kpi_scorecard._target_kinds import BenchmarkRelation, BenchmarkTarget

from ._intervals import BYAR_EXACT_BELOW, byar_interval, wilson_interval
from ._model import ENGLAND, ComparatorData
from ._ranking import BAND_LETTERS, mean, median, quartile_of, rank

__all__ = ["GroupComparison", "Verdict", "compare", "group_for", "rate_benchmark"]

_PERCENT = "percent"
_95 = Decimal("0.95")
_998 = Decimal("0.998")
_QUARTILE_WORDS = ("first", "second", "third", "fourth")


class Verdict(StrEnum):
    """How a figure stands against a benchmark."""

    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"


class GroupComparison(BaseModel):
    """The area's figure against one group of comparators.

    ``areas`` counts the group's areas with a figure, the scorecard's own included; ``rank``
    (1 best, competition ranking), ``quartile`` (1 best) and ``band`` (``A`` best) place the
    area among them, and are None on a measure of no polarity. A group of which the data
    gives only its published figure (England's, and no other area's) has no rank, mean or
    median: ``areas`` is 1. ``benchmark`` is the
    group's published figure where the data gives one (``published``), else ``mean``.
    ``versus`` is the verdict from the value alone; ``significance`` (at 95%) and
    ``significance_998`` (at 99.8%) the verdicts of the confidence interval, by ``method``,
    where a numerator and denominator allow one. ``interval`` is the 95% interval, in the
    measure's unit.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    group: str
    areas: int
    rank: int | None = None
    quartile: int | None = None
    band: Literal["A", "B", "C", "D"] | None = None
    mean: ExactNumber | None = None
    median: ExactNumber | None = None
    from_mean: ExactNumber | None = None
    from_median: ExactNumber | None = None
    benchmark: ExactNumber
    published: bool = False
    versus: Verdict | None = None
    method: Literal["Wilson score", "Byar"] | None = None
    interval: tuple[ExactNumber, ExactNumber] | None = None
    significance: Verdict | None = None
    significance_998: Verdict | None = None


def _verdict(figure: Decimal, benchmark: Decimal, polarity: Polarity) -> Verdict | None:
    if polarity is Polarity.NEUTRAL:
        return None
    if figure == benchmark:
        return Verdict.SIMILAR
    higher = figure > benchmark
    return Verdict.BETTER if higher == (polarity is Polarity.HIGHER_IS_BETTER) else Verdict.WORSE


def _interval_verdict(
    interval: tuple[Decimal, Decimal], benchmark: Decimal, polarity: Polarity
) -> Verdict | None:
    low, high = interval
    if polarity is Polarity.NEUTRAL:
        return None
    if low <= benchmark <= high:
        return Verdict.SIMILAR
    return _verdict(low, benchmark, polarity)


def _intervals(
    measure: Measure, value: Decimal, numerator: Decimal, denominator: Decimal
) -> tuple[str, tuple[Decimal, Decimal], tuple[Decimal, Decimal]] | None:
    """The method and the 95% and 99.8% intervals of the figure, in its unit; None if none."""
    if measure.unit == _PERCENT:
        if denominator <= 0 or numerator > denominator:
            return None
        wide = [wilson_interval(numerator, denominator, confidence=c) for c in (_95, _998)]
        with exact_arithmetic():
            scaled = [(low * 100, high * 100) for low, high in wide]
        return "Wilson score", scaled[0], scaled[1]
    if numerator < BYAR_EXACT_BELOW or numerator != numerator.to_integral_value():
        return None
    counts = [byar_interval(numerator, confidence=c) for c in (_95, _998)]
    with exact_arithmetic():
        scale = value / numerator
        scaled = [(low * scale, high * scale) for low, high in counts]
    return "Byar", scaled[0], scaled[1]


def compare(
    data: ComparatorData,
    measure: Measure,
    period: Period,
    value: Decimal,
    *,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
) -> tuple[GroupComparison, ...]:
    """The area's ``value`` against every group it is in that has figures for the period.

    The numerator and denominator default to those of the area's own comparator figure.

    >>> from kpi_scorecard.comparators import Area, ComparatorFigure
    >>> period = Period.parse("2019/20")
    >>> data = ComparatorData(area="Barnet", figures=[
    ...     ComparatorFigure(measure_ref="A", area=Area(name=name), period=period,
    ...                      value=figure, groups=("London",))
    ...     for name, figure in [("Enfield", "24"), ("Brent", "30"), ("Harrow", "20")]
    ... ])
    >>> found, = compare(data, Measure(reference="A", unit="%", polarity="higher_is_better"),
    ...                  period, Decimal(27))
    >>> found.rank, found.quartile, found.band, found.median, found.versus.value
    (2, 2, 'B', Decimal('25.5'), 'better')
    """
    reference = measure.reference
    if numerator is None:
        own = data.own(reference, period)
        if own is not None:
            numerator, denominator = own.numerator, own.denominator
    polarity = measure.polarity
    ranked = polarity is not Polarity.NEUTRAL
    intervals = None
    if numerator is not None and denominator is not None:
        intervals = _intervals(measure, value, numerator, denominator)
    found = []
    for group in data.groups_of(reference, period):
        others = [figure.value for figure in data.members(group, reference, period)]
        published = data.published(group, reference, period)
        if not others and published is None:
            continue
        everyone = [value, *others]
        middle = average = from_mean = from_median = None
        if others:
            middle, average = median(everyone), mean(everyone)
            with exact_arithmetic():
                from_mean, from_median = value - average, value - middle
        benchmark = published.value if published is not None else average
        assert benchmark is not None  # noqa: S101 - a published figure or other areas
        place = quartile = band = None
        if ranked and others:
            place = rank(value, others, polarity=polarity)
            quartile = quartile_of(place, len(everyone))
            band = BAND_LETTERS[quartile - 1]
        method = interval = significance = significance_998 = None
        if intervals is not None:
            method, interval, wide = intervals
            significance = _interval_verdict(interval, benchmark, polarity)
            significance_998 = _interval_verdict(wide, benchmark, polarity)
        found.append(
            GroupComparison(
                group=group,
                areas=len(everyone),
                rank=place,
                quartile=quartile,
                band=band,
                mean=average,
                median=middle,
                from_mean=from_mean,
                from_median=from_median,
                benchmark=benchmark,
                published=published is not None,
                versus=_verdict(value, benchmark, polarity),
                method=method,
                interval=interval,
                significance=significance,
                significance_998=significance_998,
            )
        )
    return tuple(found)


_GROUPS = {
    "England average": ENGLAND,
    "national average": ENGLAND,
    "London average": "London",
    "statistical neighbours": "statistical neighbours",
    "CIPFA neighbours": "CIPFA neighbours",
}


def group_for(target: BenchmarkTarget, data: ComparatorData) -> str | None:
    """The group a benchmark target names (None for the area's own N-year average).

    ``regional average`` is the data's ``region``; ``Top quartile`` ranks in the data's
    ``quartile_group``, or England, or else the first group of the own area.
    """
    benchmark = target.benchmark
    if benchmark == "regional average":
        return data.region
    if benchmark == "top quartile":
        return data.quartile_group or ENGLAND
    return _GROUPS.get(benchmark)


Rated = tuple[str, str | None]
"""A benchmark target's status (a Rag value) and, when explaining, its sentence."""


def rate_benchmark(
    data: ComparatorData,
    target: BenchmarkTarget,
    measure: Measure,
    period: Period,
    current: Observation,
    series: Mapping[Period, Observation],
    show: Callable[[Decimal], str],
) -> Rated | str:
    """Rate a benchmark target on the comparator data: a status and sentence, or a reason.

    ``show`` writes a figure in the measure's unit. A reason (a plain string) means the
    target is not rated.
    """
    value = current.value
    if not isinstance(value, Decimal):
        return f"a band is not compared with the {target.benchmark}"
    if target.benchmark.endswith("-year average"):
        return _rate_own_average(data, target, measure, period, value, series, show)
    group = group_for(target, data)
    if group is None:
        return "the comparator data names no region for the regional average"
    numerator, denominator = current.numerator, current.denominator
    found = compare(data, measure, period, value, numerator=numerator, denominator=denominator)
    if measure.polarity is Polarity.NEUTRAL and target.relation in _POLAR:
        return f"the target {target} needs a polarity to say which side is better"
    if target.relation is BenchmarkRelation.IN:
        ranked = [each for each in found if each.rank is not None]
        chosen = next((each for each in ranked if each.group == group), None)
        if chosen is None and data.quartile_group is None and ranked:
            chosen = ranked[0]
        if chosen is None:
            return f"the comparator data ranks no areas in {group} for {measure.reference} {period}"
        return _rate_quartile(chosen, value, show)
    chosen = next((each for each in found if each.group == group), None)
    if chosen is None:
        return f"the comparator data has no figures for {group} for {measure.reference} {period}"
    return _rate_against(target, chosen, value, show)


_POLAR = (BenchmarkRelation.BETTER_THAN, BenchmarkRelation.IN_LINE_WITH, BenchmarkRelation.IN)


def _described(comparison: GroupComparison) -> str:
    members = comparison.areas - 1
    name = comparison.group
    if name.endswith("neighbours"):
        return f"{members} {name.removesuffix('s') if members == 1 else name}"
    return f"{members} {'area' if members == 1 else 'areas'} in {name}"


def _rate_quartile(
    comparison: GroupComparison, value: Decimal, show: Callable[[Decimal], str]
) -> Rated:
    quartile, middle = comparison.quartile, comparison.median
    assert quartile is not None  # noqa: S101 - a ranked group has a quartile
    assert middle is not None  # noqa: S101 - and a median
    status = "green" if quartile == 1 else "amber" if quartile == 2 else "red"
    sentence = (
        f"{show(value)} is in the {_QUARTILE_WORDS[quartile - 1]} quartile of "
        f"{_described(comparison)} (rank {comparison.rank} of {comparison.areas}, "
        f"median {show(middle)}): {status}"
    )
    return status, sentence


def _rate_against(
    target: BenchmarkTarget,
    comparison: GroupComparison,
    value: Decimal,
    show: Callable[[Decimal], str],
) -> Rated:
    relation = target.relation
    benchmark = comparison.benchmark
    what = "figure" if comparison.published else "mean"
    against = f"the {comparison.group} {what} of {show(benchmark)}"
    if relation in (BenchmarkRelation.ABOVE, BenchmarkRelation.BELOW):
        above = relation is BenchmarkRelation.ABOVE
        side = "equal to" if value == benchmark else "above" if value > benchmark else "below"
        status = (
            "amber" if value == benchmark else "green" if (value > benchmark) == above else "red"
        )
        return status, f"{show(value)} is {side} {against}: {status}"
    verdict, how = comparison.versus, ""
    assert verdict is not None  # noqa: S101 - better than and in line with need a polarity
    if comparison.significance is not None and comparison.interval is not None:
        verdict = comparison.significance
        low, high = comparison.interval
        how = (
            f" ({'not ' if verdict is Verdict.SIMILAR else ''}significantly, at 95% by the "
            f"{comparison.method} interval {show(low)} to {show(high)})"
        )
    if relation is BenchmarkRelation.BETTER_THAN:
        status = {Verdict.BETTER: "green", Verdict.SIMILAR: "amber"}.get(verdict, "red")
    else:
        status = "red" if verdict is Verdict.WORSE else "green"
        if verdict is Verdict.WORSE and comparison.significance_998 is Verdict.SIMILAR:
            status = "amber"
            how += ", though not at 99.8%"
    word = {Verdict.BETTER: "better than", Verdict.SIMILAR: "similar to"}.get(verdict, "worse than")
    return status, f"{show(value)} is {word} {against}{how}: {status}"


def _rate_own_average(
    data: ComparatorData,
    target: BenchmarkTarget,
    measure: Measure,
    period: Period,
    value: Decimal,
    series: Mapping[Period, Observation],
    show: Callable[[Decimal], str],
) -> Rated | str:
    years = int(target.benchmark.split("-", 1)[0])
    earlier, figures = period, []
    for _ in range(years):
        try:
            earlier = earlier.same_period_last_year()
        except KpiScorecardError as exc:  # no calendar year before the first one
            return f"no period a year before {earlier} for the {target.benchmark}: {exc}"
        own = data.own(measure.reference, earlier)
        observed = series.get(earlier)
        figure = own.value if own is not None else observed.point if observed is not None else None
        if figure is None:
            return f"no figure for {earlier} for the {target.benchmark}"
        figures.append(figure)
    average = mean(figures)
    first = str(earlier)
    last = str(period.same_period_last_year())
    above = target.relation is BenchmarkRelation.ABOVE
    if target.relation not in (BenchmarkRelation.ABOVE, BenchmarkRelation.BELOW):
        verdict = _verdict(value, average, measure.polarity)
        if verdict is None:
            return f"the target {target} needs a polarity to say which side is better"
        good = verdict is Verdict.BETTER or (
            verdict is Verdict.SIMILAR and target.relation is BenchmarkRelation.IN_LINE_WITH
        )
        status = "green" if good else "amber" if verdict is Verdict.SIMILAR else "red"
        word = {Verdict.BETTER: "better than", Verdict.SIMILAR: "equal to"}.get(
            verdict, "worse than"
        )
    else:
        word = "equal to" if value == average else "above" if value > average else "below"
        status = "amber" if value == average else "green" if (value > average) == above else "red"
    return status, (
        f"{show(value)} is {word} the {target.benchmark} of {show(average)} "
        f"({first} to {last}): {status}"
    )
