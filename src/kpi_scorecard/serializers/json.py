"""JSON documents: a scorecard, a report or any model, in an envelope that names its kind.

Every document is one JSON object with a ``kind``, a ``schema_version`` and the model's
``data``, so that other systems can tell documents apart before reading them::

    {"kind": "scorecard", "schema_version": 1, "data": {"title": "...", "calendar": {...},
     "measures": [...], "targets": [...], "observations": [...]}}

Inside ``data`` values keep their compact notations: a period is its label in the
document's calendar (``"Q1 2019/20"``), a target its canonical text (``"<18%"``), a band
``"97-99"``, a profile ``"1:1:2:2"``, a tolerance ``"3%"``, and every exact number a
string (``"17.50"``), so no figure passes through a float. A scorecard, a report and a
roll-up carry their calendar in ``data.calendar``; an observation, target setting, period
or assessment on its own carries it in the envelope's ``calendar`` member when it is not
the default.
:func:`schema` is the JSON Schema of every document; ``docs/json-format.md`` describes the
format and its stability promise.

Anything that cannot be read raises :class:`JsonDocumentError` (a
:class:`~kpi_scorecard.TableError`) with a stable ``code``, the ``line`` and
``column_number`` of the problem and the member path in ``column``.

>>> from kpi_scorecard import Target
>>> dumps(Target.parse("< 18 %"))
'{"kind": "target", "schema_version": 1, "data": "<18%"}'
>>> loads('{"kind": "period", "schema_version": 1, "data": "Quarter 1 2019/20"}')
kpi_scorecard.Period('Q1 2019/20')
"""

from __future__ import annotations

import copy
import json as _json
from decimal import Decimal
from functools import cache
from typing import IO, Any, TypeAlias, TypeVar, overload

from pydantic import BaseModel, ValidationError
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar, Term
from kpi_scorecard._measure import Measure
from kpi_scorecard._notation import DECIMAL_PATTERN, JSON_CONTEXT
from kpi_scorecard._observation import Observation
from kpi_scorecard._period import Period
from kpi_scorecard._profile import Profile
from kpi_scorecard._scorecard import Scorecard, TargetSetting
from kpi_scorecard._target import Target
from kpi_scorecard._value import Band, CellValue
from kpi_scorecard.evaluation import Assessment, Hierarchy, RagPolicy, Report, RollUp, Tolerance

from ._json_errors import (
    JsonDocumentError,
    find_rejected,
    from_validation_error,
    line_and_column,
    locate,
    quote,
    too_deep_at,
)
from ._labels import Relabel, replace

__all__ = [
    "KINDS",
    "MAX_DEPTH",
    "SCHEMA_VERSION",
    "Document",
    "JsonDocumentError",
    "dump",
    "dumps",
    "kind_of",
    "load",
    "loads",
    "schema",
]

#: The version of the document format that this library writes and reads.
SCHEMA_VERSION = 1

#: Every kind of document, and the model its ``data`` holds.
KINDS: dict[str, type[BaseModel]] = {
    "scorecard": Scorecard,
    "report": Report,
    "measure": Measure,
    "observation": Observation,
    "target_setting": TargetSetting,
    "assessment": Assessment,
    "period": Period,
    "target": Target,
    "profile": Profile,
    "band": Band,
    "cell_value": CellValue,
    "calendar": Calendar,
    "term": Term,
    "rag_policy": RagPolicy,
    "tolerance": Tolerance,
    "roll_up": RollUp,
    "hierarchy": Hierarchy,
}

#: Whatever :func:`loads` can return.
Document: TypeAlias = (
    Scorecard
    | Report
    | Measure
    | Observation
    | TargetSetting
    | Assessment
    | Period
    | Target
    | Profile
    | Band
    | CellValue
    | Calendar
    | Term
    | RagPolicy
    | Tolerance
    | RollUp
    | Hierarchy
)

M = TypeVar("M", bound=BaseModel)

_OWN_CALENDAR = frozenset({"scorecard", "report", "roll_up"})
_PERIODIC = frozenset({"observation", "target_setting", "assessment", "period"})
_ENVELOPE = ("kind", "schema_version", "calendar", "data")


# --- writing ----------------------------------------------------------------------------


