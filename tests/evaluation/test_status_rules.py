"""Ordered status rules: first match wins, and the tolerances are two ready-made rule sets."""

import warnings
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kpi_scorecard import (
    AveragedPercentageWarning,
    ParseError,
    Rag,
    RagPolicy,
    StatusRule,
    StatusRules,
    Tolerance,
    evaluate,
)
from kpi_scorecard.evaluation._rating import Goal, GoalKind, judge
from kpi_scorecard.serializers import csv, json

from .conftest import PREVIOUS, Q1, card, rated
from .test_properties import QUARTERS, policies, scorecards, tolerances


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("green if met", "green if met"),  # the target is met
        ("Amber if within 5%", "amber if within 5%"),  # relative to the target
        ("amber if within 2 pts", "amber if within 2 points"),  # absolute, in the unit
        ("RED   otherwise", "red otherwise"),  # the catch-all
        ("amber if within 10% and improving", "amber if within 10% and improving"),  # travel
        (
            "amber if within 10% and no change or improving",
            "amber if within 10% and improving or no change",
        ),  # alternatives, in the order of Direction
        ("green if met and not comparable", "green if met and not comparable"),  # met, no travel
        ("yellow if improving", "yellow if improving"),  # the direction alone
    ],
)
def test_rule_parse_and_text(text, canonical):
    """A rule reads the words people write and writes its canonical text back."""
    rule = StatusRule.parse(text)
    assert str(rule) == canonical
    assert StatusRule.parse(str(rule)) == rule


HINT = "a status rule is 'green if met', 'amber if within 5%' or 'red otherwise'"
ONE_OF = (
    "a rule's direction is one of "
    "improving, worsening, increasing, decreasing, no change, not comparable"
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("blue if met", HINT),  # not a status a rule gives
        ("not rated otherwise", HINT),  # a rule rates
        ("green when met", HINT),  # "if", not "when"
        ("green if", HINT),  # no condition
        (
            "amber if within five",
            f"{HINT}; 'five' is not a tolerance",
        ),  # words are not a tolerance
        ("amber if within 5% and better", f"{ONE_OF}; not 'better'"),  # not a Direction
        ("green if metric", f"{ONE_OF}; not 'metric'"),  # read as a direction
    ],
)
def test_rule_parse_rejects(text, reason):
    """A rule that cannot be read raises ParseError coded ``bad_status_rule``, quoting it."""
    with pytest.raises(ParseError) as caught:
        StatusRule.parse(text)
    assert (caught.value.code, str(caught.value)) == ("bad_status_rule", f"{reason}: {text!r}")


@pytest.mark.parametrize(
    ("text", "code", "reason"),
    [
        (
            "green if met; amber if within 5%",
            "status_rules_unfinished",
            "the last status rule must apply always ('red otherwise'), not 'amber if within 5%'",
        ),  # a miss beyond 5% would get no status
        (
            "green if met; red if worsening",
            "status_rules_unfinished",
            "the last status rule must apply always ('red otherwise'), not 'red if worsening'",
        ),  # the last rule is conditioned
        (
            "green if met; amber otherwise; red otherwise",
            "unreachable_status_rule",
            "'amber otherwise' applies always, so the rules after it never would",
        ),  # a rule that never applies
        (" ; ", "bad_status_rule", "status rules are rules joined by ';'"),  # no rule at all
    ],
)
def test_rules_parse_rejects(text, code, reason):
    """Rules that leave a figure without a status, or never reach a rule, are refused."""
    with pytest.raises(ParseError) as caught:
        StatusRules.parse(text)
    assert (caught.value.code, str(caught.value)) == (code, f"{reason}: {text!r}")


def test_rules_read_one_per_line():
    """Rules written one per line read as rules joined by ';'."""
    rules = StatusRules.parse("green if within 5%\namber if within 10%\nred otherwise\n")
    assert str(rules) == "green if within 5%; amber if within 10%; red otherwise"


def test_a_within_rule_needs_its_tolerance():
    """A rule built by hand has a tolerance exactly when it is a 'within' rule."""
    with pytest.raises(ValidationError) as caught:
        StatusRule(status="amber", when="within")
    assert caught.value.errors()[0]["type"] == "bad_status_rule"


