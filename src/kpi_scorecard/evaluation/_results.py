"""What evaluation returns: one Assessment per measure, gathered in a Report."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Protocol, Self

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
from kpi_scorecard._errors import ParseError, ScorecardError
from kpi_scorecard._measure import Aggregation
from kpi_scorecard._notation import ExactNumber
from kpi_scorecard._numbers import exact_arithmetic
from kpi_scorecard._period import Period
from kpi_scorecard._published import (
    PublishedStatus,
    PublishedTrend,
    StatusMeaning,
    StatusVocabulary,
    TrendMeaning,
    TrendVocabulary,
)
from kpi_scorecard._reuse import construct_trusted
from kpi_scorecard._scorecard import Scorecard, UnknownMeasureError
from kpi_scorecard._status import ObservationStatus
from kpi_scorecard._target import Target
from kpi_scorecard._value import Band
from kpi_scorecard._views import _Shown
from kpi_scorecard.comparators._compare import GroupComparison
from kpi_scorecard.spc._chart import Assurance, Variation

from ._policy import RagPolicy

if TYPE_CHECKING:
    from kpi_scorecard.spc import XmrChart

    from ._columns import Columns

__all__ = ["Assessment", "Direction", "Disagreement", "Rag", "Report"]

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


class Rows(Protocol):
    """Where an assessment given out by a report reads what it was not given.

    A report keeps its results as columns (see ``_columns``) and gives out assessments
    holding only their status, direction and names, and the row they come from; the other
    figures are read from the columns when one of them is first read, and the sentences
    written when one of them is.
    """

    def figures(self, at: int) -> dict[str, Any]:
        """Every field of row ``at`` but those the assessment was given and the sentences."""

    def sentences(self, at: int) -> tuple[str, str, tuple[str, ...]]:
        """The explanation, the direction explanation and the notes of row ``at``."""


Pending = tuple[Rows, int]
"""The columns an assessment reads its other fields from, and its row."""


_DEFERRED = frozenset(("explanation", "direction_explanation", "notes"))
#: The key of an assessment's dictionary that redraws its XmR chart (not a field: it is
#: neither compared nor serialized).
SPC_CHART = "_spc_chart"
#: Where an assessment a report gave out keeps that report, beside its fields (for charts).
FROM_REPORT = "_from_report"


class _ReportLink:
    """The report an assessment came from, kept out of comparing and copying it.

    A report compares its assessments, so comparing the link would go round in a circle.
    """

    __slots__ = ("report",)

    def __init__(self, report: Report) -> None:
        self.report = report

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ReportLink)

    def __hash__(self) -> int:
        return 0

    def __copy__(self) -> _ReportLink:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _ReportLink:
        return self


class Assessment(_Shown, BaseModel):
    """One measure rated for one period, with the figures and the reasons behind it.

    ``margin`` is the distance from the value to the edge of the target: positive when the
    target is met (headroom), negative when it is missed. ``relative_margin`` is that
    distance as a share of the target figure (None when the target figure is zero).
    ``variation`` and ``assurance`` are the icons of the XmR chart the direction was read
    from, when the policy chose SPC (None otherwise, or with too few points to judge).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    measure_ref: str
    period: Period
    value: ExactNumber | Band | None = None
    quality: ObservationStatus = ObservationStatus.MISSING
    target: Target | None = None
    target_period: Period | None = None
    rated_value: ExactNumber | Band | None = None
    due: Target | None = None
    status: Rag = Rag.NOT_RATED
    margin: ExactNumber | None = None
    relative_margin: ExactNumber | None = None
    explanation: str = ""
    direction: Direction = Direction.NOT_COMPARABLE
    comparison_period: Period | None = None
    comparison_value: ExactNumber | Band | None = None
    change: ExactNumber | None = None
    direction_explanation: str = ""
    variation: Variation | None = None
    assurance: Assurance | None = None
    ytd: ExactNumber | Band | None = None
    ytd_aggregation: Aggregation | None = None
    forecast: ExactNumber | None = None
    forecast_status: Rag | None = None
    notes: tuple[str, ...] = ()
    comparisons: tuple[GroupComparison, ...] = ()
    """The figure against each comparator group, when comparator data was given."""

    _pending: Pending | None = PrivateAttr(default=None)

    def _write(self, *, figures: bool = True, sentences: bool = True) -> None:
        """Write what is pending into the fields: the figures, the sentences, or both.

        Once everything is written, the fields are put in the order evaluation has always
        given them (and JSON writes them in): the figures in the model's order, then the
        three sentences.
        """
        private = self.__pydantic_private__
        pending = private.get("_pending") if private else None
        if pending is None:
            return
        rows, at = pending
        found = self.__dict__
        if figures and "value" not in found:
            with exact_arithmetic():  # the library's decimal context, not the caller's
                found.update(rows.figures(at))
        if sentences and "explanation" not in found:
            with exact_arithmetic():
                explanation, direction_explanation, notes = rows.sentences(at)
            found.update(
                explanation=explanation, direction_explanation=direction_explanation, notes=notes
            )
        if "value" in found and "explanation" in found:
            ordered = {name: found[name] for name in _WRITTEN_ORDER}
            ordered.update(found)  # and what is kept beside the fields (SPC_CHART), last
            found.clear()
            found.update(ordered)
            private["_pending"] = None  # type: ignore[index]  # not None: it held the columns

    if not TYPE_CHECKING:  # let type checkers see the fields, not a catch-all

        def __getattr__(self, name: str) -> Any:
            """Read the figures, or write the sentences, when one of them is first read."""
            if name in Assessment.model_fields:
                deferred = name in _DEFERRED
                self._write(figures=not deferred, sentences=deferred)
                if name in self.__dict__:
                    return self.__dict__[name]
            return super().__getattr__(name)

    # No return annotation: pydantic would take it as the serialized shape and drop the
    # fields from the JSON Schema; without one it keeps the model's own schema.
    @model_serializer(mode="wrap")
    def _serialize_written(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]  # noqa: ANN202
        """Write every field before serializing: pydantic reads the fields directly."""
        self._write()
        return handler(self)

    def __eq__(self, other: object) -> bool:
        """Assessments are equal when every field is, sentences included."""
        if isinstance(other, Assessment):
            self._write()
            other._write()
        return super().__eq__(other)

    def __hash__(self) -> int:
        """Hash by every field, sentences included."""
        self._write()
        return hash(tuple(self.__dict__[name] for name in type(self).model_fields))

    def __repr_args__(self) -> Any:
        """Show every field, sentences included."""
        self._write()
        return super().__repr_args__()

    def __iter__(self) -> Any:
        """Iterate over (field, value) pairs, sentences included."""
        self._write()
        return super().__iter__()

    def __copy__(self) -> Self:
        """Copy with every field written, so an update to one of them sticks."""
        self._write()
        return super().__copy__()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        """Copy deeply with every field written."""
        self._write()
        return super().__deepcopy__(memo)

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle with every field written (what writes them is the report's columns).

        The report it came from stays behind: an assessment travels alone.
        """
        self._write()
        state = super().__getstate__()
        if FROM_REPORT in state["__dict__"]:
            state["__dict__"] = {k: v for k, v in state["__dict__"].items() if k != FROM_REPORT}
        return state

    def from_report(self) -> Report | None:
        """The report this assessment was given out by, while it has its scorecard.

        Charts draw a measure's trend from it; an assessment built alone, read from JSON or
        CSV, or unpickled has none.
        """
        link = self.__dict__.get(FROM_REPORT)
        report = link.report if isinstance(link, _ReportLink) else None
        return report if report is not None and report.source is not None else None

    def spc_chart(self) -> XmrChart | None:
        """The XmR chart the direction was read from, drawn again; None without one.

        An assessment rated by a policy that chose SPC draws its chart on request; one read
        from JSON or CSV keeps the verdicts but not the series, so it has no chart.
        """
        self._write(figures=True, sentences=False)
        redraw = self.__dict__.get(SPC_CHART)
        return redraw() if redraw is not None else None

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


class Report(_Shown, BaseModel):
    """The assessments of every measure of a scorecard for one period, in scorecard order.

    A report is iterable, has a length, and is indexable by position or measure reference.
    Its periods are labelled in ``calendar``, the scorecard's.
    """

    # A report made by evaluation keeps its results as columns (see _columns), a few
    # hundred bytes per measure, and builds each Assessment when it is asked for: by
    # iterating, indexing, or reading ``assessments`` (which keeps the tuple it builds).
    # Counting the statuses builds none. The docstring above is the JSON Schema's.

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    title: str = ""
    calendar: Calendar = DEFAULT_CALENDAR
    period: Period
    policy: RagPolicy = RagPolicy()
    assessments: tuple[Assessment, ...] = ()
    source: SkipJsonSchema[Scorecard | None] = Field(default=None, exclude=True, repr=False)
    """The scorecard the report was made from, kept for display only: it is not serialized
    and does not take part in equality."""

    _columns: Columns | None = PrivateAttr(default=None)

    @classmethod
    def from_columns(
        cls, *, title: str, calendar: Calendar, columns: Columns, source: Scorecard | None
    ) -> Report:
        """A report over the engine's columns: its assessments are built when read."""
        frame = columns.frame
        values = {
            "title": title,
            "calendar": calendar,
            "period": frame.period,
            "policy": frame.policy,
            "source": source,
        }
        return construct_trusted(cls, values, {"_columns": columns})

    def _kept(self) -> Columns | None:
        """The columns, while the assessments have not been built into the tuple."""
        if "assessments" in self.__dict__:
            return None
        private = self.__pydantic_private__
        return private.get("_columns") if private else None

    def _build(self) -> tuple[Assessment, ...]:
        """Build the assessments into the field, once (pydantic reads fields directly)."""
        columns = self._kept()
        if columns is None:
            return self.__dict__["assessments"]  # type: ignore[no-any-return]
        built = tuple(self._given_out(view) for view in columns.views())
        return self.__dict__.setdefault("assessments", built)  # type: ignore[no-any-return]

    def _given_out(self, assessment: Assessment) -> Assessment:
        """An assessment of this report, which remembers the report (for its chart)."""
        assessment.__dict__[FROM_REPORT] = _ReportLink(self)
        return assessment

    if not TYPE_CHECKING:  # let type checkers see the fields, not a catch-all

        def __getattr__(self, name: str) -> Any:
            """Build the assessments when the field is first read."""
            if name == "assessments" and self._kept() is not None:
                return self._build()
            return super().__getattr__(name)

    # No return annotation, as on Assessment: pydantic would take it as the shape.
    @model_serializer(mode="wrap")
    def _serialize_built(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]  # noqa: ANN202
        """Build the assessments before serializing: pydantic reads the fields directly."""
        self._build()
        return handler(self)

    def __eq__(self, other: object) -> bool:
        """Reports are equal when everything but their source scorecard is."""
        if not isinstance(other, Report):
            return NotImplemented
        return (self.title, self.calendar, self.period, self.policy) == (
            other.title,
            other.calendar,
            other.period,
            other.policy,
        ) and (len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True)))

    __hash__ = None  # type: ignore[assignment]  # a report holds a mutable policy mapping

    def __repr_args__(self) -> Any:
        """Every field, the assessments built."""
        self._build()
        return super().__repr_args__()

    def __copy__(self) -> Self:
        """Copy with the assessments built, so that the copy owns them as a field."""
        self._build()
        return super().__copy__()

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        """Copy deeply with the assessments built; the source scorecard, immutable, is shared."""
        self._build()
        kept = {k: v for k, v in self.__dict__.items() if k not in ("source", "_by_reference")}
        values = copy.deepcopy(kept, memo)
        values["source"] = self.__dict__.get("source")
        return construct_trusted(type(self), values, {"_columns": None})

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle the assessments, not the columns (whose sentence writer is the engine)."""
        self._build()
        state = super().__getstate__()
        state["__pydantic_private__"] = {"_columns": None}
        state["__dict__"] = {k: v for k, v in state["__dict__"].items() if k != "_by_reference"}
        return state

    @cached_property
    def _by_reference(self) -> dict[str, Assessment]:
        return {assessment.measure_ref: assessment for assessment in self.assessments}

    def __iter__(self) -> Iterator[Assessment]:  # type: ignore[override]
        """Iterate over the assessments (not the model's fields)."""
        columns = self._kept()
        if columns is not None:
            return iter(columns)
        return iter(self.assessments)

    def __len__(self) -> int:
        """The number of assessments."""
        columns = self._kept()
        return len(columns) if columns is not None else len(self.assessments)

    def __getitem__(self, key: str | int) -> Assessment:
        """The assessment at a position, or of the measure with this reference."""
        columns = self._kept()
        if columns is not None:
            if isinstance(key, int):
                size = len(columns)
                if not -size <= key < size:
                    msg = "report index out of range"
                    raise IndexError(msg)
                return self._given_out(columns.view(key % size))
            position = columns.position(key)
            if position is None:
                raise UnknownMeasureError(key)
            return self._given_out(columns.view(position))
        if isinstance(key, int):
            return self.assessments[key]
        try:
            return self._by_reference[key]
        except KeyError:
            raise UnknownMeasureError(key) from None

    def __contains__(self, reference: object) -> bool:
        """Whether the report holds an assessment of this measure."""
        columns = self._kept()
        if columns is not None:
            return isinstance(reference, str) and columns.position(reference) is not None
        return reference in self._by_reference

    def disagreements(
        self,
        statuses: StatusVocabulary | None = None,
        trends: TrendVocabulary | None = None,
        *,
        scorecard: Scorecard | None = None,
    ) -> tuple[Disagreement, ...]:
        """Every row whose published status or trend says otherwise than the computed one.

        The published words are the observations' ``published_status`` and
        ``published_trend``, read with ``statuses`` and ``trends`` (the default words if
        None), from ``scorecard`` (the report's own source if None). A face asserts a
        status where the measure is rated and a direction where it is not. A word the
        vocabulary does not know raises its ParseError, naming the row.

        >>> from kpi_scorecard import Measure, Observation, Scorecard, TargetSetting, evaluate
        >>> card = Scorecard(
        ...     measures=[Measure(reference="CSC002", unit="%", polarity="lower_is_better")],
        ...     targets=[TargetSetting(measure_ref="CSC002", period="2019/20", target="<18%")],
        ...     observations=[Observation(measure_ref="CSC002", period="Q1 2019/20", value=19,
        ...                               published_status="G")],
        ... )
        >>> [found] = evaluate(card, "Q1 2019/20").disagreements()
        >>> found.aspect, str(found.published), found.computed.value
        ('status', 'G', 'red')
        >>> found.explanation.split(": ")[0]
        "published 'G' (green), computed red"
        """
        card = scorecard if scorecard is not None else self.source
        if card is None:
            msg = "the report has no scorecard to read the published words from: pass one"
            raise ScorecardError(msg, code="no_published_words")
        statuses = statuses if statuses is not None else _DEFAULT_STATUSES
        trends = trends if trends is not None else _DEFAULT_TRENDS
        found: list[Disagreement] = []
        for assessment in self:
            observation = card.observation(assessment.measure_ref, assessment.period)
            if observation is None:
                continue
            if observation.published_status is not None:
                status = _read(statuses, observation.published_status, assessment)
                disagreement = _status_disagreement(status, assessment)
                if disagreement is not None:
                    found.append(disagreement)
            if observation.published_trend is not None:
                trend = _read(trends, observation.published_trend, assessment)
                if not _trend_agrees(trend.means, assessment):
                    found.append(_disagreement("direction", trend, assessment))
        return tuple(found)

    def counts(self) -> dict[Rag, int]:
        """How many assessments have each status, every status listed."""
        columns = self._kept()
        if columns is not None:
            return columns.counts()
        found = Counter(assessment.status for assessment in self.assessments)
        return {status: found.get(status, 0) for status in Rag}

    def __repr__(self) -> str:
        """Summarise instead of listing every assessment."""
        return (
            f"kpi_scorecard.Report(title={self.title!r}, period={str(self.period)!r}, "
            f"assessments={len(self)})"
        )


class Disagreement(BaseModel):
    """A row where the status or direction the council published is not the computed one.

    ``aspect`` says which: a status word disagrees with the status (or, for a face on a
    measure rated nothing, with the direction of travel), a trend word with the direction.
    ``explanation`` gives both and the sentence behind the computed one.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    measure_ref: str
    period: Period
    aspect: Literal["status", "direction"]
    published: PublishedStatus | PublishedTrend
    computed: Rag | Direction
    explanation: str


_DEFAULT_STATUSES = StatusVocabulary()
_DEFAULT_TRENDS = TrendVocabulary()

_MEANS_RAG = {
    StatusMeaning.GREEN: Rag.GREEN,
    StatusMeaning.YELLOW: Rag.YELLOW,
    StatusMeaning.AMBER: Rag.AMBER,
    StatusMeaning.RED: Rag.RED,
    StatusMeaning.COMPLETE: Rag.GREEN,
    StatusMeaning.NOT_KNOWN: Rag.NOT_RATED,
}
_MEANS_DIRECTION = {
    TrendMeaning.IMPROVING: Direction.IMPROVING,
    TrendMeaning.WORSENING: Direction.WORSENING,
    TrendMeaning.NO_CHANGE: Direction.NO_CHANGE,
    TrendMeaning.NOT_KNOWN: Direction.NOT_COMPARABLE,
}
_MOVED = (Direction.IMPROVING, Direction.WORSENING, Direction.INCREASING, Direction.DECREASING)


# The order evaluation has always written an assessment's fields in (and JSON gives them
# in): the figures, the SPC verdicts beside the direction, the comparisons, the sentences.
_FIGURES_ORDER = (
    "measure_ref",
    "period",
    "value",
    "quality",
    "target",
    "target_period",
    "rated_value",
    "due",
    "status",
    "margin",
    "relative_margin",
    "direction",
    "variation",
    "assurance",
    "comparison_period",
    "comparison_value",
    "change",
    "ytd",
    "ytd_aggregation",
    "forecast",
    "forecast_status",
    "comparisons",
)
_WRITTEN_ORDER = (
    *_FIGURES_ORDER,
    *(n for n in Assessment.model_fields if n not in _DEFERRED and n not in _FIGURES_ORDER),
    "explanation",
    "direction_explanation",
    "notes",
)


def _read(vocabulary: StatusVocabulary | TrendVocabulary, text: str, assessment: Assessment) -> Any:
    """The published word, or its ParseError naming the row."""
    try:
        return vocabulary.parse(text)
    except ParseError as exc:
        where = f"{assessment.measure_ref} {assessment.period}"
        raise ParseError(exc.text, f"{where}: {exc.reason}", code=exc.code) from None


def _status_agrees(status: PublishedStatus, assessment: Assessment) -> bool:
    """Whether the computed status is one the published status allows.

    ``exceeded`` allows green with room to spare; ``complete`` any green.
    """
    computed = assessment.status
    for meaning in status.means:
        if meaning is StatusMeaning.EXCEEDED:
            if computed is Rag.GREEN and assessment.margin is not None and assessment.margin > 0:
                return True
        elif _MEANS_RAG[meaning] is computed:
            return True
    return False


def _trend_agrees(means: TrendMeaning, assessment: Assessment) -> bool:
    """Whether the computed direction is the published one; up and down are the change's sign."""
    direction = assessment.direction
    if means in (TrendMeaning.UP, TrendMeaning.DOWN):
        change = assessment.change
        if direction not in _MOVED or change is None:
            return False
        return (change > 0) == (means is TrendMeaning.UP)
    return _MEANS_DIRECTION[means] is direction


def _status_disagreement(status: PublishedStatus, assessment: Assessment) -> Disagreement | None:
    """The disagreement of a published status with the assessment, if they disagree."""
    if assessment.status is Rag.NOT_RATED and status.if_not_rated is not None:
        if _trend_agrees(status.if_not_rated, assessment):
            return None
        return _disagreement("direction", status, assessment)
    if _status_agrees(status, assessment):
        return None
    return _disagreement("status", status, assessment)


def _disagreement(
    aspect: Literal["status", "direction"],
    published: PublishedStatus | PublishedTrend,
    assessment: Assessment,
) -> Disagreement:
    if aspect == "status":
        computed: Rag | Direction = assessment.status
        because = assessment.explanation
    else:
        computed, because = assessment.direction, assessment.direction_explanation
    shown = computed.value.replace("_", " ")
    return Disagreement(
        measure_ref=assessment.measure_ref,
        period=assessment.period,
        aspect=aspect,
        published=published,
        computed=computed,
        explanation=(
            f"published {published.word!r} ({published.describe()}), computed {shown}: {because}"
        ),
    )
