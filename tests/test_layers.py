"""The library's rooms and their floors: nothing below imports anything above.

Every import in ``src/`` is read with :mod:`ast` (those inside functions and under
``TYPE_CHECKING`` too) and resolved to the module it names. Each module belongs to one
room; a room may import its own floor and the floors beneath, never one above, nor a
sibling on its own floor. The drawing is in docs/design.md.
"""

import ast
from pathlib import Path

import pytest

import kpi_scorecard

PACKAGE = Path(kpi_scorecard.__file__).resolve().parent

#: The floors, lowest first; the rooms on one floor do not import each other.
FLOORS = [
    {"models"},
    {"evaluation"},
    {"serializers", "spc", "frames", "examples"},
    {"charts"},
    {"display"},
    {"cli"},
]
#: The package's __init__ (which wires the display into the models) and ``python -m``.
TOP = {"kpi_scorecard", "kpi_scorecard.__main__"}
#: What any room may import: the lazy-export helper, and the version (a constant of the
#: package's __init__, which imports nothing to define it).
ANYWHERE = {"kpi_scorecard._lazy", "kpi_scorecard.__version__"}


def room(module: str) -> str:
    """The room a module of the package lives in.

    The top-level private modules (``kpi_scorecard._period``...) are the models; each
    subpackage is a room named after it, the command line (``_cli``) as ``cli``.
    """
    parts = module.split(".")
    if module in TOP:
        return "top"
    if len(parts) == 2 and (PACKAGE / f"{parts[1]}.py").exists():
        return "models"
    return parts[1].removeprefix("_")


def floor(name: str) -> int:
    """The floor of a room (the top is above every floor)."""
    if name == "top":
        return len(FLOORS)
    return next(level for level, rooms in enumerate(FLOORS) if name in rooms)


def _module_name(path: Path) -> str:
    parts = ["kpi_scorecard", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative).is_dir()


def imports(source: str, name: str, *, is_package: bool = False) -> set[str]:
    """Every module of the package that module ``name`` imports, wherever the import stands."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *filter(None, [node.module])])
            for alias in node.names:
                whole = f"{base}.{alias.name}"
                found.add(whole if _is_module(whole) or whole in ANYWHERE else base)
    return {module for module in found if module.split(".")[0] == "kpi_scorecard"}


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_room_on_a_floor():
    """A new subpackage must be given a floor here before it can be imported."""
    rooms = {room(_module_name(path)) for path in SOURCES}
    listed = set().union(*FLOORS) | {"top"}
    assert rooms <= listed, rooms - listed
    assert {"models", "evaluation", "display", "serializers", "cli"} <= rooms


@pytest.mark.parametrize("path", SOURCES, ids=_module_name)
def test_nothing_imports_a_room_above_or_beside_it(path):
    """Each import goes to the module's own room or one on a lower floor."""
    name = _module_name(path)
    source = path.read_text(encoding="utf-8")
    wrong = upward(name, imports(source, name, is_package=path.name == "__init__.py"))
    assert wrong == [], f"{room(name)} (floor {floor(room(name))}) imports {wrong}"


def upward(name: str, targets: set[str]) -> list[str]:
    """The targets that module ``name`` may not import: above it, or beside it."""
    here = room(name)
    return sorted(
        target
        for target in targets
        if target not in ANYWHERE and (there := room(target)) != here
        and floor(there) >= floor(here)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "source", "wrong"),
    [
        ("kpi_scorecard._scorecard", "def show(self):\n    from kpi_scorecard.display import"
         " to_html\n", ["kpi_scorecard.display"]),  # a lazy import inside a method
        ("kpi_scorecard._scorecard", "if TYPE_CHECKING:\n    from .evaluation import Report\n",
         ["kpi_scorecard.evaluation"]),  # for type checkers only, relative
        ("kpi_scorecard.serializers.csv", "from kpi_scorecard import spc\n",
         ["kpi_scorecard.spc"]),  # a sibling on the same floor
        ("kpi_scorecard.display._html", "from .._scorecard import Scorecard\n", []),  # down
        ("kpi_scorecard._cli", "from kpi_scorecard import __version__\n", []),  # a constant
    ],
)  # fmt: skip
def test_the_checker_finds_each_kind_of_wrong_import(name, source, wrong):
    """Imports inside functions, under TYPE_CHECKING, relative or of a sibling are caught."""
    assert upward(name, imports(source, name)) == wrong


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("kpi_scorecard._scorecard", "models"),  # a top-level private module
        ("kpi_scorecard.evaluation._engine", "evaluation"),  # inside a subpackage
        ("kpi_scorecard.evaluation", "evaluation"),  # the subpackage itself
        ("kpi_scorecard._cli._render", "cli"),  # the command line's private package
        ("kpi_scorecard", "top"),  # the package's __init__, which wires the display in
    ],
)
def test_rooms_are_named_from_the_module_path(module, expected):
    """The room of a module comes from its path."""
    assert room(module) == expected
