import datetime as dt
import operator
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import (
    Calendar,
    CalendarError,
    KpiScorecardError,
    ParseError,
    Period,
    PeriodKind,
    PeriodParseError,
    Term,
)
from strategies import (
    NAMED_CALENDARS,
    calendars,
    days,
    periods,
    periods_in,
    term_names,
    years,
)

D = dt.date
UK = Calendar()
JULY = Calendar(year_start_month=7)
OCTOBER = Calendar(year_start_month=10)
JANUARY = Calendar(year_start_month=1)
TERMS = Calendar(
    terms=(
        Term(name="Summer", start=D(2018, 4, 16), end=D(2018, 7, 20)),
        Term(name="Autumn", start=D(2018, 9, 3), end=D(2018, 12, 19)),
        Term(name="Spring", start=D(2019, 1, 7), end=D(2019, 4, 5)),
        Term(name="Summer", start=D(2019, 4, 23), end=D(2019, 7, 23)),
    )
)

# Calendars and kinds are abbreviated so that each case fits on one line.
AU, US, CY, TM = JULY, OCTOBER, JANUARY, TERMS  # Australian, US federal, calendar-year, terms
FY = PeriodKind.FINANCIAL_YEAR
FQ = PeriodKind.FINANCIAL_QUARTER
MO = PeriodKind.MONTH
AY = PeriodKind.ACADEMIC_YEAR
TE = PeriodKind.TERM
RO = PeriodKind.ROLLING
SN = PeriodKind.SNAPSHOT
DR = PeriodKind.DATE_RANGE

# text, calendar, kind, first day, last day
READS = [
    ("Quarter 1 2019/20", UK, FQ, "2019-04-01", "2019-06-30"),  # scorecard header
    ("Quarter 4 2018/19", UK, FQ, "2019-01-01", "2019-03-31"),  # scorecard header
    ("Q1 2019/20", UK, FQ, "2019-04-01", "2019-06-30"),  # short quarter
    ("Q2 2019/20", UK, FQ, "2019-07-01", "2019-09-30"),  # second quarter
    ("Qtr 4 2019/20", UK, FQ, "2020-01-01", "2020-03-31"),  # "Qtr", last quarter of the year
    ("2019/20 Q3", UK, FQ, "2019-10-01", "2019-12-31"),  # year before quarter
    ("Year end 2018/19", UK, FY, "2018-04-01", "2019-03-31"),  # scorecard header
    ("2019/20", UK, FY, "2019-04-01", "2020-03-31"),  # slash
    ("2019-20", UK, FY, "2019-04-01", "2020-03-31"),  # hyphen
    ("2019/2020", UK, FY, "2019-04-01", "2020-03-31"),  # four-digit end year
    ("FY2019/20", UK, FY, "2019-04-01", "2020-03-31"),  # FY prefix
    ("Financial year 2019/20", UK, FY, "2019-04-01", "2020-03-31"),  # in words
    ("1999/00", UK, FY, "1999-04-01", "2000-03-31"),  # across the century
    ("April 2019", UK, MO, "2019-04-01", "2019-04-30"),  # full month name
    ("Apr-19", UK, MO, "2019-04-01", "2019-04-30"),  # spreadsheet style
    ("Sept 2019", UK, MO, "2019-09-01", "2019-09-30"),  # "Sept"
    ("February 2020", UK, MO, "2020-02-01", "2020-02-29"),  # leap February
    ("2019-Q1", UK, FQ, "2019-04-01", "2019-06-30"),  # SDMX quarter, April year
    ("2019-A1", UK, FY, "2019-04-01", "2020-03-31"),  # SDMX year, April year
    ("2019-M01", UK, MO, "2019-04-01", "2019-04-30"),  # SDMX month, April year
    ("2019-M12", UK, MO, "2020-03-01", "2020-03-31"),  # SDMX last month, April year
    ("2019-Q1", AU, FQ, "2019-07-01", "2019-09-30"),  # SDMX quarter, July year
    ("2019-A1", AU, FY, "2019-07-01", "2020-06-30"),  # SDMX year, July year
    ("2019-M01", AU, MO, "2019-07-01", "2019-07-31"),  # SDMX month, July year
    ("2019-M12", AU, MO, "2020-06-01", "2020-06-30"),  # SDMX last month, July year
    ("2019-Q1", US, FQ, "2019-10-01", "2019-12-31"),  # SDMX quarter, October year
    ("2019-A1", US, FY, "2019-10-01", "2020-09-30"),  # SDMX year, October year
    ("2019-M01", US, MO, "2019-10-01", "2019-10-31"),  # SDMX month, October year
    ("2019-Q1", CY, FQ, "2019-01-01", "2019-03-31"),  # SDMX quarter, calendar year
    ("2019-A1", CY, FY, "2019-01-01", "2019-12-31"),  # SDMX year, calendar year
    ("2019-M01", CY, MO, "2019-01-01", "2019-01-31"),  # SDMX month, calendar year
    ("2019", CY, FY, "2019-01-01", "2019-12-31"),  # bare year, calendar year
    ("Q4 2019", CY, FQ, "2019-10-01", "2019-12-31"),  # quarter of a calendar year
    ("Q1 2019/20", AU, FQ, "2019-07-01", "2019-09-30"),  # UK-style label, July year
    ("Academic year 2019/20", UK, AY, "2019-09-01", "2020-08-31"),  # academic year
    ("AY 2018/19", UK, AY, "2018-09-01", "2019-08-31"),  # "AY"
    ("1/7/18 - 30/6/19", UK, DR, "2018-07-01", "2019-06-30"),  # scorecard commentary, day first
    ("01/07/2018 to 30/06/2019", UK, DR, "2018-07-01", "2019-06-30"),  # "to", day first
    ("2018-07-01/P365D", UK, DR, "2018-07-01", "2019-06-30"),  # SDMX time range
    ("Summer term 2019", TM, TE, "2019-04-23", "2019-07-23"),  # term dates from the calendar
    ("summer TERM 2019", TM, TE, "2019-04-23", "2019-07-23"),  # any case
    ("Rolling 12 months to 30/06/2019", UK, RO, "2018-07-01", "2019-06-30"),  # rolling year
    ("12 months to 30/6/19", UK, RO, "2018-07-01", "2019-06-30"),  # without "Rolling"
    ("Rolling year to 31/03/2019", UK, RO, "2018-04-01", "2019-03-31"),  # "year to"
    ("rolling 1/7/18 - 30/6/19", UK, RO, "2018-07-01", "2019-06-30"),  # rolling, by its days
    ("Rolling 3 months to 31/03/2020", UK, RO, "2020-01-01", "2020-03-31"),  # rolling quarter
    ("Rolling 1 months to 30/03/2019", UK, RO, "2019-02-28", "2019-03-30"),  # back from 31 March
    ("As at 30/06/2019", UK, SN, "2019-06-30", "2019-06-30"),  # snapshot
    ("as of 31/03/2019", UK, SN, "2019-03-31", "2019-03-31"),  # "as of"
    ("Snapshot at 2019-03-31", UK, SN, "2019-03-31", "2019-03-31"),  # ISO day
    ("31 March 2019", UK, SN, "2019-03-31", "2019-03-31"),  # day in words
]


