"""The reading half of :mod:`kpi_scorecard.serializers.table`, and what writing shares with it.

Text is split into numbered rows by the shared :class:`~._rows.RowReader` (rows already
split, from :func:`~kpi_scorecard.serializers.table.load_rows`, join the same path). The
header row is read once into a :class:`~._table_plan.Plan` (:mod:`._table_plan`), by the
declared :class:`~._table_layout.Layout` and the header vocabulary
(:mod:`._table_headers`); each data row is then read cell by cell through the model's cached parsers
(:meth:`CellValue.parse`, :meth:`Target.parse`), one call per cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain

from pydantic import ValidationError

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import (
    PeriodParseError,
    TableError,
    TargetParseError,
    UnitError,
    ValueParseError,
)
from kpi_scorecard._measure import Measure, Polarity
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._scorecard import Scorecard, TargetSetting
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import NoTarget, Target
from kpi_scorecard._units import COUNT, PERCENT, YES_NO, conversion_factor, scale
from kpi_scorecard._value import Band, CellValue
from kpi_scorecard.serializers._csv_cells import restorer
from kpi_scorecard.serializers._rows import Collector, QuotingError, RowReader, physical_lines
from kpi_scorecard.serializers._table_cells import (
    DEFAULT_LAYOUT,
    FOOTNOTE,
    Row,
    check_cell,
    clean,
    derive_reference,
    is_header,
    looks_like_header,
    read_unit,
    split_marker,
)
from kpi_scorecard.serializers._table_headers import (
    MEASURE_FIELDS,
    Role,
    normal,
    relative,
)
from kpi_scorecard.serializers._table_layout import Layout
from kpi_scorecard.serializers._table_plan import (
    Col,
    Context,
    Plan,
    combine,
    read_header,
    signature,
)

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
    targets: list[TargetSetting]
    markers: list[str]
    line: int


_POLARITY_WORDS: Mapping[str, Polarity] = {
    **dict.fromkeys(
        ("high", "higher", "higher is better", "up", "increase", "bigger is better", "more",
         "maximise", "↑", "yes", "y", "true", "higher_is_better"),
        Polarity.HIGHER_IS_BETTER,
    ),
    **dict.fromkeys(
        ("low", "lower", "lower is better", "down", "decrease", "reduce", "smaller is better",
         "less", "minimise", "↓", "no", "n", "false", "lower_is_better"),
        Polarity.LOWER_IS_BETTER,
    ),
    **dict.fromkeys(("neutral", "none", "n/a", "-", "tracking", "context"), Polarity.NEUTRAL),
}  # fmt: skip
"""The words a polarity column may use, folded, and which way each says is good."""


_SAMPLE: Mapping[str, object] = {
    "measure_ref": "A1",
    "period": Period.financial_year(2019),
    "value": Decimal(1),
    "cumulative": None,
    "numerator": None,
    "denominator": None,
    "status": ObservationStatus.NORMAL,
    "published_status": None,
    "published_trend": None,
    "commentary": "",
}


class Reading:
    """The state of one read: the plan, overrides, references seen, and the current section."""

    __slots__ = ("build", "by_period", "ctx", "group", "missing", "overrides", "plan", "seen")

    def __init__(
        self, plan: Plan, ctx: Context, overrides: Mapping[str, Mapping[str, object]]
    ) -> None:
        self.plan, self.ctx, self.overrides = plan, ctx, overrides
        self.seen: dict[str, int] = {}
        self.group = ""
        self.missing = MissingCells(ctx.layout.missing, ctx.layout.missing_pattern)
        self.by_period: dict[tuple[str, Period], int] = {}
        # The parts of an observation are valid already: the period was read once from its
        # header, the cell by the cached parser, the reference checked by the measure.
        self.build = restorer(Observation, dict(_SAMPLE))


class MissingCells:
    """The value cells a layout declares missing: exact texts, or a pattern, case ignored.

    ``folded in cells`` asks about a cell's casefolded text.
    """

    __slots__ = ("pattern", "texts")

    def __init__(self, texts: Sequence[str], pattern: str | None) -> None:
        self.texts = frozenset(text.casefold() for text in texts)
        self.pattern = re.compile(pattern, re.IGNORECASE) if pattern is not None else None

    def __contains__(self, folded: str) -> bool:
        """Whether the cell whose casefolded text is ``folded`` is declared missing."""
        if folded in self.texts:
            return True
        return self.pattern is not None and self.pattern.fullmatch(folded) is not None


def _cell_value(text: str, column: Col, line: int, missing: MissingCells) -> tuple[CellValue, str]:
    """A value cell read by the value notation, and the footnote marker split off it.

    A trailing marker the notation reads (``34*``, provisional) stays the notation's; one
    it does not (``92.7% (a)``) is split off and kept as a footnote marker.
    """
    if text.casefold() in missing:
        return CellValue(status=ObservationStatus.MISSING), ""
    mark = ""
    try:
        cell = CellValue.parse(text)
    except ValueParseError as exc:
        # A status mark the notation refused ('Est 34 (p)': two marks) is not a footnote.
        bare, mark = split_marker(text) if exc.code != "bad_marker" else (text, "")
        if not mark:
            raise TableError(
                text, exc.reason, code=exc.code, line=line, column=column.header
            ) from exc
        if bare.casefold() in missing:
            return CellValue(status=ObservationStatus.MISSING), mark
        try:
            cell = CellValue.parse(bare)
        except ValueParseError:
            raise TableError(
                text, exc.reason, code=exc.code, line=line, column=column.header
            ) from exc
    if column.status is not None and cell.status is ObservationStatus.NORMAL:
        cell = cell.model_copy(update={"status": column.status})
    return cell, mark


def read_row(  # noqa: PLR0915 - one pass over a row's cells
    cells: Sequence[str], line: int, state: Reading
) -> RowResult:
    """Read one data row of cleaned cells; raise :class:`TableError` at the first problem.

    The checks run in this order: reference, duplicate, cells past the header, mojibake
    and control characters (left to right), value cells, target, measure and overrides,
    units.
    """
    plan = state.plan

    def cell(index: int) -> str:
        return cells[index] if index < len(cells) else ""

    markers: list[str] = []
    title_column = plan.title
    title = cell(title_column.index) if title_column else ""
    if title:
        title, mark = split_marker(title)
        if mark:
            markers.append(mark)
    reference, ref_header = _reference(cell, plan, title, line)
    long_form = plan.period is not None
    row_period: Period | None = None
    if long_form:
        assert plan.period is not None  # noqa: S101 - long_form says so
        row_period = _row_period(cell(plan.period.index), plan.period, line, state)
    previous = state.seen.get(reference)
    if previous is not None and not long_form:
        raise TableError(
            reference,
            f"the reference is already used on line {previous}",
            code="duplicate_reference",
            line=line,
            column=ref_header,
        )
    headers = plan.headers
    for index, text in enumerate(cells):
        if not text:
            continue
        if index >= plan.width:
            where = (
                f"the header has {len(headers)}"
                if headers
                else (f"the layout declares {plan.width}")
            )
            raise TableError(
                text,
                f"row has {len(signature(cells))} cells but {where}",
                code="ragged_row",
                line=line,
            )
        header = headers[index] if index < len(headers) else ""
        check_cell(text, line, header or None)
        if not header and not any(c.index == index for c in plan.columns):
            raise TableError(text, "a cell under an empty header", code="unnamed_column", line=line)

    missing = state.missing
    values: list[tuple[Col, CellValue, str]] = []
    for column in plan.values:
        text = cell(column.index)
        if text:
            value, mark = _cell_value(text, column, line, missing)
            if mark:
                markers.append(mark)
            values.append((column, value, text))
    cumulative: dict[Period | None, Decimal] = {}
    ytd_cell: tuple[Col, str] | None = None
    for column in plan.ytd:
        text = cell(column.index)
        if text:
            found, _ = _cell_value(text, column, line, missing)
            if found.value is not None and not isinstance(found.value, Decimal):
                raise TableError(
                    text, "a year-to-date figure is one number", code="bad_value", line=line,
                    column=column.header,
                )  # fmt: skip
            if found.value is not None:
                cumulative[column.period] = found.value
                ytd_cell = (column, text)
    targets: list[tuple[Col, Target]] = []
    for column in plan.targets:
        text = cell(column.index)
        sub_year = column.period is not None and column.period.kind is not (
            PeriodKind.FINANCIAL_YEAR
        )
        if not text and (sub_year or long_form):
            continue
        try:
            targets.append((column, Target.parse(text) if text else NoTarget()))
        except TargetParseError as exc:
            raise TableError(
                text, exc.reason, code=exc.code, line=line, column=column.header
            ) from exc

    override = state.overrides.get(reference, {})
    if "reference" in override:
        raise TableError(
            reference, "measures= cannot change a reference", code="bad_override", line=line
        )
    declared_unit = next((c.unit for c, _, _ in values if c.unit), None)
    percent = (
        declared_unit == PERCENT
        or any(value.percent for _, value, _ in values)
        or any(t.unit == PERCENT for _, t in targets)
    )
    written_unit = next((value.unit for _, value, _ in values if value.unit), None)
    unit = PERCENT if percent else (declared_unit or written_unit or COUNT)
    if plan.unit is not None and cell(plan.unit.index):
        unit = read_unit(cell(plan.unit.index), plan.unit.header, line, plan.unit.header)
    data: dict[str, object] = {"unit": unit}
    for column in plan.fields:
        text = cell(column.index)
        if column is title_column:
            text = title
        data[MEASURE_FIELDS[column.role]] = text
    if state.group and not data.get("portfolio"):
        data["portfolio"] = state.group
    if plan.polarity is not None and cell(plan.polarity.index):
        data["polarity"] = _polarity(cell(plan.polarity.index), plan.polarity, line)
    data.update(override)
    data["reference"] = reference
    measure = _measure(data, override, line, plan, ref_header)

    lenient_units = "unit" in override or declared_unit is not None or plan.unit is not None
    if written_unit is not None:
        values = [_in_unit(entry, measure.unit, line) for entry in values]
    for column, value, text in values:
        if value.percent and measure.unit != PERCENT:
            raise TableError(
                text,
                f"a percentage, but the measure is in {measure.unit}",
                code="unit_mismatch",
                line=line,
                column=column.header,
            )
        if percent and not lenient_units and value.value is not None and not value.percent:
            raise TableError(
                text,
                "a bare number in a row of percentages; write the % sign",
                code="mixed_units",
                line=line,
                column=column.header,
            )
        if measure.unit == YES_NO and value.value is not None and value.unit != YES_NO:
            _check_answer(value, text, lenient_units, line, column)
    if measure.unit == YES_NO and ytd_cell is not None:
        raise TableError(
            ytd_cell[1], "a yes/no answer has no year-to-date figure", code="bad_yes_no",
            line=line, column=ytd_cell[0].header,
        )  # fmt: skip
    settings = []
    for column, target in targets:
        period = column.period or row_period
        assert period is not None  # noqa: S101 - a target column has a period, or the row's
        setting = TargetSetting.model_construct(measure_ref=reference, period=period, target=target)
        if target.unit is not None and target.unit != measure.unit:
            _check_target(measure, setting, cell(column.index), line, column)
        settings.append(setting)
    if previous is None:
        state.seen[reference] = line
    observations = _observations(reference, values, cumulative, cells, line, state, row_period)
    return RowResult(measure, observations, settings, markers, line)


def _check_answer(value: CellValue, text: str, declared: bool, line: int, column: Col) -> None:
    """Refuse a number in a row of Yes/No answers, unless the unit is declared and it is 1 or 0."""
    if declared and value.value in (0, 1) and value.cumulative is None:
        return
    raise TableError(
        text, "a number in a row of Yes/No answers; write Yes or No", code="mixed_units",
        line=line, column=column.header,
    )  # fmt: skip


def _in_unit(entry: tuple[Col, CellValue, str], unit: str, line: int) -> tuple[Col, CellValue, str]:
    """A value cell written in a unit, in the measure's unit (``14 days`` as 2 weeks)."""
    column, value, text = entry
    if value.unit is None or value.unit == unit:
        return entry
    try:
        factor = conversion_factor(value.unit, unit)
    except UnitError as exc:
        raise TableError(
            text,
            f"a figure in {value.unit}, but the measure is in {unit}",
            code="unit_mismatch",
            line=line,
            column=column.header,
        ) from exc
    figure = value.value
    if isinstance(figure, Decimal):
        figure = scale(figure, factor)
    elif figure is not None:
        figure = Band(low=scale(figure.low, factor), high=scale(figure.high, factor))
    cumulative = value.cumulative
    if cumulative is not None:
        cumulative = scale(cumulative, factor)
    converted = CellValue.model_construct(
        value=figure, percent=value.percent, unit=unit, cumulative=cumulative,
        status=value.status, revised=value.revised, placeholder=value.placeholder,
    )  # fmt: skip
    return column, converted, text


