import ast
import importlib
import inspect
import pkgutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import kpi_scorecard
import kpi_scorecard.evaluation
from kpi_scorecard import Band, CellValue, Period, Profile, Target

# The packages whose names are imported on first use, each with its table of where they are.
LAZY_PACKAGES = [kpi_scorecard, kpi_scorecard.evaluation]
PACKAGE_PARENT = str(Path(kpi_scorecard.__file__).resolve().parent.parent)


def _sources(package):
    """The package's lazy table, as name -> the module (relative to it) that defines it."""
    return {name: module for module, names in package._MODULES.items() for name in names}


def _type_checking_imports(package):
    """What the package's ``if typing.TYPE_CHECKING:`` block imports, as name -> module."""
    tree = ast.parse(inspect.getsource(package))
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "typing.TYPE_CHECKING"
    ]
    assert len(blocks) == 1, "expected one TYPE_CHECKING block"
    imports = {}
    for node in blocks[0].body:
        assert isinstance(node, ast.ImportFrom), ast.unparse(node)
        for alias in node.names:
            assert alias.asname is None, ast.unparse(node)
            imports[alias.name] = "." * node.level + (node.module or "")
    return imports


def _namespace_names(package):
    """Public names bound in the package namespace, leaving out modules."""
    return {
        name
        for name, value in vars(package).items()
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


def _package_id(package):
    return package.__name__


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=_package_id)
def test_all_is_sorted(package):
    """__all__ is sorted constants first, then classes, then functions, without repeats."""
    assert list(package.__all__) == sorted(package.__all__, key=_isort_key)
    assert len(set(package.__all__)) == len(package.__all__)


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=_package_id)
def test_all_is_exactly_the_lazy_table(package):
    """Every name the package can load is exported, and every export has a module to load."""
    names = [name for names in package._MODULES.values() for name in names]
    assert len(set(names)) == len(names), "a name is listed under two modules"
    assert set(names) - set(package.__all__) == set(), "loadable but not in __all__"
    assert set(package.__all__) - set(names) == set(), "in __all__ but nowhere to load it from"
    assert "__version__" not in package.__all__


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=_package_id)
def test_type_checkers_see_the_same_names_from_the_same_modules(package):
    """The TYPE_CHECKING imports and the lazy table agree name for name, module for module."""
    assert _type_checking_imports(package) == _sources(package)


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=_package_id)
def test_dir_lists_every_export(package):
    """dir() offers every exported name, loaded or not, as it would for an eager package."""
    listed = dir(package)
    assert listed == sorted(listed)
    assert set(package.__all__) <= set(listed)


@pytest.mark.parametrize(
    ("package", "name"),
    [(package, name) for package in LAZY_PACKAGES for name in package.__all__],
    ids=lambda value: value if isinstance(value, str) else value.__name__,
)
def test_every_export_resolves(package, name):
    """Every name in __all__ can be read, and is the object its module defines."""
    value = getattr(package, name)
    module = importlib.import_module(_sources(package)[name], package.__name__)
    assert getattr(module, name) is value
    namespace = {}
    exec(f"from {package.__name__} import {name}", namespace)  # noqa: S102 - a fixed import
    assert namespace[name] is value


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=_package_id)
def test_star_import_gives_exactly_all(package):
    """``from package import *`` loads every export and nothing else."""
    namespace = {}
    exec(f"from {package.__name__} import *", namespace)  # noqa: S102 - a fixed import
    assert set(namespace) - {"__builtins__"} == set(package.__all__)


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=_package_id)
def test_once_loaded_the_namespace_is_exactly_all(package):
    """After every export is read, the public names bound in the package are __all__."""
    for name in package.__all__:
        getattr(package, name)
    public = _namespace_names(package)
    assert public - set(package.__all__) == set(), "public but not in __all__"
    assert set(package.__all__) - public == set(), "in __all__ but not bound once loaded"


