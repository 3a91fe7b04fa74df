"""Year to date: figures added up over the financial year by the measure's aggregation."""

import warnings
from decimal import Decimal

import pytest

from kpi_scorecard import (
    AveragedPercentageWarning,
    Band,
    Calendar,
    Measure,
    Observation,
    Period,
)
from kpi_scorecard.evaluation import periods_to_date, year_to_date

from .conftest import card, rated

Q3 = "Q3 2019/20"


def with_ratio(value, numerator, denominator):
    """Observation fields: a figure with the numerator and denominator behind it."""
    return {
        "value": Decimal(value),
        "numerator": Decimal(numerator),
        "denominator": Decimal(denominator),
    }


# The year to Q3 2019/20, with last year's Q4 that must never be counted in.
YEAR = {
    "Q4 2018/19": with_ratio(1000, 1000, 1000),
    "Q1 2019/20": with_ratio(10, 1, 10),
    "Q2 2019/20": with_ratio(50, 50, 100),
    "Q3 2019/20": with_ratio(30, 3, 10),
}


@pytest.mark.parametrize(
    ("aggregation", "ytd"),
    [
        ("sum", Decimal(90)),  # 10 + 50 + 30
        ("mean", Decimal(30)),  # 90 / 3
        ("min", Decimal(10)),  # least of 10, 50, 30
        ("max", Decimal(50)),  # greatest of 10, 50, 30
        ("latest", Decimal(30)),  # Q3's own figure
        ("already_cumulative", Decimal(30)),  # Q3's figure is already the year to date
        ("ratio", Decimal("0.45")),  # (1 + 50 + 3) / (10 + 100 + 10) = 54 / 120
    ],
)
def test_each_aggregation(aggregation, ytd):
    """Each aggregation adds up Q1 to Q3 of the year, never last year's Q4."""
    found = rated(card(None, YEAR, unit="count", aggregation=aggregation), Q3)
    assert found.ytd == ytd
    assert found.ytd_aggregation == aggregation


RATES = {
    "Q1 2019/20": with_ratio(10, 1, 10),  # 1 in 10 is 10%
    "Q2 2019/20": with_ratio(50, 50, 100),  # 50 in 100 is 50%
}


def test_ratio_adds_numerators_and_denominators():
    """A ratio is the sum of numerators over the sum of denominators: 51/110 = 46.36%."""
    found = rated(card(None, RATES, aggregation="ratio"), "Q2 2019/20")
    assert found.ytd == pytest.approx(Decimal("46.3636364"))  # (1 + 50) / (10 + 100) x 100
    assert found.ytd != Decimal(30)  # not the mean of 10% and 50%


def test_averaging_percentages_warns_and_gives_the_wrong_answer():
    """``mean`` on a percentage with numerators warns, and averages 10% and 50% to 30%."""
    with pytest.warns(AveragedPercentageWarning, match="declare aggregation 'ratio'"):
        found = rated(card(None, RATES, aggregation="mean"), "Q2 2019/20")
    assert found.ytd == Decimal(30)  # (10 + 50) / 2, where the true rate is 46.36%


@pytest.mark.parametrize(
    ("unit", "aggregation", "values"),
    [
        ("percent", "mean", {"Q1 2019/20": "10", "Q2 2019/20": "50"}),  # no numerators
        ("count", "mean", RATES),  # not a percentage
        ("percent", "ratio", RATES),  # added up correctly
        ("percent", "sum", RATES),  # not averaged
    ],
)
def test_no_warning_otherwise(unit, aggregation, values):
    """No AveragedPercentageWarning unless a percentage with numerators is averaged."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rated(card(None, values, unit=unit, aggregation=aggregation), "Q2 2019/20")


@pytest.mark.parametrize(
    ("aggregation", "values", "note"),
    [
        (
            "sum",
            {"Q2 2019/20": "5", "Q3 2019/20": "6"},
            "no value for Q1 2019/20, so no year-to-date sum",
        ),  # Q1 was never reported
        (
            "mean",
            {"Q1 2019/20": "5", "Q2 2019/20": "[c]", "Q3 2019/20": "6"},
            "no value for Q2 2019/20, so no year-to-date mean",
        ),  # Q2 suppressed
        (
            "max",
            {"Q1 2019/20": "5", "Q2 2019/20": "", "Q3 2019/20": "6"},
            "no value for Q2 2019/20, so no year-to-date max",
        ),  # Q2 missing
        (
            "ratio",
            {"Q1 2019/20": with_ratio(10, 1, 10), "Q2 2019/20": "50", "Q3 2019/20": "6"},
            "no numerator and denominator for Q2 2019/20, so no ratio",
        ),  # Q2 has a rate but not its parts
        (
            "ratio",
            {"Q1 2019/20": with_ratio(0, 0, 0), "Q2 2019/20": with_ratio(0, 0, 0), Q3: "6"}
            | {Q3: with_ratio(0, 0, 0)},
            "the denominators add up to zero",
        ),  # 0 + 0 + 0
    ],
)
def test_no_year_to_date_says_why(aggregation, values, note):
    """A gap in the year gives no year to date, and the assessment's notes say why."""
    found = rated(card(None, values, unit="count", aggregation=aggregation), Q3)
    assert found.ytd is None
    assert note in found.notes


