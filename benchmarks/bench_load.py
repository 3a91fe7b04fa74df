"""Benchmark: loading tidy CSV, against a floor of ``csv`` plus a pydantic TypeAdapter.

Run from the project root::

    .venv/bin/python benchmarks/bench_load.py                  # 100,000 and 1,000,000
    .venv/bin/python benchmarks/bench_load.py --sizes 100000

For each size it writes the CSV text of a synthetic scorecard once (not timed), then times

- ``kpi_scorecard.serializers.csv.loads`` reading it back into a checked Scorecard, and
- the floor: the standard ``csv`` reader plus a pydantic ``TypeAdapter`` validating each
  observation row as a plain typed dict with the same fields (exact decimals, ISO dates),

and the peak memory of the load per observation (tracemalloc).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import io
import time
import tracemalloc
from decimal import Decimal

from bench_evaluate import build
from pydantic import TypeAdapter
from typing_extensions import TypedDict

from kpi_scorecard.serializers import csv as csv_format


class Row(TypedDict):
    """A tidy observation row as plain typed fields: the CSV's columns."""

    record: str
    reference: str
    title: str
    department: str
    corporate_outcome: str
    portfolio: str
    responsible_officer: str
    data_owner: str
    frequency: str
    benchmark: str
    polarity: str
    aggregation: str
    notes: str
    period: str
    period_start: dt.date
    period_end: dt.date
    value: Decimal | None
    unit: str
    status: str
    cumulative: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    target: str
    target_period: str
    target_profile: str
    published_status: str
    commentary: str


ROWS = TypeAdapter(Row)
OPTIONAL = ("value", "cumulative", "numerator", "denominator")


def floor(text: str) -> int:
    """Read and validate every observation row with csv + TypeAdapter; return the count."""
    count = 0
    for raw in csv.DictReader(io.StringIO(text)):
        if raw["record"] != "observation":
            continue
        plain = {key: raw[key] for key in Row.__annotations__}
        for key in OPTIONAL:
            plain[key] = plain[key] or None
        ROWS.validate_python(plain)
        count += 1
    return count


def timed(function: object, *args: object) -> tuple[float, object]:
    """Seconds one call takes (garbage collected first), and its result."""
    gc.collect()
    started = time.perf_counter()
    result = function(*args)  # type: ignore[operator]
    return time.perf_counter() - started, result


def peak_bytes(text: str) -> int:
    """Peak memory allocated while loading the text."""
    gc.collect()
    tracemalloc.start()
    csv_format.loads(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--memory", action="store_true", help="also measure peak memory")
    args = parser.parse_args()
    print("| observations | kpi_scorecard load (s) | floor (s) | ratio | µs per observation |")
    print("|---:|---:|---:|---:|---:|")
    per: dict[int, float] = {}
    for size in args.sizes:
        card, _ = build(size)
        text = csv_format.dumps(card, spreadsheet_safe=False)
        del card
        loaded, result = timed(csv_format.loads, text)
        floor_time, count = timed(floor, text)
        if count != size or len(result.observations) != size:  # type: ignore[attr-defined]
            msg = f"read {count} rows, expected {size}"
            raise RuntimeError(msg)
        per[size] = loaded
        print(
            f"| {size:,} | {loaded:.2f} | {floor_time:.2f} | {loaded / floor_time:.2f} "
            f"| {loaded / size * 1e6:.1f} |"
        )
        if args.memory:
            print(f"peak memory while loading: {peak_bytes(text) / size:.0f} bytes per observation")
    if len(per) > 1:
        small, large = min(per), max(per)
        print(f"\nload time ratio {large:,} / {small:,}: {per[large] / per[small]:.2f}")


if __name__ == "__main__":
    main()
