import pickle

import pytest

from kpi_scorecard import (
    AveragedPercentageWarning,
    Band,
    CalendarError,
    CellValue,
    KpiScorecardError,
    KpiScorecardWarning,
    ParseError,
    Period,
    PeriodParseError,
    Profile,
    ScorecardError,
    TableError,
    Target,
    TargetParseError,
    Tolerance,
    UnitError,
    UnknownMeasureError,
    ValueParseError,
)

# error class, the classes it must derive from
HIERARCHY = [
    (ParseError, (KpiScorecardError, ValueError)),  # bad notation
    (PeriodParseError, (ParseError, KpiScorecardError, ValueError)),  # bad period
    (TargetParseError, (ParseError, KpiScorecardError, ValueError)),  # bad target
    (ValueParseError, (ParseError, KpiScorecardError, ValueError)),  # bad value cell
    (CalendarError, (KpiScorecardError, ValueError)),  # period the calendar cannot place
    (UnitError, (KpiScorecardError, ValueError)),  # bad unit
    (ScorecardError, (KpiScorecardError, ValueError)),  # parts that do not fit
    (TableError, (KpiScorecardError, ValueError)),  # bad cell in serialized text
    (UnknownMeasureError, (ScorecardError, KeyError, KpiScorecardError)),  # unknown reference
    (KpiScorecardError, (Exception,)),  # base of all
    (AveragedPercentageWarning, (KpiScorecardWarning, UserWarning)),  # risky averaging
]


@pytest.mark.parametrize(("error", "bases"), HIERARCHY)
def test_hierarchy(error, bases):
    """Each error derives from the classes callers catch."""
    for base in bases:
        assert issubclass(error, base)


def test_warnings_are_not_errors():
    """Warnings do not derive from the error base class."""
    assert not issubclass(KpiScorecardWarning, KpiScorecardError)


@pytest.mark.parametrize(
    ("error", "what"),
    [
        (PeriodParseError, "period"),  # periods
        (TargetParseError, "target"),  # targets
        (ValueParseError, "value"),  # value cells
    ],
)
def test_parse_errors_say_what_they_parse(error, what):
    """Each parse error names what it failed to read."""
    assert error.what == what


def test_parse_error_message_and_fields():
    """A parse error quotes the text and gives the reason, code and position."""
    error = TargetParseError("18%%", "double percent sign", code="bad_number", position=2)
    assert str(error) == "double percent sign: '18%%' (at position 2)"
    assert (error.text, error.reason, error.code, error.position) == (
        "18%%",
        "double percent sign",
        "bad_number",
        2,
    )


def test_parse_error_without_position():
    """Without a position, the message is the reason and the quoted text."""
    assert str(ValueParseError("x", "not a figure", code="bad_value")) == "not a figure: 'x'"


def test_parse_error_shows_a_repr_unquoted():
    """With quoted=False the text (a value's repr) is shown as it is, not quoted as text."""
    error = ParseError("2019", "must be text, not int", code="not_text", quoted=False)
    assert str(error) == "must be text, not int: 2019"
    assert (error.text, error.quoted) == ("2019", False)
    assert ParseError("x", "bad", code="c").quoted is True


@pytest.mark.parametrize(
    "error_class", [ParseError, PeriodParseError, TargetParseError, ValueParseError]
)
def test_parse_errors_pickle(error_class):
    """Parse errors survive pickling with their class and fields, so they cross processes."""
    error = error_class("Q9 2019/20", "no such quarter", code="bad_quarter", position=1)
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert type(again) is error_class
    assert (again.text, again.reason, again.code, again.position) == (
        "Q9 2019/20",
        "no such quarter",
        "bad_quarter",
        1,
    )
    assert str(again) == str(error)


def test_parse_errors_pickle_unquoted():
    """An error showing a repr unquoted still shows it unquoted after pickling."""
    error = PeriodParseError("2019", "must be text, not int", code="not_text", quoted=False)
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert (again.text, again.quoted, str(again)) == ("2019", False, "must be text, not int: 2019")


def test_table_error_message_and_pickle():
    """A table error locates the cell by line and column, and survives pickling."""
    error = TableError("12 bananas", "not a number", code="bad_value", line=7, column="Q1")
    assert str(error) == "line 7, column 'Q1': not a number: '12 bananas'"
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert type(again) is TableError
    assert (again.line, again.column, again.code) == (7, "Q1", "bad_value")
    assert str(again) == str(error)


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        (None, None, "bad: 'x'"),  # nowhere
        (3, None, "line 3: bad: 'x'"),  # line only
        (None, "Target", "column 'Target': bad: 'x'"),  # column only
    ],
)
def test_table_error_location(line, column, message):
    """A table error's message names only the parts of the location it has."""
    assert str(TableError("x", "bad", code="c", line=line, column=column)) == message


@pytest.mark.parametrize("error_class", [CalendarError, UnitError, ScorecardError])
def test_message_errors_carry_a_code(error_class):
    """Calendar, unit and scorecard errors carry their code beside the message."""
    error = error_class("something is wrong", code="some_code")
    assert error.code == "some_code"
    assert str(error) == "something is wrong"


def test_unknown_measure_error():
    """UnknownMeasureError names the reference, without KeyError's extra quotes."""
    error = UnknownMeasureError("CSC999")
    assert error.reference == "CSC999"
    assert error.code == "unknown_measure"
    assert str(error) == "no measure with reference 'CSC999'"
    with pytest.raises(KeyError):
        raise error


def test_base_class_code():
    """The base class has a default code."""
    assert KpiScorecardError.code == "kpi_scorecard_error"


@pytest.mark.parametrize(
    "parse",
    [Band.parse, Profile.parse, Tolerance.parse, CellValue.parse, Target.parse, Period.parse],
)
@pytest.mark.parametrize(
    ("value", "ending"),
    [
        (12, " must be text, not int: 12"),  # a number
        (None, " must be text, not None: None"),  # nothing
        (["<18%"], " must be text, not list: ['<18%']"),  # text inside a list
    ],
)
def test_parsers_refuse_what_is_not_text(parse, value, ending):
    """Every parser refuses a non-text input with a ParseError coded not_text, naming its type."""
    with pytest.raises(ParseError) as caught:
        parse(value)
    assert caught.value.code == "not_text"
    assert caught.value.text == repr(value)
    assert str(caught.value).endswith(ending)
