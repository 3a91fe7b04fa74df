"""Notebook display of a roll-up: one row per group, as HTML and as Markdown.

Self-contained, as the report's display is: inline CSS, no script, every piece of text
escaped, and a status never shown by colour alone (each chip has a symbol and a word).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from kpi_scorecard._units import COUNT
from kpi_scorecard.evaluation._text import show_share, show_value

if TYPE_CHECKING:
    from kpi_scorecard.evaluation._rollup_results import GroupRollUp, RollUp

__all__ = ["rollup_html", "rollup_markdown"]

# The report display's colours, symbols and words, kept here so that this display stands
# on its own while that one is reworked.
_CHIPS = {
    "green": ("#1b7f3b", "#ffffff", "✔", "Green"),
    "yellow": ("#f2d21b", "#1a1a1a", "◐", "Yellow"),
    "amber": ("#f0a202", "#1a1a1a", "◆", "Amber"),
    "red": ("#c62828", "#ffffff", "✖", "Red"),
    "not_rated": ("#e0e0e0", "#1a1a1a", "–", "Not rated"),
}
_STYLE = (
    "<style>.kpi-rollup{font-family:system-ui,sans-serif;font-size:13px;color:#1a1a1a}"
    ".kpi-rollup table{border-collapse:collapse;width:100%}"
    ".kpi-rollup caption{text-align:left;font-weight:600;font-size:15px;padding:4px 0}"
    ".kpi-rollup th{background:#24364b;color:#fff;text-align:left;padding:4px 6px}"
    ".kpi-rollup td{border-bottom:1px solid #d9dde3;padding:4px 6px;vertical-align:top}"
    ".kpi-rollup .num{text-align:right;font-variant-numeric:tabular-nums}"
    ".kpi-rollup .chip{display:inline-block;border-radius:10px;padding:1px 8px;"
    "font-weight:600;white-space:nowrap}</style>"
)
_COUNTS = ("green", "yellow", "amber", "red", "not_rated")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _chip(status: str) -> str:
    background, foreground, symbol, word = _CHIPS[status]
    return (
        f'<span class="chip" style="background:{background};color:{foreground}">'
        f"{symbol} {word}</span>"
    )


def _name(group: GroupRollUp, by: str) -> str:
    return group.name or f"(no {by.replace('_', ' ')})"


def _caption(rollup: RollUp) -> str:
    title = f"{rollup.title}: " if rollup.title else ""
    return f"{title}{rollup.period} by {rollup.by.replace('_', ' ')}, {rollup.rule} rule"


def _figures(group: GroupRollUp) -> tuple[str, str]:
    share = "–" if group.share is None else show_share(group.share)
    score = "–" if group.score is None else show_value(group.score, COUNT)
    return share, score


def rollup_html(rollup: RollUp) -> str:
    """The roll-up as an HTML table: group, status chip, counts, share, score and why.

    >>> from kpi_scorecard import RollUp, GroupRollUp
    >>> table = rollup_html(RollUp(period="Q1 2019/20", by="department", rule="worst-of",
    ...                            groups=[GroupRollUp(name="<b>", status="red", red=1)]))
    >>> "&lt;b&gt;" in table and "<b>" not in table and "✖ Red" in table
    True
    """
    head = "".join(
        f"<th>{_e(word)}</th>"
        for word in ("Group", "Status", "Green", "Yellow", "Amber", "Red", "Not rated")
    )
    head += "<th>On target</th><th>Score</th><th>Why</th>"
    rows = []
    for group in rollup.groups:
        counts = "".join(f'<td class="num">{getattr(group, name)}</td>' for name in _COUNTS)
        share, score = _figures(group)
        rows.append(
            f"<tr><td>{_e(_name(group, rollup.by))}</td><td>{_chip(group.status.value)}</td>"
            f'{counts}<td class="num">{_e(share)}</td><td class="num">{_e(score)}</td>'
            f"<td>{_e(group.explanation)}</td></tr>"
        )
    return (
        f'{_STYLE}<div class="kpi-rollup"><table><caption>{_e(_caption(rollup))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes, backticks and markup escaped."""
    flat = " ".join(text.split())
    for char in ("\\", "|", "`", "*", "_", "[", "]", "<", ">"):
        flat = flat.replace(char, "\\" + char)
    return flat


def rollup_markdown(rollup: RollUp) -> str:
    r"""The roll-up as a Markdown table.

    >>> from kpi_scorecard import RollUp, GroupRollUp
    >>> print(rollup_markdown(RollUp(period="Q1 2019/20", by="department", rule="worst-of",
    ...       groups=[GroupRollUp(name="A|B", status="green", green=1)])).splitlines()[4])
    | A\|B | ✔ green | 1 | 0 | 0 | 0 | 0 | – | – |  |
    """  # noqa: RUF002 - the en dash is what the table shows for no figure
    lines = [
        f"**{_cell(_caption(rollup))}**",
        "",
        "| group | status | green | yellow | amber | red | not rated | on target | score | why |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for group in rollup.groups:
        symbol, word = _CHIPS[group.status.value][2], group.status.value.replace("_", " ")
        counts = " | ".join(str(getattr(group, name)) for name in _COUNTS)
        share, score = _figures(group)
        lines.append(
            f"| {_cell(_name(group, rollup.by))} | {symbol} {word} | "
            f"{counts} | {share} | {score} | {_cell(group.explanation)} |"
        )
    return "\n".join(lines) + "\n"
