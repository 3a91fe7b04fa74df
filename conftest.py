"""Doctests of modules behind an optional extra need its package.

Where the package is missing they are skipped, as the tests marked ``excel`` are, and under
``CI=true`` they fail, so a CI job without the extra cannot pass by skipping them.
"""

from __future__ import annotations

import importlib.util
import os

import pytest
from _pytest.doctest import DoctestItem

#: Modules whose doctests need an optional package, and the package.
OPTIONAL = {"kpi_scorecard.serializers.xlsx": "openpyxl"}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip (or, under CI=true, fail) a doctest whose optional package is missing."""
    if not isinstance(item, DoctestItem):
        return
    for module, package in OPTIONAL.items():
        if item.name.startswith(module + ".") and importlib.util.find_spec(package) is None:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"{package} is not installed, and CI=true: install the extra")
            pytest.skip(f"{package} is not installed (the {module} doctests need it)")
