import copy
import pickle
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_scorecard import Measure, Observation, Scorecard, TargetSetting
from kpi_scorecard.comparators import Area, ComparatorData, ComparatorFigure, Verdict
from kpi_scorecard.evaluation import Rag, RagPolicy, assess, evaluate, evaluate_all
from kpi_scorecard.serializers import json
from kpi_scorecard.serializers.comparators import from_csv

PERIOD = "2019/20"
# 16 statistical neighbours, best first for a higher-is-better measure; median with 27 is 24
NEIGHBOURS = [30, 29, 28, "27.5", 27, 26, 25, 24, 24, 23, 22, 21, 20, 19, 18, 17]


def comparator_csv(own="27", numerator="", denominator="", england="24", region=None):
    """Tidy comparator figures for Barnet: England's own figure and 16 neighbours."""
    rows = [
        "measure_ref,area,area_code,period,value,numerator,denominator,groups",
        f"A,Barnet,E09000003,{PERIOD},{own},{numerator},{denominator},"
        "England; London; statistical neighbours",
        f"A,England,E92000001,{PERIOD},{england},,,England",
    ]
    rows += [
        f"A,N{at:02d},,{PERIOD},{value},,,statistical neighbours"
        for at, value in enumerate(NEIGHBOURS, 1)
    ]
    if region is not None:
        rows += [f"A,{name},,{PERIOD},{value},,,London" for name, value in region]
    return from_csv("\n".join(rows) + "\n", area="E09000003", region="London")


def card(
    target, value="27", polarity="higher_is_better", numerator=None, denominator=None, history=()
):
    """A one-measure percentage scorecard with ``target`` for the year."""
    observations = [
        Observation(
            measure_ref="A",
            period=PERIOD,
            value=value,
            numerator=numerator,
            denominator=denominator,
        )
    ]
    observations += [
        Observation(measure_ref="A", period=period, value=figure) for period, figure in history
    ]
    return Scorecard(
        measures=[Measure(reference="A", unit="%", polarity=polarity)],
        targets=[TargetSetting(measure_ref="A", period=PERIOD, target=target)],
        observations=observations,
    )


def rate(target, comparators, **options):
    """The assessment of measure A for the year, with the comparator data given."""
    return evaluate(card(target, **options), PERIOD, comparators=comparators)["A"]


# target, own value, polarity, status, explanation (16 neighbours; England 24)
RATED = [
    (
        "Top quartile",
        "30.5",
        "higher_is_better",
        "green",
        "30.5% is in the first quartile of 16 statistical neighbours (rank 1 of 17, "
        "median 24%): green",
    ),  # best of 17
    (
        "Top quartile",
        "28",
        "higher_is_better",
        "green",
        "28% is in the first quartile of 16 statistical neighbours (rank 3 of 17, "
        "median 24%): green",
    ),  # ties with 28: rank 3, 12/17 under 1
    (
        "Top quartile",
        "27",
        "higher_is_better",
        "amber",
        "27% is in the second quartile of 16 statistical neighbours (rank 5 of 17, "
        "median 24%): amber",
    ),  # four better: 20/17 is over 1
    (
        "Top quartile",
        "23",
        "higher_is_better",
        "red",
        "23% is in the third quartile of 16 statistical neighbours (rank 10 of 17, "
        "median 24%): red",
    ),  # nine better
    (
        "Top quartile",
        "17",
        "lower_is_better",
        "green",
        "17% is in the first quartile of 16 statistical neighbours (rank 1 of 17, "
        "median 24%): green",
    ),  # tied lowest, and lower is better
    (
        "Better than England average",
        "24.1",
        "higher_is_better",
        "green",
        "24.1% is better than the England figure of 24%: green",
    ),  # just above
    (
        "Better than England average",
        "24",
        "higher_is_better",
        "amber",
        "24% is similar to the England figure of 24%: amber",
    ),  # equal: similar
    (
        "Better than England average",
        "23.9",
        "higher_is_better",
        "red",
        "23.9% is worse than the England figure of 24%: red",
    ),  # just below
    (
        "Better than England average",
        "23.9",
        "lower_is_better",
        "green",
        "23.9% is better than the England figure of 24%: green",
    ),  # below is better here
    (
        "In line with statistical neighbours",
        "27",
        "higher_is_better",
        "green",
        "27% is better than the statistical neighbours mean of 23.97%: green",
    ),  # above the mean
    (
        "In line with statistical neighbours",
        "20",
        "higher_is_better",
        "red",
        "20% is worse than the statistical neighbours mean of 23.56%: red",
    ),  # below it
    (
        "Above the national average",
        "24",
        "lower_is_better",
        "amber",
        "24% is equal to the England figure of 24%: amber",
    ),  # above or below, whatever polarity
    (
        "Below the national average",
        "23",
        "higher_is_better",
        "green",
        "23% is below the England figure of 24%: green",
    ),  # the named side is green
]


