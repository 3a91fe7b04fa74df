"""Regular expressions that are compiled the first time they are used, not at import.

The parsers' patterns spell out every way councils write a figure, a range, a value cell or
a period, and compiling all of them was a good part of the library's own import time. Yet a
program that only reads periods never uses the target patterns, and one that reads its
scorecards from JSON uses few of either. :func:`lazy_pattern` stands in for
:func:`re.compile` and leaves the compiling to the first match.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

__all__ = ["lazy_pattern"]


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

    def search(self, string: str) -> re.Match[str] | None:
        """Find the first match anywhere in the string, as :meth:`re.Pattern.search`."""
        return self.compiled.search(string)

    def sub(self, repl: str, string: str) -> str:
        """Replace every match with ``repl``, as :meth:`re.Pattern.sub`."""
        return self.compiled.sub(repl, string)

    def split(self, string: str) -> list[str | Any]:
        """Split the string at every match, as :meth:`re.Pattern.split`."""
        return self.compiled.split(string)
