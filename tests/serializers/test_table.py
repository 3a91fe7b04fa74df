"""Tests of kpi_scorecard.serializers.table: the council's wide table layout."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import (
    Aggregation,
    Band,
    Calendar,
    ChangeInterval,
    ChangeTarget,
    Comparator,
    CumulativeTarget,
    Measure,
    NotApplicable,
    NoTarget,
    Observation,
    ObservationStatus,
    Period,
    Polarity,
    Profile,
    RangeTarget,
    Scorecard,
    ScorecardError,
    TableError,
    TargetSetting,
    Term,
    ThresholdTarget,
)
from kpi_scorecard.serializers._table_cells import is_header
from kpi_scorecard.serializers.table import LoadResult, dump, dumps, load, loads

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "data" / "children_and_families_2019_20.tsv"
)

YE = Period.parse("Year end 2018/19")
Q4 = Period.parse("Quarter 4 2018/19")
Q1 = Period.parse("Quarter 1 2019/20")
FY = Period.parse("2019/20")
HAPPY = "😊"
SAD = "☹️"  # U+2639 U+FE0F
PCT = "percent"
COUNT = "count"
LT, GT = Comparator.LT, Comparator.GT
T = ThresholdTarget
D = Decimal


@pytest.fixture(scope="module")
def example_text():
    """The example scorecard's text, as published."""
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example(example_text):
    """The example scorecard, read strictly."""
    return loads(example_text)


def overrides(card):
    """What the layout does not hold: each measure's unit, polarity and aggregation."""
    return {
        m.reference: {"unit": m.unit, "polarity": m.polarity, "aggregation": m.aggregation}
        for m in card.measures
    }


def canonical(card):
    """The card with observations and targets in the order the reader gives them."""
    order = {m.reference: i for i, m in enumerate(card.measures)}
    observations = sorted(card.observations, key=lambda o: (order[o.measure_ref], o.period))
    targets = sorted(card.targets, key=lambda s: order[s.measure_ref])
    return card.model_copy(update={"observations": tuple(observations), "targets": tuple(targets)})


# --- the example scorecard --------------------------------------------------------------


def test_example_has_42_measures_and_its_title(example):
    """The example reads into 42 measures, titled by its last preamble line."""
    assert len(example.measures) == 42
    assert example.title == "Children and Families Scorecard 2019-20"
    assert len(example.targets) == 42
    assert example.periods == (YE, Q4, Q1)


# (reference, Year end 2018/19, Quarter 4 2018/19, Quarter 1 2019/20, target, unit, face);
# a pair is (value, cumulative).
# fmt: off
EXAMPLE_ROWS = [
    ("CSC001", D("2558"), D("614"), D("633"), NotApplicable(), COUNT, SAD),  # N/A
    ("CSC002", D("20"), D("19"), D("17"),
     T(value=D("18"), comparator=LT, unit=PCT), PCT, HAPPY),  # <18%
    ("CSC003", D("81"), D("78"), D("83"), T(value=D("85"), unit=PCT), PCT, HAPPY),  # 85%
    ("CSC004", D("26"), D("23"), D("23"),
     T(value=D("17"), comparator=LT, unit=PCT), PCT, SAD),  # <17%
    ("CSC005", None, None, D("1774"),
     RangeTarget(low=D("1700"), high=D("2000")), COUNT, HAPPY),  # Q1 only; 1700-2000
    ("CSC006", D("268"), D("268"), D("275"),
     RangeTarget(low=D("260"), high=D("300")), COUNT, HAPPY),  # 260-300
    ("CSC007", D("98"), D("96"), D("93"), T(value=D("99"), unit=PCT), PCT, SAD),  # 99%
    ("CSC008", D("485"), D("485"), D("481"),
     RangeTarget(low=D("440"), high=D("475")), COUNT, HAPPY),  # 440-475
    ("CSC009", D("91"), D("96"), D("93"), T(value=D("97"), unit=PCT), PCT, SAD),  # 97%
    ("CSC010", D("36"), D("38"), D("38"),
     T(value=D("50"), comparator=GT, unit=PCT), PCT, SAD),  # >50%
    ("CSC011", D("28"), D("28"), D("29"),
     T(value=D("20"), comparator=LT, unit=PCT), PCT, SAD),  # <20%
    ("CSC012", D("9"), D("9"), D("8"),
     T(value=D("6"), comparator=LT, unit=PCT), PCT, SAD),  # <6%
    ("CSC013", D("26"), D("26"), D("27"),
     T(value=D("20"), comparator=LT, unit=PCT), PCT, SAD),  # <20%
    ("CSC014", D("39"), D("54"), D("47"),
     T(value=D("38"), comparator=LT, unit=PCT), PCT, SAD),  # <38%
    ("CSC015", D("96"), D("97"), D("96"), T(value=D("96"), unit=PCT), PCT, HAPPY),  # 96%
    ("CSC016", D("32"), D("32"), D("32"), NotApplicable(), COUNT, None),  # N/A, no face
    ("CSC017", D("18"), D("18"), D("5"), T(value=D("20")), COUNT, HAPPY),  # bare 20
    ("CSC018", D("23.5"), D("24"), D("23"),
     T(value=D("20"), comparator=LT), COUNT, SAD),  # <20, a decimal figure
    ("Ed&S001", D("90"), D("90"), D("92"), T(value=D("92"), unit=PCT), PCT, HAPPY),  # 92%
    ("Ed&S002", D("76"), D("76"), D("76"), T(value=D("76"), unit=PCT), PCT, HAPPY),  # 76%
    ("Ed&S003", D("80"), D("80"), D("80"), T(value=D("80"), unit=PCT), PCT, HAPPY),  # 80%
    ("Ed&S004", D("96"), D("96"), D("96"), T(value=D("96"), unit=PCT), PCT, HAPPY),  # 96%
    ("Ed&S005", D("95"), D("95"), D("94"), T(value=D("95"), unit=PCT), PCT, HAPPY),  # 95%
    ("Ed&S006", D("89"), D("89"), D("90"), T(value=D("92"), unit=PCT), PCT, None),  # repeat
    ("Ed&S007", None, D("5"), D("2"), T(value=D("3")), COUNT, None),  # no year-end figure
    ("Ed&S008", D("385"), D("385"), D("380"), NotApplicable(), COUNT, None),  # N/A
    ("Ed&S009", D("45"), D("45"), D("28"), NotApplicable(), COUNT, None),  # N/A
    ("Ed&S010", D("2181"), D("2181"), D("2335"), NotApplicable(), COUNT, None),  # N/A
    ("Ed&S011", None, D("8"), D("53"), NoTarget(), PCT, None),  # empty target cell
    ("Ed&S012", D("22"), D("22"), D("30"), T(value=D("80"), unit=PCT), PCT, None),  # 80%
    ("Ed&S013", D("34.8"), D("34.8"), D("27.5"), T(value=D("19")), COUNT, None),  # bare 19
    ("Ed&S014", D("67"), D("69"), D("72"), T(value=D("85"), unit=PCT), PCT, None),  # 85%
    ("Ed&S015", D("629"), D("629"), D("514"),
     ChangeTarget(amount=D("100"), per=ChangeInterval.QUARTER), COUNT, None),  # 100 per qtr
    ("P&EH001", D("933"), D("933"), D("1016"), NotApplicable(), COUNT, None),  # N/A
    ("P&EH002", D("59"), D("59"), D("73"), T(value=D("50"), unit=PCT), PCT, None),  # 50%
    ("P&EH003", D("34"), D("34"), D("28"), T(value=D("35"), unit=PCT), PCT, None),  # 35%
    ("P&EH004", D("71"), D("71"), D("68"), T(value=D("80"), unit=PCT), PCT, None),  # 80%
    ("P&EH005", Band(low=D("97"), high=D("99")), Band(low=D("97"), high=D("99")),
     Band(low=D("97"), high=D("99")),
     RangeTarget(low=D("97"), high=D("99"), unit=PCT), PCT, None),  # 97%-99% bands
    ("P&EH006", D("1200"), (D("345"), D("1200")), (D("182"), D("1382")),
     CumulativeTarget(value=D("1900")), COUNT, None),  # 1900 (accumulative target)
    ("P&EH007", D("1462"), D("1462"), D("1576"), T(value=D("1400")), COUNT, None),  # 1,462
    ("P&EH008", D("148"), D("148"), D("165"), NotApplicable(), COUNT, None),  # N/A
    ("P&EH009", D("2.1"), D("2.1"), D("2.3"), T(value=D("2"), unit=PCT), PCT, None),  # 2%
]
# fmt: on


