"""What evaluation returns: one Assessment per measure, gathered in a Report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    model_serializer,
)
from pydantic.json_schema import SkipJsonSchema

from kpi_scorecard._calendar import DEFAULT_CALENDAR, Calendar
from kpi_scorecard._measure import Aggregation
from kpi_scorecard._numbers import exact_arithmetic
from kpi_scorecard._period import Period
from kpi_scorecard._reuse import construct_trusted
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


Explainer = Callable[[], tuple[str, str, tuple[str, ...]]]
"""Writes an assessment's explanation, direction explanation and notes, when first read."""


_DEFERRED = ("explanation", "direction_explanation", "notes")


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

    _explain: Explainer | None = PrivateAttr(default=None)

    def _write_sentences(self) -> None:
        """Write the deferred sentences into the fields, once."""
        private = self.__pydantic_private__
        explain = private.get("_explain") if private else None
        if explain is None:
            return
        with exact_arithmetic():  # the caller's decimal context, not evaluate's, is in force
            explanation, direction_explanation, notes = explain()
        self.__dict__.update(
            explanation=explanation, direction_explanation=direction_explanation, notes=notes
        )
        private["_explain"] = None  # type: ignore[index]  # not None: it held the writer

    if not TYPE_CHECKING:  # let type checkers see the fields, not a catch-all

        def __getattr__(self, name: str) -> Any:
            """Write the sentences when one of them is first read."""
            if name in _DEFERRED:
                self._write_sentences()
                if name in self.__dict__:
                    return self.__dict__[name]
            return super().__getattr__(name)

    # No return annotation: pydantic would take it as the serialized shape and drop the
    # fields from the JSON Schema; without one it keeps the model's own schema.
    @model_serializer(mode="wrap")
    def _serialize_written(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]  # noqa: ANN202
        """Write the sentences before serializing: pydantic reads the fields directly."""
        self._write_sentences()
        return handler(self)

    def __eq__(self, other: object) -> bool:
        """Assessments are equal when every field is, sentences included."""
        if isinstance(other, Assessment):
            self._write_sentences()
            other._write_sentences()
        return super().__eq__(other)

    def __hash__(self) -> int:
        """Hash by every field, sentences included."""
        self._write_sentences()
        return hash(tuple(self.__dict__[name] for name in type(self).model_fields))

    def __repr_args__(self) -> Any:
        """Show the sentences too."""
        self._write_sentences()
        return super().__repr_args__()

    def __iter__(self) -> Any:
        """Iterate over (field, value) pairs, sentences included."""
        self._write_sentences()
        return super().__iter__()

    def __copy__(self) -> Self:
        """Copy with the sentences written, so an update to one of them sticks."""
        self._write_sentences()
        return super().__copy__()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        """Copy deeply with the sentences written."""
        self._write_sentences()
        return super().__deepcopy__(memo)

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle with the sentences written (their writer is a closure)."""
        self._write_sentences()
        return super().__getstate__()

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


def build_assessment(explain: Explainer, values: dict[str, Any]) -> Assessment:
    """Build an Assessment from values the engine has already checked, without revalidating.

    Evaluation makes one Assessment per measure and period; validating each nested period
    and target again would cost more than the rating itself. ``values`` holds every field
    but the three sentences: ``explain`` writes those the first time any of them is read
    (or the assessment is compared, copied, pickled or serialized), so that a batch that
    only wants statuses does not pay for prose. The dictionary becomes the assessment's
    own, so the caller must not keep it.
    """
    # The deferred fields count as set too: they are written, just later.
    return construct_trusted(Assessment, values, {"_explain": explain})


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
