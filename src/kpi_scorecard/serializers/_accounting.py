"""The lenient result the table and CSV loaders share: nothing read goes unaccounted for."""

from __future__ import annotations

from dataclasses import dataclass

from kpi_scorecard._errors import TableError
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard.evaluation import Report, RollUp

__all__ = ["LoadResult", "RowAccounting"]


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


@dataclass(frozen=True, slots=True)
class LoadResult(RowAccounting):
    r"""What a lenient read returns: the document of the rows that read, and every error.

    Nothing is dropped silently: every data row read is either kept or named by an
    error, so ``rows_read == rows_kept + rows_rejected`` (checked when the result is
    built). Rows that are not data are counted apart: the table reader's section rows
    (headings that group the measures below them), footnote lines and footer lines. Header
    errors (an unknown column, whose cells are then ignored) are listed too.

    >>> from kpi_scorecard.serializers import table
    >>> result = table.loads("Ref\tQ1 2019/20\nA1\t5\nA2\tfive\n", lenient=True)
    >>> result.rows_read, result.rows_kept, result.rejected_lines, result.errors[0].code
    (2, 1, (3,), 'bad_value')
    """

    document: Scorecard | Report | RollUp
    errors: tuple[TableError, ...] = ()
    rows_read: int = 0
    rows_kept: int = 0
    rejected_lines: tuple[int, ...] = ()
    """The first lines of the rejected data rows, each named by an error."""
    section_lines: tuple[int, ...] = ()
    """The lines of section rows, which name the group of the measures below them."""
    footnote_lines: tuple[int, ...] = ()
    """The lines of footnotes, kept as the notes of the measures that cite them."""
    footer_lines: tuple[int, ...] = ()
    """The lines a layout's ``skip_footer`` left unread."""

    @property
    def scorecard(self) -> Scorecard:
        """The scorecard read; TypeError when the text held a report."""
        if not isinstance(self.document, Scorecard):
            raise TypeError("the text held a report, not a scorecard")
        return self.document

    @property
    def report(self) -> Report:
        """The report read; TypeError when the text held a scorecard."""
        if not isinstance(self.document, Report):
            raise TypeError("the text held a scorecard, not a report")
        return self.document

    @property
    def sections(self) -> int:
        """How many section rows were read."""
        return len(self.section_lines)

    @property
    def footnotes(self) -> int:
        """How many footnote lines were read."""
        return len(self.footnote_lines)
