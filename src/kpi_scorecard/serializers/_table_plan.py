"""The header of a table, read once into a :class:`Plan` of its columns.

Each header cell is read by the layout's declaration, when it has one, else by the
vocabulary (:mod:`._table_headers`); period roles are given their period here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import (
    CalendarError,
    PeriodParseError,
    TableError,
)
from kpi_scorecard._measure import Polarity
from kpi_scorecard._period import Period
from kpi_scorecard._relative import RelativePeriod
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._units import PERCENT
from kpi_scorecard.serializers._rows import Collector
from kpi_scorecard.serializers._table_cells import DEFAULT_LAYOUT, check_cell, read_unit
from kpi_scorecard.serializers._table_headers import (
    CODE_OR_TITLE,
    MEASURE_FIELDS,
    PERIOD_ROLES,
    Meaning,
    Role,
    normal,
    recognise,
    relative,
)
from kpi_scorecard.serializers._table_headers import _with_period as _period_around
from kpi_scorecard.serializers._table_layout import Column, Layout

_NO_PERIOD = Period.financial_year(1000)  # sorts first: the long form's row period


# --- the header row ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Col:
    """One column of the plan: where it is, what it holds, and for which period."""

    index: int
    header: str
    role: Role
    period: Period | None = None
    unit: str | None = None
    status: ObservationStatus | None = None
    words: Mapping[str, Polarity] | None = None

    @property
    def key(self) -> tuple[object, ...]:
        """What the column means, for spotting the same column twice."""
        return (self.role, self.period)


@dataclass(slots=True)
class Plan:
    """The header row, read once: where each kind of column is."""

    line: int
    headers: tuple[str, ...]  # the cleaned (combined) header cells, no trailing empty ones
    width: int  # how many cells a row may fill: the header's, or the declared positions'
    columns: list[Col] = field(default_factory=list)
    reference: Col | None = None
    title: Col | None = None
    fields: list[Col] = field(default_factory=list)
    values: list[Col] = field(default_factory=list)
    ytd: list[Col] = field(default_factory=list)
    targets: list[Col] = field(default_factory=list)
    notes: list[Col] = field(default_factory=list)  # status, trend and commentary columns
    unit: Col | None = None
    polarity: Col | None = None
    period: Col | None = None  # the long form's period column
    meaning: tuple[tuple[int, object], ...] = ()  # for comparing repeated header rows

    @property
    def latest(self) -> Period | None:
        """The latest value column's period: the one ending last (the shorter on a tie)."""
        periods = [c.period for c in self.values if c.period is not None]
        return max(periods, key=lambda p: (p.end, p)) if periods else None

    @property
    def target_period(self) -> Period | None:
        """The period of the first target column (what the writer's one column reads as)."""
        return self.targets[0].period if self.targets else None

    @property
    def anchor(self) -> int:
        """The column whose cell a repeated header row repeats: the reference, or title."""
        column = self.reference or self.title
        return column.index if column else 0


class Context:
    """What the header plan needs beyond the header: the layout, calendar and report period."""

    __slots__ = ("as_of", "calendar", "declared", "layout", "period")

    def __init__(
        self, layout: Layout, calendar: Calendar, as_of: Period | str | None, line: int | None
    ) -> None:
        self.layout, self.calendar = layout, calendar
        self.as_of = _as_of(as_of, calendar)
        self.declared = {normal(c.header): c for c in layout.columns if c.header is not None}
        self.period: Period | None = None
        if layout.period is not None:
            self.period = self.resolve(layout.period, "period", line)

    def resolve(self, text: str, header: str, line: int | None) -> Period:
        """A declared period label, or a period named relative to the report."""
        named = relative(text)
        if named is not None:
            return self.relative(named, header, line)
        try:
            return Period.parse(text, calendar=self.calendar)
        except PeriodParseError as exc:
            raise TableError(text, exc.reason, code=exc.code, line=line, column=header) from exc

    def relative(self, named: RelativePeriod, header: str, line: int | None) -> Period:
        """Resolve a relative period against ``as_of``; TableError without it."""
        if self.as_of is None:
            raise TableError(
                header,
                f"{str(named)!r} names a period relative to the report; pass as_of=, the "
                "period the report is for",
                code="no_as_of",
                line=line,
                column=header,
            )
        try:
            return named.resolve(self.as_of)
        except CalendarError as exc:
            raise TableError(header, str(exc), code=exc.code, line=line, column=header) from exc


def _as_of(as_of: Period | str | None, calendar: Calendar) -> Period | None:
    if as_of is None or isinstance(as_of, Period):
        return as_of
    try:
        return Period.parse(as_of, calendar=calendar)
    except PeriodParseError as exc:
        raise TableError(as_of, exc.reason, code=exc.code, column="as_of") from exc


def _declaration(header: str, index: int, ctx: Context) -> Column | None:
    """The layout's declaration of a column, by its header or else its position."""
    declared = ctx.declared.get(normal(header)) if header else None
    if declared is None:
        declared = next((c for c in ctx.layout.columns if c.position == index), None)
    return declared


def _meaning(header: str, index: int, line: int, ctx: Context) -> tuple[Meaning, Column | None]:
    """What a header means: its declaration when the layout has one, else the vocabulary."""
    declared = _declaration(header, index, ctx)
    if declared is None:
        return recognise(header, line, ctx.calendar), None
    if declared.role not in PERIOD_ROLES or declared.period is not None:
        return Meaning(declared.role), declared
    try:
        found = _period_around(declared.role, normal(header), header, line, ctx.calendar)
    except TableError as exc:
        if exc.code != "unknown_column":
            raise
        found = Meaning(declared.role)
    return found, declared


def _column(header: str, index: int, line: int, ctx: Context, plan: Plan) -> Col:
    """The plan's column for one header cell, its period settled."""
    meaning, declared = _meaning(header, index, line, ctx)
    role = meaning.role
    period = meaning.period
    if declared is not None and declared.period is not None:
        period = ctx.resolve(declared.period, header, line)
    elif meaning.relative is not None:
        period = ctx.relative(meaning.relative, header, line)
    unit = declared.unit if declared is not None and declared.unit else meaning.unit
    if unit is not None and unit != PERCENT:
        unit = read_unit(unit, header, line, header)
    status = declared.status if declared is not None else None
    words = declared.words if declared is not None else None
    if meaning.quarter is not None:
        period = _quarter(meaning.quarter, header, line, plan, ctx)
    if period is None and role in (Role.VALUE, Role.YEAR_TO_DATE) and ctx.period is not None:
        period = ctx.period
    return Col(index, header, role, period, unit, status, words)


def _quarter(number: int, header: str, line: int, plan: Plan, ctx: Context) -> Period:
    """A quarter of the year of the latest period column (``Q1 target``)."""
    periods = [c.period for c in plan.columns if c.role is Role.VALUE and c.period is not None]
    latest = max(periods, key=lambda p: (p.end, p)) if periods else ctx.period
    if latest is None:
        raise TableError(
            header,
            "the header names a quarter but no year, and there is no period column",
            code="unknown_target_period",
            line=line,
            column=header,
        )
    year = latest.in_financial_year()
    return Period.parse(f"Q{number} {year.label}", calendar=ctx.calendar)


