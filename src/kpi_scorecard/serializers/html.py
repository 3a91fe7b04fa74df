r"""Tables on web pages: a ``<table>`` read from the page's HTML, as the table reader reads text.

Councils publish scorecards as HTML tables as often as spreadsheets. :func:`loads` takes the
page's HTML (text the caller fetched or opened; the library does no I/O), finds the table
the caller names and hands its rows to
:func:`kpi_scorecard.serializers.table.load_rows`. It uses the standard library's
:mod:`html.parser`, so it needs no dependency, and it never raises anything but the
library's typed errors, however malformed the page.

- **Which table**: ``table=0`` (the default) is the first ``<table>`` of the page in
  document order, counting tables nested in others; ``table=2`` the third; a string names
  a table by its ``id`` or, failing that, by its ``<caption>`` text. A page without the
  table is a ``no_table`` error naming the tables it has.
- **Cells**: ``<th>`` and ``<td>`` alike; their text with tags stripped, entities decoded
  and runs of white space (line breaks and ``<br>`` included) joined into one space;
  ``<script>`` and ``<style>`` are not text. A nested table's text is not its cell's.
- **Spans**: a cell with ``colspan`` or ``rowspan`` spreads its text over every position
  it covers, as a merged cell of a workbook does (declare ``Layout(header_rows=2)`` to join
  two header rows); the one cell of a row (a title, section or footnote line) stays one.
  As in browsers, a span that is not a positive number is 1 and a rowspan stops at the
  last row. A colspan over 1,000 or a rowspan over 65,534 (HTML's
  limits), or spans that would spread the table over many more cells than the page has,
  are a ``span_too_large`` error: the work done is bounded by the size of the page.
- **Footnotes**: a ``<sup>`` at the end of a cell holding a footnote mark (``*``, ``†``,
  ``‡``, a letter or a number from 1 to 26) is read as the reader's marker (``*``, ``(a)``;
  ``1`` is ``(a)``, ``2`` is ``(b)``), so a footnote row starting with the same mark is
  kept as the notes of the measures that carry it. Any other ``<sup>`` is text.
- **Caption**: the table's caption is the scorecard's title: it is read as a preamble line
  before the table's rows, so with a caption, line *n* in errors is the table's row
  *n* - 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal, overload

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._errors import TableError
from kpi_scorecard._period import Period
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard.serializers import table as _table
from kpi_scorecard.serializers._accounting import LoadResult
from kpi_scorecard.serializers._table_layout import Layout

__all__ = ["loads"]

_Overrides = Mapping[str, Mapping[str, object]]
#: HTML's own limits on spans (the HTML Living Standard, "processing model" of tables).
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
_MARK = re.compile(r"\*{1,4}|†{1,3}|‡{1,3}|[a-z]|[1-9]|1[0-9]|2[0-6]")
_SPAN = re.compile(r"\s*\+?([0-9]+)")


@dataclass(slots=True)
class _Cell:
    colspan: int
    rowspan: int
    parts: list[tuple[bool, str]] = field(default_factory=list)  # (is a mark, text)

    def text(self) -> str:
        """The cell's text: white space joined, a trailing or leading mark as a marker."""
        parts = self.parts
        while parts and not parts[-1][0] and not parts[-1][1].strip():
            parts = parts[:-1]
        while parts and not parts[0][0] and not parts[0][1].strip():
            parts = parts[1:]
        lead = trail = ""
        if parts and parts[-1][0]:
            trail = _marker(parts[-1][1])
            parts = parts[:-1]
        if parts and parts[0][0] and not trail:
            lead = _marker(parts[0][1])
            parts = parts[1:]
        body = " ".join("".join(text for _, text in parts).split())
        if trail:
            return f"{body}{trail}" if body else trail
        return f"{lead} {body}".strip() if lead else body


def _marker(mark: str) -> str:
    """The table reader's marker for a footnote mark: ``*`` as is, ``a`` or ``1`` as ``(a)``."""
    if mark[0] in "*†‡":
        return mark
    index = int(mark) - 1 if mark.isdigit() else ord(mark) - ord("a")
    return f"({chr(ord('a') + index)})"


