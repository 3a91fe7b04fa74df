"""Errors of the JSON serializer, located by line, character and member path."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._errors import TableError
from kpi_scorecard._period import Period
from kpi_scorecard._target import Target

__all__ = [
    "JsonDocumentError",
    "culprit",
    "find_rejected",
    "follow",
    "from_validation_error",
    "line_and_column",
    "locate",
    "quote",
    "too_deep_at",
]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_QUOTE_LIMIT = 80


class JsonDocumentError(TableError):
    """A JSON document that cannot be read: bad syntax, a bad envelope or bad data.

    ``line`` and ``column_number`` (both from 1) locate the problem in the text;
    ``column`` holds the member path (``data.observations.3.period``), as a CSV error's
    ``column`` holds the header; ``code`` is stable.

    >>> err = JsonDocumentError("Q5 2019/20", "bad quarter", code="bad_quarter", line=4,
    ...                         column="data.observations.0.period", column_number=17)
    >>> str(err)
    "line 4, character 17, at data.observations.0.period: bad quarter: 'Q5 2019/20'"
    """

    def __init__(
        self,
        text: str,
        reason: str,
        *,
        code: str,
        line: int | None = None,
        column: str | None = None,
        column_number: int | None = None,
    ) -> None:
        super().__init__(text, reason, code=code, line=line, column=column)
        self.column_number = column_number
        where = []
        if line is not None:
            where.append(f"line {line}")
            if column_number is not None:
                where.append(f"character {column_number}")
        if column is not None:
            where.append(f"at {column}")
        prefix = ", ".join(where) + ": " if where else ""
        self.args = (f"{prefix}{reason}: {text!r}",)

    @property
    def path(self) -> str | None:
        """The member path of the problem, such as ``data.observations.3.period``."""
        return self.column

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the keyword arguments, so errors cross process pools."""
        return (
            _rebuild,
            (self.text, self.reason, self.code, self.line, self.column, self.column_number),
        )


def _rebuild(
    text: str,
    reason: str,
    code: str,
    line: int | None,
    column: str | None,
    column_number: int | None,
) -> JsonDocumentError:
    return JsonDocumentError(
        text, reason, code=code, line=line, column=column, column_number=column_number
    )


def quote(value: Any) -> str:
    """The bad input as text: a string as it is, anything else as short JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)  # a JSON number, read exactly
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1] + "…"
    return text


def _skip(text: str, index: int) -> int:
    found = _WHITESPACE.match(text, index)
    return found.end() if found is not None else index


def _member(text: str, index: int, part: str | int) -> int | None:
    """Return where the value of member ``part`` of the container at ``index`` starts."""
    opener = text[index]
    closer = "}" if opener == "{" else "]"
    if opener not in "{[" or (opener == "{") != isinstance(part, str):
        return None
    index = _skip(text, index + 1)
    position = 0
    while index < len(text) and text[index] != closer:
        if opener == "{":
            key, index = _DECODER.raw_decode(text, index)
            index = _skip(text, _skip(text, index) + 1)  # past the colon
            if key == part:
                return index
        elif position == part:
            return index
        _, index = _DECODER.raw_decode(text, index)
        index = _skip(text, index)
        if index < len(text) and text[index] == ",":
            index = _skip(text, index + 1)
        position += 1
    return None


def locate(text: str, parts: Sequence[str | int]) -> tuple[int, int] | None:
    r"""Return the line and character (from 1) where the value at ``parts`` starts.

    >>> locate('{"a": [1,\n  {"b": 2}]}', ["a", 1, "b"])
    (2, 9)
    """
    try:
        index: int | None = _skip(text, 0)
        for part in parts:
            if index is None or index >= len(text):
                return None
            index = _member(text, index, part)
    except (ValueError, IndexError):  # pragma: no cover - the text parsed as JSON already
        return None
    return None if index is None else line_and_column(text, index)


def find_rejected(text: str) -> tuple[int, list[str | int]] | None:
    """Find the first member named twice in an object, or the first NaN or Infinity.

    Returns the index where it starts and its member path; the text is valid JSON apart
    from those. Used only to locate an error already found.

    >>> find_rejected('{"a": [1, {"b": 2, "b": 3}]}')
    (19, ['a', 1, 'b'])
    """

    def walk(index: int, path: list[str | int]) -> tuple[int, tuple[int, list[str | int]] | None]:
        opener = text[index]
        if opener not in "{[":
            value, end = _DECODER.raw_decode(text, index)
            bad = isinstance(value, float) and not math.isfinite(value)
            return end, ((index, path) if bad else None)
        closer = "}" if opener == "{" else "]"
        index = _skip(text, index + 1)
        seen: set[str] = set()
        position = 0
        while text[index] != closer:
            part: str | int = position
            if opener == "{":
                key, after = _DECODER.raw_decode(text, index)
                if key in seen:
                    return index, (index, [*path, key])
                seen.add(key)
                part, index = key, _skip(text, _skip(text, after) + 1)
            index, found = walk(index, [*path, part])
            if found is not None:
                return index, found
            index = _skip(text, index)
            if text[index] == ",":
                index = _skip(text, index + 1)
            position += 1
        return index + 1, None

    try:
        return walk(_skip(text, 0), [])[1]
    except (ValueError, IndexError):  # pragma: no cover - only called on near-valid JSON
        return None


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


def too_deep_at(text: str, limit: int) -> int | None:
    """Where the first array or object nested more than ``limit`` deep starts, if any.

    One pass over the text, skipping strings (an unclosed one runs to the end).

    >>> too_deep_at('{"a": [[1], "[[["]}', 3), too_deep_at('[[[]]]', 2)
    (None, 2)
    """
    depth = 0
    for token in _TOKEN.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return token.start()
        elif bracket in "]}":
            depth -= 1
    return None


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """The line and character (both from 1) of an index into ``text``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def follow(data: Any, loc: Sequence[str | int]) -> list[str | int]:
    """The leading parts of a pydantic error location that exist in ``data``.

    Drops the union-member tags pydantic adds (``decimal``, ``function-wrap[...]``).
    """
    parts: list[str | int] = []
    for part in loc:
        in_object = isinstance(data, dict) and isinstance(part, str) and part in data
        in_array = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_object or in_array):
            break
        data = data[part]
        parts.append(part)
    return parts


