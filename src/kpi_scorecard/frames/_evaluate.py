"""Rating whole columns: every measure and period of a frame of observations at once.

The same rules as :func:`kpi_scorecard.evaluate`, written as column expressions: the
observations are joined to small tables of the measures, the targets in force, the periods
they refer to and the profile shares due (see ``_lookup``), and every rule of the object
engine is one ``when``/``then`` over the joined columns. No Python runs per row.

Figures are 64-bit floats. Where the object engine compares two exact decimals, the frame
engine takes two floats as equal when they differ by no more than :data:`EPSILON` of their
size, so a value exactly on a threshold, or a miss exactly the size of the tolerance, rates
as it does with decimals although the float arithmetic that led to it rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._measure import Measure
from kpi_scorecard._period import Period
from kpi_scorecard._scorecard import Scorecard, TargetSetting
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard.evaluation import Direction, Rag, RagPolicy
from kpi_scorecard.spc import Assurance, Variation

from ._convert import (
    CATEGORIES,
    _category,
    _day,
    _is_frame,
    _measures_from,
    _period_of_days,
    _rows,
    _targets_from,
    read_period_cell,
)
from ._errors import FrameError, FrameSupportError
from ._lookup import Lookups, measure_rows, setting_rows
from ._narwhals import nw
from ._spark import is_spark, spark_table
from ._spc import SPC_SCHEMA, spc_rows

__all__ = ["EPSILON", "REASONS", "evaluate_frame"]

#: Two figures that differ by no more than this share of their size are equal for rating.
EPSILON = 1e-10

#: Why a row has its status: the rule that rated it, or why nothing was rated.
REASONS = {
    "target": "the value against the target",
    "target_due": "the year to date against the share of an annual target due",
    "cumulative": "the running total against a cumulative target",
    "cumulative_due": "the running total against the share of a cumulative target due",
    "change": "the change from the previous period against a change target",
    "unknown_measure": "not rated: the measure is not among the measures given",
    "no_target_in_force": "not rated: no target is in force for the period",
    "target_not_applicable": "not rated: the target is N/A",
    "no_target_set": "not rated: no target was set (an empty target)",
    "no_value": "not rated: no value for the period",
    "needs_polarity": "not rated: a bare target on a measure of no polarity",
    "change_needs_polarity": "not rated: a change target on a measure of no polarity",
    "change_period_kind": "not rated: a change target on a period not a month, quarter or year",
    "no_previous_value": "not rated: no value for the previous period to measure the change",
    "no_year_to_date": "not rated: no year to date (a period of the year has no value)",
}
_RATED = ("target", "target_due", "cumulative", "cumulative_due", "change")
_BADNESS = (Rag.GREEN, Rag.YELLOW, Rag.AMBER, Rag.RED)


def _null() -> Any:
    return nw.lit(None, dtype=nw.Float64())


def _col(name: str) -> Any:
    return nw.col(name)


def _cases(pairs: Sequence[tuple[Any, Any]], default: Any) -> Any:
    """``when(a).then(x).when(b).then(y)...otherwise(default)``."""
    expression = nw.when(pairs[0][0]).then(pairs[0][1])
    for condition, value in pairs[1:]:
        expression = expression.when(condition).then(value)
    return expression.otherwise(default)


def _snap(value: Any, *scales: Any) -> Any:
    """``value``, or 0 where it is no larger than EPSILON of the figures it came from."""
    size = scales[0].abs()
    for scale in scales[1:]:
        size = size + scale.abs()
    return nw.when(value.abs() <= size * EPSILON).then(nw.lit(0.0)).otherwise(value)


def _at_most(left: Any, right: Any) -> Any:
    """``left <= right``, with figures within EPSILON of each other taken as equal."""
    return left <= right + (left.abs() + right.abs()) * EPSILON


def _allowance(relative: Any, amount: Any, reference: Any) -> Any:
    return nw.when(relative).then(amount * reference.abs()).otherwise(amount)


class _Rater:
    """Builds the expressions that rate a figure against a goal, as the engine's rate()."""

    def __init__(self, policy: RagPolicy) -> None:
        yellow = policy.yellow_tolerance
        self.yellow = None if yellow is None else (yellow.kind == "relative", float(yellow.amount))

    def badness(self, margin: Any, reference: Any, met: Any) -> Any:
        """0 green, 1 yellow, 2 amber, 3 red: the colour of one margin against one edge."""
        miss = -margin
        pairs = [(met, nw.lit(0))]
        if self.yellow is not None:
            relative, amount = self.yellow
            allowed = reference.abs() * amount if relative else nw.lit(amount)
            pairs.append(((allowed > 0) & _at_most(miss, allowed), nw.lit(1)))
        allowed = _allowance(_col("_tol_rel"), _col("_tol_amt"), reference)
        pairs.append(((allowed > 0) & _at_most(miss, allowed), nw.lit(2)))
        return _cases(pairs, nw.lit(3))

    def rate(
        self, rows: Any, out: str, goal: tuple[str, str, str, Any], figure: tuple[str, str]
    ) -> Any:
        """Rate a figure (or band) against a goal in three steps, as the object engine does.

        ``goal`` names the shape, low and high columns and gives the strictness; ``figure``
        names the low and high columns. Adds ``{out}_bad`` (0 green to 3 red),
        ``{out}_margin`` and ``{out}_ref``, the edge the margin is measured from. Each step
        reads the columns the one before wrote, so no expression repeats another.
        """
        shape, low, high, strict = goal
        f_low, f_high = nw.col(figure[0]), nw.col(figure[1])
        g_low, g_high = nw.col(low), nw.col(high)
        rows = rows.with_columns(
            _snap(g_high - f_high, g_high, f_high).alias(f"{out}_up"),  # headroom under
            _snap(f_low - g_low, f_low, g_low).alias(f"{out}_down"),  # headroom over
        )
        up, down = nw.col(f"{out}_up"), nw.col(f"{out}_down")
        rows = rows.with_columns(
            self.badness(up, g_high, (up > 0) | ((up == 0) & ~strict)).alias(f"{out}_b_up"),
            self.badness(down, g_low, (down > 0) | ((down == 0) & ~strict)).alias(f"{out}_b_down"),
            self.badness(up, g_high, up >= 0).alias(f"{out}_b_above"),
            self.badness(down, g_low, down >= 0).alias(f"{out}_b_below"),
        )
        above_bad, below_bad = nw.col(f"{out}_b_above"), nw.col(f"{out}_b_below")
        # Within a range, the least favourable edge: the worse colour, then the bigger miss,
        # the low edge on a tie.
        upper = (above_bad > below_bad) | (
            (above_bad == below_bad) & (up < down) & ~_at_most(down, up)
        )
        kind = nw.col(shape)
        at_most, at_least = kind == "at_most", kind == "at_least"
        return rows.with_columns(
            _cases(
                [(at_most, nw.col(f"{out}_b_up")), (at_least, nw.col(f"{out}_b_down")),
                 (upper, above_bad)], below_bad,
            ).alias(f"{out}_bad"),
            _cases([(at_most, up), (at_least, down), (upper, up)], down).alias(f"{out}_margin"),
            _cases([(at_most, g_high), (at_least, g_low), (upper, g_high)], g_low).alias(
                f"{out}_ref"
            ),
        )  # fmt: skip


