"""The roll-up CSV: a roll_up row, term rows, then each group's row and its children's rows.

A group row gives the group's status, counts, share, score and explanation; each child
row after it names the child (a measure or a group), its status, and under the weighted
score its weight and score. Every row is validated by its model when read back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pydantic import ValidationError

from kpi_scorecard._calendar import Calendar
from kpi_scorecard._errors import TableError
from kpi_scorecard.evaluation import GroupRollUp, RolledChild, RollUp

from ._csv_columns import ROLLUP_COLUMNS, ROLLUP_COUNTS, ROLLUP_RECORDS, neutralise
from ._csv_read import Outcome, RowError, from_validation
from ._csv_report import ReportReader
from ._csv_write import _calendar_rows as calendar_rows
from ._csv_write import _number
from ._csv_write import _Row as Row
from ._labels import Relabel

__all__ = ["RollUpReader", "rollup_rows"]

_INDEX = {column.name: index for index, column in enumerate(ROLLUP_COLUMNS)}


def rollup_rows(rollup: RollUp, *, spreadsheet_safe: bool) -> Iterator[list[str]]:
    """The header and every row of a roll-up's CSV."""
    text: Callable[[str], str] = neutralise if spreadsheet_safe else str
    make = Row(_INDEX).make

    period = Relabel(rollup.calendar).period(rollup.period)
    yield [column.name for column in ROLLUP_COLUMNS]
    yield from calendar_rows(
        make,
        rollup.calendar,
        text(rollup.title),
        record="roll_up",
        period=period.label,
        period_start=period.start.isoformat(),
        period_end=period.end.isoformat(),
        by=text(rollup.by),
        rule=text(rollup.rule),
        not_rated_children=rollup.not_rated,
    )
    for group in rollup.groups:
        yield make(
            record="group",
            group=text(group.name),
            status=group.status.value,
            share=_number(group.share),
            score=_number(group.score),
            explanation=text(group.explanation),
            **{name: str(getattr(group, name)) for name in ROLLUP_COUNTS},
        )
        for child in group.children:
            yield make(
                record="child",
                group=text(group.name),
                child=text(child.name),
                kind=child.kind,
                status=child.status.value,
                weight=_number(child.weight),
                score=_number(child.score),
            )


class RollUpReader(ReportReader):
    """Read a roll-up CSV; its period cells are read as a report's are."""

    columns = ROLLUP_COLUMNS
    records = ROLLUP_RECORDS
    required: tuple[str, ...] = ("record", "group", "status")
    own = {  # noqa: RUF012 - read-only class data
        "roll_up": frozenset(
            {"title", "period", "period_start", "period_end", "by", "rule", "not_rated_children"}
            | {"year_start_month", "academic_year_start_month"}
        ),
        "term": frozenset({"period", "period_start", "period_end"}),
        "group": frozenset({"group", "status", *ROLLUP_COUNTS, "share", "score", "explanation"}),
        "child": frozenset({"group", "child", "kind", "status", "weight", "score"}),
    }

    def __init__(self, header: list[str], rows: Any, lenient: bool, calendar: Calendar) -> None:
        super().__init__(header, rows, lenient, calendar)
        self.head: dict[str, Any] | None = None
        self.groups: list[dict[str, Any]] = []

    def read(self) -> Outcome:
        """Read every row, then put the roll-up together."""
        for line, row in self.rows():
            try:
                record = self.record_of(row)
                if record == "roll_up":
                    self.calendar_row(row, line)
                    # The period is read once the term rows below have set the calendar.
                    self.head = {name: self.cell(row, name) for name in self.own[record]}
                elif record == "term":
                    self.term_row(row, self.argument)
                elif record == "group":
                    self.group_row(row)
                else:
                    self.child_row(row)
            except RowError as error:
                self.fail(line, error)
        return self.finish_rollup()

    def group_row(self, row: list[str]) -> None:
        """A group row: its fields, checked by the model once its children are read."""
        self.check_empty(row, "group")
        fields: dict[str, Any] = {
            name: self.cell(row, name) for name in self.own["group"] if self.cell(row, name)
        }
        fields["name"] = fields.pop("group", "")
        fields["explanation"] = self.cell(row, "explanation")
        try:
            GroupRollUp.model_validate(fields)
        except ValidationError as exc:
            raise from_validation(exc, {"name": "group"}) from None
        fields["children"] = []
        self.groups.append(fields)

    def child_row(self, row: list[str]) -> None:
        """A child row, of the group row above it."""
        self.check_empty(row, "child")
        group = self.cell(row, "group")
        if not self.groups or self.groups[-1]["name"] != group:
            reason = "a child row follows the row of its group"
            raise RowError("group", group, reason, "orphan_child")
        fields = {name: self.cell(row, name) for name in self.own["child"] if self.cell(row, name)}
        fields.pop("group", None)
        fields["name"] = fields.pop("child", "")
        try:
            child = RolledChild.model_validate(fields)
        except ValidationError as exc:
            raise from_validation(exc, {"name": "child"}) from None
        self.groups[-1]["children"].append(child)

    def finish_rollup(self) -> Outcome:
        """Build the roll-up from the roll_up row and the groups."""
        calendar = self.settle_calendar(self.argument)
        if self.head is None:
            reason = "a roll-up CSV starts with its roll_up row"
            raise TableError("", reason, code="missing_cell", line=1, column="record")
        row = [""] * (self.width + 1)
        for name, cell in self.head.items():
            row[self.index[name]] = cell
        fields: dict[str, Any] = {"by": self.cell(row, "by"), "rule": self.cell(row, "rule")}
        if self.cell(row, "not_rated_children"):
            fields["not_rated"] = self.cell(row, "not_rated_children")
        try:
            fields["period"] = self.dated_period(row)
            document = RollUp(
                title=self.title,
                calendar=calendar,
                groups=tuple(GroupRollUp.model_validate(group) for group in self.groups),
                **fields,
            )
        except RowError as error:
            raise self.at_head(error) from None
        except ValidationError as exc:
            raise self.at_head(from_validation(exc, {"not_rated": "not_rated_children"})) from None
        return Outcome(document, self.errors, self.rows_read, self.rejected)

    def at_head(self, error: RowError) -> TableError:
        """The error of a cell of the roll_up row, at that row's line."""
        return TableError(
            error.text, error.reason, code=error.code, line=self.calendar_line, column=error.column
        )
