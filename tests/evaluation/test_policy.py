"""The rating policy: tolerances (relative and absolute), overrides, four colours."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from kpi_scorecard import Comparison, ParseError, Rag, RagPolicy, Tolerance, evaluate

from .conftest import Q1, card, card_of, line, rated


@pytest.mark.parametrize(
    ("text", "kind", "amount", "canonical"),
    [
        ("3%", "relative", Decimal("0.03"), "3%"),  # 3 / 100
        ("0.5%", "relative", Decimal("0.005"), "0.5%"),  # 0.5 / 100
        ("2 points", "absolute", Decimal(2), "2 points"),  # points are absolute
        ("1 point", "absolute", Decimal(1), "1 point"),  # singular for exactly one
        ("2", "absolute", Decimal(2), "2 points"),  # a bare number is in the measure's unit
        ("1.5 pts", "absolute", Decimal("1.5"), "1.5 points"),  # "pts" is read as points
        (" 0 ", "absolute", Decimal(0), "0 points"),  # no tolerance at all
    ],
)
def test_tolerance_parse_and_text(text, kind, amount, canonical):
    """A tolerance reads ``3%`` as relative and ``2 points`` as absolute, and writes back."""
    tolerance = Tolerance.parse(text)
    assert (tolerance.kind, tolerance.amount, str(tolerance)) == (kind, amount, canonical)
    assert Tolerance.parse(str(tolerance)) == tolerance


@pytest.mark.parametrize(
    "text",
    [
        "-3%",  # a tolerance is not negative
        "three percent",  # words are not a figure
        "3 %%",  # one percent sign
        "",  # empty
    ],
)
def test_tolerance_parse_rejects(text):
    """Text that is not a tolerance raises ParseError coded ``bad_tolerance``, quoting it."""
    with pytest.raises(ParseError) as caught:
        Tolerance.parse(text)
    assert caught.value.code == "bad_tolerance"
    assert caught.value.text == text
    assert str(caught.value) == f"a tolerance is '3%' or '2 points': {text!r}"


def test_policy_rejects_a_bad_tolerance_text():
    """A policy built from a bad tolerance text fails validation with the same code."""
    with pytest.raises(ValidationError) as caught:
        RagPolicy(tolerance="abc")
    assert caught.value.errors()[0]["type"] == "bad_tolerance"


@pytest.mark.parametrize(
    ("tolerance", "reference", "allowance"),
    [
        (Tolerance.relative(Decimal("0.05")), Decimal(85), Decimal("4.25")),  # 5% of 85
        (Tolerance.relative(Decimal("0.03")), Decimal(85), Decimal("2.55")),  # 3% of 85
        (Tolerance.relative(Decimal("0.05")), Decimal(-40), Decimal(2)),  # 5% of |-40|
        (Tolerance.relative(Decimal("0.05")), Decimal(0), Decimal(0)),  # 5% of 0 allows nothing
        (Tolerance.absolute(Decimal(2)), Decimal(85), Decimal(2)),  # the same whatever the target
        (Tolerance.absolute(Decimal(2)), Decimal(0), Decimal(2)),  # even on a zero target
        (Tolerance.none(), Decimal(85), Decimal(0)),  # nothing allowed
    ],
)
def test_allowance(tolerance, reference, allowance):
    """A relative allowance is a share of the (absolute) reference; an absolute one is fixed."""
    assert tolerance.allowance(reference) == allowance


def test_default_policy():
    """The default policy: amber within 5% of the target, no yellow, previous period."""
    policy = RagPolicy()
    assert policy.tolerance == Tolerance.relative(Decimal("0.05"))
    assert policy.yellow_tolerance is None
    assert policy.overrides == {}
    assert policy.comparison is Comparison.PREVIOUS_PERIOD
    assert policy.minimum_change == Tolerance.none()


def test_tolerance_for_uses_the_override():
    """``tolerance_for`` gives a measure its override, and every other measure the policy's."""
    policy = RagPolicy(tolerance="3%", overrides={"CSC018": "2 points"})
    assert str(policy.tolerance_for("CSC018")) == "2 points"
    assert str(policy.tolerance_for("CSC002")) == "3%"


def test_policy_round_trips_through_json():
    """A policy is written with its tolerances as text and read back equal, with equal hash."""
    policy = RagPolicy(
        tolerance="3%",
        yellow_tolerance="1 point",
        overrides={"A": "2 points"},
        comparison="same_period_last_year",
        minimum_change="2%",
    )
    text = policy.model_dump_json()
    assert '"tolerance":"3%"' in text
    again = RagPolicy.model_validate_json(text)
    assert again == policy
    assert hash(again) == hash(policy)