def _rag(badness: Any) -> Any:
    return _cases(
        [(badness == number, nw.lit(rag.value)) for number, rag in enumerate(_BADNESS)],
        nw.lit(None, dtype=nw.String()),
    )


def _table(data: dict[str, list[Any]], schema: dict[str, Any], like: Any) -> Any:
    """A lookup table in the same backend (and laziness) as ``like``."""
    if isinstance(like, nw.DataFrame):
        return nw.from_dict(data, schema=schema, backend=like.implementation)
    implementation = like.implementation
    if implementation is nw.Implementation.POLARS:
        return nw.from_dict(data, schema=schema, backend="polars").lazy()
    if is_spark(like):
        return spark_table(data, schema, like)
    return nw.from_dict(data, schema=schema, backend="pyarrow").lazy(backend=implementation)


_PERIOD_SCHEMA = {
    "_p": nw.Int64(), "_label": nw.String(), "_start": nw.Date(), "_end": nw.Date(),
    "_kind": nw.String(), "_prev": nw.Int64(), "_cmp": nw.Int64(), "_cmp_ac": nw.Int64(),
    "_cmp_label": nw.String(), "_cmp_ac_label": nw.String(), "_months": nw.Float64(),
    "_n_todate": nw.Int64(), "_spid": nw.Int64(),
}  # fmt: skip
_SETTING_SCHEMA = {
    "_m": nw.Int64(), "_s": nw.Int64(), "_sp": nw.Int64(), "_spid": nw.Int64(),
    "_t_kind": nw.String(), "_t_goal": nw.String(),
    "_t_low": nw.Float64(), "_t_high": nw.Float64(), "_t_strict": nw.Boolean(),
    "_t_amount": nw.Float64(), "_t_per_months": nw.Float64(), "_t_text": nw.String(),
    "_t_period": nw.String(),
}  # fmt: skip
_MEASURE_SCHEMA = {
    "measure_ref": nw.String(), "_m": nw.Int64(), "_polarity": nw.String(), "_agg": nw.String(),
    "_pct": nw.Boolean(), "_tol_rel": nw.Boolean(), "_tol_amt": nw.Float64(),
}  # fmt: skip
_SHARE_SCHEMA = {"_sp": nw.Int64(), "_p": nw.Int64(), "_share": nw.Float64(), "_base": nw.Int64()}
_FIGURES = ("value", "value_low", "value_high", "cumulative", "numerator", "denominator")