def _reference(cell: object, plan: Plan, title: str, line: int) -> tuple[str, str | None]:
    """The row's reference and the header it came from; derived from the title without one."""
    get = cell  # a function of the column index
    assert callable(get)  # noqa: S101 - the row's cell accessor
    if plan.reference is not None:
        reference = str(get(plan.reference.index))
        if not reference:
            raise TableError(
                "", "no reference", code="missing_reference", line=line,
                column=plan.reference.header,
            )  # fmt: skip
        return reference, plan.reference.header
    header = plan.title.header if plan.title is not None else None
    reference = derive_reference(title)
    if not reference:
        raise TableError(
            title,
            "no reference column, and no title to derive a reference from",
            code="missing_reference",
            line=line,
            column=header,
        )
    return reference, header


def _row_period(text: str, column: Col, line: int, state: Reading) -> Period:
    if not text:
        raise TableError("", "no period", code="missing_period", line=line, column=column.header)
    named = relative(text)
    if named is not None:
        return state.ctx.relative(named, column.header, line)
    try:
        return Period.parse(text, calendar=state.ctx.calendar)
    except PeriodParseError as exc:
        raise TableError(text, exc.reason, code=exc.code, line=line, column=column.header) from exc


def _polarity(text: str, column: Col, line: int) -> Polarity:
    words = column.words
    if words is not None:
        found = {normal(word): polarity for word, polarity in words.items()}.get(normal(text))
    else:
        found = _POLARITY_WORDS.get(normal(text))
    if found is None:
        known = ", ".join(sorted(words or _POLARITY_WORDS))
        raise TableError(
            text,
            f"not a polarity word (one of {known})",
            code="unknown_polarity",
            line=line,
            column=column.header,
        )
    return found


