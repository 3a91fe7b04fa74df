"""Scorecards and reports as tidy frames, and scorecards read back from any frame.

Figures travel in frames as 64-bit floats (see docs/how-to/dataframes.md, "Exact figures"):
a figure someone typed is written only if the float gives back the same decimal, and a
float is read back as the shortest decimal that gives the same float, so ``0.1`` reads as
``Decimal("0.1")``. A figure a float cannot hold exactly (more than 15 significant digits)
is refused with :class:`FrameError` rather than rounded.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from pydantic import ValidationError

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._errors import KpiScorecardError, ParseError
from kpi_scorecard._measure import Aggregation, Measure, Polarity
from kpi_scorecard._numbers import figure_problem, format_decimal, parse_decimal
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period, PeriodKind, period_of_days
from kpi_scorecard._profile import Profile
from kpi_scorecard._scorecard import Scorecard, TargetSetting
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import Target
from kpi_scorecard._value import Band
from kpi_scorecard.evaluation import Direction, Rag, Report

from ._errors import FrameError, FrameSupportError
from ._narwhals import nw

__all__ = ["from_frame", "to_frame"]

Backend = Literal["pandas", "polars", "pyarrow"]
Table = Literal["observations", "measures", "targets"]
_BACKENDS = ("pandas", "polars", "pyarrow")

#: The categories of each categorical column, in their enum's order.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "polarity": tuple(Polarity),
    "aggregation": tuple(Aggregation),
    "ytd_aggregation": tuple(Aggregation),
    "period_kind": tuple(PeriodKind),
    "status": tuple(ObservationStatus),
    "quality": tuple(ObservationStatus),
    "direction": tuple(Direction),
    "forecast_status": tuple(Rag),
}
#: A report's status column holds ratings, not observation statuses.
REPORT_CATEGORIES = {**CATEGORIES, "status": tuple(Rag)}
_MEASURE_TEXT = (
    "title",
    "department",
    "corporate_outcome",
    "portfolio",
    "responsible_officer",
    "data_owner",
    "frequency",
    "benchmark",
)


# --- writing ------------------------------------------------------------------------------


def exact_float(value: Decimal, row: int, column: str) -> float:
    """The float that holds ``value`` exactly; raise :class:`FrameError` if none does.

    >>> exact_float(Decimal("23.50"), 0, "value")
    23.5
    >>> exact_float(Decimal("12345678901234567.5"), 3, "value")
    Traceback (most recent call last):
    ...
    kpi_scorecard.frames._errors.FrameError: row 3, column 'value': a 64-bit float cannot \
hold this figure exactly; frames carry at most 15 significant digits: '12345678901234567.5'
    """
    found = float(value)
    if Decimal(repr(found)) != value:
        raise FrameError(
            format_decimal(value),
            "a 64-bit float cannot hold this figure exactly; frames carry at most 15 "
            "significant digits",
            code="inexact_figure",
            row=row,
            column=column,
        )
    return found


def _near_float(value: Decimal | None) -> float | None:
    """A figure the library computed (a margin, a forecast), as the nearest float."""
    return None if value is None else float(value)


class _Columns:
    """Columns being filled row by row, with their narwhals dtypes."""

    def __init__(self, categories: Mapping[str, tuple[str, ...]] = CATEGORIES) -> None:
        self.data: dict[str, list[Any]] = {}
        self.schema: dict[str, Any] = {}
        self.categories = categories

    def add(self, name: str, dtype: Any) -> list[Any]:
        self.schema[name] = dtype
        return self.data.setdefault(name, [])

    def figures(self, name: str, values: Iterable[Decimal | Band | None], *, exact: bool) -> None:
        """A figure-or-band column as three: the figure, and a band's low and high ends."""
        point = self.add(name, nw.Float64())
        low = self.add(f"{name}_low", nw.Float64())
        high = self.add(f"{name}_high", nw.Float64())
        for row, value in enumerate(values):
            if isinstance(value, Band):
                point.append(None)
                low.append(_float(value.low, row, f"{name}_low", exact=exact))
                high.append(_float(value.high, row, f"{name}_high", exact=exact))
            else:
                point.append(_float(value, row, name, exact=exact))
                low.append(None)
                high.append(None)

    def numbers(self, name: str, values: Iterable[Decimal | None], *, exact: bool) -> None:
        column = self.add(name, nw.Float64())
        column.extend(_float(value, row, name, exact=exact) for row, value in enumerate(values))

    def frame(self, backend: Backend) -> Any:
        found = nw.from_dict(self.data, schema=self.schema, backend=backend)
        return nw.to_native(
            found.with_columns(
                nw.col(name).cast(_category(categories, backend))
                for name, categories in self.categories.items()
                if name in self.schema
            )
        )