def _observations(frame: Any) -> tuple[Any, list[str]]:
    """The observation columns the engine reads, figures as floats; and the period keys."""
    columns = frame.collect_schema().names()
    if "measure_ref" not in columns:
        raise FrameError(", ".join(columns), "the frame has no 'measure_ref' column",
                         code="missing_column", column="measure_ref")  # fmt: skip
    keys = ["period"] if "period" in columns else ["period_start", "period_end"]
    if not set(keys) <= set(columns):
        raise FrameError(
            ", ".join(columns), "the frame has no 'period' column, nor period_start and "
            "period_end", code="missing_column", column="period",
        )  # fmt: skip

    def figure(name: str) -> Any:
        return nw.col(name).cast(nw.Float64()) if name in columns else _null()

    value = figure("value")
    low = nw.when(value.is_null()).then(figure("value_low")).otherwise(value)
    high = nw.when(value.is_null()).then(figure("value_high")).otherwise(value)
    status = (
        nw.col("status").cast(nw.String())
        if "status" in columns
        else nw.lit(None, dtype=nw.String())
    )
    slim = frame.select(
        nw.col("measure_ref").cast(nw.String()),
        # The keys as the lookup tables hold them (pyarrow joins no large_string to string).
        *(nw.col(key).cast(nw.String() if key == "period" else nw.Date()) for key in keys),
        low.alias("_lo"),
        high.alias("_hi"),
        figure("cumulative").alias("_cum"),
        figure("numerator").alias("_num"),
        figure("denominator").alias("_den"),
        status.alias("_st"),
    )
    return slim, keys


def _distinct_periods(
    frame: Any, keys: list[str], calendar: Calendar
) -> tuple[dict[str, list[Any]], list[Period]]:
    """The distinct period cells of the frame, read once each (an eager step on lazy input)."""
    distinct = _collected(frame.select(*keys).unique())
    cells = {key: distinct.get_column(key).to_list() for key in keys}
    periods: list[Period] = []
    for row in range(len(distinct)):
        if keys == ["period"]:
            periods.append(read_period_cell(cells["period"][row], row, "period", calendar))
        else:
            start = _day(cells["period_start"][row], row, "period_start")
            end = _day(cells["period_end"][row], row, "period_end")
            periods.append(_period_of_days(start, end, calendar, row, "period"))
    return cells, periods


def _collected(frame: Any) -> Any:
    return frame.collect() if isinstance(frame, nw.LazyFrame) else frame


def _unknown_measures(frame: Any, measures: Sequence[Measure]) -> list[str]:
    """The references observed in the frame that are not among ``measures``."""
    known = _table({"measure_ref": [m.reference for m in measures]},
                   {"measure_ref": nw.String()}, frame)  # fmt: skip
    observed = frame.select("measure_ref").drop_nulls().unique()
    unknown = _collected(observed.join(known, on="measure_ref", how="anti"))
    return unknown.get_column("measure_ref").to_list()  # type: ignore[no-any-return]


def _settings_and_measures(
    measures: Any, targets: Any, calendar: Calendar
) -> tuple[list[Measure], list[TargetSetting], Calendar]:
    if isinstance(measures, Scorecard):
        card = measures
        found = list(targets) if targets is not None else list(card.targets)
        return list(card.measures), found, card.calendar
    if _is_frame(measures):
        measure_list = _measures_from(*_rows(measures), "reference")
    else:
        measure_list = list(measures)
    if targets is None:
        settings: list[TargetSetting] = []
    elif _is_frame(targets):
        settings = _targets_from(*_rows(targets), calendar)
    else:
        settings = list(targets)
    return measure_list, settings, calendar


def _setting_tables(
    settings: Sequence[TargetSetting],
    measure_ids: dict[str, int],
    lookups: Lookups,
    rated: Sequence[Period],
    like: Any,
) -> tuple[Any, Any, Any, tuple[int, set[str]]]:
    """The settings, shares and periods tables, and what the plan needs to know of them.

    That is the number of the settings' periods (0 where some overlap, see ``_Plan``) and
    the kinds of target set.
    """
    in_force = setting_rows(settings, measure_ids)
    setting_table = _table(in_force.rows, _SETTING_SCHEMA, like)
    shares = _table(lookups.share_rows(in_force.keys, rated), _SHARE_SCHEMA, like)
    period_data = lookups.period_rows(rated)
    # The settings' periods that contain each rated period, most specific first: where no
    # period has two, the setting in force is found by one join on measure and period.
    containing = [[n for n, each in enumerate(in_force.periods) if each.contains(p)]
                  for p in rated]  # fmt: skip
    period_data["_spid"] = [found[0] if found else -1 for found in containing]
    direct = in_force.unique and all(len(found) <= 1 for found in containing)
    period_table = _table(period_data, _PERIOD_SCHEMA, like)
    width = len(in_force.periods) if direct else 0
    return setting_table, shares, period_table, (width, in_force.kinds)


