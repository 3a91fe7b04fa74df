"""Benchmark: rating millions of observations with evaluate_frame, against plain polars.

Run from the ``benchmarks`` folder, with the frames extra, polars, pandas and DuckDB::

    ../.venv/bin/python bench_frames.py                         # 1,000,000 and 10,000,000
    ../.venv/bin/python bench_frames.py --sizes 100000 --csv-up-to 100000

For each size it generates the synthetic scorecard of ``bench_evaluate`` (quarterly figures
over five financial years, a level target for each year; size / 20 measures) straight as
columns, and writes it once to a scratch folder: the observations as Parquet, the measures
and targets as Parquet, and the same scorecard as tidy CSV. Every case then runs in a fresh
interpreter of its own, which reads those files (not timed) and times one step:

- ``evaluate_frame`` on the observations as a polars frame (eager, and lazy then
  collected), a pandas frame and a DuckDB relation (fetched as Arrow), with the measures and
  targets as the library's model objects;
- the peer: a plain polars script, written out below, that rates the same observations
  by the same rules for these targets (the target in force, bare targets by polarity,
  ceilings, floors and ranges, the relative tolerance, the direction of travel), from the
  same target objects;
- ``kpi_scorecard.serializers.csv.loads`` of the same scorecard (up to ``--csv-up-to``
  observations: loading ten million takes minutes and about 10 GB).

With ``--repeat``, the cases run that many times in turns and the fastest run of each is
kept (on a shared machine, the slower runs measure the neighbours). Memory is the rise of
the process's resident high-water mark during the step, per observation (the mark is reset
before the step where Linux allows, and read from ``getrusage`` otherwise): it counts the
native memory of polars, Arrow and DuckDB, which ``tracemalloc`` does not see. The CPU
time (all threads) is given with the part of it the kernel spent for the process (system
time: mostly mapping in the fresh memory the step touches), and the CPU time the
hypervisor gave other machines meanwhile (stolen, over all of this machine's CPUs: on a
shared virtual machine, the share of a case's wall time that measures the neighbours).
Last, for each case, how much its wall time and its user time (its own work, without the
kernel's) grew from the smallest size to each larger one.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from kpi_scorecard import (
    Aggregation,
    Measure,
    Period,
    Polarity,
    RagPolicy,
    Target,
    TargetSetting,
    Tolerance,
)
from kpi_scorecard.serializers._csv_columns import SCORECARD_COLUMNS

TOLERANCE = Decimal("0.03")
YEARS = 5
TARGETS = ("<18%", "85%", "40%-60%", "N/A", ">50%", "")
AGGREGATIONS = ("latest", "sum", "already_cumulative")
CASES = (
    "evaluate_frame, polars eager",
    "evaluate_frame, polars lazy",
    "evaluate_frame, pandas",
    "evaluate_frame, DuckDB",
    "plain polars script",
    "csv.loads",
)


# --- the data ------------------------------------------------------------------------------


def generate(size: int, folder: Path, *, csv: bool, seed: int = 2019) -> None:
    """Write the synthetic scorecard of ``size`` observations into ``folder``."""
    count = size // (4 * YEARS)
    number = np.arange(count)
    refs = pl.select(pl.lit("M") + pl.Series(number).cast(pl.String).str.zfill(7)).to_series()
    polarity = np.where(number % 2 == 1, "lower_is_better", "higher_is_better")
    measures = pl.DataFrame(
        {
            "reference": refs,
            "unit": "percent",
            "polarity": polarity,
            "aggregation": np.array(AGGREGATIONS)[number % len(AGGREGATIONS)],
        }
    )
    quarters = [
        Period.financial_quarter(2015 + year, quarter)
        for year in range(YEARS)
        for quarter in range(1, 5)
    ]
    years = [Period.financial_year(2015 + year) for year in range(YEARS)]
    per_year = pl.DataFrame(
        {
            "year": range(YEARS),
            "target_period": [str(year) for year in years],
            "target_start": [year.start for year in years],
            "target_end": [year.end for year in years],
        }
    )
    targets = (
        measures.select("reference", pl.Series("number", number))
        .join(per_year, how="cross")
        .select(
            pl.col("reference").alias("measure_ref"),
            "target_period",
            "target_start",
            "target_end",
            ((pl.col("number") + 2015 + pl.col("year")) % len(TARGETS))
            .replace_strict(dict(enumerate(TARGETS)), return_dtype=pl.String)
            .alias("target"),
        )
    )
    per_quarter = pl.DataFrame(
        {
            "period": [str(q) for q in quarters],
            "period_start": [q.start for q in quarters],
            "period_end": [q.end for q in quarters],
            "target_period": [str(q.in_financial_year()) for q in quarters],
        }
    )
    values = np.random.default_rng(seed).integers(0, 1000, size=count * len(quarters)) / 10
    observations = (
        measures.select(pl.col("reference").alias("measure_ref"), "polarity", "aggregation")
        .join(per_quarter, how="cross")
        .with_columns(value=pl.Series(values), status=pl.lit("normal"), unit=pl.lit("percent"))
    )
    observations.write_parquet(folder / "observations.parquet")
    measures.write_parquet(folder / "measures.parquet")
    targets.write_parquet(folder / "targets.parquet")
    if csv:
        (folder / "scorecard.csv").write_text(tidy_csv(measures, targets, observations))


def tidy_csv(measures: pl.DataFrame, targets: pl.DataFrame, observations: pl.DataFrame) -> str:
    """The scorecard as ``serializers.csv.dumps`` writes it: one record per row."""
    head = [column.name for column in SCORECARD_COLUMNS]
    parts = [
        pl.DataFrame({"record": ["scorecard"], "title": ["Synthetic"],
                      "year_start_month": ["4"], "academic_year_start_month": ["9"]}),
        measures.select(pl.lit("measure").alias("record"), "reference", "polarity",
                        "aggregation", "unit"),
        targets.select(pl.lit("target").alias("record"), pl.col("measure_ref").alias("reference"),
                       "target", "target_period"),
        observations.join(targets.select("measure_ref", "target_period", "target"),
                          on=["measure_ref", "target_period"], how="left").select(
            pl.lit("observation").alias("record"), pl.col("measure_ref").alias("reference"),
            "polarity", "aggregation", "period", pl.col("period_start").cast(pl.String),
            pl.col("period_end").cast(pl.String), pl.col("value").cast(pl.String), "unit",
            "status", "target", "target_period",
        ),
    ]  # fmt: skip
    present = {name for part in parts for name in part.columns}
    table = pl.concat(parts, how="diagonal").select(
        pl.col(name) if name in present else pl.lit(None, pl.String).alias(name) for name in head
    )
    return table.write_csv(null_value="")


def model_objects(folder: Path) -> tuple[list[Measure], list[TargetSetting]]:
    """The measures and targets as the library's objects, each distinct text parsed once."""
    measures = pl.read_parquet(folder / "measures.parquet")
    templates: dict[tuple[str, str], Measure] = {}
    found = []
    for ref, polarity, aggregation in measures.select(
        "reference", "polarity", "aggregation"
    ).iter_rows():
        template = templates.get((polarity, aggregation))
        if template is None:
            template = templates[polarity, aggregation] = Measure(
                reference=ref,
                unit="percent",
                polarity=Polarity(polarity),
                aggregation=Aggregation(aggregation),
            )
        found.append(template.model_copy(update={"reference": ref}))
    periods: dict[str, Period] = {}
    parsed: dict[str, Target] = {}
    settings = []
    for ref, text, period in (
        pl.read_parquet(folder / "targets.parquet")
        .select("measure_ref", "target", "target_period")
        .iter_rows()
    ):
        if period not in periods:
            periods[period] = Period.parse(period)
        if text not in parsed:
            parsed[text] = Target.parse(text)
        settings.append(
            TargetSetting.model_construct(
                measure_ref=ref, period=periods[period], target=parsed[text], profile=None
            )
        )
    return found, settings


