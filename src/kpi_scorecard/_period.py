"""Reporting periods: financial years and quarters, months, academic years, terms, windows.

A :class:`Period` is identified by its kind, its first and last day and (for a term) its
name. Its canonical label, ``str(period)``, is written in its calendar, and
``Period.parse(str(p), calendar=c) == p`` for every period placed in calendar ``c``.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
import re
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, Self, cast

from dateutil.relativedelta import relativedelta
from pydantic import (
    BaseModel,
    ConfigDict,
    GetJsonSchemaHandler,
    ModelWrapValidatorHandler,
    ValidationInfo,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from ._calendar import DEFAULT_CALENDAR, Calendar
from ._errors import CalendarError, KpiScorecardError, PeriodParseError, not_text_error
from ._numbers import check_text
from ._patterns import as_typed, lazy_pattern, squeeze

__all__ = ["Period", "PeriodKind"]


class PeriodKind(StrEnum):
    """What sort of period a :class:`Period` is."""

    FINANCIAL_YEAR = "financial_year"
    FINANCIAL_QUARTER = "financial_quarter"
    MONTH = "month"
    ACADEMIC_YEAR = "academic_year"
    TERM = "term"
    ROLLING = "rolling"
    SNAPSHOT = "snapshot"
    DATE_RANGE = "date_range"


_KIND_ORDER = {kind: index for index, kind in enumerate(PeriodKind)}

_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (_stdlib_calendar.month_name[number], _stdlib_calendar.month_abbr[number])
}
_MONTHS["sept"] = 9

_ONE_DAY = dt.timedelta(days=1)

# Every day of a period falls in a four-digit year: then a label's year always has four
# digits and can never be read as another year, and the day before or a year before a
# supported day is still one that ``datetime.date`` can hold.
_FIRST_YEAR = 1000
_LAST_YEAR = 9999
_FIRST_DAY = dt.date(_FIRST_YEAR, 1, 1)
_LAST_DAY = dt.date(_LAST_YEAR, 12, 31)
_YEARS = f"the years {_FIRST_YEAR} to {_LAST_YEAR} that a period may cover"


def _out_of_range(what: str) -> CalendarError:
    return CalendarError(f"{what} falls outside {_YEARS}", code="year_out_of_range")


def _check_days(start: dt.date, what: str) -> None:
    # The last day a date can hold, 31 December 9999, is the last supported day.
    if start < _FIRST_DAY:
        raise _out_of_range(what)


def _month_run(year: int, month: int, count: int, what: str) -> tuple[dt.date, dt.date]:
    """The first and last day of ``count`` months from ``month`` of ``year``, checked."""
    first = year * 12 + month - 1
    last = first + count - 1
    if first < _FIRST_YEAR * 12 or last > _LAST_YEAR * 12 + 11:
        raise _out_of_range(what)
    return dt.date(first // 12, first % 12 + 1, 1), _month_end(last // 12, last % 12 + 1)


def _window_start(end: dt.date, months: int) -> dt.date:
    """The first day of the ``months`` whole months that end on ``end``."""
    if end == _LAST_DAY:  # the day after does not exist; it would be 1 January 10000
        return _add_months(dt.date(_LAST_YEAR, 12, 1), 1 - months)
    return end + _ONE_DAY - relativedelta(months=months)


def _add_months(day: dt.date, months: int) -> dt.date:
    """Move the first of a month by whole months (no day clipping needed)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def _year_label(start_year: int, start_month: int) -> str:
    if start_month == 1:
        return str(start_year)
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _format_day(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _spell_day(day: dt.date) -> str:
    """A day in words, which no reader can take month first: ``1 October 2019``."""
    return f"{day.day} {_stdlib_calendar.month_name[day.month]} {day.year}"


def _whole_months(start: dt.date, end: dt.date) -> int | None:
    """Return n when [start, end] is exactly n months long, else None.

    The months are counted back from the day after ``end``, as :meth:`Period.rolling`
    counts them, so that a window ending on any day is whole months long.
    """
    if end == _LAST_DAY:  # the day after does not exist
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return months if start.day == 1 else None
    after = end + _ONE_DAY
    months = (after.year - start.year) * 12 + after.month - start.month
    if months >= 1 and after - relativedelta(months=months) == start:
        return months
    return None


#: What a period caches on first use and leaves out of its pickle.
_CACHED_PERIOD_FIELDS = frozenset({"_sort_key", "_hash", "label"})


class Period(BaseModel):
    """A reporting period with inclusive ``start`` and ``end`` days and a canonical label.

    >>> q1 = Period.parse("Quarter 1 2019/20")
    >>> str(q1), q1.start, q1.end
    ('Q1 2019/20', datetime.date(2019, 4, 1), datetime.date(2019, 6, 30))
    >>> str(q1.previous()), q1.sdmx_id, str(q1.in_financial_year())
    ('Q4 2018/19', '2019-Q1', '2019/20')
    >>> Period.parse("Year end 2018/19").contains(Period.parse("Q4 2018/19"))
    True

    In JSON a period is its label; the calendar it is read in comes from the validation
    context (``context={"calendar": ...}``) or is the UK default.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: PeriodKind
    start: dt.date
    end: dt.date
    name: str | None = None
    calendar: Calendar = DEFAULT_CALENDAR

    # --- construction -------------------------------------------------------------------

    @classmethod
    def financial_year(cls, year: int, *, calendar: Calendar = DEFAULT_CALENDAR) -> Period:
        """The financial year starting in calendar year ``year``.

        >>> str(Period.financial_year(2019))
        '2019/20'
        >>> str(Period.financial_year(2019, calendar=Calendar(year_start_month=1)))
        '2019'
        """
        what = f"the financial year starting in {year}"
        start, end = _month_run(year, calendar.year_start_month, 12, what)
        return cls(kind=PeriodKind.FINANCIAL_YEAR, start=start, end=end, calendar=calendar)

    @classmethod
    def financial_quarter(
        cls, year: int, quarter: int, *, calendar: Calendar = DEFAULT_CALENDAR
    ) -> Period:
        """Quarter ``quarter`` (1 to 4) of the financial year starting in ``year``.

        >>> Period.financial_quarter(2019, 4).start
        datetime.date(2020, 1, 1)
        """
        if not 1 <= quarter <= 4:
            msg = f"a financial year has quarters 1 to 4, not {quarter}"
            raise ValueError(msg)
        what = f"quarter {quarter} of the financial year starting in {year}"
        if year < _FIRST_YEAR:  # its label would name a year before 1000
            raise _out_of_range(what)
        month = calendar.year_start_month + 3 * (quarter - 1)
        start, end = _month_run(year, month, 3, what)
        return cls(kind=PeriodKind.FINANCIAL_QUARTER, start=start, end=end, calendar=calendar)

    @classmethod
    def month(cls, year: int, month: int, *, calendar: Calendar = DEFAULT_CALENDAR) -> Period:
        """One calendar month.

        >>> str(Period.month(2019, 4))
        'April 2019'
        """
        if not 1 <= month <= 12:
            msg = f"a year has months 1 to 12, not {month}"
            raise ValueError(msg)
        start, end = _month_run(year, month, 1, f"a month of the year {year}")
        return cls(kind=PeriodKind.MONTH, start=start, end=end, calendar=calendar)

    @classmethod
    def academic_year(cls, year: int, *, calendar: Calendar = DEFAULT_CALENDAR) -> Period:
        """The academic year starting in calendar year ``year``.

        >>> str(Period.academic_year(2019))
        'Academic year 2019/20'
        """
        what = f"the academic year starting in {year}"
        start, end = _month_run(year, calendar.academic_year_start_month, 12, what)
        return cls(kind=PeriodKind.ACADEMIC_YEAR, start=start, end=end, calendar=calendar)

    @classmethod
    def term(cls, name: str, year: int, *, calendar: Calendar) -> Period:
        """The school term called ``name`` that starts in ``year``, from the calendar's terms.

        >>> from kpi_scorecard import Term
        >>> summer = Term(name="Summer", start=dt.date(2019, 4, 23), end=dt.date(2019, 7, 23))
        >>> cal = Calendar(terms=(summer,))
        >>> Period.term("summer", 2019, calendar=cal).end
        datetime.date(2019, 7, 23)
        """
        found = calendar.term(name, year)
        if found is None:
            msg = f"the calendar has no term {name!r} starting in {year}"
            raise CalendarError(msg, code="unknown_term")
        _check_days(found.start, f"the term {found.label!r}")
        return cls(
            kind=PeriodKind.TERM,
            start=found.start,
            end=found.end,
            name=found.name,
            calendar=calendar,
        )

    @classmethod
    def rolling(
        cls, end: dt.date, months: int = 12, *, calendar: Calendar = DEFAULT_CALENDAR
    ) -> Period:
        """A rolling window of ``months`` whole months ending on ``end``.

        >>> str(Period.rolling(dt.date(2019, 6, 30)))
        'Rolling 12 months to 30/06/2019'
        """
        if months < 1:
            msg = f"a rolling window is at least one month long, not {months}"
            raise ValueError(msg)
        what = f"the {months}-month window to {end.isoformat()}"
        try:
            start = _window_start(end, months)
        except (ValueError, OverflowError) as exc:  # before the first day a date can hold
            raise _out_of_range(what) from exc
        _check_days(start, what)
        return cls(kind=PeriodKind.ROLLING, start=start, end=end, calendar=calendar)

    @classmethod
    def snapshot(cls, day: dt.date, *, calendar: Calendar = DEFAULT_CALENDAR) -> Period:
        """A single day: a figure "as at" that day.

        >>> str(Period.snapshot(dt.date(2019, 6, 30)))
        'As at 30/06/2019'
        """
        _check_days(day, f"the day {day.isoformat()}")
        return cls(kind=PeriodKind.SNAPSHOT, start=day, end=day, calendar=calendar)

    @classmethod
    def date_range(
        cls, start: dt.date, end: dt.date, *, calendar: Calendar = DEFAULT_CALENDAR
    ) -> Period:
        """Any run of days from ``start`` to ``end`` inclusive.

        >>> str(Period.date_range(dt.date(2018, 7, 1), dt.date(2019, 6, 30)))
        '01/07/2018 - 30/06/2019'
        """
        _check_days(start, f"the days {start.isoformat()} to {end.isoformat()}")
        return cls(kind=PeriodKind.DATE_RANGE, start=start, end=end, calendar=calendar)

    @model_validator(mode="after")
    def _check_shape(self) -> Self:
        what = f"the days {self.start.isoformat()} to {self.end.isoformat()}"
        if self.kind is PeriodKind.FINANCIAL_QUARTER:
            # A quarter is labelled by the year its financial year starts in.
            year = self.calendar.financial_year_of(self.start)
            what = f"quarter {self.quarter_number} of the financial year starting in {year}"
            too_early = year < _FIRST_YEAR
        else:
            too_early = self.start < _FIRST_DAY
        if too_early:
            raise PydanticCustomError("year_out_of_range", f"{what} falls outside {_YEARS}")
        problem = self._shape_problem()
        if problem is not None:
            raise PydanticCustomError("invalid_period", problem)
        return self

    def _shape_problem(self) -> str | None:
        kind, start, end, cal = self.kind, self.start, self.end, self.calendar
        if end < start:
            return f"the period ends ({end}) before it starts ({start})"
        if (self.name is not None) != (kind is PeriodKind.TERM):
            return "only a term has a name, and a term must have one"
        if kind is PeriodKind.FINANCIAL_YEAR:
            ok = start.day == 1 and start.month == cal.year_start_month
            return None if ok and _whole_months(start, end) == 12 else "not a financial year"
        if kind is PeriodKind.FINANCIAL_QUARTER:
            ok = start.day == 1 and (start.month - cal.year_start_month) % 3 == 0
            return None if ok and _whole_months(start, end) == 3 else "not a financial quarter"
        if kind is PeriodKind.MONTH:
            ok = start.day == 1 and end == _month_end(start.year, start.month)
            return None if ok else "not a calendar month"
        if kind is PeriodKind.ACADEMIC_YEAR:
            ok = start.day == 1 and start.month == cal.academic_year_start_month
            return None if ok and _whole_months(start, end) == 12 else "not an academic year"
        if kind is PeriodKind.TERM:
            found = cal.term(self.name or "", start.year)
            if found is None or (found.start, found.end) != (start, end):
                return f"the calendar has no term {self.name!r} from {start} to {end}"
            return None
        if kind is PeriodKind.ROLLING:
            return None if _whole_months(start, end) else "a rolling window is whole months"
        if kind is PeriodKind.SNAPSHOT:
            return None if start == end else "a snapshot is a single day"
        return None

    # --- identity -----------------------------------------------------------------------

    @cached_property
    def _sort_key(self) -> tuple[dt.date, dt.date, int, str]:
        # Cached: periods key every lookup of observations and targets.
        return (self.start, self.end, _KIND_ORDER[self.kind], self.name or "")

    @cached_property
    def _hash(self) -> int:
        return hash(self._sort_key)

    def _key(self) -> tuple[dt.date, dt.date, int, str]:
        return self._sort_key

    def __eq__(self, other: object) -> bool:
        """Periods are equal when kind, days and name are; the calendar is presentation."""
        if self is other:
            return True
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key == other._sort_key

    def __hash__(self) -> int:
        """Hash consistently with equality."""
        return self._hash

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle without the cached key, hash and label, which are worked out again.

        A hash of text differs from one interpreter to the next, so a hash carried over in a
        pickle would leave a period loaded in another process equal to its twin but not
        found under it as a dictionary key.
        """
        state = super().__getstate__()
        state["__dict__"] = {
            k: v for k, v in state["__dict__"].items() if k not in _CACHED_PERIOD_FIELDS
        }
        return state

    def __lt__(self, other: object) -> bool:
        """Order by start, then end, then kind."""
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        """Order by start, then end, then kind."""
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        """Order by start, then end, then kind."""
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        """Order by start, then end, then kind."""
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        """The canonical label, read back by :meth:`parse`."""
        return self.label

    def __repr__(self) -> str:
        """Show the label, which says everything about the period."""
        return f"kpi_scorecard.Period({self.label!r})"

    # --- labels -------------------------------------------------------------------------

    @cached_property
    def label(self) -> str:
        """The canonical label of the period, in its calendar."""
        kind, start, end = self.kind, self.start, self.end
        if kind is PeriodKind.FINANCIAL_YEAR:
            return _year_label(start.year, self.calendar.year_start_month)
        if kind is PeriodKind.FINANCIAL_QUARTER:
            year = self.calendar.financial_year_of(start)
            quarter = self.quarter_number
            return f"Q{quarter} {_year_label(year, self.calendar.year_start_month)}"
        if kind is PeriodKind.MONTH:
            return f"{_stdlib_calendar.month_name[start.month]} {start.year}"
        if kind is PeriodKind.ACADEMIC_YEAR:
            label = _year_label(start.year, self.calendar.academic_year_start_month)
            return f"Academic year {label}"
        if kind is PeriodKind.TERM:
            return f"{self.name} term {start.year}"
        if kind is PeriodKind.ROLLING:
            return f"Rolling {_whole_months(start, end)} months to {_format_day(end)}"
        if kind is PeriodKind.SNAPSHOT:
            return f"As at {_format_day(start)}"
        return f"{_format_day(start)} - {_format_day(end)}"

    @property
    def quarter_number(self) -> int:
        """For a financial quarter, its number (1 to 4) in the financial year; else 0."""
        if self.kind is not PeriodKind.FINANCIAL_QUARTER:
            return 0
        return (self.start.month - self.calendar.year_start_month) % 12 // 3 + 1

    @property
    def sdmx_id(self) -> str:
        """The SDMX time period, with the calendar's reporting year start.

        Years, quarters and months use the reporting-period forms (``2019-A1``,
        ``2019-Q1``, ``2019-M01``); a snapshot is its ISO day; anything else is an ISO
        time range of days (``2018-07-01/P365D``).

        >>> Period.parse("April 2019").sdmx_id, Period.parse("March 2020").sdmx_id
        ('2019-M01', '2019-M12')
        """
        kind, start = self.kind, self.start
        year = self.calendar.financial_year_of(start)
        if kind is PeriodKind.FINANCIAL_YEAR:
            return f"{year}-A1"
        if kind is PeriodKind.FINANCIAL_QUARTER:
            return f"{year}-Q{self.quarter_number}"
        if kind is PeriodKind.MONTH:
            index = (start.month - self.calendar.year_start_month) % 12 + 1
            return f"{year}-M{index:02d}"
        if kind is PeriodKind.SNAPSHOT:
            return start.isoformat()
        return f"{start.isoformat()}/P{self.days}D"

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.end - self.start).days + 1

    # --- navigation ---------------------------------------------------------------------

    def contains(self, other: Period) -> bool:
        """Whether every day of ``other`` falls within this period."""
        return self.start <= other.start and other.end <= self.end

    def in_financial_year(self) -> Period:
        """The financial year in which this period ends.

        >>> str(Period.parse("March 2020").in_financial_year())
        '2019/20'
        """
        year = self.calendar.financial_year_of(self.end)
        return Period.financial_year(year, calendar=self.calendar)

    def previous(self) -> Period:
        """The period of the same kind just before this one.

        Rolling windows and date ranges step back by their own length; a snapshot steps
        back one day; a term steps back to the calendar's previous term.

        >>> str(Period.parse("Q1 2019/20").previous())
        'Q4 2018/19'
        >>> str(Period.parse("January 2020").previous())
        'December 2019'
        """
        return _previous_cached(self, self.calendar)

    def same_period_last_year(self) -> Period:
        """The period of the same kind one year earlier.

        >>> str(Period.parse("Q1 2019/20").same_period_last_year())
        'Q1 2018/19'
        """
        return _last_year_cached(self, self.calendar)

    def _replace(self, start: dt.date, end: dt.date, name: str | None = None) -> Period:
        return Period(kind=self.kind, start=start, end=end, name=name, calendar=self.calendar)

    # --- parsing ------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, *, calendar: Calendar = DEFAULT_CALENDAR) -> Period:
        """Read a period label in any notation councils and SDMX use.

        Raises :class:`PeriodParseError` (a ``ValueError``) quoting the text.

        >>> notations = ("Q1 2019/20", "2019-20", "FY2019/20", "Apr-19", "2019-M01")
        >>> [str(Period.parse(t)) for t in notations]
        ['Q1 2019/20', '2019/20', '2019/20', 'April 2019', 'April 2019']
        >>> str(Period.parse("1/7/18 - 30/6/19"))
        '01/07/2018 - 30/06/2019'
        """
        if not isinstance(text, str):
            raise not_text_error(PeriodParseError, text, "a period label")
        return _parse_cached(text, calendar)

    @model_validator(mode="wrap")
    @classmethod
    def _from_text(
        cls, value: Any, handler: ModelWrapValidatorHandler[Self], info: ValidationInfo
    ) -> Self:
        if isinstance(value, str):
            context = info.context
            calendar = context.get("calendar") if isinstance(context, dict) else None
            if not isinstance(calendar, Calendar):
                calendar = DEFAULT_CALENDAR
            try:
                return cast("Self", _parse_cached(value, calendar))
            except (PeriodParseError, CalendarError) as exc:
                raise PydanticCustomError(exc.code, "{message}", {"message": str(exc)}) from exc
        if type(value) is cls:
            # Already built and checked: immutable, so there is nothing to check again.
            return value
        return handler(value)

    @model_serializer(mode="plain")
    def _to_text(self) -> str:
        return self.label

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Describe a period in JSON as its label."""
        return {
            "type": "string",
            "title": "Period",
            "description": "A period label in the document's calendar.",
            "examples": ["Q1 2019/20", "2019/20", "April 2019", "Summer term 2019"],
        }


# --- navigation helpers ----------------------------------------------------------------
# Navigation is cached: evaluation asks every measure of a scorecard for the same period's
# neighbours. The calendar is part of the key, since periods compare equal across calendars.


@lru_cache(maxsize=4096)
def _previous_cached(period: Period, calendar: Calendar) -> Period:
    try:
        return _previous(period)
    except (ValueError, OverflowError) as exc:
        raise _navigation_error(exc, f"the period before {period.label!r}") from exc


@lru_cache(maxsize=4096)
def _last_year_cached(period: Period, calendar: Calendar) -> Period:
    try:
        return _last_year(period)
    except (ValueError, OverflowError) as exc:
        raise _navigation_error(exc, f"the same period a year before {period.label!r}") from exc


def _navigation_error(exc: Exception, what: str) -> Exception:
    """The error for a step from a period: the library's own, or that it left the years."""
    if isinstance(exc, KpiScorecardError) and exc.code != "year_out_of_range":
        return exc
    return _out_of_range(what)


