"""The shapes real scorecards come in, each read by the table reader with at most a Layout."""

import datetime as dt
import re
from decimal import Decimal
from typing import get_overloads

import pytest

from kpi_scorecard import ObservationStatus, Period, Polarity, Scorecard, TableError
from kpi_scorecard.serializers import csv, table
from kpi_scorecard.serializers.table import Column, Layout, Role

D = Decimal
Q1, Q2 = Period.parse("Q1 2019/20"), Period.parse("Q2 2019/20")
FY = Period.parse("2019/20")
NORMAL, MISSING = ObservationStatus.NORMAL, ObservationStatus.MISSING


def rows(*lines):
    """Join lines into table text."""
    return "\n".join(lines) + "\n"


def faces(card):
    """Each observation as (reference, period label, value, face, commentary)."""
    return [
        (o.measure_ref, str(o.period), o.value, o.published_status, o.commentary)
        for o in card.observations
    ]


def settings(card):
    """Each target setting as (reference, period label, target text)."""
    return [(s.measure_ref, str(s.period), str(s.target)) for s in card.targets]


# --- no reference column -------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "reference"),
    [
        ("PI", "P1"),  # a code column
        ("Code", "P1"),  # a code column
        ("KPI", "P1"),  # a code column
        ("Measure code", "P1"),  # a code column
        ("Indicator", "P1"),  # a title word, the codes beside the Measure column
        ("INDICATOR", "P1"),  # case ignored
    ],
)
def test_code_column_identifies_the_row(header, reference):
    """A code column is the reference column."""
    card = table.loads(rows(f"{header}\tMeasure\tQ1 2019/20", "P1\tReferrals\t5"))
    assert [m.reference for m in card.measures] == [reference]


def test_indicator_is_the_reference_beside_another_title_wherever_it_stands():
    """An Indicator column after the title column still heads the codes."""
    card = table.loads(rows("Measure\tIndicator\tQ1 2019/20", "Referrals\tP1\t5"))
    assert [(m.reference, m.title) for m in card.measures] == [("P1", "Referrals")]


@pytest.mark.parametrize("code", ["PI", "Code"])
def test_a_code_column_beside_an_indicator_title_is_the_reference(code):
    """PI and Code head the codes beside Indicator too, which then is the title."""
    card = table.loads(rows(f"{code}\tIndicator\tQ1 2019/20", "P1\tReferrals\t5"))
    assert [(m.reference, m.title) for m in card.measures] == [("P1", "Referrals")]


def test_indicator_alone_is_the_title():
    """Without another title column, Indicator is the title and gives the reference."""
    card = table.loads(rows("Indicator\tQ1 2019/20", "Referrals\t5"))
    assert [(m.reference, m.title) for m in card.measures] == [("referrals", "Referrals")]


def test_indicator_beside_a_reference_column_is_a_second_title():
    """With a reference column, Indicator stays a title, so two titles are a duplicate."""
    with pytest.raises(TableError) as caught:
        table.loads(rows("Ref\tIndicator\tMeasure\tQ1 2019/20", "P1\tA\tReferrals\t5"))
    assert (caught.value.code, caught.value.column) == ("duplicate_column", "Measure")


def test_a_declared_indicator_title_is_kept():
    """A layout that declares Indicator the title wins, and the other title is refused."""
    layout = Layout(columns=[Column(header="Indicator", role="title")])
    with pytest.raises(TableError) as caught:
        table.loads(rows("Indicator\tMeasure\tQ1 2019/20", "P1\tReferrals\t5"), layout=layout)
    assert (caught.value.code, caught.value.column) == ("duplicate_column", "Measure")


def test_titles_give_references_by_the_documented_rule():
    """Without a reference column, each title gives a stable slug as the reference."""
    text = rows(
        "Performance Indicator\t2019/20",
        "Average days to re-let (general needs)\t34",
        "Café visits – all ages\t5",
    )
    card = table.loads(text)
    assert [(m.reference, m.title) for m in card.measures] == [
        ("average-days-to-re-let-general-needs", "Average days to re-let (general needs)"),
        ("cafe-visits-all-ages", "Café visits – all ages"),
    ]


def test_long_titles_give_references_cut_at_a_hyphen():
    """A slug longer than a reference may be is cut at its last hyphen within 64."""
    title = "Percentage of children who became subject of a child protection plan again"
    card = table.loads(rows("Measure\t2019/20", f"{title}\t5"))
    reference = card.measures[0].reference
    assert reference == "percentage-of-children-who-became-subject-of-a-child-protection"
    assert len(reference) <= 64


def test_two_titles_with_one_slug_are_an_error():
    """Titles that give the same reference are a duplicate, named by line and column."""
    with pytest.raises(TableError) as caught:
        table.loads(rows("Measure\t2019/20", "Re-lets\t5", "Re lets\t6"))
    assert str(caught.value) == (
        "line 3, column 'Measure': the reference is already used on line 2: 're-lets'"
    )


# --- two header rows --------------------------------------------------------------------


def test_two_header_rows_with_spanned_period_cells():
    """A period row over value, target and status sub-columns, spans left blank."""
    text = rows(
        "Ref\tMeasure\tQ1 2019/20\t\t\tQ2 2019/20\t\t",
        "\t\tValue\tTarget\tStatus\tValue\tTarget\tStatus",
        "A1\tReferrals\t5\t<6\tGreen\t7\t<6\tRed",
    )
    card = table.loads(text, layout=Layout(header_rows=2))
    assert faces(card) == [
        ("A1", "Q1 2019/20", D(5), "Green", ""),
        ("A1", "Q2 2019/20", D(7), "Red", ""),
    ]
    assert settings(card) == [("A1", "Q1 2019/20", "<6"), ("A1", "Q2 2019/20", "<6")]


