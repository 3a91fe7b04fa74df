"""The base of value objects that are written as text: in Python, in JSON and in cells.

In JSON a value is read only in the form the published schema gives it: an exact number
is a string of plain ASCII digits (:data:`ExactNumber`), and a notation with a schema
``pattern`` must match it, so that what the JSON reader accepts is what the schema says.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ModelWrapValidatorHandler,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from ._errors import ParseError
from ._numbers import Figure

__all__ = [
    "DECIMAL_PATTERN",
    "JSON_CONTEXT",
    "ExactNumber",
    "JsonBoolean",
    "JsonDate",
    "JsonInteger",
    "NonNegativeNumber",
    "_TextValue",
    "in_json",
]

#: The validation context of a JSON document: values are held to their JSON Schema form.
JSON_CONTEXT: dict[str, Any] = {"form": "json"}

#: An exact number in JSON: a string of ASCII digits, a point and an exponent, no padding.
DECIMAL_PATTERN = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_DECIMAL = re.compile(DECIMAL_PATTERN.removeprefix("^").removesuffix("$"), re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def in_json(info: ValidationInfo) -> bool:
    """Whether pydantic is reading a JSON document (:data:`JSON_CONTEXT`), not Python."""
    context = info.context
    return isinstance(context, dict) and context.get("form") == "json"


def _json_type(value: Any) -> str:
    """The JSON name of what the decoder read: JSON numbers arrive as int or Decimal."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | Decimal | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "null"


def _refuse(code: str, wanted: str, value: Any) -> PydanticCustomError:
    found = f": {value!r}" if isinstance(value, str) else f", not a JSON {_json_type(value)}"
    return PydanticCustomError(code, "{wanted}{found}", {"wanted": wanted, "found": found})


def _exact_in_json(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    """In JSON, take only a string of the schema's pattern; in Python, what Decimal takes.

    pydantic's own decimal reads ``"1_000"``, ``" 10"`` and Arabic-Indic digits as Python's
    ``Decimal`` does, and a bare JSON number too; the schema allows none of them.
    """
    if in_json(info) and not (isinstance(value, str) and _DECIMAL.fullmatch(value)):
        wanted = "an exact number is written in JSON as a string of ASCII digits, such as '17.5'"
        raise _refuse("bad_number", wanted, value)
    return handler(value)


def _integer_in_json(
    value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> Any:
    """In JSON, take only a JSON integer (``4``, or ``4.0``, which JSON Schema counts too)."""
    if in_json(info):
        whole = isinstance(value, Decimal) and value.is_finite() and value == value.to_integral()
        if not (type(value) is int or whole):
            raise _refuse("bad_integer", "a whole number is written in JSON as a number", value)
        value = int(value)
    return handler(value)


def _date_in_json(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    """In JSON, take only a date written ``YYYY-MM-DD``, not a timestamp or a date-time."""
    if in_json(info) and not (isinstance(value, str) and _DATE.fullmatch(value)):
        raise _refuse("bad_date", "a date is written in JSON as text, such as '2019-09-01'", value)
    return handler(value)


def _boolean_in_json(
    value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> Any:
    """In JSON, take only ``true`` or ``false``, not ``1`` or ``"yes"``."""
    if in_json(info) and not isinstance(value, bool):
        raise _refuse("bad_boolean", "a yes or no is written in JSON as true or false", value)
    return handler(value)


@cache
def _anchored(pattern: str) -> re.Pattern[str]:
    """A schema pattern as JSON Schema reads it: ``$`` is the end of the text, no newline."""
    return re.compile(pattern.removesuffix("$") + r"\Z" if pattern.endswith("$") else pattern)


#: A Decimal field inside the library's limits (:data:`~._numbers.Figure`): any such number
#: in Python; in JSON, a string matching :data:`DECIMAL_PATTERN`.
ExactNumber = Annotated[Figure, WrapValidator(_exact_in_json)]
#: An :data:`ExactNumber` that cannot be negative (a numerator, a denominator).
NonNegativeNumber = Annotated[Figure, Field(ge=0), WrapValidator(_exact_in_json)]
#: An int field: what pydantic takes in Python; in JSON, a JSON integer, not true or "4".
JsonInteger = Annotated[int, WrapValidator(_integer_in_json)]
#: A bool field: what pydantic takes in Python; in JSON, true or false only.
JsonBoolean = Annotated[bool, WrapValidator(_boolean_in_json)]
#: A date field: what pydantic takes in Python; in JSON, ISO text only.
JsonDate = Annotated[dt.date, WrapValidator(_date_in_json)]


class _TextValue(BaseModel):
    """An immutable value object read by ``parse`` and written by ``str()``.

    Inside other models it accepts an instance or its text, and it is serialized (and
    described in JSON Schema) as its canonical text. A parse error surfaces in pydantic as
    a validation error whose type is the error's stable code.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    #: Extra JSON Schema keywords for the text form (examples, pattern).
    json_schema_extra_text: ClassVar[dict[str, Any]] = {}

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read the canonical text (and the notations people write) into an instance."""
        raise NotImplementedError  # pragma: no cover - every notation defines it

    def __repr__(self) -> str:
        """Show the canonical text."""
        return f"kpi_scorecard.{type(self).__name__}({str(self)!r})"

    @model_validator(mode="wrap")
    @classmethod
    def _from_text(
        cls, value: Any, handler: ModelWrapValidatorHandler[Self], info: ValidationInfo
    ) -> Self:
        json = in_json(info)
        if json and not isinstance(value, str):
            raise _refuse(
                "bad_notation", f"a {cls.__name__.lower()} is written in JSON as text", value
            )
        if isinstance(value, str):
            pattern = cls.json_schema_extra_text.get("pattern")
            if json and pattern and _anchored(pattern).search(value) is None:
                wanted = f"a {cls.__name__.lower()} in JSON matches the pattern {pattern}"
                raise _refuse("bad_notation", wanted, value)
            try:
                return cls.parse(value)
            except ParseError as exc:
                raise PydanticCustomError(exc.code, "{message}", {"message": str(exc)}) from exc
        if type(value) is cls:
            return value  # built and checked already, and immutable
        return handler(value)

    @model_serializer(mode="plain")
    def _to_text(self) -> str:
        return str(self)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Describe the value in JSON as its canonical text."""
        return {"type": "string", "title": cls.__name__, **cls.json_schema_extra_text}
