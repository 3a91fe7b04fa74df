"""Benchmark: rolling reports of many measures up by department and by a hierarchy.

Run from the project root::

    .venv/bin/python benchmarks/bench_rollup.py                   # 1,000 and 10,000 measures
    .venv/bin/python benchmarks/bench_rollup.py --measures 5000

For each size it builds a report of that many assessments with random statuses, spread
over 50 departments, and a hierarchy of those departments under 10 directorates under one
council; then it times ``roll_up`` by department and by the hierarchy under the worst-of
rule and under a weighted score with a dated weight for every measure, and prints the
microseconds per measure and the ratio between the sizes (about 1 when the cost is linear).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from functools import partial

from kpi_scorecard import (
    Assessment,
    Hierarchy,
    Measure,
    Period,
    Rag,
    Report,
    Scorecard,
    WeightedScore,
    WeightSetting,
    WorstOf,
    roll_up,
)

DEPARTMENTS = 50
DIRECTORATES = 10


def _report(size: int, seed: int) -> tuple[Report, Hierarchy, WeightedScore]:
    """A report of ``size`` measures, its hierarchy, and a weighted rule with dated weights."""
    rng = random.Random(seed)
    period = Period.parse("Q3 2019/20")
    references = [f"M{n:06d}" for n in range(size)]
    departments = {ref: f"D{rng.randrange(DEPARTMENTS):02d}" for ref in references}
    measures = [Measure(reference=ref, department=departments[ref]) for ref in references]
    statuses = [Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NOT_RATED]
    assessments = [
        Assessment(measure_ref=ref, period=period, status=rng.choice(statuses))
        for ref in references
    ]
    report = Report(period=period, assessments=assessments, source=Scorecard(measures=measures))
    groups: dict[str, list[str]] = {}
    for ref in references:
        groups.setdefault(departments[ref], []).append(ref)
    tree = {"Council": [f"Directorate {n}" for n in range(DIRECTORATES)]}
    for n in range(DIRECTORATES):
        tree[f"Directorate {n}"] = [d for d in sorted(groups) if int(d[1:]) % DIRECTORATES == n]
    tree.update(groups)
    halves = ("01/04/2019 - 30/09/2019", "01/10/2019 - 31/03/2020")
    weights = [
        WeightSetting(child=ref, period=half, weight=rng.randint(0, 5))
        for ref in references
        for half in halves
    ]
    return report, Hierarchy.from_mapping(tree), WeightedScore(weights=weights)


def _time(function: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Time the roll-ups at each size and print the cost per measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, nargs="+", default=[1_000, 10_000])
    sizes = parser.parse_args().measures
    results: dict[str, list[float]] = {}
    for size in sizes:
        report, tree, weighted = _report(size, seed=size)
        cases = {
            "by department, worst-of": partial(roll_up, report, "department", WorstOf()),
            "by department, weighted": partial(roll_up, report, "department", weighted),
            "hierarchy, worst-of": partial(roll_up, report, tree, WorstOf()),
            "hierarchy, weighted": partial(roll_up, report, tree, weighted),
        }
        for name, case in cases.items():
            per_measure = _time(case) / size * 1e6
            results.setdefault(name, []).append(per_measure)
            print(f"{size:>8} measures  {name:<26} {per_measure:8.1f} µs per measure")
    if len(sizes) > 1:
        for name, costs in results.items():
            print(f"{name:<26} ratio {costs[-1] / costs[0]:.2f} (1 is linear)")


if __name__ == "__main__":
    main()
