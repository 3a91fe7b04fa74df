import datetime as dt
import io
import pickle
import sys
from decimal import Decimal

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


# parser, the error it raises, a value that is not text, the message
# fmt: off
NOT_TEXT = [
    (Period.parse, PeriodParseError, None,
     "a period label must be text, not None: None"),  # nothing
    (Period.parse, PeriodParseError, 2019,
     "a period label must be text, not int: 2019"),  # a year as a number
    (Period.parse, PeriodParseError, dt.date(2019, 4, 1),
     "a period label must be text, not date: datetime.date(2019, 4, 1)"),  # a day
    (Target.parse, TargetParseError, None,
     "a target must be text, not None: None"),  # nothing
    (Target.parse, TargetParseError, 18,
     "a target must be text, not int: 18"),  # a number
    (Target.parse, TargetParseError, Decimal(18),
     "a target must be text, not Decimal: Decimal('18')"),  # an exact number
    (Target.parse, TargetParseError, ["<18%"],
     "a target must be text, not list: ['<18%']"),  # text inside a list
    (Profile.parse, TargetParseError, None,
     "a profile must be text, not None: None"),  # nothing
    (Profile.parse, TargetParseError, 1,
     "a profile must be text, not int: 1"),  # a number
    (Profile.parse, TargetParseError, (1, 1, 2, 2),
     "a profile must be text, not tuple: (1, 1, 2, 2)"),  # the weights themselves
    (CellValue.parse, ValueParseError, None,
     "a value cell must be text, not None: None"),  # nothing
    (CellValue.parse, ValueParseError, 1462,
     "a value cell must be text, not int: 1462"),  # a number
    (CellValue.parse, ValueParseError, Decimal("23.5"),
     "a value cell must be text, not Decimal: Decimal('23.5')"),  # an exact number
    (Band.parse, ValueParseError, None,
     "a band must be text, not None: None"),  # nothing
    (Band.parse, ValueParseError, 97,
     "a band must be text, not int: 97"),  # a number
    (Band.parse, ValueParseError, (97, 99),
     "a band must be text, not tuple: (97, 99)"),  # two ends
    (Tolerance.parse, ParseError, 3,
     "a tolerance must be text, not int: 3"),  # a number
    (Tolerance.parse, ParseError, Decimal("0.03"),
     "a tolerance must be text, not Decimal: Decimal('0.03')"),  # an exact share
    (Tolerance.parse, ParseError, None,
     "a tolerance must be text, not None: None"),  # nothing
    (Tolerance.parse, ParseError, b"3%",
     "a tolerance must be text, not bytes: b'3%'"),  # undecoded bytes
]
# fmt: on


@pytest.mark.parametrize(("parse", "error", "value", "message"), NOT_TEXT)
def test_parsers_refuse_what_is_not_text(parse, error, value, message):
    """Every parser refuses a non-text input with its own error coded not_text, naming its type.

    The message shows the value's repr unquoted, so a number does not read as text.
    """
    with pytest.raises(ParseError) as caught:
        parse(value)
    assert type(caught.value) is error
    assert caught.value.code == "not_text"
    assert caught.value.text == repr(value)
    assert str(caught.value) == message


# --- the catalogue of codes -------------------------------------------------------------

from pathlib import Path  # noqa: E402 - the catalogue tests' own imports

import pydantic  # noqa: E402

import kpi_scorecard  # noqa: E402
from kpi_scorecard import (  # noqa: E402
    BenchmarkTarget,
    Calendar,
    Measure,
    NoTarget,
    Observation,
    RagPolicy,
    Report,
    Scorecard,
    StatusRules,
    StatusVocabulary,
    TrendVocabulary,
    evaluate,
    spc,
)
from kpi_scorecard._errors import ERROR_CODES, catalogue_markdown  # noqa: E402
from kpi_scorecard._scorecard import TargetSetting  # noqa: E402
from kpi_scorecard._target import NotApplicable, RangeTarget  # noqa: E402
from kpi_scorecard.serializers import csv, html, json, sdmx, table, xlsx  # noqa: E402
from optional import require  # noqa: E402
from raised_codes import codes_in, raised_codes  # noqa: E402

