import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from kpi_scorecard import (
    Calendar,
    CellValue,
    KpiScorecardError,
    Measure,
    Observation,
    Period,
    Scorecard,
    ScorecardError,
    Target,
    TargetSetting,
    UnknownMeasureError,
)
from strategies import scorecards

N = Decimal
P = Period.parse
JULY = Calendar(year_start_month=7)


def _measures():
    return [
        Measure(reference="CSC001", title="Number of referrals"),
        Measure(reference="CSC002", unit="%", polarity="lower_is_better"),
        Measure(reference="CSC099", unit="day", polarity="lower_is_better"),
    ]


def _card(**fields):
    return Scorecard(title="Children and Families", measures=_measures(), **fields)


def _setting(ref, period, target):
    return TargetSetting(measure_ref=ref, period=period, target=target)


def _observation(ref, period, value):
    return Observation(measure_ref=ref, period=period, value=N(value))


SAME_REFERENCE_TWICE = [Measure(reference="CSC001"), Measure(reference="CSC001", title="again")]
SAME_QUARTER_TWICE = [
    _observation("CSC001", "Q1 2019/20", 633),
    _observation("CSC001", "Quarter 1 2019/20", 634),
]
SAME_YEAR_TWICE = [_setting("CSC002", "2019/20", "<18%"), _setting("CSC002", "FY2019/20", "<20%")]

# field, its items, error code
INVALID = [
    ("observations", [_observation("CSC404", "Q1 2019/20", 1)], "unknown_measure"),  # observation
    ("targets", [_setting("CSC404", "2019/20", "<18%")], "unknown_measure"),  # target
    ("measures", SAME_REFERENCE_TWICE, "duplicate_measure"),  # same reference twice
    ("observations", SAME_QUARTER_TWICE, "duplicate_observation"),  # same quarter, two notations
    ("targets", SAME_YEAR_TWICE, "duplicate_target"),  # same year, two notations
    ("targets", [_setting("CSC001", "2019/20", "<18%")], "incompatible_unit"),  # % on a count
    ("targets", [_setting("CSC002", "2019/20", "6 weeks")], "incompatible_unit"),  # weeks on a %
    ("targets", [_setting("CSC099", "2019/20", "50%")], "incompatible_unit"),  # % on days
    ("targets", [_setting("CSC099", "2019/20", "£5")], "incompatible_unit"),  # money on days
]


@pytest.mark.parametrize(("field", "items", "code"), INVALID)
def test_parts_that_do_not_fit_are_refused(field, items, code):
    """A scorecard whose parts do not fit together is refused with a stable error type."""
    data = {"title": "Children and Families", "measures": _measures(), field: items}
    with pytest.raises(ValidationError) as caught:
        Scorecard.model_validate(data)
    assert caught.value.errors()[0]["type"] == code


def test_incompatible_unit_message_names_the_target():
    """The incompatible unit error names the measure, the target and both units."""
    with pytest.raises(ValidationError) as caught:
        _card(targets=[_setting("CSC001", "2019/20", "<18%")])
    message = caught.value.errors()[0]["msg"]
    assert "CSC001" in message
    assert "'<18%'" in message
    assert "count" in message


def test_target_in_another_unit_is_converted():
    """A '6 weeks' target on a measure in days is stored as '42 day'."""
    card = _card(targets=[_setting("CSC099", "2019/20", "6 weeks")])
    setting = card.target_for("CSC099", P("Q1 2019/20"))
    assert setting is not None
    assert setting.target == Target.parse("42 day")
    assert str(setting.target) == "42 day"


def test_target_in_the_measure_unit_is_kept():
    """A target already in the measure's unit, or without a unit, is kept as written."""
    card = _card(
        targets=[_setting("CSC002", "2019/20", "<18%"), _setting("CSC001", "2019/20", "N/A")]
    )
    assert card.targets[0].target == Target.parse("<18%")
    assert card.targets[1].target == Target.parse("N/A")


def test_target_converted_to_a_larger_unit_is_exact():
    """A '14 days' target on a measure in weeks is stored as '2 week'."""
    card = Scorecard(
        measures=[Measure(reference="W1", unit="week")],
        targets=[_setting("W1", "2019/20", "14 days")],
    )
    assert str(card.targets[0].target) == "2 week"


def test_target_that_cannot_be_written_in_the_measure_unit_is_refused():
    """A target that would convert into an unwritable unit ('meter ** 2') is refused."""
    with pytest.raises(ValidationError) as caught:
        Scorecard(
            measures=[Measure(reference="ENV001", unit="m**2")],
            targets=[_setting("ENV001", "2019/20", "5 hectare")],
        )
    assert caught.value.errors()[0]["type"] == "unsupported_unit"


def test_bare_target_on_an_unwritable_unit_survives_json():
    """A bare target (in the measure's own unit) reads back from the scorecard's JSON."""
    card = Scorecard(
        measures=[Measure(reference="ENV001", unit="m**2")],
        targets=[_setting("ENV001", "2019/20", "50000")],
    )
    assert Scorecard.model_validate_json(card.model_dump_json()) == card


