"""XmR charts: limits, rules, rebasing, minimum points and icons, worked out by hand.

Every expected figure below is written as the arithmetic that gives it (sums over counts,
2.66 and 3.267 times an average moving range), not as output of the code. ``exact``
rounds such a fraction once to the library's 28 significant digits, as the chart does.
"""

from decimal import Decimal
from fractions import Fraction

import pytest

from kpi_scorecard import Observation, ObservationStatus, Period
from kpi_scorecard._numbers import exact_arithmetic
from kpi_scorecard.spc import Assurance, Rule, SpcError, Variation, xmr

IMPROVING = Variation.SPECIAL_CAUSE_IMPROVING
CONCERNING = Variation.SPECIAL_CAUSE_CONCERNING
HIGH, LOW = Variation.SPECIAL_CAUSE_HIGH, Variation.SPECIAL_CAUSE_LOW
COMMON = Variation.COMMON_CAUSE
PASSING, FAILING = Assurance.CONSISTENTLY_PASSING, Assurance.CONSISTENTLY_FAILING
HIT_AND_MISS = Assurance.HIT_AND_MISS

# Twelve points alternating 0 and 3: mean 18/12 = 1.5; eleven moving ranges of 3, AMR 3;
# process limits 1.5 -/+ 2.66 * 3 = -6.48 and 9.48; 2-sigma lines 1.5 -/+ (2/3) * 7.98 =
# 1.5 -/+ 5.32 = -3.82 and 6.82. Fixed as a baseline, later points do not move them.
BASELINE = "0 3 0 3 0 3 0 3 0 3 0 3"


def figures(text):
    """Figures written as space-separated numbers."""
    return [Decimal(v) for v in text.split()]


def exact(fraction):
    """A fraction rounded once to 28 significant digits, as the chart reports figures."""
    with exact_arithmetic():
        return Decimal(fraction.numerator) / Decimal(fraction.denominator)


def after_baseline(tail, **settings):
    """A chart of the fixed baseline followed by ``tail``."""
    return xmr(figures(f"{BASELINE} {tail}"), baseline=12, **{"polarity": "neutral", **settings})


def flagged(chart, rule):
    """The positions of the points that ``rule`` flagged."""
    return [point.index for point in chart.points if rule in point.rules]


SPIKE = "10 12 10 12 10 12 10 12 10 12 10 12 24"

# series, screening, mean, lower limit, upper limit, screened positions
LIMITS = [
    (
        SPIKE,
        True,
        Fraction(156, 13),
        Fraction(12) - Fraction("2.66") * Fraction(22, 11),
        Fraction(12) + Fraction("2.66") * Fraction(22, 11),
        (12,),
    ),  # ranges 11 x 2 and 12: AMR 34/12; 12 >= 3.267 * 34/12 = 9.2565, so AMR 22/11
    (
        SPIKE,
        False,
        Fraction(12),
        Fraction(12) - Fraction("2.66") * Fraction(34, 12),
        Fraction(12) + Fraction("2.66") * Fraction(34, 12),
        (),
    ),  # unscreened, as the Making Data Count Excel tool: AMR 34/12
    (
        "10 12 10 12 10 12 10 12 10 12 10 12 11",
        True,
        Fraction(143, 13),
        Fraction(11) - Fraction("2.66") * Fraction(23, 12),
        Fraction(11) + Fraction("2.66") * Fraction(23, 12),
        (),
    ),  # ranges 11 x 2 and 1: AMR 23/12; none reaches 3.267 * 23/12
    (
        "0 0.733 0 0.733 10.534",
        True,
        Fraction(12, 5),
        Fraction(12, 5) - Fraction("2.66") * Fraction("2.199") / 3,
        Fraction(12, 5) + Fraction("2.66") * Fraction("2.199") / 3,
        (4,),
    ),  # AMR (3 * 0.733 + 9.801) / 4 = 3, and 9.801 is exactly 3.267 * 3: at it, screened
    (
        "0 0.733 0 0.733 10.533",
        True,
        Fraction("11.999") / 5,
        Fraction("11.999") / 5 - Fraction("2.66") * Fraction("11.999") / 4,
        Fraction("11.999") / 5 + Fraction("2.66") * Fraction("11.999") / 4,
        (),
    ),  # AMR 11.999 / 4 = 2.99975; 9.8 is below 3.267 * 2.99975 = 9.80018: kept
    (
        "7 7 7 7 7",
        True,
        Fraction(7),
        Fraction(7),
        Fraction(7),
        (),
    ),  # no variation at all: every range is 0, none is screened, the limits close up
]