def _check_target(
    measure: Measure, setting: TargetSetting, text: str, line: int, column: Col
) -> None:
    """Refuse a target whose unit the measure's cannot hold, as a TableError."""
    assert setting.target.unit is not None  # noqa: S101 - the caller checked
    try:
        conversion_factor(setting.target.unit, measure.unit)
        Scorecard(measures=(measure,), targets=(setting,))
    except UnitError as exc:
        raise TableError(
            text,
            f"the target is in {setting.target.unit} but the measure is in {measure.unit}",
            code="unit_mismatch",
            line=line,
            column=column.header,
        ) from exc
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise TableError(
            text, str(first["msg"]), code=str(first["type"]), line=line, column=column.header
        ) from None


def _measure(
    data: Mapping[str, object],
    override: Mapping[str, object],
    line: int,
    plan: Plan,
    ref_header: str | None,
) -> Measure:
    try:
        return Measure.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else ""
        reference = str(data["reference"])
        if name == "reference":
            code, column = "bad_reference", ref_header
            text = reference
        elif name in override or name not in data:
            code, column = "bad_override", None
            text = f"{name}={override.get(name)!r}"
        else:
            code = "bad_measure"
            field_of = {MEASURE_FIELDS[c.role]: c.header for c in plan.fields}
            column = field_of.get(name)
            text = str(data[name])
        raise TableError(text, first["msg"], code=code, line=line, column=column) from None


