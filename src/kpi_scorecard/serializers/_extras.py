"""Optional dependencies, imported when first needed and named by the extra that installs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from kpi_scorecard._errors import KpiScorecardError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(KpiScorecardError, ImportError):
    """A feature needs a package that is not installed; the message names the extra.

    >>> print(MissingExtraError("openpyxl", "excel"))
    reading and writing workbooks needs openpyxl: pip install 'kpi_scorecard[excel]'
    """

    code = "missing_extra"

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"reading and writing workbooks needs {package}: pip install 'kpi_scorecard[{extra}]'",
            name=package,
        )

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the package and extra, so the error crosses process pools."""
        return (MissingExtraError, (self.package, self.extra))


def require(package: str, extra: str) -> ModuleType:
    """Import ``package``, or raise :class:`MissingExtraError` naming the extra to install."""
    try:
        return importlib.import_module(package)
    except ImportError as exc:
        raise MissingExtraError(package, extra) from exc
