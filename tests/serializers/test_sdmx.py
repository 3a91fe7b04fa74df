import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import (
    Band,
    Calendar,
    Measure,
    Observation,
    ObservationStatus,
    Period,
    Scorecard,
    ScorecardError,
    TableError,
    TargetSetting,
)
from kpi_scorecard.serializers import sdmx, table
from optional import require
from serializers.test_table import EXAMPLE

D = Decimal
JULY = Calendar(year_start_month=7)
JANUARY = Calendar(year_start_month=1)
Q1 = Period.parse("Q1 2019/20")
HEADER_2 = (
    "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,FREQ,TIME_PERIOD,OBS_VALUE,OBS_STATUS,"
    "UNIT_MEASURE,REPORTING_YEAR_START_DAY,COMMENT"
)
HEADER_1 = (
    "DATAFLOW,INDICATOR,FREQ,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,"
    "REPORTING_YEAR_START_DAY,COMMENT"
)


def card_of(*observations, calendar=None, units=None):
    """A scorecard of bare measures (reference and unit) and the given observations."""
    calendar = calendar or Calendar()
    references = dict.fromkeys(o.measure_ref for o in observations)
    return Scorecard(
        calendar=calendar,
        measures=[Measure(reference=r, unit=(units or {}).get(r, "count")) for r in references],
        observations=observations,
    )


def obs(ref, period, value=None, calendar=None, **fields):
    """An observation, its period read in the calendar."""
    period = Period.parse(period, calendar=calendar or Calendar())
    value = None if value is None else D(value)
    return Observation(measure_ref=ref, period=period, value=value, **fields)


CARD = card_of(
    obs("CSC002", "Q1 2019/20", "17", commentary='Down, "as planned"\nsee note'),
    obs("CSC002", "Q2 2019/20", "18.5", status=ObservationStatus.PROVISIONAL),
    obs("CSC002", "2018/19", "20"),
    obs("P&EH004", "April 2019", "1462"),
    obs("P&EH004", "May 2019", status=ObservationStatus.SUPPRESSED),
    obs("P&EH004", "As at 30/06/2019", "-3"),
    units={"CSC002": "percent"},
)


# --- writing ------------------------------------------------------------------------------


def test_version_2_layout():
    """SDMX-CSV 2.0: structure columns, dimensions, period, value and attributes."""
    lines = sdmx.dumps(CARD).splitlines()
    assert lines[0] == HEADER_2
    assert lines[1:] == [
        "dataflow,KPI_SCORECARD:SCORECARD(1.0),I,CSC002,Q,2019-Q1,17,A,percent,--04-01,"
        '"Down, ""as planned""',
        'see note"',
        "dataflow,KPI_SCORECARD:SCORECARD(1.0),I,CSC002,Q,2019-Q2,18.5,P,percent,--04-01,",
        "dataflow,KPI_SCORECARD:SCORECARD(1.0),I,CSC002,A,2018-A1,20,A,percent,--04-01,",
        "dataflow,KPI_SCORECARD:SCORECARD(1.0),I,P&EH004,M,2019-M01,1462,A,count,--04-01,",
        "dataflow,KPI_SCORECARD:SCORECARD(1.0),I,P&EH004,M,2019-M02,,Q,count,--04-01,",
        "dataflow,KPI_SCORECARD:SCORECARD(1.0),I,P&EH004,D,2019-06-30,-3,A,count,--04-01,",
    ]


def test_version_1_layout_and_names():
    """SDMX-CSV 1.0 starts with DATAFLOW; the dataflow and dimensions are the caller's."""
    text = sdmx.dumps(
        CARD,
        version="1.0",
        dataflow="E06000049:CFS(2.1)",
        measure_dimension="KPI",
        dimensions={"REF_AREA": "E06000049"},
    )
    header, first = text.splitlines()[:2]
    assert header == (
        "DATAFLOW,KPI,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,"
        "REPORTING_YEAR_START_DAY,COMMENT"
    )
    assert first.startswith("E06000049:CFS(2.1),CSC002,Q,E06000049,2019-Q1,17,A,percent,")


