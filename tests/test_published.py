"""Published statuses and trends: the words of real scorecards read into typed values."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kpi_scorecard import (
    ParseError,
    PublishedStatus,
    PublishedTrend,
    StatusMeaning,
    StatusVocabulary,
    TrendMeaning,
    TrendVocabulary,
)

G, Y, A, R = StatusMeaning.GREEN, StatusMeaning.YELLOW, StatusMeaning.AMBER, StatusMeaning.RED
MISSED = {Y, A, R}

STATUSES = StatusVocabulary()
TRENDS = TrendVocabulary()


@pytest.mark.parametrize(
    ("text", "word", "means", "if_not_rated"),
    [
        ("R", "R", {R}, None),  # Bath's detail table
        ("G", "G", {G}, None),  # Bath's detail table
        ("RED", "Red", {R}, None),  # Bath's summary table, in capitals
        ("AMBER", "Amber", {A}, None),  # Bath's summary table
        ("GREEN", "Green", {G}, None),  # Bath's summary table
        ("NOT KNOWN", "Not known", {StatusMeaning.NOT_KNOWN}, None),  # Bath's summary table
        ("a", "A", {A}, None),  # a letter in lower case
        ("Yellow", "Yellow", {Y}, None),  # the four-colour scheme
        ("On target", "On target", {G}, None),  # target words
        ("Slightly  off target", "Slightly off target", {A}, None),  # spaces squeezed
        ("Off target", "Off target", {R}, None),  # beside "slightly off target": red
        ("Achieved", "Achieved", {G}, None),  # achieved
        ("Not achieved", "Not achieved", MISSED, None),  # any miss
        ("met", "Met", {G}, None),  # met
        ("Not Met", "Not met", MISSED, None),  # any miss
        ("✓", "✓", {G}, None),  # tick
        ("✔", "✔", {G}, None),  # heavy tick
        ("✔️", "✔", {G}, None),  # heavy tick, emoji presentation
        ("✗", "✗", MISSED, None),  # ballot x
        ("✘", "✘", MISSED, None),  # heavy ballot x
        ("😊", "😊", {G, Y, A}, TrendMeaning.IMPROVING),  # the example's happy face
        ("☹️", "☹️", {R}, TrendMeaning.WORSENING),  # the example's sad face, U+2639 U+FE0F
        ("☹", "☹️", {R}, TrendMeaning.WORSENING),  # the same face, text presentation
        (" \u00a0G\t", "G", {G}, None),  # a cell padded with a no-break space and a tab
    ],
)
def test_default_status_words(text, word, means, if_not_rated):
    """Each default status word reads into what it asserts, spelled as the vocabulary does."""
    status = STATUSES.parse(text)
    assert (status.word, status.means, status.if_not_rated) == (word, means, if_not_rated)
    assert PublishedStatus.parse(str(status)) == status


@pytest.mark.parametrize(
    ("text", "word", "means"),
    [
        ("Improved performance", "Improved performance", TrendMeaning.IMPROVING),  # Cheshire West
        ("Stayed the same", "Stayed the same", TrendMeaning.NO_CHANGE),  # Cheshire West
        ("Requires improvement", "Requires improvement", TrendMeaning.WORSENING),  # Cheshire West
        ("Better", "Better", TrendMeaning.IMPROVING),  # judgement
        ("worse", "Worse", TrendMeaning.WORSENING),  # judgement
        ("SAME", "Same", TrendMeaning.NO_CHANGE),  # judgement
        ("Improving", "Improving", TrendMeaning.IMPROVING),  # judgement
        ("Getting worse", "Getting worse", TrendMeaning.WORSENING),  # judgement
        ("Up", "Up", TrendMeaning.UP),  # a movement: good only by polarity
        ("down", "Down", TrendMeaning.DOWN),  # a movement
        ("↑", "↑", TrendMeaning.UP),  # arrow
        ("⬆️", "⬆", TrendMeaning.UP),  # heavy arrow, emoji presentation
        ("▲", "▲", TrendMeaning.UP),  # a triangle in a trend column
        ("↗", "↗", TrendMeaning.UP),  # rising
        ("↓", "↓", TrendMeaning.DOWN),  # arrow
        ("⬇", "⬇", TrendMeaning.DOWN),  # heavy arrow
        ("▼", "▼", TrendMeaning.DOWN),  # a triangle in a trend column
        ("↘", "↘", TrendMeaning.DOWN),  # falling
        ("→", "→", TrendMeaning.NO_CHANGE),  # level
    ],
)
def test_default_trend_words(text, word, means):
    """Each default trend word reads into what it asserts, spelled as the vocabulary does."""
    trend = TRENDS.parse(text)
    assert (trend.word, trend.means) == (word, means)
    assert PublishedTrend.parse(str(trend)) == trend


# The Status column of Bath & North East Somerset's 2003/04 performance plan (rows 82a to
# 199c), and the words of its summary table.
BATH_DETAIL = ["R", "R", "G", "R", "G", "G", "G", "G", "G", "R", "G", "G", "G"]
BATH_SUMMARY = ["RED", "AMBER", "GREEN", "NOT KNOWN"]
# The direction column of Cheshire West and Chester's "Thriving residents" page, in order.
CHESHIRE_WEST = [
    "Stayed the same",
    "Improved performance",
    "Improved performance",
    "Improved performance",
    "Requires improvement",
    "Improved performance",
    "Stayed the same",
    "Improved performance",
    "Improved performance",
    "Improved performance",
    "Stayed the same",
    "Improved performance",
    "Requires improvement",
]


def test_every_published_word_of_the_real_scorecards_is_read():
    """Bath's statuses and Cheshire West's trends all read, in the counts the pages give."""
    bath = [STATUSES.parse(cell).means for cell in BATH_DETAIL]
    assert (bath.count({R}), bath.count({G})) == (4, 9)
    summary = [STATUSES.parse(word).means for word in BATH_SUMMARY]
    assert summary == [{R}, {A}, {G}, {StatusMeaning.NOT_KNOWN}]
    west = [TRENDS.parse(cell).means for cell in CHESHIRE_WEST]
    counts = [west.count(m) for m in (_IMPROVING, TrendMeaning.NO_CHANGE, TrendMeaning.WORSENING)]
    assert counts == [8, 3, 2]


_IMPROVING = TrendMeaning.IMPROVING


@pytest.mark.parametrize(
    ("vocabulary", "text", "message", "code"),
    [
        (STATUSES, "Purple", "not a published status word", "unknown_published_status"),  # colour
        (STATUSES, "Blue", "not a published status word", "unknown_published_status"),  # declare
        (STATUSES, "▲", "not a published status word", "unknown_published_status"),  # shape
        (STATUSES, "●", "not a published status word", "unknown_published_status"),  # shape
        (STATUSES, "", "not a published status word", "unknown_published_status"),  # empty
        (TRENDS, "Sideways", "not a published trend word", "unknown_published_trend"),  # word
        (TRENDS, "😊", "not a published trend word", "unknown_published_trend"),  # a status
    ],
)
def test_unknown_words_are_errors_that_quote_them(vocabulary, text, message, code):
    """A word the vocabulary does not know raises ParseError with a code, quoting the word."""
    with pytest.raises(ParseError) as caught:
        vocabulary.parse(text)
    examples = (
        "'Green', 'G', 'On target' or '😊'"
        if code == "unknown_published_status"
        else "'Better', 'Improving', 'Up' or '↑'"
    )
    assert caught.value.code == code
    assert caught.value.text == text
    assert str(caught.value) == (
        f"{message} of this vocabulary (such as {examples}): declare it with with_words: {text!r}"
    )


@pytest.mark.parametrize("vocabulary", [STATUSES, TRENDS], ids=["status", "trend"])
def test_a_vocabulary_refuses_what_is_not_text(vocabulary):
    """A cell that is not text is an error coded ``not_text``, naming its type."""
    with pytest.raises(ParseError) as caught:
        vocabulary.parse(3)
    assert caught.value.code == "not_text"
    assert str(caught.value).endswith("must be text, not int: 3")


def test_with_words_declares_blue_and_shapes():
    """The caller declares Blue and the shapes; the default vocabulary is left unchanged."""
    mine = STATUSES.with_words(
        {
            "Blue": StatusMeaning.EXCEEDED,
            "B": "complete",
            "●": "green",
            "▲": "amber",
            "■": [StatusMeaning.RED],
            "Off target": ["amber", "red"],  # redeclared: only two words on this scorecard
        }
    )
    assert mine.parse("blue").means == {StatusMeaning.EXCEEDED}
    assert mine.parse("B").means == {StatusMeaning.COMPLETE}
    assert [mine.parse(s).means for s in "●▲■"] == [{G}, {A}, {R}]
    assert mine.parse("off target").means == {A, R}
    assert STATUSES.parse("Off target").means == {R}
    assert "Blue" not in STATUSES
    assert len(mine.words) == len(STATUSES.words) + 5


def test_with_words_takes_a_whole_published_status():
    """A declared PublishedStatus keeps its meanings and takes the word it is declared as."""
    face = STATUSES.parse("😊")
    mine = STATUSES.with_words({"🙂": face})
    assert mine.parse("🙂") == face.model_copy(update={"word": "🙂"})
    trends = TRENDS.with_words({"Deteriorating": "worsening", "⇧": TRENDS.parse("Up")})
    assert trends.parse("deteriorating").means is TrendMeaning.WORSENING
    assert trends.parse("⇧").word == "⇧"


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: StatusVocabulary().with_words({"Blue": "navy"}), "unknown_meaning"),  # no such
        (lambda: TrendVocabulary().with_words({"Flat": "level"}), "unknown_meaning"),  # no such
        (lambda: PublishedStatus(word="X", means=frozenset()), "too_short"),  # means nothing
        (lambda: PublishedStatus(word="  ", means={G}), "empty_published_word"),  # blank word
        (
            lambda: PublishedStatus(word="?", means={G, StatusMeaning.NOT_KNOWN}),
            "contradictory_published_status",
        ),  # known and not known
        (
            lambda: StatusVocabulary(
                words=(
                    PublishedStatus(word="Red", means={R}),
                    PublishedStatus(word="RED", means={A}),
                )
            ),
            "duplicate_published_word",
        ),  # two spellings of one word
        (lambda: PublishedTrend(word=" ", means="up"), "empty_published_word"),  # blank word
    ],
)
def test_bad_declarations_are_refused(build, code):
    """A declaration that cannot mean one thing is refused when it is made."""
    with pytest.raises((ValidationError, ParseError)) as caught:
        build()
    error = caught.value
    assert (error.errors()[0]["type"] if isinstance(error, ValidationError) else error.code) == code


def test_a_contradiction_names_the_other_meanings():
    """The refusal of "known and not known" names what else the word claims, not itself."""
    with pytest.raises(ValidationError) as caught:
        PublishedStatus(word="?", means={G, A, StatusMeaning.NOT_KNOWN})
    message = caught.value.errors()[0]["msg"]
    assert message == "'?': a status not known cannot also be green or amber"


def test_trend_with_words_keeps_the_words_it_does_not_replace():
    """with_words on trends replaces one spelling and keeps every other default word."""
    trends = TRENDS.with_words({"Up": "worsening", "Deteriorating": "worsening"})
    assert trends.parse("UP").means is TrendMeaning.WORSENING
    assert TRENDS.parse("Up").means is TrendMeaning.UP
    assert len(trends.words) == len(TRENDS.words) + 1
    assert {str(word) for word in TRENDS.words} - {"Up"} <= {str(w) for w in trends.words}
    assert "deteriorating" in trends
    assert "Deteriorating" not in TRENDS
    assert 3 not in TRENDS


def test_describe_says_what_a_word_asserts():
    """describe() names the meanings in order, and a face's direction where nothing is rated."""
    assert STATUSES.parse("Not met").describe() == "yellow, amber or red"
    assert STATUSES.parse("☹️").describe() == "red; worsening where nothing is rated"
    assert STATUSES.parse("Not known").describe() == "not known"
    assert TRENDS.parse("Stayed the same").describe() == "no change"
    assert repr(STATUSES.parse("G")) == "kpi_scorecard.PublishedStatus('G', means='green')"
    assert repr(TRENDS.parse("↑")) == "kpi_scorecard.PublishedTrend('↑', means='up')"


