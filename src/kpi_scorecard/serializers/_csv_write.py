"""Rows of the scorecard and report CSV files, from the model."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._measure import Measure
from kpi_scorecard._period import Period
from kpi_scorecard._scorecard import Scorecard, TargetSetting
from kpi_scorecard._target import Target
from kpi_scorecard._value import Band
from kpi_scorecard.evaluation import Assessment, RagPolicy, Report

from ._csv_columns import MEASURE_FIELDS, REPORT_COLUMNS, SCORECARD_COLUMNS, neutralise
from ._labels import Relabel

__all__ = ["report_rows", "scorecard_rows"]

_SCORECARD_INDEX = {column.name: index for index, column in enumerate(SCORECARD_COLUMNS)}
_REPORT_INDEX = {column.name: index for index, column in enumerate(REPORT_COLUMNS)}


def _keep(text: str) -> str:
    return text


def _number(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def _figure(value: Decimal | Band | None) -> str:
    return "" if value is None else str(value)


def _target(value: Target | None) -> str:
    return "" if value is None else str(value)


def _enum(value: object) -> str:
    return "" if value is None else str(value)


class _Row:
    """Build rows of a fixed width by column name."""

    def __init__(self, index: dict[str, int]) -> None:
        self.index = index
        self.width = len(index)

    def make(self, **cells: str) -> list[str]:
        row = [""] * self.width
        for name, cell in cells.items():
            row[self.index[name]] = cell
        return row


def _calendar_rows(
    make: Callable[..., list[str]],
    calendar: Calendar,
    title: str,
    **first: str,
) -> Iterator[list[str]]:
    """The scorecard or report row (``first`` holds its cells), then one row per term."""
    yield make(
        title=title,
        year_start_month=str(calendar.year_start_month),
        academic_year_start_month=str(calendar.academic_year_start_month),
        **first,
    )
    for term in calendar.terms:
        period = Period.term(term.name, term.start.year, calendar=calendar)
        yield make(
            record="term",
            period=period.label,
            period_start=term.start.isoformat(),
            period_end=term.end.isoformat(),
        )


def _measure_cells(measure: Measure, text: Callable[[str], str]) -> dict[str, str]:
    cells = {name: str(getattr(measure, name)) for name in MEASURE_FIELDS}
    for name in MEASURE_FIELDS:
        if name not in ("unit", "polarity", "aggregation"):
            cells[name] = text(cells[name])
    return cells


def scorecard_rows(card: Scorecard, *, spreadsheet_safe: bool) -> Iterator[list[str]]:
    """The header and every row of a scorecard's CSV."""
    text = neutralise if spreadsheet_safe else _keep
    make = _Row(_SCORECARD_INDEX).make
    relabel = Relabel(card.calendar)
    yield [column.name for column in SCORECARD_COLUMNS]
    yield from _calendar_rows(make, card.calendar, text(card.title), record="scorecard")
    measures: dict[str, dict[str, str]] = {}
    for measure in card.measures:
        measures[measure.reference] = cells = _measure_cells(measure, text)
        yield make(record="measure", **cells)
    settings: dict[int, dict[str, str]] = {}

    def setting_cells(setting: TargetSetting) -> dict[str, str]:
        found = settings.get(id(setting))
        if found is None:
            profile = "" if setting.profile is None else str(setting.profile)
            found = {
                "target": str(setting.target),
                "target_period": relabel.label(setting.period),
                "target_profile": profile,
            }
            settings[id(setting)] = found
        return found

    for setting in card.targets:
        yield make(
            record="target",
            reference=text(setting.measure_ref),
            **setting_cells(setting),
        )
    periods: dict[Period, tuple[str, str, str]] = {}
    index = _SCORECARD_INDEX
    for observation in card.observations:
        period = observation.period
        dates = periods.get(period)
        if dates is None:
            dates = (relabel.label(period), period.start.isoformat(), period.end.isoformat())
            periods[period] = dates
        row = make(record="observation", **measures[observation.measure_ref])
        row[index["period"]], row[index["period_start"]], row[index["period_end"]] = dates
        row[index["value"]] = _figure(observation.value)
        row[index["status"]] = observation.status.value
        row[index["cumulative"]] = _number(observation.cumulative)
        row[index["numerator"]] = _number(observation.numerator)
        row[index["denominator"]] = _number(observation.denominator)
        in_force = card.target_for(observation.measure_ref, period)
        if in_force is not None:
            cells = setting_cells(in_force)
            row[index["target"]] = cells["target"]
            row[index["target_period"]] = cells["target_period"]
            row[index["target_profile"]] = cells["target_profile"]
        published = observation.published_status
        row[index["published_status"]] = "" if published is None else text(published)
        trend = observation.published_trend
        row[index["published_trend"]] = "" if trend is None else text(trend)
        row[index["commentary"]] = text(observation.commentary)
        yield row