def test_example_rows_cover_every_measure(example):
    """The hand-written table names every measure of the example, in row order."""
    assert [row[0] for row in EXAMPLE_ROWS] == [m.reference for m in example.measures]


@pytest.mark.parametrize(
    ("reference", "year_end", "q4", "q1", "target", "unit", "face"),
    EXAMPLE_ROWS,
    ids=[row[0] for row in EXAMPLE_ROWS],
)
def test_example_row(example, reference, year_end, q4, q1, target, unit, face):  # noqa: PLR0917
    """Each example row reads into the values, target, unit and face written by hand."""
    assert example.measure(reference).unit == unit
    for period, expected in ((YE, year_end), (Q4, q4), (Q1, q1)):
        observation = example.observation(reference, period)
        if expected is None:
            assert observation is None
            continue
        value, cumulative = expected if isinstance(expected, tuple) else (expected, None)
        assert observation.value == value
        assert type(observation.value) is type(value)
        assert observation.cumulative == cumulative
        assert observation.status is ObservationStatus.NORMAL
    setting = example.target_for(reference, Q1)
    assert setting.period == FY
    assert setting.target == target
    assert type(setting.target) is type(target)
    faces = {o.period: o.published_status for o in example.observations_for(reference)}
    assert faces.pop(Q1) == face
    assert set(faces.values()) <= {None}


def test_example_commentary_sits_with_the_face(example):
    """The commentary is kept on the latest observation, next to the face."""
    csc016 = example.observation("CSC016", Q1)
    assert csc016.commentary == ""
    csc007 = example.observation("CSC007", Q1)
    assert csc007.commentary == "Of 166 individual children, 155 were reviewed in timescales"
    assert example.observation("CSC007", Q4).commentary == ""


def test_example_measure_metadata(example):
    """Metadata columns fill the measure's fields; empty ones stay empty."""
    measure = example.measure("CSC018")
    assert measure.title == "Average caseload of social workers"
    assert measure.department == "Children's Social Care"
    assert measure.corporate_outcome == "5"
    assert measure.portfolio == "Childrens"
    assert measure.benchmark == "CEC Data"
    assert measure.data_owner == measure.frequency == ""
    assert measure.polarity is Polarity.NEUTRAL


def test_example_overrides_set_polarity_and_aggregation(example_text):
    """measures= sets polarity and aggregation of the named measures only."""
    card = loads(
        example_text,
        measures={
            "CSC002": {"polarity": "lower_is_better"},
            "CSC017": {"aggregation": "already_cumulative"},
        },
    )
    assert card.measure("CSC002").polarity is Polarity.LOWER_IS_BETTER
    assert card.measure("CSC017").aggregation is Aggregation.ALREADY_CUMULATIVE
    assert card.measure("CSC003").polarity is Polarity.NEUTRAL


def test_example_reads_cleanly_when_lenient(example_text, example):
    """Lenient reading of the example reports nothing and keeps all 42 rows."""
    result = loads(example_text, lenient=True)
    assert isinstance(result, LoadResult)
    assert result.ok
    assert (result.rows_read, result.rows_kept, result.rows_rejected) == (42, 42, 0)
    assert result.scorecard == example


def test_load_reads_a_stream(example_text, example):
    """Load() reads the text of a stream the caller opened."""
    with EXAMPLE.open(encoding="utf-8", newline="") as stream:
        assert load(stream) == example


# --- round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", ["\t", ","])
def test_example_round_trips(example, delimiter):
    """Writing then reading gives the example back, tab- or comma-separated."""
    text = dumps(example, delimiter=delimiter)
    assert loads(text, measures=overrides(example)) == example


