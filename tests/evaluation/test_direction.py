"""Direction of travel: how the figure moved since the comparison period."""

import datetime as dt
from decimal import Decimal

import pytest

from kpi_scorecard import Band, Calendar, Direction, Period, Rag, Term

from .conftest import PREVIOUS, Q1, card, rated

IMPROVING, WORSENING = Direction.IMPROVING, Direction.WORSENING
INCREASING, DECREASING = Direction.INCREASING, Direction.DECREASING
NO_CHANGE, NOT_COMPARABLE = Direction.NO_CHANGE, Direction.NOT_COMPARABLE


@pytest.mark.parametrize(
    ("polarity", "before", "now", "direction", "change", "explanation"),
    [
        (
            "lower_is_better",
            "19",
            "17",
            IMPROVING,
            -2,
            "17% against 19% in Q4 2018/19: down 2 points, improving",
        ),  # 17 - 19 = -2, and lower is better
        (
            "lower_is_better",
            "17",
            "19",
            WORSENING,
            2,
            "19% against 17% in Q4 2018/19: up 2 points, worsening",
        ),  # 19 - 17 = +2
        (
            "higher_is_better",
            "17",
            "19",
            IMPROVING,
            2,
            "19% against 17% in Q4 2018/19: up 2 points, improving",
        ),  # +2, and higher is better
        (
            "higher_is_better",
            "19",
            "17",
            WORSENING,
            -2,
            "17% against 19% in Q4 2018/19: down 2 points, worsening",
        ),  # -2
        (
            "neutral",
            "17",
            "19.5",
            INCREASING,
            Decimal("2.5"),
            "19.5% against 17% in Q4 2018/19: up 2.5 points, increasing",
        ),  # +2.5 with no good direction
        (
            "neutral",
            "19",
            "18",
            DECREASING,
            -1,
            "18% against 19% in Q4 2018/19: down 1 point, decreasing",
        ),  # -1
        (
            "neutral",
            "17",
            "17.5",
            INCREASING,
            Decimal("0.5"),
            "17.5% against 17% in Q4 2018/19: up 0.5 points, increasing",
        ),  # +0.5: a rise of less than one still counts
        (
            "lower_is_better",
            "17",
            "17",
            NO_CHANGE,
            0,
            "17% against 17% in Q4 2018/19: no change",
        ),  # 17 - 17 = 0
        (
            "neutral",
            "17",
            "17.0",
            NO_CHANGE,
            0,
            "17% against 17% in Q4 2018/19: no change",
        ),  # 17.0 - 17 = 0
    ],
)
def test_direction_against_the_previous_period(
    polarity, before, now, direction, change, explanation
):
    """By default the figure is compared with the previous period's, read by polarity."""
    found = rated(card(None, {PREVIOUS: before, Q1: now}, polarity=polarity))
    assert (found.direction, found.change) == (direction, change)
    assert found.direction_explanation == explanation
    assert found.comparison_period == Period.parse(PREVIOUS)
    assert found.comparison_value == Decimal(before)


def test_previous_month():
    """A month is compared with the month before, across the turn of the calendar year."""
    values = {"December 2019": "10", "January 2020": "12"}
    found = rated(card(None, values, unit="count", polarity="higher_is_better"), "January 2020")
    assert (found.direction, found.change) == (IMPROVING, 2)  # 12 - 10
    assert str(found.comparison_period) == "December 2019"


VALUES = {"Q1 2018/19": "20", PREVIOUS: "15", Q1: "17"}


@pytest.mark.parametrize(
    ("comparison", "period", "direction", "change"),
    [
        ("previous_period", "Q4 2018/19", WORSENING, 2),  # 17 - 15 = +2, lower is better
        ("same_period_last_year", "Q1 2018/19", IMPROVING, -3),  # 17 - 20 = -3
    ],
)
def test_comparison_policy(comparison, period, direction, change):
    """``Comparison.SAME_PERIOD_LAST_YEAR`` compares with the same quarter a year earlier."""
    found = rated(card(None, VALUES), comparison=comparison)
    assert (found.direction, found.change) == (direction, change)
    assert str(found.comparison_period) == period


def test_already_cumulative_compares_with_the_same_period_last_year():
    """A year-to-date figure restarts each April, so it is compared with a year earlier."""
    values = {"Q1 2018/19": "100", PREVIOUS: "400", Q1: "120"}
    scorecard = card(
        None, values, unit="count", polarity="higher_is_better", aggregation="already_cumulative"
    )
    found = rated(scorecard)
    assert str(found.comparison_period) == "Q1 2018/19"
    assert (found.direction, found.change) == (IMPROVING, 20)  # 120 - 100, not 120 - 400
    assert found.direction_explanation == (
        "120 against 100 in Q1 2018/19 (a year-to-date figure: same period last year): "
        "up 20, improving"
    )


@pytest.mark.parametrize(
    ("minimum", "before", "now", "direction"),
    [
        ("1", "50", "51", NO_CHANGE),  # |+1| <= 1
        ("1", "50", "49", NO_CHANGE),  # |-1| <= 1
        ("1", "50", "51.01", WORSENING),  # 1.01 > 1, up and lower is better
        ("1", "50", "48.99", IMPROVING),  # 1.01 > 1, down
        ("1 point", "50", "50.5", NO_CHANGE),  # 0.5 <= 1
        ("2%", "50", "51", NO_CHANGE),  # 2% of 50 is 1: |+1| <= 1
        ("2%", "50", "51.01", WORSENING),  # 1.01 > 1
        ("2%", "200", "196", NO_CHANGE),  # 2% of 200 is 4: |-4| <= 4
        ("2%", "200", "195.99", IMPROVING),  # 4.01 > 4
        ("2%", "-50", "-49", NO_CHANGE),  # 2% of |-50| is 1
        ("2%", "0", "0.01", WORSENING),  # 2% of 0 is 0: any change counts
        ("0", "50", "50.01", WORSENING),  # no minimum: any change counts
    ],
)
def test_minimum_change(minimum, before, now, direction):
    """A change no larger than the minimum (absolute, or relative to before) is no change."""
    found = rated(card(None, {PREVIOUS: before, Q1: now}, unit="count"), minimum_change=minimum)
    assert found.direction is direction


