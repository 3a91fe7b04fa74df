"""Evaluation writes an assessment's sentences when they are first needed, never too late.

An evaluated assessment holds its explanation, direction explanation and notes unwritten
until one is read; every way of looking at the whole assessment (equality, hashing, repr,
iteration, copying, pickling, serializing) writes them first, so no caller can tell.
"""

import copy
import pickle
import threading

import pytest

from kpi_scorecard import Assessment, Report, evaluate
from kpi_scorecard.serializers import json as kpi_json

from .conftest import PREVIOUS, Q1, card

SENTENCES = ("explanation", "direction_explanation", "notes")


def fresh() -> Assessment:
    """A just-evaluated assessment: green, improving, with a qualified-figure note."""
    scorecard = card("<18%", {PREVIOUS: "19", Q1: "17 [p]"})
    return evaluate(scorecard, Q1)[0]


def written(assessment: Assessment) -> dict[str, object]:
    """The sentences already in the assessment's fields (without writing them)."""
    return {name: assessment.__dict__[name] for name in SENTENCES if name in assessment.__dict__}


EXPECTED = {
    "explanation": "17% is below the 18% ceiling by 1 point: green",
    "direction_explanation": "17% against 19% in Q4 2018/19: down 2 points, improving",
    "notes": ("the figure is provisional, so the rating is qualified",),
}


def test_sentences_are_unwritten_until_read():
    """Evaluating writes no sentence; reading one writes all three."""
    assessment = fresh()
    assert written(assessment) == {}
    assert assessment.notes == EXPECTED["notes"]
    assert written(assessment) == EXPECTED


@pytest.mark.parametrize("name", SENTENCES)
def test_each_sentence_reads_the_same_first_or_last(name):
    """Whichever sentence is read first, each reads as it would have eagerly."""
    assessment = fresh()
    assert getattr(assessment, name) == EXPECTED[name]
    assert {other: getattr(assessment, other) for other in SENTENCES} == EXPECTED


@pytest.mark.parametrize(
    "look",
    [
        pytest.param(lambda a: a.model_dump(), id="model_dump"),
        pytest.param(lambda a: a.model_dump_json(), id="model_dump_json"),
        pytest.param(repr, id="repr"),
        pytest.param(str, id="str"),
        pytest.param(dict, id="iteration"),
        pytest.param(hash, id="hash"),
        pytest.param(copy.copy, id="copy"),
        pytest.param(copy.deepcopy, id="deepcopy"),
        pytest.param(pickle.dumps, id="pickle"),
        pytest.param(lambda a: a == fresh(), id="equality"),
    ],
)
def test_looking_at_the_whole_assessment_writes_the_sentences(look):
    """Any view of the whole assessment sees the sentences, never a missing field."""
    assessment = fresh()
    look(assessment)
    assert written(assessment) == EXPECTED


def test_serialized_assessment_carries_the_sentences():
    """Dumped before any sentence is read, the sentences are in the output."""
    dumped = fresh().model_dump()
    assert {name: dumped[name] for name in SENTENCES} == EXPECTED
    assert EXPECTED["explanation"] in fresh().model_dump_json()


def test_report_json_round_trip_from_unwritten_assessments():
    """A report dumped straight after evaluation reads back equal, in either order."""
    scorecard = card("<18%", {PREVIOUS: "19", Q1: "17 [p]"})
    text = kpi_json.dumps(evaluate(scorecard, Q1))
    loaded = kpi_json.loads(text)
    assert isinstance(loaded, Report)
    assert loaded == evaluate(scorecard, Q1)
    assert evaluate(scorecard, Q1) == loaded
    assert loaded[0].notes == EXPECTED["notes"]


def test_unwritten_and_written_assessments_are_equal_and_hash_alike():
    """Equality and hashing do not depend on whether the sentences were read yet."""
    read = fresh()
    _ = read.explanation
    assert fresh() == read
    assert read == fresh()
    assert hash(fresh()) == hash(read)
    different = read.model_copy(update={"explanation": "something else"})
    assert fresh() != different


def test_copy_with_an_updated_sentence_keeps_the_update():
    """model_copy(update=...) on an unwritten assessment is not overwritten later."""
    changed = fresh().model_copy(update={"explanation": "checked by hand"})
    assert changed.notes == EXPECTED["notes"]  # reading another sentence writes nothing over
    assert changed.explanation == "checked by hand"


def test_pickled_unwritten_assessment_reads_back_whole():
    """An assessment pickled before its sentences were read keeps them across processes."""
    assessment = fresh()
    again = pickle.loads(pickle.dumps(assessment))  # noqa: S301 - our own bytes
    assert again == assessment
    assert written(again) == EXPECTED


def test_unknown_attribute_still_raises():
    """Deferring the sentences leaves every other missing attribute an AttributeError."""
    with pytest.raises(AttributeError, match="no_such_field"):
        _ = fresh().no_such_field


def test_threads_reading_the_same_assessment_agree():
    """Eight threads reading the sentences of one assessment at once all see the same."""
    assessment = fresh()
    start = threading.Barrier(8)
    seen = []

    def read():
        start.wait()
        seen.append({name: getattr(assessment, name) for name in SENTENCES})

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [EXPECTED] * 8


def test_every_field_counts_as_set():
    """An evaluated assessment reports every field as set, the unwritten sentences too."""
    assert fresh().model_fields_set == set(Assessment.model_fields)


def test_figures_are_read_from_the_report_when_first_asked_for():
    """A given-out assessment holds its status and names; one figure read brings the rest."""
    assessment = fresh()
    assert set(assessment.__dict__) == {
        "measure_ref",
        "period",
        "status",
        "direction",
        "forecast_status",
        "_from_report",  # the report it came from, which charts draw from
    }
    assert str(assessment.margin) == "1"
    assert "relative_margin" in assessment.__dict__
    assert written(assessment) == {}  # the figures do not write the sentences
    assert assessment.qualified


def test_a_written_assessment_keeps_the_order_json_gives_its_fields():
    """Written by whatever is read first, the fields come out in one order: sentences last."""
    by_sentence, by_figure = fresh(), fresh()
    _ = by_sentence.notes
    _ = by_figure.ytd
    expected = [
        *("measure_ref", "period", "value", "quality", "target", "target_period"),
        *("rated_value", "due", "status", "margin", "relative_margin", "direction"),
        *("variation", "assurance", "comparison_period", "comparison_value", "change"),
        *("ytd", "ytd_aggregation", "forecast", "forecast_status", "comparisons"),
        *SENTENCES,
    ]
    assert sorted(expected) == sorted(Assessment.model_fields)
    assert list(by_sentence.model_dump()) == expected
    assert list(by_figure.model_dump()) == expected
    assert list(fresh().model_dump()) == expected
