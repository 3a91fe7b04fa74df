"""What evaluation returns: Assessments gathered in a Report, and the council's faces."""

import pytest
from pydantic import ValidationError

from kpi_scorecard import (
    Assessment,
    Direction,
    KpiScorecardError,
    Period,
    Rag,
    RagPolicy,
    Report,
    UnknownMeasureError,
    evaluate,
)

from .conftest import PREVIOUS, Q1, card, card_of, line, rated

HAPPY, SAD = "😊", "☹️"

# Deliberately not in alphabetical order: a report keeps the scorecard's order.
LINES = (
    line("<18%", {Q1: "17"}, ref="Z9"),  # 17 < 18: green
    line("<18%", {Q1: "25"}, ref="A1"),  # 25 - 18 = 7 > 0.9: red
    line("85%", {Q1: "84"}, ref="M5", polarity="higher_is_better"),  # 1 <= 4.25: amber
    line("N/A", {Q1: "3"}, ref="B2"),  # not rated
    line(">=50%", {Q1: "49"}, ref="C3", polarity="higher_is_better"),  # 1 <= 2.5: amber
)
ORDER = ["Z9", "A1", "M5", "B2", "C3"]


@pytest.fixture
def report():
    """A report of five measures, one of each outcome but yellow."""
    return evaluate(card_of(*LINES, title="Children and Families"), Q1)


def test_report_iterates_in_scorecard_order(report):
    """Iterating a report gives the assessments in the scorecard's order."""
    assert [assessment.measure_ref for assessment in report] == ORDER
    assert list(report) == list(report.assessments)


def test_report_length(report):
    """``len`` is the number of measures."""
    assert len(report) == 5


@pytest.mark.parametrize(
    ("key", "reference"),
    [
        (0, "Z9"),  # first
        (2, "M5"),  # third
        (-1, "C3"),  # last, counting from the end
        ("A1", "A1"),  # by reference
        ("C3", "C3"),  # the last, by reference
    ],
)
def test_report_indexing(report, key, reference):
    """A report is indexed by position or by measure reference."""
    assert report[key].measure_ref == reference


def test_unknown_reference(report):
    """An unknown reference raises UnknownMeasureError, a KeyError, naming it."""
    with pytest.raises(UnknownMeasureError) as caught:
        report["XX1"]
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, KpiScorecardError)
    assert caught.value.reference == "XX1"
    assert caught.value.code == "unknown_measure"
    assert str(caught.value) == "no measure with reference 'XX1'"
    with pytest.raises(KeyError):
        report["XX1"]


def test_position_out_of_range(report):
    """A position past the end raises IndexError."""
    with pytest.raises(IndexError):
        report[5]


def test_report_contains(report):
    """``in`` asks whether a measure is in the report."""
    assert "M5" in report
    assert "XX1" not in report


def test_counts(report):
    """``counts`` lists every status, zeros included, in the order of Rag."""
    assert report.counts() == {
        Rag.GREEN: 1,  # Z9
        Rag.YELLOW: 0,  # no yellow tolerance
        Rag.AMBER: 2,  # M5, C3
        Rag.RED: 1,  # A1
        Rag.NOT_RATED: 1,  # B2
    }
    assert list(report.counts()) == list(Rag)


def test_counts_with_four_colours():
    """With a yellow tolerance, near misses are counted as yellow."""
    policy = RagPolicy(yellow_tolerance="1 point")
    report = evaluate(card_of(*LINES), Q1, policy=policy)
    assert report.counts()[Rag.YELLOW] == 2  # M5 and C3 miss by 1 point <= 1
    assert report.counts()[Rag.AMBER] == 0


def test_report_carries_title_period_and_calendar(report):
    """The report records the scorecard's title and calendar, and the period."""
    assert report.title == "Children and Families"
    assert report.period == Period.parse(Q1)
    assert report.calendar == card_of(*LINES).calendar
    assert report.policy == RagPolicy()


def test_report_repr(report):
    """A report's repr summarises it rather than listing every assessment."""
    assert repr(report) == (
        "kpi_scorecard.Report(title='Children and Families', period='Q1 2019/20', assessments=5)"
    )


def test_empty_scorecard_gives_an_empty_report():
    """A scorecard without measures gives a report with nothing in it."""
    report = evaluate(card_of(), Q1)
    assert len(report) == 0
    assert list(report) == []
    assert set(report.counts().values()) == {0}


def test_report_round_trips_through_json(report):
    """A report is written as JSON and read back equal."""
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_assessment_is_frozen(report):
    """An assessment cannot be changed after evaluation."""
    with pytest.raises(ValidationError):
        report[0].status = Rag.RED


# --- faces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "direction", "face"),
    [
        (Rag.GREEN, Direction.WORSENING, HAPPY),  # the rating decides, not the direction
        (Rag.YELLOW, Direction.NOT_COMPARABLE, HAPPY),  # yellow is a near miss: happy
        (Rag.AMBER, Direction.WORSENING, HAPPY),  # amber is within tolerance: still happy
        (Rag.RED, Direction.IMPROVING, SAD),  # red is sad, even improving
        (Rag.NOT_RATED, Direction.IMPROVING, HAPPY),  # not rated: the direction decides
        (Rag.NOT_RATED, Direction.WORSENING, SAD),  # not rated, worsening
        (Rag.NOT_RATED, Direction.INCREASING, None),  # neutral moves carry no face
        (Rag.NOT_RATED, Direction.DECREASING, None),  # neutral
        (Rag.NOT_RATED, Direction.NO_CHANGE, None),  # nothing moved
        (Rag.NOT_RATED, Direction.NOT_COMPARABLE, None),  # nothing to go by
    ],
)
def test_face(status, direction, face):
    """😊 for green, yellow or amber; ☹️ for red; else by direction of travel, or none."""
    assessment = Assessment(
        measure_ref="M1", period=Period.parse(Q1), status=status, direction=direction
    )
    assert assessment.face == face


@pytest.mark.parametrize(
    ("target", "values", "face"),
    [
        ("<18%", {PREVIOUS: "16", Q1: "17"}, HAPPY),  # green though worsening
        ("<18%", {PREVIOUS: "25", Q1: "20"}, SAD),  # red (2 > 0.9) though improving
        ("N/A", {PREVIOUS: "19", Q1: "17"}, HAPPY),  # not rated, improving (lower is better)
        ("N/A", {PREVIOUS: "17", Q1: "19"}, SAD),  # not rated, worsening
        ("N/A", {Q1: "17"}, None),  # not rated, not comparable
    ],
)
def test_face_of_evaluated_measures(target, values, face):
    """Faces on evaluated measures follow the rating, or the direction when not rated."""
    assert rated(card(target, values)).face == face


@pytest.mark.parametrize(
    ("quality", "qualified"),
    [
        ("normal", False),  # a plain figure
        ("provisional", True),  # [p]
        ("estimated", True),  # [e]
        ("break", True),  # [b]: rated, but with a caveat
        ("missing", False),  # no figure: nothing to qualify
    ],
)
def test_qualified(quality, qualified):
    """An assessment is qualified when its figure is provisional, estimated or the like."""
    assessment = Assessment(measure_ref="M1", period=Period.parse(Q1), quality=quality)
    assert assessment.qualified is qualified
