"""evaluate_frame: lazy in and lazy out, reason codes, and the kinds it refuses."""

import pytest

from kpi_scorecard import Measure, RagPolicy, Target, TargetSetting
from kpi_scorecard.frames import FrameSupportError, evaluate_frame
from kpi_scorecard.frames._evaluate import REASONS
from kpi_scorecard.frames._lookup import setting_rows

from .backends import duckdb, pl

pytestmark = pytest.mark.frames

MEASURES = [Measure(reference="M1", unit="%", polarity="lower_is_better")]
TARGETS = [TargetSetting(measure_ref="M1", period="2019/20", target="<18%")]
FRAME = pl.DataFrame(
    {"measure_ref": ["M1", "M1"], "period": ["Q4 2018/19", "Q1 2019/20"], "value": [19.0, 17.0]}
)


def test_polars_lazy_in_lazy_out():
    """A polars LazyFrame is rated into a LazyFrame, computed when collected."""
    rated = evaluate_frame(FRAME.lazy(), MEASURES, TARGETS)
    assert isinstance(rated, pl.LazyFrame)
    found = rated.sort("period_start").collect()
    assert found["status"].to_list() == ["not_rated", "green"]
    assert found["reason"].to_list() == ["no_target_in_force", "target"]


def test_duckdb_relation_in_relation_out():
    """A DuckDB relation is rated into a DuckDB relation."""
    rated = evaluate_frame(duckdb.from_arrow(FRAME.to_arrow()), MEASURES, TARGETS,
                           period="Q1 2019/20")  # fmt: skip
    assert isinstance(rated, duckdb.DuckDBPyRelation)
    assert rated.fetchall()[0][:2] == ("M1", "Q1 2019/20")
    assert pl.from_arrow(rated.to_arrow_table())["direction"].to_list() == ["improving"]


def test_every_period_of_one_measure_missing_a_figure():
    """Rating one period lists every measure, with no value where it has no figure."""
    measures = [*MEASURES, Measure(reference="M2")]
    rated = evaluate_frame(FRAME, measures, TARGETS, period="Q1 2019/20").sort("measure_ref")
    assert rated["reason"].to_list() == ["target", "no_target_in_force"]
    assert rated["quality"].to_list() == ["normal", "missing"]


def test_reasons_are_documented():
    """Every reason code the engine writes is listed with its meaning."""
    assert set(REASONS) == {
        "target", "target_due", "cumulative", "cumulative_due", "change", "unknown_measure",
        "no_target_in_force", "target_not_applicable", "no_target_set", "no_value",
        "needs_polarity", "change_needs_polarity", "change_period_kind", "no_previous_value",
        "no_year_to_date",
    }  # fmt: skip


class SpanTarget(Target):
    """A target kind the frame engine does not know."""


def test_unknown_target_kind_refused():
    """A target kind the engine has no rule for is refused by name, never rated wrongly."""
    setting = TargetSetting.model_construct(
        measure_ref="M1", period=TARGETS[0].period, target=SpanTarget.model_construct(),
        profile=None,
    )  # fmt: skip
    with pytest.raises(FrameSupportError) as caught:
        setting_rows([setting], {"M1": 0})
    assert caught.value.code == "unsupported_target"
    assert str(caught.value).startswith("evaluate_frame does not rate a SpanTarget (M1, 2019/20")


NESTED = [
    *TARGETS,
    TargetSetting(measure_ref="M1", period="Q1 2019/20", target="<16%"),  # inside the year
]


@pytest.mark.parametrize(
    ("settings", "target", "status"),
    [
        (TARGETS, "<18%", "green"),  # one setting a period: found by one join
        (NESTED, "<16%", "red"),  # a quarter's setting inside the year's: the quarter's
        ([*reversed(NESTED)], "<16%", "red"),  # in either order
    ],
)
def test_setting_in_force_is_the_most_specific(settings, target, status):
    """The target in force is the most specific setting whose period contains the period."""
    rated = evaluate_frame(FRAME, MEASURES, settings, period="Q1 2019/20")
    assert rated.select("target", "status").row(0) == (target, status)


def test_measure_not_described_is_not_rated_but_compared():
    """A measure observed but not among the measures is not rated, and keeps its change."""
    frame = pl.concat([FRAME, FRAME.with_columns(measure_ref=pl.lit("M9"))])
    rated = evaluate_frame(frame, MEASURES, TARGETS).filter(pl.col("measure_ref") == "M9")
    found = rated.sort("period_start").select("reason", "status", "change").rows()
    assert found == [("unknown_measure", "not_rated", None), ("unknown_measure", "not_rated", -2.0)]


def test_status_rules_are_refused_rather_than_rated_by_the_default_tolerance():
    """A policy of status rules is refused: the column engine would rate by tolerance."""
    from kpi_scorecard import Measure, TargetSetting  # noqa: PLC0415
    from kpi_scorecard.frames import FrameSupportError  # noqa: PLC0415

    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"measure_ref": ["M1"], "period": ["Q1 2019/20"], "value": [17.0]})
    policy = RagPolicy(rules="green if met; amber if within 10% and worsening; red otherwise")
    with pytest.raises(FrameSupportError) as caught:
        evaluate_frame(
            frame,
            [Measure(reference="M1", unit="%", polarity="lower_is_better")],
            [TargetSetting(measure_ref="M1", period="2019/20", target="<18%")],
            policy=policy,
        )
    assert caught.value.code == "unsupported_policy"
    assert "status rules" in str(caught.value)
