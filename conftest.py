"""Collection rules for doctests of modules behind an optional extra.

- ``kpi_scorecard.serializers.xlsx`` needs openpyxl (in the ``excel`` extra and the test
  extra): where it is missing its doctests are skipped, as the tests marked ``excel`` are,
  and under ``CI=true`` they fail, so a CI job without the extra cannot pass by skipping.
- The frame modules (``kpi_scorecard.frames``) need narwhals: without it they are not
  collected; with it their doctests carry the ``frames`` marker, so that ``pytest -m
  frames`` runs them beside tests/frames. The modules that import without narwhals (the
  package and its errors) are always collected.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

#: Modules whose doctests need an optional package, and the package.
OPTIONAL = {"kpi_scorecard.serializers.xlsx": "openpyxl"}

FRAMES = Path(__file__).resolve().parent / "src" / "kpi_scorecard" / "frames"
_WITHOUT_NARWHALS = {"__init__.py", "_errors.py"}

collect_ignore_glob = (
    []
    if importlib.util.find_spec("narwhals") is not None
    else [
        str(path.relative_to(FRAMES.parents[2]))
        for path in FRAMES.glob("*.py")
        if path.name not in _WITHOUT_NARWHALS
    ]
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the doctests of the frame modules ``frames``, like the tests in tests/frames."""
    for item in items:
        if FRAMES in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.frames)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip (or, under CI=true, fail) a doctest whose optional package is missing."""
    if not isinstance(item, DoctestItem):
        return
    for module, package in OPTIONAL.items():
        if item.name.startswith(module + ".") and importlib.util.find_spec(package) is None:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"{package} is not installed, and CI=true: install the extra")
            pytest.skip(f"{package} is not installed (the {module} doctests need it)")
