"""The display's look: status and direction marks, and one scoped stylesheet.

Hosts style tables too: JupyterLab right-aligns every cell and fixes the table layout
(``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td``, two classes and an element).
Every rule here names the card, the table and the cell's own class (three classes or
more), so it wins wherever it is shown. Colours come from the host's theme variables where
the host sets them (JupyterLab's ``--jp-*``, VS Code's ``--vscode-*``), with light
fallbacks for a plain page; the green and red that mark better and worse have a dark-theme
pair, chosen for a contrast of at least 4.5:1 on the theme's rows.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["DIRECTIONS", "STATUSES", "STYLE", "Mark"]


class Mark(NamedTuple):
    """How a status or a direction is shown: a symbol, a word and a CSS class."""

    symbol: str
    word: str
    css: str


#: Each chip's colours are fixed (text on its own background, at least 4.5:1), in the
#: stylesheet under the class; a status never relies on colour alone.
STATUSES = {
    "green": Mark("✔", "Green", "kpi-green"),
    "yellow": Mark("◐", "Yellow", "kpi-yellow"),
    "amber": Mark("◆", "Amber", "kpi-amber"),
    "red": Mark("✖", "Red", "kpi-red"),
    "not_rated": Mark("–", "Not rated", "kpi-none"),
}
#: Arrows mean better or worse, not up or down.
DIRECTIONS = {
    "improving": Mark("⬆", "Improving", "kpi-better"),
    "worsening": Mark("⬇", "Worsening", "kpi-worse"),
    "increasing": Mark("↗", "Increasing", "kpi-level"),
    "decreasing": Mark("↘", "Decreasing", "kpi-level"),
    "no_change": Mark("→", "No change", "kpi-level"),
    "not_comparable": Mark("·", "Not comparable", "kpi-level"),
}

# The selectors of a dark host: JupyterLab's body attribute, VS Code's body classes.
_DARK = (
    '[data-jp-theme-light="false"] .kpi-card,body.vscode-dark .kpi-card,'
    "body.vscode-high-contrast:not(.vscode-high-contrast-light) .kpi-card"
)
_C = ".kpi-card .kpi-table"  # the prefix of every table rule

STYLE = f"""<style>
.kpi-card{{
--kpi-fg:var(--jp-ui-font-color1,var(--vscode-editor-foreground,#1a1a1a));
--kpi-bg:var(--jp-layout-color0,var(--vscode-editor-background,#ffffff));
--kpi-stripe:var(--jp-rendermime-table-row-background,
color-mix(in srgb,var(--kpi-fg) 5%,var(--kpi-bg)));
--kpi-rule:var(--jp-border-color2,color-mix(in srgb,var(--kpi-fg) 22%,var(--kpi-bg)));
--kpi-head-bg:#24364b;--kpi-head-fg:#ffffff;
--kpi-good:#17692f;--kpi-bad:#b71c1c;--kpi-band:#1b7f3b;--kpi-band-opacity:0.22;
font-family:var(--jp-ui-font-family,system-ui,-apple-system,'Segoe UI',sans-serif);
font-size:13px;line-height:1.35;color:var(--kpi-fg);background:var(--kpi-bg);
text-align:left}}
{_DARK}{{--kpi-good:#6fdc8c;--kpi-bad:#ff9e97;--kpi-band:#6fdc8c;--kpi-band-opacity:0.35;--kpi-head-bg:#2c4a6e}}
.kpi-card .kpi-caption{{font-weight:600;font-size:15px;padding:4px 0 6px;color:var(--kpi-fg)}}
{_C}{{border-collapse:collapse;border:none;width:100%;table-layout:auto;margin:0;
color:var(--kpi-fg);background:var(--kpi-bg);font-size:13px}}
{_C} > thead > tr > th{{background:var(--kpi-head-bg);color:var(--kpi-head-fg);
padding:5px 6px;font-weight:600;vertical-align:bottom;white-space:nowrap;border:none}}
{_C} > tbody > tr > td{{color:var(--kpi-fg);background:var(--kpi-bg);padding:5px 6px;
vertical-align:top;border:none;border-bottom:1px solid var(--kpi-rule);line-height:1.35;
white-space:normal;max-width:none}}
{_C} > tbody > tr:nth-child(even) > td{{background:var(--kpi-stripe)}}
{_C} > thead > tr > th.kpi-text,{_C} > tbody > tr > td.kpi-text{{text-align:left}}
{_C} > thead > tr > th.kpi-num,{_C} > tbody > tr > td.kpi-num{{text-align:right;
font-variant-numeric:tabular-nums}}
{_C} > tbody > tr > td.kpi-ref{{white-space:nowrap}}
{_C} > tbody > tr > td.kpi-title{{min-width:9em;max-width:24em}}
{_C} > tbody > tr > td.kpi-why{{min-width:13em}}
{_C} > tbody > tr > td.kpi-note{{font-style:italic}}
.kpi-card .kpi-sub{{font-size:12px}}
.kpi-card .kpi-chip{{display:inline-block;border-radius:10px;padding:1px 8px;font-weight:600;
white-space:nowrap;line-height:1.4}}
.kpi-card .kpi-chip.kpi-green{{background:#1b7f3b;color:#ffffff}}
.kpi-card .kpi-chip.kpi-yellow{{background:#f2d21b;color:#1a1a1a}}
.kpi-card .kpi-chip.kpi-amber{{background:#f0a202;color:#1a1a1a}}
.kpi-card .kpi-chip.kpi-red{{background:#c62828;color:#ffffff}}
.kpi-card .kpi-chip.kpi-none{{background:#e0e0e0;color:#1a1a1a}}
.kpi-card .kpi-dir{{white-space:nowrap;font-weight:600}}
.kpi-card .kpi-dir.kpi-better{{color:var(--kpi-good)}}
.kpi-card .kpi-dir.kpi-worse{{color:var(--kpi-bad)}}
.kpi-card .kpi-dir.kpi-level{{color:var(--kpi-fg)}}
.kpi-card svg.kpi-spark{{display:block;width:76px;height:22px;max-width:none;overflow:visible}}
.kpi-card svg.kpi-spark .kpi-line{{fill:none;stroke:currentColor;stroke-width:1.5}}
.kpi-card svg.kpi-spark .kpi-dot{{fill:currentColor}}
.kpi-card svg.kpi-spark .kpi-band{{fill:var(--kpi-band);fill-opacity:var(--kpi-band-opacity)}}
.kpi-card svg.kpi-spark .kpi-limit{{stroke:var(--kpi-bad);stroke-width:1;
stroke-dasharray:3,2}}
.kpi-card .kpi-summary{{padding:4px 0}}
.kpi-card .kpi-summary p{{margin:4px 0;text-align:left}}
</style>"""
