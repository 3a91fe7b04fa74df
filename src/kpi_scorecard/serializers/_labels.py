"""Period labels in a document's calendar, shared by the JSON and CSV serializers."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import CalendarError
from kpi_scorecard._period import Period

__all__ = ["Relabel", "replace"]

M = TypeVar("M", bound=BaseModel)


class Relabel:
    """Rebuild periods in the document's calendar, each distinct period once.

    A period is written as its label, and a label is read in the document's calendar, so
    a period made in another calendar is rebuilt in this one first: the same days under
    the label this calendar gives them. A period this calendar cannot place (a financial
    year starting in another month) raises :class:`~kpi_scorecard.CalendarError`.

    >>> from kpi_scorecard import Calendar, Period
    >>> relabel = Relabel(Calendar(year_start_month=7))
    >>> relabel.period(Period.parse("Q1 2019/20")).label
    'Q4 2018/19'
    """

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self._done: dict[Period, Period] = {}

    def period(self, period: Period) -> Period:
        """The period in the document's calendar."""
        if period.calendar is self.calendar:
            return period
        found = self._done.get(period)
        if found is None:
            found = period
            if period.calendar != self.calendar:
                try:
                    found = Period(
                        kind=period.kind,
                        start=period.start,
                        end=period.end,
                        name=period.name,
                        calendar=self.calendar,
                    )
                except ValidationError:
                    msg = (
                        f"{period.label!r} ({period.start} to {period.end}) is not a "
                        f"{period.kind.value.replace('_', ' ')} in the document's calendar"
                    )
                    raise CalendarError(msg, code="period_not_in_calendar") from None
            self._done[period] = found
        return found

    def label(self, period: Period | None) -> str:
        """The period's label in the document's calendar; empty for None."""
        return "" if period is None else self.period(period).label

    def model(self, obj: M, *names: str) -> M:
        """A copy of ``obj`` with its period fields ``names`` in the document's calendar."""
        updates = {}
        for name in names:
            old = getattr(obj, name)
            new = None if old is None else self.period(old)
            if new is not old:
                updates[name] = new
        return replace(obj, **updates) if updates else obj


def replace(obj: M, **updates: object) -> M:
    """A copy of ``obj`` with some fields replaced by values of the right type.

    Built with ``model_construct`` rather than ``model_copy(update=...)``: the copy keeps
    no cached lookups of the original, and models whose set of given fields is shared
    and frozen copy as well as any other.

    >>> from kpi_scorecard import Measure
    >>> replace(Measure(reference="A1", title="Old"), title="New").title
    'New'
    """
    values = {name: getattr(obj, name) for name in type(obj).model_fields}
    values.update(updates)
    return type(obj).model_construct(_fields_set=set(obj.model_fields_set), **values)