def _previous(period: Period) -> Period:
    kind, start, end, cal = period.kind, period.start, period.end, period.calendar
    if kind in (PeriodKind.FINANCIAL_YEAR, PeriodKind.ACADEMIC_YEAR):
        new_start = _add_months(start, -12)
        return period._replace(new_start, start - _ONE_DAY)
    if kind is PeriodKind.FINANCIAL_QUARTER:
        return period._replace(_add_months(start, -3), start - _ONE_DAY)
    if kind is PeriodKind.MONTH:
        return period._replace(_add_months(start, -1), start - _ONE_DAY)
    if kind is PeriodKind.TERM:
        earlier = [term for term in cal.terms if term.end < start]
        if not earlier:
            msg = f"the calendar has no term before {period.label!r}"
            raise CalendarError(msg, code="unknown_term")
        term = earlier[-1]
        return period._replace(term.start, term.end, term.name)
    if kind is PeriodKind.ROLLING:
        months = _whole_months(start, end) or 0
        new_end = start - _ONE_DAY
        return period._replace(new_end + _ONE_DAY - relativedelta(months=months), new_end)
    length = end - start + _ONE_DAY
    return period._replace(start - length, end - length)


def _last_year(period: Period) -> Period:
    kind, start, end, cal = period.kind, period.start, period.end, period.calendar
    if kind is PeriodKind.TERM:
        name = period.name or ""
        term = cal.term(name, start.year - 1)
        if term is None:
            msg = f"the calendar has no {name} term in {start.year - 1}"
            raise CalendarError(msg, code="unknown_term")
        return period._replace(term.start, term.end, term.name)
    if kind is PeriodKind.MONTH:
        return Period.month(start.year - 1, start.month, calendar=cal)
    if kind is PeriodKind.ROLLING:
        new_end = end - relativedelta(years=1)
        months = _whole_months(start, end) or 0
        return period._replace(new_end + _ONE_DAY - relativedelta(months=months), new_end)
    if kind in (PeriodKind.FINANCIAL_YEAR, PeriodKind.ACADEMIC_YEAR, PeriodKind.FINANCIAL_QUARTER):
        new_start = _add_months(start, -12)
        months = _whole_months(start, end) or 0
        return period._replace(new_start, _add_months(new_start, months) - _ONE_DAY)
    return period._replace(start - relativedelta(years=1), end - relativedelta(years=1))


