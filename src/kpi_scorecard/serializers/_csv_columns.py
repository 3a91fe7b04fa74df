"""The columns of the scorecard and report CSV files, and their Frictionless descriptors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kpi_scorecard._measure import Aggregation, Polarity
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard.evaluation import Comparison, Direction, Rag

__all__ = [
    "MEASURE_FIELDS",
    "REPORT_COLUMNS",
    "REPORT_RECORDS",
    "ROLLUP_COLUMNS",
    "ROLLUP_COUNTS",
    "ROLLUP_RECORDS",
    "SCORECARD_COLUMNS",
    "SCORECARD_RECORDS",
    "Column",
    "describe",
    "neutralise",
]

#: What a spreadsheet takes for the start of a formula (OWASP, CSV injection): the four
#: signs, their full-width and small forms, which spreadsheets in East Asian locales read
#: as the signs, and a line break or tab, which some spreadsheets skip before reading on.
_FORMULA = re.compile(
    r"[\t\n\r]|[ \u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]"
)

DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_BAND = rf"-?{_NUMBER}(?:-| to )-?{_NUMBER}"
_PROFILE = rf"{_NUMBER}(?::{_NUMBER}){{3}}(?:(?::{_NUMBER}){{8}})?"

SCORECARD_RECORDS = ("scorecard", "term", "measure", "target", "observation")
REPORT_RECORDS = ("report", "term", "override", "assessment")
ROLLUP_RECORDS = ("roll_up", "term", "group", "child")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, Table Schema type and constraints, and how it is written."""

    name: str
    description: str
    type: str = "string"
    constraints: Mapping[str, Any] = field(default_factory=dict)
    free_text: bool = False
    """Whether the cell is free text, neutralised for spreadsheets by default."""

    def descriptor(self) -> dict[str, Any]:
        """The Frictionless field descriptor of the column."""
        found: dict[str, Any] = {"name": self.name, "type": self.type}
        found["description"] = self.description
        if self.type == "date":
            found["format"] = "default"
        if self.constraints:
            found["constraints"] = dict(self.constraints)
        return found


def _enum(values: type[StrEnum] | tuple[str, ...]) -> dict[str, Any]:
    return {"enum": [str(value) for value in values]}


def _text(name: str, description: str) -> Column:
    return Column(name, description, free_text=True)


_RECORD = "What the row holds: {}; data rows are '{}' rows."
_REFERENCE = _text("reference", "The measure's reference, such as CSC001.")
_PERIOD = Column("period", "The period's label, in the document's calendar.")
_START = Column("period_start", "The period's first day.", "date")
_END = Column("period_end", "The period's last day.", "date")
_FIGURE = {"pattern": f"{DECIMAL}|{_BAND}"}
_MONTHS = {"minimum": 1, "maximum": 12}
_CALENDAR = (
    Column("year_start_month", "Scorecard row: the month the financial year starts.", "integer",
           _MONTHS),
    Column("academic_year_start_month", "Scorecard row: the month the academic year starts.",
           "integer", _MONTHS),
)  # fmt: skip

#: The Measure fields, in the order of the measure columns.
MEASURE_FIELDS = (
    "reference",
    "title",
    "department",
    "corporate_outcome",
    "portfolio",
    "responsible_officer",
    "data_owner",
    "frequency",
    "benchmark",
    "unit",
    "polarity",
    "aggregation",
    "notes",
)

SCORECARD_COLUMNS: tuple[Column, ...] = (
    Column("record", _RECORD.format(", ".join(SCORECARD_RECORDS), "observation"),
           constraints=_enum(SCORECARD_RECORDS)),
    _REFERENCE,
    _text("title", "The measure's title; on the scorecard row, the scorecard's title."),
    _text("department", "The lead department."),
    _text("corporate_outcome", "The corporate outcome the measure serves."),
    _text("portfolio", "The portfolio."),
    _text("responsible_officer", "The responsible officer."),
    _text("data_owner", "The data owner."),
    _text("frequency", "How often the measure is reported."),
    _text("benchmark", "The benchmark or data source."),
    Column("polarity", "Which way is better.", constraints=_enum(Polarity)),
    Column("aggregation", "How period values add up to a year to date.",
           constraints=_enum(Aggregation)),
    _text("notes", "Notes on the measure."),
    _PERIOD,
    _START,
    _END,
    Column("value", "The figure: an exact number, or a band 'low-high'.", constraints=_FIGURE),
    Column("unit", "The measure's unit: count, percent, or a unit name such as day."),
    Column("status", "The observation status (SDMX OBS_STATUS, as a word).",
           constraints=_enum(ObservationStatus)),
    Column("cumulative", "A running total published beside the figure.", "number"),
    Column("numerator", "The numerator of a rate.", "number", {"minimum": 0}),
    Column("denominator", "The denominator of a rate.", "number", {"minimum": 0}),
    Column("target", "The target in canonical notation: on an observation row, the one in "
           "force for its period."),
    Column("target_period", "The period the target was set for."),
    Column("target_profile", "How the target is spread over the year, such as 1:1:2:2.",
           constraints={"pattern": _PROFILE}),
    _text("published_status", "The status the council published, such as a face."),
    _text("published_trend", "The direction of travel the council published, such as 'Better'."),
    _text("commentary", "The commentary on the figure."),
    *_CALENDAR,
)  # fmt: skip