@pytest.mark.parametrize(("text", "calendar", "kind", "start", "end"), READS)
def test_parse_reads_real_notations(text, calendar, kind, start, end):
    """Each notation reads to the right kind of period, from the right first to last day."""
    period = Period.parse(text, calendar=calendar)
    assert period.kind is kind
    assert period.start == D.fromisoformat(start)
    assert period.end == D.fromisoformat(end)


# text, calendar, canonical label
LABELS = [
    ("Quarter 1 2019/20", UK, "Q1 2019/20"),  # scorecard header
    ("2019/20 Q3", UK, "Q3 2019/20"),  # year before quarter
    ("Year end 2018/19", UK, "2018/19"),  # scorecard header
    ("2019-20", UK, "2019/20"),  # hyphen
    ("2019/2020", UK, "2019/20"),  # four-digit end year
    ("FY2019/20", UK, "2019/20"),  # FY prefix
    ("1999/00", UK, "1999/00"),  # across the century
    ("Apr-19", UK, "April 2019"),  # spreadsheet style
    ("Sept 2019", UK, "September 2019"),  # "Sept"
    ("2019-Q1", UK, "Q1 2019/20"),  # SDMX quarter, April year
    ("2019-M01", AU, "July 2019"),  # SDMX month, July year
    ("2019-M12", AU, "June 2020"),  # SDMX last month, July year
    ("2019-M01", US, "October 2019"),  # SDMX month, October year
    ("2019-A1", AU, "2019/20"),  # a July year is a span too
    ("2019-A1", CY, "2019"),  # a calendar year is a single year
    ("2019-Q1", CY, "Q1 2019"),  # quarter of a calendar year
    ("AY 2018/19", UK, "Academic year 2018/19"),  # "AY"
    ("1/7/18 - 30/6/19", UK, "01/07/2018 - 30/06/2019"),  # two-digit years and days
    ("2018-07-01/P365D", UK, "01/07/2018 - 30/06/2019"),  # SDMX time range
    ("summer TERM 2019", TM, "Summer term 2019"),  # the calendar's spelling of the name
    ("12 months to 30/6/19", UK, "Rolling 12 months to 30/06/2019"),  # without "Rolling"
    ("Rolling year to 31/03/2019", UK, "Rolling 12 months to 31/03/2019"),  # "year to"
    ("rolling 1/7/18 - 30/6/19", UK, "Rolling 12 months to 30/06/2019"),  # by its days
    ("as of 31/03/2019", UK, "As at 31/03/2019"),  # "as of"
    ("31 March 2019", UK, "As at 31/03/2019"),  # day in words
    ("As at 31/12/68", UK, "As at 31/12/2068"),  # two-digit years 00-68 are the 2000s
    ("As at 1/1/69", UK, "As at 01/01/1969"),  # 69-99 are the 1900s (POSIX)
    ("As at 31/3/99", UK, "As at 31/03/1999"),  # the last of the 1900s
    ("Mar 99", CY, "March 1999"),  # a month with a two-digit year
    ("19/20", UK, "2019/20"),  # a span of two two-digit years
    ("2019-2020", UK, "2019/20"),  # a span of two four-digit years
    ("2019-01-01/P1D", UK, "01/01/2019 - 01/01/2019"),  # ISO range of one day
]


@pytest.mark.parametrize(("text", "calendar", "label"), LABELS)
def test_canonical_label(text, calendar, label):
    """Each notation is written back in the canonical label, which reads to the same period."""
    period = Period.parse(text, calendar=calendar)
    assert str(period) == label
    assert Period.parse(label, calendar=calendar) == period


# text, calendar, SDMX time period
SDMX_IDS = [
    ("Quarter 1 2019/20", UK, "2019-Q1"),  # quarter
    ("Quarter 4 2018/19", UK, "2018-Q4"),  # last quarter, in the next calendar year
    ("Year end 2018/19", UK, "2018-A1"),  # year
    ("April 2019", UK, "2019-M01"),  # first month of an April year
    ("February 2020", UK, "2019-M11"),  # eleventh month
    ("Q1 2019/20", AU, "2019-Q1"),  # July year quarter
    ("June 2020", AU, "2019-M12"),  # last month of a July year
    ("October 2019", US, "2019-M01"),  # first month of an October year
    ("2019", CY, "2019-A1"),  # calendar year
    ("Academic year 2019/20", UK, "2019-09-01/P366D"),  # time range, with 29 February
    ("Summer term 2019", TM, "2019-04-23/P92D"),  # term as a time range
    ("Rolling 12 months to 30/06/2019", UK, "2018-07-01/P365D"),  # rolling window
    ("1/7/18 - 30/6/19", UK, "2018-07-01/P365D"),  # date range
    ("As at 30/06/2019", UK, "2019-06-30"),  # snapshot is an ISO day
]


@pytest.mark.parametrize(("text", "calendar", "sdmx_id"), SDMX_IDS)
def test_sdmx_id(text, calendar, sdmx_id):
    """Each period has the SDMX time period of its calendar's reporting year."""
    assert Period.parse(text, calendar=calendar).sdmx_id == sdmx_id