# --- the peer ------------------------------------------------------------------------------


def plain_polars(observations: pl.DataFrame, settings: Sequence[TargetSetting]) -> pl.DataFrame:
    """The peer: the same rating written directly in polars, for these targets only.

    A level target is in force for its financial year; a measure summed over the year (or
    already cumulative) is rated on its year to date against the even share of the target
    due by the quarter; one already cumulative compares with the same quarter last year.
    """
    targets = pl.DataFrame(
        {
            "measure_ref": [s.measure_ref for s in settings],
            "t_start": [s.period.start for s in settings],
            "t_end": [s.period.end for s in settings],
            "target": [str(s.target) for s in settings],
        }
    ).with_columns(
        strict=pl.col("target").str.starts_with("<") | pl.col("target").str.starts_with(">"),
        below=pl.col("target").str.starts_with("<"),
        above=pl.col("target").str.starts_with(">"),
        low=pl.col("target").str.extract(r"([\d.]+)", 1).cast(pl.Float64),
        high=pl.col("target").str.extract(r"([\d.]+)%?$", 1).cast(pl.Float64),
        is_range=pl.col("target").str.contains(r"\d%?-"),
    )
    rows = (
        observations.select("measure_ref", "polarity", "aggregation", "period_start",
                            "period_end", "value")
        .join(targets, on="measure_ref")
        .filter((pl.col("t_start") <= pl.col("period_start")) & (pl.col("period_end") <=
                                                                 pl.col("t_end")))
        .sort("measure_ref", "period_start")
    )  # fmt: skip
    year = ("measure_ref", "t_start")
    profiled = pl.col("aggregation").is_in(["sum", "already_cumulative"])
    share = pl.when(profiled).then(pl.int_range(1, pl.len() + 1).over(year) / 4).otherwise(1.0)
    summed = pl.col("value").cum_sum().over(year)
    rows = rows.with_columns(
        figure=pl.when(pl.col("aggregation") == "sum").then(summed).otherwise(pl.col("value")),
        low=pl.col("low") * share,
        high=pl.col("high") * share,
    )
    lower = pl.col("below") | (
        ~pl.col("above") & ~pl.col("is_range") & (pl.col("polarity") == "lower_is_better")
    )
    over, under = pl.col("figure") - pl.col("low"), pl.col("high") - pl.col("figure")
    margin = (
        pl.when(pl.col("is_range"))
        .then(pl.min_horizontal(over, under))
        .when(lower)
        .then(under)
        .otherwise(over)
    )
    reference = (
        pl.when(lower | (pl.col("is_range") & (under < over)))
        .then(pl.col("high"))
        .otherwise(pl.col("low"))
    )
    met = (pl.col("margin") > 0) | ((pl.col("margin") == 0) & ~pl.col("strict"))
    allowed = reference.abs() * float(TOLERANCE)
    back = pl.when(pl.col("aggregation") == "already_cumulative").then(4).otherwise(1)
    previous = pl.col("value").shift(back.first()).over("measure_ref", "aggregation")
    change = pl.col("value") - previous
    better = pl.when(pl.col("polarity") == "lower_is_better").then(-change).otherwise(change)
    return rows.with_columns(margin=margin).with_columns(
        status=pl.when(pl.col("low").is_null())
        .then(pl.lit("not_rated"))
        .when(met)
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


# --- one case, in a fresh interpreter ----------------------------------------------------


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _stolen_seconds() -> float:
    """CPU seconds the hypervisor has given other machines, over all of this one's CPUs."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()
    return int(fields[8]) / os.sysconf("SC_CLK_TCK") if len(fields) > 8 else 0.0


def _reset_peak() -> bool:
    """Reset the resident high-water mark to the current size, where Linux allows."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def step_for(case: str, folder: Path) -> Callable[[], Any]:
    """Read the case's inputs (not timed), and return the step to time."""
    from kpi_scorecard.frames import evaluate_frame  # noqa: PLC0415 - only the case's own
    from kpi_scorecard.serializers import csv as csv_format  # noqa: PLC0415

    if case == "csv.loads":
        text = (folder / "scorecard.csv").read_text()
        return lambda: csv_format.loads(text)
    measures, settings = model_objects(folder)
    frame = pl.read_parquet(folder / "observations.parquet")
    policy = RagPolicy(tolerance=Tolerance.relative(TOLERANCE))
    if case == "plain polars script":
        return lambda: plain_polars(frame, settings)
    if case == "evaluate_frame, polars eager":
        return lambda: evaluate_frame(frame, measures, settings, policy=policy)
    if case == "evaluate_frame, polars lazy":
        lazy = frame.lazy()
        return lambda: evaluate_frame(lazy, measures, settings, policy=policy).collect()
    if case == "evaluate_frame, pandas":
        native = frame.to_pandas()
        del frame
        return lambda: evaluate_frame(native, measures, settings, policy=policy)
    if case == "evaluate_frame, DuckDB":
        import duckdb  # noqa: PLC0415 - only this case needs it

        relation = duckdb.from_arrow(frame.to_arrow())
        return lambda: evaluate_frame(relation, measures, settings, policy=policy).to_arrow_table()
    raise ValueError(case)


def run_case(case: str, folder: Path) -> None:
    """Time one case and print its seconds and memory as JSON (in the child)."""
    step = step_for(case, folder)
    gc.collect()
    reset = _reset_peak()
    before = _status_kib("VmRSS")
    started = time.perf_counter()
    cpu = time.process_time()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stolen = _stolen_seconds()
    step()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    stolen = _stolen_seconds() - stolen
    after = resource.getrusage(resource.RUSAGE_SELF)
    user, system = after.ru_utime - usage.ru_utime, after.ru_stime - usage.ru_stime
    peak = _status_kib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu": cpu, "user": user, "system": system,
                      "stolen": stolen, "rise": (peak - before) * 1024,
                      "peak": peak * 1024}))  # fmt: skip


