"""The backends the frame tests run on, and how to turn a frame into each of them."""

from pathlib import Path

import duckdb
import narwhals as nw
import pandas as pd
import polars as pl
import pyarrow as pa

EAGER = ("pandas", "polars", "pyarrow")
EXAMPLE = Path(__file__).parents[2] / "examples" / "data" / "children_and_families_2019_20.tsv"


def as_backend(frame, backend, spark=None):
    """The same table (given as polars) as a frame of ``backend`` (Spark: in session ``spark``)."""
    if backend == "polars":
        return frame
    if backend == "polars-lazy":
        return frame.lazy()
    if backend == "pandas":
        return frame.to_pandas()
    if backend == "pyarrow":
        return frame.to_arrow()
    if backend == "duckdb":
        return duckdb.from_arrow(frame.to_arrow())
    if backend == "spark":
        return spark.createDataFrame(frame.to_arrow())
    raise AssertionError(backend)


def to_polars(native):
    """Any frame (eager or lazy) as an eager polars frame, for comparing results."""
    found = nw.from_native(native)
    if isinstance(found, nw.LazyFrame):
        found = found.collect()
    return pl.from_arrow(found.to_arrow())


__all__ = ["EAGER", "EXAMPLE", "as_backend", "duckdb", "pa", "pd", "pl", "to_polars"]
