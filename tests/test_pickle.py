"""Pickling, as process pools in ETL scripts need: scorecards, reports and errors survive."""

import pickle
from decimal import Decimal

from kpi_scorecard import (
    Measure,
    Observation,
    PeriodParseError,
    Scorecard,
    TableError,
    TargetSetting,
    evaluate,
)


def _card() -> Scorecard:
    return Scorecard(
        title="Pickled",
        measures=[Measure(reference="A", unit="%", polarity="lower_is_better")],
        targets=[TargetSetting(measure_ref="A", period="2019/20", target="<18%")],
        observations=[
            Observation(measure_ref="A", period="Q4 2018/19", value=Decimal(19)),
            Observation(measure_ref="A", period="Q1 2019/20", value=Decimal(17)),
        ],
    )


def test_scorecard_pickles_after_its_lookups_were_used():
    """A scorecard whose lookup index was built still pickles, and works after unpickling."""
    card = _card()
    report = evaluate(card, "Q1 2019/20")  # builds the lookup index
    copy = pickle.loads(pickle.dumps(card))  # noqa: S301 - our own bytes
    assert copy == card
    assert evaluate(copy, "Q1 2019/20") == report


def test_report_pickles_and_keeps_its_ratings():
    """A report crosses a process boundary with every assessment intact."""
    report = evaluate(_card(), "Q1 2019/20")
    copy = pickle.loads(pickle.dumps(report))  # noqa: S301 - our own bytes
    assert copy == report
    assert copy["A"].explanation == "17% is below the 18% ceiling by 1 point: green"


def test_errors_pickle_with_their_details():
    """Parse and table errors keep their code, text and location through pickling."""
    error = PeriodParseError(
        "Q9 2019/20", "a financial year has quarters 1 to 4", code="bad_quarter"
    )
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (copy.code, copy.text, str(copy)) == (error.code, error.text, str(error))
    table = TableError("x", "not a number", code="bad_value", line=3, column="Q1")
    copy_table = pickle.loads(pickle.dumps(table))  # noqa: S301 - our own bytes
    assert (copy_table.line, copy_table.column, str(copy_table)) == (3, "Q1", str(table))
