"""Reports in the council's table layout: the computed faces in the face column."""

from decimal import Decimal
from pathlib import Path

import pytest

from kpi_scorecard import RagPolicy, Report, ScorecardError, Tolerance, evaluate
from kpi_scorecard.serializers import table

EXAMPLE = Path(__file__).parents[2] / "examples" / "data" / "children_and_families_2019_20.tsv"
DECLARED = {
    "CSC001": {"polarity": "lower_is_better", "aggregation": "sum"},  # referrals rose: ☹️
    "CSC002": {"polarity": "lower_is_better"},  # 17% under <18%: green 😊
    "CSC007": {"polarity": "higher_is_better"},  # 93% vs 99%: red ☹️
    "CSC008": {"polarity": "lower_is_better"},  # 481 vs 440-475: amber 😊
}


@pytest.fixture(scope="module")
def report():
    """The example rated for Q1 2019/20 with a 3% tolerance."""
    card = table.loads(EXAMPLE.read_text(encoding="utf-8"), measures=DECLARED)
    policy = RagPolicy(tolerance=Tolerance.relative(Decimal("0.03")))
    return evaluate(card, "Q1 2019/20", policy=policy)


def test_report_writes_the_computed_faces(report):
    """Each row's face column holds the face computed for that measure."""
    rows = {line.split("\t")[0]: line.split("\t") for line in table.dumps(report).splitlines()}
    faces = {ref: rows[ref][-2] for ref in DECLARED}
    assert faces == {"CSC001": "☹️", "CSC002": "😊", "CSC007": "☹️", "CSC008": "😊"}


def test_report_table_reads_back_with_computed_faces(report):
    """Reading the written report gives the scorecard, with the computed faces published."""
    card = table.loads(table.dumps(report), measures=DECLARED)
    assert len(card.measures) == 42
    for reference in DECLARED:
        observation = card.observation(reference, report.period)
        assert observation is not None
        assert observation.published_status == report[reference].face


def test_report_without_its_scorecard_is_refused(report):
    """A report rebuilt without its source scorecard cannot be laid out, and says why."""
    bare = Report(period=report.period, policy=report.policy, assessments=report.assessments)
    with pytest.raises(ScorecardError) as caught:
        table.dumps(bare)
    assert caught.value.code == "no_source"
