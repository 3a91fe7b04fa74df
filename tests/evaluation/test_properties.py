"""Properties of evaluation, checked by hypothesis on generated targets, values and cards.

The examples per property come from the project's hypothesis profile (tests/conftest.py):
``fast`` by default, ``HYPOTHESIS_PROFILE=thorough`` for many more.
"""

import copy
import warnings
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from kpi_scorecard import (
    AveragedPercentageWarning,
    Band,
    ChangeTarget,
    Comparator,
    CumulativeTarget,
    Direction,
    Polarity,
    Rag,
    RagPolicy,
    RangeTarget,
    Target,
    ThresholdTarget,
    Tolerance,
    evaluate,
)

from .conftest import PREVIOUS, Q1, card

#: How good a status is: moving toward the good side may only climb this ladder.
RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.YELLOW: 2, Rag.GREEN: 3}

# Figures with one decimal place in a small range, so that ties and exact edges turn up.
figures = st.integers(min_value=-300, max_value=300).map(lambda n: Decimal(n) / 10)
steps = st.integers(min_value=0, max_value=300).map(lambda n: Decimal(n) / 10)
tolerances = st.one_of(
    st.integers(min_value=0, max_value=30).map(lambda n: Tolerance.relative(Decimal(n) / 100)),
    st.integers(min_value=0, max_value=40).map(lambda n: Tolerance.absolute(Decimal(n) / 10)),
)
policies = st.builds(
    RagPolicy, tolerance=tolerances, yellow_tolerance=st.one_of(st.none(), tolerances)
)
overshoots = st.integers(min_value=1, max_value=4).map(Decimal)
rated_polarities = st.sampled_from([Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER])


@st.composite
def pairs(draw):
    """Two different figures, lower first."""
    low = draw(figures)
    return low, low + draw(steps.filter(bool))


@st.composite
def values(draw):
    """A figure or a band."""
    if draw(st.booleans()):
        return draw(figures)
    low, high = draw(pairs())
    return Band(low=low, high=high)


@dataclass(frozen=True)
class Case:
    """A measure's target, polarity and aggregation, a value for Q1 and one before it."""

    target: Target
    polarity: Polarity
    aggregation: str
    value: Decimal | Band
    before: Decimal

    def scorecard(self, value=None):
        """The one-measure scorecard of this case, with ``value`` for Q1 if given."""
        now = self.value if value is None else value
        cell = {"value": now} if isinstance(now, Band) else now
        return card(
            self.target,
            {PREVIOUS: self.before, Q1: cell},
            unit="count",
            polarity=self.polarity,
            aggregation=self.aggregation,
        )


thresholds = st.builds(
    ThresholdTarget, value=figures, comparator=st.one_of(st.none(), st.sampled_from(Comparator))
)
ranges = pairs().map(lambda pair: RangeTarget(low=pair[0], high=pair[1]))
cumulative = st.builds(CumulativeTarget, value=figures)
changes = st.builds(
    ChangeTarget,
    amount=steps.filter(bool),
    per=st.sampled_from(["month", "quarter", "year"]),
)


@st.composite
def cases(draw, *, bands_on_ranges: bool = True):
    """A case whose target is rated (or, for a bare threshold on neutral, explicitly not).

    A change is rated on figures; ``bands_on_ranges=False`` keeps bands away from ranges
    too, since a band moved toward a range can spill over its far edge.
    """
    target = draw(st.one_of(thresholds, ranges, cumulative, changes))
    polarity = draw(st.sampled_from(Polarity))
    if isinstance(target, CumulativeTarget):
        polarity = draw(rated_polarities)  # neutral reads a running total as one to reach
    aggregation = draw(st.sampled_from(["latest", "sum", "already_cumulative"]))
    value = draw(values())
    if isinstance(target, ChangeTarget) or (
        isinstance(target, RangeTarget) and not bands_on_ranges
    ):
        value = draw(figures)
    elif isinstance(target, RangeTarget) and draw(st.booleans()):
        # A band past both edges, by small steps so that equal misses turn up.
        below, above = draw(st.tuples(overshoots, overshoots))
        value = Band(low=target.low - below, high=target.high + above)
    return Case(target, polarity, aggregation, value, draw(figures))


