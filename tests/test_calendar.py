import datetime as dt

import pytest
from hypothesis import given
from pydantic import ValidationError

from kpi_scorecard import DEFAULT_CALENDAR, Calendar, Period, PeriodKind, Term
from strategies import calendars_with_terms, days, term_names, term_periods

D = dt.date
SUMMER = Term(name="Summer", start=D(2019, 4, 23), end=D(2019, 7, 23))
AUTUMN = Term(name="Autumn", start=D(2019, 9, 3), end=D(2019, 12, 20))
SPRING = Term(name="Spring", start=D(2020, 1, 6), end=D(2020, 3, 27))


def test_default_calendar_is_the_uk_local_government_year():
    """The default calendar starts the financial year in April and the academic in September."""
    assert DEFAULT_CALENDAR.year_start_month == 4
    assert DEFAULT_CALENDAR.academic_year_start_month == 9
    assert DEFAULT_CALENDAR.terms == ()
    assert Calendar() == DEFAULT_CALENDAR


# calendar, day, financial year it falls in, academic year it falls in
YEARS_OF = [
    (Calendar(), D(2019, 3, 31), 2018, 2018),  # last day of the UK financial year
    (Calendar(), D(2019, 4, 1), 2019, 2018),  # first day of the UK financial year
    (Calendar(), D(2019, 9, 1), 2019, 2019),  # first day of the academic year
    (Calendar(year_start_month=7), D(2019, 6, 30), 2018, 2018),  # Australian year end
    (Calendar(year_start_month=7), D(2019, 7, 1), 2019, 2018),  # Australian year start
    (Calendar(year_start_month=10), D(2019, 10, 1), 2019, 2019),  # US federal year start
    (Calendar(year_start_month=1), D(2019, 1, 1), 2019, 2018),  # calendar year
    (Calendar(academic_year_start_month=1), D(2019, 1, 1), 2018, 2019),  # academic calendar year
]


@pytest.mark.parametrize(("calendar", "day", "financial", "academic"), YEARS_OF)
def test_years_of_a_day(calendar, day, financial, academic):
    """financial_year_of and academic_year_of give the year in which that year starts."""
    assert calendar.financial_year_of(day) == financial
    assert calendar.academic_year_of(day) == academic


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        (4, "--04-01"),  # UK
        (7, "--07-01"),  # Australia
        (10, "--10-01"),  # US federal
        (1, "--01-01"),  # calendar year
    ],
)
def test_sdmx_reporting_year_start_day(month, expected):
    """The SDMX REPORTING_YEAR_START_DAY is the first of the starting month."""
    assert Calendar(year_start_month=month).sdmx_reporting_year_start_day == expected


CLASH = Term(name="Extra", start=D(2019, 7, 23), end=D(2019, 8, 1))  # shares 23 July with SUMMER
AGAIN = Term(name="summer", start=D(2019, 8, 1), end=D(2019, 8, 20))  # SUMMER's label again
TWICE = Term(name="Summer", start=D(2019, 8, 1), end=D(2019, 8, 20))  # spelt alike too

# model, fields, error type, message (the bounds of a month are pydantic's own messages)
# fmt: off
REFUSED = [
    (Calendar, {"year_start_month": 0}, "greater_than_equal",
     "Input should be greater than or equal to 1"),  # month zero
    (Calendar, {"year_start_month": 13}, "less_than_equal",
     "Input should be less than or equal to 12"),  # month thirteen
    (Calendar, {"year_start_month": -1}, "greater_than_equal",
     "Input should be greater than or equal to 1"),  # negative month
    (Calendar, {"academic_year_start_month": 0}, "greater_than_equal",
     "Input should be greater than or equal to 1"),  # academic month zero
    (Calendar, {"academic_year_start_month": 13}, "less_than_equal",
     "Input should be less than or equal to 12"),  # academic month thirteen
    (Calendar, {"terms": (SUMMER, CLASH)}, "value_error",
     "Value error, terms 'Summer term 2019' and 'Extra term 2019' overlap"),  # share a day
    (Calendar, {"terms": (SUMMER, AGAIN)}, "value_error",
     "Value error, terms 'Summer term 2019' and 'summer term 2019' have the same label"),  # case
    (Calendar, {"terms": (TWICE, SPRING, SUMMER)}, "value_error",
     "Value error, terms 'Summer term 2019' and 'Summer term 2019' have the same label"),  # alike
    (Term, {"name": "Summer", "start": "2019-07-23", "end": "2019-04-23"}, "value_error",
     "Value error, term 'Summer' ends (2019-04-23) before it starts (2019-07-23)"),  # reversed
]
# fmt: on