@pytest.mark.parametrize(("text", "screen", "mean", "lower", "upper", "screened"), LIMITS)
def test_limits_with_and_without_screening(text, screen, mean, lower, upper, screened):
    """The mean, the limits and the screened ranges are those worked out by hand."""
    chart = xmr(figures(text), polarity="neutral", screen_outliers=screen, minimum_points=2)
    assert (chart.mean, chart.lower_limit, chart.upper_limit) == (
        exact(mean),
        exact(lower),
        exact(upper),
    )
    assert chart.segments[0].screened == screened


def test_two_sigma_lines_are_two_thirds_of_the_way_to_the_limits():
    """The 2-sigma lines lie (2/3) * 2.66 * AMR from the mean: 1.5 -/+ 5.32 here."""
    segment = after_baseline("2").segments[0]
    assert (segment.lower_two_sigma, segment.upper_two_sigma) == (Decimal("-3.82"), Decimal("6.82"))
    assert (segment.mean, segment.average_moving_range) == (Decimal("1.5"), Decimal(3))


# tail after the baseline, positions flagged outside the limits
OUTSIDE = [
    ("9.48", []),  # exactly on the upper limit: inside
    ("9.49", [12]),  # just above it
    ("-6.48", []),  # exactly on the lower limit: inside
    ("-6.49", [12]),  # just below it
    ("2 20 2", [13]),  # one point far out
]


@pytest.mark.parametrize(("tail", "positions"), OUTSIDE)
def test_outside_the_limits(tail, positions):
    """A point beyond a process limit is flagged; one on the limit is not."""
    assert flagged(after_baseline(tail), Rule.OUTSIDE_LIMITS) == positions


# series, trend length, positions flagged as a trend
TRENDS = [
    ("1 2 3 4 5 6 7", 7, [0, 1, 2, 3, 4, 5, 6]),  # seven rising points
    ("1 2 3 4 5 6", 7, []),  # six are not enough
    ("1 2 3 4 5 6", 6, [0, 1, 2, 3, 4, 5]),  # unless the trend length is six
    ("7 6 5 4 3 2 1", 7, [0, 1, 2, 3, 4, 5, 6]),  # seven falling points
    ("1 2 3 3 4 5 6 7", 7, []),  # an equal neighbour breaks the trend: 3 and 5 points
    ("2 1 2 3 4 5 6 7 3", 7, [1, 2, 3, 4, 5, 6, 7]),  # NHSRplotthedots' own edge case
    ("1 2 3 4 5 6 7 8 9", 7, [0, 1, 2, 3, 4, 5, 6, 7, 8]),  # a longer trend, all flagged
]


@pytest.mark.parametrize(("text", "length", "positions"), TRENDS)
def test_trends(text, length, positions):
    """A trend of the given length flags all its points; an equal neighbour breaks it."""
    chart = xmr(figures(text), polarity="neutral", trend_length=length, minimum_points=2)
    assert flagged(chart, Rule.TREND) == positions


def test_a_peak_between_two_trends_takes_the_later_direction():
    """The point shared by a rising and a falling trend counts as falling, as in the R tool."""
    chart = after_baseline("1 2 3 4 5 6 7 6 5 4 3 2 1", polarity="higher_is_better")
    assert flagged(chart, Rule.TREND) == list(range(12, 25))  # all inside -6.48 to 9.48
    variations = [point.variation for point in chart.points[12:]]
    assert variations == [IMPROVING] * 6 + [CONCERNING] * 7


