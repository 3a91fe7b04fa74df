"""The report where users look at it: a notebook run by nbconvert, shown in Chromium.

A notebook built here is executed by ``jupyter nbconvert --execute --to html`` with
JupyterLab's template, in its light and its dark theme; headless Chromium lays out each
page and a probe script reads, from the rendered page, what a reader sees: the alignment
of each column, the contrast of every piece of text and of the status chips, and the
report's height, which JupyterLab's own table styles once tripled. Run with
``pytest -m notebook`` (the ``notebook-test`` extra and Chromium).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kpi_scorecard
from browser import needs_chromium, probe, run
from optional import require

pytestmark = [pytest.mark.notebook, needs_chromium]


SOURCE = Path(kpi_scorecard.__file__).resolve().parents[1]
SHOTS = os.environ.get("KPI_SCORECARD_SCREENSHOTS")  # a folder, to refresh docs/images

CELL = """\
import tomllib
from kpi_scorecard import RagPolicy, evaluate, examples
from kpi_scorecard.serializers import table

declared = tomllib.loads(examples.children_and_families_declarations())
card = table.loads(examples.children_and_families(), measures=declared["measures"])
report = evaluate(card, "Q1 2019/20", policy=RagPolicy(tolerance=declared["tolerance"]))
report"""


def _notebook(folder: Path, theme: str) -> Path:
    """The notebook of the example report, executed and converted with JupyterLab's look."""
    # Imported here, when a notebook test runs: the default run collects this module too,
    # without the notebook-test extra (and, under CI=true, require fails a missing one).
    nbformat = require("nbformat")
    require("nbconvert")
    require("ipykernel")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(CELL)]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    source = folder / "report.ipynb"
    nbformat.write(notebook, source)
    path = os.pathsep.join([str(SOURCE), *filter(None, [os.environ.get("PYTHONPATH")])])
    result = subprocess.run(  # noqa: S603 - this interpreter's nbconvert on a file written here
        [
            sys.executable, "-m", "nbconvert", "--execute", "--to", "html",
            "--template", "lab", "--theme", theme, "--output", f"report-{theme}", str(source),
        ],
        capture_output=True, text=True, timeout=300, check=False, cwd=folder,
        env={**os.environ, "PYTHONPATH": path},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / f"report-{theme}.html"


@pytest.fixture(scope="module")
def standalone(tmp_path_factory):
    """The probe's measures of the same report as a standalone page."""
    folder = tmp_path_factory.mktemp("standalone")
    namespace: dict = {}
    exec(CELL.rsplit("\n", 1)[0], namespace)  # noqa: S102 - the notebook's own cell
    page = folder / "report.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>Report</title></head>'
        f"<body>{namespace['report'].to_html()}</body></html>",
        encoding="utf-8",
    )
    return probe(page, folder / "profile")[0]


@pytest.fixture(scope="module", params=["light", "dark"])
def rendered(request, tmp_path_factory):
    """The executed notebook's page in one JupyterLab theme, and what the probe measured."""
    folder = tmp_path_factory.mktemp(f"notebook-{request.param}")
    page = _notebook(folder, request.param)
    measured, log = probe(page, folder / "profile")
    return request.param, page, measured, log


#: The report's columns and the alignment a reader expects: text left, figures right.
ALIGNMENT = {
    "Ref": "left",
    "Measure": "left",
    "Trend": "left",
    "Value": "right",
    "Target": "right",
    "Status": "left",
    "Forecast": "right",
    "Direction": "left",
    "Why": "left",
}


def test_each_column_is_aligned_as_its_content_reads(rendered):
    """Text columns are left-aligned and figures right, overriding JupyterLab's right."""
    _, _, measured, _ = rendered
    columns = {column["name"]: column for column in measured["columns"]}
    assert list(columns) == list(ALIGNMENT)
    for name, expected in ALIGNMENT.items():
        assert columns[name]["head"] == expected, name
        assert columns[name]["cells"] == [expected], name


def test_text_and_chips_have_aa_contrast(rendered):
    """Every text and every status chip reads at 4.5:1 or more against what is behind it."""
    theme, _, measured, _ = rendered
    assert measured["texts"] > 42 * 6  # the probe saw the table's text, not an empty page
    assert measured["text"][0]["ratio"] >= 4.5, (theme, measured["text"])
    assert measured["chips"][0]["ratio"] >= 4.5, (theme, measured["chips"])


def test_the_page_logs_no_console_error(rendered):
    """Chromium logs nothing from the page's console and no uncaught error."""
    _, _, _, log = rendered
    assert [line for line in log.splitlines() if "CONSOLE" in line] == []
    assert "Uncaught" not in log


def test_the_report_is_no_taller_than_half_again_the_standalone_page(rendered, standalone):
    """Inside JupyterLab the 42 rows take about the height they take on a page of their own."""
    _, _, measured, _ = rendered
    assert measured["width"] > 1000
    assert standalone["height"] > 42 * 20
    assert measured["height"] <= 1.5 * standalone["height"], (measured, standalone)


def test_screenshot(rendered, tmp_path):
    """A screenshot of each theme is a real picture (kept with KPI_SCORECARD_SCREENSHOTS)."""
    theme, page, _, _ = rendered
    shot = Path(SHOTS) / f"notebook-{theme}.png" if SHOTS else tmp_path / "shot.png"
    # The time budget lets the browser paint the whole table before the picture is taken.
    result = run(page, tmp_path / "profile", "--window-size=1400,1400",
                 "--virtual-time-budget=3000", f"--screenshot={shot}")  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes
