"""The table layout's header vocabulary: what a column holds, recognised from its header.

A header is first looked up, folded (case and runs of space ignored), in
:data:`VOCABULARY`; then read as a role word with a period (``Q1 target``,
``Target Q2 2023/24``, ``2022/23 target``, ``Status Q1 2019/20``, ``YTD 2019/20``); then as
a period of its own (a value column, read by :meth:`~kpi_scorecard.Period.parse`, or a
period named relative to the report, read by
:meth:`~kpi_scorecard.RelativePeriod.parse`). A header may end with its unit in
brackets (``Percentage (%)``, ``Wait (days)``). The documentation lists the vocabulary
in a table that the tests check row by row against this module.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import PeriodParseError, TableError, UnitError
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._relative import RelativePeriod
from kpi_scorecard._units import PERCENT, canonical_unit

__all__ = [
    "CODE_OR_TITLE",
    "VOCABULARY",
    "Meaning",
    "Role",
    "normal",
    "recognise",
]


class Role(StrEnum):
    """What a column of a table holds.

    >>> Role("target"), [role.value for role in Role][:3]
    (<Role.TARGET: 'target'>, ['reference', 'title', 'description'])
    """

    REFERENCE = "reference"
    """The measure's reference (``Ref``, ``PI``, ``Code``)."""
    TITLE = "title"
    """The measure's title."""
    DESCRIPTION = "description"
    """A description or notes, kept as the measure's notes."""
    GROUP = "group"
    """The group or section of the measure (its portfolio)."""
    OUTCOME = "outcome"
    """The corporate outcome or priority the measure serves."""
    DEPARTMENT = "department"
    """The department or service that leads."""
    OWNER = "owner"
    """The officer responsible."""
    DATA_OWNER = "data_owner"
    """Who owns the data."""
    UNIT = "unit"
    """The measure's unit, as text (``%``, ``days``)."""
    POLARITY = "polarity"
    """Which way is good (``Good is``, ``Aim``, ``Higher is better``)."""
    FREQUENCY = "frequency"
    """How often the measure is reported."""
    VALUE = "value"
    """A figure, for the column's period (or the row's, in the long form)."""
    YEAR_TO_DATE = "year_to_date"
    """A year-to-date figure, kept as the observation's cumulative figure."""
    TARGET = "target"
    """A target, for the column's period (a year, or one period of it)."""
    STATUS = "status"
    """A published status (RAG, a face), for the column's period or the current one."""
    TREND = "trend"
    """A published trend (direction of travel), kept as the observation's published_trend."""
    COMMENTARY = "commentary"
    """Commentary, for the column's period or the current one."""
    BENCHMARK = "benchmark"
    """A benchmark or comparator, kept as the measure's benchmark text."""
    PERIOD = "period"
    """The row's period: the long form, one row per measure and period."""
    IGNORE = "ignore"
    """A column deliberately left unread."""


# Roles whose cells are text fields of the measure, and the field each fills.
MEASURE_FIELDS: Mapping[Role, str] = {
    Role.TITLE: "title",
    Role.DESCRIPTION: "notes",
    Role.GROUP: "portfolio",
    Role.OUTCOME: "corporate_outcome",
    Role.DEPARTMENT: "department",
    Role.OWNER: "responsible_officer",
    Role.DATA_OWNER: "data_owner",
    Role.FREQUENCY: "frequency",
    Role.BENCHMARK: "benchmark",
}
# Roles that belong to a period (the column's, the current one, or the row's).
PERIOD_ROLES = frozenset(
    {Role.VALUE, Role.YEAR_TO_DATE, Role.TARGET, Role.STATUS, Role.TREND, Role.COMMENTARY}
)


def _words(role: Role, *headers: str) -> dict[str, Role]:
    return dict.fromkeys(headers, role)