def test_the_same_period_header_twice_over_sub_columns():
    """The same period heads two columns, told apart by the row below."""
    text = rows("Ref\t2019/20\t2019/20", "\tActual\tTarget", "A1\t5\t<6")
    card = table.loads(text, layout=Layout(header_rows=2))
    assert (faces(card), settings(card)) == (
        [("A1", "2019/20", D(5), None, "")],
        [("A1", "2019/20", "<6")],
    )


def test_a_repeated_two_row_header_is_skipped():
    """Both rows of a repeated two-row header are skipped, not read as measures."""
    top, bottom = "Ref\tQ1 2019/20\t", "\tValue\tTarget"
    result = table.loads(
        rows(top, bottom, "A1\t5\t<6", top, bottom, "A2\t7\t<8"),
        layout=Layout(header_rows=2),
        lenient=True,
    )
    assert result.ok
    assert [m.reference for m in result.scorecard.measures] == ["A1", "A2"]


# --- section rows -----------------------------------------------------------------------


def test_section_rows_group_the_measures_below():
    """A row with only a heading is the group of the rows below it, never a measure."""
    text = rows(
        "Ref\tMeasure\tQ1 2019/20",
        "Early help",
        "A1\tReferrals\t5",
        "\tSafeguarding children",  # a heading in the title column
        "A2\tVisits\t6",
        "A3\tPlans\t7",
    )
    result = table.loads(text, lenient=True)
    assert [(m.reference, m.portfolio) for m in result.scorecard.measures] == [
        ("A1", "Early help"),
        ("A2", "Safeguarding children"),
        ("A3", "Safeguarding children"),
    ]
    assert (result.rows_read, result.rows_kept, result.section_lines) == (3, 3, (2, 4))


def test_a_lone_reference_is_a_measure_not_a_section():
    """A row holding only a code under the reference column is a measure with no data."""
    card = table.loads(rows("Ref\tQ1 2019/20", "A1"))
    assert [m.reference for m in card.measures] == ["A1"]


def test_sections_can_be_turned_off():
    """With sections=False a one-cell row is read as a row."""
    card = table.loads(rows("Ref\tQ1 2019/20", "Early help"), layout=Layout(sections=False))
    assert [m.reference for m in card.measures] == ["Early help"]


# --- a target and a status per period; year to date beside the annual target ---------------


@pytest.mark.parametrize(
    ("header", "period"),
    [
        ("Q1 target", "Q1 2019/20"),  # the quarter of the latest column's year
        ("Target Q2 2019/20", "Q2 2019/20"),  # the period written after
        ("Q1 target 2019/20", "Q1 2019/20"),  # a quarter and a year around the word
        ("Target for Q1 2019/20", "Q1 2019/20"),  # with "for"
        ("2018/19 target", "2018/19"),  # a year first
        ("Annual target 2019/20", "2019/20"),  # the year
        ("Proposed Quarterly/ Annual Target 2019/20", "2019/20"),  # the example's
    ],
)
def test_target_header_names_its_period(header, period):
    """A target column applies to the period its header names, a quarter included."""
    card = table.loads(rows(f"Ref\tQ1 2019/20\tQ2 2019/20\t{header}", "A1\t5\t6\t<7"))
    assert settings(card) == [("A1", period, "<7")]
    assert card.targets[0].profile is None


def test_a_quarter_target_is_never_the_years():
    """A target for one quarter sets that quarter, not the year, and is not profiled."""
    card = table.loads(rows("Ref\tQ1 2019/20\tQ1 target 2019/20", "A1\t5\t<7"))
    assert card.target_for("A1", Q1).period == Q1
    assert card.target_for("A1", Q2) is None


def test_empty_quarter_target_cells_set_nothing():
    """An empty cell of a quarter's target column sets no target (the year's applies)."""
    card = table.loads(rows("Ref\tQ1 2019/20\tQ1 target\tTarget 2019/20", "A1\t5\t\t<9"))
    assert settings(card) == [("A1", "2019/20", "<9")]


def test_a_status_column_per_period():
    """Each period's status column gives that period's published status."""
    text = rows("Ref\tQ1 2019/20\tQ1 status\tQ2 2019/20\tStatus Q2 2019/20", "A1\t5\tG\t7\tR")
    assert faces(table.loads(text)) == [
        ("A1", "Q1 2019/20", D(5), "G", ""),
        ("A1", "Q2 2019/20", D(7), "R", ""),
    ]


def test_status_and_trend_columns_side_by_side():
    """A status column and a trend column fill the published status and trend apart."""
    card = table.loads(rows("Ref\tQ1 2019/20\tRAG\tDirection of travel", "A1\t5\tG\tImproving"))
    observation = card.observations[0]
    assert (observation.published_status, observation.published_trend) == ("G", "Improving")


def test_year_to_date_beside_the_annual_target():
    """A year-to-date column is the cumulative figure; the annual target is the year's."""
    text = rows("Ref\tQ2 2019/20\tYTD Q2 2019/20\tAnnual target 2019/20", "A1\t7\t12\t<30")
    card = table.loads(text)
    (observation,) = card.observations
    assert (observation.period, observation.value, observation.cumulative) == (Q2, 7, 12)
    assert settings(card) == [("A1", "2019/20", "<30")]


def test_a_ytd_column_is_for_the_latest_period():
    """A year-to-date column naming no period is the latest column's year to date."""
    card = table.loads(rows("Ref\tQ1 2019/20\tQ2 2019/20\tYTD", "A1\t5\t7\t12"))
    assert [(str(o.period), o.cumulative) for o in card.observations] == [
        ("Q1 2019/20", None),
        ("Q2 2019/20", D(12)),
    ]


# --- long form --------------------------------------------------------------------------