# text, calendar, previous()
PREVIOUS = [
    ("Q1 2019/20", UK, "Q4 2018/19"),  # quarter steps back into the previous year
    ("Q4 2018/19", UK, "Q3 2018/19"),  # quarter in the next calendar year
    ("Year end 2018/19", UK, "2017/18"),  # year
    ("April 2019", UK, "March 2019"),  # month across the year start
    ("January 2020", UK, "December 2019"),  # month across new year
    ("Q1 2019/20", AU, "Q4 2018/19"),  # July year quarter
    ("Q1 2019", CY, "Q4 2018"),  # calendar year quarter
    ("Academic year 2019/20", UK, "Academic year 2018/19"),  # academic year
    ("Summer term 2019", TM, "Spring term 2019"),  # the calendar's previous term
    ("Rolling 12 months to 30/06/2019", UK, "Rolling 12 months to 30/06/2018"),  # rolling year
    ("Rolling 3 months to 31/03/2020", UK, "Rolling 3 months to 31/12/2019"),  # rolling quarter
    ("Rolling 1 months to 29/04/2019", UK, "Rolling 1 months to 29/03/2019"),  # short month before
    ("As at 01/03/2020", UK, "As at 29/02/2020"),  # snapshot steps back one day
    ("1/7/18 - 30/6/19", UK, "01/07/2017 - 30/06/2018"),  # date range steps back its length
    ("01/01/2019 - 10/01/2019", UK, "22/12/2018 - 31/12/2018"),  # ten days
]


@pytest.mark.parametrize(("text", "calendar", "expected"), PREVIOUS)
def test_previous(text, calendar, expected):
    """previous() is the period of the same kind just before."""
    period = Period.parse(text, calendar=calendar)
    before = period.previous()
    assert str(before) == expected
    assert before.kind is period.kind


# text, calendar, same_period_last_year()
LAST_YEAR = [
    ("Q1 2019/20", UK, "Q1 2018/19"),  # quarter
    ("Year end 2018/19", UK, "2017/18"),  # year
    ("April 2019", UK, "April 2018"),  # month
    ("March 2020", UK, "March 2019"),  # last month of the year
    ("June 2020", AU, "June 2019"),  # July year's last month
    ("Q1 2019", CY, "Q1 2018"),  # calendar year quarter
    ("Academic year 2019/20", UK, "Academic year 2018/19"),  # academic year
    ("Summer term 2019", TM, "Summer term 2018"),  # the calendar's term of that name
    ("Rolling 12 months to 30/06/2019", UK, "Rolling 12 months to 30/06/2018"),  # rolling year
    ("Rolling 3 months to 31/03/2020", UK, "Rolling 3 months to 31/03/2019"),  # rolling quarter
    ("As at 29/02/2020", UK, "As at 28/02/2019"),  # leap day
    ("1/7/18 - 30/6/19", UK, "01/07/2017 - 30/06/2018"),  # date range
    ("01/01/2019 - 10/01/2019", UK, "01/01/2018 - 10/01/2018"),  # ten days
]


@pytest.mark.parametrize(("text", "calendar", "expected"), LAST_YEAR)
def test_same_period_last_year(text, calendar, expected):
    """same_period_last_year() is the period of the same kind a year earlier."""
    period = Period.parse(text, calendar=calendar)
    last = period.same_period_last_year()
    assert str(last) == expected
    assert last.kind is period.kind


# text, calendar, in_financial_year()
FINANCIAL_YEAR = [
    ("Q1 2019/20", UK, "2019/20"),  # quarter
    ("Q4 2018/19", UK, "2018/19"),  # last quarter
    ("April 2019", UK, "2019/20"),  # first month
    ("March 2020", UK, "2019/20"),  # last month
    ("June 2020", AU, "2019/20"),  # July year's last month
    ("July 2019", AU, "2019/20"),  # July year's first month
    ("Q1 2019", CY, "2019"),  # calendar year
    ("Academic year 2019/20", UK, "2020/21"),  # ends in August, in the next financial year
    ("Summer term 2019", TM, "2019/20"),  # ends in July
    ("Rolling 12 months to 30/06/2019", UK, "2019/20"),  # ends in June
    ("As at 31/03/2019", UK, "2018/19"),  # last day of a year
    ("1/7/18 - 30/6/19", UK, "2019/20"),  # straddles two years, ends in the second
]


@pytest.mark.parametrize(("text", "calendar", "expected"), FINANCIAL_YEAR)
def test_in_financial_year(text, calendar, expected):
    """in_financial_year() is the financial year in which the period ends."""
    year = Period.parse(text, calendar=calendar).in_financial_year()
    assert str(year) == expected
    assert year.kind is FY


# text, canonical label, first day, last day
ROLLING_BY_DAYS = [
    ("rolling 1/4/19 - 30/6/19", "Rolling 3 months to 30/06/2019",
     "2019-04-01", "2019-06-30"),  # a quarter by its days
    ("rolling 1/1/19 - 30/6/19", "Rolling 6 months to 30/06/2019",
     "2019-01-01", "2019-06-30"),  # half a year by its days
    ("Rolling from 01/10/2019 to 31/12/2019", "Rolling 3 months to 31/12/2019",
     "2019-10-01", "2019-12-31"),  # "from ... to"
    ("rolling 1/3/19 - 29/2/20", "Rolling 12 months to 29/02/2020",
     "2019-03-01", "2020-02-29"),  # a year ending on a leap day
    ("Rolling 3 months from 01/10/2019 to 31/12/2019", "Rolling 3 months to 31/12/2019",
     "2019-10-01", "2019-12-31"),  # length and days that agree
    ("rolling 1 month 1/3/19 - 31/3/19", "Rolling 1 months to 31/03/2019",
     "2019-03-01", "2019-03-31"),  # one month, and days that agree
    ("rolling year 1/7/18 - 30/6/19", "Rolling 12 months to 30/06/2019",
     "2018-07-01", "2019-06-30"),  # "year" and a year of days
    ("Rolling yr from 1/7/18 to 30/6/19", "Rolling 12 months to 30/06/2019",
     "2018-07-01", "2019-06-30"),  # "yr" and a year of days
]  # fmt: skip


