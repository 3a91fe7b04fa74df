import ast
import importlib
import inspect
import pkgutil
from decimal import Decimal

import pytest

import kpi_scorecard
from kpi_scorecard import Band, CellValue, Period, Profile, Target


def _namespace_names():
    """Public names bound in the package namespace, leaving out submodules."""
    return {
        name
        for name, value in vars(kpi_scorecard).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }


def _private_modules():
    """The package's own top-level private modules (``kpi_scorecard._period`` and so on)."""
    return [
        importlib.import_module(f"kpi_scorecard.{info.name}")
        for info in pkgutil.iter_modules(kpi_scorecard.__path__)
        if info.name.startswith("_") and not info.ispkg
    ]


def _isort_key(name):
    """Ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical."""
    if name.isupper():
        group = 0
    elif name[0].isupper():
        group = 1
    else:
        group = 2
    return (group, name)


def test_all_is_sorted():
    """__all__ is sorted constants first, then classes, then functions, without repeats."""
    assert list(kpi_scorecard.__all__) == sorted(kpi_scorecard.__all__, key=_isort_key)
    assert len(set(kpi_scorecard.__all__)) == len(kpi_scorecard.__all__)


def test_all_is_exactly_the_public_namespace():
    """Every public name in the package namespace is exported, and every export exists."""
    exported = set(kpi_scorecard.__all__)
    public = _namespace_names()
    assert public - exported == set(), "public but not in __all__"
    assert exported - public == set(), "in __all__ but not a public name of the package"
    assert "__version__" not in exported


def test_every_public_class_of_the_private_modules_is_exported():
    """Each public class defined in a private module is exported from the package."""
    modules = _private_modules()
    assert modules, "no private modules found"
    missing = {
        f"{module.__name__}.{name}"
        for module in modules
        for name, value in vars(module).items()
        if inspect.isclass(value)
        and value.__module__ == module.__name__
        and not name.startswith("_")
        and name not in kpi_scorecard.__all__
    }
    assert missing == set()


def test_exports_are_the_objects_of_their_modules():
    """Each exported class is the very class its module defines, not a copy."""
    for name in kpi_scorecard.__all__:
        value = getattr(kpi_scorecard, name)
        if inspect.isclass(value):
            module = importlib.import_module(value.__module__)
            assert getattr(module, value.__qualname__) is value


def _constant_is_documented(name):
    """Whether a module-level constant has a ``#:`` comment above it or a string below it."""
    for module in _private_modules():
        source = inspect.getsource(module)
        tree = ast.parse(source)
        lines = source.splitlines()
        for index, node in enumerate(tree.body):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            if not any(isinstance(t, ast.Name) and t.id == name for t in targets):
                continue
            above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
            following = tree.body[index + 1] if index + 1 < len(tree.body) else None
            below = (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            )
            return above.startswith("#:") or below
    return False


@pytest.mark.parametrize("name", kpi_scorecard.__all__)
def test_every_export_has_a_docstring(name):
    """Every exported class and function has its own docstring; every constant a doc comment."""
    value = getattr(kpi_scorecard, name)
    if inspect.isclass(value):
        assert (vars(value).get("__doc__") or "").strip(), f"class {name} has no docstring"
    elif callable(value):
        assert (value.__doc__ or "").strip(), f"function {name} has no docstring"
    else:
        assert _constant_is_documented(name), f"constant {name} has no '#:' doc comment"


# object, the start of its repr
REPRS = [
    (Period.parse("Quarter 1 2019/20"), "kpi_scorecard.Period("),  # period
    (Target.parse("<18%"), "kpi_scorecard.Target("),  # threshold target
    (Target.parse("1700-2000"), "kpi_scorecard.Target("),  # range target
    (Target.parse("N/A"), "kpi_scorecard.Target("),  # not applicable
    (Band(low=Decimal(97), high=Decimal(99)), "kpi_scorecard.Band("),  # band
    (CellValue.parse("345 (1200 cumulative)"), "kpi_scorecard.CellValue("),  # value cell
    (Profile.parse("1:1:2:2"), "kpi_scorecard.Profile("),  # profile
]


@pytest.mark.parametrize(("value", "prefix"), REPRS)
def test_reprs_use_the_public_path(value, prefix):
    """Reprs name kpi_scorecard, never a private module, and can be read back as text."""
    text = repr(value)
    assert text.startswith(prefix)
    assert "kpi_scorecard._" not in text
    assert text == f"{prefix}{str(value)!r})"


def test_version_is_a_string():
    """The package has a version string, which is not exported."""
    assert isinstance(kpi_scorecard.__version__, str)
    assert kpi_scorecard.__version__
