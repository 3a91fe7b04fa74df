"""Optional packages for tests: skipped when missing on a workstation, a failure under CI.

Tests of a feature behind an extra (``excel``, ``sdmx``) import its package through
:func:`require`. Locally a missing package skips them; with ``CI=true`` it fails them, so a
CI job that forgot to install the extra cannot pass by skipping.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def require(package: str) -> ModuleType:
    """Import ``package``; skip when it is missing, unless ``CI=true``, where it fails."""
    if os.environ.get("CI", "").lower() == "true":
        try:
            return importlib.import_module(package)
        except ImportError as exc:
            pytest.fail(f"{package} is not installed, and CI=true: install the extra", False)
            raise AssertionError from exc  # pragma: no cover - pytest.fail raises
    return pytest.importorskip(package)