# series, run length, positions flagged as a run
RUNS = [
    ("1 1 1 1 1 1 1 -1 -1 -1 -1 -1 -1 -1", 7, list(range(14))),  # 7 above, 7 below mean 0
    ("1 1 1 1 1 1 -1 -1 -1 -1 -1 -1", 7, []),  # six on each side are not enough
    ("1 1 1 1 1 1 -1 -1 -1 -1 -1 -1", 6, list(range(12))),  # unless the run length is six
    ("1 1 1 0 1 1 1 1 -1 -1 -1 -1 -1 -1 -1", 7, [8, 9, 10, 11, 12, 13, 14]),  # 0 is on the
    # mean (7 - 7 = 0) and breaks the run above into 3 and 4; the 7 below still count
]


@pytest.mark.parametrize(("text", "length", "positions"), RUNS)
def test_runs(text, length, positions):
    """A run on one side of the mean flags all its points; a point on the mean breaks it."""
    chart = xmr(figures(text), polarity="neutral", run_length=length, minimum_points=2)
    assert flagged(chart, Rule.RUN) == positions


# tail after the baseline (last baseline point: 3), counting points beyond the limits,
# positions flagged by two of three
TWO_OF_THREE = [
    ("7 2 7", False, [12, 14]),  # 7 > 6.82 twice, 2 above the mean 1.5: all on one side
    ("6.82 2 7", False, []),  # 6.82 is on the 2-sigma line, not beyond it: only one
    ("7 1 7", False, []),  # 1 is below the mean: the three are not on one side
    ("7 7", False, [12, 13]),  # the window 3, 7, 7: two beyond the line
    ("10 2 7", False, []),  # 10 is beyond the limit 9.48: it does not count by default
    ("10 2 7", True, [12, 14]),  # but counts in the newer Making Data Count variant
    ("9.48 2 7", False, [12, 14]),  # on the limit is not beyond it: it counts either way
    ("-4 1 -4", False, [12, 14]),  # -4 < -3.82 twice, and 1 is below the mean 1.5 too
    ("-4 2 -4", False, []),  # 2 is above the mean: the three are not on one side
    ("0 -4 1 -4", False, [13, 15]),  # 0, -4, 1, -4: the last three below, -4 < -3.82 twice
]


@pytest.mark.parametrize(("tail", "beyond", "positions"), TWO_OF_THREE)
def test_two_of_three(tail, beyond, positions):
    """Two of three beyond a 2-sigma line, all three on its side, flags the two."""
    chart = after_baseline(tail, two_of_three_beyond_limits=beyond)
    assert flagged(chart, Rule.TWO_OF_THREE) == positions


def test_rules_are_listed_in_priority_order():
    """A point flagged by several rules lists them all, and the first gives its verdict."""
    chart = after_baseline("20 7 7 8 9 10 11 12", polarity="lower_is_better")
    point = chart.points[17]  # 10: above 9.48, rising since 7 (five), above the mean
    assert point.rules == (Rule.OUTSIDE_LIMITS, Rule.RUN)
    assert point.variation is CONCERNING
    assert chart.points[15].rules == (Rule.TWO_OF_THREE, Rule.RUN)  # 8 after 7, 7


def test_a_fixed_baseline_extends_its_limits_forward():
    """Points after the baseline are judged against it and do not move its limits."""
    chart = after_baseline("100 200")
    assert (chart.mean, chart.lower_limit, chart.upper_limit) == (
        Decimal("1.5"),
        Decimal("-6.48"),
        Decimal("9.48"),
    )
    assert chart.segments[0].baseline == 12
    assert flagged(chart, Rule.OUTSIDE_LIMITS) == [12, 13]
    unfixed = xmr(figures(f"{BASELINE} 100 200"), polarity="neutral")
    assert unfixed.mean == exact(Fraction(18 + 300, 14))  # the figures of all 14 points


def quarters(count):
    """``count`` quarters in order, ending with Q4 2024/25."""
    found = [Period.parse("Q4 2024/25")]
    while len(found) < count:
        found.append(found[-1].previous())
    return found[::-1]


