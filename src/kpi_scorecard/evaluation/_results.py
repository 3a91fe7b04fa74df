"""What evaluation returns: one Assessment per measure, gathered in a Report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._measure import Aggregation
from kpi_scorecard._period import Period
from kpi_scorecard._scorecard import Scorecard, UnknownMeasureError
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import Target
from kpi_scorecard._value import Band

from ._policy import RagPolicy

__all__ = ["Assessment", "Direction", "Rag", "Report"]

HAPPY = "😊"
SAD = "☹️"


class Rag(StrEnum):
    """A rating: green (met), yellow and amber (missed within tolerance), red, not rated."""

    GREEN = "green"
    YELLOW = "yellow"
    AMBER = "amber"
    RED = "red"
    NOT_RATED = "not_rated"


class Direction(StrEnum):
    """The direction of travel against the comparison period.

    Measures with a polarity improve or worsen; neutral ones increase or decrease.
    """

    IMPROVING = "improving"
    WORSENING = "worsening"
    INCREASING = "increasing"
    DECREASING = "decreasing"
    NO_CHANGE = "no_change"
    NOT_COMPARABLE = "not_comparable"


class Assessment(BaseModel):
    """One measure rated for one period, with the figures and the reasons behind it.

    ``margin`` is the distance from the value to the edge of the target: positive when the
    target is met (headroom), negative when it is missed. ``relative_margin`` is that
    distance as a share of the target figure (None when the target figure is zero).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    measure_ref: str
    period: Period
    value: Decimal | Band | None = None
    quality: ObservationStatus = ObservationStatus.MISSING
    target: Target | None = None
    target_period: Period | None = None
    rated_value: Decimal | Band | None = None
    due: Target | None = None
    status: Rag = Rag.NOT_RATED
    margin: Decimal | None = None
    relative_margin: Decimal | None = None
    explanation: str = ""
    direction: Direction = Direction.NOT_COMPARABLE
    comparison_period: Period | None = None
    comparison_value: Decimal | Band | None = None
    change: Decimal | None = None
    direction_explanation: str = ""
    ytd: Decimal | Band | None = None
    ytd_aggregation: Aggregation | None = None
    forecast: Decimal | None = None
    forecast_status: Rag | None = None
    notes: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        """Show the assessment in a notebook with its status chip and reasons."""
        from kpi_scorecard._display import assessment_html  # noqa: PLC0415 - display is optional

        return assessment_html(self)

    @property
    def qualified(self) -> bool:
        """Whether the figure is provisional, estimated or otherwise caveated."""
        return self.quality.qualified

    @property
    def face(self) -> str | None:
        """The council's face convention: 😊 for green, yellow or amber, ☹️ for red.

        Where nothing is rated, the face follows the direction of travel (improving 😊,
        worsening ☹️); otherwise there is no face.
        """
        if self.status in (Rag.GREEN, Rag.YELLOW, Rag.AMBER):
            return HAPPY
        if self.status is Rag.RED:
            return SAD
        if self.direction is Direction.IMPROVING:
            return HAPPY
        if self.direction is Direction.WORSENING:
            return SAD
        return None


_ASSESSMENT_FIELDS = frozenset(Assessment.model_fields)


def build_assessment(**values: object) -> Assessment:
    """Build an Assessment from values the engine has already checked, without revalidating.

    Evaluation makes one Assessment per measure and period; validating each nested period
    and target again would cost more than the rating itself. Every field must be given.
    """
    if values.keys() != _ASSESSMENT_FIELDS:  # pragma: no cover - a programming error
        msg = f"build_assessment needs exactly the fields {sorted(_ASSESSMENT_FIELDS)}"
        raise TypeError(msg)
    assessment = Assessment.__new__(Assessment)
    object.__setattr__(assessment, "__dict__", values)
    object.__setattr__(assessment, "__pydantic_fields_set__", set(_ASSESSMENT_FIELDS))
    object.__setattr__(assessment, "__pydantic_extra__", None)
    object.__setattr__(assessment, "__pydantic_private__", None)
    return assessment


class Report(BaseModel):
    """The assessments of every measure of a scorecard for one period, in scorecard order.

    A report is iterable, has a length, and is indexable by position or measure reference.
    Its periods are labelled in ``calendar``, the scorecard's.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    title: str = ""
    calendar: Calendar = DEFAULT_CALENDAR
    period: Period
    policy: RagPolicy = RagPolicy()
    assessments: tuple[Assessment, ...] = ()
    source: SkipJsonSchema[Scorecard | None] = Field(default=None, exclude=True, repr=False)
    """The scorecard the report was made from, kept for display only: it is not serialized
    and does not take part in equality."""

    def __eq__(self, other: object) -> bool:
        """Reports are equal when everything but their source scorecard is."""
        if not isinstance(other, Report):
            return NotImplemented
        return (self.title, self.calendar, self.period, self.policy, self.assessments) == (
            other.title,
            other.calendar,
            other.period,
            other.policy,
            other.assessments,
        )

    __hash__ = None  # type: ignore[assignment]  # a report holds a mutable policy mapping

    def _repr_html_(self) -> str:
        """Show the report in a notebook as a table with status chips and sparklines."""
        from kpi_scorecard._display import report_html  # noqa: PLC0415 - display is optional

        return report_html(self, self.source)

    def _repr_markdown_(self) -> str:
        """Show the report as a Markdown table."""
        from kpi_scorecard._display import report_markdown  # noqa: PLC0415 - display is optional

        return report_markdown(self, self.source)

    @cached_property
    def _by_reference(self) -> dict[str, Assessment]:
        return {assessment.measure_ref: assessment for assessment in self.assessments}

    def __iter__(self) -> Iterator[Assessment]:  # type: ignore[override]
        """Iterate over the assessments (not the model's fields)."""
        return iter(self.assessments)

    def __len__(self) -> int:
        """The number of assessments."""
        return len(self.assessments)

    def __getitem__(self, key: str | int) -> Assessment:
        """The assessment at a position, or of the measure with this reference."""
        if isinstance(key, int):
            return self.assessments[key]
        try:
            return self._by_reference[key]
        except KeyError:
            raise UnknownMeasureError(key) from None

    def __contains__(self, reference: object) -> bool:
        """Whether the report holds an assessment of this measure."""
        return reference in self._by_reference

    def counts(self) -> dict[Rag, int]:
        """How many assessments have each status, every status listed."""
        found = Counter(assessment.status for assessment in self.assessments)
        return {status: found.get(status, 0) for status in Rag}

    def __repr__(self) -> str:
        """Summarise instead of listing every assessment."""
        return (
            f"kpi_scorecard.Report(title={self.title!r}, period={str(self.period)!r}, "
            f"assessments={len(self.assessments)})"
        )
