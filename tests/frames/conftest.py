"""Set-up for the dataframe tests: the backends, and what to do when the extra is missing.

Without narwhals the tests here are skipped, except where they were asked for by name
(``pytest -m frames``) on CI (``CI`` set): there a missing extra fails the run, so the
frames tests cannot pass by being skipped.
"""

import os
from importlib.util import find_spec

import pytest

MISSING = [name for name in ("narwhals", "pandas", "polars", "pyarrow", "duckdb") if
           find_spec(name) is None]  # fmt: skip


def pytest_configure(config):
    """On CI, a run that selects the frames tests fails when their packages are missing."""
    expression = config.getoption("markexpr", "") or ""
    asked = "frames" in expression and "not frames" not in expression
    if MISSING and asked and os.environ.get("CI"):
        msg = f"the frames tests need {', '.join(MISSING)}: pip install -e '.[frames,frames-test]'"
        raise pytest.UsageError(msg)


if MISSING:
    collect_ignore_glob = ["*.py"]  # doctest collection would import the backends too