# --- target_for ----------------------------------------------------------------------------

SETTINGS = [
    _setting("CSC002", "2018/19", "<20%"),
    _setting("CSC002", "2019/20", "<18%"),
    _setting("CSC002", "Q1 2019/20", "<19%"),
]

# period asked about, target expected (None: no setting in force)
TARGET_FOR = [
    ("Q1 2019/20", "<19%"),  # the quarter's own setting is more specific than the year's
    ("Q2 2019/20", "<18%"),  # other quarters fall back to the year's
    ("April 2019", "<19%"),  # a month of the quarter uses the quarter's setting
    ("March 2020", "<18%"),  # the year's last month
    ("2019/20", "<18%"),  # the year itself
    ("Q4 2018/19", "<20%"),  # a past year keeps its own target
    ("2018/19", "<20%"),  # the past year itself
    ("Q1 2020/21", None),  # after every setting
    ("Q4 2017/18", None),  # before every setting
    ("1/7/18 - 30/6/19", None),  # a range across two years has no single setting
]


@pytest.mark.parametrize(("period", "expected"), TARGET_FOR)
def test_target_for_picks_the_most_specific_setting(period, expected):
    """target_for gives the shortest setting whose period contains the one asked about."""
    card = _card(targets=SETTINGS)
    setting = card.target_for("CSC002", P(period))
    if expected is None:
        assert setting is None
    else:
        assert setting is not None
        assert setting.target == Target.parse(expected)


def test_target_for_does_not_depend_on_setting_order():
    """The settings can be given in any order."""
    card = _card(targets=list(reversed(SETTINGS)))
    assert card.target_for("CSC002", P("Q1 2019/20")).target == Target.parse("<19%")
    assert card.target_for("CSC002", P("Q2 2019/20")).target == Target.parse("<18%")


def test_measure_without_settings_has_no_target():
    """A known measure with no settings has no target for any period."""
    assert _card(targets=SETTINGS).target_for("CSC001", P("Q1 2019/20")) is None


# --- lookups -------------------------------------------------------------------------------


def _card_with_observations():
    return _card(
        observations=[
            _observation("CSC001", "Q1 2019/20", 633),
            _observation("CSC001", "Year end 2018/19", 2558),
            _observation("CSC001", "Q4 2018/19", 614),
            _observation("CSC002", "Q1 2019/20", 17),
        ]
    )


def test_observation_lookup():
    """observation() finds the measure's figure for exactly that period, or None."""
    card = _card_with_observations()
    assert card.observation("CSC001", P("Quarter 1 2019/20")).value == N(633)
    assert card.observation("CSC002", P("Q1 2019/20")).value == N(17)
    assert card.observation("CSC001", P("Q2 2019/20")) is None
    assert card.observation("CSC099", P("Q1 2019/20")) is None


def test_observations_for_are_in_period_order():
    """observations_for() lists the measure's observations in period order."""
    card = _card_with_observations()
    periods = [str(o.period) for o in card.observations_for("CSC001")]
    assert periods == ["2018/19", "Q4 2018/19", "Q1 2019/20"]
    assert card.observations_for("CSC099") == ()


def test_observations_by_period_is_read_only():
    """observations_by_period() maps periods to observations and cannot be changed."""
    card = _card_with_observations()
    view = card.observations_by_period("CSC001")
    assert view[P("Q4 2018/19")].value == N(614)
    assert len(view) == 3
    with pytest.raises(TypeError):
        view[P("Q2 2019/20")] = view[P("Q4 2018/19")]


def test_periods_lists_each_observed_period_once():
    """The periods property lists every observed period once, in order."""
    card = _card_with_observations()
    assert [str(p) for p in card.periods] == ["2018/19", "Q4 2018/19", "Q1 2019/20"]


def test_measure_lookup():
    """measure() gives the measure with that reference."""
    assert _card().measure("CSC002").unit == "percent"


@pytest.mark.parametrize(
    "lookup",
    [
        lambda card: card.measure("CSC404"),
        lambda card: card.observation("CSC404", P("Q1 2019/20")),
        lambda card: card.observations_for("CSC404"),
        lambda card: card.observations_by_period("CSC404"),
        lambda card: card.target_for("CSC404", P("Q1 2019/20")),
    ],
    ids=["measure", "observation", "observations_for", "observations_by_period", "target_for"],
)
def test_unknown_reference_raises_unknown_measure_error(lookup):
    """Lookups raise UnknownMeasureError (a KeyError, a ScorecardError) for unknown references."""
    with pytest.raises(UnknownMeasureError) as caught:
        lookup(_card_with_observations())
    error = caught.value
    assert isinstance(error, KeyError)
    assert isinstance(error, ScorecardError)
    assert isinstance(error, KpiScorecardError)
    assert error.reference == "CSC404"
    assert error.code == "unknown_measure"


def test_repr_summarises():
    """The repr names the public class and counts the parts instead of listing them."""
    assert repr(_card_with_observations()) == (
        "kpi_scorecard.Scorecard(title='Children and Families', measures=3, targets=0, "
        "observations=4)"
    )


