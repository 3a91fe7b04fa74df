"""Benchmark: reading council tables with ``kpi_scorecard.serializers.table``.

Run from the ``benchmarks/`` folder::

    ../.venv/bin/python bench_table.py                 # 10,000 wide, 100,000 long rows
    ../.venv/bin/python bench_table.py --scale 0.1     # a quicker run

It writes three synthetic tables once (not timed), then times ``table.loads`` on each at
the full size and at a tenth of it, and prints the microseconds per row and the ratio of
the two times (10 for a linear reader):

- a wide table: one row per measure, eight quarter columns, a target, a RAG face and a
  commentary;
- a long table: one row per measure and period (``Measure, Period, Value, Target,
  Status``), ten quarters per measure, no reference column (references derived);
- a lenient read of a wide table whose every other row has a bad value cell.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from functools import partial

from kpi_scorecard.serializers import table

QUARTERS = [f"Q{q} {year}/{(year + 1) % 100:02d}" for year in (2018, 2019) for q in (1, 2, 3, 4)]
LONG_PERIODS = [*QUARTERS, "Q1 2020/21", "Q2 2020/21"]


def wide(rows: int, *, bad_every: int = 0) -> str:
    """A wide table of ``rows`` measures; every ``bad_every``-th row has a bad cell."""
    header = ["Ref", "Measure", *QUARTERS, "Target 2019/20", "RAG", "Commentary"]
    lines = ["Benchmark scorecard", "", "\t".join(header)]
    for index in range(rows):
        values = [f"{(index + q) % 97}%" for q in range(len(QUARTERS))]
        if bad_every and index % bad_every == 0:
            values[3] = "lots"
        cells = [f"M{index:06d}", f"Measure number {index}", *values, "<50%", "Green", "Fine"]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def long(rows: int) -> str:
    """A long table of ``rows`` rows: ten periods for each measure, titles only."""
    lines = ["Measure\tPeriod\tValue\tTarget\tStatus"]
    per = len(LONG_PERIODS)
    for index in range(rows):
        measure, period = divmod(index, per)
        lines.append(f"Measure number {measure}\t{LONG_PERIODS[period]}\t{index % 89}\t<50\tRed")
    return "\n".join(lines) + "\n"


def timed(text: str, *, lenient: bool = False) -> float:
    """Seconds for one ``table.loads`` of the text (best of three)."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        start = time.perf_counter()
        table.loads(text, lenient=lenient)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Time each table at its size and a tenth of it; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    cases: list[tuple[str, int, Callable[[int], str], bool]] = [
        ("wide", int(10_000 * args.scale), wide, False),
        ("long", int(100_000 * args.scale), long, False),
        ("wide, lenient, half bad", int(16_000 * args.scale), partial(wide, bad_every=2), True),
    ]
    print("| table | rows | seconds | µs per row | tenth: seconds | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rows, make, lenient in cases:
        full = timed(make(rows), lenient=lenient)
        tenth = timed(make(rows // 10), lenient=lenient)
        print(
            f"| {name} | {rows:,} | {full:.2f} | {full / rows * 1e6:.1f} | {tenth:.3f} "
            f"| {full / tenth:.1f} |"
        )


if __name__ == "__main__":
    main()