@dataclass(slots=True)
class _Table:
    id: str
    caption: list[str] = field(default_factory=list)
    rows: list[list[_Cell]] = field(default_factory=list)
    row: list[_Cell] | None = None
    cell: _Cell | None = None
    sup: list[str] | None = None
    in_caption: bool = False

    def close_cell(self) -> None:
        self._close_sup()
        if self.cell is not None and self.row is not None:
            self.row.append(self.cell)
        self.cell = None

    def close_row(self) -> None:
        self.close_cell()
        if self.row is not None:
            self.rows.append(self.row)
        self.row = None

    def _close_sup(self) -> None:
        if self.sup is None:
            return
        text = "".join(self.sup).strip()
        self.sup = None
        if self.cell is not None:
            self.cell.parts.append((bool(_MARK.fullmatch(text)), text))

    def end_sup(self) -> None:
        self._close_sup()

    @property
    def caption_text(self) -> str:
        return " ".join("".join(self.caption).split())


def _span(value: str | None, limit: int, name: str) -> int:
    """A span attribute as browsers read it (leading digits, else 1), refused over HTML's limit."""
    found = _SPAN.match(value or "")
    if found is None:
        return 1
    digits = found[1].lstrip("0")
    if not digits:
        return 0 if name == "rowspan" else 1
    if len(digits) > len(str(limit)) or int(digits) > limit:
        raise TableError(
            value or "", f"a {name} over {limit:,} is more than HTML allows", code="span_too_large"
        )
    return int(digits)


class _Parser(HTMLParser):
    """Collects every table of a page, nested ones included, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.open: list[_Table] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
            return
        if tag == "table":
            found = _Table(id=dict(attrs).get("id") or "")
            self.tables.append(found)
            self.open.append(found)
            return
        if not self.open:
            return
        top = self.open[-1]
        if tag == "caption":
            top.in_caption = True
        elif tag == "tr":
            top.close_row()
            top.row = []
        elif tag in ("td", "th"):
            top.close_cell()
            if top.row is None:
                top.row = []
            values = dict(attrs)
            top.cell = _Cell(
                colspan=max(_span(values.get("colspan"), MAX_COLSPAN, "colspan"), 1),
                rowspan=_span(values.get("rowspan"), MAX_ROWSPAN, "rowspan"),
            )
        elif tag == "br":
            self.handle_data(" ")
        elif tag == "sup" and top.cell is not None and top.sup is None:
            top.sup = []
        elif tag in ("thead", "tbody", "tfoot"):
            top.close_row()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":  # <table/> holds nothing
            self.tables.append(_Table(id=dict(attrs).get("id") or ""))
            return
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(self.skip - 1, 0)
            return
        if not self.open:
            return
        top = self.open[-1]
        if tag == "table":
            top.close_row()
            top.in_caption = False
            self.open.pop()
        elif tag == "caption":
            top.in_caption = False
        elif tag in ("td", "th"):
            top.close_cell()
        elif tag in ("tr", "thead", "tbody", "tfoot"):
            top.close_row()
        elif tag == "sup":
            top.end_sup()

    def handle_data(self, data: str) -> None:
        if self.skip or not self.open:
            return
        top = self.open[-1]
        if top.sup is not None:
            top.sup.append(data)
        elif top.cell is not None:
            top.cell.parts.append((False, data))
        elif top.in_caption:
            top.caption.append(data)

    def close_all(self) -> None:
        """Close what the page left open, as a browser does at its end."""
        self.close()
        while self.open:
            top = self.open.pop()
            top.close_row()


@dataclass(slots=True)
class _Carried:
    rows: int  # rows below still to fill
    text: str


def _carry(row: list[str | None], carried: dict[int, _Carried]) -> None:
    """Fill the row's next positions that cells from the rows above still cover."""
    while len(row) in carried:
        held = carried[len(row)]
        row.append(held.text)
        held.rows -= 1
        if not held.rows:
            del carried[len(row) - 1]