ERRORS_PAGE = Path(__file__).parents[1] / "docs" / "errors.md"
# Codes no input reaches: the base class's own, and guards (their meaning says why).
UNREACHABLE = {"kpi_scorecard_error", "bad_measure", "target_not_expressible"}
JULY = Calendar(year_start_month=7)


def _literal(text):
    return eval(text, {"kpi_scorecard": kpi_scorecard})  # noqa: S307 - the catalogue's own examples


def _table_loads(text, layout=None, **options):
    """table.loads with a layout given as plain data, as a catalogue example writes it."""
    return table.loads(text, layout=table.Layout.model_validate(layout or {}), **options)


def _xlsx_loads(spec):
    """xlsx.loads of a workbook openpyxl writes from a catalogue example's rows and settings."""
    openpyxl = require("openpyxl")
    if "data" in spec:
        return xlsx.loads(spec["data"])
    book = openpyxl.Workbook()
    for row in spec["rows"]:
        book.active.append(row)
    for coordinate, fmt in spec.get("formats", {}).items():
        book.active[coordinate].number_format = fmt
    for index in spec.get("hidden_rows", ()):
        book.active.row_dimensions[index].hidden = True
    out = io.BytesIO()
    book.save(out)
    return xlsx.loads(out.getvalue(), sheet=spec.get("sheet"))


def _without_openpyxl(data):
    """xlsx.loads where openpyxl cannot be imported, as where the extra is not installed."""
    saved = sys.modules.get("openpyxl")
    sys.modules["openpyxl"] = None
    try:
        return xlsx.loads(data)
    finally:
        if saved is None:
            del sys.modules["openpyxl"]
        else:
            sys.modules["openpyxl"] = saved


def _xmr(arguments):
    """spc.xmr on a catalogue example: its figures or observations (as dicts) and settings."""
    values = [
        Observation.model_validate(value) if isinstance(value, dict) else value
        for value in arguments.pop("values")
    ]
    return spc.xmr(values, polarity="neutral", **arguments)


def _frames():
    """kpi_scorecard.frames and pandas, for the catalogue's frame examples (the frames step)."""
    return pytest.importorskip("kpi_scorecard.frames"), pytest.importorskip("pandas")


def _rate_frame(target):
    """evaluate_frame on one observation of a measure with ``target`` for 2019/20."""
    frames, pandas = _frames()
    card = Scorecard(
        measures=[Measure(reference="A", polarity="higher_is_better")],
        targets=[TargetSetting(measure_ref="A", period="2019/20", target=target)],
    )
    rows = pandas.DataFrame({"measure_ref": ["A"], "period": ["Q1 2019/20"], "value": [1.0]})
    return frames.evaluate_frame(rows, card)


def _roll_up(arguments):
    """roll_up of a two-measure report (A and B, both in department X) with literal arguments.

    ``by`` given as a dict is a Hierarchy; ``rule`` written ``custom:<value>`` is a custom
    rule returning that value.
    """
    card = Scorecard(
        measures=[Measure(reference="A", department="X"), Measure(reference="B", department="X")]
    )
    by = arguments.pop("by")
    if isinstance(by, dict):
        by = kpi_scorecard.Hierarchy.model_validate(by)
    rule = arguments.pop("rule", None)
    if rule is not None:
        value = rule.removeprefix("custom:")
        rule = kpi_scorecard.CustomRule(name="custom", function=lambda _children: value)
    return kpi_scorecard.roll_up(evaluate(card, "Q1 2019/20"), by, rule, **arguments)


