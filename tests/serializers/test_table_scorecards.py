"""Real published scorecards read by the table reader, each with a declared layout at most.

Each layout is plain data, as an ETL job would keep it in a JSON or TOML file beside the
table. What each table must read as is written out by hand from the published page.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from kpi_scorecard import (
    NotApplicable,
    Observation,
    ObservationStatus,
    Period,
    RagPolicy,
    Scorecard,
    TableError,
)
from kpi_scorecard.evaluation import evaluate
from kpi_scorecard.serializers import table
from kpi_scorecard.serializers.table import Layout

DATA = Path(__file__).resolve().parents[1] / "data" / "scorecards"
D = Decimal
MISSING, FORECAST = ObservationStatus.MISSING, ObservationStatus.FORECAST

# fmt: off
LAYOUTS = {
    "ashford": {  # a year the page does not name, the latest data being May 2015
        "period": "2014/15",
        "columns": [{"header": "Achieved", "role": "value"}],
    },
    "bath": {  # a summary count table above the detail table; the title is line 4
        "title": 4,
        "columns": [  # "01/02" may be a day: each year is declared
            {"header": "Best 25% of all English Councils 01/02", "role": "benchmark"},
            {"header": "01/02 actual", "role": "value", "period": "2001/02"},
            {"header": "02/03 actual", "role": "value", "period": "2002/03"},
            {"header": "03/04 target", "role": "target", "period": "2003/04"},
            {"header": "03/04 est out-turn", "role": "value", "period": "2003/04",
             "status": "estimated"},
        ],
    },
    "bedford": {  # two header rows, a TYPE column, Yes / N/A cells, a page footer
        "header_rows": 2,
        "skip_footer": 1,
        "columns": [
            {"header": "TYPE", "role": "group"},
            {"header": "PROJECTED 24/25", "role": "value", "status": "forecast"},
        ],
    },
    "canterbury": {  # the unit in the header; a sentence and two values in value cells
        "title": "first",
        "period": "2023/24",
        "missing": ["Non-emergency - 96 Emergency - 97.6"],  # two figures: neither is RP02's
        "missing_pattern": "We did not get robust data .*",  # the sentence, however it ends
        "columns": [
            {"header": "Satisfaction measure code", "role": "reference"},
            {"header": "Satisfaction measure", "role": "title"},
        ],
    },
    "cheshire": {  # no column headings: section rows, then title | value | trend word
        "header_rows": 0,
        "skip_rows": 1,
        "period": "Current",
        "columns": [
            {"position": 0, "role": "title"},
            {"position": 1, "role": "value"},
            {"position": 2, "role": "trend"},
        ],
    },
    "mansfield": {  # three sections, each under its own header row; newest year first
        "title": "first",
        "section_above_header": True,
    },
}
# fmt: on
FILES = {
    "ashford": "ashfordstpeters-nhs-key-targets.tsv",
    "bath": "bathnes-performance-plan-2003-04.tsv",
    "bedford": "bedford-tx-performance-measures-fy2026.tsv",
    "canterbury": "canterbury-tsm-2023-24.tsv",
    "cheshire": "cheshirewest-thriving-residents.tsv",
    "mansfield": "mansfield-housing-kpis-2023-24.tsv",
}


def read(name, **options):
    """One scorecard's text, read with its declared layout."""
    text = (DATA / FILES[name]).read_text(encoding="utf-8")
    return table.loads(text, layout=Layout.model_validate(LAYOUTS[name]), **options)


def cells(card, reference):
    """A measure's observations as (period label, value, status, face, commentary)."""
    return [
        (str(o.period), o.value, o.status, o.published_status, o.commentary)
        for o in card.observations_for(reference)
    ]


def targets(card, reference):
    """A measure's targets as {period label: canonical target text}."""
    return {str(s.period): str(s.target) for s in card.targets if s.measure_ref == reference}


def test_layouts_are_plain_data():
    """Every layout reads from JSON-shaped data and writes back the same data."""
    for data in LAYOUTS.values():
        layout = Layout.model_validate(data)
        assert Layout.model_validate_json(layout.model_dump_json()) == layout


# --- Ashford and St Peter's: footnote markers in titles, footnote lines below -------------

