"""Trend charts and small multiples as self-contained SVG text.

A chart has the measure's reference and title, a sentence giving the latest figure, its
status and its target, a value axis with a few round figures, and one column per period
with the period's label (``Q1`` over its year). The target is drawn as it is set: a
dashed line for a ceiling or floor, a shaded band for a range, a rising dashed line for a
target profiled through the year; the tolerance is a lighter band on the side a miss lies.
The figures are joined by a line that breaks where a period has none, and each point is a
shape and a colour for its status (circle green, diamond yellow, triangle amber, square
red, hollow circle not rated), named in the legend and in the point's tooltip, so colour is
never the only sign. All text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, Decimal

from kpi_scorecard._errors import KpiScorecardError
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._published import StatusVocabulary
from kpi_scorecard._svg import document, element, extent, linear, number, text_width
from kpi_scorecard._value import Band
from kpi_scorecard.evaluation import RagPolicy

from ._series import STATUS_WORDS, Goal, Point, Series, Source, StatusSource, Timeline, show

__all__ = ["COLOURS", "small_multiples", "trend"]

#: The colour of each status a point can have (each at least 4.5:1 against white), by
#: the status's value (``green``, ``not_rated``), and ``other`` for a published status
#: that names no one colour (a face that means green, yellow or amber).
COLOURS = {
    "green": "#1b7e3c",
    "yellow": "#806600",
    "amber": "#b85300",
    "red": "#c0262d",
    "not_rated": "#666666",
    "other": "#3d5a80",
}
_HOLLOW = frozenset({"not_rated", "other"})
_TARGET, _RANGE, _TOLERANCE, _LINE, _GRID, _INK = (
    "#333333",
    "#d8eedd",
    "#fde3c0",
    "#5b6770",
    "#e4e4e4",
    "#222222",
)
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _marker(key: str, x: float, y: float, size: float) -> str:
    """The path of a point's shape, centred on (x, y)."""
    s = size
    if key in ("green", "not_rated"):
        return (
            f"M{number(x - s)},{number(y)}a{number(s)},{number(s)} 0 1,0 {number(2 * s)},0"
            f"a{number(s)},{number(s)} 0 1,0 {number(-2 * s)},0Z"
        )
    if key in ("yellow", "other"):
        d = s * 1.3
        return (
            f"M{number(x)},{number(y - d)}L{number(x + d)},{number(y)}"
            f"L{number(x)},{number(y + d)}L{number(x - d)},{number(y)}Z"
        )
    if key == "amber":
        d = s * 1.25
        return (
            f"M{number(x)},{number(y - d)}L{number(x + d)},{number(y + d * 0.8)}"
            f"L{number(x - d)},{number(y + d * 0.8)}Z"
        )
    return f"M{number(x - s)},{number(y - s)}h{number(2 * s)}v{number(2 * s)}h{number(-2 * s)}Z"


def _point_shape(
    key: str, x: float, y: float, size: float, title: str | None, role: str = "point"
) -> str:
    """A point's shape and colour, centred on (x, y), with its tooltip."""
    colour = COLOURS[key]
    hollow = key in _HOLLOW
    shape = element(
        "path",
        {
            "d": _marker(key, 0, 0, size),
            "fill": "#ffffff" if hollow else colour,
            "stroke": colour if hollow else "#ffffff",
            "stroke-width": "1.5" if hollow else "1",
        },
    )
    return element(
        "g",
        {"class": f"{role} {key}", "transform": f"translate({number(x)},{number(y)})"},
        title=title,
        children=[shape],
    )


def _nice_ticks(low: float, high: float, count: int) -> list[Decimal]:
    """Round figures (steps of 1, 2 or 5 times a power of ten) across low..high."""
    raw = (high - low) / max(count, 1)
    power = Decimal(10) ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= Decimal(repr(raw)))
    value = (Decimal(repr(low)) / step).to_integral_value(rounding=ROUND_CEILING) * step
    ticks = []
    while value <= Decimal(repr(high)):
        ticks.append(value)
        value += step
    return ticks


def _tick_text(value: Decimal, unit: str) -> str:
    return show(value, "percent" if unit == "percent" else "count")


def _axis_labels(periods: Sequence[Period]) -> list[tuple[str, str | None]]:
    """Each period's label on the axis, and the year written under the first of each year."""
    labels: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for period in periods:
        if period.kind is PeriodKind.FINANCIAL_QUARTER:
            short, group = f"Q{period.quarter_number}", period.in_financial_year().label
        elif period.kind is PeriodKind.MONTH:
            short, group = _MONTHS[period.start.month - 1], str(period.start.year)
        else:
            short, group = period.label, None
        labels.append((short, group if group is not None and group not in seen else None))
        if group is not None:
            seen.add(group)
    return labels


