"""Bad options and files: one line on standard error, status 2, never a traceback."""

import pytest

from .conftest import DECLARATIONS, EXAMPLE

pytestmark = pytest.mark.subprocess

Q1 = "Q1 2019/20"
CARD = "Ref\tMeasure\tQuarter 1 2019/20\tTarget 2019/20\nA1\tReferrals\t19%\t<18%\n"

FILES = {
    "card.tsv": CARD,
    "typo.toml": '[measures]\nA1 = { polarty = "lower_is_better" }\n',
    "broken.toml": "[measures\n",
    "unknown.toml": '[measures]\nB9 = { polarity = "lower_is_better" }\n',
    "word.json": '{"measures": {"A1": {"polarity": "up"}}}',
    "list.json": "[1, 2]",
    "layout.toml": 'titel = "first"\n',
    "card.xlsx": "not a table\n",
}

CASES = [
    (("rate", "missing.tsv", "--period", Q1), "missing.tsv: no such file"),  # missing table
    (
        ("rate", "card.tsv", "--period", "Q5 2019/20"),
        "--period: a financial year has quarters 1 to 4: 'Q5 2019/20' [bad_quarter]",
    ),
    (
        ("rate", "card.tsv", "--period", Q1, "--tolerance", "3 bananas"),
        "--tolerance: a tolerance is '3%' or '2 points': '3 bananas' [bad_tolerance]",
    ),
    (("rate", "card.tsv", "--period", Q1, "-d", "none.toml"), "none.toml: no such file"),
    (
        ("rate", "card.tsv", "--period", Q1, "-d", "typo.toml"),
        "typo.toml: measures.A1.polarty: Extra inputs are not permitted",
    ),
    (
        ("rate", "card.tsv", "--period", Q1, "-d", "broken.toml"),
        "broken.toml: not TOML: Expected ']' at the end of a table declaration (at line 1, "
        "column 10)",
    ),
    (
        ("rate", "card.tsv", "--period", Q1, "-d", "word.json"),
        "word.json: measures.A1.polarity: Input should be 'higher_is_better', 'lower_is_better' "
        "or 'neutral'",
    ),
    (
        ("rate", "card.tsv", "--period", Q1, "-d", "list.json"),
        "list.json: a declarations file holds a table (an object), not list",
    ),
    (
        ("rate", "card.tsv", "--period", Q1, "-d", "card.tsv"),
        "card.tsv: a declarations file is .toml or .json, not '.tsv'",
    ),
    (
        ("rate", "card.tsv", "--period", Q1, "--layout", "layout.toml"),
        "layout.toml: layout.titel: Extra inputs are not permitted",
    ),
    (
        ("rate", "card.tsv", "--period", Q1, "-d", "unknown.toml"),
        "card.tsv: measures= names a reference that is not in the table: 'B9' [unknown_reference]",
    ),
    (
        ("rate", "card.xlsx", "--period", Q1),
        "card.xlsx: cannot tell the input format from the suffix (known: .csv, .json, .tab, "
        ".tsv, .txt); give it",
    ),
    (("rate", ".", "--period", Q1, "--from", "table"), ".: is a folder, not a file"),
    (
        ("rate", "card.tsv", "--period", Q1, "--from", "csv", "-d", str(DECLARATIONS)),
        "card.tsv: layout and measures are declared for the table layout, not for csv",
    ),
    (
        ("convert", "card.tsv", "card.xlsx"),
        "card.xlsx: cannot tell the output format from the suffix (known: .csv, .json, .tab, "
        ".tsv, .txt); give it",
    ),
    (
        ("convert", "card.tsv", "missing/out.json"),
        "missing/out.json: cannot be written: No such file or directory",
    ),
]


@pytest.mark.parametrize(("args", "message"), CASES)
def test_a_bad_option_or_file_is_one_line_and_status_2(cli, tmp_path, args, message):
    """The error names the option or file and what is wrong, in one line."""
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = cli(*args)
    assert (run.code, run.out) == (2, "")
    assert run.err == f"kpi-scorecard: error: {message}\n"


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (
            ("rate", str(EXAMPLE)),
            "kpi-scorecard rate: error: the following arguments are required: --period",
        ),  # a required option left out
        (
            ("rate", str(EXAMPLE), "--period", Q1, "--format", "pdf"),
            "kpi-scorecard rate: error: argument --format: invalid choice: 'pdf'",
        ),
        (
            ("rate", "--period", Q1),
            "kpi-scorecard rate: error: the following arguments are required: TABLE",
        ),  # no table
        (("frobnicate",), "kpi-scorecard: error: argument COMMAND: invalid choice: 'frobnicate'"),
        ((), "kpi-scorecard: error: the following arguments are required: COMMAND"),
        (
            ("rate", str(EXAMPLE), "--period", Q1, "--bogus"),
            "kpi-scorecard: error: unrecognized arguments: --bogus",
        ),
    ],
)
def test_a_usage_error_is_one_line_and_status_2(cli, args, start):
    """Usage errors from the option parser are one line too, pointing at --help."""
    run = cli(*args)
    assert run.code == 2
    assert run.err.startswith(start)
    assert run.err.count("\n") == 1
    assert "--help)" in run.err


def test_a_file_that_is_not_utf8_is_one_line(cli, tmp_path):
    """Text in another encoding is refused by name, with the byte that gave it away."""
    (tmp_path / "latin.tsv").write_bytes("Ref\tMeasure\nA1\tCaf\xe9\n".encode("latin-1"))
    run = cli("validate", "latin.tsv")
    assert run.code == 2
    assert (
        run.err == "kpi-scorecard: error: latin.tsv: not UTF-8 text (byte 18); save it as UTF-8\n"
    )


def test_version(cli):
    """--version prints the package's version."""
    run = cli("--version")
    assert run.code == 0
    assert run.out.startswith("kpi-scorecard ")
