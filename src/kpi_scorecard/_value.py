"""Value cells as councils write them: ``1,462``, ``20%``, ``97%-99%``, ``345 (1200 cumulative)``.

:meth:`CellValue.parse` reads one cell of a period column. Beside plain numbers it reads a
band (the true value lies in the range), a programme-cumulative figure in brackets, and the
status markers of the UK Government Statistical Service: ``[p]`` provisional, ``[e]``
estimated, ``[b]`` break in series, ``[u]`` low reliability after a figure; ``[c]``
suppressed, ``[x]`` not available, ``[z]`` or ``N/A`` not applicable in place of one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._errors import ValueParseError, not_text_error
from ._notation import ExactNumber, JsonBoolean, _TextValue
from ._numbers import NUMBER_PATTERN, check_text, format_decimal, parse_decimal
from ._patterns import lazy_pattern, squeeze
from ._reuse import take_built_instances
from ._status import ObservationStatus

__all__ = ["Band", "CellValue"]


class Band(_TextValue):
    """A value known only to lie within a band, such as ``97%-99%``; both ends included.

    >>> b = Band.parse("97-99")
    >>> b.low, b.high, b.midpoint, str(b)
    (Decimal('97'), Decimal('99'), Decimal('98'), '97-99')
    """

    json_schema_extra_text: ClassVar[dict[str, Any]] = {"pattern": r"^-?[0-9.]+(-| to )-?[0-9.]+$"}

    low: Decimal
    high: Decimal

    @model_validator(mode="after")
    def _check_order(self) -> Self:
        if self.high <= self.low:
            raise PydanticCustomError(
                "reversed_band",
                _band_problem(self.low, self.high) + ": {low} to {high}",
                {"low": str(self.low), "high": str(self.high)},
            )
        return self

    @property
    def midpoint(self) -> Decimal:
        """The middle of the band."""
        return (self.low + self.high) / 2

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``low-high`` (or ``low to high``) without units."""
        if not isinstance(text, str):
            raise not_text_error(ValueParseError, text, "a band")
        found = _BAND_ONLY.fullmatch(text.strip())
        low = parse_decimal(found["low"]) if found else None
        high = parse_decimal(found["high"]) if found else None
        if low is None or high is None:
            reason = "not a band such as '97-99'"
            if _BAND_ONLY.fullmatch(text.replace("%", "").strip()) is not None:
                # '97%-99%' is a band but for its units, which a band does not carry.
                reason = "a band is written without units, such as '97-99'"
            raise ValueParseError(text, reason, code="bad_band")
        if high <= low:
            raise ValueParseError(text, _band_problem(low, high), code="reversed_band")
        return cls(low=low, high=high)

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        separator = " to " if self.low < 0 else "-"
        return f"{format_decimal(self.low)}{separator}{format_decimal(self.high)}"


