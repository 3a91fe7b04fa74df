"""The default status and trend words listed in the docs are the vocabularies' words."""

import re
from pathlib import Path

import pytest

from kpi_scorecard import StatusVocabulary, TrendVocabulary

PAGE = Path(__file__).resolve().parents[1] / "docs" / "concepts" / "published-statuses.md"
# The meanings a row's "assert" cell names; a row naming two (a face, up / down) is checked
# for its words only.
MEANINGS = {
    "green": {"green"},
    "yellow": {"yellow"},
    "amber": {"amber"},
    "red": {"red"},
    "yellow, amber or red (any miss)": {"yellow", "amber", "red"},
    "not known": {"not_known"},
    "improving": {"improving"},
    "worsening": {"worsening"},
    "no change": {"no_change"},
}


def listed(heading):
    """The rows of the page's table under ``heading``: (its words, what they assert)."""
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"| {heading} | assert |")
    block = text[start : text.index("\n\n", start)]
    found = []
    for row in block.splitlines()[2:]:
        words, meaning = row.strip("|").rsplit("|", 1)
        found.append((re.findall(r"`([^`]+)`", words), meaning.strip()))
    return found


@pytest.mark.parametrize(
    ("heading", "vocabulary"),
    [("status words", StatusVocabulary()), ("trend words", TrendVocabulary())],
)
def test_the_page_lists_every_default_word(heading, vocabulary):
    """The page lists each default word once, and no word the vocabulary lacks."""
    words = [word for row, _ in listed(heading) for word in row]
    assert sorted(words) == sorted(entry.word for entry in vocabulary.words)


@pytest.mark.parametrize(
    ("heading", "vocabulary", "rows"),
    [("status words", StatusVocabulary(), 6), ("trend words", TrendVocabulary(), 4)],
)
def test_each_listed_word_means_what_its_row_says(heading, vocabulary, rows):
    """Each word of a row of one meaning reads with that meaning."""
    checked = [(words, meaning) for words, meaning in listed(heading) if meaning in MEANINGS]
    assert len(checked) == rows  # every row of one meaning is checked
    for words, meaning in checked:
        for word in words:
            found = vocabulary.parse(word).means
            values = {m.value for m in found} if isinstance(found, frozenset) else {found.value}
            assert values == MEANINGS[meaning], word
