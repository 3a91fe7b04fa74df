"""Comparator figures: one area's figure for a measure and period, and the groups it is in.

A :class:`ComparatorData` is what a council gathers to compare itself: the figures of the
other areas (from LG Inform, Fingertips, LAIT...), each with the comparison groups the
area belongs to as seen from the council (``England``, its region, ``statistical
neighbours``, ``CIPFA neighbours``), and the name or GSS code of the council's own area.
A figure whose area is named like a group (an area ``England`` beside the group
``England``) is that group's own published figure: the benchmark the group is compared
with, and not one of its members.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kpi_scorecard._notation import ExactNumber, NonNegativeNumber
from kpi_scorecard._period import Period

__all__ = ["ENGLAND", "Area", "ComparatorData", "ComparatorFigure"]

ENGLAND = "England"
"""The group of every area in England, and the area whose figure is England's own."""

_GSS = re.compile(r"[EWSNK][0-9]{8}", re.ASCII)


class Area(BaseModel):
    """A place figures are published for: its name, and its GSS code where it has one.

    >>> Area(name="Barnet", code="E09000003").code
    'E09000003'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    code: str | None = None
    """The ONS Government Statistical Service code, such as ``E09000003``."""

    @field_validator("code")
    @classmethod
    def _gss(cls, code: str | None) -> str | None:
        if code is not None and not _GSS.fullmatch(code):
            raise PydanticCustomError(
                "bad_area_code",
                "a GSS code is a letter and eight digits, such as 'E09000003': {code}",
                {"code": repr(code)},
            )
        return code

    def is_named(self, name: str) -> bool:
        """Whether ``name`` is this area's name or its GSS code."""
        return name in (self.name, self.code)


class ComparatorFigure(BaseModel):
    """One area's figure for one measure and period, and the groups the area is in.

    >>> figure = ComparatorFigure(
    ...     measure_ref="CSC002", area=Area(name="Enfield"), period="2019/20", value="24",
    ...     groups=("England", "statistical neighbours"),
    ... )
    >>> str(figure.period), figure.value, figure.in_group("England")
    ('2019/20', Decimal('24'), True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    measure_ref: str = Field(min_length=1)
    area: Area
    period: Period
    value: ExactNumber
    numerator: NonNegativeNumber | None = None
    denominator: NonNegativeNumber | None = None
    groups: tuple[str, ...] = ()

    @field_validator("groups")
    @classmethod
    def _names(cls, groups: tuple[str, ...]) -> tuple[str, ...]:
        for name in groups:
            if not name or name != name.strip():
                raise PydanticCustomError(
                    "bad_group",
                    "a group name is text without spaces around it: {name}",
                    {"name": repr(name)},
                )
        return groups

    @model_validator(mode="after")
    def _parts(self) -> Self:
        if (self.numerator is None) != (self.denominator is None):
            raise PydanticCustomError(
                "ratio_parts",
                "{ref} {period}: give both numerator and denominator, or neither",
                {"ref": self.measure_ref, "period": str(self.period)},
            )
        return self

    def in_group(self, group: str) -> bool:
        """Whether the figure's area is in ``group``."""
        return group in self.groups


class ComparatorData(BaseModel):
    """The figures a scorecard's area is compared with, and which area is its own.

    ``area`` is the name or GSS code of the scorecard's own area; ``region`` names the
    group that ``regional average`` targets mean (``London``, ``North West``...).
    Figures are unique by measure, area and period.

    >>> data = ComparatorData(area="Barnet", figures=[
    ...     ComparatorFigure(measure_ref="A", area=Area(name=name), period="2019/20",
    ...                      value=value, groups=("England",))
    ...     for name, value in [("Barnet", "27"), ("Enfield", "24"), ("Brent", "30")]
    ... ])
    >>> [figure.area.name for figure in data.members("England", "A", data.figures[0].period)]
    ['Enfield', 'Brent']
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    area: str = Field(min_length=1)
    region: str | None = None
    quartile_group: str | None = None
    """The group a ``Top quartile`` target ranks in: by default England where the data has
    it, else the first group of the own area."""
    figures: tuple[ComparatorFigure, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> Self:
        seen: set[tuple[str, str, Period]] = set()
        for figure in self.figures:
            key = (figure.measure_ref, figure.area.code or figure.area.name, figure.period)
            if key in seen:
                raise PydanticCustomError(
                    "duplicate_comparator",
                    "two figures for {area}, {ref} {period}",
                    {
                        "area": figure.area.name,
                        "ref": figure.measure_ref,
                        "period": str(figure.period),
                    },
                )
            seen.add(key)
        return self

    @cached_property
    def _by_key(self) -> dict[tuple[str, Period], list[ComparatorFigure]]:
        found: dict[tuple[str, Period], list[ComparatorFigure]] = defaultdict(list)
        for figure in self.figures:
            found[figure.measure_ref, figure.period].append(figure)
        return found

    def figures_for(self, measure_ref: str, period: Period) -> list[ComparatorFigure]:
        """Every figure for the measure and period, in the order given."""
        return self._by_key.get((measure_ref, period), [])

    def own(self, measure_ref: str, period: Period) -> ComparatorFigure | None:
        """The scorecard's own area's figure for the measure and period, if given."""
        for figure in self.figures_for(measure_ref, period):
            if figure.area.is_named(self.area):
                return figure
        return None

    def groups_of(self, measure_ref: str, period: Period) -> tuple[str, ...]:
        """The groups the own area is in, for that measure and period, in order of mention.

        Taken from the own area's figure where there is one, else from every group that a
        figure names (the data set is the own area's comparators).
        """
        own = self.own(measure_ref, period)
        if own is not None and own.groups:
            return own.groups
        names: dict[str, None] = {}
        for figure in self.figures_for(measure_ref, period):
            names.update(dict.fromkeys(figure.groups))
        return tuple(names)

    def members(self, group: str, measure_ref: str, period: Period) -> list[ComparatorFigure]:
        """The other areas of ``group`` with a figure for the measure and period."""
        return [
            figure
            for figure in self.figures_for(measure_ref, period)
            if figure.in_group(group)
            and not figure.area.is_named(self.area)
            and figure.area.name != group
        ]

    def published(self, group: str, measure_ref: str, period: Period) -> ComparatorFigure | None:
        """The group's own published figure (an area named as the group), if given."""
        for figure in self.figures_for(measure_ref, period):
            if figure.area.name == group:
                return figure
        return None
