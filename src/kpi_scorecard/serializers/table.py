r"""The council's wide table layout: one measure per line, one column per period.

Councils publish scorecards as spreadsheets and export them as tab-separated or
comma-separated text. :func:`loads` reads that text into a :class:`~kpi_scorecard.Scorecard`
and :func:`dumps` writes one back. The library does no I/O: :func:`load` and :func:`dump`
take a text stream the caller opened (for CSV, open it with ``newline=""``).

The layout, as in ``examples/data/children_and_families_2019_20.tsv``::

    <preamble: blank lines, then a title line>
    Ref     Measure                         ...  Year end 2018/19  Quarter 1 2019/20 ...
    CSC002  Percentage of repeat referrals  ...  20%               17%               ...
      ... Proposed Quarterly/ Annual Target 2019/20  RAG and Direction of Travel  Commentary
      ... <18%                                       😊                           The ...

Reading
    A UTF-8 byte order mark is dropped and lines end at ``\r\n``, ``\n`` or ``\r`` (never
    at the other characters :meth:`str.splitlines` breaks at). The delimiter is a tab or a
    comma: the one with which a line reads as the header row (a line holding a tab is
    tried with tabs); cells follow RFC 4180 quoting either way, so a quoted cell may hold
    delimiters, quotes (doubled) and line breaks (read as ``\n``), at any length. Every
    cell is stripped of surrounding space. A cell holding mojibake (UTF-8 read as cp1252,
    such as ``Ã©`` for é) or a control character is an error, so a file decoded with the
    wrong codec fails loudly; so is a comma-separated row of one cell holding tabs.

    Lines before the header row are the preamble; its last non-blank line is the
    scorecard's title (a :class:`Layout` may choose another) and the others are skipped.
    The header row is the first with a reference column (``Ref``, ``PI``, ``Code``...),
    or with a title column and another column the vocabulary knows, or, with a layout,
    the first holding the headers it declares. Blank lines are skipped anywhere, and so is
    a repeat of the header row, however spaced; one that means other columns is an error.

    Headers are read by the vocabulary (:mod:`._table_headers`, listed in the how-to
    guide) unless the layout declares the column: the reference, the measure's text
    fields, unit and polarity; value columns for a period (read by
    :meth:`~kpi_scorecard.Period.parse`, or relative to ``as_of`` by
    :meth:`~kpi_scorecard.RelativePeriod.parse`); year-to-date columns; targets for the
    period their header names (a quarter included), else for the financial year of the
    latest period column; published status, trend and commentary for a period or the
    current one; and the long form's period column. Any other header is an error naming
    the roles it could be given: nothing is dropped silently. ``Indicator`` is the title
    alone, but the reference column when none is and another column is the title.

    Each data row is a :class:`~kpi_scorecard.Measure` (its reference derived from the
    title when there is no reference column), one :class:`~kpi_scorecard.Observation`
    per non-empty period cell (:meth:`~kpi_scorecard.CellValue.parse`) and a
    :class:`~kpi_scorecard.TargetSetting` per target column (an empty cell of a year's
    target column is :class:`~kpi_scorecard.NoTarget`, unlike ``N/A``). A row holding only
    a heading is a section, the group (``portfolio``) of the rows below it; a one-cell
    line starting with a footnote marker is a footnote, kept as the notes of the measures
    whose title or figures carry the marker. The measure's unit is the one a unit
    column, the header or a cell gives, else ``percent`` when a value or the target
    carries ``%``, else ``count``; then every figure in the row must carry ``%`` (a bare
    number beside percentages is ``mixed_units``), though the target may be bare.
    ``measures=`` sets any field of a measure by reference (polarity, aggregation,
    unit...); with a unit given there, bare numbers are in that unit.

    The current face and commentary belong to the latest period with a figure (the period
    ending last); failing that, the latest non-empty cell; failing that, a missing figure
    is recorded for the latest period column to hold them. Observations come in period
    order, measures and targets in row order.

    Strict reading raises the first problem as a :class:`~kpi_scorecard.TableError`
    with a stable ``code``, the 1-based line (of the row's first line) and the column
    header. Lenient reading returns a :class:`LoadResult`: the scorecard of the rows that
    read cleanly and every error, one per rejected row, with section, footnote and footer
    lines counted apart; a bad header cell is reported once and its column left unread,
    and rows under a differing repeated header are rejected.

Writing
    :func:`dumps` writes the title line, then a header of ``Ref``, the metadata columns
    (``Notes`` only when a measure has notes), one column per period that has an
    observation, in period order (``Year end 2018/19``, ``Quarter 1 2019/20``; other kinds
    by their label), ``Target <year>`` when there are targets, ``RAG and Direction of
    Travel`` and ``Commentary``, then one row per measure with canonical cells (percent
    measures with ``%``, yes/no measures as ``Yes`` and ``No``).
    ``loads(dumps(card), measures=..., calendar=card.calendar)`` gives the card back when
    ``measures=`` restores each measure's polarity, aggregation and unit and ``calendar=``
    the calendar, which the layout does not hold, and when the card lists observations and
    targets in the order the reader gives them, and, for text that starts like a formula
    (``=``, ``+``, ``-``, ``@``), ``spreadsheet_safe=False``
    keeps it raw (by default it is prefixed with ``'``, as the CSV writer does).

    :func:`dumps` refuses with a :class:`~kpi_scorecard.ScorecardError` (rather than lose
    data) what the layout cannot express: targets for several periods or for a period that
    is not a financial year, target profiles, a measure without a target when others have
    one (give it :class:`~kpi_scorecard.NoTarget`), numerators and denominators, a face or
    commentary where the reader would not put it, a ``missing`` figure the reader would
    not recreate, text with surrounding space, mojibake or control characters, and text
    that would read back as a header.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Literal, Protocol, overload

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._collector import collector_paused
from kpi_scorecard._errors import ScorecardError, TableError, TargetParseError, ValueParseError
from kpi_scorecard._measure import Measure
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import Target
from kpi_scorecard._units import PERCENT, YES_NO
from kpi_scorecard._value import CellValue
from kpi_scorecard.evaluation import Report
from kpi_scorecard.serializers._accounting import LoadResult
from kpi_scorecard.serializers._csv_columns import neutralise
from kpi_scorecard.serializers._table_cells import is_header, period_header, writable_text
from kpi_scorecard.serializers._table_headers import Role
from kpi_scorecard.serializers._table_layout import Column, Layout
from kpi_scorecard.serializers._table_plan import Context, header_periods
from kpi_scorecard.serializers._table_read import (
    Outcome,
    anchor,
    cells_of,
    detect_delimiter,
    read_rows,
    read_table,
)

__all__ = [
    "Column",
    "Layout",
    "LoadResult",
    "Role",
    "dump",
    "dumps",
    "load",
    "load_rows",
    "loads",
]

_Overrides = Mapping[str, Mapping[str, object]]


class _Readable(Protocol):
    def read(self) -> str: ...


class _Writable(Protocol):
    def write(self, text: str, /) -> object: ...


# --- reading ----------------------------------------------------------------------------


_Cell = str | int | float | Decimal | dt.date | None


@overload
def loads(
    text: str,
    *,
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
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: bool,
) -> Scorecard | LoadResult: ...
def loads(
    text: str,
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: bool = False,
) -> Scorecard | LoadResult:
    r"""Read a scorecard from table text; lenient reading returns a :class:`LoadResult`.

    ``layout`` declares what columns hold where the header vocabulary does not say (a
    declaration wins); ``as_of`` is the period the report is for, against which headers
    such as ``This quarter`` are read.

    >>> text = "Scorecard\n\nRef\tQuarter 1 2019/20\tTarget 2019/20\tRAG\nCSC002\t17%\t<18%\t😊\n"
    >>> card = loads(text, measures={"CSC002": {"polarity": "lower_is_better"}})
    >>> card.title, card.measure("CSC002").unit, str(card.targets[0].target)
    ('Scorecard', 'percent', '<18%')
    >>> card.observations[0].value, card.observations[0].published_status
    (Decimal('17'), '😊')
    >>> try:
    ...     loads("Ref\tQuarter 5 2019/20\n")
    ... except TableError as exc:
    ...     exc.code, exc.line, exc.column
    ('bad_quarter', 1, 'Quarter 5 2019/20')
    """
    with collector_paused():
        outcome = read_table(text, measures, calendar, lenient=lenient, layout=layout, as_of=as_of)
    return _result(outcome, lenient=lenient)


@overload
def load_rows(
    rows: Iterable[Sequence[_Cell]],
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: Literal[False] = False,
) -> Scorecard: ...
@overload
def load_rows(
    rows: Iterable[Sequence[_Cell]],
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: Literal[True],
) -> LoadResult: ...
@overload
def load_rows(
    rows: Iterable[Sequence[_Cell]],
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: bool,
) -> Scorecard | LoadResult: ...
def load_rows(
    rows: Iterable[Sequence[_Cell]],
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: bool = False,
) -> Scorecard | LoadResult:
    r"""Read a scorecard from rows already split, as a spreadsheet reader or a dataframe gives.

    Each cell is text, a number (``int``, ``float``, ``Decimal``: written out in full),
    a day (``date``: ISO 8601) or None (empty); row *n* is line *n* in errors. Rows are
    then read exactly as :func:`loads` reads the rows of a text. Any other cell is a
    ``bad_cell_type`` error naming its column's header, or its 0-based position (``#1``)
    where no header names the column.

    >>> card = load_rows([["Ref", "Measure", "Q1 2019/20"], ["A1", "Referrals", 1462]])
    >>> card.observations[0].value
    Decimal('1462')
    """
    ctx = Context(layout or Layout(), calendar, as_of, None)
    with collector_paused():
        outcome = read_rows(cells_of(rows), measures, ctx, lenient=lenient)
    return _result(outcome, lenient=lenient)


def _result(outcome: Outcome, *, lenient: bool) -> Scorecard | LoadResult:
    if not lenient:
        return outcome.scorecard
    return LoadResult(
        document=outcome.scorecard,
        errors=tuple(outcome.errors),
        rows_read=outcome.rows_read,
        rows_kept=outcome.rows_kept,
        rejected_lines=tuple(outcome.rejected),
        section_lines=tuple(outcome.sections),
        footnote_lines=tuple(outcome.footnotes),
        footer_lines=tuple(outcome.footer),
    )


@overload
def load(
    stream: _Readable,
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: Literal[False] = False,
) -> Scorecard: ...
@overload
def load(
    stream: _Readable,
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: Literal[True],
) -> LoadResult: ...
@overload
def load(
    stream: _Readable,
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: bool,
) -> Scorecard | LoadResult: ...
def load(
    stream: _Readable,
    *,
    layout: Layout | None = None,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    as_of: Period | str | None = None,
    lenient: bool = False,
) -> Scorecard | LoadResult:
    r"""Read a scorecard from a text stream the caller opened; see :func:`loads`.

    >>> card = load(io.StringIO("Ref,Measure,Q1 2019/20\nA1,Referrals,\"1,462\"\n"))
    >>> card.measures[0].title, card.observations[0].value
    ('Referrals', Decimal('1462'))
    """
    return loads(
        stream.read(),
        layout=layout,
        measures=measures,
        calendar=calendar,
        as_of=as_of,
        lenient=lenient,
    )


# --- writing ----------------------------------------------------------------------------

_FIELDS = (
    ("department", "Lead Department"),
    ("title", "Measure"),
    ("corporate_outcome", "Corporate Outcome"),
    ("portfolio", "Portfolio"),
    ("responsible_officer", "Responsible Officer"),
    ("data_owner", "Data Owner"),
    ("frequency", "Data Frequency"),
    ("benchmark", "Benchmark"),
)
_NOTES = ("notes", "Notes")


def dumps(obj: Scorecard | Report, *, delimiter: str = "\t", spreadsheet_safe: bool = True) -> str:
    r"""Write a scorecard, or a report, as table text, tab- (default) or comma-separated.

    A report is written as the scorecard it was made from (``Report.source``), with the
    face the council's convention gives each assessment (😊 green or amber, ☹️ red, the
    direction where nothing is rated) in the ``RAG and Direction of Travel`` column. The
    layout has one face column, so a face reads back on the measure's latest figure.

    >>> card = loads("Ref\tMeasure\tQ1 2019/20\tTarget 2019/20\nA1\tReferrals\t17%\t<18%\n")
    >>> header, row = dumps(card, delimiter=",").splitlines()
    >>> header.split(",")[9:]
    ['Quarter 1 2019/20', 'Target 2019/20', 'RAG and Direction of Travel', 'Commentary']
    >>> row
    'A1,,Referrals,,,,,,,17%,<18%,,'
    """
    if delimiter not in ("\t", ","):
        msg = f"the table layout is tab- or comma-separated, not {delimiter!r}"
        raise ValueError(msg)
    if isinstance(obj, Scorecard):
        rows = _scorecard_rows(obj, text=_text_writer(spreadsheet_safe))
    elif isinstance(obj, Report):
        if obj.source is None:
            raise ScorecardError(
                "a report is written in the table layout with the scorecard it was made "
                "from; one read back from JSON or CSV has none (Report.source)",
                code="no_source",
            )
        faces = {a.measure_ref: a.face or "" for a in obj}
        rows = _scorecard_rows(obj.source, faces=faces, text=_text_writer(spreadsheet_safe))
    else:
        msg = f"dumps writes a Scorecard, not {type(obj).__name__}"
        raise TypeError(msg)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    text = buffer.getvalue()
    if detect_delimiter(text) != delimiter:
        raise ScorecardError(
            "the title would make the table read with the other delimiter", code="header_clash"
        )
    return text


def dump(
    obj: Scorecard | Report,
    stream: _Writable,
    *,
    delimiter: str = "\t",
    spreadsheet_safe: bool = True,
) -> None:
    r"""Write a scorecard as table text to a stream the caller opened; see :func:`dumps`.

    >>> out = io.StringIO()
    >>> dump(loads("Ref\tQ1 2019/20\nA1\t5\n"), out)
    >>> out.getvalue().splitlines()[1].split("\t")[0:10]
    ['A1', '', '', '', '', '', '', '', '', '5']
    """
    stream.write(dumps(obj, delimiter=delimiter, spreadsheet_safe=spreadsheet_safe))


def _target_period(card: Scorecard) -> Period | None:
    """The one financial year all targets are set for, or None when there are none."""
    if not card.targets:
        return None
    periods = sorted({setting.period for setting in card.targets})
    if len(periods) > 1:
        labels = ", ".join(str(period) for period in periods)
        raise ScorecardError(
            f"targets are set for several periods ({labels}); the layout has one target column",
            code="several_target_periods",
        )
    period = periods[0]
    if period.kind is not PeriodKind.FINANCIAL_YEAR:
        raise ScorecardError(
            f"targets are set for {period}; the target column is for a financial year",
            code="target_period",
        )
    for setting in card.targets:
        if setting.profile is not None:
            raise ScorecardError(
                f"{setting.measure_ref}: target profiles have no column", code="target_profile"
            )
    with_target = {setting.measure_ref for setting in card.targets}
    missing = [m.reference for m in card.measures if m.reference not in with_target]
    if missing:
        raise ScorecardError(
            f"no target setting for {', '.join(missing)}; an empty target cell reads as "
            "NoTarget(), so give them TargetSetting(target=NoTarget())",
            code="missing_target",
        )
    return period


def _keep(text: str) -> str:
    return text


def _text_writer(spreadsheet_safe: bool) -> Callable[[str], str]:
    """How free text is written: neutralised against formulas, or raw."""
    return neutralise if spreadsheet_safe else _keep


def _scorecard_rows(
    card: Scorecard,
    faces: Mapping[str, str] | None = None,
    text: Callable[[str], str] = _keep,
) -> list[list[str]]:
    rows: list[list[str]] = []
    title = text(writable_text(card.title, "the title"))
    if title:
        if is_header([title]):
            raise ScorecardError(f"the title {title!r} reads as a header", code="header_clash")
        rows.append([title])
    fields = list(_FIELDS) + ([_NOTES] if any(m.notes for m in card.measures) else [])
    periods = card.periods
    target_period = _target_period(card)
    header = ["Ref", *(name for _, name in fields), *(period_header(p) for p in periods)]
    if target_period is not None:
        header.append(f"Target {target_period.label}")
    header += ["RAG and Direction of Travel", "Commentary"]
    _check_header(header, periods, target_period, card.calendar)
    rows.append(header)
    targets = {setting.measure_ref: setting for setting in card.targets}
    latest = max(periods, key=lambda p: (p.end, p)) if periods else None
    for measure in card.measures:
        row = [text(writable_text(measure.reference, "the reference"))]
        row += [
            text(writable_text(getattr(measure, name), f"{measure.reference} {name}"))
            for name, _ in fields
        ]
        cells, face, commentary = _measure_cells(card, measure, periods, latest)
        if faces is not None:
            face = faces.get(measure.reference, "")
        row += cells
        if target_period is not None:
            row.append(_target_text(measure.reference, targets[measure.reference].target))
        row += [text(face), text(commentary)]
        if is_header(row):
            raise ScorecardError(
                f"{measure.reference}: a cell would make the row read as a header",
                code="header_clash",
            )
        rows.append(row)
    return rows


def _target_text(reference: str, target: Target) -> str:
    """The target's canonical text, checked to read back as the same target."""
    text = str(target)
    try:
        same = Target.parse(text) == target
    except TargetParseError:
        same = False
    if not same:
        raise ScorecardError(
            f"{reference}: target {text!r} would not read back as the same target",
            code="target_not_expressible",
        )
    return text