def in_child(case: str, folder: Path) -> dict[str, float]:
    """Run one case in a fresh interpreter and read what it measured."""
    command = [sys.executable, __file__, "--case", case, "--data", str(folder)]
    done = subprocess.run(  # noqa: S603 - this same script, on a case it names
        command, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--csv-up-to", type=int, default=2_000_000,
                        help="time csv.loads only up to this many observations")  # fmt: skip
    parser.add_argument("--cases", nargs="+", choices=CASES, default=list(CASES))
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each case this many times and keep the fastest")  # fmt: skip
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        run_case(args.case, args.data)
        return
    print("| observations | what | seconds | CPU seconds | of which the kernel's "
          "| stolen | µs per observation | peak bytes per observation |")  # fmt: skip
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    kept: dict[tuple[int, str], dict[str, float]] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            with_csv = size <= args.csv_up_to and "csv.loads" in args.cases
            generate(size, folder, csv=with_csv)
            cases = [case for case in args.cases if with_csv or case != "csv.loads"]
            best: dict[str, dict[str, float]] = {}
            for _ in range(args.repeat):  # in turns, so that a busy spell hits every case
                for case in cases:
                    found = in_child(case, folder)
                    if case not in best or found["seconds"] < best[case]["seconds"]:
                        best[case] = found
            for case in cases:
                found = kept[size, case] = best[case]
                print(
                    f"| {size:,} | {case} | {found['seconds']:.2f} | {found['cpu']:.2f} "
                    f"| {found['system']:.2f} | {found['stolen']:.2f} "
                    f"| {found['seconds'] / size * 1e6:.2f} | {found['rise'] / size:,.0f} |",
                    flush=True,
                )
    print_growth(kept, sorted(args.sizes))


def print_growth(kept: dict[tuple[int, str], dict[str, float]], sizes: Sequence[int]) -> None:
    """Print how much each case's wall and user time grew from the smallest size to each."""
    smallest = sizes[0]
    for size in sizes[1:]:
        print(f"\nFrom {smallest:,} to {size:,} observations ({size / smallest:g} times the work):")
        for (at, case), found in kept.items():
            first = kept.get((smallest, case))
            if at == size and first is not None:
                wall = found["seconds"] / first["seconds"]
                user = found["user"] / first["user"]
                print(f"- {case}: wall time {wall:.1f} times, user time {user:.1f} times")


if __name__ == "__main__":
    main()