@pytest.mark.parametrize("version", ["2.0", "1.0"])
@pytest.mark.parametrize("calendar", [Calendar(), JULY, JANUARY], ids=["april", "july", "jan"])
def test_round_trip(version, calendar):
    """Both versions read back to an equal scorecard, in any calendar."""
    found = [
        Observation(
            measure_ref="A1",
            period=Period.financial_quarter(2019, 1, calendar=calendar),
            value=D(5),
        ),
        Observation(
            measure_ref="A1",
            period=Period.financial_year(2019, calendar=calendar),
            value=D("7.25"),
            status=ObservationStatus.ESTIMATED,
        ),
        Observation(
            measure_ref="A1",
            period=Period.month(2020, 3, calendar=calendar),
            value=D(1),
            commentary="3, then 1",
        ),
    ]
    card = card_of(*found, calendar=calendar)
    assert sdmx.loads(sdmx.dumps(card, version=version), calendar=calendar) == card


def test_july_quarter_means_what_the_library_means():
    """In a July year 2019-Q1 is July to September 2019, with --07-01 beside it."""
    period = Period.parse("Q1 2019/20", calendar=JULY)
    text = sdmx.dumps(card_of(obs("A1", "Q1 2019/20", "5", calendar=JULY), calendar=JULY))
    assert text.splitlines()[1].split(",")[5:10] == ["2019-Q1", "5", "A", "count", "--07-01"]
    assert (period.start, period.end) == (dt.date(2019, 7, 1), dt.date(2019, 9, 30))


def test_example_observations_round_trip():
    """The example's single figures, written with observations_only, read back equal."""
    example = table.loads(EXAMPLE.read_text(encoding="utf-8"))
    card = _observations_only(example)
    text = sdmx.dumps(example_without_bands(example), observations_only=True)
    declared = {m.reference: {"polarity": m.polarity} for m in card.measures}
    assert sdmx.loads(text, measures=declared) == card


def example_without_bands(card):
    """The card without the figures SDMX cannot hold: bands and running totals."""
    kept = [o for o in card.observations if not isinstance(o.value, Band) and o.cumulative is None]
    refs = {o.measure_ref for o in kept}
    return card.model_copy(
        update={
            "observations": tuple(kept),
            "measures": tuple(m for m in card.measures if m.reference in refs),
            "targets": tuple(t for t in card.targets if t.measure_ref in refs),
        }
    )


def _observations_only(card):
    """What SDMX-CSV carries of a card: bare measures and the observations' figures."""
    card = example_without_bands(card)
    return Scorecard(
        calendar=card.calendar,
        measures=[Measure(reference=m.reference, unit=m.unit) for m in card.measures],
        observations=[
            o.model_copy(update={"published_status": None, "published_trend": None})
            for o in card.observations
        ],
    )


# card, code
REFUSED = [
    (
        card_of(obs("A1", "Q1 2019/20", "5")).model_copy(
            update={"targets": (TargetSetting(measure_ref="A1", period="2019/20", target="5"),)}
        ),
        "not_in_sdmx",
    ),  # a target
    (
        Scorecard(
            measures=[Measure(reference="A1", title="Referrals")],
            observations=[obs("A1", "Q1 2019/20", "5")],
        ),
        "not_in_sdmx",
    ),  # a measure's text
    (card_of(obs("A1", "Q1 2019/20", "5", published_status="Green")), "not_in_sdmx"),  # status
    (
        card_of(Observation(measure_ref="A1", period=Q1, value=Band.parse("97-99"))),
        "value_not_expressible",
    ),  # a band
    (card_of(obs("A1", "Q1 2019/20", "5", cumulative=D(12))), "value_not_expressible"),  # total
    (
        card_of(obs("A1", "Q1 2019/20", "50", numerator=D(1), denominator=D(2))),
        "ratio_parts",
    ),  # numerator and denominator
    (card_of(obs("A1", "1/7/18 - 30/6/19", "5")), "period_not_expressible"),  # a rolling year
    (card_of(obs("A1", "Academic year 2019/20", "5")), "period_not_expressible"),  # academic
]


@pytest.mark.parametrize(("card", "code"), REFUSED)
def test_dumps_refuses_what_sdmx_cannot_carry(card, code):
    """What a data message cannot carry is refused, not left out silently."""
    with pytest.raises(ScorecardError) as caught:
        sdmx.dumps(card)
    assert caught.value.code == code