def dumps(obj: BaseModel, *, indent: int | None = None) -> str:
    r"""Write a scorecard, report or any model as a JSON document.

    Periods are written as labels in the document's calendar; a period that calendar
    cannot place (a financial year of another calendar) raises
    :class:`~kpi_scorecard.CalendarError`.

    >>> from kpi_scorecard import Measure
    >>> text = dumps(Measure(reference="CSC001", title="Number of referrals"), indent=1)
    >>> print("\n".join(text.splitlines()[:5]))
    {
     "kind": "measure",
     "schema_version": 1,
     "data": {
      "reference": "CSC001",
    """
    return _json.dumps(_document(obj), indent=indent, ensure_ascii=False)


def dump(obj: BaseModel, stream: IO[str], *, indent: int | None = None) -> None:
    """Write :func:`dumps` of ``obj`` to a text stream the caller opened.

    >>> import io
    >>> out = io.StringIO()
    >>> dump(Tolerance.parse("3%"), out)
    >>> out.getvalue()
    '{"kind": "tolerance", "schema_version": 1, "data": "3%"}'
    """
    stream.write(dumps(obj, indent=indent))


def kind_of(obj: object) -> str:
    """The document kind of a model, such as ``"scorecard"``; raise TypeError for others.

    >>> from kpi_scorecard import Target
    >>> kind_of(Target.parse("1700-2000"))
    'target'
    """
    for kind, model in KINDS.items():
        if isinstance(obj, model):
            return kind
    msg = f"kpi_scorecard cannot write a {type(obj).__name__} as JSON"
    raise TypeError(msg)


def _document(obj: BaseModel) -> dict[str, Any]:
    kind = kind_of(obj)
    document: dict[str, Any] = {"kind": kind, "schema_version": SCHEMA_VERSION}
    if isinstance(obj, Scorecard | Report | RollUp):
        obj = _relabel(obj, obj.calendar)
    elif kind in _PERIODIC:
        calendar = _first_calendar(obj)
        obj = _relabel(obj, calendar)
        if calendar != DEFAULT_CALENDAR:
            document["calendar"] = calendar.model_dump(mode="json")
    document["data"] = obj.model_dump(mode="json")
    return document


def _first_calendar(obj: BaseModel) -> Calendar:
    if isinstance(obj, Period):
        return obj.calendar
    period = getattr(obj, "period", None)
    return period.calendar if isinstance(period, Period) else DEFAULT_CALENDAR


def _relabel(obj: M, calendar: Calendar) -> M:
    """Return ``obj`` with every period in ``calendar``, so labels read back the same."""
    relabel = Relabel(calendar)
    if isinstance(obj, Period):
        return relabel.period(obj)  # type: ignore[return-value]  # M is Period here
    if isinstance(obj, Scorecard):
        targets = tuple(relabel.model(setting, "period") for setting in obj.targets)
        observations = tuple(relabel.model(each, "period") for each in obj.observations)
        return replace(obj, targets=targets, observations=observations)
    if isinstance(obj, Report):
        assessments = tuple(_relabel_assessment(relabel, each) for each in obj.assessments)
        period = relabel.period(obj.period)
        return replace(obj, period=period, assessments=assessments)
    if isinstance(obj, Assessment):
        return _relabel_assessment(relabel, obj)  # type: ignore[return-value]
    if isinstance(obj, RollUp):
        return relabel.model(obj, "period")
    if isinstance(obj, Observation | TargetSetting):
        return relabel.model(obj, "period")
    return obj


def _relabel_assessment(relabel: Relabel, assessment: Assessment) -> Assessment:
    return relabel.model(assessment, "period", "target_period", "comparison_period")


# --- reading ----------------------------------------------------------------------------


#: Deeper than any document of the schema (about six), shallow enough for every recursion.
MAX_DEPTH = 32
#: Longer than any number of the schema (a month, the version), short of Python's int limit.
_MAX_DIGITS = 100


class _RejectedError(Exception):
    """Raised by the decoder hooks; turned into a JsonDocumentError."""

    def __init__(self, text: str, reason: str, code: str) -> None:
        super().__init__(reason)
        self.text, self.reason, self.code = text, reason, code


class _LongNumber(str):
    """A JSON number too long to read: kept as its text, and refused once it is located."""

    __slots__ = ()


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RejectedError(key, "a member appears twice in one object", "duplicate_member")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise _RejectedError(name, "JSON has no NaN or Infinity", "invalid_json")


def _integer(text: str) -> int | _LongNumber:
    # Python refuses to read an int of more than 4,300 digits with a bare ValueError.
    return _LongNumber(text) if len(text) > _MAX_DIGITS else int(text)


