"""Take already-built immutable models as they are, instead of checking them again."""

from __future__ import annotations

from typing import Any

from pydantic import ModelWrapValidatorHandler, model_validator

__all__ = ["take_built_instances"]


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
