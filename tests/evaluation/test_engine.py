"""The engine: which target is in force, what is rated, profiles, cumulative and change."""

import sys
from decimal import Decimal
from pathlib import Path

import pytest

import kpi_scorecard
from kpi_scorecard import (
    AveragedPercentageWarning,
    Calendar,
    Direction,
    Period,
    PeriodParseError,
    Rag,
    RagPolicy,
    RangeTarget,
    ThresholdTarget,
    evaluate,
)
from kpi_scorecard.evaluation import assess, year_to_date

from .conftest import PREVIOUS, Q1, card, card_of, line, rated

GREEN, AMBER, RED, NOT_RATED = Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NOT_RATED


# --- not rated ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "current", "explanation"),
    [
        ({"target": "N/A"}, "17", "the target for 2019/20 is N/A: not rated"),  # N/A
        ({"target": ""}, "17", "no target was set for 2019/20: not rated"),  # NoTarget
        ({"target": None}, "17", "no target is in force for Q1 2019/20: not rated"),  # none
        (
            {"targets": {"2018/19": "<18%"}},
            "17",
            "no target is in force for Q1 2019/20: not rated",
        ),  # only last year's target exists
        ({}, "", "no value for Q1 2019/20 (missing): not rated"),  # empty cell
        ({}, "[c]", "no value for Q1 2019/20 (suppressed): not rated"),  # [c]
        ({}, "[x]", "no value for Q1 2019/20 (not_collected): not rated"),  # [x]
        ({}, "[z]", "no value for Q1 2019/20 (not_applicable): not rated"),  # [z]
        ({}, None, "no value for Q1 2019/20 (missing): not rated"),  # no observation at all
    ],
)
def test_not_rated_says_why(options, current, explanation):
    """Without a target in force, a rateable target or a figure, nothing is rated: reason given."""
    values = {PREVIOUS: "19"}
    if current is not None:
        values[Q1] = current
    found = rated(card(values=values, **options))
    assert found.status is NOT_RATED
    assert (found.margin, found.relative_margin, found.rated_value) == (None, None, None)
    assert found.explanation == explanation


@pytest.mark.parametrize(
    "target",
    [
        "N/A",  # explicitly not applicable
        "",  # no target was set
        None,  # no setting at all
    ],
)
def test_not_rated_still_has_a_direction(target):
    """N/A, no target or no setting: not rated, but the direction is still worked out."""
    found = rated(card(target, {PREVIOUS: "19", Q1: "17"}))
    assert found.status is NOT_RATED
    assert (found.direction, found.change) == (Direction.IMPROVING, -2)  # 17 - 19, lower
    assert found.value == Decimal(17)


def test_not_rated_records_the_target_in_force():
    """An N/A target is still recorded with the period it was set for."""
    found = rated(card("N/A", {Q1: "17"}))
    assert str(found.target) == "N/A"
    assert str(found.target_period) == "2019/20"


# --- dated targets ----------------------------------------------------------------------

DATED = {"2018/19": "<20%", "2019/20": "<18%"}


@pytest.mark.parametrize(
    ("period", "target", "target_period", "status", "margin"),
    [
        (PREVIOUS, "<20%", "2018/19", GREEN, 1),  # the old target: 20 - 19 = 1
        (Q1, "<18%", "2019/20", RED, -1),  # the new target: 19 - 18 = 1 > 0.9
        ("Q2 2019/20", "<18%", "2019/20", RED, -1),  # still the new one
    ],
)
def test_past_periods_keep_their_own_target(period, target, target_period, status, margin):
    """A period is rated against the target in force then, not today's."""
    values = {PREVIOUS: "19", Q1: "19", "Q2 2019/20": "19"}
    found = rated(card(targets=DATED, values=values), period)
    assert str(found.target) == target
    assert str(found.target_period) == target_period
    assert (found.status, found.margin) == (status, margin)


@pytest.mark.parametrize(
    ("period", "target", "status", "margin"),
    [
        (Q1, "<25%", GREEN, 6),  # Q1 has its own target: 25 - 19 = 6
        ("Q2 2019/20", "<18%", RED, -1),  # Q2 falls back to the year's: 19 - 18 = 1 > 0.9
    ],
)
def test_a_quarter_setting_overrides_the_year(period, target, status, margin):
    """The most specific setting wins: a quarter's own target over the year's."""
    targets = {"2019/20": "<18%", Q1: "<25%"}
    found = rated(card(targets=targets, values={Q1: "19", "Q2 2019/20": "19"}), period)
    assert str(found.target) == target
    assert (found.status, found.margin) == (status, margin)


