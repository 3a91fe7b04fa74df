"""Yes/no achievements: ``Yes`` and ``No`` as figures and targets, kept through every format."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kpi_scorecard import (
    Measure,
    Observation,
    RagPolicy,
    Scorecard,
    TargetSetting,
    Tolerance,
    evaluate,
)
from kpi_scorecard.serializers import csv, json, table
from strategies import yes_no_targets


def award_card(answers, target="Yes", status="normal"):
    """One yes/no measure with a figure per year (1 or 0) and a target for the last year."""
    periods = ["2023/24", "2024/25", "2025/26"][-len(answers) :]
    return Scorecard(
        title="Clerk's office",
        measures=[Measure(reference="AW1", title="Award received", unit="yes_no")],
        observations=[
            Observation(measure_ref="AW1", period=period, value=answer, status=status)
            for period, answer in zip(periods, answers, strict=True)
        ],
        targets=[TargetSetting(measure_ref="AW1", period=periods[-1], target=target)],
    )


answers = st.lists(st.sampled_from([Decimal(0), Decimal(1)]), min_size=1, max_size=3)
statuses = st.sampled_from(["normal", "provisional", "estimated", "forecast"])


@given(answers, yes_no_targets.map(str), statuses)
def test_json_keeps_yes_no(found, target, status):
    """A yes/no scorecard survives JSON: the unit, the figures and the target."""
    card = award_card(found, target, status)
    assert json.loads(json.dumps(card)) == card


@given(answers, yes_no_targets.map(str), statuses)
def test_csv_keeps_yes_no(found, target, status):
    """A yes/no scorecard survives CSV."""
    card = award_card(found, target, status)
    assert csv.loads(csv.dumps(card)) == card


@given(answers, yes_no_targets.map(str), statuses)
def test_table_keeps_yes_no(found, target, status):
    """A yes/no scorecard survives the table layout, written as Yes and No, no unit declared."""
    card = award_card(found, target, status)
    text = table.dumps(card)
    assert table.loads(text) == card
    row = text.splitlines()[-1].split("\t")
    assert row[9 : 9 + len(found)] == [
        str(("Yes" if answer else "No") + ("" if status == "normal" else f" [{status[0]}]"))
        for answer in found
    ]


def test_a_report_keeps_the_sentence():
    """A report's yes/no sentence survives JSON."""
    report = evaluate(award_card([Decimal(0), Decimal(1)]), "2025/26")
    assert report["AW1"].explanation == "Yes, as targeted: green"
    assert json.loads(json.dumps(report))["AW1"].explanation == "Yes, as targeted: green"


@pytest.mark.parametrize(
    ("answers", "target", "status", "sentence"),
    [
        ([Decimal(1)], "Yes", "green", "Yes, as targeted: green"),
        ([Decimal(0)], "Yes", "red", "No, where Yes was targeted: red"),
        ([Decimal(0)], "No", "green", "No, as targeted: green"),
        ([Decimal(1)], "No", "red", "Yes, where No was targeted: red"),
    ],
)
@pytest.mark.parametrize(
    "policy",
    [
        RagPolicy(),
        RagPolicy(tolerance=Tolerance.absolute(5)),  # a miss of one point would be amber
        RagPolicy(rules="green if met; amber if within 2 points; red otherwise"),
    ],
)
def test_an_answer_rates_whatever_the_tolerance(answers, target, status, sentence, policy):
    """The engine rates a yes/no answer green or red, whatever tolerance or rules are given."""
    rated = evaluate(award_card(answers, target), "2025/26", policy=policy)["AW1"]
    assert (rated.status.value, rated.explanation) == (status, sentence)


@pytest.mark.parametrize(
    ("observation", "message"),
    [
        ({"value": 2}, "AW1 2025/26: a yes/no figure is 1 (Yes) or 0 (No), without a running "
         "total, not 2"),  # neither answer
        ({"value": 1, "cumulative": 3}, "AW1 2025/26: a yes/no figure is 1 (Yes) or 0 (No), "
         "without a running total, not 1"),  # a running total of answers
        ({"value": "0-1"}, "AW1 2025/26: a yes/no figure is 1 (Yes) or 0 (No), without a "
         "running total, not 0-1"),  # a band
    ],
)  # fmt: skip
def test_a_scorecard_checks_yes_no_figures(observation, message):
    """A yes/no measure's figures are 1 or 0: a scorecard refuses others with bad_yes_no."""
    with pytest.raises(ValidationError) as caught:
        Scorecard(
            measures=[Measure(reference="AW1", unit="yes_no")],
            observations=[Observation(measure_ref="AW1", period="2025/26", **observation)],
        )
    assert caught.value.errors()[0]["type"] == "bad_yes_no"
    assert caught.value.errors()[0]["msg"] == message


@pytest.mark.parametrize("aggregation", ["sum", "mean", "ratio", "already_cumulative"])
def test_a_yes_no_measure_does_not_add_up(aggregation):
    """Answers are not amounts: a yes/no measure aggregates by latest, min or max only."""
    with pytest.raises(ValidationError) as caught:
        Measure(reference="AW1", unit="yes_no", aggregation=aggregation)
    assert caught.value.errors()[0]["type"] == "yes_no_aggregation"
    assert caught.value.errors()[0]["msg"] == (
        f"a yes/no measure aggregates by latest, min or max, not {aggregation}"
    )


def test_a_yes_target_on_a_count_is_refused():
    """``Yes`` on a measure of counts is a unit mismatch, not a threshold of 1."""
    with pytest.raises(ValidationError) as caught:
        Scorecard(
            measures=[Measure(reference="C1")],
            targets=[TargetSetting(measure_ref="C1", period="2025/26", target="Yes")],
        )
    assert caught.value.errors()[0]["type"] == "incompatible_unit"
    assert caught.value.errors()[0]["msg"] == (
        "C1: target 'Yes' is in 'yes_no' but the measure is in count"
    )
