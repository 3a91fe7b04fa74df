"""Errors and warnings raised by kpi_scorecard.

Every error the library raises on purpose derives from :class:`KpiScorecardError`.
Errors about bad text also derive from :class:`ValueError`, quote the text, give the
position where there is one, and carry a stable ``code`` that programs can test::

    KpiScorecardError
    ├── ParseError (ValueError)               text that is not a valid notation
    │   ├── PeriodParseError                  Period.parse
    │   ├── TargetParseError                  Target.parse
    │   └── ValueParseError                   CellValue.parse
    ├── CalendarError (ValueError)            a period the calendar cannot place
    ├── UnitError (ValueError)                unknown or incompatible units
    ├── ScorecardError (ValueError)           a scorecard that does not hang together
    │   └── UnknownMeasureError (KeyError)    a lookup or entry names no measure
    ├── SpcError (ValueError)                 a series or setting an XmR chart cannot use
    ├── ComparatorError (ValueError)          a figure or setting comparisons cannot use
    ├── FrameSupportError (NotImplementedError)  a dataframe operation not supported yet
    ├── MissingExtraError (ImportError)       an optional package is not installed
    └── TableError (ValueError)               a bad cell in a table, CSV or JSON document,
        │                                     with its line and column
        └── JsonDocumentError                 a JSON document, located by line, character
                                              and member path

    KpiScorecardWarning (UserWarning)
    └── AveragedPercentageWarning             a percentage averaged though numerators exist

Inside pydantic models the same problems surface as a ``pydantic.ValidationError`` whose
error ``type`` is the same stable code. ``UnknownMeasureError`` lives with the scorecard
(``kpi_scorecard.UnknownMeasureError``), ``JsonDocumentError`` with the JSON serializer
(``kpi_scorecard.serializers.json.JsonDocumentError``), ``SpcError`` with the charts
(``kpi_scorecard.spc.SpcError``), ``ComparatorError`` with the comparisons
(``kpi_scorecard.comparators.ComparatorError``). ``MissingExtraError`` is also reachable from the modules
that raise it (``kpi_scorecard.frames``, ``kpi_scorecard.serializers.xlsx``).

Every code is listed, with its meaning and an input that raises it, in :data:`ERROR_CODES`,
from which ``docs/errors.md`` is written (:func:`catalogue_markdown`).
"""

from __future__ import annotations

import sys
import warnings
from types import FrameType
from typing import NamedTuple, TypeVar

__all__ = [
    "ERROR_CODES",
    "AveragedPercentageWarning",
    "CalendarError",
    "ErrorCode",
    "KpiScorecardError",
    "KpiScorecardWarning",
    "MissingExtraError",
    "ParseError",
    "PeriodParseError",
    "ScorecardError",
    "TableError",
    "TargetParseError",
    "UnitError",
    "ValueParseError",
    "catalogue_markdown",
]


class KpiScorecardError(Exception):
    """Base class of every error that kpi_scorecard raises on purpose."""

    code: str = "kpi_scorecard_error"


class ParseError(KpiScorecardError, ValueError):
    """Text that does not follow any notation the parser knows.

    >>> err = ParseError("18%%", "double percent sign", code="bad_number", position=2)
    >>> str(err)
    "double percent sign: '18%%' (at position 2)"
    >>> err.code, err.text, err.position
    ('bad_number', '18%%', 2)

    Given something that is not text at all, a parser says what it was given: ``text`` is
    then the value's ``repr``, shown as it is rather than quoted like typed text
    (``quoted=False``), so that ``2019`` does not read as the text ``'2019'``.

    >>> str(ParseError("2019", "a period label must be text, not int", code="not_text",
    ...                quoted=False))
    'a period label must be text, not int: 2019'
    """

    what: str = "text"

    def __init__(
        self,
        text: str,
        reason: str,
        *,
        code: str,
        position: int | None = None,
        quoted: bool = True,
    ) -> None:
        self.text = text
        self.reason = reason
        self.code = code
        self.position = position
        self.quoted = quoted
        shown = repr(text) if quoted else text
        where = f" (at position {position})" if position is not None else ""
        super().__init__(f"{reason}: {shown}{where}")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword arguments, so errors cross process pools."""
        return (
            _rebuild_parse_error,
            (type(self), self.text, self.reason, self.code, self.position, self.quoted),
        )


_E = TypeVar("_E", bound=ParseError)


def _rebuild_parse_error(
    cls: type[ParseError],
    text: str,
    reason: str,
    code: str,
    position: int | None,
    quoted: bool = True,  # errors pickled before quoted existed were all quoted
) -> ParseError:
    return cls(text, reason, code=code, position=position, quoted=quoted)


def not_text_error(error: type[_E], value: object, what: str) -> _E:
    """The error for a parser given ``value``, which is not text: name its type, show its repr.

    >>> str(not_text_error(ParseError, 2019, "a period label"))
    'a period label must be text, not int: 2019'
    >>> str(not_text_error(ParseError, None, "a target"))
    'a target must be text, not None: None'
    """
    kind = "None" if value is None else type(value).__name__
    return error(repr(value), f"{what} must be text, not {kind}", code="not_text", quoted=False)


class PeriodParseError(ParseError):
    """A period label that cannot be read."""

    what = "period"


class TargetParseError(ParseError):
    """A target written in a notation that cannot be read."""

    what = "target"


class ValueParseError(ParseError):
    """A value cell that cannot be read."""

    what = "value"


class CalendarError(KpiScorecardError, ValueError):
    """A period the calendar cannot place, such as a school term whose dates were not given."""

    def __init__(self, message: str, *, code: str) -> None:
        self.code = code
        super().__init__(message)


class UnitError(KpiScorecardError, ValueError):
    """A unit that is unknown, or that cannot be converted to the measure's unit."""

    def __init__(self, message: str, *, code: str) -> None:
        self.code = code
        super().__init__(message)