def _number(text: str) -> Decimal | _LongNumber:
    return _LongNumber(text) if len(text) > _MAX_DIGITS else Decimal(text)


def _parse(text: str) -> Any:
    try:
        raw = _json.loads(
            text,
            parse_float=_number,
            parse_int=_integer,
            parse_constant=_no_constant,
            object_pairs_hook=_unique_members,
        )
    except _json.JSONDecodeError as exc:
        start = text.rfind("\n", 0, exc.pos) + 1
        end = text.find("\n", exc.pos)
        excerpt = text[start : end if end >= 0 else len(text)][:80]
        raise JsonDocumentError(
            excerpt,
            f"invalid JSON: {exc.msg}",
            code="invalid_json",
            line=exc.lineno,
            column_number=exc.colno,
        ) from None
    except _RejectedError as exc:
        found = find_rejected(text)
        line, column = line_and_column(text, found[0]) if found else (None, None)
        raise JsonDocumentError(
            exc.text,
            exc.reason,
            code=exc.code,
            line=line,
            column=".".join(str(part) for part in found[1]) if found and found[1] else None,
            column_number=column,
        ) from None
    except RecursionError:
        raise _too_deep(text, None) from None
    _check_shape(text, raw)
    return raw


def _too_deep(text: str, path: list[str | int] | None) -> JsonDocumentError:
    index = too_deep_at(text, MAX_DEPTH)
    line, column = line_and_column(text, index) if index is not None else (None, None)
    return JsonDocumentError(
        text[index : index + 20] if index is not None else "",
        f"arrays and objects nested more than {MAX_DEPTH} deep",
        code="too_deep",
        line=line,
        column=".".join(str(part) for part in path) if path else None,
        column_number=column,
    )


def _check_shape(text: str, raw: Any) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and numbers too long to read.

    The walk keeps its own stack, so no depth of nesting can exhaust Python's.
    """
    stack: list[tuple[Any, list[str | int]]] = [(raw, [])]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _LongNumber):
            where = locate(text, path)
            raise JsonDocumentError(
                value[:20] + "…",
                f"a number of {len(value)} characters; no number in a document has more "
                f"than {_MAX_DIGITS}",
                code="number_too_long",
                line=where[0] if where else None,
                column=".".join(str(part) for part in path) or None,
                column_number=where[1] if where else None,
            )
        if isinstance(value, dict | list):
            if len(path) >= MAX_DEPTH:
                raise _too_deep(text, path)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((item, [*path, key]) for key, item in items)


def _envelope_error(text: str, value: Any, reason: str, code: str, member: str) -> Exception:
    where = locate(text, [member]) if member else (1, 1)
    return JsonDocumentError(
        quote(value),
        reason,
        code=code,
        line=where[0] if where else None,
        column=member or None,
        column_number=where[1] if where else None,
    )


def _read_calendar(text: str, value: Any, root: list[str]) -> Calendar:
    if value is None:
        return DEFAULT_CALENDAR
    try:
        return Calendar.model_validate(value, context=JSON_CONTEXT)
    except ValidationError as exc:
        raise from_validation_error(exc, text, value, root) from None


@overload
def loads(text: str) -> Document: ...
@overload
def loads(text: str, *, expect: type[M]) -> M: ...
def loads(text: str, *, expect: type[BaseModel] | None = None) -> BaseModel:
    """Read a JSON document: return the scorecard, report or model of the kind written.

    ``expect`` (a model class) checks the kind and narrows the type for type checkers.
    A UTF-8 byte order mark is skipped.

    >>> from kpi_scorecard import Scorecard
    >>> card = loads('{"kind": "scorecard", "schema_version": 1, "data": {}}', expect=Scorecard)
    >>> card.calendar.year_start_month
    4
    >>> try:
    ...     loads('{"kind": "scorecard", "schema_version": 2, "data": {}}')
    ... except JsonDocumentError as err:
    ...     print(err.code, err.line, err.column_number, err.path)
    unsupported_version 1 41 schema_version
    """
    if not isinstance(text, str):
        msg = f"loads takes text, not {type(text).__name__}; decode bytes first"
        raise TypeError(msg)
    text = text.removeprefix("\ufeff")
    raw = _parse(text)
    if not isinstance(raw, dict):
        raise _envelope_error(text, raw, "a document is a JSON object", "not_a_document", "")
    for member in raw:
        if member not in _ENVELOPE:
            raise _envelope_error(text, member, "unknown envelope member", "unknown_member", member)
    for member in ("kind", "schema_version", "data"):
        if member not in raw:
            raise _envelope_error(text, "", f"no {member!r} member", "missing_member", "")
    kind, version, data = raw["kind"], raw["schema_version"], raw["data"]
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise _envelope_error(text, kind, "not a document kind", "unknown_kind", "kind")
    if type(version) is not int or version != SCHEMA_VERSION:
        reason = f"this library reads schema version {SCHEMA_VERSION}"
        raise _envelope_error(text, version, reason, "unsupported_version", "schema_version")
    if "calendar" in raw and kind not in _PERIODIC:
        reason = f"a {kind} document carries no envelope calendar"
        raise _envelope_error(text, raw["calendar"], reason, "unknown_member", "calendar")
    if kind in _OWN_CALENDAR and isinstance(data, dict):
        calendar = _read_calendar(text, data.get("calendar"), ["data", "calendar"])
    else:
        calendar = _read_calendar(text, raw.get("calendar"), ["calendar"])
    try:
        # Read as the schema says, not as pydantic reads Python: see kpi_scorecard._notation.
        result = model.model_validate(data, context={**JSON_CONTEXT, "calendar": calendar})
    except ValidationError as exc:
        raise from_validation_error(exc, text, data, ["data"], calendar) from None
    if expect is not None and not isinstance(result, expect):
        reason = f"expected a {expect.__name__}, found a {type(result).__name__}"
        raise _envelope_error(text, kind, reason, "unexpected_kind", "kind")
    return result


@overload
def load(stream: IO[str]) -> Document: ...
@overload
def load(stream: IO[str], *, expect: type[M]) -> M: ...
def load(stream: IO[str], *, expect: type[BaseModel] | None = None) -> BaseModel:
    """Read a JSON document from a text stream the caller opened; see :func:`loads`.

    >>> import io
    >>> load(io.StringIO('{"kind": "band", "schema_version": 1, "data": "97-99"}'))
    kpi_scorecard.Band('97-99')
    """
    text = stream.read()
    return loads(text) if expect is None else loads(text, expect=expect)


# --- schema -----------------------------------------------------------------------------


class _Schema(GenerateJsonSchema):
    """pydantic's schema, with exact decimals as patterned strings and short descriptions."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        """An exact decimal is written as a string."""
        return {"type": "string", "pattern": DECIMAL_PATTERN}