def test_rebased_segments_each_get_their_own_limits():
    """A rebase starts a segment; moving ranges never cross from one to the next."""
    text = f"{BASELINE} 10 13 10 13 10 13 10 13 10 13 10 13"
    periods = quarters(24)
    for rebase in ([12], [periods[12]]):
        chart = xmr(
            figures(text), polarity="neutral", periods=periods, rebase=rebase, minimum_points=12
        )
        first, second = chart.segments
        assert (first.start, first.stop, second.start, second.stop) == (0, 12, 12, 24)
        assert (first.mean, first.lower_limit, first.upper_limit) == (
            Decimal("1.5"),
            Decimal("-6.48"),
            Decimal("9.48"),
        )
        # 138/12 = 11.5, and eleven ranges of 3: the jump of 7 at the rebase is not one
        assert (chart.mean, chart.lower_limit, chart.upper_limit) == (
            Decimal("11.5"),
            Decimal("3.52"),
            Decimal("19.48"),
        )
        assert {point.segment for point in chart.points[12:]} == {1}
    whole = xmr(figures(text), polarity="neutral")
    # 23 ranges: 22 of 3 and the jump of 7 (below 3.267 * 73/23, so kept)
    assert whole.upper_limit == exact(Fraction(156, 24) + Fraction("2.66") * Fraction(73, 23))


def test_a_break_in_series_starts_a_segment():
    """An observation marked as a break in series rebases the chart there."""
    periods = quarters(24)
    values = figures(f"{BASELINE} 10 13 10 13 10 13 10 13 10 13 10 13")
    observations = [
        Observation(
            measure_ref="M1",
            period=period,
            value=value,
            status=ObservationStatus.BREAK if index == 12 else ObservationStatus.NORMAL,
        )
        for index, (period, value) in enumerate(zip(periods, values, strict=True))
    ]
    chart = xmr(observations, polarity="neutral", minimum_points=12)
    assert [segment.start for segment in chart.segments] == [0, 12]
    assert chart.mean == Decimal("11.5")
    assert chart.points[12].period == periods[12]


def test_observations_without_a_figure_are_gaps():
    """A missing figure is no point; the chart lists its period among the gaps."""
    periods = quarters(3)
    observations = [
        Observation(measure_ref="M1", period=periods[0], value=Decimal(1)),
        Observation(measure_ref="M1", period=periods[1]),
        Observation(measure_ref="M1", period=periods[2], value=Decimal(3)),
    ]
    chart = xmr(observations, polarity="neutral", minimum_points=2)
    assert chart.values == (Decimal(1), Decimal(3))
    assert chart.gaps == (periods[1],)
    assert chart.mean == Decimal(2)


# count of points, minimum, whether judged
MINIMUM = [
    (12, 13, False),  # Making Data Count shows limits from 13 points
    (13, 13, True),  # at 13 it does
    (5, 5, True),  # the minimum is a setting
]


@pytest.mark.parametrize(("count", "minimum", "judged"), MINIMUM)
def test_fewer_points_than_the_minimum_give_no_judgement(count, minimum, judged):
    """Below the minimum there are no limits, no flags and no icons, and the chart says why."""
    values = figures(" ".join(["1 2"] * count))[:count]
    chart = xmr(values, polarity="higher_is_better", target=Decimal(-2), minimum_points=minimum)
    assert chart.segments[0].judged is judged
    if judged:
        assert chart.variation is COMMON
        assert chart.assurance is PASSING
        return
    assert (chart.mean, chart.lower_limit, chart.upper_limit) == (None, None, None)
    assert chart.variation is None
    assert chart.assurance is None
    assert chart.explanation == "no judgement: 12 points, and process limits need at least 13"
    assert chart.assurance_explanation == "no assurance: too few points to judge"
    assert {point.variation for point in chart.points} == {None}


def test_a_short_last_segment_says_where_it_starts():
    """After a rebase, a last segment below the minimum is named by its first period."""
    periods = quarters(18)
    chart = xmr(
        figures(f"{BASELINE} 1 2 1 2 1 2"),
        polarity="neutral",
        periods=periods,
        rebase=[periods[12]],
        minimum_points=12,
    )
    assert chart.segments[0].judged
    assert chart.explanation == (
        f"no judgement: 6 points since {periods[12]}, and process limits need at least 12"
    )


