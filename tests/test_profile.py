import decimal
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from kpi_scorecard import (
    KpiScorecardError,
    ParseError,
    Profile,
    TargetParseError,
    TargetSetting,
)
from strategies import profiles

N = Decimal


@pytest.mark.parametrize(
    ("text", "weights", "canonical"),
    [
        ("1:1:1:1", (N(1), N(1), N(1), N(1)), "1:1:1:1"),  # even
        ("1:1:2:2", (N(1), N(1), N(2), N(2)), "1:1:2:2"),  # weighted to the second half
        ("1 : 2 : 3 : 4", (N(1), N(2), N(3), N(4)), "1:2:3:4"),  # spaced
        ("1/1/1/1", (N(1), N(1), N(1), N(1)), "1:1:1:1"),  # slashes
        ("1, 1, 1, 1", (N(1), N(1), N(1), N(1)), "1:1:1:1"),  # commas
        ("0.5;0.5;1;2", (N("0.5"), N("0.5"), N(1), N(2)), "0.5:0.5:1:2"),  # semicolons, decimals
        ("0:0:0:1", (N(0), N(0), N(0), N(1)), "0:0:0:1"),  # all due at the end
        ("1:1:1:1:1:1:1:1:1:1:1:1", (N(1),) * 12, "1:1:1:1:1:1:1:1:1:1:1:1"),  # monthly
    ],
)
def test_parse(text, weights, canonical):
    """Profile.parse reads weights in any separator and writes them with colons."""
    profile = Profile.parse(text)
    assert profile.weights == weights
    assert str(profile) == canonical


def test_even_profile():
    """Profile.even() gives each quarter the same weight."""
    assert Profile.even() == Profile.parse("1:1:1:1")


@pytest.mark.parametrize(
    ("text", "elapsed", "of", "share"),
    [
        ("1:1:1:1", 0, 4, Fraction(0)),  # nothing due before the year starts
        ("1:1:1:1", 1, 4, Fraction(1, 4)),  # a quarter after one quarter
        ("1:1:2:2", 2, 4, Fraction(1, 3)),  # a third by half year
        ("1:1:2:2", 4, 4, Fraction(1)),  # everything by year end
        ("1:1:1:1:1:1:1:1:1:1:1:1", 2, 4, Fraction(1, 2)),  # monthly weights asked for quarters
        ("1:1:1:1:1:1:1:1:1:1:1:1", 3, 12, Fraction(1, 4)),  # monthly weights asked for months
        ("1:1:2:2", 1, 12, Fraction(1, 18)),  # a quarter's weight spread over its months
        ("1:1:2:2", 7, 12, Fraction(4, 9)),  # two quarters and a third of the next: (2 + 2/3) / 6
        ("0:0:0:1", 3, 4, Fraction(0)),  # all due in the last quarter
    ],
)
def test_share_by(text, elapsed, of, share):
    """share_by gives the share of the annual target due after so many quarters or months."""
    result = Profile.parse(text).share_by(elapsed, of)
    assert isinstance(result, Decimal)
    assert abs(Fraction(result) - share) < Fraction(1, 10**25)


@pytest.mark.parametrize(
    ("elapsed", "of", "message"),
    [
        (5, 4, "a year has 4 quarters or 12 months; cannot take 5 of 4"),  # too many quarters
        (-1, 4, "a year has 4 quarters or 12 months; cannot take -1 of 4"),  # negative
        (1, 6, "a year has 4 quarters or 12 months; cannot take 1 of 6"),  # neither
    ],
)
def test_share_by_refuses_impossible_requests(elapsed, of, message):
    """share_by raises ValueError for a count of quarters or months a year cannot have."""
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        Profile.even().share_by(elapsed, of)
    assert str(caught.value) == message


# text, code, the message the user reads
# fmt: off
MALFORMED = [
    ("1:1:2", "bad_profile",
     "a profile has 4 (quarterly) or 12 (monthly) weights, not 3: '1:1:2'"),  # three weights
    ("1:1:1:1:1", "bad_profile",
     "a profile has 4 (quarterly) or 12 (monthly) weights, not 5: '1:1:1:1:1'"),  # five weights
    ("1:-1:1:1", "bad_profile",
     "profile weights are not negative and add up to more than 0: '1:-1:1:1'"),  # negative
    ("0:0:0:0", "bad_profile",
     "profile weights are not negative and add up to more than 0: '0:0:0:0'"),  # nothing due
    ("a:b:c:d", "bad_profile",
     "a profile is numbers such as '1:1:2:2': 'a:b:c:d'"),  # not numbers
    ("", "bad_profile",
     "a profile is numbers such as '1:1:2:2': ''"),  # empty
    ("1::1:1", "bad_profile",
     "a profile is numbers such as '1:1:2:2': '1::1:1'"),  # empty weight
    ("1:1:2:2%", "bad_profile",
     "a profile is numbers such as '1:1:2:2': '1:1:2:2%'"),  # percent sign
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "message"), MALFORMED)
def test_malformed_profiles(text, code, message):
    """A malformed profile raises TargetParseError with a stable code and says why, quoting it."""
    with pytest.raises(TargetParseError) as caught:
        Profile.parse(text)
    error = caught.value
    assert type(error) is TargetParseError
    assert isinstance(error, ParseError)
    assert isinstance(error, ValueError)
    assert isinstance(error, KpiScorecardError)
    assert error.code == code
    assert error.text == text
    assert str(error) == message


