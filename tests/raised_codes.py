"""Find every error code the library's source raises, by reading the source (no import).

A code is a non-empty string literal that reaches one of the places the library builds
errors: a ``code=`` keyword, the code argument of a callable from outside the library
(``CODE_ARGUMENT``), an error's ``self.code``, or a class's ``code`` attribute. The
literal is followed through the library's own code to get there:

- a variable, also one unpacked from a tuple (``name, reason, code = _lookup(text)``) or
  chosen by ``x if test else y``;
- an element of a tuple (``problem[0]``), also of the tuples a function returns;
- a parameter of a function or of a class's ``__init__``: the arguments of every call.

So a helper that takes a code, or one that returns ``(code, reason)`` pairs, needs no line
here; only a new callable from outside the library does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "kpi_scorecard"

#: Callables from outside the library that take an error code, and the code's position.
CODE_ARGUMENT = {"PydanticCustomError": 0}

_Function = ast.FunctionDef | ast.AsyncFunctionDef
#: Where a code sits inside a value: () for the value itself, (2,) for its third element.
_Path = tuple[int, ...]


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


@dataclass(frozen=True)
class _Callable:
    """A function, method or class ``__init__`` of the library, under the name calls use."""

    file: str
    node: _Function
    skipped: int  # leading parameters a call does not pass (self, cls)


@dataclass
class _Library:
    """The parsed source, indexed for following a code from a literal to an error."""

    trees: dict[str, ast.Module] = field(default_factory=dict)
    scope: dict[ast.AST, _Function | None] = field(default_factory=dict)
    callables: dict[str, list[_Callable]] = field(default_factory=dict)
    defined: dict[_Function, tuple[str, _Callable]] = field(default_factory=dict)
    calls: dict[str, list[tuple[str, ast.Call]]] = field(default_factory=dict)
    seen: set[tuple[int, _Path]] = field(default_factory=set)

    def add(self, file: str, tree: ast.Module) -> None:
        """Index one module: the function around each node, its callables and its calls."""
        self.trees[file] = tree
        self._index(file, tree, None, None)

    def _index(
        self, file: str, node: ast.AST, function: _Function | None, owner: str | None
    ) -> None:
        for child in ast.iter_child_nodes(node):
            self.scope[child] = function
            if isinstance(child, ast.Call) and (called := _name(child.func)):
                self.calls.setdefault(called, []).append((file, child))
            if isinstance(child, ast.ClassDef):
                self._index(file, child, function, child.name)
            elif isinstance(child, _Function):
                self._define(file, child, owner)
                self._index(file, child, child, None)
            else:
                self._index(file, child, function, owner)

    def _define(self, file: str, node: _Function, owner: str | None) -> None:
        static = any(_name(d) == "staticmethod" for d in node.decorator_list)
        skipped = 0 if owner is None or static else 1
        called = owner if owner is not None and node.name == "__init__" else node.name
        callee = _Callable(file, node, skipped)
        self.callables.setdefault(called, []).append(callee)
        self.defined[node] = called, callee

    def callees(self, file: str, called: str) -> list[_Callable]:
        """The callables a call by that name in ``file`` may reach: its own module's first."""
        found = self.callables.get(called, [])
        return [c for c in found if c.file == file] or found

    def sinks(self) -> Iterator[tuple[str, ast.expr, _Path]]:
        """Every expression that becomes an error's code, with the part of it that does."""
        for file, tree in self.trees.items():
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    yield from ((file, k.value, ()) for k in node.keywords if k.arg == "code")
                    position = CODE_ARGUMENT.get(_name(node.func) or "", -1)
                    if 0 <= position < len(node.args):
                        yield file, node.args[position], ()
                elif isinstance(node, ast.ClassDef):
                    for statement in node.body:
                        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value:
                            for target in _targets(statement):
                                if _name(target) == "code":
                                    yield file, statement.value, ()
                elif isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Attribute) and target.attr == "code":
                            yield file, node.value, ()
                        for index, part in enumerate(_parts(target)):
                            if isinstance(part, ast.Attribute) and part.attr == "code":
                                yield file, node.value, (index,)

    def codes(self, file: str, node: ast.expr, path: _Path) -> Iterator[tuple[str, str, int]]:
        """The literal codes ``node`` (at ``path`` inside it) can hold, with file and line."""
        if (id(node), path) in self.seen:
            return
        self.seen.add((id(node), path))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
            if not path:
                yield node.value, file, node.lineno
        elif isinstance(node, ast.IfExp):
            yield from self.codes(file, node.body, path)
            yield from self.codes(file, node.orelse, path)
        elif isinstance(node, ast.NamedExpr):
            yield from self.codes(file, node.value, path)
        elif isinstance(node, ast.Tuple | ast.List) and path:
            parts = node.elts
            if path[0] < len(parts) and not any(isinstance(p, ast.Starred) for p in parts):
                yield from self.codes(file, parts[path[0]], path[1:])
        elif isinstance(node, ast.Subscript):
            index = node.slice
            if isinstance(index, ast.Constant) and type(index.value) is int:
                yield from self.codes(file, node.value, (index.value, *path))
        elif isinstance(node, ast.Call) and (called := _name(node.func)):
            for callee in self.callees(file, called):
                yield from self._returned(callee, path)
        elif isinstance(node, ast.Name):
            yield from self._variable(file, node, path)

    def _returned(self, callee: _Callable, path: _Path) -> Iterator[tuple[str, str, int]]:
        for node in ast.walk(callee.node):
            if isinstance(node, ast.Return) and node.value and self.scope[node] is callee.node:
                yield from self.codes(callee.file, node.value, path)

    def _variable(self, file: str, name: ast.Name, path: _Path) -> Iterator[tuple[str, str, int]]:
        function = self.scope[name]
        while True:
            if function is not None and name.id in _parameters(function):
                yield from self._passed(file, function, name.id, path)
                return
            assigned = list(self._assignments(file, function, name.id, path))
            if assigned or function is None:
                for value, inner in assigned:
                    yield from self.codes(file, value, inner)
                return
            function = self.scope[function]

    def _assignments(
        self, file: str, function: _Function | None, variable: str, path: _Path
    ) -> Iterator[tuple[ast.expr, _Path]]:
        """The values given to ``variable`` in ``function`` (or the module), and their part."""
        for node in ast.walk(function or self.trees[file]):
            if self.scope.get(node) is not function:
                continue
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr) and node.value:
                for target in _targets(node):
                    if _name(target) == variable and isinstance(target, ast.Name):
                        yield node.value, path
                    for index, part in enumerate(_parts(target)):
                        if isinstance(part, ast.Name) and part.id == variable:
                            yield node.value, (index, *path)

    def _passed(
        self, file: str, function: _Function, parameter: str, path: _Path
    ) -> Iterator[tuple[str, str, int]]:
        """The codes passed to ``parameter`` of ``function`` by every call of it."""
        called, callee = self.defined[function]
        positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        position = positional.index(parameter) - callee.skipped if parameter in positional else -1
        for caller, call in self.calls.get(called, []):
            if callee not in self.callees(caller, called):
                continue
            arguments = call.args[: position + 1]
            if 0 <= position < len(arguments) and not any(
                isinstance(a, ast.Starred) for a in arguments
            ):
                yield from self.codes(caller, arguments[position], path)
            for keyword in call.keywords:
                if keyword.arg == parameter:
                    yield from self.codes(caller, keyword.value, path)


