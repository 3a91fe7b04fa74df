"""What a spreadsheet cell shows: its value written out by its number format, as text.

A workbook keeps a number and, beside it, the format that says how to show it: ``0.2``
formatted ``0%`` shows ``20%``, formatted ``0.0%`` shows ``20.0%``, and ``1462`` formatted
``#,##0`` shows ``1,462``. The table reader reads what people see, so a workbook's cells
are turned into the text they show before they are read. Formats the reader cannot show
faithfully (scientific, fractions, times of day) are refused, not guessed.

This module needs no spreadsheet library: it takes the value and the format text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

__all__ = ["NumberFormat", "UnsupportedFormatError", "number_format", "shown"]


class UnsupportedFormatError(ValueError):
    """A number format the reader cannot show as the spreadsheet would."""


class NumberFormat(NamedTuple):
    """One section of a number format: literal text around a number, and how it is shown."""

    prefix: str
    suffix: str
    min_decimals: int
    max_decimals: int
    grouped: bool
    percent: int
    general: bool
    text: bool


# A bracketed part: a colour or condition is dropped, a currency ([$£-809]) is its symbol.
_BRACKET = re.compile(r"\[\$(?P<symbol>[^\]-]*)(?:-[0-9A-Fa-f]+)?\]|\[[^\]]*\]")
_DATE_TOKENS = re.compile(r"(?i)yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p")
_GENERAL = NumberFormat("", "", 0, 0, grouped=False, percent=0, general=True, text=False)


def _literals(section: str) -> list[tuple[bool, str]]:
    """Split a format section into (is_literal, text) pieces, quotes and escapes resolved."""
    pieces: list[tuple[bool, str]] = []
    at = 0
    size = len(section)
    while at < size:
        char = section[at]
        if char == '"':
            end = section.find('"', at + 1)
            end = size if end < 0 else end
            pieces.append((True, section[at + 1 : end]))
            at = end + 1
        elif char == "\\" and at + 1 < size:
            pieces.append((True, section[at + 1]))
            at += 2
        elif char in "_*" and at + 1 < size:  # padding to a character's width, or a fill
            at += 2
        else:
            pieces.append((False, char))
            at += 1
    return pieces


@functools.lru_cache(maxsize=512)
def number_format(code: str, negative: bool = False) -> NumberFormat:
    """Read the section of a number format that shows a positive (or negative) number.

    >>> number_format("0.0%")
    NumberFormat(prefix='', suffix='%', min_decimals=1, max_decimals=1, grouped=False, \
percent=1, general=False, text=False)
    >>> number_format("[$£-809]#,##0").prefix
    '£'
    """
    sections = _split_sections(code)
    section = sections[1] if negative and len(sections) > 1 else sections[0]
    section = _BRACKET.sub(lambda found: found["symbol"] or "", section)
    if section.strip().lower() == "general" or not section.strip():
        return _GENERAL
    pieces = _literals(section)
    shape = "".join("L" if literal else text for literal, text in pieces)
    if "@" in shape and not any(c in shape for c in "0#?"):
        return NumberFormat("", "", 0, 0, grouped=False, percent=0, general=False, text=True)
    lowered = shape.lower()
    if "e+" in lowered or "e-" in lowered or "/" in shape:
        raise UnsupportedFormatError(f"scientific and fraction formats are not read: {code!r}")
    digits = [i for i, (literal, text) in enumerate(pieces) if not literal and text in "0#?"]
    if not digits:
        raise UnsupportedFormatError(f"a number format without digits is not read: {code!r}")
    first, last = digits[0], digits[-1]
    prefix = "".join(text for _, text in pieces[:first])
    suffix = "".join(text for _, text in pieces[last + 1 :])
    body = [text for _, text in pieces[first : last + 1]]
    if "," in suffix.replace("%", ""):
        raise UnsupportedFormatError(f"formats that scale by thousands are not read: {code!r}")
    point = body.index(".") if "." in body else len(body)
    decimals = [text for text in body[point + 1 :] if text in "0#?"]
    return NumberFormat(
        prefix=prefix,
        suffix=suffix,
        min_decimals=sum(1 for text in decimals if text == "0"),
        max_decimals=len(decimals),
        grouped="," in body[:point],
        percent=shape.count("%"),
        general=False,
        text=False,
    )


def _split_sections(code: str) -> list[str]:
    """A format's sections (positive; negative; zero; text), splitting outside quotes."""
    sections: list[str] = []
    current: list[str] = []
    quoted = False
    for char in code:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    return sections


def _decimal(value: int | float) -> Decimal:
    """A cell's number as the decimal it was typed as (15 significant digits, as Excel)."""
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, ".15g"))


