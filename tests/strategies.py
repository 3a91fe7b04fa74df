"""Hypothesis strategies for the domain model, shared by the test modules.

Every strategy builds objects through the public constructors, so a property that fails
points at the model, not at the strategy.
"""

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from kpi_scorecard import (
    Aggregation,
    Band,
    Calendar,
    CellValue,
    ChangeInterval,
    ChangeTarget,
    Comparator,
    CumulativeTarget,
    Measure,
    NotApplicable,
    NoTarget,
    Observation,
    ObservationStatus,
    Period,
    Polarity,
    Profile,
    RangeTarget,
    RelativePeriod,
    Scorecard,
    TargetSetting,
    Term,
    ThresholdTarget,
)
from kpi_scorecard._numbers import figure_problem

FIRST_YEAR = 1950
LAST_YEAR = 2080

years = st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR)
days = st.dates(min_value=dt.date(FIRST_YEAR, 1, 1), max_value=dt.date(LAST_YEAR, 12, 31))

#: Calendars that the examples name: UK (April), Australia (July), US federal (October),
#: calendar year (January).
NAMED_CALENDARS = (
    Calendar(),
    Calendar(year_start_month=7),
    Calendar(year_start_month=10),
    Calendar(year_start_month=1),
)

# Term names: a letter, then words of letters and digits separated by single spaces.
term_names = st.from_regex(r"[A-Z][a-z]{0,7}( [A-Za-z0-9]{1,3}){0,2}", fullmatch=True)


@st.composite
def term_tuples(draw, *, min_size: int = 1, max_size: int = 6) -> tuple[Term, ...]:
    """Non-overlapping terms, one after another, with labels that differ."""
    count = draw(st.integers(min_value=min_size, max_value=max_size))
    names = draw(st.lists(term_names, min_size=count, max_size=count))
    day = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
    terms: list[Term] = []
    for name in names:
        start = day + dt.timedelta(days=draw(st.integers(min_value=1, max_value=60)))
        end = start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=120)))
        label = f"{name} term {start.year}".casefold()
        if all(term.label.casefold() != label for term in terms):
            terms.append(Term(name=name, start=start, end=end))
        day = end
    return tuple(terms)


calendars = st.one_of(
    st.sampled_from(NAMED_CALENDARS),
    st.builds(
        Calendar,
        year_start_month=st.integers(min_value=1, max_value=12),
        academic_year_start_month=st.integers(min_value=1, max_value=12),
    ),
)
#: Calendars that name a financial year written as one year by the year it ends in.
fiscal_calendars = st.builds(
    Calendar,
    year_start_month=st.integers(min_value=1, max_value=12),
    fiscal_year_naming=st.just("end_year"),
)
calendars_with_terms = st.builds(
    Calendar,
    year_start_month=st.integers(min_value=1, max_value=12),
    academic_year_start_month=st.integers(min_value=1, max_value=12),
    terms=term_tuples(),
)


@st.composite
def periods_in(draw, calendar: Calendar) -> Period:
    """A period of any kind except a term, placed in ``calendar``."""
    kind = draw(
        st.sampled_from(
            ["year", "quarter", "month", "academic", "rolling", "snapshot", "range"],
        )
    )
    if kind == "year":
        return Period.financial_year(draw(years), calendar=calendar)
    if kind == "quarter":
        quarter = draw(st.integers(min_value=1, max_value=4))
        return Period.financial_quarter(draw(years), quarter, calendar=calendar)
    if kind == "month":
        month = draw(st.integers(min_value=1, max_value=12))
        return Period.month(draw(years), month, calendar=calendar)
    if kind == "academic":
        return Period.academic_year(draw(years), calendar=calendar)
    if kind == "rolling":
        months = draw(st.integers(min_value=1, max_value=36))
        return Period.rolling(draw(days), months, calendar=calendar)
    if kind == "snapshot":
        return Period.snapshot(draw(days), calendar=calendar)
    start = draw(days)
    length = draw(st.integers(min_value=0, max_value=800))
    return Period.date_range(start, start + dt.timedelta(days=length), calendar=calendar)


@st.composite
def term_periods(draw) -> Period:
    """A school term of a calendar that lists term dates."""
    calendar = draw(calendars_with_terms)
    term = draw(st.sampled_from(calendar.terms))
    return Period.term(term.name, term.start.year, calendar=calendar)


periods = st.one_of(calendars.flatmap(periods_in), term_periods())