def test_vocabularies_are_frozen_and_hashable():
    """A vocabulary cannot change once built, and equal vocabularies hash alike."""
    with pytest.raises(ValidationError):
        STATUSES.words = ()
    assert hash(StatusVocabulary()) == hash(STATUSES)
    assert TrendVocabulary() == TRENDS


@given(
    index=st.integers(min_value=0, max_value=len(STATUSES.words) - 1),
    case=st.sampled_from([str.upper, str.lower, str.title, lambda s: f"  {s} "]),
)
def test_every_status_word_reads_back_from_its_text(index, case):
    """parse(str(x)) == x for every word, and any casing or padding of it reads the same."""
    status = STATUSES.words[index]
    assert STATUSES.parse(str(status)) is status
    assert STATUSES.parse(case(str(status))) is status


@given(index=st.integers(min_value=0, max_value=len(TRENDS.words) - 1))
def test_every_trend_word_reads_back_from_its_text(index):
    """parse(str(x)) == x for every trend word, in any case."""
    trend = TRENDS.words[index]
    assert TRENDS.parse(str(trend)) is trend
    assert TRENDS.parse(str(trend).swapcase()) is trend


@pytest.mark.parametrize(
    ("parse", "what"),
    [
        (STATUSES.parse, "a published status"),  # status words
        (TRENDS.parse, "a published trend"),  # trend words
    ],
)
def test_a_word_that_is_not_text_is_refused_by_name(parse, what):
    """A published word that is not text is ParseError not_text naming what it should be."""
    with pytest.raises(ParseError) as caught:
        parse(5)
    assert (caught.value.code, str(caught.value)) == (
        "not_text",
        f"{what} must be text, not int: 5",
    )


