"""Tests of kpi_scorecard.serializers.csv: tidy CSV of scorecards and reports."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_scorecard import (
    Calendar,
    Measure,
    NoTarget,
    Observation,
    ObservationStatus,
    Period,
    Rag,
    RagPolicy,
    Report,
    Scorecard,
    TableError,
    TargetSetting,
    Term,
    evaluate,
)
from kpi_scorecard.serializers.csv import (
    REPORT_COLUMNS,
    ROLLUP_COLUMNS,
    SCORECARD_COLUMNS,
    LoadResult,
    describe,
    dump,
    dumps,
    load,
    loads,
)

from .strategies import (
    AWKWARD,
    EXACT,
    example_report,
    example_scorecard,
    reports,
    scorecards,
    with_fields,
)

NAMES = [column.name for column in SCORECARD_COLUMNS]
FREE_TEXT = {column.name for column in SCORECARD_COLUMNS if column.free_text}
REPORT_FREE_TEXT = {column.name for column in REPORT_COLUMNS if column.free_text}
FORMULA_SIGNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66")
FORMULA_SIGNS += ("\ufe62", "\ufe63", "\ufe6b")  # the small forms of + - @


def runs_as_formula(text):
    """A plain restatement of what spreadsheets run: a sign after spaces, or a break first."""
    return text.startswith(("\t", "\n", "\r")) or text.lstrip(" \u00a0\u3000").startswith(
        FORMULA_SIGNS
    )


JULY = Calendar(year_start_month=7)
SUMMER = Term(name="Summer", start=dt.date(2019, 4, 23), end=dt.date(2019, 7, 23))

#: Generated scorecards are big: half the profile's examples (50 fast, 2500 thorough).
FEWER = settings(max_examples=max(20, settings.default.max_examples // 2))


@pytest.fixture(scope="module")
def card():
    """The example scorecard."""
    return example_scorecard()


@pytest.fixture(scope="module")
def report():
    """The example scorecard rated for Q1 2019/20."""
    return example_report()


def table(text):
    """The rows of CSV text, header first."""
    return list(csv.reader(io.StringIO(text, newline="")))


def records(text, kind):
    """The rows of one record kind, as dicts by column name."""
    header, *rows = table(text)
    return [dict(zip(header, row, strict=True)) for row in rows if row[0] == kind]


def rows(*lines):
    """Lines of CSV text, CRLF-terminated."""
    return "".join(f"{line}\r\n" for line in lines)


def one_measure(**observation):
    """A one-measure scorecard with one Q1 2019/20 observation."""
    fields = {"measure_ref": "A1", "period": "Q1 2019/20", "value": Decimal(5), **observation}
    return Scorecard(measures=[Measure(reference="A1")], observations=[Observation(**fields)])


# --- round trips ------------------------------------------------------------------------


def test_example_scorecard_round_trips(card):
    """The example scorecard's raw CSV reads back equal."""
    assert loads(dumps(card, spreadsheet_safe=False)) == card


def test_example_report_round_trips(report, card):
    """A report from evaluate() reads back equal, with or without the scorecard's columns."""
    assert loads(dumps(report, spreadsheet_safe=False)) == report
    assert loads(dumps(report, spreadsheet_safe=False, scorecard=card)) == report


@FEWER
@given(scorecards())
def test_any_scorecard_round_trips(generated):
    """Every scorecard, awkward text and calendars included, reads back equal from raw CSV."""
    assert loads(dumps(generated, spreadsheet_safe=False)) == generated


@FEWER
@given(reports())
def test_any_report_round_trips(generated):
    """Every report from evaluate(), awkward explanations and notes included, reads back equal."""
    assert loads(dumps(generated, spreadsheet_safe=False)) == generated


@FEWER
@given(scorecards())
def test_lenient_reading_of_good_text_keeps_every_row(generated):
    """A lenient read of good text has no errors and keeps every row."""
    result = loads(dumps(generated, spreadsheet_safe=False), lenient=True)
    assert result.ok
    assert result.rows_read == result.rows_kept
    assert result.scorecard == generated


