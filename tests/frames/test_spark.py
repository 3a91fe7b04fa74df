"""PySpark: evaluate_frame in a local Spark session, lazy in and lazy out; from_frame too.

The differential test (test_differential.py) rates generated scorecards on Spark as on
every other backend; these tests pin what is particular to Spark.
"""

import pytest

from kpi_scorecard import Measure, TargetSetting
from kpi_scorecard.frames import evaluate_frame, from_frame, to_frame
from kpi_scorecard.serializers import table

from .backends import EXAMPLE, pl, to_polars
from .test_docs import SPARK_PAGE, run_page

pytestmark = [pytest.mark.frames, pytest.mark.spark]

MEASURES = [Measure(reference="M1", unit="%", polarity="lower_is_better")]
TARGETS = [TargetSetting(measure_ref="M1", period="2019/20", target="<18%")]
FRAME = pl.DataFrame(
    {"measure_ref": ["M1", "M1"], "period": ["Q4 2018/19", "Q1 2019/20"], "value": [19.0, 17.0]}
)


def test_spark_in_spark_out(spark):
    """A Spark DataFrame is rated into a Spark DataFrame of the same session."""
    from pyspark.sql import DataFrame  # noqa: PLC0415 - collected where pyspark is missing

    rated = evaluate_frame(spark.createDataFrame(FRAME.to_arrow()), MEASURES, TARGETS)
    assert isinstance(rated, DataFrame)
    assert rated.sparkSession is spark
    found = rated.orderBy("period_start").select("status", "reason", "direction").collect()
    assert [tuple(row) for row in found] == [
        ("not_rated", "no_target_in_force", "not_comparable"),
        ("green", "target", "improving"),
    ]


def test_vocabularies_are_strings(spark):
    """Spark has no categorical type: status, quality, direction stay plain strings."""
    rated = evaluate_frame(spark.createDataFrame(FRAME.to_arrow()), MEASURES, TARGETS,
                           period="Q1 2019/20")  # fmt: skip
    types = dict(rated.dtypes)
    assert [types[name] for name in ("status", "quality", "direction", "forecast_status")] == [
        "string"
    ] * 4
    assert (types["period_start"], types["margin"]) == ("date", "double")


def test_spark_columns_by_days(spark):
    """Periods given as Spark dates (period_start, period_end) are rated as labels are."""
    days = FRAME.with_columns(
        period_start=pl.Series(["2019-01-01", "2019-04-01"]).str.to_date(),
        period_end=pl.Series(["2019-03-31", "2019-06-30"]).str.to_date(),
    ).drop("period")
    rated = evaluate_frame(spark.createDataFrame(days.to_arrow()), MEASURES, TARGETS,
                           period="Q1 2019/20")  # fmt: skip
    assert to_polars(rated).select("period", "status", "margin").row(0) == (
        "Q1 2019/20", "green", 1.0,
    )  # fmt: skip


def test_example_read_from_spark(spark):
    """from_frame reads the example scorecard back from Spark DataFrames (collected)."""
    example = table.loads(EXAMPLE.read_text(encoding="utf-8"))
    frames = {
        name: spark.createDataFrame(to_frame(example, "pyarrow", table=name))
        for name in ("observations", "measures", "targets")
    }
    found = from_frame(frames["observations"], measures=frames["measures"],
                       targets=frames["targets"], title=example.title)  # fmt: skip
    assert found == example


def test_how_to_page_runs(spark):
    """The Spark how-to page runs as a doctest, its getOrCreate() finding the run's session."""
    failures, output = run_page(SPARK_PAGE)
    assert failures == 0, output