VOCABULARY: Mapping[str, Role] = {
    **_words(
        Role.REFERENCE,
        "ref", "ref.", "reference", "measure ref", "measure ref.", "measure reference",
        "kpi ref", "pi ref", "indicator ref", "ref no", "ref no.", "reference number",
        "pi", "kpi", "code", "pi code", "kpi code", "measure code", "indicator code", "id",
    ),
    **_words(
        Role.TITLE,
        "measure", "measure title", "measure name", "measure description",
        "performance measure", "performance indicator", "indicator", "title", "kpi name",
        "key performance indicator", "description of measure",
    ),
    **_words(Role.DESCRIPTION, "notes", "description", "definition"),
    **_words(
        Role.GROUP, "portfolio", "group", "section", "theme", "category", "service area",
    ),
    **_words(Role.OUTCOME, "corporate outcome", "outcome", "priority", "corporate priority"),
    **_words(Role.DEPARTMENT, "lead department", "department", "directorate", "service"),
    **_words(
        Role.OWNER,
        "responsible officer", "lead officer", "accountable officer", "owner", "lead",
    ),
    **_words(Role.DATA_OWNER, "data owner"),
    **_words(Role.UNIT, "unit", "units", "unit of measure"),
    **_words(
        Role.POLARITY,
        "polarity", "good is", "aim", "higher is better", "is higher better?",
        "direction of good",
    ),
    **_words(Role.FREQUENCY, "data frequency", "frequency", "reporting frequency"),
    **_words(
        Role.VALUE, "value", "actual", "achieved", "result", "outturn", "performance",
        "latest", "latest value", "current value", "percentage", "percent", "days",
    ),
    **_words(Role.YEAR_TO_DATE, "ytd", "year to date", "ytd actual", "year to date actual"),
    **_words(Role.TARGET, "target", "targets", "annual target", "target for the year"),
    **_words(
        Role.STATUS,
        "rag", "rag status", "rag rating", "rag and direction of travel", "rag and dot",
        "status", "current status", "rating",
    ),
    **_words(Role.TREND, "trend", "direction of travel", "dot", "direction"),
    **_words(Role.COMMENTARY, "commentary", "comments", "comment", "narrative"),
    **_words(
        Role.BENCHMARK, "benchmark", "benchmarking", "comparator", "national average",
    ),
    **_words(Role.PERIOD, "period", "quarter", "month", "year", "reporting period"),
}  # fmt: skip
"""Every header recognised by its whole text, folded, with the role it gives."""

CODE_OR_TITLE = frozenset({"indicator"})
"""Title headers that are the reference column instead when no column is the reference
and another column is the title (``Indicator | Measure``): there they head the codes."""

# The unit a header's own word gives a value column (``Percentage (%)``, ``Days``).
_UNIT_WORDS: Mapping[str, str] = {"percentage": PERCENT, "percent": PERCENT, "days": "day"}


def relative(text: str) -> RelativePeriod | None:
    """The period a header names relative to the report (``Last quarter``), or None.

    >>> str(relative("previous qtr")), relative("2019/20")
    ('Last quarter', None)
    """
    try:
        return RelativePeriod.parse(text)
    except PeriodParseError:
        return None


_ROLE_WORDS = (
    (Role.YEAR_TO_DATE, re.compile(r"\b(?:ytd|year[ -]to[ -]date)\b", re.IGNORECASE)),
    (Role.TARGET, re.compile(r"\btargets?\b", re.IGNORECASE)),
    (Role.STATUS, re.compile(r"\b(?:rag|status)\b", re.IGNORECASE)),
    (Role.TREND, re.compile(r"\b(?:trend|direction of travel|dot)\b", re.IGNORECASE)),
    (Role.COMMENTARY, re.compile(r"\b(?:commentary|comments?)\b", re.IGNORECASE)),
    (
        Role.VALUE,
        re.compile(r"\b(?:actual|value|outturn|out-turn|result|achieved)\b", re.IGNORECASE),
    ),
)
# Words around a role word that say nothing about the period.
_FILLER = re.compile(
    r"\b(?:for|of|the|proposed|annual|quarterly/?|est|estimated|and|in)\b|[/:]\s*(?=\s|$)",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"\b(?:q|quarter\s*)([1-4])\b", re.IGNORECASE)
_YEAR = re.compile(
    r"(?<![\d/])\d{2}(?:\d{2})?\s*[/-]\s*(?:\d{4}|\d{2})(?![\d/])|(?<![\d/])\d{4}(?![\d/])"
)
_UNIT_SUFFIX = re.compile(r"^(?P<rest>.*?)\s*\((?P<unit>[^()]{1,20})\)$")
# A header Period.parse cannot read at all is an unknown column, not a bad period.
_NOT_A_PERIOD = frozenset({"unknown_period", "unknown_month"})