def test_rules_replace_tolerances_not_join_them():
    """A policy takes status rules or tolerances; given both, it says which clash."""
    with pytest.raises(ValidationError) as caught:
        RagPolicy(rules="green if met; red otherwise", tolerance="3%", overrides={"A": "1%"})
    error = caught.value.errors()[0]
    assert error["type"] == "rules_and_tolerances"
    assert error["msg"] == (
        "give status rules or tolerances, not both (rules given with tolerance, overrides)"
    )
    assert RagPolicy(rules="green if met; red otherwise", tolerance="5%").rules is not None


# --- the rules at work ------------------------------------------------------------------

# Against a floor of 80% (higher is better); the value before was 70%, or 90%.
TIERED = "green if within 5%; amber if within 10%; red otherwise"
IMPROVING_ONLY = "green if met; amber if within 10% and improving; red otherwise"


@pytest.mark.parametrize(
    ("rules", "value", "before", "status", "rule"),
    [
        (TIERED, "80", "70", Rag.GREEN, "green if within 5%"),  # met
        (TIERED, "76", "70", Rag.GREEN, "green if within 5%"),  # miss 4 = 5% of 80
        (TIERED, "75.9", "70", Rag.AMBER, "amber if within 10%"),  # miss 4.1 > 4
        (TIERED, "72", "70", Rag.AMBER, "amber if within 10%"),  # miss 8 = 10% of 80
        (TIERED, "71.9", "70", Rag.RED, "red otherwise"),  # miss 8.1 > 8
        (IMPROVING_ONLY, "75", "70", Rag.AMBER, "amber if within 10% and improving"),  # up 5
        (IMPROVING_ONLY, "75", "90", Rag.RED, "red otherwise"),  # the same miss, worsening
        (IMPROVING_ONLY, "85", "90", Rag.GREEN, "green if met"),  # met, whatever the travel
    ],
)
def test_first_rule_that_applies_gives_the_status(rules, value, before, status, rule):
    """Rules are tried in order; the first that applies rates, and the sentence names it."""
    scorecard = card("80%", {PREVIOUS: before, Q1: value}, polarity="higher_is_better")
    found = rated(scorecard, rules=rules)
    assert found.status is status
    assert f", so the rule '{rule}' applies: {status.value}" in found.explanation


def test_a_rule_sentence_in_full():
    """The sentence gives the figures and the margin, then the rule that applied."""
    scorecard = card("80%", {PREVIOUS: "70", Q1: "75"}, polarity="higher_is_better")
    assert rated(scorecard, rules=IMPROVING_ONLY).explanation == (
        "75% is below the 80% minimum target by 5 points (6.2%), "
        "so the rule 'amber if within 10% and improving' applies: amber"
    )
    assert rated(card("<18%", {Q1: "17"}), rules=TIERED).explanation == (
        "17% is below the 18% ceiling by 1 point, so the rule 'green if within 5%' applies: green"
    )


def test_a_zero_target_allows_no_miss_by_a_relative_rule():
    """A relative rule on a zero target allows nothing, as a relative tolerance does."""
    scorecard = card("0", {Q1: "1"}, unit="count", polarity="lower_is_better")
    assert rated(scorecard, rules=TIERED).status is Rag.RED
    assert rated(scorecard, rules="amber if within 1 point; red otherwise").status is Rag.AMBER


def test_rules_rate_the_forecast_too():
    """The year-end forecast is rated by the same rules as the figure."""
    scorecard = card(
        "100", {Q1: "23"}, unit="count", polarity="higher_is_better", aggregation="sum"
    )
    found = rated(scorecard, rules="green if met; amber if within 3 points; red otherwise")
    # 23 against the 25 due at Q1 misses by 2; the forecast of 92 misses the 100 by 8.
    assert (found.status, found.forecast, found.forecast_status) == (
        Rag.AMBER,
        Decimal(92),
        Rag.RED,
    )
    assert any("'red otherwise'" in note for note in found.notes)


