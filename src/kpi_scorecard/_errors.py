"""Errors and warnings raised by kpi_scorecard.

Every error the library raises on purpose derives from :class:`KpiScorecardError`.
Errors about bad text also derive from :class:`ValueError`, quote the text, give the
position where there is one, and carry a stable ``code`` that programs can test::

    KpiScorecardError
    ├── ParseError (ValueError)               text that is not a valid notation
    │   ├── PeriodParseError                  Period.parse
    │   ├── TargetParseError                  Target.parse
    │   └── ValueParseError                   CellValue.parse
    ├── CalendarError (ValueError)            a period the calendar cannot place
    ├── UnitError (ValueError)                unknown or incompatible units
    ├── ScorecardError (ValueError)           a scorecard that does not hang together
    └── TableError (ValueError)               a bad cell in a table, CSV or JSON document,
                                              with its line and column

    KpiScorecardWarning (UserWarning)
    └── AveragedPercentageWarning             a percentage averaged though numerators exist

Inside pydantic models the same problems surface as a ``pydantic.ValidationError`` whose
error ``type`` is the same stable code.
"""

from __future__ import annotations

import sys
import warnings
from types import FrameType
from typing import TypeVar

__all__ = [
    "AveragedPercentageWarning",
    "CalendarError",
    "KpiScorecardError",
    "KpiScorecardWarning",
    "ParseError",
    "PeriodParseError",
    "ScorecardError",
    "TableError",
    "TargetParseError",
    "UnitError",
    "ValueParseError",
]


class KpiScorecardError(Exception):
    """Base class of every error that kpi_scorecard raises on purpose."""

    code: str = "kpi_scorecard_error"


class ParseError(KpiScorecardError, ValueError):
    """Text that does not follow any notation the parser knows.

    >>> err = ParseError("18%%", "double percent sign", code="bad_number", position=2)
    >>> str(err)
    "double percent sign: '18%%' (at position 2)"
    >>> err.code, err.text, err.position
    ('bad_number', '18%%', 2)

    Given something that is not text at all, a parser says what it was given: ``text`` is
    then the value's ``repr``, shown as it is rather than quoted like typed text
    (``quoted=False``), so that ``2019`` does not read as the text ``'2019'``.

    >>> str(ParseError("2019", "a period label must be text, not int", code="not_text",
    ...                quoted=False))
    'a period label must be text, not int: 2019'
    """

    what: str = "text"

    def __init__(
        self,
        text: str,
        reason: str,
        *,
        code: str,
        position: int | None = None,
        quoted: bool = True,
    ) -> None:
        self.text = text
        self.reason = reason
        self.code = code
        self.position = position
        self.quoted = quoted
        shown = repr(text) if quoted else text
        where = f" (at position {position})" if position is not None else ""
        super().__init__(f"{reason}: {shown}{where}")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword arguments, so errors cross process pools."""
        return (
            _rebuild_parse_error,
            (type(self), self.text, self.reason, self.code, self.position, self.quoted),
        )


_E = TypeVar("_E", bound=ParseError)


def _rebuild_parse_error(
    cls: type[ParseError],
    text: str,
    reason: str,
    code: str,
    position: int | None,
    quoted: bool = True,  # errors pickled before quoted existed were all quoted
) -> ParseError:
    return cls(text, reason, code=code, position=position, quoted=quoted)


def not_text_error(error: type[_E], value: object, what: str) -> _E:
    """The error for a parser given ``value``, which is not text: name its type, show its repr.

    >>> str(not_text_error(ParseError, 2019, "a period label"))
    'a period label must be text, not int: 2019'
    >>> str(not_text_error(ParseError, None, "a target"))
    'a target must be text, not None: None'
    """
    kind = "None" if value is None else type(value).__name__
    return error(repr(value), f"{what} must be text, not {kind}", code="not_text", quoted=False)


class PeriodParseError(ParseError):
    """A period label that cannot be read."""

    what = "period"


class TargetParseError(ParseError):
    """A target written in a notation that cannot be read."""

    what = "target"


class ValueParseError(ParseError):
    """A value cell that cannot be read."""

    what = "value"


class CalendarError(KpiScorecardError, ValueError):
    """A period the calendar cannot place, such as a school term whose dates were not given."""

    def __init__(self, message: str, *, code: str) -> None:
        self.code = code
        super().__init__(message)


class UnitError(KpiScorecardError, ValueError):
    """A unit that is unknown, or that cannot be converted to the measure's unit."""

    def __init__(self, message: str, *, code: str) -> None:
        self.code = code
        super().__init__(message)


class ScorecardError(KpiScorecardError, ValueError):
    """A scorecard whose parts do not fit together (unknown measure, duplicate entry...)."""

    def __init__(self, message: str, *, code: str) -> None:
        self.code = code
        super().__init__(message)


class TableError(KpiScorecardError, ValueError):
    """A bad cell in serialized text, located by line and column.

    >>> err = TableError("12 bananas", "not a number", code="bad_value", line=7, column="Q1")
    >>> str(err)
    "line 7, column 'Q1': not a number: '12 bananas'"
    """

    def __init__(
        self,
        text: str,
        reason: str,
        *,
        code: str,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.text = text
        self.reason = reason
        self.code = code
        self.line = line
        self.column = column
        where = []
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        prefix = ", ".join(where) + ": " if where else ""
        super().__init__(f"{prefix}{reason}: {text!r}")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword arguments, so errors cross process pools."""
        return (
            _rebuild_table_error,
            (self.text, self.reason, self.code, self.line, self.column),
        )


def _rebuild_table_error(
    text: str, reason: str, code: str, line: int | None, column: str | None
) -> TableError:
    return TableError(text, reason, code=code, line=line, column=column)


class KpiScorecardWarning(UserWarning):
    """Base class of the warnings kpi_scorecard issues about risky but legal use."""


class AveragedPercentageWarning(KpiScorecardWarning):
    """A year-to-date percentage was averaged although numerators and denominators exist."""


def warn_caller(message: str, category: type[KpiScorecardWarning]) -> None:
    """Issue a warning that points at the first line outside the library that led to it.

    Counting frames by hand breaks whenever a call path inside the library changes, and
    there are several ways into the same check (``evaluate`` and ``year_to_date``).
    """
    # stacklevel 1 is this function, 2 the frame that called it, and so on outwards.
    level = 2
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("kpi_scorecard"):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, category, stacklevel=level)