def report_rows(
    report: Report, *, spreadsheet_safe: bool, scorecard: Scorecard | None
) -> Iterator[list[str]]:
    """The header and every row of a report's CSV."""
    text = neutralise if spreadsheet_safe else _keep
    make = _Row(_REPORT_INDEX).make
    relabel = Relabel(report.calendar)
    yield [column.name for column in REPORT_COLUMNS]
    policy = report.policy
    period = relabel.period(report.period)
    yield from _calendar_rows(
        make,
        report.calendar,
        text(report.title),
        record="report",
        period=period.label,
        period_start=period.start.isoformat(),
        period_end=period.end.isoformat(),
        tolerance=str(policy.tolerance),
        yellow_tolerance=_enum(policy.yellow_tolerance),
        comparison=policy.comparison.value,
        minimum_change=str(policy.minimum_change),
        status_rules=_enum(policy.rules),
        direction_method=policy.direction,
        spc_settings=_spc_settings(policy),
    )
    for reference, tolerance in policy.overrides.items():
        yield make(record="override", reference=text(reference), tolerance=str(tolerance))
    measures = {m.reference: m for m in scorecard.measures} if scorecard is not None else {}
    for assessment in report.assessments:
        yield _assessment_row(assessment, make, relabel, text, measures.get(assessment.measure_ref))


def _assessment_row(
    assessment: Assessment,
    make: Callable[..., list[str]],
    relabel: Relabel,
    text: Callable[[str], str],
    measure: Measure | None,
) -> list[str]:
    period = relabel.period(assessment.period)
    notes = json.dumps(list(assessment.notes), ensure_ascii=False) if assessment.notes else ""
    return make(
        record="assessment",
        reference=text(assessment.measure_ref),
        title=text(measure.title) if measure is not None else "",
        unit=measure.unit if measure is not None else "",
        period=period.label,
        period_start=period.start.isoformat(),
        period_end=period.end.isoformat(),
        value=_figure(assessment.value),
        quality=assessment.quality.value,
        target=_target(assessment.target),
        target_period=relabel.label(assessment.target_period),
        rated_value=_figure(assessment.rated_value),
        due=_target(assessment.due),
        status=assessment.status.value,
        margin=_number(assessment.margin),
        relative_margin=_number(assessment.relative_margin),
        explanation=text(assessment.explanation),
        direction=assessment.direction.value,
        comparison_period=relabel.label(assessment.comparison_period),
        comparison_value=_figure(assessment.comparison_value),
        change=_number(assessment.change),
        direction_explanation=text(assessment.direction_explanation),
        variation=_enum(assessment.variation),
        assurance=_enum(assessment.assurance),
        ytd=_figure(assessment.ytd),
        ytd_aggregation=_enum(assessment.ytd_aggregation),
        forecast=_number(assessment.forecast),
        forecast_status=_enum(assessment.forecast_status),
        notes=notes,
    )


def _spc_settings(policy: RagPolicy) -> str:
    """The policy's SPC settings as a JSON object, when it chose SPC."""
    if policy.direction != "spc":
        return ""
    return json.dumps(policy.spc.model_dump(mode="json"), separators=(",", ":"))
