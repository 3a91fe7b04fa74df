"""Published statuses and trends: the words councils print beside a figure, as typed values.

A scorecard says how a figure did in words (``Green``, ``On target``, ``Achieved``), letters
(``G``), marks (``✓``), faces (``😊``) and arrows (``↑``). What a word means is data, held in
a vocabulary: :class:`StatusVocabulary` reads a status cell into a :class:`PublishedStatus`,
:class:`TrendVocabulary` a direction-of-travel cell into a :class:`PublishedTrend`. Both are
frozen; ``with_words`` returns a vocabulary that knows more words (or means something else
by one). A word the vocabulary does not know is an error that quotes it, never a guess.

Some marks mean different things on different scorecards: ``▲`` is a rising trend on one
and an amber status on another, ``Blue`` is "exceeded" on one and "complete" on the next.
The default vocabularies leave those to the caller's declaration: ``Blue`` and the shapes
are not in the default status words, and the arrows are trend words only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import lru_cache
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from ._errors import ParseError, not_text_error

__all__ = [
    "PublishedStatus",
    "PublishedTrend",
    "StatusMeaning",
    "StatusVocabulary",
    "TrendMeaning",
    "TrendVocabulary",
]

HAPPY = "😊"
SAD = "☹️"


class StatusMeaning(StrEnum):
    """What a published status word asserts about a figure and its target.

    The colours are the RAG statuses the library computes; ``exceeded`` and ``complete``
    are the two things ``Blue`` means on different scorecards (met with room to spare, or
    an action finished); ``not_known`` is a status the council could not give.
    """

    GREEN = "green"
    YELLOW = "yellow"
    AMBER = "amber"
    RED = "red"
    EXCEEDED = "exceeded"
    COMPLETE = "complete"
    NOT_KNOWN = "not_known"


class TrendMeaning(StrEnum):
    """What a published direction-of-travel word asserts.

    ``improving`` and ``worsening`` are judgements; ``up`` and ``down`` are movements,
    good or bad only by the measure's polarity; ``not_known`` is a trend the council
    could not give.
    """

    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no_change"
    UP = "up"
    DOWN = "down"
    NOT_KNOWN = "not_known"


def _words(meanings: Iterable[StrEnum]) -> str:
    """``green``, ``green or amber``, ``green, yellow or amber``."""
    names = [meaning.value.replace("_", " ") for meaning in meanings]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


_STATUS_ORDER = {meaning: index for index, meaning in enumerate(StatusMeaning)}


class PublishedStatus(BaseModel):
    """A published status word and what it asserts: one status, or any of several.

    ``means`` lists the statuses the word is consistent with (``Not met`` is any miss:
    yellow, amber or red). A face merges status and trend: ``if_not_rated`` is what it
    asserts about the direction of travel where nothing is rated. ``str()`` is the word as
    the vocabulary spells it, and :meth:`parse` reads it back.

    >>> status = PublishedStatus.parse("NOT MET")
    >>> str(status), status.describe()
    ('Not met', 'yellow, amber or red')
    >>> PublishedStatus.parse(str(status)) == status
    True
    >>> PublishedStatus.parse("😊").describe()
    'green, yellow or amber; improving where nothing is rated'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    word: str = Field(min_length=1)
    means: frozenset[StatusMeaning] = Field(min_length=1)
    if_not_rated: TrendMeaning | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if StatusMeaning.NOT_KNOWN in self.means and len(self.means) > 1:
            raise PydanticCustomError(
                "contradictory_published_status",
                "{word}: a status not known cannot also be {others}",
                {"word": repr(self.word), "others": _words(self._others())},
            )
        if not _fold(self.word):
            raise PydanticCustomError(
                "empty_published_word",
                "a published word must not be blank: {word}",
                {"word": repr(self.word)},
            )
        return self

    def _others(self) -> list[StatusMeaning]:
        return [m for m in self.ordered_meanings if m is not StatusMeaning.NOT_KNOWN]

    @property
    def ordered_meanings(self) -> tuple[StatusMeaning, ...]:
        """The meanings, best first (green before red)."""
        return tuple(sorted(self.means, key=_STATUS_ORDER.__getitem__))

    @classmethod
    def parse(cls, text: str, vocabulary: StatusVocabulary | None = None) -> PublishedStatus:
        """Read a published status cell with ``vocabulary`` (the default words if None)."""
        return (vocabulary or _default_statuses()).parse(text)

    def describe(self) -> str:
        """What the word asserts, in words."""
        text = _words(self.ordered_meanings)
        if self.if_not_rated is not None:
            text += f"; {_words([self.if_not_rated])} where nothing is rated"
        return text

    def __str__(self) -> str:
        """The word, as the vocabulary spells it."""
        return self.word

    def __repr__(self) -> str:
        """Show the word and what it means."""
        return f"kpi_scorecard.PublishedStatus({self.word!r}, means={self.describe()!r})"


