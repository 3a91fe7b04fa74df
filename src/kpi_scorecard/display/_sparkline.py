"""A measure's trend as a small inline SVG line, with its target drawn in."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kpi_scorecard._target import RangeTarget, Target, ThresholdTarget

__all__ = ["sparkline_svg"]

WIDTH, HEIGHT, PAD = 76, 22, 3


def _target_lines(target: Target | None) -> tuple[Decimal | None, Decimal | None]:
    if isinstance(target, ThresholdTarget):
        return target.value, None
    if isinstance(target, RangeTarget):
        return target.low, target.high
    return None, None


def sparkline_svg(values: Sequence[Decimal | None], target: Target | None = None) -> str:
    """An inline SVG line of a measure's period values, with its target drawn in.

    A threshold is a dashed line; a range is a shaded band. Missing periods break the line.
    Colours come from the stylesheet (the line is the text's colour), so the line shows in
    a dark theme too.

    >>> svg = sparkline_svg([Decimal(19), Decimal(17)], Target.parse("<18%"))
    >>> svg.startswith("<svg") and 'class="kpi-limit"' in svg
    True
    """
    low_line, high_line = _target_lines(target)
    known = [value for value in values if value is not None]
    head = f'<svg class="kpi-spark" width="{WIDTH}" height="{HEIGHT}" role="img"'
    if not known:
        return f'{head} aria-label="no values"></svg>'
    scale_values = known + [v for v in (low_line, high_line) if v is not None]
    bottom, top = min(scale_values), max(scale_values)
    span = top - bottom or Decimal(1)
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y(value: Decimal) -> float:
        return float(HEIGHT - PAD - (value - bottom) / span * (HEIGHT - 2 * PAD))

    parts = [f'{head} viewBox="0 0 {WIDTH} {HEIGHT}" aria-label="trend of {len(known)} values">']
    if low_line is not None and high_line is not None:
        top_y, bottom_y = y(high_line), y(low_line)
        parts.append(
            f'<rect class="kpi-band" x="0" y="{top_y:.1f}" width="{WIDTH}" '
            f'height="{max(bottom_y - top_y, 1):.1f}"/>'
        )
    elif low_line is not None:
        parts.append(
            f'<line class="kpi-limit" x1="0" x2="{WIDTH}" y1="{y(low_line):.1f}" '
            f'y2="{y(low_line):.1f}"/>'
        )
    runs: list[list[str]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
            continue
        runs[-1].append(f"{PAD + index * step:.1f},{y(value):.1f}")
    parts.extend(
        f'<polyline class="kpi-line" points="{" ".join(run)}"/>' for run in runs if len(run) > 1
    )
    last, latest = [(i, v) for i, v in enumerate(values) if v is not None][-1]
    parts.append(
        f'<circle class="kpi-dot" cx="{PAD + last * step:.1f}" cy="{y(latest):.1f}" r="2.2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
