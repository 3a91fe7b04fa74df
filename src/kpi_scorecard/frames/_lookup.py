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

__all__ = ["Lookups", "Settings", "measure_rows", "setting_rows"]

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
        self, keys: dict[tuple[Profile | None, Period], int], rated: Sequence[Period]
    ) -> dict[str, list[Any]]:
        """The share of each profiled target due by each period, and the baseline period.

        Keyed by (profile, target period) (see :attr:`Settings.keys`): settings of many
        measures share those.
        """
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
        return rows


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
    "_m", "_s", "_sp", "_spid", "_t_kind", "_t_goal", "_t_low", "_t_high", "_t_strict",
    "_t_amount", "_t_per_months", "_t_text", "_t_period",
)  # fmt: skip


def _described(target: object, setting: TargetSetting) -> tuple[Any, ...]:
    """What the frame engine reads of a target: kind, goal, low, high, strictness, change."""
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
    return kind, goal, low, high, strict, amount, per, str(target)


@dataclass
class Settings:
    """The target settings as a table, and what the plan that joins them needs to know."""

    rows: dict[str, list[Any]]
    #: The distinct periods of the settings, most specific first (numbered ``_spid``).
    periods: list[Period]
    #: The number of each distinct (profile, period) of the settings (``_sp``).
    keys: dict[tuple[Profile | None, Period], int]
    #: The kinds of target set (``_t_kind``).
    kinds: set[str]
    #: Whether no measure has two settings for the same period.
    unique: bool


def setting_rows(settings: Sequence[TargetSetting], measure_ids: dict[str, int]) -> Settings:
    """One row per target setting, numbered most specific first, as the engine picks them.

    A setting is keyed by its measure's number (``measure_ids``); one for a measure that is
    neither described nor observed can rate nothing and is left out. Settings share a few
    targets and periods, so each distinct target is described once, and the settings are
    grouped by period in one pass rather than sorted.
    """
    by_period: dict[Period, list[TargetSetting]] = {}
    for setting in settings:
        found = by_period.get(setting.period)
        if found is None:
            found = by_period[setting.period] = []
        found.append(setting)
    distinct = sorted(by_period, key=lambda p: (p.days, p))
    by_identity: dict[int, int] = {}  # settings often share one target object
    templates: dict[object, int] = {}
    described: list[tuple[Any, ...]] = []
    keys: dict[tuple[Profile | None, Period], int] = {}
    columns: dict[str, list[Any]] = {name: [] for name in _SETTING_COLUMNS[:4]}
    measures, numbers, shares, spids = columns.values()
    template_ids: list[int] = []
    number = 0
    unique = True
    for spid, period in enumerate(distinct):
        group = by_period[period]
        unique = unique and len({s.measure_ref for s in group}) == len(group)
        plain = keys.setdefault((None, period), len(keys))
        for setting in group:
            target = setting.target
            template = by_identity.get(id(target))
            if template is None:
                template = templates.get(target)
                if template is None:
                    template = templates[target] = len(described)
                    described.append(_described(target, setting))
                by_identity[id(target)] = template
            number += 1
            measure = measure_ids.get(setting.measure_ref)
            if measure is None:
                continue
            profile = setting.profile
            measures.append(measure)
            numbers.append(number)
            shares.append(plain if profile is None else keys.setdefault((profile, period),
                                                                         len(keys)))  # fmt: skip
            spids.append(spid)
            template_ids.append(template)
    for column, name in enumerate(_SETTING_COLUMNS[4:-1]):
        values = [each[column] for each in described]
        columns[name] = [values[template] for template in template_ids]
    texts = [str(period) for period in distinct]
    columns["_t_period"] = [texts[spid] for spid in spids]
    kinds = {each[0] for each in described}
    return Settings(columns, distinct, keys, kinds, unique)


def measure_rows(
    measures: Iterable[Measure], policy: RagPolicy, observed: Iterable[str] = ()
) -> dict[str, list[Any]]:
    """One row per measure: its number, polarity, aggregation, unit and amber tolerance.

    The measures are numbered in order; a reference ``observed`` in the frame but not
    among ``measures`` is numbered after them, with nothing known of it.
    """
    rows: dict[str, list[Any]] = {
        name: []
        for name in ("measure_ref", "_m", "_polarity", "_agg", "_pct", "_tol_rel", "_tol_amt")
    }
    for measure in measures:
        tolerance = policy.tolerance_for(measure.reference)
        rows["measure_ref"].append(measure.reference)
        rows["_polarity"].append(measure.polarity.value)
        rows["_agg"].append(measure.aggregation.value)
        rows["_pct"].append(measure.unit == PERCENT)
        rows["_tol_rel"].append(tolerance.kind == "relative")
        rows["_tol_amt"].append(float(tolerance.amount))
    known = set(rows["measure_ref"])
    unknown = sorted(set(observed) - known)
    rows["measure_ref"].extend(unknown)
    for name in ("_polarity", "_agg", "_pct", "_tol_rel", "_tol_amt"):
        rows[name].extend([None] * len(unknown))
    rows["_m"] = list(range(len(rows["measure_ref"])))
    return rows


POLARITIES = {p.value for p in Polarity}
AGGREGATIONS = {a.value for a in Aggregation}