def test_scorecard_is_frozen():
    """A scorecard cannot be changed once built."""
    card = _card()
    with pytest.raises(ValidationError):
        card.title = "Other"


# --- calendars -----------------------------------------------------------------------------


def test_period_text_is_read_in_the_scorecard_calendar():
    """A scorecard in a July calendar reads its targets' and observations' periods in it."""
    card = Scorecard(
        calendar=JULY,
        measures=[Measure(reference="CSC001")],
        targets=[{"measure_ref": "CSC001", "period": "2019/20", "target": "1700-2000"}],
        observations=[{"measure_ref": "CSC001", "period": "Q1 2019/20", "value": "633"}],
    )
    assert card.targets[0].period.start == dt.date(2019, 7, 1)
    assert card.targets[0].period.end == dt.date(2020, 6, 30)
    q1 = card.observations[0].period
    assert (q1.start, q1.end) == (dt.date(2019, 7, 1), dt.date(2019, 9, 30))
    assert card.target_for("CSC001", Period.parse("Q4 2019/20", calendar=JULY)) is not None
    assert card.target_for("CSC001", Period.parse("2019/20")) is None  # UK: from April 2019


def test_calendar_given_as_data_is_read():
    """A calendar given as a mapping is read before the periods are."""
    card = Scorecard.model_validate(
        {
            "calendar": {"year_start_month": 10},
            "measures": [{"reference": "CSC001"}],
            "observations": [{"measure_ref": "CSC001", "period": "2019-Q1", "value": "1"}],
        }
    )
    assert card.calendar == Calendar(year_start_month=10)
    assert card.observations[0].period.start == dt.date(2019, 10, 1)


def test_round_trip_in_a_july_calendar():
    """A scorecard in a July calendar reads back from its JSON with the same days."""
    card = Scorecard(
        calendar=JULY,
        measures=[Measure(reference="CSC001")],
        targets=[{"measure_ref": "CSC001", "period": "2019/20", "target": "1700-2000"}],
        observations=[{"measure_ref": "CSC001", "period": "Q1 2019/20", "value": "633"}],
    )
    again = Scorecard.model_validate_json(card.model_dump_json())
    assert again == card
    assert again.observations[0].period.start == dt.date(2019, 7, 1)


def test_period_from_another_calendar_is_refused_or_kept():
    """A period placed in another calendar is either refused or survives a JSON round trip."""
    try:
        card = Scorecard(
            calendar=JULY,
            measures=[Measure(reference="CSC001")],
            observations=[_observation("CSC001", P("Q1 2019/20"), 633)],  # UK: April to June
        )
    except ValidationError:
        return
    assert Scorecard.model_validate_json(card.model_dump_json()) == card


# --- example and properties ----------------------------------------------------------------


def test_example_scorecard_builds(example_rows):
    """The example scorecard's cells build a scorecard that hangs together."""
    measures = []
    observations = []
    targets = []
    for row in example_rows:
        measures.append(
            Measure(reference=row["ref"], unit="%" if "%" in row["target"] else "count")
        )
        for header, text in row["values"].items():
            cell_observation = Observation.from_cell(row["ref"], P(header), CellValue.parse(text))
            if cell_observation.has_value:
                observations.append(cell_observation)
        targets.append(_setting(row["ref"], "2019/20", row["target"]))
    card = Scorecard(measures=measures, observations=observations, targets=targets)
    assert card.observation("P&EH006", P("Q1 2019/20")).cumulative == N(1382)
    assert card.target_for("CSC005", P("Q1 2019/20")).target == Target.parse("1700-2000")
    assert card.target_for("Ed&S015", P("Q3 2019/20")).target == Target.parse("100 per quarter")
    assert Scorecard.model_validate_json(card.model_dump_json()) == card


# A scorecard is a large example (up to three measures, a dozen targets and observations),
# so its properties run on a quarter of the profile's examples.
CARD_EXAMPLES = settings(max_examples=max(10, settings.default.max_examples // 4))


@CARD_EXAMPLES
@given(scorecards())
def test_json_round_trip(card):
    """A whole scorecard survives JSON, before and after it has been queried."""
    again = Scorecard.model_validate_json(card.model_dump_json())
    assert again == card
    assert again.calendar == card.calendar
    for measure in card.measures:
        card.observations_for(measure.reference)
    assert Scorecard.model_validate_json(card.model_dump_json()) == card


@CARD_EXAMPLES
@given(scorecards())
def test_every_observation_and_target_is_found(card):
    """Every observation is found by its measure and period, and every target rates its period."""
    for observation in card.observations:
        assert card.observation(observation.measure_ref, observation.period) == observation
    for measure in card.measures:
        found = card.observations_for(measure.reference)
        assert list(found) == sorted(found, key=lambda o: o.period)
        assert all(o.measure_ref == measure.reference for o in found)
    for setting in card.targets:
        chosen = card.target_for(setting.measure_ref, setting.period)
        assert chosen == setting
