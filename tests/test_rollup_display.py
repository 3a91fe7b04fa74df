"""The notebook display of a roll-up: HTML and Markdown tables, self-contained and escaped."""

import html
import re
from html.parser import HTMLParser

from kpi_scorecard import WeightedScore, roll_up
from rollups import report_of

HOSTILE = "<script>alert(\"x\")</script> & 'quotes'"


def _rolled():
    report = report_of(
        {"M1": "G", "M2": "R", "M3": "-"},
        departments={"M1": HOSTILE, "M2": HOSTILE, "M3": ""},
    ).model_copy(update={"title": "<b>Children</b>"})
    return roll_up(report, "department", WeightedScore())


class _Cells(HTMLParser):
    """The text of every table cell, and every tag seen."""

    def __init__(self):
        super().__init__()
        self.cells, self.tags, self._open = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "td":
            self._open = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self.cells.append(self._open)
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open += data


def test_html_escapes_every_text():
    """Group names, titles and explanations are escaped: no markup from the data survives."""
    text = _rolled()._repr_html_()
    assert "<script>" not in text
    assert "<b>Children" not in text
    assert html.escape("<b>Children</b>") in text
    parser = _Cells()
    parser.feed(text)
    assert HOSTILE in parser.cells  # read back as the text it was
    assert {tag for tag, _ in parser.tags} <= {
        "style", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "span"
    }  # fmt: skip


def test_html_is_self_contained():
    """No script, no external resource: the style is inline."""
    text = _rolled()._repr_html_()
    assert "<script" not in text.replace("&lt;script", "")
    assert not re.search(r"(src|href)=", text)


def test_status_is_not_colour_alone():
    """Each status chip carries a symbol and a word beside its colour."""
    parser = _Cells()
    parser.feed(_rolled()._repr_html_())
    statuses = [cell for cell in parser.cells if re.fullmatch(r"[✔✖◆◐–] [A-Z][a-z ]+", cell)]
    assert statuses == ["◆ Amber", "– Not rated"]


def test_a_group_with_no_name_is_shown_as_such():
    """Measures with an empty field form a group shown as having none."""
    assert "(no department)" in _rolled()._repr_html_()
    assert "(no department)" in _rolled()._repr_markdown_()


def test_markdown_table():
    """The Markdown table has one row per group, with pipes and markup escaped."""
    lines = _rolled()._repr_markdown_().splitlines()
    assert lines[0] == r"**\<b\>Children\</b\>: Q1 2019/20 by department, weighted-score rule**"
    rows = [line for line in lines[4:] if line]
    assert len(rows) == 2
    first = rows[0]
    assert r"\<script\>" in first
    assert "<script>" not in first
    assert first.count(" | ") == 9  # ten cells: no pipe from the data splits one
    assert "| ◆ amber | 1 | 0 | 0 | 1 | 0 | 50% | 5 |" in first
