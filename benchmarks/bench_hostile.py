"""Benchmark: how parsers and loaders grow on hostile input, as a log-log slope.

Run from the project root::

    .venv/bin/python benchmarks/bench_hostile.py            # 4,000 to 128,000
    .venv/bin/python benchmarks/bench_hostile.py --sizes 4000 8000 16000

Each case builds an input of ``n`` characters (or rows) from a run of spaces, no-break
spaces, digits or commas, a long unit name, many bad rows or deep nesting, feeds it to
one parser or loader and times it; a typed refusal is an answer like any other. The
growth exponent is the least-squares slope of log(time) against log(n): 1 is linear, 2
quadratic. The target is at most 1.2. A case whose time passes ``--budget`` seconds at
one size is not run at larger ones, and its row says so. This is a report, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import math
import time
from collections.abc import Callable
from typing import Any

from kpi_scorecard import (
    CellValue,
    KpiScorecardError,
    Measure,
    Observation,
    Period,
    Profile,
    Scorecard,
    Target,
)
from kpi_scorecard._scorecard import TargetSetting
from kpi_scorecard.serializers import csv, json, table

NBSP = "\u00a0"


def _quiet(run: Callable[[Any], object], given: Any) -> None:
    # A refusal is an answer; an untyped ValueError is timed too (and reported elsewhere).
    with contextlib.suppress(KpiScorecardError, ValueError):
        run(given)


def _bad_csv_rows(n: int) -> str:
    rows = "".join(f"A{i},Q1 2019/20,twelve\n" for i in range(n))
    return "reference,period,value\n" + rows


def _bad_table_rows(n: int) -> str:
    rows = "".join(f"A{i}\tReferrals\ttwelve\n" for i in range(n))
    return "Ref\tMeasure\tQ1 2019/20\n" + rows


def _good_table_rows(n: int) -> str:
    rows = "".join(f"A{i}\tReferrals\t{i}\n" for i in range(n))
    return "Ref\tMeasure\tQ1 2019/20\n" + rows


def _dated_targets(n: int) -> Scorecard:
    # One snapshot a day from 1 January 1000: 128,000 days stay inside the supported years
    # (months would run past 9999 and time a refusal instead of a load).
    first = dt.date(1000, 1, 1)
    days = [Period.snapshot(first + dt.timedelta(days=i)) for i in range(n)]
    five = Target.parse("5")
    return Scorecard(
        measures=[Measure(reference="A")],
        targets=[TargetSetting(measure_ref="A", period=p, target=five) for p in days],
        observations=[Observation(measure_ref="A", period=p, value=k) for k, p in enumerate(days)],
    )


def _json_spaces(n: int) -> str:
    return '{"kind": "band", "schema_version": 1, "data": "1-2"' + " " * n + "}"


def _json_nested(n: int) -> str:
    # Nesting is bounded (json.MAX_DEPTH): many shallow arrays side by side instead.
    return (
        '{"kind": "band", "schema_version": 1, "data": ['
        + ",".join(["[[[[1]]]]"] * (n // 10))
        + "]}"
    )


# name, unit of n, build(n) -> input, run(input)
CASES: list[tuple[str, str, Callable[[int], Any], Callable[[Any], object]]] = [
    ("Period.parse, spaces", "chars", lambda n: "Q1" + " " * n + "2019/20", Period.parse),
    ("Period.parse, no-break spaces", "chars", lambda n: "Q1" + NBSP * n + "2019/20", Period.parse),
    ("Period.parse, digits", "chars", lambda n: "Q1 " + "1" * n, Period.parse),
    ("Period.parse, commas", "chars", lambda n: "Q1 2019" + "," * n, Period.parse),
    ("Target.parse, spaces", "chars", lambda n: "<" + " " * n + "18%", Target.parse),
    ("Target.parse, digits", "chars", lambda n: "<" + "1" * n + "%", Target.parse),
    ("Target.parse, grouped digits", "chars", lambda n: "1" + ",000" * (n // 4) + "0" * (n % 4),
     Target.parse),
    ("Target.parse, commas", "chars", lambda n: "1" + "," * n + "2", Target.parse),
    ("CellValue.parse, spaces", "chars", lambda n: "1" + " " * n + "%", CellValue.parse),
    ("CellValue.parse, digits", "chars", lambda n: "1" * n, CellValue.parse),
    ("CellValue.parse, commas", "chars", lambda n: "1" + "," * n, CellValue.parse),
    ("Profile.parse, weights", "chars", lambda n: "1:" * (n // 2) + "1", Profile.parse),
    ("Profile.parse, spaces", "chars", lambda n: "1:1" + " " * n + ":1:1", Profile.parse),
    ("Measure(unit=...), long name", "chars", lambda n: "m" * n,
     lambda unit: Measure(reference="A", unit=unit)),
    ("Measure(unit=...), many words", "chars", lambda n: "meter " * (n // 6) + " " * (n % 6),
     lambda unit: Measure(reference="A", unit=unit)),
    ("json.loads, spaces", "chars", _json_spaces, json.loads),
    ("json.loads, long number", "chars",
     lambda n: '{"kind": "band", "schema_version": ' + "1" * n + ', "data": "1-2"}', json.loads),
    ("json.loads, many arrays", "chars", _json_nested, json.loads),
    ("csv.loads, bad rows, lenient", "rows", _bad_csv_rows,
     lambda text: csv.loads(text, lenient=True)),
    ("csv.loads, many periods and targets", "rows", lambda n: csv.dumps(_dated_targets(n // 8)),
     csv.loads),
    ("csv.dumps, many periods and targets", "rows", lambda n: _dated_targets(n // 8), csv.dumps),
    ("table.loads, strict", "rows", _good_table_rows, table.loads),
    ("table.loads, bad rows, lenient", "rows", _bad_table_rows,
     lambda text: table.loads(text, lenient=True)),
]  # fmt: skip


def slope(sizes: list[int], times: list[float]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(size) for size in sizes]
    ys = [math.log(max(seconds, 1e-9)) for seconds in times]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return num / sum((x - mean_x) ** 2 for x in xs)


def measure(build: Callable[[int], Any], run: Callable[[Any], object], n: int) -> float:
    """The best of three runs on inputs of about ``n`` (built first, not timed).

    Parsers cache by text, so each run gets a text of its own (``n``, ``n + 1``...). The
    time is this process's CPU time, so other work on a shared machine does not bend the
    curve the way wall-clock time does.
    """
    best = math.inf
    for extra in range(3):
        given = build(n + extra)
        start = time.process_time()
        _quiet(run, given)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    """Print one row per case: times per size and the growth exponent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000 * 2**k for k in range(6)])
    parser.add_argument("--budget", type=float, default=20.0)
    parser.add_argument("--only", default="", help="run the cases whose name holds this")
    args = parser.parse_args()
    sizes: list[int] = args.sizes
    print(f"| case | n | {' | '.join(f'{s:,}' for s in sizes)} | exponent |")
    print("|---|---|" + "---:|" * len(sizes) + "---:|")
    for name, unit, build, run in CASES:
        if args.only not in name:
            continue
        measure(build, run, 8)  # compile the patterns and build the registry first
        times: list[float] = []
        for n in sizes:
            times.append(measure(build, run, n))
            if times[-1] > args.budget:
                break
        shown = [f"{t * 1000:.1f} ms" for t in times] + ["–"] * (len(sizes) - len(times))
        exponent = slope(sizes[: len(times)], times) if len(times) > 1 else float("nan")
        flag = " **over 1.2**" if exponent > 1.2 else ""
        print(f"| {name} | {unit} | {' | '.join(shown)} | {exponent:.2f}{flag} |")


if __name__ == "__main__":
    main()
