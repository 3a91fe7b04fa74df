"""The header vocabulary documented in the how-to is the one the table reader uses."""

import re
from pathlib import Path

import pytest

from kpi_scorecard import Calendar
from kpi_scorecard.serializers._table_headers import CODE_OR_TITLE, VOCABULARY, recognise
from kpi_scorecard.serializers.table import Role

PAGE = Path(__file__).resolve().parents[2] / "docs" / "how-to" / "load-a-council-table.md"
ROW = re.compile(r"^\| `(?P<role>[a-z_]+)` \| (?P<headers>.*) \|$", re.MULTILINE)


def documented():
    """Each row of the page's vocabulary table: the role and the headers it lists."""
    text = PAGE.read_text(encoding="utf-8")
    table = text[text.index("| Role | Headers |") : text.index("The roles are the values")]
    return [
        (found["role"], re.findall(r"`([^`]+)`", found["headers"])) for found in ROW.finditer(table)
    ]


def test_every_role_has_a_row():
    """The table has one row per role, in the order of table.Role."""
    assert [role for role, _ in documented()] == [role.value for role in Role]


@pytest.mark.parametrize(("role", "headers"), documented(), ids=[r for r, _ in documented()])
def test_documented_row_is_the_vocabulary(role, headers):
    """Each row lists exactly the headers the vocabulary gives that role, and each reads so."""
    assert headers == [name for name, given in VOCABULARY.items() if given.value == role]
    for header in headers:
        assert recognise(header.upper(), 1, Calendar()).role.value == role


def test_code_or_title_headers_are_documented():
    """The sentence under the table lists exactly the title headers that may head codes."""
    text = PAGE.read_text(encoding="utf-8")
    sentence = text[text.index("A code-or-title header") : text.index("The roles are the values")]
    listed = re.findall(r"header[s]?, `([^`]+)`", sentence)
    assert listed == sorted(CODE_OR_TITLE)
    assert all(VOCABULARY[name] is Role.TITLE for name in CODE_OR_TITLE)
