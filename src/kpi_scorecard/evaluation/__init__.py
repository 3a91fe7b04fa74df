"""Evaluation: rate a scorecard for a period, the way a council's performance team would.

Pure functions over the model: :func:`evaluate` takes a :class:`~kpi_scorecard.Scorecard`,
a period and a :class:`RagPolicy`, and returns a :class:`Report` of one
:class:`Assessment` per measure, each with its RAG status, direction of travel, year to
date, forecast and the sentences that explain them. Nothing reads the clock, files or the
environment, and the inputs are never changed.
"""

from ._engine import assess, evaluate
from ._policy import Comparison, RagPolicy, Tolerance
from ._results import Assessment, Direction, Rag, Report
from ._ytd import YearToDate, periods_to_date, year_to_date

__all__ = [
    "Assessment",
    "Comparison",
    "Direction",
    "Rag",
    "RagPolicy",
    "Report",
    "Tolerance",
    "YearToDate",
    "assess",
    "evaluate",
    "periods_to_date",
    "year_to_date",
]