class PublishedTrend(BaseModel):
    """A published direction-of-travel word and what it asserts.

    ``str()`` is the word as the vocabulary spells it, and :meth:`parse` reads it back.

    >>> trend = PublishedTrend.parse("improved PERFORMANCE")
    >>> str(trend), trend.means.value
    ('Improved performance', 'improving')
    >>> PublishedTrend.parse("⬆").means.value
    'up'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    word: str = Field(min_length=1)
    means: TrendMeaning

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not _fold(self.word):
            raise PydanticCustomError(
                "empty_published_word",
                "a published word must not be blank: {word}",
                {"word": repr(self.word)},
            )
        return self

    @classmethod
    def parse(cls, text: str, vocabulary: TrendVocabulary | None = None) -> PublishedTrend:
        """Read a published trend cell with ``vocabulary`` (the default words if None)."""
        return (vocabulary or _default_trends()).parse(text)

    def describe(self) -> str:
        """What the word asserts, in words."""
        return _words([self.means])

    def __str__(self) -> str:
        """The word, as the vocabulary spells it."""
        return self.word

    def __repr__(self) -> str:
        """Show the word and what it means."""
        return f"kpi_scorecard.PublishedTrend({self.word!r}, means={self.describe()!r})"


# Variation selectors only choose emoji or text presentation: ☹ and ☹️ are the same face.
_PRESENTATION = str.maketrans("", "", "\ufe0e\ufe0f")


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """The key a word is looked up by: spaces squeezed, case and presentation ignored."""
    return " ".join(text.translate(_PRESENTATION).split()).casefold()


def _index(entries: Iterable[PublishedStatus | PublishedTrend]) -> dict[str, Any]:
    """Index entries by their folded word; two spellings of one word are a mistake."""
    index: dict[str, Any] = {}
    for entry in entries:
        key = _fold(entry.word)
        if key in index:
            raise PydanticCustomError(
                "duplicate_published_word",
                "{word} and {other} are the same word: declare it once",
                {"word": repr(entry.word), "other": repr(index[key].word)},
            )
        index[key] = entry
    return index


def _status_entry(word: str, meaning: Any) -> PublishedStatus:
    if isinstance(meaning, PublishedStatus):
        return meaning.model_copy(update={"word": word}) if meaning.word != word else meaning
    if isinstance(meaning, str):
        meaning = [meaning]
    return PublishedStatus(word=word, means=frozenset(_meaning(StatusMeaning, m) for m in meaning))


def _trend_entry(word: str, meaning: Any) -> PublishedTrend:
    if isinstance(meaning, PublishedTrend):
        return meaning.model_copy(update={"word": word}) if meaning.word != word else meaning
    return PublishedTrend(word=word, means=_meaning(TrendMeaning, meaning))


_M = TypeVar("_M", StatusMeaning, TrendMeaning)


def _meaning(kind: type[_M], meaning: str) -> _M:
    """A declared meaning, by its value; ParseError ``unknown_meaning`` for any other."""
    try:
        return kind(meaning)
    except ValueError:
        listed = ", ".join(m.value for m in kind)
        raise ParseError(
            str(meaning), f"a {kind.__name__} is one of {listed}", code="unknown_meaning"
        ) from None


def _unknown(text: str, what: str, code: str, examples: str) -> ParseError:
    return ParseError(
        text,
        f"not a {what} word of this vocabulary (such as {examples}): declare it with with_words",
        code=code,
    )


class StatusVocabulary(BaseModel):
    """The status words a scorecard uses and what each asserts; the default words if none given.

    Words are matched whatever their case, spacing or emoji presentation. ``with_words``
    declares more (or redeclares one), as a status, a list of statuses, or a
    :class:`PublishedStatus`.

    >>> words = StatusVocabulary().with_words({"Blue": "exceeded", "Off target": ["amber", "red"]})
    >>> words.parse(" blue ").means == {StatusMeaning.EXCEEDED}
    True
    >>> words.parse("OFF TARGET").describe()
    'amber or red'
    >>> "Purple" in words, "▲" in words
    (False, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    words: tuple[PublishedStatus, ...] = Field(default_factory=lambda: _DEFAULT_STATUS_WORDS)
    _by_word: dict[str, PublishedStatus] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        """Index the words by their folded spelling."""
        self._by_word.update(_index(self.words))

    def parse(self, text: str) -> PublishedStatus:
        """The status a published cell asserts; ParseError ``unknown_published_status`` if none."""
        if not isinstance(text, str):
            raise not_text_error(ParseError, text, "a published status")
        found = self._by_word.get(_fold(text))
        if found is None:
            examples = "'Green', 'G', 'On target' or '😊'"
            raise _unknown(text, "published status", "unknown_published_status", examples)
        return found

    def with_words(
        self,
        words: Mapping[str, StatusMeaning | str | Iterable[StatusMeaning | str] | PublishedStatus],
    ) -> StatusVocabulary:
        """A vocabulary with these words added, replacing any of the same spelling."""
        added = [_status_entry(word, meaning) for word, meaning in words.items()]
        keys = {_fold(entry.word) for entry in added}
        kept = [entry for entry in self.words if _fold(entry.word) not in keys]
        return StatusVocabulary(words=(*kept, *added))

    def __contains__(self, text: object) -> bool:
        """Whether the vocabulary knows this word."""
        return isinstance(text, str) and _fold(text) in self._by_word

    def __repr__(self) -> str:
        """Count the words rather than list them."""
        return f"kpi_scorecard.StatusVocabulary({len(self.words)} words)"


class TrendVocabulary(BaseModel):
    """The direction-of-travel words a scorecard uses; the default words if none given.

    Words are matched whatever their case, spacing or emoji presentation. ``with_words``
    declares more (or redeclares one), as a :class:`TrendMeaning` or a
    :class:`PublishedTrend`.

    >>> words = TrendVocabulary().with_words({"Deteriorating": "worsening"})
    >>> words.parse("deteriorating").means.value, words.parse("↘").means.value
    ('worsening', 'down')
    >>> "Sideways" in words
    False
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    words: tuple[PublishedTrend, ...] = Field(default_factory=lambda: _DEFAULT_TREND_WORDS)
    _by_word: dict[str, PublishedTrend] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        """Index the words by their folded spelling."""
        self._by_word.update(_index(self.words))

    def parse(self, text: str) -> PublishedTrend:
        """The trend a published cell asserts; ParseError ``unknown_published_trend`` if none."""
        if not isinstance(text, str):
            raise not_text_error(ParseError, text, "a published trend")
        found = self._by_word.get(_fold(text))
        if found is None:
            examples = "'Better', 'Improving', 'Up' or '↑'"
            raise _unknown(text, "published trend", "unknown_published_trend", examples)
        return found

    def with_words(
        self, words: Mapping[str, TrendMeaning | str | PublishedTrend]
    ) -> TrendVocabulary:
        """A vocabulary with these words added, replacing any of the same spelling."""
        added = [_trend_entry(word, meaning) for word, meaning in words.items()]
        keys = {_fold(entry.word) for entry in added}
        kept = [entry for entry in self.words if _fold(entry.word) not in keys]
        return TrendVocabulary(words=(*kept, *added))

    def __contains__(self, text: object) -> bool:
        """Whether the vocabulary knows this word."""
        return isinstance(text, str) and _fold(text) in self._by_word

    def __repr__(self) -> str:
        """Count the words rather than list them."""
        return f"kpi_scorecard.TrendVocabulary({len(self.words)} words)"


_G, _Y, _A, _R = StatusMeaning.GREEN, StatusMeaning.YELLOW, StatusMeaning.AMBER, StatusMeaning.RED
_MISSED = frozenset({_Y, _A, _R})


# Called only while the module is imported, before a mutation run's workers start, so its
# mutants could never be seen: the vocabulary tests pin every entry it builds instead.
def _status(
    word: str, *means: StatusMeaning, if_not_rated: TrendMeaning | None = None
) -> PublishedStatus:  # pragma: no mutate block
    return PublishedStatus(word=word, means=frozenset(means), if_not_rated=if_not_rated)


#: The status words every vocabulary starts from: the colours and their letters, the
#: target words, ticks and crosses, and the two faces of the council convention.
_DEFAULT_STATUS_WORDS: tuple[PublishedStatus, ...] = (
    _status("Green", _G),
    _status("G", _G),
    _status("Yellow", _Y),
    _status("Y", _Y),
    _status("Amber", _A),
    _status("A", _A),
    _status("Red", _R),
    _status("R", _R),
    _status("Not known", StatusMeaning.NOT_KNOWN),
    _status("On target", _G),
    _status("Slightly off target", _A),
    _status("Off target", _R),
    _status("Achieved", _G),
    _status("Not achieved", *_MISSED),
    _status("Met", _G),
    _status("Not met", *_MISSED),
    _status("✓", _G),
    _status("✔", _G),
    _status("✅", _G),
    _status("✗", *_MISSED),
    _status("✘", *_MISSED),
    _status("❌", *_MISSED),
    _status(HAPPY, _G, _Y, _A, if_not_rated=TrendMeaning.IMPROVING),
    _status(SAD, _R, if_not_rated=TrendMeaning.WORSENING),
)

_UP, _DOWN = TrendMeaning.UP, TrendMeaning.DOWN
_BETTER, _WORSE, _SAME = TrendMeaning.IMPROVING, TrendMeaning.WORSENING, TrendMeaning.NO_CHANGE

#: The trend words every vocabulary starts from: judgements (better, worse, the same),
#: movements (up, down) and arrows.
_DEFAULT_TREND_WORDS: tuple[PublishedTrend, ...] = tuple(
    PublishedTrend(word=word, means=means)
    for word, means in (
        ("Better", _BETTER),
        ("Improving", _BETTER),
        ("Improved", _BETTER),
        ("Improved performance", _BETTER),
        ("Getting better", _BETTER),
        ("Worse", _WORSE),
        ("Worsening", _WORSE),
        ("Getting worse", _WORSE),
        ("Requires improvement", _WORSE),
        ("Same", _SAME),
        ("Stayed the same", _SAME),
        ("No change", _SAME),
        ("Not known", TrendMeaning.NOT_KNOWN),
        (
            "Further information is needed or the latest measure is unavailable",
            TrendMeaning.NOT_KNOWN,
        ),
        ("Up", _UP),
        ("Down", _DOWN),
        ("↑", _UP),
        ("⬆", _UP),
        ("▲", _UP),
        ("↗", _UP),
        ("↓", _DOWN),
        ("⬇", _DOWN),
        ("▼", _DOWN),
        ("↘", _DOWN),
        ("→", _SAME),
        ("↔", _SAME),
    )
)


@lru_cache(maxsize=1)
def _default_statuses() -> StatusVocabulary:
    return StatusVocabulary()


@lru_cache(maxsize=1)
def _default_trends() -> TrendVocabulary:
    return TrendVocabulary()
