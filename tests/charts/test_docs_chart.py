"""The home page's chart is the one docs/write_chart.py draws today."""

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

DOCS = Path(__file__).parents[2] / "docs"


def test_the_home_page_chart_is_the_generated_one():
    """docs/images/trend-chart.svg is what the script writes (python docs/write_chart.py)."""
    spec = importlib.util.spec_from_file_location("write_chart", DOCS / "write_chart.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    image = (DOCS / "images" / "trend-chart.svg").read_text(encoding="utf-8")
    assert image == module.chart() + "\n"
    root = ET.fromstring(image)  # noqa: S314 - the library's own output
    shown = {(e.get("class") or "") for e in root.iter()}
    assert {"point green", "point amber", "point red", "gap", "tolerance"} <= shown
    assert "images/trend-chart.svg" in (DOCS / "index.md").read_text(encoding="utf-8")