def _float(value: Decimal | None, row: int, column: str, *, exact: bool) -> float | None:
    if value is None:
        return None
    return exact_float(value, row, column) if exact else _near_float(value)


def _category(categories: tuple[str, ...], backend: str) -> Any:
    # pyarrow has dictionary columns but narwhals cannot cast to a fixed set of categories.
    if backend == "pyarrow":
        return nw.Categorical()
    return nw.Enum([str(value) for value in categories])


def _check_backend(backend: str) -> None:
    if backend not in _BACKENDS:
        msg = f"to_frame writes pandas, polars or pyarrow frames, not {backend!r}"
        raise FrameSupportError(msg, code="unsupported_backend")


def to_frame(
    source: Scorecard | Report,
    backend: Backend = "pandas",
    *,
    table: Table = "observations",
    explanations: bool = False,
) -> Any:
    """Write a scorecard or report as a tidy frame of ``backend``: one row per figure.

    A scorecard's ``table`` is its ``observations`` (the measure's title, unit, polarity
    and aggregation joined), its ``measures`` or its ``targets``; a report gives one row
    per assessment, with the sentences when ``explanations`` is true. Periods are written
    as their first and last day and their canonical label; statuses and directions are
    categorical; a band is a ``_low`` and a ``_high`` column beside the figure's.

    >>> from kpi_scorecard import Measure, Observation, Scorecard
    >>> card = Scorecard(measures=[Measure(reference="M1", unit="%")],
    ...                  observations=[Observation(measure_ref="M1", period="Q1 2019/20",
    ...                                            value=17)])
    >>> frame = to_frame(card, "polars")
    >>> frame.select("measure_ref", "period", "period_start", "value", "status").row(0)
    ('M1', 'Q1 2019/20', datetime.date(2019, 4, 1), 17.0, 'normal')
    """
    _check_backend(backend)
    if isinstance(source, Report):
        return _report_frame(source, explanations).frame(backend)
    if table == "measures":
        return _measures_frame(source.measures).frame(backend)
    if table == "targets":
        return _targets_frame(source.targets).frame(backend)
    if table != "observations":
        msg = f"a scorecard's tables are observations, measures and targets, not {table!r}"
        raise FrameSupportError(msg, code="unsupported_table")
    return _observations_frame(source).frame(backend)


def _periods(columns: _Columns, name: str, periods: Sequence[Period | None]) -> None:
    columns.add(name, nw.String()).extend(None if p is None else str(p) for p in periods)
    columns.add(f"{name}_start", nw.Date()).extend(None if p is None else p.start for p in periods)
    columns.add(f"{name}_end", nw.Date()).extend(None if p is None else p.end for p in periods)


def _observations_frame(card: Scorecard) -> _Columns:
    columns = _Columns()
    observations = card.observations
    measures = {m.reference: m for m in card.measures}
    joined = [measures[o.measure_ref] for o in observations]
    columns.add("measure_ref", nw.String()).extend(o.measure_ref for o in observations)
    columns.add("title", nw.String()).extend(m.title for m in joined)
    columns.add("unit", nw.String()).extend(m.unit for m in joined)
    columns.add("polarity", nw.String()).extend(m.polarity.value for m in joined)
    columns.add("aggregation", nw.String()).extend(m.aggregation.value for m in joined)
    _periods(columns, "period", [o.period for o in observations])
    columns.add("period_kind", nw.String()).extend(o.period.kind.value for o in observations)
    columns.figures("value", (o.value for o in observations), exact=True)
    for name in ("cumulative", "numerator", "denominator"):
        columns.numbers(name, (getattr(o, name) for o in observations), exact=True)
    columns.add("status", nw.String()).extend(o.status.value for o in observations)
    columns.add("published_status", nw.String()).extend(o.published_status for o in observations)
    columns.add("published_trend", nw.String()).extend(o.published_trend for o in observations)
    columns.add("commentary", nw.String()).extend(o.commentary for o in observations)
    return columns


