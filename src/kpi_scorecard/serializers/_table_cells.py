"""Cells of a table as read and as written: header rows, mojibake, markers, references."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import ScorecardError, TableError, UnitError
from kpi_scorecard._period import Period, PeriodKind
from kpi_scorecard._units import PERCENT, canonical_unit
from kpi_scorecard.serializers._table_headers import (
    VOCABULARY,
    Role,
    normal,
    recognise,
)
from kpi_scorecard.serializers._table_layout import Layout

REFERENCE_HEADERS = frozenset(name for name, role in VOCABULARY.items() if role is Role.REFERENCE)
DEFAULT_LAYOUT = Layout()

Row = tuple[int, "list[str] | TableError"]


def is_header(cells: Sequence[str]) -> bool:
    """Whether a row is a header row: one of its cells names the reference column."""
    return any(len(cell) < 24 and normal(cell) in REFERENCE_HEADERS for cell in cells)


def looks_like_header(cells: Sequence[str], calendar: Calendar) -> bool:
    """A header row without a reference column: a title column and another one known."""
    known, title = 0, False
    for cell in cells:
        if cell and len(cell) < 80:
            try:
                meaning = recognise(cell, None, calendar)
            except TableError:
                continue
            known += 1
            title = title or meaning.role is Role.TITLE
    return title and known >= 2


# --- cells ------------------------------------------------------------------------------


def _continuation_characters() -> str:
    """The characters that UTF-8 continuation bytes become when misread as cp1252/latin-1."""
    found = []
    for byte in range(0x80, 0xC0):
        try:
            found.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            found.append(chr(byte))
    return re.escape("".join(found))


_CONTINUATION = f"[{_continuation_characters()}]"
# UTF-8 read as cp1252 (a face becomes "â\u02dc¹"), a lone "Ã" before a space, or U+FFFD.
_SUSPECT = re.compile(
    rf"(?P<mojibake>[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}"
    rf"|[\u00f0-\u00f4]{_CONTINUATION}{{3}}|\u00c3(?=\s|$)|\ufffd)"
    r"|(?P<control>[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\ufeff])"
)


def clean(cell: str) -> str:
    r"""Normalise a cell as read: line breaks become ``\n``, surrounding space goes."""
    if "\r" in cell:
        cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    return cell.strip()


def suspect(text: str) -> tuple[str, str] | None:
    """Return ``(code, reason)`` when text holds mojibake or a control character."""
    if text.isascii() and text.isprintable():
        return None
    found = _SUSPECT.search(text)
    if found is None:
        return None
    if found["mojibake"] is not None:
        return "mojibake", f"mojibake {found['mojibake']!r}: UTF-8 text decoded as cp1252"
    return "control_character", f"control character at position {found.start()}"


def check_cell(text: str, line: int | None, column: str | None) -> None:
    """Raise :class:`TableError` for a cell holding mojibake or a control character."""
    problem = suspect(text)
    if problem is not None:
        raise TableError(text, problem[1], code=problem[0], line=line, column=column)


# A footnote marker at the end of a title or value (``A&E*``, ``92.7% **``, ``†``, ``(a)``),
# and at the start of a footnote line.
_MARKER = r"\*{1,4}|†{1,3}|‡{1,3}|\([a-z]\)"
_TRAILING_MARKER = re.compile(rf"(?<=\S)\s*(?P<marker>{_MARKER})$")
FOOTNOTE = re.compile(rf"(?P<marker>{_MARKER})\s*(?P<text>\S.*)$", re.DOTALL)


def split_marker(text: str) -> tuple[str, str]:
    """Split a trailing footnote marker off a cell: ``('A&E', '*')``, or ``(text, '')``.

    >>> split_marker("Waits in A&E*"), split_marker("92.7% (a)"), split_marker("5")
    (('Waits in A&E', '*'), ('92.7%', '(a)'), ('5', ''))
    """
    if not text or text[-1] not in "*†‡)":
        return text, ""
    found = _TRAILING_MARKER.search(text)
    if found is None:
        return text, ""
    return text[: found.start()], found["marker"]


_SLUG_BREAK = re.compile(r"[^a-z0-9]+")


def derive_reference(title: str) -> str:
    """The reference of a measure known only by its title: a stable slug of the title.

    The title is folded to ASCII letters and digits in lower case, every other run of
    characters becomes one hyphen, and the result is cut to 64 characters at a hyphen.

    >>> derive_reference("Percentage of rent lost (empty homes)")
    'percentage-of-rent-lost-empty-homes'
    >>> derive_reference("Café opening: 2 hours")
    'cafe-opening-2-hours'
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _SLUG_BREAK.sub("-", ascii_text.casefold()).strip("-")
    if len(slug) > 64:
        cut = slug[:65]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:64]
    return slug


# --- writing what reads back -----------------------------------------------------------


def writable_text(value: str, what: str) -> str:
    """Return text the reader gives back unchanged, or refuse it."""
    problem = suspect(value)
    if clean(value) != value or problem is not None:
        reason = problem[1] if problem else "surrounding space or a carriage return"
        raise ScorecardError(
            f"{what} {value!r} cannot be written: {reason}", code="unwritable_text"
        )
    return value


def period_header(period: Period) -> str:
    """The header :func:`dumps` writes for a period: ``Year end 2018/19``, ``Quarter 1 2019/20``."""
    if period.kind is PeriodKind.FINANCIAL_YEAR:
        return f"Year end {period.label}"
    if period.kind is PeriodKind.FINANCIAL_QUARTER:
        return f"Quarter {period.quarter_number} {period.label.split(' ', 1)[1]}"
    return period.label


@lru_cache(maxsize=1024)
def _canonical(text: str) -> str:
    return canonical_unit(text)


def read_unit(text: str, header: str, line: int, column: str | None) -> str:
    if text.strip() == "%":
        return PERCENT
    try:
        return _canonical(text)
    except UnitError as exc:
        raise TableError(text, exc.args[0] if exc.args else "not a unit", code="unknown_unit",
                         line=line, column=column or header) from exc  # fmt: skip
