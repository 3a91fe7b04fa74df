"""The errors of the dataframe extra: a missing extra, a bad cell, an unsupported operation.

::

    KpiScorecardError
    ├── MissingExtraError (ImportError)     narwhals is not installed
    ├── TableError (ValueError)
    │   └── FrameError                      a bad cell of a frame, by row and column
    └── FrameSupportError (NotImplementedError)
                                            a target kind or backend operation not supported
"""

from __future__ import annotations

from kpi_scorecard._errors import KpiScorecardError, MissingExtraError, TableError

__all__ = ["FrameError", "FrameSupportError", "MissingExtraError"]


class FrameError(TableError):
    """A cell of a dataframe that cannot be read, located by its row (from 0) and column.

    >>> err = FrameError("12 bananas", "not a number", code="bad_value", row=7, column="value")
    >>> str(err), err.row
    ("row 7, column 'value': not a number: '12 bananas'", 7)
    """

    def __init__(
        self,
        text: str,
        reason: str,
        *,
        code: str,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(text, reason, code=code, line=None, column=column)
        self.row = row
        where = [f"row {row}"] if row is not None else []
        if column is not None:
            where.append(f"column {column!r}")
        prefix = ", ".join(where) + ": " if where else ""
        self.args = (f"{prefix}{reason}: {text!r}",)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword arguments, so errors cross process pools."""
        return (_rebuild, (self.text, self.reason, self.code, self.row, self.column))


def _rebuild(text: str, reason: str, code: str, row: int | None, column: str | None) -> FrameError:
    return FrameError(text, reason, code=code, row=row, column=column)


class FrameSupportError(KpiScorecardError, NotImplementedError):
    """Something the frame engine does not do (yet): a target kind, or a backend operation.

    >>> str(FrameSupportError("evaluate_frame does not rate a SpanTarget yet",
    ...                       code="unsupported_target"))
    'evaluate_frame does not rate a SpanTarget yet'
    """

    def __init__(self, message: str, *, code: str) -> None:
        self.code = code
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword arguments."""
        return (_rebuild_support, (str(self), self.code))


def _rebuild_support(message: str, code: str) -> FrameSupportError:
    return FrameSupportError(message, code=code)
