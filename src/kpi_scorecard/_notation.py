"""The base of value objects that are written as text: in Python, in JSON and in cells."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    GetJsonSchemaHandler,
    ModelWrapValidatorHandler,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from ._errors import ParseError

__all__ = ["_TextValue"]


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
    def _from_text(cls, value: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        if isinstance(value, str):
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
