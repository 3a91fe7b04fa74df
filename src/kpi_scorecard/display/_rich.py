"""Reports, scorecards and assessments for a terminal, through the ``rich`` package.

``rich`` is imported only here, when something is printed with it; rich itself calls
``__rich__``, so where it is not installed nothing asks for this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kpi_scorecard._errors import MissingExtraError

from ._cells import figure, report_rows
from ._style import DIRECTIONS, STATUSES

if TYPE_CHECKING:
    from kpi_scorecard._scorecard import Scorecard
    from kpi_scorecard.evaluation import Assessment, Report

__all__ = ["assessment_rich", "report_rich", "scorecard_rich"]

#: Terminal styles of the chips: the same colours as the HTML's.
_STYLES = {
    "green": "bold #ffffff on #1b7f3b",
    "yellow": "bold #1a1a1a on #f2d21b",
    "amber": "bold #1a1a1a on #f0a202",
    "red": "bold #ffffff on #c62828",
    "not_rated": "bold #1a1a1a on #e0e0e0",
}


def _rich() -> Any:
    try:
        import rich.table  # noqa: PLC0415 - an optional extra, imported when first used
        import rich.text  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("kpi_scorecard's terminal display", "rich", "rich") from None
    return rich


def _chip(status: str) -> Any:
    mark = STATUSES[status]
    return _rich().text.Text(f" {mark.symbol} {mark.word} ", style=_STYLES[status])


def _direction(code: str) -> str:
    mark = DIRECTIONS[code]
    return f"{mark.symbol} {mark.word}"


def report_rich(report: Report, *, max_rows: int) -> Any:
    """The report as a ``rich`` table: figures right-aligned, chips in colour."""
    rich = _rich()
    rows = report_rows(report, max_rows=max_rows)
    forecasts = any(row.forecast for row in rows)
    table = rich.table.Table(title=f"{report.title or 'Report'}: {report.period}")
    table.add_column("Ref", no_wrap=True)
    table.add_column("Measure")
    table.add_column("Value", justify="right")
    table.add_column("Target", justify="right")
    table.add_column("Status", no_wrap=True)
    if forecasts:
        table.add_column("Forecast", justify="right")
    table.add_column("Direction", no_wrap=True)
    table.add_column("Why")
    text = rich.text.Text  # plain text: rich would read brackets in a title as markup
    for row in rows:
        a = row.assessment
        forecast = [text(row.forecast)] if forecasts else []
        table.add_row(
            text(a.measure_ref),
            text(row.title),
            text("\n".join((row.value, *row.beside))),
            text(row.target),
            _chip(row.status),
            *forecast,
            text(_direction(a.direction.value)),
            text(a.explanation),
        )
    if len(report) > len(rows):
        table.caption = f"{len(report) - len(rows)} more rows hidden"
    return table


def assessment_rich(assessment: Assessment) -> Any:
    """One assessment as ``rich`` text: status chip, direction and both explanations."""
    rich = _rich()
    a = assessment
    text = rich.text.Text(f"{a.measure_ref} {a.period}: ")
    text.append_text(_chip(a.status.value))
    text.append(f" {_direction(a.direction.value)}\n{a.explanation}\n{a.direction_explanation}")
    return text


def scorecard_rich(scorecard: Scorecard, *, max_rows: int) -> Any:
    """The scorecard as a ``rich`` table, one row per measure and a column per period."""
    rich = _rich()
    periods = list(scorecard.periods)
    table = rich.table.Table(title=scorecard.title or "Scorecard")
    table.add_column("Ref", no_wrap=True)
    table.add_column("Measure")
    for period in periods:
        table.add_column(str(period), justify="right")
    for measure in scorecard.measures[:max_rows]:
        by_period = scorecard.observations_by_period(measure.reference)
        cells = [figure(o.value, measure.unit) if (o := by_period.get(p)) else "" for p in periods]
        table.add_row(*map(rich.text.Text, [measure.reference, measure.title, *cells]))
    return table
