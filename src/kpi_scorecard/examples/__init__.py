"""The example scorecard and its declarations, shipped inside the package.

Cheshire East Council's Children and Families Scorecard 2019-20 (Quarter 1 update), as
published, and the declarations a performance officer keeps beside it: which way is
better for each measure, how its figures add up over the year, the amber tolerance. The
functions return the text, read as package resources (:mod:`importlib.resources`), so the
examples work wherever the package is installed; reading and parsing are the caller's.

>>> from kpi_scorecard import examples
>>> from kpi_scorecard.serializers import table
>>> card = table.loads(examples.children_and_families())
>>> card.title, len(card.measures)
('Children and Families Scorecard 2019-20', 42)
>>> import tomllib
>>> declared = tomllib.loads(examples.children_and_families_declarations())
>>> declared["tolerance"], declared["measures"]["CSC017"]["aggregation"]
('3%', 'already_cumulative')
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["children_and_families", "children_and_families_declarations"]

_NAME = "children_and_families_2019_20"


def _text(filename: str) -> str:
    return files(__name__).joinpath(filename).read_text(encoding="utf-8")


def children_and_families() -> str:
    """The example scorecard's table text, tab-separated, byte for byte as published.

    >>> text = children_and_families()
    >>> [line.split()[0] for line in text.splitlines() if line.startswith("Ref")][:1]
    ['Ref']
    """
    return _text(f"{_NAME}.tsv")


def children_and_families_declarations() -> str:
    """The example's declarations file (TOML): polarity, aggregation and tolerance.

    >>> children_and_families_declarations().count("polarity =")
    42
    """
    return _text(f"{_NAME}.toml")