# polarity, tail after the baseline, variation of the last point
ICONS = [
    ("higher_is_better", "20", IMPROVING),  # above the limit, and higher is better
    ("higher_is_better", "-20", CONCERNING),  # below it
    ("higher_is_better", "2", COMMON),  # within the limits
    ("lower_is_better", "20", CONCERNING),  # above, and lower is better
    ("lower_is_better", "-20", IMPROVING),  # below
    ("lower_is_better", "2", COMMON),  # within
    ("neutral", "20", HIGH),  # a neutral measure is high
    ("neutral", "-20", LOW),  # or low
    ("neutral", "2", COMMON),  # or common cause
]


@pytest.mark.parametrize(("polarity", "tail", "variation"), ICONS)
def test_every_variation_icon_for_each_polarity(polarity, tail, variation):
    """The last point's verdict, read through the polarity."""
    assert after_baseline(tail, polarity=polarity).variation is variation


# polarity, target, assurance (process limits -6.48 to 9.48)
ASSURANCE = [
    ("higher_is_better", Decimal(-7), PASSING),  # the floor is below the lower limit
    ("higher_is_better", Decimal("-6.48"), HIT_AND_MISS),  # on the limit: not below it
    ("higher_is_better", Decimal(1), HIT_AND_MISS),  # between the limits
    ("higher_is_better", Decimal("9.48"), HIT_AND_MISS),  # on the upper limit
    ("higher_is_better", Decimal(10), FAILING),  # above the upper limit
    ("lower_is_better", Decimal(10), PASSING),  # the ceiling is above the upper limit
    ("lower_is_better", Decimal(1), HIT_AND_MISS),  # between
    ("lower_is_better", Decimal(-7), FAILING),  # below the lower limit
    ("neutral", Decimal(1), None),  # a neutral measure has no side of its target
    ("higher_is_better", None, None),  # no target, no assurance
    ("neutral", (Decimal(-7), Decimal(10)), PASSING),  # both limits inside the range
    ("lower_is_better", (Decimal("-6.48"), Decimal("9.48")), PASSING),  # edges included
    ("neutral", (Decimal(10), Decimal(12)), FAILING),  # range wholly above the limits
    ("neutral", (Decimal(-9), Decimal(-7)), FAILING),  # wholly below
    ("neutral", (Decimal(0), Decimal(12)), HIT_AND_MISS),  # one end within the limits
    ("neutral", (Decimal(-9), Decimal(5)), HIT_AND_MISS),  # the other end
    ("neutral", (Decimal(0), Decimal(5)), None),  # the limits straddle both ends
]


@pytest.mark.parametrize(("polarity", "target", "assurance"), ASSURANCE)
def test_assurance(polarity, target, assurance):
    """The target in force at the last point, against the last segment's limits."""
    assert after_baseline("2", polarity=polarity, target=target).assurance is assurance


# polarity, tail, target, explanation, assurance explanation
SENTENCES = [
    (
        "higher_is_better",
        "2",
        Decimal(-7),
        "common cause variation: 2 is within the process limits of -6.48 to 9.48",
        "consistently passing: the target of -7 is below the lower process limit of -6.48",
    ),  # common cause
    (
        "lower_is_better",
        "20",
        Decimal(10),
        "special cause concern: 20 is above the upper process limit of 9.48",
        "consistently passing: the target of 10 is above the upper process limit of 9.48",
    ),  # outside the limits
    (
        "neutral",
        "7 2 7",
        None,
        "special cause variation, high: 2 of the last 3 points beyond the upper 2-sigma line",
        "no assurance: no target",
    ),  # two of three
    (
        "higher_is_better",
        "-1 0 1 2 3 4 5",
        Decimal(1),
        "special cause improvement: 7 points rising since point 13",
        "hit and miss: the target of 1 lies within the process limits of -6.48 to 9.48",
    ),  # a trend: the 3 at point 12 falls to -1, then seven points rise
    (
        "neutral",
        "2 2 2 2 2 2 2",
        (Decimal(0), Decimal(5)),
        "special cause variation, high: 8 points above the mean since point 12",
        "no assurance: the process limits of -6.48 to 9.48 straddle both ends of the range 0-5",
    ),  # a run: the baseline's last 3 and seven 2s are all above the mean 1.5
]


