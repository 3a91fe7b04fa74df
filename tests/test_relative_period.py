import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kpi_scorecard import (
    Calendar,
    CalendarError,
    Period,
    PeriodKind,
    PeriodParseError,
    RelativePeriod,
    Term,
)
from strategies import calendars, periods_in, relative_periods

D = dt.date
UK = Calendar()
AU = Calendar(year_start_month=7)
TERMS = Calendar(
    terms=(
        Term(name="Autumn", start=D(2018, 9, 3), end=D(2018, 12, 19)),
        Term(name="Spring", start=D(2019, 1, 7), end=D(2019, 4, 5)),
    )
)

# text, unit, shift, canonical label
READS = [
    ("This quarter", "quarter", "this", "This quarter"),  # canonical
    ("Current quarter", "quarter", "this", "This quarter"),  # "current"
    ("current qtr", "quarter", "this", "This quarter"),  # "qtr"
    ("Last quarter", "quarter", "previous", "Last quarter"),  # canonical
    ("Previous quarter", "quarter", "previous", "Last quarter"),  # "previous"
    ("Prior Qtr", "quarter", "previous", "Last quarter"),  # "prior"
    ("Same quarter last year", "quarter", "last_year", "Same quarter last year"),  # canonical
    ("same qtr previous year", "quarter", "last_year", "Same quarter last year"),  # other words
    ("Current", "period", "this", "This period"),  # a column headed "Current"
    ("Current period", "period", "this", "This period"),  # in full
    ("This period", "period", "this", "This period"),  # canonical
    ("Previous period", "period", "previous", "Previous period"),  # canonical
    ("Last period", "period", "previous", "Previous period"),  # "last"
    ("Same period last year", "period", "last_year", "Same period last year"),  # canonical
    ("Same period prior year", "period", "last_year", "Same period last year"),  # "prior"
    ("This month", "month", "this", "This month"),  # canonical
    ("Current month", "month", "this", "This month"),  # "current"
    ("Last month", "month", "previous", "Last month"),  # canonical
    ("Same month last year", "month", "last_year", "Same month last year"),  # canonical
    ("This year", "year", "this", "This year"),  # canonical
    ("Current financial year", "year", "this", "This year"),  # in words
    ("Last year", "year", "previous", "Last year"),  # canonical
    ("Previous financial year", "year", "previous", "Last year"),  # in words
    ("Prior yr", "year", "previous", "Last year"),  # "yr"
    ("YTD", "year_to_date", "this", "Year to date"),  # abbreviation
    ("Year to date", "year_to_date", "this", "Year to date"),  # canonical
    ("year-to-date", "year_to_date", "this", "Year to date"),  # hyphens
    ("Financial year to date", "year_to_date", "this", "Year to date"),  # in words
    ("FYTD", "year_to_date", "this", "Year to date"),  # financial year to date
    ("YTD last year", "year_to_date", "last_year", "Year to date last year"),  # comparison
    ("Previous year to date", "year_to_date", "last_year", "Year to date last year"),  # words
    ("  last   QUARTER ", "quarter", "previous", "Last quarter"),  # spaces and case
]


@pytest.mark.parametrize(("text", "unit", "shift", "label"), READS)
def test_parse_reads_relative_labels(text, unit, shift, label):
    """Each relative label reads to its unit and shift, and writes its canonical label."""
    relative = RelativePeriod.parse(text)
    assert (relative.unit, relative.shift) == (unit, shift)
    assert str(relative) == label
    assert RelativePeriod.parse(label) == relative


