r"""The tabular reading machinery the table and CSV readers share.

One line-numbered row iterator (:class:`RowReader`) splits delimited text into cells
following RFC 4180 quoting, without the :mod:`csv` module's field size limit and without
touching its process-wide settings; a quoting fault is one error, ``bad_quoting``, whatever
the format. One collector (:class:`Collector`) raises the first error (strict) or keeps
them all (lenient).

Lines end at ``\r\n``, ``\n`` or ``\r`` only: other characters that
:meth:`str.splitlines` treats as line breaks (U+0085, U+001C...) stay inside their cell,
where the reader reports them as control characters.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from kpi_scorecard._errors import TableError

__all__ = ["Collector", "QuotingError", "RowReader", "physical_lines"]

_QUOTE_LIMIT = 80


class QuotingError(Exception):
    """A row that breaks RFC 4180 quoting; the reader turns it into ``bad_quoting``."""

    def __init__(self, reason: str, raw: str) -> None:
        super().__init__(reason)
        self.reason, self.raw = reason, raw

    def table_error(self, line: int) -> TableError:
        """The typed error for the row starting on ``line``, quoting its first line."""
        raw = self.raw.split("\n", 1)[0].rstrip("\r")
        if len(raw) > _QUOTE_LIMIT:
            raw = raw[: _QUOTE_LIMIT - 1] + "…"
        return TableError(raw, f"bad quoting: {self.reason}", code="bad_quoting", line=line)


def physical_lines(text: str) -> Iterator[str]:
    r"""The lines of ``text`` with their ends, split at ``\r\n``, ``\n`` and ``\r`` only.

    >>> list(physical_lines("a\r\nb\x85c\rd"))
    ['a\r\n', 'b\x85c\r', 'd']
    """
    return iter(io.StringIO(text, newline=""))


_ENDS = ("\r\n", "\n", "\r")


def _strip_end(line: str) -> str:
    for end in _ENDS:
        if line.endswith(end):
            return line[: -len(end)]
    return line


class RowReader:
    r"""Iterate over the rows of delimited lines; ``line_num`` counts the lines consumed.

    A cell starting with ``"`` is quoted: it runs to the next lone ``"``, may hold the
    delimiter, doubled quotes and line breaks (kept as written), and must be followed by
    the delimiter or the end of the line. A quote inside an unquoted cell is kept as it
    is. An empty line is an empty row.

    >>> rows = RowReader(physical_lines('a,"b,""c"" d"\n"d\ne",f\n'), ",")
    >>> [(row, rows.line_num) for row in rows]
    [(['a', 'b,"c" d'], 1), (['d\ne', 'f'], 3)]
    >>> next(RowReader(physical_lines('a,"b"c\n'), ","))
    Traceback (most recent call last):
    ...
    kpi_scorecard.serializers._rows.QuotingError: text after the closing quote of a cell
    """

    __slots__ = ("_delimiter", "_lines", "line_num")

    def __init__(self, lines: Iterable[str], delimiter: str) -> None:
        self._lines = iter(lines)
        self._delimiter = delimiter
        self.line_num = 0

    def __iter__(self) -> RowReader:
        """The reader is its own iterator."""
        return self

    def __next__(self) -> list[str]:
        """The next row's cells; QuotingError for a row that breaks quoting."""
        line = next(self._lines)
        self.line_num += 1
        if '"' not in line:
            body = _strip_end(line)
            if "\r" in body or "\n" in body:
                raise QuotingError("a line break inside an unquoted cell", line)
            return body.split(self._delimiter) if body else []
        return self._quoted(line)

    def _quoted(self, text: str) -> list[str]:
        """Split a row holding quotes, reading further lines while a quoted cell is open."""
        delimiter = self._delimiter
        cells: list[str] = []
        first, at = text, 0
        while True:
            if not text.startswith('"', at):
                end = text.find(delimiter, at)
                cell = _strip_end(text[at:]) if end < 0 else text[at:end]
                if "\r" in cell or "\n" in cell:
                    raise QuotingError("a line break inside an unquoted cell", first)
                cells.append(cell)
                if end < 0:
                    return cells
                at = end + len(delimiter)
                continue
            cell, text, at = self._quoted_cell(text, at + 1, first)
            cells.append(cell)
            if text.startswith(delimiter, at):
                at += len(delimiter)
                if at == len(text):
                    cells.append("")
                    return cells
                continue
            if text[at:] in ("", *_ENDS):
                return cells
            raise QuotingError("text after the closing quote of a cell", first)

    def _quoted_cell(self, text: str, at: int, first: str) -> tuple[str, str, int]:
        """Read a quoted cell opened before ``at``: its text, the line it ends on, and where.

        Each line is scanned once and the cell's lines are joined once, so a cell of many
        lines reads in linear time. A doubled quote cannot straddle lines.
        """
        parts: list[str] = []
        while True:
            quote = text.find('"', at)
            while quote >= 0 and text.startswith('"', quote + 1):
                quote = text.find('"', quote + 2)
            if quote >= 0:
                parts.append(text[at:quote])
                return "".join(parts).replace('""', '"'), text, quote + 1
            parts.append(text[at:])
            more = next(self._lines, None)
            if more is None:
                raise QuotingError("a quoted cell is never closed", first)
            self.line_num += 1
            text, at = more, 0


class Collector:
    """Raise the first error (strict), or collect them all (lenient)."""

    __slots__ = ("errors", "lenient", "rejected")

    def __init__(self, lenient: bool) -> None:
        self.lenient = lenient
        self.errors: list[TableError] = []
        self.rejected: list[int] = []

    def table(self, error: TableError) -> None:
        """An error about the text as a whole (its header, preamble or overrides)."""
        if not self.lenient:
            raise error
        self.errors.append(error)

    def row(self, error: TableError, line: int | None) -> None:
        """An error that rejects the data row on ``line``."""
        if not self.lenient:
            raise error
        self.errors.append(error)
        if line is not None:
            self.rejected.append(line)
