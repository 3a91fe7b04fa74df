"""RAG rules: every target kind against values and bands, boundaries, and explanations.

Unless a test says otherwise the policy is the default: amber within 5% of the threshold
(or of the nearest edge of a range), red beyond. Each row's comment works out the margin
and the allowance by hand.
"""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import Rag, RangeTarget, StatusRules, Tolerance
from kpi_scorecard.evaluation._rating import Goal, GoalKind, judge, judge_plainly

from .conftest import PREVIOUS, Q1, card, rated

GREEN, YELLOW, AMBER, RED, NOT_RATED = (
    Rag.GREEN,
    Rag.YELLOW,
    Rag.AMBER,
    Rag.RED,
    Rag.NOT_RATED,
)

# Ranges of negative figures, built as objects so as not to depend on reading their text.
MINUS_2000_1700 = RangeTarget(low=-2000, high=-1700)
MINUS_7_3 = RangeTarget(low=-7, high=-3)


@pytest.mark.parametrize(
    ("target", "polarity", "value", "status", "margin"),
    [
        ("<18%", "lower_is_better", "17", GREEN, 1),  # 18 - 17 = 1 point of headroom
        ("<18%", "lower_is_better", "18", AMBER, 0),  # strict: on the line misses by 0 <= 0.9
        ("<18%", "lower_is_better", "18.9", AMBER, Decimal("-0.9")),  # 0.9 = 5% of 18
        ("<18%", "lower_is_better", "19", RED, -1),  # 1 > 0.9
        ("<=18%", "lower_is_better", "18", GREEN, 0),  # inclusive: on the line meets it
        ("<=18%", "lower_is_better", "18.5", AMBER, Decimal("-0.5")),  # 0.5 <= 0.9
        (">50%", "higher_is_better", "53", GREEN, 3),  # 53 - 50 = 3
        (">50%", "higher_is_better", "50", AMBER, 0),  # strict floor: misses by 0 <= 2.5
        (">=50%", "higher_is_better", "50", GREEN, 0),  # inclusive floor: on the line meets
        (">=50%", "higher_is_better", "47.5", AMBER, Decimal("-2.5")),  # 2.5 = 5% of 50
        (">=50%", "higher_is_better", "47", RED, -3),  # 3 > 2.5
        ("<18%", "neutral", "17", GREEN, 1),  # the comparator says which side is good
        (">=50%", "lower_is_better", "52", GREEN, 2),  # the comparator wins over polarity
        ("85%", "higher_is_better", "86", GREEN, 1),  # bare, higher: 85 is a floor; 86 - 85
        ("85%", "higher_is_better", "85", GREEN, 0),  # a bare threshold meets itself
        ("85%", "higher_is_better", "84", AMBER, -1),  # 1 <= 4.25 (5% of 85)
        ("85%", "higher_is_better", "80", RED, -5),  # 5 > 4.25
        ("85%", "lower_is_better", "84", GREEN, 1),  # bare, lower: 85 is a ceiling; 85 - 84
        ("85%", "lower_is_better", "85", GREEN, 0),  # on the ceiling meets it
        ("85%", "lower_is_better", "86", AMBER, -1),  # 1 <= 4.25
        ("85%", "lower_is_better", "90", RED, -5),  # 5 > 4.25
    ],
)
def test_threshold_targets(target, polarity, value, status, margin):
    """A threshold is met on its good side (and on the line unless strict), else amber/red."""
    found = rated(card(target, {Q1: value}, polarity=polarity))
    assert (found.status, found.margin) == (status, margin)


def test_bare_threshold_without_polarity_is_not_rated():
    """A bare threshold on a neutral measure is not rated, and the reason says why."""
    found = rated(card("85%", {Q1: "84"}, polarity="neutral"))
    assert found.status is NOT_RATED
    assert found.margin is None
    assert "needs a polarity" in found.explanation
    assert found.explanation.endswith("not rated")


