"""Properties of XmR charts: shifting, scaling and mirroring change no verdict."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import Polarity
from kpi_scorecard.spc import Assurance, Variation, xmr

POLARITIES = st.sampled_from(list(Polarity))
SERIES = st.lists(
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False), min_size=2, max_size=40
)
FACTORS = st.decimals(min_value=Decimal("0.01"), max_value=100, places=2)
SETTINGS = st.fixed_dictionaries(
    {
        "screen_outliers": st.booleans(),
        "two_of_three_beyond_limits": st.booleans(),
        "run_length": st.sampled_from([6, 7]),
        "minimum_points": st.sampled_from([2, 13]),
    }
)
SWAPPED = {
    Variation.SPECIAL_CAUSE_IMPROVING: Variation.SPECIAL_CAUSE_CONCERNING,
    Variation.SPECIAL_CAUSE_CONCERNING: Variation.SPECIAL_CAUSE_IMPROVING,
    Variation.SPECIAL_CAUSE_HIGH: Variation.SPECIAL_CAUSE_LOW,
    Variation.SPECIAL_CAUSE_LOW: Variation.SPECIAL_CAUSE_HIGH,
    Variation.COMMON_CAUSE: Variation.COMMON_CAUSE,
    None: None,
}


def close(a, b):
    """Equal but for the last of 28 significant digits (each side rounded once)."""
    if a is None or b is None:
        return a is b
    return abs(a - b) <= Decimal("1e-20") * (1 + abs(a) + abs(b))


def verdicts(chart):
    """Everything a chart decides: the rules of each point and the two icons."""
    return ([point.rules for point in chart.points], chart.variation, chart.assurance)


@given(SERIES, st.decimals(min_value=-1000, max_value=1000, places=2), POLARITIES, SETTINGS)
def test_shifting_shifts_the_lines_and_changes_no_verdict(values, shift, polarity, settings):
    """Adding a constant moves the centre and limits by it; every verdict stays."""
    target = values[0]
    before = xmr(values, polarity=polarity, target=target, **settings)
    after = xmr([v + shift for v in values], polarity=polarity, target=target + shift, **settings)
    assert verdicts(after) == verdicts(before)
    for line in ("mean", "lower_limit", "upper_limit"):
        old, new = getattr(before, line), getattr(after, line)
        assert close(new, None if old is None else old + shift)


@given(SERIES, FACTORS, POLARITIES, SETTINGS)
def test_scaling_scales_the_lines_and_changes_no_verdict(values, factor, polarity, settings):
    """Multiplying by a positive factor scales the centre and limits; every verdict stays."""
    target = values[-1]
    before = xmr(values, polarity=polarity, target=target, **settings)
    after = xmr([v * factor for v in values], polarity=polarity, target=target * factor, **settings)
    assert verdicts(after) == verdicts(before)
    for line in ("mean", "lower_limit", "upper_limit"):
        old, new = getattr(before, line), getattr(after, line)
        assert close(new, None if old is None else old * factor)


ASSURANCE_SWAPPED = {
    Assurance.CONSISTENTLY_PASSING: Assurance.CONSISTENTLY_FAILING,
    Assurance.CONSISTENTLY_FAILING: Assurance.CONSISTENTLY_PASSING,
    Assurance.HIT_AND_MISS: Assurance.HIT_AND_MISS,
    None: None,
}


@given(SERIES, POLARITIES, SETTINGS)
def test_mirroring_swaps_improvement_and_concern(values, polarity, settings):
    """Mirroring the figures, or the polarity, swaps improving and concerning; both restore."""
    target = values[0]
    before = xmr(values, polarity=polarity, target=target, **settings)
    flipped = xmr([-v for v in values], polarity=polarity, target=-target, **settings)
    assert [point.rules for point in flipped.points] == [point.rules for point in before.points]
    assert flipped.variation is SWAPPED[before.variation]
    assert flipped.assurance is ASSURANCE_SWAPPED[before.assurance]
    assert close(flipped.upper_limit, None if before.lower_limit is None else -before.lower_limit)
    if polarity is not Polarity.NEUTRAL:
        other = xmr(values, polarity=polarity.mirrored(), target=target, **settings)
        assert other.variation is SWAPPED[before.variation]
        assert other.assurance is ASSURANCE_SWAPPED[before.assurance]
        both = xmr([-v for v in values], polarity=polarity.mirrored(), target=-target, **settings)
        assert (both.variation, both.assurance) == (before.variation, before.assurance)