def test_exact_decimals_survive():
    """Numbers are written exactly, trailing zeros and all, and read back exactly."""
    card = one_measure(value=EXACT, cumulative=Decimal("17.50"))
    (row,) = records(dumps(card), "observation")
    assert (row["value"], row["cumulative"]) == (str(EXACT), "17.50")
    back = loads(dumps(card)).observations[0]
    assert (str(back.value), str(back.cumulative)) == (str(EXACT), "17.50")


def test_dump_and_load_use_the_callers_stream(card, tmp_path):
    """Dump writes to a file the caller opened; load reads it back row by row."""
    path = tmp_path / "scorecard.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        dump(card, out, spreadsheet_safe=False)
    with path.open(encoding="utf-8", newline="") as source:
        assert load(source) == card
    with path.open(encoding="utf-8", newline="") as source:
        assert load(source, expect=Scorecard) == card


# --- layout -----------------------------------------------------------------------------


def test_the_header_lists_every_column(card):
    """The header is the column names, record first."""
    assert table(dumps(card))[0] == NAMES


def test_lines_end_in_crlf_and_rows_are_in_order(card):
    """RFC 4180 line ends; then scorecard, measure, target and observation rows in order."""
    text = dumps(card)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    kinds = [row[0] for row in table(text)[1:]]
    assert kinds == sorted(kinds, key=["scorecard", "measure", "target", "observation"].index)
    assert kinds.count("observation") == len(card.observations)


def test_an_observation_row_is_tidy(card):
    """One row has the measure, the period and its days, the figures and the target in force."""
    rows_ = {(r["reference"], r["period"]): r for r in records(dumps(card), "observation")}
    row = rows_["CSC002", "Q1 2019/20"]
    assert row["title"] == "Percentage of repeat referrals"
    assert (row["period_start"], row["period_end"]) == ("2019-04-01", "2019-06-30")
    assert (row["value"], row["unit"], row["status"]) == ("17", "percent", "normal")
    assert (row["target"], row["target_period"], row["target_profile"]) == ("<18%", "2019/20", "")
    assert row["published_status"] == "😊"
    assert row["commentary"].startswith("The percentage of repeat referrals")
    cumulative = rows_["P&EH006", "Q1 2019/20"]
    assert (cumulative["value"], cumulative["cumulative"]) == ("182", "1382")
    assert rows_["P&EH005", "Q1 2019/20"]["value"] == "97-99"


def test_measures_and_targets_without_observations_are_kept():
    """A measure with no figures and a target no figure falls under survive a round trip."""
    card = Scorecard(
        title="Plans",
        measures=[Measure(reference="A1", title="Later"), Measure(reference="B2")],
        targets=[
            TargetSetting(measure_ref="A1", period="2020/21", target=">5", profile="1:1:2:2"),
            TargetSetting(measure_ref="B2", period="2019/20", target=""),
        ],
        observations=[Observation(measure_ref="B2", period="Q1 2019/20", value=1)],
    )
    text = dumps(card)
    assert [r["reference"] for r in records(text, "target")] == ["A1", "B2"]
    assert records(text, "observation")[0]["target_period"] == "2019/20"
    assert loads(text) == card
    assert isinstance(loads(text).targets[1].target, NoTarget)


def test_a_file_without_record_column_is_all_observations():
    """Tidy CSV from elsewhere: measures and targets are read from the observation rows."""
    text = rows(
        "reference,title,unit,period,value,target,target_period",
        "A1,Referrals,count,Q1 2019/20,614,<700,2019/20",
        "A1,Referrals,count,Q2 2019/20,633,<700,2019/20",
        "B2,Repeats,percent,Q1 2019/20,17,,",
    )
    card = loads(text)
    assert [(m.reference, m.title, m.unit) for m in card.measures] == [
        ("A1", "Referrals", "count"),
        ("B2", "Repeats", "percent"),
    ]
    assert [(s.measure_ref, str(s.period), str(s.target)) for s in card.targets] == [
        ("A1", "2019/20", "<700")
    ]
    assert [o.value for o in card.observations] == [614, 633, 17]


def test_periods_are_read_in_any_notation():
    """Any period notation is read, and the day cells may be left empty."""
    text = rows("reference,period,period_start,value", "A1,Quarter 1 2019/20,,5", "A1,2019-M04,,6")
    assert [str(o.period) for o in loads(text).observations] == ["Q1 2019/20", "July 2019"]


