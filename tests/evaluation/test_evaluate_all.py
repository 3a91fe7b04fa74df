"""Rating every period at once, and reports that keep their results as columns."""

import copy
import gc
import pickle
import typing
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest

from kpi_scorecard import (
    Period,
    Rag,
    RagPolicy,
    Report,
    UnknownMeasureError,
    evaluate,
    evaluate_all,
)
from kpi_scorecard.evaluation import _engine
from kpi_scorecard.evaluation._columns import Row
from kpi_scorecard.serializers import json as kpi_json

from .conftest import PREVIOUS, Q1, card_of, line

Q2 = "Q2 2019/20"
Q3 = "Q3 2019/20"

# One line of each shape the engine rates: level, profiled, cumulative, change, direction,
# scheduled, not applicable, missing, band, a break in series.
LINES = (
    line("<18%", {PREVIOUS: "19", Q1: "17 [p]", Q2: "18.5"}, ref="L1"),
    line("85%", {Q1: "84", Q2: "86"}, ref="L2", polarity="higher_is_better"),
    line("40%-60%", {PREVIOUS: "39", Q1: "61", Q2: "50"}, ref="R1", polarity="neutral"),
    line(
        "400",
        {Q1: "90", Q2: "110", Q3: "95"},
        ref="S1",
        unit="count",
        polarity="higher_is_better",
        aggregation="sum",
    ),
    line(
        "1900 (accumulative target)",
        {Q1: "420 (420 cumulative)", Q2: "500 (920 cumulative)"},
        ref="C1",
        unit="count",
        polarity="higher_is_better",
        aggregation="sum",
    ),
    line(
        "100 per qtr",
        {PREVIOUS: "1000", Q1: "1120", Q2: "1190"},
        ref="D1",
        unit="count",
        polarity="higher_is_better",
    ),
    line("Increase", {PREVIOUS: "12", Q1: "14", Q2: "14"}, ref="I1", polarity="neutral"),
    line("N/A", {Q1: "3", Q2: "4"}, ref="N1"),
    line("<18%", {Q1: "", Q2: "97%-99%"}, ref="B1"),
    line("<18%", {PREVIOUS: "19", Q1: "17 [b]", Q2: "16"}, ref="K1"),
)
CARD = card_of(*LINES, title="Every shape")
POLICY = RagPolicy(tolerance="3%", yellow_tolerance="1 point")


def test_evaluate_all_is_evaluate_for_every_period():
    """Each report of evaluate_all equals evaluate's for its period, in the scorecard's order."""
    reports = evaluate_all(CARD, policy=POLICY)
    assert list(reports) == list(CARD.periods)
    for period, report in reports.items():
        assert report == evaluate(CARD, period, policy=POLICY)
        assert report.period == period
        assert report.title == "Every shape"


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        ([Q2, Q1], [Q2, Q1]),  # labels, in the order given
        ([Period.parse(Q3)], [Q3]),  # a Period
        (["2019/20"], ["2019/20"]),  # a year no observation has: every measure is rated
        ([], []),  # nothing asked, nothing rated
    ],
)
def test_evaluate_all_takes_the_periods_asked_for(periods, expected):
    """Given periods, evaluate_all rates those, labels read in the scorecard's calendar."""
    reports = evaluate_all(CARD, periods)
    assert [str(period) for period in reports] == expected
    assert all(len(report) == len(LINES) for report in reports.values())


def test_sentences_of_every_shape_are_the_ones_evaluate_writes():
    """Sentences written from the columns read the same in either order of reading."""
    for period, report in evaluate_all(CARD, policy=POLICY).items():
        for position, assessment in enumerate(report):
            again = evaluate(CARD, period, policy=POLICY)[position]
            assert assessment.notes == again.notes
            assert assessment.model_dump() == again.model_dump()


@pytest.fixture
def report():
    """A report for Q1, straight from evaluation: nothing built yet."""
    return evaluate(CARD, Q1, policy=POLICY)


def test_counts_match_the_assessments(report):
    """counts() gives what counting the built assessments' statuses gives."""
    found = Counter(assessment.status for assessment in report)
    assert report.counts() == {status: found.get(status, 0) for status in report.counts()}
    assert sum(report.counts().values()) == len(LINES)


@pytest.mark.parametrize(
    ("key", "reference"),
    [
        (0, "L1"),  # first
        (-1, "K1"),  # last, counting from the end
        (-len(LINES), "L1"),  # first, counting from the end
        ("S1", "S1"),  # by reference
    ],
)
def test_indexing_before_and_after_building(report, key, reference):
    """Indexing gives the same assessment before and after the tuple is built."""
    before = report[key]
    assert before.measure_ref == reference
    assert report.assessments[key if isinstance(key, int) else 3] == before
    assert report[key] == before


