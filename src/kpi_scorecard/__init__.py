"""kpi_scorecard: typed models, RAG evaluation and serializers for performance scorecards.

Read a scorecard from the notation councils write, rate it the way a performance team
would, and exchange it as JSON, CSV or the council's own table layout. The library does no
I/O of its own: it takes text or objects and returns text or objects.

>>> from kpi_scorecard import Period, Target
>>> str(Period.parse("Quarter 1 2019/20")), str(Target.parse("1,700 to 2,000"))
('Q1 2019/20', '1700-2000')
"""

import importlib
import typing

from . import _lazy, _views

if typing.TYPE_CHECKING:
    from ._calendar import DEFAULT_CALENDAR, Calendar, Term
    from ._errors import (
        ERROR_CODES,
        AveragedPercentageWarning,
        CalendarError,
        ErrorCode,
        KpiScorecardError,
        KpiScorecardWarning,
        MissingExtraError,
        ParseError,
        PeriodParseError,
        ScorecardError,
        TableError,
        TargetParseError,
        UnitError,
        ValueParseError,
    )
    from ._measure import Aggregation, Measure, Polarity
    from ._observation import Observation
    from ._period import Period, PeriodKind
    from ._profile import Profile
    from ._published import (
        PublishedStatus,
        PublishedTrend,
        StatusMeaning,
        StatusVocabulary,
        TrendMeaning,
        TrendVocabulary,
    )
    from ._relative import RelativePeriod
    from ._scorecard import Scorecard, TargetSetting, UnknownMeasureError
    from ._status import ObservationStatus
    from ._target import (
        ChangeInterval,
        ChangeTarget,
        Comparator,
        CumulativeTarget,
        NotApplicable,
        NoTarget,
        RangeTarget,
        Target,
        TargetBasis,
        ThresholdTarget,
    )
    from ._target_kinds import (
        BenchmarkRelation,
        BenchmarkTarget,
        DirectionTarget,
        ScheduledTarget,
        TargetDirection,
    )
    from ._value import Band, CellValue
    from .evaluation import (
        Assessment,
        Comparison,
        CustomRule,
        Direction,
        Disagreement,
        GroupDeclaration,
        GroupRollUp,
        Hierarchy,
        Rag,
        RagPolicy,
        Report,
        RolledChild,
        RollUp,
        ShareOnTarget,
        StatusCounts,
        StatusRule,
        StatusRules,
        Tolerance,
        WeightedScore,
        WeightSetting,
        WorstOf,
        evaluate,
        evaluate_all,
        roll_up,
    )

__version__ = "0.1.0.dev0"

__all__ = [
    "DEFAULT_CALENDAR",
    "ERROR_CODES",
    "Aggregation",
    "Assessment",
    "AveragedPercentageWarning",
    "Band",
    "BenchmarkRelation",
    "BenchmarkTarget",
    "Calendar",
    "CalendarError",
    "CellValue",
    "ChangeInterval",
    "ChangeTarget",
    "Comparator",
    "Comparison",
    "CumulativeTarget",
    "CustomRule",
    "Direction",
    "DirectionTarget",
    "Disagreement",
    "ErrorCode",
    "GroupDeclaration",
    "GroupRollUp",
    "Hierarchy",
    "KpiScorecardError",
    "KpiScorecardWarning",
    "Measure",
    "MissingExtraError",
    "NoTarget",
    "NotApplicable",
    "Observation",
    "ObservationStatus",
    "ParseError",
    "Period",
    "PeriodKind",
    "PeriodParseError",
    "Polarity",
    "Profile",
    "PublishedStatus",
    "PublishedTrend",
    "Rag",
    "RagPolicy",
    "RangeTarget",
    "RelativePeriod",
    "Report",
    "RollUp",
    "RolledChild",
    "ScheduledTarget",
    "Scorecard",
    "ScorecardError",
    "ShareOnTarget",
    "StatusCounts",
    "StatusMeaning",
    "StatusRule",
    "StatusRules",
    "StatusVocabulary",
    "TableError",
    "Target",
    "TargetBasis",
    "TargetDirection",
    "TargetParseError",
    "TargetSetting",
    "Term",
    "ThresholdTarget",
    "Tolerance",
    "TrendMeaning",
    "TrendVocabulary",
    "UnitError",
    "UnknownMeasureError",
    "ValueParseError",
    "WeightSetting",
    "WeightedScore",
    "WorstOf",
    "evaluate",
    "evaluate_all",
    "roll_up",
]

# Where each public name is defined. The names are imported when first read (see _lazy), so
# that ``import kpi_scorecard`` stays cheap; the imports above are for type checkers and
# must list the same names.
_MODULES = {
    "._calendar": ("DEFAULT_CALENDAR", "Calendar", "Term"),
    "._errors": (
        "ERROR_CODES",
        "AveragedPercentageWarning",
        "CalendarError",
        "ErrorCode",
        "KpiScorecardError",
        "KpiScorecardWarning",
        "MissingExtraError",
        "ParseError",
        "PeriodParseError",
        "ScorecardError",
        "TableError",
        "TargetParseError",
        "UnitError",
        "ValueParseError",
    ),
    "._measure": ("Aggregation", "Measure", "Polarity"),
    "._observation": ("Observation",),
    "._period": ("Period", "PeriodKind"),
    "._profile": ("Profile",),
    "._relative": ("RelativePeriod",),
    "._published": (
        "PublishedStatus",
        "PublishedTrend",
        "StatusMeaning",
        "StatusVocabulary",
        "TrendMeaning",
        "TrendVocabulary",
    ),
    "._scorecard": ("Scorecard", "TargetSetting", "UnknownMeasureError"),
    "._status": ("ObservationStatus",),
    "._target": (
        "ChangeInterval",
        "ChangeTarget",
        "Comparator",
        "CumulativeTarget",
        "NotApplicable",
        "NoTarget",
        "RangeTarget",
        "Target",
        "TargetBasis",
        "ThresholdTarget",
    ),
    "._target_kinds": (
        "BenchmarkRelation",
        "BenchmarkTarget",
        "DirectionTarget",
        "ScheduledTarget",
        "TargetDirection",
    ),
    "._value": ("Band", "CellValue"),
    ".evaluation": (
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
        "evaluate",
        "evaluate_all",
        "roll_up",
    ),
}

if not typing.TYPE_CHECKING:  # type checkers see the imports above, and no catch-all __getattr__
    __getattr__, __dir__ = _lazy.lazy_exports(
        __name__,
        {name: module for module, names in _MODULES.items() for name in names},
        submodules=("display", "evaluation", "serializers", "spc"),
    )


def _display() -> _views._Views:
    """The display room, imported the first time an object is shown."""
    return typing.cast("_views._Views", importlib.import_module(".display", __name__))


# This package's __init__ is the one module above every room: it wires the display into
# the models' ``to_html()`` and ``_repr_html_``, so that no model imports the display.
_views.install(_display)
