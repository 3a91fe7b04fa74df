"""Reports, scorecards and assessments as self-contained HTML for notebooks and pages.

The HTML has inline CSS and SVG and no script; every piece of text is escaped; tables have
a ``thead`` and a ``tbody``, text columns aligned left and figures right (classes
``kpi-text`` and ``kpi-num``, which the scoped stylesheet aligns whatever the host says).
A status never relies on colour alone: each chip carries a symbol and a word.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._cells import ReportRow, figure, report_rows, series, trend_periods
from ._sparkline import sparkline_svg
from ._style import DIRECTIONS, STATUSES, STYLE

if TYPE_CHECKING:
    from kpi_scorecard._scorecard import Scorecard
    from kpi_scorecard.evaluation import Assessment, Report

__all__ = ["assessment_html", "direction_arrow", "report_html", "scorecard_html", "status_chip"]

TEXT, NUM = "kpi-text", "kpi-num"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def status_chip(status: str) -> str:
    """An HTML chip for a RAG status: colour, symbol and word.

    >>> status_chip("red")
    '<span class="kpi-chip kpi-red">✖ Red</span>'
    """
    mark = STATUSES[status]
    return f'<span class="kpi-chip {mark.css}">{mark.symbol} {mark.word}</span>'


def direction_arrow(direction: str, detail: str = "") -> str:
    """An HTML arrow for a direction of travel: up means better, down means worse.

    >>> direction_arrow("improving")
    '<span class="kpi-dir kpi-better">⬆ Improving</span>'
    """
    mark = DIRECTIONS[direction]
    title = f' title="{_e(detail)}"' if detail else ""
    return f'<span class="kpi-dir {mark.css}"{title}>{mark.symbol} {mark.word}</span>'


def _cell(content: str, *classes: str) -> str:
    return f'<td class="{" ".join(classes)}">{content}</td>'


def _table(caption: str, header: Sequence[tuple[str, str]], rows: Sequence[str], total: int) -> str:
    head = "".join(f'<th scope="col" class="{kind}">{_e(name)}</th>' for name, kind in header)
    body = "".join(rows)
    if total > len(rows):
        body += (
            f'<tr><td colspan="{len(header)}" class="kpi-text kpi-note">'
            f"{total - len(rows)} more rows hidden (showing {len(rows)} of {total})</td></tr>"
        )
    return (
        f'{STYLE}<div class="kpi-card"><div class="kpi-caption">{caption}</div>'
        f'<table class="kpi-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div>"
    )


def _value_cell(row: ReportRow) -> str:
    beside = "".join(f'<div class="kpi-sub">{_e(line)}</div>' for line in row.beside)
    return _cell(f"{_e(row.value)}{beside}", NUM)


def _forecast_cell(row: ReportRow) -> str:
    if not row.forecast:
        return _cell("", NUM)
    status = row.assessment.forecast_status
    chip = f'<div class="kpi-sub">{status_chip(status.value)}</div>' if status else ""
    return _cell(f"{_e(row.forecast)}{chip}", NUM)


def _counts(report: Report) -> str:
    return ", ".join(
        f"{count} {status.value.replace('_', ' ')}"
        for status, count in report.counts().items()
        if count
    )


def report_html(report: Report, *, max_rows: int) -> str:
    """The report as an HTML table like the council's own, for notebooks.

    A forecast column appears when a forecast was made for any measure.
    """
    rows = report_rows(report, max_rows=max_rows)
    forecasts = any(row.forecast for row in rows)
    header = [("Ref", TEXT), ("Measure", TEXT), ("Trend", TEXT), ("Value", NUM)]
    header += [("Target", NUM), ("Status", TEXT)]
    header += [("Forecast", NUM)] if forecasts else []
    header += [("Direction", TEXT), ("Why", TEXT)]
    shown = []
    for row in rows:
        a = row.assessment
        shown.append(
            "<tr>"
            + _cell(_e(a.measure_ref), TEXT, "kpi-ref")
            + _cell(_e(row.title), TEXT, "kpi-title")
            + _cell(sparkline_svg(row.trend, a.target), TEXT)
            + _value_cell(row)
            + _cell(_e(row.target), NUM)
            + _cell(status_chip(row.status), TEXT)
            + (_forecast_cell(row) if forecasts else "")
            + _cell(direction_arrow(a.direction.value, a.direction_explanation), TEXT)
            + _cell(_e(a.explanation), TEXT, "kpi-why")
            + "</tr>"
        )
    caption = f"{_e(report.title or 'Report')}: {_e(report.period)} ({_e(_counts(report))})"
    return _table(caption, header, shown, len(report))


def assessment_html(assessment: Assessment) -> str:
    """One assessment as a small HTML summary: status, target, forecast and both reasons.

    The figures themselves are in the explanation, written in the measure's unit.
    """
    a = assessment
    facts = []
    if a.target is not None:
        facts.append(f"target {_e(a.target)}")
    if a.forecast_status is not None:
        facts.append(f"year-end forecast {status_chip(a.forecast_status.value)}")
    line = f"<p>{' · '.join(facts)}</p>" if facts else ""
    return (
        f'{STYLE}<div class="kpi-card kpi-summary"><p><strong>{_e(a.measure_ref)}</strong> '
        f"{_e(a.period)}: {status_chip(a.status.value)} "
        f"{direction_arrow(a.direction.value, a.direction_explanation)}</p>{line}"
        f"<p>{_e(a.explanation)}</p><p>{_e(a.direction_explanation)}</p></div>"
    )


def scorecard_html(scorecard: Scorecard, *, max_rows: int) -> str:
    """The scorecard as the council's wide table: one row per measure, one column per period.

    The trend line draws the periods of the commonest kind (quarters, say) and leaves out
    the others (a year-end figure).
    """
    periods = list(scorecard.periods)
    drawn = trend_periods(periods)
    header = [("Ref", TEXT), ("Measure", TEXT), ("Trend", TEXT)]
    header += [(str(p), NUM) for p in periods] + [("Commentary", TEXT)]
    shown = []
    for measure in scorecard.measures[:max_rows]:
        by_period = scorecard.observations_by_period(measure.reference)
        cells = []
        commentary = ""
        for period in periods:
            observation = by_period.get(period)
            text = figure(observation.value, measure.unit) if observation else ""
            cells.append(_cell(_e(text), NUM))
            if observation is not None and observation.commentary:
                commentary = observation.commentary
        trend = sparkline_svg(series(scorecard, measure.reference, drawn))
        shown.append(
            "<tr>"
            + _cell(_e(measure.reference), TEXT, "kpi-ref")
            + _cell(_e(measure.title), TEXT, "kpi-title")
            + _cell(trend, TEXT)
            + "".join(cells)
            + _cell(_e(commentary), TEXT, "kpi-why")
            + "</tr>"
        )
    caption = (
        f"{_e(scorecard.title or 'Scorecard')}: {len(scorecard.measures)} measures, "
        f"{len(scorecard.observations)} observations"
    )
    return _table(caption, header, shown, len(scorecard.measures))