class CellValue(BaseModel):
    """What one value cell says: a figure or band, a cumulative figure, a status.

    >>> CellValue.parse("1,462").value, CellValue.parse("20%").percent
    (Decimal('1462'), True)
    >>> c = CellValue.parse("345 (1200 cumulative)")
    >>> c.value, c.cumulative, str(c)
    (Decimal('345'), Decimal('1200'), '345 (1200 cumulative)')
    >>> CellValue.parse("").status, CellValue.parse("23.5 [p]").status
    (<ObservationStatus.MISSING: 'missing'>, <ObservationStatus.PROVISIONAL: 'provisional'>)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    value: ExactNumber | Band | None = None
    percent: JsonBoolean = False
    cumulative: ExactNumber | None = None
    status: ObservationStatus = ObservationStatus.NORMAL

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.value is None and not self.status.missing:
            raise PydanticCustomError(
                "value_missing", "a cell without a figure needs a missing status"
            )
        if self.value is None and (self.percent or self.cumulative is not None):
            # Neither could be written: a cell without a figure reads back without them.
            raise PydanticCustomError(
                "value_missing", "a cell without a figure has no percent sign or running total"
            )
        if self.value is not None and self.status.missing:
            raise PydanticCustomError(
                "value_present",
                "a cell with a figure cannot have status {status}",
                {"status": self.status.value},
            )
        return self

    @classmethod
    def parse(cls, text: str) -> CellValue:
        """Read a value cell; raise :class:`ValueParseError` quoting the text."""
        if not isinstance(text, str):
            raise not_text_error(ValueParseError, text, "a value cell")
        return _parse_cached(text)

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        if self.value is None:
            return _MISSING_TEXT[self.status]
        unit = "%" if self.percent else ""
        if isinstance(self.value, Band):
            text = f"{format_decimal(self.value.low)}{unit}"
            text += " to " if self.value.low < 0 else "-"
            text += f"{format_decimal(self.value.high)}{unit}"
        else:
            text = f"{format_decimal(self.value)}{unit}"
        if self.cumulative is not None:
            text += f" ({format_decimal(self.cumulative)} cumulative)"
        marker = _STATUS_MARKERS.get(self.status)
        return f"{text} [{marker}]" if marker else text

    def __repr__(self) -> str:
        """Show the canonical text."""
        return f"kpi_scorecard.CellValue({str(self)!r})"

    # --- parsing ----------------------------------------------------------------------------

    _take_built = take_built_instances()


def _band_problem(low: Decimal, high: Decimal) -> str:
    """Say what is wrong with a band whose high end is not above its low end."""
    if high == low:
        return "a band needs two different ends"
    return "a band runs from low to high"


_NUM = rf"(?:{NUMBER_PATTERN})"
_BAND_ONLY = lazy_pattern(rf"(?P<low>{_NUM})\s*(?:-|–|to)\s*(?P<high>{_NUM})")
_CELL = lazy_pattern(
    rf"(?P<low>{_NUM})(?P<pct1>\s*%)?"
    rf"(?:\s*(?:-|–|\bto\b)\s*(?P<high>{_NUM})(?P<pct2>\s*%)?)?"
    rf"(?:\s*\(\s*(?P<cum>{_NUM})\s+(?:ac)?cumulative\s*\))?"
    r"(?:\s*\[(?P<marker>[a-z])\])?",
    re.IGNORECASE,
)
_STATUS_MARKERS = {
    ObservationStatus.PROVISIONAL: "p",
    ObservationStatus.ESTIMATED: "e",
    ObservationStatus.BREAK: "b",
    ObservationStatus.LOW_RELIABILITY: "u",
    ObservationStatus.FORECAST: "f",
    ObservationStatus.IMPUTED: "i",
}
_MARKER_STATUS = {marker: status for status, marker in _STATUS_MARKERS.items()}
_MISSING_TEXT = {
    ObservationStatus.MISSING: "",
    ObservationStatus.NOT_APPLICABLE: "[z]",
    ObservationStatus.NOT_COLLECTED: "[x]",
    ObservationStatus.SUPPRESSED: "[c]",
}
_MISSING_WORDS = {
    "": ObservationStatus.MISSING,
    "[z]": ObservationStatus.NOT_APPLICABLE,
    "n/a": ObservationStatus.NOT_APPLICABLE,
    "[x]": ObservationStatus.NOT_COLLECTED,
    "[c]": ObservationStatus.SUPPRESSED,
}


@lru_cache(maxsize=65536)
def _parse_cached(text: str) -> CellValue:
    position = check_text(text)
    if position is not None:
        raise ValueParseError(
            text, "control character in a value", code="control_character", position=position
        )
    clean = squeeze(text)
    missing = _MISSING_WORDS.get(clean.casefold())
    if missing is not None:
        return CellValue(status=missing)
    found = _CELL.fullmatch(clean)
    if found is None:
        raise ValueParseError(text, "not a figure kpi_scorecard can read", code="bad_value")
    low = parse_decimal(found["low"])
    if low is None:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueParseError(text, "not a number", code="bad_value")
    status = ObservationStatus.NORMAL
    if found["marker"] is not None:
        marker = _MARKER_STATUS.get(found["marker"].lower())
        if marker is None:
            raise ValueParseError(
                text, f"unknown status marker [{found['marker']}]", code="bad_marker"
            )
        status = marker
    cumulative = parse_decimal(found["cum"]) if found["cum"] is not None else None
    percent = found["pct1"] is not None or found["pct2"] is not None
    if found["high"] is None:
        return CellValue(value=low, percent=percent, cumulative=cumulative, status=status)
    high = parse_decimal(found["high"])
    if high is None:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueParseError(text, "not a number", code="bad_value")
    if found["pct1"] is not None and found["pct2"] is None:
        raise ValueParseError(
            text, "only the low end of the band is a percentage", code="mixed_units"
        )
    if high <= low:
        raise ValueParseError(text, _band_problem(low, high), code="reversed_band")
    band = Band(low=low, high=high)
    return CellValue(value=band, percent=percent, cumulative=cumulative, status=status)