ASHFORD = [
    ("at-least-95-of-patients-waiting-no-more-than-four-hours-in-a-e",
     "At least 95% of patients waiting no more than four hours in A&E", "95%", D("92.7"),
     "* Meeting the four hour waiting target continues as a top priority for the coming "
     "year and performance is improving."),  # marker *
    ("cancer-2-week-wait-from-referral-to-date-first-seen",
     "Cancer: 2 week wait from referral to date first seen", "93%", D("92.9"),
     "** We met the 2 week waiting target for symptomatic breast patients achieving 94.3% "
     "and are now meeting this target for all urgent referrals (May 2015 data)."),  # ** spaced
    ("cancer-31-day-wait-from-diagnosis-to-first-treatment",
     "Cancer: 31 day wait from diagnosis to first treatment", "96%", D("98.8"), ""),
    ("cancer-31-day-wait-for-second-or-subsequent-treatment-surgery",
     "Cancer: 31 day wait for second or subsequent treatment (surgery)", "94%", D("95"),
     ""),  # a bracketed word is not a marker
    ("cancer-62-day-wait-for-first-treatment-from-urgent-gp-referral",
     "Cancer: 62 day wait for first treatment from urgent GP referral", "85%", D("78.8"),
     "*** During the year we have received substantial increases in cancer referrals (+15%) "
     "resulting in difficulties meeting some of the targets. We are working hard to improve "
     "this; latest data (May 2015) shows we are achieving this at 87.7%, exceeding the "
     "target."),  # ***
    ("18-weeks-no-more-than-18-weeks-wait-from-referral-to-admission",
     "18 weeks: no more than 18 weeks wait from referral to admission and treatment "
     "(patients whose treatment ends in hospital admission, usually surgery)", "90%",
     D("87.5"), "****"),  # the page's fourth footnote is not in the extract
    ("18-weeks-no-more-than-18-weeks-from-referral-to-treatment-for",
     "18 weeks: no more than 18 weeks from referral to treatment (for non-admitted patients "
     "- those whose treatment does not end in surgery)", "95%", D("95.4"), ""),
    ("18-weeks-no-more-than-18-weeks-from-referral-to-treatment",
     "18 weeks: no more than 18 weeks from referral to treatment (incomplete pathways)",
     "92%", D("95.5"), ""),
]  # fmt: skip


@pytest.mark.parametrize(("reference", "title", "target", "value", "notes"), ASHFORD)
def test_ashford_row(reference, title, target, value, notes):
    """Each Ashford measure: a derived reference, its title, target, figure and footnote."""
    card = read("ashford")
    measure = card.measure(reference)
    assert (measure.title, measure.unit, measure.notes) == (title, "percent", notes)
    assert cells(card, reference) == [("2014/15", value, ObservationStatus.NORMAL, None, "")]
    assert targets(card, reference) == {"2014/15": target}


def test_ashford_counts_its_footnotes():
    """The eight measures are kept and the three footnote lines counted, not read as rows."""
    result = read("ashford", lenient=True)
    assert result.ok
    assert (result.rows_read, result.rows_kept, result.footnote_lines) == (8, 8, (12, 13, 14))
    assert [m.reference for m in result.scorecard.measures] == [row[0] for row in ASHFORD]
    assert result.scorecard.title.startswith("The following table describes how we are doing")


# --- Canterbury: unit in the header, a sentence and two values in value cells -------------

CANTERBURY = [
    ("TP01", "Overall satisfaction", D("71.4")),
    ("TP02", "Satisfaction with repairs", D("73.9")),
    ("TP03", "Satisfaction with time taken to complete most recent repair", D("67.4")),
    ("TP04", "Satisfaction that the home is well maintained", D("71.4")),
    ("TP05", "Satisfaction that the home is safe", D("74.8")),
    ("TP06", "Satisfaction that the landlord listens to tenant views and act upon them",
     D("47.1")),
    ("TP07", "Satisfaction that the landlord keeps tenants informed about the things that "
     "matter to them", D("63.7")),
    ("TP08", "Agreement that the landlord treats tenants fairly and with respect", D("69.9")),
    ("TP09", "Satisfaction with the landlord's approach to handling complaints", D("31.1")),
    ("TP10", "Satisfaction that the landlord keeps communal areas clean and well maintained",
     D("56.3")),
    ("TP11", "Satisfaction that the landlord makes a positive contribution to neighbourhoods",
     D("43")),
    ("TP12", "Satisfaction with the landlord's approach to handling anti-social behaviour",
     D("40.1")),
    ("BS01", "Gas safety checks", D("98.2")),
    ("BS02", "Fire safety checks", D("93.6")),
    ("BS03", "Asbestos safety checks", D("95.1")),
    ("BS04", "Water safety checks", D("100")),
    ("BS05", "Lift safety checks", D("100")),
]  # fmt: skip


