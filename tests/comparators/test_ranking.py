from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard.comparators import ComparatorError, band, mean, median, quartile, rank

HIGHER, LOWER = "higher_is_better", "lower_is_better"
SIXTEEN = list(range(10, 151, 10))  # 15 others: 10, 20, ..., 150; the value makes 16
ELEVEN = list(range(1, 11))  # 10 others: 1 to 10; the value makes 11
FOUR = [10, 20, 30]  # 3 others; the value makes 4

# value, others, polarity, rank, quartile, band (worked by hand: rank = 1 + the number of
# others strictly better; quartile = ceil(4 * rank / group size), ties sharing both)
TABLE = [
    # a group of 16: quartiles are ranks 1-4, 5-8, 9-12, 13-16
    (160, SIXTEEN, HIGHER, 1, 1, "A"),  # best of all
    (160, SIXTEEN, LOWER, 16, 4, "D"),  # worst of all
    (120, SIXTEEN, HIGHER, 4, 1, "A"),  # tied with 120: three better, last of quartile 1
    (115, SIXTEEN, HIGHER, 5, 2, "B"),  # four better: first of quartile 2
    (55, SIXTEEN, HIGHER, 11, 3, "C"),  # ten better
    (55, SIXTEEN, LOWER, 6, 2, "B"),  # five better (10 to 50)
    (40, SIXTEEN, HIGHER, 12, 3, "C"),  # tied with 40: eleven better, last of quartile 3
    (40, SIXTEEN, LOWER, 4, 1, "A"),  # tied with 40: three better
    (5, SIXTEEN, HIGHER, 16, 4, "D"),  # worst
    # a group of 11: quartiles are ranks 1-2, 3-5, 6-8, 9-11
    (Decimal("9.5"), ELEVEN, HIGHER, 2, 1, "A"),  # only 10 is better
    (Decimal("8.5"), ELEVEN, HIGHER, 3, 2, "B"),  # 4 * 3 / 11 is just over 1
    (Decimal("6.5"), ELEVEN, HIGHER, 5, 2, "B"),  # 20 / 11 is under 2
    (Decimal("5.5"), ELEVEN, HIGHER, 6, 3, "C"),  # 24 / 11 is over 2
    (Decimal("3.5"), ELEVEN, HIGHER, 8, 3, "C"),  # 32 / 11 is under 3
    (Decimal("2.5"), ELEVEN, HIGHER, 9, 4, "D"),  # 36 / 11 is over 3
    (Decimal("2.5"), ELEVEN, LOWER, 3, 2, "B"),  # 1 and 2 are better
    (9, ELEVEN, HIGHER, 2, 1, "A"),  # tied with 9: only 10 better
    (9, ELEVEN, LOWER, 9, 4, "D"),  # tied with 9: 1 to 8 better
    # a group of 4: one area per quartile
    (25, FOUR, HIGHER, 2, 2, "B"),  # 30 is better
    (25, FOUR, LOWER, 3, 3, "C"),  # 10 and 20 are better
    (20, FOUR, HIGHER, 2, 2, "B"),  # tied with 20: only 30 better
    (20, FOUR, LOWER, 2, 2, "B"),  # tied with 20: only 10 better
    (5, FOUR, HIGHER, 4, 4, "D"),  # all three better
    (5, FOUR, LOWER, 1, 1, "A"),  # none better
    (10, [10, 10, 10], HIGHER, 1, 1, "A"),  # all tied: all first
    (10, [10, 10, 10], LOWER, 1, 1, "A"),  # all tied, either way
]


@pytest.mark.parametrize(("value", "others", "polarity", "ranked", "quarter", "letter"), TABLE)
def test_rank_quartile_and_band_by_hand(value, others, polarity, ranked, quarter, letter):
    """Rank, quartile and band agree with the hand-worked table, for both polarities."""
    assert rank(value, others, polarity=polarity) == ranked
    assert quartile(value, others, polarity=polarity) == quarter
    assert band(value, others, polarity=polarity) == letter


def test_ties_are_competition_ranked():
    """Equal figures share the best of their places and the next rank skips ("1224")."""
    group = [5, 3, 3, 1]
    ranks = [rank(v, group[:i] + group[i + 1 :], polarity=HIGHER) for i, v in enumerate(group)]
    assert ranks == [1, 2, 2, 4]
    ranks = [rank(v, group[:i] + group[i + 1 :], polarity=LOWER) for i, v in enumerate(group)]
    assert ranks == [4, 2, 2, 1]


@pytest.mark.parametrize(
    ("value", "polarity", "code"),
    [
        (5, "neutral", "bad_comparator_polarity"),  # a neutral measure has no rank
        (5, "sideways", "bad_comparator_polarity"),  # not a polarity
        ("5", HIGHER, "bad_comparator_figure"),  # text is no figure
        (True, HIGHER, "bad_comparator_figure"),  # nor is a boolean
        (float("nan"), HIGHER, "bad_comparator_figure"),  # nor is NaN
    ],
)
def test_bad_inputs_raise_typed_errors(value, polarity, code):
    """A neutral polarity or a figure that is not a number raises ComparatorError."""
    with pytest.raises(ComparatorError) as caught:
        rank(value, [1, 2], polarity=polarity)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)


def test_mean_and_median_are_exact():
    """The mean and median of Decimals are exact; floats are read by their shortest repr."""
    assert mean([Decimal("0.1"), Decimal("0.2")]) == Decimal("0.15")
    assert median([0.1, 0.2, 0.4]) == Decimal("0.2")
    assert median([4, 1, 3, 2]) == Decimal("2.5")
    with pytest.raises(ComparatorError) as caught:
        median([])
    assert caught.value.code == "empty_comparator_group"


def _second_rank(value, others, higher):
    """Rank by sorting: the position of the first equal figure in best-first order."""
    ordered = sorted([value, *others], reverse=higher)
    return ordered.index(value) + 1


def _second_quartile(position, size):
    """The least q for which position / size <= q / 4, in fractions."""
    return next(q for q in (1, 2, 3, 4) if Fraction(position, size) <= Fraction(q, 4))


figures = st.integers(min_value=-50, max_value=50)


@given(figures, st.lists(figures, min_size=1, max_size=30), st.booleans())
def test_rank_and_quartile_agree_with_a_second_implementation(value, others, higher):
    """Counting better figures agrees with sorting; the quartile with fractions."""
    polarity = HIGHER if higher else LOWER
    found = rank(value, others, polarity=polarity)
    assert found == _second_rank(value, others, higher)
    assert quartile(value, others, polarity=polarity) == _second_quartile(found, len(others) + 1)


@given(figures, st.lists(figures, min_size=1, max_size=30), st.booleans())
def test_a_better_figure_never_ranks_worse(value, others, higher):
    """Improving the figure by polarity never worsens its rank, quartile or band."""
    polarity = HIGHER if higher else LOWER
    better = value + 1 if higher else value - 1
    assert rank(better, others, polarity=polarity) <= rank(value, others, polarity=polarity)
    assert quartile(better, others, polarity=polarity) <= quartile(value, others, polarity=polarity)
    assert band(better, others, polarity=polarity) <= band(value, others, polarity=polarity)


@given(st.lists(figures, min_size=2, max_size=30, unique=True))
def test_mirrored_polarity_mirrors_distinct_ranks(group):
    """With distinct figures, the ranks by the two polarities add up to the group size + 1."""
    value, others = group[0], group[1:]
    assert (
        rank(value, others, polarity=HIGHER) + rank(value, others, polarity=LOWER) == len(group) + 1
    )
