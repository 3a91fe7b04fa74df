"""Benchmark: evaluating large synthetic scorecards, and the cost of importing the library.

Run from the project root::

    .venv/bin/python benchmarks/bench_evaluate.py            # 100,000 and 1,000,000
    .venv/bin/python benchmarks/bench_evaluate.py --sizes 100000

It first times, each in a fresh interpreter, ``import kpi_scorecard`` against
``import pydantic``, and the first use ``from kpi_scorecard import Scorecard, evaluate``
against ``from pydantic import BaseModel``: the package's names are imported when first
read, so the first line costs little and the second pays for the models.

Then, for each size, it builds a scorecard of ``size`` observations (quarterly figures of
many measures over five financial years, with a mix of target kinds and aggregations),
evaluates every period, and prints the time per observation. The ratio between two sizes
shows whether the cost is linear.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def time_evaluation(size: int) -> tuple[float, float, float]:
    """Seconds to build a scorecard of ``size`` observations, and to evaluate every period.

    Evaluation is timed twice: reading each assessment's status (what a batch that counts
    or filters ratings does), and also reading its three sentences (what a report does;
    they are written on first read).
    """
    started = time.perf_counter()
    card, periods = build(size)
    built = time.perf_counter() - started
    policy = RagPolicy(tolerance=Tolerance.relative(Decimal("0.03")))
    timings = []
    for explained in (False, True):
        started = time.perf_counter()
        rated = 0
        for period in periods:
            for assessment in evaluate(card, period, policy=policy):
                rated += assessment.status is not None
                if explained:
                    _ = (assessment.explanation, assessment.direction_explanation)
        timings.append(time.perf_counter() - started)
        if rated != len(card.measures) * len(periods):
            msg = f"rated {rated} assessments, expected {len(card.measures) * len(periods)}"
            raise RuntimeError(msg)
    return built, timings[0], timings[1]


# What is timed, each in a fresh interpreter: importing the package, against importing
# pydantic; and importing the names a first program uses, against importing BaseModel.
FIRST_USE = ("from pydantic import BaseModel", "from kpi_scorecard import Scorecard, evaluate")
IMPORTS = ("import pydantic", "import kpi_scorecard", *FIRST_USE)


def import_times(statements: Sequence[str], runs: int = 7) -> dict[str, float]:
    """Median seconds of each import statement, each run in a fresh interpreter.

    The statements take turns, run after run, so that a change in the machine's load
    weighs on all of them alike. One untimed run first writes the bytecode caches (even
    under ``PYTHONDONTWRITEBYTECODE``), so that the library is read from bytecode, as
    pydantic is and as an installed wheel would be.
    """
    warm = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    samples: dict[str, list[float]] = {statement: [] for statement in statements}
    for run in range(runs + 1):
        for statement in statements:
            code = (
                f"import time; s = time.perf_counter(); {statement}; print(time.perf_counter() - s)"
            )
            out = subprocess.run(  # noqa: S603 - runs this same interpreter on a fixed snippet
                [sys.executable, "-c", code],
                check=True,
                capture_output=True,
                text=True,
                env=warm if run == 0 else None,
            )
            if run:
                samples[statement].append(float(out.stdout))
    return {statement: statistics.median(times) for statement, times in samples.items()}


def print_import_times(runs: int) -> None:
    """Print the import table: milliseconds, and ratios to the two pydantic imports."""
    times = import_times(IMPORTS, runs)
    pydantic, base_model = times["import pydantic"], times["from pydantic import BaseModel"]
    print(f"Import, each in a fresh interpreter (median of {runs}):")
    print()
    print("| statement | ms | / `import pydantic` | / `from pydantic import BaseModel` |")
    print("|---|---:|---:|---:|")
    for statement in IMPORTS:
        took = times[statement]
        to_base_model = f"{took / base_model:.2f}" if statement in FIRST_USE else ""
        print(f"| `{statement}` | {took * 1000:.0f} | {took / pydantic:.2f} | {to_base_model} |")


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--import-runs", type=int, default=7, help="fresh interpreters per line")
    args = parser.parse_args()

    print_import_times(args.import_runs)
    print()
    print(
        "| observations | build (s) | evaluate (s) | µs per observation "
        "| evaluate and read the sentences (s) | µs per observation |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    per: dict[int, float] = {}
    for size in args.sizes:
        built, evaluated, explained = time_evaluation(size)
        per[size] = evaluated
        print(
            f"| {size:,} | {built:.2f} | {evaluated:.2f} | {evaluated / size * 1e6:.1f} "
            f"| {explained:.2f} | {explained / size * 1e6:.1f} |"
        )
    if len(per) > 1:
        small, large = min(per), max(per)
        print(f"\nevaluate time ratio {large:,} / {small:,}: {per[large] / per[small]:.2f}")


if __name__ == "__main__":
    main()