#: Every relative period: each unit with each shift it has.
relative_periods = st.sampled_from(
    [
        RelativePeriod(unit=unit, shift=shift)
        for unit, shifts in {
            "period": ("this", "previous", "last_year"),
            "month": ("this", "previous", "last_year"),
            "quarter": ("this", "previous", "last_year"),
            "year": ("this", "previous"),
            "year_to_date": ("this", "last_year"),
        }.items()
        for shift in shifts
    ]
)
default_periods = periods_in(Calendar())

# --- numbers, targets, values -----------------------------------------------------------

# Only figures inside the library's limits (figure_problem): hypothesis also draws numbers
# with more decimal places than a figure may have.
decimals = st.decimals(
    min_value=Decimal(-(10**9)), max_value=Decimal(10**9), allow_nan=False, allow_infinity=False
).filter(lambda figure: figure_problem(figure) is None)
positive_decimals = st.decimals(
    min_value=Decimal("0.001"), max_value=Decimal(10**9), allow_nan=False, allow_infinity=False
).filter(lambda figure: figure_problem(figure) is None)
#: Units a target figure may carry: none (the measure's), percent, time and money.
target_units = st.sampled_from([None, "percent", "day", "week", "hour", "GBP"])


@st.composite
def decimal_pairs(draw) -> tuple[Decimal, Decimal]:
    """Two numbers, the first strictly lower."""
    low = draw(decimals)
    high = low + draw(positive_decimals)
    return low, high


threshold_targets = st.builds(
    ThresholdTarget,
    value=decimals,
    comparator=st.one_of(st.none(), st.sampled_from(Comparator)),
    unit=target_units,
)
range_targets = st.builds(
    lambda pair, unit: RangeTarget(low=pair[0], high=pair[1], unit=unit),
    decimal_pairs(),
    target_units,
)
cumulative_targets = st.builds(CumulativeTarget, value=decimals, unit=target_units)
change_targets = st.builds(
    ChangeTarget, amount=positive_decimals, per=st.sampled_from(ChangeInterval), unit=target_units
)
#: A yes/no achievement to reach: Yes (at least 1) or No (at most 0).
yes_no_targets = st.sampled_from(
    [
        ThresholdTarget(value=Decimal(1), comparator=Comparator.GE, unit="yes_no"),
        ThresholdTarget(value=Decimal(0), comparator=Comparator.LE, unit="yes_no"),
    ]
)
targets = st.one_of(
    threshold_targets,
    yes_no_targets,
    range_targets,
    cumulative_targets,
    change_targets,
    st.just(NoTarget()),
    st.just(NotApplicable()),
)

bands = st.builds(lambda pair: Band(low=pair[0], high=pair[1]), decimal_pairs())
figure_statuses = st.sampled_from([s for s in ObservationStatus if not s.missing])
missing_statuses = st.sampled_from([s for s in ObservationStatus if s.missing])

# A cell without a figure is written as its status alone, so it carries no percent sign and
# no cumulative figure.
cell_values = st.one_of(
    st.builds(
        CellValue,
        value=st.one_of(decimals, bands),
        percent=st.booleans(),
        cumulative=st.one_of(st.none(), decimals),
        status=figure_statuses,
    ),
    st.builds(CellValue, status=missing_statuses),
    st.builds(  # a yes/no achievement: Yes is 1, No is 0
        CellValue,
        value=st.sampled_from([Decimal(0), Decimal(1)]),
        unit=st.just("yes_no"),
        status=figure_statuses,
    ),
    st.builds(  # a revised one
        CellValue,
        value=st.sampled_from([Decimal(0), Decimal(1)]),
        unit=st.just("yes_no"),
        revised=st.just(True),
    ),
)

weights = st.decimals(min_value=0, max_value=10**6, places=3)
profiles = (
    st.sampled_from([4, 12])
    .flatmap(lambda size: st.lists(weights, min_size=size, max_size=size))
    .filter(lambda found: sum(found) > 0)
    .map(lambda found: Profile(weights=tuple(found)))
)

# --- measures, observations, scorecards -------------------------------------------------

references = st.from_regex(r"[A-Z][A-Za-z&]{0,5}[0-9]{3}", fullmatch=True)
# Letters, digits, punctuation and a few characters that scorecards use beyond ASCII.
free_text = st.text(alphabet="abcxyzABCXYZ0189 .,;:'\"()/&%-\n\té’£–—🟢", max_size=30)
measure_units = st.sampled_from(["count", "percent", "day", "week", "GBP", "hour"])