# --- profiled annual targets ------------------------------------------------------------

# An annual target of 20, higher is better, due evenly: 5, 10, 15 and 20 by Q1..Q4.
# already_cumulative measures report the year to date; sum measures report each quarter,
# and their year to date (5, 5 + 4.5, 9.5 + 4.5, 14 + 7) is the same.
EVEN_ROWS = [
    ("Q1 2019/20", 5, 5, GREEN, 0, 20, GREEN),  # ytd 5 = due; forecast 5 / (1/4) = 20
    ("Q2 2019/20", Decimal("9.5"), 10, AMBER, Decimal("-0.5"), 19, AMBER),  # miss 0.5 = 5% of 10;
    # forecast 9.5 / (2/4) = 19, miss 1 = 5% of 20
    ("Q3 2019/20", 14, 15, RED, -1, Decimal("18.6666667"), RED),  # miss 1 > 0.75;
    # forecast 14 / (3/4) = 18.67, miss 1.33 > 1
    ("Q4 2019/20", 21, 20, GREEN, 1, 21, GREEN),  # 21 - 20 = 1; forecast 21 / 1
]
CUMULATIVE_VALUES = {"Q1 2019/20": "5", "Q2 2019/20": "9.5", "Q3 2019/20": "14", "Q4 2019/20": "21"}
QUARTER_VALUES = {"Q1 2019/20": "5", "Q2 2019/20": "4.5", "Q3 2019/20": "4.5", "Q4 2019/20": "7"}


# One measure of each kind, both higher is better against the annual 20.
PROFILED = (
    line("20", CUMULATIVE_VALUES, ref="YTD", unit="count", polarity="higher_is_better",
         aggregation="already_cumulative"),
    line("20", QUARTER_VALUES, ref="SUM", unit="count", polarity="higher_is_better",
         aggregation="sum"),
)  # fmt: skip


@pytest.mark.parametrize(
    ("period", "ytd", "due", "status", "margin", "forecast", "forecast_status"), EVEN_ROWS
)
def test_annual_target_profiled_evenly(period, ytd, due, status, margin, forecast, forecast_status):
    """An annual target on a year-to-date or sum measure is due a quarter at a time."""
    for found in evaluate(card_of(*PROFILED), period):
        assert found.rated_value == ytd
        assert found.due == ThresholdTarget(value=due)
        assert (found.status, found.margin) == (status, margin)
        assert found.forecast == pytest.approx(Decimal(forecast))
        assert found.forecast_status is forecast_status


def test_profiled_explanation_and_forecast_note():
    """The explanation names the share due and the annual target; a note rates the forecast."""
    scorecard = card(
        "20", CUMULATIVE_VALUES, unit="count", polarity="higher_is_better",
        aggregation="already_cumulative",
    )  # fmt: skip
    found = rated(scorecard, "Q2 2019/20")
    assert found.explanation == (
        "9.5 year to date is below the 10 minimum target due by Q2 2019/20 (annual target 20) "
        "by 0.5 (5%), within the 5% tolerance: amber"
    )  # 20 x 2/4 = 10; 10 - 9.5 = 0.5; 0.5 / 10 = 5%
    assert found.notes == (
        "the forecast year-end outturn of 19 is below the 20 minimum annual target by 1 (5%), "
        "within the 5% tolerance: amber",
    )  # 9.5 / (2/4) = 19; 20 - 19 = 1


