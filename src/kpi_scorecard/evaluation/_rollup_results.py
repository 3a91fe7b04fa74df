"""What a roll-up returns: each group's status, counts, score and the sentence behind them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._notation import ExactNumber, JsonInteger, NonNegativeNumber
from kpi_scorecard._period import Period

from ._results import Rag

__all__ = ["GroupRollUp", "RollUp", "RolledChild"]

NotRated = Literal["leave_out", "count_as_red"]
"""What a roll-up does with a child that is not rated."""


class RolledChild(BaseModel):
    """One child of a group as the rule saw it: a measure or a group, and its status.

    ``score`` is the child's points (a measure) or score (a group) and ``weight`` the
    weight in force, under the weighted-score rule; otherwise both are None.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    name: str
    kind: Literal["measure", "group"] = "measure"
    status: Rag = Rag.NOT_RATED
    weight: NonNegativeNumber | None = None
    score: ExactNumber | None = None


class GroupRollUp(BaseModel):
    """One group rolled up: its status, how many children have each status, and why.

    The counts are of the group's direct children by their own status. ``share`` is the
    share of rated children that are green (None when none is rated), under every rule;
    ``score`` is the weighted score, under the weighted-score rule only.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    name: str
    status: Rag = Rag.NOT_RATED
    green: JsonInteger = Field(default=0, ge=0)
    yellow: JsonInteger = Field(default=0, ge=0)
    amber: JsonInteger = Field(default=0, ge=0)
    red: JsonInteger = Field(default=0, ge=0)
    not_rated: JsonInteger = Field(default=0, ge=0)
    share: NonNegativeNumber | None = None
    score: ExactNumber | None = None
    children: tuple[RolledChild, ...] = ()
    explanation: str = ""

    def counts(self) -> dict[Rag, int]:
        """How many children have each status, every status listed."""
        return {status: getattr(self, status.value) for status in Rag}


class RollUp(BaseModel):
    """Measures of a report rolled up into groups by one rule, for the report's period.

    ``by`` is the measure field grouped by (``department``...) or ``hierarchy``; ``rule``
    the rule's name (``worst-of``, or a custom rule's own); ``not_rated`` what was done
    with children not rated. The groups come in order: by a field, in the order their
    first measure comes in the report; in a hierarchy, in declaration order. A roll-up is
    iterable, has a length, and is indexable by position or group name.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    title: str = ""
    calendar: Calendar = DEFAULT_CALENDAR
    period: Period
    by: str
    rule: str
    not_rated: NotRated = "leave_out"
    groups: tuple[GroupRollUp, ...] = ()

    def __iter__(self) -> Iterator[GroupRollUp]:  # type: ignore[override]
        """Iterate over the groups (not the model's fields)."""
        return iter(self.groups)

    def __len__(self) -> int:
        """The number of groups."""
        return len(self.groups)

    def __getitem__(self, key: str | int) -> GroupRollUp:
        """The group at a position, or with this name; KeyError for an unknown name."""
        if isinstance(key, int):
            return self.groups[key]
        for group in self.groups:
            if group.name == key:
                return group
        raise KeyError(key)

    def __contains__(self, name: object) -> bool:
        """Whether a group has this name."""
        return any(group.name == name for group in self.groups)

    def statuses(self) -> dict[str, Rag]:
        """Each group's status, by name."""
        return {group.name: group.status for group in self.groups}

    def __repr__(self) -> str:
        """Summarise instead of listing every group."""
        return (
            f"kpi_scorecard.RollUp(by={self.by!r}, rule={self.rule!r}, "
            f"period={str(self.period)!r}, groups={len(self)})"
        )

    def _repr_html_(self) -> str:
        """Show the roll-up in a notebook as a table with status chips."""
        from kpi_scorecard._rollup_display import rollup_html  # noqa: PLC0415 - display is optional

        return rollup_html(self)

    def _repr_markdown_(self) -> str:
        """Show the roll-up as a Markdown table."""
        from kpi_scorecard._rollup_display import rollup_markdown  # noqa: PLC0415

        return rollup_markdown(self)
