"""Thread safety: eight threads evaluating and serializing at once agree with one thread."""

import textwrap

import pytest

pytestmark = pytest.mark.subprocess

# A fresh interpreter, so the threads race for the first use of the unit registry and of
# every parser cache.
SCRIPT = textwrap.dedent(
    """
    import sys
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from kpi_scorecard import RagPolicy, Target, Tolerance, evaluate
    from kpi_scorecard.serializers import csv, json, table

    text = open(sys.argv[1], encoding="utf-8").read()
    start = threading.Barrier(8)

    def job(number):
        start.wait()
        unit = Target.parse(f"{number} weeks").unit  # first use of the pint registry
        card = table.loads(text, measures={"CSC017": {"aggregation": "already_cumulative"}})
        report = evaluate(card, "Q1 2019/20", policy=RagPolicy(tolerance=Tolerance.parse("3%")))
        return (unit, json.dumps(card), json.dumps(report), csv.dumps(report), table.dumps(card))

    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(job, [6] * 8))
    start = threading.Barrier(1)
    alone = job(6)
    print(sum(result == alone for result in together), len(set(together)))
    """
)


def test_eight_threads_give_the_same_results_as_one(run_script):
    """Eight racing threads produce exactly the single-threaded output, every one of them."""
    assert run_script(SCRIPT).split() == ["8", "1"]