_CULPRITS = {
    "duplicate_measure": ("measures",),
    "duplicate_target": ("targets",),
    "duplicate_observation": ("observations",),
    "unknown_measure": ("targets", "observations"),
    "incompatible_unit": ("targets",),
    "unknown_unit": ("targets",),
}


def _period_key(value: Any, calendar: Calendar) -> Any:
    try:
        return Period.parse(value, calendar=calendar) if isinstance(value, str) else value
    except ValueError:
        return value


def _target_text(value: Any) -> Any:
    try:
        return str(Target.parse(value)) if isinstance(value, str) else value
    except ValueError:
        return value


def culprit(data: Any, error: ErrorDetails, calendar: Calendar) -> list[str | int]:
    """The member that a scorecard-wide error is about (a duplicate, an unknown measure).

    pydantic reports such errors against the whole scorecard; this finds the entry.
    """
    context = error.get("ctx") or {}
    reference = context.get("ref")
    if not isinstance(data, dict) or reference is None:
        return []
    for key in _CULPRITS.get(error["type"], ()):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        seen: set[Any] = set()
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            if key == "measures":
                if item.get("reference") == reference:
                    if reference in seen:
                        return [key, index]
                    seen.add(reference)
                continue
            if item.get("measure_ref") != reference:
                continue
            if error["type"] in ("duplicate_target", "duplicate_observation"):
                period = _period_key(item.get("period"), calendar)
                if period in seen:
                    return [key, index]
                seen.add(period)
            elif "target" not in context or _target_text(item.get("target")) == context["target"]:
                return [key, index]
    return []


def from_validation_error(
    exc: ValidationError,
    text: str,
    data: Any,
    root: Sequence[str],
    calendar: Calendar = DEFAULT_CALENDAR,
) -> JsonDocumentError:
    """Turn pydantic's error about ``data`` (found at ``root`` in ``text``) into ours.

    The first problem is reported, with the member path and the bad input quoted; when
    several alternatives of one field failed (a number or a band), their reasons are
    joined under the code ``bad_value``. An error about the whole scorecard (a duplicate
    observation) names the entry it is about.
    """
    errors = exc.errors(include_url=False)
    first = errors[0]
    parts = follow(data, first["loc"])
    if not parts and (found := culprit(data, first, calendar)):
        item = data[found[0]][found[1]]
        first = {**first, "loc": tuple(found), "input": item}
        errors = [first, *errors[1:]]
        parts = found
    same = [e for e in errors if follow(data, e["loc"]) == parts and e["input"] is first["input"]]
    code = str(first["type"]) if len(same) == 1 else "bad_value"
    quoted = quote(first["input"])
    reason = "; ".join(dict.fromkeys(_without(str(e["msg"]), quoted) for e in same))
    others = len(errors) - len(same)
    if others:
        reason += f" (and {others} more {'problem' if others == 1 else 'problems'})"
    full = [*root, *parts]
    where = locate(text, full)
    return JsonDocumentError(
        quoted,
        reason,
        code=code,
        line=where[0] if where else None,
        column=".".join(str(part) for part in full),
        column_number=where[1] if where else None,
    )


def _without(message: str, quoted: str) -> str:
    """Drop the quoted input from the end of a message; the error quotes it once."""
    return message.removesuffix(f": {quoted!r}")
