"""A policy that chooses SPC: the direction, variation and assurance from each XmR chart.

The hand-worked cases write their limits out as arithmetic; the second route charts the
measure's observations with ``spc.xmr`` directly and checks evaluation agrees with it.
"""

import pickle
from decimal import Decimal

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_scorecard import (
    Direction,
    Measure,
    Observation,
    ObservationStatus,
    Period,
    RagPolicy,
    Scorecard,
    SpcSettings,
    TargetSetting,
    evaluate,
    evaluate_all,
)
from kpi_scorecard.serializers import csv, json
from kpi_scorecard.spc import Assurance, Variation, xmr

START = Period.parse("Mar 2019")
YEAR = Period.parse("2019/20")
SPC = RagPolicy(direction="spc")
IMPROVING, CONCERNING = Variation.SPECIAL_CAUSE_IMPROVING, Variation.SPECIAL_CAUSE_CONCERNING
COMMON = Variation.COMMON_CAUSE
DIRECTIONS = {
    None: Direction.NOT_COMPARABLE,
    COMMON: Direction.NO_CHANGE,
    IMPROVING: Direction.IMPROVING,
    CONCERNING: Direction.WORSENING,
    Variation.SPECIAL_CAUSE_HIGH: Direction.INCREASING,
    Variation.SPECIAL_CAUSE_LOW: Direction.DECREASING,
}


def months(count):
    """``count`` months from March 2019 on."""
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return [Period.parse(f"{names[(2 + i) % 12]} {2019 + (2 + i) // 12}") for i in range(count)]


def monthly(text, *, polarity="lower_is_better", target=None, aggregation="latest", breaks=()):
    """A one-measure scorecard of monthly figures from March 2019, the 2019/20 target given.

    ``breaks`` are the positions whose figure is marked as a break in series.
    """
    values = text.split()
    periods = months(len(values))
    return Scorecard(
        measures=[Measure(reference="M", polarity=polarity, aggregation=aggregation, unit="count")],
        targets=[TargetSetting(measure_ref="M", period="2019/20", target=target)]
        if target is not None
        else [],
        observations=[
            Observation(
                measure_ref="M",
                period=period,
                value=Decimal(value) if value != "-" else None,
                status=ObservationStatus.MISSING
                if value == "-"
                else (ObservationStatus.BREAK if at in breaks else ObservationStatus.NORMAL),
            )
            for at, (period, value) in enumerate(zip(periods, values, strict=True))
        ],
    )


def last(card, policy=SPC):
    """The assessment of the card's last month (March 2020 for thirteen figures)."""
    return evaluate(card, card.periods[-1], policy=policy)["M"]


# Twelve months alternating 5 and 6, then 12. Sum 30 + 36 + 12 = 78 over 13: mean 6.
# Moving ranges: eleven of 1 and one of 6, sum 17, AMR 17/12; 6 >= 3.267 * 17/12 = 4.628,
# so it is screened and the AMR is 11/11 = 1: limits 6 -/+ 2.66 = 3.34 and 8.66.
SPIKE = "5 6 5 6 5 6 5 6 5 6 5 6 12"


def test_a_point_above_the_limit_is_worsening_when_lower_is_better():
    """12 above the upper limit of 8.66 is special cause concern: the direction worsens."""
    rated = last(monthly(SPIKE))
    assert (rated.direction, rated.variation, rated.assurance) == (
        Direction.WORSENING,
        CONCERNING,
        None,
    )
    assert rated.direction_explanation == (
        "XmR chart of 13 figures to March 2020: special cause concern: 12 is above the upper "
        "process limit of 8.66; no assurance: no target"
    )


def test_the_same_point_improves_when_higher_is_better():
    """Polarity turns the same flagged point into improvement."""
    rated = last(monthly(SPIKE, polarity="higher_is_better"))
    assert (rated.direction, rated.variation) == (Direction.IMPROVING, IMPROVING)


def test_a_neutral_measure_increases():
    """A neutral measure's special cause high is an increase."""
    rated = last(monthly(SPIKE, polarity="neutral"))
    assert (rated.direction, rated.variation) == (
        Direction.INCREASING,
        Variation.SPECIAL_CAUSE_HIGH,
    )


