"""Value cells as councils write them: ``1,462``, ``20%``, ``97%-99%``, ``345 (1200 cumulative)``.

:meth:`CellValue.parse` reads one cell of a period column. Beside plain numbers it reads a
band (the true value lies in the range), a programme-cumulative figure in brackets, a unit
or currency (``34 days``, ``£1.2m``), and the status markers of the UK Government
Statistical Service: ``[p]`` provisional, ``[e]`` estimated, ``[r]`` revised, ``[b]`` break
in series, ``[u]`` low reliability after a figure, and the marks councils write for them
(``34*``, ``34 (p)``, ``Est 34``). In place of a figure it reads ``[c]`` suppressed,
``[x]`` not available, ``[z]`` not applicable, and the words councils write instead
(``N/A``, ``Not measured``, ``TBC``), keeping those words.

``Yes`` and ``No`` (any case) are the figure of a yes/no achievement, such as an award
received: 1 or 0 in the unit ``yes_no``, written back as ``Yes`` and ``No``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._errors import UnitError, ValueParseError, not_text_error
from ._notation import ExactNumber, JsonBoolean, _TextValue
from ._numbers import (
    NUMBER_PATTERN,
    Figure,
    check_text,
    exact_arithmetic,
    format_decimal,
    limited,
    read_figure,
)
from ._patterns import lazy_pattern, squeeze
from ._reuse import take_built_instances
from ._status import ObservationStatus
from ._units import (
    COUNT,
    CURRENCIES,
    PERCENT,
    YES_NO,
    canonical_unit,
    conversion_factor,
    scale,
)

__all__ = ["Band", "CellValue"]


class Band(_TextValue):
    """A value known only to lie within a band, such as ``97%-99%``; both ends included.

    >>> b = Band.parse("97-99")
    >>> b.low, b.high, b.midpoint, str(b)
    (Decimal('97'), Decimal('99'), Decimal('98'), '97-99')
    """

    json_schema_extra_text: ClassVar[dict[str, Any]] = {"pattern": r"^-?[0-9.]+(-| to )-?[0-9.]+$"}

    low: Figure
    high: Figure

    @model_validator(mode="after")
    def _check_order(self) -> Self:
        if self.high <= self.low:
            raise PydanticCustomError(
                "reversed_band",
                _band_problem(self.low, self.high) + ": {low} to {high}",
                {"low": str(self.low), "high": str(self.high)},
            )
        return self

    @property
    def midpoint(self) -> Decimal:
        """The middle of the band."""
        with exact_arithmetic():
            return (self.low + self.high) / 2

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``low-high`` (or ``low to high``) without units."""
        if not isinstance(text, str):
            raise not_text_error(ValueParseError, text, "a band")
        found = _BAND_ONLY.fullmatch(text.strip())
        low = read_figure(found["low"], text=text, error=ValueParseError) if found else None
        high = read_figure(found["high"], text=text, error=ValueParseError) if found else None
        if low is None or high is None:
            reason = "not a band such as '97-99'"
            if _BAND_ONLY.fullmatch(text.replace("%", "").strip()) is not None:
                # '97%-99%' is a band but for its units, which a band does not carry.
                reason = "a band is written without units, such as '97-99'"
            raise ValueParseError(text, reason, code="bad_band")
        if high <= low:
            raise ValueParseError(text, _band_problem(low, high), code="reversed_band")
        return cls(low=low, high=high)

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        separator = " to " if self.low < 0 else "-"
        return f"{format_decimal(self.low)}{separator}{format_decimal(self.high)}"