def test_sdmx_status_letters_are_read():
    """A status may be the SDMX one-letter code."""
    text = rows("reference,period,value,status", "A1,Q1 2019/20,5,P", "A1,Q2 2019/20,,L")
    statuses = [o.status for o in loads(text).observations]
    assert statuses == [ObservationStatus.PROVISIONAL, ObservationStatus.NOT_COLLECTED]


def test_an_empty_published_status_reads_back_as_none():
    """CSV cannot tell an empty published status from none: it reads back as None."""
    back = loads(dumps(one_measure(published_status=""), spreadsheet_safe=False))
    assert back.observations[0].published_status is None


def test_a_byte_order_mark_and_lf_line_ends_are_accepted(card):
    """Text with a UTF-8 byte order mark and bare LF line ends reads the same."""
    text = dumps(card, spreadsheet_safe=False)
    assert loads("\ufeff" + text) == card
    assert loads(text.replace("\r\n", "\n")) == card


def test_crlf_inside_a_cell_is_kept():
    """A line break inside quoted commentary, CRLF or LF, is kept as written."""
    card = one_measure(commentary="first\r\nsecond\nthird\rfourth")
    assert loads(dumps(card, spreadsheet_safe=False)) == card


def test_other_line_separators_inside_a_cell_are_kept():
    """Unicode line separators, form feeds and the like inside cells are text, not line ends."""
    card = one_measure(commentary="a\u2028b\x0cc\x85d\x1ce\u2029f\x0bg")
    assert loads(dumps(card, spreadsheet_safe=False)) == card


def test_old_mac_line_ends_are_accepted():
    """Text whose lines end in a lone carriage return reads too."""
    card = loads("reference,period,value\rA1,Q1 2019/20,5\rA1,Q2 2019/20,6\r")
    assert [o.value for o in card.observations] == [5, 6]


def test_bytes_are_refused():
    """The library reads text; bytes are the caller's to decode."""
    with pytest.raises(TypeError):
        loads(b"reference,period\r\n")


def test_expect_checks_what_was_read(card, report):
    """expect= returns the document when it is of that kind, and refuses another."""
    assert loads(dumps(card), expect=Scorecard) == loads(dumps(card))
    with pytest.raises(TableError) as caught:
        loads(dumps(report), expect=Scorecard)
    assert caught.value.code == "unexpected_kind"


# --- calendars --------------------------------------------------------------------------


def test_a_calendar_starting_in_july_round_trips():
    """The scorecard row declares the calendar, and labels are read in it."""
    card = Scorecard.model_validate(
        {
            "calendar": {"year_start_month": 7},
            "measures": [{"reference": "A1"}],
            "targets": [{"measure_ref": "A1", "period": "2019/20", "target": "<5"}],
            "observations": [{"measure_ref": "A1", "period": "Q1 2019/20", "value": 3}],
        }
    )
    text = dumps(card)
    (scorecard_row,) = records(text, "scorecard")
    assert scorecard_row["year_start_month"] == "7"
    (row,) = records(text, "observation")
    assert (row["period"], row["period_start"]) == ("Q1 2019/20", "2019-07-01")
    assert loads(text) == card


def test_the_calendar_argument_reads_undeclared_labels():
    """Without a scorecard row, labels are read in the calendar passed to loads."""
    text = rows("reference,period,value", "A1,Q1 2019/20,5")
    assert loads(text, calendar=JULY).observations[0].period.start == dt.date(2019, 7, 1)
    assert loads(text).observations[0].period.start == dt.date(2019, 4, 1)


def test_terms_round_trip():
    """Term rows carry the calendar's terms, so term labels read back."""
    calendar = Calendar(terms=(SUMMER,))
    period = Period.term("Summer", 2019, calendar=calendar)
    card = Scorecard(
        calendar=calendar,
        measures=[Measure(reference="A1")],
        observations=[Observation(measure_ref="A1", period=period, value=1)],
    )
    text = dumps(card)
    (term,) = records(text, "term")
    assert (term["period"], term["period_start"], term["period_end"]) == (
        "Summer term 2019",
        "2019-04-23",
        "2019-07-23",
    )
    assert loads(text) == card