def good_side(case):
    """+1 when higher is better for this case, -1 when lower is, 0 for a range."""
    target = case.target
    if isinstance(target, RangeTarget):
        return 0
    if isinstance(target, ThresholdTarget) and target.comparator is not None:
        return -1 if target.comparator.wants_lower else 1
    return -1 if case.polarity is Polarity.LOWER_IS_BETTER else 1


def moved(case, step, share):
    """The case's value moved toward its good side: by ``step``, or toward a range."""
    sign = good_side(case)
    value = case.value
    if sign == 0:
        # A year-to-date measure at Q1 is due a quarter of the annual range (even profile).
        due = Decimal(1) if case.aggregation == "latest" else Decimal("0.25")
        low, high = case.target.low * due, case.target.high * due
        nearest = min(max(value, low), high)
        return value + (nearest - value) * share
    if isinstance(value, Band):
        return Band(low=value.low + sign * step, high=value.high + sign * step)
    return value + sign * step


def assess_q1(scorecard, policy):
    """The assessment of the scorecard's one measure for Q1."""
    return evaluate(scorecard, Q1, policy=policy)[0]


@given(
    case=cases(bands_on_ranges=False),
    step=steps,
    share=st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(1)]),
    policy=policies,
)
def test_moving_toward_the_good_side_never_worsens(case, step, share, policy):
    """A value moved toward the good side never gets a worse status (green>yellow>amber>red)."""
    before = assess_q1(case.scorecard(), policy)
    after = assess_q1(case.scorecard(moved(case, step, share)), policy)
    if before.status is Rag.NOT_RATED:
        assert after.status is Rag.NOT_RATED  # a bare target on a neutral measure, say
        return
    assert RANK[after.status] >= RANK[before.status]


offsets = st.integers(min_value=-40, max_value=40).map(lambda n: Decimal(n) / 10)


@given(
    target=st.one_of(thresholds, ranges),
    polarity=rated_polarities,
    offsets=st.tuples(offsets, offsets),
    policy=policies,
)
def test_a_band_is_rated_by_its_least_favourable_end(target, polarity, offsets, policy):
    """A band's status is the worse of the statuses of its two ends rated as figures."""
    if isinstance(target, RangeTarget):
        low, high = target.low + offsets[0], target.high + offsets[1]
    else:
        low, high = target.value + offsets[0], target.value + offsets[1]
    assume(low < high)  # a band near the target's edges, often past both ends of a range

    def status(value):
        cell = {"value": value} if isinstance(value, Band) else value
        scorecard = card(target, {Q1: cell}, unit="count", polarity=polarity)
        return assess_q1(scorecard, policy).status

    worse = min(status(low), status(high), key=RANK.__getitem__)
    assert status(Band(low=low, high=high)) is worse


def mirror_target(target):
    """The target seen in a mirror: figures negated, ceilings become floors."""
    if isinstance(target, ThresholdTarget):
        swap = {
            Comparator.LT: Comparator.GT,
            Comparator.GT: Comparator.LT,
            Comparator.LE: Comparator.GE,
            Comparator.GE: Comparator.LE,
        }
        comparator = swap[target.comparator] if target.comparator is not None else None
        return ThresholdTarget(value=-target.value, comparator=comparator)
    if isinstance(target, RangeTarget):
        return RangeTarget(low=-target.high, high=-target.low)
    if isinstance(target, CumulativeTarget):
        return CumulativeTarget(value=-target.value)
    return target  # a change is an amount; the polarity gives its direction


def mirror_value(value):
    """The value negated; a band's ends swap."""
    if isinstance(value, Band):
        return Band(low=-value.high, high=-value.low)
    return -value


def mirror(case):
    """The case with polarity, values and targets mirrored."""
    return Case(
        target=mirror_target(case.target),
        polarity=case.polarity.mirrored(),
        aggregation=case.aggregation,
        value=mirror_value(case.value),
        before=-case.before,
    )