@pytest.mark.parametrize(
    ("period", "ytd", "due", "status", "forecast", "forecast_status"),
    [
        ("Q1 2019/20", 4, Decimal("3.3333333"), GREEN, 24, GREEN),  # due 20 x 1/6;
        # forecast 4 / (1/6) = 24
        ("Q2 2019/20", 6, Decimal("6.6666667"), RED, 18, RED),  # due 20 x 2/6; miss 0.67 > 0.33;
        # forecast 6 / (2/6) = 18, miss 2 > 1
        ("Q3 2019/20", 13, Decimal("13.3333333"), AMBER, Decimal("19.5"), AMBER),  # due 20 x 4/6;
        # miss 0.33 <= 0.67; forecast 13 / (4/6) = 19.5, miss 0.5 <= 1
        ("Q4 2019/20", 19, 20, AMBER, 19, AMBER),  # due 20 x 6/6; miss 1 = 5% of 20
    ],
)
def test_annual_target_with_a_custom_profile(period, ytd, due, status, forecast, forecast_status):
    """A ``1:1:2:2`` profile asks for 1/6, 2/6, 4/6 and all of the target by Q1..Q4."""
    values = {"Q1 2019/20": "4", "Q2 2019/20": "2", "Q3 2019/20": "7", "Q4 2019/20": "6"}
    scorecard = card(
        "20", values, unit="count", polarity="higher_is_better", aggregation="sum",
        profile="1:1:2:2",
    )  # fmt: skip
    found = rated(scorecard, period)
    assert found.rated_value == ytd
    assert found.due.value == pytest.approx(Decimal(due))
    assert found.status is status
    assert found.forecast == pytest.approx(Decimal(forecast))
    assert found.forecast_status is forecast_status


def test_profiled_ceiling_keeps_its_comparator():
    """A profiled ``<=40`` (lower is better) is due as ``<=20`` by Q2, and forecast against 40."""
    values = {"Q1 2019/20": "10", "Q2 2019/20": "12"}
    found = rated(card("<=40", values, unit="count", aggregation="sum"), "Q2 2019/20")
    assert str(found.due) == "<=20"  # 40 x 2/4
    assert (found.rated_value, found.status, found.margin) == (22, RED, -2)  # 10 + 12 = 22;
    # 22 - 20 = 2 > 1 (5% of 20)
    assert (found.forecast, found.forecast_status) == (44, RED)  # 22 / (2/4) = 44; 4 > 2


def test_profiled_strict_target_names_the_share_due():
    """A profiled ``>20`` is due as ``>10`` by Q2; both sentences say which target it is."""
    values = {"Q1 2019/20": "5", "Q2 2019/20": "4"}
    scorecard = card(">20", values, unit="count", polarity="higher_is_better", aggregation="sum")
    found = rated(scorecard, "Q2 2019/20")
    assert found.due == ThresholdTarget(value=10, comparator=">")  # 20 x 2/4
    assert found.explanation == (
        "9 year to date is below the 10 floor of the target due by Q2 2019/20 "
        "(annual target >20) by 1 (10%), beyond the 5% tolerance: red"
    )  # 5 + 4 = 9; 10 - 9 = 1
    assert found.notes == (
        "the forecast year-end outturn of 18 is below the 20 floor of the annual target "
        "by 2 (10%), beyond the 5% tolerance: red",
    )  # 9 / (2/4) = 18


def test_profiled_range_is_due_in_proportion():
    """A profiled range ``16-24`` is due as ``8-12`` by Q2, and forecast against 16-24."""
    values = {"Q1 2019/20": "5", "Q2 2019/20": "4"}
    scorecard = card("16-24", values, unit="count", polarity="higher_is_better", aggregation="sum")
    found = rated(scorecard, "Q2 2019/20")
    assert found.due == RangeTarget(low=8, high=12)  # 16 x 2/4, 24 x 2/4
    assert (found.rated_value, found.status, found.margin) == (9, GREEN, 1)  # 9 - 8
    assert found.explanation == (
        "9 year to date is within the 8 to 12 range target due by Q2 2019/20 "
        "(annual target 16-24), 1 above its lower edge: green"
    )
    assert (found.forecast, found.forecast_status) == (18, GREEN)  # 9 / (2/4)
    assert found.notes == (
        "the forecast year-end outturn of 18 is within the 16 to 24 range annual target, "
        "2 above its lower edge: green",
    )


def test_profiled_bare_target_needs_a_polarity():
    """A bare annual figure on a measure of no polarity cannot be profiled or rated."""
    values = {"Q1 2019/20": "5", "Q2 2019/20": "4"}
    scorecard = card("20", values, unit="count", polarity="neutral", aggregation="sum")
    found = rated(scorecard, "Q2 2019/20")
    assert (found.status, found.due, found.forecast) == (NOT_RATED, None, None)
    assert found.explanation == (
        "the bare target 20 needs a polarity to say which side is good: not rated"
    )


