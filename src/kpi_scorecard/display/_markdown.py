"""Reports, scorecards and assessments as Markdown, every cell escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ._cells import ReportRow, figure, report_rows
from ._style import DIRECTIONS, STATUSES, Mark

if TYPE_CHECKING:
    from kpi_scorecard._scorecard import Scorecard
    from kpi_scorecard.evaluation import Assessment, Report

__all__ = ["assessment_markdown", "md", "report_markdown", "scorecard_markdown"]

#: Markdown's own punctuation that text could use to make a link, code, emphasis or a cell.
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")
_LINE_BREAK = re.compile(r"[\r\n\u0085\u2028\u2029]+")


def md(text: object) -> str:
    r"""Text for a Markdown cell: HTML escaped, Markdown's punctuation escaped, on one line.

    Markdown passes HTML through, so ``<script>`` in a title would reach the notebook.

    >>> md('<img src=x onerror="alert(1)"> | [a](javascript:b)')
    '&lt;img src=x onerror="alert(1)"&gt; \\| \\[a\\](javascript:b)'
    """
    escaped = html.escape(str(text), quote=False)
    return _LINE_BREAK.sub(" ", _MARKDOWN.sub(r"\\\1", escaped))


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[bool]) -> str:
    rule = "|" + "".join("---:|" if r else "---|" for r in right)
    lines = ["| " + " | ".join(md(cell) for cell in header) + " |", rule]
    lines.extend("| " + " | ".join(md(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def _mark(marks: Mapping[str, Mark], code: str) -> str:
    symbol, word, _ = marks[code]
    return f"{symbol} {word}"


def _value(row: ReportRow) -> str:
    return row.value + "".join(f" ({line})" for line in row.beside)


def _forecast(row: ReportRow) -> str:
    status = row.assessment.forecast_status
    if not row.forecast:
        return ""
    return row.forecast + (f" {_mark(STATUSES, status.value)}" if status else "")


def _hidden(total: int, shown: int) -> str:
    return f"\n\n_{total - shown} more rows hidden._" if total > shown else ""


def report_markdown(report: Report, *, max_rows: int) -> str:
    """The report as a Markdown table; figures right-aligned, as in the HTML."""
    rows = report_rows(report, max_rows=max_rows)
    forecasts = any(row.forecast for row in rows)
    header = ["Ref", "Value", "Target", "Status"] + (["Forecast"] if forecasts else [])
    header += ["Direction", "Why"]
    right = [False, True, True, False] + ([True] if forecasts else []) + [False, False]
    cells = [
        [row.assessment.measure_ref, _value(row), row.target, _mark(STATUSES, row.status)]
        + ([_forecast(row)] if forecasts else [])
        + [_mark(DIRECTIONS, row.assessment.direction.value), row.assessment.explanation]
        for row in rows
    ]
    title = f"**{md(report.title or 'Report')}: {md(report.period)}**\n\n"
    return title + _table(header, cells, right) + _hidden(len(report), len(rows))


def assessment_markdown(assessment: Assessment) -> str:
    """One assessment as a short Markdown paragraph."""
    a = assessment
    head = f"**{md(a.measure_ref)}** {md(a.period)}: {_mark(STATUSES, a.status.value)}, "
    head += md(_mark(DIRECTIONS, a.direction.value))
    if a.target is not None:
        head += f", target {md(a.target)}"
    return f"{head}\n\n{md(a.explanation)}\n\n{md(a.direction_explanation)}"


def scorecard_markdown(scorecard: Scorecard, *, max_rows: int) -> str:
    """The scorecard as a Markdown table, one row per measure."""
    periods = list(scorecard.periods)
    rows = []
    for measure in scorecard.measures[:max_rows]:
        by_period = scorecard.observations_by_period(measure.reference)
        rows.append(
            [measure.reference, measure.title]
            + [figure(o.value, measure.unit) if (o := by_period.get(p)) else "" for p in periods]
        )
    table = _table(
        ["Ref", "Measure", *(str(p) for p in periods)], rows, [False, False] + [True] * len(periods)
    )
    hidden = _hidden(len(scorecard.measures), len(rows))
    return f"**{md(scorecard.title or 'Scorecard')}**\n\n{table}{hidden}"