@dataclass(slots=True)
class _Slot:
    """What a row says about one period."""

    cell: CellValue | None = None
    kept: str = ""
    cumulative: Decimal | None = None
    status: str = ""
    trend: str = ""
    commentary: str = ""


def _observations(
    reference: str,
    values: Sequence[tuple[Col, CellValue, str]],
    cumulative: Mapping[Period | None, Decimal],
    cells: Sequence[str],
    line: int,
    state: Reading,
    row_period: Period | None,
) -> list[Observation]:
    plan = state.plan
    slots: dict[Period, _Slot] = {}
    for column, value, text in values:
        period = column.period or row_period
        assert period is not None  # noqa: S101 - a value column has a period, or the row's
        slot = slots.setdefault(period, _Slot())
        slot.cell = value
        if value.value is None and value.status is ObservationStatus.MISSING:
            slot.kept = text
    for period, figure in cumulative.items():
        at = period or row_period
        if at is not None:
            slots.setdefault(at, _Slot()).cumulative = figure
    current = _Slot()
    for column in plan.notes:
        text = cells[column.index] if column.index < len(cells) else ""
        if not text:
            continue
        period = column.period or row_period
        slot = current if period is None else slots.setdefault(period, _Slot())
        name = {Role.STATUS: "status", Role.TREND: "trend"}.get(column.role, "commentary")
        setattr(slot, name, text)
    if current.status or current.trend or current.commentary:
        pairs = [(p, s.cell) for p, s in slots.items() if s.cell is not None]
        where = anchor(pairs) or (max(slots, key=lambda p: (p.end, p)) if slots else None)
        if where is None:
            where = plan.latest
        if where is None:
            column = next(c for c in plan.notes if c.period is None)
            raise TableError(
                current.status or current.trend or current.commentary,
                "there is no period column to attach the face or commentary to",
                code="orphan_commentary",
                line=line,
                column=column.header,
            )
        slot = slots.setdefault(where, _Slot())
        slot.status = slot.status or current.status
        slot.trend = slot.trend or current.trend
        slot.commentary = slot.commentary or current.commentary
    found = []
    for period in sorted(slots):
        slot = slots[period]
        if row_period is not None:
            key = (reference, period)
            if key in state.by_period:
                raise TableError(
                    str(period),
                    f"{reference} already has a row for {period} on line {state.by_period[key]}",
                    code="duplicate_observation",
                    line=line,
                    column=plan.period.header if plan.period else None,
                )
            state.by_period[key] = line
        cell = slot.cell or CellValue(status=ObservationStatus.MISSING)
        commentary = "\n".join(text for text in (slot.kept, slot.commentary) if text)
        found.append(
            state.build(
                {
                    "measure_ref": reference,
                    "period": period,
                    "value": cell.value,
                    "cumulative": slot.cumulative
                    if slot.cumulative is not None
                    else cell.cumulative,
                    "numerator": None,
                    "denominator": None,
                    "status": cell.status,
                    "published_status": slot.status or None,
                    "published_trend": slot.trend or None,
                    "commentary": commentary,
                }
            )
        )
    return found