def _wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` pixels, cut with an ellipsis.

    >>> _wrap("Percentage of repeat referrals", 120, 10, 2)
    ['Percentage of repeat', 'referrals']
    >>> _wrap("Percentage of repeat referrals", 120, 10, 1)
    ['Percentage of…']
    """
    fit = max(int(width / text_width("x", size)), 4)
    words = text.split()
    out: list[str] = []
    current = ""
    for at, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if len(trial) <= fit:
            current = trial
            continue
        if len(out) == lines - 1:  # the last line: what is left, cut to fit
            cut = " ".join([current, *words[at:]]).strip()[: fit - 1]
            if " " in cut[fit // 2 :]:  # end at a word when that keeps most of the line
                cut = cut[: cut.rfind(" ")]
            current = cut.rstrip() + "…"
            break
        if current:
            out.append(current)
        current = word
    if current:
        out.append(current if len(current) <= fit else current[: fit - 1] + "…")
    return out


def _text(x: float, y: float, content: str, size: float, **extra: str | float | None) -> str:
    attributes: dict[str, str | float | None] = {"x": x, "y": y, "font-size": size}
    attributes.update({name.replace("_", "-"): value for name, value in extra.items()})
    attributes.setdefault("fill", _INK)
    return element("text", attributes, text=content)


def _runs(points: Sequence[Point]) -> list[tuple[int, int, Goal]]:
    """Runs of consecutive points with the same goal: first index, last index, goal."""
    runs: list[tuple[int, int, Goal]] = []
    for at, point in enumerate(points):
        goal = point.goal
        if goal is None:
            continue
        if runs and runs[-1][1] == at - 1 and runs[-1][2] == goal:
            runs[-1] = (runs[-1][0], at, goal)
        else:
            runs.append((at, at, goal))
    return runs


class _Frame:
    """Where a chart's plot sits, and the scales onto it."""

    def __init__(
        self, series: Series, left: float, top: float, width: float, height: float
    ) -> None:
        figures: list[float] = []
        for point in series.points:
            if isinstance(point.figure, Band):
                figures += [float(point.figure.low), float(point.figure.high)]
            elif point.figure is not None:
                figures.append(float(point.figure))
            if point.goal is not None:
                figures += [float(edge) for edge in point.goal.edges]
        low, high = extent(figures)
        pad = (high - low) * 0.08
        low, high = low - pad, high + pad
        if low < 0 <= min(figures, default=0):
            low = 0.0  # figures that cannot be negative keep the axis at zero
        self.ticks = _nice_ticks(low, high, 5)
        self.low = min(low, float(self.ticks[0]))
        self.high = max(high, float(self.ticks[-1]))
        self.left, self.top, self.width, self.height = left, top, width, height
        self.count = max(len(series.points), 1)
        self.step = width / self.count
        self.y = linear(self.low, self.high, top + height, top)

    def x(self, index: float) -> float:
        return self.left + self.step * (index + 0.5)

    def edge(self, index: float) -> float:
        """The left side of a period's column."""
        return self.left + self.step * index


def _goal_parts(series: Series, frame: _Frame) -> list[str]:
    """Tolerance bands, range bands and target lines."""
    parts: list[str] = []
    y = frame.y
    for first, last, goal in _runs(series.points):
        left, right = frame.edge(first), frame.edge(last + 1)
        for start, end in goal.bands:
            parts.append(
                _band(
                    "tolerance",
                    left,
                    right,
                    y(float(end)),
                    y(float(start)),
                    _TOLERANCE,
                    f"tolerance: {_show_band(start, end, series)}",
                )
            )
        if goal.kind == "within":
            parts.append(
                _band(
                    "target-range",
                    left,
                    right,
                    y(float(goal.high)),
                    y(float(goal.low)),
                    _RANGE,
                    f"target range: {goal.text}",
                )
            )
        edges = (goal.low, goal.high) if goal.kind == "within" else (goal.low,)
        parts.extend(
            element(
                "line",
                {
                    "class": "target",
                    "x1": left,
                    "x2": right,
                    "y1": y(float(value)),
                    "y2": y(float(value)),
                    "stroke": _TARGET,
                    "stroke-width": "1.5",
                    "stroke-dasharray": "6 3",
                },
                title=f"target: {goal.text}",
            )
            for value in edges
        )
    return parts


def _show_band(start: Decimal, end: Decimal, series: Series) -> str:
    """A tolerance zone in words: ``18% to 18.54%``."""
    unit = series.measure.unit
    return f"{show(start, unit)} to {show(end, unit)}"


def _band(
    kind: str, left: float, right: float, top: float, bottom: float, fill: str, title: str
) -> str:
    return element(
        "rect",
        {
            "class": kind,
            "x": left,
            "y": top,
            "width": right - left,
            "height": max(bottom - top, 0.5),
            "fill": fill,
        },
        title=title,
    )


def _line_parts(series: Series, frame: _Frame, size: float) -> list[str]:
    """The line through the figures, broken at gaps; the points; the gap marks."""
    parts: list[str] = []
    run: list[str] = []
    runs: list[list[str]] = []
    for at, point in enumerate(series.points):
        position = point.position
        if position is None or (series.cumulative and at and _new_year(series.points, at)):
            if run:
                runs.append(run)
            run = []
        if position is None:
            continue
        run.append(f"{number(frame.x(at))},{number(frame.y(float(position)))}")
    if run:
        runs.append(run)
    parts += [
        element(
            "polyline",
            {
                "class": "trend",
                "points": " ".join(each),
                "fill": "none",
                "stroke": _LINE,
                "stroke-width": "2",
                "stroke-linejoin": "round",
            },
        )
        for each in runs
        if len(each) > 1
    ]
    bottom = frame.top + frame.height
    for at, point in enumerate(series.points):
        x = frame.x(at)
        if point.figure is None:
            d = size * 0.8
            parts.append(
                element(
                    "path",
                    {
                        "class": "gap",
                        "d": _cross(x, bottom - 4, d),
                        "stroke": COLOURS["not_rated"],
                        "stroke-width": "1.5",
                    },
                    title=point.detail,
                )
            )
            continue
        if isinstance(point.figure, Band):
            parts.append(
                element(
                    "line",
                    {
                        "class": "value-band",
                        "x1": x,
                        "x2": x,
                        "y1": frame.y(float(point.figure.low)),
                        "y2": frame.y(float(point.figure.high)),
                        "stroke": COLOURS[point.status],
                        "stroke-width": "3",
                    },
                )
            )
        assert point.position is not None  # noqa: S101 - a figure has a position
        parts.append(
            _point_shape(point.status, x, frame.y(float(point.position)), size, point.detail)
        )
    return parts


def _cross(x: float, y: float, d: float) -> str:
    """The path of an x centred on (x, y), ``d`` from the centre to each side."""
    two = number(2 * d)
    return f"M{number(x - d)},{number(y - d)}l{two},{two}m0,-{two}l-{two},{two}"


def _new_year(points: Sequence[Point], at: int) -> bool:
    """Whether a point starts a new year, where a running total starts again."""
    try:
        return points[at].period.in_financial_year() != points[at - 1].period.in_financial_year()
    except (KpiScorecardError, ValueError):  # a kind that is in no financial year
        return False


def _axes(series: Series, frame: _Frame, size: float) -> list[str]:
    """Grid lines and figures up the side; period labels along the bottom."""
    parts: list[str] = []
    unit = series.measure.unit
    right = frame.left + frame.width
    for tick in frame.ticks:
        y = frame.y(float(tick))
        parts.append(
            element(
                "line",
                {
                    "class": "grid",
                    "x1": frame.left,
                    "x2": right,
                    "y1": y,
                    "y2": y,
                    "stroke": _GRID,
                    "stroke-width": "1",
                },
            )
        )
        parts.append(
            _text(
                frame.left - 6,
                y + size * 0.35,
                _tick_text(tick, unit),
                size,
                text_anchor="end",
                **{"class": "tick"},
            )
        )
    bottom = frame.top + frame.height
    parts.append(
        element(
            "line",
            {
                "class": "axis",
                "x1": frame.left,
                "x2": right,
                "y1": bottom,
                "y2": bottom,
                "stroke": "#999999",
                "stroke-width": "1",
            },
        )
    )
    labels = _axis_labels([point.period for point in series.points])
    widest = max((text_width(short, size) for short, _ in labels), default=0)
    every = max(1, math.ceil((widest + 6) / frame.step))
    last_group_end = -math.inf
    for at, (short, group) in enumerate(labels):
        x = frame.x(at)
        if at % every == 0:
            parts.append(
                _text(
                    x, bottom + size + 4, short, size, text_anchor="middle", **{"class": "period"}
                )
            )
        if group is not None:
            left = max(frame.edge(at) + 2, last_group_end + 6)
            if left + text_width(group, size) <= right + 2:
                parts.append(
                    _text(
                        left,
                        bottom + 2 * size + 8,
                        group,
                        size,
                        fill="#555555",
                        **{"class": "year"},
                    )
                )
                last_group_end = left + text_width(group, size)
    return parts


def _legend_items(keys: Iterable[str], *, target: bool, band: bool) -> list[tuple[str, str]]:
    items = [(key, STATUS_WORDS[key]) for key in STATUS_WORDS if key in set(keys)]
    if target:
        items.append(("target", "Target"))
    if band:
        items.append(("tolerance", "Tolerance"))
    return items


def _legend(
    items: Sequence[tuple[str, str]], x: float, y: float, size: float, width: float
) -> list[str]:
    """Shapes and words in a row (wrapping at ``width``): what each colour and shape means."""
    parts: list[str] = []
    left, top = x, y
    for key, word in items:
        room = size * 1.6 + text_width(word, size) + size * 1.4
        if left + room > x + width and left > x:
            left, top = x, top + size * 1.7
        if key == "target":
            parts.append(
                element(
                    "line",
                    {
                        "x1": left,
                        "x2": left + size * 1.3,
                        "y1": top,
                        "y2": top,
                        "stroke": _TARGET,
                        "stroke-width": "1.5",
                        "stroke-dasharray": "4 2",
                    },
                )
            )
        elif key == "tolerance":
            parts.append(
                element(
                    "rect",
                    {
                        "x": left,
                        "y": top - size * 0.45,
                        "width": size * 1.3,
                        "height": size * 0.9,
                        "fill": _TOLERANCE,
                    },
                )
            )
        else:
            parts.append(_point_shape(key, left + size * 0.6, top, size * 0.42, None, "key"))
        parts.append(_text(left + size * 1.6, top + size * 0.35, word, size, **{"class": "legend"}))
        left += room
    return parts


def _chart(
    series: Series, x: float, y: float, width: float, height: float, *, small: bool
) -> list[str]:
    """Every element of one chart, placed in the box (x, y, width, height)."""
    title_size, text_size = (11.5, 9.5) if small else (14.0, 11.0)
    parts: list[str] = []
    lines = _wrap(series.label, width - 8, title_size * 1.08, 2)
    for at, line in enumerate(lines):
        parts.append(
            _text(
                x + 4,
                y + title_size + at * (title_size + 3),
                line,
                title_size,
                font_weight="600",
                **{"class": "title"},
            )
        )
    top = y + len(lines) * (title_size + 3) + 2
    summary = series.summary()
    for at, line in enumerate(_wrap(summary, width - 8, text_size, 1)):
        parts.append(
            _text(
                x + 4,
                top + text_size + at * (text_size + 2),
                line,
                text_size,
                fill="#444444",
                **{"class": "summary"},
            )
        )
    top += text_size + 10
    if not series.points:
        return parts
    unit = series.measure.unit
    frame = _Frame(series, x, top, width, 10)
    ticks_width = max(text_width(_tick_text(t, unit), text_size) for t in frame.ticks)
    left = x + ticks_width + 14
    legend_height = 0 if small else text_size * 2.2
    bottom_room = 2 * text_size + 14 + legend_height
    frame = _Frame(series, left, top, x + width - left - 6, y + height - top - bottom_room)
    parts += _axes(series, frame, text_size)
    parts += _goal_parts(series, frame)
    parts += _line_parts(series, frame, 3.6 if small else 4.5)
    if not small:
        keys = [p.status for p in series.points if p.figure is not None]
        goals = [p.goal for p in series.points if p.goal is not None]
        items = _legend_items(keys, target=bool(goals), band=any(g.bands for g in goals))
        parts += _legend(items, left, y + height - text_size * 0.8, text_size, width - left + x)
    return parts


def trend(  # noqa: PLR0913 - where to draw from, which measure, and how to draw it
    source: Source,
    measure: str,
    *,
    policy: RagPolicy | None = None,
    period: Period | None = None,
    status: StatusSource = "computed",
    vocabulary: StatusVocabulary | None = None,
    width: int = 560,
    height: int = 300,
) -> str:
    r"""Draw one measure's trend against its target as SVG text.

    ``source`` is a :class:`~kpi_scorecard.Report` (drawn from its scorecard, up to its
    period, with its policy) or a :class:`~kpi_scorecard.Scorecard` (up to its latest
    period, or ``period``, rated with ``policy``). ``status="published"`` colours each
    point by the status the council published (read with ``vocabulary``, the default words
    if None) instead of the one the library computed.

    >>> from kpi_scorecard.serializers import table
    >>> card = table.loads(
    ...     "Ref\tMeasure\tQ3 2018/19\tQ4 2018/19\tQ1 2019/20\tTarget 2019/20\n"
    ...     "A1\tRepeat <referrals>\t21%\t\t17%\t<18%\n",
    ...     measures={"A1": {"polarity": "lower_is_better"}},
    ... )
    >>> drawing = trend(card, "A1")
    >>> drawing.startswith("<svg"), "Repeat &lt;referrals&gt;" in drawing
    (True, True)
    >>> drawing.count('class="point '), drawing.count('class="gap"')
    (2, 1)
    """
    series = Timeline(source, policy, period).series(measure, status, vocabulary)
    body = _chart(series, 0, 0, width, height, small=False)
    return document(width, height, series.label, series.summary(), _grouped(body))


def small_multiples(  # noqa: PLR0913 - where to draw from, and how to lay the page out
    source: Source,
    *,
    policy: RagPolicy | None = None,
    period: Period | None = None,
    status: StatusSource = "computed",
    vocabulary: StatusVocabulary | None = None,
    columns: int = 3,
    cell_width: int = 320,
    cell_height: int = 200,
) -> str:
    r"""Draw every measure's trend, one small chart each, on one page of SVG text.

    The charts share one legend at the top; each has its own value axis. ``source``,
    ``policy``, ``period``, ``status`` and ``vocabulary`` are as for :func:`trend`.

    >>> from kpi_scorecard.serializers import table
    >>> card = table.loads(
    ...     "Ref\tMeasure\tQ4 2018/19\tQ1 2019/20\nA1\tReferrals\t5\t6\nA2\tVisits\t7\t\n"
    ... )
    >>> page = small_multiples(card, columns=2)
    >>> page.count('class="chart"'), page.count('class="point ')
    (2, 3)
    """
    if columns < 1:
        msg = f"columns is 1 or more, not {columns}"
        raise ValueError(msg)
    timeline = Timeline(source, policy, period)
    all_series = [timeline.series(m.reference, status, vocabulary) for m in timeline.card.measures]
    gap = 12
    width = columns * cell_width + (columns + 1) * gap
    title = timeline.card.title or "Scorecard"
    heading = f"{title}: {timeline.rated}" if timeline.rated is not None else title
    keys = {p.status for s in all_series for p in s.points if p.figure is not None}
    goals = [p.goal for s in all_series for p in s.points if p.goal is not None]
    items = _legend_items(keys, target=bool(goals), band=any(g.bands for g in goals))
    parts = [_text(gap, 24, heading, 16, font_weight="600", **{"class": "heading"})]
    legend = _legend(items, gap, 46, 11, width - 2 * gap)
    parts += legend
    rows_top = 46 + 11 * 1.7 * _legend_rows(legend) + 8
    for at, series in enumerate(all_series):
        row, column = divmod(at, columns)
        x = gap + column * (cell_width + gap)
        y = rows_top + row * (cell_height + gap)
        inner = _chart(series, 0, 0, cell_width, cell_height, small=True)
        frame = element(
            "rect",
            {
                "width": cell_width,
                "height": cell_height,
                "fill": "#ffffff",
                "stroke": "#dddddd",
                "rx": "4",
            },
        )
        parts.append(
            element(
                "g",
                {
                    "class": "chart",
                    "transform": f"translate({number(x)},{number(y)})",
                    "role": "img",
                    "aria-label": series.summary(),
                },
                title=series.label,
                children=[frame, *inner],
            )
        )
    rows = math.ceil(len(all_series) / columns) if all_series else 0
    height = math.ceil(rows_top + rows * (cell_height + gap))
    description = f"{len(all_series)} measures, each against its target"
    return document(width, height, heading, description, _grouped(parts))


def _grouped(parts: Sequence[str]) -> list[str]:
    """The parts in one group that sets the font."""
    return [element("g", {"font-family": _FONT}, children=["\n", *(p + "\n" for p in parts)])]


def _legend_rows(parts: Sequence[str]) -> int:
    """How many rows a legend took: one more than the times it wrapped."""
    tops = {part.split(' y="', 1)[1].split('"', 1)[0] for part in parts if part.startswith("<text")}
    return max(len(tops), 1)