def _measures_frame(measures: Sequence[Measure]) -> _Columns:
    columns = _Columns()
    columns.add("reference", nw.String()).extend(m.reference for m in measures)
    for name in _MEASURE_TEXT:
        columns.add(name, nw.String()).extend(getattr(m, name) for m in measures)
    columns.add("unit", nw.String()).extend(m.unit for m in measures)
    columns.add("polarity", nw.String()).extend(m.polarity.value for m in measures)
    columns.add("aggregation", nw.String()).extend(m.aggregation.value for m in measures)
    columns.add("notes", nw.String()).extend(m.notes for m in measures)
    return columns


def _targets_frame(settings: Sequence[TargetSetting]) -> _Columns:
    columns = _Columns()
    columns.add("measure_ref", nw.String()).extend(s.measure_ref for s in settings)
    _periods(columns, "period", [s.period for s in settings])
    columns.add("target", nw.String()).extend(str(s.target) for s in settings)
    columns.add("profile", nw.String()).extend(
        None if s.profile is None else str(s.profile) for s in settings
    )
    return columns


def _report_frame(report: Report, explanations: bool) -> _Columns:
    columns = _Columns(REPORT_CATEGORIES)
    found = report.assessments
    card = report.source
    measures = {m.reference: m for m in card.measures} if card is not None else {}
    joined = [measures.get(a.measure_ref) for a in found]
    columns.add("measure_ref", nw.String()).extend(a.measure_ref for a in found)
    columns.add("title", nw.String()).extend(m.title if m else None for m in joined)
    columns.add("unit", nw.String()).extend(m.unit if m else None for m in joined)
    columns.add("polarity", nw.String()).extend(m.polarity.value if m else None for m in joined)
    _periods(columns, "period", [a.period for a in found])
    columns.figures("value", (a.value for a in found), exact=True)
    columns.add("quality", nw.String()).extend(a.quality.value for a in found)
    columns.add("target", nw.String()).extend(
        None if a.target is None else str(a.target) for a in found
    )
    columns.add("target_period", nw.String()).extend(
        None if a.target_period is None else str(a.target_period) for a in found
    )
    columns.figures("rated_value", (a.rated_value for a in found), exact=False)
    columns.add("due", nw.String()).extend(None if a.due is None else str(a.due) for a in found)
    columns.add("status", nw.String()).extend(a.status.value for a in found)
    columns.numbers("margin", (a.margin for a in found), exact=False)
    columns.numbers("relative_margin", (a.relative_margin for a in found), exact=False)
    columns.add("direction", nw.String()).extend(a.direction.value for a in found)
    columns.add("comparison_period", nw.String()).extend(
        None if a.comparison_period is None else str(a.comparison_period) for a in found
    )
    columns.figures("comparison_value", (a.comparison_value for a in found), exact=True)
    columns.numbers("change", (a.change for a in found), exact=False)
    columns.figures("ytd", (a.ytd for a in found), exact=False)
    columns.add("ytd_aggregation", nw.String()).extend(
        None if a.ytd_aggregation is None else a.ytd_aggregation.value for a in found
    )
    columns.numbers("forecast", (a.forecast for a in found), exact=False)
    columns.add("forecast_status", nw.String()).extend(
        None if a.forecast_status is None else a.forecast_status.value for a in found
    )
    if explanations:
        columns.add("explanation", nw.String()).extend(a.explanation for a in found)
        columns.add("direction_explanation", nw.String()).extend(
            a.direction_explanation for a in found
        )
        columns.add("notes", nw.String()).extend("; ".join(a.notes) for a in found)
    return columns


# --- reading ------------------------------------------------------------------------------


def _missing(value: object) -> bool:
    """Whether a cell holds no figure: None, NaN, or pandas' NA and NaT."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, Decimal):
        return value.is_nan()
    return type(value).__name__ in ("NAType", "NaTType")


def _plain(value: object) -> object:
    """A numpy scalar as the Python value it holds."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    return value