def test_long_form_one_row_per_measure_and_period():
    """Rows of one measure and period: observations, targets and statuses per period."""
    text = rows(
        "Measure\tPeriod\tValue\tTarget\tStatus",
        "Referrals\tQ1 2019/20\t5\t<6\tGreen",
        "Referrals\tQ2 2019/20\t7\t<6\tRed",
        "Visits\tQ1 2019/20\t9\t\t",
    )
    card = table.loads(text)
    assert [m.reference for m in card.measures] == ["referrals", "visits"]
    assert faces(card) == [
        ("referrals", "Q1 2019/20", D(5), "Green", ""),
        ("referrals", "Q2 2019/20", D(7), "Red", ""),
        ("visits", "Q1 2019/20", D(9), None, ""),
    ]
    assert settings(card) == [("referrals", "Q1 2019/20", "<6"), ("referrals", "Q2 2019/20", "<6")]


def test_long_form_declared():
    """A layout names the long form's columns when the headers are the council's own."""
    layout = Layout(
        columns=[
            Column(header="KPI", role=Role.TITLE),
            Column(header="When", role=Role.PERIOD),
            Column(header="Score", role=Role.VALUE),
        ]
    )
    card = table.loads(rows("KPI,When,Score", "Visits,2019/20,9"), layout=layout)
    assert faces(card) == [("visits", "2019/20", D(9), None, "")]


# --- periods relative to the report -------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "period"),
    [
        ("This quarter", "Q2 2019/20"),  # as_of itself
        ("Current", "Q2 2019/20"),  # as_of itself
        ("Last quarter", "Q1 2019/20"),  # the period before
        ("Previous period", "Q1 2019/20"),  # the period before
        ("Same quarter last year", "Q2 2018/19"),  # a year before
        ("Last year", "2018/19"),  # the financial year before as_of's
        ("Target this year", "2019/20"),  # a role word with a relative period
    ],
)
def test_relative_period_headers_resolve_against_as_of(header, period):
    """Periods named relative to the report are read against ``as_of``, never the clock."""
    card = table.loads(rows(f"Ref\tQ3 2019/20\t{header}", "A1\t1\t2"), as_of="Q2 2019/20")
    found = {str(o.period) for o in card.observations} | {str(s.period) for s in card.targets}
    assert period in found


def test_relative_period_without_as_of_is_an_error():
    """A relative header without ``as_of`` says so, naming the header."""
    with pytest.raises(TableError) as caught:
        table.loads(rows("Ref\tLast quarter", "A1\t5"))
    assert str(caught.value) == (
        "line 1, column 'Last quarter': 'Last quarter' names a period relative to the "
        "report; pass as_of=, the period the report is for: 'Last quarter'"
    )
    assert caught.value.code == "no_as_of"


def test_as_of_may_be_a_period():
    """``as_of`` takes a Period as well as its label."""
    card = table.loads(rows("Ref\tThis quarter", "A1\t5"), as_of=Q1)
    assert card.observations[0].period == Q1


# --- footnote markers and footnote lines --------------------------------------------------


def test_footnote_markers_become_notes():
    """Markers on titles and values are kept as notes with their footnote's text."""
    text = rows(
        "Ref\tMeasure\t2019/20",
        "A1\tWaits in A&E*\t92.7% (a)",
        "A2\tCancer waits **\t93%",
        "A3\tReferrals †\t5",
        "",
        "* Four-hour standard.",
        "** Two-week wait.",
        "(a) Provisional.",
    )
    result = table.loads(text, lenient=True)
    card = result.scorecard
    assert [(m.title, m.notes) for m in card.measures] == [
        ("Waits in A&E", "* Four-hour standard.\n(a) Provisional."),
        ("Cancer waits", "** Two-week wait."),
        ("Referrals", "†"),  # a marker whose footnote is not in the table
    ]
    assert card.observations[0].value == D("92.7")
    assert (result.rows_read, result.rows_kept, result.footnote_lines) == (3, 3, (6, 7, 8))


def test_a_mark_the_value_notation_reads_is_not_a_footnote():
    """``34*`` is a provisional figure, as the value notation reads it; ``34 (a)`` a note."""
    card = table.loads(rows("Ref\t2019/20\t2020/21", "A1\t34*\t35 (a)"))
    assert [(o.value, o.status) for o in card.observations] == [
        (D(34), ObservationStatus.PROVISIONAL),
        (D(35), NORMAL),
    ]
    assert card.measures[0].notes == "(a)"


# --- units --------------------------------------------------------------------------------


def test_units_in_their_own_column():
    """A unit column gives each measure its unit."""
    card = table.loads(rows("Ref\tUnit\t2019/20", "A1\tdays\t34", "A2\t%\t12"))
    assert [(m.reference, m.unit) for m in card.measures] == [("A1", "day"), ("A2", "percent")]


@pytest.mark.parametrize(
    ("header", "layout", "unit"),
    [
        ("Percentage (%)", Layout(period="2019/20"), "percent"),  # Canterbury's header
        ("Days", Layout(period="2019/20"), "day"),  # a unit word for a header
        ("2019/20 (days)", None, "day"),  # a period with its unit in brackets
        ("2019/20 (%)", None, "percent"),  # a period with the percent sign
    ],
)
def test_unit_in_the_header(header, layout, unit):
    """A unit in the header gives bare figures that unit."""
    card = table.loads(rows(f"Ref\t{header}", "A1\t34"), layout=layout)
    assert (card.measures[0].unit, card.observations[0].value) == (unit, D(34))


# --- newest first, repeated headers written differently ------------------------------------


def test_newest_first_columns_read_in_period_order():
    """Periods newest first still give observations oldest first."""
    card = table.loads(rows("Ref\t2023 - 24\t2022 - 23", "A1\t5\t6"))
    assert [(str(o.period), o.value) for o in card.observations] == [
        ("2022/23", D(6)),
        ("2023/24", D(5)),
    ]


def test_repeated_header_rows_written_differently_are_the_same_header():
    """A repeated header row with other spacing but the same columns is skipped."""
    text = rows(
        "Performance Indicator\t2023 - 24\t2022 - 23",
        "Re-lets\t5\t6",
        "Repairs",
        "Performance Indicator\t2023 - 24\t2022 -23",
        "Urgent repairs\t7\t8",
    )
    result = table.loads(text, lenient=True)
    assert result.ok
    assert [(m.reference, m.portfolio) for m in result.scorecard.measures] == [
        ("re-lets", ""),
        ("urgent-repairs", "Repairs"),
    ]


