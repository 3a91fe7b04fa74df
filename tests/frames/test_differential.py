"""evaluate_frame gives the object engine's answers: the same scorecards rated both ways.

Hypothesis builds scorecards of every target kind, polarity, aggregation and profile, with
bands, running totals, ratios, missing, provisional and break-in-series figures; each is
rated by ``kpi_scorecard.evaluate`` and by ``evaluate_frame`` on every backend, and the
statuses, directions, margins, changes, years to date and forecasts must agree.

The figures are floats in frames. The object engine rounds a profile's share to 28
digits, so where a share of a third meets a figure that is exactly a third of the target,
its margin is a hair (1e-27) off zero; the frame engine counts a margin that small as zero
(docs/how-to/dataframes.md, "Exact figures"). Rows whose decisive margin is such a hair
are left out of the comparison (``hairline``); every other row must agree exactly in
status and to 1e-9 in figures.
"""

import math
import warnings
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_scorecard import (
    Band,
    ChangeTarget,
    Comparator,
    CumulativeTarget,
    Measure,
    NotApplicable,
    NoTarget,
    Observation,
    ObservationStatus,
    Period,
    Profile,
    RagPolicy,
    RangeTarget,
    Scorecard,
    TargetSetting,
    ThresholdTarget,
    Tolerance,
    evaluate,
)
from kpi_scorecard.frames import evaluate_frame, to_frame

from .backends import as_backend, to_polars

pytestmark = pytest.mark.frames

# Spark runs in a step of its own (pytest -m spark): a JVM, and seconds a query.
BACKENDS = ("pandas", "polars", "polars-lazy", "duckdb", "pyarrow",
            pytest.param("spark", marks=pytest.mark.spark))  # fmt: skip

# Few figures, so that values on a target, or a tolerance's width from it, turn up often:
# 5% of 20 and 10 points from 20 land on figures of the list, as do 5% of 10 and 1 point.
POOL = ["-1", "0", "0.5", "1", "5", "9", "9.5", "10", "10.5", "11", "19", "20", "21", "30"]
figures = st.sampled_from([Decimal(text) for text in POOL])
positive = st.sampled_from([Decimal(text) for text in ("0.5", "1", "2", "5", "10", "20")])


@st.composite
def bands(draw):
    """A band of two different figures."""
    low = draw(figures)
    return Band(low=low, high=low + draw(positive))


@st.composite
def targets(draw):
    """Any target kind, with figures near the values."""
    kind = draw(st.sampled_from(["threshold", "threshold", "range", "range", "cumulative",
                                 "cumulative", "change", "na", "none"]))  # fmt: skip
    if kind == "threshold":
        comparator = draw(st.one_of(st.none(), st.sampled_from(Comparator)))
        return ThresholdTarget(value=draw(figures), comparator=comparator)
    if kind == "range":
        low = draw(figures)
        return RangeTarget(low=low, high=low + draw(positive))
    if kind == "cumulative":
        return CumulativeTarget(value=draw(figures))
    if kind == "change":
        return ChangeTarget(
            amount=draw(positive), per=draw(st.sampled_from(["quarter", "year", "month"]))
        )
    return NotApplicable() if kind == "na" else NoTarget()


profiles = st.one_of(
    st.none(),
    st.sampled_from(
        [Profile.parse("1:1:1:1"), Profile.parse("1:1:2:2"), Profile.parse("0:0:0.5:1.5"),
         Profile.parse("1:1:1:1:1:1:2:2:2:2:2:2")]
    ),
)  # fmt: skip
statuses = st.sampled_from(
    [ObservationStatus.NORMAL] * 4
    + [ObservationStatus.PROVISIONAL, ObservationStatus.BREAK, ObservationStatus.ESTIMATED]
)
missing = st.sampled_from([ObservationStatus.MISSING, ObservationStatus.SUPPRESSED])


@st.composite
def observation_fields(draw):
    """A figure (or band, or nothing) with a status, maybe a running total and a ratio."""
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        return {"status": draw(missing)}
    fields = {
        "value": draw(st.one_of(figures, figures, bands())),
        "status": draw(statuses),
        "cumulative": draw(st.one_of(st.none(), figures)),
    }
    if draw(st.booleans()):
        numerator = draw(positive)
        fields["numerator"] = numerator
        fields["denominator"] = numerator + draw(st.sampled_from([Decimal(0), Decimal(1),
                                                                  Decimal(10)]))  # fmt: skip
    return fields


tolerances = st.one_of(
    st.sampled_from(["0%", "3%", "5%", "10%", "50%"]).map(Tolerance.parse),
    st.sampled_from(["0 points", "1 point", "2.5 points", "10 points"]).map(Tolerance.parse),
)
policies = st.builds(
    RagPolicy,
    tolerance=tolerances,
    yellow_tolerance=st.one_of(st.none(), tolerances),
    minimum_change=st.sampled_from(
        [Tolerance.none(), Tolerance.parse("1 point"), Tolerance.parse("5%")]
    ),
    comparison=st.sampled_from(["previous_period", "same_period_last_year"]),
)


