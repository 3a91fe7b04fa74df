"""evaluate_frame with a policy that reads the direction by SPC gives evaluate_all's verdicts.

The charts are drawn by the object engine's own code over the figures of the frame, so
the direction, variation and assurance of every row must be those of the assessment, on
every backend; the figures here are whole numbers, which floats hold exactly.
"""

from decimal import Decimal

import pytest

from kpi_scorecard import (
    Measure,
    Observation,
    Period,
    RagPolicy,
    Scorecard,
    TargetSetting,
    evaluate_all,
)
from kpi_scorecard.evaluation import SpcSettings
from kpi_scorecard.frames import FrameSupportError, evaluate_frame, to_frame

from .backends import as_backend, pl, to_polars

pytestmark = pytest.mark.frames

BACKENDS = ("pandas", "polars", "polars-lazy", "duckdb", "pyarrow",
            pytest.param("spark", marks=pytest.mark.spark))  # fmt: skip

MONTHS = [Period.month(2018 + (3 + n) // 12, (3 + n) % 12 + 1) for n in range(20)]
# Twelve steady months, then a shift up: the last months are special cause.
FIGURES = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 12, 11, 15, 16, 17, 18, 19, 20, 21, 22]


def _card():
    """Four measures: a shift with a break in series, a target, a neutral one, too few points."""
    measures = [
        Measure(reference="BRK", unit="count", polarity="higher_is_better"),
        Measure(reference="TGT", unit="count", polarity="lower_is_better"),
        Measure(reference="NEU", unit="count", polarity="neutral"),
        Measure(reference="FEW", unit="count", polarity="higher_is_better"),
    ]
    observations = [
        Observation(measure_ref="BRK", period=period, value=Decimal(figure),
                    status="break" if n == 14 else "normal")
        for n, (period, figure) in enumerate(zip(MONTHS, FIGURES, strict=True))
    ]  # fmt: skip
    observations += [
        Observation(measure_ref=reference, period=period, value=Decimal(figure))
        for reference in ("TGT", "NEU")
        for period, figure in zip(MONTHS, FIGURES, strict=True)
    ]
    # A gap (a month with no figure) and only three figures.
    observations += [
        Observation(measure_ref="FEW", period=MONTHS[0], value=Decimal(3)),
        Observation(measure_ref="FEW", period=MONTHS[1], status="missing"),
        Observation(measure_ref="FEW", period=MONTHS[2], value=Decimal(4)),
        Observation(measure_ref="FEW", period=MONTHS[3], value=Decimal(9)),
    ]
    targets = [
        TargetSetting(measure_ref="TGT", period="2019/20", target="<=30"),
        TargetSetting(measure_ref="TGT", period="2018/19", target="<=12"),
        TargetSetting(measure_ref="BRK", period="2019/20", target="10-25"),
    ]
    return Scorecard(measures=measures, targets=targets, observations=observations)


CARD = _card()
POLICY = RagPolicy(direction="spc", spc=SpcSettings(minimum_points=6))
REPORTS = evaluate_all(CARD, policy=POLICY)


def _verdicts(assessment):
    variation, assurance = assessment.variation, assessment.assurance
    return (
        assessment.direction.value,
        None if variation is None else variation.value,
        None if assurance is None else assurance.value,
        None if assessment.change is None else float(assessment.change),
        assessment.status.value,
    )


def _row(row):
    found = ("direction", "variation", "assurance", "change", "status")
    return tuple(row[name] for name in found)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_row_as_evaluate_all_rates_it(backend, request):
    """Each observation's direction, variation and assurance are evaluate_all's."""
    spark = request.getfixturevalue("spark") if backend == "spark" else None
    frame = as_backend(to_frame(CARD, "polars"), backend, spark)
    rated = to_polars(evaluate_frame(frame, CARD, policy=POLICY))
    assert len(rated) == len(CARD.observations)
    for row in rated.iter_rows(named=True):
        assessment = REPORTS[Period.parse(row["period"])][row["measure_ref"]]
        assert _row(row) == _verdicts(assessment), (row["measure_ref"], row["period"])
    # The verdicts the card was built to show all turn up.
    found = set(rated["variation"].to_list()) | set(rated["assurance"].to_list())
    assert {None, "common_cause", "special_cause_improving", "special_cause_concerning",
            "special_cause_high", "consistently_passing", "hit_and_miss"} <= found  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_period_as_evaluate_all_rates_it(backend, request):
    """Rated for one period, each measure has that period's verdicts, none for no figure."""
    spark = request.getfixturevalue("spark") if backend == "spark" else None
    frame = as_backend(to_frame(CARD, "polars"), backend, spark)
    for period in (MONTHS[-1], MONTHS[14], MONTHS[1]):
        rated = to_polars(evaluate_frame(frame, CARD, period=period, policy=POLICY))
        assert sorted(rated["measure_ref"].to_list()) == ["BRK", "FEW", "NEU", "TGT"]
        for row in rated.iter_rows(named=True):
            assert _row(row) == _verdicts(REPORTS[period][row["measure_ref"]]), row


# By hand, with minimum_points=6: BRK breaks in June 2019, so June to October have fewer
# than 6 figures in their segment. TGT and NEU over all 20 months: mean 279/20 = 13.95,
# and the last 7 (16 to 22) above it, a run; for TGT, lower is better, so a concern.
EXPECTED = [
    # measure, period, direction, variation
    ("BRK", "March 2019", "no_change", "common_cause"),  # steady twelve months
    ("BRK", "June 2019", "not_comparable", None),  # the break: a segment of one point
    ("BRK", "October 2019", "not_comparable", None),  # five points since the break
    # Six rising points 17 to 22: mean 19.5, limits 16.84 to 22.16, and a trend needs 7.
    ("BRK", "November 2019", "no_change", "common_cause"),
    ("FEW", "July 2018", "not_comparable", None),  # three figures and a gap
    ("NEU", "November 2019", "increasing", "special_cause_high"),
    ("TGT", "November 2019", "worsening", "special_cause_concerning"),
]


def test_hand_worked_rows():
    """Rows whose verdict follows from the figures by hand, lazily rated."""
    rated = evaluate_frame(to_frame(CARD, "polars").lazy(), CARD, policy=POLICY)
    assert isinstance(rated, pl.LazyFrame)
    found = {(r["measure_ref"], r["period"]): (r["direction"], r["variation"])
             for r in rated.collect().iter_rows(named=True)}  # fmt: skip
    for reference, period, direction, variation in EXPECTED:
        assert found[reference, period] == (direction, variation), (reference, period)


def test_columns_only_with_spc():
    """Variation and assurance columns come after direction with SPC, and only with it."""
    frame = to_frame(CARD, "polars")
    plain = evaluate_frame(frame, CARD).columns
    spc = evaluate_frame(frame, CARD, policy=POLICY).columns
    assert "variation" not in plain
    assert "assurance" not in plain
    at = plain.index("direction") + 1
    assert spc == [*plain[:at], "variation", "assurance", *plain[at:]]


def test_an_unknown_measure_is_not_comparable():
    """A row of a measure not among those given has no chart: not comparable, no verdicts."""
    frame = to_frame(CARD, "polars")
    rated = evaluate_frame(frame, CARD.measures[:1], policy=POLICY)
    other = rated.filter(pl.col("measure_ref") != "BRK")
    assert set(other["reason"].to_list()) == {"unknown_measure"}
    assert set(other["direction"].to_list()) == {"not_comparable"}
    assert other["variation"].null_count() == len(other)


def test_status_rules_are_refused_with_spc_too():
    """Status rules are refused with SPC as with the change: evaluate_all rates them."""
    policy = RagPolicy(direction="spc", rules="green if met; amber if improving; red otherwise")
    with pytest.raises(FrameSupportError) as caught:
        evaluate_frame(to_frame(CARD, "polars"), CARD, period=MONTHS[-1], policy=policy)
    assert caught.value.code == "unsupported_policy"
    assert "evaluate_all" in str(caught.value)