@pytest.mark.parametrize(("text", "label", "start", "end"), ROLLING_BY_DAYS)
def test_rolling_window_by_its_days_is_as_long_as_its_days(text, label, start, end):
    """A rolling window written as two days is as many months long as the days cover."""
    period = Period.parse(text)
    assert period.kind is RO
    assert (period.start, period.end) == (D.fromisoformat(start), D.fromisoformat(end))
    assert str(period) == label


# text, calendar, the financial year it ends in, in that calendar
ROLLING_IN_CALENDARS = [
    ("Rolling 12 months to 30/06/2019", JULY, "2018/19"),  # ends a July year
    ("Rolling year to 30/06/2019", JULY, "2018/19"),  # "year to", July year
    ("Rolling 6 months to 31/12/2019", JANUARY, "2019"),  # ends a calendar year
    ("rolling 1/7/18 - 30/6/19", JULY, "2018/19"),  # by its days, July year
    ("rolling 1/7/19 - 31/12/19", JANUARY, "2019"),  # by its days, calendar year
    ("2018-07-01/P365D", JULY, "2018/19"),  # an ISO range is placed in the calendar too
    ("As at 30/06/2019", JULY, "2018/19"),  # and so is a snapshot
    ("1/7/18 - 30/6/19", JULY, "2018/19"),  # and a range of days
    ("June 2019", JULY, "2018/19"),  # and a month: June ends a July year, not an April one
]


@pytest.mark.parametrize(("text", "calendar", "year"), ROLLING_IN_CALENDARS)
def test_rolling_window_is_placed_in_the_calendar_it_is_read_in(text, calendar, year):
    """A window, range or day read in a calendar carries it: its financial year is that one's."""
    period = Period.parse(text, calendar=calendar)
    assert period.calendar == calendar
    assert period.calendar != UK
    assert str(period.in_financial_year()) == year


def test_previous_term_needs_an_earlier_term():
    """The calendar's first term has no previous term, which is a CalendarError."""
    first = Period.parse("Summer term 2018", calendar=TERMS)
    with pytest.raises(CalendarError) as caught:
        first.previous()
    assert caught.value.code == "unknown_term"
    assert str(caught.value) == "the calendar has no term before 'Summer term 2018'"


def test_same_term_last_year_needs_that_term():
    """A term whose namesake a year earlier is not in the calendar raises CalendarError."""
    spring = Period.parse("Spring term 2019", calendar=TERMS)
    with pytest.raises(CalendarError) as caught:
        spring.same_period_last_year()
    assert caught.value.code == "unknown_term"
    assert str(caught.value) == "the calendar has no Spring term in 2018"


def test_term_constructor_refuses_unknown_term():
    """Period.term raises CalendarError for a term the calendar does not list."""
    with pytest.raises(CalendarError) as caught:
        Period.term("Winter", 2019, calendar=TERMS)
    assert caught.value.code == "unknown_term"
    assert str(caught.value) == "the calendar has no term 'Winter' starting in 2019"


# container, contained, whether it contains it
CONTAINMENT = [
    ("2019/20", "Q1 2019/20", True),  # year holds its first quarter
    ("2019/20", "Q4 2019/20", True),  # and its last
    ("2019/20", "April 2019", True),  # first month
    ("2019/20", "March 2020", True),  # last month
    ("2019/20", "2019/20", True),  # itself
    ("2019/20", "March 2019", False),  # month before
    ("2019/20", "April 2020", False),  # month after
    ("Q1 2019/20", "2019/20", False),  # a quarter does not hold its year
    ("Q1 2019/20", "June 2019", True),  # quarter holds its months
    ("Q1 2019/20", "July 2019", False),  # but not the next one
    ("1/7/18 - 30/6/19", "Q4 2018/19", True),  # range holds a quarter inside it
    ("1/7/18 - 30/6/19", "2018/19", False),  # range overlaps a year without holding it
    ("Rolling 12 months to 30/06/2019", "As at 01/07/2018", True),  # first day of a window
    ("Rolling 12 months to 30/06/2019", "As at 30/06/2018", False),  # day before it
]


@pytest.mark.parametrize(("outer", "inner", "expected"), CONTAINMENT)
def test_contains(outer, inner, expected):
    """contains() is true exactly when every day of the other period falls inside."""
    assert Period.parse(outer).contains(Period.parse(inner)) is expected


def test_ordering_by_start_then_end_then_kind():
    """Periods sort by first day, then last day, then kind."""
    expected = [
        "2018/19",  # 1 Apr 2018
        "Q4 2018/19",  # 1 Jan 2019
        "As at 01/04/2019",  # 1 Apr 2019, one day
        "April 2019",  # 1 Apr 2019 to 30 Apr
        "01/04/2019 - 30/04/2019",  # same days as April, later kind
        "Q1 2019/20",  # 1 Apr 2019 to 30 Jun
        "2019/20",  # 1 Apr 2019 to 31 Mar 2020
        "Q2 2019/20",  # 1 Jul 2019
    ]
    shuffled = [Period.parse(label) for label in expected]
    random.Random(20190401).shuffle(shuffled)  # noqa: S311 - a fixed order, not a secret
    assert [str(p) for p in sorted(shuffled)] == expected
    q1, q2 = Period.parse("Q1 2019/20"), Period.parse("Q2 2019/20")
    assert q1 < q2
    assert q1 <= q2
    assert q2 > q1
    assert q2 >= q1
    assert not q2 < q1


def test_ordering_holds_between_equal_periods():
    """<= and >= hold between equal periods, even placed in different calendars; < and > not."""
    uk = Period.month(2019, 7)
    australian = Period.month(2019, 7, calendar=JULY)
    assert uk <= australian
    assert australian >= uk
    assert not uk < australian
    assert not australian > uk


@pytest.mark.parametrize("compare", [operator.lt, operator.le, operator.gt, operator.ge])
def test_ordering_against_a_label_is_a_type_error(compare):
    """Comparing a period with its label in any order is a TypeError, as for unrelated types."""
    with pytest.raises(TypeError):
        compare(Period.parse("Q1 2019/20"), "Q2 2019/20")