@pytest.mark.parametrize(("reference", "title", "value"), CANTERBURY)
def test_canterbury_row(reference, title, value):
    """Each Canterbury figure is a percentage for 2023/24, by the header's ``(%)``."""
    card = read("canterbury")
    assert (card.measure(reference).title, card.measure(reference).unit) == (title, "percent")
    assert cells(card, reference) == [("2023/24", value, ObservationStatus.NORMAL, None, "")]


@pytest.mark.parametrize(
    ("reference", "kept"),
    [
        ("RP01", "We did not get robust data after the transfer of services back from East "
         "Kent Housing, so cannot report on this for 2023/2024"),  # a sentence for a value
        ("RP02", "Non-emergency - 96 Emergency - 97.6"),  # two values in one cell
    ],
)  # fmt: skip
def test_canterbury_declared_missing_cells_keep_their_text(reference, kept):
    """A cell the layout reads as missing is a missing figure with its text kept."""
    assert cells(read("canterbury"), reference) == [("2023/24", None, MISSING, None, kept)]


def test_canterbury_rp_rows():
    """RP01 and RP02 are percentages with their titles, though neither has a figure."""
    card = read("canterbury")
    assert [(m.reference, m.title, m.unit) for m in card.measures[12:14]] == [
        ("RP01", "Homes that do not meet the Decent Homes Standard", "percent"),
        ("RP02", "Repairs completed within target timescale", "percent"),
    ]


def test_canterbury_refuses_the_sentence_and_the_two_figures_undeclared():
    """Without the declarations RP01's sentence and RP02's two figures are row errors."""
    layout = {k: v for k, v in LAYOUTS["canterbury"].items() if not k.startswith("missing")}
    text = (DATA / FILES["canterbury"]).read_text(encoding="utf-8")
    result = table.loads(text, layout=Layout.model_validate(layout), lenient=True)
    assert (result.rows_read, result.rows_kept, result.rows_rejected) == (19, 17, 2)
    assert [(e.code, e.line, e.column, e.text) for e in result.errors] == [
        ("value_is_text", 17, "Percentage (%)", RP01_SENTENCE),
        ("value_is_text", 18, "Percentage (%)", "Non-emergency - 96 Emergency - 97.6"),
    ]
    with pytest.raises(TableError) as caught:
        table.loads(text, layout=Layout.model_validate(layout))
    assert str(caught.value) == (
        "line 17, column 'Percentage (%)': text where a figure should be; write the figure, "
        f"or words such as 'Not available' that say why there is none: '{RP01_SENTENCE}'"
    )


RP01_SENTENCE = (
    "We did not get robust data after the transfer of services back from East Kent Housing, "
    "so cannot report on this for 2023/2024"
)


def test_canterbury_title_and_count():
    """The first preamble line is the title; all 19 measures are read."""
    card = read("canterbury")
    assert card.title == "Tenant satisfaction measures report"
    assert len(card.measures) == 19
    assert card.targets == ()


# --- Cheshire West: no column headings, section rows, trend words --------------------------

CHESHIRE = [
    ("reduce-the-rate-of-children-in-need-per-10-000-population-0-17", D("323.5"), "count",
     "Stayed the same", 0),
    ("increase-the-number-of-complex-families-achieving-significant", D("139"), "count",
     "Improved performance", 0),
    ("parent-carer-satisfaction-with-final-education-heath-and-care", D("92.4"), "percent",
     "Improved performance", 0),
    ("take-up-of-free-early-education-for-eligible-for-2-year-olds", D("101"), "percent",
     "Improved performance", 0),
    ("percentage-of-referrals-to-children-s-social-care-within-12", D("19.9"), "percent",
     "Requires improvement", 1),
    ("percentage-of-children-who-became-subject-of-a-child-protection", D("16.0"), "percent",
     "Improved performance", 1),
    ("rate-of-looked-after-children-per-10-000-0-17-population", D("73.4"), "count",
     "Stayed the same", 1),
    ("percentage-of-positive-outcomes-for-vulnerable-adults-at-the-end", D("41"), "percent",
     "Improved performance", 1),
    ("total-number-of-carers-who-were-given-information-and-advice-and", D("897"), "count",
     "Improved performance", 2),
    ("proportion-of-people-receiving-community-based-services-who", D("100"), "percent",
     "Improved performance", 2),
    ("proportion-of-adults-with-a-learning-disability-who-live-in", D("85.1"), "percent",
     "Stayed the same", 2),
    ("reduction-in-long-term-support-needs-being-met-by-admission-to", D("456"), "count",
     "Improved performance", 2),
    ("delayed-transfers-of-care-days-from-hospital", D("13510"), "count",
     "Requires improvement", 2),  # 13,510
]  # fmt: skip
OUTCOMES = [
    "All of our families, children and young people are supported to get the best start in life",
    "Vulnerable adults and children feel safe and are protected",
    "Older people and vulnerable adults are compassionately supported to lead fulfilled and "
    "independent lives",
]


