"""kpi_scorecard.spc's public names: one sorted __all__, loaded on first use."""

import ast
import importlib
import inspect

import pytest

import kpi_scorecard
from kpi_scorecard import spc


def _isort_key(name):
    """Ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical."""
    group = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return (group, name)


def _sources(package):
    """The package's lazy table, as name -> the module (relative to it) that defines it."""
    return {name: module for module, names in package._MODULES.items() for name in names}


def _type_checking_imports(package):
    """What the package's ``if typing.TYPE_CHECKING:`` block imports, as name -> module."""
    tree = ast.parse(inspect.getsource(package))
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "typing.TYPE_CHECKING"
    ]
    return {
        alias.name: "." * node.level + (node.module or "")
        for node in block.body
        for alias in node.names
    }


def test_all_is_sorted():
    """__all__ is sorted constants first, then classes, then functions, without repeats."""
    assert list(spc.__all__) == sorted(spc.__all__, key=_isort_key)
    assert len(set(spc.__all__)) == len(spc.__all__)


def test_all_is_exactly_the_lazy_table_and_the_type_checking_imports():
    """Every loadable name is exported, and type checkers see the same names and modules."""
    names = [name for names in spc._MODULES.values() for name in names]
    assert sorted(names) == sorted(spc.__all__)
    assert _type_checking_imports(spc) == _sources(spc)


@pytest.mark.parametrize("name", spc.__all__)
def test_every_export_resolves_and_has_a_docstring(name):
    """Every name loads from its module and documents itself."""
    value = getattr(spc, name)
    module = importlib.import_module(_sources(spc)[name], spc.__name__)
    assert getattr(module, name) is value
    if inspect.isclass(value) or callable(value):
        assert vars(value).get("__doc__") if inspect.isclass(value) else value.__doc__
    else:
        source = inspect.getsource(module)
        assert "#: " in source.split(f"\n{name} = ")[0].splitlines()[-1]


def test_star_import_gives_exactly_all():
    """``from kpi_scorecard.spc import *`` binds exactly __all__."""
    namespace = {}
    exec("from kpi_scorecard.spc import *", namespace)  # noqa: S102 - a fixed import
    assert set(namespace) - {"__builtins__"} == set(spc.__all__)


def test_the_subpackage_is_an_attribute_of_the_package():
    """``kpi_scorecard.spc`` is read like the other subpackages."""
    assert kpi_scorecard.spc is spc
    assert "spc" in dir(kpi_scorecard)
