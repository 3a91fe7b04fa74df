"""Reading the report CSV: the report row, tolerance overrides and assessments.

A report has one row per measure, so each row is validated by the model itself.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import ParseError, PeriodParseError, TableError
from kpi_scorecard._period import Period
from kpi_scorecard.evaluation import Assessment, RagPolicy, Report, Tolerance

from ._csv_columns import REPORT_COLUMNS, REPORT_RECORDS
from ._csv_read import Outcome, Reader, RowError, from_validation, read_day

__all__ = ["ReportReader"]

_POLICY = ("tolerance", "yellow_tolerance", "comparison", "minimum_change", "status_rules")
_NOT_ASSESSMENT = frozenset({"record", *_POLICY, "year_start_month", "academic_year_start_month"})
_OPTIONAL = (
    "value",
    "rated_value",
    "due",
    "margin",
    "relative_margin",
    "comparison_value",
    "change",
    "ytd",
    "ytd_aggregation",
    "forecast",
    "forecast_status",
)


class ReportReader(Reader):
    """Read a report CSV; see :mod:`kpi_scorecard.serializers.csv` for the format."""

    columns = REPORT_COLUMNS
    records = REPORT_RECORDS
    required: tuple[str, ...] = ("reference", "period", "status", "direction")
    own = {  # noqa: RUF012 - read-only class data
        "report": frozenset(
            {"title", "period", "period_start", "period_end", *_POLICY}
            | {"year_start_month", "academic_year_start_month"}
        ),
        "term": frozenset({"period", "period_start", "period_end"}),
        "override": frozenset({"reference", "tolerance"}),
        "assessment": frozenset(c.name for c in REPORT_COLUMNS if c.name not in _NOT_ASSESSMENT),
    }

    def __init__(self, header: list[str], rows: Any, lenient: bool, calendar: Calendar) -> None:
        super().__init__(header, rows, lenient)
        self.argument = calendar
        self.report_cells: dict[str, str] = {}
        self.overrides: dict[str, Tolerance] = {}
        self.assessments: list[Assessment] = []

    def cell(self, row: list[str], name: str) -> str:
        """The cell of column ``name`` (empty when the column is absent)."""
        return row[self.index[name]]

    def read(self) -> Outcome:
        """Read every row, then put the report together."""
        for line, row in self.rows():
            try:
                record = self.record_of(row)
                if record == "report":
                    self.calendar_row(row, line)
                    self.report_cells = {name: self.cell(row, name) for name in self.own[record]}
                elif record == "term":
                    self.term_row(row, self.argument)
                elif record == "override":
                    self.override_row(row)
                else:
                    self.assessment_row(row)
            except RowError as error:
                self.fail(line, error)
        return self.finish()

    def override_row(self, row: list[str]) -> None:
        """An override row: a measure's own amber tolerance."""
        self.check_empty(row, "override")
        reference = self.cell(row, "reference")
        if not reference:
            raise RowError("reference", "", "an override names its measure", "missing_cell")
        if reference in self.overrides:
            reason = "an earlier row overrides this measure's tolerance"
            raise RowError("reference", reference, reason, "duplicate_override")
        self.overrides[reference] = _tolerance(self.cell(row, "tolerance"), "tolerance")

    def period(self, row: list[str], name: str = "period") -> Period | None:
        """The period of a cell, in the document's calendar; None when empty."""
        label = self.cell(row, name)
        if not label:
            return None
        try:
            return Period.parse(label, calendar=self.settle_calendar(self.argument))
        except PeriodParseError as exc:
            raise RowError(name, label, exc.reason, exc.code) from None

    def dated_period(self, row: list[str]) -> Period:
        """The row's period, checked against its day cells."""
        period = self.period(row)
        if period is None:
            raise RowError("period", "", "the row names no period", "missing_cell")
        for name, day in (("period_start", period.start), ("period_end", period.end)):
            text = self.cell(row, name)
            if text and read_day(text, name) != day:
                reason = f"{period} runs from {period.start} to {period.end}"
                raise RowError(name, text, reason, "period_mismatch")
        return period

    def assessment_row(self, row: list[str]) -> None:
        """An assessment row, validated by the Assessment model."""
        self.check_empty(row, "assessment")
        fields: dict[str, Any] = {
            "measure_ref": self.cell(row, "reference"),
            "period": self.dated_period(row),
            "explanation": self.cell(row, "explanation"),
            "direction_explanation": self.cell(row, "direction_explanation"),
        }
        for name in ("quality", "status", "direction"):
            if self.cell(row, name):
                fields[name] = self.cell(row, name)
        for name in _OPTIONAL:
            if self.cell(row, name):
                fields[name] = self.cell(row, name)
        for name in ("comparison_period", "target_period"):
            fields[name] = self.period(row, name)
        # An empty target with a target period is NoTarget; without one, no target at all.
        if self.cell(row, "target") or fields["target_period"] is not None:
            fields["target"] = self.cell(row, "target")
        notes = self.cell(row, "notes")
        if notes:
            fields["notes"] = _notes(notes)
        if not fields["measure_ref"]:
            raise RowError("reference", "", "an assessment names its measure", "missing_cell")
        try:
            assessment = Assessment.model_validate(fields)
        except ValidationError as exc:
            raise from_validation(exc, {"measure_ref": "reference"}) from None
        self.assessments.append(assessment)

    def finish(self) -> Outcome:
        """Read the report row's period and policy, and build the report."""
        calendar = self.settle_calendar(self.argument)
        policy = RagPolicy(overrides=self.overrides)
        period = None
        if self.report_cells:
            row = [""] * (self.width + 1)
            for name, cell in self.report_cells.items():
                row[self.index[name]] = cell
            try:
                policy = self.policy(row)
                if self.cell(row, "period"):
                    period = self.dated_period(row)
            except RowError as error:
                self.fail(self.calendar_line, error)
        if period is None and self.assessments:
            period = self.assessments[0].period
        if period is None:
            reason = "no report row or assessment row names the report's period"
            line = self.calendar_line or 1
            raise TableError("", reason, code="missing_cell", line=line, column="period")
        document = Report(
            title=self.title,
            calendar=calendar,
            period=period,
            policy=policy,
            assessments=tuple(self.assessments),
        )
        return Outcome(document, self.errors, self.rows_read, self.rejected)

    def policy(self, row: list[str]) -> RagPolicy:
        """The rating policy of the report row, with the override rows."""
        fields: dict[str, Any] = {"overrides": self.overrides}
        for name in ("tolerance", "yellow_tolerance", "minimum_change"):
            if self.cell(row, name):
                fields[name] = _tolerance(self.cell(row, name), name)
        if self.cell(row, "comparison"):
            fields["comparison"] = self.cell(row, "comparison")
        if self.cell(row, "status_rules"):
            fields["rules"] = self.cell(row, "status_rules")
        return _policy(fields)


def _tolerance(text: str, column: str) -> Tolerance:
    try:
        return Tolerance.parse(text)
    except ParseError as exc:
        raise RowError(column, text, exc.reason, exc.code) from None


def _policy(fields: dict[str, Any]) -> RagPolicy:
    try:
        return RagPolicy.model_validate(fields)
    except ValidationError as exc:
        raise from_validation(exc, {}) from None


def _notes(text: str) -> tuple[str, ...]:
    try:
        notes = json.loads(text)
    except ValueError:
        notes = None
    if not isinstance(notes, list) or not all(isinstance(note, str) for note in notes):
        raise RowError("notes", text, "notes are a JSON array of strings", "bad_notes")
    return tuple(notes)
