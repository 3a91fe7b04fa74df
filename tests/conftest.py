"""Shared test set-up: hypothesis profiles, the example scorecard, and the import path.

``fast`` (the default) keeps the whole suite quick; ``HYPOTHESIS_PROFILE=thorough`` runs
every property on many more examples, and ``HYPOTHESIS_PROFILE=mutation`` on few.
"""

import csv
import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "children_and_families_2019_20.tsv"

if find_spec("kpi_scorecard") is None:  # not installed: test the source tree in place
    sys.path.insert(0, str(ROOT / "src"))

settings.register_profile("fast", max_examples=100, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
# Mutation runs (docs/testing.md) run each surviving mutant's tests in full: fewer examples
# keep a survivor's run short, while the tables of real notations do most of the killing.
settings.register_profile("mutation", max_examples=10, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


def _empty_library_caches() -> None:
    """Empty every cache of the library's modules, and the unit registry.

    The caches kept per object (the engine's plans, in a ``WeakKeyDictionary``) are emptied
    too, so that a scorecard a test module builds once is laid out again in each test.
    """
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "kpi_scorecard":
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
            elif isinstance(value, WeakKeyDictionary):
                value.clear()
    units = sys.modules.get("kpi_scorecard._units")
    if units is not None:
        units._registry = None


def pytest_sessionstart(session):
    """Under a mutation run, start each mutant's tests with the library's caches empty.

    mutmut forks every mutant's run from a process that has already collected the tests,
    and collecting parses the tables of notations, so the parsers' caches and the unit
    registry hold answers the unmutated code gave. Emptied here, a test that parses a
    label asks the mutated parser, not the cache.
    """
    if "__mutmut_" in os.environ.get("MUTANT_UNDER_TEST", ""):
        _empty_library_caches()


def pytest_runtest_setup(item):
    """Under mutmut's first run, empty the caches before every test.

    That run records which tests call each function, and a mutant is later checked by
    those tests only. A table kept in a cache is built by the first test that needs it,
    so without this every later test that reads the table would go unrecorded and the
    table's mutants would be checked by one test.
    """
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        _empty_library_caches()


PERIOD_HEADERS = (
    "Year end 2018/19",
    "Quarter 4 2018/19",
    "Quarter 1 2019/20",
    "Quarter 2 2019/20",
    "Quarter 3 2019/20",
    "Quarter 4 2019/20",
)
TARGET_HEADER = "Proposed Quarterly/ Annual Target 2019/20"


@pytest.fixture(scope="session")
def example_rows():
    """The measure rows of the example scorecard: reference, period cells and target cell."""
    with EXAMPLE.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle, delimiter="\t"))
    header = next(line for line in lines if line and line[0] == "Ref")
    rows = []
    for line in lines:
        if not line or not line[0].strip() or line[0] == "Ref" or len(line) < len(header) - 2:
            continue
        cells = dict(zip(header, line, strict=False))
        rows.append(
            {
                "ref": cells["Ref"],
                "values": {period: cells.get(period, "") for period in PERIOD_HEADERS},
                "target": cells.get(TARGET_HEADER, ""),
            }
        )
    return rows


@pytest.fixture
def run_script(tmp_path):
    """Run Python source in a fresh interpreter on the example file; return its stdout."""
    example = Path(__file__).parents[1] / "examples" / "data" / "children_and_families_2019_20.tsv"

    def run(source: str) -> str:
        script = tmp_path / "script.py"
        script.write_text(source, encoding="utf-8")
        result = subprocess.run(  # noqa: S603 - this interpreter on a script the test wrote
            [sys.executable, str(script), str(example)],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    return run