def _grid(found: _Table, limit: int) -> list[list[str | None]]:
    """The table's rows with every spanning cell spread over the positions it covers."""
    grid: list[list[str | None]] = []
    carried: dict[int, _Carried] = {}
    rows_left = len(found.rows)
    cells = 0
    for cells_of_row in found.rows:
        rows_left -= 1
        row: list[str | None] = []
        if len(cells_of_row) == 1 and cells_of_row[0].rowspan == 1 and not carried:
            # One cell across the table: a title, section or footnote line, not spread.
            grid.append([cells_of_row[0].text()])
            cells += 1
            continue
        for cell in cells_of_row:
            _carry(row, carried)
            text = cell.text()
            down = rows_left if cell.rowspan == 0 else min(cell.rowspan - 1, rows_left)
            cells += cell.colspan * (down + 1)
            if cells > limit:
                raise TableError(
                    f"colspan={cell.colspan} rowspan={cell.rowspan}",
                    f"the spans would spread the table over more than {limit:,} cells",
                    code="span_too_large",
                    line=len(grid) + 1,
                )
            for _ in range(cell.colspan):
                if down:
                    carried[len(row)] = _Carried(down, text)
                row.append(text)
        for column in sorted(carried):
            if column >= len(row):
                row.extend([None] * (column - len(row)))
                _carry(row, carried)
        grid.append(row)
    return grid


def _choose(tables: list[_Table], wanted: int | str) -> _Table:
    if isinstance(wanted, int) and not isinstance(wanted, bool):
        if 0 <= wanted < len(tables):
            return tables[wanted]
    elif isinstance(wanted, str):
        for found in tables:
            if found.id == wanted:
                return found
        for found in tables:
            if found.caption_text == " ".join(wanted.split()):
                return found
    else:
        msg = f"table is an index, an id or a caption, not {type(wanted).__name__}"
        raise TypeError(msg)
    if not tables:
        raise TableError(str(wanted), "the page has no <table>", code="no_table")
    names = ", ".join(
        f"{at} ({found.id or found.caption_text or 'no id or caption'})"
        for at, found in enumerate(tables[:10])
    )
    more = f" and {len(tables) - 10} more" if len(tables) > 10 else ""
    raise TableError(
        str(wanted),
        f"the page has no such table; it has {len(tables)}: {names}{more}",
        code="no_table",
    )


@overload
def loads(
    text: str,
    *,
    table: int | str = 0,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: Literal[False] = False,
) -> Scorecard: ...
@overload
def loads(
    text: str,
    *,
    table: int | str = 0,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: Literal[True],
) -> LoadResult: ...
@overload
def loads(
    text: str,
    *,
    table: int | str = 0,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: bool,
) -> Scorecard | LoadResult: ...
def loads(
    text: str,
    *,
    table: int | str = 0,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: bool = False,
) -> Scorecard | LoadResult:
    """Read a scorecard from a table of a page's HTML: the first, or the one ``table`` names.

    >>> page = '''<table id="kpis"><caption>Scorecard</caption>
    ... <tr><th>Ref<th>Measure<th>Q1 2019/20<th>Target 2019/20
    ... <tr><td>A1<td>Repeat referrals<sup>1</sup><td>17&#37;<td>&lt;18%
    ... <tr><td colspan="4"><sup>1</sup> Provisional figures
    ... </table>'''
    >>> card = loads(page, table="kpis")
    >>> card.title, str(card.targets[0].target), card.measures[0].notes
    ('Scorecard', '<18%', '(a) Provisional figures')
    >>> try:
    ...     loads("<p>No tables here</p>")
    ... except TableError as exc:
    ...     exc.code
    'no_table'
    """
    if not isinstance(text, str):
        msg = f"loads reads a page's HTML text, not {type(text).__name__}"
        raise TypeError(msg)
    parser = _Parser()
    try:
        parser.feed(text)
        parser.close_all()
    except AssertionError as exc:
        # The standard library's parser refuses a few malformed declarations (`<![td>`)
        # with an AssertionError; it is the page's fault, so say so in the library's terms.
        line = parser.getpos()[0]
        raise TableError(
            str(exc), "HTML the parser cannot read", code="bad_html", line=line
        ) from None
    found = _choose(parser.tables, table)
    rows = _grid(found, limit=10_000 + 16 * len(text))
    caption = found.caption_text
    if caption:
        rows.insert(0, [caption])
    return _table.load_rows(
        rows, layout=layout, measures=measures, calendar=calendar, as_of=as_of, lenient=lenient
    )