def _check_header(
    header: list[str], periods: Sequence[Period], target: Period | None, calendar: Calendar
) -> None:
    """Refuse a header that would not read back as the same periods and target year."""
    try:
        read_back, target_read = header_periods(header, calendar)
    except TableError as exc:
        raise ScorecardError(f"the header would not read back: {exc}", code="header_clash") from exc
    if read_back != list(periods) or target_read != target:
        raise ScorecardError(
            "period labels would not read back as the same periods in the card's calendar",
            code="header_clash",
        )


def _measure_cells(
    card: Scorecard, measure: Measure, periods: Sequence[Period], latest: Period | None
) -> tuple[list[str], str, str]:
    """The period cells of a measure's row, and its face and commentary."""
    reference = measure.reference
    by_period = card.observations_by_period(reference)
    cells: list[str] = []
    written: list[tuple[Period, CellValue]] = []
    for period in periods:
        obs = by_period.get(period)
        if obs is not None and obs.numerator is not None:
            raise ScorecardError(
                f"{reference} {period}: numerator and denominator have no column",
                code="ratio_parts",
            )
        if obs is not None and obs.value is None and obs.cumulative is not None:
            raise ScorecardError(
                f"{reference} {period}: a cumulative figure without a figure is not written",
                code="value_not_expressible",
            )
        if obs is None or obs.status is ObservationStatus.MISSING:
            cells.append("")
            continue
        percent = measure.unit == PERCENT and obs.value is not None
        answer = YES_NO if measure.unit == YES_NO and obs.value is not None else None
        cell = CellValue(
            value=obs.value, percent=percent, unit=answer, cumulative=obs.cumulative,
            status=obs.status,
        )  # fmt: skip
        text = str(cell)
        try:
            same = CellValue.parse(text) == cell
        except ValueParseError:  # pragma: no cover - canonical text always parses today
            same = False
        if not same:
            raise ScorecardError(
                f"{reference} {period}: {text!r} would not read back as the observation",
                code="value_not_expressible",
            )
        cells.append(text)
        written.append((period, cell))
    where = anchor(written) or latest
    annotated = []
    for obs in by_period.values():
        if obs.status is ObservationStatus.MISSING and (written or obs.period != latest):
            raise ScorecardError(
                f"{reference} {obs.period}: a missing figure is written as an empty cell, "
                "which reads back as no observation",
                code="missing_observation",
            )
        if obs.published_status is not None or obs.commentary:
            if obs.period != where:
                raise ScorecardError(
                    f"{reference} {obs.period}: the face and commentary belong to the latest "
                    f"period with a figure ({where}) in the table layout",
                    code="misplaced_commentary",
                )
            annotated.append(obs)
        elif obs.status is ObservationStatus.MISSING:
            raise ScorecardError(
                f"{reference} {obs.period}: a missing figure without face or commentary "
                "reads back as no observation",
                code="missing_observation",
            )
    if not annotated:
        return cells, "", ""
    obs = annotated[0]
    face = obs.published_status
    if face is not None and not writable_text(face, f"{reference} face"):
        raise ScorecardError(
            f"{reference}: an empty face reads back as none", code="unwritable_text"
        )
    return cells, face or "", writable_text(obs.commentary, f"{reference} commentary")