def normal(header: str) -> str:
    """Fold a header for lookup: collapse white space, ignore case.

    >>> normal("  Measure   REF ")
    'measure ref'
    """
    return " ".join(header.split()).casefold()


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a header says: the role, and for period roles the period or its relative name.

    ``period`` is None for a period role with no period of its own: the current period
    (the latest with a figure) for a status, trend or commentary; the financial year of
    the latest period column for a target; the layout's period for a value.
    """

    role: Role
    period: Period | None = None
    quarter: int | None = None
    """A target for one quarter of the year the header does not name (``Q1 target``)."""
    relative: RelativePeriod | None = None
    unit: str | None = None


def _unknown(header: str, line: int | None) -> TableError:
    roles = ", ".join(role.value for role in Role)
    return TableError(
        header,
        f"unknown column header; declare its role in a Layout (one of {roles})",
        code="unknown_column",
        line=line,
        column=header,
    )


def recognise(header: str, line: int | None, calendar: Calendar) -> Meaning:
    """What a header means, by the vocabulary; TableError for one it does not know.

    >>> recognise("Target Q2 2023/24", 1, Calendar())
    Meaning(role=<Role.TARGET: 'target'>, period=kpi_scorecard.Period('Q2 2023/24'), quarter=None, relative=None, unit=None)
    >>> recognise("Percentage (%)", 1, Calendar()).unit
    'percent'
    """  # noqa: E501
    return _recognise(header, calendar, line)


@lru_cache(maxsize=4096)
def _recognise(header: str, calendar: Calendar, line: int | None) -> Meaning:
    name = normal(header)
    role = VOCABULARY.get(name)
    if role is not None:
        return Meaning(role, unit=_UNIT_WORDS.get(name))
    named = relative(name)
    if named is not None:
        return Meaning(Role.VALUE, relative=named)
    unit: str | None = None
    suffix = _UNIT_SUFFIX.match(name)
    if suffix is not None:
        unit = _unit_of(suffix["unit"])
        if unit is not None:
            try:
                inner = recognise(suffix["rest"], line, calendar) if suffix["rest"] else None
            except TableError as exc:
                if exc.code != "unknown_column":
                    raise
                raise _unknown(header, line) from None
            if inner is None:
                return Meaning(Role.VALUE, unit=unit)
            if inner.role not in (Role.VALUE, Role.YEAR_TO_DATE, Role.TARGET):
                raise _unknown(header, line)
            return Meaning(inner.role, inner.period, inner.quarter, inner.relative, unit)
    for role, word in _ROLE_WORDS:
        if word.search(name):
            return _with_period(role, word.sub(" ", name), header, line, calendar)
    return Meaning(Role.VALUE, period=_period(header, header, line, calendar))


def _unit_of(text: str) -> str | None:
    """The unit written in a header's brackets, or None when the brackets hold no unit."""
    if text.strip() == "%":
        return PERCENT
    try:
        return canonical_unit(text.strip())
    except UnitError:
        return None


def _with_period(role: Role, rest: str, header: str, line: int | None, cal: Calendar) -> Meaning:
    """A role word with the period written around it, or none."""
    rest = " ".join(_FILLER.sub(" ", rest).split())
    if not rest:
        return Meaning(role)
    named = relative(rest)
    if named is not None:
        return Meaning(role, relative=named)
    try:
        return Meaning(role, period=Period.parse(rest, calendar=cal))
    except PeriodParseError as exc:
        if exc.code not in _NOT_A_PERIOD:
            raise TableError(header, exc.reason, code=exc.code, line=line, column=header) from exc
    quarter = _QUARTER.search(rest)
    year = _YEAR.search(rest)
    if year is not None:
        label = f"Q{quarter[1]} {year.group()}" if quarter else year.group()
        period = _period(label, header, line, cal)
        if quarter is None and period.kind is not PeriodKind.FINANCIAL_YEAR:
            period = period.in_financial_year()  # pragma: no cover - a year reads as one
        return Meaning(role, period=period)
    if quarter is not None:
        return Meaning(role, quarter=int(quarter[1]))
    raise _unknown(header, line)


def _period(text: str, header: str, line: int | None, calendar: Calendar) -> Period:
    try:
        return Period.parse(text, calendar=calendar)
    except PeriodParseError as exc:
        if exc.code in _NOT_A_PERIOD:
            raise _unknown(header, line) from exc
        raise TableError(header, exc.reason, code=exc.code, line=line, column=header) from exc