def _check_policy(policy: RagPolicy) -> None:
    """Refuse what the column engine does not rate yet, rather than rate it otherwise."""
    if policy.rules is not None:
        msg = (
            "evaluate_frame does not rate by status rules yet (it would rate by the default "
            "tolerance instead): rate with evaluate or evaluate_all, or give tolerances"
        )
        raise FrameSupportError(msg, code="unsupported_policy")


def evaluate_frame(
    observations: Any,
    measures: Any,
    targets: Any = None,
    *,
    period: Period | str | None = None,
    policy: RagPolicy | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
) -> Any:
    """Rate every measure and period of a frame of observations, as ``evaluate`` would.

    ``observations`` is a pandas, polars (eager or lazy), pyarrow, DuckDB or PySpark frame
    with the columns :func:`to_frame` writes (``measure_ref``, ``period`` or ``period_start`` and
    ``period_end``, ``value`` or a band's ``value_low`` and ``value_high``, and optionally
    ``cumulative``, ``numerator``, ``denominator``, ``status``). ``measures`` and
    ``targets`` are lists of :class:`Measure` and :class:`TargetSetting` or frames of them,
    or ``measures`` is a :class:`Scorecard` whose measures, targets and calendar are used.

    Without ``period``, every observation row is rated for its own period; with one, every
    measure is rated for that period, as :func:`evaluate` does. The result is a frame of
    the same backend, lazy when the input is lazy, with the status, reason, margins, due
    figures, direction, change, year to date and forecast of every row.

    With a policy that reads the direction by SPC (``direction="spc"``), the XmR charts of
    figures up to each period are not column expressions: the measure reference, period,
    figures and status of the measures given are read in one collect (a lazy frame is
    collected once, for those columns only), charted by the object engine's own code,
    and joined back as a small table, so the result is still lazy. ``direction`` then
    comes from the chart, and ``variation`` and ``assurance`` columns follow it (null
    where the chart has too few points, or no target to read assurance against). A policy
    of status rules is refused (``unsupported_policy``): ``evaluate`` rates it.

    >>> import polars as pl
    >>> from kpi_scorecard import Measure, TargetSetting
    >>> frame = pl.DataFrame({"measure_ref": ["M1", "M1"], "period": ["Q4 2018/19", "Q1 2019/20"],
    ...                       "value": [19.0, 17.0]})
    >>> rated = evaluate_frame(
    ...     frame, [Measure(reference="M1", unit="%", polarity="lower_is_better")],
    ...     [TargetSetting(measure_ref="M1", period="2019/20", target="<18%")],
    ...     period="Q1 2019/20")
    >>> rated.select("status", "reason", "margin", "direction").row(0)
    ('green', 'target', 1.0, 'improving')
    """
    policy = policy if policy is not None else RagPolicy()
    by_spc = policy.direction == "spc"
    _check_policy(policy)
    measure_list, settings, calendar = _settings_and_measures(measures, targets, calendar)
    native = nw.from_native(observations)
    # An eager polars frame is rated as a lazy one and collected once: the plan is then
    # optimised as a whole (projections pushed down, shared parts computed once) rather
    # than each step computed in full as it is written.
    eager_polars = (
        isinstance(native, nw.DataFrame) and native.implementation is nw.Implementation.POLARS
    )
    if eager_polars:
        native = native.lazy()
    obs, keys = _observations(native)
    cells, periods = _distinct_periods(obs, keys, calendar)
    if isinstance(period, str):
        period = Period.parse(period, calendar=calendar)
    lookups = Lookups(policy)
    for each in periods:
        lookups.id(each)
    rated = sorted(set(periods)) if period is None else [period]
    if period is not None:
        lookups.id(period)
    key_schema = {key: nw.String() if key == "period" else nw.Date() for key in keys}
    key_rows = {**cells, "_p": [lookups.ids[each] for each in periods]}
    key_table = _table(key_rows, {**key_schema, "_p": nw.Int64()}, obs)
    measure_data = measure_rows(measure_list, policy, _unknown_measures(obs, measure_list))
    measure_table = _table(measure_data, _MEASURE_SCHEMA, obs)
    measure_ids = dict(zip(measure_data["measure_ref"], measure_data["_m"], strict=True))

    setting_table, shares, period_table, found = _setting_tables(
        settings, measure_ids, lookups, rated, obs
    )
    to_date = _table(lookups.to_date_rows(rated), {"_p": nw.Int64(), "_q": nw.Int64()}, obs)
    keyed = _Keys(len(lookups.periods))

    # Each row's measure and period as one number, which every later join is on.
    obs = obs.join(key_table, on=keys, how="left").drop(*keys)
    obs = obs.join(measure_table.select("measure_ref", "_m"), on="measure_ref", how="left")
    obs = obs.with_columns(_k=keyed.of("_p"))
    if period is None:
        rows = obs
    else:
        target_id = lookups.ids[period]
        rows = measure_table.filter(nw.col("_polarity").is_null().__invert__())
        rows = rows.select("measure_ref", "_m").with_columns(_p=nw.lit(target_id, dtype=nw.Int64()))
        rows = rows.with_columns(_k=keyed.of("_p"))
        rows = rows.join(obs.drop("measure_ref", "_m", "_p"), on="_k", how="left")
    rows = rows.join(measure_table.drop("measure_ref"), on="_m", how="left")
    rows = rows.join(period_table, on="_p", how="left")
    plan = _Plan(keyed, *found)
    if period is None:
        source = rows
    else:
        source = obs.join(measure_table.select("_m", "_agg"), on="_m", how="left")
    # By SPC, one narrow collect: the charts are drawn by the object engine, then joined.
    charts = _charts(
        native, (measure_list, settings), (period, lookups, measure_ids), policy, calendar, obs
    )
    result = _rate(rows, (obs, source), (to_date, shares, setting_table), plan, policy, charts)
    if is_spark(result):  # Spark has no categorical type: the vocabularies stay strings
        return nw.to_native(result)
    backend = "pyarrow" if result.implementation is nw.Implementation.PYARROW else "other"
    result = result.with_columns(
        nw.col(name).cast(_category(categories, backend))
        for name, categories in (_RESULT_CATEGORIES | (_SPC_CATEGORIES if by_spc else {})).items()
    )
    return nw.to_native(result.collect() if eager_polars else result)