def test_observations_only_leaves_out_targets_and_text():
    """observations_only=True writes the figures of a card with targets and titles."""
    card = Scorecard(
        measures=[Measure(reference="A1", title="Referrals")],
        targets=[TargetSetting(measure_ref="A1", period="2019/20", target="5")],
        observations=[obs("A1", "Q1 2019/20", "5", published_status="Green")],
    )
    back = sdmx.loads(sdmx.dumps(card, observations_only=True))
    assert back == card_of(obs("A1", "Q1 2019/20", "5"))


def test_dumps_refuses_unknown_versions_and_clashing_names():
    """A version other than 2.0 or 1.0, or a dimension named like a column, is refused."""
    with pytest.raises(ValueError, match=r"'3\.0'"):
        sdmx.dumps(CARD, version="3.0")
    with pytest.raises(ValueError, match="'TIME_PERIOD' cannot name a dimension"):
        sdmx.dumps(CARD, measure_dimension="TIME_PERIOD")


# --- reading ------------------------------------------------------------------------------

ROW_2 = "dataflow,KPI:CARD(1.0),I,A1,Q,2019-Q1,17,A,percent,--04-01,"

# text, code, line, column, message
BAD = [
    ("", "empty_document", None, None, "the text holds no SDMX-CSV header: ''"),  # empty
    (
        "REF,TIME_PERIOD\n",
        "missing_column",
        1,
        "REF",
        "line 1, column 'REF': SDMX-CSV starts with STRUCTURE (version 2.0) or DATAFLOW "
        "(version 1.0): 'REF'",
    ),  # neither version
    (
        HEADER_2 + ",REF_AREA\n" + ROW_2 + ",E06\n",
        "unknown_column",
        1,
        "REF_AREA",
        "line 1, column 'REF_AREA': unknown dimension or attribute; name extra dimensions "
        "with dimensions=: 'REF_AREA'",
    ),  # an unknown dimension
    (
        "DATAFLOW,INDICATOR,TIME_PERIOD\nX,A1,2019-Q1\n",
        "missing_column",
        1,
        None,
        "line 1: no OBS_VALUE column: 'DATAFLOW,INDICATOR,TIME_PERIOD'",
    ),  # no value column
    (
        HEADER_2 + "\n" + ROW_2.replace("--04-01", ""),
        "no_reporting_year_start",
        2,
        "TIME_PERIOD",
        "line 2, column 'TIME_PERIOD': a reporting period without REPORTING_YEAR_START_DAY "
        "counts from January, but the calendar's year starts on --04-01: '2019-Q1'",
    ),  # a quarter that needs its year start
    (
        HEADER_2 + "\n" + ROW_2.replace("--04-01", "--07-01"),
        "calendar_mismatch",
        2,
        "REPORTING_YEAR_START_DAY",
        "line 2, column 'REPORTING_YEAR_START_DAY': the reporting year starts on another day "
        "than the calendar's (--04-01); pass calendar=: '--07-01'",
    ),  # another year start
    (
        HEADER_2 + "\n" + ROW_2.replace("2019-Q1", "2019-Q5"),
        "bad_quarter",
        2,
        "TIME_PERIOD",
        "line 2, column 'TIME_PERIOD': a financial year has quarters 1 to 4: '2019-Q5'",
    ),  # a bad period
    (
        HEADER_2 + "\n" + ROW_2.replace("2019-Q1", "2019-S1"),
        "unsupported_period",
        2,
        "TIME_PERIOD",
        "line 2, column 'TIME_PERIOD': SDMX half years (S1, S2) are not a period kind here: "
        "'2019-S1'",
    ),  # a half year
    (
        HEADER_2 + "\n" + ROW_2.replace(",Q,", ",A,"),
        "bad_sdmx_period",
        2,
        "FREQ",
        "line 2, column 'FREQ': 2019-Q1 is not a period of frequency A: 'A'",
    ),  # frequency and period disagree
    (
        HEADER_2 + "\n" + ROW_2.replace(",A,", ",Z,"),
        "bad_status",
        2,
        "OBS_STATUS",
        "line 2, column 'OBS_STATUS': not an SDMX observation status code: 'Z'",
    ),  # a bad status code
    (
        HEADER_2 + "\n" + ROW_2.replace(",17,", ",17%,"),
        "bad_value",
        2,
        "OBS_VALUE",
        "line 2, column 'OBS_VALUE': not a number: '17%'",
    ),  # a figure that is not a number
    (
        HEADER_2 + "\n" + ROW_2.replace(",I,", ",D,"),
        "bad_status",
        2,
        "ACTION",
        "line 2, column 'ACTION': only information, append and replace rows carry "
        "observations: 'D'",
    ),  # a delete action
    (
        HEADER_2 + "\n" + ROW_2 + ",extra",
        "row_length",
        2,
        None,
        f"line 2: the row has 12 cells where the header has 11: '{ROW_2},extra'",
    ),  # a ragged row
    (
        HEADER_2 + "\n" + ROW_2 + "\n" + ROW_2.replace("percent", "count"),
        "inconsistent_measure",
        3,
        "UNIT_MEASURE",
        "line 3, column 'UNIT_MEASURE': A1 is in percent on an earlier line: 'count'",
    ),  # units that disagree
]


