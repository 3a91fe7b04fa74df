"""Tidy CSV: one row per observation of a scorecard, or per assessment of a report.

The text is RFC 4180 CSV in UTF-8: a header row of column names, comma separators,
``CRLF`` line ends, and double quotes around cells holding commas, quotes or line breaks.
Reading also accepts a UTF-8 byte order mark, ``LF`` line ends and the columns in any
order (only ``reference`` and ``period`` are required, and a report's ``status`` and
``direction``).

**A scorecard** is written as one row per observation, with the measure's reference and
descriptive columns, the period's label and first and last day, the value (an exact
number, or a band ``97-99``), unit, status, cumulative figure, numerator and denominator,
the target in force with its period and profile, the published status and the
commentary. So that nothing is lost, the first column, ``record``, says what each row
holds, and the observation rows follow:

- one ``scorecard`` row: the title, and the calendar's ``year_start_month`` and
  ``academic_year_start_month``;
- a ``term`` row per school term of the calendar: its label, first and last day;
- a ``measure`` row per measure, in order, so that measures without observations are kept;
- a ``target`` row per target setting, in order, so that targets no observation falls
  under are kept;
- an ``observation`` row per observation, in order.

Filter on ``record == "observation"`` for the tidy table. The scorecard and term rows
come before any row with a period. On reading, every row must agree with the others: an
observation row's measure cells must be those of the measure's first row, and its target
cells must name the target in force for its period (the most specific setting whose
period holds it). A file without a ``record`` column is all observation rows; measures and
targets are then read from them, and missing columns take the model's defaults.
``loads(dumps(card, spreadsheet_safe=False)) == card`` for every scorecard.

Reading is fast: each distinct period, target and measure is read once per load; the
checks validating the model would make are made on each row directly, and the objects
are then built without validating them again; the cyclic garbage collector is paused
while reading (the rows make no reference cycles) and restored after.

**A report** is written as one ``report`` row (title, period, tolerances, comparison,
calendar), the ``term`` rows, an ``override`` row per measure with its own tolerance, and an
``assessment`` row per assessment: reference, period and days, value, quality, target and
its period, rated value, due, RAG status, margin, explanation, direction, comparison,
change, year to date, forecast and notes (a JSON array). ``title`` and ``unit`` describe the
measure when the scorecard is given to :func:`dumps`; they are not part of a report and
are not read back. ``loads`` reads a report back equal, provided an assessment's
``target`` and ``target_period`` are both given or both missing (an empty target with a
target period reads as :class:`~kpi_scorecard.NoTarget`), as :func:`~kpi_scorecard.evaluate`
always makes them.

**A roll-up** (:func:`~kpi_scorecard.roll_up`) is written as one ``roll_up`` row (title,
period, ``by``, ``rule``, ``not_rated_children``, calendar), the ``term`` rows, then for
each group a ``group`` row (status, the counts of its children by status, share, score,
explanation) followed by a ``child`` row per child (its name, ``kind``, status, weight and
score); a child row names its group, which is the group row above it. ``loads`` reads it
back equal.

**Spreadsheets** run a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula, so by default free-text cells (reference, titles, names, notes,
published status, commentary, explanations) starting with one are prefixed with a single
quote, as OWASP recommends against CSV injection. Numbers, periods, dates, targets and
other typed cells are never changed. ``spreadsheet_safe=False`` writes the raw text,
which reads back exactly.

>>> from kpi_scorecard import Measure, Observation, Scorecard
>>> card = Scorecard(measures=[Measure(reference="A1", title="=1+1")],
...                  observations=[Observation(measure_ref="A1", period="Q1 2019/20", value=5)])
>>> text = dumps(card)
>>> text.splitlines()[-1]
"observation,A1,'=1+1,,,,,,,,neutral,latest,,Q1 2019/20,2019-04-01,2019-06-30,5,count,normal,,,,,,,,,,,"
>>> loads(dumps(card, spreadsheet_safe=False)) == card
True
"""  # noqa: E501

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Iterable
from typing import IO, Any, Literal, overload

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._collector import collector_paused
from kpi_scorecard._errors import TableError
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard.evaluation import Report, RollUp
from kpi_scorecard.serializers._accounting import LoadResult