@pytest.mark.parametrize(("model", "fields", "code", "message"), REFUSED)
def test_impossible_calendars_and_terms_are_refused(model, fields, code, message):
    """A year start outside months 1 to 12, a reversed term or clashing terms are refused."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(fields)
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["msg"] == message


def test_terms_are_kept_in_date_order():
    """Terms given out of order are stored in date order."""
    calendar = Calendar(terms=(SPRING, SUMMER, AUTUMN))
    assert calendar.terms == (SUMMER, AUTUMN, SPRING)


def test_term_lookup_ignores_case():
    """Calendar.term finds a term by name in any case and by its starting year."""
    calendar = Calendar(terms=(SUMMER, AUTUMN, SPRING))
    assert calendar.term("SUMMER", 2019) == SUMMER
    assert calendar.term("spring", 2020) == SPRING
    assert calendar.term("spring", 2019) is None
    assert calendar.term("Winter", 2019) is None


def test_term_label():
    """A term's label is its name, 'term' and its starting year."""
    assert SUMMER.label == "Summer term 2019"
    assert Term(name="Autumn 2", start=D(2019, 11, 4), end=D(2019, 12, 20)).label == (
        "Autumn 2 term 2019"
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "string_too_short"),  # empty
        (" Summer", "string_pattern_mismatch"),  # leading space
        ("Summer ", "string_pattern_mismatch"),  # trailing space
        ("Summer  2", "string_pattern_mismatch"),  # two spaces, which a label cannot keep
        ("2nd half", "string_pattern_mismatch"),  # starts with a digit
        ("Summer/2", "string_pattern_mismatch"),  # punctuation
    ],
)
def test_term_names_that_labels_cannot_carry_are_refused(name, code):
    """A term name must be words of letters and digits separated by single spaces."""
    with pytest.raises(ValidationError) as caught:
        Term(name=name, start=D(2019, 4, 23), end=D(2019, 7, 23))
    assert caught.value.errors()[0]["type"] == code


def test_calendar_is_frozen_and_hashable():
    """Calendars are immutable and equal calendars hash alike."""
    calendar = Calendar(year_start_month=7)
    with pytest.raises(ValidationError):
        calendar.year_start_month = 8
    assert hash(calendar) == hash(Calendar(year_start_month=7))


@given(term_names)
def test_any_allowed_term_name_reads_back(name):
    """A term with any allowed name is read back from its label."""
    calendar = Calendar(terms=(Term(name=name, start=D(2019, 4, 23), end=D(2019, 7, 23)),))
    period = Period.parse(f"{name} term 2019", calendar=calendar)
    assert period.kind is PeriodKind.TERM
    assert period.name == name


@given(term_periods())
def test_term_period_round_trip(period):
    """A term period is read back from its label in its calendar."""
    assert Period.parse(str(period), calendar=period.calendar) == period


@given(calendars_with_terms)
def test_calendar_json_round_trip(calendar):
    """A calendar survives JSON."""
    assert Calendar.model_validate_json(calendar.model_dump_json()) == calendar


@given(calendars_with_terms, days)
def test_financial_year_of_matches_the_period(calendar, day):
    """The financial year a day falls in contains that day."""
    year = Period.financial_year(calendar.financial_year_of(day), calendar=calendar)
    assert year.start <= day <= year.end
    academic = Period.academic_year(calendar.academic_year_of(day), calendar=calendar)
    assert academic.start <= day <= academic.end
