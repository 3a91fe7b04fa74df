"""Periods named relative to a report's own: ``Last quarter``, ``Year to date``.

Scorecards head columns with words as well as dates: ``This quarter``, ``Previous period``,
``Same quarter last year``, ``YTD``. Such a header means nothing until it is known which
period the report is for, so a :class:`RelativePeriod` is kept as words and turned into a
:class:`Period` by :meth:`RelativePeriod.resolve`, given that period by the caller. The
library never reads the clock.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product
from typing import Literal, Self

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict, model_validator

from ._errors import PeriodParseError, not_text_error
from ._numbers import check_text
from ._patterns import squeeze
from ._period import Period, period_of_days

__all__ = ["RelativePeriod"]

Unit = Literal["period", "month", "quarter", "year", "year_to_date"]
Shift = Literal["this", "previous", "last_year"]

# unit -> the canonical label for each shift it has
_LABELS: dict[str, dict[str, str]] = {
    "period": {
        "this": "This period",
        "previous": "Previous period",
        "last_year": "Same period last year",
    },
    "month": {"this": "This month", "previous": "Last month", "last_year": "Same month last year"},
    "quarter": {
        "this": "This quarter",
        "previous": "Last quarter",
        "last_year": "Same quarter last year",
    },
    # The year before this year is last year: one shift, not two names for it.
    "year": {"this": "This year", "previous": "Last year"},
    # The year to date has no "previous": the one before this one is last year's.
    "year_to_date": {"this": "Year to date", "last_year": "Year to date last year"},
}


def _phrases() -> dict[str, tuple[Unit, Shift]]:
    """Every way of writing each relative period, folded, with what it means."""
    this, back = ("this", "current"), ("last", "previous", "prior")
    units: dict[str, Unit] = {
        "period": "period",
        "month": "month",
        "quarter": "quarter",
        "qtr": "quarter",
        "year": "year",
        "yr": "year",
        "financial year": "year",
        "fiscal year": "year",
    }
    found: dict[str, tuple[Unit, Shift]] = {"current": ("period", "this")}
    for word, (name, unit) in product(this, units.items()):
        found[f"{word} {name}"] = (unit, "this")
    for word, (name, unit) in product(back, units.items()):
        found[f"{word} {name}"] = (unit, "previous")
    for name, word in product(("period", "month", "quarter", "qtr"), back):
        found[f"same {name} {word} year"] = (units[name], "last_year")
    to_date = ("ytd", "year to date", "year-to-date", "fytd", "financial year to date")
    for name in to_date:
        found[name] = ("year_to_date", "this")
        for word in back:
            found[f"{name} {word} year"] = ("year_to_date", "last_year")
    for word in back:
        found[f"{word} year to date"] = ("year_to_date", "last_year")
        found[f"{word} ytd"] = ("year_to_date", "last_year")
    return found


class RelativePeriod(BaseModel):
    """A period named relative to the period a report is for.

    ``unit`` is what is named (the report's own ``period``, the ``month``, ``quarter`` or
    financial ``year`` holding its last day, or the ``year_to_date``); ``shift`` is
    ``this`` one, the ``previous`` one or the same one ``last_year``.

    >>> last = RelativePeriod.parse("Last quarter")
    >>> last, str(last)
    (RelativePeriod(unit='quarter', shift='previous'), 'Last quarter')
    >>> str(last.resolve(Period.parse("Q1 2019/20")))
    'Q4 2018/19'
    >>> str(RelativePeriod.parse("YTD").resolve(Period.parse("Q2 2019/20")))
    '01/04/2019 - 30/09/2019'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    unit: Unit
    shift: Shift = "this"

    @model_validator(mode="after")
    def _check_shift(self) -> Self:
        if self.shift not in _LABELS[self.unit]:
            options = " or ".join(repr(shift) for shift in _LABELS[self.unit])
            msg = f"a relative {self.unit} has the shift {options}, not {self.shift!r}"
            raise ValueError(msg)
        return self

    def __str__(self) -> str:
        """The canonical label, read back by :meth:`parse`."""
        return _LABELS[self.unit][self.shift]

    @classmethod
    def parse(cls, text: str) -> RelativePeriod:
        """Read a relative period label such as ``This quarter``, ``Previous period``, ``YTD``.

        Raises :class:`PeriodParseError` with code ``unknown_period`` for text that is not
        one, so that a reader can try :meth:`Period.parse` first and this second.

        >>> [str(RelativePeriod.parse(t)) for t in ("current", "Prior yr", "year-to-date")]
        ['This period', 'Last year', 'Year to date']
        """
        if not isinstance(text, str):
            raise not_text_error(PeriodParseError, text, "a relative period label")
        return _parse_cached(text)

    def resolve(self, as_of: Period) -> Period:
        """The period this names in a report for ``as_of``, in ``as_of``'s calendar.

        A month, quarter or year is the one holding ``as_of``'s last day. The year to date
        runs from the first day of that financial year to ``as_of``'s last day: it is the
        financial year, quarter or month those days make, if they make one, else a date
        range. Raises :class:`CalendarError` when the period falls outside the supported
        years (or, for a term, outside the calendar's terms).

        >>> q4 = Period.parse("Q4 2019/20")
        >>> [str(RelativePeriod.parse(t).resolve(q4)) for t in ("YTD", "This month")]
        ['2019/20', 'March 2020']
        """
        base = self._base(as_of)
        if self.shift == "previous":
            return base.previous()
        if self.shift == "last_year":
            if self.unit == "year_to_date":
                return _year_to_date(as_of, years_back=1)
            return base.same_period_last_year()
        return base

    def _base(self, as_of: Period) -> Period:
        calendar, end = as_of.calendar, as_of.end
        if self.unit == "month":
            return Period.month(end.year, end.month, calendar=calendar)
        if self.unit == "quarter":
            year = calendar.financial_year_of(end)
            quarter = (end.month - calendar.year_start_month) % 12 // 3 + 1
            return Period.financial_quarter(year, quarter, calendar=calendar)
        if self.unit == "year":
            return as_of.in_financial_year()
        if self.unit == "year_to_date":
            return _year_to_date(as_of)
        return as_of


def _year_to_date(as_of: Period, years_back: int = 0) -> Period:
    """From the first day of ``as_of``'s financial year to its last day, ``years_back`` earlier."""
    start, end = as_of.in_financial_year().start, as_of.end
    if years_back:
        # A year to 29 February runs, a year earlier, to 28 February.
        start, end = start - relativedelta(years=years_back), end - relativedelta(years=years_back)
    return period_of_days(start, end, as_of.calendar)


@lru_cache(maxsize=1024)
def _parse_cached(text: str) -> RelativePeriod:
    position = check_text(text)
    if position is not None:
        reason = "control character in a period label"
        raise PeriodParseError(text, reason, code="control_character", position=position)
    clean = squeeze(text, fold=True)
    if not clean:
        raise PeriodParseError(text, "a period label is empty", code="empty_period")
    found = _known().get(clean)
    if found is None:
        reason = "not a relative period kpi_scorecard knows"
        raise PeriodParseError(text, reason, code="unknown_period")
    unit, shift = found
    return RelativePeriod(unit=unit, shift=shift)


@lru_cache(maxsize=1)
def _known() -> dict[str, tuple[Unit, Shift]]:
    return _phrases()
