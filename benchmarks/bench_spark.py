"""Benchmark: rating observations with evaluate_frame on a local PySpark session.

Run from the project root, with the frames extra, pyspark and Java 17 or later::

    .venv/bin/python benchmarks/bench_spark.py                 # 1,000,000 observations
    .venv/bin/python benchmarks/bench_spark.py --sizes 100000

It builds the synthetic scorecard of ``bench_evaluate`` (quarterly figures over five
financial years, level targets for each year), writes its observations as Parquet (not
timed), reads them into a ``local[2]`` session and times ``evaluate_frame`` computed in
full into Spark's ``noop`` sink: the time includes planning, the one small job that reads
the distinct periods, and the run. Memory is the peak resident memory of the driver's Java
process, which holds the data, per observation (its high-water mark, reset before the step).
``bench_frames.py`` measures the same rating on polars, pandas and DuckDB.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench_evaluate import build

from kpi_scorecard import RagPolicy, Tolerance
from kpi_scorecard.frames import evaluate_frame, to_frame

TOLERANCE = Decimal("0.03")


def peak_rss(process: str) -> int:
    """A process's peak resident memory in bytes since the last reset (Linux)."""
    for line in Path(f"/proc/{process}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def measured(step: Callable[[], Any], process: str) -> tuple[float, int]:
    """Seconds the step took, and the memory it added to ``process`` at its peak."""
    gc.collect()
    Path(f"/proc/{process}/clear_refs").write_text("5")
    before = peak_rss(process)
    started = time.perf_counter()
    step()
    return time.perf_counter() - started, peak_rss(process) - before


def run(size: int, folder: Path) -> None:
    """Time one size on Spark and print its line of the table."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - pyspark is optional

    card, _ = build(size)
    policy = RagPolicy(tolerance=Tolerance.relative(TOLERANCE))
    session = (
        SparkSession.builder.master("local[2]")
        .appName("bench_spark")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        # A few shuffle partitions per core, not the 200 meant for a cluster.
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    path = folder / f"observations-{size}.parquet"
    to_frame(card, "polars").write_parquet(path)
    observations = session.read.parquet(str(path))

    def step() -> None:
        rated = evaluate_frame(observations, card, policy=policy)
        rated.write.format("noop").mode("overwrite").save()

    jvm = str(session.sparkContext._gateway.proc.pid)  # type: ignore[union-attr]
    seconds, memory = measured(step, jvm)
    print(
        f"| {size:,} | evaluate_frame, Spark local[2] | {seconds:.2f} "
        f"| {seconds / size * 1e6:.2f} | {memory / size:,.0f} |"
    )


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    args = parser.parse_args()
    print("| observations | what | seconds | µs per observation | peak bytes per observation |")
    print("|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            run(size, Path(folder))


if __name__ == "__main__":
    main()
