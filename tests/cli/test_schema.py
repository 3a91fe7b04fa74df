"""``kpi-scorecard schema``: the published schemas, and the example's declarations obey one."""

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from kpi_scorecard.serializers import json as json_format

from .conftest import DECLARATIONS, ROOT

pytestmark = pytest.mark.subprocess

PUBLISHED = ROOT / "docs" / "schema" / "declarations.schema.json"


def test_the_declarations_schema_is_the_published_one(cli):
    """The committed schema is what the command prints (regenerate it with the command)."""
    run = cli("schema")
    assert run.code == 0
    assert json.loads(run.out) == json.loads(PUBLISHED.read_text(encoding="utf-8"))
    assert json.loads(run.out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_document_schema_is_the_json_serializer_one(cli):
    """``schema document`` prints the schema of the JSON documents."""
    run = cli("schema", "document")
    assert json.loads(run.out) == json_format.schema()


def test_the_example_declarations_follow_the_schema():
    """The declarations shipped beside the example are valid under the published schema."""
    found = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(found)
    jsonschema.validate(tomllib.loads(DECLARATIONS.read_text(encoding="utf-8")), found)


@pytest.mark.parametrize(
    "declared",
    [
        {"measures": {"A1": {"polarty": "neutral"}}},  # a misspelt field
        {"measures": {"A1": {"polarity": "up"}}},  # a word the schema does not list
        {"tolerances": "3%"},  # a misspelt member
        {"layout": {"titel": "first"}},  # a layout member the reader does not know
    ],
)
def test_the_schema_refuses_what_the_command_refuses(declared):
    """A declarations file the command refuses does not pass the schema either."""
    found = json.loads(Path(PUBLISHED).read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(declared, found)