@given(case=cases(), policy=policies)
def test_mirroring_polarity_values_and_targets_keeps_the_status(case, policy):
    """Negating values and targets and mirroring polarity and comparators keeps the rating."""
    found = assess_q1(case.scorecard(), policy)
    mirrored = assess_q1(mirror(case).scorecard(), policy)
    assert mirrored.status is found.status
    assert mirrored.margin == found.margin
    assert mirrored.forecast_status is found.forecast_status
    # Improving and worsening survive the mirror; a neutral rise becomes a fall.
    flipped = {
        Direction.INCREASING: Direction.DECREASING,
        Direction.DECREASING: Direction.INCREASING,
    }
    assert mirrored.direction is flipped.get(found.direction, found.direction)


# --- whole scorecards -------------------------------------------------------------------

TARGET_TEXTS = [
    "<18",
    "<=18",
    ">50",
    ">=50",
    "85",
    "40-60",
    "1900 (cumulative)",
    "100 per qtr",
    "10 per month",
    "N/A",
    "",
]
QUARTERS = [f"Q{q} {year}" for year in ("2018/19", "2019/20") for q in (1, 2, 3, 4)]
CELLS = st.one_of(
    figures.map(str),
    pairs().map(lambda pair: f"{pair[0]} to {pair[1]}" if pair[0] < 0 else f"{pair[0]}-{pair[1]}"),
    st.tuples(steps, steps).map(lambda pair: f"{pair[0]} ({pair[1]} cumulative)"),
    st.sampled_from(["", "[c]", "[x]", "12 [p]", "12 [e]", "12 [b]"]),
)


@st.composite
def observation_cells(draw):
    """A value cell, sometimes with the numerator and denominator behind it."""
    cell = draw(CELLS)
    if draw(st.booleans()):
        return cell
    numerator = draw(steps)
    denominator = draw(steps)
    return {"value": numerator, "numerator": numerator, "denominator": denominator}


@st.composite
def scorecards(draw):
    """A scorecard of one to four measures of every kind, over two financial years."""
    from .conftest import card_of, line  # noqa: PLC0415 - kept beside its only use

    lines = []
    for number in range(draw(st.integers(min_value=1, max_value=4))):
        targets = {}
        for period in draw(st.lists(st.sampled_from(["2018/19", "2019/20", Q1]), unique=True)):
            targets[period] = draw(st.sampled_from(TARGET_TEXTS))
        found = draw(st.dictionaries(st.sampled_from(QUARTERS), observation_cells()))
        lines.append(
            line(
                targets=targets,
                values=found,
                ref=f"M{number}",
                unit=draw(st.sampled_from(["count", "percent"])),
                polarity=draw(st.sampled_from(Polarity)),
                aggregation=draw(st.sampled_from(["latest", "sum", "mean", "ratio", "max"])),
                profile=draw(st.sampled_from([None, "1:1:2:2", "0:0:1:1"])),
            )
        )
    return card_of(*lines, title=draw(st.sampled_from(["", "Scorecard"])))


def quietly(scorecard, period, policy):
    """Evaluate, ignoring the warning about averaged percentages."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AveragedPercentageWarning)
        return evaluate(scorecard, period, policy=policy)


@given(
    scorecard=scorecards(),
    period=st.sampled_from([*QUARTERS, "2019/20"]),
    policy=policies,
)
def test_evaluate_is_deterministic_and_leaves_its_inputs_alone(scorecard, period, policy):
    """The same input twice gives equal reports, and neither scorecard nor policy changes."""
    dumped, kept = scorecard.model_dump(), copy.deepcopy(scorecard)
    policy_dumped = policy.model_dump()
    first = quietly(scorecard, period, policy)
    second = quietly(scorecard, period, policy)
    assert first == second
    assert first.model_dump() == second.model_dump()
    assert scorecard.model_dump() == dumped
    assert scorecard == kept
    assert policy.model_dump() == policy_dumped


@given(scorecard=scorecards(), period=st.sampled_from(QUARTERS), policy=policies)
def test_every_assessment_explains_its_status(scorecard, period, policy):
    """Each explanation ends with its status, and the margin's sign agrees with it."""
    for assessment in quietly(scorecard, period, policy):
        assert assessment.explanation.endswith(f": {assessment.status.value}".replace("_", " "))
        if assessment.status is Rag.GREEN:
            assert assessment.margin >= 0
        elif assessment.status is Rag.NOT_RATED:
            assert assessment.margin is None
        else:
            assert assessment.margin <= 0
        if policy.yellow_tolerance is None:
            assert assessment.status is not Rag.YELLOW
