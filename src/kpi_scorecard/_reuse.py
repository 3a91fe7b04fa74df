"""Take already-built immutable models as they are, instead of checking them again."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ModelWrapValidatorHandler, model_validator

__all__ = ["construct_trusted", "take_built_instances"]

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__
# Each model's field names, read once: pydantic's ``model_fields`` is slow to ask per build.
_field_names: dict[type[BaseModel], frozenset[str]] = {}


def _take_built(cls: type, value: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
    if type(value) is cls:
        return value
    return handler(value)


def take_built_instances() -> Any:
    """A model validator that passes an instance of exactly the model through unchecked.

    pydantic runs a model's ``after`` validators again whenever an existing instance is
    passed where the model is expected. The library's models cannot change once built, so
    checking again only costs time: a scorecard of a million observations would check each
    one twice. Assign the result as the *last* validator of the class body, so that it
    wraps the others::

        _take_built = take_built_instances()
    """
    return model_validator(mode="wrap")(classmethod(_take_built))  # type: ignore[arg-type]


def construct_trusted(cls: type[M], values: dict[str, Any], private: Any = None) -> M:
    """Build a model from values the library has already checked: no validation, no copy.

    For the evaluation engine's results, one or more per observation, where even
    ``model_construct`` costs more than the rating. ``values`` becomes the instance's own
    dictionary and ``private`` its private attributes; every field counts as set.
    """
    names = _field_names.get(cls)
    if names is None:
        names = _field_names[cls] = frozenset(cls.model_fields)
    instance = cls.__new__(cls)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", set(names))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", private)
    return instance
