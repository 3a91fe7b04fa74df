"""The small tables the frame engine joins: periods, targets, profile shares and measures.

Rating a million observations asks the same calendar questions of a few dozen distinct
periods (the previous quarter, the same quarter last year, the quarters so far, the share
of a profiled target due). Those are answered here, once per distinct period or target,
with the library's own :class:`Period` and :class:`Profile` logic, so the frame engine
rates by the same calendar rules as :func:`kpi_scorecard.evaluate`. The observations
themselves never pass through Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kpi_scorecard._errors import CalendarError
from kpi_scorecard._measure import Aggregation, Measure, Polarity
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._profile import Profile
from kpi_scorecard._scorecard import TargetSetting
from kpi_scorecard._target import (
    ChangeInterval,
    ChangeTarget,
    CumulativeTarget,
    NotApplicable,
    NoTarget,
    RangeTarget,
    ThresholdTarget,
)
from kpi_scorecard._units import PERCENT
from kpi_scorecard.evaluation import Comparison, RagPolicy
from kpi_scorecard.evaluation._engine import _share  # the engine's own profile shares
from kpi_scorecard.evaluation._ytd import periods_to_date

from ._errors import FrameSupportError

__all__ = ["Lookups", "measure_rows", "setting_rows"]

_PERIOD_MONTHS = {
    PeriodKind.MONTH: 1,
    PeriodKind.FINANCIAL_QUARTER: 3,
    PeriodKind.FINANCIAL_YEAR: 12,
}
_INTERVAL_MONTHS = {ChangeInterval.MONTH: 1, ChangeInterval.QUARTER: 3, ChangeInterval.YEAR: 12}


def _navigate(period: Period, step: str) -> Period | None:
    try:
        return period.previous() if step == "previous" else period.same_period_last_year()
    except CalendarError:
        return None


@dataclass
class Lookups:
    """Every period the rating refers to, numbered, with what each one needs to know."""

    policy: RagPolicy
    ids: dict[Period, int] = field(default_factory=dict)
    periods: list[Period] = field(default_factory=list)

    def id(self, period: Period | None) -> int:
        """The number of a period, numbering it if it is new; -1 for no period.

        Not None: a pandas integer column cannot hold a missing value, and no observation
        has period -1, so a join on it finds nothing, as a join on a missing one would.
        """
        if period is None:
            return -1
        found = self.ids.get(period)
        if found is None:
            found = self.ids[period] = len(self.periods)
            self.periods.append(period)
        return found

    def period_rows(self, rated: Sequence[Period]) -> dict[str, list[Any]]:
        """One row per rated period: its days, kind, label and the periods it refers to."""
        rows: dict[str, list[Any]] = {
            name: []
            for name in (
                "_p", "_label", "_start", "_end", "_kind", "_prev", "_cmp", "_cmp_ac",
                "_cmp_label", "_cmp_ac_label", "_months", "_n_todate",
            )
        }  # fmt: skip
        last_year = self.policy.comparison is Comparison.SAME_PERIOD_LAST_YEAR
        for period in rated:
            previous = _navigate(period, "previous")
            year_ago = _navigate(period, "last_year")
            compare = year_ago if last_year else previous
            rows["_p"].append(self.id(period))
            rows["_label"].append(str(period))
            rows["_start"].append(period.start)
            rows["_end"].append(period.end)
            rows["_kind"].append(period.kind.value)
            rows["_prev"].append(self.id(previous))
            rows["_cmp"].append(self.id(compare))
            rows["_cmp_ac"].append(self.id(year_ago))
            rows["_cmp_label"].append(None if compare is None else str(compare))
            rows["_cmp_ac_label"].append(None if year_ago is None else str(year_ago))
            rows["_months"].append(_PERIOD_MONTHS.get(period.kind))
            rows["_n_todate"].append(len(periods_to_date(period)))
        return rows

    def to_date_rows(self, rated: Sequence[Period]) -> dict[str, list[Any]]:
        """(period, period to date) pairs: the quarters or months of its year so far."""
        rows: dict[str, list[Any]] = {"_p": [], "_q": []}
        for period in rated:
            own = self.id(period)
            for each in periods_to_date(period):
                rows["_p"].append(own)
                rows["_q"].append(self.id(each))
        return rows

    def share_rows(
        self, settings: Sequence[TargetSetting], rated: Sequence[Period]
    ) -> tuple[dict[str, list[Any]], dict[tuple[Profile | None, Period], int]]:
        """The share of each profiled target due by each period, and the baseline period.

        Keyed by (profile, target period): settings of many measures share those.
        """
        keys: dict[tuple[Profile | None, Period], int] = {}
        for setting in settings:
            keys.setdefault((setting.profile, setting.period), len(keys))
        rows: dict[str, list[Any]] = {"_sp": [], "_p": [], "_share": [], "_base": []}
        for (profile, whole), key in keys.items():
            for period in rated:
                if not whole.contains(period):
                    continue
                share = _share(profile, whole, period)
                rows["_sp"].append(key)
                rows["_p"].append(self.id(period))
                rows["_share"].append(None if share is None else float(share))
                rows["_base"].append(self.id(_baseline(whole, period)))
        return rows, keys


def _baseline(whole: Period, period: Period) -> Period | None:
    """The period just before the first one of ``period``'s kind inside ``whole``."""
    first = period
    try:
        while whole.contains(previous := first.previous()):
            first = previous
        return first.previous()
    except CalendarError:
        return None