from ._csv_columns import REPORT_COLUMNS, ROLLUP_COLUMNS, SCORECARD_COLUMNS
from ._csv_columns import describe as _describe
from ._csv_read import header_and_rows, lines_of
from ._csv_report import ReportReader
from ._csv_rollup import RollUpReader, rollup_rows
from ._csv_scorecard import ScorecardReader
from ._csv_write import report_rows, scorecard_rows

__all__ = [
    "REPORT_COLUMNS",
    "ROLLUP_COLUMNS",
    "SCORECARD_COLUMNS",
    "LoadResult",
    "describe",
    "dump",
    "dumps",
    "load",
    "loads",
]


# --- writing ----------------------------------------------------------------------------


def dump(
    obj: Scorecard | Report | RollUp,
    stream: IO[str],
    *,
    spreadsheet_safe: bool = True,
    scorecard: Scorecard | None = None,
) -> None:
    """Write a scorecard or report as CSV to a text stream the caller opened.

    Open files with ``newline=""``, as for the :mod:`csv` module, so that line ends are
    written as they are. For a report, ``scorecard`` fills the ``title`` and ``unit``
    columns from its measures.
    """
    writer = _csv.writer(stream, lineterminator="\r\n")
    if isinstance(obj, Scorecard):
        writer.writerows(scorecard_rows(obj, spreadsheet_safe=spreadsheet_safe))
    elif isinstance(obj, Report):
        rows = report_rows(obj, spreadsheet_safe=spreadsheet_safe, scorecard=scorecard)
        writer.writerows(rows)
    elif isinstance(obj, RollUp):
        writer.writerows(rollup_rows(obj, spreadsheet_safe=spreadsheet_safe))
    else:
        msg = f"CSV holds a Scorecard, a Report or a RollUp, not a {type(obj).__name__}"
        raise TypeError(msg)


def dumps(
    obj: Scorecard | Report | RollUp,
    *,
    spreadsheet_safe: bool = True,
    scorecard: Scorecard | None = None,
) -> str:
    """Write a scorecard or report as CSV text; see the module documentation.

    >>> from kpi_scorecard import Scorecard
    >>> dumps(Scorecard(title="Children")).splitlines()[1]
    'scorecard,,Children,,,,,,,,,,,,,,,,,,,,,,,,,,4,9'
    """
    out = io.StringIO(newline="")
    dump(obj, out, spreadsheet_safe=spreadsheet_safe, scorecard=scorecard)
    return out.getvalue()


# --- reading ----------------------------------------------------------------------------


@overload
def loads(
    text: str, *, calendar: Calendar = ..., lenient: Literal[False] = False
) -> Scorecard | Report | RollUp: ...
@overload
def loads(
    text: str, *, calendar: Calendar = ..., lenient: Literal[False] = False, expect: type[Scorecard]
) -> Scorecard: ...
@overload
def loads(
    text: str, *, calendar: Calendar = ..., lenient: Literal[False] = False, expect: type[Report]
) -> Report: ...
@overload
def loads(
    text: str, *, calendar: Calendar = ..., lenient: Literal[False] = False, expect: type[RollUp]
) -> RollUp: ...
@overload
def loads(text: str, *, calendar: Calendar = ..., lenient: Literal[True]) -> LoadResult: ...
def loads(
    text: str,
    *,
    calendar: Calendar = DEFAULT_CALENDAR,
    lenient: bool = False,
    expect: type[Scorecard | Report | RollUp] | None = None,
) -> Scorecard | Report | RollUp | LoadResult:
    r"""Read CSV text: a scorecard, a report (a ``direction`` column) or a roll-up (``rule``).

    ``calendar`` reads period labels when the text does not declare its calendar (a
    ``scorecard`` row with the months, or ``term`` rows); when it does, a calendar other
    than the default must agree with it. Strictly, the first bad row raises
    :class:`~kpi_scorecard.TableError` with its line, column and a stable ``code``;
    ``lenient=True`` returns a :class:`LoadResult` instead. ``expect`` checks the kind.

    >>> card = loads("reference,period,value\nA1,Quarter 1 2019/20,1462\n", expect=Scorecard)
    >>> [(o.measure_ref, str(o.period), o.value) for o in card.observations]
    [('A1', 'Q1 2019/20', Decimal('1462'))]
    """
    if not isinstance(text, str):
        msg = f"loads takes text, not {type(text).__name__}; decode bytes first"
        raise TypeError(msg)
    return _load(lines_of(text), calendar, lenient, expect)


