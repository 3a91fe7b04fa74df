"""The new target kinds through the JSON, CSV and table serializers, as their canonical text."""

import json

import pytest

from kpi_scorecard import (
    Measure,
    Observation,
    Period,
    Scorecard,
    Target,
    TargetSetting,
    evaluate,
)
from kpi_scorecard.serializers import csv, table
from kpi_scorecard.serializers import json as kpi_json

FY = Period.parse("2019/20")
Q1 = Period.parse("Q1 2019/20")

# One target per measure, every new kind, written as a council would.
TARGETS = [
    "at least 90%",  # words
    "4 days (quarterly target)",  # basis
    "<18% (2019/20)",  # the year it is for
    "Increase",  # direction
    "Maintain",  # direction by polarity
    "Better than England average",  # benchmark
    "Top quartile",  # quartile
    "TBC",  # placeholder
    "Q1 2019/20: <=5; Q2 2019/20: <=4",  # schedule inside the year
]


def _card() -> Scorecard:
    measures = tuple(
        Measure(reference=f"M{index}", unit="day" if "days" in text else "percent")
        for index, text in enumerate(TARGETS)
    )
    return Scorecard(
        title="Targets",
        measures=measures,
        targets=tuple(
            TargetSetting(measure_ref=m.reference, period=FY, target=text)
            for m, text in zip(measures, TARGETS, strict=True)
        ),
        observations=tuple(
            Observation(measure_ref=m.reference, period=Q1, value=5) for m in measures
        ),
    )


@pytest.mark.parametrize("text", TARGETS)
def test_json_document_carries_the_canonical_text(text):
    """A target document's data is the canonical text, and reads back to the same target."""
    target = Target.parse(text)
    document = kpi_json.dumps(target)
    assert json.loads(document)["data"] == str(target)
    again = kpi_json.loads(document)
    assert again == target
    assert type(again) is type(target)


def test_json_scorecard_and_report_round_trip():
    """A scorecard with every new kind, and its report, survive JSON and meet the schema."""
    card = _card()
    assert kpi_json.loads(kpi_json.dumps(card)) == card
    report = evaluate(card, Q1)
    assert kpi_json.loads(kpi_json.dumps(report)) == report


def test_csv_round_trip():
    """The CSV writer writes each target's canonical text, and the reader reads it back."""
    card = _card()
    again = csv.loads(csv.dumps(card, spreadsheet_safe=False))
    assert again.targets == card.targets


def test_table_round_trip():
    """The table layout writes each target in the target column and reads it back."""
    card = _card()
    measures = {m.reference: {"unit": m.unit} for m in card.measures}
    again = table.loads(table.dumps(card), measures=measures)
    assert [str(s.target) for s in again.targets] == [str(s.target) for s in card.targets]
    assert again.targets == card.targets