def _fixed(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@functools.lru_cache(maxsize=8192)
def show_number(value: int | float, code: str) -> str:
    """The text a number shows in a cell of format ``code``.

    >>> show_number(0.2, "0%"), show_number(0.205, "0.0%"), show_number(1462, "#,##0")
    ('20%', '20.5%', '1,462')
    >>> show_number(23.5, "General"), show_number(-4, "0;(0)")
    ('23.5', '(4)')
    """
    fmt = number_format(code, negative=value < 0)
    number = _decimal(value)
    if fmt.general or fmt.text:
        return _fixed(number)
    if value < 0 and len(_split_sections(code)) > 1:
        number = -number
    number = number.scaleb(2 * fmt.percent)
    number = number.quantize(Decimal(1).scaleb(-fmt.max_decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = format(abs(number), "f").partition(".")
    fraction = fraction.rstrip("0").ljust(fmt.min_decimals, "0")
    if fmt.grouped:
        whole = f"{int(whole):,}"
    text = whole + ("." + fraction if fraction else "")
    return f"{sign}{fmt.prefix}{text}{fmt.suffix}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@functools.lru_cache(maxsize=256)
def _date_pieces(code: str) -> tuple[tuple[bool, str], ...]:
    """A date format's pieces: (is_token, text), with ``m`` told apart from minutes."""
    section = _BRACKET.sub("", _split_sections(code)[0])
    pieces: list[tuple[bool, str]] = []
    for literal, text in _literals(section):
        if literal:
            pieces.append((False, text))
        else:
            pieces.append((True, text))
    # Join the unquoted characters into tokens.
    joined: list[tuple[bool, str]] = []
    buffer = ""
    for is_token, text in pieces:
        if is_token:
            buffer += text
            continue
        joined += _tokens(buffer)
        buffer = ""
        joined.append((False, text))
    joined += _tokens(buffer)
    # ``m`` and ``mm`` after an hour or before seconds are minutes, not months.
    tokens = [i for i, (is_token, _) in enumerate(joined) if is_token]
    for at, index in enumerate(tokens):
        if joined[index][1] not in ("m", "mm"):
            continue
        before = joined[tokens[at - 1]][1] if at else ""
        after = joined[tokens[at + 1]][1] if at + 1 < len(tokens) else ""
        if before.startswith("h") or after.startswith("s"):
            joined[index] = (True, "min")
    return tuple(joined)


def _tokens(text: str) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    at = 0
    for found in _DATE_TOKENS.finditer(text):
        if found.start() > at:
            out.append((False, text[at : found.start()]))
        out.append((True, found[0].lower()))
        at = found.end()
    if at < len(text):
        out.append((False, text[at:]))
    return out


def show_date(value: dt.date, code: str) -> str:
    """The text a day shows in a cell of date format ``code``.

    >>> day = dt.date(2019, 4, 1)
    >>> show_date(day, "dd/mm/yyyy"), show_date(day, "mmm-yy"), show_date(day, "d mmmm yyyy")
    ('01/04/2019', 'Apr-19', '1 April 2019')
    """
    pieces = _date_pieces(code)
    tokens = [text for is_token, text in pieces if is_token]
    if any(_is_time(token) for token in tokens):
        if isinstance(value, dt.datetime) and value.time() != dt.time():
            raise UnsupportedFormatError(f"times of day are not read: {code!r}")
        pieces = tuple(piece for piece in pieces if not (piece[0] and _is_time(piece[1])))
    out = []
    for is_token, text in pieces:
        out.append(_date_token(value, text) if is_token else text)
    return "".join(out).strip(" :")


def _is_time(token: str) -> bool:
    return token[0] in "hs" or token in ("min", "am/pm", "a/p")


_DATE_PARTS: dict[str, Callable[[dt.date], str]] = {
    "yyyy": lambda day: f"{day.year:04d}",
    "yy": lambda day: f"{day.year % 100:02d}",
    "mmmmm": lambda day: _MONTHS[day.month - 1][0],
    "mmmm": lambda day: _MONTHS[day.month - 1],
    "mmm": lambda day: _MONTHS[day.month - 1][:3],
    "mm": lambda day: f"{day.month:02d}",
    "m": lambda day: str(day.month),
    "dddd": lambda day: _DAYS[day.weekday()],
    "ddd": lambda day: _DAYS[day.weekday()][:3],
    "dd": lambda day: f"{day.day:02d}",
    "d": lambda day: str(day.day),
}


def _date_token(day: dt.date, token: str) -> str:
    return _DATE_PARTS[token](day)


def shown(value: object, code: str) -> str | None:
    """The text a cell holding ``value`` in number format ``code`` shows; None when empty.

    Raises :class:`UnsupportedFormatError` for a format or value the reader cannot show.

    >>> shown(0.17, "0%"), shown("<18%", "General"), shown(None, "0%")
    ('17%', '<18%', None)
    >>> shown(dt.datetime(2019, 6, 30), "dd/mm/yyyy")
    '30/06/2019'
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return show_number(value, code)
    if isinstance(value, dt.date):
        if code.strip().lower() == "general":
            return value.isoformat()[:10]
        return show_date(value, code)
    raise UnsupportedFormatError(f"a {type(value).__name__} cell is not read")
