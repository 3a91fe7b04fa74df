"""The reading half of :mod:`kpi_scorecard.serializers.table`, and what writing shares with it.

The header row is read once into a :class:`Layout`; each data row is then read cell by
cell through the model's cached parsers (:meth:`CellValue.parse`, :meth:`Target.parse`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from pydantic import ValidationError

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import (
    PeriodParseError,
    ScorecardError,
    TableError,
    TargetParseError,
    UnitError,
    ValueParseError,
)
from kpi_scorecard._measure import Measure
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._scorecard import Scorecard, TargetSetting
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import Target
from kpi_scorecard._units import COUNT, PERCENT, conversion_factor
from kpi_scorecard._value import CellValue

# --- column headers ---------------------------------------------------------------------


class Kind(Enum):
    """What a column holds."""

    REFERENCE = "reference"
    FIELD = "field"
    PERIOD = "period"
    TARGET = "target"
    FACE = "face"
    COMMENTARY = "commentary"


REFERENCE_HEADERS = frozenset(
    {"ref", "ref.", "reference", "measure ref", "measure ref.", "measure reference"}
    | {"kpi ref", "pi ref", "indicator ref", "ref no", "ref no.", "reference number"}
)
FIELD_HEADERS: Mapping[str, str] = {
    "lead department": "department",
    "department": "department",
    "directorate": "department",
    "service": "department",
    "measure": "title",
    "measure title": "title",
    "measure name": "title",
    "measure description": "title",
    "performance measure": "title",
    "performance indicator": "title",
    "indicator": "title",
    "title": "title",
    "corporate outcome": "corporate_outcome",
    "outcome": "corporate_outcome",
    "portfolio": "portfolio",
    "responsible officer": "responsible_officer",
    "lead officer": "responsible_officer",
    "accountable officer": "responsible_officer",
    "data owner": "data_owner",
    "data frequency": "frequency",
    "frequency": "frequency",
    "reporting frequency": "frequency",
    "benchmark": "benchmark",
    "benchmarking": "benchmark",
    "notes": "notes",
}
FACE_HEADERS = frozenset(
    {"rag", "rag status", "rag rating", "rag and direction of travel", "rag and dot", "status"}
)
COMMENTARY_HEADERS = frozenset({"commentary", "comments", "comment", "narrative"})
_TARGET_WORD = re.compile(r"\btargets?\b", re.IGNORECASE)
_YEAR_IN_HEADER = re.compile(r"(?<![\d/])\d{4}(?:\s*[/-]\s*(?:\d{4}|\d{2}))?(?![\d/])")
# A header that Period.parse cannot read at all is an unknown column, not a bad period.
_NOT_A_PERIOD = frozenset({"unknown_period", "unknown_month"})


def normal(header: str) -> str:
    """Fold a header for lookup: collapse white space, ignore case."""
    return " ".join(header.split()).casefold()


@dataclass(frozen=True, slots=True)
class Column:
    """One recognised column of the header row."""

    index: int
    header: str
    kind: Kind
    name: str = ""
    period: Period | None = None


def classify(header: str, index: int, line: int, calendar: Calendar) -> Column:
    """Recognise one header cell, or raise :class:`TableError` for an unknown one."""
    name = normal(header)
    if name in REFERENCE_HEADERS:
        return Column(index, header, Kind.REFERENCE)
    if name in FIELD_HEADERS:
        return Column(index, header, Kind.FIELD, FIELD_HEADERS[name])
    if name in FACE_HEADERS:
        return Column(index, header, Kind.FACE)
    if name in COMMENTARY_HEADERS:
        return Column(index, header, Kind.COMMENTARY)
    if _TARGET_WORD.search(header):
        return Column(index, header, Kind.TARGET)
    try:
        period = Period.parse(header, calendar=calendar)
    except PeriodParseError as exc:
        if exc.code in _NOT_A_PERIOD:
            raise TableError(
                header, "unknown column header", code="unknown_column", line=line, column=header
            ) from exc
        raise TableError(header, exc.reason, code=exc.code, line=line, column=header) from exc
    return Column(index, header, Kind.PERIOD, period=period)


def is_header(cells: Sequence[str]) -> bool:
    """Whether a row is a header row: one of its cells names the reference column."""
    return any(len(cell) < 24 and normal(cell) in REFERENCE_HEADERS for cell in cells)


def _looks_like_header(cells: Sequence[str], line: int, calendar: Calendar) -> bool:
    known = 0
    for index, cell in enumerate(cells):
        if cell:
            try:
                classify(cell, index, line, calendar)
            except TableError:
                continue
            known += 1
    return known >= 2


# --- cells ------------------------------------------------------------------------------


def _continuation_characters() -> str:
    """The characters that UTF-8 continuation bytes become when misread as cp1252/latin-1."""
    found = []
    for byte in range(0x80, 0xC0):
        try:
            found.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            found.append(chr(byte))
    return re.escape("".join(found))


_CONTINUATION = f"[{_continuation_characters()}]"
# UTF-8 read as cp1252 (a face becomes "â\u02dc¹"), a lone "Ã" before a space, or U+FFFD.
_SUSPECT = re.compile(
    rf"(?P<mojibake>[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}"
    rf"|[\u00f0-\u00f4]{_CONTINUATION}{{3}}|\u00c3(?=\s|$)|\ufffd)"
    r"|(?P<control>[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\ufeff])"
)


def clean(cell: str) -> str:
    r"""Normalise a cell as read: line breaks become ``\n``, surrounding space goes."""
    if "\r" in cell:
        cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    return cell.strip()


def suspect(text: str) -> tuple[str, str] | None:
    """Return ``(code, reason)`` when text holds mojibake or a control character."""
    if text.isascii() and text.isprintable():
        return None
    found = _SUSPECT.search(text)
    if found is None:
        return None
    if found["mojibake"] is not None:
        return "mojibake", f"mojibake {found['mojibake']!r}: UTF-8 text decoded as cp1252"
    return "control_character", f"control character at position {found.start()}"


def check_cell(text: str, line: int | None, column: str | None) -> None:
    """Raise :class:`TableError` for a cell holding mojibake or a control character."""
    problem = suspect(text)
    if problem is not None:
        raise TableError(text, problem[1], code=problem[0], line=line, column=column)


# --- writing what reads back -----------------------------------------------------------


def writable_text(value: str, what: str) -> str:
    """Return text the reader gives back unchanged, or refuse it."""
    problem = suspect(value)
    if clean(value) != value or problem is not None:
        reason = problem[1] if problem else "surrounding space or a carriage return"
        raise ScorecardError(
            f"{what} {value!r} cannot be written: {reason}", code="unwritable_text"
        )
    return value


def period_header(period: Period) -> str:
    """The header :func:`dumps` writes for a period: ``Year end 2018/19``, ``Quarter 1 2019/20``."""
    if period.kind is PeriodKind.FINANCIAL_YEAR:
        return f"Year end {period.label}"
    if period.kind is PeriodKind.FINANCIAL_QUARTER:
        return f"Quarter {period.quarter_number} {period.label.split(' ', 1)[1]}"
    return period.label


# --- the header row ---------------------------------------------------------------------


@dataclass(slots=True)
class Layout:
    """The header row, read once: where each kind of column is."""

    line: int
    headers: tuple[str, ...]  # the cleaned header cells, without trailing empty ones
    reference: Column
    fields: list[Column] = field(default_factory=list)
    periods: list[Column] = field(default_factory=list)  # in column order
    target: Column | None = None
    target_period: Period | None = None
    face: Column | None = None
    commentary: Column | None = None

    @property
    def latest(self) -> Period | None:
        """The latest period column: the one ending last (the shorter on a tie)."""
        periods = [column.period for column in self.periods if column.period is not None]
        return max(periods, key=lambda p: (p.end, p)) if periods else None


def signature(cells: Sequence[str]) -> tuple[str, ...]:
    """The cleaned cells of a row without trailing empty cells."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return tuple(cells[:end])