@pytest.mark.parametrize("key", [len(LINES), -len(LINES) - 1])
def test_position_out_of_range(report, key):
    """A position past either end raises IndexError."""
    with pytest.raises(IndexError):
        report[key]


def test_unknown_reference_and_membership(report):
    """An unknown reference raises UnknownMeasureError; ``in`` takes only references."""
    with pytest.raises(UnknownMeasureError):
        report["XX1"]
    assert "C1" in report
    assert "XX1" not in report
    assert 3 not in report


def test_a_report_equals_one_built_from_its_assessments(report):
    """A report from the columns equals the same report given its assessments as a tuple."""
    built = Report(
        title=report.title,
        calendar=report.calendar,
        period=report.period,
        policy=report.policy,
        assessments=tuple(report),
    )
    assert report == built
    assert built == report
    assert report != evaluate(CARD, Q2, policy=POLICY)


@pytest.mark.parametrize(
    "look",
    [
        pytest.param(lambda r: kpi_json.loads(kpi_json.dumps(r)), id="json"),
        pytest.param(lambda r: pickle.loads(pickle.dumps(r)), id="pickle"),  # noqa: S301
        pytest.param(copy.copy, id="copy"),
        pytest.param(copy.deepcopy, id="deepcopy"),
        pytest.param(lambda r: Report.model_validate(r.model_dump()), id="model_dump"),
    ],
)
def test_round_trips_keep_every_assessment(report, look):
    """Serialized, pickled or copied, a report reads back equal, sentences and all."""
    again = look(report)
    assert again == report
    assert [a.explanation for a in again] == [a.explanation for a in report]


def test_reading_the_field_keeps_the_built_assessments(report):
    """``assessments`` is built once; after that it is the same tuple, and iteration uses it."""
    first = report.assessments
    assert report.assessments is first
    assert list(report) == list(first)
    assert report[0] is first[0]


def test_derived_figures_of_a_profiled_row():
    """The figures worked out when a row is read are the rating's own, exactly."""
    q2 = evaluate(CARD, Q2, policy=POLICY)["S1"]
    assert (q2.ytd, q2.rated_value, str(q2.due)) == (Decimal(200), Decimal(200), "200")
    assert (q2.margin, q2.relative_margin, q2.change) == (Decimal(0), Decimal(0), Decimal(20))
    assert (q2.forecast, q2.forecast_status.value) == (Decimal(400), "green")


def test_rows_keep_no_sentences_until_read(report):
    """Building an assessment writes no sentence; reading one writes that row's three."""
    assessment = report["L1"]
    assert "explanation" not in assessment.__dict__
    assert assessment.notes == ("the figure is provisional, so the rating is qualified",)
    assert assessment.__dict__["explanation"] == "17% is below the 18% ceiling by 1 point: green"


def test_reports_one_assessment_apart_are_unequal(report):
    """Reports of the same period, policy and size differ when one assessment does."""
    first, *rest = tuple(report)
    status = Rag.RED if first.status is not Rag.RED else Rag.GREEN
    other = Report(
        title=report.title,
        calendar=report.calendar,
        period=report.period,
        policy=report.policy,
        assessments=(first.model_copy(update={"status": status}), *rest),
    )
    assert report != other
    assert other != report


def test_the_collector_resumes_on_only_what_the_reports_keep(monkeypatch):
    """Every row of the engine's work is freed before the collector's pause ends.

    A row still alive as the pause ends is walked by the young collection that runs as
    the collector resumes, with every observation it names: once per call, and the whole
    scorecard again every tenth time (a fifth of ``evaluate`` at a million observations).
    """
    lines = [
        line(
            "<18%" if number % 2 else "400",
            {PREVIOUS: "19", Q1: "17", Q2: "18"},
            ref=f"M{number:03d}",
            aggregation="sum" if number % 3 == 0 else "latest",
        )
        for number in range(300)
    ]
    scorecard = card_of(*lines)
    width = len(typing.get_args(Row))
    evaluate(scorecard, Q1)  # the lookups and the plan, built outside the count
    pausing = _engine.collector_paused
    young_rows: list[int] = []

    @contextmanager
    def counting() -> Iterator[None]:
        with pausing():
            yield
            # As the pause ends: the young objects that look like the engine's rows.
            young = gc.get_objects(generation=0)
            young_rows.append(sum(type(each) is tuple and len(each) == width for each in young))

    monkeypatch.setattr(_engine, "collector_paused", counting)
    gc.collect()
    reports = evaluate_all(scorecard, [Q1, Q2])
    assert [len(report) for report in reports.values()] == [300, 300]
    assert young_rows == [0]