class CellValue(BaseModel):
    """What one value cell says: a figure or band, its unit, a cumulative figure, a status.

    >>> CellValue.parse("1,462").value, CellValue.parse("20%").percent
    (Decimal('1462'), True)
    >>> c = CellValue.parse("345 (1200 cumulative)")
    >>> c.value, c.cumulative, str(c)
    (Decimal('345'), Decimal('1200'), '345 (1200 cumulative)')
    >>> CellValue.parse("").status, CellValue.parse("23.5 [p]").status
    (<ObservationStatus.MISSING: 'missing'>, <ObservationStatus.PROVISIONAL: 'provisional'>)
    >>> money = CellValue.parse("£1.2m")
    >>> money.value, money.unit, str(money)
    (Decimal('1200000'), 'GBP', '1200000 GBP')
    >>> gap = CellValue.parse("Not measured")
    >>> gap.status.sdmx_code, gap.placeholder, str(gap)
    ('L', 'Not measured', 'Not measured')
    >>> award = CellValue.parse("yes")
    >>> award.value, award.unit, str(award)
    (Decimal('1'), 'yes_no', 'Yes')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    value: ExactNumber | Band | None = None
    percent: JsonBoolean = False
    unit: str | None = None
    """The unit written in the cell other than ``%`` (``day``, ``GBP``); None: none written."""
    cumulative: ExactNumber | None = None
    status: ObservationStatus = ObservationStatus.NORMAL
    revised: bool = False
    """Whether the figure is marked revised (``[r]``): a final figure that replaced another."""
    placeholder: str | None = None
    """The words written in place of a figure (``N/A``, ``TBC``); None: the status's marker."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.value is None and not self.status.missing:
            raise PydanticCustomError(
                "value_missing", "a cell without a figure needs a missing status"
            )
        if self.value is None and (
            self.percent or self.cumulative is not None or self.unit is not None or self.revised
        ):
            # None could be written: a cell without a figure reads back without them.
            raise PydanticCustomError(
                "value_missing",
                "a cell without a figure has no percent sign, unit, running total or revision",
            )
        if self.value is not None and self.status.missing:
            raise PydanticCustomError(
                "value_present",
                "a cell with a figure cannot have status {status}",
                {"status": self.status.value},
            )
        if self.unit is not None:
            _check_unit(self.unit, percent=self.percent)
        if self.unit == YES_NO and (
            self.value not in _YES_NO_FIGURES or self.cumulative is not None
        ):
            raise PydanticCustomError(
                "bad_yes_no", "a yes/no figure is 1 (Yes) or 0 (No), without a running total"
            )
        if self.revised and self.status is not ObservationStatus.NORMAL:
            raise PydanticCustomError(
                "bad_marker",
                "a revised figure has no other status, not {status}",
                {"status": self.status.value},
            )
        if self.placeholder is not None:
            _check_placeholder(self.placeholder, self)
        return self

    @classmethod
    def parse(cls, text: str) -> CellValue:
        """Read a value cell; raise :class:`ValueParseError` quoting the text."""
        if not isinstance(text, str):
            raise not_text_error(ValueParseError, text, "a value cell")
        return _parse_cached(text)

    def in_unit(self, factor: Fraction, unit: str | None) -> CellValue:
        """Return the cell with its figures multiplied by ``factor``, written in ``unit``.

        ``factor`` comes from ``conversion_factor(cell.unit, measure_unit)``, computed once
        per pair of units and applied to every cell in that unit.

        >>> str(CellValue.parse("14 days (28 cumulative)").in_unit(Fraction(1, 7), "week"))
        '2 week (4 cumulative)'
        """
        if self.value is None:
            return self
        value: Decimal | Band
        if isinstance(self.value, Band):
            value = Band(low=scale(self.value.low, factor), high=scale(self.value.high, factor))
        else:
            value = scale(self.value, factor)
        cumulative = None if self.cumulative is None else scale(self.cumulative, factor)
        percent = unit == PERCENT
        unit = None if unit in (PERCENT, COUNT) else unit
        return self.model_copy(
            update={"value": value, "cumulative": cumulative, "percent": percent, "unit": unit}
        )

    def to_unit(self, unit: str) -> CellValue:
        """Return the cell in a measure's ``unit``; raise :class:`UnitError` if it cannot be.

        A cell without a unit is already in the measure's unit. The factor between two units
        is found once and kept, so converting a column of cells asks pint once.

        >>> weeks, bare = CellValue.parse("12 weeks"), CellValue.parse("5")
        >>> str(weeks.to_unit("day")), str(bare.to_unit("day"))
        ('84 day', '5')
        """
        written = PERCENT if self.percent else self.unit
        if written is None or self.value is None:
            return self
        target = canonical_unit(unit)
        if written == target:
            return self
        return self.in_unit(conversion_factor(written, target), target)

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        if self.value is None:
            return self.placeholder if self.placeholder is not None else _MISSING_TEXT[self.status]
        unit = "%" if self.percent else ""
        if self.unit == YES_NO:
            text = "Yes" if self.value else "No"
        elif isinstance(self.value, Band):
            text = f"{format_decimal(self.value.low)}{unit}"
            text += " to " if self.value.low < 0 else "-"
            text += f"{format_decimal(self.value.high)}{unit}"
        else:
            text = f"{format_decimal(self.value)}{unit}"
        if self.unit is not None and self.unit != YES_NO:
            text += f" {self.unit}"
        if self.cumulative is not None:
            text += f" ({format_decimal(self.cumulative)} cumulative)"
        marker = "r" if self.revised else _STATUS_MARKERS.get(self.status)
        return f"{text} [{marker}]" if marker else text

    def __repr__(self) -> str:
        """Show the canonical text."""
        return f"kpi_scorecard.CellValue({str(self)!r})"

    # --- parsing ----------------------------------------------------------------------------

    _take_built = take_built_instances()


