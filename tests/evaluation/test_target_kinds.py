"""Rating the target kinds without a figure of their own, and qualified or scheduled ones."""

from decimal import Decimal

import pytest

from kpi_scorecard import Rag, Tolerance

from .conftest import PREVIOUS, Q1, card, rated

GREEN, AMBER, RED, NOT_RATED = Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NOT_RATED

# --- direction of travel -------------------------------------------------------------------

# target, polarity, previous, current, status, margin, explanation (5% relative tolerance)
# fmt: off
DIRECTIONS = [
    ("Increase", "neutral", "17", "18", GREEN, 1,
     "18% is above the 17% floor of the Q4 2018/19 figure (target: Increase) by 1 point: "
     "green"),  # rose
    ("Increase", "neutral", "17", "17", AMBER, 0,
     "17% is on the 17% floor of the Q4 2018/19 figure (target: Increase) but must be above "
     "it, within the 5% tolerance: amber"),  # no change
    ("Increase", "neutral", "20", "19.5", AMBER, "-0.5",
     "19.5% is below the 20% floor of the Q4 2018/19 figure (target: Increase) by 0.5 points "
     "(2.5%), within the 5% tolerance: amber"),  # a small fall
    ("Increase", "neutral", "20", "15", RED, -5,
     "15% is below the 20% floor of the Q4 2018/19 figure (target: Increase) by 5 points "
     "(25%), beyond the 5% tolerance: red"),  # a fall
    ("Reduce", "lower_is_better", "20", "15", GREEN, 5,
     "15% is below the 20% ceiling of the Q4 2018/19 figure (target: Reduce) by 5 points: "
     "green"),  # fell
    ("Reduce", "higher_is_better", "20", "25", RED, -5,
     "25% is above the 20% ceiling of the Q4 2018/19 figure (target: Reduce) by 5 points "
     "(25%), beyond the 5% tolerance: red"),  # rose, whatever the polarity
    ("Improve", "higher_is_better", "20", "25", GREEN, 5,
     "25% is above the 20% floor of the Q4 2018/19 figure (target: Improve) by 5 points: "
     "green"),  # better is higher
    ("Improve", "lower_is_better", "20", "25", RED, -5,
     "25% is above the 20% ceiling of the Q4 2018/19 figure (target: Improve) by 5 points "
     "(25%), beyond the 5% tolerance: red"),  # better is lower
    ("Maintain", "higher_is_better", "20", "20", GREEN, 0,
     "20% is exactly on the 20% minimum set by the Q4 2018/19 figure (target: Maintain): "
     "green"),  # no change is met
    ("Maintain", "higher_is_better", "20", "22", GREEN, 2,
     "22% is above the 20% minimum set by the Q4 2018/19 figure (target: Maintain) by 2 "
     "points: green"),  # better is met too
    ("Maintain", "lower_is_better", "20", "20.5", AMBER, "-0.5",
     "20.5% is above the 20% maximum set by the Q4 2018/19 figure (target: Maintain) by 0.5 "
     "points (2.5%), within the 5% tolerance: amber"),  # a small slip
    ("Maintain", "lower_is_better", "20", "30", RED, -10,
     "30% is above the 20% maximum set by the Q4 2018/19 figure (target: Maintain) by 10 "
     "points (50%), beyond the 5% tolerance: red"),  # worse
]
# fmt: on


@pytest.mark.parametrize(
    ("target", "polarity", "before", "now", "status", "margin", "explanation"), DIRECTIONS
)
def test_direction_target_is_rated_on_the_direction_of_travel(
    target, polarity, before, now, status, margin, explanation
):
    """A direction target rates the figure against the comparison period's, as it asks."""
    found = rated(card(target, {PREVIOUS: before, Q1: now}, polarity=polarity), tolerance="5%")
    assert found.status is status
    assert found.margin == Decimal(margin)
    assert found.rated_value == Decimal(now)
    assert found.explanation == explanation


def test_no_change_without_a_tolerance_is_red():
    """With no tolerance, an Increase target that stayed level is red."""
    found = rated(card("Increase", {PREVIOUS: "17", Q1: "17"}), tolerance=Tolerance.none())
    assert found.status is RED
    assert found.explanation.endswith("but must be above it, with no tolerance: red")


def test_direction_target_follows_the_comparison_policy():
    """Compared with the same period last year when the policy says so."""
    values = {"Q1 2018/19": "10", PREVIOUS: "30", Q1: "20"}
    found = rated(card("Increase", values), comparison="same_period_last_year")
    assert found.status is GREEN
    assert found.explanation.startswith("20% is above the 10% floor of the Q1 2018/19 figure")


# options, values, explanation
# fmt: off
DIRECTIONS_NOT_RATED = [
    ({"target": "Maintain", "polarity": "neutral"}, {PREVIOUS: "17", Q1: "17"},
     "the target Maintain needs a polarity to say which way is better: not rated"),  # neutral
    ({"target": "Improve", "polarity": "neutral"}, {PREVIOUS: "17", Q1: "17"},
     "the target Improve needs a polarity to say which way is better: not rated"),  # neutral
    ({"target": "Increase"}, {Q1: "17"},
     "no value for Q4 2018/19 to compare with for the target Increase: not rated"),  # no figure
    ({"target": "Increase"}, {PREVIOUS: "17", Q1: "18 [b]"},
     "a break in series at Q1 2019/20 leaves Increase nothing to compare: not rated"),  # break
]
# fmt: on