# --- the table --------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """Everything a read yields, before it is handed out as a scorecard or a LoadResult."""

    scorecard: Scorecard
    errors: list[TableError]
    rows_read: int
    rows_kept: int
    rejected: list[int]
    sections: list[int] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    footer: list[int] = field(default_factory=list)


def _header_test(ctx: Context) -> Callable[[Sequence[str]], bool]:
    """Whether a row (the first of the header rows) is the header row."""
    layout = ctx.layout
    wanted = [normal(c.header) for c in layout.columns if c.header is not None]
    if wanted and layout.header_rows == 1:
        need = set(wanted)
        return lambda cells: need <= {normal(cell) for cell in cells if cell}
    if wanted:
        # The first of several header rows holds the first word of each declared header.
        firsts = {header.split(" ", 1)[0] for header in wanted}
        return lambda cells: firsts <= {normal(cell).split(" ", 1)[0] for cell in cells if cell}
    calendar = ctx.calendar
    return lambda cells: is_header(cells) or looks_like_header(cells, calendar)


def detect_delimiter(text: str, test: Callable[[Sequence[str]], bool] = is_header) -> str:
    """Tab or comma: the delimiter with which a line reads as the header row.

    A line is tried with tabs when it holds one, else with commas, so a comma in a
    preamble line never decides; when no line reads as a header, a tab anywhere decides.
    """
    for line in physical_lines(text):
        delimiter = "\t" if "\t" in line else ","
        if delimiter not in line:
            continue
        cells = [cell.strip().strip('"').strip() for cell in line.split(delimiter)]
        if test(cells):
            return delimiter
    return "\t" if "\t" in text else ","


def text_rows(text: str, delimiter: str) -> Iterator[Row]:
    """Each row's first line number and its cells, or the typed quoting error.

    Line numbers come from the reader's running count, so a bad row costs no more than
    a good one (lenient reading of many bad rows stays linear).
    """
    reader = RowReader(physical_lines(text), delimiter)
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except QuotingError as exc:
            yield previous + 1, exc.table_error(previous + 1)
        else:
            yield previous + 1, row
        previous = reader.line_num