@pytest.mark.parametrize(("reference", "value", "unit", "trend", "outcome"), CHESHIRE)
def test_cheshire_row(reference, value, unit, trend, outcome):
    """Each Cheshire measure: its figure for the report's period, trend word and section.

    The published table names its figures' period only relative to the report (the layout's
    ``Current``), and the reader resolves a relative period against ``as_of=``, so the test
    passes the report's period, Q4 2019/20, rather than editing the published text.
    """
    card = read("cheshire", as_of="Q4 2019/20")
    measure = card.measure(reference)
    assert (measure.unit, measure.portfolio) == (unit, OUTCOMES[outcome])
    assert cells(card, reference) == [("Q4 2019/20", value, ObservationStatus.NORMAL, None, "")]
    assert card.observations_for(reference)[0].published_trend == trend


def test_cheshire_counts_sections_and_needs_the_report_period():
    """Three section rows are counted; the value column's ``Current`` needs ``as_of``."""
    result = read("cheshire", as_of="Q4 2019/20", lenient=True)
    assert result.ok
    assert (result.rows_read, result.rows_kept, result.section_lines) == (13, 13, (2, 7, 12))
    assert result.scorecard.title == "Thriving residents"
    with pytest.raises(TableError) as caught:
        read("cheshire")
    assert (caught.value.code, caught.value.column) == ("no_as_of", "period")


# --- Bedford: two header rows, TYPE, forecasts, a page footer ------------------------------

BEDFORD = [
    ("of-fte-s", "Input", D("2"), D("2"), "2", "2"),
    ("of-board-and-commission-members", "Input", D("79"), D("74"), "79", "81"),
    ("of-elections-conducted", "Output", D("3"), D("1"), "1", "1"),
    ("of-regular-council-meetings-attended", "Output", D("21"), D("21"), "21", "21"),
    ("of-special-council-meetings-and-work-sessions-attended", "Output", D("4"), D("3"), "4",
     "3"),
    ("of-ordinances-and-resolutions-indexed", "Output", D("128"), D("150"), "135", "135"),
    ("of-minutes-pages-produced", "Output", D("162"), D("160"), "165", "160"),
    ("of-public-information-requests-processed", "Output", D("440"), D("600"), "430", "600"),
    ("of-alcoholic-beverage-registrations-filed", "Output", D("12"), D("10"), "12", "11"),
    ("of-liens-release-of-liens-processed", "Output", D("45"), D("62"), "45", "62"),
    ("of-board-and-commission-applications-processed", "Output", D("60"), D("60"), "60", "60"),
    ("of-boxes-of-records-destroyed", "Output", D("200"), D("200"), "200", "200"),
    ("average-of-days-to-respond-to-public-information-requests", "Efficiency", D("1.0"),
     D("0.7"), "1", "0.7"),  # a target's canonical text drops the .0
    ("of-city-council-minutes-approved-without-changes", "Effectiveness & Outcomes", D("100"),
     D("100"), "100%", "100%"),
    ("of-agendas-posted-without-errors", "Effectiveness & Outcomes", D("100"), D("96"),
     "100%", "100%"),
    ("of-board-and-commission-positions-filled", "Effectiveness & Outcomes", D("99"), D("99"),
     "99%", "99%"),
    ("of-public-information-requests-responded-to-in-ten-days-or-less", "Efficiency", D("98"),
     D("99"), "98%", "99%"),
    ("of-public-information-requests-responded-to-in-five-days-or-less", "Efficiency", D("96"),
     D("97"), "95%", "97%"),
]  # fmt: skip