def _charts(
    frame: Any,
    lists: tuple[list[Measure], list[TargetSetting]],
    keys: tuple[Period | None, Lookups, dict[str, int]],
    policy: RagPolicy,
    calendar: Calendar,
    like: Any,
) -> Any:
    """The SPC readings of every measure and period rated, keyed as the rows (None: no SPC)."""
    if policy.direction != "spc":
        return None
    period, lookups, measure_ids = keys
    width = len(lookups.periods)

    def key(reference: str, each: Period) -> int:
        return measure_ids[reference] * width + lookups.ids[each]

    found = spc_rows(frame, *lists, (period, key), policy, calendar)
    return _table(found, SPC_SCHEMA, like)


class _Keys:
    """A measure and a period as one number: the measure's times the periods, plus the period's.

    A join on one integer is much cheaper than one on a reference and a period. No period
    (-1, see ``Lookups.id``) or no measure gives -1, which no row has.
    """

    def __init__(self, periods: int) -> None:
        self.periods = periods

    def of(self, period: str) -> Any:
        """The key of each row's measure at the period numbered in column ``period``."""
        known = (nw.col(period) >= 0) & nw.col("_m").is_null().__invert__()
        key = nw.col("_m") * self.periods + nw.col(period)
        return nw.when(known).then(key).otherwise(nw.lit(-1)).cast(nw.Int64())


_RESULT_CATEGORIES = {
    "quality": CATEGORIES["quality"],
    "status": tuple(Rag),
    "direction": CATEGORIES["direction"],
    "forecast_status": tuple(Rag),
}
_SPC_CATEGORIES = {"variation": tuple(Variation), "assurance": tuple(Assurance)}


def _lookup(obs: Any, key: str, names: dict[str, str]) -> Any:
    """The observations keyed by ``key``, with some columns renamed (none keyed -1)."""
    return obs.filter(nw.col("_k") >= 0).select(
        nw.col("_k").alias(key), *(nw.col(old).alias(new) for old, new in names.items())
    )


@dataclass(frozen=True)
class _Plan:
    """What decides the shape of the plan: keys, and which rules the targets need."""

    keyed: _Keys
    #: The settings' distinct periods, where none contains another (else 0).
    setting_periods: int
    #: The kinds of target set.
    kinds: set[str]