def test_example_dump_layout(example):
    """Writing gives the title line, then the council's header row."""
    lines = dumps(example).splitlines()
    assert lines[0] == "Children and Families Scorecard 2019-20"
    assert lines[1].split("\t") == [
        "Ref",
        "Lead Department",
        "Measure",
        "Corporate Outcome",
        "Portfolio",
        "Responsible Officer",
        "Data Owner",
        "Data Frequency",
        "Benchmark",
        "Year end 2018/19",
        "Quarter 4 2018/19",
        "Quarter 1 2019/20",
        "Target 2019/20",
        "RAG and Direction of Travel",
        "Commentary",
    ]
    assert lines[2].split("\t")[9:14] == ["2558", "614", "633", "N/A", SAD]
    p_eh006 = next(line for line in lines if line.startswith("P&EH006")).split("\t")
    assert p_eh006[9:13] == [
        "1200",
        "345 (1200 cumulative)",
        "182 (1382 cumulative)",
        "1900 (cumulative)",
    ]


def test_dump_writes_to_a_stream(example):
    """Dump() writes to the stream what dumps() returns."""
    out = io.StringIO()
    dump(example, out, delimiter=",")
    assert out.getvalue() == dumps(example, delimiter=",")


def test_bom_and_crlf_read_the_same(example_text, example):
    """A UTF-8 byte order mark and CRLF line ends change nothing."""
    assert loads("\ufeff" + example_text.replace("\n", "\r\n")) == example


def test_lone_cr_line_ends_read_the_same(example_text, example):
    """Old Mac line ends (CR alone) read the same too."""
    assert loads(example_text.replace("\n", "\r")) == example


def test_quoted_csv_commentary():
    """Comma-separated text honours quoting: commas, doubled quotes and line breaks."""
    text = (
        "Scorecard, quarter 1\r\n"
        "\r\n"
        "Ref,Measure,Q1 2019/20,Target 2019/20,RAG,Commentary\r\n"
        'A1,"Referrals, all",5,"1,700 to 2,000",Green,"Up, as ""expected"";\r\nsee note"\r\n'
        "A2,Repeats,17%,<18%,,plain\r\n"
    )
    card = loads(text)
    assert card.title == "Scorecard, quarter 1"
    assert card.measure("A1").title == "Referrals, all"
    a1 = card.observation("A1", Q1)
    assert a1.commentary == 'Up, as "expected";\nsee note'
    assert a1.published_status == "Green"
    assert card.target_for("A1", Q1).target == RangeTarget(low=D("1700"), high=D("2000"))
    assert card.observation("A2", Q1).commentary == "plain"


def test_quoted_csv_line_numbers_count_physical_lines():
    """An error after a multi-line cell names the physical line of its row."""
    text = 'Ref,Commentary,Q1 2019/20\nA1,"two\nlines",5\nA2,,y\n'
    with pytest.raises(TableError) as caught:
        loads(text)
    assert (caught.value.code, caught.value.line) == ("bad_value", 4)


def _card(calendar=None, **parts):
    """A scorecard from keyword parts, in the default or a given calendar."""
    if calendar is not None:
        parts["calendar"] = calendar
    return Scorecard(**parts)


def _obs(ref, period, value=None, **fields):
    """An observation (a missing one when value is None and no status is given)."""
    return Observation(measure_ref=ref, period=period, value=value, **fields)


MONTHS = [Period.parse("April 2019"), Period.parse("May 2019")]
JAN = Calendar(year_start_month=1)
JULY = Calendar(year_start_month=7)
BUILT_CARDS = [
    _card(),  # empty: a header row only
    _card(title="Only measures", measures=[Measure(reference="A1", title="Referrals")]),
    _card(
        measures=[Measure(reference="A1", unit="%", polarity="lower_is_better")],
        targets=[TargetSetting(measure_ref="A1", period=FY, target="<18%")],
        observations=[_obs("A1", Q4, D("19.50")), _obs("A1", Q1, D("17"), published_status="G")],
    ),  # percent measure, trailing zero, face
    _card(
        measures=[Measure(reference="B1", unit="percent", notes="Definition, v2")],
        observations=[_obs("B1", Q1, Band(low=D("97"), high=D("99")), commentary="Band")],
    ),  # a band, and notes
    _card(
        measures=[Measure(reference="C1", aggregation="sum")],
        targets=[TargetSetting(measure_ref="C1", period=FY, target="1900 (cumulative)")],
        observations=[_obs("C1", Q1, D("182"), cumulative=D("1382"))],
    ),  # programme-cumulative figure
    _card(
        measures=[Measure(reference="D1"), Measure(reference="D2", unit="%")],
        targets=[
            TargetSetting(measure_ref="D1", period=FY, target=NoTarget()),
            TargetSetting(measure_ref="D2", period=FY, target=NotApplicable()),
        ],
        observations=[
            _obs("D1", Q4, D("5"), status=ObservationStatus.PROVISIONAL),
            _obs("D1", Q1, status=ObservationStatus.NOT_APPLICABLE),
            _obs("D2", Q1, status=ObservationStatus.SUPPRESSED, commentary="Small numbers"),
        ],
    ),  # statuses, empty target and N/A
    _card(
        measures=[Measure(reference="E1"), Measure(reference="E2")],
        observations=[_obs("E1", Q1, D("3")), _obs("E2", Q1, commentary="No data yet")],
    ),  # a missing figure that only holds commentary
    _card(
        measures=[Measure(reference="F1", unit="day", polarity="lower_is_better")],
        targets=[TargetSetting(measure_ref="F1", period=FY, target="<6 weeks")],
        observations=[_obs("F1", Q1, D("40"))],
    ),  # a target in weeks, converted to days
    _card(
        JAN,
        title="Calendar-year council",
        measures=[Measure(reference="G1")],
        targets=[
            TargetSetting(
                measure_ref="G1", period=Period.parse("2019", calendar=JAN), target="-5 to 5"
            )
        ],
        observations=[_obs("G1", Period.parse("Q1 2019", calendar=JAN), D("-2"))],
    ),  # January year start
    _card(
        JULY,
        measures=[Measure(reference="H1")],
        observations=[
            _obs("H1", Period.parse("2018/19", calendar=JULY), D("12")),
            _obs("H1", Period.parse("Q4 2018/19", calendar=JULY), D("3")),
        ],
    ),  # July year start
    _card(
        measures=[Measure(reference="J1", title='He said "no"\tthen\nleft')],
        observations=[_obs("J1", p, D(n)) for p, n in zip(MONTHS, ("1", "2"), strict=True)],
    ),  # months; a title with quotes, a tab and a line break
    _card(
        measures=[Measure(reference="K1")],
        observations=[
            _obs("K1", Period.parse("Rolling 12 months to 30/06/2019"), D("1")),
            _obs("K1", Period.parse("01/07/2018 - 30/06/2019"), D("4")),
            _obs("K1", Period.parse("Academic year 2018/19"), D("3"), published_status="A"),
            _obs("K1", Period.parse("As at 30/06/2019"), D("2")),
        ],
    ),  # other period kinds by their labels; the academic year ends last
]