def _short(value: Any) -> Any:
    """Drop the doctest examples that class docstrings bring into descriptions."""
    if isinstance(value, dict):
        result = {key: _short(item) for key, item in value.items()}
        description = result.get("description")
        if isinstance(description, str):
            kept = [part for part in description.split("\n\n") if ">>>" not in part]
            result["description"] = " ".join(" ".join(kept).split())
        return result
    if isinstance(value, list):
        return [_short(item) for item in value]
    return value


@cache
def _schema() -> dict[str, Any]:
    models = [(model, "serialization") for model in KINDS.values()]
    refs, definitions = models_json_schema(
        models,  # type: ignore[arg-type]  # pydantic's JsonSchemaMode is a Literal
        ref_template="#/$defs/{model}",
        schema_generator=_Schema,
    )
    calendar_ref = refs[(Calendar, "serialization")]
    variants = []
    for kind, model in KINDS.items():
        properties: dict[str, Any] = {
            "kind": {"const": kind},
            "schema_version": {"const": SCHEMA_VERSION},
        }
        if kind in _PERIODIC:
            properties["calendar"] = {
                **calendar_ref,
                "description": "The calendar of the period labels; the UK default if absent.",
            }
        properties["data"] = refs[(model, "serialization")]
        variants.append(
            {
                "title": f"{kind} document",
                "type": "object",
                "properties": properties,
                "required": ["kind", "schema_version", "data"],
                "additionalProperties": False,
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kpi_scorecard document",
        "description": (
            f"A scorecard, report or model written by kpi_scorecard, schema version "
            f"{SCHEMA_VERSION}: an envelope naming its kind, with the model in 'data'."
        ),
        "oneOf": variants,
        "$defs": _short(definitions["$defs"]),
    }


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every document this module writes.

    >>> sorted(schema()["$defs"])[:3]
    ['Aggregation', 'Assessment', 'Band']
    >>> [v["properties"]["kind"]["const"] for v in schema()["oneOf"]][:2]
    ['scorecard', 'report']
    """
    return copy.deepcopy(_schema())
