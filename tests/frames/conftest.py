"""Set-up for the dataframe tests: the backends, and what to do when the extra is missing.

Without narwhals the tests here are skipped, except where they were asked for by name
(``pytest -m frames``) on CI (``CI`` set): there a missing extra fails the run, so the
frames tests cannot pass by being skipped. The Spark tests (``pytest -m spark``) need
PySpark and a Java runtime besides, and fail in the same way on CI without them.
"""

import os
import shutil
from importlib.util import find_spec

import pytest

MISSING = [name for name in ("narwhals", "pandas", "polars", "pyarrow", "duckdb") if
           find_spec(name) is None]  # fmt: skip
SPARK_MISSING = [
    *MISSING,
    *(["pyspark"] if find_spec("pyspark") is None else []),
    *(["java"] if shutil.which("java") is None and "JAVA_HOME" not in os.environ else []),
]


def _asked(config, marker):
    expression = config.getoption("markexpr", "") or ""
    return marker in expression and f"not {marker}" not in expression


def pytest_configure(config):
    """On CI, a run that selects the frames or Spark tests fails when their packages are missing."""
    if not os.environ.get("CI"):
        return
    if MISSING and _asked(config, "frames"):
        msg = f"the frames tests need {', '.join(MISSING)}: pip install -e '.[frames,frames-test]'"
        raise pytest.UsageError(msg)
    if SPARK_MISSING and _asked(config, "spark"):
        msg = (
            f"the Spark tests need {', '.join(SPARK_MISSING)}: "
            "pip install -e '.[frames,frames-test,spark-test]' and a Java runtime (17 or later)"
        )
        raise pytest.UsageError(msg)


def pytest_collection_modifyitems(items):
    """Skip the Spark tests where PySpark or Java is missing (they fail instead on CI)."""
    if not SPARK_MISSING:
        return
    skip = pytest.mark.skip(reason=f"needs {', '.join(SPARK_MISSING)}")
    for item in items:
        if "spark" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole run: two cores, small shuffles, no UI, quiet.

    Over a few rows, Spark's time goes to planning and compiling queries, not running them:
    two shuffle partitions, no adaptive re-planning, no whole-stage code generation and the
    JVM's quick compiler alone make each query several times faster here.
    """
    from pyspark.sql import SparkSession  # noqa: PLC0415 - pyspark is optional

    # The driver binds to the loopback address, so Spark need not guess (and warn) which.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("kpi_scorecard tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


if MISSING:
    collect_ignore_glob = ["*.py"]  # doctest collection would import the backends too