@pytest.mark.parametrize("card", BUILT_CARDS)
@pytest.mark.parametrize("delimiter", ["\t", ","])
def test_built_cards_round_trip(card, delimiter):
    """Small built scorecards come back equal, whichever delimiter."""
    text = dumps(card, delimiter=delimiter)
    assert loads(text, measures=overrides(card), calendar=card.calendar) == card


def test_missing_figure_holds_commentary_on_the_latest_column():
    """A row with commentary and no figure keeps it on a missing latest observation."""
    card = loads("Ref\tQ4 2018/19\tQ1 2019/20\tCommentary\nA1\t\t\tNo data yet\n")
    (observation,) = card.observations
    assert observation.period == Q1
    assert observation.status is ObservationStatus.MISSING
    assert observation.commentary == "No data yet"


@pytest.mark.parametrize(
    ("cells", "anchor"),
    [
        ("5\t6\t", Q1),  # the latest figure
        ("5\t\t", Q4),  # Q1 empty: Q4
        ("5\t[z]\t", Q4),  # N/A has no figure: the latest figure wins
        ("[x]\t[z]\t", Q1),  # no figure at all: the latest non-empty cell
        ("\t\t7", Q1),  # no period cell: a missing figure for the latest column
    ],
)
def test_face_anchor(cells, anchor):
    """The face goes on the latest figure, else the latest cell, else the latest column."""
    card = loads(f"Ref\tQ4 2018/19\tQ1 2019/20\tTarget 2019/20\tRAG\nA1\t{cells}\tRed\n")
    faces = {o.period: o.published_status for o in card.observations if o.published_status}
    assert faces == {anchor: "Red"}


def test_observations_come_in_period_order():
    """Columns out of order still give observations in period order."""
    card = loads("Ref\tQ1 2019/20\tYear end 2018/19\tQ4 2018/19\nA1\t1\t2\t3\n")
    assert [o.period for o in card.observations] == [YE, Q4, Q1]


# --- headers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field", "value"),
    [
        ("Lead Department", "department", "Children"),  # the example's
        ("DEPARTMENT", "department", "Children"),  # case does not matter
        ("Measure", "title", "Referrals"),  # the example's
        ("Measure  Title", "title", "Referrals"),  # space collapsed
        ("Corporate Outcome", "corporate_outcome", "5"),  # the example's
        ("Portfolio", "portfolio", "Childrens"),  # the example's
        ("Responsible Officer", "responsible_officer", "Head of Service"),  # the example's
        ("Lead officer", "responsible_officer", "Head of Service"),  # a synonym
        ("Data Owner", "data_owner", "BI team"),  # the example's
        ("Data Frequency", "frequency", "Quarterly"),  # the example's
        ("Frequency", "frequency", "Quarterly"),  # a synonym
        ("Benchmark", "benchmark", "CEC Data"),  # the example's
        ("Notes", "notes", "New in 2019"),  # written when a measure has notes
    ],
)
def test_metadata_headers(header, field, value):
    """Metadata headers are recognised by name, case-insensitively."""
    card = loads(f"Ref\t{header}\nA1\t{value}\n")
    assert getattr(card.measure("A1"), field) == value


@pytest.mark.parametrize(
    "header",
    ["Ref", "REF", "Reference", "Measure ref", "Measure Reference", "KPI Ref"],  # synonyms
)
def test_reference_headers(header):
    """The reference column goes by several names."""
    assert loads(f"{header}\tQ1 2019/20\nA1\t5\n").measures[0].reference == "A1"


@pytest.mark.parametrize(
    ("face", "commentary"),
    [
        ("RAG", "Commentary"),  # short names
        ("RAG and Direction of Travel", "Comments"),  # the example's face; a synonym
        ("Status", "comment"),  # synonyms, lower case
    ],
)
def test_face_and_commentary_headers(face, commentary):
    """The face and commentary columns go by several names."""
    card = loads(f"Ref\tQ1 2019/20\t{face}\t{commentary}\nA1\t5\tGreen\tFine\n")
    observation = card.observation("A1", Q1)
    assert (observation.published_status, observation.commentary) == ("Green", "Fine")


@pytest.mark.parametrize(
    ("header", "period"),
    [
        ("Target", FY),  # no year: the year of the latest period column
        ("Target 2019/20", FY),  # the year written
        ("Proposed Quarterly/ Annual Target 2019/20", FY),  # the example's
        ("Target 2018/19", Period.parse("2018/19")),  # a year before the latest column
        ("2020-21 target", Period.parse("2020/21")),  # year first, dash
    ],
)
def test_target_header_period(header, period):
    """The target applies to the year in its header, else the latest column's year."""
    card = loads(f"Ref\tQ4 2018/19\tQ1 2019/20\t{header}\nA1\t5\t6\t7\n")
    assert card.targets[0].period == period


def test_empty_and_na_targets_differ():
    """An empty target cell is NoTarget; N/A is NotApplicable."""
    card = loads("Ref\tQ1 2019/20\tTarget\nA1\t5\t\nA2\t5\tN/A\n")
    assert card.target_for("A1", Q1).target == NoTarget()
    assert card.target_for("A2", Q1).target == NotApplicable()


def test_no_target_column_no_targets():
    """Without a target column the scorecard has no target settings."""
    assert loads("Ref\tQ1 2019/20\nA1\t5\n").targets == ()


def test_repeated_header_and_blank_lines_are_skipped():
    """A repeat of the header row and blank lines are not data rows."""
    header = "Ref\tQ1 2019/20"
    result = loads(f"\n{header}\nA1\t1\n\n \t \n{header}\t\nA2\t2\n", lenient=True)
    assert result.ok
    assert result.rows_read == 2
    assert [m.reference for m in result.scorecard.measures] == ["A1", "A2"]