def read_header(cells: Sequence[str], line: int, calendar: Calendar, report: ErrorSink) -> Layout:
    """Read the header row; a bad column is reported and, when lenient, ignored."""
    headers = signature(cells)
    columns: list[Column] = []
    seen: dict[tuple[Kind, object], str] = {}
    for index, header in enumerate(headers):
        if not header:
            continue  # an empty header: its cells must be empty (unnamed_column)
        try:
            check_cell(header, line, header)
            column = classify(header, index, line, calendar)
            key = (column.kind, column.period if column.kind is Kind.PERIOD else column.name)
            if key in seen:
                raise TableError(
                    header,
                    f"the same column as {seen[key]!r}",
                    code="duplicate_column",
                    line=line,
                    column=header,
                )
            seen[key] = header
            columns.append(column)
        except TableError as exc:
            report.table(exc)  # lenient: the column is left unread
    (reference,) = [c for c in columns if c.kind is Kind.REFERENCE]
    layout = Layout(line, headers, reference)
    for column in columns:
        if column.kind is Kind.FIELD:
            layout.fields.append(column)
        elif column.kind is Kind.PERIOD:
            layout.periods.append(column)
        elif column.kind is Kind.TARGET:
            layout.target = column
        elif column.kind is Kind.FACE:
            layout.face = column
        elif column.kind is Kind.COMMENTARY:
            layout.commentary = column
    if layout.target is not None:
        try:
            layout.target_period = _target_period(layout.target, layout.latest, line, calendar)
        except TableError as exc:
            report.table(exc)  # lenient: the target column is left unread
            layout.target = None
    return layout


