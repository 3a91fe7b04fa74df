"""Measures: what is counted, by whom, in what unit, and which way is better."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ._errors import UnitError
from ._numbers import check_text
from ._units import COUNT, YES_NO, canonical_unit

__all__ = ["Aggregation", "Measure", "Polarity"]


class Polarity(StrEnum):
    """Which way a measure is better: LG Inform's polarity, Pentana's Aim to Max / Min."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NEUTRAL = "neutral"

    def mirrored(self) -> Polarity:
        """The opposite polarity (neutral stays neutral).

        >>> Polarity.HIGHER_IS_BETTER.mirrored()
        <Polarity.LOWER_IS_BETTER: 'lower_is_better'>
        """
        if self is Polarity.HIGHER_IS_BETTER:
            return Polarity.LOWER_IS_BETTER
        if self is Polarity.LOWER_IS_BETTER:
            return Polarity.HIGHER_IS_BETTER
        return self


class Aggregation(StrEnum):
    """How period values add up to a year-to-date figure.

    ``sum`` for counts of events, ``mean`` where the definition is an average of periods,
    ``ratio`` for rates built from numerators and denominators, ``latest`` for snapshots,
    ``already_cumulative`` for figures reported year to date, ``min`` and ``max`` for
    service levels.
    """

    SUM = "sum"
    MEAN = "mean"
    RATIO = "ratio"
    LATEST = "latest"
    ALREADY_CUMULATIVE = "already_cumulative"
    MIN = "min"
    MAX = "max"


def _check_free_text(value: str, field: str) -> str:
    position = check_text(value.replace("\n", " ").replace("\t", " "))
    if position is not None:
        raise PydanticCustomError(
            "control_character",
            "control character at position {position} in {field}",
            {"position": position, "field": field},
        )
    return value


class Measure(BaseModel):
    """One line of a scorecard: a performance measure and what is known about it.

    >>> m = Measure(reference="CSC002", title="Percentage of repeat referrals",
    ...             unit="%", polarity="lower_is_better")
    >>> m.unit, m.polarity, m.aggregation
    ('percent', <Polarity.LOWER_IS_BETTER: 'lower_is_better'>, <Aggregation.LATEST: 'latest'>)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    reference: str = Field(min_length=1, max_length=64, pattern=r"^\S(?:.*\S)?$")
    title: str = ""
    department: str = ""
    corporate_outcome: str = ""
    portfolio: str = ""
    responsible_officer: str = ""
    data_owner: str = ""
    frequency: str = ""
    benchmark: str = ""
    unit: str = COUNT
    polarity: Polarity = Polarity.NEUTRAL
    aggregation: Aggregation = Aggregation.LATEST
    notes: str = ""

    @field_validator("unit")
    @classmethod
    def _canonical_unit(cls, value: str) -> str:
        try:
            return canonical_unit(value)
        except UnitError as exc:
            raise PydanticCustomError(exc.code, "{message}", {"message": str(exc)}) from exc

    @model_validator(mode="after")
    def _yes_no_adds_up_to_nothing(self) -> Self:
        # Yes and No are answers, not amounts: a year's answer is the latest (or the best
        # or worst), never their sum or mean, so no target is spread over a year.
        if self.unit == YES_NO and self.aggregation not in _YES_NO_AGGREGATIONS:
            raise PydanticCustomError(
                "yes_no_aggregation",
                "a yes/no measure aggregates by latest, min or max, not {aggregation}",
                {"aggregation": self.aggregation.value},
            )
        return self

    @field_validator(
        "reference",
        "title",
        "department",
        "corporate_outcome",
        "portfolio",
        "responsible_officer",
        "data_owner",
        "frequency",
        "benchmark",
        "notes",
    )
    @classmethod
    def _no_control_characters(cls, value: str) -> str:
        return _check_free_text(value, "measure text")


_YES_NO_AGGREGATIONS = frozenset({Aggregation.LATEST, Aggregation.MIN, Aggregation.MAX})
