"""Comparator figures (other areas' figures to compare with) read from tidy CSV or JSON text.

A tidy table has one row per area, measure and period, with these columns (the first
four required, in any order):

========================  ====================================================
``measure_ref``           the measure's reference, as on the scorecard
``area``                  the area's name (``England`` for England's own figure)
``period``                the period's label, read in the given calendar
``value``                 the figure, in the measure's unit (``27.5`` for 27.5%)
``area_code``             the area's GSS code (optional)
``numerator``             with ``denominator``: the counts behind a rate (optional)
``denominator``
``groups``                the groups the area is in, separated by ``;``
========================  ====================================================

Every bad row is a :class:`~kpi_scorecard.TableError` that names its line and column and
quotes the text. A dataframe of the same columns is read by
:func:`kpi_scorecard.frames.comparators_from_frame` (the ``frames`` extra).
"""

from __future__ import annotations

import json as std_json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._errors import ParseError, TableError
from kpi_scorecard._numbers import parse_decimal
from kpi_scorecard._period import Period
from kpi_scorecard.comparators._model import Area, ComparatorData, ComparatorFigure

from ._csv_read import RowError, from_validation
from ._rows import QuotingError, RowReader, physical_lines

__all__ = ["COLUMNS", "REQUIRED_COLUMNS", "from_csv", "from_json"]

REQUIRED_COLUMNS = ("measure_ref", "area", "period", "value")
"""The columns every tidy comparator table has."""

COLUMNS = (*REQUIRED_COLUMNS, "area_code", "numerator", "denominator", "groups")
"""Every column a tidy comparator table may have."""


_PARTS = ("numerator", "denominator")


def _number(text: str, column: str) -> Decimal | None:
    if text == "" and column in _PARTS:
        return None
    figure = parse_decimal(text.strip())
    if figure is None:
        raise RowError(column, text, "not a number", "bad_number")
    if figure < 0 and column in _PARTS:
        raise RowError(column, text, f"a {column} is 0 or more", "negative_number")
    return figure


class _Seen:
    """The figures read so far by measure, area and period, to report a repeat where it is."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str, Period], str] = {}

    def check(self, figure: ComparatorFigure, where: str) -> None:
        key = (figure.measure_ref, figure.area.code or figure.area.name, figure.period)
        first = self._keys.setdefault(key, where)
        if first != where:
            raise RowError(
                "area",
                figure.area.name,
                f"a second figure for {figure.measure_ref} {figure.period} "
                f"(the first is at {first})",
                "duplicate_comparator",
            )


def _text(value: object) -> str:
    """A cell as text: a frame's number by its shortest repr, a missing cell as ''."""
    if value is None or (isinstance(value, float) and value != value):  # noqa: PLR0124 - NaN
        return ""
    return (
        value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    )


def _figure(cells: Mapping[str, str], calendar: Calendar) -> ComparatorFigure:
    """One figure from a row's cells; RowError naming the column of the first problem."""
    if not cells["measure_ref"].strip():
        raise RowError("measure_ref", cells["measure_ref"], "no measure", "missing_reference")
    if not cells["area"].strip():
        raise RowError("area", cells["area"], "no area", "missing_area")
    period_text = cells["period"]
    try:
        period = Period.parse(period_text, calendar=calendar)
    except ParseError as exc:
        raise RowError("period", period_text, exc.reason, exc.code) from None
    code = cells.get("area_code", "")
    groups = cells.get("groups", "")
    values: dict[str, Any] = {
        "measure_ref": cells["measure_ref"],
        "period": period,
        "value": _number(cells["value"], "value"),
        "numerator": _number(cells.get("numerator", ""), "numerator"),
        "denominator": _number(cells.get("denominator", ""), "denominator"),
        "groups": tuple(name.strip() for name in groups.split(";")) if groups.strip() else (),
    }
    try:
        values["area"] = Area(name=cells["area"], code=code or None)
    except ValidationError as exc:
        problem = from_validation(exc, {"name": "area", "code": "area_code"})
        raise problem from None
    try:
        return ComparatorFigure(**values)
    except ValidationError as exc:
        problem = from_validation(exc, {})
        if problem.column is None:
            problem.column = "numerator"  # the one rule over several cells: both parts or none
            problem.text = cells.get("numerator", "")
        raise problem from None