def _target_period(column: Column, latest: Period | None, line: int, cal: Calendar) -> Period:
    """The financial year written in the target header, else that of the latest period."""
    found = _YEAR_IN_HEADER.search(column.header)
    if found is None:
        if latest is None:
            raise TableError(
                column.header,
                "the target header names no year and there is no period column",
                code="unknown_target_period",
                line=line,
                column=column.header,
            )
        return latest.in_financial_year()
    try:
        period = Period.parse(found.group(), calendar=cal)
    except PeriodParseError as exc:
        raise TableError(
            column.header, exc.reason, code=exc.code, line=line, column=column.header
        ) from exc
    if period.kind is not PeriodKind.FINANCIAL_YEAR:  # pragma: no cover - only years match
        raise TableError(column.header, "not a financial year", code="bad_target_period", line=line)
    return period


# --- errors -----------------------------------------------------------------------------


class ErrorSink:
    """Raise the first error (strict), or collect them all (lenient)."""

    def __init__(self, lenient: bool) -> None:
        self.lenient = lenient
        self.errors: list[TableError] = []
        self.rejected: list[int] = []

    def table(self, error: TableError) -> None:
        """An error about the table as a whole (its header, preamble or overrides)."""
        if not self.lenient:
            raise error
        self.errors.append(error)

    def row(self, error: TableError, line: int) -> None:
        """An error that rejects the data row on ``line``."""
        if not self.lenient:
            raise error
        self.errors.append(error)
        self.rejected.append(line)


# --- data rows --------------------------------------------------------------------------


def anchor(cells: Sequence[tuple[Period, CellValue]]) -> Period | None:
    """The period that takes the face and commentary, among the non-empty cells given.

    The latest period with a figure; else the latest non-empty cell; else None.
    """
    with_figure = [period for period, cell in cells if cell.value is not None]
    candidates = with_figure or [period for period, _ in cells]
    return max(candidates, key=lambda p: (p.end, p)) if candidates else None


@dataclass(slots=True)
class RowResult:
    """What one data row yields."""

    measure: Measure
    observations: list[Observation]
    target: TargetSetting | None