# --- parsing ----------------------------------------------------------------------------

# Two years joined by a slash, a hyphen, an en dash or "to" (gov.uk's "2023 to 2024").
_YEAR_SPAN = r"(?P<y1>\d{4}|\d{2})(?:(?P<sep>\s*[/–-]\s*|\s+to\s+)(?P<y2>\d{4}|\d{2}))?"
# What may name a financial year before its years; a single year after one of these is a
# fiscal year in a calendar whose years are named by the year they end in.
_FY_WORDS = r"fy|fiscal\s+year|fiscal|financial\s+year"
# A run of months: "Jul-Sep 2022", "October to December 2023", "Apr 2022 - Mar 2023".
# Month words are at most nine letters, which also bounds the matching.
_MONTH_SPAN = (
    r"(?P<m1>[a-z]{3,9})\.?(?:\s*(?P<ya>\d{4}|\d{2}))?(?:\s*[–-]\s*|\s+to\s+)"
    r"(?P<m2>[a-z]{3,9})\.?\s*(?P<yb>\d{4}|\d{2})"
)
_QUARTER_WORD = r"(?:quarter|qtr|q)\s*(?P<q>\d+)\s*(?:,\s*)?"
_DAY = r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-z]+\s+\d{4}"

_FY = lazy_pattern(rf"(?:(?P<pre>year\s*end|outturn|{_FY_WORDS})\s*)?{_YEAR_SPAN}")
_QUARTER = lazy_pattern(
    rf"{_QUARTER_WORD}(?:of\s+)?(?:(?P<pre>{_FY_WORDS})\s*)?{_YEAR_SPAN}"
    rf"|(?:(?P<zpre>{_FY_WORDS})\s*)?"
    rf"{_YEAR_SPAN.replace('y1', 'z1').replace('sep', 'zsep').replace('y2', 'z2')}"
    r"\s*(?:quarter|qtr|q)\s*(?P<q2>\d+)"
)
_QUARTER_MONTHS = lazy_pattern(rf"{_QUARTER_WORD}\(\s*{_MONTH_SPAN}\s*\)")
_MONTH_RANGE = lazy_pattern(_MONTH_SPAN)
_SDMX = lazy_pattern(r"(?P<year>\d{4})-(?P<freq>[AaSsQqMm])(?P<num>\d{1,2})")
_SDMX_RANGE = lazy_pattern(r"(?P<start>\d{4}-\d{2}-\d{2})/p(?P<days>\d+)d")
_MONTH = lazy_pattern(r"(?P<month>[a-z]+)\.?\s*[-\s]?\s*(?P<year>\d{4}|\d{2})")
_ACADEMIC = lazy_pattern(rf"(?:academic\s+year|ay)\s*{_YEAR_SPAN}")
_TERM = lazy_pattern(r"(?P<name>[a-z][a-z0-9 ]*?)\s+term\s+(?P<year>\d{4})")
_ROLLING = lazy_pattern(
    rf"(?:rolling\s+)?(?:(?P<n>\d+)\s+months?|year|yr|12\s*m)\s+to\s+(?P<end>{_DAY})"
    rf"|rolling\s+(?:(?:(?P<n2>\d+)\s+months?|(?P<year2>year|yr))\s+)?"
    rf"(?:from\s+)?(?P<start>{_DAY})"
    rf"\s*(?:-|–|to)\s*(?P<end2>{_DAY})"
)
_SNAPSHOT = lazy_pattern(rf"(?:(?:as\s+at|as\s+of|snapshot(?:\s+at)?)\s+)?(?P<day>{_DAY})")
_RANGE = lazy_pattern(rf"(?:from\s+)?(?P<start>{_DAY})\s*(?:-|–|to)\s*(?P<end>{_DAY})")