# --- the policy at work ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("tolerance", "value", "status"),
    [
        ("5%", "80.75", Rag.AMBER),  # miss 4.25 = 5% of 85
        ("5%", "80.74", Rag.RED),  # miss 4.26 > 4.25
        ("3%", "82.45", Rag.AMBER),  # miss 2.55 = 3% of 85
        ("3%", "82.44", Rag.RED),  # miss 2.56 > 2.55
        ("2 points", "83", Rag.AMBER),  # miss 2 = 2 points
        ("2 points", "82.99", Rag.RED),  # miss 2.01 > 2
        ("2%", "83", Rag.RED),  # miss 2 > 1.7 (2% of 85): relative is not points
        ("2", "83", Rag.AMBER),  # a bare 2 is 2 points: miss 2 = 2
        ("10 points", "75", Rag.AMBER),  # miss 10 = 10
        ("0", "84.99", Rag.RED),  # no tolerance: any miss is red
    ],
)
def test_relative_and_absolute_tolerance(tolerance, value, status):
    """Against 85% (higher is better): relative allows a share of 85, absolute points."""
    found = rated(card("85%", {Q1: value}, polarity="higher_is_better"), tolerance=tolerance)
    assert found.status is status


def test_per_measure_override():
    """A measure's override replaces the policy's tolerance for it alone."""
    scorecard = card_of(
        line("85%", {Q1: "83"}, ref="A", polarity="higher_is_better"),
        line("85%", {Q1: "83"}, ref="B", polarity="higher_is_better"),
    )
    report = evaluate(scorecard, Q1, policy=RagPolicy(tolerance="1%", overrides={"B": "2 points"}))
    assert report["A"].status is Rag.RED  # miss 2 > 0.85 (1% of 85)
    assert report["B"].status is Rag.AMBER  # miss 2 = 2 points
    assert "beyond the 1% tolerance" in report["A"].explanation
    assert "within the 2 points tolerance" in report["B"].explanation


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("86", Rag.GREEN),  # above the 85% floor
        ("85", Rag.GREEN),  # on a bare floor meets it
        ("84.5", Rag.YELLOW),  # miss 0.5 <= 1 (yellow)
        ("84", Rag.YELLOW),  # miss 1 = 1: still yellow
        ("83.99", Rag.AMBER),  # miss 1.01 > 1 but <= 3
        ("82", Rag.AMBER),  # miss 3 = 3: still amber
        ("81.99", Rag.RED),  # miss 3.01 > 3
    ],
)
def test_four_colour_scheme(value, status):
    """With a yellow tolerance: yellow within it, amber within the tolerance, red beyond."""
    found = rated(
        card("85%", {Q1: value}, polarity="higher_is_better"),
        tolerance="3 points",
        yellow_tolerance="1 point",
    )
    assert found.status is status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("18", Rag.YELLOW),  # strict miss by 0 <= 0.18 (1% of 18)
        ("18.18", Rag.YELLOW),  # miss 0.18 = 1% of 18
        ("18.19", Rag.AMBER),  # miss 0.19 > 0.18 but <= 0.9 (5% of 18)
        ("18.9", Rag.AMBER),  # miss 0.9 = 5% of 18
        ("18.91", Rag.RED),  # miss 0.91 > 0.9
    ],
)
def test_four_colour_scheme_with_relative_tolerances(value, status):
    """Relative yellow and amber tolerances are both shares of the threshold."""
    found = rated(card("<18%", {Q1: value}), tolerance="5%", yellow_tolerance="1%")
    assert found.status is status


def test_without_yellow_tolerance_nothing_is_yellow():
    """In the three-colour scheme (the default) a near miss is amber, never yellow."""
    assert rated(card("85%", {Q1: "84.9"}, polarity="higher_is_better")).status is Rag.AMBER


def test_policy_is_carried_on_the_report():
    """The report records the policy it was rated with."""
    policy = RagPolicy(tolerance="2 points")
    assert evaluate(card("<18%", {Q1: "17"}), Q1, policy=policy).policy == policy


def test_different_policies_hash_apart():
    """The hash follows every setting, so policies keying a cache do not all collide."""
    policies = [
        RagPolicy(),
        RagPolicy(tolerance="3%"),
        RagPolicy(yellow_tolerance="1%"),
        RagPolicy(overrides={"A": "2 points"}),
        RagPolicy(comparison="same_period_last_year"),
        RagPolicy(minimum_change="2%"),
    ]
    assert len({hash(policy) for policy in policies}) == len(policies)