# --- spreadsheet safety -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),  # a formula
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),  # a link formula
        ("+44 1625", "'+44 1625"),  # a plus sign
        ("-5 below", "'-5 below"),  # a minus sign
        ("@SUM(A1)", "'@SUM(A1)"),  # an at sign
        ("\tindented", "'\tindented"),  # a tab
        ("\rreturn", "'\rreturn"),  # a carriage return
        ("a=b", "a=b"),  # not at the start
        (" =1", "' =1"),  # a space first does not make it safe
        ("'=1", "'=1"),  # already quoted
        ("", ""),  # empty
        ("😊 on track", "😊 on track"),  # emoji
    ],
)
def test_free_text_is_neutralised_for_spreadsheets(text, written):
    """Free text a spreadsheet would run gets a leading quote; the raw form keeps it."""
    card = one_measure(commentary=text, published_status=text or None)
    (safe,) = records(dumps(card), "observation")
    (raw,) = records(dumps(card, spreadsheet_safe=False), "observation")
    assert safe["commentary"] == written
    assert safe["published_status"] == written
    assert raw["commentary"] == text


def test_measure_text_and_the_title_are_neutralised():
    """References, titles and other measure text are free text too."""
    card = Scorecard(
        title="=cmd|'/c calc'!A0",
        measures=[Measure(reference="=A1", title="+1", notes="@x", department="-y")],
    )
    text = dumps(card)
    (scorecard_row,) = records(text, "scorecard")
    (measure_row,) = records(text, "measure")
    assert scorecard_row["title"] == "'=cmd|'/c calc'!A0"
    assert [measure_row[name] for name in ("reference", "title", "notes", "department")] == [
        "'=A1",
        "'+1",
        "'@x",
        "'-y",
    ]


def test_typed_cells_are_never_changed():
    """Negative numbers, bands and targets keep their sign in the safe form."""
    card = Scorecard(
        measures=[Measure(reference="A1")],
        targets=[TargetSetting(measure_ref="A1", period="2019/20", target="-5 to -3")],
        observations=[
            Observation(measure_ref="A1", period="Q1 2019/20", value=Decimal("-4"), cumulative=-12),
            Observation(measure_ref="A1", period="Q2 2019/20", value="-2 to 3"),
        ],
    )
    first, second = records(dumps(card), "observation")
    assert (first["value"], first["cumulative"], first["target"]) == ("-4", "-12", "-5 to -3")
    assert second["value"] == "-2 to 3"
    assert loads(dumps(card)) == card


def test_report_explanations_are_neutralised(report):
    """In a report, explanations and notes are free text; ratings and figures are not."""
    first = report.assessments[0]
    assessments = (with_fields(first, explanation="=1+1"), *report.assessments[1:])
    changed = with_fields(report, assessments=assessments)
    (row, *_) = records(dumps(changed), "assessment")
    assert row["explanation"] == "'=1+1"
    assert row["status"] == first.status.value


@FEWER
@given(scorecards())
def test_the_safe_form_differs_from_the_raw_only_by_quotes(generated):
    """Safe and raw output differ only in free-text cells, by one leading quote each."""
    safe, raw = table(dumps(generated)), table(dumps(generated, spreadsheet_safe=False))
    for safe_row, raw_row in zip(safe[1:], raw[1:], strict=True):
        for name, safe_cell, raw_cell in zip(NAMES, safe_row, raw_row, strict=True):
            if name in FREE_TEXT and runs_as_formula(raw_cell):
                assert safe_cell == "'" + raw_cell
            else:
                assert safe_cell == raw_cell


@FEWER
@given(reports())
def test_no_safe_report_cell_starts_a_formula(generated):
    """No free-text cell of a safe report starts with a formula character."""
    header, *body = table(dumps(generated))
    for row in body:
        for name, cell in zip(header, row, strict=True):
            if name in REPORT_FREE_TEXT:
                assert not runs_as_formula(cell)


# --- reports ----------------------------------------------------------------------------


