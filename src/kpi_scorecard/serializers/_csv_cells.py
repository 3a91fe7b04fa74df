"""Reading the typed cells of an observation row, and building models from checked fields."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from pydantic import BaseModel

from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._value import Band

from ._csv_read import RowError

__all__ = ["check_ratio", "exact", "figure", "restorer", "status_mismatch"]

M = TypeVar("M", bound=BaseModel)
_NEW = object.__new__
_SET = object.__setattr__


def exact(text: str, column: str) -> Decimal:
    """An exact, finite number written as Python's Decimal reads it (no ``_`` separators)."""
    try:
        found = Decimal(text)
    except InvalidOperation:
        found = None
    if found is None or not found.is_finite() or "_" in text:
        raise RowError(column, text, "not a number", "bad_number")
    return found


def figure(text: str) -> Decimal | Band:
    """A value cell: an exact number, or a band such as ``97-99``."""
    try:
        found = Decimal(text)
    except InvalidOperation:
        try:
            return Band.parse(text)
        except ValueError:
            reason = "not a number or a band such as '97-99'"
            raise RowError("value", text, reason, "bad_value") from None
    if not found.is_finite() or "_" in text:
        raise RowError("value", text, "not a number", "bad_number")
    return found


def status_mismatch(value: Decimal | Band | None, status: ObservationStatus) -> None:
    """Raise the error of a status that does not fit the value: missing, or not."""
    if value is None:
        reason = "no value, so the status must say why it is missing"
        raise RowError("status", status.value, reason, "value_missing")
    reason = f"a value cannot have status {status.value}"
    raise RowError("status", status.value, reason, "value_present")


def check_ratio(numerator: Decimal | None, denominator: Decimal | None) -> None:
    """Refuse half a ratio, and negative numerators or denominators."""
    if numerator is None or denominator is None:
        column = "denominator" if denominator is None else "numerator"
        reason = "give both numerator and denominator, or neither"
        raise RowError(column, "", reason, "ratio_parts")
    for number, column in ((numerator, "numerator"), (denominator, "denominator")):
        if number < 0:
            raise RowError(column, str(number), "must not be negative", "negative_number")


def restorer(model: type[M], sample: dict[str, Any]) -> Callable[[dict[str, Any]], M]:
    """A function building ``model`` instances from checked fields, as pydantic stores them.

    It sets what ``model_construct`` sets, without its generic work per field; unless,
    tried on ``sample``, it would not build exactly what ``model_construct`` builds (should
    pydantic ever store models differently), in which case ``model_construct`` it is.

    The instances of one restorer share one set of given field names (all of them):
    a set of nine names is larger than the instance's fields, and pydantic changes it only
    on a copy (``model_copy``) for frozen models like these.
    """
    names = set(model.model_fields)

    def restore(fields: dict[str, Any]) -> M:
        found = _NEW(model)
        _SET(found, "__dict__", fields)
        _SET(found, "__pydantic_fields_set__", names)
        _SET(found, "__pydantic_extra__", None)
        _SET(found, "__pydantic_private__", None)
        return found

    def construct(fields: dict[str, Any]) -> M:  # pragma: no cover - see above
        return model.model_construct(**fields)

    built = model.model_construct(**sample)
    restored = restore(dict(sample))
    exact = restored.__getstate__() == built.__getstate__() and restored == built
    return restore if exact else construct