def test_common_cause_is_no_change_though_the_figure_moved():
    """A move within the limits is no change, where the change rule would call it one."""
    card = monthly("5 6 5 6 5 6 5 6 5 6 5 6 5")  # mean 71/13, AMR 1: nothing flagged
    by_spc, by_change = last(card), last(card, RagPolicy())
    assert (by_spc.direction, by_spc.variation) == (Direction.NO_CHANGE, COMMON)
    assert by_change.direction is Direction.IMPROVING  # 6 to 5, lower is better
    assert by_spc.change == by_change.change == Decimal(-1)  # the change is still reported
    assert by_change.variation is None
    assert by_change.assurance is None


# series, target, assurance, why (limits 3.34 to 8.66 as above, screened)
ASSURANCE = [
    (SPIKE, "<=10", Assurance.CONSISTENTLY_PASSING, "the target of 10 is above the upper"),
    (SPIKE, "<=3", Assurance.CONSISTENTLY_FAILING, "the target of 3 is below the lower"),
    (SPIKE, "<=6", Assurance.HIT_AND_MISS, "the target of 6 lies within"),
    (SPIKE, "2-9", Assurance.CONSISTENTLY_PASSING, "lie within the range 2-9"),  # both inside
    (SPIKE, "4-5", None, "straddle both ends of the range 4-5"),
]


@pytest.mark.parametrize(("series", "target", "expected", "why"), ASSURANCE)
def test_assurance_reads_the_target_in_force_against_the_limits(series, target, expected, why):
    """The 2019/20 target, a ceiling or a range, against limits of 3.34 to 8.66."""
    rated = last(monthly(series, target=target))
    assert rated.assurance is expected
    assert why in rated.direction_explanation


def test_the_chart_an_assessment_redraws_carries_the_target_in_force():
    """The chart read back from an assessment is drawn with the setting it was rated on."""
    rated = last(monthly(SPIKE, target="<=6"))
    assert rated.spc_chart().target == Decimal(6)
    assert last(monthly(SPIKE)).spc_chart().target is None


# target, aggregation, why there is no assurance
NO_ASSURANCE = [
    (">=6", "latest", "the target >=6 points against the measure's polarity"),
    (
        "100 per qtr",
        "latest",
        "the target 100 per quarter is not a level to compare the limits with",
    ),
    ("60", "sum", "the target 60 is for 2019/20, not for each month's figure"),
]


@pytest.mark.parametrize(("target", "aggregation", "why"), NO_ASSURANCE)
def test_targets_that_are_no_level_for_the_figures_give_no_assurance(target, aggregation, why):
    """A floor on a lower-is-better measure, a change target, an annual sum: no assurance."""
    rated = last(monthly(SPIKE, target=target, aggregation=aggregation))
    assert rated.assurance is None
    assert rated.variation is CONCERNING
    assert rated.direction_explanation.endswith(f"; no assurance: {why}")


def test_too_few_points_give_no_verdict_and_say_why():
    """Twelve figures are one short of the 13 the limits need: not comparable."""
    rated = last(monthly("5 6 5 6 5 6 5 6 5 6 5 12", target="<=10"))
    assert (rated.direction, rated.variation, rated.assurance) == (
        Direction.NOT_COMPARABLE,
        None,
        None,
    )
    assert rated.direction_explanation == (
        "XmR chart of 12 figures to February 2020: no judgement: 12 points, and process limits "
        "need at least 13; no assurance: too few points to judge"
    )


def test_the_minimum_is_a_setting():
    """With a minimum of 12, the same twelve figures are judged."""
    policy = RagPolicy(direction="spc", spc=SpcSettings(minimum_points=12))
    rated = last(monthly("5 6 5 6 5 6 5 6 5 6 5 12"), policy)
    assert rated.variation is not None


def test_a_break_in_series_starts_a_segment_too_short_to_judge():
    """The 14th figure, marked as a break, starts a segment of one point: no judgement."""
    card = monthly(f"{SPIKE} 30", breaks=(13,))
    rated = last(card)
    assert (rated.direction, rated.variation) == (Direction.NOT_COMPARABLE, None)
    assert "no judgement: 1 point since April 2020" in rated.direction_explanation
    before = evaluate(card, "Mar 2020", policy=SPC)["M"]  # the month before the break
    assert before.variation is CONCERNING


