"""Reading the scorecard CSV: measures, targets and, on the fast path, observations.

Observation rows are most of a file, so they are read with as little work per row as
the checks allow. Each distinct period cell, target cell and measure is read once per
load and cached, and periods are then compared by number; a value is read with
:class:`~decimal.Decimal` directly; and once every check that validating an Observation
makes has been made here, the Observation is restored from its fields the way pydantic's
``model_construct`` and unpickling restore one (a self-check at first use falls back to
``model_construct`` should pydantic ever store models differently).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import Any, NamedTuple

from pydantic import ValidationError

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import PeriodParseError, TargetParseError
from kpi_scorecard._measure import Measure
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period
from kpi_scorecard._profile import Profile
from kpi_scorecard._scorecard import Scorecard, TargetSetting, containing
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import Target
from kpi_scorecard._value import Band

from ._csv_cells import check_ratio, exact, figure, restorer, status_mismatch
from ._csv_columns import MEASURE_FIELDS, SCORECARD_COLUMNS, SCORECARD_RECORDS
from ._csv_read import Outcome, Reader, RowError, from_validation, read_day
from ._rows import QuotingError

__all__ = ["ScorecardReader"]

_STATUSES: dict[str, ObservationStatus] = {status.value: status for status in ObservationStatus}
_STATUSES.update({status.sdmx_code: status for status in ObservationStatus})
_NORMAL, _MISSING = ObservationStatus.NORMAL, ObservationStatus.MISSING
_MISSING_STATUSES = frozenset(status for status in ObservationStatus if status.missing)
_NO_TARGET = ("", "", "")

#: A measure reference with the number of a period, for comparing periods by number.
Key = tuple[str, int]


class _Known:
    """What the rows so far say about one measure: its cells, periods and target cells."""

    __slots__ = ("cells", "declared", "line", "taken")

    def __init__(self, cells: tuple[str, ...], line: int) -> None:
        self.cells = cells
        self.line = line
        self.taken: set[int] = set()
        self.declared: dict[tuple[str, str, str], Key] = {}


class _Setting(NamedTuple):
    target: Target
    profile: Profile | None
    line: int


_OBSERVATION_SAMPLE: dict[str, Any] = {
    "measure_ref": "A1",
    "period": Period.financial_year(2019),
    "value": Decimal(1),
    "cumulative": None,
    "numerator": None,
    "denominator": None,
    "status": _NORMAL,
    "published_status": None,
    "published_trend": None,
    "commentary": "",
}


def _observations() -> Callable[[dict[str, Any]], Observation]:
    """A restorer of Observations, made for each load: its instances share their names."""
    return restorer(Observation, dict(_OBSERVATION_SAMPLE))


class ScorecardReader(Reader):
    """Read a scorecard CSV; see :mod:`kpi_scorecard.serializers.csv` for the format."""

    columns = SCORECARD_COLUMNS
    records = SCORECARD_RECORDS
    required = ("reference", "period")
    own = {  # noqa: RUF012 - read-only class data
        "scorecard": frozenset({"title", "year_start_month", "academic_year_start_month"}),
        "term": frozenset({"period", "period_start", "period_end"}),
        "measure": frozenset(MEASURE_FIELDS),
        "target": frozenset({"reference", "target", "target_period", "target_profile"}),
        "observation": frozenset(
            column.name
            for column in SCORECARD_COLUMNS
            if column.name not in ("record", "year_start_month", "academic_year_start_month")
        ),
    }

    def __init__(self, header: list[str], rows: Any, lenient: bool, calendar: Calendar) -> None:
        super().__init__(header, rows, lenient)
        self.argument = calendar
        self.meta_of = itemgetter(*(self.index[name] for name in MEASURE_FIELDS))
        self.known: dict[str, _Known] = {}
        self.measures: dict[str, Measure] = {}
        self.measure_rows: set[str] = set()
        self.periods: dict[tuple[str, str, str], tuple[Period, int]] = {}
        self.numbers: dict[Period, int] = {}
        self.period_list: list[Period] = []
        self.target_cells: dict[tuple[str, str, str], tuple[Target, int, Profile | None]] = {}
        self.settings: dict[Key, _Setting] = {}
        self.conversions: dict[tuple[str, Target], Target] = {}
        self.target_rows: set[Key] = set()
        self.checks_targets = "target_period" in self.names.values()
        self.observations: list[Observation] = []
        self.lines: list[int] = []
        self.numbered: list[int] = []
        self.named: list[Key | None] = []

    # --- measures -----------------------------------------------------------------------

    def new_measure(self, reference: str, meta: tuple[str, ...]) -> Measure | None:
        """A measure read from its cells; None when a row has already defined it.

        Cells that differ from the measure's first row are an error.
        """
        known = self.known.get(reference)
        if known is not None:
            for name, first, cell in zip(MEASURE_FIELDS, known.cells, meta, strict=True):
                if first != cell:
                    reason = f"line {known.line} gives {first!r} for this measure"
                    raise RowError(name, cell, reason, "inconsistent_measure")
            return None
        fields = {name: cell for name, cell in zip(MEASURE_FIELDS, meta, strict=True) if cell}
        try:
            return Measure(**fields)
        except ValidationError as exc:
            raise from_validation(exc, {}) from None

    def keep_measure(self, measure: Measure, meta: tuple[str, ...], line: int) -> _Known:
        """Define a measure, once the row that first names it has read cleanly."""
        state = self.known[measure.reference] = _Known(meta, line)
        self.measures[measure.reference] = measure
        return state

    def measure_row(self, row: list[str], line: int) -> None:
        """A measure row: the measure's reference and descriptive cells."""
        self.check_empty(row, "measure")
        reference = row[self.index["reference"]]
        if not reference:
            raise RowError("reference", "", "a measure row names its reference", "missing_cell")
        if reference in self.measure_rows:
            reason = "an earlier measure row has this reference"
            raise RowError("reference", reference, reason, "duplicate_measure")
        meta = self.meta_of(row)
        measure = self.new_measure(reference, meta)
        if measure is not None:
            self.keep_measure(measure, meta, line)
        self.measure_rows.add(reference)

    # --- periods and targets ------------------------------------------------------------

    def number(self, label: str, column: str) -> tuple[Period, int]:
        """A period label read in the document's calendar, and the period's number."""
        if not label:
            raise RowError(column, "", "the row names no period", "missing_cell")
        calendar = self.settle_calendar(self.argument)
        try:
            period = Period.parse(label, calendar=calendar)
        except PeriodParseError as exc:
            raise RowError(column, label, exc.reason, exc.code) from None
        number = self.numbers.get(period)
        if number is None:
            number = self.numbers[period] = len(self.period_list)
            self.period_list.append(period)
        return period, number

    def observation_period(self, cells: tuple[str, str, str]) -> tuple[Period, int]:
        """The observation's period and its number, checked against the day cells."""
        label, start, end = cells
        period, number = self.number(label, "period")
        for text, day, column in ((start, period.start, "period_start"),
                                  (end, period.end, "period_end")):  # fmt: skip
            if text and read_day(text, column) != day:
                reason = f"{label} runs from {period.start} to {period.end}"
                raise RowError(column, text, reason, "period_mismatch")
        self.periods[cells] = (period, number)
        return period, number

    def read_target(self, cells: tuple[str, str, str]) -> tuple[Target, int, Profile | None]:
        """The target, its period's number and its profile, from the three target cells."""
        found = self.target_cells.get(cells)
        if found is None:
            text, period_text, profile_text = cells
            if not period_text:
                reason = "a target names the period it was set for"
                raise RowError("target_period", "", reason, "missing_cell")
            try:
                target = Target.parse(text)
            except TargetParseError as exc:
                raise RowError("target", text, exc.reason, exc.code) from None
            _, number = self.number(period_text, "target_period")
            try:
                profile = Profile.parse(profile_text) if profile_text else None
            except TargetParseError as exc:
                raise RowError("target_profile", profile_text, exc.reason, exc.code) from None
            found = self.target_cells[cells] = (target, number, profile)
        return found

    def attached(self, reference: str, number: int, target: Target) -> Target:
        """The target as its measure holds it, converted into the measure's unit.

        The scorecard's own rules decide (which units convert, and into what): a scorecard
        of the measure and this one target is validated, once per unit and target; a
        target it refuses is an error of the row.
        """
        measure = self.measures.get(reference)
        if measure is None or target.unit is None or target.unit == measure.unit:
            return target
        key = (measure.unit, target)
        found = self.conversions.get(key)
        if found is None:
            setting = TargetSetting.model_construct(
                measure_ref=reference, period=self.period_list[number], target=target, profile=None
            )
            calendar = self.settle_calendar(self.argument)
            try:
                probe = Scorecard(calendar=calendar, measures=(measure,), targets=(setting,))
            except ValidationError as exc:
                error = exc.errors(include_url=False)[0]
                raise RowError(
                    "target", str(target), str(error["msg"]), str(error["type"])
                ) from None
            found = self.conversions[key] = probe.targets[0].target
        return found

    def declare(self, reference: str, cells: tuple[str, str, str], line: int) -> Key:
        """Declare the setting the cells name, or check them against its declaration."""
        state = self.known.get(reference)
        known_key = state.declared.get(cells) if state is not None else None
        if known_key is not None:
            return known_key
        target, number, profile = self.read_target(cells)
        key = (reference, number)
        known = self.settings.get(key)
        if known is None:
            self.attached(reference, number, target)
            self.settings[key] = _Setting(target, profile, line)
        elif known.target != target:
            reason = f"line {known.line} gives {known.target} for this target period"
            raise RowError("target", cells[0], reason, "inconsistent_target")
        elif known.profile != profile:
            reason = f"line {known.line} gives profile {known.profile} for this target"
            raise RowError("target_profile", cells[2], reason, "inconsistent_target")
        if state is not None:
            state.declared[cells] = key
        return key

    def target_row(self, row: list[str], line: int) -> None:
        """A target row: the target set for a measure over a period."""
        self.check_empty(row, "target")
        reference = row[self.index["reference"]]
        if not reference:
            raise RowError("reference", "", "a target row names its measure", "missing_cell")
        at = self.index
        cells = (row[at["target"]], row[at["target_period"]], row[at["target_profile"]])
        key = self.declare(reference, cells, line)
        if key in self.target_rows:
            reason = "an earlier target row sets a target for this measure and period"
            raise RowError("target_period", cells[1], reason, "duplicate_target")
        self.target_rows.add(key)

    def other_row(self, row: list[str], line: int) -> None:
        """A scorecard, term, measure or target row."""
        if len(row) == self.width:
            row.append("")
        record = self.record_of(row)
        if record == "scorecard":
            self.calendar_row(row, line)
        elif record == "term":
            self.term_row(row, self.argument)
        elif record == "measure":
            self.measure_row(row, line)
        elif record == "target":
            self.target_row(row, line)

    # --- the fast path ------------------------------------------------------------------

    def read(self) -> Outcome:  # noqa: PLR0915 - one loop: a call per row costs more
        """Read every row, then put the scorecard together."""
        index = self.index
        at_reference, at_period = index["reference"], index["period"]
        at_start, at_end, at_value = index["period_start"], index["period_end"], index["value"]
        at_status, at_cumulative = index["status"], index["cumulative"]
        at_numerator, at_denominator = index["numerator"], index["denominator"]
        at_published, at_commentary = index["published_status"], index["commentary"]
        at_trend = index["published_trend"]
        targets_of = itemgetter(index["target"], index["target_period"], index["target_profile"])
        calendar_cells = [index["year_start_month"], index["academic_year_start_month"]]
        calendar_cells = [at for at in calendar_cells if at < self.width]
        at_record = index["record"] if self.has_record else None
        meta_of, known, periods = self.meta_of, self.known, self.periods
        checks_targets = self.checks_targets
        observations, lines, numbered, named = (
            self.observations, self.lines, self.numbered, self.named
        )  # fmt: skip
        missing_statuses, statuses = _MISSING_STATUSES, _STATUSES
        build = _observations()
        reader, width, previous, rows_read = self._rows, self.width, 1, 0
        # Absent columns read an empty cell appended to each row; with every column there,
        # rows other than observations are padded where they are read.
        padded = any(at == width for at in index.values())
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except QuotingError as exc:
                line, previous, rows_read = previous + 1, reader.line_num, rows_read + 1
                self.fail_quoting(line, exc)
                continue
            line, previous = previous + 1, reader.line_num
            if not row:
                continue
            rows_read += 1
            try:
                if len(row) != width:
                    reason = f"the row has {len(row)} cells and the header {width}"
                    raise RowError(None, ",".join(row), reason, "row_length")
                if padded:
                    row.append("")
                if at_record is not None and row[at_record] != "observation":
                    self.other_row(row, line)
                    continue
                reference = row[at_reference]
                if not reference:
                    reason = "an observation row names its measure"
                    raise RowError("reference", "", reason, "missing_cell")
                cells = meta_of(row)
                state = known.get(reference)
                measure = None
                if state is None or state.cells != cells:
                    measure = self.new_measure(reference, cells)
                for at in calendar_cells:
                    if row[at]:
                        self.check_empty(row, "observation")
                period_cells = (row[at_period], row[at_start], row[at_end])
                found = periods.get(period_cells)
                period, number = found if found else self.observation_period(period_cells)
                if state is not None and number in state.taken:
                    reason = f"an earlier row has {reference}'s observation for this period"
                    raise RowError("period", row[at_period], reason, "duplicate_observation")
                text = row[at_value]
                value: Decimal | Band | None = None
                if text:
                    try:
                        value = Decimal(text)
                    except InvalidOperation:
                        value = figure(text)
                    else:
                        if not value.is_finite() or "_" in text:
                            value = figure(text)
                text = row[at_status]
                if text:
                    status = statuses.get(text)
                    if status is None:
                        raise RowError("status", text, "not an observation status", "bad_status")
                    if (value is None) != (status in missing_statuses):
                        status_mismatch(value, status)
                else:
                    status = _NORMAL if value is not None else _MISSING
                text = row[at_cumulative]
                cumulative = exact(text, "cumulative") if text else None
                text = row[at_numerator]
                numerator = exact(text, "numerator") if text else None
                text = row[at_denominator]
                denominator = exact(text, "denominator") if text else None
                if numerator is not None or denominator is not None:
                    check_ratio(numerator, denominator)
                setting = None
                if checks_targets:
                    target_cells = targets_of(row)
                    if target_cells != _NO_TARGET:
                        setting = state.declared.get(target_cells) if state else None
                        if setting is None:
                            setting = self.declare(reference, target_cells, line)
            except RowError as error:
                self.fail(line, error)
                continue
            fields = {
                "measure_ref": reference,
                "period": period,
                "value": value,
                "cumulative": cumulative,
                "numerator": numerator,
                "denominator": denominator,
                "status": status,
                "published_status": row[at_published] or None,
                "published_trend": row[at_trend] or None,
                "commentary": row[at_commentary],
            }
            observation = build(fields)
            if measure is not None:
                state = self.keep_measure(measure, cells, line)
            state.taken.add(number)  # type: ignore[union-attr]  # kept or known by now
            observations.append(observation)
            lines.append(line)
            numbered.append(number)
            named.append(setting)
        self.rows_read = rows_read
        return self.finish()

    # --- putting the scorecard together -------------------------------------------------

    def finish(self) -> Outcome:
        """Check what needs every row (units, targets in force) and build the scorecard.

        Every check that validating a Scorecard makes has been made by then (one measure
        per reference, one target per measure and period, each target attached to its
        measure by the scorecard's own rules, observations of known measures, one per
        measure and period, every period read in the scorecard's calendar), so the
        scorecard is constructed without validating its observations again.
        """
        calendar = self.settle_calendar(self.argument)
        settings: list[TargetSetting] = []
        kept: set[Key] = set()
        build: Callable[[dict[str, Any]], TargetSetting] | None = None
        for (reference, number), setting in self.settings.items():
            measure = self.measures.get(reference)
            try:
                if measure is None:
                    reason = "no measure row or observation row has this reference"
                    raise RowError("reference", reference, reason, "unknown_measure")
                target = self.attached(reference, number, setting.target)
            except RowError as error:
                self.fail(setting.line, error)
                continue
            fields = {
                "measure_ref": reference,
                "period": self.period_list[number],
                "target": target,
                "profile": setting.profile,
            }
            if build is None:
                build = restorer(TargetSetting, fields)
            settings.append(build(fields))
            kept.add((reference, number))
        observations = self.check_in_force(kept) if self.checks_targets else self.observations
        document = Scorecard.model_construct(
            title=self.title,
            calendar=calendar,
            measures=tuple(self.measures.values()),
            targets=tuple(settings),
            observations=tuple(observations),
        )
        return Outcome(document, self.errors, self.rows_read, self.rejected)

    def check_in_force(self, kept: set[Key]) -> list[Observation]:
        """Refuse observation rows whose target cells are not the target in force.

        The target in force is the most specific setting whose period holds the
        observation's; it depends only on the measure's target periods, so it is worked
        out once per layout of target periods and observation period.
        """
        periods = self.period_list
        by_measure: dict[str, list[int]] = {}
        for reference, number in kept:
            by_measure.setdefault(reference, []).append(number)
        # Most specific first: the shortest period, then the earliest, as a Scorecard orders.
        ranks = {n: rank for rank, n in enumerate(sorted(
            {n for numbers in by_measure.values() for n in numbers},
            key=lambda n: (periods[n].days, periods[n]),
        ))}  # fmt: skip
        layouts: dict[tuple[int, ...], int] = {}
        layout_of: dict[str, int] = {}
        for reference, numbers in by_measure.items():
            numbers.sort(key=ranks.__getitem__)
            layout_of[reference] = layouts.setdefault(tuple(numbers), len(layouts))
        orders = {number: layout for layout, number in layouts.items()}
        lookups = {
            layout: (numbers, containing([periods[n] for n in numbers]))
            for layout, numbers in orders.items()
        }
        in_force: dict[tuple[int, int], int | None] = {}
        result: list[Observation] = []
        for observation, line, number, named in zip(
            self.observations, self.lines, self.numbered, self.named, strict=True
        ):
            layout = layout_of.get(observation.measure_ref, -1)
            force = in_force.get((layout, number), -1)
            if force == -1:
                force = None
                if layout in lookups:
                    candidates, lookup = lookups[layout]
                    found = lookup(periods[number])
                    force = None if found is None else candidates[found]
                in_force[layout, number] = force
            if (named[1] if named is not None else None) != force:
                wanted = (
                    f"the target set for {periods[force]}" if force is not None else "no target"
                )
                reason = f"{wanted} is in force for {periods[number]}"
                cell = str(periods[named[1]]) if named is not None else ""
                self.fail(line, RowError("target_period", cell, reason, "target_not_in_force"))
                continue
            result.append(observation)
        return result