def _rate(
    rows: Any, sources: tuple[Any, Any], tables: tuple[Any, Any, Any], plan: _Plan,
    policy: RagPolicy, charts: Any = None,
) -> Any:  # fmt: skip
    """Rate the rows; ``charts``, given when the policy chose SPC, holds their directions."""
    obs, source = sources
    to_date, shares, settings = tables
    keyed = plan.keyed
    # The comparison period's figure (a year-to-date measure compares with last year).
    cumulative = nw.col("_agg") == "already_cumulative"
    rows = rows.with_columns(
        _cmpid=nw.when(cumulative).then(nw.col("_cmp_ac")).otherwise(nw.col("_cmp")),
        _cmplabel=nw.when(cumulative).then(nw.col("_cmp_ac_label")).otherwise(nw.col("_cmp_label")),
    )
    rows = rows.with_columns(_cmpk=keyed.of("_cmpid"))
    rows = rows.join(_lookup(obs, "_cmpk", {"_lo": "_c_lo", "_hi": "_c_hi"}), on="_cmpk",
                     how="left")  # fmt: skip
    # The previous period's figure, which only a change target reads.
    if "change" in plan.kinds:
        rows = rows.with_columns(_prevk=keyed.of("_prev"))
        rows = rows.join(_lookup(obs, "_prevk", {"_lo": "_pv_lo", "_hi": "_pv_hi"}),
                         on="_prevk", how="left")  # fmt: skip
    else:
        rows = rows.with_columns(_pv_lo=_null(), _pv_hi=_null())
    # The target in force: the most specific setting whose period contains the period.
    if plan.setting_periods:
        # No two settings' periods overlap: one join on the measure and the setting period.
        width = plan.setting_periods
        found = (nw.col("_spid") >= 0) & nw.col("_m").is_null().__invert__()
        key = nw.when(found).then(nw.col("_m") * width + nw.col("_spid")).otherwise(nw.lit(-1))
        rows = rows.with_columns(_sk=key.cast(nw.Int64()))
        settings = settings.with_columns(_sk=nw.col("_m") * width + nw.col("_spid"))
        rows = rows.join(settings.drop("_m", "_spid"), on="_sk", how="left")
    else:
        # The share table holds every pair of a setting's period and a rated period inside it.
        in_force = (
            settings.select("_m", "_s", "_sp")
            .join(shares.select("_sp", "_p"), on="_sp")
            .with_columns(_k=keyed.of("_p"))
            .group_by("_k")
            .agg(nw.col("_s").min())
            .join(settings.drop("_m", "_spid"), on="_s", how="left")
        )
        rows = rows.join(in_force, on="_k", how="left")
    rows = rows.join(shares, on=["_sp", "_p"], how="left")
    # The running total before the target's period began, which only cumulative ones read.
    if "cumulative" in plan.kinds:
        rows = rows.with_columns(_basek=keyed.of("_base"))
        rows = rows.join(_lookup(obs, "_basek", {"_cum": "_b_cum"}), on="_basek", how="left")
    else:
        rows = rows.with_columns(_b_cum=_null())
    # The year to date: each observation counts towards the periods whose year to date it
    # is in, so the figures are summed by the key of the period they count towards.
    # A measure of the latest figure, or one already cumulative, has its own figure.
    needed = (nw.col("_k") >= 0) & ~nw.col("_agg").is_in(["latest", "already_cumulative"])
    ytd = (
        source.filter(needed)
        .select(nw.col("_m"), nw.col("_p").alias("_q"), "_lo", "_hi", "_num", "_den")
        .join(to_date, on="_q")
        .with_columns(_k=keyed.of("_p"))
        .group_by("_k")
        .agg(
            nw.col("_lo").count().alias("_y_n"),
            nw.col("_num").count().alias("_y_n_num"),
            nw.col("_lo").sum().alias("_y_sum_lo"),
            nw.col("_hi").sum().alias("_y_sum_hi"),
            nw.col("_lo").min().alias("_y_min_lo"),
            nw.col("_hi").min().alias("_y_min_hi"),
            nw.col("_lo").max().alias("_y_max_lo"),
            nw.col("_hi").max().alias("_y_max_hi"),
            nw.col("_num").sum().alias("_y_num"),
            nw.col("_den").sum().alias("_y_den"),
        )
    )
    rows = rows.join(ytd, on="_k", how="left")
    rows = _year_to_date(rows)
    rows = _direction(rows, policy)
    if charts is not None:  # a row of a measure not given has no chart: not comparable
        rows = rows.join(charts, on="_k", how="left").with_columns(
            _direction=nw.col("_spc_direction").fill_null(Direction.NOT_COMPARABLE.value)
        )
        # The change is still the figures' own, given where the chart compares at all.
        comparable = nw.col("_direction") != Direction.NOT_COMPARABLE.value
        rows = rows.with_columns(
            _change=nw.when(comparable).then(nw.col("_change")).otherwise(_null())
        )
    return _status(rows, _Rater(policy), spc=charts is not None)


def _year_to_date(rows: Any) -> Any:
    agg = nw.col("_agg")
    complete = (nw.col("_n_todate") > 0) & (nw.col("_y_n") == nw.col("_n_todate"))
    point = agg.is_in(["latest", "already_cumulative"])
    n = nw.col("_n_todate").cast(nw.Float64())
    scale = nw.when(nw.col("_pct")).then(nw.lit(100.0)).otherwise(nw.lit(1.0))
    ratio = complete & (nw.col("_y_n_num") == nw.col("_n_todate")) & (nw.col("_y_den") != 0)
    ratio_value = nw.col("_y_num") * scale / nw.col("_y_den")

    def ends(low: bool) -> Any:
        side = "lo" if low else "hi"
        return _cases(
            [
                (point, nw.col(f"_{side}")),
                (agg == "ratio", nw.when(ratio).then(ratio_value).otherwise(_null())),
                (~complete, _null()),
                (agg == "sum", nw.col(f"_y_sum_{side}")),
                (agg == "mean", nw.col(f"_y_sum_{side}") / n),
                (agg == "min", nw.col(f"_y_min_{side}")),
                (agg == "max", nw.col(f"_y_max_{side}")),
            ],
            _null(),
        )

    return rows.with_columns(_y_lo=ends(low=True), _y_hi=ends(low=False))


