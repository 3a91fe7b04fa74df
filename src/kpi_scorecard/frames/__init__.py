"""Dataframes: scorecards and reports as tidy frames, and rating whole columns at once.

The ``frames`` extra (``pip install 'kpi_scorecard[frames]'``) is built on narwhals, so one
implementation serves pandas, polars (eager and lazy), pyarrow, DuckDB and PySpark; the
backend's own package is yours to install. Nothing else in the library imports this package.

- :func:`to_frame` writes a scorecard or report as a tidy frame;
- :func:`from_frame` reads observations (and measures and targets) from one;
- :func:`comparators_from_frame` reads other areas' figures to compare with;
- :func:`evaluate_frame` rates every measure and period with column expressions, and
  returns a frame of the same backend, lazy in and lazy out.

Reading :func:`to_frame`, :func:`from_frame` or :func:`evaluate_frame` imports narwhals; if
it is missing, :class:`MissingExtraError` (an ``ImportError``) says which extra to install.
The error classes themselves import without narwhals.
"""

import typing

from kpi_scorecard import _lazy

from ._errors import FrameError, FrameSupportError, MissingExtraError

if typing.TYPE_CHECKING:
    from ._comparators import comparators_from_frame
    from ._convert import from_frame, to_frame
    from ._evaluate import evaluate_frame

__all__ = [
    "FrameError",
    "FrameSupportError",
    "MissingExtraError",
    "comparators_from_frame",
    "evaluate_frame",
    "from_frame",
    "to_frame",
]

_MODULES = {
    "._comparators": ("comparators_from_frame",),
    "._convert": ("from_frame", "to_frame"),
    "._evaluate": ("evaluate_frame",),
}

if not typing.TYPE_CHECKING:  # type checkers see the imports above, and no catch-all __getattr__
    __getattr__, __dir__ = _lazy.lazy_exports(
        __name__, {name: module for module, names in _MODULES.items() for name in names}
    )