def test_trailing_empty_cells_are_allowed():
    """Empty cells past the header's last column are not an error."""
    assert len(loads("Ref\tQ1 2019/20\t\t\nA1\t5\t\t\t\t\n").observations) == 1


def test_short_rows_are_padded():
    """A row with fewer cells than headers reads its missing cells as empty."""
    card = loads("Ref\tMeasure\tQ1 2019/20\tTarget 2019/20\nA1\tReferrals\n")
    assert card.observations == ()
    assert card.targets[0].target == NoTarget()


# --- units ------------------------------------------------------------------------------


def test_unit_override_accepts_bare_percentages():
    """With unit percent given, bare numbers are percentages, and are written with %."""
    card = loads("Ref\tQ1 2019/20\nA1\t17\n", measures={"A1": {"unit": "percent"}})
    assert card.measure("A1").unit == PCT
    assert dumps(card).splitlines()[1].split("\t")[9] == "17%"


def test_mixed_percent_and_bare_numbers_is_an_error():
    """A bare number beside percentages is refused: the % was probably lost."""
    with pytest.raises(TableError) as caught:
        loads("Ref\tQ4 2018/19\tQ1 2019/20\nA1\t17%\t18\n")
    assert (caught.value.code, caught.value.column) == ("mixed_units", "Q1 2019/20")


def test_bare_target_on_a_percent_row_is_in_the_measure_unit():
    """A bare target beside percentages is in the measure's unit (percent)."""
    card = loads("Ref\tQ1 2019/20\tTarget\nA1\t17%\t18\n")
    assert card.targets[0].target == T(value=D("18"))
    assert card.measure("A1").unit == PCT


def test_target_in_another_unit_is_converted():
    """A target in weeks on a measure in days is converted when the card is built."""
    card = loads("Ref\tQ1 2019/20\tTarget\nA1\t40\t<6 weeks\n", measures={"A1": {"unit": "day"}})
    assert card.targets[0].target == T(value=D("42"), comparator=LT, unit="day")


# --- malformed input --------------------------------------------------------------------

HEAD = "Ref\tMeasure\tQ4 2018/19\tQ1 2019/20\tTarget 2019/20\tRAG\tCommentary"
GOOD = "A1\tReferrals\t5\t6\t7\t\t"
Q1H, Q4H, TH = "Q1 2019/20", "Q4 2018/19", "Target 2019/20"


def rows(*lines):
    """Lines of a table, joined."""
    return "\n".join(lines) + "\n"


