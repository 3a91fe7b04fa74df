r"""Excel workbooks (``.xlsx``) in the council's table layout, with the optional ``excel`` extra.

Install with ``pip install 'kpi_scorecard[excel]'`` (it brings openpyxl); without it, every
function here raises :class:`MissingExtraError` naming that command. The library does no
I/O: :func:`loads` takes the workbook's bytes and :func:`dumps` returns them.

Reading
    :func:`loads` reads one sheet (the first, or the one ``sheet=`` names or numbers) as the
    table reader reads a table (:func:`kpi_scorecard.serializers.table.load_rows`): row *n*
    of the sheet is line *n* of errors. Each cell is read as the text it shows, so the
    number format matters: ``0.2`` formatted ``0%`` is ``20%``, formatted ``0.0%`` it is
    ``20.0%``, ``1462`` formatted ``#,##0`` is a count, a day formatted ``mmm-yy`` is
    ``Apr-19``, and text stays text (``<18%``). Formats that cannot be shown faithfully
    (scientific, fractions, times of day) are an ``unsupported_format`` error.

    The ``Status`` column :func:`dumps` writes beside ``RAG and Direction of Travel`` holds
    the status in words, which the face column already says; it is left unread when every
    cell of it is such a word (else the table reader reports two status columns). Without
    the face column beside it, ``Status`` is the published status column, as in any table.

    A merged cell's value spreads over every cell it covers, so a heading merged over
    four quarter columns heads each of them (declare ``Layout(header_rows=2)`` to join the
    two header rows); a row's only cell merged across it (a title, section or footnote
    line) stays one cell. Hidden rows and columns holding anything are reported
    (``hidden_cells``) unless ``hidden="read"`` reads them or ``hidden="skip"`` leaves
    them out. Formulas are read as the values the workbook cached when it was last
    calculated; a formula without a cached value (a workbook written by a program and
    never opened in a spreadsheet) is a row error, ``formula_without_value``.

    Strict reading raises the first problem; lenient reading returns a
    :class:`~kpi_scorecard.serializers.table.LoadResult` whose counts include the rows
    rejected here.

Writing
    :func:`dumps` writes what :func:`kpi_scorecard.serializers.table.dumps` writes, as a
    workbook a committee can read: a bold header row frozen in place, column widths that
    fit, figures as numbers with their formats (``0%``, ``0.0%``, ``#,##0``; a figure a
    number cannot hold exactly stays text), and the status in a word, never colour alone:
    beside the face column (``RAG and Direction of Travel``, as the council publishes it)
    a ``Status`` column says ``Green``, ``Amber``, ``Red`` or ``Not rated``, both cells
    filled in the status colour. For a report that is the computed status; for a
    scorecard, what the published status means (``Green, yellow or amber`` for 😊, which is
    left unfilled: no one colour says it). A second sheet explains: for a report, the
    status word, explanation and direction of each assessment; for a scorecard, each
    measure's unit, polarity and aggregation. No formula is ever written: text that starts
    like one (``=``, ``+``, ``-``, ``@``) is stored as text.

    ``loads(dumps(x), measures=..., calendar=...)`` gives back what
    ``table.loads(table.dumps(x))`` does.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, overload

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._errors import ParseError
from kpi_scorecard._period import Period
from kpi_scorecard._published import PublishedStatus, StatusMeaning, StatusVocabulary
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard.evaluation import Rag, Report
from kpi_scorecard.serializers import table
from kpi_scorecard.serializers._accounting import LoadResult
from kpi_scorecard.serializers._extras import MissingExtraError, require
from kpi_scorecard.serializers._table_headers import Role, normal
from kpi_scorecard.serializers._table_layout import Column, Layout
from kpi_scorecard.serializers._xlsx_formats import show_number
from kpi_scorecard.serializers._xlsx_read import Grid, Hidden, SheetXml, choose_sheet, open_book

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["MissingExtraError", "dumps", "loads"]

_Overrides = Mapping[str, Mapping[str, object]]


def _openpyxl() -> ModuleType:
    return require("openpyxl", "excel", "reading and writing workbooks")


# --- reading ----------------------------------------------------------------------------


@overload
def loads(
    data: bytes,
    *,
    sheet: str | int | None = None,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    hidden: Hidden = "error",
    lenient: Literal[False] = False,
) -> Scorecard: ...
@overload
def loads(
    data: bytes,
    *,
    sheet: str | int | None = None,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    hidden: Hidden = "error",
    lenient: Literal[True],
) -> LoadResult: ...
@overload
def loads(
    data: bytes,
    *,
    sheet: str | int | None = None,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    hidden: Hidden = "error",
    lenient: bool,
) -> Scorecard | LoadResult: ...
def loads(  # noqa: PLR0913 - the table reader's options, and the sheet and hidden cells
    data: bytes,
    *,
    sheet: str | int | None = None,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    hidden: Hidden = "error",
    lenient: bool = False,
) -> Scorecard | LoadResult:
    r"""Read a scorecard from a workbook's bytes, each cell as the text it shows.

    >>> from kpi_scorecard.serializers import table
    >>> card = table.loads("Ref\tMeasure\tQ1 2019/20\tTarget 2019/20\nA1\tX\t17%\t<18%\n")
    >>> back = loads(dumps(card), measures={"A1": {"unit": "percent"}})
    >>> back == card, back.observations[0].value
    (True, Decimal('17'))
    >>> from kpi_scorecard import TableError
    >>> try:
    ...     loads(b"not a workbook")
    ... except TableError as exc:
    ...     exc.code
    'bad_workbook'
    """
    if hidden not in ("error", "read", "skip"):
        msg = f"hidden is 'error', 'read' or 'skip', not {hidden!r}"
        raise ValueError(msg)
    openpyxl = _openpyxl()
    book = open_book(openpyxl, data)
    try:
        index = choose_sheet(book, sheet)
        grid = Grid(book.worksheets[index], SheetXml.read(bytes(data), index), hidden=hidden)
    finally:
        book.close()
    options: dict[str, Any] = {
        "layout": _skip_word_column(grid.rows, layout),
        "measures": measures,
        "calendar": calendar,
        "as_of": as_of,
    }
    if not grid.row_errors and not grid.column_errors:
        return table.load_rows(grid.rows, lenient=lenient, **options)
    result = table.load_rows(grid.rows, lenient=True, **options)
    assert isinstance(result, LoadResult)  # noqa: S101 - lenient=True gives one
    errors = sorted(
        [*result.errors, *grid.row_errors.values(), *grid.column_errors],
        key=lambda error: error.line or 0,
    )
    if not lenient:
        raise errors[0]
    return dataclasses.replace(
        result,
        errors=tuple(errors),
        rows_read=result.rows_read + len(grid.row_errors),
        rejected_lines=tuple(sorted({*result.rejected_lines, *grid.row_errors})),
    )


def _skip_word_column(rows: Sequence[Sequence[str | None]], layout: Layout | None) -> Layout | None:
    """The layout, told to leave unread the status-in-words column :func:`dumps` writes.

    That column is the one headed ``Status`` right after ``RAG and Direction of Travel``
    on the header row, every cell of it empty or a word :func:`dumps` writes: it repeats
    the face in words. Anything else is left to the table reader, and so are the two
    columns when the layout says what either holds.
    """
    layout = layout or Layout()
    if layout.header_rows != 1:
        return layout
    for at, row in enumerate(rows):
        names = [normal(cell or "") for cell in row]
        if normal(_FACE_HEADER) not in names or sum(map(bool, names)) < 2:
            continue  # not a header row (a title may say anything)
        index = names.index(normal(_FACE_HEADER)) + 1
        if index >= len(names) or names[index] != normal(_WORD_HEADER):
            return layout
        declared = any(
            column.position in (index - 1, index)
            or normal(column.header or "") in names[index - 1 : index + 1]
            for column in layout.columns
        )
        below = (row[index] for row in rows[at + 1 :] if len(row) > index and row[index])
        if declared or not all(cell in _written_words() for cell in below):
            return layout
        ignored = Column(position=index, role=Role.IGNORE)
        return layout.model_copy(update={"columns": (*layout.columns, ignored)})
    return layout


# --- writing ----------------------------------------------------------------------------

_TEXT_HEADERS = frozenset(
    {
        "Ref",
        "Lead Department",
        "Measure",
        "Corporate Outcome",
        "Portfolio",
        "Responsible Officer",
        "Data Owner",
        "Data Frequency",
        "Benchmark",
        "Notes",
        "RAG and Direction of Travel",
        "Status",
        "Commentary",
    }
)
_FACE_HEADER = "RAG and Direction of Travel"
_WORD_HEADER = "Status"
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,10})?%?")
# Fills a committee reads at a glance; the status is always in a word beside them as well.
_FILLS = {
    Rag.GREEN: "C6EFCE",
    Rag.YELLOW: "FFF2A8",
    Rag.AMBER: "FFD699",
    Rag.RED: "FFC7CE",
    Rag.NOT_RATED: "EDEDED",
}
_MEANT = {
    StatusMeaning.GREEN: Rag.GREEN,
    StatusMeaning.YELLOW: Rag.YELLOW,
    StatusMeaning.AMBER: Rag.AMBER,
    StatusMeaning.RED: Rag.RED,
    StatusMeaning.NOT_KNOWN: Rag.NOT_RATED,
}


def _rag_word(rag: Rag) -> str:
    """``Green``, ``Not rated``: a status as a committee reads it."""
    return rag.value.replace("_", " ").capitalize()


def _meaning_word(status: PublishedStatus) -> str:
    """What a published status asserts, as one phrase: ``Green, yellow or amber``."""
    names = [meaning.value.replace("_", " ") for meaning in status.ordered_meanings]
    phrase = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return phrase.capitalize()


def _published_word(text: str) -> tuple[str, Rag | None]:
    """The word for a published status cell, and its colour when it asserts just one."""
    try:
        status = PublishedStatus.parse(text)
    except ParseError:
        return "", None  # a word the default vocabulary does not know is a word already
    only = next(iter(status.means)) if len(status.means) == 1 else None
    return _meaning_word(status), _MEANT.get(only) if only is not None else None


@cache
def _written_words() -> frozenset[str]:
    """Every word :func:`dumps` writes in the status-in-words column."""
    return frozenset(
        {_rag_word(rag) for rag in Rag}
        | {_meaning_word(status) for status in StatusVocabulary().words}
    )


def dumps(obj: Scorecard | Report) -> bytes:
    r"""Write a scorecard or report as a workbook in the council's layout; returns its bytes.

    >>> from kpi_scorecard.serializers import table
    >>> card = table.loads("Ref\tMeasure\tQ1 2019/20\nA1\tReferrals\t1462\n")
    >>> data = dumps(card)
    >>> data[:2]
    b'PK'
    >>> loads(data) == card
    True
    """
    openpyxl = _openpyxl()
    text = table.dumps(obj, spreadsheet_safe=False)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    statuses = _statuses(obj)
    book = openpyxl.Workbook(write_only=True)
    styles = _Styles(openpyxl, book)
    main = book.create_sheet("Scorecard")
    header_at = next(at for at, row in enumerate(rows) if row and row[0] == "Ref")
    header = rows[header_at]
    face = header.index(_FACE_HEADER)
    _add_words(rows[header_at:], face, statuses)
    _widths(main, rows, openpyxl)
    main.freeze_panes = f"A{header_at + 2}"
    numeric = {at for at, name in enumerate(header) if _is_period_header(name)}
    for at, row in enumerate(rows):
        if at < header_at:
            main.append([_text_cell(main, openpyxl, row[0], styles.title)])
            continue
        if at == header_at:
            main.append([_text_cell(main, openpyxl, name, styles.header) for name in row])
            continue
        rag = statuses.get(row[0])
        cells = []
        for column, value in enumerate(row):
            if column in numeric and value:
                cells.append(_figure_cell(main, openpyxl, value))
            elif column in (face, face + 1):
                fill = styles.fill(rag) if row[face + 1] else None
                cells.append(_text_cell(main, openpyxl, value, fill))
            else:
                wrap = styles.wrap if "\n" in value or len(value) > 50 else None
                cells.append(_text_cell(main, openpyxl, value, wrap))
        main.append(cells)
    _second_sheet(book, obj, openpyxl, styles)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _add_words(rows: list[list[str]], face: int, statuses: dict[str, Rag]) -> None:
    """Insert the status-in-words column after the face column (header row first).

    Notes in ``statuses`` the colour of each published status that asserts just one.
    """
    rows[0].insert(face + 1, _WORD_HEADER)
    for row in rows[1:]:
        if row[0] in statuses:
            word = _rag_word(statuses[row[0]])
        else:
            word, rag = _published_word(row[face]) if row[face] else ("", None)
            if rag is not None:
                statuses[row[0]] = rag
        row.insert(face + 1, word)


def _is_period_header(name: str) -> bool:
    return name not in _TEXT_HEADERS and not name.startswith("Target ")


def _statuses(obj: Scorecard | Report) -> dict[str, Rag]:
    if isinstance(obj, Report):
        return {assessment.measure_ref: assessment.status for assessment in obj}
    return {}


class _Styles:
    """The few named styles a workbook uses, registered once: cheaper than styling cells."""

    def __init__(self, openpyxl: ModuleType, book: Any) -> None:
        styles = openpyxl.styles
        top = styles.Alignment(wrap_text=True, vertical="top")
        named = {
            "Scorecard title": {"font": styles.Font(bold=True, size=14)},
            "Scorecard header": {
                "font": styles.Font(bold=True),
                "alignment": top,
                "fill": styles.PatternFill("solid", fgColor="D9E1F2"),
            },
            "Scorecard text": {"alignment": top},
        }
        for rag, colour in _FILLS.items():
            named[f"Status {rag.value}"] = {
                "fill": styles.PatternFill("solid", fgColor=colour),
                "font": styles.Font(bold=True),
                "alignment": styles.Alignment(horizontal="center", vertical="top"),
            }
        for name, parts in named.items():
            book.add_named_style(styles.NamedStyle(name=name, **parts))
        self.title, self.header, self.wrap = "Scorecard title", "Scorecard header", "Scorecard text"

    def fill(self, rag: Rag | None) -> str | None:
        return None if rag is None else f"Status {rag.value}"


def _text_cell(sheet: Any, openpyxl: ModuleType, text: str, style: str | None) -> Any:
    """A cell holding text as text: never a formula, whatever it starts with."""
    if not text and style is None:
        return None  # an empty cell is not written at all
    cell = openpyxl.cell.WriteOnlyCell(sheet)
    cell.value = text or None
    if text:
        cell.data_type = "s"
    if style is not None:
        cell.style = style
    return cell


def _figure_cell(sheet: Any, openpyxl: ModuleType, text: str) -> Any:
    """A figure as a number with its format when a number holds it exactly, else text."""
    if _PLAIN_NUMBER.fullmatch(text):
        percent = text.endswith("%")
        digits = text.removesuffix("%")
        decimals = len(digits.partition(".")[2])
        try:
            number = Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the pattern admits decimals only
            number = None
        if number is not None:
            value: int | float
            if percent:
                value = float(number.scaleb(-2))
                fmt = "0%" if not decimals else "0." + "0" * decimals + "%"
            else:
                value = int(number) if not decimals else float(number)
                fmt = "#,##0" if not decimals else "#,##0." + "0" * decimals
            if show_number(value, fmt).replace(",", "") == text:
                cell = openpyxl.cell.WriteOnlyCell(sheet, value=value)
                cell.number_format = fmt
                return cell
    return _text_cell(sheet, openpyxl, text, None)


def _widths(sheet: Any, rows: Sequence[Sequence[str]], openpyxl: ModuleType) -> None:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    widths: dict[int, int] = {}
    for row in rows:
        if len(row) < 2:  # the title spans the sheet
            continue
        for at, text in enumerate(row):
            longest = max((len(line) for line in text.split("\n")), default=0)
            widths[at] = max(widths.get(at, 0), longest)
    for at, width in widths.items():
        sheet.column_dimensions[get_column_letter(at + 1)].width = min(max(width + 2, 8), 50)


def _second_sheet(
    book: Any, obj: Scorecard | Report, openpyxl: ModuleType, styles: _Styles
) -> None:
    if isinstance(obj, Report):
        sheet = book.create_sheet("Explanations")
        header = ["Ref", "Period", "Status", "Explanation", "Direction", "Direction explanation"]
        rows: Iterator[tuple[list[str], Rag | None]] = (
            (
                [
                    a.measure_ref,
                    str(a.period),
                    _rag_word(a.status),
                    a.explanation,
                    a.direction.value.replace("_", " "),
                    a.direction_explanation,
                ],
                a.status,
            )
            for a in obj
        )
    else:
        sheet = book.create_sheet("Measures")
        header = ["Ref", "Measure", "Unit", "Polarity", "Aggregation", "Notes"]
        rows = (
            (
                [
                    m.reference,
                    m.title,
                    m.unit,
                    m.polarity.value.replace("_", " "),
                    m.aggregation.value.replace("_", " "),
                    m.notes,
                ],
                None,
            )
            for m in obj.measures
        )
    body = list(rows)
    _widths(sheet, [header, *(row for row, _ in body)], openpyxl)
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, openpyxl, name, styles.header) for name in header])
    for row, rag in body:
        cells = [_text_cell(sheet, openpyxl, text, None) for text in row]
        if rag is not None:
            cells[2] = _text_cell(sheet, openpyxl, row[2], styles.fill(rag))
        sheet.append(cells)
