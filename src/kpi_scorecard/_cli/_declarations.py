"""The declarations file: what a published table does not say, kept beside the data.

A declarations file is TOML or JSON. Its members are the keyword arguments of
:func:`kpi_scorecard.serializers.table.loads` that a table does not carry (``layout`` and
``measures``) and the amber ``tolerance``, so a program can use the same file without the
command line::

    tolerance = "3%"
    [layout]
    header_rows = 1
    [measures]
    CSC001 = { polarity = "lower_is_better", aggregation = "sum" }
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from kpi_scorecard._measure import Aggregation, Polarity
from kpi_scorecard.evaluation import Tolerance
from kpi_scorecard.serializers.table import Layout

from ._files import CliError, read_text

__all__ = ["Declarations", "MeasureDeclaration", "read_declarations", "schema"]


class MeasureDeclaration(BaseModel):
    """What the table does not say about one measure: which way is better, how it adds up.

    >>> MeasureDeclaration(polarity="lower_is_better").fields()
    {'polarity': 'lower_is_better'}
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    polarity: Polarity | None = Field(
        default=None, description="Which way is better; a measure left out is neutral."
    )
    aggregation: Aggregation | None = Field(
        default=None,
        description="How the figures add up over the year; a measure left out is a snapshot.",
    )
    unit: str | None = Field(
        default=None,
        min_length=1,
        description="The unit of bare numbers in the row ('percent', 'day', '£'...).",
    )

    def fields(self) -> dict[str, str]:
        """The declared fields, as ``measures=`` of the table reader takes them."""
        return {name: str(value) for name, value in self if value is not None}


class Declarations(BaseModel):
    """A declarations file: the table's layout, each measure's polarity and aggregation.

    >>> declared = Declarations.model_validate(
    ...     {"tolerance": "3%", "measures": {"A1": {"polarity": "higher_is_better"}}})
    >>> str(declared.tolerance), declared.measure_fields()
    ('3%', {'A1': {'polarity': 'higher_is_better'}})
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        title="kpi-scorecard declarations",
        json_schema_extra={
            "description": (
                "What a published table does not say, kept beside it: the layout of its "
                "columns, each measure's polarity, aggregation and unit, and the amber "
                "tolerance. Read by `kpi-scorecard rate --declarations FILE`."
            )
        },
    )

    schema_: str | None = Field(
        default=None,
        alias="$schema",
        description="The schema of this file, for editors; not read.",
    )
    tolerance: Tolerance | None = Field(
        default=None,
        description="The amber tolerance ('3%', '2 points'); --tolerance overrides it.",
    )
    layout: Layout | None = Field(
        default=None,
        description="What the table's columns hold, as kpi_scorecard.serializers.table.Layout.",
    )
    measures: dict[str, MeasureDeclaration] = Field(
        default_factory=dict, description="Measure reference -> what the table does not say."
    )

    def measure_fields(self) -> dict[str, dict[str, str]]:
        """The measures, as ``measures=`` of the table reader takes them."""
        return {reference: m.fields() for reference, m in self.measures.items()}


def _parse(path: Path) -> Any:
    text = read_text(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix == ".json":
            return json.loads(text)
    except ValueError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        msg = f"{path}: not {suffix[1:].upper()}: {reason}"
        raise CliError(msg) from None
    msg = f"{path}: a declarations file is .toml or .json, not {suffix or 'without suffix'!r}"
    raise CliError(msg)


def _one_line(path: Path, error: ValidationError) -> str:
    problems = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"])
        problems.append(f"{where}: {item['msg']}" if where else item["msg"])
    return f"{path}: " + "; ".join(problems)


def read_declarations(
    declarations: Path | None, layout: Path | None, measures: Path | None
) -> Declarations:
    """Read the declarations file and the layout or measures files given beside it."""
    found = Declarations()
    if declarations is not None:
        found = _validate(declarations, _parse(declarations))
    if layout is not None:
        if found.layout is not None:
            msg = f"the layout is declared twice: in {declarations} and by --layout {layout}"
            raise CliError(msg)
        found = found.model_copy(
            update={"layout": _validate(layout, {"layout": _parse(layout)}).layout}
        )
    if measures is not None:
        if found.measures:
            msg = f"the measures are declared twice: in {declarations} and by --measures {measures}"
            raise CliError(msg)
        read = _validate(measures, {"measures": _parse(measures)})
        found = found.model_copy(update={"measures": read.measures})
    return found


def _validate(path: Path, raw: Any) -> Declarations:
    if not isinstance(raw, Mapping):
        msg = f"{path}: a declarations file holds a table (an object), not {type(raw).__name__}"
        raise CliError(msg)
    try:
        return Declarations.model_validate(raw)
    except ValidationError as error:
        raise CliError(_one_line(path, error)) from None


class _Schema(GenerateJsonSchema):
    """Keep the field descriptions; leave out the library's docstrings, written for Python."""

    def generate(self, schema: Any, mode: Any = "validation") -> JsonSchemaValue:
        found = super().generate(schema, mode=mode)
        for name, definition in found.get("$defs", {}).items():
            if name not in {"MeasureDeclaration"}:
                definition.pop("description", None)
        return found


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the declarations file.

    >>> schema()["title"], sorted(schema()["properties"])
    ('kpi-scorecard declarations', ['$schema', 'layout', 'measures', 'tolerance'])
    """
    found = Declarations.model_json_schema(by_alias=True, schema_generator=_Schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **found}
