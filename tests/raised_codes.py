"""Find every error code the library's source raises, by reading the source (no import).

A code is a string literal in one of the places the library builds errors: a ``code=``
keyword, the code argument of the helpers that make errors (``CODE_ARGUMENT``), a
``code = "..."`` assignment (also in a tuple), or the ``(code, reason)`` pair that
``suspect`` returns. A new way of building errors needs a line in ``CODE_ARGUMENT``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "kpi_scorecard"

#: Callables that take an error code, and the position of the code among their arguments.
CODE_ARGUMENT = {
    "PydanticCustomError": 0,
    "_duplicate": 0,
    "_refuse": 0,
    "_error": 2,
    "RowError": 3,
    "_RejectedError": 2,
    "_envelope_error": 3,
}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _text(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _codes(tree: ast.AST) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "code" and (code := _text(keyword.value)):
                    yield code, node.lineno
            position = CODE_ARGUMENT.get(_name(node.func) or "", -1)
            if 0 <= position < len(node.args) and (code := _text(node.args[position])):
                yield code, node.lineno
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if _name(target) == "code" and (code := _text(node.value)):
                    yield code, node.lineno
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    for part, value in zip(target.elts, node.value.elts, strict=False):
                        if _name(part) == "code" and (code := _text(value)):
                            yield code, node.lineno
        elif isinstance(node, ast.FunctionDef) and node.name == "suspect":
            for inner in ast.walk(node):
                pair = inner.value if isinstance(inner, ast.Return) else None
                if isinstance(pair, ast.Tuple) and (code := _text(pair.elts[0])):
                    yield code, inner.lineno


def raised_codes() -> dict[str, list[str]]:
    """Every code found in the source, with the places (``file:line``) it is raised."""
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for code, line in _codes(tree):
            found.setdefault(code, []).append(f"{path.relative_to(SOURCE)}:{line}")
    return found