@pytest.mark.parametrize(("text", "code", "line", "column", "message"), BAD)
def test_bad_sdmx_is_a_typed_error_with_line_and_column(text, code, line, column, message):
    """Unknown dimensions, missing year starts, bad periods: typed, located errors."""
    with pytest.raises(TableError) as caught:
        sdmx.loads(text)
    error = caught.value
    assert (error.code, error.line, error.column, str(error)) == (code, line, column, message)


def test_a_january_year_needs_no_reporting_year_start():
    """Without REPORTING_YEAR_START_DAY a quarter is a calendar quarter, fine in a January year."""
    text = HEADER_2 + "\n" + ROW_2.replace("--04-01", "")
    period = sdmx.loads(text, calendar=JANUARY).observations[0].period
    assert (period.start, period.end) == (dt.date(2019, 1, 1), dt.date(2019, 3, 31))


def test_extra_dimensions_are_read_when_named():
    """A dimension named in dimensions= is read, and must keep one value."""
    text = sdmx.dumps(CARD, dimensions={"REF_AREA": "E06000049"})
    assert sdmx.loads(text, dimensions={"REF_AREA": "E06000049"}) == CARD
    assert sdmx.loads(text, dimensions={"REF_AREA": None}) == CARD
    with pytest.raises(TableError) as caught:
        sdmx.loads(text, dimensions={"REF_AREA": "E06000050"})
    assert caught.value.code == "unexpected_cell"


# --- property ----------------------------------------------------------------------------

CALENDARS = [Calendar(), JULY, JANUARY]