@pytest.mark.parametrize(("reference", "kind", "actual", "projected", "t2425", "t2526"), BEDFORD)
def test_bedford_row(reference, kind, actual, projected, t2425, t2526):
    """Each Bedford measure: its TYPE, actual, projection (a forecast) and two targets."""
    card = read("bedford", lenient=True).scorecard
    assert card.measure(reference).portfolio == kind
    assert cells(card, reference) == [
        ("2023/24", actual, ObservationStatus.NORMAL, None, ""),
        ("2024/25", projected, FORECAST, None, ""),
    ]
    assert targets(card, reference) == {"2024/25": t2425, "2025/26": t2526}


AWARD = "received-texas-municipal-clerks-association-municipal-clerk-s"


def test_bedford_counts_its_footer():
    """The page footer is counted, not read; all 19 rows are kept."""
    result = read("bedford", lenient=True)
    assert (result.rows_read, result.rows_kept, result.rows_rejected) == (19, 19, 0)
    assert (result.footer_lines, result.errors) == ((23,), ())
    assert result.scorecard.title == "Performance Measures"


def test_bedford_reads_strictly():
    """The whole page reads strictly, its award row included, with no declared missing text."""
    card = read("bedford")
    assert [m.reference for m in card.measures] == [row[0] for row in BEDFORD] + [AWARD]
    assert "missing" not in LAYOUTS["bedford"]


def test_bedford_award_row_is_a_yes_no_achievement():
    """``Yes`` is an award received (1 in yes_no), ``N/A`` a figure that cannot exist."""
    card = read("bedford")
    award = card.measure(AWARD)
    assert (award.unit, award.portfolio, award.title) == (
        "yes_no",
        "Effectiveness & Outcomes",
        "Received Texas Municipal Clerks Association Municipal Clerk's Office Achievement of "
        "Excellence Award (Awarded Every Two Years)",
    )
    assert cells(card, AWARD) == [
        ("2023/24", D(1), ObservationStatus.NORMAL, None, ""),  # ACTUAL 23/24: Yes
        ("2024/25", None, ObservationStatus.NOT_APPLICABLE, None, ""),  # PROJECTED 24/25: N/A
    ]
    assert targets(card, AWARD) == {"2024/25": "N/A", "2025/26": "Yes"}


def test_bedford_award_rates_against_its_yes_target():
    """Rated for 2025/26 with a figure, the award's ``Yes`` target is met by Yes, missed by No."""
    card = read("bedford")
    for answer, status, sentence in [
        (D(1), "green", "Yes, as targeted: green"),
        (D(0), "red", "No, where Yes was targeted: red"),
    ]:
        figure = Observation(measure_ref=AWARD, period="2025/26", value=answer)
        rated = Scorecard(measures=card.measures, targets=card.targets, observations=[figure])
        found = evaluate(rated, "2025/26")[AWARD]
        assert (found.status.value, found.explanation) == (status, sentence)


# --- Bath: a summary table above the detail table -----------------------------------------

BATH = [
    ("82a", "11", [("2001/02", D("18")), ("2002/03", D("20")), ("2003/04", D("21.08"))],
     "22", "R", "Very close to target achievement"),
    ("82b", "5", [("2001/02", D("5")), ("2002/03", D("6")), ("2003/04", D("8.43"))], "11",
     "R", "Impact of delay and disruption to start of Garden Waste and cardboard scheme"),
    ("82c", "0", [("2001/02", D("0")), ("2002/03", D("0")), ("2003/04", D("0.11"))], "0",
     "G", ""),
    ("82d", "79", [("2001/02", D("77")), ("2002/03", D("74")), ("2003/04", D("70.39"))],
     "67", "R", "Impact of 82b above"),
    ("84", "487", [("2001/02", D("492")), ("2002/03", D("500")), ("2003/04", D("485"))],
     "500", "G", ""),
    ("86", "27.61", [("2001/02", D("35.17")), ("2002/03", D("40.02")),
     ("2003/04", D("43.3"))], "43.3", "G",
     "Not yet known - year-end figures to follow from Finance"),  # 43.3 Est
    ("87", "28.97", [("2001/02", D("49.95")), ("2002/03", D("46.97")),
     ("2003/04", D("51.51"))], "52.9", "G",
     "Not yet known - year-end figures to follow from Finance"),  # 51.51 Est
    ("Local 88 (ex PI)", "25", [("2001/02", D("211")), ("2002/03", D("161")),
     ("2003/04", D("78"))], "130", "G", "Average for year"),
    ("Local 88", "N/a", [("2001/02", D("87")), ("2002/03", D("90.07")),
     ("2003/04", D("89"))], "89", "G", "Average for year"),
    ("199b (new)", "N/a", [("2001/02", None), ("2002/03", None), ("2003/04", D("47"))], "44",
     "G", ""),
]  # fmt: skip


