"""Confidence intervals as OHID's Fingertips computes them: Wilson for proportions, Byar for counts.

The methods are those of the Fingertips public health technical guidance on confidence
intervals (and of PHE's ``PHEindicatormethods``, which implements it):

- a proportion of ``numerator`` out of ``denominator`` has the Wilson score interval
  ``(2O + z² -/+ z√(z² + 4O(1 - O/n))) / (2(n + z²))``;
- a count ``O`` of events has Byar's approximation to the Poisson interval,
  ``O(1 - 1/(9O) - z/(3√O))³`` to ``(O + 1)(1 - 1/(9(O + 1)) + z/(3√(O + 1)))³``;
  a rate's interval is the count's, scaled as the rate is.

``z`` is the standard normal quantile for the confidence (1.959963984540054... for 95%,
3.090232306167813... for 99.8%, the two levels Fingertips shows), found here by Newton's
method on the normal distribution in 50-digit decimal arithmetic. Everything is computed
in that precision and rounded once, to 28 significant digits, so the results agree with
the exact formulas in every digit shown and never depend on the caller's decimal context.

Fingertips computes intervals for counts below 10 by the exact (chi-squared) method, to
which Byar's is only an approximation; :func:`byar_interval` gives Byar's for every count,
with a lower limit of 0 for a count of 0 (or wherever the approximation falls below 0).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from functools import lru_cache

from ._ranking import ComparatorError, Number, exact

__all__ = ["BYAR_EXACT_BELOW", "byar_interval", "normal_quantile", "wilson_interval"]

BYAR_EXACT_BELOW = 10
"""Fingertips uses the exact method, not Byar's, for counts below this."""

_WORKING = Context(prec=50, rounding=ROUND_HALF_EVEN)
_RESULT = Context(prec=28, rounding=ROUND_HALF_EVEN)
_PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494")


def _check_confidence(confidence: Number) -> Decimal:
    level = exact(confidence)
    if not 0 < level < 1:
        raise ComparatorError(
            str(confidence),
            "a confidence is a share between 0 and 1, such as 0.95",
            code="bad_confidence",
        )
    return level


def _normal_cdf(x: Decimal) -> Decimal:
    """Φ(x) by the series of erf, in the working context (|x| below about 6)."""
    y = x / Decimal(2).sqrt()
    term, total, n = y, y, 0
    square = y * y
    limit = Decimal(10) ** -(_WORKING.prec + 2)
    while abs(term) > limit:
        n += 1
        term = -term * square / n
        total += term / (2 * n + 1)
    return (1 + 2 * total / _PI.sqrt()) / 2


@lru_cache(maxsize=64)
def _z(level: Decimal) -> Decimal:
    from statistics import NormalDist  # noqa: PLC0415 - only where an interval is asked for

    with localcontext(_WORKING):
        upper = 1 - (1 - level) / 2
        z = Decimal(repr(NormalDist().inv_cdf(float(upper))))
        density_scale = 1 / (2 * _PI).sqrt()
        for _ in range(6):
            step = (_normal_cdf(z) - upper) / (density_scale * (-z * z / 2).exp())
            z -= step
            if abs(step) < Decimal(10) ** -45:
                break
        return z


def normal_quantile(confidence: Number) -> Decimal:
    """The two-sided standard normal quantile ``z`` for a confidence level.

    >>> normal_quantile(Decimal("0.95"))
    Decimal('1.959963984540054235524594431')
    >>> normal_quantile(Decimal("0.998"))
    Decimal('3.090232306167813541540399830')
    """
    return _RESULT.plus(_z(_check_confidence(confidence)))


def wilson_interval(
    numerator: Number, denominator: Number, *, confidence: Number = Decimal("0.95")
) -> tuple[Decimal, Decimal]:
    """The Wilson score interval of the proportion ``numerator / denominator``, as shares.

    Multiply by 100 for a percentage. ``0 <= numerator <= denominator``, ``denominator > 0``.

    >>> low, high = wilson_interval(81, 263)
    >>> round(low, 4), round(high, 4)
    (Decimal('0.2553'), Decimal('0.3662'))
    """
    level = _check_confidence(confidence)
    observed, total = exact(numerator), exact(denominator)
    if total <= 0 or not 0 <= observed <= total:
        raise ComparatorError(
            f"{numerator}/{denominator}",
            "a proportion needs 0 <= numerator <= denominator and a denominator above 0",
            code="bad_proportion",
        )
    z = _z(level)
    with localcontext(_WORKING):
        square = z * z
        spread = z * (square + 4 * observed * (1 - observed / total)).sqrt()
        scale = 2 * (total + square)
        lower = (2 * observed + square - spread) / scale
        upper = (2 * observed + square + spread) / scale
    return _RESULT.plus(max(lower, Decimal(0))), _RESULT.plus(min(upper, Decimal(1)))


def byar_interval(
    count: Number, *, confidence: Number = Decimal("0.95")
) -> tuple[Decimal, Decimal]:
    """Byar's interval of a count of events (``count >= 0``), as counts.

    >>> low, high = byar_interval(100)
    >>> round(low, 2), round(high, 2)
    (Decimal('81.36'), Decimal('121.63'))
    """
    level = _check_confidence(confidence)
    observed = exact(count)
    if observed < 0:
        raise ComparatorError(str(count), "a count is 0 or more", code="bad_count")
    z = _z(level)
    with localcontext(_WORKING):
        lower = Decimal(0)
        if observed > 0:
            lower = observed * (1 - 1 / (9 * observed) - z / (3 * observed.sqrt())) ** 3
        above = observed + 1
        upper = above * (1 - 1 / (9 * above) + z / (3 * above.sqrt())) ** 3
    return _RESULT.plus(max(lower, Decimal(0))), _RESULT.plus(upper)