@st.composite
def sdmx_cards(draw):
    """Scorecards SDMX-CSV holds: bare measures, single figures, reporting periods and days."""
    calendar = draw(st.sampled_from(CALENDARS))
    year = draw(st.integers(min_value=2000, max_value=2030))
    pool = [
        Period.financial_year(year, calendar=calendar),
        *(Period.financial_quarter(year, q, calendar=calendar) for q in (1, 2, 3, 4)),
        Period.month(year, draw(st.integers(1, 12)), calendar=calendar),
        Period.parse(f"As at 30/06/{year}", calendar=calendar),
    ]
    references = draw(
        st.lists(
            st.from_regex(r"[A-Z][A-Za-z0-9&]{0,6}", fullmatch=True),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    found = []
    for reference in references:
        for period in draw(st.lists(st.sampled_from(pool), unique=True, max_size=4)):
            status = draw(st.sampled_from(list(ObservationStatus)))
            value = None
            if not status.missing:
                value = draw(
                    st.decimals(
                        allow_nan=False,
                        allow_infinity=False,
                        places=3,
                        min_value=-(10**6),
                        max_value=10**6,
                    )
                )
            commentary = draw(
                st.sampled_from(["", "as planned", 'a "quote", a comma', "two\nlines"])
            )
            found.append(
                Observation(
                    measure_ref=reference,
                    period=period,
                    value=value,
                    status=status,
                    commentary=commentary,
                )
            )
    units = {r: draw(st.sampled_from(["count", "percent", "day"])) for r in references}
    return card_of(*found, calendar=calendar, units=units) if found else None


@given(card=sdmx_cards(), version=st.sampled_from(["2.0", "1.0"]))
def test_sdmx_cards_round_trip(card, version):
    """Every card SDMX-CSV holds comes back equal from dumps and loads."""
    if card is not None:
        assert sdmx.loads(sdmx.dumps(card, version=version), calendar=card.calendar) == card


# --- an independent reader --------------------------------------------------------------


def _structure():
    """The data structure the written columns follow, built with sdmx1's information model."""
    common = require("sdmx.model.common")
    v30 = require("sdmx.model.v30")

    agency = common.Agency(id="KPI_SCORECARD")
    dsd = v30.DataStructureDefinition(id="SCORECARD", maintainer=agency, version="1.0")
    for name in ("INDICATOR", "FREQ"):
        dsd.dimensions.getdefault(name)
    dsd.dimensions.append(v30.TimeDimension(id="TIME_PERIOD"))
    dsd.measures.getdefault("OBS_VALUE")
    for name in ("OBS_STATUS", "UNIT_MEASURE", "REPORTING_YEAR_START_DAY", "COMMENT"):
        dsd.attributes.getdefault(name)
    return v30.Dataflow(id="SCORECARD", maintainer=agency, version="1.0", structure=dsd)


def _days(time_period, start_day, pandas):
    """First and last day of an SDMX reporting period, worked out with pandas' periods."""
    year, _, rest = time_period.partition("-")
    month = int(start_day[2:4])
    first = pandas.Period(f"{year}-{month:02d}", freq="M")
    if rest.startswith("Q"):
        first, count = first + 3 * (int(rest[1:]) - 1), 3
    elif rest.startswith("M"):
        first, count = first + (int(rest[1:]) - 1), 1
    elif rest == "A1":
        count = 12
    else:
        day = dt.date.fromisoformat(time_period)
        return day, day
    last = first + (count - 1)
    return first.start_time.date(), last.end_time.date()


@pytest.mark.sdmx
def test_sdmx1_reads_the_same_observations_periods_and_statuses():
    """sdmx1's SDMX-CSV 2.0 reader gets the observations the library wrote."""
    sdmx1 = require("sdmx")
    pandas = require("pandas")
    message = sdmx1.read_sdmx(
        io.BytesIO(sdmx.dumps(CARD).replace("\nsee note", " see note").encode()),
        format="csv",
        structure=_structure(),
    )
    read = []
    for observation in message.data[0].obs:
        key = {k: v.value for k, v in observation.dimension.values.items()}
        attributes = {k: v.value for k, v in observation.attached_attribute.items()}
        first, last = _days(key["TIME_PERIOD"], attributes["REPORTING_YEAR_START_DAY"], pandas)
        value = D(observation.value) if observation.value else None
        read.append((key["INDICATOR"], first, last, value, attributes["OBS_STATUS"]))
    expected = [
        (o.measure_ref, o.period.start, o.period.end, o.value, o.status.sdmx_code)
        for o in CARD.observations
    ]
    assert read == expected


@pytest.mark.sdmx
def test_the_library_reads_what_sdmx1_writes():
    """What sdmx1's writer makes of the library's data reads back as the same scorecard."""
    sdmx1 = require("sdmx")
    pandas = require("pandas")
    card = card_of(
        obs("A1", "Q1 2019/20", "5"),
        obs("A1", "2019/20", "7.25", status=ObservationStatus.ESTIMATED),
        obs("B2", "April 2019", "12", commentary="as planned"),
    )
    message = sdmx1.read_sdmx(
        io.BytesIO(sdmx.dumps(card).encode()), format="csv", structure=_structure()
    )
    frame = sdmx1.to_csv(message.data[0], rtype=pandas.DataFrame, attributes="o")
    text = frame.to_csv(index=False)
    assert text.splitlines()[0] == HEADER_2
    assert sdmx.loads(text) == card


@pytest.mark.sdmx
def test_version_1_reads_in_pandas_as_version_2_less_its_structure_columns():
    """sdmx1 reads no SDMX-CSV 1.0, so pandas checks it holds the 2.0 rows, DATAFLOW first."""
    pandas = require("pandas")
    options = {"dtype": str, "keep_default_na": False}
    two = pandas.read_csv(io.StringIO(sdmx.dumps(CARD)), **options)
    one = pandas.read_csv(io.StringIO(sdmx.dumps(CARD, version="1.0")), **options)
    assert list(one.columns) == HEADER_1.split(",")
    assert (one["DATAFLOW"] == two["STRUCTURE_ID"]).all()
    assert one.drop(columns="DATAFLOW").equals(
        two.drop(columns=["STRUCTURE", "STRUCTURE_ID", "ACTION"])
    )