def test_profiled_band_is_rated_but_not_forecast():
    """A band year to date is rated by its worse end; a band is not projected to year end."""
    scorecard = card(
        "20", {"Q1 2019/20": "4-6"}, unit="count", polarity="higher_is_better",
        aggregation="sum",
    )  # fmt: skip
    found = rated(scorecard)
    assert found.due == ThresholdTarget(value=5)  # 20 x 1/4
    assert (found.status, found.margin) == (RED, -1)  # low end 4 is 1 under 5 (20% > 5%)
    assert (found.forecast, found.forecast_status) == (None, None)
    assert found.notes == ("a band is not forecast",)


def test_nothing_due_yet_has_no_forecast():
    """Under a ``0:1:1:2`` profile nothing is due in Q1, so there is no year-end forecast."""
    scorecard = card(
        "20", {"Q1 2019/20": "4"}, unit="count", polarity="higher_is_better",
        aggregation="sum", profile="0:1:1:2",
    )  # fmt: skip
    found = rated(scorecard)
    assert found.due == ThresholdTarget(value=0)
    assert (found.status, found.margin) == (GREEN, 4)  # 4 - 0
    assert (found.forecast, found.forecast_status) == (None, None)
    assert found.notes == ("nothing of the target is due yet, so no year-end forecast",)


def test_profiled_by_month():
    """An annual target is due by months too: 3/12 of 120 by June."""
    values = {"April 2019": "10", "May 2019": "10", "June 2019": "10"}
    scorecard = card("120", values, unit="count", polarity="higher_is_better", aggregation="sum")
    found = rated(scorecard, "June 2019")
    assert found.due == ThresholdTarget(value=30)  # 120 x 3/12
    assert (found.rated_value, found.status, found.margin) == (30, GREEN, 0)  # 10 + 10 + 10
    assert found.forecast == 120  # 30 / (3/12)


def test_profiled_target_needs_the_whole_year_to_date():
    """A sum measure with a quarter missing has no year to date, so it is not rated."""
    values = {"Q2 2019/20": "5"}
    scorecard = card("20", values, unit="count", polarity="higher_is_better", aggregation="sum")
    found = rated(scorecard, "Q2 2019/20")
    assert found.status is NOT_RATED
    assert found.explanation == "no value for Q1 2019/20, so no year-to-date sum: not rated"
    assert found.forecast is None


@pytest.mark.parametrize(
    "aggregation",
    [
        "latest",  # a snapshot
        "mean",  # an average of periods
        "min",  # a service level
        "max",  # a service level
    ],
)
def test_other_aggregations_are_not_profiled(aggregation):
    """A level measure (latest, mean...) is rated on the period's figure against the target."""
    values = {"Q1 2019/20": "82"}
    scorecard = card(">=80%", values, polarity="higher_is_better", aggregation=aggregation)
    found = rated(scorecard)
    assert (found.status, found.margin) == (GREEN, 2)  # 82 - 80
    assert (found.due, found.forecast, found.forecast_status) == (None, None, None)


def test_year_rated_against_the_annual_target_itself():
    """The year itself is rated on its figure against the whole target, with no forecast."""
    scorecard = card("20", {"2019/20": "19"}, unit="count", polarity="higher_is_better")
    found = rated(scorecard, "2019/20")
    assert (found.status, found.margin, found.due, found.forecast) == (AMBER, -1, None, None)
    # 20 - 19 = 1 = 5% of 20


# --- cumulative targets -----------------------------------------------------------------

PROGRAMME = {
    "Q4 2018/19": "345 (1200 cumulative)",
    "Q1 2019/20": "182 (1382 cumulative)",
    "Q2 2019/20": "150 (1532 cumulative)",
}


