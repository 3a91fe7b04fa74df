"""The example report the chart tests draw: declared as its declarations file says."""

import tomllib

import pytest

from kpi_scorecard import RagPolicy, Tolerance, evaluate
from kpi_scorecard.examples import children_and_families, children_and_families_declarations
from kpi_scorecard.serializers import table


@pytest.fixture(scope="session")
def report():
    """The example rated at Q1 2019/20 with its declared polarities and 3% tolerance."""
    declared = tomllib.loads(children_and_families_declarations())
    card = table.loads(children_and_families(), measures=declared["measures"])
    policy = RagPolicy(tolerance=Tolerance.parse(declared["tolerance"]))
    return evaluate(card, "Q1 2019/20", policy=policy)