def _check_header(names: list[str], error: type[TableError], **where: Any) -> None:
    for name in names:
        if name not in COLUMNS:
            raise error(
                name,
                f"not a comparator column (one of {', '.join(COLUMNS)})",
                code="unknown_column",
                **where,
            )
    for name in REQUIRED_COLUMNS:
        if name not in names:
            raise error(", ".join(names), f"no {name!r} column", code="missing_column", **where)


def from_csv(
    text: str, *, area: str, region: str | None = None, calendar: Calendar = DEFAULT_CALENDAR
) -> ComparatorData:
    r"""Read comparator figures from tidy CSV text, for the area named (or coded) ``area``.

    >>> data = from_csv(
    ...     "measure_ref,area,period,value,groups\n"
    ...     "A,Barnet,2019/20,27,England; statistical neighbours\n"
    ...     "A,Enfield,2019/20,24,England; statistical neighbours\n",
    ...     area="Barnet",
    ... )
    >>> [(f.area.name, f.value, f.groups) for f in data.figures][1]
    ('Enfield', Decimal('24'), ('England', 'statistical neighbours'))
    >>> from_csv("measure_ref,area,period,value\nA,Barnet,2019/20,lots\n", area="Barnet")
    Traceback (most recent call last):
    ...
    kpi_scorecard._errors.TableError: line 2, column 'value': not a number: 'lots'
    """
    rows = RowReader(physical_lines(text), ",")
    try:
        header = next(rows, None)
        if header is None or header in ([], [""]):
            raise TableError(text[:80], "no header row", code="empty_document", line=1)
        header = [name.strip() for name in header]
        _check_header(header, TableError, line=1)
        figures, seen = [], _Seen()
        for cells in rows:
            line = rows.line_num
            if cells in ([], [""]):
                continue
            if len(cells) != len(header):
                raise TableError(
                    ",".join(cells),
                    f"{len(cells)} cells in a row under {len(header)} headers",
                    code="ragged_row",
                    line=line,
                )
            try:
                figure = _figure(dict(zip(header, cells, strict=True)), calendar)
                seen.check(figure, f"line {line}")
                figures.append(figure)
            except RowError as exc:
                raise TableError(
                    exc.text, exc.reason, code=exc.code, line=line, column=exc.column
                ) from None
    except QuotingError as exc:
        raise exc.table_error(rows.line_num) from None
    return _data(figures, area, region, TableError, {})


def _data(
    figures: list[ComparatorFigure],
    area: str,
    region: str | None,
    error: type[TableError],
    where: dict[str, Any],
) -> ComparatorData:
    try:
        return ComparatorData(area=area, region=region, figures=tuple(figures))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise error(
            str(first["input"])[:80] if first["loc"] else area,
            first["msg"],
            code=str(first["type"]),
            **where,
        ) from None


def from_json(text: str) -> ComparatorData:
    """Read comparator data from JSON: ``{"area": ..., "region": ..., "figures": [...]}``.

    Each figure is an object with the members of :class:`ComparatorFigure`; numbers are
    strings of digits, as in every JSON document of the library, periods their labels.

    >>> data = from_json('{"area": "Barnet", "figures": [{"measure_ref": "A", '
    ...     '"area": {"name": "Enfield"}, "period": "2019/20", "value": "24"}]}')
    >>> data.figures[0].value
    Decimal('24')
    """
    from ._json_errors import (  # noqa: PLC0415 - JSON only
        JsonDocumentError,
        from_validation_error,
    )

    try:
        data = std_json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise JsonDocumentError(text[:80], "not JSON", code="invalid_json", line=line) from None
    try:
        return ComparatorData.model_validate_json(text)
    except ValidationError as exc:
        raise from_validation_error(exc, text, data, ()) from None
