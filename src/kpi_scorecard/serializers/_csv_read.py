"""Reading CSV text: the header, the calendar rows, row errors, and the load outcome.

The scorecard reader (:mod:`._csv_scorecard`) and the report reader
(:mod:`._csv_report`) share this base: it checks the header, walks the rows with their
1-based starting line, reads the scorecard or report row and the term rows that declare
the calendar, and either raises the first error or collects one error per bad row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from pydantic import ValidationError

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar, Term
from kpi_scorecard._errors import TableError
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard.evaluation import Report, RollUp

from ._csv_columns import Column
from ._rows import Collector, QuotingError, RowReader, physical_lines

__all__ = ["Outcome", "Reader", "RowError", "from_validation", "header_and_rows", "lines_of"]

_TERM_LABEL = re.compile(r"(?P<name>.+) term (?P<year>[0-9]{4})")
_QUOTE_LIMIT = 80


class RowError(Exception):
    """One bad cell of the row being read; becomes a TableError with the row's line."""

    def __init__(self, column: str | None, text: str, reason: str, code: str) -> None:
        super().__init__(reason)
        self.column, self.text, self.reason, self.code = column, text, reason, code


def from_validation(exc: ValidationError, columns: dict[str, str]) -> RowError:
    """The first problem pydantic found, on the column of its field (``columns`` renames).

    When several alternatives of one field failed (a number or a band), their reasons are
    joined under the code ``bad_value``.
    """
    errors = exc.errors(include_url=False)
    first = errors[0]
    name = str(first["loc"][0]) if first["loc"] else None
    same = [e for e in errors if e["loc"][:1] == first["loc"][:1]]
    code = str(first["type"]) if len(same) == 1 else "bad_value"
    value = first["input"]
    text = value if isinstance(value, str) else ""
    reason = "; ".join(dict.fromkeys(str(e["msg"]).removesuffix(f": {text!r}") for e in same))
    return RowError(columns.get(name, name) if name else None, text, reason, code)


@dataclass(slots=True)
class Outcome:
    """What a read produced: the document, and the errors and rows of a lenient read."""

    document: Scorecard | Report | RollUp
    errors: list[TableError] = field(default_factory=list)
    rows_read: int = 0
    rejected_lines: list[int] = field(default_factory=list)


