"""The text parsers and loaders under fuzzing, and the one rule they must keep.

The first byte of an input picks the parser; the rest, decoded as UTF-8, is the text. The
only exceptions a parser may raise on any text are the library's own typed errors. The
text is cut to :data:`MAX_TEXT` characters, so one input is a bounded piece of work and
atheris's per-input ``-timeout`` catches a parser that grows faster than linearly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from kpi_scorecard import Band, CellValue, KpiScorecardError, Period, Profile, Target, Tolerance
from kpi_scorecard.serializers import csv, html, json, table

#: The longest text one input feeds a parser (atheris's -max_len counts bytes).
MAX_TEXT = 4096


def _period(text: str) -> object:
    return Period.parse(text)


def _table_lenient(text: str) -> object:
    return table.loads(text, lenient=True)


def _csv_lenient(text: str) -> object:
    return csv.loads(text, lenient=True)


def _html_lenient(text: str) -> object:
    return html.loads(text, lenient=True)


PARSERS: tuple[tuple[str, Callable[[str], object]], ...] = (
    ("period", _period),
    ("target", Target.parse),
    ("value", CellValue.parse),
    ("band", Band.parse),
    ("profile", Profile.parse),
    ("tolerance", Tolerance.parse),
    ("table", table.loads),
    ("csv", csv.loads),
    ("json", json.loads),
    ("table_lenient", _table_lenient),
    ("csv_lenient", _csv_lenient),
    ("html", html.loads),
    ("html_lenient", _html_lenient),
)


def check(data: bytes) -> None:
    """Feed one input to the parser its first byte selects; only typed errors may escape."""
    if not data:
        return
    _, parser = PARSERS[data[0] % len(PARSERS)]
    text = data[1:].decode("utf-8", errors="replace")[:MAX_TEXT]
    with contextlib.suppress(KpiScorecardError):
        parser(text)


def seed(parser: str, text: str) -> bytes:
    """An input that feeds ``text`` to the named parser."""
    names = [name for name, _ in PARSERS]
    return bytes([names.index(parser)]) + text.encode("utf-8")
