"""Comparator figures read from a tidy dataframe, with the columns of the CSV reader.

See :mod:`kpi_scorecard.serializers.comparators` for the columns; each bad row is a
:class:`FrameError` naming its row (from 0) and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard.comparators import ComparatorData
from kpi_scorecard.serializers._csv_read import RowError
from kpi_scorecard.serializers.comparators import _check_header, _data, _figure, _Seen, _text

from ._errors import FrameError
from ._narwhals import nw

__all__ = ["comparators_from_frame"]


def comparators_from_frame(
    frame: Any, *, area: str, region: str | None = None, calendar: Calendar = DEFAULT_CALENDAR
) -> ComparatorData:
    """Read comparator figures from a tidy dataframe (pandas, polars, pyarrow...).

    Cells may be text or numbers; a float is read by
    its shortest repr, so ``0.1`` is exactly 0.1. Rows are numbered from 0.
    """
    table = nw.from_native(frame, eager_only=False)
    if isinstance(table, nw.LazyFrame):
        table = table.collect()
    names = [str(name) for name in table.columns]
    _check_header(names, FrameError)
    figures, seen = [], _Seen()
    rows: Iterable[dict[str, object]] = table.iter_rows(named=True)
    for row, cells in enumerate(rows):
        try:
            figure = _figure({k: _text(v) for k, v in cells.items()}, calendar)
            seen.check(figure, f"row {row}")
            figures.append(figure)
        except RowError as exc:
            raise FrameError(
                exc.text, exc.reason, code=exc.code, row=row, column=exc.column
            ) from None
    return _data(figures, area, region, FrameError, {})