# --- polarity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "word", "polarity"),
    [
        ("Good is", "Low", Polarity.LOWER_IS_BETTER),  # a "Good is" column
        ("Aim", "Increase", Polarity.HIGHER_IS_BETTER),  # an "Aim" column
        ("Higher is better", "Y", Polarity.HIGHER_IS_BETTER),  # a yes/no column
        ("Higher is better", "N", Polarity.LOWER_IS_BETTER),  # a yes/no column
        ("Polarity", "↓", Polarity.LOWER_IS_BETTER),  # an arrow
    ],
)
def test_polarity_column(header, word, polarity):
    """A polarity column's words say which way is good."""
    card = table.loads(rows(f"Ref\t{header}\t2019/20", f"A1\t{word}\t5"))
    assert card.measures[0].polarity is polarity


def test_polarity_words_declared():
    """A layout gives a polarity column its own words."""
    layout = Layout(
        columns=[Column(header="Better if", role="polarity", words={"more": "higher_is_better"})]
    )
    card = table.loads(rows("Ref\tBetter if\t2019/20", "A1\tmore\t5"), layout=layout)
    assert card.measures[0].polarity is Polarity.HIGHER_IS_BETTER


# --- declared layouts -------------------------------------------------------------------------


def test_a_declaration_wins_over_the_vocabulary():
    """A declared role overrides what the vocabulary would make of a header."""
    layout = Layout(columns=[Column(header="Status", role="commentary")])
    card = table.loads(rows("Ref\tQ1 2019/20\tStatus", "A1\t5\tOn track"), layout=layout)
    assert faces(card) == [("A1", "Q1 2019/20", D(5), None, "On track")]


def test_an_ignored_column_is_left_unread():
    """A column declared ``ignore`` is not read, and is not an error."""
    layout = Layout(columns=[Column(header="Colour", role="ignore")])
    card = table.loads(rows("Ref\tColour\tQ1 2019/20", "A1\tred\t5"), layout=layout)
    assert len(card.observations) == 1


def test_columns_by_position_without_a_header():
    """A table without header rows is read by declared positions."""
    layout = Layout(
        header_rows=0,
        columns=[Column(position=0, role="reference"), Column(position=1, role="value",
                                                                period="2019/20")],
    )  # fmt: skip
    card = table.loads(rows("A1\t5", "A2\t6"), layout=layout)
    assert [(o.measure_ref, o.value) for o in card.observations] == [("A1", 5), ("A2", 6)]


def test_a_forecast_column():
    """A column declared with a status gives its figures that status."""
    layout = Layout(columns=[Column(header="Projected 2019/20", role="value", status="forecast")])
    card = table.loads(rows("Ref\tProjected 2019/20", "A1\t5"), layout=layout)
    assert card.observations[0].status is ObservationStatus.FORECAST


def test_missing_texts_are_kept():
    """Cells the layout names as missing are missing figures with their text kept."""
    layout = Layout(missing=("Not measured",))
    card = table.loads(rows("Ref\t2019/20", "A1\tnot measured"), layout=layout)
    assert faces(card) == [("A1", "2019/20", None, None, "not measured")]
    assert card.observations[0].status is MISSING


def test_a_missing_pattern_reads_a_varied_sentence_as_missing():
    """Cells the layout's pattern matches whole (case ignored) are missing, text kept."""
    layout = Layout(missing_pattern=r"no robust data .*")
    text = rows("Ref\t2019/20", "A1\tNo robust data for 2019/20", "A2\tno robust data yet")
    assert faces(table.loads(text, layout=layout)) == [
        ("A1", "2019/20", None, None, "No robust data for 2019/20"),
        ("A2", "2019/20", None, None, "no robust data yet"),
    ]


def test_a_missing_pattern_matches_the_whole_cell():
    """A pattern that matches only part of a cell leaves it to the value notation."""
    layout = Layout(missing_pattern=r"robust")
    with pytest.raises(TableError) as caught:
        table.loads(rows("Ref\t2019/20", "A1\tNo robust data"), layout=layout)
    assert (caught.value.code, caught.value.line, caught.value.text) == (
        "value_is_text", 2, "No robust data",
    )  # fmt: skip


def test_skip_footer_counts_the_footer():
    """The last lines a layout names as footer are left unread, and counted."""
    text = rows("Ref\t2019/20", "A1\t5", "Page 294 of the budget")
    result = table.loads(text, layout=Layout(skip_footer=1), lenient=True)
    assert (result.ok, result.rows_read, result.footer_lines) == (True, 1, (3,))


def test_title_line_chosen():
    """The layout says which preamble line is the title."""
    text = rows("Council", "Cabinet", "Scorecard", "Ref\t2019/20", "A1\t5")
    assert table.loads(text, layout=Layout(title=2)).title == "Cabinet"
    assert table.loads(text, layout=Layout(title="first")).title == "Council"
    assert table.loads(text, layout=Layout(title=None)).title == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"columns": [{"role": "title"}]}, "a column is found by its header or its position"),
        ({"columns": [{"header": "A", "role": "title", "period": "2019/20"}]},
         "a title column has no period or status"),
        ({"columns": [{"header": "A", "role": "value", "words": {"up": "higher_is_better"}}]},
         "words are for a polarity column"),
        ({"header_rows": 0, "columns": [{"header": "A", "role": "title"}]},
         "a table without header rows declares columns by position"),
        ({"columns": [{"header": "A", "role": "title"}, {"header": "a", "role": "value"}]},
         "the column 'a' is declared twice"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
        ({"missing_pattern": "(no data"}, r"missing_pattern is not a regular expression "
         r"\(missing \), unterminated subpattern at position 0\): '\(no data'"),
    ],
)  # fmt: skip
def test_bad_layouts_are_refused(data, message):
    """A layout that cannot be followed is refused when it is built."""
    with pytest.raises(ValueError, match=message):
        Layout.model_validate(data)


