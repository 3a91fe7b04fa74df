"""``kpi-scorecard validate``: every row error with its line, column and text."""

import pytest

from .conftest import EXAMPLE

pytestmark = pytest.mark.subprocess

BAD = (
    "Ref\tMeasure\tQuarter 1 2019/20\tTarget 2019/20\n"
    "A1\tReferrals\t17 bananas\t<18%\n"
    "A2\tRe-referrals\t12%\t<18%\n"
    "A3\tWaits\t5\tsoon\n"
)


def test_a_clean_table_exits_0(cli):
    """The example reads whole: every row kept, no error, status 0."""
    run = cli("validate", str(EXAMPLE))
    assert (run.code, run.err) == (0, "")
    assert run.out == f"{EXAMPLE}: 42 rows read, 42 kept, 0 errors\n"


def test_every_row_error_is_listed_and_the_status_is_1(cli, tmp_path):
    """Each bad row is one line: file, line, column, reason, text and code."""
    (tmp_path / "bad.tsv").write_text(BAD, encoding="utf-8")
    run = cli("validate", "bad.tsv")
    assert (run.code, run.err) == (1, "")
    assert run.out.splitlines() == [
        "bad.tsv: line 2, column 'Quarter 1 2019/20': not a figure kpi_scorecard can read "
        "('bananas' is not a unit): '17 bananas' [bad_value]",
        "bad.tsv: line 4, column 'Target 2019/20': not a target notation kpi_scorecard knows: "
        "'soon' [unknown_target]",
        "bad.tsv: 3 rows read, 1 kept, 2 errors",
    ]


def test_a_json_document_is_read_whole(cli, tmp_path):
    """A JSON document has no rows to reject: it reads whole, or is one error."""
    assert cli("convert", str(EXAMPLE), "card.json").code == 0
    run = cli("validate", "card.json")
    assert (run.code, run.out) == (0, "card.json: a scorecard document, read whole\n")
