"""Evaluation: rate a scorecard for a period, the way a council's performance team would.

Pure functions over the model: :func:`evaluate` takes a :class:`~kpi_scorecard.Scorecard`,
a period and a :class:`RagPolicy`, and returns a :class:`Report` of one
:class:`Assessment` per measure, each with its RAG status, direction of travel, year to
date, forecast and the sentences that explain them. Nothing reads the clock, files or the
environment, and the inputs are never changed. :func:`evaluate_all` rates every period
at once and returns a report per period. :func:`roll_up` rolls a report's measures up
into groups (by a field of the measures or a declared :class:`Hierarchy`) by a rule, and
returns a :class:`RollUp`.
"""

import typing

from kpi_scorecard import _lazy

if typing.TYPE_CHECKING:
    from ._engine import assess, evaluate, evaluate_all
    from ._policy import Comparison, RagPolicy, StatusRule, StatusRules, Tolerance
    from ._results import Assessment, Direction, Disagreement, Rag, Report
    from ._rollup import roll_up
    from ._rollup_groups import GroupDeclaration, Hierarchy
    from ._rollup_results import GroupRollUp, RolledChild, RollUp
    from ._rollup_rules import (
        CustomRule,
        ShareOnTarget,
        StatusCounts,
        WeightedScore,
        WeightSetting,
        WorstOf,
    )
    from ._ytd import YearToDate, periods_to_date, year_to_date

__all__ = [
    "Assessment",
    "Comparison",
    "CustomRule",
    "Direction",
    "Disagreement",
    "GroupDeclaration",
    "GroupRollUp",
    "Hierarchy",
    "Rag",
    "RagPolicy",
    "Report",
    "RollUp",
    "RolledChild",
    "ShareOnTarget",
    "StatusCounts",
    "StatusRule",
    "StatusRules",
    "Tolerance",
    "WeightSetting",
    "WeightedScore",
    "WorstOf",
    "YearToDate",
    "assess",
    "evaluate",
    "evaluate_all",
    "periods_to_date",
    "roll_up",
    "year_to_date",
]

# Where each public name is defined; imported on first read (see kpi_scorecard._lazy).
_MODULES = {
    "._engine": ("assess", "evaluate", "evaluate_all"),
    "._policy": ("Comparison", "RagPolicy", "StatusRule", "StatusRules", "Tolerance"),
    "._results": ("Assessment", "Direction", "Disagreement", "Rag", "Report"),
    "._rollup": ("roll_up",),
    "._rollup_groups": ("GroupDeclaration", "Hierarchy"),
    "._rollup_results": ("GroupRollUp", "RollUp", "RolledChild"),
    "._rollup_rules": (
        "CustomRule",
        "ShareOnTarget",
        "StatusCounts",
        "WeightSetting",
        "WeightedScore",
        "WorstOf",
    ),
    "._ytd": ("YearToDate", "periods_to_date", "year_to_date"),
}

if not typing.TYPE_CHECKING:  # type checkers see the imports above, and no catch-all __getattr__
    __getattr__, __dir__ = _lazy.lazy_exports(
        __name__, {name: module for module, names in _MODULES.items() for name in names}
    )
