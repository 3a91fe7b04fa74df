"""Wilson and Byar intervals against published figures.

Sources:
- Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of
  seven methods. Statistics in Medicine 1998;17:857-872, table II (the Wilson score
  method, "method 3"), also the worked examples in Newcombe and Altman, "Proportions and
  their differences", in Altman DG et al., Statistics with Confidence (2nd edition, BMJ
  Books 2000), which the Fingertips technical guidance cites for the Wilson score method.
- Public Health England, Fingertips Technical Guide: Confidence Intervals (version of
  25 May 2018): "for 95% confidence intervals, Byar's method is within 0.2% of the exact
  value for numerators of 10 or more". The exact (Poisson) limits it means are worked
  out here by a second implementation, bisection on the Poisson distribution.
"""

import math
from decimal import Decimal, localcontext
from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard.comparators import (
    ComparatorError,
    byar_interval,
    normal_quantile,
    wilson_interval,
)

# numerator, denominator, published lower and upper limits (95%, to 4 places)
NEWCOMBE = [
    (81, 263, "0.2553", "0.3662"),  # the 30.8% example
    (15, 148, "0.0624", "0.1605"),  # 10.1%
    (0, 20, "0.0000", "0.1611"),  # none of 20: the lower limit is 0
    (1, 29, "0.0061", "0.1718"),  # one of 29
]


def _poisson_at_most(count, mu):
    """P(X <= count) for a Poisson variable of mean ``mu``."""
    term = total = math.exp(-mu)
    for k in range(1, count + 1):
        term *= mu / k
        total += term
    return total


def _bisect(above, low, high):
    """The point where ``above`` turns from true to false, by bisection."""
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if above(middle) else (low, middle)
    return (low + high) / 2


def _exact_poisson(count, tail=0.025):
    """The exact (Garwood) limits: P(X >= count) = tail below, P(X <= count) = tail above."""
    lower = _bisect(lambda mu: 1 - _poisson_at_most(count - 1, mu) < tail, 0, count)
    upper = _bisect(lambda mu: _poisson_at_most(count, mu) > tail, count, 3 * count + 20)
    return lower, upper


@pytest.mark.parametrize(("numerator", "denominator", "low", "high"), NEWCOMBE)
def test_wilson_matches_newcombe(numerator, denominator, low, high):
    """The Wilson score interval matches Newcombe's published figures to four places."""
    lower, upper = wilson_interval(numerator, denominator)
    assert round(lower, 4) == Decimal(low)
    assert round(upper, 4) == Decimal(high)


def test_exact_limits_match_the_published_ones():
    """The second implementation gives the exact limits published for 10 (4.7954, 18.3904)."""
    lower, upper = _exact_poisson(10)
    assert (round(lower, 4), round(upper, 4)) == (4.7954, 18.3904)


# exp(-mu) underflows past about 700, so the exact limits stop below that
@pytest.mark.parametrize("count", [10, 11, 15, 20, 50, 100, 389])
def test_byar_is_within_fingertips_tolerance_of_exact_limits(count):
    """Byar's 95% limits are within 0.2% of the exact ones for counts of 10 or more."""
    lower, upper = byar_interval(count)
    low, high = _exact_poisson(count)
    assert abs(float(lower) - low) / low < 0.002
    assert abs(float(upper) - high) / high < 0.002


def test_the_quantiles_fingertips_uses():
    """The quantiles of 95% and 99.8% have the leading digits published tables give."""
    assert str(normal_quantile(Decimal("0.95"))).startswith("1.95996398454005423552")
    assert str(normal_quantile(Decimal("0.998"))).startswith("3.09023230616781354154")


def _float_wilson(observed, total, z):
    """The Wilson score interval in floats, a second implementation."""
    p = observed / total
    spread = z * math.sqrt(z * z + 4 * observed * (1 - p))
    return (
        (2 * observed + z * z - spread) / (2 * (total + z * z)),
        (2 * observed + z * z + spread) / (2 * (total + z * z)),
    )


def _float_byar(observed, z):
    """Byar's limits in floats, a second implementation."""
    lower = observed * (1 - 1 / (9 * observed) - z / (3 * math.sqrt(observed))) ** 3
    above = observed + 1
    return lower, above * (1 - 1 / (9 * above) + z / (3 * math.sqrt(above))) ** 3


confidences = st.sampled_from(["0.9", "0.95", "0.99", "0.998"])


@given(st.integers(1, 10_000), st.integers(0, 10_000), confidences)
def test_wilson_agrees_with_floats(total, observed, confidence):
    """The decimal interval agrees with a float implementation to 12 digits."""
    observed = min(observed, total)
    z = NormalDist().inv_cdf(1 - (1 - float(confidence)) / 2)
    lower, upper = wilson_interval(observed, total, confidence=Decimal(confidence))
    expected = _float_wilson(observed, total, z)
    assert float(lower) == pytest.approx(max(expected[0], 0), rel=1e-12, abs=1e-15)
    assert float(upper) == pytest.approx(expected[1], rel=1e-12)
    assert 0 <= lower <= Decimal(observed) / total <= upper <= 1


@given(st.integers(10, 100_000), confidences)
def test_byar_agrees_with_floats(count, confidence):
    """Byar's decimal interval agrees with a float implementation to 12 digits."""
    z = NormalDist().inv_cdf(1 - (1 - float(confidence)) / 2)
    lower, upper = byar_interval(count, confidence=Decimal(confidence))
    expected = _float_byar(count, z)
    assert float(lower) == pytest.approx(expected[0], rel=1e-12)
    assert float(upper) == pytest.approx(expected[1], rel=1e-12)
    assert lower < count < upper


def test_wider_confidence_gives_wider_intervals():
    """The 99.8% interval contains the 95% one."""
    narrow, wide = wilson_interval(81, 263), wilson_interval(81, 263, confidence=0.998)
    assert wide[0] < narrow[0] < narrow[1] < wide[1]
    narrow, wide = byar_interval(65), byar_interval(65, confidence=0.998)
    assert wide[0] < narrow[0] < narrow[1] < wide[1]


def test_small_counts_are_bounded_below_by_zero():
    """A count of 0, or Byar's approximation falling below 0, gives a lower limit of 0."""
    assert byar_interval(0)[0] == 0
    assert byar_interval(1, confidence=Decimal("0.998"))[0] == 0


def test_results_do_not_depend_on_the_callers_context():
    """A caller's low decimal precision does not change the intervals."""
    expected = wilson_interval(81, 263), byar_interval(65)
    with localcontext(prec=3):
        assert (wilson_interval(81, 263), byar_interval(65)) == expected


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: wilson_interval(5, 0), "bad_proportion"),  # no denominator
        (lambda: wilson_interval(6, 5), "bad_proportion"),  # more than the whole
        (lambda: wilson_interval(-1, 5), "bad_proportion"),  # negative
        (lambda: byar_interval(-1), "bad_count"),  # a negative count
        (lambda: byar_interval(5, confidence=95), "bad_confidence"),  # a percentage, not a share
        (lambda: wilson_interval(5, 10, confidence=0), "bad_confidence"),  # no confidence
    ],
)
def test_bad_arguments_raise_typed_errors(call, code):
    """Impossible proportions, counts and confidences raise ComparatorError with a code."""
    with pytest.raises(ComparatorError) as caught:
        call()
    assert caught.value.code == code