def read_table(
    text: str,
    measures: Mapping[str, Mapping[str, object]] | None,
    calendar: Calendar,
    *,
    lenient: bool,
    layout: Layout | None = None,
    as_of: Period | str | None = None,
) -> Outcome:
    """Read a whole table; strict raises the first error, lenient collects them."""
    if not isinstance(text, str):
        msg = f"a table is read from text (str), not {type(text).__name__}"
        raise TypeError(msg)
    text = text.removeprefix("\ufeff")
    ctx = Context(layout or DEFAULT_LAYOUT, calendar, as_of, None)
    delimiter: str | None = ctx.layout.delimiter
    if delimiter is None:
        if ctx.layout.header_rows == 0:
            delimiter = "\t" if "\t" in text else ","
        else:
            delimiter = detect_delimiter(text, _header_test(ctx))
    return read_rows(
        text_rows(text, delimiter), measures, ctx, lenient=lenient, delimiter=delimiter
    )


class BadCellError(TableError):
    """A ``bad_cell_type`` error, keeping the cell's position for the header to name."""

    def __init__(self, text: str, reason: str, *, line: int, position: int) -> None:
        super().__init__(text, reason, code="bad_cell_type", line=line, column=f"#{position}")
        self.position = position

    def named(self, plan: Plan) -> TableError:
        """The error naming the column by its header, when the header row gives it one."""
        headers = plan.headers
        if self.position >= len(headers) or not headers[self.position]:
            return self  # no header (by position, or past the header row): the position
        return TableError(
            self.text, self.reason, code=self.code, line=self.line, column=headers[self.position]
        )


def cells_of(rows: Iterable[Sequence[object]]) -> Iterator[Row]:
    """Rows already split (a spreadsheet's or a dataframe's), as numbered rows of text."""
    for number, row in enumerate(rows, start=1):
        cells: list[str] = []
        for at, value in enumerate(row):
            try:
                cells.append(_text_of(value))
            except TypeError as exc:
                yield number, BadCellError(repr(value), str(exc), line=number, position=at)
                break
        else:
            yield number, cells


