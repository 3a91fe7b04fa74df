"""Run the command line as a user would: a fresh interpreter, real files in a temporary folder."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "data" / "children_and_families_2019_20.tsv"
DECLARATIONS = EXAMPLE.with_suffix(".toml")


@dataclass(frozen=True)
class Run:
    """What one run of the command printed, and its exit status."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(tmp_path):
    """Run ``python -m kpi_scorecard ARGS...`` in the temporary folder; return what it did."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("NO_COLOR", None)

    def run(*args: str, stdin: str = "") -> Run:
        result = subprocess.run(  # noqa: S603 - this interpreter on the package under test
            [sys.executable, "-m", "kpi_scorecard", *args],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        return Run(result.returncode, result.stdout, result.stderr)

    return run