SOURCES = {
    "frames.from_frame(columns)": lambda text: _frames()[0].from_frame(
        _frames()[1].DataFrame(_literal(text))
    ),
    "frames.to_frame(literal)": lambda text: _frames()[0].to_frame(
        Scorecard.model_validate(_literal(text))
    ),
    "frames.to_frame(backend)": lambda text: _frames()[0].to_frame(Scorecard(), backend=text),
    "frames.to_frame(table)": lambda text: _frames()[0].to_frame(Scorecard(), table=text),
    "frames.evaluate_frame(target)": _rate_frame,
    "Period.parse": Period.parse,
    "Period.parse(literal)": lambda text: Period.parse(_literal(text)),
    "Period(literal)": lambda text: Period.model_validate(_literal(text)),
    "Target.parse": Target.parse,
    "RangeTarget.parse": RangeTarget.parse,
    "TargetSetting(literal)": lambda text: TargetSetting.model_validate(_literal(text)),
    "NotApplicable(literal)": lambda text: NotApplicable.model_validate(_literal(text)),
    "NoTarget(literal)": lambda text: NoTarget.model_validate(_literal(text)),
    "BenchmarkTarget(literal)": lambda text: BenchmarkTarget.model_validate(_literal(text)),
    "CellValue.parse": CellValue.parse,
    "CellValue(literal)": lambda text: CellValue.model_validate(_literal(text)),
    "Band.parse": Band.parse,
    "Profile.parse": Profile.parse,
    "Tolerance.parse": Tolerance.parse,
    "StatusRules.parse": StatusRules.parse,
    "RagPolicy(literal)": lambda text: RagPolicy.model_validate(_literal(text)),
    "StatusVocabulary().parse": StatusVocabulary().parse,
    "TrendVocabulary().parse": TrendVocabulary().parse,
    "StatusVocabulary().with_words(literal)": lambda text: StatusVocabulary().with_words(
        _literal(text)
    ),
    "Report(period).disagreements()": lambda text: Report(period=text).disagreements(),
    "roll_up(literal)": lambda text: _roll_up(_literal(text)),
    "Hierarchy(literal)": lambda text: kpi_scorecard.Hierarchy.model_validate(_literal(text)),
    "ShareOnTarget(literal)": lambda text: kpi_scorecard.ShareOnTarget.model_validate(
        _literal(text)
    ),
    "WeightedScore(literal)": lambda text: kpi_scorecard.WeightedScore.model_validate(
        _literal(text)
    ),
    "spc.xmr(literal)": lambda text: _xmr(_literal(text)),
    "Measure(unit)": lambda text: Measure(reference="A", unit=text),
    "Measure(literal)": lambda text: Measure.model_validate(_literal(text)),
    "Observation(literal)": lambda text: Observation.model_validate(_literal(text)),
    "Scorecard(literal)": lambda text: Scorecard.model_validate(_literal(text)),
    "json.loads": json.loads,
    "json.loads(expect=Scorecard)": lambda text: json.loads(text, expect=Scorecard),
    "json.dumps(literal)": lambda text: json.dumps(_literal(text)),
    "csv.loads": csv.loads,
    "csv.loads(calendar=July)": lambda text: csv.loads(text, calendar=JULY),
    "table.loads": table.loads,
    "table.loads(measures=reference)": lambda text: table.loads(
        text, measures={"A": {"reference": "B"}}
    ),
    "table.loads(measures=unknown)": lambda text: table.loads(text, measures={"Z": {"title": "x"}}),
    "table.dumps": lambda text: table.dumps(json.loads(text)),
    "table.loads(literal)": lambda text: _table_loads(**_literal(text)),
    "table.load_rows(literal)": lambda text: table.load_rows(_literal(text)),
    "xlsx.loads(workbook)": lambda text: _xlsx_loads(_literal(text)),
    "xlsx.loads(without openpyxl)": lambda text: _without_openpyxl(_literal(text)),
    "html.loads": html.loads,
    "sdmx.loads": sdmx.loads,
    "sdmx.dumps": lambda text: sdmx.dumps(json.loads(text)),
}
REACHED = [entry for entry in ERROR_CODES if entry.source]


def _raised(entry):
    try:
        SOURCES[entry.source](entry.example)
    except pydantic.ValidationError as exc:
        return "ValidationError", exc.errors()[0]["type"]
    except KpiScorecardError as exc:
        return exc, exc.code
    return None, None


@pytest.mark.parametrize(
    "entry",
    [
        # The dataframe examples need the frames extra: they run in the frames step.
        pytest.param(entry, marks=pytest.mark.frames, id=entry.code)
        if entry.source.startswith("frames.")
        else pytest.param(entry, id=entry.code)
        for entry in REACHED
    ],
)
def test_every_catalogued_code_is_raised_by_its_example(entry):
    """Each catalogue entry's example input, fed to its source, raises that code and class."""
    error, code = _raised(entry)
    assert code == entry.code
    if entry.error == "ValidationError":
        assert error == "ValidationError"
    else:
        assert entry.error in {cls.__name__ for cls in type(error).__mro__}