def test_equality_ignores_the_calendar():
    """The same days and kind are equal (and hash equal) whatever calendar placed them."""
    uk = Period.month(2019, 7)
    australian = Period.month(2019, 7, calendar=JULY)
    assert uk == australian
    assert hash(uk) == hash(australian)
    assert len({uk, australian}) == 1
    assert Period.parse("Q1 2019/20") != Period.parse("Q1 2019/20", calendar=JULY)


def test_same_days_of_different_kinds_differ():
    """A month and a date range over the same days are different periods."""
    assert Period.parse("April 2019") != Period.parse("01/04/2019 - 30/04/2019")


def test_compare_with_other_types():
    """A period is not equal to its label, and ordering against a label is a TypeError."""
    q1 = Period.parse("Q1 2019/20")
    assert q1 != "Q1 2019/20"
    with pytest.raises(TypeError):
        _ = q1 < "Q2 2019/20"


def test_financial_year_labels_in_each_calendar():
    """A financial year is written as a span, except in a calendar-year calendar."""
    assert str(Period.financial_year(2019)) == "2019/20"
    assert str(Period.financial_year(2019, calendar=JULY)) == "2019/20"
    assert str(Period.financial_year(2019, calendar=JANUARY)) == "2019"
    assert str(Period.academic_year(2019, calendar=Calendar(academic_year_start_month=1))) == (
        "Academic year 2019"
    )


def test_quarter_number():
    """quarter_number is the quarter's place in its financial year, and 0 for other kinds."""
    assert Period.parse("Q3 2019/20").quarter_number == 3
    assert Period.parse("Q3 2019/20", calendar=OCTOBER).quarter_number == 3
    assert Period.parse("2019/20").quarter_number == 0


def test_days_counts_both_ends():
    """The days property counts every day from start to end inclusive."""
    assert Period.parse("2019/20").days == 366
    assert Period.parse("As at 30/06/2019").days == 1
    assert Period.parse("February 2019").days == 28


@pytest.mark.parametrize(
    ("quarter", "message"),
    [
        (0, "a financial year has quarters 1 to 4, not 0"),  # below range
        (5, "a financial year has quarters 1 to 4, not 5"),  # above range
    ],
)
def test_financial_quarter_constructor_checks_number(quarter, message):
    """Period.financial_quarter refuses a quarter number outside 1 to 4, saying which."""
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        Period.financial_quarter(2019, quarter)
    assert str(caught.value) == message


def test_rolling_constructor_defaults_to_a_year():
    """Period.rolling without a length is the twelve months to the day given."""
    window = Period.rolling(D(2019, 6, 30))
    assert (window.start, window.end) == (D(2018, 7, 1), D(2019, 6, 30))


@pytest.mark.parametrize(
    ("months", "message"),
    [
        (0, "a rolling window is at least one month long, not 0"),  # empty
        (-3, "a rolling window is at least one month long, not -3"),  # negative
    ],
)
def test_rolling_constructor_checks_length(months, message):
    """Period.rolling refuses a window shorter than a month, saying how long it was."""
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        Period.rolling(D(2019, 6, 30), months)
    assert str(caught.value) == message


# fields, what is wrong with them
# fmt: off
SHAPES = [
    ({"kind": "month", "start": "2019-04-02", "end": "2019-04-30"},
     "not a calendar month"),  # not day 1
    ({"kind": "financial_year", "start": "2019-01-01", "end": "2019-12-31"},
     "not a financial year"),  # UK year from January
    ({"kind": "financial_quarter", "start": "2019-05-01", "end": "2019-07-31"},
     "not a financial quarter"),  # off-grid quarter
    ({"kind": "academic_year", "start": "2019-04-01", "end": "2020-03-31"},
     "not an academic year"),  # not September
    ({"kind": "snapshot", "start": "2019-04-01", "end": "2019-04-02"},
     "a snapshot is a single day"),  # two days
    ({"kind": "rolling", "start": "2019-04-02", "end": "2019-06-30"},
     "a rolling window is whole months"),  # part months
    ({"kind": "date_range", "start": "2019-04-02", "end": "2019-04-01"},
     "the period ends (2019-04-01) before it starts (2019-04-02)"),  # reversed
    ({"kind": "date_range", "start": "2019-04-01", "end": "2019-04-02", "name": "x"},
     "only a term has a name, and a term must have one"),  # named range
    ({"kind": "term", "start": "2019-04-23", "end": "2019-07-23"},
     "only a term has a name, and a term must have one"),  # nameless term
    ({"kind": "term", "start": "2019-04-23", "end": "2019-07-23", "name": "Summer"},
     "the calendar has no term 'Summer' from 2019-04-23 to 2019-07-23"),  # not in calendar
]
# fmt: on


@pytest.mark.parametrize(("fields", "message"), SHAPES)
def test_fields_must_describe_a_real_period(fields, message):
    """Building a period from fields checks that they describe a period of that kind."""
    with pytest.raises(ValidationError) as caught:
        Period.model_validate(fields)
    assert caught.value.errors()[0]["type"] == "invalid_period"
    assert caught.value.errors()[0]["msg"] == message


def test_period_is_frozen():
    """A period cannot be changed once built."""
    q1 = Period.parse("Q1 2019/20")
    with pytest.raises(ValidationError):
        q1.start = D(2019, 5, 1)


def test_repr_names_the_public_class():
    """The repr shows kpi_scorecard.Period and the label."""
    assert repr(Period.parse("Quarter 1 2019/20")) == "kpi_scorecard.Period('Q1 2019/20')"


def test_json_is_the_label():
    """In JSON a period is its label, read in the context's calendar."""
    adapter = TypeAdapter(Period)
    q1_july = Period.parse("Q1 2019/20", calendar=JULY)
    assert adapter.dump_json(q1_july) == b'"Q1 2019/20"'
    assert adapter.validate_json(b'"Q1 2019/20"', context={"calendar": JULY}).start == D(2019, 7, 1)
    assert adapter.validate_json(b'"Q1 2019/20"').start == D(2019, 4, 1)