def _band_problem(low: Decimal, high: Decimal) -> str:
    """Say what is wrong with a band whose high end is not above its low end."""
    if high == low:
        return "a band needs two different ends"
    return "a band runs from low to high"


def _check_unit(unit: str, *, percent: bool) -> None:
    """Refuse a unit field that is not a canonical unit a cell can be written in."""
    if percent:
        raise PydanticCustomError(
            "mixed_units", "a percentage has no other unit: {unit}", {"unit": unit}
        )
    try:
        canonical = canonical_unit(unit)
    except UnitError as exc:
        raise PydanticCustomError(exc.code, "{message}", {"message": str(exc)}) from exc
    if canonical != unit or canonical in (PERCENT, COUNT) or _WRITABLE_UNIT.fullmatch(unit) is None:
        raise PydanticCustomError(
            "unsupported_unit",
            "a cell's unit is a canonical unit name such as 'day' or 'GBP', not {unit}",
            {"unit": repr(unit)},
        )


def _check_placeholder(placeholder: str, cell: CellValue) -> None:
    """Refuse placeholder words that would not read back as the cell's status."""
    status = _placeholder_status(placeholder.casefold())
    if (
        squeeze(placeholder) != placeholder
        or status is not cell.status
        or placeholder.casefold() == _MISSING_TEXT[cell.status]
    ):
        raise PydanticCustomError(
            "bad_placeholder",
            "{placeholder} is not a placeholder for status {status}",
            {"placeholder": repr(placeholder), "status": cell.status.value},
        )


_NUM = rf"(?:{NUMBER_PATTERN})"
_BAND_ONLY = lazy_pattern(rf"(?P<low>{_NUM})\s*(?:-|–|to)\s*(?P<high>{_NUM})")
# Matched against the squeezed text: every run of whitespace is one space, so ' ?' is all
# the pattern ever needs between parts, and no part is scanned twice.
_CELL = lazy_pattern(
    rf"(?P<currency>[£$€])?(?P<low>{_NUM})(?P<scale>[kK]|[mM][nN]?|[bB][nN]|[tT][nN])?"
    r"(?P<pct1> ?%)?"
    rf"(?: ?(?:-|–|\bto\b) ?(?P<currency2>[£$€])?(?P<high>{_NUM})(?P<pct2> ?%)?)?"
    r"(?: (?P<words>[^\W\d_][^\W\d]*(?: [^\W\d_][^\W\d]*)?))?"
    rf"(?: ?\( ?(?P<cum>{_NUM}) (?:ac)?cumulative ?\))?",
    re.IGNORECASE,
)
# A status mark at the end of the cell, after the figure: '[p]', '(est)', '*', '34p', '43.3 Est'.
_MARK = lazy_pattern(
    r"(?: ?\[(?P<bracket>[a-z])\]"
    r"| ?\((?P<paren>[pre]|est\.?|estimated?|provisional|revised)\)"
    r"|(?P<star>\*)"
    r"|(?<=[\d%]) ?(?P<letter>p)"
    r"| (?P<word>est\.?|estimated?|provisional|revised))$",
    re.IGNORECASE,
)
_PREFIX = lazy_pattern(r"(?:est\.?|estimated?|provisional) ", re.IGNORECASE)
_WRITABLE_UNIT = lazy_pattern(r"[A-Za-z][A-Za-z_]*")
# The figures of a yes/no achievement, by the word (casefolded), and the figures allowed.
_YES_NO = {"yes": Decimal(1), "no": Decimal(0)}
_YES_NO_FIGURES = frozenset(_YES_NO.values())
_STATUS_MARKERS = {
    ObservationStatus.PROVISIONAL: "p",
    ObservationStatus.ESTIMATED: "e",
    ObservationStatus.BREAK: "b",
    ObservationStatus.LOW_RELIABILITY: "u",
    ObservationStatus.FORECAST: "f",
    ObservationStatus.IMPUTED: "i",
}
_MARKER_STATUS = {marker: status for status, marker in _STATUS_MARKERS.items()}
_MARK_WORDS = {
    "p": ObservationStatus.PROVISIONAL,
    "provisional": ObservationStatus.PROVISIONAL,
    "*": ObservationStatus.PROVISIONAL,
    "e": ObservationStatus.ESTIMATED,
    "est": ObservationStatus.ESTIMATED,
    "est.": ObservationStatus.ESTIMATED,
    "estimate": ObservationStatus.ESTIMATED,
    "estimated": ObservationStatus.ESTIMATED,
}
_REVISED_WORDS = frozenset({"r", "revised"})
_MISSING_TEXT = {
    ObservationStatus.MISSING: "",
    ObservationStatus.NOT_APPLICABLE: "[z]",
    ObservationStatus.NOT_COLLECTED: "[x]",
    ObservationStatus.SUPPRESSED: "[c]",
}
_M, _L, _O = (
    ObservationStatus.NOT_APPLICABLE,
    ObservationStatus.NOT_COLLECTED,
    ObservationStatus.MISSING,
)
# Words written in place of a figure, casefolded, and the SDMX missing status each means:
# M (not applicable: no figure can exist), L (a figure exists but was not collected),
# O (not given, or not yet), Q (suppressed).
_PLACEHOLDERS = {
    "": _O,
    "-": _O,
    "–": _O,
    "—": _O,
    "tbc": _O,
    "tba": _O,
    "to be confirmed": _O,
    "not known": _O,
    "not yet known": _O,
    "unknown": _O,
    "not yet available": _O,
    "data not yet available": _O,
    "awaiting data": _O,
    "[z]": _M,
    "n/a": _M,
    "na": _M,
    "n.a.": _M,
    "not applicable": _M,
    "annual measure": _M,
    "annual figure": _M,
    "annual figure only": _M,
    "annual only": _M,
    "reported annually": _M,
    "[x]": _L,
    "x": _L,
    "..": _L,
    "not available": _L,
    "data not available": _L,
    "not measured": _L,
    "not collected": _L,
    "[c]": ObservationStatus.SUPPRESSED,
    "suppressed": ObservationStatus.SUPPRESSED,
}
# 'Data not available until 2024', 'Not available until Q3 2024/25': a figure not given yet.
_NOT_YET = lazy_pattern(
    r"(?:data )?not (?:yet )?available until (?:[a-z]+ )?(?:q[1-4] )?\d{4}(?:[/-]\d{2}(?:\d{2})?)?"
)
# Scale words and letters: '£1.2m', '$76.7M', '€5bn', '3.5 million'.
_SCALES = {
    "k": 3,
    "thousand": 3,
    "m": 6,
    "mn": 6,
    "million": 6,
    "bn": 9,
    "billion": 9,
    "tn": 12,
    "trillion": 12,
}


