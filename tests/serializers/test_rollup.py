"""Roll-ups and hierarchies as JSON and CSV: round trips, the CSV layout and its errors."""

import io
import json as std_json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import (
    Calendar,
    CustomRule,
    Hierarchy,
    Rag,
    RollUp,
    ShareOnTarget,
    StatusCounts,
    TableError,
    WeightedScore,
    WeightSetting,
    WorstOf,
    roll_up,
)
from kpi_scorecard.serializers import csv, json
from rollups import report_of

from .test_csv import _validate

STATUSES = {"C1": "G", "C2": "A", "C3": "-", "A1": "R", "P1": "Y"}
TREE = Hierarchy.from_mapping(
    {"Council": ["People", "P1"], "People": ["Children", "A1"], "Children": ["C1", "C2", "C3"]}
)
RULES = [
    WorstOf(),
    StatusCounts(),
    ShareOnTarget(),
    WeightedScore(weights=[WeightSetting(child="People", period="2019/20", weight="2.5")]),
    CustomRule(name="always amber", function=lambda children: Rag.AMBER),
]


def _rollups():
    report = report_of(STATUSES, departments={"C1": "Children", "C2": "Children"})
    for rule in RULES:
        for not_rated in ("leave_out", "count_as_red"):
            yield roll_up(report, TREE, rule, not_rated=not_rated)
            yield roll_up(report, "department", rule, not_rated=not_rated)


ROLLUPS = list(_rollups())


@pytest.mark.parametrize("rolled", ROLLUPS, ids=lambda r: f"{r.by}-{r.rule}-{r.not_rated}")
def test_json_round_trip(rolled):
    """A roll-up written as JSON reads back equal, as a roll_up document."""
    text = json.dumps(rolled)
    assert json.loads(text, expect=RollUp) == rolled
    assert text.startswith('{"kind": "roll_up", "schema_version": 1, "data": {')


@pytest.mark.parametrize("rolled", ROLLUPS, ids=lambda r: f"{r.by}-{r.rule}-{r.not_rated}")
def test_csv_round_trip(rolled):
    """A roll-up written as CSV reads back equal, by text and through a stream."""
    text = csv.dumps(rolled)
    assert csv.loads(text, expect=RollUp) == rolled
    out = io.StringIO(newline="")
    csv.dump(rolled, out)
    assert csv.load(io.StringIO(out.getvalue(), newline=""), expect=RollUp) == rolled


def test_a_hierarchy_round_trips_as_json():
    """A hierarchy is a JSON document of its own, read back equal."""
    text = json.dumps(TREE)
    assert json.loads(text, expect=Hierarchy) == TREE
    assert '"kind": "hierarchy"' in text


def test_the_json_of_a_group():
    """A group is written with its counts as integers and its figures as exact strings."""
    rolled = roll_up(report_of({"M1": "G", "M2": "R", "M3": "G"}), "department", WeightedScore())
    group = json.loads(json.dumps(rolled))["D"]
    data = std_json.loads(json.dumps(rolled))["data"]["groups"][0]
    assert group == rolled["D"]
    assert (data["green"], data["red"], data["share"], data["score"]) == (
        2,
        1,
        "0.6666666666666666666666666667",
        "6.666666666666666666666666667",
    )
    assert data["children"][0] == {
        "name": "M1",
        "kind": "measure",
        "status": "green",
        "weight": "1",
        "score": "10",
    }


def test_a_roll_up_keeps_its_calendar_in_json_and_csv():
    """The period of a roll-up in another calendar reads back in that calendar."""
    july = Calendar(year_start_month=7)
    report = report_of({"M1": "G"}).model_copy(update={"calendar": july})
    rolled = roll_up(report, "department")
    assert json.loads(json.dumps(rolled)) == rolled
    again = csv.loads(csv.dumps(rolled), calendar=july)
    assert again == rolled
    assert again.period.label == "Q4 2018/19"


# statuses as letters for the table below
WORDS = {"G": "green", "A": "amber", "R": "red", "-": "not_rated"}