def signature(cells: Sequence[str]) -> tuple[str, ...]:
    """The cleaned cells of a row without trailing empty cells."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return tuple(cells[:end])


def combine(rows: Sequence[Sequence[str]]) -> list[str]:
    """The headers of several header rows: each column's texts joined, spans filled.

    A blank cell in an upper row, beside a filled one and over a filled cell below, is
    part of the span on its left (a period over value, target and status sub-columns).

    >>> combine([["Ref", "Q1 2019/20", "", "Q2 2019/20", ""],
    ...          ["", "Value", "Target", "Value", "Target"]])
    ['Ref', 'Q1 2019/20 Value', 'Q1 2019/20 Target', 'Q2 2019/20 Value', 'Q2 2019/20 Target']
    """
    width = max(len(row) for row in rows)
    grid = [list(row) + [""] * (width - len(row)) for row in rows]
    for upper, lower in pairwise(grid):
        for index in range(1, width):
            if not upper[index] and lower[index] and upper[index - 1] and lower[index - 1]:
                upper[index] = upper[index - 1]
    return [" ".join(row[i] for row in grid if row[i]) for i in range(width)]


def read_header(cells: Sequence[str], line: int, ctx: Context, report: Collector) -> Plan:
    """Read the header row; a bad column is reported and, when lenient, ignored."""
    headers = signature(cells)
    positions = [c.position for c in ctx.layout.columns if c.position is not None]
    width = max([len(headers), *(p + 1 for p in positions)])
    plan = Plan(line, headers, width)
    seen: dict[tuple[object, ...], str] = {}
    pending: list[tuple[int, str]] = []  # quarter targets wait for the period columns
    built: list[Col] = []
    cells_at = list(headers) + [""] * (width - len(headers))
    for index, header in enumerate(cells_at):
        declared = any(c.position == index for c in ctx.layout.columns)
        if not header and not declared:
            continue  # an empty header: its cells must be empty (unnamed_column)
        try:
            check_cell(header, line, header or None)
            meaning, _ = _meaning(header, index, line, ctx)
            if meaning.quarter is not None:
                pending.append((index, header))
                continue
            built.append(_column(header, index, line, ctx, plan))
        except TableError as exc:
            report.table(exc)  # lenient: the column is left unread
    for column in _code_column(built, ctx):
        try:
            _add(plan, column, seen, line)
        except TableError as exc:
            report.table(exc)
    for index, header in pending:
        try:
            _add(plan, _column(header, index, line, ctx, plan), seen, line)
        except TableError as exc:
            report.table(exc)
    _settle(plan, line, report)
    plan.meaning = tuple((c.index, c.key) for c in plan.columns)
    return plan


def _code_column(columns: list[Col], ctx: Context) -> list[Col]:
    """The columns, an ``Indicator`` column made the reference beside another title column.

    Without a reference column, a title header of :data:`CODE_OR_TITLE` that the layout
    does not declare heads the codes when another column is the title.
    """
    if any(c.role is Role.REFERENCE for c in columns):
        return columns
    titles = [c for c in columns if c.role is Role.TITLE]
    codes = [
        c for c in titles
        if normal(c.header) in CODE_OR_TITLE and _declaration(c.header, c.index, ctx) is None
    ]  # fmt: skip
    if not codes or len(titles) == len(codes):
        return columns
    code = codes[0]
    return [Col(c.index, c.header, Role.REFERENCE) if c is code else c for c in columns]


def _add(plan: Plan, column: Col, seen: dict[tuple[object, ...], str], line: int) -> None:
    if column.role is Role.IGNORE:
        return
    key = column.key
    if key in seen:
        raise TableError(
            column.header,
            f"the same column as {seen[key]!r}",
            code="duplicate_column",
            line=line,
            column=column.header or None,
        )
    seen[key] = column.header
    plan.columns.append(column)


def _settle(plan: Plan, line: int, report: Collector) -> None:
    """Sort the columns by role and give each period column its period."""
    role_of = {c.index: c for c in plan.columns}
    for column in role_of.values():
        role = column.role
        if role is Role.REFERENCE:
            plan.reference = column
        elif role is Role.TITLE:
            plan.title = column
            plan.fields.append(column)
        elif role in MEASURE_FIELDS:
            plan.fields.append(column)
        elif role is Role.UNIT:
            plan.unit = column
        elif role is Role.POLARITY:
            plan.polarity = column
        elif role is Role.PERIOD:
            plan.period = column
    long_form = plan.period is not None
    for column in role_of.values():
        role = column.role
        try:
            if role is Role.VALUE:
                if column.period is None and not long_form:
                    raise TableError(
                        column.header,
                        "a value column whose header names no period; declare it "
                        "(Layout period= or the column's period=)",
                        code="no_period",
                        line=line,
                        column=column.header or None,
                    )
                plan.values.append(column)
            elif role is Role.YEAR_TO_DATE:
                plan.ytd.append(column)
            elif role is Role.TARGET:
                plan.targets.append(column)
            elif role in (Role.STATUS, Role.TREND, Role.COMMENTARY):
                plan.notes.append(column)
        except TableError as exc:
            report.table(exc)
    settled = []
    for column in plan.targets:
        if column.period is not None or long_form:
            settled.append(column)
            continue
        latest = plan.latest
        if latest is None:
            report.table(
                TableError(
                    column.header,
                    "the target header names no year and there is no period column",
                    code="unknown_target_period",
                    line=line,
                    column=column.header,
                )
            )
            continue  # lenient: the target column is left unread
        settled.append(_with(column, latest.in_financial_year()))
    plan.targets = sorted(settled, key=lambda column: column.period or _NO_PERIOD)
    ytd = []
    for column in plan.ytd:
        if column.period is not None or long_form:
            ytd.append(column)
        elif plan.latest is not None:
            ytd.append(_with(column, plan.latest))  # the year to date of the latest column
        else:
            report.table(
                TableError(
                    column.header,
                    "a year-to-date column and no period column to say to when",
                    code="no_period",
                    line=line,
                    column=column.header,
                )
            )
    plan.ytd = ytd


def _with(column: Col, period: Period) -> Col:
    return Col(
        column.index, column.header, column.role, period, column.unit, column.status, column.words
    )


def header_periods(header: Sequence[str], calendar: Calendar) -> tuple[list[Period], Period | None]:
    """The periods of a header's value columns and its target period, read strictly."""
    ctx = Context(DEFAULT_LAYOUT, calendar, None, 1)
    plan = read_header(list(header), 1, ctx, Collector(lenient=False))
    return [c.period for c in plan.values if c.period is not None], plan.target_period