@pytest.mark.parametrize(
    ("period", "figure", "due", "status", "margin", "forecast", "forecast_status"),
    [
        ("Q1 2019/20", 1382, 1375, GREEN, 7, 1928, GREEN),  # due 1200 + 700 x 1/4 = 1375;
        # 1382 - 1375 = 7; forecast 1200 + 182 x 4 = 1928 >= 1900
        ("Q2 2019/20", 1532, 1550, AMBER, -18, 1864, AMBER),  # due 1200 + 700 x 2/4 = 1550;
        # miss 18 <= 77.5; forecast 1200 + 332 x 2 = 1864, miss 36 <= 95
    ],
)
def test_cumulative_target_with_a_programme_running_total(
    period, figure, due, status, margin, forecast, forecast_status
):
    """A programme total is due from where it stood at the start of the year to the target."""
    scorecard = card(
        "1900 (cumulative)", PROGRAMME, unit="count", polarity="higher_is_better",
        aggregation="sum",
    )  # fmt: skip
    found = rated(scorecard, period)
    assert found.rated_value == figure
    assert found.due == ThresholdTarget(value=due, comparator=">=")
    assert (found.status, found.margin) == (status, margin)
    assert (found.forecast, found.forecast_status) == (forecast, forecast_status)


def test_cumulative_programme_explanation():
    """The cumulative explanation names the running total, the share due and the margin."""
    scorecard = card(
        "1900 (cumulative)", PROGRAMME, unit="count", polarity="higher_is_better",
        aggregation="sum",
    )  # fmt: skip
    found = rated(scorecard)
    assert found.explanation == (
        "1382 cumulative is above the 1375 minimum cumulative target due by Q1 2019/20 "
        "(1900 by the end of 2019/20) by 7: green"
    )  # 1382 - (1200 + 700 / 4) = 7
    assert found.notes == (
        "the forecast year-end outturn of 1928 is above the 1900 minimum cumulative target "
        "by 28: green",
    )  # 1928 - 1900 = 28


def test_cumulative_target_on_the_year_to_date():
    """Without a published running total, a cumulative target is due on the year to date."""
    values = {"Q1 2019/20": "20", "Q2 2019/20": "35"}
    scorecard = card(
        "100 (cumulative)", values, unit="count", polarity="higher_is_better", aggregation="sum"
    )
    found = rated(scorecard, "Q2 2019/20")
    assert found.rated_value == 55  # 20 + 35
    assert found.due.value == 50  # 100 x 2/4, from a baseline of 0
    assert (found.status, found.margin) == (GREEN, 5)  # 55 - 50
    assert found.forecast == 110  # 55 / (2/4)


def test_cumulative_ceiling_is_due_as_a_ceiling():
    """Lower is better: a cumulative target is a ceiling, due as ``<=`` a share of it."""
    values = {"Q1 2019/20": "20", "Q2 2019/20": "35"}
    scorecard = card(
        "100 (cumulative)", values, unit="count", polarity="lower_is_better", aggregation="sum"
    )
    found = rated(scorecard, "Q2 2019/20")
    assert found.due == ThresholdTarget(value=50, comparator="<=")  # 100 x 2/4
    assert (found.rated_value, found.status, found.margin) == (55, RED, -5)  # 20 + 35 = 55;
    # 5 over 50 is 10%, beyond 5%
    assert (found.forecast, found.forecast_status) == (110, RED)  # 55 / (2/4)


def test_cumulative_target_without_an_earlier_running_total():
    """With no running total before the year, the programme starts from 0."""
    values = {"Q1 2019/20": "182 (182 cumulative)"}
    scorecard = card("800 (cumulative)", values, unit="count", polarity="higher_is_better")
    found = rated(scorecard)
    assert found.due.value == 200  # 0 + 800 x 1/4
    assert (found.status, found.margin) == (RED, -18)  # 200 - 182 = 18 > 10 (5% of 200)
    assert (found.forecast, found.forecast_status) == (728, RED)  # 182 x 4; 72 > 40


# --- change targets ---------------------------------------------------------------------


QUARTERS = (PREVIOUS, Q1)
MONTHS = ("March 2019", "April 2019")
YEARS = ("2018/19", "2019/20")


