"""kpi_scorecard.charts's public names: one sorted __all__, loaded on first use."""

import importlib
import inspect

import pytest

import kpi_scorecard
from kpi_scorecard import charts
from spc.test_public_api import _isort_key, _sources, _type_checking_imports


def test_all_is_sorted_and_exactly_the_lazy_table():
    """__all__ is sorted, every loadable name is in it, and type checkers see the same."""
    assert list(charts.__all__) == sorted(charts.__all__, key=_isort_key)
    assert sorted(_sources(charts)) == sorted(charts.__all__)
    assert _type_checking_imports(charts) == _sources(charts)


@pytest.mark.parametrize("name", charts.__all__)
def test_every_export_resolves_and_documents_itself(name):
    """Every name loads from its module; functions have docstrings, constants a #: line."""
    value = getattr(charts, name)
    module = importlib.import_module(_sources(charts)[name], charts.__name__)
    assert getattr(module, name) is value
    if callable(value):
        assert value.__doc__
    else:
        source = inspect.getsource(module)
        assert "#: " in source.split(f"\n{name} = ")[0].splitlines()[-1]


def test_star_import_gives_exactly_all_and_the_package_has_it():
    """``from kpi_scorecard.charts import *`` binds __all__; ``kpi_scorecard.charts`` works."""
    namespace = {}
    exec("from kpi_scorecard.charts import *", namespace)  # noqa: S102 - a fixed import
    assert set(namespace) - {"__builtins__"} == set(charts.__all__)
    assert kpi_scorecard.charts is charts
    assert "charts" in dir(kpi_scorecard)
