"""The example report's HTML, rendered in a real browser (headless Chromium)."""

import importlib.util
import struct
from decimal import Decimal
from pathlib import Path

import pytest

from browser import needs_chromium, probe, run
from kpi_scorecard import RagPolicy, Tolerance, evaluate
from kpi_scorecard.serializers import table

EXAMPLE = Path(__file__).parents[2] / "examples" / "data" / "children_and_families_2019_20.tsv"
EXAMPLE_SCRIPT = Path(__file__).parents[2] / "examples" / "quarterly_report.py"
pytestmark = needs_chromium

# Runs after layout: records how many rows and charts the browser laid out, and their size.
PROBE = """<script>
window.addEventListener('load', () => {
  const table = document.querySelector('.kpi-card table');
  const box = table.getBoundingClientRect();
  document.body.dataset.rows = table.querySelectorAll('tr').length;
  document.body.dataset.svgs = document.querySelectorAll('svg').length;
  document.body.dataset.width = Math.round(box.width);
  document.body.dataset.height = Math.round(box.height);
});
</script>"""


def _declared_measures():
    """The polarity and aggregation the example report declares for each measure."""
    spec = importlib.util.spec_from_file_location("quarterly_report", EXAMPLE_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MEASURES


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The example report for Q1 2019/20 as a standalone HTML page."""
    card = table.loads(EXAMPLE.read_text(encoding="utf-8"), measures=_declared_measures())
    policy = RagPolicy(tolerance=Tolerance.relative(Decimal("0.03")))
    report = evaluate(card, "Q1 2019/20", policy=policy)
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "report.html"
    path.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><title>Report</title></head>'
        f"<body>{report._repr_html_()}{PROBE}</body></html>",
        encoding="utf-8",
    )
    return path


def test_report_lays_out_every_row_without_console_errors(page, tmp_path):
    """Chromium lays out a row and a sparkline per measure and logs no console error."""
    result = run(page, tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert 'data-rows="43"' in dom  # header and 42 measures
    assert 'data-svgs="42"' in dom
    width = int(dom.split('data-width="')[1].split('"')[0])
    height = int(dom.split('data-height="')[1].split('"')[0])
    assert width > 600
    assert height > 42 * 15
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert console == []
    assert "Uncaught" not in result.stderr


def test_report_screenshot_is_a_real_picture(page, tmp_path):
    """A screenshot of the report is a PNG of the requested size with real content."""
    shot = tmp_path / "report.png"
    result = run(page, tmp_path / "profile", "--window-size=1500,1400", f"--screenshot={shot}")
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1500, 1400)
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes


#: Pages as hosts other than JupyterLab give them: VS Code's notebook output has its
#: theme's colours as --vscode-* variables and a body class naming the theme's kind.
HOSTS = {
    "plain page": ("", "", "light"),
    "VS Code light": (
        "vscode-light",
        "--vscode-editor-foreground:#3b3b3b;--vscode-editor-background:#ffffff",
        "light",
    ),
    "VS Code dark": (
        "vscode-dark",
        "--vscode-editor-foreground:#cccccc;--vscode-editor-background:#1f1f1f",
        "dark",
    ),
}


@pytest.mark.parametrize("host", HOSTS)
def test_the_report_reads_well_in_other_hosts(host, page, tmp_path):
    """In a plain page and VS Code's themes, columns align and text and chips reach 4.5:1."""
    body_class, variables, kind = HOSTS[host]
    style = f"{variables};background:var(--vscode-editor-background,#fff)"
    shown = page.read_text(encoding="utf-8").replace(
        "<body>", f'<body class="{body_class}" style="{style}">'
    )
    hosted = tmp_path / "hosted.html"
    hosted.write_text(shown.split(PROBE)[0] + "</body></html>", encoding="utf-8")
    measured, log = probe(hosted, tmp_path / "profile")
    aligned = {column["name"]: column["cells"] for column in measured["columns"]}
    assert aligned["Measure"] == aligned["Why"] == ["left"]
    assert aligned["Value"] == aligned["Target"] == ["right"]
    assert measured["text"][0]["ratio"] >= 4.5, (host, measured["text"])
    assert measured["chips"][0]["ratio"] >= 4.5, (host, measured["chips"])
    assert "CONSOLE" not in log
    assert (measured["ground"] < 0.1) == (kind == "dark")  # the table took the host's colours