@pytest.mark.parametrize(
    ("target", "periods", "values", "status", "margin"),
    [
        ("100 per qtr", QUARTERS, ("1000", "880"), GREEN, 20),  # 120 - 100
        ("100 per qtr", MONTHS, ("1000", "960"), GREEN, Decimal("6.6666667")),  # 40 - 100/3
        ("100 per qtr", MONTHS, ("1000", "970"), RED, Decimal("-3.3333333")),  # 30 - 100/3;
        # 3.33 > 1.67 (5% of 33.33)
        ("100 per month", QUARTERS, ("1000", "880"), RED, -180),  # 3 x 100 due; 120 - 300
        ("120 per year", QUARTERS, ("1000", "960"), GREEN, 10),  # 120 / 4 = 30 due; 40 - 30
        ("120 per year", MONTHS, ("1000", "988"), GREEN, 2),  # 120 / 12 = 10 due; 12 - 10
        ("100 per qtr", YEARS, ("1000", "500"), GREEN, 100),  # 4 x 100 due; 500 - 400
    ],
)
def test_change_target_scales_to_the_period(target, periods, values, status, margin):
    """A change per quarter (month, year) is scaled by the months in the rated period."""
    scorecard = card(target, dict(zip(periods, values, strict=True)), unit="count")
    found = rated(scorecard, periods[1])
    assert found.status is status
    assert found.margin == pytest.approx(Decimal(margin))


def test_monthly_change_explanation():
    """A monthly reduction against a quarterly target shows the scaled requirement."""
    scorecard = card("100 per qtr", {"March 2019": "1000", "April 2019": "960"}, unit="count")
    found = rated(scorecard, "April 2019")
    assert found.explanation == (
        "a reduction of 40 (1000 in March 2019 to 960) is above the 33.33 minimum reduction "
        "by 6.67: green"
    )  # 1000 - 960 = 40; 100 / 3 = 33.33; 40 - 33.33 = 6.67


ROLLING = "Rolling 12 months to 30/06/2019"


@pytest.mark.parametrize(
    ("target_period", "period", "values", "explanation"),
    [
        (
            "2019/20",
            Q1,
            {Q1: "880"},
            "no value for Q4 2018/19 to measure the change from: not rated",
        ),  # nothing before
        (
            "01/04/2018 - 31/03/2020",
            ROLLING,
            {ROLLING: "880"},
            f"a change target is rated on months, quarters or years, not {ROLLING}: not rated",
        ),  # a rolling window is not a reporting period
    ],
)
def test_change_target_not_rated(target_period, period, values, explanation):
    """A change target needs the previous figure and a month, quarter or year."""
    scorecard = card("100 per qtr", values, unit="count", target_period=target_period)
    found = rated(scorecard, period)
    assert (found.status, found.explanation) == (NOT_RATED, explanation)


# --- evaluate ---------------------------------------------------------------------------


def test_evaluate_accepts_a_label():
    """``evaluate`` reads a period label, in any notation, like the period itself."""
    scorecard = card("<18%", {PREVIOUS: "19", Q1: "17"})
    by_period = evaluate(scorecard, Period.parse(Q1))
    assert evaluate(scorecard, "Q1 2019/20") == by_period
    assert evaluate(scorecard, "Quarter 1 2019/20") == by_period
    assert by_period.period == Period.parse(Q1)


def test_evaluate_reads_the_label_in_the_scorecard_calendar():
    """A label is read in the scorecard's calendar: Q2 2019 of a calendar year."""
    calendar = Calendar(year_start_month=1)
    scorecard = card("<18%", {"Q2 2019": "17"}, target_period="2019", calendar=calendar)
    report = evaluate(scorecard, "Q2 2019")
    assert report.period == Period.financial_quarter(2019, 2, calendar=calendar)
    assert report[0].status is GREEN  # 17 < 18


def test_evaluate_rejects_a_bad_label():
    """An unreadable period label raises PeriodParseError."""
    with pytest.raises(PeriodParseError):
        evaluate(card(), "Quarter 9 2019/20")


# --- gaps found by mutation testing -------------------------------------------------------


def test_assess_rates_one_measure_as_evaluate_does():
    """The public ``assess`` gives the assessment ``evaluate`` puts in the report."""
    scorecard = card("<18%", {PREVIOUS: "19", Q1: "17 [p]"})
    period = Period.parse(Q1)
    measure = scorecard.measures[0]
    found = assess(
        measure,
        period,
        scorecard.observations_by_period(measure.reference),
        scorecard.target_for(measure.reference, period),
        RagPolicy(),
    )
    assert found == evaluate(scorecard, Q1)[0]
    assert (found.status, found.direction, found.ytd) == (Rag.GREEN, Direction.IMPROVING, 17)


