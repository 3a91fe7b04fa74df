import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import Calendar, CalendarError, Period, PeriodKind, PeriodParseError, Scorecard
from kpi_scorecard.serializers import csv
from strategies import calendars, fiscal_calendars, periods, years

D = dt.date
UK = Calendar()
AU = Calendar(year_start_month=7)  # Australia
USF = Calendar(year_start_month=10, fiscal_year_naming="end_year")  # US federal, FY by end year
AUE = Calendar(year_start_month=7, fiscal_year_naming="end_year")  # a July year named by its end
CY = Calendar(year_start_month=1)  # calendar year
FY = PeriodKind.FINANCIAL_YEAR
FQ = PeriodKind.FINANCIAL_QUARTER
MO = PeriodKind.MONTH
AY = PeriodKind.ACADEMIC_YEAR
DR = PeriodKind.DATE_RANGE

# text, calendar, kind, first day, last day, canonical label
# fmt: off
NOTATIONS = [
    ("quarter 1, 2023 to 2024", UK, FQ, "2023-04-01", "2023-06-30", "Q1 2023/24"),  # gov.uk
    ("Quarter 4, 2023 to 2024", UK, FQ, "2024-01-01", "2024-03-31", "Q4 2023/24"),  # gov.uk Q4
    ("2023 to 2024", UK, FY, "2023-04-01", "2024-03-31", "2023/24"),  # gov.uk year
    ("Financial year 2023 to 2024", UK, FY, "2023-04-01", "2024-03-31", "2023/24"),  # in words
    ("Academic year 2023 to 2024", UK, AY, "2023-09-01", "2024-08-31",
     "Academic year 2023/24"),  # gov.uk academic year
    ("quarter 3 (October to December 2023)", UK, FQ, "2023-10-01", "2023-12-31",
     "Q3 2023/24"),  # gov.uk quarter with its months
    ("Quarter 4 (January to March 2024)", UK, FQ, "2024-01-01", "2024-03-31",
     "Q4 2023/24"),  # last quarter, next calendar year
    ("Q1 (Apr-Jun 2023)", UK, FQ, "2023-04-01", "2023-06-30", "Q1 2023/24"),  # short months
    ("quarter 1 (July to September 2022)", AU, FQ, "2022-07-01", "2022-09-30",
     "Q1 2022/23"),  # July year
    ("Q2 22/23", UK, FQ, "2022-07-01", "2022-09-30", "Q2 2022/23"),  # two-digit span
    ("Qtr 2 2022-23", UK, FQ, "2022-07-01", "2022-09-30", "Q2 2022/23"),  # "Qtr", hyphen
    ("2022/23 Q2", UK, FQ, "2022-07-01", "2022-09-30", "Q2 2022/23"),  # year first
    ("Q3 2023–24", UK, FQ, "2023-10-01", "2023-12-31", "Q3 2023/24"),  # en dash
    ("Jul-Sep 2022", UK, FQ, "2022-07-01", "2022-09-30", "Q2 2022/23"),  # months of a quarter
    ("Jul-Sep 2022", AU, FQ, "2022-07-01", "2022-09-30", "Q1 2022/23"),  # first in July
    ("Jul-Sep 2022", CY, FQ, "2022-07-01", "2022-09-30", "Q3 2022"),  # third in January
    ("October to December 2023", UK, FQ, "2023-10-01", "2023-12-31", "Q3 2023/24"),  # in words
    ("Jan–Mar 2024", UK, FQ, "2024-01-01", "2024-03-31", "Q4 2023/24"),  # en dash
    ("Apr. - Jun. 2019", UK, FQ, "2019-04-01", "2019-06-30", "Q1 2019/20"),  # abbreviation dots
    ("Sept-Nov 2022", UK, DR, "2022-09-01", "2022-11-30",
     "01/09/2022 - 30/11/2022"),  # not a UK quarter: its days
    ("Apr-Dec 2022", UK, DR, "2022-04-01", "2022-12-31",
     "01/04/2022 - 31/12/2022"),  # nine months so far
    ("Apr 2022 - Mar 2023", UK, FY, "2022-04-01", "2023-03-31", "2022/23"),  # a year of months
    ("April 2022 to March 2023", UK, FY, "2022-04-01", "2023-03-31", "2022/23"),  # in words
    ("Oct 2023 - Sep 2024", USF, FY, "2023-10-01", "2024-09-30", "2023/24"),  # US federal
    ("Nov 2022 - Jan 2023", UK, DR, "2022-11-01", "2023-01-31",
     "01/11/2022 - 31/01/2023"),  # across the new year, both years given
    ("Apr 22 - Mar 23", UK, FY, "2022-04-01", "2023-03-31", "2022/23"),  # two-digit years
    ("Jul-Sep 22", UK, FQ, "2022-07-01", "2022-09-30", "Q2 2022/23"),  # two-digit year
    ("May to May 2023", UK, MO, "2023-05-01", "2023-05-31", "May 2023"),  # one month
    ("Sept 2022", UK, MO, "2022-09-01", "2022-09-30", "September 2022"),  # "Sept"
    ("September 2022", UK, MO, "2022-09-01", "2022-09-30", "September 2022"),  # in full
    ("Sep-22", UK, MO, "2022-09-01", "2022-09-30", "September 2022"),  # spreadsheet style
    ("2023 - 24", UK, FY, "2023-04-01", "2024-03-31", "2023/24"),  # Mansfield header
    ("2022 -23", UK, FY, "2022-04-01", "2023-03-31", "2022/23"),  # Mansfield header
    ("2022 - 23", UK, FY, "2022-04-01", "2023-03-31", "2022/23"),  # Mansfield header
    ("2023/2024", UK, FY, "2023-04-01", "2024-03-31", "2023/24"),  # Canterbury header
    ("23/24", UK, FY, "2023-04-01", "2024-03-31", "2023/24"),  # Bedford header
    ("24/25", UK, FY, "2024-04-01", "2025-03-31", "2024/25"),  # Bedford header
    ("25/26", USF, FY, "2025-10-01", "2026-09-30", "2025/26"),  # Bedford header, US calendar
    ("12/13", UK, FY, "2012-04-01", "2013-03-31", "2012/13"),  # no thirteenth month
    ("99/00", UK, FY, "1999-04-01", "2000-03-31", "1999/00"),  # across the century
    ("01-02", UK, FY, "2001-04-01", "2002-03-31", "2001/02"),  # hyphen: not a day
    ("2001/02", UK, FY, "2001-04-01", "2002-03-31", "2001/02"),  # first year in full
    ("FY 01/02", UK, FY, "2001-04-01", "2002-03-31", "2001/02"),  # "FY" says it is a year
    ("Year end 03/04", UK, FY, "2003-04-01", "2004-03-31", "2003/04"),  # so does "Year end"
    ("2023–24", UK, FY, "2023-04-01", "2024-03-31", "2023/24"),  # en dash
    ("FY2015", USF, FY, "2014-10-01", "2015-09-30", "2014/15"),  # US federal FY by end year
    ("FY 15", USF, FY, "2014-10-01", "2015-09-30", "2014/15"),  # two digits, a space
    ("FY15", USF, FY, "2014-10-01", "2015-09-30", "2014/15"),  # two digits
    ("Fiscal Year 2015", USF, FY, "2014-10-01", "2015-09-30", "2014/15"),  # in words
    ("Fiscal 2015", USF, FY, "2014-10-01", "2015-09-30", "2014/15"),  # "Fiscal"
    ("Fiscal Year 2014-2015", USF, FY, "2014-10-01", "2015-09-30", "2014/15"),  # span in words
    ("Fiscal Year 2014-2015", UK, FY, "2014-04-01", "2015-03-31", "2014/15"),  # UK, span
    ("FY2014-15", USF, FY, "2014-10-01", "2015-09-30", "2014/15"),  # span after "FY"
    ("FY2014-15", UK, FY, "2014-04-01", "2015-03-31", "2014/15"),  # the same span, UK
    ("FY2015", AUE, FY, "2014-07-01", "2015-06-30", "2014/15"),  # July year by end year
    ("FY2015", CY, FY, "2015-01-01", "2015-12-31", "2015"),  # calendar year: one year
    ("Q1 FY2015", USF, FQ, "2014-10-01", "2014-12-31", "Q1 2014/15"),  # US quarter
    ("FY15 Q4", USF, FQ, "2015-07-01", "2015-09-30", "Q4 2014/15"),  # year first
    ("Quarter 2 of Fiscal Year 2015", USF, FQ, "2015-01-01", "2015-03-31",
     "Q2 2014/15"),  # in words
    ("Q3 FY 2014-15", USF, FQ, "2015-04-01", "2015-06-30", "Q3 2014/15"),  # span after "FY"
]
# fmt: on