def read_row(
    cells: Sequence[str],
    line: int,
    layout: Layout,
    overrides: Mapping[str, Mapping[str, object]],
    seen: dict[str, int],
) -> RowResult:
    """Read one data row of cleaned cells; raise :class:`TableError` at the first problem.

    The checks run in this order: reference, duplicate, cells past the header, mojibake
    and control characters (left to right), value cells, target, measure and overrides,
    units.
    """
    ref_column = layout.reference

    def cell(index: int) -> str:
        return cells[index] if index < len(cells) else ""

    reference = cell(ref_column.index)
    if not reference:
        raise TableError(
            "", "no reference", code="missing_reference", line=line, column=ref_column.header
        )
    if reference in seen:
        raise TableError(
            reference,
            f"the reference is already used on line {seen[reference]}",
            code="duplicate_reference",
            line=line,
            column=ref_column.header,
        )
    seen[reference] = line
    headers = layout.headers
    for index, text in enumerate(cells):
        if not text:
            continue
        if index >= len(headers):
            raise TableError(
                text,
                f"row has {len(signature(cells))} cells but the header has {len(headers)}",
                code="ragged_row",
                line=line,
            )
        check_cell(text, line, headers[index] or None)
        if not headers[index]:
            raise TableError(text, "a cell under an empty header", code="unnamed_column", line=line)

    values: list[tuple[Column, CellValue]] = []
    for column in layout.periods:
        text = cell(column.index)
        if text:
            try:
                values.append((column, CellValue.parse(text)))
            except ValueParseError as exc:
                raise TableError(
                    text, exc.reason, code=exc.code, line=line, column=column.header
                ) from exc
    target: Target | None = None
    if layout.target is not None:
        try:
            target = Target.parse(cell(layout.target.index))
        except TargetParseError as exc:
            text = cell(layout.target.index)
            raise TableError(
                text, exc.reason, code=exc.code, line=line, column=layout.target.header
            ) from exc

    override = overrides.get(reference, {})
    if "reference" in override:
        raise TableError(
            reference, "measures= cannot change a reference", code="bad_override", line=line
        )
    percent = any(value.percent for _, value in values) or (
        target is not None and target.unit == PERCENT
    )
    data: dict[str, object] = {"unit": PERCENT if percent else COUNT}
    data.update({column.name: cell(column.index) for column in layout.fields})
    data.update(override)
    data["reference"] = reference
    measure = _measure(data, override, line, layout)

    for column, value in values:
        if value.percent and measure.unit != PERCENT:
            raise TableError(
                cell(column.index),
                f"a percentage, but the measure is in {measure.unit}",
                code="unit_mismatch",
                line=line,
                column=column.header,
            )
        if percent and "unit" not in override and value.value is not None and not value.percent:
            raise TableError(
                cell(column.index),
                "a bare number in a row of percentages; write the % sign",
                code="mixed_units",
                line=line,
                column=column.header,
            )
    if target is not None and target.unit is not None and target.unit != measure.unit:
        assert layout.target is not None  # noqa: S101 - a target was read from this column
        try:
            conversion_factor(target.unit, measure.unit)
        except UnitError as exc:
            raise TableError(
                cell(layout.target.index),
                f"the target is in {target.unit} but the measure is in {measure.unit}",
                code="unit_mismatch",
                line=line,
                column=layout.target.header,
            ) from exc
    return RowResult(
        measure,
        _observations(reference, values, cells, line, layout),
        _setting(reference, target, layout),
    )


def _measure(
    data: Mapping[str, object], override: Mapping[str, object], line: int, layout: Layout
) -> Measure:
    try:
        return Measure.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else ""
        reference = str(data["reference"])
        if name == "reference":
            code, column = "bad_reference", layout.reference.header
            text = reference
        elif name in override or name not in data:
            code, column = "bad_override", None
            text = f"{name}={override.get(name)!r}"
        else:
            code = "bad_measure"
            column = next((c.header for c in layout.fields if c.name == name), None)
            text = str(data[name])
        raise TableError(text, first["msg"], code=code, line=line, column=column) from None


