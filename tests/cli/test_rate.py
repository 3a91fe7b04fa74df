"""``kpi-scorecard rate``: the report of each table, in every format, and its exit status."""

import json
import os
import subprocess
import sys

import pytest

from .conftest import DECLARATIONS, EXAMPLE, ROOT

pytestmark = pytest.mark.subprocess

Q1 = "Q1 2019/20"
DISAGREEING = "Ref\tMeasure\tQuarter 1 2019/20\tTarget 2019/20\tRAG\nA1\tReferrals\t19%\t<18%\tG\n"
LOWER = '[measures]\nA1 = { polarity = "lower_is_better" }\n'


def _statuses(document):
    return {a["measure_ref"]: a["status"] for a in document["data"]["assessments"]}


def test_rate_agrees_with_the_example_script():
    """The shipped declarations rate the example as the example script's declarations do."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    script = subprocess.run(  # noqa: S603 - this interpreter on the project's example
        [sys.executable, str(ROOT / "examples" / "quarterly_report.py"), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        env=env,
    )
    cli = subprocess.run(  # noqa: S603 - this interpreter on the package under test
        [
            sys.executable,
            "-m",
            "kpi_scorecard",
            "rate",
            str(EXAMPLE),
            "--period",
            "Q1 2019/20",
            "--declarations",
            str(DECLARATIONS),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        env=env,
    )
    expected = _statuses(json.loads(script.stdout))
    assert len(expected) == 42
    assert _statuses(json.loads(cli.stdout)) == expected


def test_rate_prints_the_report_and_exits_0_when_all_agree(cli):
    """The Quick start run: a table of every measure, the counts, no disagreement, status 0."""
    run = cli("rate", str(EXAMPLE), "--period", Q1, "--declarations", str(DECLARATIONS))
    assert (run.code, run.err) == (0, "")
    lines = run.out.splitlines()
    assert lines[0] == (
        f"{EXAMPLE}: Children and Families Scorecard 2019-20, Q1 2019/20 (tolerance 3%)"
    )
    assert lines[2].split()[:4] == ["Ref", "Measure", "Value", "Target"]
    assert lines[3].startswith("CSC001   Number of referrals")
    assert lines[-2:] == [
        "42 measures: 15 green, 4 amber, 15 red, 8 not rated",
        "Disagreements with the published statuses: 0",
    ]


def test_rate_exits_1_and_lists_disagreements(cli, tmp_path):
    """A computed status that is not the published one is listed, and the status is 1."""
    (tmp_path / "card.tsv").write_text(DISAGREEING, encoding="utf-8")
    (tmp_path / "card.toml").write_text(LOWER, encoding="utf-8")
    run = cli("rate", "card.tsv", "--period", Q1, "-d", "card.toml")
    assert (run.code, run.err) == (1, "")
    last, listed = run.out.splitlines()[-2:]
    assert last == "Disagreements with the published statuses: 1"
    assert listed.startswith("  A1: published 'G' (green), computed red: 19% is above the 18%")
    assert listed.endswith("beyond the 5% tolerance: red")


def test_rate_says_on_stderr_when_the_report_format_cannot(cli, tmp_path):
    """With JSON on standard output, the disagreements are counted on standard error."""
    (tmp_path / "card.tsv").write_text(DISAGREEING, encoding="utf-8")
    (tmp_path / "card.toml").write_text(LOWER, encoding="utf-8")
    run = cli("rate", "card.tsv", "--period", Q1, "-d", "card.toml", "--format", "json")
    assert run.code == 1
    assert run.err == "kpi-scorecard: 1 disagreement with the published statuses\n"
    assert _statuses(json.loads(run.out)) == {"A1": "red"}


@pytest.mark.parametrize(
    ("tolerance", "header"),
    [
        ((), "(tolerance 3%)"),  # the declarations file's
        (("--tolerance", "10%"), "(tolerance 10%)"),  # the option wins
        (("--tolerance", "2 points"), "(tolerance 2 points)"),  # an absolute tolerance
    ],
)
def test_the_tolerance_is_declared_or_given(cli, tolerance, header):
    """The declarations file sets the tolerance, and --tolerance overrides it."""
    run = cli("rate", str(EXAMPLE), "--period", Q1, "-d", str(DECLARATIONS), *tolerance)
    assert run.out.splitlines()[0].endswith(header)


@pytest.mark.parametrize(
    ("options", "start"),
    [
        (("--format", "json"), "{"),  # one report document
        (("--format", "csv"), "record,"),  # the report's tidy CSV
        (("--format", "html"), "<!DOCTYPE html>"),  # a page of its own
        (("--format", "markdown"), "**Children and Families Scorecard 2019-20: Q1 2019/20**"),
        (("--format", "table"), str(EXAMPLE)),  # the default
    ],
)
def test_every_format_writes_the_report(cli, options, start):
    """Each format writes the whole report, every measure in it."""
    run = cli("rate", str(EXAMPLE), "--period", Q1, "-d", str(DECLARATIONS), *options)
    assert run.code == 0, run.err
    assert run.out.startswith(start)
    assert "P&amp;EH009" in run.out or "P&EH009" in run.out


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("report.json", b"{"),  # JSON by the suffix
        ("report.csv", b"record,"),  # CSV by the suffix
        ("report.html", b"<!DOCTYPE html>"),  # HTML by the suffix
        ("report.md", b"**"),  # Markdown by the suffix
        ("report.txt", str(EXAMPLE).encode()),  # anything else is the text table
    ],
)
def test_output_file_format_follows_its_suffix(cli, tmp_path, name, start):
    """--output writes the file, in the format its suffix names, and nothing to stdout."""
    run = cli("rate", str(EXAMPLE), "--period", Q1, "-d", str(DECLARATIONS), "-o", name)
    assert (run.code, run.out) == (0, "")
    written = (tmp_path / name).read_bytes()
    assert written.startswith(start)
    assert b"\r\r\n" not in written


def test_csv_output_keeps_its_line_ends(cli, tmp_path):
    """CSV is written with CRLF line ends, as written, never doubled."""
    cli("rate", str(EXAMPLE), "--period", Q1, "-d", str(DECLARATIONS), "-o", "report.csv")
    lines = (tmp_path / "report.csv").read_bytes().split(b"\r\n")
    assert len(lines) > 43
    assert all(b"\n" not in line for line in lines[:3])


def test_several_tables_make_one_output(cli, tmp_path):
    """Several tables give a JSON array of reports, or one CSV with one header."""
    run = cli(
        "rate",
        str(EXAMPLE),
        str(EXAMPLE),
        "--period",
        Q1,
        "-d",
        str(DECLARATIONS),
        "--format",
        "json",
    )
    assert (run.code, run.err) == (0, "")  # no progress bar: stderr is not a terminal
    documents = json.loads(run.out)
    assert [d["kind"] for d in documents] == ["report", "report"]
    run = cli(
        "rate",
        str(EXAMPLE),
        str(EXAMPLE),
        "--period",
        Q1,
        "-d",
        str(DECLARATIONS),
        "--format",
        "csv",
    )
    lines = run.out.splitlines()
    assert sum(line.startswith("record,") for line in lines) == 1
    assert sum(line.startswith("assessment,CSC001,") for line in lines) == 2


def test_several_tables_show_progress_on_a_terminal(tmp_path):
    """On a terminal, standard error shows a progress bar while the tables are read."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(  # noqa: S603 - this interpreter on the package under test
        [
            sys.executable,
            "-m",
            "kpi_scorecard",
            "rate",
            str(EXAMPLE),
            str(EXAMPLE),
            "--period",
            Q1,
            "-d",
            str(DECLARATIONS),
            "-o",
            "report.json",
        ],
        stderr=follower,
        stdout=subprocess.DEVNULL,
        check=False,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    os.close(follower)
    shown = os.read(leader, 4096).decode()
    os.close(leader)
    assert result.returncode == 0
    assert "[------------------------] 0/2 children_and_families_2019_20.tsv" in shown
    assert "[############------------] 1/2 children_and_families_2019_20.tsv" in shown
    assert shown.endswith("\r\x1b[K")