def _text_of(value: object) -> str:
    """A cell's text: None is empty, numbers in full, days in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("a cell is text, a number, a day or None, not bool")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):  # noqa: PLR0124 - NaN
            return ""
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"a cell is text, a number, a day or None, not {type(value).__name__}"
    raise TypeError(msg)


def read_rows(  # noqa: PLR0915 - the one loop over the rows
    source: Iterator[Row],
    measures: Mapping[str, Mapping[str, object]] | None,
    ctx: Context,
    *,
    lenient: bool,
    delimiter: str | None = None,
) -> Outcome:
    """Read numbered rows: the preamble, header, data, sections, footnotes and footer."""
    overrides = dict(measures or {})
    sink = Collector(lenient)
    layout = ctx.layout
    found = _find_header(source, ctx, sink, delimiter)
    if found is None:
        return Outcome(Scorecard(calendar=ctx.calendar), sink.errors, 0, 0, sink.rejected)
    plan, title, group, header_rows, source = found
    state = Reading(plan, ctx, overrides)
    state.group = group
    results: list[RowResult] = []
    outcome = Outcome(Scorecard(calendar=ctx.calendar), sink.errors, 0, 0, sink.rejected)
    rows: Iterable[Row] = source
    if layout.skip_footer:
        buffered = [(line, raw) for line, raw in source if not _blank(raw)]
        cut = max(len(buffered) - layout.skip_footer, 0)
        outcome.footer = [line for line, _ in buffered[cut:]]
        rows = buffered[:cut]
    footnotes: dict[str, str] = {}
    mismatch: int | None = None
    sections, footnote_on = layout.sections, layout.footnotes
    for line, raw in rows:
        if isinstance(raw, TableError):
            outcome.rows_read += 1
            sink.row(raw.named(plan) if isinstance(raw, BadCellError) else raw, line)
            continue
        cells = [clean(cell) for cell in raw]
        if not any(cells):
            continue
        if header_rows and signature(cells) in header_rows:
            mismatch = None  # a repeat of the header row, as written
            continue
        filled = [index for index, text in enumerate(cells) if text]
        if len(filled) == 1:
            only = filled[0]
            text = cells[only]
            if delimiter == "," and "\t" in text:
                outcome.rows_read += 1
                sink.row(_wrong_delimiter(text, line), line)
                continue
            if footnote_on and only == 0:
                note = FOOTNOTE.match(text)
                if note is not None:
                    footnotes[note["marker"]] = note["text"]
                    outcome.footnotes.append(line)
                    continue
            if sections and _is_section(only, text, plan):
                state.group = text
                outcome.sections.append(line)
                continue
        if header_rows and _candidate(cells, plan):
            try:
                mismatch = _repeated_header(cells, line, plan, ctx, sink)
            except TableError as exc:
                sink.table(exc)
                mismatch = line
            continue
        outcome.rows_read += 1
        try:
            if mismatch is not None:
                raise TableError(
                    next(cell for cell in cells if cell),
                    f"the row follows the differing header row on line {mismatch}",
                    code="header_mismatch",
                    line=line,
                )
            results.append(read_row(cells, line, state))
        except TableError as exc:
            sink.row(exc, line)
    for reference in overrides:
        if reference not in state.seen:
            sink.table(
                TableError(
                    reference,
                    "measures= names a reference that is not in the table",
                    code="unknown_reference",
                )
            )
    measures_out, targets, observations, kept = _assemble(results, footnotes, plan, sink)
    try:
        card = Scorecard(
            title=title,
            calendar=ctx.calendar,
            measures=tuple(measures_out),
            targets=tuple(targets),
            observations=tuple(observations),
        )
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        # Every row read cleanly, but they do not make a scorecard together: nothing can be
        # kept without losing rows silently, so this is raised even when lenient.
        raise TableError(
            str(first.get("input", ""))[:80], str(first["msg"]), code=str(first["type"])
        ) from None
    outcome.scorecard = card
    outcome.rows_kept = kept
    return outcome


def _assemble(
    results: Sequence[RowResult],
    footnotes: Mapping[str, str],
    plan: Plan,
    sink: Collector,
) -> tuple[list[Measure], list[TargetSetting], list[Observation], int]:
    """The measures (with their footnotes as notes), targets, observations and rows kept.

    A long-form row that disagrees with an earlier row of its measure is rejected.
    """
    measures: dict[str, Measure] = {}
    targets: dict[tuple[str, Period], TargetSetting] = {}
    observations: list[Observation] = []
    kept = 0
    for result in results:
        measure = result.measure
        if result.markers:
            notes = [f"{mark} {footnotes[mark]}" if mark in footnotes else mark for mark in
                     dict.fromkeys(result.markers)]  # fmt: skip
            joined = "\n".join(filter(None, [measure.notes, *notes]))
            measure = measure.model_copy(update={"notes": joined})
        try:
            _agrees(measure, measures.get(measure.reference), result, targets, plan)
        except TableError as exc:
            sink.row(exc, result.line)
            continue
        measures.setdefault(measure.reference, measure)
        targets.update(((s.measure_ref, s.period), s) for s in result.targets)
        observations.extend(result.observations)
        kept += 1
    order = {reference: at for at, reference in enumerate(measures)}
    observations.sort(key=lambda o: order[o.measure_ref])
    return list(measures.values()), list(targets.values()), observations, kept


def _agrees(
    measure: Measure,
    known: Measure | None,
    result: RowResult,
    targets: Mapping[tuple[str, Period], TargetSetting],
    plan: Plan,
) -> None:
    """Raise TableError when a long-form row says otherwise than an earlier row."""
    if known is not None and known != measure:
        column = next((c.header for c in plan.fields if _differs(known, measure, c.role)), None)
        raise TableError(
            measure.reference,
            "the measure's rows disagree about it",
            code="inconsistent_measure",
            line=result.line,
            column=column,
        )
    for setting in result.targets:
        found = targets.get((setting.measure_ref, setting.period))
        if found is not None and found.target != setting.target:
            raise TableError(
                str(setting.target),
                f"another row sets a different target for {setting.period}",
                code="inconsistent_target",
                line=result.line,
                column=_target_header(plan, setting.period),
            )


def _target_header(plan: Plan, period: Period) -> str | None:
    """The header of the target column for a period: its own, else the row period's."""
    for wanted in (period, None):
        found = next((c.header for c in plan.targets if c.period == wanted), None)
        if found:
            return found
    return None  # pragma: no cover - every target setting comes from a target column


def _differs(one: Measure, other: Measure, role: Role) -> bool:
    name = MEASURE_FIELDS[role]
    return bool(getattr(one, name) != getattr(other, name))


def _blank(raw: list[str] | TableError) -> bool:
    return not isinstance(raw, TableError) and not any(cell.strip() for cell in raw)


def _wrong_delimiter(text: str, line: int) -> TableError:
    return TableError(
        text[:80],
        "a one-cell row holding tabs: the table reads with commas, but is tab-separated",
        code="wrong_delimiter",
        line=line,
    )


