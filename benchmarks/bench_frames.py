"""Benchmark: rating a million observations with evaluate_frame, against plain polars.

Run from the project root, with the frames extra and polars installed::

    .venv/bin/python benchmarks/bench_frames.py                 # 1,000,000 observations
    .venv/bin/python benchmarks/bench_frames.py --sizes 100000
    .venv/bin/python benchmarks/bench_frames.py --backends spark  # PySpark, local[2]

For each size it builds the synthetic scorecard of ``bench_evaluate`` (quarterly figures
over five financial years, level targets for each year) and writes its observations as a
polars frame and as tidy CSV (not timed), then times

- ``evaluate_frame`` on the polars frame, eager and lazy (collected);
- the peer: a plain polars script, written out below, that rates the same observations
  by the same rules for these targets (the target in force, bare targets by polarity,
  ceilings, floors and ranges, the relative tolerance, the direction of travel);
- ``kpi_scorecard.serializers.csv.loads`` of the same observations, for scale;
- with ``--backends spark`` (needs pyspark and Java 17 or later), ``evaluate_frame`` on a
  Spark DataFrame read from the same observations written as Parquet (not timed), in a
  local session on two cores, computed in full into Spark's ``noop`` sink: the time
  includes planning, the one small job that reads the distinct periods, and the run;

and the peak resident memory of each, per observation (the process's high-water mark,
reset before each step; for Spark, the driver's Java process's, which holds the data).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from bench_evaluate import build

from kpi_scorecard import RagPolicy, Scorecard, Tolerance
from kpi_scorecard.frames import evaluate_frame, to_frame
from kpi_scorecard.serializers import csv as csv_format

TOLERANCE = Decimal("0.03")


def peak_rss(process: str = "self") -> int:
    """A process's peak resident memory in bytes since the last reset (Linux)."""
    for line in Path(f"/proc/{process}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def reset_peak(process: str = "self") -> int:
    """Reset a process's peak to its current resident memory, and return it."""
    gc.collect()
    Path(f"/proc/{process}/clear_refs").write_text("5")
    return peak_rss(process)


def measured(step: Callable[[], Any], process: str = "self") -> tuple[float, int]:
    """Seconds the step took, and the memory it added to ``process`` at its peak."""
    before = reset_peak(process)
    started = time.perf_counter()
    step()
    return time.perf_counter() - started, peak_rss(process) - before


def spark_steps(
    frame: pl.DataFrame, card: Scorecard, policy: RagPolicy, folder: Path
) -> tuple[Callable[[], Any], str]:
    """The Spark step over ``frame`` written as Parquet, and the driver JVM's process id."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - pyspark is optional

    session = (
        SparkSession.builder.master("local[2]")
        .appName("bench_frames")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        # A few shuffle partitions per core, not the 200 meant for a cluster.
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    path = folder / "observations.parquet"
    frame.write_parquet(path)
    observations = session.read.parquet(str(path))

    def step() -> None:
        rated = evaluate_frame(observations, card, policy=policy)
        rated.write.format("noop").mode("overwrite").save()

    jvm = session.sparkContext._gateway.proc.pid  # type: ignore[union-attr]
    return step, str(jvm)


def plain_polars(observations: pl.DataFrame, card: Scorecard) -> pl.DataFrame:
    """The peer: the same rating written directly in polars, for these targets only."""
    targets = pl.DataFrame(
        {
            "measure_ref": [s.measure_ref for s in card.targets],
            "t_start": [s.period.start for s in card.targets],
            "t_end": [s.period.end for s in card.targets],
            "target": [str(s.target) for s in card.targets],
        }
    ).with_columns(
        strict=pl.col("target").str.starts_with("<") | pl.col("target").str.starts_with(">"),
        below=pl.col("target").str.starts_with("<"),
        above=pl.col("target").str.starts_with(">"),
        low=pl.col("target").str.extract(r"([\d.]+)", 1).cast(pl.Float64),
        high=pl.col("target").str.extract(r"([\d.]+)%?$", 1).cast(pl.Float64),
        is_range=pl.col("target").str.contains(r"\d-"),
    )
    rows = (
        observations.select("measure_ref", "polarity", "period_start", "period_end", "value")
        .join(targets, on="measure_ref")
        .filter((pl.col("t_start") <= pl.col("period_start")) & (pl.col("period_end") <=
                                                                 pl.col("t_end")))
        .sort("measure_ref", "period_start")
    )  # fmt: skip
    lower = pl.col("below") | (
        ~pl.col("above") & ~pl.col("is_range") & (pl.col("polarity") == "lower_is_better")
    )
    margin = (
        pl.when(pl.col("is_range"))
        .then(pl.min_horizontal(pl.col("value") - pl.col("low"), pl.col("high") - pl.col("value")))
        .when(lower)
        .then(pl.col("high") - pl.col("value"))
        .otherwise(pl.col("value") - pl.col("low"))
    )
    reference = pl.when(lower).then(pl.col("high")).otherwise(pl.col("low"))
    met = (pl.col("margin") > 0) | ((pl.col("margin") == 0) & ~pl.col("strict"))
    allowed = reference.abs() * float(TOLERANCE)
    previous = pl.col("value").shift(1).over("measure_ref")
    change = pl.col("value") - previous
    better = pl.when(pl.col("polarity") == "lower_is_better").then(-change).otherwise(change)
    return rows.with_columns(margin=margin).with_columns(
        status=pl.when(met)
        .then(pl.lit("green"))
        .when((allowed > 0) & (-pl.col("margin") <= allowed))
        .then(pl.lit("amber"))
        .otherwise(pl.lit("red")),
        direction=pl.when(previous.is_null())
        .then(pl.lit("not_comparable"))
        .when(change == 0)
        .then(pl.lit("no_change"))
        .when(better > 0)
        .then(pl.lit("improving"))
        .otherwise(pl.lit("worsening")),
    )


def run(size: int, backends: Sequence[str]) -> None:
    """Time one size and print its lines of the table."""
    card, _ = build(size)
    frame = to_frame(card, "polars")
    policy = RagPolicy(tolerance=Tolerance.relative(TOLERANCE))
    steps: dict[str, tuple[Callable[[], Any], str]] = {}
    if "polars" in backends:
        text = csv_format.dumps(card)
        steps["evaluate_frame, polars eager"] = (
            lambda: evaluate_frame(frame, card, policy=policy), "self",
        )  # fmt: skip
        steps["evaluate_frame, polars lazy"] = (
            lambda: evaluate_frame(frame.lazy(), card, policy=policy).collect(), "self",
        )  # fmt: skip
        steps["plain polars script"] = (lambda: plain_polars(frame, card), "self")
        steps["csv.loads"] = (lambda: csv_format.loads(text), "self")
    with tempfile.TemporaryDirectory() as folder:
        if "spark" in backends:
            steps["evaluate_frame, Spark local[2]"] = spark_steps(frame, card, policy, Path(folder))
        for name, (step, process) in steps.items():
            seconds, memory = measured(step, process)
            print(
                f"| {size:,} | {name} | {seconds:.2f} | {seconds / size * 1e6:.2f} "
                f"| {memory / size:,.0f} |"
            )


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument(
        "--backends", nargs="+", choices=("polars", "spark"), default=["polars"],
        help="polars: evaluate_frame on polars, the plain script and csv.loads; spark: PySpark",
    )  # fmt: skip
    args = parser.parse_args()
    print("| observations | what | seconds | µs per observation | peak bytes per observation |")
    print("|---:|---|---:|---:|---:|")
    for size in args.sizes:
        run(size, args.backends)


if __name__ == "__main__":
    main()
