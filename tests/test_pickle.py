"""Pickling, as process pools in ETL scripts need: scorecards, reports and errors survive."""

import copy
import os
import pickle
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import kpi_scorecard
from kpi_scorecard import (
    Measure,
    Observation,
    PeriodParseError,
    Rag,
    Scorecard,
    TableError,
    TargetSetting,
    evaluate,
)

#: The folder that holds this checkout's kpi_scorecard package, for a fresh interpreter.
PACKAGE_PARENT = str(Path(kpi_scorecard.__file__).resolve().parents[1])


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


@pytest.mark.subprocess
def test_a_scorecard_pickled_in_one_process_rates_the_same_in_another():
    """Periods leave their cached hash out of a pickle: a text hash differs between processes.

    With the hash carried over, a scorecard loaded by a worker of a process pool found none
    of its own periods and rated every measure as having no value.
    """
    card = _card()
    report = evaluate(card, "Q1 2019/20")
    script = textwrap.dedent(
        f"""
        import pickle, sys
        sys.path.insert(0, {PACKAGE_PARENT!r})
        from kpi_scorecard import Period, evaluate
        card = pickle.loads(sys.stdin.buffer.read())
        period = Period.parse("Q1 2019/20")
        sys.stdout.buffer.write(pickle.dumps((period in card.periods, evaluate(card, period))))
        """
    )
    for seed in ("1", "2"):
        result = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
            [sys.executable, "-c", script],
            input=pickle.dumps(card),
            capture_output=True,
            check=False,
            timeout=60,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr.decode()
        found, rated = pickle.loads(result.stdout)  # noqa: S301 - our own bytes
        assert found
        assert rated == report
        assert rated["A"].status.value == "green"


def test_a_deep_copied_report_keeps_its_scorecard_and_reads_it():
    """A deep copy of a report shares its source scorecard, so it still reads published words."""
    card = _card().model_copy(
        update={
            "observations": (
                Observation(
                    measure_ref="A", period="Q1 2019/20", value=Decimal(19), published_status="G"
                ),
            )
        }
    )
    report = evaluate(card, "Q1 2019/20")
    copied = copy.deepcopy(report)
    assert copied.source is report.source
    assert copied == report
    assert [found.measure_ref for found in copied.disagreements()] == ["A"]


def test_an_unpickled_report_counts_and_finds_its_measures():
    """A report read back from pickle counts its statuses and answers membership by reference."""
    report = evaluate(_card(), "Q1 2019/20")
    assert "A" in report  # fills the lookup by reference before pickling
    copied = pickle.loads(pickle.dumps(report))  # noqa: S301 - our own bytes
    assert ("A" in copied, "B" in copied, len(copied)) == (True, False, 1)
    assert copied.counts()[Rag.GREEN] == 1
    assert sum(copied.counts().values()) == 1