def test_a_report_row_holds_the_policy_and_calendar(report, card):
    """The report row has the title, period, tolerances and calendar; overrides follow."""
    text = dumps(report, scorecard=card)
    (head,) = records(text, "report")
    assert (head["title"], head["period"], head["tolerance"]) == (
        "Children and Families Scorecard 2019-20",
        "Q1 2019/20",
        "3%",
    )
    assert (head["comparison"], head["year_start_month"]) == ("previous_period", "4")
    assert records(text, "override") == [
        {**dict.fromkeys(head, ""), "record": "override", "reference": "CSC018",
         "tolerance": "2 points"}
    ]  # fmt: skip


def test_an_assessment_row_has_the_rating_and_the_measure(report, card):
    """An assessment row has the figures and rating, and the title and unit when given."""
    rows_ = {row["reference"]: row for row in records(dumps(report, scorecard=card), "assessment")}
    row = rows_["CSC002"]
    assert (row["title"], row["unit"]) == ("Percentage of repeat referrals", "percent")
    assert (row["value"], row["target"], row["status"], row["direction"]) == (
        "17",
        "<18%",
        "green",
        "improving",
    )
    assert (row["period_start"], row["period_end"], row["margin"]) == (
        "2019-04-01",
        "2019-06-30",
        "1",
    )
    assert row["explanation"] == "17% is below the 18% ceiling by 1 point: green"
    assert records(dumps(report), "assessment")[1]["title"] == ""


def test_a_report_reads_back_with_notes(report):
    """Notes are a JSON array in one cell, and read back as a tuple."""
    noted = [a for a in report.assessments if a.notes]
    assert noted
    back = loads(dumps(report, spreadsheet_safe=False))
    assert isinstance(back, Report)
    assert [a.notes for a in back.assessments] == [a.notes for a in report.assessments]


def test_a_minimal_report_table_reads():
    """A report table without record column needs reference, period, status and direction."""
    text = rows("reference,period,status,direction", "A1,Q1 2019/20,red,worsening")
    back = loads(text, expect=Report)
    assert (back[0].status, str(back.period)) == (Rag.RED, "Q1 2019/20")


def test_a_july_report_round_trips():
    """A report of a July-calendar scorecard keeps its calendar."""
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
    report = evaluate(card, "Q1 2019/20", policy=RagPolicy(yellow_tolerance="1%"))
    back = loads(dumps(report))
    assert back == report
    assert back.period.start == dt.date(2019, 7, 1)


# --- malformed input --------------------------------------------------------------------

MIN = "reference,period,value"
OBS = "record,reference,title,period,value,target,target_period"
TAR = "record,reference,period,target,target_period,target_profile"
FULL = "reference,period,period_start,value,status,numerator,denominator"

