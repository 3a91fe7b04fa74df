"""Observations: one measure's figure for one period, with its status and commentary."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ._notation import ExactNumber, NonNegativeNumber
from ._period import Period
from ._reuse import take_built_instances
from ._status import ObservationStatus
from ._value import Band, CellValue

__all__ = ["Observation"]


class Observation(BaseModel):
    """A measure's figure for a period, in the measure's unit.

    ``value`` is an exact number, a :class:`Band`, or None when the figure is missing
    (then ``status`` says why). ``cumulative`` is a running total published beside the
    period's figure; ``numerator`` and ``denominator`` let rates add up correctly.
    ``published_status`` and ``published_trend`` keep the status and direction of travel
    the council printed, as text (read them with a :class:`StatusVocabulary` and a
    :class:`TrendVocabulary`).

    >>> from kpi_scorecard import Period
    >>> q1 = Period.parse("Q1 2019/20")
    >>> o = Observation(measure_ref="CSC002", period=q1, value=Decimal("17"))
    >>> o.status, o.has_value
    (<ObservationStatus.NORMAL: 'normal'>, True)
    >>> Observation(measure_ref="CSC002", period=Period.parse("Q2 2019/20")).status
    <ObservationStatus.MISSING: 'missing'>
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    measure_ref: str = Field(min_length=1)
    period: Period
    value: ExactNumber | Band | None = None
    cumulative: ExactNumber | None = None
    numerator: NonNegativeNumber | None = None
    denominator: NonNegativeNumber | None = None
    status: ObservationStatus = ObservationStatus.NORMAL
    published_status: str | None = None
    published_trend: str | None = None
    commentary: str = ""

    @model_validator(mode="before")
    @classmethod
    def _default_status(cls, data: Any) -> Any:
        if isinstance(data, dict) and "status" not in data and data.get("value") is None:
            data = {**data, "status": ObservationStatus.MISSING}
        if isinstance(data, dict):
            # An empty published status is no published status: CSV cannot tell them apart.
            for name in ("published_status", "published_trend"):
                if data.get(name) == "":
                    data = {**data, name: None}
        return data

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.value is None and not self.status.missing:
            raise PydanticCustomError(
                "value_missing",
                "{ref} {period}: no value, so the status must say why it is missing",
                {"ref": self.measure_ref, "period": str(self.period)},
            )
        if self.value is not None and self.status.missing:
            raise PydanticCustomError(
                "value_present",
                "{ref} {period}: a value cannot have status {status}",
                {"ref": self.measure_ref, "period": str(self.period), "status": self.status},
            )
        if (self.numerator is None) != (self.denominator is None):
            raise PydanticCustomError(
                "ratio_parts",
                "{ref} {period}: give both numerator and denominator, or neither",
                {"ref": self.measure_ref, "period": str(self.period)},
            )
        return self

    @classmethod
    def from_cell(
        cls,
        measure_ref: str,
        period: Period,
        cell: CellValue,
        **fields: Any,
    ) -> Observation:
        """Build an observation from a parsed value cell.

        >>> from kpi_scorecard import Period
        >>> cell = CellValue.parse("182 (1382 cumulative)")
        >>> o = Observation.from_cell("P&EH006", Period.parse("Q1 2019/20"), cell)
        >>> o.value, o.cumulative
        (Decimal('182'), Decimal('1382'))
        """
        return cls(
            measure_ref=measure_ref,
            period=period,
            value=cell.value,
            cumulative=cell.cumulative,
            status=cell.status,
            **fields,
        )

    @property
    def has_value(self) -> bool:
        """Whether there is a figure (or band) to rate."""
        return self.value is not None

    @property
    def point(self) -> Decimal | None:
        """The figure, or a band's midpoint, or None."""
        if isinstance(self.value, Band):
            return self.value.midpoint
        return self.value

    _take_built = take_built_instances()