def _direction(rows: Any, policy: RagPolicy) -> Any:
    now = (nw.col("_lo") + nw.col("_hi")) / 2
    then = (nw.col("_c_lo") + nw.col("_c_hi")) / 2
    change = _snap(now - then, now, then)
    minimum = policy.minimum_change
    amount = float(minimum.amount)
    allowed = then.abs() * amount if minimum.kind == "relative" else nw.lit(amount)
    comparable = (
        nw.col("_lo").is_null().__invert__()
        & nw.col("_c_lo").is_null().__invert__()
        & (nw.col("_st").fill_null("normal") != ObservationStatus.BREAK.value)
    )
    polarity = nw.col("_polarity")
    direction = _cases(
        [
            (~comparable, nw.lit(Direction.NOT_COMPARABLE.value)),
            ((change == 0) | _at_most(change.abs(), allowed), nw.lit(Direction.NO_CHANGE.value)),
            (
                polarity == "neutral",
                nw.when(change > 0)
                .then(nw.lit(Direction.INCREASING.value))
                .otherwise(nw.lit(Direction.DECREASING.value)),
            ),
            (
                (change > 0) == (polarity == "higher_is_better"),
                nw.lit(Direction.IMPROVING.value),
            ),
        ],
        nw.lit(Direction.WORSENING.value),
    )
    return rows.with_columns(
        _direction=direction,
        _change=nw.when(comparable).then(change).otherwise(_null()),
    )


