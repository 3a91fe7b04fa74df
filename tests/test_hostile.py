"""Hostile and careless input: typed errors only, nothing misread, nothing that attacks a reader."""

import gc
import json as stdlib_json
import threading
import time

import jsonschema
import pytest

from kpi_scorecard import Measure, Observation, Period, Scorecard, TableError, Target
from kpi_scorecard._collector import collector_paused
from kpi_scorecard._scorecard import TargetSetting
from kpi_scorecard.evaluation import evaluate
from kpi_scorecard.serializers import csv, json
from kpi_scorecard.serializers._csv_columns import neutralise
from kpi_scorecard.serializers.json import JsonDocumentError, schema

VALIDATOR = jsonschema.Draft202012Validator(schema())


def _doc(kind, data, **envelope):
    return stdlib_json.dumps({"kind": kind, "schema_version": 1, **envelope, "data": data})


def _observation(**fields):
    return _doc("observation", {"measure_ref": "A", "period": "Q1 2019/20", **fields})


# --- JSON: the reader takes what the schema takes ---------------------------------------

# document, whether the schema (and so the reader) accepts it
# fmt: off
SCHEMA_TABLE = [
    (_observation(value="10"), True),  # a figure as ASCII digits
    (_observation(value="-1.5E+3"), True),  # a sign, a point and an exponent
    (_observation(value="97-99"), True),  # a band
    (_observation(value=None, status="missing"), True),  # no figure
    (_observation(value="1_000"), False),  # Python's digit grouping
    (_observation(value=" 10"), False),  # padded
    (_observation(value="10 "), False),  # padded at the end
    (_observation(value="\u0661\u0660"), False),  # Arabic-Indic digits
    (_observation(value="\uff11\uff10"), False),  # full-width digits
    (_observation(value="1,000"), False),  # a thousands separator
    (_observation(value=10), False),  # a JSON number
    (_observation(value=True), False),  # a boolean
    (_observation(value=" 97-99"), False),  # a padded band
    (_observation(value={"low": "1", "high": "2"}), False),  # a band as an object
    (_observation(value="1", numerator="1", denominator=2), False),  # a number as a number
    (_doc("calendar", {"year_start_month": 7}), True),  # a month
    (_doc("calendar", {"year_start_month": True}), False),  # true as a month
    (_doc("calendar", {"year_start_month": "4"}), False),  # a month as text
    (_doc("calendar", {"year_start_month": 13}), False),  # no thirteenth month
    (_doc("calendar", {"year_start_month": 7.0}), True),  # JSON Schema counts 7.0 an integer
    (_doc("term", {"name": "Autumn", "start": "2019-09-02", "end": "2019-12-20"}), True),
    (_doc("term", {"name": "Autumn", "start": 1567382400, "end": "2019-12-20"}), False),
    (_doc("cell_value", {"value": "1", "percent": True}), True),  # a yes
    (_doc("cell_value", {"value": "1", "percent": 1}), False),  # 1 for yes
    (_doc("cell_value", {"value": "1", "percent": "true"}), False),  # "true" for yes
    (_doc("band", "97-99"), True),  # a band document
    (_doc("band", ["97", "99"]), False),  # a band as an array
    (_doc("measure", {"reference": "A", "title": 5}), False),  # a number as a title
]
# fmt: on


@pytest.mark.parametrize(("text", "valid"), SCHEMA_TABLE)
def test_json_reader_agrees_with_the_schema(text, valid):
    """Each document is read exactly when the published schema accepts it, both ways."""
    assert VALIDATOR.is_valid(stdlib_json.loads(text)) is valid
    if valid:
        json.loads(text)
    else:
        with pytest.raises(JsonDocumentError):
            json.loads(text)


# document, code, path, message
# fmt: off
JSON_HOSTILE = [
    ('{"kind": "scorecard", "schema_version": 1, "data": ' + "[" * 1000 + "]" * 1000 + "}",
     "too_deep", None,
     "line 1, character 83: arrays and objects nested more than 32 deep: '[[[[[[[[[[[[[[[[[[[['"),
    ("[" * 100_000 + "]" * 100_000, "too_deep", None,
     "line 1, character 33: arrays and objects nested more than 32 deep: '[[[[[[[[[[[[[[[[[[[['"),
    ('{"kind": "band", "schema_version": ' + "1" * 5000 + ', "data": "1-2"}', "number_too_long",
     "schema_version", "line 1, character 36, at schema_version: a number of 5000 characters; no "
     "number in a document has more than 100: '11111111111111111111…'"),
    (_doc("calendar", {"year_start_month": True}), "bad_integer", "data.year_start_month",
     "line 1, character 72, at data.year_start_month: a whole number is written in JSON as a "
     "number, not a JSON boolean: 'true'"),
    (_observation(value="1_000"), "bad_value", "data.value",
     "line 1, character 108, at data.value: an exact number is written in JSON as a string of "
     "ASCII digits, such as '17.5'; a band in JSON matches the pattern "
     "^-?[0-9.]+(-| to )-?[0-9.]+$: '1_000'"),
    (_observation(value="1", cumulative="\u0661"), "bad_number", "data.cumulative",
     "line 1, character 127, at data.cumulative: an exact number is written in JSON as a string "
     "of ASCII digits, such as '17.5': '\u0661'"),
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "path", "message"), JSON_HOSTILE)
def test_json_hostile_documents(text, code, path, message):
    """Deep nesting, huge numbers and lax forms raise JsonDocumentError naming path and text."""
    with pytest.raises(JsonDocumentError) as caught:
        json.loads(text)
    assert (caught.value.code, caught.value.path, str(caught.value)) == (code, path, message)


# --- CSV calendar cells -----------------------------------------------------------------