def _error(text: str, reason: str, code: str) -> PeriodParseError:
    return PeriodParseError(text, reason, code=code)


def _four_digit(raw: str) -> int:
    if len(raw) == 4:
        return int(raw)
    # Two-digit years: 69-99 are the 1900s, 00-68 the 2000s (the POSIX convention).
    value = int(raw)
    return 1900 + value if value >= 69 else 2000 + value


def _span_start(
    text: str, y1: str, y2: str | None, year_start_month: int, what: str, shape: str = "{}"
) -> int:
    """Return the first calendar year of a written year or year span, checking it.

    ``shape`` writes the whole label around a year span (``"Q1 {}"``), for the suggestion
    a single year gets.
    """
    first = _four_digit(y1)
    a_what = f"an {what}" if what[0] in "aeiou" else f"a {what}"  # "an academic year"
    if y2 is None:
        if year_start_month != 1:
            # 2019 may be the year that starts in 2019 or the one that ends in it.
            starts = shape.format(_year_label(first, year_start_month))
            ends = shape.format(_year_label(first - 1, year_start_month))
            raise _error(
                text,
                f"a single year is ambiguous for {a_what} that does not start in January; "
                f"write {starts} or {ends}",
                "ambiguous_year",
            )
        return first
    if year_start_month == 1:
        raise _error(
            text, f"this calendar's {what} is a calendar year, not a span", "bad_year_span"
        )
    second = int(y2)
    expected = (first + 1) % 100 if len(y2) == 2 else first + 1
    if second != expected:
        raise _error(text, f"{a_what} spans two consecutive years", "bad_year_span")
    return first