# (text, measures=, code, line, column)
# fmt: off
MALFORMED = [
    ("", None, "empty_table", None, None),  # empty text
    (" \n\t\n  \n", None, "empty_table", None, None),  # blank lines only
    ("Children and Families Scorecard 2019-20\n\n", None,
     "no_header_row", None, None),  # only a preamble
    (rows("Measure\tQ1 2019/20", "Referrals\t5", "Referrals*\t6"), None,
     "duplicate_reference", 3, "Measure"),  # no Ref column: two titles, one slug
    (rows(HEAD, GOOD + "\t\tstray"), None, "ragged_row", 2, None),  # a cell past the header
    ("Ref,Q1 2019/20\nA1,5,,,9\n", None, "ragged_row", 2, None),  # ragged CSV
    (rows(HEAD, GOOD, GOOD), None, "duplicate_reference", 3, "Ref"),  # A1 twice
    (rows("Ref\tColour", "A1\tred"), None, "unknown_column", 1, "Colour"),  # unknown header
    (rows("Ref\tFoo 12", "A1\t1"), None, "unknown_column", 1, "Foo 12"),  # not a month
    (rows("Ref\tQuarter 5 2019/20", "A1\t5"), None,
     "bad_quarter", 1, "Quarter 5 2019/20"),  # an impossible quarter
    (rows("Ref\tQ1 2019/21", "A1\t5"), None, "bad_year_span", 1, "Q1 2019/21"),  # 2019/21
    (rows("Ref\t2019", "A1\t5"), None, "ambiguous_year", 1, "2019"),  # which year?
    (rows("Ref\tSummer term 2019", "A1\t5"), None,
     "unknown_term", 1, "Summer term 2019"),  # no term dates in the calendar
    (rows(HEAD, "A1\tReferrals\t5\ttwelve\t7\t\t"), None, "bad_value", 2, Q1H),  # a word
    (rows(HEAD, "A1\tReferrals\t12 bananas\t6\t7\t\t"), None,
     "bad_value", 2, Q4H),  # a figure with a word
    (rows("", "Title", "", "Ref\tQ1 2019/20", "A1\ty"), None,
     "bad_value", 5, Q1H),  # lines counted through the preamble
    (rows(HEAD, "A1\tReferrals\t5\t99%-97%\t\t\t"), None,
     "reversed_band", 2, Q1H),  # a band from high to low
    (rows(HEAD, "A1\tReferrals\t5 [q]\t6\t\t\t"), None, "bad_marker", 2, Q4H),  # [q]
    (rows(HEAD, "A1\tReferrals\t5%\t6%\t7\t\t"), {"A1": {"unit": "count"}},
     "unit_mismatch", 2, Q4H),  # a percentage on a count
    (rows(HEAD, "A1\tWait\t5\t6%\t7\t\t"), {"A1": {"unit": "day"}},
     "unit_mismatch", 2, Q1H),  # a percentage on days
    (rows(HEAD, "A1\tReferrals\t5\t6\t<18%\t\t"), {"A1": {"unit": "count"}},
     "unit_mismatch", 2, TH),  # a percentage target on a count
    (rows(HEAD, "A1\tReferrals\t5\t6\t6 weeks\t\t"), None,
     "unit_mismatch", 2, TH),  # weeks for a count
    (rows(HEAD, "A1\tRepeats\t17%\t18\t<18%\t\t"), None,
     "mixed_units", 2, Q1H),  # a lost % sign
    (rows(HEAD, "A1\tRepeats\t17\t18\t85%\t\t"), None,
     "mixed_units", 2, Q4H),  # bare figures, percentage target
    (rows(HEAD, "A1\tReferrals\t5\t6\tsoon\t\t"), None, "unknown_target", 2, TH),  # a word
    (rows(HEAD, "A1\tReferrals\t5\t6\t5 bananas\t\t"), None,
     "unknown_unit", 2, TH),  # not a unit
    (rows(HEAD, "A1\tReferrals\t5\t6\t7\tâ˜¹ï¸\t"), None,
     "mojibake", 2, "RAG"),  # the sad face misread
    (rows(HEAD, "A1\tReferrals\t5\t6\t7\tðŸ˜Š\t"), None,
     "mojibake", 2, "RAG"),  # the happy face misread
    (rows(HEAD, "A1\tReferrals\t5\t6\t7\t\tCafÃ© closed"), None,
     "mojibake", 2, "Commentary"),  # an accent misread
    (rows(HEAD, "A1\tChildrenâ€™s\t5\t6\t7\t\t"), None,
     "mojibake", 2, "Measure"),  # a curly quote misread
    (rows("Children â€“ Scorecard", "Ref\tQ1 2019/20", "A1\t5"), None,
     "mojibake", 1, None),  # in the title line
    (rows("Ref\tCommentâ€¦", "A1\tx"), None, "mojibake", 1, "Commentâ€¦"),  # in a header
    (rows(HEAD, "A1\tVoilÃ\xa0\t5\t6\t7\t\t"), None,
     "mojibake", 2, "Measure"),  # an à misread, its no-break space stripped
    (rows(HEAD, "A1\tReferrals\t5\t6\t7\t\tUnreadable \ufffd"), None,
     "mojibake", 2, "Commentary"),  # a replacement character
    (rows(HEAD, "A1\tReferrals\t5\t6\t7\t\tBell\x07"), None,
     "control_character", 2, "Commentary"),  # BEL
    (rows(HEAD, GOOD, HEAD.replace(Q1H, "Q2 2019/20"), "A2\tx\t1\t2\t3\t\t"), None,
     "header_mismatch", 3, Q1H),  # a repeated header row that differs
    (rows(HEAD, GOOD), {"ZZ9": {"polarity": "lower_is_better"}},
     "unknown_reference", None, None),  # an override for no row
    (rows(HEAD, GOOD), {"A1": {"polarity": "sideways"}},
     "bad_override", 2, None),  # a bad override value
    (rows(HEAD, GOOD), {"A1": {"colour": "red"}}, "bad_override", 2, None),  # unknown field
    (rows(HEAD, GOOD), {"A1": {"reference": "B1"}}, "bad_override", 2, None),  # renaming
    (rows(HEAD, "\tReferrals\t5\t6\t7\t\t"), None,
     "missing_reference", 2, "Ref"),  # no reference
    (rows(HEAD, "A" * 65 + "\tReferrals\t5\t6\t7\t\t"), None,
     "bad_reference", 2, "Ref"),  # a reference too long
    (rows("Ref\tCommentary\tComments", "A1\tx\ty"), None,
     "duplicate_column", 1, "Comments"),  # two commentary columns
    (rows("Ref\tQ1 2019/20\tQuarter 1 2019/20", "A1\t1\t2"), None,
     "duplicate_column", 1, "Quarter 1 2019/20"),  # the same period twice
    (rows("Ref\tTarget", "A1\t5"), None,
     "unknown_target_period", 1, "Target"),  # no year, no period column
    (rows("Ref\tQ1 2019/20\tTarget 2019/21", "A1\t5\t6"), None,
     "bad_year_span", 1, "Target 2019/21"),  # a bad year in the target header
    ('Ref,Q1 2019/20\nA1,"5"x\n', None, "bad_quoting", 2, None),  # text after a quote
    ('Ref,Commentary\nA1,"never closed\n', None, "bad_quoting", 2, None),  # unclosed quote
    (rows("Ref\t\tQ1 2019/20", "A1\tstray\t5"), None,
     "unnamed_column", 2, None),  # a cell under an empty header
    (rows("Ref\tCommentary", "A1\tNo data yet"), None,
     "orphan_commentary", 2, "Commentary"),  # no period to hold it
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "measures", "code", "line", "column"),
    MALFORMED,
    ids=[f"{case[2]}-{index}" for index, case in enumerate(MALFORMED)],
)
def test_malformed_strict(text, measures, code, line, column):
    """Strict reading raises the first problem with its code, line and column."""
    with pytest.raises(TableError) as caught:
        loads(text, measures=measures)
    error = caught.value
    assert (error.code, error.line, error.column) == (code, line, column)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("text", "measures", "code", "line", "column"),
    MALFORMED,
    ids=[f"{case[2]}-{index}" for index, case in enumerate(MALFORMED)],
)
def test_malformed_lenient(text, measures, code, line, column):
    """Lenient reading reports the same error and accounts for every row read."""
    result = loads(text, measures=measures, lenient=True)
    found = [(e.code, e.line, e.column) for e in result.errors]
    assert (code, line, column) in found
    assert result.rows_read == result.rows_kept + result.rows_rejected
    assert len(result.scorecard.measures) == result.rows_kept
    assert set(result.rejected_lines) <= {e.line for e in result.errors}


def test_malformed_table_is_long_enough():
    """The malformed table has at least 30 cases."""
    assert len(MALFORMED) >= 30


def test_error_message_quotes_the_cell():
    """The message names the line and column and quotes the cell."""
    with pytest.raises(TableError, match=r"line 2, column 'Q1 2019/20': .*'twelve'"):
        loads(rows(HEAD, "A1\tReferrals\t5\ttwelve\t7\t\t"))


def test_lenient_keeps_good_rows_and_reports_bad_ones():
    """Lenient reading keeps the good rows and names each bad one once."""
    text = rows(
        HEAD,
        GOOD,
        "A2\tRepeats\t17%\tlots\t<18%\t\t",  # line 3: bad value
        "",
        "A3\tCases\t1\t2\t3\t\t",
        "A1\tAgain\t1\t2\t3\t\t",  # line 6: duplicate
        "A4\tFaces\t1\t2\t3\tâ˜¹\t",  # line 7: mojibake
    )
    result = loads(text, lenient=True)
    assert (result.rows_read, result.rows_kept, result.rows_rejected) == (5, 2, 3)
    assert result.rejected_lines == (3, 6, 7)
    assert [e.code for e in result.errors] == ["bad_value", "duplicate_reference", "mojibake"]
    assert [m.reference for m in result.scorecard.measures] == ["A1", "A3"]
    assert result.accounted
    assert not result.ok


