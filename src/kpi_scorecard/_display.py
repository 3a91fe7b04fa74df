"""Notebook display: scorecards and reports as HTML and Markdown tables.

Jupyter calls ``_repr_html_`` and ``_repr_markdown_`` on the objects it shows; the models
delegate to the functions here. No IPython import is needed. The HTML is self-contained
(inline CSS and SVG, no script), every piece of text is escaped, and a status never relies
on colour alone: each chip carries a word and a symbol, and direction arrows mean better or
worse, not up or down.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from kpi_scorecard._target import RangeTarget, Target, ThresholdTarget
from kpi_scorecard._units import COUNT
from kpi_scorecard._value import Band
from kpi_scorecard.evaluation._text import show_value

if TYPE_CHECKING:
    from kpi_scorecard._period import Period
    from kpi_scorecard._scorecard import Scorecard
    from kpi_scorecard.evaluation._results import Assessment, Report

__all__ = [
    "assessment_html",
    "report_html",
    "report_markdown",
    "scorecard_html",
    "scorecard_markdown",
    "sparkline_svg",
]

#: Rows shown before the rest are summarised in a note.
MAX_ROWS = 60

_STATUS = {
    "green": ("#1b7f3b", "#ffffff", "✔", "Green"),
    "yellow": ("#f2d21b", "#1a1a1a", "◐", "Yellow"),
    "amber": ("#f0a202", "#1a1a1a", "◆", "Amber"),
    "red": ("#c62828", "#ffffff", "✖", "Red"),
    "not_rated": ("#e0e0e0", "#1a1a1a", "–", "Not rated"),
}
_DIRECTION = {
    "improving": ("⬆", "#1b7f3b", "Improving"),
    "worsening": ("⬇", "#c62828", "Worsening"),
    "increasing": ("↗", "#555555", "Increasing"),
    "decreasing": ("↘", "#555555", "Decreasing"),
    "no_change": ("→", "#555555", "No change"),
    "not_comparable": ("·", "#888888", "Not comparable"),
}
_STYLE = """<style>
.kpi-card{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px;color:#1a1a1a}
.kpi-card table{border-collapse:collapse;width:100%}
.kpi-card caption{text-align:left;font-weight:600;font-size:15px;padding:4px 0}
.kpi-card th{background:#24364b;color:#fff;text-align:left;padding:4px 6px;font-weight:600}
.kpi-card td{border-bottom:1px solid #d9dde3;padding:4px 6px;vertical-align:top}
.kpi-card tr:nth-child(even) td{background:#f6f8fa}
.kpi-card .num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.kpi-chip{display:inline-block;border-radius:10px;padding:1px 8px;font-weight:600;
white-space:nowrap}
.kpi-dir{white-space:nowrap;font-weight:600}
.kpi-why{color:#333;max-width:36em}
.kpi-note{color:#555;font-style:italic;padding:4px 0}
</style>"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _figure(value: Decimal | Band | None, unit: str) -> str:
    return "–" if value is None else show_value(value, unit)


def status_chip(status: str) -> str:
    """An HTML chip for a RAG status: colour, symbol and word.

    >>> status_chip("red")
    '<span class="kpi-chip" style="background:#c62828;color:#ffffff">✖ Red</span>'
    """
    background, foreground, symbol, word = _STATUS[status]
    return (
        f'<span class="kpi-chip" style="background:{background};color:{foreground}">'
        f"{symbol} {word}</span>"
    )


def direction_arrow(direction: str, detail: str = "") -> str:
    """An HTML arrow for a direction of travel: up means better, down means worse."""
    arrow, colour, word = _DIRECTION[direction]
    title = f' title="{_e(detail)}"' if detail else ""
    return f'<span class="kpi-dir" style="color:{colour}"{title}>{arrow} {word}</span>'


def _target_lines(target: Target | None) -> tuple[Decimal | None, Decimal | None]:
    if isinstance(target, ThresholdTarget):
        return target.value, None
    if isinstance(target, RangeTarget):
        return target.low, target.high
    return None, None


def sparkline_svg(
    values: Sequence[Decimal | None], target: Target | None = None, *, width: int = 90
) -> str:
    """An inline SVG line of a measure's period values, with its target drawn in.

    A threshold is a dashed line; a range is a shaded band. Missing periods break the line.

    >>> svg = sparkline_svg([Decimal(19), Decimal(17)], Target.parse("<18%"))
    >>> svg.startswith("<svg") and "stroke-dasharray" in svg
    True
    """
    height, pad = 22, 3
    low_line, high_line = _target_lines(target)
    known = [value for value in values if value is not None]
    scale_values = known + [v for v in (low_line, high_line) if v is not None]
    if not known:
        return f'<svg width="{width}" height="{height}" role="img" aria-label="no values"></svg>'
    bottom, top = min(scale_values), max(scale_values)
    span = top - bottom or Decimal(1)
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def y(value: Decimal) -> float:
        return float(height - pad - (value - bottom) / span * (height - 2 * pad))

    parts = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="trend of {len(known)} values">'
    ]
    if low_line is not None and high_line is not None:
        top_y, bottom_y = y(high_line), y(low_line)
        parts.append(
            f'<rect x="0" y="{top_y:.1f}" width="{width}" height="{max(bottom_y - top_y, 1):.1f}"'
            ' fill="#1b7f3b" fill-opacity="0.15"/>'
        )
    elif low_line is not None:
        parts.append(
            f'<line x1="0" x2="{width}" y1="{y(low_line):.1f}" y2="{y(low_line):.1f}" '
            'stroke="#c62828" stroke-width="1" stroke-dasharray="3,2"/>'
        )
    runs: list[list[str]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
            continue
        runs[-1].append(f"{pad + index * step:.1f},{y(value):.1f}")
    parts.extend(
        f'<polyline points="{" ".join(run)}" fill="none" stroke="#24364b" stroke-width="1.5"/>'
        for run in runs
        if len(run) > 1
    )
    last = next((i for i in range(len(values) - 1, -1, -1) if values[i] is not None), None)
    if last is not None and (value := values[last]) is not None:
        parts.append(
            f'<circle cx="{pad + last * step:.1f}" cy="{y(value):.1f}" r="2.2" fill="#24364b"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _point(value: Decimal | Band | None) -> Decimal | None:
    if isinstance(value, Band):
        return value.midpoint
    return value


def _capped(rows: Sequence[str], total: int, columns: int) -> str:
    shown = "".join(rows)
    if total > len(rows):
        hidden = total - len(rows)
        shown += (
            f'<tr><td colspan="{columns}" class="kpi-note">{hidden} more rows hidden '
            f"(showing {len(rows)} of {total})</td></tr>"
        )
    return shown


def _wrap(caption: str, header: str, body: str) -> str:
    return (
        f'{_STYLE}<div class="kpi-card"><table><caption>{caption}</caption>'
        f"{header}{body}</table></div>"
    )


def report_html(
    report: Report, scorecard: Scorecard | None = None, *, max_rows: int = MAX_ROWS
) -> str:
    """The report as an HTML table like the council's own, for notebooks."""
    titles: dict[str, str] = {}
    units: dict[str, str] = {}
    periods: list[Period] = []
    if scorecard is not None:
        titles = {m.reference: m.title for m in scorecard.measures}
        units = {m.reference: m.unit for m in scorecard.measures}
        periods = [
            p for p in scorecard.periods if p.kind is report.period.kind and p <= report.period
        ]
    header = (
        "<tr><th>Ref</th><th>Measure</th><th>Trend</th><th>Value</th><th>Target</th>"
        "<th>Status</th><th>Direction</th><th>YTD</th><th>Why</th></tr>"
    )
    rows = []
    for assessment in list(report)[:max_rows]:
        reference = assessment.measure_ref
        unit = units.get(reference, COUNT)
        if scorecard is not None:
            by_period = scorecard.observations_by_period(reference)
            series = [_point(o.value) if (o := by_period.get(p)) else None for p in periods]
        else:
            series = [_point(assessment.comparison_value), _point(assessment.value)]
        target = assessment.target if assessment.target is not None else "–"
        arrow = direction_arrow(assessment.direction.value, assessment.direction_explanation)
        rows.append(
            "<tr>"
            f"<td>{_e(reference)}</td><td>{_e(titles.get(reference, ''))}</td>"
            f"<td>{sparkline_svg(series, assessment.target)}</td>"
            f'<td class="num">{_e(_figure(assessment.value, unit))}</td>'
            f'<td class="num">{_e(target)}</td>'
            f"<td>{status_chip(assessment.status.value)}</td>"
            f"<td>{arrow}</td>"
            f'<td class="num">{_e(_figure(assessment.ytd, unit))}</td>'
            f'<td class="kpi-why">{_e(assessment.explanation)}</td>'
            "</tr>"
        )
    counts = ", ".join(
        f"{count} {status.value.replace('_', ' ')}"
        for status, count in report.counts().items()
        if count
    )
    caption = f"{_e(report.title or 'Report')}: {_e(report.period)} ({_e(counts)})"
    return _wrap(caption, header, _capped(rows, len(report), 9))


def assessment_html(assessment: Assessment) -> str:
    """One assessment as a small HTML summary."""
    return (
        f'{_STYLE}<div class="kpi-card"><strong>{_e(assessment.measure_ref)}</strong> '
        f"{_e(assessment.period)}: {status_chip(assessment.status.value)} "
        f"{direction_arrow(assessment.direction.value, assessment.direction_explanation)}"
        f'<div class="kpi-why">{_e(assessment.explanation)}</div>'
        f'<div class="kpi-why">{_e(assessment.direction_explanation)}</div>{_spc_svg(assessment)}'
        "</div>"
    )


def _spc_svg(assessment: Assessment) -> str:
    """The XmR chart the direction was read from, as SVG, when the policy chose SPC."""
    chart = assessment.spc_chart()
    if chart is None:
        return ""
    title = f"{assessment.measure_ref}: XmR chart to {assessment.period}"
    return f'<div class="kpi-spc">{chart.to_svg(width=480, height=240, title=title)}</div>'


def scorecard_html(scorecard: Scorecard, *, max_rows: int = MAX_ROWS) -> str:
    """The scorecard as the council's wide table: one row per measure, one column per period."""
    periods = list(scorecard.periods)
    header = "<tr><th>Ref</th><th>Measure</th><th>Trend</th>"
    header += "".join(f"<th>{_e(p)}</th>" for p in periods) + "<th>Commentary</th></tr>"
    rows = []
    for measure in scorecard.measures[:max_rows]:
        by_period = scorecard.observations_by_period(measure.reference)
        cells = []
        commentary = ""
        for period in periods:
            observation = by_period.get(period)
            shown = _figure(observation.value, measure.unit) if observation else ""
            cells.append(f'<td class="num">{_e(shown)}</td>')
            if observation is not None and observation.commentary:
                commentary = observation.commentary
        series = [_point(o.value) if (o := by_period.get(p)) else None for p in periods]
        rows.append(
            f"<tr><td>{_e(measure.reference)}</td><td>{_e(measure.title)}</td>"
            f"<td>{sparkline_svg(series)}</td>{''.join(cells)}"
            f'<td class="kpi-why">{_e(commentary)}</td></tr>'
        )
    caption = (
        f"{_e(scorecard.title or 'Scorecard')}: {len(scorecard.measures)} measures, "
        f"{len(scorecard.observations)} observations"
    )
    return _wrap(caption, header, _capped(rows, len(scorecard.measures), len(periods) + 4))


#: Markdown's own punctuation that text could use to make a link, code, emphasis or a cell.
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")
_LINE_BREAK = re.compile(r"[\r\n\u0085\u2028\u2029]+")


def _md(text: object) -> str:
    r"""Text for a Markdown cell: HTML escaped, Markdown's punctuation escaped, on one line.

    Markdown passes HTML through, so ``<script>`` in a title would reach the notebook.

    >>> _md('<img src=x onerror="alert(1)"> | [a](javascript:b)')
    '&lt;img src=x onerror="alert(1)"&gt; \\| \\[a\\](javascript:b)'
    """
    escaped = html.escape(str(text), quote=False)
    return _LINE_BREAK.sub(" ", _MARKDOWN.sub(r"\\\1", escaped))


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(_md(cell) for cell in header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def report_markdown(
    report: Report, scorecard: Scorecard | None = None, *, max_rows: int = MAX_ROWS
) -> str:
    """The report as a Markdown table."""
    units = {m.reference: m.unit for m in scorecard.measures} if scorecard is not None else {}
    rows = [
        (
            a.measure_ref,
            _figure(a.value, units.get(a.measure_ref, COUNT)),
            str(a.target) if a.target is not None else "–",
            _STATUS[a.status.value][2] + " " + _STATUS[a.status.value][3],
            _DIRECTION[a.direction.value][0] + " " + _DIRECTION[a.direction.value][2],
            a.explanation,
        )
        for a in list(report)[:max_rows]
    ]
    table = _md_table(("Ref", "Value", "Target", "Status", "Direction", "Why"), rows)
    title = f"**{_md(report.title or 'Report')}: {_md(report.period)}**\n\n"
    hidden = len(report) - len(rows)
    note = f"\n\n_{hidden} more rows hidden._" if hidden > 0 else ""
    return title + table + note


def scorecard_markdown(scorecard: Scorecard, *, max_rows: int = MAX_ROWS) -> str:
    """The scorecard as a Markdown table, one row per measure."""
    periods = list(scorecard.periods)
    rows = []
    for measure in scorecard.measures[:max_rows]:
        by_period = scorecard.observations_by_period(measure.reference)
        rows.append(
            [measure.reference, measure.title]
            + [_figure(o.value, measure.unit) if (o := by_period.get(p)) else "" for p in periods]
        )
    table = _md_table(["Ref", "Measure", *(str(p) for p in periods)], rows)
    hidden = len(scorecard.measures) - len(rows)
    note = f"\n\n_{hidden} more rows hidden._" if hidden > 0 else ""
    return f"**{_md(scorecard.title or 'Scorecard')}**\n\n{table}{note}"
