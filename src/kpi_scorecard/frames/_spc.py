"""The direction of travel by SPC for ``evaluate_frame``: the object engine's charts, joined.

An XmR chart over each measure's figures up to each period is not a column expression, so
when the policy chooses SPC the frame engine reads only the columns a chart needs
(``measure_ref``, the period, the figures and ``status``) of the measures given, in one
collect of a lazy frame, builds each measure's observations and charts them with the object
engine's own code (:class:`~kpi_scorecard.evaluation._spc_direction.SpcSeries`), then
joins the direction, variation and assurance of every rated measure and period back onto
the rows as a small table of the frame's backend. The rest of the plan stays lazy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kpi_scorecard._scorecard import containing
from kpi_scorecard.evaluation._spc_direction import SpcSeries

from ._convert import _observations, _rows
from ._narwhals import nw

if TYPE_CHECKING:
    from kpi_scorecard._calendar import Calendar
    from kpi_scorecard._measure import Measure
    from kpi_scorecard._observation import Observation
    from kpi_scorecard._period import Period
    from kpi_scorecard._scorecard import TargetSetting
    from kpi_scorecard.evaluation import RagPolicy

__all__ = ["SPC_SCHEMA", "spc_rows"]

#: The columns of the table of SPC readings, keyed as the rows are (``_k``).
SPC_SCHEMA = {
    "_k": nw.Int64(), "_spc_direction": nw.String(), "_variation": nw.String(),
    "_assurance": nw.String(),
}  # fmt: skip
#: The observation columns a chart reads.
_CHARTED = ("measure_ref", "period", "period_start", "period_end", "value", "value_low",
            "value_high", "status")  # fmt: skip


def _series(
    frame: Any, measures: Sequence[Measure], calendar: Calendar
) -> dict[str, dict[Period, Observation]]:
    """The observations of ``measures`` in the frame, read in one collect (of few columns)."""
    names = frame.collect_schema().names()
    references = [measure.reference for measure in measures]
    narrow = frame.select(*(name for name in _CHARTED if name in names)).filter(
        nw.col("measure_ref").cast(nw.String()).is_in(references)
    )
    found: dict[str, dict[Period, Observation]] = {reference: {} for reference in references}
    for observation in _observations(*_rows(narrow), calendar):
        found[observation.measure_ref][observation.period] = observation
    return found


def spc_rows(
    frame: Any,
    measures: Sequence[Measure],
    settings: Sequence[TargetSetting],
    rated: tuple[Period | None, Callable[[str, Period], int]],
    policy: RagPolicy,
    calendar: Calendar,
) -> dict[str, list[Any]]:
    """The direction, variation and assurance of each measure in each period it is rated.

    ``rated`` is the period asked for (None: each observation's own) and the key of a
    measure in a period, as the rows are keyed. A measure rated for a period gets what
    :func:`kpi_scorecard.evaluate` gives it with the same policy; the setting in force is
    the most specific one whose period contains the period, as there.
    """
    period, key = rated
    rows: dict[str, list[Any]] = {name: [] for name in SPC_SCHEMA}
    by_measure = _series(frame, measures, calendar)
    own: dict[str, list[TargetSetting]] = {reference: [] for reference in by_measure}
    for setting in settings:
        own.setdefault(setting.measure_ref, []).append(setting)
    for measure in measures:
        reference = measure.reference
        observations = by_measure[reference]
        series = SpcSeries(observations, policy.spc)
        chosen = sorted(own[reference], key=lambda s: (s.period.days, s.period))
        in_force = containing([s.period for s in chosen])
        for each in sorted(observations) if period is None else [period]:
            at = in_force(each)
            current = None if at is None else chosen[at]
            direction, variation, assurance, _ = series.read(measure, each, current, explain=False)
            rows["_k"].append(key(reference, each))
            rows["_spc_direction"].append(direction.value)
            rows["_variation"].append(None if variation is None else variation.value)
            rows["_assurance"].append(None if assurance is None else assurance.value)
    return rows