def test_a_policy_with_rules_round_trips_through_json_and_csv():
    """A report rated by rules keeps them in JSON and in CSV, equal when read back."""
    scorecard = card("80%", {PREVIOUS: "70", Q1: "75"}, polarity="higher_is_better")
    report = evaluate(scorecard, Q1, policy=RagPolicy(rules=IMPROVING_ONLY))
    assert json.loads(json.dumps(report)) == report
    assert csv.loads(csv.dumps(report, spreadsheet_safe=False)) == report
    assert str(csv.loads(csv.dumps(report)).policy.rules) == IMPROVING_ONLY


# --- the ready-made rule sets are the tolerances ------------------------------------------

margins = st.integers(min_value=-400, max_value=400).map(lambda n: Decimal(n) / 10)
references = st.integers(min_value=-300, max_value=300).map(lambda n: Decimal(n) / 10)


@given(
    margin=margins,
    reference=references,
    strict=st.booleans(),
    kind=st.sampled_from(GoalKind),
    width=st.integers(min_value=0, max_value=50).map(Decimal),
    tolerance=tolerances,
    yellow=st.one_of(st.none(), tolerances),
)
def test_ready_made_rules_rate_as_the_tolerances(
    margin, reference, strict, kind, width, tolerance, yellow
):
    """Any value, goal and tolerances: the tolerances and their rule set give the same rating."""
    if kind is GoalKind.WITHIN:
        goal = Goal(kind, reference, reference + width)
    else:
        goal = Goal(kind, reference, reference, strict=strict)
    value = reference + margin
    rules = (
        StatusRules.three_colour(tolerance)
        if yellow is None
        else StatusRules.four_colour(yellow, tolerance)
    )
    old = judge(value, goal, tolerance, yellow, None, "not_comparable")
    new = judge(value, goal, tolerance, yellow, rules, "not_comparable")
    assert new == old


@given(scorecard=scorecards(), period=st.sampled_from(QUARTERS), policy=policies)
def test_ready_made_rules_evaluate_as_the_tolerances(scorecard, period, policy):
    """Whole scorecards: a policy and the policy of its rule set give the same statuses."""
    ruled = RagPolicy(
        comparison=policy.comparison,
        minimum_change=policy.minimum_change,
        rules=policy.status_rules_for("any measure"),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AveragedPercentageWarning)
        old, new = (
            evaluate(scorecard, period, policy=policy),
            evaluate(scorecard, period, policy=ruled),
        )
    for before, after in zip(old, new, strict=True):
        assert (after.status, after.margin, after.forecast_status, after.direction) == (
            before.status,
            before.margin,
            before.forecast_status,
            before.direction,
        )


@given(
    status=st.sampled_from(["green", "yellow", "amber", "red"]),
    when=st.sampled_from(["met", "within", "always"]),
    within=tolerances,
    directions=st.frozensets(
        st.sampled_from(
            ["improving", "worsening", "increasing", "decreasing", "no_change", "not_comparable"]
        )
    ),
)
def test_any_rule_reads_back_from_its_text(status, when, within, directions):
    """parse(str(rule)) == rule for every rule that can be built."""
    rule = StatusRule(
        status=status,
        when=when,
        within=within if when == "within" else None,
        directions=directions,
    )
    assert StatusRule.parse(str(rule)) == rule


def test_status_rules_for_gives_the_ready_made_sets():
    """A policy of tolerances stands for the three- or four-colour rule set, with overrides."""
    policy = RagPolicy(tolerance="3%", overrides={"B": "2 points"})
    assert policy.status_rules_for("A") == StatusRules.three_colour(Tolerance.parse("3%"))
    assert (
        str(policy.status_rules_for("B")) == "green if met; amber if within 2 points; red otherwise"
    )
    four = RagPolicy(tolerance="5%", yellow_tolerance="1%").status_rules_for("A")
    assert str(four) == "green if met; yellow if within 1%; amber if within 5%; red otherwise"
    rules = StatusRules.parse(TIERED)
    assert RagPolicy(rules=rules).status_rules_for("A") is rules
