"""The engine's quick path rates every row it takes exactly as the general path does.

The quick path (``_engine._rate_quickly``) takes the common rows (a level target, N/A or
none, on a ``latest``, ``sum`` or ``already_cumulative`` measure of figures) and leaves
the rest to the general one (``_engine._rate``). This is the second implementation the
quick path is checked against: on generated scorecards, under policies of every kind, for
every measure (each also as every aggregation the quick path takes) and period, a row the
quick path gives is the general path's, figure for figure and digit for digit.
"""

import warnings
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kpi_scorecard import AveragedPercentageWarning, Period, RagPolicy, evaluate
from kpi_scorecard._numbers import exact_arithmetic
from kpi_scorecard.evaluation._columns import Frame, scaled_due
from kpi_scorecard.evaluation._engine import (
    _NO_SETTING,
    _QUICK_AGGREGATIONS,
    _quick_goals,
    _quick_policy,
    _rate,
    _rate_quickly,
)
from kpi_scorecard.evaluation._plan import UNREAD, lay_out, plan_of, position_in_force

from .conftest import Q1, card
from .test_properties import QUARTERS, policies, scorecards

POLICIES = st.one_of(
    policies,
    st.sampled_from(
        [
            RagPolicy(comparison="same_period_last_year", minimum_change="1%"),
            RagPolicy(rules="green if met; amber if within 10% and improving; red otherwise"),
            RagPolicy(tolerance="2 points", yellow_tolerance="1 point"),
        ]
    ),
)
PERIODS = [*QUARTERS, "2019/20", "2018/19", "Apr 2019"]


def read_once(plan, at, position, setting, polarity):
    """The slot of a setting, read into the plan once, as within one run."""
    where = plan.offsets[at] + position
    if plan.slots[where] is UNREAD:
        plan.slots[where] = _quick_goals(setting, polarity, plan.read)
    return plan.slots[where]


def exactly(row: tuple) -> str:
    """A row written out so that figures equal in value but not in digits differ."""
    return repr(row)


@given(scorecard=scorecards(), policy=POLICIES, sparse=st.sampled_from([8, 0]))
def test_the_quick_path_rates_as_the_general_path(scorecard, policy, sparse):
    """Every row the quick path takes, it rates as the general path does.

    With ``sparse`` 0, no period has a column of the plan's, and each frame lays its own out.
    """
    # Each measure's slots of goals are shared by every row, as within one run.
    plan = lay_out(scorecard, sparse)
    for label in PERIODS:
        frame = Frame.of(Period.parse(label), policy)
        columns = plan.for_frame(frame.keys)
        for at, measure in enumerate(scorecard.measures):
            series, settings = plan.series[at], plan.settings[at]
            position = position_in_force(plan.shapes[at], frame.period)
            setting = settings[position] if position is not None else None
            slot = _NO_SETTING
            if setting is not None:
                slot = read_once(plan, at, position, setting, measure.polarity)
            tolerance = policy.tolerance_for(measure.reference)
            for aggregation in (measure.aggregation, *_QUICK_AGGREGATIONS):
                variant = measure.model_copy(update={"aggregation": aggregation})
                profiled = _QUICK_AGGREGATIONS.get(aggregation)
                with exact_arithmetic(), warnings.catch_warnings():
                    warnings.simplefilter("ignore", AveragedPercentageWarning)
                    general = _rate(frame, variant, series, setting, tolerance, explain=False)
                    if profiled is None or slot is None:
                        continue
                    quick = _rate_quickly(
                        frame, columns, at, measure.polarity, aggregation, slot, tolerance,
                        profiled,
                    )  # fmt: skip
                    if quick is not None and isinstance(quick[9], Decimal):
                        # A quick row keeps the share due: the target due is worked out
                        # from it when read, and must be the general path's own.
                        due = scaled_due(setting.target, measure.polarity, quick[9])
                        quick = (*quick[:9], due, *quick[10:])
                if quick is not None:
                    assert exactly(quick) == exactly(general)


def test_the_quick_path_takes_the_common_rows():
    """A level target on a figure takes the quick path; a band or a change target does not."""
    policy = RagPolicy()
    frame = Frame.of(Period.parse(Q1), policy)
    taken = {}
    for name, target, value in (
        ("level", "<18%", "17"),
        ("not applicable", "N/A", "17"),
        ("band", "<18%", {"value": "16-17"}),
        ("change", "1 per quarter", "17"),
    ):
        scorecard = card(target, {Q1: value})
        plan = plan_of(scorecard)
        measure = scorecard.measures[0]
        position = position_in_force(plan.shapes[0], frame.period)
        assert position is not None
        slot = read_once(plan, 0, position, plan.settings[0][position], measure.polarity)
        with exact_arithmetic():
            quick = slot and _rate_quickly(
                frame, plan.for_frame(frame.keys), 0, measure.polarity, measure.aggregation,
                slot, policy.tolerance, False,
            )  # fmt: skip
        taken[name] = quick is not None
        if quick is not None:
            assert quick[4] == (Decimal(1) if name == "level" else None)  # the margin
            assert evaluate(scorecard, Q1)[0].margin == quick[4]
    assert taken == {"level": True, "not applicable": True, "band": False, "change": False}


class WithAnOption(RagPolicy):
    """A policy with an option the quick path does not know."""

    direction_by: str = "travel"


def test_an_option_the_quick_path_does_not_know_sends_every_row_the_general_way():
    """The quick path is taken under the options it knows, and not once another is set."""
    assert _quick_policy(RagPolicy(tolerance="3%", rules=None, comparison="same_period_last_year"))
    assert _quick_policy(WithAnOption())
    assert not _quick_policy(WithAnOption(direction_by="spc"))