@pytest.mark.parametrize(("target", "value", "polarity", "status", "explanation"), RATED)
def test_benchmark_targets_are_rated_on_comparator_data(
    target, value, polarity, status, explanation
):
    """Each benchmark target is rated on the group it names, and the sentence gives figures."""
    found = rate(target, comparator_csv(own=value), value=value, polarity=polarity)
    assert found.status is Rag(status)
    assert found.explanation == explanation


def test_without_comparator_data_benchmark_targets_say_why():
    """Without comparator data a benchmark target is not rated, and says what it needs."""
    found = evaluate(card("Top quartile"), PERIOD)["A"]
    assert found.status is Rag.NOT_RATED
    assert found.explanation == (
        "the target Top quartile needs comparator data for the top quartile: not rated"
    )
    assert found.comparisons == ()


@pytest.mark.parametrize(
    ("target", "data", "explanation"),
    [
        (
            "Better than CIPFA neighbours",
            None,
            "the comparator data has no figures for CIPFA neighbours for A 2019/20",
        ),  # no group
        (
            "Better than regional average",
            ComparatorData(area="Barnet"),
            "the comparator data names no region for the regional average",
        ),  # no region named
        (
            "Top quartile",
            ComparatorData(area="Barnet", quartile_group="CIPFA neighbours"),
            "the comparator data ranks no areas in CIPFA neighbours for A 2019/20",
        ),  # empty
        ("Below the 3-year average", None, "no figure for 2016/17 for the 3-year average"),
    ],
)
def test_a_missing_group_is_not_rated_with_the_reason(target, data, explanation):
    """A group the data does not have, or a year of history missing, leaves it not rated."""
    data = data if data is not None else comparator_csv()
    found = rate(target, data, history=[("2018/19", "25"), ("2017/18", "28")])
    assert found.status is Rag.NOT_RATED
    assert found.explanation == f"{explanation}: not rated"


def test_a_neutral_measure_needs_a_polarity_for_better_than():
    """Better than, in line with and top quartile need a polarity; not rated without."""
    found = rate("Top quartile", comparator_csv(), polarity="neutral")
    assert found.status is Rag.NOT_RATED
    assert "needs a polarity" in found.explanation
    assert found.comparisons[0].rank is None


def test_the_regional_average_is_the_mean_of_the_region():
    """Without a published figure for the region, its benchmark is its areas' mean."""
    data = comparator_csv(region=[("Enfield", "20"), ("Brent", "31")])
    found = rate("Better than regional average", data)
    assert found.explanation == "27% is better than the London mean of 26%: green"
    london = next(each for each in found.comparisons if each.group == "London")
    assert (london.areas, london.rank, london.quartile, london.band) == (3, 2, 3, "C")
    assert (london.mean, london.median, london.from_mean) == (26, 27, 1)
    assert london.published is False