@pytest.mark.parametrize(
    ("polarity", "value", "status", "margin"),
    [
        ("neutral", "1800", GREEN, 100),  # nearer edge 1700: 1800 - 1700 = 100 (2000 - 1800 = 200)
        ("neutral", "1950", GREEN, 50),  # nearer edge 2000: 2000 - 1950 = 50
        ("neutral", "1700", GREEN, 0),  # the low edge is on target
        ("neutral", "2000", GREEN, 0),  # the high edge is on target
        ("neutral", "1650", AMBER, -50),  # below by 50 <= 85 (5% of 1700)
        ("neutral", "1615", AMBER, -85),  # below by exactly 85
        ("neutral", "1614", RED, -86),  # below by 86 > 85
        ("neutral", "2100", AMBER, -100),  # above by 100 = 5% of 2000
        ("neutral", "2101", RED, -101),  # above by 101 > 100
        ("higher_is_better", "1600", RED, -100),  # polarity does not matter: 100 > 85
        ("higher_is_better", "2050", AMBER, -50),  # above by 50 <= 100
        ("lower_is_better", "1600", RED, -100),  # 100 > 85
        ("lower_is_better", "1800", GREEN, 100),  # inside
    ],
)
def test_range_targets(polarity, value, status, margin):
    """Inside a range (edges included) is green; outside, the miss to the nearest edge counts."""
    found = rated(card("1700-2000", {Q1: value}, unit="count", polarity=polarity))
    assert (found.status, found.margin) == (status, margin)


@pytest.mark.parametrize(
    ("target", "polarity", "status", "margin"),
    [
        ("<98%", "lower_is_better", AMBER, -1),  # high end 99 is 1 over; 1 <= 4.9 (5% of 98)
        ("<=99%", "lower_is_better", GREEN, 0),  # high end 99 on an inclusive maximum
        ("<99%", "lower_is_better", AMBER, 0),  # high end 99 on a strict ceiling
        ("100%", "lower_is_better", GREEN, 1),  # bare ceiling 100: 100 - 99 = 1
        ("98%", "lower_is_better", AMBER, -1),  # bare ceiling 98: the high end 99 is 1 over
        (">=97%", "higher_is_better", GREEN, 0),  # low end 97 on an inclusive minimum
        (">98%", "higher_is_better", AMBER, -1),  # low end 97 is 1 under; 1 <= 4.9
        ("96%", "higher_is_better", GREEN, 1),  # bare floor 96: 97 - 96 = 1
        ("98%", "higher_is_better", AMBER, -1),  # bare floor 98: the low end 97 is 1 under
        ("90%", "higher_is_better", GREEN, 7),  # 97 - 90 = 7
        ("96%-100%", "neutral", GREEN, 1),  # 97 - 96 = 1 and 100 - 99 = 1
        ("98%-100%", "neutral", AMBER, -1),  # low end 97 is 1 below 98; 1 <= 4.9
        ("90%-98%", "neutral", AMBER, -1),  # high end 99 is 1 above 98; 1 <= 4.9
        ("80%-90%", "neutral", RED, -9),  # high end 99 is 9 above 90; 9 > 4.5
    ],
)
def test_band_is_rated_by_its_least_favourable_end(target, polarity, status, margin):
    """A band value (97%-99%) is rated by whichever end fares worse against the target."""
    found = rated(card(target, {Q1: "97%-99%"}, polarity=polarity))
    assert (found.status, found.margin) == (status, margin)
    assert found.rated_value is not None
    assert (found.rated_value.low, found.rated_value.high) == (97, 99)


@pytest.mark.parametrize(
    ("target", "band", "tolerance", "status", "margin"),
    [
        ("1700-2000", "1600-2100", "5%", RED, -100),  # low end 100 > 85 red; high end 100 amber
        (MINUS_2000_1700, "-2100 to -1600", "5%", RED, -100),  # high end: 100 > 85 (5% of 1700)
        ("3-7", "1.4-9", "50%", RED, Decimal("-1.6")),  # low: 1.6 > 1.5 red; high: 2 <= 3.5
        (MINUS_7_3, "-9 to -1.4", "50%", RED, Decimal("-1.6")),  # high: 1.6 > 1.5; low: 2 <= 3.5
        ("3-7", "2-8", "50%", AMBER, -1),  # low: 1 <= 1.5 amber; high: 1 <= 3.5 amber
    ],
)
def test_band_past_both_edges_of_a_range(target, band, tolerance, status, margin):
    """A band past both edges is rated by the end with the worse status, not the bigger miss."""
    found = rated(card(target, {Q1: band}, unit="count", polarity="neutral"), tolerance=tolerance)
    assert (found.status, found.margin) == (status, margin)