# relative label, the report's period, calendar, canonical label of the period it names
RESOLVES = [
    ("This quarter", "Q1 2019/20", UK, "Q1 2019/20"),  # the quarter itself
    ("This quarter", "May 2019", UK, "Q1 2019/20"),  # the quarter holding a month
    ("This quarter", "2019/20", UK, "Q4 2019/20"),  # the quarter holding a year's last day
    ("Last quarter", "Q1 2019/20", UK, "Q4 2018/19"),  # into the year before
    ("Last quarter", "As at 15/05/2019", UK, "Q4 2018/19"),  # before the day's quarter
    ("Same quarter last year", "Q3 2019/20", UK, "Q3 2018/19"),  # a year back
    ("This quarter", "Q1 2019/20", AU, "Q1 2019/20"),  # a July year: July to September
    ("Current", "March 2020", UK, "March 2020"),  # the report's own period
    ("Previous period", "March 2020", UK, "February 2020"),  # the one before
    ("Previous period", "2019/20", UK, "2018/19"),  # of a year
    ("Same period last year", "Q2 2019/20", UK, "Q2 2018/19"),  # a year back
    ("Same period last year", "As at 29/02/2020", UK, "As at 28/02/2019"),  # leap day
    ("This month", "Q1 2019/20", UK, "June 2019"),  # the month holding the last day
    ("Last month", "As at 15/05/2019", UK, "April 2019"),  # the month before
    ("Same month last year", "March 2020", UK, "March 2019"),  # a year back
    ("This year", "Q4 2019/20", UK, "2019/20"),  # the financial year
    ("Last year", "April 2019", UK, "2018/19"),  # the financial year before
    ("Last year", "June 2019", AU, "2017/18"),  # a July year
    ("YTD", "Q1 2019/20", UK, "Q1 2019/20"),  # the first quarter is the year so far
    ("YTD", "Q2 2019/20", UK, "01/04/2019 - 30/09/2019"),  # half a year: its days
    ("YTD", "Q4 2019/20", UK, "2019/20"),  # the whole year
    ("YTD", "March 2020", UK, "2019/20"),  # the last month: the whole year
    ("YTD", "April 2019", UK, "April 2019"),  # the first month
    ("YTD", "As at 15/05/2019", UK, "01/04/2019 - 15/05/2019"),  # to a day
    ("YTD", "Q2 2019/20", AU, "01/07/2019 - 31/12/2019"),  # a July year
    ("Year to date last year", "Q2 2019/20", UK, "01/04/2018 - 30/09/2018"),  # a year back
    ("Year to date last year", "As at 29/02/2020", UK, "01/04/2018 - 28/02/2019"),  # leap day
    ("Year to date last year", "Spring term 2019", TERMS,
     "01/04/2018 - 05/04/2018"),  # a term, ending in April, with no namesake a year before
]  # fmt: skip


@pytest.mark.parametrize(("text", "as_of", "calendar", "label"), RESOLVES)
def test_resolve_names_a_period_of_the_report(text, as_of, calendar, label):
    """A relative label resolves, against the report's period, to the period it names."""
    report = Period.parse(as_of, calendar=calendar)
    period = RelativePeriod.parse(text).resolve(report)
    assert str(period) == label
    assert period.calendar == calendar


def test_year_to_date_chooses_the_kind_its_days_make():
    """The year to date is a quarter, a year or a month when its days are one, else a range."""
    resolve = RelativePeriod.parse("YTD").resolve
    assert resolve(Period.parse("Q1 2019/20")).kind is PeriodKind.FINANCIAL_QUARTER
    assert resolve(Period.parse("Q4 2019/20")).kind is PeriodKind.FINANCIAL_YEAR
    assert resolve(Period.parse("April 2019")).kind is PeriodKind.MONTH
    assert resolve(Period.parse("Q3 2019/20")).kind is PeriodKind.DATE_RANGE


