"""Regular expressions that are compiled the first time they are used, not at import.

The parsers' patterns spell out every way councils write a figure, a range, a value cell or
a period, and compiling all of them was a good part of the library's own import time. Yet a
program that only reads periods never uses the target patterns, and one that reads its
scorecards from JSON uses few of either. :func:`lazy_pattern` stands in for
:func:`re.compile` and leaves the compiling to the first match.

The patterns are matched against a clean copy of the text (:func:`squeeze`); an error
message quotes a part of what the user typed, found again by :func:`as_typed`.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

__all__ = ["as_typed", "lazy_pattern", "squeeze"]


def lazy_pattern(pattern: str, flags: int = 0) -> _LazyPattern:
    r"""Return a regular expression that compiles itself on first use, as ``re.compile`` would.

    >>> year = lazy_pattern(r"(?P<year>\d{4})")
    >>> year.fullmatch("2019")["year"], year.fullmatch("19")
    ('2019', None)
    """
    return _LazyPattern(pattern, flags)


class _LazyPattern:
    """A regular expression, compiled on first use, with the methods the parsers call."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __repr__(self) -> str:
        """The call that made the pattern."""
        flags = f", {self.flags!r}" if self.flags else ""
        return f"lazy_pattern({self.pattern!r}{flags})"

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern, built on the first call and kept."""
        return re.compile(self.pattern, self.flags)

    def fullmatch(self, string: str) -> re.Match[str] | None:
        """Match the whole string, as :meth:`re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(string)

    def match(self, string: str) -> re.Match[str] | None:
        """Match at the start of the string, as :meth:`re.Pattern.match`."""
        return self.compiled.match(string)

    def search(self, string: str) -> re.Match[str] | None:
        """Find the first match anywhere in the string, as :meth:`re.Pattern.search`."""
        return self.compiled.search(string)

    def sub(self, repl: str, string: str) -> str:
        """Replace every match with ``repl``, as :meth:`re.Pattern.sub`."""
        return self.compiled.sub(repl, string)

    def split(self, string: str) -> list[str | Any]:
        """Split the string at every match, as :meth:`re.Pattern.split`."""
        return self.compiled.split(string)


_SPACE = lazy_pattern(r"\s+")


def squeeze(text: str, *, fold: bool = False) -> str:
    r"""Strip ``text`` and write each run of whitespace as one space; ``fold`` also casefolds.

    >>> squeeze("  Q1 \t 2019/20 "), squeeze("Smarch  2019", fold=True)
    ('Q1 2019/20', 'smarch 2019')
    """
    clean = _SPACE.sub(" ", text.strip())
    return clean.casefold() if fold else clean


def as_typed(text: str, start: int, end: int, *, fold: bool = False) -> str:
    """Return the part of ``text`` that ``squeeze(text, fold=fold)[start:end]`` was made from.

    Messages quote the user's own spelling, not the clean copy the parser matched.

    >>> text = "As at 1  SMARCH 2019"
    >>> squeeze(text, fold=True)[8:14], as_typed(text, 8, 14, fold=True)
    ('smarch', 'SMARCH')
    >>> as_typed(text, 6, 14, fold=True)
    '1  SMARCH'
    """
    if start >= end:
        return ""
    first, last = len(text) - len(text.lstrip()), len(text.rstrip())
    # For each character of the clean copy, the span of text it was made from: a run of
    # whitespace makes one space, and casefolding may make one character several ("ß").
    spans: list[tuple[int, int]] = []
    index = first
    while index < last:
        stop = index + 1
        if text[index].isspace():
            while text[stop].isspace():
                stop += 1
            spans.append((index, stop))
        else:
            spans.extend([(index, stop)] * (len(text[index].casefold()) if fold else 1))
        index = stop
    return text[spans[start][0] : spans[end - 1][1]]
