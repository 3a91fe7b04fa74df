"""Time XmR charts over many measures, to check that the cost per point stays flat.

Builds ``measures`` series of ``points`` figures each (a noisy level with a shift two
thirds of the way along, so every rule has work to do), draws one chart per series, and
prints the time per point. ``--points-too`` also reads every chart's points, which are
built on first read.

    ../.venv/bin/python bench_spc.py                          # 1,000 and 10,000 measures
    ../.venv/bin/python bench_spc.py --measures 1000 10000 100000
"""

from __future__ import annotations

import argparse
import random
import time
from decimal import Decimal

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


def main() -> None:
    """Run the sizes asked for and print the linearity ratio of the largest to the smallest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--points", type=int, default=60)
    parser.add_argument("--points-too", action="store_true")
    args = parser.parse_args()
    costs = [run(n, args.points, points_too=args.points_too) for n in args.measures]
    if len(costs) > 1:
        print(f"cost per point, largest over smallest: {costs[-1] / costs[0]:.2f}")


if __name__ == "__main__":
    main()