_SETTING_COLUMNS = (
    "measure_ref", "_s", "_sp", "_s_start", "_s_end", "_t_kind", "_t_goal", "_t_low",
    "_t_high", "_t_strict", "_t_amount", "_t_per_months", "_t_text", "_t_period",
)  # fmt: skip


def setting_rows(
    settings: Sequence[TargetSetting], keys: dict[tuple[Profile | None, Period], int]
) -> dict[str, list[Any]]:
    """One row per target setting, numbered most specific first, as the engine picks them."""
    rows: dict[str, list[Any]] = {name: [] for name in _SETTING_COLUMNS}
    ordered = sorted(settings, key=lambda s: (s.period.days, s.period))
    for number, setting in enumerate(ordered):
        target = setting.target
        low = high = amount = per = None
        strict = False
        if isinstance(target, ThresholdTarget):
            kind, low, high = "threshold", float(target.value), float(target.value)
            comparator = target.comparator
            if comparator is None:
                goal = "bare"
            else:
                goal = "at_most" if comparator.wants_lower else "at_least"
                strict = comparator.strict
        elif isinstance(target, RangeTarget):
            kind, goal, low, high = "range", "within", float(target.low), float(target.high)
        elif isinstance(target, CumulativeTarget):
            kind, goal = "cumulative", "cumulative"
            low = high = float(target.value)
        elif isinstance(target, ChangeTarget):
            kind, goal = "change", "change"
            amount, per = float(target.amount), _INTERVAL_MONTHS[target.per]
        elif isinstance(target, NotApplicable):
            kind, goal = "not_applicable", "none"
        elif isinstance(target, NoTarget):
            kind, goal = "none", "none"
        else:
            name = type(target).__name__
            msg = (
                f"evaluate_frame does not rate a {name} ({setting.measure_ref}, "
                f"{setting.period}: {target}) yet; rate this scorecard with evaluate()"
            )
            raise FrameSupportError(msg, code="unsupported_target")
        values = (
            setting.measure_ref, number, keys[(setting.profile, setting.period)],
            setting.period.start, setting.period.end, kind, goal, low, high, strict, amount,
            per, str(target), str(setting.period),
        )  # fmt: skip
        for name, value in zip(_SETTING_COLUMNS, values, strict=True):
            rows[name].append(value)
    return rows


def measure_rows(measures: Iterable[Measure], policy: RagPolicy) -> dict[str, list[Any]]:
    """One row per measure: its polarity, aggregation, unit and amber tolerance."""
    rows: dict[str, list[Any]] = {
        name: [] for name in ("measure_ref", "_polarity", "_agg", "_pct", "_tol_rel", "_tol_amt")
    }
    for measure in measures:
        tolerance = policy.tolerance_for(measure.reference)
        rows["measure_ref"].append(measure.reference)
        rows["_polarity"].append(measure.polarity.value)
        rows["_agg"].append(measure.aggregation.value)
        rows["_pct"].append(measure.unit == PERCENT)
        rows["_tol_rel"].append(tolerance.kind == "relative")
        rows["_tol_amt"].append(float(tolerance.amount))
    return rows


POLARITIES = {p.value for p in Polarity}
AGGREGATIONS = {a.value for a in Aggregation}