@pytest.mark.parametrize("package", LAZY_PACKAGES, ids=_package_id)
@pytest.mark.parametrize("name", ["x", "Scorcard", "_MISSING", "lazy_exports"])
def test_unknown_names_raise_attribute_error(package, name):
    """An unknown name raises AttributeError with the usual message, and cannot be imported."""
    message = f"module '{package.__name__}' has no attribute '{name}'"
    with pytest.raises(AttributeError, match=f"^{message}$") as raised:
        getattr(package, name)
    # Set, as for any missing attribute, so that tracebacks can suggest a close name.
    assert raised.value.name == name
    assert raised.value.obj is package
    assert not hasattr(package, name)
    with pytest.raises(ImportError, match=f"cannot import name '{name}'"):
        exec(f"from {package.__name__} import {name}", {})  # noqa: S102 - a fixed import


def test_subpackages_are_attributes_of_the_package():
    """``kpi_scorecard.evaluation`` and ``kpi_scorecard.serializers`` are read like names."""
    assert kpi_scorecard.evaluation is importlib.import_module("kpi_scorecard.evaluation")
    assert kpi_scorecard.serializers is importlib.import_module("kpi_scorecard.serializers")
    assert {"evaluation", "serializers"} <= set(dir(kpi_scorecard))


def test_the_version_is_plain():
    """__version__ is an ordinary attribute, there before any name is loaded."""
    assert "__version__" in vars(kpi_scorecard)


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
    """Each exported class is the very class its private module defines, not a copy."""
    for name in kpi_scorecard.__all__:
        value = getattr(kpi_scorecard, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert "._" in value.__module__, f"{name} is not defined in a private module"
            module = importlib.import_module(value.__module__)
            assert getattr(module, value.__qualname__) is value


# Defines loaded() in the fresh interpreter: the modules of pydantic and the other
# dependencies it has imported, and the library's own besides the package and its loader.
LOADED = """
    WIRING = ("kpi_scorecard._lazy", "kpi_scorecard._views")

    def loaded():
        heavy = ("pydantic", "pydantic_core", "annotated_types", "pint", "dateutil")
        return sorted(
            name
            for name in sys.modules
            if name.split(".")[0] in heavy
            # _lazy and _views are the package's wiring: they import nothing of the library
            or (name.startswith("kpi_scorecard.") and name not in WIRING)
        )
"""


def _fresh(run_script, code):
    """Run ``code`` in a fresh interpreter on this copy of the library; return its output."""
    prelude = f"import sys\nsys.path.insert(0, {PACKAGE_PARENT!r})\n"
    return run_script(prelude + textwrap.dedent(LOADED) + textwrap.dedent(code)).strip()


@pytest.mark.subprocess
def test_import_loads_neither_pydantic_nor_the_models(run_script):
    """``import kpi_scorecard`` in a fresh interpreter imports no dependency and no model."""
    output = _fresh(
        run_script,
        """
        import kpi_scorecard
        assert kpi_scorecard.__file__.startswith(sys.path[0]), kpi_scorecard.__file__
        print(kpi_scorecard.__version__, loaded())
        """,
    )
    assert output == f"{kpi_scorecard.__version__} []"


@pytest.mark.subprocess
def test_a_name_loads_only_what_it_needs(run_script):
    """Reading one name imports its module and what that needs, not the rest of the library."""
    output = _fresh(
        run_script,
        """
        from kpi_scorecard import Period
        names = loaded()
        print("kpi_scorecard._period" in names, "pydantic" in names)
        print([name for name in names if name.startswith(("kpi_scorecard.evaluation",
            "kpi_scorecard.serializers", "kpi_scorecard._scorecard"))])
        """,
    )
    assert output.splitlines() == ["True True", "[]"]


@pytest.mark.subprocess
def test_an_evaluation_name_does_not_load_the_engine(run_script):
    """``from kpi_scorecard import Tolerance`` loads the policy, not the engine or a scorecard."""
    output = _fresh(
        run_script,
        """
        from kpi_scorecard import Tolerance
        names = loaded()
        print("kpi_scorecard.evaluation._policy" in names)
        print([name for name in names if name.endswith(("_engine", "_scorecard", "_period"))])
        """,
    )
    assert output.splitlines() == ["True", "[]"]


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
