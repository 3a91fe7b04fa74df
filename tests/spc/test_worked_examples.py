"""Worked examples published with the method, reproduced point by point.

The sources are NHSRplotthedots (github.com/nhs-r-community/NHSRplotthedots), the NHS-R
Community's implementation of Making Data Count: its vignette "Deviations from Excel
defaults" and its test suite with the figures its snapshots record.
"""

from decimal import Decimal

import pytest

from kpi_scorecard.spc import Rule, Variation, xmr

COMMON, IMPROVING = Variation.COMMON_CAUSE, Variation.SPECIAL_CAUSE_IMPROVING


def figures(text):
    """Figures written as space-separated numbers."""
    return [Decimal(v) for v in text.split()]


def rounded(value, places):
    """A figure rounded as the source prints it."""
    return round(value, places)


# vignettes/deviations.Rmd, "Treatment of outlying points": 18 daily points with one spike.
DEVIATIONS = "1 2 1 2 10 1 2 1 2 1 2 1 2 1 2 1 2 1"


@pytest.mark.parametrize(
    ("screen", "upper", "lower"),
    [
        (True, Decimal("4.6"), Decimal("-0.72")),  # the package default: UPL 4.6, LPL -0.72
        (False, Decimal("6.95"), Decimal("-3.06")),  # as the Excel tool: UPL 6.95, LPL -3.06
    ],
)
def test_deviations_vignette_outlying_points(screen, upper, lower):
    """Four grey points, one blue improvement, twelve more grey; the captions' limits."""
    chart = xmr(figures(DEVIATIONS), polarity="higher_is_better", screen_outliers=screen)
    assert rounded(chart.mean, 2) == Decimal("1.94")
    assert (rounded(chart.upper_limit, 2), rounded(chart.lower_limit, 2)) == (upper, lower)
    variations = [point.variation for point in chart.points]
    assert variations == [COMMON] * 4 + [IMPROVING] + [COMMON] * 13
    assert chart.points[4].rules == (Rule.OUTSIDE_LIMITS,)


# tests/testthat/test-ptd_spc_standard.R: set.seed(123); rnorm(20), with the mean and
# limits its snapshot (_snaps/ptd_spc_standard.md) records to seven significant digits,
# then with y[15] = 10, screened and not. The summary snapshot (_snaps/ptd_spc.md) gives
# all 20 points of the first series as common cause.
RNORM = (
    "-0.56047565 -0.23017749 1.55870831 0.07050839 0.12928774 1.71506499 0.46091621 "
    "-1.26506123 -0.68685285 -0.44566197 1.22408180 0.35981383 0.40077145 0.11068272 "
    "-0.55584113 1.78691314 0.49785048 -1.96661716 0.70135590 -0.47279159"
)
# relative_to_mean, as far as the snapshots print it
SIDES = [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]
SIDES_WITH_TEN = [-1, -1, 1, -1, -1, 1, -1, -1, -1, -1, 1, -1, -1, -1]


def side(point):
    """Where a point lies against its mean, as relative_to_mean."""
    return (point.value > point.mean) - (point.value < point.mean)


@pytest.mark.parametrize(
    ("spike", "screen", "mean", "lower", "upper", "sides"),
    [
        (False, True, "0.1416238", "-3.01138", "3.294627", SIDES),  # r1
        (True, True, "0.6694159", "-2.383666", "3.722497", SIDES_WITH_TEN),  # r2
        (True, False, "0.6694159", "-4.596625", "5.935457", SIDES_WITH_TEN),  # r3
    ],
)
def test_standard_calculations_snapshot(spike, screen, mean, lower, upper, sides):
    """The mean, limits and sides of the mean match the package's recorded output."""
    values = figures(RNORM)
    if spike:
        values[14] = Decimal(10)
    chart = xmr(values, polarity="higher_is_better", screen_outliers=screen)

    def significant(value, reference):
        return round(value, -Decimal(reference).as_tuple().exponent)

    assert significant(chart.mean, mean) == Decimal(mean)
    assert significant(chart.lower_limit, lower) == Decimal(lower)
    assert significant(chart.upper_limit, upper) == Decimal(upper)
    assert [side(point) for point in chart.points[: len(sides)]] == sides
    if not spike:
        assert [point.variation for point in chart.points] == [COMMON] * 20
    else:
        assert chart.points[14].rules == (Rule.OUTSIDE_LIMITS,)


def test_two_in_three_needs_the_same_side_of_the_mean():
    """Test-ptd_spc_standard.R: 5.5 then -5.5 near opposite limits stay common cause."""
    values = figures("1 -1 " * 8)
    values[14], values[15] = Decimal("5.5"), Decimal("-5.5")
    chart = xmr(values, polarity="higher_is_better")
    # mean 0; ranges 13 x 2, 6.5 and 11; 11 >= 3.267 * 43.5/15 is screened: AMR 32.5/14
    assert chart.mean == 0
    assert chart.segments[0].screened == (15,)
    assert round(chart.upper_limit, 3) == Decimal("6.175")  # 2.66 * 32.5/14
    two_sigma = chart.segments[0].upper_two_sigma
    assert two_sigma is not None
    assert Decimal("5.5") > two_sigma  # both are beyond their 2-sigma lines
    assert [point.variation for point in chart.points] == [COMMON] * 16
