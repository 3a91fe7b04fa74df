"""What a user installs: the version, the console script and the data inside the wheel."""

import importlib.metadata
import subprocess
import sys
import tomllib
import zipfile

import pytest

import kpi_scorecard
from kpi_scorecard import examples

from .conftest import DECLARATIONS, EXAMPLE, ROOT

PACKAGED = ("children_and_families_2019_20.tsv", "children_and_families_2019_20.toml")


def test_the_version_has_one_source():
    """pyproject.toml reads the version from ``__version__``; it is not written twice."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "src/kpi_scorecard/__init__.py"


def test_the_installed_metadata_has_the_package_version():
    """The installed distribution's version is ``kpi_scorecard.__version__``."""
    try:
        installed = importlib.metadata.version("kpi_scorecard")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("kpi_scorecard is not installed, only on the path")
    assert installed == kpi_scorecard.__version__


def test_the_console_script_is_the_command_line():
    """``kpi-scorecard`` runs the same main as ``python -m kpi_scorecard``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"kpi-scorecard": "kpi_scorecard._cli:main"}


def test_the_packaged_example_is_the_one_in_the_repository():
    """The example and its declarations inside the package are the files beside the script."""
    assert examples.children_and_families() == EXAMPLE.read_text(encoding="utf-8")
    assert examples.children_and_families_declarations() == DECLARATIONS.read_text(encoding="utf-8")


@pytest.mark.subprocess
def test_the_wheel_holds_the_data_and_the_script(tmp_path):
    """A built wheel carries the example, its declarations and the console script."""
    subprocess.run(  # noqa: S603 - pip of this interpreter builds the project's wheel
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("kpi_scorecard-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [entry_points] = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode()
        [metadata] = [name for name in names if name.endswith(".dist-info/METADATA")]
        version = archive.read(metadata).decode().split("\nVersion: ", 1)[1].split("\n", 1)[0]
    assert {f"kpi_scorecard/examples/{name}" for name in PACKAGED} <= names
    assert "kpi_scorecard/_cli/__init__.py" in names
    assert "kpi-scorecard = kpi_scorecard._cli:main" in scripts
    assert version == kpi_scorecard.__version__
