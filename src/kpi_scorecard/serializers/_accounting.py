"""Row bookkeeping shared by the lenient loaders: nothing read goes unaccounted for."""

from __future__ import annotations

from kpi_scorecard._errors import TableError

__all__ = ["RowAccounting"]


class RowAccounting:
    """The counts of a lenient load, refusing to exist if they do not add up.

    Every data row read is either kept or named by an error, so
    ``rows_read == rows_kept + rows_rejected``; a result that would lose rows silently
    raises ValueError when it is built.
    """

    __slots__ = ()

    errors: tuple[TableError, ...]
    rows_read: int
    rows_kept: int
    rejected_lines: tuple[int, ...]

    def __post_init__(self) -> None:
        """Refuse a result that loses rows."""
        if not self.accounted:
            msg = (
                f"{self.rows_read} rows read but {self.rows_kept} kept and "
                f"{self.rows_rejected} reported: rows would be lost silently"
            )
            raise ValueError(msg)

    @property
    def rows_rejected(self) -> int:
        """How many data rows were rejected."""
        return len(set(self.rejected_lines))

    @property
    def accounted(self) -> bool:
        """Whether every row read was kept or reported: read == kept + rejected."""
        reported = {error.line for error in self.errors}
        return (
            set(self.rejected_lines) <= reported
            and self.rows_read == self.rows_kept + self.rows_rejected
        )

    @property
    def ok(self) -> bool:
        """Whether the text read without any error."""
        return not self.errors
