"""Calendars: when the financial and academic years start, and the school terms.

UK local government runs its financial year from 1 April, schools from 1 September;
Australia starts on 1 July, the US federal government on 1 October. Term dates vary by
authority, so they are data the caller supplies, not rules.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ._notation import JsonDate, JsonInteger
from ._reuse import take_built_instances

__all__ = ["DEFAULT_CALENDAR", "Calendar", "Term"]


class Term(BaseModel):
    """One school term (or half term): a name and its first and last day.

    Its label is the name, ``term`` and the calendar year it starts in.

    >>> Term(name="Summer", start=dt.date(2019, 4, 23), end=dt.date(2019, 7, 23)).label
    'Summer term 2019'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    # Words separated by single spaces: a label is read with its spaces collapsed.
    name: str = Field(min_length=1, pattern=r"^[A-Za-z][A-Za-z0-9]*(?: [A-Za-z0-9]+)*$")
    start: JsonDate
    end: JsonDate

    @model_validator(mode="after")
    def _check_order(self) -> Self:
        if self.end < self.start:
            msg = f"term {self.name!r} ends ({self.end}) before it starts ({self.start})"
            raise ValueError(msg)
        return self

    @property
    def label(self) -> str:
        """The term's label, as :class:`Period` writes it."""
        return f"{self.name} term {self.start.year}"

    _take_built = take_built_instances()


class Calendar(BaseModel):
    """When years start, and the school terms, for reading and placing periods.

    Years start on the first day of a month: ``year_start_month=4`` (the default) is the
    UK local-government financial year, 7 is Australia's, 10 the US federal year and 1 the
    calendar year.

    ``fiscal_year_naming`` says what a financial year written as one year means.
    ``"span"`` (the default, UK style) names a year by the two years it spans, ``2019/20``,
    and refuses ``FY2019`` as ambiguous; ``"end_year"`` (US federal style) reads ``FY2015``
    as the year that ends in 2015. Spans such as ``2014/15`` read the same in both, and
    labels are always written as spans.

    >>> Calendar().sdmx_reporting_year_start_day
    '--04-01'
    >>> Calendar(year_start_month=7).financial_year_of(dt.date(2019, 6, 30))
    2018
    >>> Calendar(year_start_month=10, fiscal_year_naming="end_year").financial_year_named(2015)
    2014
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    year_start_month: JsonInteger = Field(default=4, ge=1, le=12)
    academic_year_start_month: JsonInteger = Field(default=9, ge=1, le=12)
    terms: tuple[Term, ...] = ()
    # Left out of a dump when it is the default, so that documents written before the field
    # existed are written byte for byte as they were.
    fiscal_year_naming: Literal["span", "end_year"] = Field(
        default="span", exclude_if=lambda naming: naming == "span"
    )

    @model_validator(mode="after")
    def _check_terms(self) -> Self:
        ordered = tuple(sorted(self.terms, key=lambda term: (term.start, term.end)))
        for before, after in pairwise(ordered):
            if after.start <= before.end:
                msg = f"terms {before.label!r} and {after.label!r} overlap"
                raise ValueError(msg)
        seen: dict[str, Term] = {}
        for term in ordered:
            # Labels are read in any case, so 'summer term 2019' is 'Summer term 2019'.
            earlier = seen.setdefault(term.label.casefold(), term)
            if earlier is not term:
                msg = f"terms {earlier.label!r} and {term.label!r} have the same label"
                raise ValueError(msg)
        if ordered != self.terms:
            object.__setattr__(self, "terms", ordered)
        return self

    @property
    def sdmx_reporting_year_start_day(self) -> str:
        """The SDMX ``REPORTING_YEAR_START_DAY`` attribute of this calendar."""
        return f"--{self.year_start_month:02d}-01"

    def financial_year_of(self, day: dt.date) -> int:
        """Return the calendar year in which the financial year holding ``day`` starts."""
        return day.year if day.month >= self.year_start_month else day.year - 1

    def financial_year_named(self, year: int) -> int | None:
        """Return the first calendar year of the financial year written as ``FY{year}``.

        None when the calendar's naming makes a single year ambiguous.
        """
        if self.year_start_month == 1:
            return year
        if self.fiscal_year_naming == "end_year":
            return year - 1
        return None

    def academic_year_of(self, day: dt.date) -> int:
        """Return the calendar year in which the academic year holding ``day`` starts."""
        return day.year if day.month >= self.academic_year_start_month else day.year - 1

    def term(self, name: str, year: int) -> Term | None:
        """Return the term with this name starting in this calendar year, if given."""
        wanted = name.casefold()
        for term in self.terms:
            if term.start.year == year and term.name.casefold() == wanted:
                return term
        return None

    _take_built = take_built_instances()


#: The UK local-government calendar: financial year from 1 April, academic from 1 September.
DEFAULT_CALENDAR = Calendar()