def test_lenient_ignores_a_bad_column_and_says_so():
    """Lenient reading skips an unknown column, reports it once and reads the rest."""
    result = loads(rows("Ref\tColour\tQ1 2019/20", "A1\tred\t5", "A2\tblue\t6"), lenient=True)
    assert [(e.code, e.line) for e in result.errors] == [("unknown_column", 1)]
    assert (result.rows_read, result.rows_kept) == (2, 2)
    assert len(result.scorecard.observations) == 2


def test_lenient_rows_after_a_differing_header_are_rejected():
    """Rows under a differing repeated header are rejected until the header matches again."""
    other = HEAD.replace(Q1H, "Q2 2019/20")
    text = rows(HEAD, GOOD, other, "A2\tx\t1\t2\t3\t\t", HEAD, "A3\tx\t1\t2\t3\t\t")
    result = loads(text, lenient=True)
    assert [(e.code, e.line) for e in result.errors] == [
        ("header_mismatch", 3),
        ("header_mismatch", 4),
    ]
    assert result.rejected_lines == (4,)
    assert [m.reference for m in result.scorecard.measures] == ["A1", "A3"]


def test_load_result_refuses_to_lose_rows():
    """A LoadResult whose rows do not add up cannot be built."""
    with pytest.raises(ValueError, match="lost silently"):
        LoadResult(document=Scorecard(), rows_read=2, rows_kept=1)


def test_loads_refuses_bytes():
    """The library takes text; bytes are the caller's to decode."""
    with pytest.raises(TypeError):
        loads(b"Ref\n")


# --- what the layout cannot express -----------------------------------------------------

A = Measure(reference="A1")


def _setting(period=FY, target="5", **fields):
    """A target setting for measure A1."""
    return TargetSetting(measure_ref="A1", period=period, target=target, **fields)


TERMS = Calendar(terms=(Term(name="Target", start=dt.date(2019, 9, 2), end=dt.date(2019, 12, 20)),))
TARGET_TERM = Period.term("Target", 2019, calendar=TERMS)
# (scorecard, code)
# fmt: off
INEXPRESSIBLE = [
    (_card(measures=[A], targets=[_setting(), _setting(Period.parse("2020/21"))]),
     "several_target_periods"),  # two target years
    (_card(measures=[A], targets=[_setting(Q1)]), "target_period"),  # a quarter's target
    (_card(measures=[A], targets=[_setting(profile=Profile.even())]),
     "target_profile"),  # a profile
    (_card(measures=[A, Measure(reference="A2")], targets=[_setting()]),
     "missing_target"),  # A2 has no setting at all
    (_card(measures=[A], observations=[
        _obs("A1", Q1, D("5"), numerator=D(1), denominator=D(2))]),
     "ratio_parts"),  # numerator and denominator
    (_card(measures=[A], observations=[
        _obs("A1", Q1, numerator=D(1), denominator=D(2), commentary="x")]),
     "ratio_parts"),  # ratio parts of a missing figure
    (_card(measures=[A], observations=[_obs("A1", Q1, cumulative=D("5"), commentary="x")]),
     "value_not_expressible"),  # a cumulative figure on a missing figure
    (_card(measures=[A], observations=[
        _obs("A1", Q4, D("5"), commentary="old"), _obs("A1", Q1, D("6"))]),
     "misplaced_commentary"),  # not on the latest figure
    (_card(measures=[A], observations=[_obs("A1", Q1)]),
     "missing_observation"),  # a missing figure with nothing to hold
    (_card(measures=[A], observations=[
        _obs("A1", Q4, commentary="x"), _obs("A1", Q1, D("6"))]),
     "missing_observation"),  # a missing figure beside a figure
    (_card(measures=[A], observations=[
        _obs("A1", Q1, cumulative=D("5"), status=ObservationStatus.NOT_APPLICABLE)]),
     "value_not_expressible"),  # a cumulative figure without a figure
    (_card(title=" padded ", measures=[A]), "unwritable_text"),  # surrounding space
    (_card(measures=[Measure(reference="A1", title="CafÃ©")]), "unwritable_text"),  # mojibake
    (_card(measures=[A], observations=[_obs("A1", Q1, D("1"), commentary="a\r\nb")]),
     "unwritable_text"),  # a carriage return
    (_card(title="Reference", measures=[A]), "header_clash"),  # the title reads as a header
    (_card(measures=[Measure(reference="A1", benchmark="Ref")]), "header_clash"),  # a row too
    (_card(title="Ref,x", measures=[A]), "header_clash"),  # the title picks the delimiter
    (_card(TERMS, measures=[A], observations=[_obs("A1", TARGET_TERM, D("1"))]),
     "header_clash"),  # a term whose label reads as the target column
]
# fmt: on


@pytest.mark.parametrize(("card", "code"), INEXPRESSIBLE, ids=[case[1] for case in INEXPRESSIBLE])
def test_dumps_refuses_what_it_cannot_express(card, code):
    """Writing raises a ScorecardError with a stable code instead of losing data."""
    with pytest.raises(ScorecardError) as caught:
        dumps(card)
    assert caught.value.code == code


def test_dumps_refuses_a_target_that_would_not_read_back(monkeypatch):
    """A target whose canonical text would read back as another target is refused."""

    class Misreading:
        @staticmethod
        def parse(text):
            return NotApplicable()

    monkeypatch.setattr("kpi_scorecard.serializers.table.Target", Misreading)
    with pytest.raises(ScorecardError) as caught:
        dumps(_card(measures=[A], targets=[_setting(target="5")]))
    assert caught.value.code == "target_not_expressible"


def test_dumps_refuses_other_delimiters(example):
    """Only tab and comma are table delimiters."""
    with pytest.raises(ValueError, match="tab- or comma-separated"):
        dumps(example, delimiter=";")


def test_dumps_refuses_other_objects():
    """Only scorecards are written (reports will follow)."""
    with pytest.raises(TypeError):
        dumps("not a scorecard")


# --- properties -------------------------------------------------------------------------

words = st.from_regex(r"[A-Za-z][A-Za-z0-9 ,'\"&/-]{0,15}[A-Za-z0-9]|", fullmatch=True).filter(
    lambda text: not is_header([text])  # a reference header (Ref, ID, PI...) reads as a header
)
numbers = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
positive = st.decimals(min_value=D("0.01"), max_value=10**6, places=2)
bands = st.tuples(numbers, positive).map(lambda pair: Band(low=pair[0], high=pair[0] + pair[1]))
CALENDARS = [Calendar(), JAN, JULY]