def read_figure_cell(value: object, row: int, column: str) -> Decimal | None:
    """Read a cell that holds a figure: a number of any kind, or missing.

    >>> read_figure_cell(0.1, 0, "value"), read_figure_cell(float("nan"), 0, "value")
    (Decimal('0.1'), None)
    >>> read_figure_cell(True, 4, "value")
    Traceback (most recent call last):
    ...
    kpi_scorecard.frames._errors.FrameError: row 4, column 'value': a figure is a number, \
not bool: 'True'
    """
    value = _plain(value)
    if _missing(value):
        return None
    found: Decimal | None
    if isinstance(value, bool):
        found = None
    elif isinstance(value, int):
        found = Decimal(value)
    elif isinstance(value, float):
        found = Decimal(repr(value)) if math.isfinite(value) else None
    elif isinstance(value, Decimal):
        found = value
    elif isinstance(value, str):
        found = parse_decimal(value.strip())
    else:
        found = None
    if found is None:
        kind = "text" if isinstance(value, str) else type(value).__name__
        raise FrameError(
            str(value), f"a figure is a number, not {kind}", code="bad_figure", row=row,
            column=column,
        )  # fmt: skip
    problem = figure_problem(found)
    if problem is not None:
        raise FrameError(str(value), problem, code="figure_out_of_range", row=row, column=column)
    return found if not found.is_zero() else Decimal(0)


def _day(value: object, row: int, column: str) -> dt.date:
    value = _plain(value)
    if isinstance(value, dt.datetime):  # pandas.Timestamp is a datetime too
        if value.time() != dt.time(0):
            raise FrameError(
                str(value), "a period's day has no time of day", code="bad_period", row=row,
                column=column,
            )  # fmt: skip
        return value.date()
    if isinstance(value, dt.date):
        return value
    kind = "missing" if _missing(value) else type(value).__name__
    raise FrameError(str(value), f"a day is a date, not {kind}", code="bad_period", row=row,
                     column=column)  # fmt: skip


def read_period_cell(value: object, row: int, column: str, calendar: Calendar) -> Period:
    """Read a cell that names a period: a label, a day, a pandas ``Period`` or a Period.

    A day (``datetime.date``, ``pandas.Timestamp``) is a snapshot on that day; a pandas
    ``Period`` is the period of its days, read in ``calendar``.

    >>> str(read_period_cell("Quarter 1 2019/20", 0, "period", DEFAULT_CALENDAR))
    'Q1 2019/20'
    >>> str(read_period_cell(dt.date(2019, 6, 30), 0, "period", DEFAULT_CALENDAR))
    'As at 30/06/2019'
    """
    value = _plain(value)
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        try:
            return Period.parse(value, calendar=calendar)
        except ParseError as exc:
            raise FrameError(value, exc.reason, code=exc.code, row=row, column=column) from exc
    if type(value).__name__ == "Period" and hasattr(value, "start_time"):  # pandas.Period
        start = _day(value.start_time.normalize(), row, column)
        end = _day(getattr(value, "end_time").normalize(), row, column)  # noqa: B009 - untyped
        return _period_of_days(start, end, calendar, row, column)
    if isinstance(value, dt.date):
        return Period.snapshot(_day(value, row, column), calendar=calendar)
    kind = "missing" if _missing(value) else type(value).__name__
    raise FrameError(
        str(value), f"a period is a label, a day or a pandas Period, not {kind}",
        code="bad_period", row=row, column=column,
    )  # fmt: skip


def _period_of_days(
    start: dt.date, end: dt.date, calendar: Calendar, row: int, column: str
) -> Period:
    if end < start:
        raise FrameError(
            f"{start} to {end}", "a period ends on or after its first day", code="bad_period",
            row=row, column=column,
        )  # fmt: skip
    try:
        return period_of_days(start, end, calendar)
    except (KpiScorecardError, ValueError) as exc:  # outside the supported years
        raise FrameError(f"{start} to {end}", str(exc), code="bad_period", row=row,
                         column=column) from exc  # fmt: skip


def _rows(frame: Any) -> tuple[dict[str, list[Any]], int]:
    """The frame's columns as Python lists, collecting a lazy frame first."""
    found = nw.from_native(frame)
    if isinstance(found, nw.LazyFrame):
        found = found.collect()
    if not isinstance(found, nw.DataFrame):  # pragma: no cover - from_native returns one
        msg = f"from_frame reads dataframes, not {type(frame).__name__}"
        raise FrameSupportError(msg, code="unsupported_backend")
    return {name: found.get_column(name).to_list() for name in found.columns}, len(found)


def _column(
    columns: Mapping[str, list[Any]], name: str, size: int, *, default: object = None
) -> list[Any]:
    return columns.get(name, [default] * size)


def _require(columns: Mapping[str, list[Any]], name: str) -> list[Any]:
    if name not in columns:
        raise FrameError(
            ", ".join(columns), f"the frame has no {name!r} column", code="missing_column",
            column=name,
        )  # fmt: skip
    return columns[name]