@pytest.mark.parametrize(
    "aggregation",
    [
        "latest",  # a snapshot
        "already_cumulative",  # reported year to date
    ],
)
def test_point_aggregations_take_the_period_alone(aggregation):
    """``latest`` and ``already_cumulative`` need only the period's figure, not earlier ones."""
    found = rated(card(None, {Q3: "6"}, unit="count", aggregation=aggregation), Q3)
    assert found.ytd == Decimal(6)
    assert found.notes == ()


@pytest.mark.parametrize(
    ("aggregation", "ytd"),
    [
        ("sum", Band(low=15, high=17)),  # 10 + 5 = 15 and 10 + 7 = 17
        ("mean", Band(low=Decimal("7.5"), high=Decimal("8.5"))),  # (10 + 5) / 2, (10 + 7) / 2
        ("min", Band(low=5, high=7)),  # min(10, 5) = 5, min(10, 7) = 7
        ("max", Decimal(10)),  # max(10, 5) = max(10, 7) = 10: the ends meet in a figure
        ("latest", Band(low=5, high=7)),  # Q2's own band
    ],
)
def test_bands_add_up_end_by_end(aggregation, ytd):
    """A band in the year adds up end by end with the other figures."""
    values = {"Q1 2019/20": "10", "Q2 2019/20": "5-7"}
    found = rated(card(None, values, unit="count", aggregation=aggregation), "Q2 2019/20")
    assert found.ytd == ytd


@pytest.mark.parametrize(
    ("period", "ytd"),
    [
        ("April 2019", Decimal(3)),  # the first month of the year
        ("June 2019", Decimal(12)),  # 3 + 4 + 5
        ("March 2020", Decimal(12)),  # the months after June are missing...
    ],
)
def test_monthly_year_to_date(period, ytd):
    """Months add up from April; a missing month leaves no year to date."""
    values = {"March 2019": "100", "April 2019": "3", "May 2019": "4", "June 2019": "5"}
    values |= {"March 2020": "0"}
    found = rated(card(None, values, unit="count", aggregation="sum"), period)
    if period == "March 2020":  # ...so March 2020 has no year to date
        assert found.ytd is None
        assert "no value for July 2019, so no year-to-date sum" in found.notes
    else:
        assert found.ytd == ytd


def test_no_year_to_date_for_other_periods():
    """Only quarters and months (and the year itself) have a year to date."""
    rolling = "Rolling 12 months to 30/06/2019"
    found = rated(card(None, {rolling: "5"}, unit="count", aggregation="sum"), rolling)
    assert found.ytd is None
    assert f"year to date is kept for quarters and months, not {rolling}" in found.notes


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("Q1 2019/20", ["Q1 2019/20"]),  # the first quarter alone
        ("Q3 2019/20", ["Q1 2019/20", "Q2 2019/20", "Q3 2019/20"]),  # three quarters
        ("June 2019", ["April 2019", "May 2019", "June 2019"]),  # the year starts in April
        ("April 2019", ["April 2019"]),  # the first month alone
        ("2019/20", ["2019/20"]),  # a year is its own year to date
        ("Rolling 12 months to 30/06/2019", []),  # not placed in a financial year
    ],
)
def test_periods_to_date(period, expected):
    """``periods_to_date`` lists the quarters or months of the year so far."""
    assert [str(each) for each in periods_to_date(Period.parse(period))] == expected


def test_periods_to_date_in_a_calendar_year():
    """In a calendar that starts in January, Q2 2019 follows Q1 2019."""
    calendar = Calendar(year_start_month=1)
    found = periods_to_date(Period.parse("Q2 2019", calendar=calendar))
    assert [str(each) for each in found] == ["Q1 2019", "Q2 2019"]


def test_year_to_date_in_two_calendars():
    """April to June is Q1 of a UK year but Q2 of a calendar year: each adds up its own."""
    uk = card(None, {"Q1 2019/20": "6"}, unit="count", aggregation="sum")
    assert rated(uk, "Q1 2019/20").ytd == Decimal(6)  # Q1 alone
    calendar = Calendar(year_start_month=1)
    values = {"Q1 2019": "4", "Q2 2019": "6"}
    january = card(None, values, unit="count", aggregation="sum", calendar=calendar)
    assert rated(january, "Q2 2019").ytd == Decimal(10)  # 4 + 6: Q1 and Q2 of 2019


def test_year_to_date_directly():
    """``year_to_date`` works on a measure and its observations keyed by period."""
    measure = Measure(reference="M1", aggregation="sum")
    observations = {
        Period.parse(label): Observation(measure_ref="M1", period=label, value=Decimal(value))
        for label, value in (("Q1 2019/20", 4), ("Q2 2019/20", 6))
    }
    found = year_to_date(measure, observations, Period.parse("Q2 2019/20"))
    assert (found.value, found.reason) == (Decimal(10), "")  # 4 + 6
    missing = year_to_date(measure, observations, Period.parse("Q3 2019/20"))
    assert missing.value is None
    assert missing.reason == "no value for Q3 2019/20, so no year-to-date sum"


@pytest.mark.parametrize("aggregation", ["latest", "already_cumulative"])
def test_year_to_date_of_a_point_figure_needs_the_period(aggregation):
    """A latest or running-total measure's year to date is the period's own figure, if any."""
    measure = Measure(reference="M1", aggregation=aggregation)
    q1 = Period.parse("Q1 2019/20")
    observations = {q1: Observation(measure_ref="M1", period=q1, value=Decimal(7))}
    assert year_to_date(measure, observations, q1).value == Decimal(7)
    missing = year_to_date(measure, observations, Period.parse("Q2 2019/20"))
    assert (missing.value, missing.reason) == (None, "no value for Q2 2019/20")