def _observations(
    reference: str,
    values: Sequence[tuple[Column, CellValue]],
    cells: Sequence[str],
    line: int,
    layout: Layout,
) -> list[Observation]:
    def text_of(column: Column | None) -> str:
        return cells[column.index] if column and column.index < len(cells) else ""

    face, commentary = text_of(layout.face), text_of(layout.commentary)
    by_period = sorted(
        ((c.period, v) for c, v in values if c.period is not None), key=lambda pair: pair[0]
    )
    where = anchor(by_period) if face or commentary else None
    found = [
        _observation(reference, period, value)
        if period != where
        else _observation(reference, period, value, face or None, commentary)
        for period, value in by_period
    ]
    if (face or commentary) and where is None:
        # No value at all: the face and commentary go on a missing figure for the latest
        # period column, so that nothing written in the row is lost.
        if layout.latest is None:
            column = layout.face if face else layout.commentary
            raise TableError(
                face or commentary,
                "there is no period column to attach the face or commentary to",
                code="orphan_commentary",
                line=line,
                column=column.header if column else None,
            )
        missing = CellValue(status=ObservationStatus.MISSING)
        found.append(_observation(reference, layout.latest, missing, face or None, commentary))
    return found


def _observation(
    reference: str, period: Period, cell: CellValue, face: str | None = None, commentary: str = ""
) -> Observation:
    """An observation from parts that are valid already.

    The period was read once from its header, the cell by the cached parser (its value
    and status agree, as an observation's must), the reference checked by the measure.
    Validating again would re-check the period's shape for every cell, which costs more
    than the rest of the row, so the observation is constructed without it.
    """
    return Observation.model_construct(
        measure_ref=reference,
        period=period,
        value=cell.value,
        cumulative=cell.cumulative,
        status=cell.status,
        published_status=face,
        commentary=commentary,
    )


def _setting(reference: str, target: Target | None, layout: Layout) -> TargetSetting | None:
    if target is None or layout.target_period is None:
        return None
    # Valid parts, as for observations: the period was read once, the target parsed.
    return TargetSetting.model_construct(
        measure_ref=reference, period=layout.target_period, target=target
    )


# --- the table --------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """Everything a read yields, before it is handed out as a scorecard or a LoadResult."""

    scorecard: Scorecard
    errors: list[TableError]
    rows_read: int
    rows_kept: int
    rejected: list[int]