def _targets(node: ast.Assign | ast.AnnAssign | ast.NamedExpr) -> list[ast.expr]:
    return node.targets if isinstance(node, ast.Assign) else [node.target]


def _parts(target: ast.expr) -> list[ast.expr]:
    return target.elts if isinstance(target, ast.Tuple | ast.List) else []


def _parameters(function: _Function) -> set[str]:
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return {a.arg for a in every}


def codes_in(modules: dict[str, str]) -> dict[str, list[str]]:
    """Every code the modules' source (text by file name) raises, with its ``file:line``."""
    library = _Library()
    for file, text in modules.items():
        library.add(file, ast.parse(text))
    places: set[tuple[str, str, int]] = set()
    for file, node, path in library.sinks():
        places.update(library.codes(file, node, path))
    found: dict[str, list[str]] = {}
    for code, file, line in sorted(places, key=lambda place: (place[1], place[2], place[0])):
        found.setdefault(code, []).append(f"{file}:{line}")
    return found


def raised_codes() -> dict[str, list[str]]:
    """Every code found in the library's source, with the places (``file:line``) it is written."""
    return codes_in(
        {
            str(path.relative_to(SOURCE)): path.read_text(encoding="utf-8")
            for path in sorted(SOURCE.rglob("*.py"))
        }
    )
