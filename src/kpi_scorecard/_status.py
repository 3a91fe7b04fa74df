"""Observation status: the SDMX ``OBS_STATUS`` codes, as words."""

from __future__ import annotations

from enum import StrEnum

from ._errors import ValueParseError, not_text_error

__all__ = ["ObservationStatus"]


class ObservationStatus(StrEnum):
    """The quality or absence of a figure, after SDMX's observation status codes.

    >>> ObservationStatus.from_sdmx("P"), ObservationStatus.SUPPRESSED.sdmx_code
    (<ObservationStatus.PROVISIONAL: 'provisional'>, 'Q')
    >>> ObservationStatus.NOT_COLLECTED.missing, ObservationStatus.ESTIMATED.qualified
    (True, True)
    """

    NORMAL = "normal"
    PROVISIONAL = "provisional"
    ESTIMATED = "estimated"
    FORECAST = "forecast"
    IMPUTED = "imputed"
    BREAK = "break"
    LOW_RELIABILITY = "low_reliability"
    NOT_APPLICABLE = "not_applicable"
    NOT_COLLECTED = "not_collected"
    MISSING = "missing"
    SUPPRESSED = "suppressed"

    @property
    def sdmx_code(self) -> str:
        """The one-letter SDMX code."""
        return _TO_SDMX[self]

    @classmethod
    def from_sdmx(cls, code: str) -> ObservationStatus:
        """Return the status for a one-letter SDMX code; raise :class:`ValueParseError` for others.

        >>> ObservationStatus.from_sdmx("x")
        Traceback (most recent call last):
        ...
        kpi_scorecard._errors.ValueParseError: not an SDMX observation status code: 'x'
        """
        if not isinstance(code, str):
            raise not_text_error(ValueParseError, code, "an SDMX status code")
        found = _FROM_SDMX.get(code.strip().upper())
        if found is None:
            raise ValueParseError(code, "not an SDMX observation status code", code="bad_status")
        return found

    @property
    def missing(self) -> bool:
        """Whether the status means there is no figure."""
        return self in _MISSING

    @property
    def qualified(self) -> bool:
        """Whether a figure with this status is rated with a caveat."""
        return self in _QUALIFIED


_TO_SDMX = {
    ObservationStatus.NORMAL: "A",
    ObservationStatus.PROVISIONAL: "P",
    ObservationStatus.ESTIMATED: "E",
    ObservationStatus.FORECAST: "F",
    ObservationStatus.IMPUTED: "I",
    ObservationStatus.BREAK: "B",
    ObservationStatus.LOW_RELIABILITY: "U",
    ObservationStatus.NOT_APPLICABLE: "M",
    ObservationStatus.NOT_COLLECTED: "L",
    ObservationStatus.MISSING: "O",
    ObservationStatus.SUPPRESSED: "Q",
}
_FROM_SDMX = {code: status for status, code in _TO_SDMX.items()}
_MISSING = frozenset(
    {
        ObservationStatus.NOT_APPLICABLE,
        ObservationStatus.NOT_COLLECTED,
        ObservationStatus.MISSING,
        ObservationStatus.SUPPRESSED,
    }
)
_QUALIFIED = frozenset(set(ObservationStatus) - _MISSING - {ObservationStatus.NORMAL})