@pytest.mark.parametrize(
    ("polarity", "value", "status", "margin"),
    [
        ("higher_is_better", "1950", GREEN, 50),  # a total to reach: 1950 - 1900
        ("higher_is_better", "1900", GREEN, 0),  # reached exactly
        ("higher_is_better", "1805", AMBER, -95),  # 95 short = 5% of 1900
        ("higher_is_better", "1800", RED, -100),  # 100 > 95
        ("lower_is_better", "1850", GREEN, 50),  # a total not to exceed: 1900 - 1850
        ("lower_is_better", "1995", AMBER, -95),  # 95 over = 5% of 1900
        ("lower_is_better", "2000", RED, -100),  # 100 > 95
        ("neutral", "1950", GREEN, 50),  # neutral: a running total is still a total to reach
    ],
)
def test_cumulative_targets(polarity, value, status, margin):
    """A cumulative target over its whole period is a total to reach (or, lower, not pass)."""
    scorecard = card(
        "1900 (cumulative)",
        {"2019/20": value},
        unit="count",
        polarity=polarity,
        aggregation="already_cumulative",
    )
    found = rated(scorecard, "2019/20")
    assert (found.status, found.margin) == (status, margin)


@pytest.mark.parametrize(
    ("polarity", "value", "status", "margin"),
    [
        ("lower_is_better", "880", GREEN, 20),  # reduction 1000 - 880 = 120; 120 - 100 = 20
        ("lower_is_better", "900", GREEN, 0),  # reduction of exactly 100
        ("lower_is_better", "905", AMBER, -5),  # reduction 95: 5 short <= 5 (5% of 100)
        ("lower_is_better", "950", RED, -50),  # reduction 50: 50 short
        ("lower_is_better", "1050", RED, -150),  # a rise of 50 is a reduction of -50: 150 short
        ("higher_is_better", "1120", GREEN, 20),  # increase 120 - 100 = 20
        ("higher_is_better", "1096", AMBER, -4),  # increase 96: 4 short <= 5
        ("higher_is_better", "880", RED, -220),  # a fall of 120: -120 - 100 = -220
    ],
)
def test_change_targets(polarity, value, status, margin):
    """A change target asks for a reduction (lower is better) or an increase each period."""
    scorecard = card("100 per qtr", {PREVIOUS: "1000", Q1: value}, unit="count", polarity=polarity)
    found = rated(scorecard)
    assert (found.status, found.margin) == (status, margin)
    assert found.rated_value == Decimal(value) - 1000  # the rated figure is the change itself


def test_change_target_without_polarity_is_not_rated():
    """A change target on a neutral measure cannot say which way is good: not rated."""
    found = rated(
        card("100 per qtr", {PREVIOUS: "1000", Q1: "880"}, unit="count", polarity="neutral")
    )
    assert found.status is NOT_RATED
    assert "needs a polarity" in found.explanation


@pytest.mark.parametrize(
    ("target", "polarity", "value", "tolerance", "status"),
    [
        ("<18%", "lower_is_better", "18", None, AMBER),  # strict miss by 0 <= 0.9
        ("<18%", "lower_is_better", "18", "none", RED),  # strict miss by 0, nothing allowed
        (">50%", "higher_is_better", "50", None, AMBER),  # strict miss by 0 <= 2.5
        (">50%", "higher_is_better", "50", "none", RED),  # strict miss by 0, nothing allowed
        ("<=18%", "lower_is_better", "18", "none", GREEN),  # inclusive: on the line meets it
        (">=50%", "higher_is_better", "50", "none", GREEN),  # inclusive: on the line meets it
        ("85%", "higher_is_better", "85", "none", GREEN),  # a bare threshold meets itself
        ("<18%", "lower_is_better", "17.99", "none", GREEN),  # 0.01 under a strict ceiling
        ("<=18%", "lower_is_better", "18.01", "none", RED),  # 0.01 over with no tolerance
        ("85%", "higher_is_better", "80.75", None, AMBER),  # miss 4.25 = 5% of 85
        ("85%", "higher_is_better", "80.74", None, RED),  # miss 4.26 > 4.25
        ("85%", "higher_is_better", "83", "2 points", AMBER),  # miss 2 = 2 points
        ("85%", "higher_is_better", "82.99", "2 points", RED),  # miss 2.01 > 2
        ("<18%", "lower_is_better", "20", "2 points", AMBER),  # miss 2 = 2 points
        ("<18%", "lower_is_better", "20.01", "2 points", RED),  # miss 2.01 > 2
    ],
)
def test_boundaries(target, polarity, value, tolerance, status):
    """On the line meets unless strict; a miss equal to the allowance is amber, beyond is red."""
    policy = {}
    if tolerance == "none":
        policy = {"tolerance": Tolerance.none()}
    elif tolerance is not None:
        policy = {"tolerance": tolerance}
    assert rated(card(target, {Q1: value}, polarity=polarity), **policy).status is status