@overload
def load(
    stream: IO[str], *, calendar: Calendar = ..., lenient: Literal[False] = False
) -> Scorecard | Report | RollUp: ...
@overload
def load(
    stream: IO[str],
    *,
    calendar: Calendar = ...,
    lenient: Literal[False] = False,
    expect: type[Scorecard],
) -> Scorecard: ...
@overload
def load(
    stream: IO[str],
    *,
    calendar: Calendar = ...,
    lenient: Literal[False] = False,
    expect: type[Report],
) -> Report: ...
@overload
def load(
    stream: IO[str],
    *,
    calendar: Calendar = ...,
    lenient: Literal[False] = False,
    expect: type[RollUp],
) -> RollUp: ...
@overload
def load(stream: IO[str], *, calendar: Calendar = ..., lenient: Literal[True]) -> LoadResult: ...
def load(
    stream: IO[str],
    *,
    calendar: Calendar = DEFAULT_CALENDAR,
    lenient: bool = False,
    expect: type[Scorecard | Report | RollUp] | None = None,
) -> Scorecard | Report | RollUp | LoadResult:
    r"""Read CSV from a text stream the caller opened (with ``newline=""``); see :func:`loads`.

    The stream is read row by row, not all at once.

    >>> load(io.StringIO("reference,period\nA1,2019/20\n")).observations[0].status.value
    'missing'
    """
    return _load(stream, calendar, lenient, expect)


def _load(
    lines: Iterable[str],
    calendar: Calendar,
    lenient: bool,
    expect: type[Scorecard | Report | RollUp] | None,
) -> Scorecard | Report | RollUp | LoadResult:
    header, rows = header_and_rows(lines)
    if "rule" in header:
        reader: ScorecardReader | ReportReader = RollUpReader(header, rows, lenient, calendar)
    elif "direction" in header:
        reader = ReportReader(header, rows, lenient, calendar)
    else:
        reader = ScorecardReader(header, rows, lenient, calendar)
    with collector_paused():
        outcome = reader.read()
    document = outcome.document
    if expect is not None and not isinstance(document, expect):
        found = type(document).__name__
        reason = f"expected a {expect.__name__}, found a {found}"
        raise TableError(found, reason, code="unexpected_kind", line=1)
    if not lenient:
        return document
    rejected = tuple(outcome.rejected_lines)
    return LoadResult(
        document=document,
        errors=tuple(outcome.errors),
        rows_read=outcome.rows_read,
        rows_kept=outcome.rows_read - len(set(rejected)),
        rejected_lines=rejected,
    )


# --- description ------------------------------------------------------------------------


def describe(
    kind: Literal["scorecard", "report", "roll_up"] = "scorecard", *, path: str | None = None
) -> dict[str, Any]:
    """A Frictionless Data Package descriptor of the CSV that :func:`dumps` writes.

    The package has one tabular resource whose Table Schema lists every column with its
    type and constraints and the primary key (``record``, ``reference``, ``period``, and
    for a scorecard ``target_period``; for a roll-up ``record``, ``group``, ``child``).
    ``path`` names the file (``scorecard.csv`` by default); the library never opens it.

    >>> schema = describe()["resources"][0]["schema"]
    >>> [field["name"] for field in schema["fields"]][:3], schema["primaryKey"][:2]
    (['record', 'reference', 'title'], ['record', 'reference'])
    """
    return _describe(kind, path or f"{kind}.csv")
