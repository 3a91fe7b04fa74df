"""The published example: every face the council printed for Q1 2019/20 is reproduced."""

from decimal import Decimal
from pathlib import Path

import pytest

from kpi_scorecard import Rag, RagPolicy, Tolerance, evaluate
from kpi_scorecard.serializers import table

EXAMPLE = Path(__file__).parents[2] / "examples" / "data" / "children_and_families_2019_20.tsv"

HAPPY, SAD = "😊", "☹️"

# Polarity declared from each measure's title, as a performance officer would; aggregation
# only where the title says how the figure adds up. Nothing else is given per measure.
LOWER = {"polarity": "lower_is_better"}
HIGHER = {"polarity": "higher_is_better"}
NEUTRAL = {"polarity": "neutral"}
DECLARED = {
    "CSC001": {**LOWER, "aggregation": "sum"},  # Number of referrals
    "CSC002": LOWER,  # Percentage of repeat referrals
    "CSC003": HIGHER,  # Assessments completed within 45 days
    "CSC004": LOWER,  # Second or subsequent CP plan
    "CSC005": NEUTRAL,  # Number of children in need
    "CSC006": NEUTRAL,  # Number of children with a CP plan
    "CSC007": HIGHER,  # CP plans reviewed within timescales
    "CSC008": LOWER,  # Number of cared for children
    "CSC009": HIGHER,  # Cared for children reviewed within timescales
    "CSC010": HIGHER,  # In internal foster care
    "CSC011": LOWER,  # In external foster homes
    "CSC012": LOWER,  # In residential homes
    "CSC013": LOWER,  # Placed over 20 miles from home
    "CSC014": LOWER,  # Care leavers NEET
    "CSC015": HIGHER,  # Care leavers in suitable accommodation
    "CSC016": NEUTRAL,  # Court endorsed plans of adoption (snapshot)
    "CSC017": {**HIGHER, "aggregation": "already_cumulative"},  # Children adopted (YTD)
    "CSC018": LOWER,  # Average caseload
    "Ed&S001": HIGHER,  # Good or outstanding primary schools
    "Ed&S002": HIGHER,  # Good or outstanding secondary schools
    "Ed&S003": HIGHER,  # Good or outstanding special schools
    "Ed&S004": HIGHER,  # Primary attendance
    "Ed&S005": HIGHER,  # Secondary attendance
}

# The faces printed in the "RAG and Direction of Travel" column, read off the published file
# by eye, with the reason the council gave each one.
PUBLISHED = [
    ("CSC001", SAD),  # N/A target; referrals rose 614 -> 633: worsening
    ("CSC002", HAPPY),  # 17% under the 18% ceiling: green
    ("CSC003", HAPPY),  # 83% vs 85%: 2 points = 2.4% short, within 3%: amber
    ("CSC004", SAD),  # 23% vs <17%: red
    ("CSC005", HAPPY),  # 1774 inside 1700-2000: green
    ("CSC006", HAPPY),  # 275 inside 260-300: green
    ("CSC007", SAD),  # 93% vs 99%: 6.1% short: red
    ("CSC008", HAPPY),  # 481 vs 440-475: 6 over = 1.3% of 475: amber
    ("CSC009", SAD),  # 93% vs 97%: 4.1% short: red
    ("CSC010", SAD),  # 38% vs >50%: red
    ("CSC011", SAD),  # 29% vs <20%: red
    ("CSC012", SAD),  # 8% vs <6%: red
    ("CSC013", SAD),  # 27% vs <20%: red
    ("CSC014", SAD),  # 47% vs <38%: red
    ("CSC015", HAPPY),  # 96% on the 96% target: green
    ("CSC017", HAPPY),  # 5 adoptions vs 20 a year, 5 due at Q1: green
    ("CSC018", SAD),  # caseload 23 vs <20: red
    ("Ed&S001", HAPPY),  # 92% on 92%: green
    ("Ed&S002", HAPPY),  # 76% on 76%: green
    ("Ed&S003", HAPPY),  # 80% on 80%: green
    ("Ed&S004", HAPPY),  # 96% on 96%: green
    ("Ed&S005", HAPPY),  # 94% vs 95%: 1.1% short: amber
]


@pytest.fixture(scope="module")
def report():
    """The example scorecard rated for Q1 2019/20 with a 3% relative tolerance."""
    card = table.loads(EXAMPLE.read_text(encoding="utf-8"), measures=DECLARED)
    policy = RagPolicy(tolerance=Tolerance.relative(Decimal("0.03")))
    return card, evaluate(card, "Quarter 1 2019/20", policy=policy)


def test_the_file_publishes_exactly_22_faces(report):
    """The published file carries a face on 22 rows, the ones listed here."""
    card, rating = report
    faces = {
        a.measure_ref: obs.published_status
        for a in rating
        if (obs := card.observation(a.measure_ref, rating.period)) is not None
        and obs.published_status
    }
    assert faces == dict(PUBLISHED)


@pytest.mark.parametrize(("reference", "face"), PUBLISHED)
def test_computed_face_matches_published(report, reference, face):
    """The face computed from status (or, without a target, direction) is the published one."""
    _, rating = report
    assert rating[reference].face == face, rating[reference].explanation


def test_amber_rows_are_the_near_misses(report):
    """The three near misses inside the 3% tolerance are amber, not green."""
    _, rating = report
    amber = {a.measure_ref for a in rating if a.status is Rag.AMBER}
    assert {"CSC003", "CSC008", "Ed&S005"} <= amber