def test_a_break_in_series_judges_the_new_segment_on_its_own():
    """Thirteen figures after a break are charted apart from the ones before."""
    after = "5 6 5 6 5 6 5 6 5 6 5 6 5"
    card = monthly(f"40 41 40 {after}", breaks=(3,))  # without the break 5 would be far below
    rated = last(card)
    assert (rated.direction, rated.variation) == (Direction.NO_CHANGE, COMMON)
    assert rated.spc_chart().segments[-1].mean == Decimal(71) / 13


def test_a_gap_is_no_point_and_a_month_without_a_figure_is_not_charted():
    """A missing month is left out of later charts, and its own month is not comparable."""
    card = monthly(f"5 - {SPIKE}")
    rated = last(card)
    assert rated.spc_chart().values == tuple(Decimal(v) for v in f"5 {SPIKE}".split())
    missing = evaluate(card, "Apr 2019", policy=SPC)["M"]
    assert missing.direction is Direction.NOT_COMPARABLE
    assert missing.direction_explanation == "no value for April 2019 to chart"
    assert missing.spc_chart() is None


def test_only_figures_up_to_the_period_and_of_its_kind_are_charted():
    """A later month and a quarter of the same measure stay out of a month's chart."""
    card = monthly(f"{SPIKE} 1 2 3")
    quarter = Observation(measure_ref="M", period="Q1 2019/20", value=Decimal(100))
    card = Scorecard(measures=card.measures, observations=(*card.observations, quarter))
    rated = evaluate(card, "Mar 2020", policy=SPC)["M"]
    assert len(rated.spc_chart().values) == 13
    assert rated.variation is CONCERNING


def test_status_rules_see_the_spc_direction():
    """A rule conditioned on improving applies only when the chart says improving."""
    rules = "green if met; amber if within 50% and improving; red otherwise"
    card = monthly("5 6 5 6 5 6 5 6 5 6 5 6 5", target="<=4")  # 5 misses 4 by 1 (25%)
    by_change = last(card, RagPolicy(rules=rules))
    by_spc = last(card, RagPolicy(rules=rules, direction="spc"))
    assert (by_change.direction, by_change.status.value) == (Direction.IMPROVING, "amber")
    assert (by_spc.direction, by_spc.status.value) == (Direction.NO_CHANGE, "red")


def test_the_settings_reach_the_chart():
    """A run of 6 flags six points below the mean that the default run of 7 does not."""
    # Limits fixed on the first twelve: mean 126/12 = 10.5, eleven moving ranges of 1,
    # AMR 1: limits 10.5 -/+ 2.66, 2-sigma lines 10.5 -/+ 1.77. Six 10s follow the last
    # 11: inside every line, equal neighbours (no trend), six below the mean.
    card = monthly("10 11 " * 6 + "10 " * 6, polarity="higher_is_better")
    six = RagPolicy(direction="spc", spc=SpcSettings(baseline=12, run_length=6))
    seven = RagPolicy(direction="spc", spc=SpcSettings(baseline=12))
    assert last(card, six).variation is CONCERNING
    assert "6 points below the mean since March 2020" in last(card, six).direction_explanation
    assert last(card, seven).variation is COMMON


def test_spc_settings_need_the_spc_direction():
    """Settings given to a policy that reads the change are refused, with their code."""
    with pytest.raises(pydantic.ValidationError) as caught:
        RagPolicy(spc=SpcSettings(run_length=6))
    assert caught.value.errors()[0]["type"] == "spc_settings_unused"
    with pytest.raises(pydantic.ValidationError):
        SpcSettings(trend_length=1)
    assert hash(RagPolicy(direction="spc")) != hash(RagPolicy())


def test_json_writes_and_reads_the_verdicts_and_the_policy():
    """A report rated by SPC reads back equal, its verdicts and SPC settings included."""
    policy = RagPolicy(direction="spc", spc=SpcSettings(run_length=6, screen_outliers=False))
    report = evaluate(monthly(SPIKE, target="<=6"), "Mar 2020", policy=policy)
    text = json.dumps(report)
    assert '"variation": "special_cause_concerning"' in text
    assert '"assurance": "hit_and_miss"' in text
    back = json.loads(text)
    assert back == report
    assert back.policy == policy
    assert back["M"].spc_chart() is None  # the verdicts, not the series, travel