# (text, code, line, column)
# fmt: off
MALFORMED = [
    ("", "empty_document", 1, None),  # empty text
    (rows("reference,period", "A1,Q1 2019/20,5"), "row_length", 2, None),  # a cell too many
    (rows("reference,period,colour", "A1,Q1 2019/20,red"),
     "unknown_column", 1, "colour"),  # an unknown column
    (rows("reference,period,period"), "duplicate_column", 1, "period"),  # a column twice
    (rows("reference,value", "A1,5"), "missing_column", 1, "period"),  # no period column
    (rows(MIN, "A1,Q5 2019/20,5"), "bad_quarter", 2, "period"),  # a fifth quarter
    (rows(MIN, "A1,Spring 2019,5"), "unknown_month", 2, "period"),  # not a period
    (rows(MIN, "A1,Q1 2019/20,12 bananas"), "bad_value", 2, "value"),  # a figure and a word
    (rows(MIN, "A1,Q1 2019/20,NaN"), "bad_number", 2, "value"),  # not a number
    (rows(MIN, ",Q1 2019/20,5"), "missing_cell", 2, "reference"),  # no reference
    (rows(MIN, "A1,Q1 2019/20,5", "A1,Quarter 1 2019/20,6"),
     "duplicate_observation", 3, "period"),  # the same period twice
    (rows(FULL, "A1,Q1 2019/20,,5,green,,"), "bad_status", 2, "status"),  # a RAG status
    (rows(FULL, "A1,Q1 2019/20,,5,missing,,"),
     "value_present", 2, "status"),  # a figure said to be missing
    (rows(FULL, "A1,Q1 2019/20,,,normal,,"), "value_missing", 2, "status"),  # no figure
    (rows(FULL, "A1,Q1 2019/20,,5,,3,"), "ratio_parts", 2, "denominator"),  # half a ratio
    (rows(FULL, "A1,Q1 2019/20,,5,,-3,4"),
     "negative_number", 2, "numerator"),  # a negative count
    (rows(FULL, "A1,Q1 2019/20,2019-07-01,5,,,"),
     "period_mismatch", 2, "period_start"),  # the wrong first day
    (rows(FULL, "A1,Q1 2019/20,1/4/2019,5,,,"), "bad_date", 2, "period_start"),  # not ISO
    (rows("reference,title,period", "A1,Referrals,Q1 2019/20", "A1,Repeats,Q2 2019/20"),
     "inconsistent_measure", 3, "title"),  # one measure, two titles
    (rows("reference,polarity,period", "A1,upwards,Q1 2019/20"),
     "enum", 2, "polarity"),  # not a polarity
    (rows("reference,unit,period", "A1,bananas,Q1 2019/20"),
     "unknown_unit", 2, "unit"),  # not a unit
    (rows(OBS, "widget,A1,,Q1 2019/20,5,,"), "unknown_record", 2, "record"),  # a bad record
    (rows(OBS, "measure,A1,Referrals,,5,,"), "unexpected_cell", 2, "value"),  # a measure value
    (rows(OBS, "measure,A1,X,,,,", "measure,A1,X,,,,"),
     "duplicate_measure", 3, "reference"),  # a measure row twice
    (rows(TAR, "target,A1,,soon,2019/20,"), "unknown_target", 2, "target"),  # a word target
    (rows(TAR, "target,A1,,<5,,"), "missing_cell", 2, "target_period"),  # no target period
    (rows(TAR, "target,A1,,<5,2019/20,1:1"), "bad_profile", 2, "target_profile"),  # 2 weights
    (rows(TAR, "target,B2,,<5,2019/20,"), "unknown_measure", 2, "reference"),  # no measure B2
    (rows(TAR, "measure,A1,,,,", "target,A1,,<5,2019/20,", "target,A1,,<6,2019/20,"),
     "inconsistent_target", 4, "target"),  # two targets for one period
    (rows("reference,unit,period,target,target_period", "A1,count,Q1 2019/20,<18%,2019/20"),
     "incompatible_unit", 2, "target"),  # a percentage target on a count
    (rows("reference,unit,period,target,target_period", "A1,km/h,Q1 2019/20,<5 mph,2019/20"),
     "unsupported_unit", 2, "target"),  # converted into a unit a target cannot be written in
    (rows(OBS, "target,A1,,,,<5,2019/20", "target,A1,,,,<4,Q1 2019/20",
          "observation,A1,,Q1 2019/20,5,<5,2019/20"),
     "target_not_in_force", 4, "target_period"),  # the quarter's target is in force
    (rows(OBS, "observation,A1,,Q1 2019/20,5,,", "scorecard,,Late,,,,"),
     "misplaced_record", 3, "record"),  # the scorecard row comes first
    (rows("record,reference,period,year_start_month,academic_year_start_month",
          "scorecard,,,13,9"), "bad_calendar", 2, "year_start_month"),  # month 13
    (rows(MIN, 'A1,"Q1 2019/20"x,5'), "bad_quoting", 2, None),  # text after a closing quote
    (rows("reference,period,commentary", 'A1,Q1 2019/20,"one', 'two",x'),
     "row_length", 2, None),  # a quoted line break, then a cell too many
    (rows("reference,period,commentary", 'A1,Q1 2019/20,"one', "two", 'three"',
          "A1,Q9 2019/20,"), "bad_quarter", 5, "period"),  # lines counted through a cell
    (MIN + '\r\nA1,Q1 2019/20,"5', "bad_quoting", 2, None),  # an unterminated quote
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "line", "column"), MALFORMED)
def test_malformed_text(text, code, line, column):
    """Each malformed text raises TableError with a stable code, its line and column."""
    with pytest.raises(TableError) as caught:
        loads(text)
    error = caught.value
    assert (error.code, error.line, error.column) == (code, line, column)


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        (rows("reference,period,status,direction", "A1,Q1 2019/20,purple,improving"),
         "enum", 2, "status"),  # not a RAG status
        (rows("reference,period,status,direction,notes", "A1,Q1 2019/20,red,up,"),
         "enum", 2, "direction"),  # not a direction
        (rows("reference,period,status,direction,notes", "A1,Q1 2019/20,red,no_change,[1]"),
         "bad_notes", 2, "notes"),  # notes that are not text
        (rows("reference,period,status,direction,margin", "A1,Q1 2019/20,red,no_change,x"),
         "decimal_parsing", 2, "margin"),  # not a number
        (rows("record,reference,period,status,direction,tolerance",
              "override,A1,,,,3 bananas"), "bad_tolerance", 2, "tolerance"),  # bad tolerance
        (rows("record,reference,period,status,direction", "report,,,,"),
         "missing_cell", 2, "period"),  # no period anywhere
    ],
)  # fmt: skip
def test_malformed_report_text(text, code, line, column):
    """A malformed report row raises TableError naming its line and column."""
    with pytest.raises(TableError) as caught:
        loads(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == (code, line, column)


def test_an_error_quotes_the_cell():
    """The message names the line and column and quotes the bad cell."""
    with pytest.raises(TableError) as caught:
        loads(rows(MIN, "A1,Q1 2019/20,5", "A1,Q2 2019/20,twelve"))
    message = str(caught.value)
    assert message.startswith("line 3, column 'value':")
    assert message.endswith("'twelve'")


def test_the_calendar_argument_must_agree_with_the_declared_one(card):
    """A file declaring the UK calendar is not read in a July one."""
    with pytest.raises(TableError) as caught:
        loads(dumps(card), calendar=JULY)
    assert (caught.value.code, caught.value.line) == ("calendar_mismatch", 2)


# --- lenient reading --------------------------------------------------------------------


def test_lenient_keeps_good_rows_and_names_bad_ones():
    """A lenient read keeps the good rows and reports each bad one; none is lost."""
    text = rows(
        FULL,
        "A1,Q1 2019/20,,5,,,",
        "A1,Q2 2019/20,,five,,,",
        "A1,Q3 2019/20,,7,,,",
        "A1,Q3 2019/20,,8,,,",
        "B2,Q9 2019/20,,9,,,",
        "B2,Q1 2019/20,2019-04-01,10,,1,2",
    )
    result = loads(text, lenient=True)
    assert isinstance(result, LoadResult)
    assert (result.rows_read, result.rows_kept, result.rows_rejected) == (6, 3, 3)
    assert result.rejected_lines == (3, 5, 6)
    assert [(e.code, e.line, e.column) for e in result.errors] == [
        ("bad_value", 3, "value"),
        ("duplicate_observation", 5, "period"),
        ("bad_quarter", 6, "period"),
    ]
    assert [o.value for o in result.scorecard.observations] == [5, 7, 10]
    assert result.accounted
    assert not result.ok


def test_lenient_ignores_an_unknown_column_and_says_so():
    """An unknown column is reported on line 1 and its cells ignored; every row is kept."""
    result = loads(rows("reference,period,colour", "A1,Q1 2019/20,red"), lenient=True)
    assert [(e.code, e.line, e.column) for e in result.errors] == [("unknown_column", 1, "colour")]
    assert (result.rows_read, result.rows_kept) == (1, 1)


def test_lenient_rejects_rows_found_wrong_at_the_end():
    """Rows refused once every row is read (a target not in force) are accounted for."""
    text = rows(
        OBS,
        "target,A1,,,,<5,2019/20",
        "target,A1,,,,<4,Q1 2019/20",
        "observation,A1,,Q1 2019/20,5,<5,2019/20",
        "observation,A1,,Q2 2019/20,5,<5,2019/20",
    )
    result = loads(text, lenient=True)
    assert result.rejected_lines == (4,)
    assert (result.rows_read, result.rows_kept) == (4, 3)
    assert [str(o.period) for o in result.scorecard.observations] == ["Q2 2019/20"]


def test_a_measure_defined_by_a_rejected_row_is_not_kept():
    """The measure of a row that fails is defined by the next good row, not the bad one."""
    text = rows("reference,title,period,value", "A1,Bad,Q1 2019/20,x", "A1,Good,Q2 2019/20,5")
    result = loads(text, lenient=True)
    assert result.scorecard.measures[0].title == "Good"


def test_a_missing_required_column_raises_even_when_lenient():
    """Without a period column no row can be read: even a lenient read raises."""
    with pytest.raises(TableError) as caught:
        loads(rows("reference,value", "A1,5"), lenient=True)
    assert caught.value.code == "missing_column"


def test_a_load_result_refuses_to_lose_rows():
    """A LoadResult whose rows do not add up cannot be built."""
    with pytest.raises(ValueError, match="lost silently"):
        LoadResult(document=Scorecard(), rows_read=2, rows_kept=1)


def test_a_load_result_gives_the_kind_it_holds(report):
    """A result gives the kind it holds, and refuses the other."""
    result = loads(dumps(report), lenient=True)
    assert result.report == loads(dumps(report))
    with pytest.raises(TypeError):
        _ = result.scorecard


@FEWER
@given(scorecards(max_measures=2), st.data())
def test_lenient_accounts_for_every_row_of_damaged_text(generated, data):
    """Damage some cells: every row read is still either kept or reported."""
    lines = table(dumps(generated, spreadsheet_safe=False))
    for row in lines[1:]:
        if data.draw(st.booleans()):
            position = data.draw(st.integers(min_value=1, max_value=len(row) - 1))
            row[position] = data.draw(st.sampled_from(["x", "Q9 2019/20", "-1", *AWKWARD]))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(lines)
    result = loads(out.getvalue(), lenient=True)
    assert result.accounted
    assert result.rows_read == len(lines) - 1
    assert len(result.scorecard.observations) <= result.rows_kept


# --- description ------------------------------------------------------------------------

TABLE_SCHEMA_TYPES = {"string", "number", "integer", "boolean", "date", "array", "object"}
CONSTRAINTS = {"required", "unique", "minimum", "maximum", "pattern", "enum", "minLength"}


@pytest.mark.parametrize(
    ("kind", "columns"),
    [
        ("scorecard", SCORECARD_COLUMNS),  # one row per observation
        ("report", REPORT_COLUMNS),  # one row per assessment
        ("roll_up", ROLLUP_COLUMNS),  # a row per group and per child
    ],
)
def test_describe_follows_the_table_schema_spec(kind, columns):
    """The descriptor is a tabular data package whose schema lists every column."""
    package = describe(kind)
    (resource,) = package["resources"]
    assert package["profile"] == "tabular-data-package"
    assert (resource["profile"], resource["format"], resource["encoding"]) == (
        "tabular-data-resource",
        "csv",
        "utf-8",
    )
    assert resource["path"] == f"{kind}.csv"
    schema = resource["schema"]
    names = [field["name"] for field in schema["fields"]]
    assert names == [column.name for column in columns]
    for field in schema["fields"]:
        assert field["type"] in TABLE_SCHEMA_TYPES
        assert set(field.get("constraints", {})) <= CONSTRAINTS
    assert set(schema["primaryKey"]) <= set(names)
    assert schema["fields"][0]["constraints"]["required"] is True


def _validate(descriptor, text, tmp_path, name):
    """Validate CSV text against a descriptor with frictionless."""
    frictionless = pytest.importorskip("frictionless")
    (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    package = frictionless.Package.from_descriptor(descriptor, basepath=str(tmp_path))
    report = package.validate()
    errors = [error.message for task in report.tasks for error in task.errors]
    assert report.valid, errors[:5]


def test_frictionless_validates_real_output(card, report, tmp_path):
    """The example scorecard and its report are valid against their descriptors."""
    _validate(describe(), dumps(card), tmp_path, "scorecard.csv")
    _validate(describe("report"), dumps(report, scorecard=card), tmp_path, "report.csv")


@settings(max_examples=max(8, settings.default.max_examples // 12))
@given(scorecards(max_measures=2))
def test_frictionless_validates_generated_output(tmp_path_factory, generated):
    """Generated scorecards' CSV is valid against the descriptor too."""
    tmp_path = tmp_path_factory.mktemp("csv")
    _validate(describe(), dumps(generated), tmp_path, "scorecard.csv")