@pytest.mark.parametrize(("polarity", "tail", "target", "explanation", "why"), SENTENCES)
def test_sentences(polarity, tail, target, explanation, why):
    """Each verdict comes with the sentence that gives its reason."""
    chart = after_baseline(tail, polarity=polarity, target=target)
    assert (chart.explanation, chart.assurance_explanation) == (explanation, why)


def test_a_run_is_explained_from_its_first_period():
    """The sentence names the period where a run began."""
    periods = quarters(20)
    values = figures(f"{BASELINE} 2 2 2 2 2 2 2 2")
    chart = xmr(values, polarity="higher_is_better", periods=periods, baseline=12)
    assert chart.explanation == (
        f"special cause improvement: 9 points above the mean since {periods[11]}"
    )


# values, settings, message, code
ERRORS = [
    ([Decimal(1), 2.5], {}, "a figure is a Decimal or an int, not float: 2.5", "spc_bad_value"),
    ([True], {}, "a figure is a Decimal or an int, not bool: True", "spc_bad_value"),
    (
        [Decimal("NaN")],
        {},
        "a figure is a finite number, not NaN: Decimal('NaN')",
        "spc_bad_value",
    ),  # not a number
    (
        [1, 2],
        {"trend_length": 1},
        "trend_length is a whole number of at least 2, not 1",
        "spc_bad_setting",
    ),
    ([1, 2], {"baseline": 1}, "baseline is a whole number of at least 2, not 1", "spc_bad_setting"),
    (
        [1, 2],
        {"minimum_points": 0},
        "minimum_points is a whole number of at least 2, not 0",
        "spc_bad_setting",
    ),
    ([1, 2], {"periods": quarters(3)}, "3 periods for 2 figures", "spc_bad_setting"),
    (
        [1, 2],
        {"rebase": [2]},
        "a rebase is a period of the series or a position below 2: 2",
        "spc_bad_rebase",
    ),  # past the end
    (
        [1, 2],
        {"rebase": [quarters(1)[0]]},
        "no figure for Q4 2024/25 to rebase at",
        "spc_bad_rebase",
    ),
    (
        [1, 2],
        {"target": (3, 1)},
        "a range target runs from low to high, not (3, 1)",
        "spc_bad_target",
    ),
    (
        [1, 2],
        {"target": (1, 2, 3)},
        "a range target is a pair (low, high), not (1, 2, 3)",
        "spc_bad_target",
    ),
]


@pytest.mark.parametrize(("values", "settings", "message", "code"), ERRORS)
def test_bad_series_and_settings(values, settings, message, code):
    """A series or setting the chart cannot use raises SpcError, quoting what was wrong."""
    with pytest.raises(SpcError) as raised:
        xmr(values, polarity="neutral", **settings)
    assert (str(raised.value), raised.value.code) == (message, code)
    assert isinstance(raised.value, ValueError)


def test_observations_must_be_one_measure_in_period_order():
    """Observations of two measures, or out of order, are refused."""
    first, second = quarters(2)
    a = Observation(measure_ref="A", period=first, value=Decimal(1))
    b = Observation(measure_ref="B", period=second, value=Decimal(1))
    late = Observation(measure_ref="A", period=second, value=Decimal(1))
    with pytest.raises(SpcError, match=r"^one chart is one measure's series: B after A$"):
        xmr([a, b], polarity="neutral")
    with pytest.raises(SpcError) as raised:
        xmr([late, a], polarity="neutral")
    assert raised.value.code == "spc_unordered_periods"
    with pytest.raises(SpcError) as raised:
        xmr([a], polarity="neutral", periods=[first])
    assert raised.value.code == "spc_bad_setting"


def test_an_empty_series_has_no_judgement():
    """No figures: no segment, no limits, no verdict."""
    chart = xmr([], polarity="neutral")
    assert (chart.segments, chart.mean, chart.variation) == ((), None, None)
    assert chart.explanation == "no judgement: no figures"
