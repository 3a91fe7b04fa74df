"""Benchmark: evaluating large synthetic scorecards, and the cost of importing the library.

Run from the project root::

    .venv/bin/python benchmarks/bench_evaluate.py            # 100,000 and 1,000,000
    .venv/bin/python benchmarks/bench_evaluate.py --sizes 100000

For each size it builds a scorecard of ``size`` observations (quarterly figures of many
measures over five financial years, with a mix of target kinds and aggregations), then
evaluates every period, and prints the time per observation. The ratio between two sizes
shows whether the cost is linear.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from decimal import Decimal

from kpi_scorecard import (
    Aggregation,
    Measure,
    Observation,
    Period,
    Polarity,
    RagPolicy,
    Scorecard,
    TargetSetting,
    Tolerance,
    evaluate,
)

YEARS = 5
QUARTERS = 4 * YEARS
TARGETS = ("<18%", "85%", "40%-60%", "N/A", ">50%", "")
AGGREGATIONS = (Aggregation.LATEST, Aggregation.SUM, Aggregation.ALREADY_CUMULATIVE)


def build(size: int, seed: int = 2019) -> tuple[Scorecard, list[Period]]:
    """A scorecard of ``size`` observations: size / 20 measures, 20 quarters each."""
    rng = random.Random(seed)
    periods = [
        Period.financial_quarter(2015 + year, quarter)
        for year in range(YEARS)
        for quarter in range(1, 5)
    ]
    years = [Period.financial_year(2015 + year) for year in range(YEARS)]
    measures = []
    targets = []
    observations = []
    for number in range(size // QUARTERS):
        reference = f"M{number:07d}"
        aggregation = AGGREGATIONS[number % len(AGGREGATIONS)]
        measures.append(
            Measure(
                reference=reference,
                unit="percent",
                polarity=Polarity.LOWER_IS_BETTER if number % 2 else Polarity.HIGHER_IS_BETTER,
                aggregation=aggregation,
            )
        )
        for year in years:
            text = TARGETS[(number + year.start.year) % len(TARGETS)]
            targets.append(TargetSetting(measure_ref=reference, period=year, target=text))
        for period in periods:
            value = Decimal(rng.randrange(0, 1000)) / 10
            observations.append(Observation(measure_ref=reference, period=period, value=value))
    card = Scorecard(
        title="Synthetic", measures=measures, targets=targets, observations=observations
    )
    return card, periods


def time_evaluation(size: int) -> tuple[float, float]:
    """Seconds to build, and to evaluate every period, of a scorecard of ``size``."""
    started = time.perf_counter()
    card, periods = build(size)
    built = time.perf_counter() - started
    policy = RagPolicy(tolerance=Tolerance.relative(Decimal("0.03")))
    started = time.perf_counter()
    rated = 0
    for period in periods:
        rated += len(evaluate(card, period, policy=policy))
    evaluated = time.perf_counter() - started
    if rated != len(card.measures) * len(periods):
        msg = f"rated {rated} assessments, expected {len(card.measures) * len(periods)}"
        raise RuntimeError(msg)
    return built, evaluated


def import_time(module: str, runs: int = 7) -> float:
    """Median seconds for ``import module`` in a fresh interpreter."""
    samples = []
    for _ in range(runs):
        code = (
            f"import time; s = time.perf_counter(); import {module}; print(time.perf_counter() - s)"
        )
        out = subprocess.run(  # noqa: S603 - runs this same interpreter on a fixed snippet
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        )
        samples.append(float(out.stdout))
    return statistics.median(samples)


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()

    kpi, pydantic = import_time("kpi_scorecard"), import_time("pydantic")
    print(f"import kpi_scorecard: {kpi * 1000:.0f} ms (pydantic alone: {pydantic * 1000:.0f} ms)")
    print()
    print("| observations | build (s) | evaluate (s) | evaluate per observation (µs) |")
    print("|---:|---:|---:|---:|")
    per: dict[int, float] = {}
    for size in args.sizes:
        built, evaluated = time_evaluation(size)
        per[size] = evaluated
        print(f"| {size:,} | {built:.2f} | {evaluated:.2f} | {evaluated / size * 1e6:.2f} |")
    if len(per) > 1:
        small, large = min(per), max(per)
        print(f"\nevaluate time ratio {large:,} / {small:,}: {per[large] / per[small]:.2f}")


if __name__ == "__main__":
    main()