def test_minimum_change_is_explained():
    """A small move is explained as within the minimum change."""
    found = rated(card(None, {PREVIOUS: "50", Q1: "51"}, unit="count"), minimum_change="2%")
    assert found.direction_explanation == (
        "51 against 50 in Q4 2018/19: no change, within the minimum change of 2%"
    )  # 2% of 50 = 1; |51 - 50| = 1
    assert found.change == 1  # the change is kept even when it does not count


def test_neutral_with_minimum_change():
    """A neutral measure increases or decreases, and small moves are still no change."""
    scorecard = card(None, {PREVIOUS: "50", Q1: "53"}, unit="count", polarity="neutral")
    assert rated(scorecard, minimum_change="2").direction is INCREASING  # 3 > 2
    assert rated(scorecard, minimum_change="3").direction is NO_CHANGE  # 3 <= 3


@pytest.mark.parametrize(
    ("values", "explanation"),
    [
        ({Q1: "17"}, "no value for Q4 2018/19 to compare"),  # nothing reported before
        ({PREVIOUS: "[x]", Q1: "17"}, "no value for Q4 2018/19 to compare"),  # not collected
        ({PREVIOUS: "", Q1: "17"}, "no value for Q4 2018/19 to compare"),  # missing
        ({PREVIOUS: "19"}, "no value for Q1 2019/20 to compare"),  # nothing now
        ({PREVIOUS: "19", Q1: "[c]"}, "no value for Q1 2019/20 to compare"),  # suppressed now
        (
            {PREVIOUS: "19", Q1: "17 [b]"},
            "a break in series at Q1 2019/20: not comparable",
        ),  # a break in series: the figures measure different things
    ],
)
def test_not_comparable(values, explanation):
    """Without two comparable figures the direction is not comparable, and says why."""
    found = rated(card(None, values))
    assert found.direction is NOT_COMPARABLE
    assert found.change is None
    assert found.direction_explanation == explanation


def test_break_in_series_is_still_rated():
    """A figure after a break in series is rated, with a qualifying note, but not compared."""
    found = rated(card("<18%", {PREVIOUS: "19", Q1: "17 [b]"}))
    assert found.status is Rag.GREEN  # 17 < 18
    assert found.direction is NOT_COMPARABLE
    assert found.qualified
    assert found.notes == (
        "the figure is the first after a break in series, so the rating is qualified",
    )


def test_no_earlier_term():
    """A term with no earlier term in the calendar is not comparable, and the note says why."""
    summer = Term(name="Summer", start=dt.date(2019, 4, 23), end=dt.date(2019, 7, 23))
    calendar = Calendar(terms=(summer,))
    term = "Summer term 2019"
    found = rated(card(None, {term: "5"}, unit="count", calendar=calendar), term)
    assert found.direction is NOT_COMPARABLE
    assert found.comparison_period is None
    assert found.direction_explanation == (
        "no value for an earlier period to compare (the calendar has no term before "
        "'Summer term 2019')"
    )


@pytest.mark.parametrize(
    ("cell", "quality", "words"),
    [
        ("17 [p]", "provisional", "provisional"),  # [p]
        ("17 [e]", "estimated", "estimated"),  # [e]
        ("17 [u]", "low_reliability", "low reliability"),  # [u]
        ("17 [f]", "forecast", "forecast"),  # [f]
    ],
)
def test_qualified_figures_are_rated_with_a_note(cell, quality, words):
    """A provisional or estimated figure is rated and compared, but flagged as qualified."""
    found = rated(card("<18%", {PREVIOUS: "19", Q1: cell}))
    assert found.status is Rag.GREEN  # 17 < 18
    assert found.direction is IMPROVING  # 17 - 19 = -2
    assert found.quality == quality
    assert found.qualified
    assert f"the figure is {words}, so the rating is qualified" in found.notes


def test_normal_figures_are_not_qualified():
    """A normal figure carries no qualifying note."""
    found = rated(card("<18%", {PREVIOUS: "19", Q1: "17"}))
    assert not found.qualified
    assert found.notes == ()


def test_bands_compare_by_midpoints():
    """A band is compared by its midpoint: 96%-98% against 95% is up 2 points."""
    found = rated(card(None, {PREVIOUS: "95%", Q1: "96%-98%"}))
    assert (found.direction, found.change) == (WORSENING, 2)  # (96 + 98) / 2 - 95 = 2
    assert found.direction_explanation == (
        "96%-98% against 95% in Q4 2018/19: up 2 points, worsening"
    )


def test_a_band_compared_with_is_taken_by_its_midpoint():
    """95% against 96%-98% the period before is down 2 points: the band's midpoint is 97."""
    found = rated(card(None, {PREVIOUS: "96%-98%", Q1: "95%"}))
    assert (found.direction, found.change, found.comparison_value) == (
        IMPROVING,
        -2,
        Band(low=Decimal(96), high=Decimal(98)),
    )


def test_direction_is_computed_when_not_rated():
    """An N/A target is not rated, but the direction of travel is still worked out."""
    found = rated(card("N/A", {PREVIOUS: "19", Q1: "17"}))
    assert found.status is Rag.NOT_RATED
    assert (found.direction, found.change) == (IMPROVING, -2)  # 17 - 19, lower is better