@pytest.mark.parametrize(("options", "values", "explanation"), DIRECTIONS_NOT_RATED)
def test_direction_target_not_rated_says_why(options, values, explanation):
    """A direction target without a polarity it needs, or a figure to compare, is not rated."""
    found = rated(card(values=values, **options))
    assert found.status is NOT_RATED
    assert found.explanation == explanation


# --- benchmarks and placeholders -----------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "explanation"),
    [
        ("Top quartile", "the target Top quartile needs comparator data for the top quartile"),
        (
            "Better than England average",
            "the target Better than England average needs comparator data for the England average",
        ),
        (
            "Below the 3-year average",
            "the target Below 3-year average needs comparator data for the 3-year average",
        ),
    ],
)
def test_benchmark_target_needs_comparator_data(target, explanation):
    """A benchmark target is not rated, and says it needs comparator data."""
    found = rated(card(target, {PREVIOUS: "19", Q1: "17"}))
    assert found.status is NOT_RATED
    assert found.explanation == f"{explanation}: not rated"
    assert found.direction.value == "improving"  # the direction is still worked out


def test_placeholder_is_not_rated_and_quoted():
    """A placeholder is no target; the explanation quotes what the cell said."""
    found = rated(card("TBC", {Q1: "17"}))
    assert found.status is NOT_RATED
    assert found.explanation == "no target was set for 2019/20 (the cell reads 'TBC'): not rated"
    assert str(found.target) == "TBC"


# --- schedules, periods and bases ----------------------------------------------------------


# period rated, its value, status, explanation
# fmt: off
SCHEDULED = [
    (Q1, "6", RED,
     "6 is above the 5 maximum target by 1 (20%), beyond the 5% tolerance: red"),  # Q1's entry
    ("Q2 2019/20", "4", GREEN,
     "4 is exactly on the 4 maximum target: green"),  # Q2's entry
    ("Q3 2019/20", "4", NOT_RATED,
     "the targets Q1 2019/20: <=5; Q2 2019/20: <=4 set none for Q3 2019/20: not rated"),  # none
]
# fmt: on


@pytest.mark.parametrize(("period", "value", "status", "explanation"), SCHEDULED)
def test_schedule_rates_with_the_entry_in_force(period, value, status, explanation):
    """A schedule left whole in a setting rates each period with the entry for it."""
    scorecard = card("Q1 2019/20: <=5; Q2 2019/20: <=4", {period: value}, unit="count")
    found = rated(scorecard, period)
    assert found.status is status
    assert found.explanation == explanation


def test_a_target_for_another_period_is_not_rated():
    """A target whose cell names another period than the one rated is not rated."""
    found = rated(card("<18% (2020/21)", {Q1: "17"}))
    assert found.status is NOT_RATED
    assert (
        found.explanation == "the target <18% (2020/21) is for 2020/21, not Q1 2019/20: not rated"
    )


@pytest.mark.parametrize(
    ("target", "status", "explanation"),
    [
        (
            "1900 (accumulative target) (2020/21)",
            NOT_RATED,
            "the target 1900 (cumulative) (2020/21) is for 2020/21, not Q1 2019/20: not rated",
        ),
        ("1900 (accumulative target) (2019/20)", None, None),  # its own year: rated
    ],
)
def test_a_cumulative_target_names_its_period(target, status, explanation):
    """A cumulative target naming another year is not rated; naming its own, it is."""
    found = rated(
        card(
            target,
            {Q1: "420 (420 cumulative)"},
            unit="count",
            polarity="higher_is_better",
            aggregation="sum",
        )
    )
    if status is None:
        assert found.status is not NOT_RATED
    else:
        assert (found.status, found.explanation) == (status, explanation)


def test_a_target_for_its_own_period_is_rated():
    """A target naming the period of its setting is rated as any other."""
    found = rated(card("<18% (2019/20)", {Q1: "17"}))
    assert found.status is GREEN


# aggregation, period, values, status, due, explanation
# fmt: off
BASES = [
    ("sum", Q1, {Q1: "30"}, GREEN, None,
     "30 is above the 25 minimum target by 5: green"),  # a quarter against the quarterly figure
    ("sum", "2019/20", {"2019/20": "120"},
     NOT_RATED, None, "the quarterly target 25 (quarterly) rates a quarter: not rated"),  # a year
    ("latest", "April 2019", {"April 2019": "30"}, GREEN, None,
     "30 is above the 25 minimum target by 5: green"),  # a level holds in any period
]
# fmt: on


@pytest.mark.parametrize(("aggregation", "period", "values", "status", "due", "explanation"), BASES)
def test_a_quarterly_target_is_not_spread_over_the_year(
    aggregation, period, values, status, due, explanation
):
    """A quarterly target rates each quarter's figure as it is, not a share of a year."""
    scorecard = card(
        "25 (quarterly target)",
        values,
        unit="count",
        polarity="higher_is_better",
        aggregation=aggregation,
    )
    found = rated(scorecard, period)
    assert found.status is status
    assert found.due == due
    assert found.explanation == explanation


def test_an_annual_target_is_profiled_as_before():
    """An annual basis changes nothing: the target is spread over the year as usual."""
    scorecard = card(
        "40 (annual)", {Q1: "12"}, unit="count", polarity="higher_is_better", aggregation="sum"
    )
    assert str(rated(scorecard).due) == "10"
