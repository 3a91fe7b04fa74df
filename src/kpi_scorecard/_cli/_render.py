"""The report in each output format of ``kpi-scorecard rate``, one or several tables."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard._units import PERCENT
from kpi_scorecard._value import Band
from kpi_scorecard.evaluation import Assessment, Disagreement, Rag, Report
from kpi_scorecard.serializers import csv as csv_format
from kpi_scorecard.serializers import json as json_format

__all__ = ["FORMATS", "Rated", "render"]

FORMATS = ("table", "json", "csv", "html", "markdown")

_COLOURS = {
    Rag.GREEN: "\033[42;30m",
    Rag.YELLOW: "\033[43;30m",
    Rag.AMBER: "\033[48;5;214;30m",
    Rag.RED: "\033[41;97m",
    Rag.NOT_RATED: "\033[47;30m",
}
_RESET = "\033[0m"


@dataclass(frozen=True)
class Rated:
    """One table rated: its scorecard, the report and where it disagrees with the council."""

    name: str
    scorecard: Scorecard
    report: Report
    disagreements: tuple[Disagreement, ...]


def render(rated: Sequence[Rated], fmt: str, *, colour: bool = False) -> str:
    """The reports of the tables in one text of the format."""
    if fmt == "json":
        documents = [json.loads(json_format.dumps(r.report)) for r in rated]
        whole = documents[0] if len(documents) == 1 else documents
        return json.dumps(whole, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(rated)
    if fmt == "html":
        return _html(rated)
    if fmt == "markdown":
        parts = [r.report.to_markdown(max_rows=len(r.report)) for r in rated]
        return "\n\n".join(parts) + "\n"
    return "\n".join(_table(r, colour=colour) for r in rated)


def _csv(rated: Sequence[Rated]) -> str:
    texts = [csv_format.dumps(r.report, scorecard=r.scorecard) for r in rated]
    header = texts[0].split("\r\n", 1)[0]
    rest = []
    for text in texts[1:]:
        first, _, body = text.partition("\r\n")
        rest.append(body if first == header else text)
    return texts[0] + "".join(rest)


def _html(rated: Sequence[Rated]) -> str:
    title = html.escape(rated[0].report.title or "Report") if len(rated) == 1 else "Reports"
    body = "\n".join(
        f"<section>\n{r.report.to_html(max_rows=len(r.report))}\n</section>" for r in rated
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _figure(value: Decimal | Band | None, unit: str) -> str:
    sign = "%" if unit == PERCENT else ""
    if value is None:
        return "-"
    if isinstance(value, Band):
        return f"{value.low}{sign}-{value.high}{sign}"
    return f"{value}{sign}"


def _status(assessment: Assessment, colour: bool) -> str:
    word = assessment.status.value.replace("_", " ")
    if not colour:
        return f"{word:<9}"
    return f"{_COLOURS[assessment.status]}{word:<9}{_RESET}"


def _table(rated: Rated, *, colour: bool) -> str:
    report, card = rated.report, rated.scorecard
    titles = {m.reference: m.title for m in card.measures}
    units = {m.reference: m.unit for m in card.measures}
    lines = [
        f"{rated.name}: {report.title or 'Report'}, {report.period} "
        f"(tolerance {report.policy.tolerance})",
        "",
        f"{'Ref':<8} {'Measure':<40} {'Value':>9} {'Target':>16} {'Status':<9} "
        f"{'Direction':<15} Why",
    ]
    for a in report:
        unit = units.get(a.measure_ref, "")
        target = str(a.target) if a.target is not None else "-"
        lines.append(
            f"{a.measure_ref:<8} {_shorten(titles.get(a.measure_ref, ''), 40):<40} "
            f"{_figure(a.value, unit):>9} {_shorten(target, 16):>16} {_status(a, colour)} "
            f"{a.direction.value.replace('_', ' '):<15} {a.explanation}"
        )
    counts = ", ".join(
        f"{n} {status.value.replace('_', ' ')}" for status, n in report.counts().items() if n
    )
    lines += ["", f"{len(report)} measures: {counts or 'none rated'}"]
    lines.append(f"Disagreements with the published statuses: {len(rated.disagreements)}")
    lines += [f"  {d.measure_ref}: {d.explanation}" for d in rated.disagreements]
    return "\n".join(lines) + "\n"