def _placeholder_status(folded: str) -> ObservationStatus | None:
    """The missing status that words written in place of a figure mean, or None."""
    found = _PLACEHOLDERS.get(folded)
    if found is None and _NOT_YET.fullmatch(folded) is not None:
        found = _O
    return found


@lru_cache(maxsize=65536)
def _parse_cached(text: str) -> CellValue:
    position = check_text(text)
    if position is not None:
        raise ValueParseError(
            text, "control character in a value", code="control_character", position=position
        )
    clean = squeeze(text)
    folded = clean.casefold()
    missing = _placeholder_status(folded)
    if missing is not None:
        words = None if folded == _MISSING_TEXT[missing] else clean
        return CellValue(status=missing, placeholder=words)
    status, revised, figure = _marks(text, clean)
    answer = _YES_NO.get(figure.casefold())
    if answer is not None:
        return CellValue(value=answer, unit=YES_NO, status=status, revised=revised)
    found = _CELL.fullmatch(figure)
    if found is None:
        if clean[:1].isalpha() and " " in clean:
            raise ValueParseError(
                text,
                "text where a figure should be; write the figure, or words such as "
                "'Not available' that say why there is none",
                code="value_is_text",
            )
        raise ValueParseError(text, "not a figure kpi_scorecard can read", code="bad_value")
    return _cell(text, found, status, revised)


def _marks(text: str, clean: str) -> tuple[ObservationStatus, bool, str]:
    """Take the status mark off the cell: its status, whether revised, and the figure's text."""
    status, revised, figure = ObservationStatus.NORMAL, False, clean
    prefix = _PREFIX.match(clean)
    if prefix is not None and clean[prefix.end() : prefix.end() + 1] not in ("", " "):
        word = prefix.group().strip().casefold()
        status, figure = _MARK_WORDS.get(word, ObservationStatus.PROVISIONAL), clean[prefix.end() :]
    mark = _MARK.search(figure)
    if mark is None:
        return status, revised, figure
    if status is not ObservationStatus.NORMAL:
        raise ValueParseError(text, "a figure has one status mark", code="bad_marker")
    figure = figure[: mark.start()]
    if mark["bracket"] is not None:
        letter = mark["bracket"].lower()
        if letter == "r":
            return status, True, figure
        found = _MARKER_STATUS.get(letter)
        if found is None:
            raise ValueParseError(
                text, f"unknown status marker [{mark['bracket']}]", code="bad_marker"
            )
        return found, revised, figure
    word = next(group for group in mark.groups() if group is not None).casefold()
    if word in _REVISED_WORDS:
        return status, True, figure
    return _MARK_WORDS[word], revised, figure