def detect_delimiter(text: str) -> str:
    """Tab or comma: the delimiter that splits the first header-like line into a ``Ref`` cell."""
    for line in text.splitlines():
        for delimiter in ("\t", ","):
            if delimiter in line and is_header(
                [cell.strip().strip('"') for cell in line.split(delimiter)]
            ):
                return delimiter
    return "\t" if "\t" in text else ","


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | TableError]]:
    """Yield each row's first line number and its cells (or a quoting error)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = previous + 1
            lines = _LINE_BREAK.split(text)
            raw = lines[line - 1] if line <= len(lines) else ""
            yield line, TableError(raw, f"bad quoting ({exc})", code="bad_quoting", line=line)
        else:
            yield previous + 1, row
        previous = reader.line_num


def _find_header(
    rows: Iterator[tuple[int, list[str] | TableError]],
    delimiter: str,
    calendar: Calendar,
    sink: ErrorSink,
) -> tuple[Layout | None, str]:
    """Skip the preamble; return the header layout and the title (the last preamble line)."""
    title: tuple[int, list[str]] | None = None
    for line, raw in rows:
        if isinstance(raw, TableError):
            sink.table(raw)
            continue
        cells = [clean(cell) for cell in raw]
        if not any(cells):
            continue
        if is_header(cells):
            return read_header(cells, line, calendar, sink), _title(title, delimiter, sink)
        if _looks_like_header(cells, line, calendar):
            sink.table(
                TableError(
                    delimiter.join(signature(cells)),
                    "a header row without a reference column (Ref, Reference, Measure ref)",
                    code="missing_reference_column",
                    line=line,
                )
            )
            return None, ""
        title = (line, raw)
    if title is None:
        sink.table(TableError("", "the text holds no table", code="empty_table"))
    else:
        sink.table(
            TableError(
                "",
                "no header row: no row has a reference column (Ref, Reference, Measure ref)",
                code="no_header_row",
            )
        )
    return None, ""


def _title(found: tuple[int, list[str]] | None, delimiter: str, sink: ErrorSink) -> str:
    if found is None:
        return ""
    # The title line is the raw text between its first and last non-empty cells, so an
    # unquoted title that holds the delimiter reads whole.
    line, raw = found
    kept = [index for index, cell in enumerate(raw) if cell.strip()]
    text = clean(delimiter.join(raw[kept[0] : kept[-1] + 1]))
    try:
        check_cell(text, line, None)
    except TableError as exc:
        sink.table(exc)
        return ""
    return text


def _repeated_header(
    cells: Sequence[str], line: int, layout: Layout, sink: ErrorSink
) -> int | None:
    """Skip a repeat of the header row; report one that differs and return its line."""
    sig = signature(cells)
    first = layout.headers
    if sig == first:
        return None
    index = next(
        i
        for i in range(max(len(sig), len(first)))
        if i >= min(len(sig), len(first)) or sig[i] != first[i]
    )
    sink.table(
        TableError(
            sig[index] if index < len(sig) else "",
            f"a repeated header row differs from the header row on line {layout.line}",
            code="header_mismatch",
            line=line,
            column=(first[index] or None) if index < len(first) else None,
        )
    )
    return line


def read_table(
    text: str,
    measures: Mapping[str, Mapping[str, object]] | None,
    calendar: Calendar,
    *,
    lenient: bool,
) -> Outcome:
    """Read a whole table; strict raises the first error, lenient collects them."""
    if not isinstance(text, str):
        msg = f"a table is read from text (str), not {type(text).__name__}"
        raise TypeError(msg)
    text = text.removeprefix("\ufeff")
    overrides = dict(measures or {})
    sink = ErrorSink(lenient)
    delimiter = detect_delimiter(text)
    rows = _rows(text, delimiter)
    layout, title = _find_header(rows, delimiter, calendar, sink)
    if layout is None:
        return Outcome(Scorecard(calendar=calendar), sink.errors, 0, 0, sink.rejected)
    seen: dict[str, int] = {}
    results: list[RowResult] = []
    rows_read = 0
    mismatch: int | None = None
    for line, raw in rows:
        if isinstance(raw, TableError):
            rows_read += 1
            sink.row(raw, line)
            continue
        cells = [clean(cell) for cell in raw]
        if not any(cells):
            continue
        if is_header(cells):
            mismatch = _repeated_header(cells, line, layout, sink)
            continue
        rows_read += 1
        try:
            if mismatch is not None:
                raise TableError(
                    next(cell for cell in cells if cell),
                    f"the row follows the differing header row on line {mismatch}",
                    code="header_mismatch",
                    line=line,
                )
            results.append(read_row(cells, line, layout, overrides, seen))
        except TableError as exc:
            sink.row(exc, line)
    for reference in overrides:
        if reference not in seen:
            sink.table(
                TableError(
                    reference,
                    "measures= names a reference that is not in the table",
                    code="unknown_reference",
                )
            )
    card = Scorecard(
        title=title,
        calendar=calendar,
        measures=tuple(result.measure for result in results),
        targets=tuple(result.target for result in results if result.target is not None),
        observations=tuple(obs for result in results for obs in result.observations),
    )
    return Outcome(card, sink.errors, rows_read, len(results), sink.rejected)