REPORT_COLUMNS: tuple[Column, ...] = (
    Column("record", _RECORD.format(", ".join(REPORT_RECORDS), "assessment"),
           constraints=_enum(REPORT_RECORDS)),
    _REFERENCE,
    _text("title", "The measure's title (not read back); on the report row, the report's."),
    Column("unit", "The measure's unit (written when the scorecard is given; not read back)."),
    _PERIOD,
    _START,
    _END,
    Column("value", "The period's figure.", constraints=_FIGURE),
    Column("quality", "The figure's observation status.", constraints=_enum(ObservationStatus)),
    Column("target", "The target in force, in canonical notation."),
    Column("target_period", "The period that target was set for."),
    Column("rated_value", "The figure rated: the value, a year to date or a change.",
           constraints=_FIGURE),
    Column("due", "The part of the target due by the period, when it is profiled."),
    Column("status", "The RAG rating.", constraints=_enum(Rag)),
    Column("margin", "Distance from the target's edge: positive met, negative missed.", "number"),
    Column("relative_margin", "The margin as a share of the target figure.", "number"),
    _text("explanation", "Why the rating is what it is."),
    Column("direction", "The direction of travel.", constraints=_enum(Direction)),
    Column("comparison_period", "The period compared with."),
    Column("comparison_value", "The figure compared with.", constraints=_FIGURE),
    Column("change", "The change since the comparison period.", "number"),
    _text("direction_explanation", "Why the direction is what it is."),
    Column("ytd", "The year-to-date figure.", constraints=_FIGURE),
    Column("ytd_aggregation", "How the year to date adds up.", constraints=_enum(Aggregation)),
    Column("forecast", "The forecast year-end outturn.", "number"),
    Column("forecast_status", "The rating of the forecast.", constraints=_enum(Rag)),
    Column("notes", "Further notes, as a JSON array of strings.", "array"),
    Column("tolerance", "Report row: the amber tolerance; override row: the measure's."),
    Column("yellow_tolerance", "Report row: the yellow tolerance, if any."),
    Column("comparison", "Report row: the period direction compares with.",
           constraints=_enum(Comparison)),
    Column("minimum_change", "Report row: the smallest change that counts."),
    Column("status_rules", "Report row: the ordered status rules, if they replace tolerances."),
    *_CALENDAR,
)  # fmt: skip


_COUNT = {"minimum": 0}
#: The counts of a roll-up's group row, one column each.
ROLLUP_COUNTS = ("green", "yellow", "amber", "red", "not_rated")

ROLLUP_COLUMNS: tuple[Column, ...] = (
    Column("record", "What the row holds: roll_up, term, group or child.",
           constraints={"enum": list(ROLLUP_RECORDS)}),
    Column("title", "Roll_up row: the report's title.", free_text=True),
    Column("period", "Roll_up row: the period rolled up; term row: the term's label."),
    Column("period_start", "The period's first day.", "date"),
    Column("period_end", "The period's last day.", "date"),
    Column("by", "Roll_up row: the measure field grouped by, or 'hierarchy'.", free_text=True),
    Column("rule", "Roll_up row: the roll-up rule's name.", free_text=True),
    Column("not_rated_children", "Roll_up row: leave_out or count_as_red.",
           constraints={"enum": ["leave_out", "count_as_red"]}),
    Column("group", "The group's name (on a child row, the group it belongs to).",
           free_text=True),
    Column("child", "Child row: the measure reference or group name.", free_text=True),
    Column("kind", "Child row: measure or group.", constraints={"enum": ["measure", "group"]}),
    Column("status", "The group's or child's RAG status.", constraints=_enum(Rag)),
    *(Column(name, f"Group row: how many children are {name.replace('_', ' ')}.", "integer",
             _COUNT) for name in ROLLUP_COUNTS),
    Column("share", "Group row: the share of counted children that are green.", "number"),
    Column("score", "The weighted score (group row) or the child's points or score.", "number"),
    Column("weight", "Child row: the weight in force.", "number", _COUNT),
    Column("explanation", "Group row: why the group's status is what it is.", free_text=True),
    *_CALENDAR,
)  # fmt: skip


def neutralise(text: str) -> str:
    """Prefix a single quote to free text a spreadsheet would run as a formula.

    Spaces (plain, no-break or ideographic) before the sign do not make it safe.

    >>> neutralise("=SUM(A1:A9)"), neutralise("  @cmd"), neutralise("\uff1d1+1") == "'\uff1d1+1"
    ("'=SUM(A1:A9)", "'  @cmd", True)
    >>> neutralise("Fine")
    'Fine'
    """
    return "'" + text if _FORMULA.match(text) else text


def describe(kind: str, path: str) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of one CSV file of ``kind``."""
    columns = {"scorecard": SCORECARD_COLUMNS, "roll_up": ROLLUP_COLUMNS}.get(kind, REPORT_COLUMNS)
    fields = [column.descriptor() for column in columns]
    fields[0]["constraints"] = {**fields[0]["constraints"], "required": True}
    key = ["record", "group", "child"] if kind == "roll_up" else ["record", "reference", "period"]
    if kind == "scorecard":
        key.append("target_period")
    return {
        "profile": "tabular-data-package",
        "name": f"kpi-scorecard-{kind}",
        "title": f"kpi_scorecard {kind} CSV",
        "resources": [
            {
                "name": kind,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                    "header": True,
                },
                "schema": {"fields": fields, "missingValues": [""], "primaryKey": key},
            }
        ],
    }