def read_day(text: str, column: str) -> dt.date:
    """An ISO 8601 day written exactly as ``YYYY-MM-DD``."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or day.isoformat() != text:
        raise RowError(column, text, "not an ISO 8601 day (YYYY-MM-DD)", "bad_date")
    return day


class Reader:
    """The shared part of the CSV readers; subclasses read their own records."""

    columns: Sequence[Column]
    records: tuple[str, ...]
    """The record kinds, the calendar row's first and the data row's last."""
    required: tuple[str, ...]
    own: dict[str, frozenset[str]]
    """For each record kind, the columns it may fill (beside ``record``)."""

    def __init__(self, header: list[str], rows: Any, lenient: bool) -> None:
        self.lenient = lenient
        self.sink = Collector(lenient)
        self.errors: list[TableError] = self.sink.errors
        self.rejected: list[int] = self.sink.rejected
        self.rows_read = 0
        self._rows = rows
        self.names: dict[int, str] = {}
        self._empty: dict[str, list[int]] = {}
        self.index = self._read_header(header)
        self.width = len(header)
        self.has_record = "record" in self.names.values()
        self.calendar_line: int | None = None
        self.title = ""
        self.months: tuple[int, int] | None = None
        self.terms: list[Term] = []
        self.calendar: Calendar | None = None

    # --- errors -------------------------------------------------------------------------

    def fail(self, line: int | None, error: RowError, *, reject: bool = True) -> None:
        """Raise ``error`` at ``line``, or (lenient) record it and reject the row."""
        text = error.text if len(error.text) <= _QUOTE_LIMIT else error.text[:79] + "…"
        found = TableError(text, error.reason, code=error.code, line=line, column=error.column)
        if reject:
            self.sink.row(found, line)
        else:
            self.sink.table(found)

    def fail_quoting(self, line: int, error: QuotingError) -> None:
        """Raise or record a row that breaks quoting, and reject it."""
        self.sink.row(error.table_error(line), line)

    # --- header -------------------------------------------------------------------------

    def _read_header(self, header: list[str]) -> dict[str, int]:
        """Map each column to its position; an absent one to the padding cell."""
        known = {column.name for column in self.columns}
        index: dict[str, int] = {}
        for position, name in enumerate(header):
            if name not in known:
                error = RowError(name, name, "not a column of this file", "unknown_column")
                self.fail(1, error, reject=False)
            elif name in index:
                error = RowError(name, name, "the column appears twice", "duplicate_column")
                self.fail(1, error, reject=False)
            else:
                index[name] = position
        for name in self.required:
            if name not in index:
                reason = "a required column is missing"
                raise TableError(name, reason, code="missing_column", line=1, column=name)
        self.names = {position: name for name, position in index.items()}
        padding = len(header)
        return {name: index.get(name, padding) for name in known}

    # --- rows ---------------------------------------------------------------------------

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each data row with its first line, padded with one empty cell; bad rows fail."""
        reader = self._rows
        previous = 1
        width = self.width
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except QuotingError as exc:
                line, previous = previous + 1, _line_number(reader)
                self.rows_read += 1
                self.fail_quoting(line, exc)
                continue
            line, previous = previous + 1, _line_number(reader)
            if not row:
                continue
            self.rows_read += 1
            if len(row) != width:
                reason = f"the row has {len(row)} cells and the header {width}"
                self.fail(line, RowError(None, ",".join(row), reason, "row_length"))
                continue
            row.append("")
            yield line, row

    def check_empty(self, row: list[str], record: str) -> None:
        """Refuse a filled cell that ``record`` rows leave empty."""
        empty = self._empty.get(record)
        if empty is None:
            allowed = {"record", *self.own[record]}
            empty = [at for at, name in self.names.items() if name not in allowed]
            self._empty[record] = empty
        for position in empty:
            if row[position]:
                name = self.names[position]
                reason = f"a {record} row leaves {name} empty"
                raise RowError(name, row[position], reason, "unexpected_cell")

    def record_of(self, row: list[str]) -> str:
        """The row's record kind; the data kind when the file has no record column."""
        if not self.has_record:
            return self.records[-1]
        record = row[self.index["record"]]
        if record not in self.own:
            kinds = ", ".join(self.records)
            raise RowError("record", record, f"a record is one of {kinds}", "unknown_record")
        return record

    # --- calendar -----------------------------------------------------------------------

    def calendar_row(self, row: list[str], line: int) -> None:
        """Read the scorecard or report row: the title and the calendar's months."""
        record = self.records[0]
        if self.calendar_line is not None or self.calendar is not None:
            raise RowError(
                "record", record, f"the {record} row comes first, once", "misplaced_record"
            )
        self.check_empty(row, record)
        self.calendar_line = line
        self.title = row[self.index["title"]]
        year, academic = (row[self.index[name]] for name in _MONTH_COLUMNS)
        if year or academic:
            self.months = (_month(year, _MONTH_COLUMNS[0]), _month(academic, _MONTH_COLUMNS[1]))

    def term_row(self, row: list[str], argument: Calendar) -> None:
        """Read a term row: a term label with its first and last day."""
        if self.calendar is not None:
            reason = "term rows come before the other rows"
            raise RowError("record", "term", reason, "misplaced_record")
        self.check_empty(row, "term")
        label = row[self.index["period"]]
        found = _TERM_LABEL.fullmatch(label)
        if found is None:
            raise RowError("period", label, "a term label is 'Name term YYYY'", "bad_term")
        start = read_day(row[self.index["period_start"]], "period_start")
        end = read_day(row[self.index["period_end"]], "period_end")
        if start.year != int(found["year"]):
            raise RowError("period", label, f"the term starts in {start.year}", "bad_term")
        try:
            term = Term(name=found["name"], start=start, end=end)
            year, academic = self.months or _months_of(argument)
            Calendar(
                year_start_month=year,
                academic_year_start_month=academic,
                terms=(*self.terms, term),
            )
        except ValidationError as exc:
            raise RowError("period", label, _message(exc), "bad_term") from None
        self.terms.append(term)

    def settle_calendar(self, argument: Calendar) -> Calendar:
        """The calendar of the period labels, once the scorecard and term rows are read.

        The document's calendar (months from the scorecard or report row, terms from the
        term rows) wins where it says something; a ``calendar`` argument other than the
        default must then agree with it.
        """
        if self.calendar is not None:
            return self.calendar
        calendar = argument
        if self.months is not None or self.terms:
            year, academic = self.months or _months_of(argument)
            # CSV has no column for the naming of fiscal years; the argument's is kept.
            declared = Calendar(
                year_start_month=year,
                academic_year_start_month=academic,
                terms=tuple(self.terms),
                fiscal_year_naming=argument.fiscal_year_naming,
            )
            if argument not in (DEFAULT_CALENDAR, declared):
                reason = "the file declares another calendar than the one passed to loads"
                self.fail(
                    self.calendar_line,
                    RowError("year_start_month", str(year), reason, "calendar_mismatch"),
                )
            else:
                calendar = declared
        self.calendar = calendar
        return calendar


_MONTH_COLUMNS = ("year_start_month", "academic_year_start_month")


def _months_of(calendar: Calendar) -> tuple[int, int]:
    return calendar.year_start_month, calendar.academic_year_start_month


def _month(text: str, column: str) -> int:
    # isdigit alone takes '²', which int() refuses, and '٤', which it reads as 4.
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 12:
        raise RowError(column, text, "a month is a number from 1 to 12", "bad_calendar")
    return int(text)


def _message(exc: ValidationError) -> str:
    return "; ".join(str(error["msg"]) for error in exc.errors(include_url=False))


def _line_number(reader: Any) -> int:
    return int(reader.line_num)


def header_and_rows(lines: Iterable[str]) -> tuple[list[str], Any]:
    """Split CSV lines into the header and a reader of the rows; skip a byte order mark."""
    source = iter(lines)
    first = next(source, "").removeprefix("\ufeff")
    reader = RowReader(chain((first,), source), ",")
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except QuotingError as exc:
        raise exc.table_error(1) from None
    if not header or header == [""]:
        raise TableError("", "the text has no header row", code="empty_document", line=1)
    return header, reader


def lines_of(text: str) -> Iterator[str]:
    r"""The lines of ``text`` with their ends, split at ``\n`` only, without copying the text.

    The csv reader joins the lines of a quoted cell again, so a carriage return or any
    other line separator inside a cell is kept. Text with no ``\n`` at all (old Mac line
    ends) is split at ``\r`` instead.

    >>> list(lines_of('a,"b\r\nc"\r\nd\n'))
    ['a,"b\r\n', 'c"\r\n', 'd\n']
    """
    if "\n" not in text:
        yield from physical_lines(text)
        return
    start, find = 0, text.find
    while True:
        end = find("\n", start) + 1
        if not end:
            if start < len(text):
                yield text[start:]
            return
        yield text[start:end]
        start = end