@pytest.mark.parametrize(
    ("target", "polarity", "value", "status", "margin", "relative_margin"),
    [
        ("<=0", "lower_is_better", "0", GREEN, 0, None),  # on a zero maximum; 0 / 0 undefined
        ("<=0", "lower_is_better", "1", RED, -1, None),  # 5% of 0 is 0: any miss is red
        ("0", "lower_is_better", "0.001", RED, Decimal("-0.001"), None),  # even a tiny one
        (">=0", "higher_is_better", "-1", RED, -1, None),  # 5% of 0 is 0
        ("0-10", "neutral", "-1", RED, -1, None),  # nearest edge 0: 5% of 0 is 0
        ("0-10", "neutral", "10.5", AMBER, Decimal("-0.5"), Decimal("-0.05")),  # -0.5 / 10
        ("<0", "lower_is_better", "0", RED, 0, None),  # strict miss by 0 with nothing allowed
    ],
)
def test_zero_target_with_relative_tolerance(
    target, polarity, value, status, margin, relative_margin
):
    """A relative tolerance on a zero target allows nothing: any miss is red, and no crash."""
    found = rated(card(target, {Q1: value}, unit="count", polarity=polarity))
    assert (found.status, found.margin, found.relative_margin) == (
        status,
        margin,
        relative_margin,
    )


@pytest.mark.parametrize(
    ("target", "polarity", "unit", "value", "relative_margin"),
    [
        ("<18%", "lower_is_better", "percent", "17", Decimal(1) / 18),  # 1 / 18
        ("85%", "higher_is_better", "percent", "84", Decimal(-1) / 85),  # -1 / 85
        ("1700-2000", "neutral", "count", "2100", Decimal("-0.05")),  # -100 / 2000
        ("1700-2000", "neutral", "count", "1600", Decimal(-100) / 1700),  # -100 / 1700
        (RangeTarget(low=-10, high=-5), "neutral", "count", "-12", Decimal("-0.2")),  # -2 / 10
    ],
)
def test_relative_margin_is_a_share_of_the_target(target, polarity, unit, value, relative_margin):
    """``relative_margin`` is the margin over the (absolute) threshold or nearest edge."""
    found = rated(card(target, {Q1: value}, unit=unit, polarity=polarity))
    assert found.relative_margin == pytest.approx(relative_margin)