def _text(value: object, row: int, column: str, *, default: str = "") -> str:
    value = _plain(value)
    if _missing(value):
        return default
    if isinstance(value, str):
        return value
    raise FrameError(str(value), f"expected text, not {type(value).__name__}", code="not_text",
                     row=row, column=column)  # fmt: skip


def _status(value: object, row: int, column: str) -> ObservationStatus | None:
    text = _text(value, row, column)
    if not text:
        return None
    try:
        return ObservationStatus(text)
    except ValueError:
        try:
            return ObservationStatus.from_sdmx(text)
        except ParseError as exc:
            raise FrameError(text, "not an observation status", code="bad_status", row=row,
                             column=column) from exc  # fmt: skip


def _read_periods(
    columns: Mapping[str, list[Any]], size: int, calendar: Calendar, name: str = "period"
) -> list[Period]:
    if name in columns:
        return [read_period_cell(v, row, name, calendar) for row, v in enumerate(columns[name])]
    starts, ends = columns.get(f"{name}_start"), columns.get(f"{name}_end")
    if starts is None or ends is None:
        raise FrameError(
            ", ".join(columns), f"the frame has no {name!r} column, nor {name}_start and "
            f"{name}_end", code="missing_column", column=name,
        )  # fmt: skip
    return [
        _period_of_days(
            _day(s, row, f"{name}_start"), _day(e, row, f"{name}_end"), calendar, row, name
        )
        for row, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]


#: The column a whole-model check of an observation is about.
_MODEL_CHECKS = {"value_present": "status", "value_missing": "status", "ratio_parts": "numerator"}


def _validation(
    exc: ValidationError, row: int, fallback: str, cells: Mapping[str, object]
) -> FrameError:
    """A model's refusal as the frame error of its row and the column it is about."""
    first = exc.errors()[0]
    column = str(first["loc"][0]) if first["loc"] else _MODEL_CHECKS.get(first["type"], fallback)
    text = cells.get(column, first.get("input", ""))
    return FrameError(str(text), first["msg"], code=first["type"], row=row, column=column)


def _observations(
    columns: Mapping[str, list[Any]], size: int, calendar: Calendar
) -> list[Observation]:
    refs = _require(columns, "measure_ref")
    periods = _read_periods(columns, size, calendar)
    values = _column(columns, "value", size)
    lows, highs = _column(columns, "value_low", size), _column(columns, "value_high", size)
    extra = {n: _column(columns, n, size) for n in ("cumulative", "numerator", "denominator")}
    statuses = _column(columns, "status", size)
    published = _column(columns, "published_status", size)
    trend = _column(columns, "published_trend", size)
    commentary = _column(columns, "commentary", size)
    found: list[Observation] = []
    seen: dict[tuple[str, Period], int] = {}
    for row in range(size):
        ref = _text(refs[row], row, "measure_ref")
        period = periods[row]
        key = (ref, period)
        if key in seen:
            raise FrameError(
                f"{ref} {period}", f"the measure has another observation for it in row "
                f"{seen[key]}", code="duplicate_observation", row=row, column="period",
            )  # fmt: skip
        seen[key] = row
        figure = read_figure_cell(values[row], row, "value")
        low = read_figure_cell(lows[row], row, "value_low")
        high = read_figure_cell(highs[row], row, "value_high")
        fields: dict[str, Any] = {"measure_ref": ref, "period": period}
        if low is not None or high is not None:
            if figure is not None or low is None or high is None:
                raise FrameError(
                    f"{values[row]}, {lows[row]}, {highs[row]}", "give a figure, or both "
                    "ends of a band", code="bad_band", row=row, column="value_low",
                )  # fmt: skip
            try:
                fields["value"] = Band(low=low, high=high)
            except ValidationError as exc:
                raise _validation(exc, row, "value_low", {"value_low": low}) from exc
        else:
            fields["value"] = figure
        for name, cells in extra.items():
            fields[name] = read_figure_cell(cells[row], row, name)
        status = _status(statuses[row], row, "status")
        if status is not None:
            fields["status"] = status
        note = _text(published[row], row, "published_status")
        fields["published_status"] = note or None
        fields["published_trend"] = _text(trend[row], row, "published_trend") or None
        fields["commentary"] = _text(commentary[row], row, "commentary")
        try:
            found.append(Observation(**fields))
        except ValidationError as exc:
            raise _validation(exc, row, "value", fields) from exc
    return found