def test_csv_writes_and_reads_the_verdicts_and_the_policy():
    """The report CSV has variation and assurance columns and the policy's SPC settings."""
    policy = RagPolicy(direction="spc", spc=SpcSettings(baseline=12))
    report = evaluate(monthly(SPIKE, target="<=6"), "Mar 2020", policy=policy)
    text = csv.dumps(report)
    assert ",special_cause_concerning,hit_and_miss," in text
    back = csv.loads(text)
    assert back == report
    assert back.policy == policy


def test_pickle_keeps_the_verdicts_and_copies_compare_equal():
    """A pickled assessment keeps its verdicts; a copy keeps its chart."""
    rated = last(monthly(SPIKE, target="<=6"))
    back = pickle.loads(pickle.dumps(rated))  # noqa: S301 - our own bytes
    assert back == rated
    assert back.variation is CONCERNING
    assert back.spc_chart() is None
    assert rated.model_copy().spc_chart() == rated.spc_chart()


def test_the_notebook_shows_the_chart_when_spc_was_used():
    """The HTML of an SPC assessment holds its chart; a change assessment's does not."""
    card = monthly(SPIKE)
    html = last(card)._repr_html_()
    spc = html[html.index('<div class="kpi-spc">') :]
    assert spc.count("<svg") == 1
    assert spc.count("<circle") == 13
    assert "kpi-spc" not in last(card, RagPolicy())._repr_html_()


def test_a_change_policy_carries_no_verdicts():
    """Without SPC, variation and assurance are None and no chart is drawn."""
    rated = last(monthly(SPIKE, target="<=6"), RagPolicy())
    assert (rated.variation, rated.assurance, rated.spc_chart()) == (None, None, None)


SERIES = st.lists(
    st.one_of(st.integers(min_value=-50, max_value=50), st.none()), min_size=1, max_size=24
)
POLARITIES = st.sampled_from(["higher_is_better", "lower_is_better", "neutral"])
SPC_SETTINGS = st.builds(
    SpcSettings,
    screen_outliers=st.booleans(),
    trend_length=st.integers(min_value=2, max_value=8),
    run_length=st.integers(min_value=2, max_value=8),
    two_of_three_beyond_limits=st.booleans(),
    minimum_points=st.integers(min_value=2, max_value=14),
    baseline=st.one_of(st.none(), st.integers(min_value=2, max_value=12)),
)
TARGETS = st.one_of(st.none(), st.integers(min_value=-50, max_value=50).map(str))


@settings(max_examples=60, deadline=None)
@given(SERIES, st.sets(st.integers(min_value=0, max_value=23)), POLARITIES, SPC_SETTINGS, TARGETS)
def test_every_period_agrees_with_xmr_on_the_observations_so_far(
    values, breaks, polarity, spc, target
):
    """evaluate_all's verdicts are xmr's on the observations up to each period (second route)."""
    text = " ".join("-" if v is None else str(v) for v in values)
    card = monthly(text, polarity=polarity, target=target, breaks=breaks & set(range(len(values))))
    policy = RagPolicy(direction="spc", spc=spc)
    reports = evaluate_all(card, policy=policy)
    observations = card.observations_for("M")
    for at, (period, report) in enumerate(reports.items()):
        rated = report["M"]
        if observations[at].point is None:
            assert (rated.direction, rated.variation, rated.assurance) == (
                Direction.NOT_COMPARABLE,
                None,
                None,
            )
            continue
        goal = None
        if target is not None and YEAR.contains(period):
            goal = Decimal(target)
        chart = xmr(
            observations[: at + 1],
            polarity=polarity,
            target=goal,
            **spc.model_dump(),
        )
        assert rated.variation is chart.variation
        assert rated.assurance is chart.assurance
        assert rated.direction is DIRECTIONS[chart.variation]
        assert chart.explanation in rated.direction_explanation
    last_period = card.periods[-1]
    assert evaluate(card, last_period, policy=policy) == reports[last_period]