@pytest.mark.parametrize(
    "month",
    [
        "\u00b2",  # a superscript two: isdigit, but int() refuses it
        "\u0664",  # an Arabic-Indic four: int() would read it as 4
        "13",  # no thirteenth month
    ],
)
def test_csv_calendar_cell_digits(month):
    """A calendar month that is not ASCII digits 1 to 12 is a TableError, not a ValueError."""
    text = f"record,reference,period,year_start_month\nscorecard,,,{month}\n"
    with pytest.raises(TableError) as caught:
        csv.loads(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == (
        "bad_calendar",
        2,
        "year_start_month",
    )
    assert str(caught.value) == (
        f"line 2, column 'year_start_month': a month is a number from 1 to 12: {month!r}"
    )


# --- output that cannot attack its reader -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),  # a formula
        ("  =1+1", "'  =1+1"),  # spaces first
        ("\u00a0=1+1", "'\u00a0=1+1"),  # a no-break space first
        ("\u3000@SUM(A1)", "'\u3000@SUM(A1)"),  # an ideographic space first
        ("\ncmd", "'\ncmd"),  # a line feed first
        ("\tcmd", "'\tcmd"),  # a tab first
        ("\rcmd", "'\rcmd"),  # a carriage return first
        ("\uff1d1+1", "'\uff1d1+1"),  # a full-width equals sign
        ("\uff0b1", "'\uff0b1"),  # a full-width plus sign
        ("\uff0d1", "'\uff0d1"),  # a full-width minus sign
        ("\uff20A1", "'\uff20A1"),  # a full-width at sign
        ("\ufe661", "'\ufe661"),  # a small equals sign
        ("  fine", "  fine"),  # spaces before plain text
        ("a = b", "a = b"),  # a sign later on
    ],
)
def test_output_neutralises_formula_starts(text, written):
    """Text a spreadsheet would evaluate gets a leading quote; other text is unchanged."""
    assert neutralise(text) == written


HOSTILE_TEXT = [
    '<script>alert("x")</script>',  # a script
    '<img src=x onerror="alert(1)">',  # an image that runs code
    "| a | b |",  # table pipes
    '=HYPERLINK("http://x","y")',  # a formula
    "\u3000=1+1",  # a formula after an ideographic space
]


def _hostile_card(text):
    return Scorecard(
        title=text,
        measures=[Measure(reference="A", title=text, notes=text)],
        targets=[TargetSetting(measure_ref="A", period="2019/20", target="5")],
        observations=[
            Observation(
                measure_ref="A",
                period="Q1 2019/20",
                value=1,
                commentary=text,
                published_status=text,
            )
        ],
    )


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_output_round_trips_raw_and_escapes_displays(text):
    """Raw CSV reads back the same; Markdown and HTML show hostile text inert."""
    card = _hostile_card(text)
    assert csv.loads(csv.dumps(card, spreadsheet_safe=False)) == card
    for shown in (card.to_markdown(), evaluate(card, "Q1 2019/20").to_markdown()):
        assert "<script" not in shown
        assert "<img" not in shown
    markdown = card.to_markdown()
    assert markdown.splitlines()[2].count("|") - markdown.splitlines()[2].count("\\|") == 4
    html = card.to_html()
    assert "<script>" not in html
    assert "<img" not in html


# --- linear time ------------------------------------------------------------------------


def _many_dated_targets(n):
    months = [Period.month(2000 + i // 12, i % 12 + 1) for i in range(n)]
    return Scorecard(
        measures=[Measure(reference="A")],
        targets=[
            TargetSetting(measure_ref="A", period=p, target=Target.parse("5")) for p in months
        ],
        observations=[
            Observation(measure_ref="A", period=p, value=i) for i, p in enumerate(months)
        ],
    )


def test_linear_time_csv_with_many_dated_targets():
    """Dumping and loading one measure with many dated targets grows linearly, not squared."""

    def cost(n):
        card = _many_dated_targets(n)
        start = time.perf_counter()
        csv.loads(csv.dumps(card))
        return time.perf_counter() - start

    small, large = min(cost(500) for _ in range(3)), min(cost(4000) for _ in range(3))
    # Eight times the rows: linear costs about 8x; the old scan cost about 64x.
    assert large / small < 24


def test_linear_time_targets_in_force_are_the_most_specific():
    """The setting in force is the shortest period holding the observation, as before."""
    card = Scorecard(
        measures=[Measure(reference="A")],
        targets=[
            TargetSetting(measure_ref="A", period="2019/20", target="5"),
            TargetSetting(measure_ref="A", period="Q2 2019/20", target="6"),
            TargetSetting(measure_ref="A", period="July 2019", target="7"),
        ],
    )
    found = {
        label: str(card.target_for("A", Period.parse(label)).target)
        for label in ("April 2019", "July 2019", "August 2019", "Q2 2019/20", "Q3 2019/20")
    }
    assert found == {
        "April 2019": "5",
        "July 2019": "7",
        "August 2019": "6",
        "Q2 2019/20": "6",
        "Q3 2019/20": "5",
    }
    assert card.target_for("A", Period.parse("2020/21")) is None


# --- no side effects on the host --------------------------------------------------------


def test_no_side_effects_on_the_collector_of_a_caller_who_disabled_it():
    """A loader and the engine leave a collector the caller disabled disabled, in threads too."""
    card = _many_dated_targets(24)
    text = csv.dumps(card)
    gc.disable()
    try:
        threads = [
            threading.Thread(target=csv.loads, args=(text,)),
            threading.Thread(target=evaluate, args=(card, "Q1 2001/02")),
        ]
        for thread in threads:
            thread.start()
        with collector_paused():
            pass
        for thread in threads:
            thread.join()
        assert not gc.isenabled()
    finally:
        gc.enable()
