"""The charts sit above the models and the evaluation, and below nothing they import."""

import ast
from pathlib import Path

CHARTS = Path(__file__).parents[2] / "src" / "kpi_scorecard" / "charts"
ABOVE = ("kpi_scorecard.serializers", "kpi_scorecard._cli", "kpi_scorecard._display")


def test_the_charts_import_no_serializer_no_command_line_and_no_display():
    """What the charts import is the models, the evaluation and the shared drawing module."""
    imported = set()
    for path in CHARTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert "kpi_scorecard._svg" in imported
    assert not [name for name in imported if name.startswith(ABOVE)]