# --- explanations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "polarity", "unit", "value", "explanation"),
    [
        (
            "<18%",
            "lower_is_better",
            "percent",
            "17",
            "17% is below the 18% ceiling by 1 point: green",
        ),  # 18 - 17 = 1
        (
            ">50%",
            "higher_is_better",
            "percent",
            "53",
            "53% is above the 50% floor by 3 points: green",
        ),  # 53 - 50 = 3
        (
            "<18%",
            "lower_is_better",
            "percent",
            "18",
            "18% is on the 18% ceiling but must be below it, within the 5% tolerance: amber",
        ),  # strict miss by 0 <= 0.9
        (
            "<=20",
            "lower_is_better",
            "count",
            "23",
            "23 is above the 20 maximum target by 3 (15%), beyond the 5% tolerance: red",
        ),  # 23 - 20 = 3; 3 / 20 = 15%; 3 > 1
        (
            ">=50",
            "higher_is_better",
            "count",
            "48",
            "48 is below the 50 minimum target by 2 (4%), within the 5% tolerance: amber",
        ),  # 50 - 48 = 2; 2 / 50 = 4%; 2 <= 2.5
        (
            ">=50",
            "higher_is_better",
            "count",
            "50",
            "50 is exactly on the 50 minimum target: green",
        ),  # margin 0
        (
            "85%",
            "higher_is_better",
            "percent",
            "84",
            "84% is below the 85% minimum target by 1 point (1.2%), within the 5% tolerance: amber",
        ),  # 1 / 85 = 1.18% -> 1.2%
        (
            "85%",
            "lower_is_better",
            "percent",
            "80",
            "80% is below the 85% maximum target by 5 points: green",
        ),  # 85 - 80 = 5
        (
            "1700-2000",
            "neutral",
            "count",
            "1800",
            "1800 is within the 1700 to 2000 range target, 100 above its lower edge: green",
        ),  # 1800 - 1700 = 100 (2000 - 1800 = 200 is farther)
        (
            "1700-2000",
            "neutral",
            "count",
            "1950",
            "1950 is within the 1700 to 2000 range target, 50 below its upper edge: green",
        ),  # 2000 - 1950 = 50
        (
            "1700-2000",
            "neutral",
            "count",
            "1700",
            "1700 is within the 1700 to 2000 range target, exactly on its lower edge: green",
        ),  # margin 0
        (
            "1700-2000",
            "neutral",
            "count",
            "1600",
            "1600 is below the 1700 to 2000 range target by 100 (5.9%), "
            "beyond the 5% tolerance: red",
        ),  # 100 / 1700 = 5.88% -> 5.9%; 100 > 85
        (
            "1700-2000",
            "neutral",
            "count",
            "2050",
            "2050 is above the 1700 to 2000 range target by 50 (2.5%), "
            "within the 5% tolerance: amber",
        ),  # 50 / 2000 = 2.5%; 50 <= 100
        (
            "<98%",
            "lower_is_better",
            "percent",
            "97%-99%",
            "97%-99% is above the 98% ceiling by 1 point (1%), within the 5% tolerance: amber",
        ),  # high end 99 - 98 = 1; 1 / 98 = 1.02% -> 1%
        (
            "<=0",
            "lower_is_better",
            "count",
            "1",
            "1 is above the 0 maximum target by 1, with no tolerance: red",
        ),  # 5% of 0 allows nothing
    ],
)
def test_explanation_names_rule_threshold_value_and_margin(
    target, polarity, unit, value, explanation
):
    """The explanation names the rule, the threshold figure, the value, the margin, the colour."""
    found = rated(card(target, {Q1: value}, unit=unit, polarity=polarity))
    assert found.explanation == explanation


def test_explanation_of_a_change_target():
    """A change target's explanation names the reduction, both figures and the margin."""
    scorecard = card("100 per qtr", {PREVIOUS: "1000", Q1: "880"}, unit="count")
    assert rated(scorecard).explanation == (
        "a reduction of 120 (1000 in Q4 2018/19 to 880) "  # 1000 - 880 = 120
        "is above the 100 minimum reduction by 20: green"  # 120 - 100 = 20
    )


def test_explanation_of_an_increase_missed():
    """An increase missed is explained with the increase, the shortfall and its share."""
    scorecard = card(
        "100 per qtr", {PREVIOUS: "1000", Q1: "1096"}, unit="count", polarity="higher_is_better"
    )
    assert rated(scorecard).explanation == (
        "an increase of 96 (1000 in Q4 2018/19 to 1096) "  # 1096 - 1000 = 96
        "is below the 100 minimum increase by 4 (4%), within the 5% tolerance: amber"
    )  # 100 - 96 = 4; 4 / 100 = 4%; 4 <= 5


def test_explanation_with_four_colours():
    """In the four-colour scheme the explanation names the yellow tolerance it fell within."""
    found = rated(
        card("85%", {Q1: "84.5"}, polarity="higher_is_better"),
        tolerance="3 points",
        yellow_tolerance="1 point",
    )
    assert found.explanation == (
        "84.5% is below the 85% minimum target by 0.5 points (0.6%), "  # 0.5 / 85 = 0.59%
        "within the 1 point yellow tolerance: yellow"
    )


@pytest.mark.parametrize(
    ("target", "polarity", "value", "explanation"),
    [
        (
            ">50%",
            "higher_is_better",
            "50",
            "50% is on the 50% floor but must be above it, within the 5% tolerance: amber",
        ),
        (
            "<18%",
            "lower_is_better",
            "18",
            "18% is on the 18% ceiling but must be below it, within the 5% tolerance: amber",
        ),
    ],
)
def test_explanation_of_a_strict_goal_missed_on_the_line(target, polarity, value, explanation):
    """On a strict threshold, the explanation says which side the value must be on."""
    assert rated(card(target, {Q1: value}, polarity=polarity)).explanation == explanation


