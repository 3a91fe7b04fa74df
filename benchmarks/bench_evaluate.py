"""Benchmark: evaluating large synthetic scorecards, and the cost of importing the library.

Run from the project root::

    .venv/bin/python benchmarks/bench_evaluate.py            # 100,000 and 1,000,000
    .venv/bin/python benchmarks/bench_evaluate.py --sizes 100000
    .venv/bin/python benchmarks/bench_evaluate.py --no-imports --repeat 3   # best of three

It first times, each in a fresh interpreter, ``import kpi_scorecard`` against
``import pydantic``, and the first use ``from kpi_scorecard import Scorecard, evaluate``
against ``from pydantic import BaseModel``: the package's names are imported when first
read, so the first line costs little and the second pays for the models.

Then, for each size, it builds a scorecard of ``size`` observations (quarterly figures of
many measures over five financial years, with a mix of target kinds and aggregations),
writes it as tidy CSV and times ``serializers.csv.loads`` reading it back; on the scorecard
read, it times ``evaluate`` for every period, ``evaluate_all``, the same again reading
the sentences, and a plain loop of dataclasses and ``Decimal`` doing the same rating
(checked to give the engine's statuses). The ratio between two sizes shows whether the
cost is linear. Last, with ``tracemalloc``, the memory the reports of every period hold
while kept, per assessment, at the smallest size.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
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
    evaluate_all,
)
from kpi_scorecard.serializers import csv as csv_format

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

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


def time_evaluation(
    card: Scorecard, periods: Sequence[Period], fresh: Callable[[], Scorecard]
) -> dict[str, float]:
    """Seconds to evaluate every period of ``card``, three ways.

    ``evaluate``: one call per period, reading each assessment's status (what a batch that
    counts or filters ratings does). ``evaluate_all``: one call for every period, reading
    the same, on a scorecard just loaded again (``fresh``, not timed), so that both pay for
    the scorecard's lookups and the engine's plan. ``sentences``: as ``evaluate``, also
    reading each assessment's two sentences (what a report does; they are written on first
    read), on the scorecard ``evaluate`` has rated.
    """
    policy = RagPolicy(tolerance=Tolerance.relative(Decimal("0.03")))
    expected = len(card.measures) * len(periods)
    timings = {}
    for how in ("evaluate", "evaluate_all", "sentences"):
        gc.collect()
        started = time.perf_counter()
        rated = 0
        if how == "evaluate_all":
            again = fresh()
            gc.collect()
            started = time.perf_counter()
            for report in evaluate_all(again, periods, policy=policy).values():
                for assessment in report:
                    rated += assessment.status is not None
        else:
            for period in periods:
                for assessment in evaluate(card, period, policy=policy):
                    rated += assessment.status is not None
                    if how == "sentences":
                        _ = (assessment.explanation, assessment.direction_explanation)
        timings[how] = time.perf_counter() - started
        if how == "evaluate_all":
            del again  # not timed: freeing the scorecard loaded for it
        if rated != expected:
            msg = f"rated {rated} assessments, expected {expected}"
            raise RuntimeError(msg)
    return timings


def kept_bytes(card: Scorecard, periods: Sequence[Period]) -> float:
    """Bytes of memory per assessment that the reports of every period hold while kept."""
    policy = RagPolicy(tolerance=Tolerance.relative(Decimal("0.03")))
    evaluate(card, periods[0], policy=policy)  # build the scorecard's lookups outside
    gc.collect()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    reports = [evaluate(card, period, policy=policy) for period in periods]
    gc.collect()
    after, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (after - before) / sum(len(report) for report in reports)


# --- the plain-loop peer ------------------------------------------------------------------
#
# The same rating of the same figures, written the plain way: dataclasses and Decimal, no
# parsing, no models, no sentences. It knows the benchmark's six target texts and three
# aggregations, and the even profile; it is the floor a pure-Python engine is measured by.


@dataclass(slots=True)
class PlainGoal:
    """At most ``high``, at least ``low``, or within both."""

    kind: str  # "at_most", "at_least" or "within"
    low: Decimal
    high: Decimal
    strict: bool = False


@dataclass(slots=True)
class PlainMeasure:
    """A measure: its polarity, aggregation, figures by period index, goals by year."""

    lower_is_better: bool
    aggregation: Aggregation
    values: list[Decimal]
    goals: list[PlainGoal | None]


@dataclass(slots=True)
class PlainResult:
    """What the peer finds for one measure and period."""

    status: str
    margin: Decimal | None
    direction: str
    ytd: Decimal
    forecast: Decimal | None
    forecast_status: str | None


def plain_goal(text: str, lower_is_better: bool) -> PlainGoal | None:
    """The goal of one of the benchmark's target texts."""
    if text in {"N/A", ""}:
        return None
    if text == "40%-60%":
        return PlainGoal("within", Decimal(40), Decimal(60))
    if text[0] in "<>":
        figure = Decimal(text[1:-1])
        return PlainGoal("at_most" if text[0] == "<" else "at_least", figure, figure, strict=True)
    figure = Decimal(text[:-1])
    return PlainGoal("at_most" if lower_is_better else "at_least", figure, figure)