def _targets_for(unit):
    """Targets a measure in ``unit`` can carry and the layout can write."""
    units = st.sampled_from([None, unit])
    return st.one_of(
        st.builds(
            ThresholdTarget,
            value=numbers,
            comparator=st.sampled_from([None, *Comparator]),
            unit=units,
        ),
        st.builds(lambda b, u: RangeTarget(low=b.low, high=b.high, unit=u), bands, units),
        st.builds(CumulativeTarget, value=numbers, unit=units),
        st.builds(ChangeTarget, amount=positive, per=st.sampled_from(ChangeInterval)),
        st.just(NoTarget()),
        st.just(NotApplicable()),
    )


@st.composite
def expressible_cards(draw):
    """Scorecards the table layout can hold, with faces and commentary where it puts them."""
    calendar = draw(st.sampled_from(CALENDARS))
    year = draw(st.integers(min_value=2015, max_value=2025))
    pool = [Period.financial_year(year - 1, calendar=calendar)] + [
        Period.financial_quarter(year, q, calendar=calendar) for q in (1, 2, 3, 4)
    ]
    references = draw(
        st.lists(
            st.from_regex(r"[A-Z]{1,3}[0-9]{3}", fullmatch=True),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    with_targets = draw(st.booleans())
    measures, targets, found = [], [], []
    for reference in references:
        unit = draw(st.sampled_from([COUNT, PCT, "day"]))
        measures.append(
            Measure(
                reference=reference,
                title=draw(words),
                department=draw(words),
                notes=draw(st.sampled_from(["", "See definition"])),
                unit=unit,
                polarity=draw(st.sampled_from(Polarity)),
                aggregation=draw(st.sampled_from(Aggregation)),
            )
        )
        if with_targets:
            target = draw(_targets_for(unit))
            period = Period.financial_year(year, calendar=calendar)
            targets.append(TargetSetting(measure_ref=reference, period=period, target=target))
        periods = sorted(draw(st.lists(st.sampled_from(pool), unique=True)))
        cells = []
        for period in periods:
            if draw(st.booleans()):
                status = draw(st.sampled_from([s for s in ObservationStatus if not s.missing]))
                value = draw(st.one_of(numbers, bands))
                cumulative = draw(st.one_of(st.none(), numbers))
                cells.append(
                    {"period": period, "value": value, "cumulative": cumulative, "status": status}
                )
            else:
                status = draw(
                    st.sampled_from(
                        [
                            s
                            for s in ObservationStatus
                            if s.missing and s is not ObservationStatus.MISSING
                        ]
                    )
                )
                cells.append({"period": period, "status": status})
        face = draw(st.sampled_from([None, HAPPY, SAD, "Amber"]))
        commentary = draw(words)
        figures = [c for c in cells if "value" in c] or cells
        if figures and (face or commentary):
            latest = max(figures, key=lambda c: (c["period"].end, c["period"]))
            latest.update(published_status=face, commentary=commentary)
        found += [Observation(measure_ref=reference, **cell) for cell in cells]
    return Scorecard(
        title=draw(words),
        calendar=calendar,
        measures=measures,
        targets=targets,
        observations=found,
    )


@given(card=expressible_cards(), delimiter=st.sampled_from(["\t", ","]))
def test_expressible_cards_round_trip(card, delimiter):
    """Every card the layout can hold comes back equal from dumps and loads."""
    text = dumps(card, delimiter=delimiter)
    assert loads(text, measures=overrides(card), calendar=card.calendar) == card


# Text that is sometimes awkward: surrounding space, quotes, line breaks, delimiters,
# header words, mojibake and a carriage return.
awkward = st.one_of(
    words,
    st.sampled_from([" padded", "Ref", "tab\there", "two\nlines", "CR\r", "CafÃ©", "5, 6"]),
)


@st.composite
def any_cards(draw):
    """Scorecards of every shape, most of which the layout cannot hold."""
    calendar = draw(st.sampled_from(CALENDARS))
    pool = [
        Period.financial_year(2019, calendar=calendar),
        Period.financial_year(2020, calendar=calendar),
        *(Period.financial_quarter(2019, q, calendar=calendar) for q in (1, 2, 3, 4)),
        Period.month(2019, 7, calendar=calendar),
    ]
    references = draw(
        st.lists(st.from_regex(r"[A-Z][0-9]{2}", fullmatch=True), max_size=3, unique=True)
    )
    measures, targets, found = [], [], []
    for reference in references:
        unit = draw(st.sampled_from([COUNT, PCT]))
        title = draw(awkward.filter(lambda text: "\r" not in text))  # a measure refuses CR
        measures.append(Measure(reference=reference, title=title, unit=unit))
        for period in draw(st.lists(st.sampled_from(pool[:3]), unique=True, max_size=2)):
            profile = draw(st.sampled_from([None, Profile.even()]))
            target = draw(_targets_for(unit))
            targets.append(
                TargetSetting(measure_ref=reference, period=period, target=target, profile=profile)
            )
        for period in draw(st.lists(st.sampled_from(pool), unique=True, max_size=4)):
            fields = {
                "status": draw(st.sampled_from(ObservationStatus)),
                "cumulative": draw(st.one_of(st.none(), numbers)),
                "published_status": draw(st.sampled_from([None, "", HAPPY, " Red"])),
                "commentary": draw(awkward),
            }
            if draw(st.booleans()):
                fields["numerator"], fields["denominator"] = D(1), D(2)
            if not fields["status"].missing:
                fields["value"] = draw(st.one_of(numbers, bands))
            found.append(Observation(measure_ref=reference, period=period, **fields))
    return Scorecard(
        title=draw(awkward),
        calendar=calendar,
        measures=measures,
        targets=targets,
        observations=found,
    )


@given(card=any_cards())
def test_dumps_never_loses_data_silently(card):
    """For any scorecard, dumps either refuses it or writes it so it reads back equal."""
    try:
        text = dumps(card)
    except ScorecardError:
        return
    assert loads(text, measures=overrides(card), calendar=card.calendar) == canonical(card)