# a module's source, the codes the scanner must find in it (and nothing else)
# fmt: off
SCANNED = [
    ("raise ParseError(t, r, code='bad_x')", {"bad_x"}),  # a code= keyword
    ("raise PydanticCustomError('bad_x', 'm')", {"bad_x"}),  # pydantic's code argument
    ("class E(Exception):\n    code = 'bad_x'", {"bad_x"}),  # a class's code attribute
    ("class E(Exception):\n    def __init__(self, c):\n        self.r, self.code = 'r', c\n"
     "raise E('bad_x')", {"bad_x"}),  # an error's __init__ that stores its code
    ("def f(t, code):\n    return ParseError(t, 'r', code=code)\nraise f(t, 'bad_x')",
     {"bad_x"}),  # a helper taking the code by position
    ("def f(t, code):\n    return ParseError(t, 'r', code=code)\nraise f(t, code='bad_x')",
     {"bad_x"}),  # ... or by keyword
    ("class V:\n    def m(self, c):\n        raise E(code=c)\n    def n(self):\n"
     "        self.m('bad_x')", {"bad_x"}),  # a method: self is not among the arguments
    ("def look(t):\n    if t:\n        return None, 'r', 'bad_x'\n    return t, '', ''\n"
     "name, reason, code = look(t)\nraise E(reason, code=code)",
     {"bad_x"}),  # a code unpacked from the tuples a function returns, not its empty ones
    ("def problem(t):\n    return 'bad_x', 'r'\np = problem(t)\nraise E(p[1], code=p[0])",
     {"bad_x"}),  # an element of a returned pair, and not the reason beside it
    ("code, column = ('bad_x', 'Ref') if t else ('bad_y', None)\nraise E(code=code)",
     {"bad_x", "bad_y"}),  # unpacked from a choice of tuples, not the column beside it
    ("code = 'bad_x' if t else 'bad_y'\nraise E(code=code)", {"bad_x", "bad_y"}),  # a choice
    ("def f():\n    code = 'bad_x'\n    def g():\n        raise E(code=code)",
     {"bad_x"}),  # a variable of the enclosing function
    ("raise E(t, code=exc.code)\nreason = 'not_a_code'", set()),  # a caught error's code
    ("def f(t, reason):\n    raise E(t, reason, code='bad_x')\nf(t, 'not_a_code')",
     {"bad_x"}),  # a helper's other arguments are not codes
]
# fmt: on


@pytest.mark.parametrize(("source", "codes"), SCANNED)
def test_the_scanner_follows_codes_to_the_error(source, codes):
    """The scanner finds a code however it reaches an error, and only codes."""
    assert set(codes_in({"m.py": source})) == codes


def test_every_code_raised_in_the_source_is_catalogued():
    """Every code the source raises is catalogued; a failure lists the missing codes."""
    raised = raised_codes()
    missing = sorted(set(raised) - {entry.code for entry in ERROR_CODES})
    assert not missing, "not in kpi_scorecard._errors.ERROR_CODES: " + ", ".join(
        f"{code} ({raised[code][0]})" for code in missing
    )


def test_every_catalogued_code_is_raised_in_the_source():
    """The catalogue lists no code that the source no longer raises."""
    stale = sorted({entry.code for entry in ERROR_CODES} - set(raised_codes()))
    assert not stale, "catalogued but never raised: " + ", ".join(stale)


def test_the_catalogue_is_sorted_and_has_one_entry_per_code():
    """One line per code, in order of code, so an added line has one right place."""
    codes = [entry.code for entry in ERROR_CODES]
    assert codes == sorted(set(codes))


def test_only_the_known_guards_have_no_example():
    """An entry without an example is the base class's code or a guard no input reaches."""
    assert {entry.code for entry in ERROR_CODES if not entry.source} == UNREACHABLE


def test_the_errors_page_is_the_generated_one():
    """docs/errors.md is what catalogue_markdown() writes (python docs/write_errors_page.py)."""
    assert ERRORS_PAGE.read_text(encoding="utf-8") == catalogue_markdown()