BADNESS = {"green": 0, "amber": 1, "red": 2}
TOLERANCE = Decimal("0.03")


def plain_colour(margin: Decimal, reference: Decimal, met: bool) -> str:
    """Green when met, amber within 3% of the reference, red beyond."""
    if met:
        return "green"
    allowance = TOLERANCE * abs(reference)
    return "amber" if allowance > 0 and -margin <= allowance else "red"


def plain_rate(value: Decimal, goal: PlainGoal) -> tuple[str, Decimal]:
    """The status and margin of a value against a goal."""
    if goal.kind == "at_most":
        margin = goal.high - value
        met = margin > 0 or (margin == 0 and not goal.strict)
        return plain_colour(margin, goal.high, met), margin
    if goal.kind == "at_least":
        margin = value - goal.low
        met = margin > 0 or (margin == 0 and not goal.strict)
        return plain_colour(margin, goal.low, met), margin
    below, above = value - goal.low, goal.high - value
    low = plain_colour(below, goal.low, below >= 0), below
    high = plain_colour(above, goal.high, above >= 0), above
    return high if (BADNESS[high[0]], -above) > (BADNESS[low[0]], -below) else low


def plain_build(card: Scorecard, periods: Sequence[Period]) -> list[PlainMeasure]:
    """The scorecard's figures and goals as plain dataclasses."""
    where = {period: index for index, period in enumerate(periods)}
    texts: dict[str, list[tuple[Period, str]]] = {m.reference: [] for m in card.measures}
    for setting in card.targets:
        texts[setting.measure_ref].append((setting.period, str(setting.target)))
    found = []
    for measure in card.measures:
        lower = measure.polarity is Polarity.LOWER_IS_BETTER
        values = [Decimal(0)] * len(periods)
        for observation in card.observations_for(measure.reference):
            values[where[observation.period]] = observation.value  # type: ignore[assignment]
        goals = [plain_goal(text, lower) for _, text in sorted(texts[measure.reference])]
        found.append(PlainMeasure(lower, measure.aggregation, values, goals))
    return found


def plain_loop(measures: list[PlainMeasure], quarters: int) -> list[list[PlainResult]]:
    """Rate every measure in every quarter: status, margin, direction, ytd and forecast."""
    results: list[list[PlainResult]] = [[] for _ in range(quarters)]
    for measure in measures:
        values = measure.values
        profiled = measure.aggregation is not Aggregation.LATEST
        for index in range(quarters):
            year, quarter = divmod(index, 4)
            value = values[index]
            if measure.aggregation is Aggregation.SUM:
                ytd = sum(values[year * 4 : index + 1], Decimal(0))
            else:
                ytd = value
            back = index - 4 if measure.aggregation is Aggregation.ALREADY_CUMULATIVE else index - 1
            direction = "not_comparable"
            if back >= 0:
                change = value - values[back]
                if change == 0:
                    direction = "no_change"
                else:
                    direction = (
                        "improving" if (change < 0) == measure.lower_is_better else "worsening"
                    )
            goal = measure.goals[year]
            status, margin, forecast, forecast_status = "not_rated", None, None, None
            if goal is not None and profiled:
                share = Decimal(quarter + 1) / 4
                due = PlainGoal(goal.kind, goal.low * share, goal.high * share, goal.strict)
                status, margin = plain_rate(ytd, due)
                forecast = ytd / share
                forecast_status = plain_rate(forecast, goal)[0]
            elif goal is not None:
                status, margin = plain_rate(value, goal)
            results[index].append(
                PlainResult(status, margin, direction, ytd, forecast, forecast_status)
            )
    return results