@st.composite
def scorecards(draw):
    """Up to three measures with quarterly (and some yearly) figures over two years."""
    quarters = [Period.financial_quarter(year, q) for year in (2018, 2019) for q in (1, 2, 3, 4)]
    years = [Period.financial_year(2018), Period.financial_year(2019)]
    # A few months and a snapshot: months add up to a year to date of their own, and a
    # change target cannot be rated on a snapshot.
    others = [Period.month(2019, 4), Period.month(2019, 5), Period.month(2019, 3),
              Period.parse("As at 30/06/2019")]  # fmt: skip
    measures, settings_, observations = [], [], []
    for number in range(draw(st.integers(min_value=1, max_value=3))):
        reference = f"M{number}"
        measures.append(
            Measure(
                reference=reference,
                unit=draw(st.sampled_from(["count", "percent"])),
                polarity=draw(st.sampled_from(["higher_is_better", "lower_is_better",
                                               "neutral"])),
                aggregation=draw(st.sampled_from(["sum", "mean", "ratio", "latest",
                                                  "already_cumulative", "min", "max"])),
            )
        )  # fmt: skip
        # Mostly a target for each year, sometimes one for a quarter beside it.
        chosen = draw(st.sets(st.sampled_from([*years, *years, quarters[0], quarters[5]]),
                              min_size=1, max_size=3))  # fmt: skip
        settings_.extend(
            TargetSetting(measure_ref=reference, period=period, target=draw(targets()),
                          profile=draw(profiles))
            for period in chosen
        )  # fmt: skip
        observed = draw(st.sets(st.sampled_from([*quarters, *quarters, *years, *others]),
                                min_size=1, max_size=10))  # fmt: skip
        observations.extend(
            Observation(measure_ref=reference, period=period, **draw(observation_fields()))
            for period in observed
        )
    return Scorecard(measures=measures, targets=settings_, observations=observations)


def close(expected, found):
    """Whether a Decimal (or None) and a float (or None) agree."""
    if expected is None or found is None:
        return expected is None and found is None
    return math.isclose(float(expected), found, rel_tol=1e-9, abs_tol=1e-9)


def ends(value):
    """A figure or band as (figure, low, high), as frames write it."""
    if isinstance(value, Band):
        return None, value.low, value.high
    return value, None, None


HAIR = Decimal("1e-12")


def edges(target):
    """The figures of a target: its value, or its low and high ends."""
    found = (getattr(target, name, None) for name in ("value", "low", "high"))
    return [figure for figure in found if figure is not None]


def hairline(assessment, card, policy):
    """Whether the object engine's decisive figures sit a rounding hair off a boundary."""
    near = [assessment.margin]
    target = assessment.target
    if assessment.forecast is not None:
        near.extend(assessment.forecast - edge for edge in edges(target))
    if assessment.margin is not None and assessment.margin < 0 and assessment.due is not None:
        tolerance = policy.tolerance_for(assessment.measure_ref)
        near.extend(
            -assessment.margin - tolerance.allowance(figure) for figure in edges(assessment.due)
        )
    return any(found is not None and found != 0 and abs(found) < HAIR for found in near)


#: What the object engine's explanation says for each reason code of the frame engine.
EXPLAINED = {
    "no_target_in_force": "no target is in force for ",
    "target_not_applicable": " is N/A: not rated",
    "no_target_set": "no target was set for ",
    "needs_polarity": "needs a polarity to say which side is good",
    "change_needs_polarity": "needs a polarity to say which way is good",
    "change_period_kind": "a change target is rated on months, quarters or years",
    "no_previous_value": " to measure the change from",
    "target_due": "target due by ",
    "cumulative": "cumulative target for ",
    "cumulative_due": "cumulative target due by ",
}


def explained(reason, assessment):
    """Whether the object engine's sentence is the one the frame's reason code stands for."""
    explanation = assessment.explanation
    missing = f"no value for {assessment.period} ("
    if reason == "no_value":
        return explanation.startswith(missing)
    if reason == "change":
        return " reduction of " in explanation or " increase of " in explanation
    if reason == "target":
        return not any(words in explanation for words in ("due by", "cumulative target",
                                                          "not rated"))  # fmt: skip
    if reason == "no_year_to_date":
        return explanation.endswith(": not rated") and not any(
            words in explanation for words in (missing, *EXPLAINED.values())
        )
    return EXPLAINED[reason] in explanation


def compare(row, assessment):
    """Assert that a frame row says what the object engine's assessment says."""
    where = f"{assessment.measure_ref} {assessment.period}: {assessment.explanation}"
    assert row["status"] == assessment.status.value, where
    assert row["direction"] == assessment.direction.value, where
    assert close(assessment.margin, row["margin"]), where
    assert close(assessment.relative_margin, row["relative_margin"]), where
    assert close(assessment.change, row["change"]), where
    for name, expected in zip(("ytd", "ytd_low", "ytd_high"), ends(assessment.ytd), strict=True):
        assert close(expected, row[name]), (where, name)
    assert close(assessment.forecast, row["forecast"]), where
    forecast_status = None if assessment.forecast_status is None else assessment.forecast_status
    assert row["forecast_status"] == forecast_status, where
    assert row["quality"] == assessment.quality.value, where
    assert explained(row["reason"], assessment), (where, row["reason"])