@pytest.mark.parametrize(("reference", "best", "values", "target", "status", "comment"), BATH)
def test_bath_row(reference, best, values, target, status, comment):
    """Each Bath row: the top-quartile benchmark, actuals, the estimate, target and status."""
    card = read("bath")
    assert card.measure(reference).benchmark == best
    found = cells(card, reference)
    assert [(period, value) for period, value, *_ in found] == values
    assert found[-1][2:] == (ObservationStatus.ESTIMATED, status, comment)
    assert targets(card, reference) == {"2003/04": target}


def test_bath_not_measured_and_na():
    """``N/a`` is not applicable; ``Not measured`` is a figure not collected."""
    card = read("bath")
    assert cells(card, "89")[:2] == [
        ("2001/02", None, ObservationStatus.NOT_APPLICABLE, None, ""),
        ("2002/03", None, ObservationStatus.NOT_COLLECTED, None, ""),
    ]
    assert card.measure("199a (new)").benchmark == "N/a"
    assert targets(card, "199a (new)") == {"2003/04": "34"}
    assert not isinstance(card.target_for("89", Period.parse("2003/04")).target, NotApplicable)


def test_bath_skips_the_summary_table():
    """The summary table is preamble; the 13 detail rows read strictly."""
    result = read("bath", lenient=True)
    assert result.ok
    assert result.scorecard.title == (
        "2. Reporting on targets and commitments made in the Performance Plan"
    )
    assert (result.rows_read, result.rows_kept) == (13, 13)
    assert len(read("bath").measures) == 13


# The polarities the README reads from each measure's wording; 199b's is not implied.
BATH_POLARITIES = {
    **dict.fromkeys(["82a", "82b", "82c", "Local 88", "89", "199a (new)"], "higher_is_better"),
    **dict.fromkeys(["82d", "84", "86", "87", "Local 88 (ex PI)", "199c (new)"],
                    "lower_is_better"),
}  # fmt: skip
# reference, computed status for 2003/04 with no tolerance (met is green), published status
BATH_RATED = [
    ("82a", "red", "R"),  # 21.08 < 22, higher is better
    ("82b", "red", "R"),  # 8.43 < 11
    ("82c", "green", "G"),  # 0.11 >= 0
    ("82d", "red", "R"),  # 70.39 > 67, lower is better
    ("84", "green", "G"),  # 485 <= 500
    ("86", "green", "G"),  # 43.3 on 43.3, an estimate
    ("87", "green", "G"),  # 51.51 <= 52.9, an estimate
    ("Local 88 (ex PI)", "green", "G"),  # 78 <= 130 missed collections
    ("Local 88", "green", "G"),  # 89 on 89
    ("89", "red", "R"),  # 61 < 67
    ("199a (new)", "red", "G"),  # 33 < 34: the page says G though the target is missed
    ("199b (new)", "not_rated", "G"),  # 47 against 44, no polarity implied
    ("199c (new)", "red", "G"),  # 13 > 12, lower is better: G though missed
]


def test_bath_published_statuses_against_a_plain_met_is_green_reading():
    """Rated with met = G, ten of Bath's R/G agree; 199a and 199c are G though missed.

    The page states no rating rule. Read plainly (met is G, missed is R: no tolerance),
    the library reproduces the published letter of 82a to 89, both rows of Local 88
    included. 199a (33 against 34, higher is better) and 199c (13 against 12, lower is
    better) are published G although they miss their targets, and 199b, whose direction
    the wording does not give, cannot be rated: those three are the disagreements.
    """
    measures = {ref: {"polarity": polarity} for ref, polarity in BATH_POLARITIES.items()}
    card = read("bath", measures=measures)
    report = evaluate(card, "2003/04", policy=RagPolicy(tolerance="0 points"))
    assert [
        (a.measure_ref, a.status.value, card.observation(a.measure_ref, a.period).published_status)
        for a in report
    ] == BATH_RATED
    assert [(d.measure_ref, d.aspect, d.computed.value) for d in report.disagreements()] == [
        ("199a (new)", "status", "red"),
        ("199b (new)", "status", "not_rated"),
        ("199c (new)", "status", "red"),
    ]


