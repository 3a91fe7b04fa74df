r"""Charts: a measure's trend against its target, and a page of them, as SVG text.

:func:`trend` draws one measure over the periods of one kind up to the period rated: its
target (a line, a range band, or a target profiled through the year), the tolerance band,
period labels along the axis, gaps where a period has no figure, and each point's status
as a colour, a shape and a word. :func:`small_multiples` draws every measure of a report
or scorecard on one page. Both return self-contained SVG text (no script, no stylesheet,
no dependency) with every piece of text escaped, to save as a ``.svg`` file or put in a
page.

>>> from kpi_scorecard import evaluate
>>> from kpi_scorecard.charts import trend
>>> from kpi_scorecard.serializers import table
>>> card = table.loads("Ref\tMeasure\tQ1 2019/20\tTarget 2019/20\nA1\tVisits\t90%\t85%\n",
...                    measures={"A1": {"polarity": "higher_is_better"}})
>>> trend(evaluate(card, "Q1 2019/20"), "A1").count('class="point green"')
1
"""

import typing

from kpi_scorecard import _lazy

if typing.TYPE_CHECKING:
    from ._draw import COLOURS, small_multiples, trend

__all__ = ["COLOURS", "small_multiples", "trend"]

# Where each public name is defined; imported on first read (see kpi_scorecard._lazy).
_MODULES = {"._draw": ("COLOURS", "small_multiples", "trend")}

if not typing.TYPE_CHECKING:  # type checkers see the imports above, and no catch-all __getattr__
    __getattr__, __dir__ = _lazy.lazy_exports(
        __name__, {name: module for module, names in _MODULES.items() for name in names}
    )
