"""Report.disagreements: the rows where what the council published is not what was computed."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import (
    Direction,
    Disagreement,
    ParseError,
    Rag,
    RagPolicy,
    ScorecardError,
    StatusVocabulary,
    Tolerance,
    TrendVocabulary,
    evaluate,
)
from kpi_scorecard.serializers import json

from .conftest import PREVIOUS, Q1, card
from .test_example_faces import HAPPY, PUBLISHED, SAD
from .test_example_faces import report as report  # noqa: PLC0414 - the shared fixture
from .test_properties import QUARTERS, policies, quietly, scorecards


def _with_observations(scorecard, observations):
    """The scorecard with these observations instead of its own, checked again."""
    fields = {name: getattr(scorecard, name) for name in type(scorecard).model_fields}
    return type(scorecard)(**{**fields, "observations": observations})


def test_the_example_scorecard_agrees_with_every_published_face(report):
    """The 22 faces the council printed for Q1 2019/20 all agree with the computed ratings."""
    card_, rating = report
    assert rating.disagreements() == ()
    published = [card_.observation(ref, rating.period).published_status for ref, _ in PUBLISHED]
    assert len([face for face in published if face]) == 22


def test_the_example_at_a_stricter_tolerance_disagrees_on_the_near_misses(report):
    """With no tolerance, the three near misses the council showed happy turn red: listed."""
    card_, _ = report
    strict = evaluate(card_, "Q1 2019/20", policy=RagPolicy(tolerance=Tolerance.none()))
    found = strict.disagreements()
    assert [d.measure_ref for d in found] == ["CSC003", "CSC008", "Ed&S005"]
    assert {(d.aspect, str(d.published), d.computed) for d in found} == {("status", HAPPY, Rag.RED)}
    assert found[0].explanation == (
        "published '😊' (green, yellow or amber; improving where nothing is rated), computed red: "
        "83% is below the 85% minimum target by 2 points (2.4%), with no tolerance: red"
    )


def test_a_face_disagrees_with_its_computed_face_exactly(report):
    """A face disagrees exactly when Assessment.face, the display's face, is another."""
    card_, rating = report
    for assessment in rating:
        for face in (HAPPY, SAD):
            changed = _with_observations(
                card_,
                tuple(
                    obs.model_copy(update={"published_status": face})
                    if (obs.measure_ref, obs.period) == (assessment.measure_ref, assessment.period)
                    else obs.model_copy(update={"published_status": None})
                    for obs in card_.observations
                ),
            )
            found = rating.disagreements(scorecard=changed)
            assert (found == ()) == (assessment.face == face), assessment.measure_ref


def _one(target, values, *, status=None, trend=None, polarity="lower_is_better", **policy):
    """The disagreements of a one-measure card whose Q1 figure carries published words."""
    cells = dict(values)
    cells[Q1] = {
        "value": Decimal(cells[Q1]),
        "published_status": status,
        "published_trend": trend,
    }
    return evaluate(card(target, cells, polarity=polarity), Q1, policy=RagPolicy(**policy))


@pytest.mark.parametrize(
    ("target", "value", "before", "status", "trend", "aspects"),
    [
        ("<18%", "17", "19", "G", None, []),  # green, published G
        ("<18%", "17", "19", "Red", None, ["status"]),  # green, published red
        ("<18%", "18.5", "19", "A", None, []),  # amber within 5%
        ("<18%", "18.5", "19", "Not met", None, []),  # any miss is not met
        ("<18%", "17", "19", "Not met", None, ["status"]),  # met, published not met
        ("<18%", "17", "19", "✓", "Better", []),  # green and improving
        ("<18%", "17", "19", "✓", "Worse", ["direction"]),  # improving, published worse
        ("<18%", "17", "19", "✓", "↓", []),  # down: the change's sign, lower is better
        ("<18%", "17", "19", None, "Up", ["direction"]),  # it went down
        ("<18%", "17", "17", None, "Same", []),  # no change
        ("<18%", "30", "19", "G", "Improving", ["status", "direction"]),  # both wrong
        ("N/A", "17", "19", "😊", None, []),  # not rated: the face follows the direction
        ("N/A", "17", "15", "😊", None, ["direction"]),  # worsening, published happy
        ("N/A", "17", "19", "Green", None, ["status"]),  # not rated, published green
        ("N/A", "17", "19", "Not known", None, []),  # not rated, published not known
        ("<18%", "17", "19", "Not known", None, ["status"]),  # rated, published not known
    ],
)
def test_rows_that_disagree(target, value, before, status, trend, aspects):
    """Each published word is checked against the computed status or direction."""
    values = {PREVIOUS: before, Q1: value}
    found = _one(target, values, status=status, trend=trend).disagreements()
    assert [d.aspect for d in found] == aspects
    assert all(isinstance(d, Disagreement) for d in found)