def test_each_measure_keeps_its_own_comparison_period():
    """In one report, each measure gets the comparison period its aggregation needs.

    A year-to-date measure compares with last year, the others with the previous quarter,
    whichever comes first in the scorecard.
    """
    values = {"Q1 2018/19": "5", PREVIOUS: "9", Q1: "7"}
    for order in ((0, 1), (1, 0)):
        lines = [
            line(None, values, ref="RUNNING", aggregation="already_cumulative"),
            line(None, values, ref="LEVEL"),
        ]
        report = evaluate(card_of(*(lines[i] for i in order)), Q1)
        assert str(report["RUNNING"].comparison_period) == "Q1 2018/19"
        assert str(report["LEVEL"].comparison_period) == PREVIOUS


@pytest.mark.parametrize(
    ("aggregation", "values", "explanation"),
    [
        (
            "already_cumulative",
            {Q1: "60"},
            "60 year to date is above the 25 minimum cumulative target due by Q1 2019/20 "
            "(100 by the end of 2019/20) by 35: green",
        ),  # 100 x 1/4 = 25
        (
            "sum",
            {Q1: "20", "Q2 2019/20": "35"},
            "55 year to date is above the 50 minimum cumulative target due by Q2 2019/20 "
            "(100 by the end of 2019/20) by 5: green",
        ),  # 20 + 35 = 55 against 100 x 2/4
    ],
)
def test_cumulative_explanation_names_the_year_to_date(aggregation, values, explanation):
    """A cumulative target rated on the year to date says so in its sentence."""
    scorecard = card(
        "100 (cumulative)", values, unit="count", polarity="higher_is_better",
        aggregation=aggregation,
    )  # fmt: skip
    assert rated(scorecard, max(values, key=Period.parse)).explanation == explanation


@pytest.mark.parametrize(
    ("values", "explanation"),
    [
        ({"Q2 2019/20": "35"}, "no value for Q1 2019/20, so no year-to-date sum: not rated"),
        ({Q1: {"status": "suppressed"}}, "no value for Q1 2019/20 (suppressed): not rated"),
    ],
)
def test_cumulative_target_not_rated_says_why(values, explanation):
    """A cumulative target with no figure to rate says what is missing."""
    scorecard = card(
        "100 (cumulative)", values, unit="count", polarity="higher_is_better", aggregation="sum"
    )
    found = rated(scorecard, max(values, key=Period.parse))
    assert (found.status, found.explanation) == (Rag.NOT_RATED, explanation)


def _points_at_this_file(warning):
    """Whether a warning names this test file, or at least a line outside the library.

    Under mutation testing every call into the mutated library passes through the mutation
    tool's own wrapper, which is then the nearest line outside the library.
    """
    package = Path(kpi_scorecard.__file__).resolve().parent
    outside = package not in Path(warning.filename).resolve().parents
    return warning.filename == __file__ or ("mutmut" in sys.modules and outside)


def test_averaging_warning_points_at_the_callers_line():
    """The averaged-percentage warning names the caller's file, from either entry point."""
    observations = {
        label: {"value": Decimal(value), "numerator": Decimal(value), "denominator": 100}
        for label, value in ((Q1, 10), ("Q2 2019/20", 30))
    }
    scorecard = card(None, observations, aggregation="mean")
    with pytest.warns(AveragedPercentageWarning) as caught:
        evaluate(scorecard, "Q2 2019/20")
    assert _points_at_this_file(caught[0])
    with pytest.warns(AveragedPercentageWarning) as caught:
        year_to_date(
            scorecard.measures[0],
            scorecard.observations_by_period("M1"),
            Period.parse("Q2 2019/20"),
        )
    assert _points_at_this_file(caught[0])


def test_different_assessments_hash_apart():
    """Assessments hash by their fields, so a set of different ones keeps them all."""
    report = evaluate(card_of(line("<18%", {Q1: "17"}, ref="A"), line("<18%", {Q1: "25"})), Q1)
    assert len({hash(assessment) for assessment in report}) == 2
    assert hash(report[0]) == hash(evaluate(card_of(line("<18%", {Q1: "17"}, ref="A")), Q1)[0])
