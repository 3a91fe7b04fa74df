"""Optional dependencies, imported when first needed and named by the extra that installs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from kpi_scorecard._errors import MissingExtraError

__all__ = ["MissingExtraError", "require"]


def require(package: str, extra: str, feature: str) -> ModuleType:
    """Import ``package``, or raise :class:`MissingExtraError` naming the extra to install."""
    try:
        return importlib.import_module(package)
    except ImportError as exc:
        raise MissingExtraError(feature, package, extra) from exc