# --- rows already split -----------------------------------------------------------------


def test_load_rows_reads_spreadsheet_cells():
    """Rows of numbers, days and None read as the same text would."""
    layout = Layout(period="2019/20")
    card = table.load_rows(
        [
            ["Scorecard"],
            [],
            ["Ref", "Measure", "Value", "Target"],
            ["A1", "Referrals", 1462, D("1500")],
            ["A2", "Share", 0.25, None],
            ["A3", "Opened", dt.date(2019, 6, 30), None],
        ],
        layout=layout,
        lenient=True,
    )
    assert card.errors[0].code == "bad_value"
    assert card.errors[0].text == "2019-06-30"
    assert card.scorecard.title == "Scorecard"
    assert [(o.measure_ref, o.value) for o in card.scorecard.observations] == [
        ("A1", D(1462)),
        ("A2", D("0.25")),
    ]


def test_load_rows_refuses_other_cells():
    """A cell that is not text, a number, a day or None is a typed error."""
    result = table.load_rows([["Ref", "2019/20"], ["A1", True]], lenient=True)
    assert [(e.code, e.line, e.column) for e in result.errors] == [("bad_cell_type", 2, "2019/20")]
    assert str(result.errors[0]) == (
        "line 2, column '2019/20': a cell is text, a number, a day or None, not bool: 'True'"
    )
    assert result.accounted


@pytest.mark.parametrize(
    ("rows_given", "options", "column"),
    [
        ([["Title", object()], ["Ref", "2019/20"]], {}, "#1"),  # before the header row
        ([["Ref", "2019/20"], ["A1", 5, True]], {}, "#2"),  # past the header's last cell
        ([["A1", True]], {"layout": Layout(header_rows=0, columns=[
            Column(position=0, role="reference"),
            Column(position=1, role="value", period="2019/20")])}, "#1"),  # no header row
    ],
)  # fmt: skip
def test_a_bad_cell_without_a_header_is_named_by_position(rows_given, options, column):
    """Where no header names the cell's column, the error gives its 0-based position."""
    result = table.load_rows(rows_given, lenient=True, **options)
    assert [(e.code, e.column) for e in result.errors] == [("bad_cell_type", column)]


def test_load_rows_is_typed_as_loads_is():
    """load_rows has the overloads of loads: strict gives a Scorecard, lenient a LoadResult."""

    def signatures(function):
        return [
            (o.__annotations__["lenient"], o.__annotations__["return"])
            for o in get_overloads(function)
        ]

    assert signatures(table.load_rows) == signatures(table.loads)
    assert signatures(table.load_rows)[:2] == [
        ("Literal[False]", "Scorecard"),
        ("Literal[True]", "LoadResult"),
    ]


def test_load_rows_matches_loads():
    """Split rows give the same scorecard as the text they came from."""
    text = rows("Ref\tMeasure\tQ1 2019/20\tTarget 2019/20", "A1\tReferrals\t17%\t<18%")
    split = [line.split("\t") for line in text.splitlines()]
    assert table.load_rows(split) == table.loads(text)


# --- hostile text -----------------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\x85", "\x1c", "\u2028"])
def test_splitlines_breaks_stay_inside_a_cell(separator):
    """Characters str.splitlines breaks at are control characters in a cell, typed."""
    with pytest.raises(TableError) as caught:
        table.loads(f"Ref\tQ1{separator}2019/20\nA1\t5\n")
    assert (caught.value.code, caught.value.line) == ("control_character", 1)


def test_a_comma_in_the_preamble_does_not_flip_the_delimiter():
    """The delimiter is the header row's, whatever the preamble holds."""
    card = table.loads(rows("Children, young people and families", "Ref\tQ1 2019/20", "A1\t5"))
    assert card.title == "Children, young people and families"
    assert card.observations[0].value == 5


def test_tabs_inside_comma_separated_cells_are_an_error():
    """A row read as one comma-separated cell holding tabs is refused."""
    with pytest.raises(TableError) as caught:
        table.loads(rows("Ref,Q1 2019/20", "A1\t5"))
    assert str(caught.value) == (
        "line 2: a one-cell row holding tabs: the table reads with commas, but is "
        "tab-separated: 'A1\\t5'"
    )


def test_an_inconvertible_target_unit_is_a_table_error():
    """A target the measure's unit cannot hold is a TableError, not a ValidationError."""
    with pytest.raises(TableError) as caught:
        table.loads(
            rows("Ref\tQ1 2019/20\tTarget 2019/20", "A1\t5\t<5 mph"),
            measures={"A1": {"unit": "km/h"}},
        )
    assert (caught.value.code, caught.value.line, caught.value.column) == (
        "unsupported_unit",
        2,
        "Target 2019/20",
    )


def test_fields_past_the_csv_modules_limit_read_back():
    """Every field the writers produce reads back, however long."""
    from kpi_scorecard import Measure, Observation  # noqa: PLC0415 - local to this test

    long_text = "x" * 200_000
    card = Scorecard(
        measures=[Measure(reference="A1")],
        observations=[Observation(measure_ref="A1", period=Q1, value=5, commentary=long_text)],
    )
    assert table.loads(table.dumps(card)).observations[0].commentary == long_text
    assert csv.loads(csv.dumps(card)).observations[0].commentary == long_text


def test_lenient_reading_of_many_bad_rows_is_linear():
    """Each bad row costs what a good one does: line numbers are counted, not searched."""
    bad = "\n".join(f'A{i}\t"5"x' for i in range(4000))
    result = table.loads(f"Ref\tQ1 2019/20\n{bad}\n", lenient=True)
    assert (result.rows_read, result.rows_rejected) == (4000, 4000)
    assert result.errors[-1].line == 4001
    assert result.errors[-1].code == "bad_quoting"