@pytest.mark.parametrize(
    ("history", "target", "status", "explanation"),
    [
        (
            [("2018/19", "25"), ("2017/18", "28"), ("2016/17", "30")],
            "Below the 3-year average",
            "green",
            "27% is below the 3-year average of 27.67% (2016/17 to 2018/19): green",
        ),
        (
            [("2018/19", "27"), ("2017/18", "27"), ("2016/17", "27")],
            "Below the 3-year average",
            "amber",
            "27% is equal to the 3-year average of 27% (2016/17 to 2018/19): amber",
        ),
        (
            [("2018/19", "25"), ("2017/18", "26")],
            "Above the 2-year average",
            "green",
            "27% is above the 2-year average of 25.5% (2017/18 to 2018/19): green",
        ),
        (
            [("2018/19", "28"), ("2017/18", "29")],
            "Better than the 2-year average",
            "red",
            "27% is worse than the 2-year average of 28.5% (2017/18 to 2018/19): red",
        ),
    ],
)
def test_the_years_average_is_the_areas_own_history(history, target, status, explanation):
    """An N-year average is the mean of the same period in each of the N years before."""
    found = rate(target, comparator_csv(), history=history)
    assert found.status is Rag(status)
    assert found.explanation == explanation


def test_significance_decides_with_numerator_and_denominator():
    """With a numerator and denominator, the Wilson interval decides better or similar."""
    # 250 of 1000 (25%): the 95% interval 22.42% to 27.78% contains England's 24%: similar
    found = rate(
        "Better than England average",
        comparator_csv(own="25"),
        value="25",
        numerator=250,
        denominator=1000,
    )
    assert found.status is Rag.AMBER
    assert found.explanation == (
        "25% is similar to the England figure of 24% (not significantly, at 95% by the "
        "Wilson score interval 22.42% to 27.78%): amber"
    )
    england = next(each for each in found.comparisons if each.group == "England")
    assert england.versus is Verdict.BETTER  # by the value alone
    assert england.significance is Verdict.SIMILAR
    assert england.method == "Wilson score"
    # 2700 of 10000 (27%): the interval 26.1% to 27.9% is above 24%: significantly better
    found = rate("Better than England average", comparator_csv(), numerator=2700, denominator=10000)
    assert found.status is Rag.GREEN
    assert "(significantly, at 95% by the Wilson score interval 26.14% to 27.88%)" in (
        found.explanation
    )


def test_in_line_with_is_amber_when_worse_at_95_but_not_99_8():
    """In line with: significantly worse at 95% but not at 99.8% is amber."""
    # 205 of 1000 (20.5%) against the neighbours' mean of 23.5%: the 95% interval ends below
    # it, the 99.8% interval does not
    found = rate(
        "In line with statistical neighbours",
        comparator_csv(own="20.5"),
        value="20.5",
        numerator=205,
        denominator=1000,
    )
    neighbours = next(e for e in found.comparisons if e.group == "statistical neighbours")
    _, high = neighbours.interval
    assert high < neighbours.benchmark  # worse at 95%
    assert neighbours.significance is Verdict.WORSE
    assert neighbours.significance_998 is Verdict.SIMILAR
    assert found.status is Rag.AMBER
    assert found.explanation.endswith(", though not at 99.8%: amber")


def test_a_rate_takes_byars_interval():
    """A figure that is not a percentage, with a numerator, takes Byar's interval."""
    data = ComparatorData(
        area="Barnet",
        figures=[
            ComparatorFigure(
                measure_ref="A",
                area=Area(name="England"),
                period=PERIOD,
                value="50",
                groups=("England",),
            ),
        ],
    )
    scorecard = Scorecard(
        measures=[Measure(reference="A", unit="count", polarity="lower_is_better")],
        targets=[
            TargetSetting(measure_ref="A", period=PERIOD, target="Better than England average")
        ],
        observations=[
            Observation(
                measure_ref="A", period=PERIOD, value="65", numerator=65, denominator=100000
            )
        ],
    )
    found = evaluate(scorecard, PERIOD, comparators=data)["A"]
    (england,) = found.comparisons
    assert england.method == "Byar"
    assert (england.areas, england.rank, england.mean) == (1, None, None)
    low, high = england.interval
    assert (round(low, 2), round(high, 2)) == (Decimal("50.16"), Decimal("82.85"))
    assert england.significance is Verdict.WORSE  # 50 lies below the whole interval
    assert found.status is Rag.RED


def test_comparisons_are_carried_by_every_assessment_and_in_json():
    """Every assessment carries its comparisons, whatever its target, and JSON keeps them."""
    found = rate("<30%", comparator_csv())
    assert found.status is Rag.GREEN
    groups = [each.group for each in found.comparisons]
    assert groups == ["England", "statistical neighbours"]
    neighbours = found.comparisons[1]
    assert (neighbours.rank, neighbours.quartile, neighbours.band) == (5, 2, "B")
    assert neighbours.median == 24
    written = json.dumps(found)
    assert '"comparisons"' in written
    assert json.loads(written) == found