@pytest.mark.parametrize(("text", "code", "message"), MALFORMED)
def test_malformed_profile_in_a_setting(text, code, message):
    """Inside a TargetSetting a malformed profile is a ValidationError with the same code."""
    with pytest.raises(ValidationError) as caught:
        TargetSetting(measure_ref="CSC017", period="2019/20", target="20", profile=text)
    assert caught.value.errors()[0]["type"] == code
    assert caught.value.errors()[0]["loc"] == ("profile",)
    assert caught.value.errors()[0]["msg"] == message


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ((N(1),) * 5,
         "a profile has 4 (quarterly) or 12 (monthly) weights, not 5"),  # five weights
        ((N(-1), N(2), N(1), N(1)),
         "profile weights are not negative and add up to more than 0"),  # a negative weight
    ],
)  # fmt: skip
def test_profile_fields_are_checked(weights, message):
    """A profile built from weights checks their count and sign, saying which is wrong."""
    with pytest.raises(ValidationError) as caught:
        Profile(weights=weights)
    assert caught.value.errors()[0]["type"] == "bad_profile"
    assert caught.value.errors()[0]["msg"] == message


def test_repr_names_the_public_class():
    """The repr shows kpi_scorecard.Profile and the weights."""
    assert repr(Profile.parse("1/1/2/2")) == "kpi_scorecard.Profile('1:1:2:2')"


@given(profiles)
def test_text_round_trip(profile):
    """Reading a profile's canonical text gives the same profile back."""
    assert Profile.parse(str(profile)) == profile


@given(profiles)
def test_json_round_trip(profile):
    """A profile survives JSON as its text."""
    adapter = TypeAdapter(Profile)
    assert adapter.validate_json(adapter.dump_json(profile)) == profile


@given(profiles, st.sampled_from([4, 12]))
def test_share_rises_from_nothing_to_everything(profile, of):
    """The share due never falls as the year goes on, from 0 at the start to 1 at the end."""
    shares = [profile.share_by(elapsed, of) for elapsed in range(of + 1)]
    assert shares[0] == 0
    assert shares[-1] == 1
    assert shares == sorted(shares)


# text, code, the message the user reads
# fmt: off
AMBIGUOUS = [
    ("1,000,1,1", "ambiguous_profile",
     "a comma before three digits could separate weights or thousands; separate weights "
     "with ':' such as '1:1:2:2': '1,000,1,1'"),  # 1:0:1:1, or 1000 and two more?
    ("10,100,100,100", "ambiguous_profile",
     "a comma before three digits could separate weights or thousands; separate weights "
     "with ':' such as '1:1:2:2': '10,100,100,100'"),  # four weights, or one big number
    (" " * 32000, "bad_profile",
     "a profile is numbers such as '1:1:2:2': '" + " " * 32000 + "'"),  # a long run of spaces
    (5, "not_text", "a profile must be text, not int: 5"),  # a number, not text
]
# fmt: on


@pytest.mark.parametrize(("text", "code", "message"), AMBIGUOUS)
def test_ambiguous_and_hostile_profiles(text, code, message):
    """A comma that may group thousands is refused, as are blanks and non-text, saying why."""
    with pytest.raises(TargetParseError) as caught:
        Profile.parse(text)
    assert caught.value.code == code
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1,000:1:1:1", "1000:1:1:1"),  # with colons between weights, a comma groups thousands
        ("1, 100, 100, 1", "1:100:100:1"),  # commas followed by spaces separate weights
        ("1,1,2,2", "1:1:2:2"),  # no comma before three digits
        ("1\u00a0:\u00a01 : 2 :\t2", "1:1:2:2"),  # no-break spaces and tabs around separators
    ],
)
def test_commas_that_cannot_be_thousands(text, canonical):
    """Commas read as separators only where they cannot be thousands separators."""
    assert str(Profile.parse(text)) == canonical


def test_share_ignores_the_caller_context():
    """A share is the same under a context of three digits that traps rounding."""
    profile = Profile.parse("1:1:2:2")
    expected = profile.share_by(3, 12)
    with decimal.localcontext(decimal.Context(prec=3, traps=[decimal.Inexact])):
        assert profile.share_by(3, 12) == expected
        assert Profile.parse("1:1:2:2") == profile
