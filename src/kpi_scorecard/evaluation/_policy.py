"""The rating policy: tolerances, colour scheme, comparison period, minimum change."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
)

from kpi_scorecard._errors import ParseError, not_text_error
from kpi_scorecard._notation import _TextValue
from kpi_scorecard._numbers import NUMBER_PATTERN, format_decimal, parse_decimal
from kpi_scorecard._patterns import lazy_pattern

__all__ = ["Comparison", "RagPolicy", "Tolerance"]

_TOLERANCE = lazy_pattern(rf"(?P<number>{NUMBER_PATTERN})\s*(?P<unit>%|points?|pts?)?", re.I)


class Tolerance(_TextValue):
    """How far a value may miss its target and still be amber (or how big a change counts).

    Relative tolerances are a share of the target (``3%`` of 85 is 2.55); absolute ones
    are in the measure's unit (percentage points for a percentage).

    >>> Tolerance.relative(Decimal("0.03")).allowance(Decimal("85"))
    Decimal('2.55')
    >>> Tolerance.parse("3%"), Tolerance.parse("2 points")
    (kpi_scorecard.Tolerance('3%'), kpi_scorecard.Tolerance('2 points'))
    """

    json_schema_extra_text: ClassVar[dict[str, Any]] = {"examples": ["3%", "2 points"]}

    kind: Literal["relative", "absolute"]
    amount: Decimal = Field(ge=0)

    @classmethod
    def relative(cls, share: Decimal) -> Tolerance:
        """A tolerance that is ``share`` of the target (``Decimal("0.03")`` for 3%)."""
        return cls(kind="relative", amount=share)

    @classmethod
    def absolute(cls, amount: Decimal) -> Tolerance:
        """A tolerance of ``amount`` in the measure's unit."""
        return cls(kind="absolute", amount=amount)

    @classmethod
    def none(cls) -> Tolerance:
        """No tolerance: every miss is red."""
        return cls(kind="absolute", amount=Decimal(0))

    def allowance(self, reference: Decimal) -> Decimal:
        """The allowed distance, for a target (or previous value) of ``reference``.

        A relative tolerance on a zero reference allows nothing.
        """
        if self.kind == "relative":
            return self.amount * abs(reference)
        return self.amount

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``3%`` (relative) or ``2``, ``2 points`` (absolute)."""
        if not isinstance(text, str):
            raise not_text_error(ParseError, text, "a tolerance")
        found = _TOLERANCE.fullmatch(text.strip())
        number = parse_decimal(found["number"]) if found else None
        if found is None or number is None or number < 0:
            raise ParseError(text, "a tolerance is '3%' or '2 points'", code="bad_tolerance")
        if found["unit"] == "%":
            return cls(kind="relative", amount=number / 100)
        return cls(kind="absolute", amount=number)

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        if self.kind == "relative":
            return f"{format_decimal(self.amount * 100)}%"
        unit = "point" if self.amount == 1 else "points"
        return f"{format_decimal(self.amount)} {unit}"


class Comparison(StrEnum):
    """Which period the direction of travel compares with."""

    PREVIOUS_PERIOD = "previous_period"
    SAME_PERIOD_LAST_YEAR = "same_period_last_year"


class RagPolicy(BaseModel):
    """How to rate: the amber tolerance, an optional yellow band, the direction rules.

    With ``yellow_tolerance`` set, the four-colour scheme applies: a miss within it is
    yellow, within ``tolerance`` amber, beyond red.

    >>> policy = RagPolicy(tolerance="3%", overrides={"CSC018": "2 points"})
    >>> str(policy.tolerance_for("CSC002")), str(policy.tolerance_for("CSC018"))
    ('3%', '2 points')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    tolerance: Tolerance = Tolerance.relative(Decimal("0.05"))
    yellow_tolerance: Tolerance | None = None
    overrides: dict[str, Tolerance] = Field(default_factory=dict)
    comparison: Comparison = Comparison.PREVIOUS_PERIOD
    minimum_change: Tolerance = Tolerance.none()

    def tolerance_for(self, reference: str) -> Tolerance:
        """The amber tolerance for one measure: its override, or the policy's."""
        return self.overrides.get(reference, self.tolerance)

    def __hash__(self) -> int:
        """Hash by value, so a policy can key a cache."""
        return hash(
            (
                self.tolerance,
                self.yellow_tolerance,
                tuple(sorted(self.overrides.items())),
                self.comparison,
                self.minimum_change,
            )
        )