measures = st.builds(
    Measure,
    reference=references,
    title=free_text,
    department=free_text,
    responsible_officer=free_text,
    benchmark=free_text,
    unit=measure_units,
    polarity=st.sampled_from(Polarity),
    aggregation=st.sampled_from(Aggregation),
    notes=free_text,
)


_published = st.one_of(st.none(), st.sampled_from(["Green", "Red", "🟢"]))
_figures = st.one_of(decimals, bands)
_cumulatives = st.one_of(st.none(), decimals)


@st.composite
def _observation_fields(draw) -> dict[str, object]:
    """Everything about an observation except its measure and period."""
    has_ratio = draw(st.booleans())
    fields: dict[str, object] = {
        "numerator": draw(positive_decimals) if has_ratio else None,
        "denominator": draw(positive_decimals) if has_ratio else None,
        "published_status": draw(_published),
        "published_trend": draw(st.one_of(st.none(), st.sampled_from(["Better", "↓"]))),
        "commentary": draw(free_text),
    }
    if draw(st.booleans()):
        fields["value"] = draw(_figures)
        fields["cumulative"] = draw(_cumulatives)
        fields["status"] = draw(figure_statuses)
    else:
        fields["status"] = draw(missing_statuses)
    return fields


observation_fields = _observation_fields()

observations = st.builds(
    lambda reference, period, fields: Observation(measure_ref=reference, period=period, **fields),
    references,
    periods,
    observation_fields,
)


def _targets_in(units: list[str | None]) -> st.SearchStrategy:
    unit = st.sampled_from(units)
    return st.one_of(
        st.builds(ThresholdTarget, value=decimals, unit=unit),
        st.builds(
            lambda pair, u: RangeTarget(low=pair[0], high=pair[1], unit=u), decimal_pairs(), unit
        ),
        st.builds(CumulativeTarget, value=decimals),
        st.just(NotApplicable()),
    )


#: Targets a measure accepts, by its unit: unitless, in its unit or (for days) in weeks.
TARGETS_FOR_UNIT = {
    unit: _targets_in([None, unit, "week"] if unit == "day" else [None, unit])
    for unit in ("count", "percent", "day", "week", "GBP", "hour")
}
_PROFILES = st.one_of(
    st.none(),
    st.sampled_from(
        [Profile.parse("1:1:1:1"), Profile.parse("1:1:2:2"), Profile.parse("0:0:0.5:1.5")]
    ),
)
# Which of the two years' periods a measure has targets for (two years and two quarters)
# and observations for (eight quarters), as sets of indices.
_SETTING_SLOTS = st.sets(st.integers(min_value=0, max_value=3), max_size=3)
_OBSERVATION_SLOTS = st.sets(st.integers(min_value=0, max_value=7), max_size=4)


@st.composite
def scorecards(draw) -> Scorecard:
    """A scorecard that hangs together, in one of the named calendars."""
    calendar = draw(st.sampled_from(NAMED_CALENDARS))
    measure_list = draw(st.lists(measures, min_size=1, max_size=3, unique_by=lambda m: m.reference))
    first = draw(st.integers(min_value=2015, max_value=2025))
    quarters = [
        Period.financial_quarter(year, q, calendar=calendar)
        for year in (first, first + 1)
        for q in (1, 2, 3, 4)
    ]
    years_ = [Period.financial_year(year, calendar=calendar) for year in (first, first + 1)]
    setting_periods = years_ + quarters[:2]
    settings: list[TargetSetting] = []
    found: list[Observation] = []
    for measure in measure_list:
        settings.extend(
            TargetSetting(
                measure_ref=measure.reference,
                period=setting_periods[slot],
                target=draw(TARGETS_FOR_UNIT[measure.unit]),
                profile=draw(_PROFILES),
            )
            for slot in sorted(draw(_SETTING_SLOTS))
        )
        for slot in sorted(draw(_OBSERVATION_SLOTS)):
            fields = draw(observation_fields)
            found.append(
                Observation(measure_ref=measure.reference, period=quarters[slot], **fields)
            )
    return Scorecard(
        title=draw(free_text),
        calendar=calendar,
        measures=tuple(measure_list),
        targets=tuple(settings),
        observations=tuple(found),
    )