def test_evaluate_all_takes_comparators_for_every_period():
    """evaluate_all passes the comparator data to every period's report."""
    reports = evaluate_all(card("Top quartile"), [PERIOD], comparators=comparator_csv())
    assert reports[next(iter(reports))]["A"].status is Rag.AMBER


def test_the_notebook_display_shows_rank_and_quartile():
    """An assessment's HTML shows its rank, quartile and band in each ranked group."""
    shown = rate("Top quartile", comparator_csv())._repr_html_()
    assert "statistical neighbours: rank 5 of 17, quartile 2 (band B)" in shown
    assert "England: rank" not in shown  # England's own figure only: nothing to rank among


_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


@given(
    st.integers(min_value=0, max_value=400),
    st.sampled_from(
        ["Top quartile", "Better than England average", "In line with statistical neighbours"]
    ),
    st.sampled_from(["higher_is_better", "lower_is_better"]),
)
@settings(max_examples=60, deadline=None)
def test_a_better_figure_never_rates_worse(tenths, target, polarity):
    """Moving the figure the better way never lowers a benchmark target's status."""
    value = Decimal(tenths) / 10
    better = value + Decimal("0.5") if polarity == "higher_is_better" else value - Decimal("0.5")
    data = comparator_csv()
    now = rate(target, data, value=str(value), polarity=polarity).status
    then = rate(target, data, value=str(better), polarity=polarity).status
    assert _ORDER[then] >= _ORDER[now]


def test_assess_takes_comparators_too():
    """The one-measure assess rates on comparator data as evaluate does."""
    scorecard = card("Top quartile")
    measure = scorecard.measures[0]
    series = scorecard.observations_by_period("A")
    setting = scorecard.targets[0]
    found = assess(
        measure, setting.period, series, setting, RagPolicy(), comparators=comparator_csv()
    )
    assert found == rate("Top quartile", comparator_csv())


def test_assessments_with_comparisons_pickle_and_copy():
    """An assessment with comparisons pickles and deep-copies to an equal one."""
    found = rate("Top quartile", comparator_csv())
    assert pickle.loads(pickle.dumps(found)) == found  # noqa: S301 - our own bytes
    assert copy.deepcopy(found) == found


def test_top_quartile_ranks_in_england_first_or_the_chosen_group():
    """Top quartile ranks among England's areas when there are any, or the group chosen."""
    figures = [
        ComparatorFigure(
            measure_ref="A", area=Area(name=name), period=PERIOD, value=value, groups=groups
        )
        for name, value, groups in [
            ("Barnet", "27", ("England", "London")),
            ("Leeds", "20", ("England",)),
            ("Hull", "21", ("England",)),
            ("York", "22", ("England",)),
            ("Brent", "30", ("England", "London")),
        ]
    ]
    found = rate("Top quartile", ComparatorData(area="Barnet", figures=figures))
    assert found.explanation == (
        "27% is in the second quartile of 4 areas in England (rank 2 of 5, median 22%): amber"
    )
    chosen = ComparatorData(area="Barnet", figures=figures, quartile_group="London")
    found = rate("Top quartile", chosen)
    assert found.explanation == (
        "27% is in the fourth quartile of 1 area in London (rank 2 of 2, median 28.5%): red"
    )


def test_a_years_average_before_the_first_year_is_not_rated():
    """An N-year average reaching before the year 1000 is not rated, and says why."""
    scorecard = Scorecard(
        measures=[Measure(reference="A", polarity="higher_is_better")],
        targets=[TargetSetting(measure_ref="A", period="1000/01", target="Above 2-year average")],
        observations=[Observation(measure_ref="A", period="1000/01", value=5)],
    )
    found = evaluate(scorecard, "1000/01", comparators=ComparatorData(area="B"))["A"]
    assert found.status is Rag.NOT_RATED
    assert found.explanation.startswith("no period a year before 1000/01 for the 2-year average")