def object_report(card, period, policy):
    """The object engine's report, its averaged-percentage warning set aside."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return evaluate(card, period, policy=policy)


def check(card, policy, backend, spark=None):
    """Rate the card both ways on ``backend`` and compare every row that is not a hairline."""
    frame = as_backend(to_frame(card, "polars"), backend, spark)
    rated = to_polars(evaluate_frame(frame, card, policy=policy))
    assert len(rated) == len(card.observations)
    reports = {p: object_report(card, p, policy) for p in card.periods}
    compared = 0
    for row in rated.iter_rows(named=True):
        period = Period.parse(row["period"])
        assessment = reports[period][row["measure_ref"]]
        if hairline(assessment, card, policy):
            continue
        compare(row, assessment)
        compared += 1
    one = card.periods[-1]
    by_period = to_polars(evaluate_frame(frame, card, period=one, policy=policy))
    assert len(by_period) == len(card.measures)
    for row in by_period.iter_rows(named=True):
        assessment = reports[one][row["measure_ref"]]
        if not hairline(assessment, card, policy):
            compare(row, assessment)
    return compared


#: Examples per backend: polars most, the slower backends fewer (each runs the same rules).
#: Spark, some seconds a query even over a few rows, fewest.
EXAMPLES = {"polars": 30, "polars-lazy": 10, "pandas": 8, "duckdb": 8, "pyarrow": 8, "spark": 4}


def session(request, backend):
    """The test run's Spark session for the Spark backend, nothing for the others."""
    return request.getfixturevalue("spark") if backend == "spark" else None


@pytest.mark.parametrize("backend", BACKENDS)
def test_same_answers_as_the_object_engine(backend, request):
    """Every backend rates generated scorecards as evaluate() does."""
    spark = session(request, backend)

    @settings(max_examples=EXAMPLES[backend])
    @given(card=scorecards(), policy=policies)
    def rated_both_ways(card, policy):
        check(card, policy, backend, spark)

    rated_both_ways()


# One measure per row, rated for Q1 2019/20 against a 2019/20 target: the boundaries of
# the rating rules, with figures a float cannot hold exactly (0.1, 0.3, 2.55...).
BOUNDARIES = [
    ("<18%", "18", "lower_is_better", "5%"),  # on a strict ceiling: amber
    ("<=18%", "18", "lower_is_better", "5%"),  # on a ceiling: green
    (">0.3", "0.3", "higher_is_better", "0%"),  # on a strict floor, no tolerance: red
    ("0.3", "0.3", "higher_is_better", "0%"),  # on a bare floor: green
    ("85%", "82.45", "higher_is_better", "3%"),  # a miss of exactly 3% of 85: amber
    ("85%", "82.44", "higher_is_better", "3%"),  # a hair more: red
    ("0.7", "0.6", "higher_is_better", "0.1"),  # a miss of exactly 0.1 points: amber
    ("0.7", "0.59", "higher_is_better", "0.1"),  # beyond it: red
    ("1700-2000", "2000", "neutral", "5%"),  # on a range's upper edge: green
    ("1700-2000", "2100", "neutral", "5%"),  # 5% of 2000 above: amber
    ("1700-2000", "2100.01", "neutral", "5%"),  # beyond: red
    ("0", "0.1", "lower_is_better", "5%"),  # a relative tolerance of a zero target: red
    ("1.1", "1.1", "lower_is_better", "0%"),  # on a bare ceiling: green
    ("97%-99%", "96.03", "neutral", "1%"),  # 0.97 points below 97%: exactly 1%
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_boundaries(backend, request):
    """Values on a threshold or a tolerance's edge rate as the object engine rates them."""
    spark = session(request, backend)
    measures, settings_, observations = [], [], []
    for number, (target, value, polarity, _tolerance) in enumerate(BOUNDARIES):
        reference = f"B{number}"
        measures.append(Measure(reference=reference, unit="%", polarity=polarity))
        settings_.append(TargetSetting(measure_ref=reference, period="2019/20", target=target))
        observations.append(Observation(measure_ref=reference, period="Q1 2019/20",
                                        value=Decimal(value)))  # fmt: skip
    card = Scorecard(measures=measures, targets=settings_, observations=observations)
    for tolerance in {row[3] for row in BOUNDARIES}:
        policy = RagPolicy(tolerance=Tolerance.parse(tolerance))
        frame = as_backend(to_frame(card, "polars"), backend, spark)
        rated = to_polars(evaluate_frame(frame, card, policy=policy))
        report = object_report(card, "Q1 2019/20", policy)
        for row in rated.iter_rows(named=True):
            if BOUNDARIES[int(row["measure_ref"][1:])][3] == tolerance:
                compare(row, report[row["measure_ref"]])
