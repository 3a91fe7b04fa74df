"""Time XmR charts over many measures, to check that the cost per point stays flat.

Builds ``measures`` series of ``points`` figures each (a noisy level with a shift two
thirds of the way along, so every rule has work to do), draws one chart per series, and
prints the time per point. ``--points-too`` also reads every chart's points, which are
built on first read.

``--evaluate`` rates the same series as a scorecard of monthly figures instead, with a
policy that reads the direction by SPC and with the default one: ``evaluate`` of the last
month (one chart per measure) and ``evaluate_all`` of every month (a chart per measure and
month, each over the figures so far).

    ../.venv/bin/python bench_spc.py                          # 1,000 and 10,000 measures
    ../.venv/bin/python bench_spc.py --measures 1000 10000 100000
    ../.venv/bin/python bench_spc.py --evaluate --measures 100 1000
"""

from __future__ import annotations

import argparse
import random
import time
from decimal import Decimal

from kpi_scorecard import (
    Measure,
    Observation,
    Period,
    RagPolicy,
    Scorecard,
    evaluate,
    evaluate_all,
)
from kpi_scorecard.spc import xmr


def series(count: int, points: int, seed: int = 20240401) -> list[list[Decimal]]:
    """``count`` series of ``points`` figures with two decimals."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        level = rng.randint(50, 150)
        shift = rng.choice((-15, 0, 15))
        made.append(
            [
                Decimal(level + (shift if i > points * 2 // 3 else 0) + rng.randint(-800, 800))
                / 100
                for i in range(points)
            ]
        )
    return made


def run(count: int, points: int, *, points_too: bool) -> float:
    """Seconds per point to chart ``count`` series of ``points``."""
    data = series(count, points)
    start = time.perf_counter()
    for values in data:
        chart = xmr(values, polarity="higher_is_better", target=Decimal(1))
        if points_too:
            _ = chart.points
    elapsed = time.perf_counter() - start
    per_point = elapsed / (count * points)
    print(
        f"{count:>7} measures x {points} points: {elapsed:7.2f} s, "
        f"{per_point * 1e6:6.2f} us per point"
    )
    return per_point


def scorecard(count: int, points: int) -> Scorecard:
    """The series as a scorecard of monthly figures from April 2015."""
    names = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()  # noqa: SIM905
    months = [Period.parse(f"{names[(3 + i) % 12]} {2015 + (3 + i) // 12}") for i in range(points)]
    data = series(count, points)
    return Scorecard(
        measures=[Measure(reference=f"M{n}", polarity="higher_is_better") for n in range(count)],
        observations=[
            Observation(measure_ref=f"M{n}", period=month, value=value)
            for n, values in enumerate(data)
            for month, value in zip(months, values, strict=True)
        ],
    )


def rate(count: int, points: int) -> None:
    """Time evaluate of the last month and evaluate_all of every month, SPC and change."""
    card = scorecard(count, points)
    last = card.periods[-1]
    for name, policy in (("change", RagPolicy()), ("spc", RagPolicy(direction="spc"))):
        start = time.perf_counter()
        report = evaluate(card, last, policy=policy)
        _ = [assessment.variation for assessment in report]
        one = time.perf_counter() - start
        start = time.perf_counter()
        reports = evaluate_all(card, policy=policy)
        _ = [assessment.variation for each in reports.values() for assessment in each]
        every = time.perf_counter() - start
        print(
            f"{count:>6} measures x {points} months, {name:>6}: evaluate {one:6.2f} s "
            f"({one / count * 1e6:7.1f} us per measure), evaluate_all {every:7.2f} s "
            f"({every / (count * points) * 1e6:7.1f} us per assessment)"
        )


def main() -> None:
    """Run the sizes asked for and print the linearity ratio of the largest to the smallest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--points", type=int, default=60)
    parser.add_argument("--points-too", action="store_true")
    parser.add_argument("--evaluate", action="store_true")
    args = parser.parse_args()
    if args.evaluate:
        for count in args.measures:
            rate(count, args.points)
        return
    costs = [run(n, args.points, points_too=args.points_too) for n in args.measures]
    if len(costs) > 1:
        print(f"cost per point, largest over smallest: {costs[-1] / costs[0]:.2f}")


if __name__ == "__main__":
    main()