def test_the_csv_layout():
    """The CSV has a roll_up row, then each group row followed by its children's rows."""
    rolled = roll_up(report_of({"M1": "G", "M2": "R"}), "department", WeightedScore())
    rows = [line.split(",") for line in csv.dumps(rolled).splitlines()]
    header = rows[0]
    assert header[:3] == ["record", "title", "period"]
    records = [row[0] for row in rows[1:]]
    assert records == ["roll_up", "group", "child", "child"]
    cell = dict(zip(header, rows[3], strict=False))
    assert (cell["group"], cell["child"], cell["kind"], cell["status"]) == (
        "D",
        "M1",
        "measure",
        "green",
    )
    assert (cell["weight"], cell["score"]) == ("1", "10")


def test_csv_neutralises_formulas_by_default():
    """Group names, children and titles a spreadsheet would run are prefixed with a quote."""
    report = report_of({"=M1": "G"}, departments={"=M1": "=HYPERLINK(1)"})
    rolled = roll_up(report, "department")
    text = csv.dumps(rolled)
    assert "'=HYPERLINK(1)" in text
    assert "'=M1" in text
    assert csv.loads(csv.dumps(rolled, spreadsheet_safe=False)) == rolled


# CSV text, the code of the error, its line
# fmt: off
BAD_CSV = [
    ("record,rule,group,child,status\nchild,,G,A,red\n", "orphan_child", 2),  # no group row
    ("record,rule,group,child,status\nroll_up,worst-of,,,\ngroup,,G,,blue\n",
     "enum", 3),  # not a status
    ("record,rule,group,status,green\nroll_up,worst-of,,,\ngroup,,G,red,x\n",
     "int_parsing", 3),  # a count that is not a number
    ("record,rule,group,status\ngroup,,G,red\n", "missing_cell", 1),  # no roll_up row
    ("record,rule,group,status\nroll_up,worst-of,,\n", "missing_cell", 2),  # no period
    ("record,rule,group,status,period\nroll_up,worst-of,,,Q9 2019/20\n",
     "bad_quarter", 2),  # a bad period
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "line"), BAD_CSV)
def test_bad_csv_is_located(text, code, line):
    """A bad roll-up CSV raises a TableError with its stable code and line."""
    with pytest.raises(TableError) as caught:
        csv.loads(text)
    assert (caught.value.code, caught.value.line) == (code, line)


def test_lenient_reading_keeps_the_good_rows():
    """Read leniently, a bad child row is named and the rest of the roll-up is kept."""
    text = (
        "record,period,rule,group,child,status\n"
        "roll_up,Q1 2019/20,worst-of,,,\n"
        "group,,,G,,red\n"
        "child,,,G,M1,red\n"
        "child,,,H,M2,red\n"
    )
    result = csv.loads(text, lenient=True)
    assert [error.code for error in result.errors] == ["orphan_child"]
    assert result.rejected_lines == (5,)
    assert [child.name for child in result.document["G"].children] == ["M1"]


group_names = st.text(alphabet="abcXYZ =+-@,\"'\n", min_size=0, max_size=8)


@given(st.lists(st.tuples(group_names, st.sampled_from("GAR-")), min_size=1, max_size=6))
def test_any_grouping_round_trips(rows):
    """Whatever the group names (commas, quotes, line breaks, formulas), CSV and JSON read back."""
    statuses = {f"M{n}": letter for n, (_, letter) in enumerate(rows)}
    departments = {f"M{n}": name for n, (name, _) in enumerate(rows)}
    rolled = roll_up(report_of(statuses, departments=departments), "department", ShareOnTarget())
    assert csv.loads(csv.dumps(rolled, spreadsheet_safe=False)) == rolled
    assert json.loads(json.dumps(rolled)) == rolled


@pytest.mark.parametrize("rolled", ROLLUPS[:4], ids=lambda r: f"{r.by}-{r.rule}-{r.not_rated}")
def test_frictionless_validates_rollup_csv(rolled, tmp_path):
    """The roll-up CSV is valid against the descriptor csv.describe("roll_up") gives."""
    _validate(csv.describe("roll_up"), csv.dumps(rolled), tmp_path, "roll_up.csv")


@pytest.mark.parametrize("rolled", ROLLUPS, ids=lambda r: f"{r.by}-{r.rule}-{r.not_rated}")
def test_roll_up_documents_follow_the_schema(rolled):
    """Every roll-up document, and a hierarchy's, is valid against the published schema."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.schema())
    validator.validate(std_json.loads(json.dumps(rolled)))
    validator.validate(std_json.loads(json.dumps(TREE)))