def _status(rows: Any, rater: _Rater, *, spc: bool) -> Any:
    kind = nw.col("_t_kind")
    goal = nw.col("_t_goal")
    polarity = nw.col("_polarity")
    agg = nw.col("_agg")
    share = nw.col("_share")
    is_level = kind.is_in(["threshold", "range"])
    profiled = is_level & share.is_null().__invert__() & agg.is_in(["sum", "already_cumulative"])
    has_cum = nw.col("_cum").is_null().__invert__()
    # The goal's shape: a bare target takes the measure's polarity; a cumulative one too.
    shape = _cases(
        [
            (
                goal == "bare",
                _cases(
                    [
                        (polarity == "higher_is_better", nw.lit("at_least")),
                        (polarity == "lower_is_better", nw.lit("at_most")),
                    ],
                    nw.lit(None, dtype=nw.String()),
                ),
            ),
            (
                goal == "cumulative",
                nw.when(polarity == "lower_is_better")
                .then(nw.lit("at_most"))
                .otherwise(nw.lit("at_least")),
            ),
            (goal == "change", nw.lit("at_least")),
        ],
        goal,
    )
    now = (nw.col("_lo") + nw.col("_hi")) / 2
    before = (nw.col("_pv_lo") + nw.col("_pv_hi")) / 2
    change = now - before
    progress = nw.when(polarity == "lower_is_better").then(-change).otherwise(change)
    cum_figure = (kind == "cumulative") & has_cum
    cum_value = (kind == "cumulative") & ~has_cum & (agg == "already_cumulative")

    def figure(side: str) -> Any:
        return _cases(
            [
                (is_level & ~profiled, nw.col(f"_{side}")),
                (profiled, nw.col(f"_y_{side}")),
                (cum_figure, nw.col("_cum")),
                (cum_value, nw.col(f"_{side}")),
                (kind == "cumulative", nw.col(f"_y_{side}")),
                (kind == "change", progress),
            ],
            _null(),
        )

    rows = rows.with_columns(
        _shape=shape,
        _f_lo=figure("lo"),
        _f_hi=figure("hi"),
        _baseline=nw.when(cum_figure).then(nw.col("_b_cum").fill_null(0.0)).otherwise(0.0),
        _rated_change=change,
    )
    baseline = nw.col("_baseline")
    whole = nw.col("_t_low")
    required = (
        nw.col("_t_amount")
        * nw.col("_months").cast(nw.Float64())
        / nw.col("_t_per_months").cast(nw.Float64())
    )

    def due(side: str) -> Any:
        target = nw.col(f"_t_{side}")
        return _cases(
            [
                (is_level & ~profiled, target),
                (profiled, target * share),
                (
                    kind == "cumulative",
                    nw.when(share.is_null())
                    .then(whole)
                    .otherwise(baseline + (whole - baseline) * share),
                ),
                (kind == "change", required),
            ],
            _null(),
        )

    value_missing = nw.col("_lo").is_null()
    f_missing = nw.col("_f_lo").is_null()
    reason = _cases(
        [
            (polarity.is_null(), nw.lit("unknown_measure")),
            (kind.is_null(), nw.lit("no_target_in_force")),
            (kind == "not_applicable", nw.lit("target_not_applicable")),
            (kind == "none", nw.lit("no_target_set")),
            (value_missing, nw.lit("no_value")),
            ((kind == "change") & (polarity == "neutral"), nw.lit("change_needs_polarity")),
            ((kind == "change") & nw.col("_months").is_null(), nw.lit("change_period_kind")),
            ((kind == "change") & nw.col("_pv_lo").is_null(), nw.lit("no_previous_value")),
            (kind == "change", nw.lit("change")),
            ((kind == "cumulative") & f_missing, nw.lit("no_year_to_date")),
            ((kind == "cumulative") & share.is_null(), nw.lit("cumulative")),
            (kind == "cumulative", nw.lit("cumulative_due")),
            (profiled & f_missing, nw.lit("no_year_to_date")),
            (nw.col("_shape").is_null(), nw.lit("needs_polarity")),
            (profiled, nw.lit("target_due")),
        ],
        nw.lit("target"),
    )
    rows = rows.with_columns(_reason=reason, _g_lo=due("low"), _g_hi=due("high"))
    rated = nw.col("_reason").is_in(list(_RATED))
    strict = nw.col("_t_strict").fill_null(value=False)
    rows = rater.rate(rows, "_r", ("_shape", "_g_lo", "_g_hi", strict), ("_f_lo", "_f_hi"))
    rows = rows.with_columns(
        _bad=nw.when(rated).then(nw.col("_r_bad").cast(nw.Float64())).otherwise(_null()),
        _margin=nw.when(rated).then(nw.col("_r_margin")).otherwise(_null()),
        _ref=nw.when(rated).then(nw.col("_r_ref")).otherwise(_null()),
    )
    # The year-end forecast, rated against the whole target.
    forecasts = (
        nw.col("_reason").is_in(["target_due", "cumulative_due"])
        & (nw.col("_f_lo") == nw.col("_f_hi"))
        & (share > 0)
    )
    forecast = baseline + (nw.col("_f_lo") - baseline) / share
    rows = rows.with_columns(_forecast=nw.when(forecasts).then(forecast).otherwise(_null()))
    rows = rater.rate(
        rows, "_fc", ("_shape", "_t_low", "_t_high", strict & (kind != "cumulative")),
        ("_forecast", "_forecast"),
    )  # fmt: skip
    full_bad = nw.col("_fc_bad")
    reference = nw.col("_ref")
    point = nw.col("_lo") == nw.col("_hi")
    y_point = nw.col("_y_lo") == nw.col("_y_hi")
    return rows.select(
        nw.col("measure_ref"),
        nw.col("_label").alias("period"),
        nw.col("_start").alias("period_start"),
        nw.col("_end").alias("period_end"),
        nw.when(point).then(nw.col("_lo")).otherwise(_null()).alias("value"),
        nw.when(~point).then(nw.col("_lo")).otherwise(_null()).alias("value_low"),
        nw.when(~point).then(nw.col("_hi")).otherwise(_null()).alias("value_high"),
        _cases(
            [
                (nw.col("_st").is_null().__invert__(), nw.col("_st")),
                (value_missing, nw.lit(ObservationStatus.MISSING.value)),
            ],
            nw.lit(ObservationStatus.NORMAL.value),
        ).alias("quality"),
        nw.col("_t_text").alias("target"),
        nw.col("_t_period").alias("target_period"),
        _rag(nw.col("_bad")).fill_null(Rag.NOT_RATED.value).alias("status"),
        nw.col("_reason").alias("reason"),
        nw.col("_margin").alias("margin"),
        nw.when(reference != 0).then(nw.col("_margin") / reference.abs())
        .otherwise(_null()).alias("relative_margin"),
        nw.when(rated).then(nw.col("_g_lo")).otherwise(_null()).alias("due_low"),
        nw.when(rated).then(nw.col("_g_hi")).otherwise(_null()).alias("due_high"),
        nw.col("_direction").alias("direction"),
        *((nw.col("_variation").alias("variation"), nw.col("_assurance").alias("assurance"))
          if spc else ()),
        nw.col("_cmplabel").alias("comparison_period"),
        nw.col("_change").alias("change"),
        nw.when(y_point).then(nw.col("_y_lo")).otherwise(_null()).alias("ytd"),
        nw.when(~y_point).then(nw.col("_y_lo")).otherwise(_null()).alias("ytd_low"),
        nw.when(~y_point).then(nw.col("_y_hi")).otherwise(_null()).alias("ytd_high"),
        nw.col("_forecast").alias("forecast"),
        nw.when(nw.col("_forecast").is_null().__invert__()).then(_rag(full_bad))
        .otherwise(nw.lit(None, dtype=nw.String())).alias("forecast_status"),
    )  # fmt: skip