def test_dumps_neutralises_formulas_and_keeps_the_raw_form_on_request():
    """Free text a spreadsheet would run is quoted; spreadsheet_safe=False writes it raw."""
    from kpi_scorecard import Measure, Observation  # noqa: PLC0415 - local to this test

    card = Scorecard(
        title="=HYPERLINK(1)",
        measures=[Measure(reference="A1", title="=cmd|' /C calc'!A0")],
        observations=[Observation(measure_ref="A1", period=Q1, value=5)],
    )
    safe = table.dumps(card).splitlines()
    assert safe[0] == "'=HYPERLINK(1)"
    assert safe[2].split("\t")[2] == "'=cmd|' /C calc'!A0"
    assert table.loads(table.dumps(card, spreadsheet_safe=False)) == card


# --- malformed tables: each a typed error naming its line, column and text ---------------

NO_HEADER = Layout(
    header_rows=0,
    columns=[Column(position=0, role="reference"), Column(position=1, role="value",
                                                            period="2019/20")],
)  # fmt: skip
ROLES = (
    "reference, title, description, group, outcome, department, owner, data_owner, unit, "
    "polarity, frequency, value, year_to_date, target, status, trend, commentary, benchmark, "
    "period, ignore"
)
# (text, options, code, the whole message)
# fmt: off
MALFORMED = [
    (rows("Ref\tAchieved", "A1\t5"), {}, "no_period",
     "line 1, column 'Achieved': a value column whose header names no period; declare it "
     "(Layout period= or the column's period=): 'Achieved'"),  # a value with no period
    (rows("Ref,Q1 2019/20", "A1,5", "A2\t6"), {}, "wrong_delimiter",
     "line 3: a one-cell row holding tabs: the table reads with commas, but is "
     "tab-separated: 'A2\\t6'"),  # tabs in a comma table
    (rows("Ref\tGood is\t2019/20", "A1\tsideways\t5"), {}, "unknown_polarity",
     "line 2, column 'Good is': not a polarity word (one of -, bigger is better, context, "
     "decrease, down, false, high, higher, higher is better, higher_is_better, increase, "
     "less, low, lower, lower is better, lower_is_better, maximise, minimise, more, n, n/a, "
     "neutral, no, none, reduce, smaller is better, tracking, true, up, y, yes, ↑, ↓): "
     "'sideways'"),  # not a polarity word
    (rows("Measure\tPeriod\tValue", "Visits\tQ1 2019/20\t5", "Visits\tQuarter 1 2019/20\t6"),
     {}, "duplicate_observation",
     "line 3, column 'Period': visits already has a row for Q1 2019/20 on line 2: "
     "'Q1 2019/20'"),  # one period twice, written differently
    (rows("Ref\tMeasure\tPeriod\tValue", "A1\tVisits\tQ1 2019/20\t5",
          "A1\tCalls\tQ2 2019/20\t6"), {}, "inconsistent_measure",
     "line 3, column 'Measure': the measure's rows disagree about it: 'A1'"),  # two titles
    (rows("Ref\tPeriod\tValue\tTarget 2019/20", "A1\tQ1 2019/20\t5\t<6",
          "A1\tQ2 2019/20\t6\t<7"), {}, "inconsistent_target",
     "line 3, column 'Target 2019/20': another row sets a different target for 2019/20: "
     "'<7'"),  # two annual targets
    (rows("Ref\tPeriod\tValue\tTarget", "A1\tQ1 2019/20\t\t<6", "A1\tQ1 2019/20\t5\t<7"), {},
     "inconsistent_target",
     "line 3, column 'Target': another row sets a different target for Q1 2019/20: "
     "'<7'"),  # the row period's target column, two targets for one quarter
    (rows("Ref\tPeriod\tValue", "A1\t\t5"), {}, "missing_period",
     "line 2, column 'Period': no period: ''"),  # a long-form row without its period
    (rows("Ref\tPeriod\tValue", "A1\tQ5 2019/20\t5"), {}, "bad_quarter",
     "line 2, column 'Period': a financial year has quarters 1 to 4: 'Q5 2019/20'"),  # Q5
    (rows("Ref\tUnit\t2019/20", "A1\tbananas\t5"), {}, "unknown_unit",
     "line 2, column 'Unit': unknown unit 'bananas': 'bananas'"),  # not a unit
    (rows("Ref\tUnit\t2019/20", "A1\tdays\t5%"), {}, "unit_mismatch",
     "line 2, column '2019/20': a percentage, but the measure is in day: '5%'"),  # % on days
    (rows("Title", "Ref\t2019/20", "A1\t5"), {"layout": Layout(title=9)}, "no_title_line",
     "the layout's title line is not in the preamble: '9'"),  # no line 9 before the header
    (rows("Ref\tColour", "A1\tred"), {}, "unknown_column",
     f"line 1, column 'Colour': unknown column header; declare its role in a Layout (one "
     f"of {ROLES}): 'Colour'"),  # the roles it could be given
    (rows("Ref\tWait 2019/20 (days)", "A1\t5"), {}, "unknown_column",
     f"line 1, column 'Wait 2019/20 (days)': unknown column header; declare its role in a "
     f"Layout (one of {ROLES}): 'Wait 2019/20 (days)'"),  # a unit after an unknown header
    (rows("Ref\tQ1\x852019/20", "A1\t5"), {}, "control_character",
     "line 1, column 'Q1\\x852019/20': control character at position 2: "
     "'Q1\\x852019/20'"),  # NEL, a line break to str.splitlines
    (rows("Measure\t2019/20", "***\t5"), {}, "missing_reference",
     "line 2, column 'Measure': no reference column, and no title to derive a reference "
     "from: '*'"),  # a title with no letters
    (rows("Ref\tQ1 target", "A1\t5"), {}, "unknown_target_period",
     "line 1, column 'Q1 target': the header names a quarter but no year, and there is no "
     "period column: 'Q1 target'"),  # which year's Q1?
    (rows("Performance Indicator\t2023 - 24", "Re-lets\t5", "Performance Indicator\t2021 - 22",
          "Repairs\t6"), {}, "header_mismatch",
     "line 3, column '2023 - 24': a repeated header row differs from the header row on "
     "line 1: '2021 - 22'"),  # a repeat that is another year
    (rows("Ref\t2019/20", "A1\t5"), {"as_of": "Q9 2019/20"}, "bad_quarter",
     "column 'as_of': a financial year has quarters 1 to 4: 'Q9 2019/20'"),  # a bad as_of
    (rows("Ref\tYTD 2019/20", "A1\t5-7"), {}, "bad_value",
     "line 2, column 'YTD 2019/20': a year-to-date figure is one number: '5-7'"),  # a band
    (rows("Ref\tQ1 2019/20\tYTD Q1 2019/20", "A1\t5\tlots"), {}, "bad_value",
     "line 2, column 'YTD Q1 2019/20': not a figure kpi_scorecard can read: 'lots'"),  # a word
    (rows("A1\t5\tstray"), {"layout": NO_HEADER}, "ragged_row",
     "line 1: row has 3 cells but the layout declares 2: 'stray'"),  # past the declared
    (rows("Ref\tAchieved", "A1\t5"), {"layout": Layout(period="Quarter 9 2019/20")},
     "bad_quarter",
     "column 'period': a financial year has quarters 1 to 4: 'Quarter 9 2019/20'"),  # layout
    (rows("Ref\tScore", "A1\t5"),
     {"layout": Layout(columns=[Column(header="Score", role="value", period="Last quarter")])},
     "no_as_of",
     "line 1, column 'Score': 'Last quarter' names a period relative to the report; pass "
     "as_of=, the period the report is for: 'Score'"),  # a declared relative period
    (rows("Ref\tThis quarter\tQ2 2019/20", "A1\t5\t6"), {"as_of": "Q2 2019/20"},
     "duplicate_column",
     "line 1, column 'Q2 2019/20': the same column as 'This quarter': 'Q2 2019/20'"),  # twice
    (rows("Ref\tQ1 2019/20\tTarget 2019/20", "A1\t5\t<5 mph"),
     {"measures": {"A1": {"unit": "km/h"}}},
     "unsupported_unit",
     "line 2, column 'Target 2019/20': A1: target '<5 mile_per_hour' would be converted to "
     "kilometer / hour, which a target cannot be written in; write the target as a bare "
     "figure in kilometer / hour: '<5 mph'"),  # a pydantic error, typed
    # notations of value cells, each refused where it stands
    (rows("Ref\t2023/24", "A1\t3.5m"), {}, "ambiguous_unit",
     "line 2, column '2023/24': 'm' after a figure could be metres or million; write "
     "'metres' or 'million': '3.5m'"),  # metres or million
    (rows("Ref\t2023/24", "A1\tEst 34 (p)"), {}, "bad_marker",
     "line 2, column '2023/24': a figure has one status mark: 'Est 34 (p)'"),  # not a footnote
    (rows("Ref\t2023/24", "A1\t£5 days"), {}, "mixed_units",
     "line 2, column '2023/24': a figure has one unit, not '£' and 'days': '£5 days'"),  # two
    (rows("Ref\t2023/24", "A1\t20% percent"), {}, "mixed_units",
     "line 2, column '2023/24': a percentage written twice: '20% percent'"),  # twice
    (rows("Ref\t2023/24", "A1\t99-97"), {}, "reversed_band",
     "line 2, column '2023/24': a band runs from low to high: '99-97'"),  # high to low
    (rows("Ref\t2023/24", "A1\t£1m-£2m"), {}, "bad_value",
     "line 2, column '2023/24': not a figure kpi_scorecard can read: '£1m-£2m'"),  # scaled band
    (rows("Ref\t2023/24", "A1\t5 sq m"), {}, "unsupported_unit",
     "line 2, column '2023/24': unit 'sq m' is 'meter ** 2', which a value cannot be written "
     "in: '5 sq m'"),  # an area
    (rows("Ref\t2023/24", "A1\t1 yes_no"), {}, "bad_yes_no",
     "line 2, column '2023/24': a yes/no figure is written 'Yes' or 'No', not as a number: "
     "'1 yes_no'"),  # the unit's name
    (rows("Ref\t2023/24\t2022/23", "A1\tYes\t5"), {}, "mixed_units",
     "line 2, column '2022/23': a number in a row of Yes/No answers; write Yes or No: "
     "'5'"),  # a count beside an answer
    (rows("Ref\tQ1 2019/20\tYTD Q1 2019/20", "A1\tYes\tYes"), {}, "bad_yes_no",
     "line 2, column 'YTD Q1 2019/20': a yes/no answer has no year-to-date figure: "
     "'Yes'"),  # answers do not add up
    (rows("Ref\t2023/24 (%)", "TP01\t71 days"), {}, "unit_mismatch",
     "line 2, column '2023/24 (%)': a figure in day, but the measure is in percent: "
     "'71 days'"),  # days under a percentage header
    (rows("Ref\tQ1 2019/20\tYTD Q1 2019/20", "A1\t5\t5 [q]"), {}, "bad_marker",
     "line 2, column 'YTD Q1 2019/20': unknown status marker [q]: '5 [q]'"),  # not GSS
    # notations of targets
    (rows("Ref\t2023/24\tTarget 2023/24", "A1\t5\t2000-1700"), {}, "reversed_range",
     "line 2, column 'Target 2023/24': a range runs from low to high: '2000-1700'"),
    (rows("Ref\t2023/24\tTarget 2023/24", "A1\t5\t0 per qtr"), {}, "bad_change",
     "line 2, column 'Target 2023/24': a change target is a positive amount; polarity gives "
     "its direction: '0 per qtr'"),  # no change
    (rows("Ref\t2023/24\tTarget 2023/24", "A1\t5\t1 week-2 day"), {}, "mixed_units",
     "line 2, column 'Target 2023/24': the two ends of a range are in different units: "
     "'1 week-2 day'"),  # weeks and days
    (rows("Ref\t2023/24\tTarget 2023/24", "A1\t5\t12 bananas"), {}, "unknown_unit",
     "line 2, column 'Target 2023/24': unknown unit 'bananas': '12 bananas'"),  # not a unit
    (rows("Ref\t2023/24\tTarget 2023/24", "A1\t5\t2022/23: 90%; 2022/23: 92%"), {},
     "schedule_order",
     "line 2, column 'Target 2023/24': the periods of a schedule run in order without "
     "overlapping: 2022/23 after 2022/23: '2022/23: 90%; 2022/23: 92%'"),  # a year twice
    (rows("Ref\t2023/24\tTarget 2023/24", "A1\tYes\t1 yes_no"), {}, "bad_yes_no",
     "line 2, column 'Target 2023/24': a yes/no target is written 'Yes' or 'No', not as a "
     "number: '1 yes_no'"),  # the unit's name
    (rows("Ref\t2023/24\tTarget 2023/24", "A1\t5\t90% (2022-23"), {},
     "unbalanced_brackets",
     "line 2, column 'Target 2023/24': unbalanced brackets in a target: '90% (2022-23'"),
    (rows("Ref\tMeasure\tQ1 2019/20\t", "\t\tValue\tTarget", "A1\tReferrals\t5\t<<6"),
     {"layout": Layout(header_rows=2)}, "unknown_target",
     "line 3, column 'Q1 2019/20 Target': not a target notation kpi_scorecard knows: "
     "'<<6'"),  # under two header rows, the column is both rows' text
    # notations of periods in a long table
    (rows("Measure\tPeriod\tValue", "Visits\tQtr 5 2022-23\t5"), {}, "bad_quarter",
     "line 2, column 'Period': a financial year has quarters 1 to 4: 'Qtr 5 2022-23'"),
    (rows("Measure\tPeriod\tValue", "Visits\tSept 20222\t5"), {}, "unknown_period",
     "line 2, column 'Period': not a period label kpi_scorecard knows: 'Sept 20222'"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "options", "code", "message"),
    MALFORMED,
    ids=[f"{case[2]}-{index}" for index, case in enumerate(MALFORMED)],
)
def test_malformed_strict(text, options, code, message):
    """Strict reading raises a TableError with its code and whole message."""
    with pytest.raises(TableError) as caught:
        table.loads(text, **options)
    assert (caught.value.code, str(caught.value)) == (code, message)


