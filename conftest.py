"""Collection rules for the optional dataframe extra, ``kpi_scorecard.frames``.

The doctests of the frame modules need narwhals: without it (a plain ``.[test]`` install)
they are not collected; with it they carry the ``frames`` marker, so that
``pytest -m frames`` runs them beside tests/frames. The modules that import without
narwhals (the package and its errors) are always collected.
"""

from importlib.util import find_spec
from pathlib import Path

import pytest

FRAMES = Path(__file__).resolve().parent / "src" / "kpi_scorecard" / "frames"
_WITHOUT_NARWHALS = {"__init__.py", "_errors.py"}

collect_ignore_glob = (
    []
    if find_spec("narwhals") is not None
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
