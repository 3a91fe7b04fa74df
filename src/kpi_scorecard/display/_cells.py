"""What each row of a display says, once, for the HTML, Markdown and terminal forms.

A row's figures are written as the council writes them (``1,462``). Beside the period's
value go the figures it is read with: the programme's running total a cumulative target
is rated on, the change a change target is rated on, and the year to date where it
differs from the value. A trend draws only periods of one kind: a year-end figure is not
a point on a quarterly line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from kpi_scorecard._figures import show_value
from kpi_scorecard._target import ChangeTarget, CumulativeTarget
from kpi_scorecard._units import COUNT
from kpi_scorecard._value import Band

if TYPE_CHECKING:
    from kpi_scorecard._period import Period, PeriodKind
    from kpi_scorecard._scorecard import Scorecard
    from kpi_scorecard.evaluation import Assessment, Report

__all__ = ["ReportRow", "figure", "report_rows", "series", "trend_periods"]

NONE = "–"


def figure(value: Decimal | Band | None, unit: str) -> str:
    """A value as the council writes it, or a dash.

    >>> figure(Decimal("1462"), "count"), figure(None, "count")
    ('1,462', '\u2013')
    """
    return NONE if value is None else show_value(value, unit, grouped=True)


def _point(value: Decimal | Band | None) -> Decimal | None:
    return value.midpoint if isinstance(value, Band) else value


def trend_periods(periods: Sequence[Period], *, kind: PeriodKind | None = None) -> list[Period]:
    """The periods a trend line draws: those of ``kind``, or of the commonest kind.

    A tie goes to the kind of the latest period.
    """
    if not periods:
        return []
    if kind is None:
        counts = Counter(p.kind for p in periods)
        latest = periods[-1].kind
        kind = max(counts, key=lambda k: (counts[k], k is latest))
    return [p for p in periods if p.kind is kind]


def series(card: Scorecard, reference: str, periods: Sequence[Period]) -> list[Decimal | None]:
    """The measure's figures for ``periods`` (a band's midpoint), None where missing."""
    by_period = card.observations_by_period(reference)
    return [_point(o.value) if (o := by_period.get(p)) else None for p in periods]


@dataclass(frozen=True)
class ReportRow:
    """One assessment as the display shows it: every figure already written."""

    assessment: Assessment
    title: str
    unit: str
    trend: list[Decimal | None]
    value: str
    beside: tuple[str, ...]
    target: str
    forecast: str

    @property
    def status(self) -> str:
        """The status code (``green``...)."""
        return self.assessment.status.value


def _beside(assessment: Assessment, unit: str) -> tuple[str, ...]:
    """The figures read with the value: what it is rated on, and the year to date."""
    lines = []
    rated, value = assessment.rated_value, assessment.value
    if rated is not None and rated != value:
        if isinstance(assessment.target, CumulativeTarget):
            lines.append(f"{figure(rated, unit)} cumulative")
        elif isinstance(assessment.target, ChangeTarget):
            lines.append(f"change {figure(rated, unit)}")
        else:
            lines.append(f"rated on {figure(rated, unit)}")
    ytd = assessment.ytd
    if ytd is not None and ytd not in (value, rated):
        lines.append(f"{figure(ytd, unit)} year to date")
    return tuple(lines)


def report_rows(report: Report, *, max_rows: int) -> list[ReportRow]:
    """The first ``max_rows`` assessments of the report, written for showing."""
    card = report.source
    periods: list[Period] = []
    measures = {}
    if card is not None:
        periods = [p for p in card.periods if p <= report.period]
        periods = trend_periods(periods, kind=report.period.kind)
        measures = {m.reference: m for m in card.measures}
    rows = []
    for assessment in list(report)[:max_rows]:
        reference = assessment.measure_ref
        measure = measures.get(reference)
        unit = measure.unit if measure is not None else COUNT
        if card is not None and measure is not None:
            trend = series(card, reference, periods)
        else:
            trend = [_point(assessment.comparison_value), _point(assessment.value)]
        forecast = ""
        if assessment.forecast is not None:
            forecast = figure(assessment.forecast, unit)
        rows.append(
            ReportRow(
                assessment=assessment,
                title=measure.title if measure is not None else "",
                unit=unit,
                trend=trend,
                value=figure(assessment.value, unit),
                beside=_beside(assessment, unit),
                target=(str(assessment.target) if assessment.target is not None else "") or NONE,
                forecast=forecast,
            )
        )
    return rows
