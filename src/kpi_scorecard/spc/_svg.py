"""An XmR chart as self-contained SVG text: no script, no stylesheet, no dependency.

The drawing follows Making Data Count's colours: grey points for common cause, blue for
special cause improvement, orange for concern, purple for a neutral measure's special
cause; a black centre line, grey dashed process limits, and the target in red. Each
segment has its own lines. Every piece of text is escaped, so a title or a period label
can hold any character.
"""

from __future__ import annotations

from decimal import Decimal

from kpi_scorecard._svg import document, element, extent, linear

from ._chart import Variation, XmrChart, show

__all__ = ["COLOURS", "svg"]

#: The colour of each verdict on a point.
COLOURS = {
    None: "#a6a6a6",
    Variation.COMMON_CAUSE: "#a6a6a6",
    Variation.SPECIAL_CAUSE_IMPROVING: "#00b0f0",
    Variation.SPECIAL_CAUSE_CONCERNING: "#e46c0a",
    Variation.SPECIAL_CAUSE_HIGH: "#490092",
    Variation.SPECIAL_CAUSE_LOW: "#490092",
}
_MEAN, _LIMIT, _TARGET, _LINE = "#000000", "#a6a6a6", "#de1b1b", "#a6a6a6"
_MARGIN = 40


def svg(chart: XmrChart, *, width: int = 640, height: int = 320, title: str = "") -> str:
    """Draw ``chart`` as SVG text, ``width`` by ``height`` pixels.

    >>> from decimal import Decimal
    >>> from kpi_scorecard.spc import xmr
    >>> chart = xmr([Decimal(v) for v in "5 6 5 6 5 6 5 6 5 6 5 6 5".split()],
    ...             polarity="neutral")
    >>> text = svg(chart, title="Calls <answered>")
    >>> text.startswith("<svg"), "Calls &lt;answered&gt;" in text, text.count("<circle")
    (True, True, 13)
    """
    figures: list[Decimal] = list(chart.values)
    for segment in chart.segments:
        figures.extend(
            line for line in (segment.lower_limit, segment.upper_limit) if line is not None
        )
    target = chart.target
    if isinstance(target, tuple):
        figures.extend(target)
    elif target is not None:
        figures.append(target)
    low, high = extent(float(figure) for figure in figures)
    count = max(len(chart.values), 2)
    across = linear(0, count - 1, _MARGIN, width - _MARGIN)
    up = linear(low, high, height - _MARGIN, _MARGIN)

    def x(index: float) -> float:
        return across(index)

    def y(value: Decimal) -> float:
        return up(float(value))

    parts: list[str] = []
    for segment in chart.segments:
        left, right = x(segment.start), x(segment.stop - 1)
        lines = (
            ("mean", segment.mean, _MEAN, None),
            ("lower-limit", segment.lower_limit, _LIMIT, "4 3"),
            ("upper-limit", segment.upper_limit, _LIMIT, "4 3"),
        )
        for kind, value, colour, dash in lines:
            if value is None:
                continue
            parts.append(
                element(
                    "line",
                    {
                        "class": kind,
                        "x1": left,
                        "x2": right,
                        "y1": y(value),
                        "y2": y(value),
                        "stroke": colour,
                        "stroke-width": "1.5",
                        "stroke-dasharray": dash,
                    },
                    title=f"{kind.replace('-', ' ')}: {show(value)}",
                )
            )
    targets = target if isinstance(target, tuple) else (target,) if target is not None else ()
    parts.extend(
        element(
            "line",
            {
                "class": "target",
                "x1": x(0),
                "x2": x(count - 1),
                "y1": y(value),
                "y2": y(value),
                "stroke": _TARGET,
                "stroke-width": "1.5",
                "stroke-dasharray": "8 4",
            },
            title=f"target: {show(value)}",
        )
        for value in targets
    )
    for segment in chart.segments:
        path = " ".join(
            f"{x(i):.1f},{y(chart.values[i]):.1f}" for i in range(segment.start, segment.stop)
        )
        parts.append(
            element(
                "polyline",
                {
                    "class": "process",
                    "points": path,
                    "fill": "none",
                    "stroke": _LINE,
                    "stroke-width": "1.5",
                },
            )
        )
    for point in chart.points:
        where = str(point.period) if point.period is not None else f"point {point.index + 1}"
        verdict = point.variation.value if point.variation is not None else "not_judged"
        parts.append(
            element(
                "circle",
                {
                    "class": f"point {verdict}",
                    "cx": x(point.index),
                    "cy": y(point.value),
                    "r": "4",
                    "fill": COLOURS[point.variation],
                },
                title=f"{where}: {show(point.value)}",
            )
        )
    label = title or "XmR chart"
    description = f"{chart.explanation} {chart.assurance_explanation}"
    return document(width, height, label, description, parts)
