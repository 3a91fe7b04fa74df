"""Comparators: how an area's figure stands against England, its region and its neighbours.

Small functions that other systems can call alone:

- :func:`rank`, :func:`quartile` and :func:`band` place a figure among the others of a
  group, by the measure's polarity (competition ranks, 1 best; quartiles 1 to 4; bands
  ``A`` to ``D`` as DfE's LAIT shows them);
- :func:`wilson_interval` and :func:`byar_interval` are the confidence intervals OHID's
  Fingertips uses for proportions and for counts and rates.

And a typed model of comparator data (:class:`ComparatorData` of
:class:`ComparatorFigure`), read from text by :mod:`kpi_scorecard.serializers.comparators`
and from a dataframe by :func:`kpi_scorecard.frames.comparators_from_frame`. Given to
:func:`~kpi_scorecard.evaluation.evaluate` as ``comparators=``, it rates benchmark
targets (``Top quartile``, ``Better than England average``) and gives every assessment
its :class:`GroupComparison` with each group.

>>> from kpi_scorecard.comparators import band, quartile, rank
>>> others = [30, 25, 24, 20, 19, 18, 15]
>>> rank(27, others, polarity="higher_is_better"), quartile(27, others, polarity="lower_is_better")
(2, 4)
"""

import typing

from kpi_scorecard import _lazy

if typing.TYPE_CHECKING:
    from ._compare import GroupComparison, Verdict, compare
    from ._intervals import byar_interval, normal_quantile, wilson_interval
    from ._model import Area, ComparatorData, ComparatorFigure
    from ._ranking import ComparatorError, band, mean, median, quartile, rank

__all__ = [
    "Area",
    "ComparatorData",
    "ComparatorError",
    "ComparatorFigure",
    "GroupComparison",
    "Verdict",
    "band",
    "byar_interval",
    "compare",
    "mean",
    "median",
    "normal_quantile",
    "quartile",
    "rank",
    "wilson_interval",
]

# Where each public name is defined; imported on first read (see kpi_scorecard._lazy).
_MODULES = {
    "._compare": ("GroupComparison", "Verdict", "compare"),
    "._intervals": ("byar_interval", "normal_quantile", "wilson_interval"),
    "._model": ("Area", "ComparatorData", "ComparatorFigure"),
    "._ranking": ("ComparatorError", "band", "mean", "median", "quartile", "rank"),
}

if not typing.TYPE_CHECKING:  # type checkers see the imports above, and no catch-all __getattr__
    __getattr__, __dir__ = _lazy.lazy_exports(
        __name__, {name: module for module, names in _MODULES.items() for name in names}
    )