def time_plain(card: Scorecard, periods: Sequence[Period]) -> float:
    """Seconds the plain loop takes, after checking it rates as the engine does."""
    measures = plain_build(card, periods)
    gc.collect()
    started = time.perf_counter()
    results = plain_loop(measures, len(periods))
    took = time.perf_counter() - started
    policy = RagPolicy(tolerance=Tolerance.relative(Decimal("0.03")))
    for period in (periods[0], periods[5], periods[-1]):
        engine = evaluate(card, period, policy=policy)
        plain = results[periods.index(period)]
        if [a.status.value for a in engine] != [r.status for r in plain]:
            msg = f"the plain loop rates {period} otherwise than the engine"
            raise RuntimeError(msg)
    return took


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


def time_loading(text: str) -> tuple[float, Scorecard]:
    """Seconds ``serializers.csv.loads`` takes to read a scorecard's tidy CSV, and the result."""
    gc.collect()
    started = time.perf_counter()
    loaded = csv_format.loads(text)
    took = time.perf_counter() - started
    if not isinstance(loaded, Scorecard):
        msg = "the tidy CSV did not read back as a scorecard"
        raise TypeError(msg)
    return took, loaded


def main() -> None:
    """Print the benchmark tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--import-runs", type=int, default=7, help="fresh interpreters per line")
    parser.add_argument("--no-imports", action="store_true", help="skip the import table")
    parser.add_argument(
        "--repeat", type=int, default=1, help="load and evaluate this many times, keep the best"
    )
    args = parser.parse_args()

    if not args.no_imports:
        print_import_times(args.import_runs)
        print()
    print(
        "| observations | `csv.loads` (s) | `evaluate` (s) | / `csv.loads` | `evaluate_all` (s) "
        "| plain loop (s) | / plain loop | with sentences (s) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    per: dict[int, float] = {}
    for size in args.sizes:
        generated, periods = build(size)
        # Loading and evaluating take turns, so that a change in a shared machine's load
        # weighs on both alike; each keeps its best time. Each turn rates the scorecard it
        # has just loaded, so every evaluation pays for building the scorecard's lookups
        # and the engine's plan, as a program that loads and rates does.
        text = csv_format.dumps(generated, spreadsheet_safe=False)
        del generated

        def fresh() -> Scorecard:
            return time_loading(text)[1]  # noqa: B023 - called within this size's turn

        loading, card = time_loading(text)
        timings = time_evaluation(card, periods, fresh)
        for _ in range(args.repeat - 1):
            del card
            again_loading, card = time_loading(text)
            loading = min(loading, again_loading)
            again = time_evaluation(card, periods, fresh)
            timings = {how: min(took, again[how]) for how, took in timings.items()}
        plain = time_plain(card, periods)
        took = timings["evaluate"]
        per[size] = took
        print(
            f"| {size:,} | {loading:.2f} | {took:.2f} | {took / loading:.2f} "
            f"| {timings['evaluate_all']:.2f} | {plain:.2f} | {took / plain:.1f} "
            f"| {timings['sentences']:.2f} |"
        )
    if len(per) > 1:
        small, large = min(per), max(per)
        print(f"\nevaluate time ratio {large:,} / {small:,}: {per[large] / per[small]:.2f}")
    small = min(args.sizes)
    card, periods = build(small)
    kept = kept_bytes(card, periods)
    print(f"kept reports, {small:,} observations: {kept:.0f} bytes per assessment")


if __name__ == "__main__":
    main()