def _financial_year_start(
    text: str, found: re.Match[str], names: tuple[str, str, str], cal: Calendar, shape: str
) -> int:
    """The first calendar year of a financial year written in ``found``'s groups.

    ``names`` are the groups of the word before the years, the first year and the second.
    A single year after ``FY`` or ``Fiscal year`` is read by the calendar's naming.
    """
    pre, y1, y2 = (found[name] for name in names)
    if y2 is None and pre is not None and pre[0] == "f":  # fy, fiscal, financial year
        named = cal.financial_year_named(_four_digit(y1))
        if named is not None:
            return named
    return _span_start(text, y1, y2, cal.year_start_month, "financial year", shape)


def _check_not_a_day(text: str, found: re.Match[str], cal: Calendar) -> None:
    """Refuse a bare two-digit span that is also a day and month, such as ``01/02``.

    UK days are written day first with a slash, so ``01/02`` is as much 1 February as it
    is 2001/02; ``12/13`` and ``2001/02`` are not days, and a word before the years
    (``FY 01/02``) says what they are.
    """
    y1, sep, y2 = found["y1"], found["sep"], found["y2"]
    if found["pre"] is not None or y2 is None or cal.year_start_month == 1:
        return
    if sep.strip() != "/" or len(y1) != 2 or len(y2) != 2:
        return
    first, second = int(y1), int(y2)
    if 1 <= first <= 11 and second == first + 1:
        label = _year_label(_four_digit(y1), cal.year_start_month)
        day = f"{first} {_stdlib_calendar.month_name[second]}"
        reason = f"this may be the financial year {label} or the day {day}; write {label}"
        raise _error(text, reason, "ambiguous_year_span")


