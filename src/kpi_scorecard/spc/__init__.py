"""Statistical process control: whether a change is real, or the noise of every process.

:func:`xmr` draws an XmR (individuals and moving range) chart of a series of figures, the
way NHS England's "Making Data Count" reads them, and returns an :class:`XmrChart` with its
centre line, process limits, the rules that flagged each point, the variation icon of the
last point and the assurance icon against a target. :func:`svg` draws the chart as
self-contained SVG text.

>>> from decimal import Decimal
>>> from kpi_scorecard.spc import xmr
>>> chart = xmr([Decimal(v) for v in "3 4 3 4 3 4 3 4 3 4 3 4 9".split()],
...             polarity="lower_is_better")
>>> chart.variation.value
'special_cause_concerning'
"""

import typing

from kpi_scorecard import _lazy

if typing.TYPE_CHECKING:
    from ._chart import Assurance, Rule, SpcError, Variation, XmrChart, XmrPoint, XmrSegment
    from ._svg import svg
    from ._xmr import LIMIT_FACTOR, MINIMUM_POINTS, SCREEN_FACTOR, xmr

__all__ = [
    "LIMIT_FACTOR",
    "MINIMUM_POINTS",
    "SCREEN_FACTOR",
    "Assurance",
    "Rule",
    "SpcError",
    "Variation",
    "XmrChart",
    "XmrPoint",
    "XmrSegment",
    "svg",
    "xmr",
]

# Where each public name is defined; imported on first read (see kpi_scorecard._lazy).
_MODULES = {
    "._chart": (
        "Assurance",
        "Rule",
        "SpcError",
        "Variation",
        "XmrChart",
        "XmrPoint",
        "XmrSegment",
    ),
    "._svg": ("svg",),
    "._xmr": ("LIMIT_FACTOR", "MINIMUM_POINTS", "SCREEN_FACTOR", "xmr"),
}

if not typing.TYPE_CHECKING:  # type checkers see the imports above, and no catch-all __getattr__
    __getattr__, __dir__ = _lazy.lazy_exports(
        __name__, {name: module for module, names in _MODULES.items() for name in names}
    )
