"""Target profiles: how an annual or cumulative target is spread across the year."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, Self

from pydantic import (
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._errors import TargetParseError, not_text_error
from ._notation import _TextValue
from ._numbers import Figure, exact_arithmetic, format_decimal, read_figure
from ._patterns import lazy_pattern, squeeze

__all__ = ["Profile"]

# Matched against the squeezed text, where a run of spaces is one space: no pattern here
# scans a run of spaces more than once.
_SEPARATOR = lazy_pattern(r" ?[:/;] ?")
_COMMA = lazy_pattern(r" ?, ?")
# A comma directly before three digits and the end of that number: a thousands separator
# as much as a separator of weights ('1,000,1,1').
_THOUSANDS = lazy_pattern(r",\d{3}(?![\d.])")


class Profile(_TextValue):
    """Weights of the quarters (4) or months (12) of a year, for profiling a target.

    The share of an annual target due by the end of quarter ``n`` is the sum of the first
    ``n`` weights over the sum of all. Evenly is ``1:1:1:1``; a target weighted to the
    second half of the year is, say, ``1:1:2:2``.

    >>> p = Profile.parse("1:1:2:2")
    >>> p.share_by(2, 4), str(p)
    (Decimal('0.3333333333333333333333333333'), '1:1:2:2')
    >>> Profile.parse("1:1:1:1:1:1:1:1:1:1:1:1").share_by(2, 4)
    Decimal('0.5')
    """

    json_schema_extra_text: ClassVar[dict[str, Any]] = {"examples": ["1:1:1:1", "1:1:2:2"]}

    weights: tuple[Figure, ...]

    @model_validator(mode="after")
    def _check(self) -> Self:
        if len(self.weights) not in (4, 12):
            raise PydanticCustomError(
                "bad_profile",
                "a profile has 4 (quarterly) or 12 (monthly) weights, not {n}",
                {"n": len(self.weights)},
            )
        with exact_arithmetic():
            total = sum(self.weights, Decimal(0))
        if any(weight < 0 for weight in self.weights) or total <= 0:
            raise PydanticCustomError(
                "bad_profile", "profile weights are not negative and add up to more than 0"
            )
        return self

    @classmethod
    def even(cls) -> Profile:
        """The even profile: each quarter carries a quarter of the target."""
        return cls(weights=(Decimal(1),) * 4)

    def share_by(self, elapsed: int, of: int) -> Decimal:
        """The share of the target due after ``elapsed`` of ``of`` (4 or 12) sub-periods."""
        if of not in (4, 12) or not 0 <= elapsed <= of:
            msg = f"a year has 4 quarters or 12 months; cannot take {elapsed} of {of}"
            raise ValueError(msg)
        with exact_arithmetic():
            return self._share_by(elapsed, of)

    def _share_by(self, elapsed: int, of: int) -> Decimal:
        per = len(self.weights) // of if len(self.weights) >= of else 0
        if per:
            due = sum(self.weights[: elapsed * per], Decimal(0))
        else:
            # Quarterly weights asked for months: spread each quarter evenly over its months.
            whole, part = divmod(elapsed, 3)
            due = sum(self.weights[:whole], Decimal(0))
            if part:
                due += self.weights[whole] * part / 3
        return due / sum(self.weights, Decimal(0))

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read weights separated by ``:`` (or ``/``, ``,``, ``;``)."""
        if not isinstance(text, str):
            raise not_text_error(TargetParseError, text, "a profile")
        clean = squeeze(text)
        if _SEPARATOR.search(clean) is not None:
            # With colons, slashes or semicolons between the weights, a comma can only
            # group thousands ('1,000:1:1:1').
            parts = _SEPARATOR.split(clean)
        else:
            if _THOUSANDS.search(clean) is not None:
                raise TargetParseError(
                    text,
                    "a comma before three digits could separate weights or thousands; "
                    "separate weights with ':' such as '1:1:2:2'",
                    code="ambiguous_profile",
                )
            parts = _COMMA.split(clean)
        weights = [read_figure(part, text=text, error=TargetParseError) for part in parts]
        if any(weight is None for weight in weights):
            raise TargetParseError(
                text, "a profile is numbers such as '1:1:2:2'", code="bad_profile"
            )
        try:
            return cls(weights=tuple(w for w in weights if w is not None))
        except ValidationError as exc:
            # The model's check says which rule the weights break: their count, or their sum.
            reason = exc.errors()[0]["msg"]
            raise TargetParseError(text, reason, code="bad_profile") from exc

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        return ":".join(format_decimal(weight) for weight in self.weights)
