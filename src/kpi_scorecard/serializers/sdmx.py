r"""SDMX-CSV, the statistical exchange format open-data portals take: observations, one a line.

:func:`dumps` writes a scorecard's observations as SDMX-CSV 2.0 (the default) or 1.0, and
:func:`loads` reads either back. No dependency is needed.

SDMX-CSV 2.0 columns, in order::

    STRUCTURE, STRUCTURE_ID, ACTION, INDICATOR, FREQ, <extra dimensions>, TIME_PERIOD,
    OBS_VALUE, OBS_STATUS, UNIT_MEASURE, REPORTING_YEAR_START_DAY, COMMENT

SDMX-CSV 1.0 starts with one ``DATAFLOW`` column instead of the first three. ``STRUCTURE``
is ``dataflow`` and ``STRUCTURE_ID`` (or ``DATAFLOW``) the dataflow's id,
``AGENCY:ID(VERSION)`` (default :data:`DATAFLOW`). ``ACTION`` is ``I`` (information).

- The measure's reference is the ``INDICATOR`` dimension (``measure_dimension=`` renames
  it); ``FREQ`` is ``A``, ``Q``, ``M`` or ``D`` (a snapshot day); ``dimensions=`` adds
  dimensions with one value for the whole scorecard, such as ``{"REF_AREA": "E06000049"}``.
- ``TIME_PERIOD`` is :attr:`Period.sdmx_id <kpi_scorecard.Period.sdmx_id>`: reporting
  periods (``2019-A1``, ``2019-Q1``, ``2019-M01``) counted from the calendar's year start,
  which ``REPORTING_YEAR_START_DAY`` gives (``--04-01`` for an April year, as SDMX
  prescribes), so ``2019-Q1`` is April to June 2019 and every reader agrees.
- ``OBS_VALUE`` is the exact figure, empty for a missing one; ``OBS_STATUS`` its SDMX code
  (``A`` normal, ``P`` provisional, ``M`` missing...); ``UNIT_MEASURE`` the measure's unit
  (``percent``, ``count``, ``day``); ``COMMENT`` the commentary.

A data message carries observations, not targets nor the text about a measure, so
:func:`dumps` refuses a scorecard holding them (``not_in_sdmx``) unless
``observations_only=True`` says to leave them out. What an observation cannot carry in
SDMX (a band, a running total, numerator and denominator) is refused either way.

:func:`loads` reads either version (told apart by the first header), rebuilding each
measure from its reference and unit (``measures=`` sets the rest, as for tables).
Unknown columns (``unknown_column``), reporting periods without a reporting year start
where the calendar's year does not start in January (``no_reporting_year_start``), a
start that is not the calendar's (``calendar_mismatch``), and bad periods, figures and
status codes are :class:`~kpi_scorecard.TableError`\ s with their line and column.
``loads(dumps(card), measures=..., calendar=card.calendar)`` gives back the card's
measures (reference and unit, and what ``measures=`` restores) and observations.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Literal

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._errors import (
    PeriodParseError,
    ScorecardError,
    TableError,
    ValueParseError,
)
from kpi_scorecard._measure import Measure
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard._status import ObservationStatus

__all__ = ["DATAFLOW", "MEASURE_DIMENSION", "dumps", "loads"]

#: The dataflow written by default: agency, id and version, as SDMX-CSV names it.
DATAFLOW = "KPI_SCORECARD:SCORECARD(1.0)"
#: The dimension that holds each measure's reference, by default.
MEASURE_DIMENSION = "INDICATOR"

_Overrides = Mapping[str, Mapping[str, object]]
_FREQ = {
    PeriodKind.FINANCIAL_YEAR: "A",
    PeriodKind.FINANCIAL_QUARTER: "Q",
    PeriodKind.MONTH: "M",
    PeriodKind.SNAPSHOT: "D",
}
_ATTRIBUTES = ("OBS_STATUS", "UNIT_MEASURE", "REPORTING_YEAR_START_DAY", "COMMENT")
_TEXT_FIELDS = (
    "title",
    "department",
    "corporate_outcome",
    "portfolio",
    "responsible_officer",
    "data_owner",
    "frequency",
    "benchmark",
    "notes",
)


# --- writing ----------------------------------------------------------------------------


def dumps(
    card: Scorecard,
    *,
    version: Literal["2.0", "1.0"] = "2.0",
    dataflow: str = DATAFLOW,
    measure_dimension: str = MEASURE_DIMENSION,
    dimensions: Mapping[str, str] | None = None,
    observations_only: bool = False,
) -> str:
    r"""Write a scorecard's observations as SDMX-CSV 2.0 (default) or 1.0.

    >>> from kpi_scorecard.serializers import table
    >>> card = table.loads("Ref\tQ1 2019/20\nA1\t17%\n")
    >>> print(dumps(card), end="")
    STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,FREQ,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,REPORTING_YEAR_START_DAY,COMMENT
    dataflow,KPI_SCORECARD:SCORECARD(1.0),I,A1,Q,2019-Q1,17,A,percent,--04-01,
    >>> dumps(card, version="1.0").splitlines()[1]
    'KPI_SCORECARD:SCORECARD(1.0),A1,Q,2019-Q1,17,A,percent,--04-01,'
    """
    if version not in ("2.0", "1.0"):
        msg = f"SDMX-CSV version is '2.0' or '1.0', not {version!r}"
        raise ValueError(msg)
    extra = dict(dimensions or {})
    names = _dimension_names(measure_dimension, extra)
    if not observations_only:
        _refuse_what_sdmx_omits(card)
    prefix = ["STRUCTURE", "STRUCTURE_ID", "ACTION"] if version == "2.0" else ["DATAFLOW"]
    lead = ["dataflow", dataflow, "I"] if version == "2.0" else [dataflow]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*prefix, *names, "TIME_PERIOD", "OBS_VALUE", *_ATTRIBUTES])
    units = {measure.reference: measure.unit for measure in card.measures}
    start_day = card.calendar.sdmx_reporting_year_start_day
    for obs in card.observations:
        period = obs.period
        freq = _freq(obs)
        writer.writerow(
            [
                *lead,
                obs.measure_ref,
                freq,
                *extra.values(),
                period.sdmx_id,
                _value_text(obs),
                obs.status.sdmx_code,
                units[obs.measure_ref],
                start_day,
                obs.commentary,
            ]
        )
    return out.getvalue()


def _dimension_names(measure_dimension: str, extra: Mapping[str, str]) -> list[str]:
    names = [measure_dimension, "FREQ", *extra]
    reserved = {"STRUCTURE", "STRUCTURE_ID", "ACTION", "DATAFLOW", "TIME_PERIOD", "OBS_VALUE"}
    for name in names:
        if not name or name in reserved or name in _ATTRIBUTES or names.count(name) > 1:
            msg = f"{name!r} cannot name a dimension: it is empty, repeated or an SDMX column"
            raise ValueError(msg)
    return names


def _refuse_what_sdmx_omits(card: Scorecard) -> None:
    """Refuse, rather than leave out silently, what an SDMX data message does not carry."""
    hint = "; pass observations_only=True to write the observations without it"
    if card.targets:
        raise ScorecardError(
            "SDMX-CSV carries observations, not targets" + hint, code="not_in_sdmx"
        )
    for measure in card.measures:
        for name in _TEXT_FIELDS:
            if getattr(measure, name):
                raise ScorecardError(
                    f"{measure.reference}: SDMX-CSV carries no {name} of a measure" + hint,
                    code="not_in_sdmx",
                )
    for obs in card.observations:
        if obs.published_status is not None or obs.published_trend is not None:
            raise ScorecardError(
                f"{obs.measure_ref} {obs.period}: SDMX-CSV carries no published status or "
                "trend" + hint,
                code="not_in_sdmx",
            )


def _freq(obs: Observation) -> str:
    period = obs.period
    freq = _FREQ.get(period.kind)
    if freq is None or Period.parse(period.sdmx_id, calendar=period.calendar) != period:
        raise ScorecardError(
            f"{obs.measure_ref} {period}: SDMX periods are years, quarters, months and days "
            f"of the reporting year; {period.sdmx_id} would read back as another period",
            code="period_not_expressible",
        )
    return freq


def _value_text(obs: Observation) -> str:
    where = f"{obs.measure_ref} {obs.period}"
    if obs.numerator is not None:
        raise ScorecardError(
            f"{where}: numerator and denominator have no SDMX column", code="ratio_parts"
        )
    if obs.cumulative is not None:
        raise ScorecardError(
            f"{where}: a running total has no SDMX column", code="value_not_expressible"
        )
    if obs.value is None:
        return ""
    if not isinstance(obs.value, Decimal):
        raise ScorecardError(
            f"{where}: a band ({obs.value}) is not one SDMX figure", code="value_not_expressible"
        )
    return format(obs.value, "f")


# --- reading ----------------------------------------------------------------------------


def loads(
    text: str,
    *,
    measures: _Overrides | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
    measure_dimension: str = MEASURE_DIMENSION,
    dimensions: Mapping[str, str | None] | None = None,
) -> Scorecard:
    r"""Read SDMX-CSV 2.0 or 1.0 into a scorecard of its observations.

    ``dimensions`` names the dimensions beside the measure and ``FREQ`` that the text may
    hold, each with the one value it must have (None: any one value).

    >>> text = (
    ...     "DATAFLOW,INDICATOR,FREQ,TIME_PERIOD,OBS_VALUE,OBS_STATUS,REPORTING_YEAR_START_DAY\n"
    ...     "KPI:CARD(1.0),A1,Q,2019-Q1,17,P,--04-01\n"
    ... )
    >>> obs = loads(text).observations[0]
    >>> str(obs.period), obs.value, obs.status.value
    ('Q1 2019/20', Decimal('17'), 'provisional')
    >>> try:
    ...     loads(text.replace(",--04-01", ",").replace("REPORTING_YEAR_START_DAY", "COMMENT"))
    ... except TableError as exc:
    ...     exc.code, exc.line, exc.column
    ('no_reporting_year_start', 2, 'TIME_PERIOD')
    """
    rows = _rows(text)
    try:
        line, header = next(rows)
    except StopIteration:
        raise TableError("", "the text holds no SDMX-CSV header", code="empty_document") from None
    columns = _Columns(header, line, measure_dimension, dict(dimensions or {}))
    found: list[Observation] = []
    units: dict[str, str] = {}
    order: dict[str, None] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise TableError(
                ",".join(row),
                f"the row has {len(row)} cells where the header has {len(header)}",
                code="row_length",
                line=line,
            )
        obs, unit = columns.read(row, line, calendar)
        known = units.setdefault(obs.measure_ref, unit)
        if known != unit:
            raise TableError(
                unit,
                f"{obs.measure_ref} is in {known} on an earlier line",
                code="inconsistent_measure",
                line=line,
                column="UNIT_MEASURE",
            )
        order[obs.measure_ref] = None
        found.append(obs)
    built = []
    for reference in order:
        fields: dict[str, object] = {"reference": reference}
        if units[reference]:
            fields["unit"] = units[reference]
        fields.update((measures or {}).get(reference, {}))
        built.append(Measure.model_validate(fields))
    unknown = sorted(set(measures or {}) - set(order))
    if unknown:
        raise TableError(
            ", ".join(unknown),
            "measures= names references the text does not hold",
            code="unknown_reference",
        )
    return Scorecard(calendar=calendar, measures=built, observations=found)


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    if not isinstance(text, str):
        msg = f"loads reads SDMX-CSV text, not {type(text).__name__}"
        raise TypeError(msg)
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise TableError("", f"bad quoting ({exc})", code="bad_quoting", line=line) from None
        yield line, row
        line = reader.line_num + 1


class _Columns:
    """Where each SDMX column is in the header, checked once."""

    def __init__(
        self,
        header: Sequence[str],
        line: int,
        measure_dimension: str,
        dimensions: Mapping[str, str | None],
    ) -> None:
        names = [name.strip() for name in header]
        first = names[0] if names else ""
        lead: tuple[str, ...]
        if first == "STRUCTURE":
            lead = ("STRUCTURE", "STRUCTURE_ID")
        elif first == "DATAFLOW":
            lead = ("DATAFLOW",)
        else:
            raise TableError(
                first,
                "SDMX-CSV starts with STRUCTURE (version 2.0) or DATAFLOW (version 1.0)",
                code="missing_column",
                line=line,
                column=first,
            )
        known = {
            *lead,
            "ACTION",
            "FREQ",
            measure_dimension,
            *dimensions,
            "TIME_PERIOD",
            "OBS_VALUE",
            *_ATTRIBUTES,
        }
        for name in names:
            if name not in known:
                raise TableError(
                    name,
                    "unknown dimension or attribute; name extra dimensions with dimensions=",
                    code="unknown_column",
                    line=line,
                    column=name,
                )
            if names.count(name) > 1:
                raise TableError(
                    name, "the column is repeated", code="duplicate_column", line=line, column=name
                )
        for name in (measure_dimension, "TIME_PERIOD", "OBS_VALUE"):
            if name not in names:
                raise TableError(
                    ",".join(names), f"no {name} column", code="missing_column", line=line
                )
        self.at = {name: names.index(name) for name in names}
        self.measure = measure_dimension
        self.dimensions = dimensions
        self.values: dict[str, str] = {}

    def cell(self, row: Sequence[str], name: str) -> str:
        at = self.at.get(name)
        return "" if at is None else row[at].strip()

    def read(self, row: Sequence[str], line: int, calendar: Calendar) -> tuple[Observation, str]:
        action = self.cell(row, "ACTION")
        if action not in ("", "I", "A", "R"):
            raise TableError(
                action,
                "only information, append and replace rows carry observations",
                code="bad_status",
                line=line,
                column="ACTION",
            )
        for name, wanted in self.dimensions.items():
            held = self.cell(row, name)
            expected = wanted if wanted is not None else self.values.setdefault(name, held)
            if name in self.at and held != expected:
                raise TableError(
                    held,
                    f"a scorecard holds one {name}, {expected!r}",
                    code="unexpected_cell",
                    line=line,
                    column=name,
                )
        reference = self.cell(row, self.measure)
        if not reference:
            raise TableError(
                "",
                "no measure reference",
                code="missing_reference",
                line=line,
                column=self.measure,
            )
        period = self._period(row, line, calendar)
        status = self._status(row, line)
        value = self._value(row, line)
        fields: dict[str, object] = {
            "measure_ref": reference,
            "period": period,
            "value": value,
            "status": status,
            "commentary": self.cell(row, "COMMENT"),
        }
        if value is None and "OBS_STATUS" not in self.at:
            fields["status"] = ObservationStatus.MISSING
        try:
            obs = Observation.model_validate(fields)
        except ValueError as exc:
            raise TableError(
                self.cell(row, "OBS_VALUE"),
                str(exc).splitlines()[-1].strip(),
                code="bad_value",
                line=line,
                column="OBS_VALUE",
            ) from None
        return obs, self.cell(row, "UNIT_MEASURE")

    def _period(self, row: Sequence[str], line: int, calendar: Calendar) -> Period:
        text = self.cell(row, "TIME_PERIOD")
        start = self.cell(row, "REPORTING_YEAR_START_DAY")
        reporting = len(text) >= 6 and text[4] == "-" and text[5:6].upper() in ("A", "S", "Q", "M")
        if start and start != calendar.sdmx_reporting_year_start_day:
            raise TableError(
                start,
                "the reporting year starts on another day than the calendar's "
                f"({calendar.sdmx_reporting_year_start_day}); pass calendar=",
                code="calendar_mismatch",
                line=line,
                column="REPORTING_YEAR_START_DAY",
            )
        if reporting and not start and calendar.year_start_month != 1:
            raise TableError(
                text,
                "a reporting period without REPORTING_YEAR_START_DAY counts from January, "
                f"but the calendar's year starts on {calendar.sdmx_reporting_year_start_day}",
                code="no_reporting_year_start",
                line=line,
                column="TIME_PERIOD",
            )
        try:
            period = Period.parse(text, calendar=calendar)
        except PeriodParseError as exc:
            raise TableError(
                text, exc.reason, code=exc.code, line=line, column="TIME_PERIOD"
            ) from None
        freq = self.cell(row, "FREQ")
        if freq and _FREQ.get(period.kind) != freq:
            raise TableError(
                freq,
                f"{text} is not a period of frequency {freq}",
                code="bad_sdmx_period",
                line=line,
                column="FREQ",
            )
        return period

    def _status(self, row: Sequence[str], line: int) -> ObservationStatus:
        code = self.cell(row, "OBS_STATUS")
        if not code:
            return ObservationStatus.NORMAL
        try:
            return ObservationStatus.from_sdmx(code)
        except ValueParseError as exc:
            raise TableError(
                code, exc.reason, code=exc.code, line=line, column="OBS_STATUS"
            ) from None

    def _value(self, row: Sequence[str], line: int) -> Decimal | None:
        text = self.cell(row, "OBS_VALUE")
        if not text or text.upper() == "NAN":
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise TableError(text, "not a number", code="bad_value", line=line, column="OBS_VALUE")
        return value