def _is_section(index: int, text: str, plan: Plan) -> bool:
    """Whether a row whose only cell is ``text`` at ``index`` is a section heading."""
    if plan.title is not None and index == plan.title.index:
        return True
    if index != 0:
        return False
    if plan.reference is not None and plan.reference.index == 0:
        return any(char.isspace() for char in text)  # a reference is a code, a heading words
    return True


def _candidate(cells: Sequence[str], plan: Plan) -> bool:
    """Whether a data row may be a repeat of the header row."""
    at = plan.anchor
    text = cells[at] if at < len(cells) else ""
    header = plan.headers[at] if at < len(plan.headers) else ""
    if text and header and len(text) < 2 * len(header) + 8 and normal(text) == normal(header):
        return True
    return plan.reference is None and is_header(cells)


def _repeated_header(
    cells: Sequence[str], line: int, plan: Plan, ctx: Context, sink: Collector
) -> int | None:
    """Skip a repeat of the header row (the same columns, however written).

    One that differs is reported, and its line returned.
    """
    again = read_header(cells, line, ctx, Collector(lenient=False))
    if again.meaning == plan.meaning:
        return None
    sig = signature(cells)
    first = plan.headers
    index = next(
        (i for i in range(max(len(sig), len(first)))
         if i >= min(len(sig), len(first)) or normal(sig[i]) != normal(first[i])),
        0,
    )  # fmt: skip
    sink.table(
        TableError(
            sig[index] if index < len(sig) else "",
            f"a repeated header row differs from the header row on line {plan.line}",
            code="header_mismatch",
            line=line,
            column=(first[index] or None) if index < len(first) else None,
        )
    )
    return line


def _find_header(
    rows: Iterator[Row], ctx: Context, sink: Collector, delimiter: str | None
) -> tuple[Plan, str, str, tuple[tuple[str, ...], ...], Iterator[Row]] | None:
    """Skip the preamble; return the plan, title, first section and the header rows."""
    layout = ctx.layout
    preamble: list[tuple[int, list[str]]] = []
    for line, raw in rows:
        if isinstance(raw, TableError):
            sink.table(raw)
        elif any(cell.strip() for cell in raw):
            preamble.append((line, raw))
        if line >= layout.skip_rows:
            break
    if preamble and preamble[-1][0] > layout.skip_rows:
        rows = chain([preamble.pop()], rows)
    if layout.header_rows == 0:
        plan = read_header([], 0, ctx, sink)
        return plan, _title(preamble, layout, delimiter or "\t", sink), "", (), rows
    test = _header_test(ctx)
    for line, raw in rows:
        if isinstance(raw, TableError):
            sink.table(raw)
            continue
        cells = [clean(cell) for cell in raw]
        if not any(cells):
            continue
        if not test(cells):
            if delimiter == "," and len(signature(cells)) == 1 and "\t" in cells[0]:
                sink.table(_wrong_delimiter(cells[0], line))
                return None
            preamble.append((line, raw))
            continue
        header_cells = [cells]
        for _ in range(layout.header_rows - 1):
            more = next(rows, None)
            if more is None or isinstance(more[1], TableError):
                break
            header_cells.append([clean(cell) for cell in more[1]])
        combined = combine(header_cells) if len(header_cells) > 1 else cells
        group = ""
        if layout.section_above_header and preamble and len(signature(preamble[-1][1])) == 1:
            group = clean(preamble.pop()[1][0])
        plan = read_header(combined, line, ctx, sink)
        title = _title(preamble, layout, delimiter or "\t", sink)
        return plan, title, group, tuple(signature(c) for c in header_cells), rows
    if not preamble:
        sink.table(TableError("", "the text holds no table", code="empty_table"))
    else:
        sink.table(
            TableError(
                "",
                "no header row: no row names the reference or title column (Ref, Measure...)"
                " or the columns the layout declares",
                code="no_header_row",
            )
        )
    return None


def _title(
    preamble: Sequence[tuple[int, list[str]]], layout: Layout, delimiter: str, sink: Collector
) -> str:
    which = layout.title
    if which is None or not preamble:
        return ""
    if which == "first":
        found = preamble[0]
    elif which == "last":
        found = preamble[-1]
    else:
        chosen = [row for row in preamble if row[0] == which]
        if not chosen:
            sink.table(
                TableError(str(which), "the layout's title line is not in the preamble",
                           code="no_title_line")
            )  # fmt: skip
            return ""
        found = chosen[0]
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
