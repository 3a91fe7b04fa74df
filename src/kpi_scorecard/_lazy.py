"""Lazy exports: a package's public names are imported from their modules on first use.

Importing every model up front would make ``import kpi_scorecard`` pay for pydantic's model
machinery and all of the library's models before the caller has asked for any of them. A
package instead lists the module each of its names comes from, and :func:`lazy_exports`
gives it the module-level ``__getattr__`` and ``__dir__`` of PEP 562: the first read of a
name imports its module, and the object is then kept in the package's namespace, so that
later reads are ordinary lookups. ``from kpi_scorecard import Scorecard`` works unchanged.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, sources: Mapping[str, str], *, submodules: Collection[str] = ()
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return a package's ``__getattr__`` and ``__dir__``, importing its names on first use.

    ``sources`` maps each public name to the module that defines it, relative to the package
    (``"._period"``); ``submodules`` are the subpackages that reading an attribute of the
    same name imports, as an eager ``from . import evaluation`` would have bound them.
    """

    def __getattr__(name: str) -> object:  # noqa: N807 - the module hook PEP 562 names
        source = sources.get(name)
        if source is not None:
            value = getattr(importlib.import_module(source, package), name)
        elif name in submodules:
            value = importlib.import_module(f"{package}.{name}")
        else:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg, name=name, obj=sys.modules[package])
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the module hook PEP 562 names
        return sorted({*vars(sys.modules[package]), *sources, *submodules})

    return __getattr__, __dir__
