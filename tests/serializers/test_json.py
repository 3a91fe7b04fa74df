"""Tests of kpi_scorecard.serializers.json: JSON documents of scorecards, reports and models."""

import datetime as dt
import io
import json
import pickle
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

from kpi_scorecard import (
    Band,
    Calendar,
    CalendarError,
    CellValue,
    KpiScorecardError,
    Measure,
    Observation,
    ObservationStatus,
    Period,
    Profile,
    RagPolicy,
    Report,
    Scorecard,
    TableError,
    Target,
    TargetSetting,
    Term,
    ThresholdTarget,
    Tolerance,
    evaluate,
)
from kpi_scorecard.serializers import json as kjson
from kpi_scorecard.serializers.json import JsonDocumentError, dump, dumps, load, loads, schema

from .strategies import EXACT, example_report, example_scorecard, reports, scorecards

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "schema" / "kpi_scorecard.schema.json"
JULY = Calendar(year_start_month=7)
SUMMER = Term(name="Summer", start=dt.date(2019, 4, 23), end=dt.date(2019, 7, 23))
TERMS = Calendar(terms=(SUMMER,))

#: Generated scorecards are big: half the profile's examples (50 fast, 2500 thorough).
FEWER = settings(max_examples=max(20, settings.default.max_examples // 2))


@pytest.fixture(scope="module")
def validator():
    """A JSON Schema validator for the module's schema."""
    return jsonschema.Draft202012Validator(schema())


@pytest.fixture(scope="module")
def card():
    """The example scorecard."""
    return example_scorecard()


@pytest.fixture(scope="module")
def report():
    """The example scorecard rated for Q1 2019/20."""
    return example_report()


def envelope(kind, data, **extra):
    """A document's text, built by hand."""
    return json.dumps({"kind": kind, "schema_version": 1, **extra, "data": data})


def card_text(*observations, measures=({"reference": "A1"},)):
    """A scorecard document with these observations, one per line."""
    rows = ",\n".join(json.dumps(each) for each in observations)
    head = json.dumps({"kind": "scorecard", "schema_version": 1})[:-1]
    data = f'"data": {{"measures": {json.dumps(list(measures))},\n"observations": [\n{rows}]}}'
    return f"{head}, {data}}}"


# --- round trips ------------------------------------------------------------------------


def test_example_scorecard_round_trips(card):
    """The example scorecard reads back equal, and as a Scorecard."""
    back = loads(dumps(card))
    assert isinstance(back, Scorecard)
    assert back == card


def test_example_report_round_trips(report):
    """A report from evaluate() reads back equal, and as a Report."""
    back = loads(dumps(report, indent=2))
    assert isinstance(back, Report)
    assert back == report
    assert back.counts() == report.counts()


@FEWER
@given(scorecards())
def test_any_scorecard_round_trips(generated):
    """Every scorecard, in any calendar and with any text, reads back equal."""
    assert loads(dumps(generated)) == generated


@FEWER
@given(reports())
def test_any_report_round_trips(generated):
    """Every report, awkward explanations and notes included, reads back equal."""
    assert loads(dumps(generated)) == generated


MODELS = [
    Measure(reference="CSC002", title="Repeat referrals", unit="%", polarity="lower_is_better"),
    Observation(measure_ref="CSC002", period="Q1 2019/20", value=Decimal("17.50")),
    Observation(measure_ref="P&EH005", period="Q1 2019/20", value="97-99", status="provisional"),
    TargetSetting(measure_ref="CSC002", period="2019/20", target="<18%", profile="1:1:2:2"),
    Period.parse("Rolling 12 months to 30/06/2019"),
    Target.parse("1900 (accumulative target)"),
    Target.parse("100 per qtr"),
    Target.parse("N/A"),
    Target.parse(""),
    Profile.parse("1:1:2:2"),
    Band.parse("97-99"),
    CellValue.parse("182 (1382 cumulative) [p]"),
    JULY,
    TERMS,
    SUMMER,
    RagPolicy(tolerance="3%", yellow_tolerance="1%", overrides={"CSC018": "2 points"}),
    Tolerance.parse("2 points"),
]


@pytest.mark.parametrize(
    ("model", "kind"),
    [
        (MODELS[0], "measure"),  # every measure field
        (MODELS[1], "observation"),  # an exact decimal with a trailing zero
        (MODELS[2], "observation"),  # a band, provisional
        (MODELS[3], "target_setting"),  # with a profile
        (MODELS[4], "period"),  # a rolling window
        (MODELS[5], "target"),  # cumulative
        (MODELS[6], "target"),  # a change per quarter
        (MODELS[7], "target"),  # not applicable
        (MODELS[8], "target"),  # no target at all
        (MODELS[9], "profile"),  # quarterly weights
        (MODELS[10], "band"),  # a value band
        (MODELS[11], "cell_value"),  # figure, cumulative and status
        (MODELS[12], "calendar"),  # a year starting in July
        (MODELS[13], "calendar"),  # with a school term
        (MODELS[14], "term"),  # one term
        (MODELS[15], "rag_policy"),  # four colours and an override
        (MODELS[16], "tolerance"),  # absolute
    ],
)
def test_every_model_round_trips_as_its_kind(model, kind):
    """Each model is written as its kind and read back equal, of the same class."""
    text = dumps(model)
    assert json.loads(text)["kind"] == kind
    back = loads(text)
    assert type(back) is type(model)
    assert back == model


def test_an_assessment_round_trips_alone(report):
    """An assessment on its own is a document too."""
    assessment = report["CSC002"]
    assert loads(dumps(assessment)) == assessment


def test_expect_narrows_and_checks_the_kind(card):
    """expect= returns the model when the kind matches, and refuses another kind."""
    assert loads(dumps(card), expect=Scorecard) == card
    assert isinstance(loads(dumps(Target.parse("<18%")), expect=ThresholdTarget), ThresholdTarget)
    with pytest.raises(JsonDocumentError) as caught:
        loads(dumps(card), expect=Report)
    assert (caught.value.code, caught.value.path) == ("unexpected_kind", "kind")


def test_writing_something_else_is_a_type_error():
    """Only the library's models are documents."""
    with pytest.raises(TypeError, match="dict"):
        dumps({"kind": "scorecard"})


# --- the document -----------------------------------------------------------------------


def test_a_document_names_its_kind_and_version(card):
    """The envelope holds kind, schema_version and data, in that order."""
    document = json.loads(dumps(card))
    assert list(document) == ["kind", "schema_version", "data"]
    assert (document["kind"], document["schema_version"]) == ("scorecard", 1)
    assert list(document["data"]) == ["title", "calendar", "measures", "targets", "observations"]


def test_values_keep_their_compact_notations(card):
    """Periods are labels, targets their text, numbers strings, bands their text."""
    data = json.loads(dumps(card))["data"]
    assert data["targets"][1] == {
        "measure_ref": "CSC002",
        "period": "2019/20",
        "target": "<18%",
        "profile": None,
    }
    by_key = {(o["measure_ref"], o["period"]): o for o in data["observations"]}
    assert by_key["CSC002", "Q1 2019/20"]["value"] == "17"
    assert by_key["P&EH005", "Q1 2019/20"]["value"] == "97-99"
    assert by_key["P&EH006", "Q1 2019/20"]["cumulative"] == "1382"


def test_exact_decimals_survive():
    """A decimal a float would round, and a trailing zero, come back exactly."""
    observation = Observation(measure_ref="A1", period="Q1 2019/20", value=EXACT)
    text = dumps(observation)
    assert f'"value": "{EXACT}"' in text
    back = loads(text)
    assert str(back.value) == str(EXACT)
    assert str(loads(dumps(MODELS[1])).value) == "17.50"


def test_json_numbers_where_the_schema_wants_strings_are_refused():
    """A figure written as a JSON number is refused, as the schema refuses it."""
    text = envelope("observation", {"measure_ref": "A1", "period": "Q1 2019/20", "value": 0.1})
    with pytest.raises(JsonDocumentError) as caught:
        loads(text)
    assert caught.value.code == "bad_value"
    assert caught.value.path == "data.value"
    assert "not a JSON number" in str(caught.value)


def test_a_calendar_starting_in_july_round_trips():
    """Labels are written in the scorecard's calendar and read back in it."""
    card = Scorecard.model_validate(
        {
            "calendar": {"year_start_month": 7},
            "measures": [{"reference": "A1"}],
            "targets": [{"measure_ref": "A1", "period": "2019/20", "target": "<5"}],
            "observations": [{"measure_ref": "A1", "period": "Q1 2019/20", "value": 3}],
        }
    )
    text = dumps(card)
    data = json.loads(text)["data"]
    assert data["calendar"]["year_start_month"] == 7
    assert data["observations"][0]["period"] == "Q1 2019/20"
    back = loads(text)
    assert back == card
    assert back.observations[0].period.start == dt.date(2019, 7, 1)


def test_terms_round_trip():
    """A term period is written as its label and found again in the calendar's terms."""
    period = Period.term("Summer", 2019, calendar=TERMS)
    card = Scorecard(
        calendar=TERMS,
        measures=[Measure(reference="A1")],
        observations=[Observation(measure_ref="A1", period=period, value=1)],
    )
    assert json.loads(dumps(card))["data"]["observations"][0]["period"] == "Summer term 2019"
    assert loads(dumps(card)) == card


def test_a_period_of_another_calendar_is_relabelled():
    """A period made in the UK calendar is written under the July calendar's label."""
    uk_q1 = Period.parse("Q1 2019/20")  # April to June 2019
    card = Scorecard(
        calendar=JULY,
        measures=[Measure(reference="A1")],
        observations=[Observation(measure_ref="A1", period=uk_q1, value=1)],
    )
    text = dumps(card)
    assert json.loads(text)["data"]["observations"][0]["period"] == "Q4 2018/19"
    assert loads(text).observations[0].period == uk_q1


def test_a_standalone_observation_carries_its_calendar():
    """An observation alone keeps a non-default calendar in the envelope."""
    observation = Observation(
        measure_ref="A1", period=Period.financial_quarter(2019, 1, calendar=JULY), value=1
    )
    document = json.loads(dumps(observation))
    assert document["calendar"]["year_start_month"] == 7
    assert loads(dumps(observation)).period.start == dt.date(2019, 7, 1)
    assert "calendar" not in json.loads(dumps(MODELS[1]))


def test_a_report_period_of_another_calendar_is_relabelled():
    """A report's period made in the UK calendar is written under the July label."""
    report = Report(calendar=JULY, period=Period.parse("Q1 2019/20"))
    assert json.loads(dumps(report))["data"]["period"] == "Q4 2018/19"
    assert loads(dumps(report)) == report


def test_a_period_the_calendar_cannot_place_is_refused():
    """A UK financial year has no label in a July calendar: writing it raises."""
    report = Report(calendar=JULY, period=Period.parse("2019/20"))
    with pytest.raises(CalendarError) as caught:
        dumps(report)
    assert caught.value.code == "period_not_in_calendar"


def test_dump_and_load_use_the_callers_stream(card):
    """Dump writes to an open text stream and load reads from one."""
    stream = io.StringIO()
    dump(card, stream, indent=1)
    assert stream.getvalue() == dumps(card, indent=1)
    stream.seek(0)
    assert load(stream) == card
    stream.seek(0)
    assert load(stream, expect=Scorecard) == card


def test_a_byte_order_mark_is_skipped(card):
    """Text that starts with a UTF-8 byte order mark reads."""
    assert loads("\ufeff" + dumps(card)) == card


def test_bytes_are_refused():
    """The library reads text; bytes are the caller's to decode."""
    with pytest.raises(TypeError):
        loads(dumps(MODELS[0]).encode())


def test_output_is_text_with_emoji_kept(report):
    """Non-ASCII text (the council's faces) is written as is, not escaped."""
    card = Scorecard(
        measures=[Measure(reference="A1")],
        observations=[Observation(measure_ref="A1", period="Q1 2019/20", published_status="😊")],
    )
    assert "😊" in dumps(card)


# --- schema -----------------------------------------------------------------------------


def test_the_committed_schema_is_the_generated_one():
    """The committed docs/schema/kpi_scorecard.schema.json is exactly what schema() gives."""
    # Regenerate it as docs/json-format.md says.
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert json.loads(committed) == schema()
    assert committed == json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def test_the_schema_is_valid_draft_2020_12():
    """The schema itself is a valid JSON Schema."""
    jsonschema.Draft202012Validator.check_schema(schema())


def test_schema_returns_a_fresh_copy():
    """Changing the returned schema does not change the next one."""
    schema()["title"] = "changed"
    assert schema()["title"] == "kpi_scorecard document"


def test_the_schema_lists_every_kind():
    """There is one document variant per kind, each fixing kind and version."""
    kinds = [variant["properties"]["kind"]["const"] for variant in schema()["oneOf"]]
    assert kinds == list(kjson.KINDS)


def test_real_output_is_valid(validator, card, report):
    """The example scorecard, its report and one document of every kind are valid."""
    for model in (card, report, report[0], *MODELS):
        validator.validate(json.loads(dumps(model)))


def test_the_schema_refuses_a_bad_document(validator, card):
    """A document with a number where an exact decimal string belongs is invalid."""
    document = json.loads(dumps(card))
    document["data"]["observations"][0]["value"] = 17.5
    assert not validator.is_valid(document)
    document["kind"] = "report"
    assert not validator.is_valid(document)


@settings(max_examples=max(20, settings.default.max_examples // 4))
@given(scorecards(), reports())
def test_generated_output_is_valid(validator, generated_card, generated_report):
    """Whatever is written validates against the schema."""
    validator.validate(json.loads(dumps(generated_card)))
    validator.validate(json.loads(dumps(generated_report)))


# --- errors -----------------------------------------------------------------------------

OBS = {"measure_ref": "A1", "period": "Q1 2019/20", "value": "5"}
SC = '{"kind": "scorecard", "schema_version": '
BANANAS = {"reference": "A1", "unit": "bananas"}

# (text, code, line, character, path)
# fmt: off
MALFORMED = [
    ("", "invalid_json", 1, 1, None),  # empty text
    (SC + '1\n "data": {}}', "invalid_json", 2, 2, None),  # a missing comma
    ('{"kind": "period", "schema_version": 1, "data": "Q1 2019/20",}',
     "invalid_json", 1, 62, None),  # a trailing comma
    (SC + '1, "data": {"title": NaN}}', "invalid_json", 1, 62, "data.title"),  # NaN
    ('{"kind": "scorecard", "kind": "report", "schema_version": 1, "data": {}}',
     "duplicate_member", 1, 23, "kind"),  # a member twice
    ('["scorecard", 1, {}]', "not_a_document", 1, 1, None),  # not an object
    ('{"kind": "scorecard", "data": {}}', "missing_member", 1, 1, None),  # no version
    ('{"kind": "sheet", "schema_version": 1, "data": {}}',
     "unknown_kind", 1, 10, "kind"),  # an unknown kind
    (SC + '2, "data": {}}', "unsupported_version", 1, 41, "schema_version"),  # newer
    (SC + '"1", "data": {}}', "unsupported_version", 1, 41, "schema_version"),  # text
    (SC + '1, "data": {}, "extra": 1}', "unknown_member", 1, 65, "extra"),  # extra member
    ('{"kind": "measure", "schema_version": 1, "calendar": {}, "data": {"reference": "A"}}',
     "unknown_member", 1, 54, "calendar"),  # a calendar on a measure
    (card_text(OBS, {**OBS, "period": "Q5 2019/20"}),
     "bad_quarter", 4, 33, "data.observations.1.period"),  # a bad period label
    (card_text({**OBS, "value": "12 bananas"}),
     "bad_value", 3, 56, "data.observations.0.value"),  # neither number nor band
    (card_text(OBS, OBS),
     "duplicate_observation", 4, 1, "data.observations.1"),  # the same period twice
    (card_text({**OBS, "measure_ref": "B2"}),
     "unknown_measure", 3, 1, "data.observations.0"),  # an unknown measure
    (card_text({**OBS, "colour": "red"}),
     "extra_forbidden", 3, 71, "data.observations.0.colour"),  # an unknown field
    (card_text(OBS, measures=(BANANAS,)),
     "unknown_unit", 1, 94, "data.measures.0.unit"),  # an unknown unit
    (envelope("scorecard", {"calendar": {"year_start_month": 13}}),
     "less_than_equal", 1, 86, "data.calendar.year_start_month"),  # month 13
    (envelope("target", "<18 bananas"), "unknown_unit", 1, 49, "data"),  # a bad target
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "line", "column_number", "path"), MALFORMED)
def test_malformed_documents(text, code, line, column_number, path):
    """Each malformed document raises JsonDocumentError with its code and location."""
    with pytest.raises(JsonDocumentError) as caught:
        loads(text)
    error = caught.value
    assert (error.code, error.line, error.column_number, error.path) == (
        code,
        line,
        column_number,
        path,
    )


def test_a_validation_error_names_the_path_and_quotes_the_text():
    """A pydantic error becomes the library's, naming the member and quoting the input."""
    text = card_text(OBS, OBS, OBS, {**OBS, "period": "Quarter 9 2019/20"})
    with pytest.raises(JsonDocumentError) as caught:
        loads(text)
    message = str(caught.value)
    assert "data.observations.3.period" in message
    assert "'Quarter 9 2019/20'" in message
    assert message.count("Quarter 9 2019/20") == 1


def test_errors_are_table_errors_and_value_errors():
    """JsonDocumentError is a TableError, a KpiScorecardError and a ValueError."""
    with pytest.raises(JsonDocumentError) as caught:
        loads("{")
    assert isinstance(caught.value, TableError)
    assert isinstance(caught.value, KpiScorecardError)
    assert isinstance(caught.value, ValueError)


def test_errors_pickle_with_their_location():
    """An error crosses a process pool with its code, line and path."""
    with pytest.raises(JsonDocumentError) as caught:
        loads(card_text({**OBS, "period": "Q5 2019/20"}))
    back = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own error
    assert type(back) is JsonDocumentError
    assert (back.code, back.line, back.column_number, back.path, str(back)) == (
        caught.value.code,
        caught.value.line,
        caught.value.column_number,
        caught.value.path,
        str(caught.value),
    )


def test_a_report_reads_its_labels_in_its_calendar():
    """A report of a July-calendar scorecard reads its period labels in that calendar."""
    card = Scorecard.model_validate(
        {
            "calendar": {"year_start_month": 7},
            "measures": [{"reference": "A1", "polarity": "lower_is_better"}],
            "targets": [{"measure_ref": "A1", "period": "2019/20", "target": "<5"}],
            "observations": [
                {"measure_ref": "A1", "period": "Q4 2018/19", "value": 6},
                {"measure_ref": "A1", "period": "Q1 2019/20", "value": 3},
            ],
        }
    )
    report = evaluate(card, "Q1 2019/20")
    back = loads(dumps(report))
    assert back == report
    assert back.period.start == dt.date(2019, 7, 1)
    assert back[0].comparison_period.start == dt.date(2019, 4, 1)


def test_missing_status_defaults_as_the_model_does():
    """A hand-written observation without a value or status is missing, as in the model."""
    text = envelope("observation", {"measure_ref": "A1", "period": "Q1 2019/20"})
    assert loads(text).status is ObservationStatus.MISSING