def test_json_schema_is_a_string():
    """The JSON schema describes a period as a string label, with a title and examples."""
    assert TypeAdapter(Period).json_schema() == {
        "type": "string",
        "title": "Period",
        "description": "A period label in the document's calendar.",
        "examples": ["Q1 2019/20", "2019/20", "April 2019", "Summer term 2019"],
    }


def test_example_scorecard_headers():
    """The period headers of the example scorecard read to the expected periods."""
    headers = [
        "Year end 2018/19",
        "Quarter 4 2018/19",
        "Quarter 1 2019/20",
        "Quarter 2 2019/20",
        "Quarter 3 2019/20",
        "Quarter 4 2019/20",
    ]
    expected = ["2018/19", "Q4 2018/19", "Q1 2019/20", "Q2 2019/20", "Q3 2019/20", "Q4 2019/20"]
    assert [str(Period.parse(h)) for h in headers] == expected


# --- malformed labels --------------------------------------------------------------------

# A calendar whose academic year is the calendar year, so that a span is an error.
ACADEMIC_CY = Calendar(academic_year_start_month=1)

# text, calendar, code, the message the user reads
# fmt: off
MALFORMED = [
    ("Quarter 5 2019/20", UK, "bad_quarter",
     "a financial year has quarters 1 to 4: 'Quarter 5 2019/20'"),  # no fifth quarter
    ("Q0 2019/20", UK, "bad_quarter",
     "a financial year has quarters 1 to 4: 'Q0 2019/20'"),  # no quarter zero
    ("2019/20 Q5", UK, "bad_quarter",
     "a financial year has quarters 1 to 4: '2019/20 Q5'"),  # year before the quarter
    ("2019-Q5", UK, "bad_quarter",
     "a financial year has quarters 1 to 4: '2019-Q5'"),  # SDMX fifth quarter
    ("2019-Q0", UK, "bad_quarter",
     "a financial year has quarters 1 to 4: '2019-Q0'"),  # SDMX quarter zero
    ("2019/21", UK, "bad_year_span",
     "a financial year spans two consecutive years: '2019/21'"),  # years not consecutive
    ("2019-2021", UK, "bad_year_span",
     "a financial year spans two consecutive years: '2019-2021'"),  # four-digit years
    ("Academic year 2019/21", UK, "bad_year_span",
     "an academic year spans two consecutive years: 'Academic year 2019/21'"),  # academic span
    ("2019/20", JANUARY, "bad_year_span",
     "this calendar's financial year is a calendar year, not a span: '2019/20'"),  # January year
    ("AY 2019/20", ACADEMIC_CY, "bad_year_span",
     "this calendar's academic year is a calendar year, not a span: 'AY 2019/20'"),  # academic
    ("2019", UK, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write 2019/20 or 2018/19: '2019'"),  # bare year, April calendar: starts or ends in 2019
    ("Q1 2019", UK, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write Q1 2019/20 or Q1 2018/19: 'Q1 2019'"),  # quarter of a bare year, the whole label
    ("2019 Q3", UK, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write Q3 2019/20 or Q3 2018/19: '2019 Q3'"),  # year before the quarter
    ("Quarter 2 19", AU, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write Q2 2019/20 or Q2 2018/19: 'Quarter 2 19'"),  # two-digit year, July calendar
    ("FY1999", UK, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write 1999/00 or 1998/99: 'FY1999'"),  # across the century
    ("AY 2019", UK, "ambiguous_year",
     "a single year is ambiguous for an academic year that does not start in January; "
     "write Academic year 2019/20 or Academic year 2018/19: 'AY 2019'"),  # academic year
    ("31/02/19 - 1/3/19", UK, "invalid_date",
     "'31/02/19' is not a real day: '31/02/19 - 1/3/19'"),  # 31 February, day first
    ("As at 30/02/2019", UK, "invalid_date",
     "'30/02/2019' is not a real day: 'As at 30/02/2019'"),  # 30 February
    ("As at 2019-02-30", UK, "invalid_date",
     "'2019-02-30' is not a real day: 'As at 2019-02-30'"),  # ISO day that does not exist
    ("31 February 2019", UK, "invalid_date",
     "'31 February 2019' is not a real day: '31 February 2019'"),  # day in words, as typed
    ("  As at 31   FEBRUARY 2019", UK, "invalid_date",
     "'31   FEBRUARY 2019' is not a real day: '  As at 31   FEBRUARY 2019'"),  # spaces kept
    ("1 Auguﬆ 2019 - 30 Feb 2020", UK, "invalid_date",
     "'30 Feb 2020' is not a real day: '1 Auguﬆ 2019 - 30 Feb 2020'"),  # after a ligature
    ("1/3/19 - 31/12/18", UK, "reversed_range",
     "the range ends before it starts: '1/3/19 - 31/12/18'"),  # range ends before it starts
    ("rolling 1/7/19 - 30/6/19", UK, "reversed_range",
     "the window ends before it starts: 'rolling 1/7/19 - 30/6/19'"),  # rolling, reversed
    ("rolling 1/7/18 - 15/6/19", UK, "bad_rolling",
     "a rolling window covers whole months: 'rolling 1/7/18 - 15/6/19'"),  # part months
    ("19", UK, "unknown_period",
     "not a period label kpi_scorecard knows: '19'"),  # a two-digit year alone is no label
    ("2019-02-30/P10D", UK, "invalid_date",
     "'2019-02-30' is not a real day: '2019-02-30/P10D'"),  # ISO range from no day
    ("rolling 1/7/19 - 1/7/19", UK, "bad_rolling",
     "a rolling window covers whole months: 'rolling 1/7/19 - 1/7/19'"),  # one day, not reversed
    ("rolling 31/6/18 - 30/6/19", UK, "invalid_date",
     "'31/6/18' is not a real day: 'rolling 31/6/18 - 30/6/19'"),  # rolling, no 31 June first
    ("rolling 1/7/18 - 31/6/19", UK, "invalid_date",
     "'31/6/19' is not a real day: 'rolling 1/7/18 - 31/6/19'"),  # rolling, no 31 June last
    ("12 months to 31/06/2019", UK, "invalid_date",
     "'31/06/2019' is not a real day: '12 months to 31/06/2019'"),  # window ending on no day
    ("Rolling 12 months 1/7/18 - 15/6/19", UK, "bad_rolling",
     "a rolling window covers whole months: 'Rolling 12 months 1/7/18 - 15/6/19'"),  # with length
    ("Rolling 6 months from 01/10/2019 to 31/12/2019", UK, "bad_rolling",
     "the window from 1 October 2019 to 31 December 2019 is 3 months, not 6: "
     "'Rolling 6 months from 01/10/2019 to 31/12/2019'"),  # length and days disagree
    ("rolling 0 months 1/10/19 - 31/12/19", UK, "bad_rolling",
     "the window from 1 October 2019 to 31 December 2019 is 3 months, not 0: "
     "'rolling 0 months 1/10/19 - 31/12/19'"),  # no months, yet three months of days
    ("rolling year 1/10/19 - 31/12/19", UK, "bad_rolling",
     "the window from 1 October 2019 to 31 December 2019 is 3 months, not 12: "
     "'rolling year 1/10/19 - 31/12/19'"),  # "year", yet three months of days
    ("rolling 3 months 1/3/19 - 31/3/19", UK, "bad_rolling",
     "the window from 1 March 2019 to 31 March 2019 is 1 month, not 3: "
     "'rolling 3 months 1/3/19 - 31/3/19'"),  # one month of days
    ("0 months to 30/06/2019", UK, "bad_rolling",
     "a rolling window is at least one month long: '0 months to 30/06/2019'"),  # empty window
    ("2019-01-01/P0D", UK, "reversed_range",
     "a time range lasts at least one day: '2019-01-01/P0D'"),  # ISO range of no days
    ("", UK, "empty_period",
     "a period label is empty: ''"),  # empty label
    ("   ", UK, "empty_period",
     "a period label is empty: '   '"),  # blank label
    ("Q1\x00 2019/20", UK, "control_character",
     "control character in a period label: 'Q1\\x00 2019/20' (at position 2)"),  # NUL
    ("Q1 2019/20\x1b", UK, "control_character",
     "control character in a period label: 'Q1 2019/20\\x1b' (at position 10)"),  # escape
    ("\u200bQ1 2019/20", UK, "control_character",
     "control character in a period label: '\\u200bQ1 2019/20' (at position 0)"),  # zero width
    ("2019-S1", UK, "unsupported_period",
     "SDMX half years (S1, S2) are not a period kind here: '2019-S1'"),  # SDMX half year
    ("2019-A2", UK, "bad_sdmx_period",
     "an SDMX year is written A1: '2019-A2'"),  # SDMX year is only A1
    ("2019-M13", UK, "bad_month",
     "a reporting year has months 01 to 12: '2019-M13'"),  # SDMX thirteenth month
    ("2019-M00", UK, "bad_month",
     "a reporting year has months 01 to 12: '2019-M00'"),  # SDMX month zero
    ("Smarch 2019", UK, "unknown_month",
     "unknown month 'Smarch': 'Smarch 2019'"),  # not a month, as typed
    ("As at 1 Smarch 2019", UK, "unknown_month",
     "unknown month 'Smarch': 'As at 1 Smarch 2019'"),  # not a month in a day
    ("As at 1  SMARCH 2019", UK, "unknown_month",
     "unknown month 'SMARCH': 'As at 1  SMARCH 2019'"),  # after two spaces
    ("1 Auguﬆ 2019 - 31 Smarch 2019", UK, "unknown_month",
     "unknown month 'Smarch': '1 Auguﬆ 2019 - 31 Smarch 2019'"),  # "ﬆ" casefolds to two letters
    ("ſmarch 2019", UK, "unknown_month",
     "unknown month 'ſmarch': 'ſmarch 2019'"),  # long s, which casefolds to "s"
    ("Summer term 2019", UK, "unknown_term",
     "term dates are not given in the calendar: 'Summer term 2019'"),  # no term dates given
    ("Winter term 2019", TERMS, "unknown_term",
     "the calendar has no term 'Winter' starting in 2019: 'Winter term 2019'"),  # not listed
    ("Große Ferien term 2019", TERMS, "unknown_term",
     "the calendar has no term 'Große Ferien' starting in 2019: "
     "'Große Ferien term 2019'"),  # "ß" casefolds to "ss"
    ("next quarter", UK, "unknown_period",
     "not a period label kpi_scorecard knows: 'next quarter'"),  # words
    ("Year end 9999/00", UK, "year_out_of_range",
     "the financial year starting in 9999 falls outside the years 1000 to 9999 that a period "
     "may cover: 'Year end 9999/00'"),  # ends in 10000
    ("0000-A1", UK, "year_out_of_range",
     "the financial year starting in 0 falls outside the years 1000 to 9999 that a period "
     "may cover: '0000-A1'"),  # year zero
    ("2019-01-01/P99999999D", UK, "year_out_of_range",
     "the period falls outside the years 1000 to 9999 that a period may cover: "
     "'2019-01-01/P99999999D'"),  # past the last day a date can hold
    ("99999 months to 30/06/2019", UK, "year_out_of_range",
     "the 99999-month window to 2019-06-30 falls outside the years 1000 to 9999 that a period "
     "may cover: '99999 months to 30/06/2019'"),  # before year 1
]
# fmt: on


@pytest.mark.parametrize(("text", "calendar", "code", "message"), MALFORMED)
def test_malformed_labels_raise_period_parse_error(text, calendar, code, message):
    """A malformed label raises PeriodParseError with a stable code and says why, quoting it."""
    with pytest.raises(PeriodParseError) as caught:
        Period.parse(text, calendar=calendar)
    error = caught.value
    assert type(error) is PeriodParseError
    assert isinstance(error, ParseError)
    assert isinstance(error, ValueError)
    assert isinstance(error, KpiScorecardError)
    assert error.code == code
    assert error.text == text
    assert str(error) == message


def test_control_character_position():
    """A control character's position is reported."""
    with pytest.raises(PeriodParseError) as caught:
        Period.parse("Q1\x00 2019/20")
    assert caught.value.position == 2
    assert "(at position 2)" in str(caught.value)


@pytest.mark.parametrize(("text", "calendar", "code", "message"), MALFORMED)
def test_malformed_labels_in_json(text, calendar, code, message):
    """Read as JSON, a malformed label is a ValidationError with the same code and message."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Period).validate_python(text, context={"calendar": calendar})
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["msg"] == message


# --- properties -----------------------------------------------------------------------------


@given(periods)
def test_label_round_trip(period):
    """Reading a period's label in its calendar gives the same period back."""
    again = Period.parse(str(period), calendar=period.calendar)
    assert again == period
    assert again.kind is period.kind
    assert (again.start, again.end, again.name) == (period.start, period.end, period.name)


@given(periods)
def test_json_round_trip(period):
    """A period survives JSON, read in its own calendar."""
    adapter = TypeAdapter(Period)
    again = adapter.validate_json(adapter.dump_json(period), context={"calendar": period.calendar})
    assert again == period


@given(periods)
def test_model_dump_round_trip(period):
    """A period's Python dump (its label) validates back to the same period."""
    dumped = period.model_dump()
    assert dumped == str(period)
    assert Period.model_validate(dumped, context={"calendar": period.calendar}) == period


@given(periods)
def test_sdmx_id_covers_the_same_days(period):
    """The SDMX id reads back to a period with the same days (and kind, where SDMX has it)."""
    again = Period.parse(period.sdmx_id, calendar=period.calendar)
    assert (again.start, again.end) == (period.start, period.end)
    if period.kind in (FY, FQ, MO, SN, DR):
        assert again == period


@given(calendars, years, st.integers(min_value=1, max_value=4))
def test_sdmx_quarter_is_that_quarter_of_the_calendar(calendar, year, quarter):
    """An SDMX quarter reads to that quarter of the calendar's financial year, in that calendar."""
    text = f"{year}-Q{quarter}"
    period = Period.parse(text, calendar=calendar)
    assert period == Period.financial_quarter(year, quarter, calendar=calendar)
    assert period.sdmx_id == text


@given(calendars, years, st.integers(min_value=1, max_value=12))
def test_sdmx_month_counts_from_the_year_start(calendar, year, number):
    """SDMX month M01 is the first month of the calendar's reporting year, M12 the last."""
    text = f"{year}-M{number:02d}"
    period = Period.parse(text, calendar=calendar)
    months_in = calendar.year_start_month - 1 + number - 1
    assert period == Period.month(year + months_in // 12, months_in % 12 + 1)
    assert period.sdmx_id == text


@given(periods)
def test_previous_ends_the_day_before(period):
    """previous() is a period of the same kind that ends before this one starts."""
    if period.kind is TE and period.calendar.terms[0].start == period.start:
        return  # the calendar's first term has no previous term
    before = period.previous()
    assert before.kind is period.kind
    if period.kind is TE:
        assert before.end < period.start
    else:
        assert before.end == period.start - dt.timedelta(days=1)
    assert Period.parse(str(before), calendar=period.calendar) == before


@given(calendars.flatmap(periods_in))
def test_same_period_last_year_is_a_year_earlier(period):
    """same_period_last_year() is the same kind, ends a year earlier, in the year before."""
    last = period.same_period_last_year()
    assert last.kind is period.kind
    assert 365 <= (period.end - last.end).days <= 366
    assert Period.parse(str(last), calendar=period.calendar) == last
    assert last.in_financial_year() == period.in_financial_year().previous()


@st.composite
def yearly_terms(draw) -> Calendar:
    """A calendar with a term of the same name in each of a few years, on varying days."""
    name = draw(term_names)
    first = draw(st.integers(min_value=2000, max_value=2030))
    count = draw(st.integers(min_value=2, max_value=4))
    terms = []
    for year in range(first, first + count):
        start = D(year, 1, 1) + dt.timedelta(days=draw(st.integers(min_value=0, max_value=180)))
        end = start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=150)))
        terms.append(Term(name=name, start=start, end=end))
    return Calendar(terms=tuple(terms))


@given(yearly_terms())
def test_same_term_last_year_is_the_namesake(calendar):
    """A term's same period last year is the calendar's term of that name a year earlier."""
    first, *later = calendar.terms
    for earlier, term in zip(calendar.terms, later, strict=False):
        last = Period.term(term.name, term.start.year, calendar=calendar).same_period_last_year()
        assert last == Period.term(earlier.name, earlier.start.year, calendar=calendar)
        assert (last.kind, last.name, last.start, last.end) == (
            TE,
            earlier.name,
            earlier.start,
            earlier.end,
        )
    with pytest.raises(CalendarError) as caught:
        Period.term(first.name, first.start.year, calendar=calendar).same_period_last_year()
    assert str(caught.value) == f"the calendar has no {first.name} term in {first.start.year - 1}"


@given(periods)
def test_in_financial_year_holds_the_last_day(period):
    """in_financial_year() is the financial year holding the period's last day."""
    year = period.in_financial_year()
    assert year.kind is FY
    assert year.start <= period.end <= year.end
    assert year.start.month == period.calendar.year_start_month
    assert year.start.day == 1


@given(calendars.flatmap(periods_in))
def test_a_period_contains_itself_and_its_year_contains_quarters(period):
    """contains() is reflexive, and a financial year contains the quarters it starts."""
    assert period.contains(period)
    if period.kind is FY:
        for quarter in range(1, 5):
            start_year = period.start.year
            inner = Period.financial_quarter(start_year, quarter, calendar=period.calendar)
            assert period.contains(inner)
            assert not inner.contains(period)


@given(st.lists(periods, min_size=2, max_size=6))
def test_sorting_is_by_days(items):
    """Sorted periods run by first day, then by last day."""
    ordered = sorted(items)
    keys = [(p.start, p.end) for p in ordered]
    assert keys == sorted(keys)


@given(st.sampled_from(NAMED_CALENDARS), days, st.integers(min_value=1, max_value=36))
def test_rolling_window_is_whole_months(calendar, end, months):
    """A rolling window of n months ending on any day starts n months before the day after."""
    window = Period.rolling(end, months, calendar=calendar)
    assert window.end == end
    assert str(window) == f"Rolling {months} months to {end:%d/%m/%Y}"