def test_a_word_declared_twice_names_both_spellings():
    """Two spellings of one word are refused naming the later one and the one it repeats."""
    with pytest.raises(ValidationError) as caught:
        StatusVocabulary().with_words({"Blue": "green", "BLUE": "red"})
    [error] = caught.value.errors()
    assert error["type"] == "duplicate_published_word"
    assert error["ctx"] == {"word": "'BLUE'", "other": "'Blue'"}
    assert error["msg"] == "'BLUE' and 'Blue' are the same word: declare it once"


@pytest.mark.parametrize(
    ("build", "text", "message"),
    [
        (
            lambda: StatusVocabulary().with_words({"Blue": "navy"}),
            "navy",
            "a StatusMeaning is one of green, yellow, amber, red, exceeded, complete, not_known",
        ),  # no such status meaning
        (
            lambda: TrendVocabulary().with_words({"Flat": "level"}),
            "level",
            "a TrendMeaning is one of improving, worsening, no_change, up, down, not_known",
        ),  # no such trend meaning
    ],
)
def test_an_unknown_meaning_lists_the_meanings(build, text, message):
    """A meaning that is not declared is quoted and every meaning of its kind is listed."""
    with pytest.raises(ParseError) as caught:
        build()
    assert (caught.value.code, caught.value.text) == ("unknown_meaning", text)
    assert str(caught.value) == f"{message}: {text!r}"
