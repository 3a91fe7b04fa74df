"""Properties of roll-ups: monotone rules, and a second implementation of the arithmetic.

Monotone rules (worst-of, share-on-target, weighted-score) never lower a group when one
child's status is raised; the most-common rule is not monotone, and a test shows where.
"""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import (
    Hierarchy,
    Rag,
    ShareOnTarget,
    StatusCounts,
    WeightedScore,
    WeightSetting,
    WorstOf,
    roll_up,
)
from rollups import letters, report_of

#: The rated statuses, worst first; not rated sits below red once counted as red.
LADDER = [Rag.RED, Rag.AMBER, Rag.YELLOW, Rag.GREEN]
RANK = {status: place for place, status in enumerate(LADDER)}

shares = st.integers(min_value=0, max_value=20).map(lambda n: Decimal(n) / 20)
points = st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n) / 4)
weights = st.integers(min_value=0, max_value=12).map(lambda n: Decimal(n) / 2)


@st.composite
def share_rules(draw):
    """A share-on-target rule with thresholds in order, on twentieths so that ties occur."""
    low, high = sorted((draw(shares), draw(shares)))
    return ShareOnTarget(green_from=high, amber_from=low)


@st.composite
def weighted_rules(draw, children):
    """A weighted score with rising points, ordered thresholds and a weight for each child."""
    red, amber, yellow, green = sorted(draw(points) for _ in range(4))
    low, high = sorted((draw(points), draw(points)))
    settings = [
        WeightSetting(child=name, period="2019/20", weight=draw(weights)) for name in children
    ]
    return WeightedScore(
        weights=settings,
        red_points=red,
        amber_points=amber,
        yellow_points=yellow,
        green_points=green,
        green_from=high,
        amber_from=low,
        default_weight=draw(weights),
    )


@st.composite
def trees(draw, measures):
    """An acyclic hierarchy: group n's children are measures and groups numbered above n."""
    size = draw(st.integers(min_value=1, max_value=5))
    groups = {}
    for index in range(size):
        later = [f"G{n}" for n in range(index + 1, size)]
        pool = list(measures) + later
        children = draw(st.lists(st.sampled_from(pool), max_size=4, unique=True))
        groups[f"G{index}"] = children
    return Hierarchy.from_mapping(groups)


@st.composite
def cases(draw):
    """Statuses of some measures, one of them to raise, a grouping, a monotone rule."""
    size = draw(st.integers(min_value=1, max_value=7))
    names = [f"M{n}" for n in range(size)]
    not_rated = draw(st.sampled_from(["leave_out", "count_as_red"]))
    choices = [*LADDER, Rag.NOT_RATED]
    statuses = {name: draw(st.sampled_from(choices)) for name in names}
    raised = draw(st.sampled_from(names))
    before = statuses[raised]
    if before is Rag.NOT_RATED and not_rated == "leave_out":
        # Left out, a not-rated child is off the ladder: raise a rated one instead.
        before = statuses[raised] = draw(st.sampled_from(LADDER))
    floor = -1 if before is Rag.NOT_RATED else RANK[before]
    after = draw(st.sampled_from([s for s in LADDER if RANK[s] >= floor]))
    by = draw(st.one_of(st.just("department"), trees(names)))
    group_names = names + ([g.name for g in by.groups] if isinstance(by, Hierarchy) else [])
    rule = draw(st.one_of(st.just(WorstOf()), share_rules(), weighted_rules(group_names)))
    return statuses, raised, after, by, rule, not_rated


def _at_least(after, before):
    """Whether a group's status after the raise is no lower than before it."""
    if before is Rag.NOT_RATED:
        return True
    return after is not Rag.NOT_RATED and RANK[after] >= RANK[before]


@given(cases())
def test_raising_one_child_never_lowers_a_group(case):
    """Under every monotone rule, raising one child's status never lowers any group's."""
    statuses, raised, after, by, rule, not_rated = case
    before = roll_up(report_of(statuses), by, rule, not_rated=not_rated)
    higher = roll_up(report_of({**statuses, raised: after}), by, rule, not_rated=not_rated)
    for old, new in zip(before, higher, strict=True):
        assert _at_least(new.status, old.status), (old.explanation, new.explanation)


def test_the_most_common_rule_is_not_monotone():
    """Raising a red child to amber can make amber tie with green, and the worse wins."""
    before = roll_up(letters("GGAR"), "department", StatusCounts())["D"]
    after = roll_up(letters("GGAA"), "department", StatusCounts())["D"]
    assert (before.status, after.status) == (Rag.GREEN, Rag.AMBER)


# --- a second implementation -------------------------------------------------------------


def _reference_weighted(rule, statuses):
    """The weighted score worked in fractions, straight from the rule's definition."""
    counted = [(name, status) for name, status in statuses.items() if status is not Rag.NOT_RATED]
    weight = {s.child: Fraction(s.weight) for s in rule.weights}
    total_weight = sum((weight.get(name, Fraction(rule.default_weight)) for name, _ in counted), 0)
    if not counted or total_weight == 0:
        return Rag.NOT_RATED, None
    total = sum(
        (
            weight.get(name, Fraction(rule.default_weight)) * Fraction(rule.points(status))
            for name, status in counted
        ),
        Fraction(0),
    )
    score = total / total_weight
    if score >= rule.green_from:
        return Rag.GREEN, score
    return (Rag.AMBER if score >= rule.amber_from else Rag.RED), score


@st.composite
def weighted_cases(draw):
    """Statuses of some measures and a weighted rule over them."""
    size = draw(st.integers(min_value=1, max_value=8))
    names = [f"M{n}" for n in range(size)]
    statuses = {name: draw(st.sampled_from([*LADDER, Rag.NOT_RATED])) for name in names}
    return statuses, draw(weighted_rules(names))


@given(weighted_cases())
def test_weighted_score_agrees_with_fractions(case):
    """The weighted score and its status are those worked exactly in fractions."""
    statuses, rule = case
    group = roll_up(report_of(statuses), "department", rule)["D"]
    status, score = _reference_weighted(rule, statuses)
    assert group.status is status
    if score is None:
        assert group.score is None
    else:
        assert abs(Fraction(group.score) - score) < Fraction(1, 10**20)


@given(
    st.lists(st.sampled_from([*LADDER, Rag.NOT_RATED]), min_size=1, max_size=9),
    share_rules(),
)
def test_share_and_worst_agree_with_a_count(statuses, rule):
    """Share on target and worst-of are what counting the statuses by hand gives."""
    report = report_of({f"M{n}": status for n, status in enumerate(statuses)})
    rated = [status for status in statuses if status is not Rag.NOT_RATED]
    share_group = roll_up(report, "department", rule)["D"]
    worst_group = roll_up(report, "department", WorstOf())["D"]
    if not rated:
        assert (share_group.status, worst_group.status) == (Rag.NOT_RATED, Rag.NOT_RATED)
        return
    share = Fraction(rated.count(Rag.GREEN), len(rated))
    expected = (
        Rag.GREEN
        if share >= rule.green_from
        else (Rag.AMBER if share >= rule.amber_from else Rag.RED)
    )
    assert share_group.status is expected
    assert worst_group.status is min(rated, key=RANK.__getitem__)