def _month_number(text: str, found: re.Match[str], group: str) -> int:
    month = _MONTHS.get(found[group])
    if month is None:
        raise _error(text, f"unknown month {_typed(text, found, group)!r}", "unknown_month")
    return month


def _month_span(text: str, found: re.Match[str]) -> tuple[int, int]:
    """The first and last month of a run of months, each as ``year * 12 + month - 1``."""
    first_month, last_month = _month_number(text, found, "m1"), _month_number(text, found, "m2")
    last = _four_digit(found["yb"]) * 12 + last_month - 1
    if found["ya"] is None:
        if first_month > last_month:
            # "Dec-Feb 2020": December of 2019 or of 2020?
            reason = "months that run into the next year need both years"
            raise _error(text, reason, "reversed_range")
        return last - (last_month - first_month), last
    first = _four_digit(found["ya"]) * 12 + first_month - 1
    if last < first:
        raise _error(text, "the months end before they start", "reversed_range")
    return first, last


def period_of_days(start: dt.date, end: dt.date, calendar: Calendar) -> Period:
    """The period from ``start`` to ``end``: the financial year, quarter or month it is, if any.

    Days that are none of those are a date range.

    >>> str(period_of_days(dt.date(2019, 7, 1), dt.date(2019, 9, 30), DEFAULT_CALENDAR))
    'Q2 2019/20'
    >>> str(period_of_days(dt.date(2019, 4, 1), dt.date(2019, 8, 31), DEFAULT_CALENDAR))
    '01/04/2019 - 31/08/2019'
    """
    months = _whole_months(start, end) if start.day == 1 else None
    offset = (start.month - calendar.year_start_month) % 12
    year = calendar.financial_year_of(start)
    if months == 12 and offset == 0:
        return Period.financial_year(year, calendar=calendar)
    if months == 3 and offset % 3 == 0:
        return Period.financial_quarter(year, offset // 3 + 1, calendar=calendar)
    if months == 1:
        return Period.month(start.year, start.month, calendar=calendar)
    return Period.date_range(start, end, calendar=calendar)


def _months_period(text: str, found: re.Match[str], cal: Calendar) -> Period:
    first, last = _month_span(text, found)
    what = "the months"
    start, end = _month_run(first // 12, first % 12 + 1, last - first + 1, what)
    return period_of_days(start, end, cal)


def _typed(text: str, found: re.Match[str], group: str) -> str:
    """What the user typed for one group of a match on the clean copy: 'Smarch', not 'smarch'."""
    return as_typed(text, found.start(group), found.end(group), fold=True)


def _read_day(text: str, found: re.Match[str], group: str) -> dt.date:
    raw = found[group]
    try:
        if "/" in raw:
            day_part, month_part, year_part = raw.split("/")
            return dt.date(_four_digit(year_part), int(month_part), int(day_part))
        if "-" in raw:
            return dt.date.fromisoformat(raw)
        day_text, month_name, year_text = raw.split()
        month = _MONTHS.get(month_name)
        if month is None:
            # The clean copy has one space between the day and the month.
            begin = found.start(group) + len(day_text) + 1
            typed = as_typed(text, begin, begin + len(month_name), fold=True)
            raise _error(text, f"unknown month {typed!r}", "unknown_month")
        return dt.date(int(year_text), month, int(day_text))
    except ValueError as exc:
        if isinstance(exc, PeriodParseError):
            raise
        typed = _typed(text, found, group)
        raise _error(text, f"{typed!r} is not a real day", "invalid_date") from exc


def _foreign_digit(text: str) -> int | None:
    r"""The position of the first digit other than 0 to 9 (``²``, ``٢``), or None.

    ``str.isdigit`` and the patterns' ``\d`` take such digits, and ``int`` reads some of
    them; a label is refused rather than read in a script its writer may not have meant.
    """
    if text.isascii():
        return None
    return next((i for i, char in enumerate(text) if char.isdigit() and not char.isascii()), None)


@lru_cache(maxsize=4096)
def _parse_cached(text: str, calendar: Calendar) -> Period:
    position = check_text(text)
    if position is not None:
        raise PeriodParseError(
            text, "control character in a period label", code="control_character", position=position
        )
    position = _foreign_digit(text)
    if position is not None:
        reason = f"a period label is written with the digits 0 to 9, not {text[position]!r}"
        raise PeriodParseError(text, reason, code="non_ascii_digit", position=position)
    clean = squeeze(text, fold=True)
    if not clean:
        raise _error(text, "a period label is empty", "empty_period")
    try:
        return _parse_clean(text, clean, calendar)
    except CalendarError as exc:
        raise _error(text, str(exc), exc.code) from exc
    except PeriodParseError:
        raise
    except (ValueError, OverflowError) as exc:
        # A well-formed label whose days fall outside what datetime.date can hold.
        raise _error(text, f"the period falls outside {_YEARS}", "year_out_of_range") from exc


def _parse_clean(text: str, clean: str, cal: Calendar) -> Period:
    found = _QUARTER.fullmatch(clean)
    if found is not None:
        return _parse_quarter(text, found, cal)

    found = _QUARTER_MONTHS.fullmatch(clean)
    if found is not None:
        return _parse_quarter_months(text, found, cal)

    found = _SDMX.fullmatch(clean)
    if found is not None:
        return _parse_sdmx(text, int(found["year"]), found["freq"].upper(), int(found["num"]), cal)

    found = _SDMX_RANGE.fullmatch(clean)
    if found is not None:
        start = _read_day(text, found, "start")
        days = int(found["days"])
        if days < 1:
            raise _error(text, "a time range lasts at least one day", "reversed_range")
        return Period.date_range(start, start + dt.timedelta(days=days - 1), calendar=cal)

    found = _ACADEMIC.fullmatch(clean)
    if found is not None:
        year = _span_start(
            text,
            found["y1"],
            found["y2"],
            cal.academic_year_start_month,
            "academic year",
            "Academic year {}",
        )
        return Period.academic_year(year, calendar=cal)

    found = _FY.fullmatch(clean)
    if found is not None and (found["pre"] or found["y2"] is not None or len(found["y1"]) == 4):
        _check_not_a_day(text, found, cal)
        year = _financial_year_start(text, found, ("pre", "y1", "y2"), cal, "{}")
        return Period.financial_year(year, calendar=cal)

    found = _TERM.fullmatch(clean)
    if found is not None:
        year = int(found["year"])
        term = cal.term(found["name"], year)
        if term is None:
            reason = (
                "term dates are not given in the calendar"
                if not cal.terms
                else f"the calendar has no term {_typed(text, found, 'name')!r} starting in {year}"
            )
            raise _error(text, reason, "unknown_term")
        return Period.term(term.name, year, calendar=cal)

    found = _ROLLING.fullmatch(clean)
    if found is not None:
        return _parse_rolling(text, found, cal)

    found = _RANGE.fullmatch(clean)
    if found is not None:
        start, end = _read_day(text, found, "start"), _read_day(text, found, "end")
        if end < start:
            raise _error(text, "the range ends before it starts", "reversed_range")
        return Period.date_range(start, end, calendar=cal)

    found = _SNAPSHOT.fullmatch(clean)
    if found is not None:
        return Period.snapshot(_read_day(text, found, "day"), calendar=cal)

    found = _MONTH_RANGE.fullmatch(clean)
    if found is not None:
        return _months_period(text, found, cal)

    found = _MONTH.fullmatch(clean)
    if found is not None:
        month = _MONTHS.get(found["month"])
        if month is None:
            raise _error(text, f"unknown month {_typed(text, found, 'month')!r}", "unknown_month")
        return Period.month(_four_digit(found["year"]), month, calendar=cal)

    raise _error(text, "not a period label kpi_scorecard knows", "unknown_period")


def _parse_quarter(text: str, found: re.Match[str], cal: Calendar) -> Period:
    """A quarter and its financial year: ``Q1 2019/20``, ``2019/20 Q1``, ``Q1 FY2015``."""
    first = found["q"] is not None  # the quarter before the year, or after it
    number = int(found["q"] if first else found["q2"])
    if not 1 <= number <= 4:
        raise _error(text, "a financial year has quarters 1 to 4", "bad_quarter")
    names = ("pre", "y1", "y2") if first else ("zpre", "z1", "z2")
    year = _financial_year_start(text, found, names, cal, f"Q{number} {{}}")
    return Period.financial_quarter(year, number, calendar=cal)


def _parse_quarter_months(text: str, found: re.Match[str], cal: Calendar) -> Period:
    """A quarter given by its number and its months: ``quarter 3 (October to December 2023)``."""
    number = int(found["q"])
    if not 1 <= number <= 4:
        raise _error(text, "a financial year has quarters 1 to 4", "bad_quarter")
    period = _months_period(text, found, cal)
    if period.kind is not PeriodKind.FINANCIAL_QUARTER:
        raise _error(
            text, "the months given are not a quarter of the financial year", "bad_quarter"
        )
    if period.quarter_number != number:
        reason = f"the months given are {period.label}, not quarter {number}"
        raise _error(text, reason, "bad_quarter")
    return period


def _parse_sdmx(text: str, year: int, freq: str, number: int, cal: Calendar) -> Period:
    if freq == "A":
        if number != 1:
            raise _error(text, "an SDMX year is written A1", "bad_sdmx_period")
        return Period.financial_year(year, calendar=cal)
    if freq == "Q":
        if not 1 <= number <= 4:
            raise _error(text, "a financial year has quarters 1 to 4", "bad_quarter")
        return Period.financial_quarter(year, number, calendar=cal)
    if freq == "M":
        if not 1 <= number <= 12:
            raise _error(text, "a reporting year has months 01 to 12", "bad_month")
        first = _add_months(dt.date(year, cal.year_start_month, 1), number - 1)
        return Period.month(first.year, first.month, calendar=cal)
    raise _error(text, "SDMX half years (S1, S2) are not a period kind here", "unsupported_period")


def _parse_rolling(text: str, found: re.Match[str], cal: Calendar) -> Period:
    if found["end"] is not None:
        end = _read_day(text, found, "end")
        months = int(found["n"]) if found["n"] is not None else 12
        if months < 1:
            raise _error(text, "a rolling window is at least one month long", "bad_rolling")
        return Period.rolling(end, months, calendar=cal)
    start, end = _read_day(text, found, "start"), _read_day(text, found, "end2")
    if end < start:
        raise _error(text, "the window ends before it starts", "reversed_range")
    whole = _whole_months(start, end)
    if whole is None:
        raise _error(text, "a rolling window covers whole months", "bad_rolling")
    # A label may give the length as well as the days ("Rolling 6 months from ... to ...");
    # when the two disagree there is no telling which the writer meant.
    written = int(found["n2"]) if found["n2"] is not None else None
    if found["year2"] is not None:
        written = 12
    if written is not None and written != whole:
        length = f"{whole} month" if whole == 1 else f"{whole} months"
        reason = (
            f"the window from {_spell_day(start)} to {_spell_day(end)} is {length}, not {written}"
        )
        raise _error(text, reason, "bad_rolling")
    return Period.rolling(end, whole, calendar=cal)