@pytest.mark.parametrize(
    ("text", "options", "code", "message"),
    MALFORMED,
    ids=[f"{case[2]}-{index}" for index, case in enumerate(MALFORMED)],
)
def test_malformed_lenient(text, options, code, message):
    """Lenient reading reports the same error, and every row read is accounted for."""
    layout = options.get("layout")
    if (code == "bad_quarter" and "as_of" in options) or (layout and layout.period):
        with pytest.raises(TableError, match="quarters 1 to 4"):  # an argument, not a row
            table.loads(text, lenient=True, **options)
        return
    result = table.loads(text, lenient=True, **options)
    assert message in [str(error) for error in result.errors]
    assert result.rows_read == result.rows_kept + result.rows_rejected


def test_lenient_counts_add_up_with_sections_footnotes_and_bad_rows():
    """Every line is a header, a section, a kept or rejected row, a footnote or the footer."""
    text = rows(
        "Housing scorecard",  # 1: the title
        "Ref\tMeasure\t2023/24\tTarget 2023/24",  # 2: the header
        "Lettings and voids",  # 3: a section (words: a lone code would be a measure)
        "L1\tRe-lets*\t343\t400",  # 4: kept, citing footnote *
        "L2\tDays to re-let\tlots\t28",  # 5: rejected, bad value
        "",  # 6: blank
        "\tRepairs",  # 7: a section, in the title column
        "Ref\tMeasure\t2023/24\tTarget 2023/24",  # 8: the header repeated
        "R1\tRepairs on time\t90.3%\t<<95%",  # 9: rejected, bad target
        "R2\tEmergency repairs\t3042\t3000",  # 10: kept
        "L1\tRe-lets again\t5\t6",  # 11: rejected, duplicate reference
        "* Includes mutual exchanges.",  # 12: a footnote
        "Page 3 of 9",  # 13: the footer
    )
    result = table.loads(text, layout=Layout(skip_footer=1), lenient=True)
    assert (result.rows_read, result.rows_kept, result.rows_rejected) == (5, 2, 3)
    assert result.rows_read == result.rows_kept + result.rows_rejected
    assert (result.section_lines, result.footnote_lines, result.footer_lines) == (
        (3, 7),
        (12,),
        (13,),
    )
    assert [(e.code, e.line) for e in result.errors] == [
        ("bad_value", 5), ("unknown_target", 9), ("duplicate_reference", 11),
    ]  # fmt: skip
    card = result.scorecard
    assert [(m.reference, m.portfolio, m.notes) for m in card.measures] == [
        ("L1", "Lettings and voids", "* Includes mutual exchanges."),
        ("R2", "Repairs", ""),
    ]
    data_lines = {4, 10} | set(result.rejected_lines)
    other = {1, 2, 6, 8} | set(result.section_lines + result.footnote_lines + result.footer_lines)
    assert data_lines.isdisjoint(other)
    assert data_lines | other == set(range(1, 14))
    assert result.accounted


def test_the_malformed_tables_are_enough():
    """At least 40 malformed tables whose message names the line and column and quotes the text."""
    located = [m for _, _, _, m in MALFORMED if re.match(r"line \d+, column '.*': .*'$", m, re.S)]
    assert len(located) >= 40