# text, code, the whole message
# fmt: off
MALFORMED = [
    ("Next quarter", "unknown_period",
     "not a relative period kpi_scorecard knows: 'Next quarter'"),  # the future is no column
    ("Q1 2019/20", "unknown_period",
     "not a relative period kpi_scorecard knows: 'Q1 2019/20'"),  # a period, not a relative one
    ("Same year last year", "unknown_period",
     "not a relative period kpi_scorecard knows: 'Same year last year'"),  # that is last year
    ("Latest", "unknown_period",
     "not a relative period kpi_scorecard knows: 'Latest'"),  # the latest figure, not a period
    ("", "empty_period", "a period label is empty: ''"),  # empty
    ("Last\x00 quarter", "control_character",
     "control character in a period label: 'Last\\x00 quarter' (at position 4)"),  # NUL
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "message"), MALFORMED)
def test_parse_refuses_what_is_not_a_relative_period(text, code, message):
    """Text that is not a relative period raises PeriodParseError, saying why in full."""
    with pytest.raises(PeriodParseError) as caught:
        RelativePeriod.parse(text)
    assert caught.value.code == code
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "value", [b"YTD", None, 3, 2.5], ids=["bytes", "None", "int", "float"]
)  # fmt: skip
def test_parse_refuses_what_is_not_text(value):
    """RelativePeriod.parse given bytes, None or a number raises PeriodParseError naming it."""
    with pytest.raises(PeriodParseError) as caught:
        RelativePeriod.parse(value)
    kind = "None" if value is None else type(value).__name__
    assert caught.value.code == "not_text"
    assert str(caught.value) == f"a relative period label must be text, not {kind}: {value!r}"


@pytest.mark.parametrize(
    ("unit", "shift", "message"),
    [
        ("year", "last_year",
         "a relative year has the shift 'this' or 'previous', not 'last_year'"),  # last year
        ("year_to_date", "previous",
         "a relative year_to_date has the shift 'this' or 'last_year', not 'previous'"),  # none
    ],
)  # fmt: skip
def test_a_shift_with_two_names_is_refused(unit, shift, message):
    """Last year's year is last year, and the year to date has no previous: one name each."""
    with pytest.raises(ValidationError) as caught:
        RelativePeriod(unit=unit, shift=shift)
    assert caught.value.errors()[0]["msg"] == f"Value error, {message}"


def test_relative_period_is_frozen():
    """A relative period cannot be changed once built."""
    relative = RelativePeriod.parse("Last quarter")
    with pytest.raises(ValidationError):
        relative.shift = "this"


def test_resolve_out_of_the_years_is_a_calendar_error():
    """Resolving to a period before the year 1000 raises CalendarError stating the limit."""
    with pytest.raises(CalendarError) as caught:
        RelativePeriod.parse("Last month").resolve(Period.parse("January 1000"))
    assert caught.value.code == "year_out_of_range"
    assert str(caught.value) == (
        "the period before 'January 1000' falls outside the years 1000 to 9999 "
        "that a period may cover"
    )


# --- properties -----------------------------------------------------------------------------


@given(relative_periods)
def test_label_round_trip(relative):
    """Reading a relative period's label gives the same relative period back."""
    assert RelativePeriod.parse(str(relative)) == relative


@given(relative_periods, calendars.flatmap(periods_in))
def test_resolve_agrees_with_navigation(relative, as_of):
    """Resolving is the period's own navigation: previous() and same_period_last_year()."""
    if relative.unit == "year_to_date":
        return
    this = RelativePeriod(unit=relative.unit).resolve(as_of)
    resolved = relative.resolve(as_of)
    if relative.shift == "this":
        assert resolved == this
    elif relative.shift == "previous":
        assert resolved == this.previous()
    else:
        assert resolved == this.same_period_last_year()
    assert resolved.calendar == as_of.calendar


@given(calendars.flatmap(periods_in))
def test_year_to_date_runs_from_the_year_start_to_the_report(as_of):
    """The year to date starts on the first day of as_of's financial year and ends with it."""
    ytd = RelativePeriod(unit="year_to_date").resolve(as_of)
    assert ytd.start == as_of.in_financial_year().start
    assert ytd.end == as_of.end
    assert Period.parse(str(ytd), calendar=as_of.calendar) == ytd


@given(st.sampled_from(["This month", "This quarter", "This year"]), calendars.flatmap(periods_in))
def test_this_unit_holds_the_last_day(text, as_of):
    """This month, quarter and year are the ones holding the report's last day."""
    period = RelativePeriod.parse(text).resolve(as_of)
    assert period.start <= as_of.end <= period.end
