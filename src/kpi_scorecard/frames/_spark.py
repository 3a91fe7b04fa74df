"""Spark's part of the frame engine: lookup tables made in the observations' own session.

narwhals turns a small pyarrow table into a lazy frame of most backends, but a Spark
DataFrame belongs to a session, which the narwhals releases the extra allows do not all
take. The session is the one the observations were read in: the lookup tables are made
there, on the driver, from pyarrow (PySpark 4 reads a pyarrow table directly), and Spark
broadcasts them to the executors with the plan. Nothing else of the library runs there.
"""

from __future__ import annotations

from typing import Any

from ._narwhals import nw

__all__ = ["is_spark", "spark_table"]


def is_spark(frame: Any) -> bool:
    """Whether a narwhals frame wraps a PySpark DataFrame (classic or Spark Connect)."""
    return frame.implementation in (nw.Implementation.PYSPARK, nw.Implementation.PYSPARK_CONNECT)


def spark_table(data: dict[str, list[Any]], schema: dict[str, Any], like: Any) -> Any:
    """A lookup table as a Spark DataFrame of the session ``like`` (a Spark frame) is in."""
    table = nw.from_dict(data, schema=schema, backend="pyarrow").to_native()
    session = nw.to_native(like).sparkSession
    return nw.from_native(session.createDataFrame(table))