def _cell(text: str, found: re.Match[str], status: ObservationStatus, revised: bool) -> CellValue:
    """Build the cell from a matched figure: its number, scale, unit and running total."""
    low = read_figure(found["low"], text=text, error=ValueParseError)
    if low is None:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueParseError(text, "not a number", code="bad_value")
    cumulative = None
    if found["cum"] is not None:
        cumulative = read_figure(found["cum"], text=text, error=ValueParseError)
    percent = found["pct1"] is not None or found["pct2"] is not None
    currency = found["currency"] or found["currency2"]
    power, unit = _scale_and_unit(text, found, currency)
    if unit == PERCENT:
        if percent:
            raise ValueParseError(text, "a percentage written twice", code="mixed_units")
        percent, unit = True, None
    if percent and (currency or unit or power):
        raise ValueParseError(text, "a percentage has no other unit", code="mixed_units")
    if power:
        low = limited(_times_ten_to(low, power), text=text, error=ValueParseError)
        if cumulative is not None:
            cumulative = limited(_times_ten_to(cumulative, power), text=text, error=ValueParseError)
    if found["high"] is None:
        return CellValue(
            value=low, percent=percent, unit=unit, cumulative=cumulative, status=status,
            revised=revised,
        )  # fmt: skip
    high = read_figure(found["high"], text=text, error=ValueParseError)
    if high is None:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueParseError(text, "not a number", code="bad_value")
    if found["pct1"] is not None and found["pct2"] is None:
        raise ValueParseError(
            text, "only the low end of the band is a percentage", code="mixed_units"
        )
    if power or (found["currency2"] is not None and found["currency"] is None):
        raise ValueParseError(text, "not a figure kpi_scorecard can read", code="bad_value")
    if high <= low:
        raise ValueParseError(text, _band_problem(low, high), code="reversed_band")
    band = Band(low=low, high=high)
    return CellValue(
        value=band, percent=percent, unit=unit, cumulative=cumulative, status=status,
        revised=revised,
    )  # fmt: skip


def _scale_and_unit(
    text: str, found: re.Match[str], currency: str | None
) -> tuple[int, str | None]:
    """The power of ten a cell's figure is scaled by, and its canonical unit (None: none)."""
    words = found["words"].split(" ") if found["words"] else []
    letters = found["scale"]
    scale_word = letters or (words[0] if words and words[0].casefold() in _SCALES else None)
    if scale_word is not None and not letters:
        words = words[1:]
    power = 0
    if scale_word is not None:
        if scale_word == "m" and currency is None:
            raise ValueParseError(
                text,
                "'m' after a figure could be metres or million; write 'metres' or 'million'",
                code="ambiguous_unit",
            )
        power = _SCALES[scale_word.casefold()]
    unit = CURRENCIES[currency] if currency else None
    if words:
        written = " ".join(words)
        if unit is not None:
            raise ValueParseError(
                text, f"a figure has one unit, not {currency!r} and {written!r}", code="mixed_units"
            )
        try:
            unit = canonical_unit(written)
        except UnitError as exc:
            if exc.code == "unit_too_long":  # pragma: no cover - the pattern takes two words
                raise ValueParseError(text, str(exc), code=exc.code) from exc
            reason = f"not a figure kpi_scorecard can read ({written!r} is not a unit)"
            raise ValueParseError(text, reason, code="bad_value") from exc
        if unit == COUNT:
            unit = None
        elif unit == YES_NO:
            reason = "a yes/no figure is written 'Yes' or 'No', not as a number"
            raise ValueParseError(text, reason, code="bad_yes_no")
        elif unit != PERCENT and _WRITABLE_UNIT.fullmatch(unit) is None:
            reason = f"unit {written!r} is {unit!r}, which a value cannot be written in"
            raise ValueParseError(text, reason, code="unsupported_unit")
    return power, unit


def _times_ten_to(value: Decimal, power: int) -> Decimal:
    """``value`` times ten to ``power``, exactly: only the exponent moves."""
    sign, digits, exponent = value.as_tuple()
    moved = int(exponent) + power
    if moved > 0:  # written out in full, as people read it: 1200000, not 1.2E+6
        return Decimal((sign, digits + (0,) * moved, 0))
    return Decimal((sign, digits, moved))
