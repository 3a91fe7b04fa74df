"""Year to date agrees with a plain reference computation, for any figures and gaps.

The reference below is written the slow, obvious way: walk the months of the financial
year one by one, keep the figures of the periods that fall in it up to the rated one,
and add them up by the measure's aggregation. The engine's figure (from ``evaluate`` and
from ``year_to_date``) must be the same, or both must say there is none.
"""

import datetime as dt
import warnings
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import (
    AveragedPercentageWarning,
    Measure,
    Observation,
    Period,
    Scorecard,
    evaluate,
)
from kpi_scorecard.evaluation import year_to_date

AGGREGATIONS = ("sum", "mean", "min", "max", "ratio", "latest", "already_cumulative")
# Two financial years of quarters, and of months, so the year before must be left out.
QUARTERS = [
    Period.financial_quarter(year, quarter) for year in (2018, 2019) for quarter in (1, 2, 3, 4)
]
MONTHS = [Period.month(year, month) for year in (2018, 2019) for month in range(4, 13)] + [
    Period.month(year, month) for year in (2019, 2020) for month in (1, 2, 3)
]


def reference_year_to_date(aggregation, unit, figures, period, periods):
    """The year to date, the slow way; None when a period so far has no figure."""
    if aggregation in ("latest", "already_cumulative"):
        found = figures.get(period)
        return None if found is None else found[0]
    # The financial year starts on the 1st of April on or before the rated period's start.
    year = period.start.year if period.start.month >= 4 else period.start.year - 1
    april = dt.date(year, 4, 1)
    so_far = [p for p in periods if april <= p.start and p.end <= period.end]
    if any(p not in figures for p in so_far):
        return None
    values = [figures[p][0] for p in so_far]
    if aggregation == "sum":
        return sum(values, Decimal(0))
    if aggregation == "mean":
        return sum(values, Decimal(0)) / len(values)
    if aggregation == "min":
        return min(values)
    if aggregation == "max":
        return max(values)
    numerators = sum((figures[p][1] for p in so_far), Decimal(0))
    denominators = sum((figures[p][2] for p in so_far), Decimal(0))
    if denominators == 0:
        return None
    return numerators * (100 if unit == "percent" else 1) / denominators


figure = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)


@st.composite
def series(draw):
    """A measure's figures (value, numerator, denominator) over its periods, with a few gaps."""
    periods = draw(st.sampled_from([QUARTERS, MONTHS]))
    gaps = draw(st.lists(st.sampled_from(periods), unique=True, max_size=2))
    figures = {}
    for period in periods:
        if period in gaps:
            continue
        denominator = draw(figure)
        numerator = draw(st.decimals(min_value=0, max_value=denominator, places=2))
        figures[period] = (draw(figure), numerator, denominator)
    return periods, figures


@given(
    aggregation=st.sampled_from(AGGREGATIONS),
    unit=st.sampled_from(["count", "percent"]),
    drawn=series(),
    data=st.data(),
)
def test_year_to_date_matches_the_reference(aggregation, unit, drawn, data):
    """evaluate() and year_to_date() give the reference's figure, or none when it has none."""
    periods, figures = drawn
    period = data.draw(st.sampled_from(periods))
    measure = Measure(reference="M1", unit=unit, aggregation=aggregation)
    observations = [
        Observation(
            measure_ref="M1", period=p, value=value, numerator=numerator, denominator=denominator
        )
        for p, (value, numerator, denominator) in figures.items()
    ]
    card = Scorecard(measures=[measure], observations=observations)
    expected = reference_year_to_date(aggregation, unit, figures, period, periods)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AveragedPercentageWarning)
        rated = evaluate(card, period)["M1"].ytd
        direct = year_to_date(measure, card.observations_by_period("M1"), period)
    assert rated == expected
    assert direct.value == expected
    assert (direct.reason == "") == (expected is not None)