@pytest.mark.parametrize(("text", "calendar", "kind", "start", "end", "label"), NOTATIONS)
def test_published_notations_read_into_the_existing_kinds(text, calendar, kind, start, end, label):
    """Each published notation reads to its kind and days, with the canonical label kept."""
    period = Period.parse(text, calendar=calendar)
    assert period.kind is kind
    assert (period.start, period.end) == (D.fromisoformat(start), D.fromisoformat(end))
    assert str(period) == label
    assert Period.parse(label, calendar=calendar) == period


# text, calendar, code, the whole message
# fmt: off
MALFORMED = [
    ("01/02", UK, "ambiguous_year_span",
     "this may be the financial year 2001/02 or the day 1 February; write 2001/02: "
     "'01/02'"),  # Bath & NE Somerset header, alone
    ("11/12", UK, "ambiguous_year_span",
     "this may be the financial year 2011/12 or the day 11 December; write 2011/12: "
     "'11/12'"),  # the last span that is also a day
    ("05/06", AU, "ambiguous_year_span",
     "this may be the financial year 2005/06 or the day 5 June; write 2005/06: "
     "'05/06'"),  # any calendar with spans
    ("FY2015", UK, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write 2015/16 or 2014/15: 'FY2015'"),  # a UK calendar names years by their span
    ("FY 15", UK, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write 2015/16 or 2014/15: 'FY 15'"),  # two digits after "FY", UK
    ("2015", USF, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write 2015/16 or 2014/15: '2015'"),  # no "FY": perhaps the calendar year
    ("Q1 2015", USF, "ambiguous_year",
     "a single year is ambiguous for a financial year that does not start in January; "
     "write Q1 2015/16 or Q1 2014/15: 'Q1 2015'"),  # a quarter without "FY"
    ("quarter 2 (October to December 2023)", UK, "bad_quarter",
     "the months given are Q3 2023/24, not quarter 2: "
     "'quarter 2 (October to December 2023)'"),  # number and months disagree
    ("quarter 3 (November to December 2023)", UK, "bad_quarter",
     "the months given are not a quarter of the financial year: "
     "'quarter 3 (November to December 2023)'"),  # two months
    ("Q5 (Jan-Mar 2024)", UK, "bad_quarter",
     "a financial year has quarters 1 to 4: 'Q5 (Jan-Mar 2024)'"),  # no fifth quarter
    ("Dec-Feb 2023", UK, "reversed_range",
     "months that run into the next year need both years: 'Dec-Feb 2023'"),  # which December?
    ("Mar 2023 - Jan 2023", UK, "reversed_range",
     "the months end before they start: 'Mar 2023 - Jan 2023'"),  # backwards
    ("Smarch-Jun 2023", UK, "unknown_month",
     "unknown month 'Smarch': 'Smarch-Jun 2023'"),  # not a month, as typed
    ("Apr to SMARCH 2023", UK, "unknown_month",
     "unknown month 'SMARCH': 'Apr to SMARCH 2023'"),  # the second month
    ("2023 to 2025", UK, "bad_year_span",
     "a financial year spans two consecutive years: '2023 to 2025'"),  # gov.uk, two years apart
    ("²⁰¹⁹/²⁰", UK, "non_ascii_digit",
     "a period label is written with the digits 0 to 9, not '²': '²⁰¹⁹/²⁰' "
     "(at position 0)"),  # superscripts: isdigit() takes them, int() does not
    ("٢٠١٩/٢٠", UK, "non_ascii_digit",
     "a period label is written with the digits 0 to 9, not '٢': '٢٠١٩/٢٠' "
     "(at position 0)"),  # Arabic-Indic digits, which int() reads
    ("Q1 2019/٢٠", UK, "non_ascii_digit",
     "a period label is written with the digits 0 to 9, not '٢': 'Q1 2019/٢٠' "
     "(at position 8)"),  # mixed scripts
    ("Q² 2019/20", UK, "non_ascii_digit",
     "a period label is written with the digits 0 to 9, not '²': 'Q² 2019/20' "
     "(at position 1)"),  # a superscript quarter
    ("２０１９/２０", UK, "non_ascii_digit",
     "a period label is written with the digits 0 to 9, not '２': '２０１９/２０' "
     "(at position 0)"),  # full-width digits
]
# fmt: on


@pytest.mark.parametrize(("text", "calendar", "code", "message"), MALFORMED)
def test_malformed_notations_are_refused(text, calendar, code, message):
    """A notation that cannot be read one way raises PeriodParseError, saying why in full."""
    with pytest.raises(PeriodParseError) as caught:
        Period.parse(text, calendar=calendar)
    assert caught.value.code == code
    assert caught.value.text == text
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "calendar", "code", "message"), MALFORMED)
def test_malformed_notations_in_json(text, calendar, code, message):
    """Read as JSON, a refused notation is a ValidationError with the same code and message."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Period).validate_python(text, context={"calendar": calendar})
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["msg"] == message


@pytest.mark.parametrize(
    "value",
    [b"2019/20", None, 2019, 2019.5, ["2019/20"]],
    ids=["bytes", "None", "int", "float", "list"],
)
def test_period_parse_refuses_what_is_not_text(value):
    """Period.parse given bytes, None or a number raises PeriodParseError naming the type."""
    with pytest.raises(PeriodParseError) as caught:
        Period.parse(value)
    kind = "None" if value is None else type(value).__name__
    assert caught.value.code == "not_text"
    assert str(caught.value) == f"a period label must be text, not {kind}: {value!r}"


# --- fiscal years named by their end ------------------------------------------------------


@given(fiscal_calendars, years)
def test_fy_by_end_year_is_the_year_ending_then(calendar, year):
    """In an end-year calendar FY{year} is the financial year that ends in that year."""
    period = Period.parse(f"FY{year}", calendar=calendar)
    assert period.kind is FY
    assert period.end.year == year
    if 1969 <= year <= 2068:  # the years two digits name
        assert period == Period.parse(f"FY {year % 100:02d}", calendar=calendar)
    assert Period.parse(str(period), calendar=calendar) == period


@given(calendars, years)
def test_a_span_reads_the_same_whatever_the_naming(calendar, year):
    """A year written as a span means the same in a calendar named by span or by end year."""
    if calendar.year_start_month == 1:
        return  # a calendar year is never written as a span
    ended = calendar.model_copy(update={"fiscal_year_naming": "end_year"})
    label = f"{year}/{(year + 1) % 100:02d}"
    assert Period.parse(label, calendar=calendar) == Period.parse(label, calendar=ended)


def test_fiscal_year_naming_is_left_out_of_dumps_by_default():
    """The naming is written only when it is not the default, so old documents stay the same."""
    assert Calendar(year_start_month=7).model_dump(mode="json") == {
        "year_start_month": 7,
        "academic_year_start_month": 9,
        "terms": [],
    }
    assert USF.model_dump(mode="json")["fiscal_year_naming"] == "end_year"
    assert Calendar.model_validate(USF.model_dump(mode="json")) == USF


def test_fiscal_year_naming_is_span_or_end_year():
    """A calendar refuses a naming other than span and end_year."""
    with pytest.raises(ValidationError) as caught:
        Calendar(fiscal_year_naming="start_year")
    assert caught.value.errors()[0]["type"] == "literal_error"


# --- the supported years ------------------------------------------------------------------

LIMIT = "falls outside the years 1000 to 9999 that a period may cover"

# text, calendar, canonical label: the first and last supported years read and round-trip
EDGES = [
    ("January 1000", UK, "January 1000"),  # first month
    ("As at 01/01/1000", UK, "As at 01/01/1000"),  # first day
    ("1000", CY, "1000"),  # first calendar year
    ("1000/01", UK, "1000/01"),  # first financial year starting in 1000
    ("December 9999", UK, "December 9999"),  # last month
    ("As at 31/12/9999", UK, "As at 31/12/9999"),  # last day a date can hold
    ("9999", CY, "9999"),  # last calendar year
    ("9998/99", UK, "9998/99"),  # last financial year spanning two years
    ("Q3 9999", CY, "Q3 9999"),  # a quarter of the last year
    ("Rolling 12 months to 31/12/9999", UK, "Rolling 12 months to 31/12/9999"),  # to the end
    ("01/12/9999 - 31/12/9999", UK, "01/12/9999 - 31/12/9999"),  # a range to the end
]


@pytest.mark.parametrize(("text", "calendar", "label"), EDGES)
def test_first_and_last_supported_years_read_and_round_trip(text, calendar, label):
    """Periods in the years 1000 and 9999 read, write four-digit years and read back."""
    period = Period.parse(text, calendar=calendar)
    assert str(period) == label
    assert Period.parse(label, calendar=calendar) == period


# text, calendar, code, the whole message: one past each edge
# fmt: off
PAST_EDGES = [
    ("As at 31/12/0999", UK, "year_out_of_range",
     f"the day 0999-12-31 {LIMIT}: 'As at 31/12/0999'"),  # the day before the first
    ("As at 01/01/0001", UK, "year_out_of_range",
     f"the day 0001-01-01 {LIMIT}: 'As at 01/01/0001'"),  # the first day a date holds
    ("January 0001", UK, "year_out_of_range",
     f"a month of the year 1 {LIMIT}: 'January 0001'"),  # a month of year 1
    ("December 0999", UK, "year_out_of_range",
     f"a month of the year 999 {LIMIT}: 'December 0999'"),  # the month before the first
    ("0999", CY, "year_out_of_range",
     f"the financial year starting in 999 {LIMIT}: '0999'"),  # three-digit year
    ("0999/00", UK, "year_out_of_range",
     f"the financial year starting in 999 {LIMIT}: '0999/00'"),  # ends in 1000, starts before
    ("9999/00", UK, "year_out_of_range",
     f"the financial year starting in 9999 {LIMIT}: '9999/00'"),  # would end in 10000
    ("Q4 9999/00", UK, "year_out_of_range",
     f"quarter 4 of the financial year starting in 9999 {LIMIT}: 'Q4 9999/00'"),  # in 10000
    ("Academic year 9999/00", UK, "year_out_of_range",
     f"the academic year starting in 9999 {LIMIT}: 'Academic year 9999/00'"),  # in 10000
    ("Q4 999/00", UK, "unknown_period",
     "not a period label kpi_scorecard knows: 'Q4 999/00'"),  # a three-digit year is no label
    ("0999-Q4", UK, "year_out_of_range",
     f"quarter 4 of the financial year starting in 999 {LIMIT}: '0999-Q4'"),  # Jan-Mar 1000
    ("Rolling 12 months to 30/06/1000", UK, "year_out_of_range",
     f"the 12-month window to 1000-06-30 {LIMIT}: 'Rolling 12 months to 30/06/1000'"),  # 999
    ("31/12/0999 - 01/01/1000", UK, "year_out_of_range",
     f"the days 0999-12-31 to 1000-01-01 {LIMIT}: '31/12/0999 - 01/01/1000'"),  # range
    ("0999-M09", UK, "year_out_of_range",
     f"a month of the year 999 {LIMIT}: '0999-M09'"),  # SDMX: December 999
]
# fmt: on


@pytest.mark.parametrize(("text", "calendar", "code", "message"), PAST_EDGES)
def test_one_past_each_edge_is_refused(text, calendar, code, message):
    """A label one past the supported years raises PeriodParseError stating the limit."""
    with pytest.raises(PeriodParseError) as caught:
        Period.parse(text, calendar=calendar)
    assert caught.value.code == code
    assert str(caught.value) == message


# constructor, arguments, the whole message of the CalendarError
CONSTRUCTORS = [
    (Period.month, (19, 4), f"a month of the year 19 {LIMIT}"),  # would write "April 19"
    (Period.month, (999, 12), f"a month of the year 999 {LIMIT}"),  # one before
    (Period.financial_year, (999,), f"the financial year starting in 999 {LIMIT}"),  # before
    (Period.financial_year, (9999,), f"the financial year starting in 9999 {LIMIT}"),  # after
    (Period.financial_quarter, (9999, 4),
     f"quarter 4 of the financial year starting in 9999 {LIMIT}"),  # January 10000
    (Period.academic_year, (9999,), f"the academic year starting in 9999 {LIMIT}"),  # after
    (Period.snapshot, (D(999, 12, 31),), f"the day 0999-12-31 {LIMIT}"),  # the day before
    (Period.date_range, (D(1, 1, 1), D(2019, 1, 1)), f"the days 0001-01-01 to 2019-01-01 {LIMIT}"),
    (Period.rolling, (D(1000, 1, 31), 2), f"the 2-month window to 1000-01-31 {LIMIT}"),  # 999
    (Period.rolling, (D(2019, 6, 30), 99999), f"the 99999-month window to 2019-06-30 {LIMIT}"),
]  # fmt: skip


@pytest.mark.parametrize(("build", "args", "message"), CONSTRUCTORS)
def test_constructors_refuse_years_outside_the_range(build, args, message):
    """Each constructor refuses a period outside the years 1000 to 9999, stating the limit."""
    with pytest.raises(CalendarError) as caught:
        build(*args)
    assert caught.value.code == "year_out_of_range"
    assert str(caught.value) == message


def test_constructors_accept_the_first_and_last_years():
    """The constructors build periods in the years 1000 and 9999."""
    assert str(Period.month(1000, 1)) == "January 1000"
    assert str(Period.month(9999, 12)) == "December 9999"
    assert str(Period.financial_year(1000)) == "1000/01"
    assert str(Period.financial_year(9998)) == "9998/99"
    assert str(Period.financial_quarter(9999, 3, calendar=CY)) == "Q3 9999"
    assert str(Period.snapshot(D(1000, 1, 1))) == "As at 01/01/1000"
    assert str(Period.rolling(D(9999, 12, 31), 1)) == "Rolling 1 months to 31/12/9999"


def test_fields_outside_the_range_are_refused():
    """Building a period from fields checks the years too, with its own error type."""
    with pytest.raises(ValidationError) as caught:
        Period.model_validate({"kind": "snapshot", "start": "0999-12-31", "end": "0999-12-31"})
    assert caught.value.errors()[0]["type"] == "year_out_of_range"
    assert caught.value.errors()[0]["msg"] == f"the days 0999-12-31 to 0999-12-31 {LIMIT}"


# text, calendar, step, the whole message of the CalendarError
# fmt: off
STEPS_OUT = [
    ("January 1000", UK, "previous", f"the period before 'January 1000' {LIMIT}"),  # December 999
    ("As at 01/01/1000", UK, "previous",
     f"the period before 'As at 01/01/1000' {LIMIT}"),  # 31 December 999
    ("1000/01", UK, "previous", f"the period before '1000/01' {LIMIT}"),  # 999/00
    ("Q1 1000/01", UK, "previous", f"the period before 'Q1 1000/01' {LIMIT}"),  # Q4 999/00
    ("Q1 1000", CY, "previous", f"the period before 'Q1 1000' {LIMIT}"),  # Q4 999
    ("01/01/1000 - 31/12/9999", UK, "previous",
     f"the period before '01/01/1000 - 31/12/9999' {LIMIT}"),  # further back than year 1
    ("December 1000", UK, "same_period_last_year",
     f"the same period a year before 'December 1000' {LIMIT}"),  # December 999
    ("Rolling 12 months to 31/12/1000", UK, "same_period_last_year",
     f"the same period a year before 'Rolling 12 months to 31/12/1000' {LIMIT}"),  # from 999
    ("1000", CY, "same_period_last_year",
     f"the same period a year before '1000' {LIMIT}"),  # calendar year 999
    ("As at 28/02/1000", UK, "same_period_last_year",
     f"the same period a year before 'As at 28/02/1000' {LIMIT}"),  # a day in 999
    ("March 1000", UK, "in_financial_year",
     f"the financial year starting in 999 {LIMIT}"),  # 999/00 starts before 1000
    ("April 9999", UK, "in_financial_year",
     f"the financial year starting in 9999 {LIMIT}"),  # 9999/00 ends in 10000
    ("As at 31/12/9999", AU, "in_financial_year",
     f"the financial year starting in 9999 {LIMIT}"),  # a July year ending in 10000
]
# fmt: on


@pytest.mark.parametrize(("text", "calendar", "step", "message"), STEPS_OUT)
def test_steps_out_of_the_range_are_refused(text, calendar, step, message):
    """previous(), same_period_last_year() and in_financial_year() refuse to leave the years."""
    period = Period.parse(text, calendar=calendar)
    with pytest.raises(CalendarError) as caught:
        getattr(period, step)()
    assert caught.value.code == "year_out_of_range"
    assert str(caught.value) == message


# text, calendar, step, canonical label of the result: steps that stay inside
STEPS_IN = [
    ("February 1000", UK, "previous", "January 1000"),  # to the first month
    ("1001/02", UK, "previous", "1000/01"),  # to the first financial year
    ("Q2 1000/01", UK, "previous", "Q1 1000/01"),  # to the first quarter
    ("As at 02/01/1000", UK, "previous", "As at 01/01/1000"),  # to the first day
    ("January 1001", UK, "same_period_last_year", "January 1000"),  # to the first year
    ("As at 31/12/9999", UK, "previous", "As at 30/12/9999"),  # back from the last day
    ("As at 31/12/9999", UK, "same_period_last_year", "As at 31/12/9998"),  # a year back
    ("Rolling 12 months to 31/12/9999", UK, "previous",
     "Rolling 12 months to 31/12/9998"),  # a window ending on the last day
    ("March 9999", UK, "in_financial_year", "9998/99"),  # the last financial year
    ("April 1000", UK, "in_financial_year", "1000/01"),  # the first financial year
    ("As at 31/12/9999", CY, "in_financial_year", "9999"),  # last calendar year
]  # fmt: skip


@pytest.mark.parametrize(("text", "calendar", "step", "label"), STEPS_IN)
def test_steps_inside_the_range_work(text, calendar, step, label):
    """Steps that stay within the years 1000 to 9999 give the period of the same kind."""
    result = getattr(Period.parse(text, calendar=calendar), step)()
    assert str(result) == label


@given(periods)
def test_labels_always_write_four_digit_years(period):
    """Every label writes its years with four digits, so none reads as another year."""
    assert Period.parse(str(period), calendar=period.calendar) == period
    # A term's name is the calendar author's text, not a year: only the rest is checked.
    years = str(period).removeprefix(period.name or "")
    digits = [word for word in years.replace("/", " ").split() if word.isdigit()]
    assert all(len(word) == 4 for word in digits if len(word) > 2)


@given(st.sampled_from([UK, AU, CY]), st.integers(min_value=1000, max_value=9998))
def test_every_supported_financial_year_round_trips(calendar, year):
    """A financial year starting in any year from 1000 to 9998 reads back from its label."""
    period = Period.financial_year(year, calendar=calendar)
    assert Period.parse(str(period), calendar=calendar) == period


def test_csv_reads_in_the_fiscal_naming_passed_to_loads():
    """CSV has no column for the naming; loads keeps the calendar's naming passed to it."""
    text = csv.dumps(Scorecard(title="Budget", calendar=USF))
    assert csv.loads(text).calendar == Calendar(year_start_month=10)
    assert csv.loads(text, calendar=USF).calendar == USF