def _measures_from(columns: Mapping[str, list[Any]], size: int, key: str) -> list[Measure]:
    refs = _require(columns, key)
    names = [
        name
        for name in (*_MEASURE_TEXT, "unit", "polarity", "aggregation", "notes")
        if name in columns
    ]
    found: dict[str, Measure] = {}
    for row in range(size):
        ref = _text(refs[row], row, key)
        fields: dict[str, Any] = {"reference": ref}
        for name in names:
            text = _text(columns[name][row], row, name)
            if text or name not in ("unit", "polarity", "aggregation"):
                fields[name] = text
        try:
            measure = Measure(**fields)
        except ValidationError as exc:
            raise _validation(exc, row, key, fields) from exc
        before = found.get(ref)
        if before is None:
            found[ref] = measure
        elif key == "reference" or before != measure:
            raise FrameError(
                ref, "the measure is described differently in another row",
                code="duplicate_measure", row=row, column=key,
            )  # fmt: skip
    return list(found.values())


def _targets_from(
    columns: Mapping[str, list[Any]], size: int, calendar: Calendar
) -> list[TargetSetting]:
    refs = _require(columns, "measure_ref")
    periods = _read_periods(columns, size, calendar)
    targets = _require(columns, "target")
    profiles = _column(columns, "profile", size)
    found = []
    for row in range(size):
        text = _text(targets[row], row, "target")
        profile_text = _text(profiles[row], row, "profile")
        try:
            target = Target.parse(text)
            profile = Profile.parse(profile_text) if profile_text else None
        except ParseError as exc:
            column = "target" if isinstance(exc.what, str) and exc.text == text else "profile"
            raise FrameError(exc.text, exc.reason, code=exc.code, row=row, column=column) from exc
        found.append(
            TargetSetting(
                measure_ref=_text(refs[row], row, "measure_ref"),
                period=periods[row],
                target=target,
                profile=profile,
            )
        )
    return found


def _is_frame(value: object) -> bool:
    """Whether ``value`` is a frame, rather than a list or tuple of model objects."""
    return not isinstance(value, list | tuple)


def from_frame(
    observations: Any,
    *,
    measures: Any = None,
    targets: Any = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    title: str = "",
) -> Scorecard:
    """Read a scorecard from a frame of observations, and frames (or lists) of the rest.

    ``observations`` is any frame narwhals reads (pandas, polars, pyarrow, a DuckDB
    relation...) with the columns :func:`to_frame` writes; only ``measure_ref`` and the
    period (``period``, or ``period_start`` and ``period_end``) are required. ``measures``
    and ``targets`` are frames of the columns :func:`to_frame` writes for those tables, or
    sequences of :class:`Measure` and :class:`TargetSetting`; without ``measures``, the
    measures are read from the observation frame's own measure columns.

    NaN, None, pandas' NA and NaT are missing figures; numpy scalars, ``datetime.date``,
    ``pandas.Timestamp`` and ``pandas.Period`` are accepted. A cell that cannot be read
    raises :class:`FrameError` naming its row and column.

    >>> import polars as pl
    >>> card = from_frame(pl.DataFrame({"measure_ref": ["M1"], "period": ["Q1 2019/20"],
    ...                                 "value": [17.5], "unit": ["%"]}))
    >>> card.observations[0].value, card.measures[0].unit
    (Decimal('17.5'), 'percent')
    """
    columns, size = _rows(observations)
    found = _observations(columns, size, calendar)
    if measures is None:
        measure_list = _measures_from(columns, size, "measure_ref")
    elif _is_frame(measures):
        measure_list = _measures_from(*_rows(measures), "reference")
    else:
        measure_list = list(measures)
    if targets is None:
        settings: list[TargetSetting] = []
    elif _is_frame(targets):
        settings = _targets_from(*_rows(targets), calendar)
    else:
        settings = list(targets)
    known = {m.reference for m in measure_list}
    for row, observation in enumerate(found):
        if observation.measure_ref not in known:
            raise FrameError(
                observation.measure_ref, "no measure has this reference", code="unknown_measure",
                row=row, column="measure_ref",
            )  # fmt: skip
    return Scorecard(
        title=title,
        calendar=calendar,
        measures=tuple(measure_list),
        targets=tuple(settings),
        observations=tuple(found),
    )