# --- Mansfield: sections with their own header rows, newest first, units in cells ---------

MANSFIELD = [
    ("total-number-of-homes-that-were-re-let", "Lettings", D("343"), D("443"), "count"),
    ("total-number-of-existing-tenants-that-transferred-to-another-mdc", "Lettings", D("97"),
     D("147"), "count"),
    ("total-number-of-tenants-who-exchanged-their-homes-mutual", "Lettings", D("17"), D("40"),
     "count"),
    ("average-number-of-days-taken-to-re-let-a-property-that-required", "Lettings", D("34"),
     D("28"), "day"),  # 34 days
    ("percentage-of-rent-lost-through-properties-being-empty-and-or", "Lettings", D("1.44"),
     D("1.42"), "percent"),
    ("total-rent-and-service-charges-due-to-the-council", "Income Management",
     D("28011755"), D("25960813"), "GBP"),  # £28,011,755
    ("rent-and-service-charges-collected-from-current-and-former", "Income Management",
     D("27593451"), D("25400569"), "GBP"),
    ("rent-and-service-charges-collected-as-a-of-rent-owed", "Income Management", D("99.94"),
     D("99.25"), "percent"),
    ("level-of-current-tenant-arrears", "Income Management", D("937711"), D("968409"), "GBP"),
    ("rent-written-off-that-cannot-be-collected", "Income Management", D("57928"),
     D("124268"), "GBP"),
    ("number-of-tenants-evicted-due-to-rent-arrears", "Income Management", D("6"), D("8"),
     "count"),
    ("number-of-emergency-repairs-completed", "Responsive Repairs", D("3042"), D("2925"),
     "count"),  # under a header written "2022 -23"
    ("number-of-urgent-repairs-completed", "Responsive Repairs", D("1077"), D("1022"), "count"),
    ("number-of-routine-repairs-completed", "Responsive Repairs", D("2362"), D("2569"),
     "count"),
    ("percentage-of-emergency-repairs-completed-on-time", "Responsive Repairs", D("90.3"),
     D("97.16"), "percent"),
    ("percentage-of-urgent-repairs-completed-on-time", "Responsive Repairs", D("75.3"),
     D("89.14"), "percent"),
    ("percentage-of-routine-repairs-completed-on-time", "Responsive Repairs", D("67.57"),
     D("58.15"), "percent"),
]  # fmt: skip


@pytest.mark.parametrize(("reference", "section", "y2324", "y2223", "unit"), MANSFIELD)
def test_mansfield_row(reference, section, y2324, y2223, unit):
    """Each Mansfield measure: its section, both years (oldest first) and unit."""
    card = read("mansfield")
    measure = card.measure(reference)
    assert (measure.portfolio, measure.unit) == (section, unit)
    assert [(p, v) for p, v, *_ in cells(card, reference)] == [
        ("2022/23", y2223),
        ("2023/24", y2324),
    ]


def test_mansfield_sections():
    """Two section rows between the tables, the first above the header; 17 measures."""
    result = read("mansfield", lenient=True)
    assert result.ok
    assert result.scorecard.title == "Key performance indicators"
    assert (result.rows_read, result.rows_kept, result.section_lines) == (17, 17, (10, 18))
    assert [m.reference for m in result.scorecard.measures] == [row[0] for row in MANSFIELD]


# --- every scorecard: its measures' titles and units, as published -------------------------