# target, value cell, policy, status, margin, the sentence
YES_NO_RATINGS = [
    ("Yes", "Yes", {}, GREEN, 0, "Yes, as targeted: green"),  # an award received
    ("Yes", "No", {}, RED, -1, "No, where Yes was targeted: red"),  # not received
    ("No", "No", {}, GREEN, 0, "No, as targeted: green"),  # e.g. no enforcement notice
    ("No", "Yes", {}, RED, -1, "Yes, where No was targeted: red"),  # one was served
    ("Yes", "No", {"tolerance": "2 points"}, RED, -1,
     "No, where Yes was targeted: red"),  # no near miss of an answer: 1 <= 2 is still red
    ("Yes", "No", {"tolerance": "5 points", "yellow_tolerance": "2 points"}, RED, -1,
     "No, where Yes was targeted: red"),  # four colours: no yellow either
    ("Yes", "No", {"rules": "green if within 5 points; red otherwise"}, RED, -1,
     "No, where Yes was targeted: red"),  # rules on a margin do not make an answer near
    ("Yes", "Yes [p]", {}, GREEN, 0, "Yes, as targeted: green"),  # provisional, still met
    ("yes (2019/20)", "Yes", {}, GREEN, 0, "Yes, as targeted: green"),  # for the year
]  # fmt: skip


@pytest.mark.parametrize(
    ("target", "value", "policy", "status", "margin", "explanation"), YES_NO_RATINGS
)
def test_yes_no_targets(target, value, policy, status, margin, explanation):
    """A yes/no figure meets ``Yes`` or ``No`` when it is that answer: green, else red."""
    found = rated(card(target, {Q1: value}, unit="yes_no", polarity="neutral"), **policy)
    assert (found.status, found.margin, found.explanation) == (status, margin, explanation)


def test_yes_no_target_without_a_figure_is_not_rated():
    """``Yes`` with no figure for the quarter is not rated, and says so."""
    found = rated(card("Yes", {Q1: "N/A"}, unit="yes_no", polarity="neutral"))
    assert (found.status, found.explanation) == (
        NOT_RATED,
        "no value for Q1 2019/20 (not_applicable): not rated",
    )


def test_yes_no_direction_of_travel():
    """From No to Yes is up 1: the change of a yes/no figure is a plain number."""
    found = rated(card("Yes", {PREVIOUS: "No", Q1: "Yes"}, unit="yes_no", polarity="neutral"))
    assert (found.direction.value, found.direction_explanation) == (
        "increasing",
        "Yes against No in Q4 2018/19: up 1, increasing",
    )


FIGURES = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
TOLERANCES = st.one_of(
    st.builds(Tolerance.relative, st.decimals(min_value=0, max_value=1, places=2)),
    st.builds(Tolerance.absolute, st.decimals(min_value=0, max_value=50, places=1)),
)


@given(
    value=FIGURES,
    edges=st.tuples(FIGURES, FIGURES).map(sorted),
    shape=st.tuples(st.sampled_from(GoalKind), st.booleans()),
    tolerance=TOLERANCES,
    yellow=st.one_of(st.none(), TOLERANCES),
    rules=st.sampled_from(
        [None, StatusRules.parse("green if met; amber if within 10%; red otherwise")]
    ),
    share=st.one_of(st.none(), st.decimals(min_value=0, max_value=1, places=4)),
)
def test_judging_plainly_finds_what_judging_finds(
    value, edges, shape, tolerance, yellow, rules, share
):
    """The quick path's one-call judgement is :func:`judge`'s, figure for figure.

    With a share due, against the goal scaled as the general path scales it.
    """
    (low, high), (kind, strict) = edges, shape
    goal = Goal(kind, low, high, strict=strict)
    plainly = judge_plainly(value, goal, tolerance, yellow, rules, "improving", share)
    if share is not None:
        goal = Goal(kind, low * share, high * share, strict=strict)
    found = judge(value, goal, tolerance, yellow, rules, "improving")[:3]
    assert repr(plainly) == repr(found)
