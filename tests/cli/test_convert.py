"""``kpi-scorecard convert``: between the table layout, tidy CSV and JSON."""

import json

import pytest

from kpi_scorecard.serializers import csv as csv_format
from kpi_scorecard.serializers import json as json_format
from kpi_scorecard.serializers import table

from .conftest import DECLARATIONS, EXAMPLE

pytestmark = pytest.mark.subprocess

Q1 = "Q1 2019/20"


def test_table_json_csv_table_keeps_the_scorecard(cli, tmp_path):
    """Table to JSON to CSV and back to a table gives the scorecard read from the original."""
    for args in [
        (str(EXAMPLE), "card.json", "-d", str(DECLARATIONS)),
        ("card.json", "card.csv"),
        ("card.csv", "card.tsv"),
    ]:
        run = cli("convert", *args)
        assert (run.code, run.out, run.err) == (0, "", "")
    declared = {"CSC017": {"polarity": "higher_is_better", "aggregation": "already_cumulative"}}
    original = table.loads(EXAMPLE.read_text(encoding="utf-8"), measures=declared)
    from_json = json_format.loads((tmp_path / "card.json").read_text(encoding="utf-8"))
    assert from_json.measure("CSC017") == original.measure("CSC017")
    with (tmp_path / "card.csv").open(encoding="utf-8", newline="") as handle:
        assert csv_format.loads(handle.read()) == from_json
    written = (tmp_path / "card.tsv").read_text(encoding="utf-8")
    assert table.loads(written) == table.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_from_and_to_override_the_suffixes(cli, tmp_path):
    """--from reads a comma-separated council table; --to and - write to standard output."""
    (tmp_path / "card.csv").write_text('Ref,Measure,Q1 2019/20\nA1,Referrals,"1,462"\n')
    run = cli("convert", "card.csv", "-", "--from", "table", "--to", "json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["data"]["observations"][0]["value"] == "1462"


def test_a_report_without_its_scorecard_cannot_be_a_table(cli, tmp_path):
    """A report read back from JSON has no source scorecard: the table writer says so."""
    cli("rate", str(EXAMPLE), "--period", Q1, "-o", "report.json")
    run = cli("convert", "report.json", "report.tsv")
    assert run.code == 2
    assert run.err.startswith("kpi-scorecard: error: a report is written in the table layout")
    assert run.err.endswith("[no_source]\n")