def test_a_direction_disagreement_explains_the_direction():
    """A trend disagreement gives both directions and the direction's own sentence."""
    [found] = _one("<18%", {PREVIOUS: "19", Q1: "17"}, trend="Worse").disagreements()
    assert (found.computed, str(found.published)) == (Direction.IMPROVING, "Worse")
    assert found.explanation == (
        "published 'Worse' (worsening), computed improving: "
        "17% against 19% in Q4 2018/19: down 2 points, improving"
    )


def test_up_and_down_are_good_only_by_polarity():
    """On a measure where higher is better, up agrees with improving and down does not."""
    values = {PREVIOUS: "70", Q1: "75"}
    up = _one("80%", values, trend="⬆", polarity="higher_is_better")
    down = _one("80%", values, trend="Down", polarity="higher_is_better")
    assert up.disagreements() == ()
    assert [d.computed for d in down.disagreements()] == [Direction.IMPROVING]


def test_blue_means_what_the_caller_declares():
    """Blue as exceeded needs room to spare; Blue as complete takes any green."""
    exceeded = StatusVocabulary().with_words({"Blue": "exceeded"})
    complete = StatusVocabulary().with_words({"Blue": "complete"})
    on_the_line = _one("18%", {PREVIOUS: "19", Q1: "18"}, status="Blue")
    below = _one("18%", {PREVIOUS: "19", Q1: "17"}, status="Blue")
    assert [d.computed for d in on_the_line.disagreements(exceeded)] == [Rag.GREEN]
    assert on_the_line.disagreements(complete) == ()
    assert below.disagreements(exceeded) == ()


def test_an_unknown_word_names_its_row():
    """A published word the vocabulary does not know raises ParseError naming the row."""
    report = _one("<18%", {PREVIOUS: "19", Q1: "17"}, status="Purple")
    with pytest.raises(ParseError) as caught:
        report.disagreements()
    assert caught.value.code == "unknown_published_status"
    assert str(caught.value).startswith("M1 Q1 2019/20: not a published status word")
    assert str(caught.value).endswith(": 'Purple'")
    trends = _one("<18%", {PREVIOUS: "19", Q1: "17"}, trend="Sideways")
    with pytest.raises(ParseError) as caught:
        trends.disagreements(trends=TrendVocabulary())
    assert caught.value.code == "unknown_published_trend"


def test_a_report_without_its_scorecard_needs_one_given():
    """A report read back from JSON has no scorecard: give it, or be told to."""
    report = _one("<18%", {PREVIOUS: "19", Q1: "17"}, status="Red")
    again = json.loads(json.dumps(report))
    with pytest.raises(ScorecardError) as caught:
        again.disagreements()
    assert caught.value.code == "no_published_words"
    assert str(caught.value) == (
        "the report has no scorecard to read the published words from: pass one"
    )
    assert again.disagreements(scorecard=report.source) == report.disagreements()


@given(scorecard=scorecards(), period=st.sampled_from(QUARTERS), policy=policies)
def test_the_computed_face_never_disagrees(scorecard, period, policy):
    """Any card: publishing each assessment's own face (where it has one) agrees everywhere."""
    report = quietly(scorecard, period, policy)
    faces = {a.measure_ref: a.face for a in report}
    observations = tuple(
        obs.model_copy(
            update={
                "published_status": faces[obs.measure_ref] if obs.period == report.period else None,
                "published_trend": None,
            }
        )
        for obs in scorecard.observations
    )
    published = _with_observations(scorecard, observations)
    assert report.disagreements(scorecard=published) == ()