class MissingExtraError(KpiScorecardError, ImportError):
    """A feature needs an optional package that is not installed; the message names the extra.

    Raised when a module behind an extra is first used (``kpi_scorecard.frames``,
    ``kpi_scorecard.serializers.xlsx``), never at ``import kpi_scorecard``.

    >>> err = MissingExtraError("kpi_scorecard.frames", "narwhals", "frames")
    >>> print(err)
    kpi_scorecard.frames needs narwhals: pip install 'kpi_scorecard[frames]'
    >>> err.code, err.package, err.extra, isinstance(err, ImportError)
    ('missing_extra', 'narwhals', 'frames', True)
    """

    code = "missing_extra"

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature, self.package, self.extra = feature, package, extra
        super().__init__(
            f"{feature} needs {package}: pip install 'kpi_scorecard[{extra}]'", name=package
        )

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the constructor's arguments, so the error crosses process pools."""
        return (type(self), (self.feature, self.package, self.extra))


class ScorecardError(KpiScorecardError, ValueError):
    """A scorecard whose parts do not fit together (unknown measure, duplicate entry...)."""

    def __init__(self, message: str, *, code: str) -> None:
        self.code = code
        super().__init__(message)


class TableError(KpiScorecardError, ValueError):
    """A bad cell in serialized text, located by line and column.

    >>> err = TableError("12 bananas", "not a number", code="bad_value", line=7, column="Q1")
    >>> str(err)
    "line 7, column 'Q1': not a number: '12 bananas'"
    """

    def __init__(
        self,
        text: str,
        reason: str,
        *,
        code: str,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.text = text
        self.reason = reason
        self.code = code
        self.line = line
        self.column = column
        where = []
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        prefix = ", ".join(where) + ": " if where else ""
        super().__init__(f"{prefix}{reason}: {text!r}")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword arguments, so errors cross process pools."""
        return (
            _rebuild_table_error,
            (self.text, self.reason, self.code, self.line, self.column),
        )


def _rebuild_table_error(
    text: str, reason: str, code: str, line: int | None, column: str | None
) -> TableError:
    return TableError(text, reason, code=code, line=line, column=column)


class KpiScorecardWarning(UserWarning):
    """Base class of the warnings kpi_scorecard issues about risky but legal use."""


class AveragedPercentageWarning(KpiScorecardWarning):
    """A year-to-date percentage was averaged although numerators and denominators exist."""


def warn_caller(message: str, category: type[KpiScorecardWarning]) -> None:
    """Issue a warning that points at the first line outside the library that led to it.

    Counting frames by hand breaks whenever a call path inside the library changes, and
    there are several ways into the same check (``evaluate`` and ``year_to_date``).
    """
    # stacklevel 1 is this function, 2 the frame that called it, and so on outwards.
    level = 2
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("kpi_scorecard"):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, category, stacklevel=level)


# --- the catalogue of error codes -------------------------------------------------------


class ErrorCode(NamedTuple):
    """One stable error code: what it means, an input that raises it, and the error raised.

    ``error`` is the class the example raises there (``ValidationError`` for pydantic's);
    the same code reaches a user of another entry point in that entry point's error: the
    JSON reader's ``JsonDocumentError``, the CSV reader's ``TableError``.

    ``source`` names where the example goes (``Period.parse``, ``csv.loads``, ``table.dumps``
    of a JSON scorecard...); the tests feed each example there and check the code. A code
    that no input reaches (a guard) has no source and says why in its meaning.
    """

    code: str
    error: str
    meaning: str
    source: str
    example: str


# fmt: off
#: Every code the library raises. To add one, add one line (kept in order of code).
ERROR_CODES: tuple[ErrorCode, ...] = (
    ErrorCode('ambiguous_profile', 'TargetParseError', "a profile whose commas could separate weights or group thousands, as in '1,000'", 'Profile.parse', '1,000'),
    ErrorCode('ambiguous_unit', 'ValueParseError', "'m' after a figure, which could be metres or million", 'CellValue.parse', '5m'),
    ErrorCode('ambiguous_year', 'PeriodParseError', 'a single year where the year does not start in January', 'Period.parse', '2019'),
    ErrorCode('ambiguous_year_span', 'PeriodParseError', "a label such as '01/02' that could be a financial year or a day", 'Period.parse', '01/02'),
    ErrorCode('bad_area_code', 'TableError', 'a GSS code that is not a letter and eight digits', 'serializers.comparators.from_csv', 'measure_ref,area,area_code,period,value\nA,Barnet,E0900003,2019/20,27\n'),
    ErrorCode('bad_band', 'ValueParseError', "not a band such as '97-99'", 'Band.parse', '97'),
    ErrorCode('bad_boolean', 'JsonDocumentError', 'in JSON, a yes or no that is not true or false', 'json.loads', '{"kind": "cell_value", "schema_version": 1, "data": {"value": "1", "percent": "yes"}}'),
    ErrorCode('bad_calendar', 'TableError', 'a calendar month that is not a number from 1 to 12', 'csv.loads', 'record,reference,period,year_start_month\nscorecard,,,²\n'),
    ErrorCode('bad_cell_type', 'TableError', 'a cell of rows already split that is not text, a number, a day or None', 'table.load_rows(literal)', '[["Ref", "2019/20"], ["A1", True]]'),
    ErrorCode('bad_change', 'TargetParseError', 'a change target that is not a positive amount', 'Target.parse', '0 per quarter'),
    ErrorCode('bad_comparator_figure', 'ComparatorError', 'a figure given to a comparison that is not a finite number (text, a boolean, NaN)', 'comparators.rank(literal)', "['5', [1, 2], 'higher_is_better']"),
    ErrorCode('bad_comparator_polarity', 'ComparatorError', 'a rank, quartile or band asked for on a neutral measure, or a polarity that is not one', 'comparators.rank(literal)', "[5, [1, 2], 'neutral']"),
    ErrorCode('bad_confidence', 'ComparatorError', 'a confidence level that is not a share between 0 and 1 (95 for 0.95)', 'comparators.byar_interval(literal)', "{'count': 5, 'confidence': 95}"),
    ErrorCode('bad_count', 'ComparatorError', "a negative count given to Byar's interval", 'comparators.byar_interval(literal)', "{'count': -1}"),
    ErrorCode('bad_date', 'JsonDocumentError', 'a date not written YYYY-MM-DD', 'json.loads', '{"kind": "term", "schema_version": 1, "data": {"name": "Autumn", "start": 1567296000, "end": "2019-12-20"}}'),
    ErrorCode('bad_figure', 'FrameError', 'a frame cell where a figure should be that is not a number', 'frames.from_frame(columns)', "{'measure_ref': ['A'], 'period': ['Q1 2019/20'], 'value': ['x']}"),
    ErrorCode('bad_group', 'TableError', 'a comparison group name that is empty or padded with spaces', 'serializers.comparators.from_csv', 'measure_ref,area,period,value,groups\nA,Barnet,2019/20,27,England; \n'),
    ErrorCode('bad_html', 'TableError', 'HTML the standard library parser cannot read, such as a marked section with no name', 'html.loads', '<table><![ td>A1</table>'),
    ErrorCode('bad_integer', 'JsonDocumentError', 'in JSON, a whole number that is not a JSON integer', 'json.loads', '{"kind": "calendar", "schema_version": 1, "data": {"year_start_month": true}}'),
    ErrorCode('bad_marker', 'ValueParseError', 'an unknown status marker in brackets', 'CellValue.parse', '12 [q]'),
    ErrorCode('bad_measure', 'TableError', 'a measure detail read from the table that a measure refuses (no column today can hold one)', '', ''),
    ErrorCode('bad_month', 'PeriodParseError', 'an SDMX month other than 01 to 12', 'Period.parse', '2019-M13'),
    ErrorCode('bad_notation', 'JsonDocumentError', 'in JSON, a notation that is not text or does not match its pattern', 'json.loads', '{"kind": "band", "schema_version": 1, "data": " 97-99"}'),
    ErrorCode('bad_notes', 'TableError', "a report's notes cell that is not a JSON array of strings", 'csv.loads', 'reference,period,status,direction,notes\nA1,Q1 2019/20,red,no_change,[1]\n'),
    ErrorCode('bad_number', 'TableError', 'a number that cannot be read, or in JSON not a string of ASCII digits', 'csv.loads', 'reference,period,value\nA1,Q1 2019/20,NaN\n'),
    ErrorCode('bad_override', 'TableError', 'measures= that tries to change a reference', 'table.loads(measures=reference)', 'Ref\tQ1 2019/20\nA\t1\n'),
    ErrorCode('bad_period', 'FrameError', 'a frame period cell that is not a label, a day or a pandas Period', 'frames.from_frame(columns)', "{'measure_ref': ['A'], 'period': [5], 'value': [1.0]}"),
    ErrorCode('bad_placeholder', 'ValidationError', "words in place of a figure that would not read back as the cell's status", 'CellValue(literal)', "{'status': 'missing', 'placeholder': 'Green'}"),
    ErrorCode('bad_profile', 'ParseError', 'a profile that is not 4 or 12 weights', 'Profile.parse', '1:1:1'),
    ErrorCode('bad_proportion', 'ComparatorError', 'a proportion whose numerator is negative or above its denominator, or whose denominator is not above 0', 'comparators.wilson_interval(literal)', '[6, 5]'),
    ErrorCode('bad_quarter', 'PeriodParseError', 'a quarter other than 1 to 4', 'Period.parse', 'Q5 2019/20'),
    ErrorCode('bad_quoting', 'TableError', 'a table cell with broken quoting', 'table.loads', 'Ref\tQ1 2019/20\nA\t"1\n'),
    ErrorCode('bad_reference', 'TableError', 'a reference the measure refuses (empty, padded or over 64 characters)', 'table.loads', 'Ref\tQ1 2019/20\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\t5\n'),
    ErrorCode('bad_rolling', 'PeriodParseError', 'a rolling window that does not cover whole months', 'Period.parse', 'Rolling 12 months 02/04/2019 - 31/03/2020'),
    ErrorCode('bad_rollup_rule', 'ScorecardError', 'a custom roll-up rule that returned something other than a status', 'roll_up(literal)', "{'by': 'department', 'rule': 'custom:blue'}"),
    ErrorCode('bad_schedule', 'TargetParseError', "targets for several periods not written 'period: target; period: target'", 'Target.parse', 'Q1 2019/20: 5; : 6'),
    ErrorCode('bad_sdmx_period', 'PeriodParseError', 'an SDMX year written other than A1', 'Period.parse', '2019-A2'),
    ErrorCode('bad_spc_settings', 'TableError', "a report row's SPC settings cell that is not a JSON object", 'csv.loads', 'record,reference,period,status,direction,direction_method,spc_settings\nreport,,Q1 2019/20,,,spc,[6]\n'),
    ErrorCode('bad_status', 'TableError', 'a status that is not an observation status, or not an SDMX status letter', 'csv.loads', 'record,reference,period,value,status\nobservation,A,Q1 2019/20,1,fine\n'),
    ErrorCode('bad_status_rule', 'ParseError', "a status rule not written like 'green if met', 'amber if within 5%' or 'red otherwise'", 'StatusRules.parse', 'blue if met; red otherwise'),
    ErrorCode('bad_term', 'TableError', "a term row whose label is not 'Name term YYYY'", 'csv.loads', 'record,reference,period,period_start,period_end\nterm,,Autumn,2019-09-01,2019-12-20\n'),
    ErrorCode('bad_tolerance', 'ParseError', "a tolerance that is not '3%' or '2 points'", 'Tolerance.parse', '3 apples'),
    ErrorCode('bad_value', 'ValueParseError', 'a value cell that is not a figure the library can read', 'CellValue.parse', '12 bananas'),
    ErrorCode('bad_workbook', 'TableError', 'bytes that are not an Excel workbook openpyxl can open', 'xlsx.loads(workbook)', '{"data": b"not a workbook"}'),
    ErrorCode('bad_year_span', 'PeriodParseError', 'a year span that is not two consecutive years', 'Period.parse', '2019/21'),
    ErrorCode('bad_yes_no', 'ValueParseError', "a yes/no figure or target written as a number, or one that is not 1 (Yes) or 0 (No)", 'CellValue.parse', '1 yes_no'),
    ErrorCode('bare_qualifier', 'TargetParseError', "a qualifier such as '(annual)' with no target to qualify", 'Target.parse', '(annual)'),
    ErrorCode('calendar_mismatch', 'TableError', "a period that is not a period of its kind in the scorecard's calendar", 'csv.loads(calendar=July)', 'record,reference,period,year_start_month,academic_year_start_month\nscorecard,,,4,9\n'),
    ErrorCode('contradictory_published_status', 'ValidationError', 'a published status word declared both not known and a rating', 'StatusVocabulary().with_words(literal)', "{'Unclear': ['not_known', 'green']}"),
    ErrorCode('control_character', 'PeriodParseError', 'a control character inside text', 'Period.parse', 'Q1\x00 2019/20'),
    ErrorCode('duplicate_child', 'ValidationError', 'a group of a hierarchy that lists one child twice', 'Hierarchy(literal)', "{'groups': [{'name': 'G', 'children': ['A', 'A']}]}"),
    ErrorCode('duplicate_column', 'TableError', 'a CSV column named twice', 'csv.loads', 'record,reference,period,period\nmeasure,A,,\n'),
    ErrorCode('duplicate_comparator', 'TableError', 'two comparator figures for the same measure, area and period', 'serializers.comparators.from_csv', 'measure_ref,area,period,value\nA,Barnet,2019/20,27\nA,Barnet,2019/20,28\n'),
    ErrorCode('duplicate_group', 'ValidationError', 'two groups of a hierarchy with one name', 'Hierarchy(literal)', "{'groups': [{'name': 'G'}, {'name': 'G'}]}"),
    ErrorCode('duplicate_measure', 'JsonDocumentError', 'two measures with one reference', 'json.loads', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}, {"reference": "A"}]}}'),
    ErrorCode('duplicate_member', 'JsonDocumentError', 'an object names a member twice', 'json.loads', '{"kind": "band", "kind": "band"}'),
    ErrorCode('duplicate_observation', 'JsonDocumentError', 'two observations for one measure and period', 'json.loads', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}], "observations": [{"measure_ref": "A", "period": "Q1 2019/20", "value": "1"}, {"measure_ref": "A", "period": "Q1 2019/20", "value": "2"}]}}'),
    ErrorCode('duplicate_override', 'TableError', "two report rows override one measure's tolerance", 'csv.loads', 'record,reference,period,status,direction,tolerance\noverride,A1,,,,3%\noverride,A1,,,,4%\n'),
    ErrorCode('duplicate_published_word', 'ValidationError', 'a vocabulary that declares one word twice (spellings that differ only in case, spaces or emoji style)', 'StatusVocabulary().with_words(literal)', "{'Done': 'green', 'DONE': 'green'}"),
    ErrorCode('duplicate_reference', 'TableError', 'two rows with one reference', 'table.loads', 'Ref\tQ1 2019/20\nA\t1\nA\t2\n'),
    ErrorCode('duplicate_target', 'JsonDocumentError', 'two targets for one measure and period', 'json.loads', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5"}, {"measure_ref": "A", "period": "2019/20", "target": "6"}]}}'),
    ErrorCode('duplicate_weight', 'ValidationError', 'two roll-up weights for one child and period', 'WeightedScore(literal)', "{'weights': [{'child': 'A', 'period': '2019/20', 'weight': '1'}, {'child': 'A', 'period': '2019/20', 'weight': '2'}]}"),
    ErrorCode('empty_comparator_group', 'ComparatorError', 'a mean or median of no figures', 'comparators.median(literal)', '[]'),
    ErrorCode('empty_document', 'TableError', 'a CSV text with no header row', 'csv.loads', ''),
    ErrorCode('empty_period', 'PeriodParseError', 'a period label is empty', 'Period.parse', ' '),
    ErrorCode('empty_published_word', 'ValidationError', 'a blank published status or trend word', 'StatusVocabulary().with_words(literal)', "{' ': 'green'}"),
    ErrorCode('empty_range', 'TargetParseError', 'a range whose two ends are the same', 'Target.parse', '5-5'),
    ErrorCode('empty_table', 'TableError', 'a table text that holds no table', 'table.loads', ''),
    ErrorCode('figure_out_of_range', 'ValueParseError', 'a figure with over 20 digits before the decimal point or 34 after it, or not finite', 'CellValue.parse', '111111111111111111111'),
    ErrorCode('formula_without_value', 'TableError', 'a workbook formula without a cached value (the workbook was never calculated): a row error', 'xlsx.loads(workbook)', '{"rows": [["Ref", "Q1 2019/20"], ["A1", "=1+1"]]}'),
    ErrorCode('group_cycle', 'ValidationError', 'a group of a hierarchy that contains itself, directly or through others', 'Hierarchy(literal)', "{'groups': [{'name': 'G', 'children': ['H']}, {'name': 'H', 'children': ['G']}]}"),
    ErrorCode('group_is_measure', 'ScorecardError', 'a group of a hierarchy named like a measure of the report', 'roll_up(literal)', "{'by': {'groups': [{'name': 'A', 'children': ['B']}]}}"),
    ErrorCode('header_clash', 'ScorecardError', 'a title that would make the table read with the other delimiter', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"title": "Ref,x", "measures": [{"reference": "A"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5"}]}}'),
    ErrorCode('header_mismatch', 'TableError', 'a repeated header row that differs from the first', 'table.loads', 'Ref\tQ1 2019/20\nA\t1\nRef\tQ2 2019/20\nB\t2\n'),
    ErrorCode('hidden_cells', 'TableError', "a hidden row or column of a workbook holding data; pass hidden='read' or hidden='skip'", 'xlsx.loads(workbook)', '{"rows": [["Ref", "Q1 2019/20"], ["A1", 5]], "hidden_rows": [2]}'),
    ErrorCode('incompatible_unit', 'JsonDocumentError', "a figure in a unit that cannot be converted to the measure's", 'json.loads', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A", "unit": "day"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5 kg"}]}}'),
    ErrorCode('inconsistent_measure', 'TableError', 'rows that give one measure different details', 'csv.loads', 'record,reference,period,title\nmeasure,A,,One\nobservation,A,Q1 2019/20,Two\n'),
    ErrorCode('inconsistent_target', 'TableError', 'rows that give one target period different targets', 'csv.loads', 'record,reference,period,target,target_period\ntarget,A,,5,2019/20\ntarget,A,,6,2019/20\n'),
    ErrorCode('inexact_figure', 'FrameError', 'a typed figure a 64-bit float cannot hold exactly (over 15 significant digits)', 'frames.to_frame(literal)', "{'measures': [{'reference': 'A'}], 'observations': [{'measure_ref': 'A', 'period': 'Q1 2019/20', 'value': '1102098.8246394648'}]}"),
    ErrorCode('invalid_date', 'PeriodParseError', 'a date that is not a real day', 'Period.parse', '31/02/2019 - 31/03/2019'),
    ErrorCode('invalid_json', 'JsonDocumentError', 'not JSON, or NaN or Infinity', 'json.loads', '{'),
    ErrorCode('invalid_period', 'ValidationError', 'a period whose kind and days do not fit together', 'Period(literal)', "{'kind': 'month', 'start': '2019-04-01', 'end': '2019-05-31'}"),
    ErrorCode('kpi_scorecard_error', 'KpiScorecardError', "the base class's code, which no raised error keeps", '', ''),
    ErrorCode('misplaced_commentary', 'ScorecardError', 'commentary on a period other than the latest with a figure', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5"}], "observations": [{"measure_ref": "A", "period": "Q1 2019/20", "value": "1", "commentary": "old"}, {"measure_ref": "A", "period": "Q2 2019/20", "value": "1"}]}}'),
    ErrorCode('misplaced_record', 'TableError', 'a scorecard or report row that is not first, or comes twice', 'csv.loads', 'record,reference,period,value\nobservation,A1,Q1 2019/20,5\nscorecard,,,\n'),
    ErrorCode('missing_area', 'TableError', 'a comparator row with no area', 'serializers.comparators.from_csv', 'measure_ref,area,period,value\nA, ,2019/20,27\n'),
    ErrorCode('missing_cell', 'TableError', 'a report row without a cell it needs', 'csv.loads', 'reference,period,value\n,Q1 2019/20,5\n'),
    ErrorCode('missing_column', 'TableError', 'a required CSV column is missing', 'csv.loads', 'record,reference\nmeasure,A\n'),
    ErrorCode('missing_extra', 'MissingExtraError', "a feature whose optional package is not installed; the message names the extra (pip install 'kpi_scorecard[excel]')", 'xlsx.loads(without openpyxl)', 'b""'),
    ErrorCode('missing_member', 'JsonDocumentError', 'an envelope without kind, schema_version or data', 'json.loads', '{"kind": "band"}'),
    ErrorCode('missing_observation', 'ScorecardError', 'a missing figure the table layout would read back as no observation', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5"}], "observations": [{"measure_ref": "A", "period": "Q1 2019/20", "status": "missing"}, {"measure_ref": "A", "period": "Q2 2019/20", "value": "1"}]}}'),
    ErrorCode('missing_period', 'TableError', 'a long-form table row without its period', 'table.loads', 'Ref\tPeriod\tValue\nA1\t\t5\n'),
    ErrorCode('missing_reference', 'TableError', 'a data row without a reference', 'table.loads', 'Ref\tQ1 2019/20\n\t1\n'),
    ErrorCode('missing_target', 'ScorecardError', 'a measure with no target setting, which the layout cannot write', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}, {"reference": "B"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5"}]}}'),
    ErrorCode('mixed_units', 'TargetParseError', "figures that must share a unit but do not (a range's ends, a schedule's targets), or a figure with two units", 'Target.parse', '5%-6 days'),
    ErrorCode('mojibake', 'TableError', 'UTF-8 text decoded as cp1252', 'table.loads', 'Ref\tMeasure\tQ1 2019/20\nA\tCafÃ©\t1\n'),
    ErrorCode('negative_number', 'TableError', 'a negative numerator or denominator', 'csv.loads', 'record,reference,period,value,numerator,denominator\nobservation,A,Q1 2019/20,1,-1,2\n'),
    ErrorCode('no_as_of', 'TableError', 'a table header or declared period relative to the report, read without as_of=', 'table.loads', 'Ref\tLast quarter\nA1\t5\n'),
    ErrorCode('no_header_row', 'TableError', 'no row has a reference column', 'table.loads', 'Title\nsome\ttext\n'),
    ErrorCode('no_period', 'TableError', 'a table value or year-to-date column whose header names no period, and none declared', 'table.loads', 'Ref\tAchieved\nA1\t5\n'),
    ErrorCode('no_published_words', 'ScorecardError', 'disagreements asked of a report that has no scorecard to read the published words from', 'Report(period).disagreements()', 'Q1 2019/20'),
    ErrorCode('no_reporting_year_start', 'TableError', 'an SDMX reporting period without REPORTING_YEAR_START_DAY where the calendar year does not start in January', 'sdmx.loads', 'DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE\nX,A1,2019-Q1,5\n'),
    ErrorCode('no_sheet', 'TableError', 'a sheet name or index the workbook does not have', 'xlsx.loads(workbook)', '{"rows": [["Ref"]], "sheet": "Data"}'),
    ErrorCode('no_source', 'ScorecardError', 'a report without the scorecard it was made from', 'table.dumps', '{"kind": "report", "schema_version": 1, "data": {"period": "Q1 2019/20"}}'),
    ErrorCode('no_table', 'TableError', 'a page without the <table> asked for (by index, id or caption)', 'html.loads', '<p>No tables here</p>'),
    ErrorCode('no_title_line', 'TableError', "a layout's title line that is not in the table's preamble", 'table.loads(literal)', "{'text': 'Title\\nRef\\t2019/20\\nA1\\t5\\n', 'layout': {'title': 9}}"),
    ErrorCode('non_ascii_digit', 'PeriodParseError', 'a period label written with digits other than 0 to 9', 'Period.parse', 'Q1 ٢٠١٩/20'),
    ErrorCode('not_a_document', 'JsonDocumentError', 'JSON that is not an object', 'json.loads', '[]'),
    ErrorCode('not_a_placeholder', 'ValidationError', "a missing target's words that are not a placeholder such as 'TBC'", 'NoTarget(literal)', "{'text': 'soon'}"),
    ErrorCode('not_in_sdmx', 'ScorecardError', 'targets, measure text or published statuses, which an SDMX data message does not carry; pass observations_only=True', 'sdmx.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A", "title": "Referrals"}]}}'),
    ErrorCode('not_text', 'ParseError', 'a parser was given something that is not text', 'Period.parse(literal)', '2019'),
    ErrorCode('number_too_long', 'JsonDocumentError', 'a JSON number longer than any in a document', 'json.loads', '{"kind": "band", "schema_version": 11111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111, "data": "1-2"}'),
    ErrorCode('orphan_child', 'TableError', 'a roll-up CSV child row that does not follow the row of its group', 'csv.loads', 'record,rule,group,child,status\nchild,,G,A,red\n'),
    ErrorCode('orphan_commentary', 'TableError', 'a face or commentary with no period column to attach it to', 'table.loads', 'Ref\tCommentary\nA\tfine\n'),
    ErrorCode('period_mismatch', 'TableError', 'period_start or period_end that disagree with the period', 'csv.loads', 'record,reference,period,period_start,value\nobservation,A,Q1 2019/20,2019-05-01,1\n'),
    ErrorCode('period_not_expressible', 'ScorecardError', 'a period SDMX-CSV would write as another period (an academic year, a term, a rolling window)', 'sdmx.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}], "observations": [{"measure_ref": "A", "period": "Academic year 2019/20", "value": "5"}]}}'),
    ErrorCode('period_not_in_calendar', 'CalendarError', "a period the document's calendar cannot label", 'json.dumps(literal)', "__import__('kpi_scorecard').Report(calendar={'year_start_month': 7}, period=__import__('kpi_scorecard').Period.parse('2019/20'))"),
    ErrorCode('ragged_row', 'TableError', 'a row with more cells than the header', 'table.loads', 'Ref\tQ1 2019/20\nA\t1\t2\n'),
    ErrorCode('ratio_parts', 'ValidationError', 'a numerator without a denominator, or the reverse', 'Observation(literal)', "{'measure_ref': 'A', 'period': 'Q1 2019/20', 'value': 1, 'numerator': 1}"),
    ErrorCode('repeated_qualifier', 'TargetParseError', "a target given two bases or two periods (a change's 'per' is its basis)", 'Target.parse', '5 (annual) (quarterly)'),
    ErrorCode('reversed_band', 'ValueParseError', 'a band whose high end is not above its low end', 'Band.parse', '99-97'),
    ErrorCode('reversed_range', 'PeriodParseError', 'a date range or rolling window that ends before it starts', 'Period.parse', '01/04/2020 - 31/03/2019'),
    ErrorCode('rollup_out_of_order', 'ValidationError', 'roll-up thresholds or points out of order (amber above green, red points above amber)', 'ShareOnTarget(literal)', "{'green_from': '0.5', 'amber_from': '0.75'}"),
    ErrorCode('row_length', 'TableError', 'a CSV row with more or fewer cells than the header', 'csv.loads', 'record,reference,period\nmeasure,A\n'),
    ErrorCode('rules_and_tolerances', 'ValidationError', 'a rating policy given both status rules and tolerances', 'RagPolicy(literal)', "{'rules': 'red otherwise', 'tolerance': '3%'}"),
    ErrorCode('schedule_entry', 'TargetParseError', 'a period of a schedule with no target, or whose target names a period of its own', 'Target.parse', 'Q1 2019/20: ; Q2 2019/20: 6'),
    ErrorCode('schedule_order', 'TargetParseError', 'a schedule whose periods are out of order or overlap', 'Target.parse', 'Q2 2019/20: 5; Q1 2019/20: 6'),
    ErrorCode('several_target_periods', 'ScorecardError', 'targets set for several periods, and one target column', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5"}, {"measure_ref": "A", "period": "2020/21", "target": "6"}]}}'),
    ErrorCode('span_too_large', 'TableError', "an HTML colspan or rowspan over HTML's limits, or spans spreading a table far beyond the page's size", 'html.loads', '<table><tr><td colspan="1001">x</table>'),
    ErrorCode('spc_bad_rebase', 'SpcError', 'a rebase position outside the series, or a period with no figure', 'spc.xmr(literal)', "{'values': [1, 2, 3], 'rebase': [5]}"),
    ErrorCode('spc_bad_setting', 'SpcError', 'an XmR setting out of range, or periods that do not match the figures', 'spc.xmr(literal)', "{'values': [1, 2, 3], 'trend_length': 1}"),
    ErrorCode('spc_bad_target', 'SpcError', 'an XmR range target that is not a (low, high) pair in order', 'spc.xmr(literal)', "{'values': [1, 2, 3], 'target': (5, 1)}"),
    ErrorCode('spc_bad_value', 'SpcError', 'an XmR figure that is not a finite Decimal or int inside the library limits', 'spc.xmr(literal)', "{'values': [1, 2.5]}"),
    ErrorCode('spc_mixed_measures', 'SpcError', 'an XmR series of observations from more than one measure', 'spc.xmr(literal)', "{'values': [{'measure_ref': 'A', 'period': 'Q1 2019/20', 'value': 1}, {'measure_ref': 'B', 'period': 'Q2 2019/20', 'value': 2}]}"),
    ErrorCode('spc_settings_unused', 'ValidationError', "a rating policy given SPC settings while its direction is read from the change between two figures", 'RagPolicy(literal)', "{'spc': {'run_length': 6}}"),
    ErrorCode('spc_unordered_periods', 'SpcError', 'an XmR series of observations out of period order', 'spc.xmr(literal)', "{'values': [{'measure_ref': 'A', 'period': 'Q2 2019/20', 'value': 1}, {'measure_ref': 'A', 'period': 'Q1 2019/20', 'value': 2}]}"),
    ErrorCode('status_rules_unfinished', 'ParseError', "status rules whose last rule does not apply always ('red otherwise')", 'StatusRules.parse', 'green if met'),
    ErrorCode('target_not_expressible', 'ScorecardError', 'a target whose text would read back as another target (a guard no target reaches)', '', ''),
    ErrorCode('target_not_in_force', 'TableError', 'an observation row whose target cells are not the target in force', 'csv.loads', 'record,reference,period,value,target,target_period\nobservation,A,Q1 2019/20,1,5,2019/20\nobservation,A,Q2 2019/20,1,,\n'),
    ErrorCode('target_period', 'ScorecardError', 'targets set for a period that is not a financial year', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}], "targets": [{"measure_ref": "A", "period": "Q1 2019/20", "target": "5"}]}}'),
    ErrorCode('target_profile', 'ScorecardError', 'a target profile, for which the layout has no column', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A", "aggregation": "sum"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5", "profile": "1:1:1:1"}]}}'),
    ErrorCode('target_type', 'ValidationError', 'a target given as something other than its text', 'TargetSetting(literal)', "{'measure_ref': 'A', 'period': '2019/20', 'target': {'value': 1}}"),
    ErrorCode('too_deep', 'JsonDocumentError', 'arrays and objects nested deeper than any document', 'json.loads', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'),
    ErrorCode('two_comparators', 'TargetParseError', "a threshold with two comparators, as in '<5 or more'", 'Target.parse', '<5 or more'),
    ErrorCode('unbalanced_brackets', 'TargetParseError', 'a target with unbalanced brackets', 'Target.parse', '1900 (cumulative'),
    ErrorCode('unexpected_cell', 'TableError', 'a cell that a row of its record kind leaves empty', 'csv.loads', 'record,reference,period\nscorecard,A,\n'),
    ErrorCode('unexpected_kind', 'JsonDocumentError', 'a document of another kind than the one expected', 'json.loads(expect=Scorecard)', '{"kind": "band", "schema_version": 1, "data": "1-2"}'),
    ErrorCode('unexpected_qualifier', 'ValidationError', 'a basis or period on a target that takes none: no target, not applicable, a schedule, a change', 'NotApplicable(literal)', "{'basis': 'annual'}"),
    ErrorCode('unexpected_unit', 'ValidationError', 'a unit on a target that has no figures', 'NotApplicable(literal)', "{'unit': 'day'}"),
    ErrorCode('unit_mismatch', 'TableError', "a figure whose unit is not its measure's", 'table.loads', 'Ref\tMeasure\tQ1 2019/20\tTarget 2019/20\nA1\tReferrals\t5\t6 weeks\n'),
    ErrorCode('unit_too_long', 'ValidationError', 'a unit name over 64 characters', 'Measure(unit)', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
    ErrorCode('unknown_benchmark', 'ValidationError', "a benchmark the library does not know, or the wrong relation to it ('in' the top quartile, 'better than' an average)", 'BenchmarkTarget(literal)', "{'relation': 'better than', 'benchmark': 'the moon'}"),
    ErrorCode('unknown_child', 'ScorecardError', 'a group of a hierarchy naming neither a group nor a measure of the report', 'roll_up(literal)', "{'by': {'groups': [{'name': 'G', 'children': ['Z']}]}}"),
    ErrorCode('unknown_column', 'TableError', 'a CSV column the file kind does not have', 'csv.loads', 'record,reference,period,colour\nmeasure,A,,\n'),
    ErrorCode('unknown_group_field', 'ScorecardError', 'a roll-up grouped by something that is not a measure field it can group by', 'roll_up(literal)', "{'by': 'colour'}"),
    ErrorCode('unknown_kind', 'JsonDocumentError', 'a kind the format does not have', 'json.loads', '{"kind": "chart", "schema_version": 1, "data": {}}'),
    ErrorCode('unknown_meaning', 'ParseError', 'a word declared with a meaning that is not a status or trend meaning', 'StatusVocabulary().with_words(literal)', "{'Blue': 'blue'}"),
    ErrorCode('unknown_measure', 'JsonDocumentError', 'an entry or a lookup names a measure the scorecard does not have', 'json.loads', '{"kind": "scorecard", "schema_version": 1, "data": {"observations": [{"measure_ref": "A", "period": "Q1 2019/20", "value": "1"}]}}'),
    ErrorCode('unknown_member', 'JsonDocumentError', 'an envelope member the format does not have', 'json.loads', '{"kind": "band", "schema_version": 1, "data": "1-2", "extra": 1}'),
    ErrorCode('unknown_month', 'PeriodParseError', 'a date with a month name the library does not know', 'Period.parse', '1 Smarch 2019 - 31 March 2020'),
    ErrorCode('unknown_not_rated', 'ScorecardError', "a roll-up told to treat children not rated other than 'leave_out' or 'count_as_red'", 'roll_up(literal)', "{'by': 'department', 'not_rated': 'ignore'}"),
    ErrorCode('unknown_period', 'PeriodParseError', 'not a period label the library knows', 'Period.parse', 'Quarter Z'),
    ErrorCode('unknown_polarity', 'TableError', 'a polarity cell that is not one of the polarity words', 'table.loads', 'Ref\tGood is\t2019/20\nA1\tsideways\t5\n'),
    ErrorCode('unknown_published_status', 'ParseError', 'a published status word the vocabulary does not know', 'StatusVocabulary().parse', 'Purple'),
    ErrorCode('unknown_published_trend', 'ParseError', 'a published direction-of-travel word the vocabulary does not know', 'TrendVocabulary().parse', 'Sideways'),
    ErrorCode('unknown_qualifier', 'TargetParseError', 'words in brackets after a target that are neither a basis nor a period', 'Target.parse', '5 (roughly)'),
    ErrorCode('unknown_record', 'TableError', 'a record kind the CSV file does not have', 'csv.loads', 'record,reference,period\nchart,A,\n'),
    ErrorCode('unknown_reference', 'TableError', 'measures= names a reference that is not in the table', 'table.loads(measures=unknown)', 'Ref\tQ1 2019/20\nA\t1\n'),
    ErrorCode('unknown_target', 'TargetParseError', 'not a target notation the library knows', 'Target.parse', 'about 18'),
    ErrorCode('unknown_target_period', 'TableError', 'a target header that names no year, with no period column', 'table.loads', 'Ref\tTarget\nA\t5\n'),
    ErrorCode('unknown_term', 'PeriodParseError', 'a term the calendar has no dates for', 'Period.parse', 'Autumn term 2019'),
    ErrorCode('unknown_unit', 'ValidationError', 'a unit name that is empty or that pint does not know', 'Measure(unit)', 'furlongs per fortnight squared bananas'),
    ErrorCode('unnamed_column', 'TableError', 'a cell under an empty header', 'table.loads', 'Ref\t\tQ1 2019/20\nA\tx\t1\n'),
    ErrorCode('unreachable_status_rule', 'ParseError', 'a status rule after one that applies always, so it never applies', 'StatusRules.parse', 'green otherwise; red otherwise'),
    ErrorCode('unsupported_backend', 'FrameSupportError', 'to_frame asked for a backend other than pandas, polars or pyarrow', 'frames.to_frame(backend)', 'dask'),
    ErrorCode('unsupported_format', 'TableError', 'a workbook number format the reader cannot show as the spreadsheet would (scientific, fraction, time of day)', 'xlsx.loads(workbook)', '{"rows": [["Ref", "Q1 2019/20"], ["A1", 1234.5]], "formats": {"B2": "0.00E+00"}}'),
    ErrorCode('unsupported_period', 'PeriodParseError', 'an SDMX half year, which is not a period kind here', 'Period.parse', '2019-S1'),
    ErrorCode('unsupported_policy', 'FrameSupportError', 'evaluate_frame given a policy that rates by status rules (evaluate does)', 'frames.evaluate_frame(policy)', "{'rules': 'green if met; amber if improving; red otherwise'}"),
    ErrorCode('unsupported_table', 'FrameSupportError', 'to_frame asked for a table other than observations, measures or targets', 'frames.to_frame(table)', 'budgets'),
    ErrorCode('unsupported_target', 'FrameSupportError', 'a target kind evaluate_frame has no rule for yet (evaluate rates it)', 'frames.evaluate_frame(target)', 'Increase'),
    ErrorCode('unsupported_unit', 'TargetParseError', 'a unit pint knows but a target or value cell cannot be written in', 'Target.parse', '5 meter per second'),
    ErrorCode('unsupported_version', 'JsonDocumentError', 'a schema_version this library does not read', 'json.loads', '{"kind": "band", "schema_version": 2, "data": "1-2"}'),
    ErrorCode('unwritable_text', 'ScorecardError', 'text the table reader would not give back unchanged', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A", "title": "CafÃ©"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5"}]}}'),
    ErrorCode('value_is_text', 'ValueParseError', 'words where a figure should be, other than words saying why there is none', 'CellValue.parse', 'see commentary'),
    ErrorCode('value_missing', 'ValidationError', 'no figure, and a status that does not say why', 'Observation(literal)', "{'measure_ref': 'A', 'period': 'Q1 2019/20', 'status': 'normal'}"),
    ErrorCode('value_not_expressible', 'ScorecardError', 'a cumulative figure without a figure, which a table cannot write', 'table.dumps', '{"kind": "scorecard", "schema_version": 1, "data": {"measures": [{"reference": "A"}], "targets": [{"measure_ref": "A", "period": "2019/20", "target": "5"}], "observations": [{"measure_ref": "A", "period": "Q1 2019/20", "status": "missing", "cumulative": "3"}]}}'),
    ErrorCode('value_present', 'ValidationError', 'a figure with a status that says it is missing', 'Observation(literal)', "{'measure_ref': 'A', 'period': 'Q1 2019/20', 'value': 1, 'status': 'missing'}"),
    ErrorCode('wrong_delimiter', 'TableError', 'a comma-separated table row of one cell holding tabs', 'table.loads', 'Ref,Q1 2019/20\nA1\t5\n'),
    ErrorCode('wrong_kind', 'TargetParseError', 'a target of another kind than the class asked for', 'RangeTarget.parse', '<18%'),
    ErrorCode('year_out_of_range', 'PeriodParseError', 'a period outside the years 1000 to 9999', 'Period.parse', '9999/00'),
    ErrorCode('yes_no_aggregation', 'ValidationError', 'a yes/no measure aggregated by sum, mean, ratio or running total', 'Measure(literal)', "{'reference': 'A', 'unit': 'yes_no', 'aggregation': 'sum'}"),
)
# fmt: on


def catalogue_markdown() -> str:
    """The page ``docs/errors.md``: every code, its class, its meaning and an example.

    >>> catalogue_markdown().splitlines()[0]
    '# Errors'
    """
    lines = [
        "# Errors",
        "",
        "<!-- Written from kpi_scorecard._errors.ERROR_CODES by docs/write_errors_page.py;"
        " edit the catalogue, not this page. -->",
        "",
        "Every error kpi_scorecard raises on purpose carries a stable `code`; inside pydantic",
        "models the same code is the validation error's `type`. The JSON and CSV readers also",
        "pass on pydantic's own types (`missing`, `extra_forbidden`, `enum`,",
        "`greater_than_equal`...) for a member of the wrong shape.",
        "",
        "| code | error | meaning | example input |",
        "|---|---|---|---|",
    ]
    for entry in ERROR_CODES:
        example = f"`{entry.source}`: {_code(entry.example)}" if entry.source else "–"
        lines.append(f"| `{entry.code}` | `{entry.error}` | {_cell(entry.meaning)} | {example} |")
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """An example as inline code; markup a Markdown reader would take for HTML is escaped.

    A code span (backticks) is not enough for ``<![``: the docs' Markdown reader scans raw
    HTML before it reads code spans, so such an example is written as escaped ``<code>``.

    >>> _code("5%"), _code("<![ td>")
    ('`5%`', '<code>&lt;![ td&gt;</code>')
    """
    shown = _cell(text)
    if "<!" not in shown:
        return f"`{shown}`"
    return (
        "<code>" + shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</code>"
    )


def _cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, pipes and backticks escaped."""
    shown = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    if len(shown) > 120:
        shown = shown[:119] + "…"
    return shown.replace("|", "\\|").replace("`", "'")