TITLES = {
    "bedford": [
        ("# of FTE's", "count"),
        ("# of Board and Commission Members", "count"),
        ("# of Elections Conducted", "count"),
        ("# of Regular Council Meetings Attended", "count"),
        ("# of Special Council Meetings and Work Sessions Attended", "count"),
        ("# of Ordinances and Resolutions Indexed", "count"),
        ("# of Minutes Pages Produced", "count"),
        ("# of Public Information Requests Processed", "count"),
        ("# of Alcoholic Beverage Registrations Filed", "count"),
        ("# of Liens /Release of Liens Processed", "count"),
        ("# of Board and Commission Applications Processed", "count"),
        ("# of Boxes of Records Destroyed", "count"),
        ("Average # of Days to Respond to Public Information Requests", "count"),  # bare 1.0
        ("% of City Council Minutes Approved Without Changes", "percent"),
        ("% of Agendas Posted Without Errors", "percent"),
        ("% of Board and Commission Positions Filled", "percent"),
        ("% of Public Information Requests Responded to in Ten Days or Less", "percent"),
        ("% of Public Information Requests Responded to in Five Days or Less", "percent"),
        ("Received Texas Municipal Clerks Association Municipal Clerk's Office Achievement of "
         "Excellence Award (Awarded Every Two Years)", "yes_no"),
    ],
    "cheshire": [
        ("Reduce the rate of children in need, per 10,000 population 0-17 (includes all "
         "children 0-17 with an open referral, CIN, CPP and LAC)", "count"),
        ("Increase the number of complex families achieving significant and sustained outcomes "
         "(Troubled Families Programme)", "count"),
        ("Parent/Carer Satisfaction with Final Education Heath and Care Plan (initial targets "
         "revised as process has bedded in)", "percent"),
        ("Take up of free early education for eligible for 2 year olds living in the top 30% "
         "most deprived areas in the borough", "percent"),
        ("Percentage of referrals to children's social care within 12 months of a previous "
         "referral", "percent"),
        ("Percentage of children who became subject of a child protection plan for a second "
         "time", "percent"),
        ("Rate of Looked After Children per 10,000 0-17 population (Children in Care)", "count"),
        ("Percentage of positive outcomes for vulnerable adults at the end of safeguarding "
         "investigation", "percent"),
        ("Total number of carers who were given information and advice and/or signposted to "
         "other universal services", "count"),
        ("Proportion of people receiving community-based services who received self-directed "
         "support", "percent"),
        ("Proportion of adults with a learning disability who live in their own home or with "
         "their family", "percent"),
        ("Reduction in long-term support needs being met by admission to residential and "
         "nursing care homes", "count"),
        ("Delayed transfers of care (days) from hospital", "count"),  # bare 13,510
    ],
    "bath": [
        ("% of household waste recycled", "count"),  # figures without a % sign
        ("% household waste composted", "count"),
        ("% household waste used to recover heat, power and other energy", "count"),
        ("% household waste landfilled", "count"),
        ("Kg of household waste collected per head", "count"),
        ("Cost of waste collection per household (cost has risen because we now include the "
         "cost of recycling)", "count"),
        ("Cost of waste disposal per tonne", "count"),
        ("Number of household waste collections missed per 100,000", "count"),
        ("Percentage of missed bins collected by the end of the next working day", "count"),
        ("% of people satisfied with cleanliness standards", "count"),
        ("% of land that is assessed as being clean", "count"),
        ("% of land that is assessed as having light litter", "count"),
        ("% of land that is assessed as having significant litter", "count"),
    ],
    "mansfield": [
        ("Total number of homes that were re-let", "count"),
        ("Total number of existing tenants that transferred to another MDC home", "count"),
        ("Total number of tenants who exchanged their homes (mutual exchange)", "count"),
        ("Average number of days taken to re-let a property that required no major works",
         "day"),
        ("Percentage of rent lost through properties being empty and / or waiting to be re-let",
         "percent"),
        ("Total rent and service charges due to the Council", "GBP"),
        ("Rent and Service charges collected from current and former tenants", "GBP"),
        ("Rent and service charges collected as a % of rent owed", "percent"),
        ("Level of current tenant arrears", "GBP"),
        ("Rent written off that cannot be collected", "GBP"),
        ("Number of tenants evicted due to rent arrears", "count"),
        ("Number of emergency repairs completed", "count"),
        ("Number of urgent repairs completed", "count"),
        ("Number of routine repairs completed", "count"),
        ("Percentage of emergency repairs completed on time", "percent"),
        ("Percentage of urgent repairs completed on time", "percent"),
        ("Percentage of routine repairs completed on time", "percent"),
    ],
}  # fmt: skip
AS_OF = {"cheshire": "Q4 2019/20"}


@pytest.mark.parametrize("name", TITLES)
def test_titles_and_units_as_published(name):
    """Every measure's title (markers aside) and unit, in the page's order."""
    card = read(name, as_of=AS_OF.get(name))
    assert [(m.title, m.unit) for m in card.measures] == TITLES[name]
