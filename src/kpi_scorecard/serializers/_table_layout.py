"""Declared layouts: what each column of a table is, said in Python or in plain data.

A :class:`Layout` is a frozen pydantic model, so it can be written in Python or read from
JSON or TOML (``Layout.model_validate(json.load(f))``, ``Layout.model_validate_json``) and
kept in a file beside the data it describes.
"""

from __future__ import annotations

import re
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kpi_scorecard._measure import Polarity
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard.serializers._table_headers import PERIOD_ROLES, Role

__all__ = ["Column", "Layout"]


class Column(BaseModel):
    """One declared column: found by its header text or its position, and what it holds.

    >>> Column(header="Achieved", role="value", period="2014/15").role
    <Role.VALUE: 'value'>
    >>> Column(position=1, role="polarity", words={"Up": "higher_is_better"}).words
    {'Up': <Polarity.HIGHER_IS_BETTER: 'higher_is_better'>}
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Role
    header: str | None = Field(default=None, min_length=1)
    """The header text (case and runs of space ignored); with two header rows, the two
    rows' texts joined by a space (``ACTUAL 23/24``)."""
    position: int | None = Field(default=None, ge=0)
    """The 0-based position, for a table without header rows or to pin a column."""
    period: str | None = Field(default=None, min_length=1)
    """The period the column is for, when its header does not say (``2014/15``), or a
    period relative to the report (``This quarter``)."""
    unit: str | None = Field(default=None, min_length=1)
    """The unit of the column's bare figures (``percent``, ``day``)."""
    status: ObservationStatus | None = None
    """The status of the column's figures (``forecast`` for a projection)."""
    words: dict[str, Polarity] | None = None
    """For a polarity column: the words it uses, and which way each says is good."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.header is None and self.position is None:
            raise ValueError("a column is found by its header or its position")
        if self.words is not None and self.role is not Role.POLARITY:
            raise ValueError("words are for a polarity column")
        if (self.period or self.status) and self.role not in PERIOD_ROLES:
            raise ValueError(f"a {self.role} column has no period or status")
        return self


class Layout(BaseModel):
    r"""What a table's columns hold, and where its header, sections and footer are.

    Columns not declared are recognised from the header vocabulary; a declaration wins.

    >>> layout = Layout.model_validate({
    ...     "columns": [{"header": "Achieved", "role": "value", "period": "2014/15"}],
    ...     "missing": ["Not measured"],
    ... })
    >>> layout.columns[0].period, layout.header_rows, layout.missing
    ('2014/15', 1, ('Not measured',))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    columns: tuple[Column, ...] = ()
    header_rows: int = Field(default=1, ge=0, le=3)
    """How many header rows the table has: 0 when it has none (columns by position), 2
    for a period row over value, target and status sub-columns."""
    skip_rows: int = Field(default=0, ge=0)
    """How many lines at the top are preamble whatever they hold (the title is chosen
    among them); needed for a table without header rows."""
    period: str | None = Field(default=None, min_length=1)
    """The period of value and year-to-date columns whose header names none, or a period
    relative to the report (``Current``)."""
    delimiter: Literal["\t", ","] | None = None
    """The delimiter; found from the header row when not given."""
    title: Literal["first", "last"] | int | None = "last"
    """Which preamble line is the scorecard's title: the first, the last (the default),
    the line with this number, or none."""
    section_above_header: bool = False
    """Whether a one-cell line directly above a header row is the section of the rows
    below it (a table of sections, each with its own header row)."""
    missing: tuple[str, ...] = ()
    """Value cells (case ignored) read as missing figures, their text kept as the
    observation's commentary (like pandas ``na_values``)."""
    missing_pattern: str | None = Field(default=None, min_length=1)
    """A regular expression: value cells it matches whole (case ignored) are read as
    ``missing`` ones are, for a sentence a council varies (``We did not get robust data.*``).
    """
    skip_footer: int = Field(default=0, ge=0)
    """How many non-blank lines at the end are a page footer, left unread but counted."""
    sections: bool = True
    """Whether a row with only a heading is a section over the rows below it."""
    footnotes: bool = True
    """Whether a one-cell line starting with a footnote marker (``*``, ``†``, ``(a)``)
    is a footnote, kept as the notes of the measures that cite it."""

    @field_validator("missing_pattern")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                msg = f"missing_pattern is not a regular expression ({exc}): {pattern!r}"
                raise ValueError(msg) from None
        return pattern

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.header_rows == 0 and any(c.position is None for c in self.columns):
            raise ValueError("a table without header rows declares columns by position")
        seen: set[object] = set()
        for column in self.columns:
            key = column.header.casefold() if column.header else column.position
            if key in seen:
                raise ValueError(f"the column {key!r} is declared twice")
            seen.add(key)
        return self
