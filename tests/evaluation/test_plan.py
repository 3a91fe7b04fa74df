"""The engine's plan: the columns it lays out hold each measure's figures, and no others.

Each test checks the plan against the scorecard's own series (a second reading of the same
figures), on a dense scorecard, on one whose periods are mostly observed by one measure
each (the plan counts them before laying them out), and on odd figures (a band, the first
after a break in series, a missing value).
"""

from decimal import Decimal

from kpi_scorecard import Measure, Observation, Period, Scorecard
from kpi_scorecard.evaluation._plan import ODD, lay_out, plan_of

from .conftest import card


def read_back(plan, scorecard, period):
    """The observations and figures the plan gives for a period, and the series' own."""
    column = plan._column(period)
    series = [scorecard._index.by_measure[m.reference].get(period) for m in scorecard.measures]
    return column, series


def test_a_column_holds_every_measure_s_observation_and_plain_figure():
    """A plain figure is kept, a missing one is None, a band and a break are ODD."""
    scorecard = card(
        "<18%",
        {
            "Q1 2019/20": "17",
            "Q2 2019/20": {"value": "16-17"},
            "Q3 2019/20": {"value": "15", "status": "break"},
            "Q4 2019/20": {"value": None, "status": "missing"},
        },
    )
    plan = lay_out(scorecard)
    figures = []
    for label in ("Q1 2019/20", "Q2 2019/20", "Q3 2019/20", "Q4 2019/20"):
        period = Period.parse(label)
        assert period in plan.columns
        (observed, kept), series = read_back(plan, scorecard, period)
        assert observed == series
        figures.append(kept[0])
    assert figures[0] == Decimal(17)
    assert figures[1] is ODD
    assert figures[2] is ODD
    assert figures[3] is None


def sparse_scorecard(measures: int, periods: int) -> Scorecard:
    """Every measure in the first month; then each later month observed by one measure."""
    months = [Period.month(2000 + at // 12, at % 12 + 1) for at in range(periods + 1)]
    first = months[0]
    observations = [
        Observation(measure_ref=f"M{at}", period=first, value=at) for at in range(measures)
    ]
    observations += [
        Observation(measure_ref=f"M{at % measures}", period=month, value=at)
        for at, month in enumerate(months[1:])
    ]
    return Scorecard(
        measures=[Measure(reference=f"M{at}", unit="count") for at in range(measures)],
        observations=observations,
    )


def test_a_sparse_period_has_no_column_and_is_laid_out_for_its_frame():
    """Periods one measure in eight does not reach are left out, and read from the series."""
    for periods in (6, 400):  # laid out then dropped; counted first (400 periods x 10)
        scorecard = sparse_scorecard(10, periods)
        plan = lay_out(scorecard)
        assert set(plan.columns) == {Period.month(2000, 1)}
        assert len(plan.sparse) == periods
        for period in scorecard.periods:
            (observed, figures), series = read_back(plan, scorecard, period)
            assert observed == series
            assert figures == [o.value if o is not None else None for o in series]


def test_a_period_exactly_one_measure_in_eight_has_keeps_its_column():
    """The bound is inclusive, whether the periods are counted first or laid out first."""
    months = [Period.month(2000 + at // 12, at % 12 + 1) for at in range(402)]
    first, edge, rest = months[0], months[1], months[2:]
    observations = [Observation(measure_ref=f"M{at}", period=first, value=at) for at in range(16)]
    observations += [Observation(measure_ref=f"M{at}", period=edge, value=at) for at in (3, 9)]
    for few in (0, 400):  # 400 months seen once: the periods are counted before laying out
        scorecard = Scorecard(
            measures=[Measure(reference=f"M{at}", unit="count") for at in range(16)],
            observations=[
                *observations,
                *(
                    Observation(measure_ref=f"M{at % 16}", period=month, value=at)
                    for at, month in enumerate(rest[:few])
                ),
            ],
        )
        plan = lay_out(scorecard)
        assert set(plan.columns) == {first, edge}  # 2 of 16 observe the edge month
        (observed, _), series = read_back(plan, scorecard, edge)
        assert observed == series


def test_a_period_nothing_is_observed_in_reads_as_empty():
    """A period outside the scorecard gives a column of nothing, not an error."""
    scorecard = card("<18%", {"Q1 2019/20": "17"})
    plan = plan_of(scorecard)
    (observed, figures), _ = read_back(plan, scorecard, Period.parse("Q1 2030/31"))
    assert observed == [None]
    assert figures == [None]


def test_the_plan_is_laid_out_once_per_scorecard():
    """Rating each period in turn reads the same plan."""
    scorecard = card("<18%", {"Q1 2019/20": "17"})
    assert plan_of(scorecard) is plan_of(scorecard)
    assert plan_of(scorecard) is not plan_of(card("<18%", {"Q1 2019/20": "17"}))
